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

// llama.cpp's tensor_type_fallback: a K-quant for rows of `cols` values that
// are no whole number of 256-value super-blocks becomes Q4_K -> Q5_0,
// Q5_K -> Q5_1, Q6_K -> Q8_0 (Gemma 3 1B's 1152-wide rows), F16 when even
// 32-value blocks do not fit.
engine::GgmlType fitToRowLength(engine::GgmlType type, uint64_t cols);

} // namespace modelatlas::tools
