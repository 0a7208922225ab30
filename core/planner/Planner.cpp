#include "Planner.h"

#include "modelatlas/engine/runtime/run_state.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ModelAtlas::Planner {

namespace {

// The translation context of the verdicts and input errors the Planner page
// shows (lupdate reads the macro; the CLI installs no translator: English).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Planner::Planner)
};

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr int64_t kMaxContext = int64_t(1) << 24;       // 16M tokens
constexpr int kMaxUsers = 100000;
// Host memory bandwidth when the profile does not state one: dual-channel
// DDR5-4800 peaks at 76.8 GB/s; 60 GB/s is what a desktop sustains.
constexpr double kDefaultCpuBandwidthGBs = 60.0;
// PCIe 4.0 x16 effective, for llama.cpp copying CPU-resident layers to the
// GPU during large-batch prefill.
constexpr double kPcieGBs = 25.0;
// FP32 FMA per core per second: 2 x 8-wide AVX2 FMA x 2 flops x ~3 GHz.
constexpr double kCpuFlopsPerCore = 96e9;
// Resident memory of an atlas-bench process beside the model file, KV cache
// and session buffers: 7.68 MB peak for the 1.07 MB aidreams260K file with
// 2.59 MB of session state (`atlas-bench aidreams260K-F32.gguf -p 16 -n 16
// -t 2 --json` on the development VM), so ~4 MiB of code, libraries and stacks.
constexpr double kModelAtlasCpuOverheadGiB = 4.0 / 1024.0;

bool finitePositive(double v) { return std::isfinite(v) && v > 0; }

} // namespace

// --- weights ------------------------------------------------------------------

WeightLayout layoutFor(const ModelShape &shape, Quant quant)
{
    WeightLayout w;
    const int n = std::max(shape.nLayers, 0);
    w.layerBytes.assign(size_t(n), 0);
    w.layerExpertBytes.assign(size_t(n), 0);
    w.layerNormBytes.assign(size_t(n), 0);
    w.expertActiveFraction = shape.isMoe() ? double(shape.moe->expertsPerToken) / double(shape.moe->nExperts) : 1.0;
    uint64_t blockBytes = 0;
    double expertElements = 0;
    for (const TensorDesc &t : shape.tensors()) {
        const Storage s = storageFor(quant, t, shape);
        const uint64_t b = storageBytes(s, t);
        w.byGroup[size_t(groupOf(t.cls))] += b;
        w.totalBytes += b;
        w.params += double(t.elements());
        if (s != Storage::F32 && s != Storage::F16 && s != Storage::BF16 && s != Storage::FP8)
            blockBytes += b;
        if (t.layer >= 0 && t.layer < n) {
            w.layerBytes[size_t(t.layer)] += b;
            const bool expert = t.cls == TensorClass::ExpertGate || t.cls == TensorClass::ExpertUp || t.cls == TensorClass::ExpertDown;
            if (expert) {
                w.layerExpertBytes[size_t(t.layer)] += b;
                expertElements += double(t.elements());
            }
            if (t.cls == TensorClass::Norm)
                w.layerNormBytes[size_t(t.layer)] += b;
            else
                w.matmulParamsByType[QLatin1String(storageName(s))] += double(t.elements()) * (expert ? w.expertActiveFraction : 1.0);
            w.readBytesByType[QLatin1String(storageName(s))] += double(b) * (expert ? w.expertActiveFraction : 1.0);
        } else if (t.cls == TensorClass::TokenEmbedding) {
            w.embeddingBytes += b;
            w.embeddingParams += double(t.elements());
            if (shape.tiedEmbeddings)
                w.readBytesByType[QLatin1String(storageName(s))] += double(b);
        } else {
            w.readBytesByType[QLatin1String(storageName(s))] += double(b);
            w.outputBytes += b;
            if (t.cls == TensorClass::Output)
                w.outputHeadParams += double(t.elements());
        }
    }
    w.activeParams = w.params - expertElements * (1.0 - w.expertActiveFraction);
    w.blockQuantized = blockBytes * 2 > w.totalBytes;
    w.source = Text::tr("catalog hyper-parameters + %1 mix").arg(QLatin1String(quantInfo(quant).name));
    w.weightType = QString::fromLatin1(quantInfo(quant).name);
    return w;
}

double WeightLayout::blockMatmulParams() const
{
    double sum = 0;
    for (const auto &[type, elements] : matmulParamsByType)
        sum += elements;
    return sum;
}

// --- KV cache -------------------------------------------------------------------

const char *kvTypeName(KvType t)
{
    switch (t) {
    case KvType::F16: return "f16";
    case KvType::Q8_0: return "q8_0";
    case KvType::Q4_0: return "q4_0";
    }
    return "f16";
}

std::optional<KvType> kvTypeByName(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("f16") || t == QLatin1String("fp16") || t == QLatin1String("bf16") || t == QLatin1String("auto"))
        return KvType::F16;
    if (t == QLatin1String("q8_0") || t == QLatin1String("q8") || t == QLatin1String("fp8")) return KvType::Q8_0;
    if (t == QLatin1String("q4_0") || t == QLatin1String("q4")) return KvType::Q4_0;
    return std::nullopt;
}

double kvBytesPerElement(KvType t)
{
    switch (t) {
    case KvType::F16: return 2.0;
    case KvType::Q8_0: return 34.0 / 32.0;   // block_q8_0: F16 scale + 32 int8
    case KvType::Q4_0: return 18.0 / 32.0;   // block_q4_0: F16 scale + 16 bytes of nibbles
    }
    return 2.0;
}

bool isLocalLayer(const ModelShape &shape, int layer)
{
    if (!shape.swa || shape.swa->localLayers <= 0)
        return false;
    const int global = shape.nLayers - shape.swa->localLayers;
    if (global <= 0)
        return true;
    // Gemma 3 (5 local : 1 global): layers 5, 11, 17 ... are global;
    // gpt-oss (1:1): every second layer.
    const int period = std::max(1, shape.nLayers / global);
    return (layer + 1) % period != 0;
}

QString decodeBoundText(const SpeedEstimate &s)
{
    QString text = s.computeBound ? QStringLiteral("compute bound") : QStringLiteral("bandwidth bound");
    if (s.cpuAttentionShare >= 0.05)
        text += QStringLiteral("; attention on the CPU: %1% of each step").arg(qRound(s.cpuAttentionShare * 100));
    return text;
}

namespace {
// Attention FLOPs of one token in layer `layer` against `cached` tokens (QK^T
// and AV: 4 x heads x head_dim per token it sees; a sliding-window layer sees
// at most its window).
double attentionFlops(const ModelShape &shape, int layer, double cached)
{
    const double seen = isLocalLayer(shape, layer) ? std::min(cached, double(shape.swa->window)) : cached;
    return 4.0 * shape.nHeads * shape.headDim * seen;
}
} // namespace

uint64_t kvBytesPerToken(const ModelShape &shape, KvType t)
{
    return uint64_t(std::llround(double(shape.kvElementsPerTokenPerLayer()) * kvBytesPerElement(t) * shape.nLayers));
}

namespace {

// The cache of layer `layer` at `context`; a sliding-window layer holds
// `windowPositions` (llama.cpp and vLLM: the window; see windowPositionsHeld).
double kvLayerBytes(const ModelShape &shape, KvType t, int layer, int64_t context, int64_t windowPositions)
{
    const int64_t tokens = isLocalLayer(shape, layer) ? windowPositions : context;
    return double(shape.kvElementsPerTokenPerLayer()) * kvBytesPerElement(t) * double(tokens);
}

int64_t windowOf(const ModelShape &shape, int64_t context)
{
    return shape.swa ? std::min<int64_t>(context, shape.swa->window) : context;
}

} // namespace

uint64_t kvBytesForContext(const ModelShape &shape, KvType t, int64_t context)
{
    double sum = 0;
    for (int l = 0; l < shape.nLayers; ++l)
        sum += kvLayerBytes(shape, t, l, context, windowOf(shape, context));
    return uint64_t(std::llround(sum));
}

// --- backends ---------------------------------------------------------------------

const char *parallelismName(Parallelism p)
{
    switch (p) {
    case Parallelism::Auto: return "auto";
    case Parallelism::Tensor: return "tensor";
    case Parallelism::Pipeline: return "pipeline";
    }
    return "auto";
}

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Fits: return "fits";
    case Verdict::FitsWithOffload: return "fits with offload";
    case Verdict::DoesNotFit: return "does not fit";
    }
    return "does not fit";
}

// The session buffers of ModelAtlas's own engine (engine/runtime/run_state.h),
// allocated once per session: F32 rows of `ubatch` tokens for the residual,
// normed input, q, k, v, attention output, gate and up (2 x hidden + 2 x q +
// 2 x kv + 2 x ffn) and the RoPE tables; one row of logits; per-thread
// attention scores (context) and value-mix lanes (32 x head_dim); and the
// activations quantised to 8-bit blocks (34 B per 32 values) for q/k/v and
// gate/up (hidden), wo (q) and the down projection (ffn).
uint64_t modelAtlasSessionBytes(const ModelShape &shape, const Workload &w)
{
    const double rows = std::max(1, w.ubatch);
    const double q = double(shape.nHeads) * shape.headDim;
    const double kv = double(shape.nKvHeads) * shape.headDim;
    const double threads = 8;   // the per-thread scratch is small; a generous count
    const double f32 = 4.0 * (rows * (2.0 * shape.hidden + 2.0 * q + 2.0 * kv + 2.0 * shape.ffn + shape.headDim)
                              + shape.vocab + threads * (double(std::max<int64_t>(w.context, 1)) + 32.0 * shape.headDim));
    const double quantised = rows * (shape.hidden + q + shape.ffn) * 34.0 / 32.0;
    return uint64_t(f32 + quantised);
}

// The prompt batch of the engine's CUDA backend (engine/src/cuda/cuda_backend.cpp kMaxBatch).
constexpr int kModelAtlasCudaBatch = 64;

// The device buffers of the engine's CUDA backend (engine/src/cuda/cuda_backend.cpp),
// allocated once per session: F32 rows of a 64-token prompt batch for the
// residual, normed input, q, k, v, attention output, gate and up; the batch's
// widest matmul input as 8-bit Q8_0 (34 B per 32) and Q8_K (292 B per 256)
// blocks; one row of logits; and split-KV attention's partial results,
// (head_dim + 2) floats per head and 256-position slice of the context, for as
// many of the batch's tokens as fit in 64 MiB, but for at least the 9 tokens
// of the tensor-core prompt attention where it takes the heads (64, 96 or 128).
uint64_t modelAtlasCudaScratchBytes(const ModelShape &shape, int64_t context)
{
    constexpr double kBatch = kModelAtlasCudaBatch, kSlice = 256, kPartialsBudget = 64.0 * 1024 * 1024;
    constexpr double kTiledMinTokens = 9;
    const double q = double(shape.nHeads) * shape.headDim;
    const double kv = double(shape.nKvHeads) * shape.headDim;
    const double rows = 4.0 * kBatch * (2.0 * shape.hidden + 2.0 * q + 2.0 * kv + 2.0 * shape.ffn);
    const double widest = std::max({double(shape.hidden), q, double(shape.ffn)});
    const double eightBit = kBatch * (std::floor(widest / 32) * 34 + std::floor(widest / 256) * 292);
    const double slices = std::ceil(double(std::max<int64_t>(context, 1)) / kSlice);
    const double partialsPerToken = 4.0 * shape.nHeads * slices * (shape.headDim + 2.0);
    const bool tiled = shape.headDim == 64 || shape.headDim == 96 || shape.headDim == 128;
    const double tokens = std::clamp(std::floor(kPartialsBudget / partialsPerToken), tiled ? kTiledMinTokens : 1.0,
                                     kBatch);
    return uint64_t(rows + eightBit + 4.0 * double(shape.vocab) + tokens * partialsPerToken);
}

double defaultOverheadGiB(Backend b)
{
    switch (b) {
    // CUDA context (~300-500 MiB on Ampere/Hopper as nvidia-smi shows for an
    // idle process) plus cuBLAS workspace: 0.5 GiB.
    case Backend::LlamaCppCuda: case Backend::Auto: return 0.5;
    // vLLM: CUDA context, CUDA graphs (captured for 67 batch sizes) and NCCL
    // buffers: 1.5 GiB on top of gpu_memory_utilization's reserve.
    case Backend::Vllm: return 1.5;
    case Backend::LlamaCppMetal: return 0.25;
    case Backend::LlamaCppCpu: return 0.25;
    // ModelAtlas's engine: the process itself (code, libc, thread stacks),
    // measured as the resident size beside the weights, KV cache and buffers.
    case Backend::ModelAtlasCpu: return kModelAtlasCpuOverheadGiB;
    // ModelAtlas's CUDA backend: the CUDA context and kernel modules, no cuBLAS
    // workspace; llama.cpp's 0.5 GiB bounds it until a GPU run measures it
    // (atlas-bench's device_used_bytes less the ledger).
    case Backend::ModelAtlasCuda: return 0.5;
    }
    return 0.5;
}

double usableMemoryFraction(Backend b, bool unifiedMemory)
{
    // Apple: Metal's recommendedMaxWorkingSetSize is ~70-78% of unified memory.
    if (unifiedMemory)
        return 0.75;
    // vLLM: --gpu-memory-utilization defaults to 0.9.
    if (b == Backend::Vllm)
        return 0.90;
    return 1.0;
}

uint64_t computeBufferBytes(const ModelShape &shape, Backend b, const Workload &w)
{
    if (b == Backend::ModelAtlasCpu)
        return modelAtlasSessionBytes(shape, w);
    if (b == Backend::ModelAtlasCuda)
        return modelAtlasCudaScratchBytes(shape, w.context);
    // Worst-case graph the runtime reserves for one prefill pass of `ubatch`
    // tokens, all F32:
    //   logits     4 B x vocab x rows   (llama.cpp reserves ubatch rows; vLLM
    //                                   computes logits for one token per sequence)
    //   activations 4 B x ubatch x (4 x hidden + 2 x ffn_active)
    //              (residual, norm output, q/attention output, FFN gate and up)
    //   attention  4 B x ubatch x n_heads x ctx for the KQ matrix without flash
    //              attention; with it, 4 B x ubatch x n_heads x 256 tiles.
    const double ubatch = std::max(1, w.ubatch);
    const double rows = b == Backend::Vllm ? std::min<double>(std::max(1, w.users), ubatch) : ubatch;
    double ffnActive = shape.ffn;
    if (shape.isMoe())
        ffnActive = std::max<double>(ffnActive, double(shape.moe->expertFfn) * (shape.moe->expertsPerToken + shape.moe->sharedExperts));
    const double logits = 4.0 * shape.vocab * rows;
    const double act = 4.0 * ubatch * (4.0 * shape.hidden + 2.0 * ffnActive);
    const double attn = 4.0 * ubatch * shape.nHeads * (w.flashAttention ? 256.0 : double(std::max<int64_t>(w.context, 1)));
    return uint64_t(logits + act + attn);
}

Backend resolveBackend(Backend requested, Quant quant, const Hardware::HardwareProfile &hw)
{
    if (requested != Backend::Auto)
        return requested;
    if (hw.totalGpus() <= 0)
        return Backend::LlamaCppCpu;
    if (hw.gpu.unifiedMemory || hw.gpu.vendor.compare(QLatin1String("Apple"), Qt::CaseInsensitive) == 0)
        return Backend::LlamaCppMetal;
    return quantInfo(quant).gguf && quant != Quant::BF16 ? Backend::LlamaCppCuda : Backend::Vllm;
}

// --- placement --------------------------------------------------------------------

namespace {

struct Placement
{
    int tp = 1, pp = 1;            // GPUs = tp x pp
    int gpuLayers = 0;             // the last gpuLayers blocks live on GPUs (llama.cpp order)
    bool expertsOnCpu = false;
};

struct Context
{
    const ModelShape &shape;
    const WeightLayout &layout;
    const Hardware::HardwareProfile &hw;
    const Workload &wl;
    Backend backend;
    double overheadBytes;
    double gpuCapacity;            // usable bytes per GPU
    double ramCapacity;            // bytes (0: unknown / none)
    uint64_t computeBytes;
    QString quant;                 // "Q4_K_M"; empty when unknown
};

bool embeddingsOnGpu(Backend b) { return b == Backend::Vllm; }   // llama.cpp keeps token_embd in host memory
// Positions a sliding-window layer's cache holds at `context`: llama.cpp and
// vLLM keep the window; the app's CPU engine a ring of the window and a batch
// (engine/runtime/run_state.h WindowRing, which it reads only the window of);
// its CUDA backend the same ring for its 64-token batches, without the mirror.
int64_t windowPositionsHeld(const Context &c, int64_t context)
{
    const bool cuda = c.backend == Backend::ModelAtlasCuda;
    if ((cuda || c.backend == Backend::ModelAtlasCpu) && c.shape.swa) {
        const int ctx = int(std::min<int64_t>(context, std::numeric_limits<int>::max()));
        const auto ring = modelatlas::engine::windowRing(c.shape.swa->window, cuda ? kModelAtlasCudaBatch : c.wl.ubatch, ctx);
        if (ring.ring == 0)
            return context;
        return cuda ? ring.ring : ring.length();
    }
    return windowOf(c.shape, context);
}

double kvShare(const ModelShape &s, int tp)
{
    if (tp <= 1 || s.mla)
        return 1.0;   // MLA's latent is replicated on every tensor-parallel rank
    // vLLM: max(1, n_kv / tp) heads per rank; fewer KV heads than ranks replicate.
    return s.nKvHeads >= tp ? 1.0 / tp : 1.0 / s.nKvHeads;
}

// Fills `out` with each device's memory at `context`; true when all fit.
bool evaluate(const Context &c, const Placement &p, int64_t context, std::vector<DeviceUse> *out)
{
    const int n = c.shape.nLayers;
    const int gpus = p.tp * p.pp;
    const int firstGpuLayer = n - p.gpuLayers;
    const double users = std::max(1, c.wl.users);
    const double share = kvShare(c.shape, p.tp);
    const bool allOnGpu = gpus > 0 && p.gpuLayers == n;
    bool fits = true;

    double cpuWeights = embeddingsOnGpu(c.backend) && gpus > 0 ? 0.0 : double(c.layout.embeddingBytes);
    double cpuKv = 0;
    if (!allOnGpu)
        cpuWeights += double(c.layout.outputBytes);

    const int stages = gpus > 0 ? p.pp : 0;
    const int perStage = stages > 0 ? (p.gpuLayers + stages - 1) / stages : 0;
    int layer = 0;
    for (; layer < firstGpuLayer; ++layer) {
        cpuWeights += double(c.layout.layerBytes[size_t(layer)]);
        cpuKv += kvLayerBytes(c.shape, c.wl.kvType, layer, context, windowPositionsHeld(c, context)) * users;
    }
    for (int s = 0; s < stages; ++s) {
        const int begin = firstGpuLayer + s * perStage;
        const int end = std::min(n, begin + perStage);
        double w = 0, kv = 0;
        for (int l = begin; l < end; ++l) {
            double sharded = double(c.layout.layerBytes[size_t(l)] - c.layout.layerNormBytes[size_t(l)]);
            if (p.expertsOnCpu) {
                sharded -= double(c.layout.layerExpertBytes[size_t(l)]);
                cpuWeights += double(c.layout.layerExpertBytes[size_t(l)]);
            }
            w += sharded / p.tp + double(c.layout.layerNormBytes[size_t(l)]);
            kv += kvLayerBytes(c.shape, c.wl.kvType, l, context, windowPositionsHeld(c, context)) * users * share;
        }
        if (s == 0 && embeddingsOnGpu(c.backend))
            w += double(c.layout.embeddingBytes) / p.tp;
        if (s == stages - 1 && allOnGpu)
            w += double(c.layout.outputBytes) / p.tp;
        const double compute = double(c.computeBytes);
        for (int r = 0; r < p.tp; ++r) {
            DeviceUse d;
            d.gpu = true;
            d.weights = uint64_t(w);
            d.kvCache = uint64_t(kv);
            d.compute = uint64_t(compute);
            d.overhead = uint64_t(c.overheadBytes);
            d.capacity = uint64_t(c.gpuCapacity);
            d.firstLayer = begin;
            d.layerCount = std::max(0, end - begin);
            if (d.total() > d.capacity)
                fits = false;
            if (out) {
                d.name = QStringLiteral("GPU %1 (%2)").arg(s * p.tp + r).arg(c.hw.gpu.name.isEmpty() ? c.hw.gpu.id : c.hw.gpu.name);
                out->push_back(d);
            }
        }
    }
    const bool cpuUsed = cpuWeights > 0 || cpuKv > 0 || gpus == 0;
    if (cpuUsed) {
        DeviceUse d;
        d.name = QStringLiteral("CPU RAM");
        d.gpu = false;
        d.weights = uint64_t(cpuWeights);
        d.kvCache = uint64_t(cpuKv);
        // Host compute buffer when layers run on the CPU; the mapped embedding
        // alone needs none.
        const bool cpuComputes = gpus == 0 || firstGpuLayer > 0 || p.expertsOnCpu;
        d.compute = cpuComputes ? c.computeBytes : 0;
        d.overhead = gpus == 0 ? uint64_t(c.overheadBytes) : 0;
        d.capacity = uint64_t(c.ramCapacity);
        d.firstLayer = 0;
        d.layerCount = firstGpuLayer;
        // With no RAM size given, a memory-mapped token_embd alone (llama.cpp's
        // CPU_Mapped buffer) is not held against the plan; offloaded layers are.
        const bool ramUnknownButMappedOnly = c.ramCapacity <= 0 && !cpuComputes && cpuKv == 0;
        if (d.total() > d.capacity && !ramUnknownButMappedOnly)
            fits = false;
        if (out)
            out->push_back(d);
    }
    return fits;
}

SpeedEstimate estimateSpeed(const Context &c, const Placement &p, int64_t context, const Efficiency &eff,
                            const Efficiency &cpuEff)
{
    SpeedEstimate sp;
    sp.efficiency = eff;
    const int n = c.shape.nLayers;
    const int gpus = p.tp * p.pp;
    const double bw = c.hw.gpu.bandwidthGBs * 1e9;
    const double tflops = c.hw.gpu.fp16Tflops * 1e12;
    const double cpuBw = (finitePositive(c.hw.cpuBandwidthGBs) ? c.hw.cpuBandwidthGBs : kDefaultCpuBandwidthGBs) * 1e9;
    const double cpuFlops = double(c.hw.cpuCores > 0 ? c.hw.cpuCores : 8) * kCpuFlopsPerCore;
    if (gpus > 0 && !finitePositive(bw))
        return sp;   // unknown bandwidth: no speed rather than a made-up one

    const double users = std::max(1, c.wl.users);
    const double weightEff = eff.decodeFor(c.quant, c.layout.blockQuantized, c.layout.readBytesByType);
    const double cpuWeightEff = cpuEff.decodeFor(c.quant, c.layout.blockQuantized, c.layout.readBytesByType);
    // Routed experts a decode step touches with `users` sequences batched:
    // each expert is missed by one token with probability 1 - k/n.
    const double touched = 1.0 - std::pow(1.0 - c.layout.expertActiveFraction, users);
    const int firstGpuLayer = n - p.gpuLayers;
    const double share = kvShare(c.shape, p.tp);

    // Per layer: its weights and KV cache read per token, and its attention FLOPs.
    double gpuWeightBytes = 0, gpuKvBytes = 0, cpuWeightBytes = 0, cpuKvBytes = 0;
    double gpuAttnFlops = 0, cpuAttnFlops = 0;
    int cpuLayers = 0;
    for (int l = 0; l < n; ++l) {
        const double expert = double(c.layout.layerExpertBytes[size_t(l)]);
        const double dense = double(c.layout.layerBytes[size_t(l)]) - expert;
        const double kv = kvLayerBytes(c.shape, c.wl.kvType, l, context, windowOf(c.shape, context)) * users;
        const bool onGpu = gpus > 0 && l >= firstGpuLayer;
        (onGpu ? gpuWeightBytes : cpuWeightBytes) += dense;
        ((onGpu && !p.expertsOnCpu) ? gpuWeightBytes : cpuWeightBytes) += expert * touched;
        (onGpu ? gpuKvBytes : cpuKvBytes) += kv;
        (onGpu ? gpuAttnFlops : cpuAttnFlops) += attentionFlops(c.shape, l, double(context));
        cpuLayers += onGpu ? 0 : 1;
    }
    // A tied model's output projection is the token embedding: read in full every token.
    const double outputRead = double(c.layout.outputBytes) + (c.shape.tiedEmbeddings ? double(c.layout.embeddingBytes) : 0.0);
    (gpus > 0 && p.gpuLayers == n ? gpuWeightBytes : cpuWeightBytes) += outputRead;
    sp.bytesPerToken = gpuWeightBytes + gpuKvBytes + cpuWeightBytes + cpuKvBytes;

    // Tensor parallel: every rank reads its shard at once, paying an
    // all-reduce per layer (NVLink ~10%, PCIe ~25% of the step). Pipeline
    // stages run one after the other for a single sequence.
    const double tpPenalty = p.tp > 1 ? (c.hw.interconnect.contains(QLatin1String("nvlink"), Qt::CaseInsensitive) ? 1.10 : 1.25) : 1.0;
    double memTime = 0;
    if (gpus > 0)
        memTime += (gpuWeightBytes / weightEff + gpuKvBytes * share * p.tp / eff.decode16) / p.tp / bw * tpPenalty;
    memTime += cpuWeightBytes / (cpuBw * cpuWeightEff);

    // FLOPs of one decode step: 2 per weight the token multiplies through
    // (blocks and logits head; the embedding is a lookup) plus the GPU
    // layers' attention.
    const double flopsPerToken = 2.0 * (c.layout.blockMatmulParams() + c.layout.logitsHeadParams()) + gpuAttnFlops;
    const double peakFlops = gpus > 0 && finitePositive(tflops) ? tflops * gpus : (gpus == 0 ? cpuFlops : 0);
    const double prefillEff = (gpus > 0 ? eff : cpuEff).prefillFor(c.quant, c.layout.matmulParamsByType);
    const double computeTime = peakFlops > 0 ? users * flopsPerToken / (peakFlops * prefillEff) : 0;
    // The CPU layers' attention is a phase of its own after their weights:
    // reading the cache, or its arithmetic at the CPU's attention rate,
    // whichever is longer. Measured on the CPU engine, a 1B model's decode
    // step grows by 16 ms from 0 to 4096 cached tokens where reading the
    // cache alone would take 4 ms (docs/PERFORMANCE.md, "Session 15").
    const double cpuAttnTime = std::max(cpuKvBytes / (cpuBw * cpuEff.decode16),
                                        users * cpuAttnFlops / (cpuFlops * cpuEff.cpuAttentionDecode));
    const double fixed = cpuAttnTime + cpuLayers * cpuEff.cpuLayerOverheadSeconds;
    const double step = std::max(memTime, computeTime) + fixed;
    if (!finitePositive(step))
        return sp;
    sp.computeBound = computeTime > memTime;
    sp.cpuAttentionShare = cpuAttnTime / step;
    sp.decodeFixedSeconds = fixed;
    sp.decodeTokS = 1.0 / step;
    sp.aggregateTokS = users / step;

    // Prefill of one prompt: compute roofline over its tokens (attention
    // grows with the tokens already seen: mean context P/2) against one read
    // of the weights per ubatch pass; CPU-resident layers' weights go over
    // PCIe, their attention runs on the CPU.
    const double prompt = double(std::max<int64_t>(c.wl.promptTokens, 1));
    double gpuAttnPrefill = 0, cpuAttnPrefill = 0;
    for (int l = 0; l < n; ++l) {
        const bool onGpu = gpus > 0 && l >= firstGpuLayer;
        (onGpu ? gpuAttnPrefill : cpuAttnPrefill) += attentionFlops(c.shape, l, prompt / 2) * prompt;
    }
    // Only the prompt's last token goes through the logits head (llama.cpp
    // and this app's engine both skip the others' logits).
    const double prefillFlops = 2.0 * (c.layout.blockMatmulParams() * prompt + c.layout.logitsHeadParams()) + gpuAttnPrefill;
    const double passes = std::ceil(prompt / std::max(1, c.wl.ubatch));
    const double allGpuWeights = gpus > 0 ? double(c.layout.totalBytes - c.layout.embeddingBytes) - cpuWeightBytes : 0;
    double prefillTime = 0;
    if (peakFlops > 0)
        prefillTime = prefillFlops / (peakFlops * prefillEff);
    if (gpus > 0)
        prefillTime = std::max(prefillTime, passes * allGpuWeights / p.tp / (bw * weightEff));
    if (gpus > 0 && cpuWeightBytes > 0)
        prefillTime += passes * cpuWeightBytes / (kPcieGBs * 1e9);
    // The CPU layers' attention: a phase of its own at the CPU's attention
    // rate for prompts (a 1B model's 4096-token prompt: 38% of its time).
    sp.prefillCpuAttentionSeconds = cpuAttnPrefill / (cpuFlops * cpuEff.cpuAttentionPrefill);
    prefillTime += sp.prefillCpuAttentionSeconds;
    if (!finitePositive(prefillTime))
        return sp;
    sp.prefillTokS = prompt / prefillTime;
    // TTFT: the prompt's prefill plus one single-sequence decode step.
    sp.ttftSeconds = prefillTime + 1.0 / std::max(sp.decodeTokS, 1e-9);
    sp.known = std::isfinite(sp.decodeTokS) && std::isfinite(sp.prefillTokS) && std::isfinite(sp.ttftSeconds);
    if (!sp.known)
        sp = SpeedEstimate{};
    return sp;
}

int64_t findMaxContext(const Context &c, const Placement &p, int64_t cap)
{
    if (!evaluate(c, p, 1, nullptr))
        return 0;
    int64_t lo = 1, hi = cap;
    if (evaluate(c, p, hi, nullptr))
        return hi;
    while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        (evaluate(c, p, mid, nullptr) ? lo : hi) = mid;
    }
    return lo;
}

} // namespace

Result<Plan> plan(const PlanInput &in)
{
    using R = Result<Plan>;
    if (!in.shape || !in.layout)
        return R::failure(Text::tr("No model to plan."));
    const ModelShape &shape = *in.shape;
    const WeightLayout &layout = *in.layout;
    if (const Status st = shape.validate(); !st)
        return R::failure(st.error());
    if (layout.layerBytes.size() != size_t(shape.nLayers) || layout.totalBytes == 0)
        return R::failure(Text::tr("%1: the model has no weights to plan.").arg(shape.id));
    const Workload &wl = in.workload;
    if (wl.context < 1 || wl.context > kMaxContext)
        return R::failure(Text::tr("Context must be between 1 and %1 tokens (got %2).").arg(kMaxContext).arg(wl.context));
    if (wl.users < 1 || wl.users > kMaxUsers)
        return R::failure(Text::tr("Concurrent users must be between 1 and %1 (got %2).").arg(kMaxUsers).arg(wl.users));
    if (wl.promptTokens < 0 || wl.promptTokens > kMaxContext)
        return R::failure(Text::tr("Prompt length must be between 0 and %1 tokens.").arg(kMaxContext));
    if (wl.ubatch < 1 || wl.ubatch > 65536)
        return R::failure(Text::tr("Micro-batch must be between 1 and 65536 tokens."));
    const auto &hw = in.hardware;
    if (hw.gpuCount < 0 || hw.gpuCount > 64 || hw.nodes < 1 || hw.nodes > 1024)
        return R::failure(Text::tr("GPU count must be 0-64 per node on 1-1024 nodes."));
    if (hw.totalGpus() > 0 && !(finitePositive(hw.gpu.memoryGiB) && hw.gpu.memoryGiB < 1e5))
        return R::failure(Text::tr("GPU %1 has no usable memory size.").arg(hw.gpu.name.isEmpty() ? hw.gpu.id : hw.gpu.name));
    if (!std::isfinite(hw.systemRamGiB) || hw.systemRamGiB < 0 || hw.systemRamGiB > 1e6)
        return R::failure(Text::tr("System RAM must be between 0 and 1,000,000 GiB."));
    if (!std::isfinite(hw.gpu.bandwidthGBs) || hw.gpu.bandwidthGBs < 0 || !std::isfinite(hw.gpu.fp16Tflops)
        || hw.gpu.fp16Tflops < 0)
        return R::failure(Text::tr("GPU bandwidth and TFLOPS must be positive numbers."));
    const Deployment &dep = in.deployment;
    if (dep.gpuLayers > shape.nLayers)
        return R::failure(Text::tr("--gpu-layers %1 exceeds the model's %2 layers.").arg(dep.gpuLayers).arg(shape.nLayers));
    if (!std::isfinite(dep.overheadGiB) || dep.overheadGiB > 1024)
        return R::failure(Text::tr("Runtime overhead must be between 0 and 1024 GiB."));

    // The quant only matters for the backend choice; without one, infer it from the layout.
    const Quant quantHint = in.quant ? *in.quant : layout.blockQuantized ? Quant::Q4_K_M : Quant::F16;
    Backend backend = dep.backend;
    if (backend == Backend::Auto)
        backend = resolveBackend(Backend::Auto, quantHint, hw);
    if (backend == Backend::ModelAtlasCpu && hw.totalGpus() > 0)
        return R::failure(QStringLiteral("The modelatlas-cpu backend (this app's own engine) runs on the CPU only; "
                                         "plan it without GPUs (--gpu cpu)."));
    if (backend == Backend::ModelAtlasCuda && hw.totalGpus() > 1)
        return R::failure(Text::tr("The modelatlas-cuda backend (this app's own engine) runs on one GPU; "
                                   "plan it with a single GPU."));
    // The app's own engine keeps K and V in F16 or Q8_0 blocks of 32 (engine/runtime/kv_cache_type.h).
    if (backend == Backend::ModelAtlasCpu || backend == Backend::ModelAtlasCuda) {
        if (wl.kvType == KvType::Q4_0)
            return R::failure(Text::tr("The %1 backend (this app's own engine) caches K and V as f16 or q8_0, not q4_0.")
                                  .arg(QString::fromLatin1(backendId(backend))));
        if (wl.kvType == KvType::Q8_0 && shape.headDim % 32 != 0)
            return R::failure(Text::tr("A q8_0 KV cache in this app's own engine needs heads of a multiple of 32 "
                                       "values; this model's have %1. Plan it with the f16 cache.")
                                  .arg(shape.headDim));
    }
    // Without a GPU each runtime runs on the CPU, as the engine's "auto" falls back.
    if (hw.totalGpus() == 0 && !isCpuBackend(backend))
        backend = backend == Backend::ModelAtlasCuda ? Backend::ModelAtlasCpu : Backend::LlamaCppCpu;
    // llama.cpp's placement: pipeline over GPUs, layers offloaded to RAM when short.
    const bool llamaCpp = backend != Backend::Vllm && backend != Backend::ModelAtlasCuda;

    const double overheadGiB = dep.overheadGiB >= 0 ? dep.overheadGiB : defaultOverheadGiB(backend);
    const Context ctx{shape, layout, hw, wl, backend, overheadGiB * kGiB,
                      hw.gpu.memoryGiB * kGiB * usableMemoryFraction(backend, hw.gpu.unifiedMemory),
                      hw.gpu.unifiedMemory ? 0.0 : hw.systemRamGiB * kGiB, computeBufferBytes(shape, backend, wl),
                      in.quant ? QString::fromLatin1(quantInfo(*in.quant).name) : layout.weightType};

    Placement base;
    const int gpus = hw.totalGpus();
    Parallelism par = dep.parallelism;
    if (par == Parallelism::Auto)
        par = llamaCpp ? Parallelism::Pipeline : Parallelism::Tensor;
    if (gpus > 0) {
        if (par == Parallelism::Tensor) {
            base.tp = hw.gpuCount;
            base.pp = hw.nodes;
        } else {
            base.tp = 1;
            base.pp = gpus;
        }
    } else {
        base.tp = 1;
        base.pp = 0;
    }
    base.pp = gpus > 0 ? base.pp : 0;
    base.gpuLayers = gpus > 0 ? shape.nLayers : 0;

    // Candidate placements: everything on the GPUs, then (llama.cpp with RAM
    // to spare) routed experts in RAM, then the most layers that fit (-ngl).
    std::vector<Placement> candidates;
    const bool offloadPossible = llamaCpp && gpus > 0 && ctx.ramCapacity > 0;
    if (dep.gpuLayers >= 0 || dep.offloadExperts >= 0) {
        Placement p = base;
        if (dep.gpuLayers >= 0 && gpus > 0)
            p.gpuLayers = dep.gpuLayers;
        p.expertsOnCpu = dep.offloadExperts == 1 && shape.isMoe() && gpus > 0;
        candidates.push_back(p);
    } else {
        candidates.push_back(base);
        if (offloadPossible && !evaluate(ctx, base, wl.context, nullptr)) {
            if (shape.isMoe()) {
                Placement p = base;
                p.expertsOnCpu = true;
                candidates.push_back(p);
            }
            // Largest -ngl whose GPU part fits (the CPU side is checked below).
            int lo = 0, hi = shape.nLayers;
            const auto gpuFits = [&](int layers) {
                Placement p = base;
                p.gpuLayers = layers;
                std::vector<DeviceUse> devs;
                evaluate(ctx, p, wl.context, &devs);
                return std::all_of(devs.begin(), devs.end(), [](const DeviceUse &d) { return !d.gpu || d.total() <= d.capacity; });
            };
            while (lo < hi) {
                const int mid = (lo + hi + 1) / 2;
                if (gpuFits(mid)) lo = mid; else hi = mid - 1;
            }
            Placement p = base;
            p.gpuLayers = lo;
            candidates.push_back(p);
        }
    }

    const EfficiencyTable defaults;
    const EfficiencyTable &table = in.efficiency ? *in.efficiency : defaults;
    const Efficiency eff = table.get(backend, gpus > 0 ? hw.gpu.id : QStringLiteral("cpu"));
    const Efficiency cpuEff = table.get(isCpuBackend(backend) ? backend : Backend::LlamaCppCpu, QStringLiteral("cpu"));

    Plan best;
    bool haveBest = false;
    for (const Placement &p : candidates) {
        std::vector<DeviceUse> devs;
        const bool fits = evaluate(ctx, p, wl.context, &devs);
        const bool offloaded = gpus > 0 && (p.gpuLayers < shape.nLayers || p.expertsOnCpu);
        Plan pl;
        pl.verdict = !fits ? Verdict::DoesNotFit : offloaded ? Verdict::FitsWithOffload : Verdict::Fits;
        pl.backend = backend;
        pl.parallelism = gpus > 0 ? par : Parallelism::Auto;
        pl.tensorParallel = p.tp;
        pl.pipelineParallel = p.pp;
        pl.gpuLayers = p.gpuLayers;
        pl.nLayers = shape.nLayers;
        pl.expertsOnCpu = p.expertsOnCpu;
        pl.devices = std::move(devs);
        pl.speed = estimateSpeed(ctx, p, wl.context, eff, cpuEff);
        const auto better = [&]() {
            if (!haveBest) return true;
            if (pl.verdict != best.verdict) return int(pl.verdict) < int(best.verdict);
            if (pl.speed.known && best.speed.known) {
                // Decode speeds within 5% are a tie at the precision of the
                // efficiency figures: the faster prompt decides (a MoE's experts
                // in RAM keep its prompts on the GPU, -ngl does not).
                const double a = pl.speed.decodeTokS, b = best.speed.decodeTokS;
                if (std::abs(a - b) > 0.05 * std::max(a, b))
                    return a > b;
                return pl.speed.prefillTokS > best.speed.prefillTokS;
            }
            return pl.gpuLayers > best.gpuLayers;
        };
        if (better()) {
            best = std::move(pl);
            haveBest = true;
            if (in.computeMaxContext) {
                const int64_t cap = shape.maxContext > 0 ? std::min<int64_t>(shape.maxContext, kMaxContext) : kMaxContext;
                best.maxContext = findMaxContext(ctx, p, cap);
            }
        }
    }

    best.headroomBytes = std::numeric_limits<int64_t>::max();
    for (const DeviceUse &d : best.devices) {
        best.weightBytes += d.weights;
        best.kvBytes += d.kvCache;
        if (d.gpu || d.capacity > 0 || gpus == 0)   // unknown RAM holding only the mapped embedding is not counted
            best.headroomBytes = std::min(best.headroomBytes, d.headroom());
    }
    if (best.headroomBytes == std::numeric_limits<int64_t>::max())
        best.headroomBytes = 0;
    if (best.devices.empty())
        best.headroomBytes = 0;
    best.kvBytesPerToken = kvBytesPerToken(shape, wl.kvType);

    const auto gib = [](double b) { return QString::number(b / kGiB, 'f', 2); };
    switch (best.verdict) {
    case Verdict::Fits:
        best.reason = gpus > 0 ? Text::tr("Everything fits on %n GPU(s) with %1 GiB to spare on the fullest device.", nullptr, gpus)
                                     .arg(gib(double(best.headroomBytes)))
                               : Text::tr("Runs on the CPU from system RAM with %1 GiB to spare.").arg(gib(double(best.headroomBytes)));
        break;
    case Verdict::FitsWithOffload:
        best.reason = best.expertsOnCpu
                          ? Text::tr("Fits with the routed experts in CPU RAM (llama.cpp --cpu-moe); attention and shared weights on the GPU.")
                          : Text::tr("Fits with %1 of %2 layers on the GPU (-ngl %1); the rest runs from CPU RAM.")
                                .arg(best.gpuLayers).arg(shape.nLayers);
        break;
    case Verdict::DoesNotFit: {
        int64_t worst = 0;
        for (const DeviceUse &d : best.devices)
            if (d.gpu || d.capacity > 0 || gpus == 0)
                worst = std::min(worst, d.headroom());
        best.reason = Text::tr("Short by %1 GiB on the fullest device.").arg(gib(double(-worst)));
        if (llamaCpp && gpus > 0 && ctx.ramCapacity <= 0 && !hw.gpu.unifiedMemory)
            best.reason += Text::tr(" Give the system RAM (--ram) to consider CPU offload.");
        break;
    }
    }
    return best;
}

} // namespace ModelAtlas::Planner
