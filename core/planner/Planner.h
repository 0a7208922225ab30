#pragma once

#include "Efficiency.h"
#include "ModelShape.h"
#include "QuantMix.h"
#include "hardware/HardwareProfile.h"
#include "util/Result.h"

#include <QString>

#include <array>
#include <map>
#include <optional>
#include <cstdint>
#include <vector>

namespace ModelAtlas::Planner {

// Weight bytes of one model at one quantization, laid out the way placement
// needs them: per repeating layer (for -ngl offload and pipeline stages) and
// per group (for the breakdown chart).
struct WeightLayout
{
    std::vector<uint64_t> layerBytes;        // every tensor of block l
    std::vector<uint64_t> layerExpertBytes;  // routed-expert part of layerBytes[l] (router excluded)
    std::vector<uint64_t> layerNormBytes;    // 1-D part of layerBytes[l] (replicated under tensor parallel)
    uint64_t embeddingBytes = 0;             // token_embd
    uint64_t outputBytes = 0;                // output (lm_head), output_norm and other non-block tensors
    std::array<uint64_t, size_t(WeightGroup::Count)> byGroup{};
    uint64_t totalBytes = 0;
    double params = 0, activeParams = 0;     // elements; active = per token (k of n experts)
    double embeddingParams = 0;              // token_embd elements: a row lookup, no multiply
    double outputHeadParams = 0;             // output.weight elements (0 when tied to token_embd)
    double expertActiveFraction = 1;         // k / n for routed experts
    bool blockQuantized = false;             // most bytes in GGML block types (decode efficiency class)
    QString source;                          // "GGUF header: file.gguf" or "catalog + Q4_K_M mix"
    QString weightType;                      // "Q4_K_M", a GGUF file's "Q5_0": picks per-quantization efficiencies

    // Elements of the blocks' matrices each token multiplies through (routed
    // experts at their active share), by storage type ("Q4_K", "F16"): a CPU
    // runs each type's own kernel at its own speed. Not the embedding (a row
    // lookup) nor the logits head.
    std::map<QString, double> matmulParamsByType;
    double blockMatmulParams() const;   // their sum
    // Bytes a decode step reads per storage type: every tensor (routed
    // experts at their active share) but an untied embedding, a row lookup.
    std::map<QString, double> readBytesByType;
    // The matrix that turns the last hidden state into logits: output.weight,
    // or token_embd where the model ties them. A prompt needs it only for its
    // last token, so it weighs a 262K-vocabulary model's prefill very differently.
    double logitsHeadParams() const { return outputHeadParams > 0 ? outputHeadParams : embeddingParams; }
};

// From catalog hyper-parameters and a quantization mix (QuantMix.h).
WeightLayout layoutFor(const ModelShape &shape, Quant quant);

enum class KvType { F16, Q8_0, Q4_0 };
const char *kvTypeName(KvType t);
std::optional<KvType> kvTypeByName(const QString &text);
double kvBytesPerElement(KvType t);          // 2, 34/32, 18/32 (ggml block sizes)

// KV-cache bytes one sequence needs per token with every layer at full
// attention (Llama-3.1-8B at F16: 131,072; DeepSeek-V3 MLA: 70,272).
uint64_t kvBytesPerToken(const ModelShape &shape, KvType t);
// KV-cache bytes of one sequence holding `context` tokens; sliding-window
// layers hold at most their window.
uint64_t kvBytesForContext(const ModelShape &shape, KvType t, int64_t context);
bool isLocalLayer(const ModelShape &shape, int layer);

enum class Parallelism { Auto, Tensor, Pipeline };
const char *parallelismName(Parallelism p);

struct Workload
{
    int64_t context = 4096;      // tokens per sequence
    int users = 1;               // concurrent sequences (each its own KV cache)
    int64_t promptTokens = 1024; // for prefill speed and TTFT
    int ubatch = 512;            // tokens per prefill pass (llama.cpp -ub)
    KvType kvType = KvType::F16;
    bool flashAttention = true;
};

struct Deployment
{
    Backend backend = Backend::Auto;
    Parallelism parallelism = Parallelism::Auto;
    int gpuLayers = -1;            // -1: as many as fit (llama.cpp -ngl); else 0..n_layers
    int offloadExperts = -1;       // -1: auto; 0: experts on GPU; 1: routed experts in CPU RAM
    double overheadGiB = -1;       // per GPU runtime overhead; < 0: the backend's default
};

enum class Verdict { Fits, FitsWithOffload, DoesNotFit };
const char *verdictName(Verdict v);

struct DeviceUse
{
    QString name;                  // "GPU 0 (NVIDIA H100 SXM 80GB)", "CPU RAM"
    bool gpu = true;
    uint64_t weights = 0, kvCache = 0, compute = 0, overhead = 0;
    uint64_t capacity = 0;         // usable bytes (after the backend's reserve)
    int firstLayer = 0, layerCount = 0;
    uint64_t total() const { return weights + kvCache + compute + overhead; }
    int64_t headroom() const { return int64_t(capacity) - int64_t(total()); }
};

struct SpeedEstimate
{
    bool known = false;            // false when the GPU lacks bandwidth figures
    double decodeTokS = 0;         // per user, at the plan's context
    double aggregateTokS = 0;      // all users together
    double prefillTokS = 0;
    double ttftSeconds = 0;        // prompt prefill + first decode step
    bool computeBound = false;     // the decode step is limited by FLOPs, not bandwidth
    double cpuAttentionShare = 0;  // the part of the decode step the CPU layers' attention takes (0-1)
    double decodeFixedSeconds = 0; // the decode step's CPU attention and per-layer overhead, which no weight efficiency scales
    double prefillCpuAttentionSeconds = 0;   // the prompt's CPU attention phase, which no weight efficiency scales
    double bytesPerToken = 0;      // bytes one decode step reads
    Efficiency efficiency;
};

// What limits a decode step, in words: "bandwidth bound" or "compute bound",
// and the CPU layers' attention's part of the step where it is 5% or more.
QString decodeBoundText(const SpeedEstimate &s);

struct Plan
{
    Verdict verdict = Verdict::DoesNotFit;
    QString reason;
    Backend backend = Backend::Auto;
    Parallelism parallelism = Parallelism::Auto;
    int tensorParallel = 1, pipelineParallel = 1;
    int gpuLayers = 0, nLayers = 0;
    bool expertsOnCpu = false;
    std::vector<DeviceUse> devices;          // GPUs, then "CPU RAM" when anything lives there
    uint64_t weightBytes = 0, kvBytes = 0;   // totals over devices
    uint64_t kvBytesPerToken = 0;            // per sequence, full-attention layers counted per token
    int64_t headroomBytes = 0;               // smallest headroom over the devices used
    int64_t maxContext = 0;                  // largest context that keeps this verdict (0: none)
    SpeedEstimate speed;
};

struct PlanInput
{
    const ModelShape *shape = nullptr;
    const WeightLayout *layout = nullptr;
    Hardware::HardwareProfile hardware;
    Workload workload;
    Deployment deployment;
    std::optional<Quant> quant;                    // picks the Auto backend (GGUF -> llama.cpp, else vLLM)
    const EfficiencyTable *efficiency = nullptr;   // nullptr: built-in defaults
    bool computeMaxContext = true;
};

// Checks the inputs (nonsense gives a message, never NaN) and plans.
Result<Plan> plan(const PlanInput &in);

// Per-GPU runtime overhead default (CUDA context, cuBLAS/NCCL workspaces,
// CUDA graphs) and the share of device memory the backend lets itself use.
double defaultOverheadGiB(Backend b);
double usableMemoryFraction(Backend b, bool unifiedMemory);
// Compute-buffer bytes per device: a documented function of context, batch,
// hidden, ffn and vocab (see Planner.cpp).
uint64_t computeBufferBytes(const ModelShape &shape, Backend b, const Workload &w);
// The buffers one session of ModelAtlas's own engine allocates (Planner.cpp).
uint64_t modelAtlasSessionBytes(const ModelShape &shape, const Workload &w);
// The device buffers one session of the engine's CUDA backend allocates beside weights and KV cache.
uint64_t modelAtlasCudaScratchBytes(const ModelShape &shape, int64_t context);
// The backend a plan uses when the user leaves it on Auto.
Backend resolveBackend(Backend requested, Quant quant, const Hardware::HardwareProfile &hw);

} // namespace ModelAtlas::Planner
