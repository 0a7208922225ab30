// One forward pass on the GPU follows runtime/forward.cpp operation by
// operation for a batch of tokens; the kernels queue on the backend's stream
// and only the logits' copy back waits for them. A decode step (one token)
// is a CUDA graph: its ~20 launches per layer would otherwise cost more CPU
// time than the GPU needs to stream an 8B model's weights.
#include "modelatlas/engine/cuda/cuda_backend.h"

#include "cuda/cuda_check.h"
#include "cuda/device_weights.h"
#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/cuda/cuda_sampling.h"
#include "modelatlas/engine/runtime/run_state.h"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace modelatlas::engine::cuda {

namespace {

// Prompt tokens per forward pass. A quantised weight is read once for all of
// them (matMul's tensor-core kernel takes 64 tokens per CTA), a float one once
// per 8; 64 keeps the activations small next to the weights.
constexpr int kMaxBatch = 64;
// Attention's partial results grow with batch x context; longer contexts
// attend in smaller groups of tokens to stay within this.
constexpr uint64_t kAttentionScratchBudget = uint64_t(64) << 20;
// Sampling candidates selected on the device per decode step (Sampler's
// top-k; a larger k, or none, samples from the copied logits on the host).
constexpr int kMaxCandidates = 1024;

// Page-locked host memory: copies to and from it run at full PCIe speed, and
// a captured graph may copy from it.
template <class T>
class Pinned {
public:
    Pinned() = default;
    Pinned(const Pinned &) = delete;
    Pinned &operator=(const Pinned &) = delete;
    ~Pinned()
    {
        if (m_data)
            cudaFreeHost(m_data);
    }
    Result<void> allocate(size_t n)
    {
        void *p = nullptr;
        MA_CUDA_TRY(cudaMallocHost(&p, n * sizeof(T)));
        m_data = static_cast<T *>(p);
        return {};
    }
    T *data() const { return m_data; }

private:
    T *m_data = nullptr;
};

// Decode graphs by the number of 256-position attention slices their grid
// covers (which grows with the position) and whether they copy the logits
// to the host, destroyed with the backend.
class DecodeGraphs {
public:
    DecodeGraphs() = default;
    DecodeGraphs(const DecodeGraphs &) = delete;
    DecodeGraphs &operator=(const DecodeGraphs &) = delete;
    ~DecodeGraphs()
    {
        for (const auto &[slices, exec] : m_execs)
            cudaGraphExecDestroy(exec);
    }
    cudaGraphExec_t find(int slices, bool copiesLogits) const
    {
        const auto it = m_execs.find({slices, copiesLogits});
        return it == m_execs.end() ? nullptr : it->second;
    }
    void add(int slices, bool copiesLogits, cudaGraphExec_t exec) { m_execs[{slices, copiesLogits}] = exec; }

private:
    std::map<std::pair<int, bool>, cudaGraphExec_t> m_execs;
};

class Stream {
public:
    Stream() = default;
    Stream(const Stream &) = delete;
    Stream &operator=(const Stream &) = delete;
    ~Stream()
    {
        if (m_stream)
            cudaStreamDestroy(m_stream);
    }
    Result<void> create()
    {
        MA_CUDA_TRY(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking));
        return {};
    }
    cudaStream_t get() const { return m_stream; }

private:
    cudaStream_t m_stream = nullptr;
};

// Device activations of a batch: (maxBatch, width) each, token t's row at t * width.
struct DeviceActivations {
    float *x = nullptr, *xb = nullptr, *q = nullptr, *k = nullptr, *v = nullptr, *attOut = nullptr;
    float *hb = nullptr, *hb2 = nullptr;
    float *logits = nullptr;             // (vocab): one token's
    float *attentionScratch = nullptr;   // for attentionTokens queries
    int *position = nullptr;             // the decode graph's token position
    uint8_t *q8_0 = nullptr, *q8K = nullptr;   // a matMul input's 8-bit forms: (maxBatch, widest input) each
    // Sampling between forward passes borrows hb (the penalised logits) and
    // hb2 (the selected candidates, then the penalised ids), idle then.
    TokenLogit *candidates = nullptr;    // (kMaxCandidates)
    int32_t *penalised = nullptr;        // (context length)
};

constexpr int kSlicePositions = 256;   // attention's slice (attention.cu)

class CudaBackend final : public Backend {
public:
    static Result<std::unique_ptr<Backend>> create(std::shared_ptr<const Model> model, const BackendParams &params,
                                                   int device);

    std::string description() const override { return "CUDA (" + m_deviceName + ")"; }
    int contextLength() const override { return m_kv.contextLength; }
    int maxBatch() const override { return m_maxBatch; }
    int threads() const override { return 1; }
    int maxCandidates() const override { return m_maxCandidates; }
    BackendMemory memory() const override
    {
        const MemoryLedger &ledger = m_allocator->ledger();
        BackendMemory m;
        m.weightBytes = ledger.usage(MemoryCategory::Weights).currentBytes;
        m.kvCacheBytes = ledger.usage(MemoryCategory::KvCache).currentBytes;
        m.scratchBytes = ledger.usage(MemoryCategory::Scratch).currentBytes;
        m.peakBytes = ledger.peakBytes();
        if (const auto now = m_allocator->snapshot(); now && now->freeBytes <= m_allocator->baseline().freeBytes)
            m.deviceUsedBytes = m_allocator->baseline().freeBytes - now->freeBytes;
        const uint64_t buffers = m.weightBytes + m.kvCacheBytes + m.scratchBytes;
        m.runtimeOverheadBytes = m.deviceUsedBytes > buffers ? m.deviceUsedBytes - buffers
                                                             : ledger.usage(MemoryCategory::RuntimeOverhead).currentBytes;
        m.contextBytes = m_allocator->contextBytes().value_or(0);
        m.bandwidthGBs = m_bandwidthGBs;
        return m;
    }

    Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                         float *logits) override;
    Result<void> topCandidates(std::span<const int32_t> penalised, float penalty, int k,
                               std::vector<TokenLogit> &out) override;
    Result<void> copyLogits(float *out) override;

private:
    Result<void> allocateState(int contextLength, KvCacheType kvType);
    // Queues every layer for n tokens at pos (with devicePos: at the position
    // stored there, pos being its upper bound).
    Result<void> enqueueLayers(int n, int pos, const int *devicePos);
    // Queues the final norm and output projection of batch row t, and with
    // toHost the logits' copy to m_hostLogits.
    Result<void> enqueueLogits(int t, bool toHost);
    // x (n rows of cols) as the input of the matMuls of `readers`: quantised to
    // the 8-bit forms their weight types need, once for all of them.
    Result<MatMulInput> input(const float *x, int n, int cols, std::initializer_list<const DeviceMatrix *> readers);
    Result<void> prompt(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                        float *logits, bool &cancelled);
    Result<void> decode(int32_t token, int pos, float *logits);
    Result<cudaGraphExec_t> decodeGraph(int pos, bool copiesLogits);
    void embed(std::span<const int32_t> tokens);

    std::shared_ptr<const Model> m_model;
    std::string m_deviceName;
    double m_bandwidthGBs = 0.0;
    int m_maxBatch = 1;
    int m_attentionTokens = 1;
    int m_maxCandidates = 0;
    std::unique_ptr<DeviceAllocator> m_allocator;   // owns every device buffer below
    DeviceWeights m_weights;
    DeviceKvCache m_kv;
    DeviceActivations m_act;
    Pinned<float> m_hostEmbeddings;  // (maxBatch, dim): the tokens' embedding rows, dequantised on the host
    Pinned<float> m_hostLogits;      // (vocab)
    Pinned<int> m_hostPosition;      // the decode step's position, copied up by its graph
    Pinned<TokenLogit> m_hostCandidates;   // (kMaxCandidates)
    Pinned<int32_t> m_hostPenalised;       // (context length)
    Stream m_stream;
    DecodeGraphs m_graphs;           // destroyed before the stream and the memory they use
};

Result<std::unique_ptr<Backend>> CudaBackend::create(std::shared_ptr<const Model> model, const BackendParams &params,
                                                     int device)
{
    const Config &c = model->config();
    auto allocator = DeviceAllocator::create(device);
    if (!allocator)
        return allocator.error();
    auto system = discoverDevices();
    if (!system)
        return system.error();
    std::unique_ptr<CudaBackend> b(new CudaBackend());
    b->m_model = std::move(model);
    b->m_deviceName = system->devices[size_t(device)].name;
    b->m_bandwidthGBs = system->devices[size_t(device)].peakBandwidthGBs;
    b->m_allocator = std::move(allocator.value());
    // A batch's rows must each be 16-byte aligned for matMul; the odd widths of
    // tiny test models run one token at a time.
    const bool alignedRows = c.dim % 4 == 0 && c.qDim() % 4 == 0 && c.kvDim() % 4 == 0 && c.hiddenDim % 4 == 0;
    b->m_maxBatch = alignedRows ? kMaxBatch : 1;
    // Prompt queries attend in groups whose partials fit the budget, but never
    // in groups too small for the tensor-core attention where it applies.
    const uint64_t perToken = attentionScratchBytes(c.nHeads, c.headDim, params.contextLength, 1);
    const int fewest = std::min(tiledAttentionTakesHeads(c.headDim) ? kTiledAttentionMinTokens : 1, b->m_maxBatch);
    b->m_attentionTokens = int(std::clamp<uint64_t>(kAttentionScratchBudget / perToken, uint64_t(fewest),
                                                    uint64_t(b->m_maxBatch)));
    auto weights = uploadWeights(*b->m_allocator, *b->m_model);
    if (!weights)
        return weights.error();
    b->m_weights = std::move(weights.value());
    if (auto r = b->allocateState(params.contextLength, params.kvType); !r)
        return r.error();
    return std::unique_ptr<Backend>(std::move(b));
}

Result<void> CudaBackend::allocateState(int contextLength, KvCacheType kvType)
{
    const Config &c = m_model->config();
    m_kv.type = kvType;
    m_kv.nLayers = c.nLayers;
    m_kv.contextLength = contextLength;
    m_kv.kvDim = c.kvDim();
    // Sliding-window layers keep a ring where it is shorter than the context
    // (the CPU's, runtime/run_state.h, less its mirror copy).
    const WindowRing ring = windowRing(c.slidingWindow, m_maxBatch, contextLength);
    if (ring.ring > 0) {
        m_kv.ring.resize(size_t(c.nLayers));
        for (int l = 0; l < c.nLayers; ++l)
            m_kv.ring[size_t(l)] = c.isLocalLayer(l) ? ring.ring : 0;
    }
    // Every device buffer: `count` elements of T in `category`, named for out-of-memory messages.
    auto allocate = [&]<class T>(MemoryCategory category, const char *label, uint64_t count, T *&out) -> Result<void> {
        auto address = m_allocator->allocate(category, count * sizeof(T), label);
        if (!address)
            return address.error();
        out = static_cast<T *>(*address);
        return {};
    };
    const auto rows = uint64_t(m_maxBatch);
    constexpr MemoryCategory kScratch = MemoryCategory::Scratch;
    Result<void> r = allocate(MemoryCategory::KvCache, "KV cache: keys", m_kv.bytesPerTensor(), m_kv.key);
    if (r) r = allocate(MemoryCategory::KvCache, "KV cache: values", m_kv.bytesPerTensor(), m_kv.value);
    if (r) r = allocate(kScratch, "x", rows * uint64_t(c.dim), m_act.x);
    if (r) r = allocate(kScratch, "xb", rows * uint64_t(c.dim), m_act.xb);
    if (r) r = allocate(kScratch, "q", rows * uint64_t(c.qDim()), m_act.q);
    if (r) r = allocate(kScratch, "k", rows * uint64_t(c.kvDim()), m_act.k);
    if (r) r = allocate(kScratch, "v", rows * uint64_t(c.kvDim()), m_act.v);
    if (r) r = allocate(kScratch, "attention output", rows * uint64_t(c.qDim()), m_act.attOut);
    if (r) r = allocate(kScratch, "hb", rows * uint64_t(c.hiddenDim), m_act.hb);
    if (r) r = allocate(kScratch, "hb2", rows * uint64_t(c.hiddenDim), m_act.hb2);
    if (r) r = allocate(kScratch, "logits", uint64_t(c.vocabSize), m_act.logits);
    // The widest matMul input (dim, q or hidden) of a batch, in each 8-bit form.
    const auto widest = uint64_t(std::max({c.dim, c.qDim(), c.hiddenDim}));
    if (r) r = allocate(kScratch, "8-bit activations (Q8_0)", rows * (widest / 32) * 34, m_act.q8_0);
    if (r) r = allocate(kScratch, "8-bit activations (Q8_K)", rows * (widest / 256) * 292, m_act.q8K);
    if (r)
        r = allocate(kScratch, "attention partials",
                     attentionScratchBytes(c.nHeads, c.headDim, contextLength, m_attentionTokens) / sizeof(float),
                     m_act.attentionScratch);
    if (r) r = allocate(MemoryCategory::RuntimeOverhead, "decode position", 1, m_act.position);
    if (r) r = m_hostEmbeddings.allocate(size_t(m_maxBatch) * size_t(c.dim));
    if (r) r = m_hostLogits.allocate(size_t(c.vocabSize));
    if (r) r = m_hostPosition.allocate(1);
    if (r) r = m_stream.create();
    // Sampling's borrowed room (DeviceActivations): without it, the session
    // samples on the host from copied logits.
    const uint64_t hbFloats = rows * uint64_t(c.hiddenDim);
    const uint64_t candidateFloats = kMaxCandidates * sizeof(TokenLogit) / sizeof(float);
    if (r && hbFloats >= uint64_t(c.vocabSize) && hbFloats >= candidateFloats + uint64_t(contextLength)) {
        m_act.candidates = reinterpret_cast<TokenLogit *>(m_act.hb2);
        m_act.penalised = reinterpret_cast<int32_t *>(m_act.hb2 + candidateFloats);
        r = m_hostCandidates.allocate(kMaxCandidates);
        if (r) r = m_hostPenalised.allocate(size_t(contextLength));
        if (r) m_maxCandidates = kMaxCandidates;
    }
    return r;
}

Result<bool> CudaBackend::forward(std::span<const int32_t> tokens, int pos, bool allLogits,
                                  const std::atomic<bool> *cancel, float *logits)
{
    const int n = int(tokens.size());
    if (n < 1 || n > m_maxBatch || pos < 0 || pos + n > m_kv.contextLength)
        return makeError("CUDA forward: ", n, " tokens at position ", pos, " do not fit (batch at most ", m_maxBatch,
                         ", context ", m_kv.contextLength, ")");
    if (!logits && allLogits)
        return makeError("CUDA forward: every token's logits need a buffer");
    // The CUDA device is per host thread, and a session may move between threads.
    MA_CUDA_TRY(cudaSetDevice(m_allocator->device()));
    if (cancel && cancel->load(std::memory_order_relaxed))
        return false;
    if (n == 1) {
        if (auto r = decode(tokens[0], pos, logits); !r)
            return r.error();
        return true;
    }
    bool cancelled = false;
    if (auto r = prompt(tokens, pos, allLogits, cancel, logits, cancelled); !r)
        return r.error();
    return !cancelled;
}

void CudaBackend::embed(std::span<const int32_t> tokens)
{
    const Config &c = m_model->config();
    const size_t dim = size_t(c.dim);
    for (size_t t = 0; t < tokens.size(); ++t) {
        float *row = m_hostEmbeddings.data() + t * dim;
        cpu::dequantizeRow(m_model->weights().tokenEmbd, tokens[t], row);
        if (c.scaleEmbeddings) {   // the reference's float product (runtime/forward.cpp)
            const float scale = std::sqrt(float(c.dim));
            for (size_t i = 0; i < dim; ++i)
                row[i] *= scale;
        }
    }
}

Result<void> CudaBackend::prompt(std::span<const int32_t> tokens, int pos, bool allLogits,
                                 const std::atomic<bool> *cancel, float *logits, bool &cancelled)
{
    const Config &c = m_model->config();
    const int n = int(tokens.size());
    embed(tokens);
    MA_CUDA_TRY(cudaMemcpyAsync(m_act.x, m_hostEmbeddings.data(), size_t(n) * size_t(c.dim) * sizeof(float),
                                cudaMemcpyHostToDevice, m_stream.get()));
    if (auto r = enqueueLayers(n, pos, nullptr); !r)
        return r;
    const size_t vocab = size_t(c.vocabSize);
    for (int t = allLogits ? 0 : n - 1; t < n; ++t) {
        if (auto r = enqueueLogits(t, logits != nullptr); !r)
            return r;
        MA_CUDA_TRY(cudaStreamSynchronize(m_stream.get()));
        if (logits)
            std::memcpy(logits + (allLogits ? size_t(t) * vocab : 0), m_hostLogits.data(), vocab * sizeof(float));
        // Every row's logits are the slow part of evaluateAll: honour a cancel between rows.
        if (t + 1 < n && cancel && cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return {};
        }
    }
    return {};
}

Result<void> CudaBackend::decode(int32_t token, int pos, float *logits)
{
    auto graph = decodeGraph(pos, logits != nullptr);
    if (!graph)
        return graph.error();
    embed(std::span<const int32_t>(&token, 1));
    *m_hostPosition.data() = pos;
    MA_CUDA_TRY(cudaGraphLaunch(*graph, m_stream.get()));
    MA_CUDA_TRY(cudaStreamSynchronize(m_stream.get()));
    if (logits)
        std::memcpy(logits, m_hostLogits.data(), size_t(m_model->config().vocabSize) * sizeof(float));
    return {};
}

// The graph copies the embedding row and the position up from pinned memory,
// runs every layer reading the position on the device, and copies the logits
// down (unless they are sampled on the device); one graph serves every
// position with the same number of attention slices.
Result<cudaGraphExec_t> CudaBackend::decodeGraph(int pos, bool copiesLogits)
{
    const int slices = pos / kSlicePositions + 1;
    if (cudaGraphExec_t exec = m_graphs.find(slices, copiesLogits))
        return exec;
    const int bound = std::min(slices * kSlicePositions, m_kv.contextLength) - 1;
    const cudaStream_t stream = m_stream.get();
    MA_CUDA_TRY(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal));
    auto captured = [&]() -> Result<void> {
        MA_CUDA_TRY(cudaMemcpyAsync(m_act.x, m_hostEmbeddings.data(), size_t(m_model->config().dim) * sizeof(float),
                                    cudaMemcpyHostToDevice, stream));
        MA_CUDA_TRY(cudaMemcpyAsync(m_act.position, m_hostPosition.data(), sizeof(int), cudaMemcpyHostToDevice,
                                    stream));
        if (auto r = enqueueLayers(1, bound, m_act.position); !r)
            return r;
        return enqueueLogits(0, copiesLogits);
    }();
    cudaGraph_t graph = nullptr;
    const cudaError_t ended = cudaStreamEndCapture(stream, &graph);   // ends the capture even after an error
    if (!captured) {
        if (graph)
            cudaGraphDestroy(graph);
        return captured.error();
    }
    MA_CUDA_TRY(ended);
    cudaGraphExec_t exec = nullptr;
    const cudaError_t instantiated = cudaGraphInstantiate(&exec, graph, 0);
    cudaGraphDestroy(graph);
    MA_CUDA_TRY(instantiated);
    m_graphs.add(slices, copiesLogits, exec);
    return exec;
}

Result<MatMulInput> CudaBackend::input(const float *x, int n, int cols,
                                       std::initializer_list<const DeviceMatrix *> readers)
{
    MatMulInput in;
    in.f32 = x;
    for (const DeviceMatrix *m : readers) {
        const cpu::ActType type = matMulActivations(m->type);
        void *out = type == cpu::ActType::Q8_0 ? m_act.q8_0 : m_act.q8K;
        const void *&slot = type == cpu::ActType::Q8_0 ? in.q8_0 : in.q8K;
        if (type == cpu::ActType::F32 || slot)
            continue;
        if (auto r = quantizeActivations(type, x, n, cols, out, m_stream.get()); !r)
            return r.error();
        slot = out;
    }
    return in;
}

Result<void> CudaBackend::enqueueLayers(int n, int pos, const int *devicePos)
{
    const Config &c = m_model->config();
    const DeviceActivations &a = m_act;
    const cudaStream_t s = m_stream.get();
    const int dim = c.dim, qDim = c.qDim(), kvDim = c.kvDim();
    for (int l = 0; l < c.nLayers; ++l) {
        const DeviceLayerWeights &L = m_weights.layers[size_t(l)];
        Result<void> r = rmsNorm(a.xb, a.x, L.attnNorm, dim, n, c.normEps, s);
        if (r) {
            auto in = input(a.xb, n, dim, {&L.wq, &L.wk, &L.wv});
            r = in ? matMul(L.wq, *in, n, a.q, s) : Result<void>(in.error());
            if (r) r = matMul(L.wk, *in, n, a.k, s);
            if (r) r = matMul(L.wv, *in, n, a.v, s);
        }
        if (r && L.bq) r = addToRows(a.q, L.bq, qDim, n, s);
        if (r && L.bk) r = addToRows(a.k, L.bk, kvDim, n, s);
        if (r && L.bv) r = addToRows(a.v, L.bv, kvDim, n, s);
        if (r && L.qNorm) r = rmsNorm(a.q, a.q, L.qNorm, c.headDim, n * c.nHeads, c.normEps, s);
        if (r && L.kNorm) r = rmsNorm(a.k, a.k, L.kNorm, c.headDim, n * c.nKvHeads, c.normEps, s);
        // Sliding-window layers: their own RoPE base, no linear scaling, the window.
        const bool local = c.isLocalLayer(l);
        const float ropeBase = local ? c.ropeFreqBaseLocal : c.ropeFreqBase;
        const float ropeScale = local ? 1.0f : c.ropeFreqScale;
        if (r)
            r = rope(a.q, n, c.nHeads, c.headDim, c.ropeDim, pos, ropeBase, m_weights.ropeFreqs, ropeScale,
                     c.ropeStyle, s, devicePos);
        if (r)
            r = rope(a.k, n, c.nKvHeads, c.headDim, c.ropeDim, pos, ropeBase, m_weights.ropeFreqs, ropeScale,
                     c.ropeStyle, s, devicePos);
        if (r) r = storeKv(m_kv, l, pos, n, a.k, a.v, s, devicePos);
        const AttentionHeads heads{.nHeads = c.nHeads, .nKvHeads = c.nKvHeads, .headDim = c.headDim,
                                   .scale = c.attentionScale, .window = local ? c.slidingWindow : 0};
        // A decode step (devicePos) is one token, so it never splits into groups.
        for (int t0 = 0; r && t0 < n; t0 += m_attentionTokens) {
            const int group = std::min(m_attentionTokens, n - t0);
            r = attention(m_kv, l, pos + t0, group, a.q + size_t(t0) * qDim, heads, a.attentionScratch,
                          a.attOut + size_t(t0) * qDim, s, devicePos);
        }
        if (r) {
            auto in = input(a.attOut, n, qDim, {&L.wo});
            r = in ? matMul(L.wo, *in, n, a.xb, s) : Result<void>(in.error());
        }
        if (r && L.attnPostNorm) r = rmsNorm(a.xb, a.xb, L.attnPostNorm, dim, n, c.normEps, s);
        if (r) r = addInPlace(a.x, a.xb, int64_t(n) * dim, s);
        if (r) r = rmsNorm(a.xb, a.x, L.ffnNorm, dim, n, c.normEps, s);
        if (r) {
            auto in = input(a.xb, n, dim, {&L.wGate, &L.wUp});
            r = in ? matMul(L.wGate, *in, n, a.hb, s) : Result<void>(in.error());
            if (r) r = matMul(L.wUp, *in, n, a.hb2, s);
        }
        if (r)
            r = c.ffnActivation == FfnActivation::GeluTanh ? geglu(a.hb, a.hb2, int64_t(n) * c.hiddenDim, s)
                                                           : swiglu(a.hb, a.hb2, int64_t(n) * c.hiddenDim, s);
        if (r) {
            auto in = input(a.hb, n, c.hiddenDim, {&L.wDown});
            r = in ? matMul(L.wDown, *in, n, a.xb, s) : Result<void>(in.error());
        }
        if (r && L.ffnPostNorm) r = rmsNorm(a.xb, a.xb, L.ffnPostNorm, dim, n, c.normEps, s);
        if (r) r = addInPlace(a.x, a.xb, int64_t(n) * dim, s);
        if (!r)
            return r;
    }
    return {};
}

Result<void> CudaBackend::enqueueLogits(int t, bool toHost)
{
    const Config &c = m_model->config();
    const cudaStream_t s = m_stream.get();
    const size_t row = size_t(t) * size_t(c.dim);
    Result<void> r = rmsNorm(m_act.xb + row, m_act.x + row, m_weights.outputNorm, c.dim, 1, c.normEps, s);
    if (r) {
        auto in = input(m_act.xb + row, 1, c.dim, {&m_weights.output});
        r = in ? matMul(m_weights.output, *in, 1, m_act.logits, s) : Result<void>(in.error());
    }
    if (!r || !toHost)
        return r;
    MA_CUDA_TRY(cudaMemcpyAsync(m_hostLogits.data(), m_act.logits, size_t(c.vocabSize) * sizeof(float),
                                cudaMemcpyDeviceToHost, s));
    return {};
}

Result<void> CudaBackend::topCandidates(std::span<const int32_t> penalised, float penalty, int k,
                                        std::vector<TokenLogit> &out)
{
    const int vocab = m_model->config().vocabSize;
    if (k < 1 || k > std::min(m_maxCandidates, vocab) || penalised.size() > size_t(m_kv.contextLength))
        return makeError("CUDA sampling: ", k, " candidates and ", penalised.size(), " penalised tokens exceed ",
                         std::min(m_maxCandidates, vocab), " and ", m_kv.contextLength);
    MA_CUDA_TRY(cudaSetDevice(m_allocator->device()));
    const cudaStream_t s = m_stream.get();
    const float *values = m_act.logits;
    if (!penalised.empty()) {
        std::memcpy(m_hostPenalised.data(), penalised.data(), penalised.size_bytes());
        MA_CUDA_TRY(cudaMemcpyAsync(m_act.penalised, m_hostPenalised.data(), penalised.size_bytes(),
                                    cudaMemcpyHostToDevice, s));
        if (auto r = penaliseLogits(m_act.logits, vocab, m_act.penalised, int(penalised.size()), penalty, m_act.hb, s);
            !r)
            return r;
        values = m_act.hb;
    }
    if (auto r = selectTopK(values, vocab, k, m_act.candidates, s); !r)
        return r;
    MA_CUDA_TRY(cudaMemcpyAsync(m_hostCandidates.data(), m_act.candidates, size_t(k) * sizeof(TokenLogit),
                                cudaMemcpyDeviceToHost, s));
    MA_CUDA_TRY(cudaStreamSynchronize(s));
    out.assign(m_hostCandidates.data(), m_hostCandidates.data() + k);
    return {};
}

Result<void> CudaBackend::copyLogits(float *out)
{
    MA_CUDA_TRY(cudaSetDevice(m_allocator->device()));
    const size_t bytes = size_t(m_model->config().vocabSize) * sizeof(float);
    MA_CUDA_TRY(cudaMemcpyAsync(m_hostLogits.data(), m_act.logits, bytes, cudaMemcpyDeviceToHost, m_stream.get()));
    MA_CUDA_TRY(cudaStreamSynchronize(m_stream.get()));
    std::memcpy(out, m_hostLogits.data(), bytes);
    return {};
}

} // namespace

Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model> model, const BackendParams &params,
                                                 int device)
{
    if (!model)
        return makeError("no model");
    if (const std::string gap = cudaArchitectureGap(model->config()); !gap.empty())
        return makeError(gap);
    return CudaBackend::create(std::move(model), params, device);
}

} // namespace modelatlas::engine::cuda
