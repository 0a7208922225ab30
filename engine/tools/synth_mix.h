#pragma once
// File types the synth tool writes, and which tensor gets which type in each:
// llama.cpp's quantisation mix (src/llama-quant.cpp, llama_tensor_get_type_impl),
// restricted to the file types written here. core/planner/QuantMix.cpp
// documents the same rules for the planner's size estimates.

#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <span>
#include <string>

namespace modelatlas::tools {

struct SynthFileType {
    const char *name;              // as llama.cpp names it: "Q4_K_M"
    engine::GgmlType base;         // most weight matrices
    uint32_t llamaFtype;           // general.file_type (enum llama_ftype)
    bool moreBitsMix;              // Q4_K_M / Q5_K_M: some attn_v / ffn_down get Q6_K
};

std::span<const SynthFileType> synthFileTypes();
const SynthFileType *findSynthFileType(const std::string &name);

// The type of a 2-D weight `name` in layer `layer` of `nLayers` (layer -1 for
// token_embd / output). `tiedOutput`: token_embd doubles as the output matrix.
engine::GgmlType mixedTensorType(const SynthFileType &ft, const std::string &name, int layer, int nLayers,
                                 bool tiedOutput);

} // namespace modelatlas::tools
