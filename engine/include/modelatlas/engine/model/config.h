#pragma once
// Hyper-parameters of a supported architecture, read from GGUF metadata
// (`<arch>.block_count`, ...). Plain data: everything the forward pass needs to
// size its buffers and pick its variants.

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/result.h"

#include <cstdint>
#include <string>

namespace modelatlas::engine {

// The feed-forward gate's activation: SwiGLU (silu) or Gemma's GeGLU (GELU, tanh form).
enum class FfnActivation { Silu, GeluTanh };

struct Config {
    std::string architecture;   // general.architecture: "llama", "qwen2", "qwen3", "phi3", "gemma3"
    std::string name;           // general.name (may be empty)
    int nLayers = 0;            // block_count
    int dim = 0;                // embedding_length
    int nHeads = 0;             // attention.head_count
    int nKvHeads = 0;           // attention.head_count_kv (GQA: nHeads is a multiple)
    int headDim = 0;            // attention.key_length, else dim / nHeads
    int hiddenDim = 0;          // feed_forward_length
    int vocabSize = 0;          // token_embd rows (tokenizer.ggml.tokens when present must agree)
    int contextLength = 0;      // context_length: the trained maximum
    int ropeDim = 0;            // rope.dimension_count, else headDim
    float ropeFreqBase = 10000.0f;   // rope.freq_base
    float ropeFreqScale = 1.0f;      // 1 / rope.scaling.factor of linear scaling (gemma3 4B+); local layers: 1
    float ropeFreqBaseLocal = 10000.0f;   // gemma3 sliding-window layers: rope.freq_base_swa
    float normEps = 1e-5f;      // attention.layer_norm_rms_epsilon
    cpu::RopeStyle ropeStyle = cpu::RopeStyle::Normal;
    bool qkvBias = false;       // qwen2: biases on q, k, v
    bool qkNorm = false;        // qwen3: RMS norm of each q and k head before RoPE
    bool tiedEmbeddings = false;// no output.weight: the logits reuse token_embd
    bool scaleEmbeddings = false;   // gemma3: token embeddings times sqrt(dim)
    bool postNorms = false;     // gemma3: RMS norms on the attention and FFN outputs before each residual add
    FfnActivation ffnActivation = FfnActivation::Silu;
    float attentionScale = 0.0f;    // scores times this: 1/sqrt(headDim), gemma3 27B 1/sqrt(dim/nHeads)
    int slidingWindow = 0;      // attention.sliding_window, 0 when absent
    // gemma3: layer l attends to its last slidingWindow positions when
    // l % period < period - 1 (attention.sliding_window_pattern, default 6).
    // 0 with a window (phi3): no layer is windowed, contexts are capped at it.
    int slidingWindowPeriod = 0;
    int bosToken = -1;          // tokenizer.ggml.bos_token_id, -1 when absent
    int eosToken = -1;          // tokenizer.ggml.eos_token_id
    int eotToken = -1;          // tokenizer.ggml.eot_token_id (chat end of turn)

    int qDim() const { return nHeads * headDim; }
    int kvDim() const { return nKvHeads * headDim; }
    bool isLocalLayer(int layer) const
    {
        return slidingWindowPeriod > 0 && layer % slidingWindowPeriod < slidingWindowPeriod - 1;
    }
};

// The architectures this engine runs; "llama" also covers Llama 2/3.x,
// Mistral and TinyLlama (same tensors and hyper-parameters); "phi3" is Phi-3/3.5
// mini and medium with fused attn_qkv / ffn_up (not the 128k LongRoPE variants);
// "gemma3" the Gemma 3 text models (1B, and the 4B-27B language towers).
bool isSupportedArchitecture(const std::string &arch);

// Reads and checks the hyper-parameters; errors name the file and the key, and
// an unsupported architecture is refused by name.
Result<Config> readConfig(const GgufFile &file);

} // namespace modelatlas::engine
