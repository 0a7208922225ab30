// One forward pass on the GPU follows runtime/forward.cpp operation by
// operation for a batch of tokens; the kernels queue on the default stream
// and only the logits' copy back waits for them.
#include "modelatlas/engine/cuda/cuda_backend.h"

#include "cuda/cuda_check.h"
#include "cuda/device_weights.h"
#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/cuda/cuda_ops.h"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstring>

namespace modelatlas::engine::cuda {

namespace {

// Prompt tokens per forward pass. Each weight is read once per 8 of them
// (matMul); 64 keeps the activations small next to the weights.
constexpr int kMaxBatch = 64;
// Attention's partial results grow with batch x context; longer contexts
// attend in smaller groups of tokens to stay within this.
constexpr uint64_t kAttentionScratchBudget = uint64_t(64) << 20;

// Page-locked host memory: copies to and from it run at full PCIe speed.
class PinnedFloats {
public:
    PinnedFloats() = default;
    PinnedFloats(const PinnedFloats &) = delete;
    PinnedFloats &operator=(const PinnedFloats &) = delete;
    ~PinnedFloats()
    {
        if (m_data)
            cudaFreeHost(m_data);
    }
    Result<void> allocate(size_t n)
    {
        void *p = nullptr;
        MA_CUDA_TRY(cudaMallocHost(&p, n * sizeof(float)));
        m_data = static_cast<float *>(p);
        return {};
    }
    float *data() const { return m_data; }

private:
    float *m_data = nullptr;
};

// Device activations of a batch: (maxBatch, width) each, token t's row at t * width.
struct DeviceActivations {
    float *x = nullptr, *xb = nullptr, *q = nullptr, *k = nullptr, *v = nullptr, *attOut = nullptr;
    float *hb = nullptr, *hb2 = nullptr;
    float *logits = nullptr;             // (vocab): one token's
    float *attentionScratch = nullptr;   // for attentionTokens queries
};

class CudaBackend final : public Backend {
public:
    static Result<std::unique_ptr<Backend>> create(std::shared_ptr<const Model> model, int contextLength,
                                                   int device);

    std::string description() const override { return "CUDA (" + m_deviceName + ")"; }
    int contextLength() const override { return m_kv.contextLength; }
    int maxBatch() const override { return m_maxBatch; }
    int threads() const override { return 1; }
    BackendMemory memory() const override
    {
        const MemoryLedger &ledger = m_allocator->ledger();
        BackendMemory m;
        m.weightBytes = ledger.usage(MemoryCategory::Weights).currentBytes;
        m.kvCacheBytes = ledger.usage(MemoryCategory::KvCache).currentBytes;
        m.scratchBytes = ledger.usage(MemoryCategory::Scratch).currentBytes
                       + ledger.usage(MemoryCategory::RuntimeOverhead).currentBytes;
        m.peakBytes = ledger.peakBytes();
        if (const auto now = m_allocator->snapshot(); now && now->freeBytes <= m_allocator->baseline().freeBytes)
            m.deviceUsedBytes = m_allocator->baseline().freeBytes - now->freeBytes;
        m.bandwidthGBs = m_bandwidthGBs;
        return m;
    }

    Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                         float *logits) override;

private:
    Result<void> allocateState(int contextLength);
    Result<bool> layers(int n, int pos, const std::atomic<bool> *cancel);
    // Final norm and output projection of batch row t, copied into `out` (vocab floats).
    Result<void> logitsOf(int t, float *out);

    std::shared_ptr<const Model> m_model;
    std::string m_deviceName;
    double m_bandwidthGBs = 0.0;
    int m_maxBatch = 1;
    int m_attentionTokens = 1;
    std::unique_ptr<DeviceAllocator> m_allocator;   // owns every device buffer below
    DeviceWeights m_weights;
    DeviceKvCache m_kv;
    DeviceActivations m_act;
    PinnedFloats m_hostEmbeddings;   // (maxBatch, dim): the tokens' embedding rows, dequantised on the host
    PinnedFloats m_hostLogits;       // (vocab)
};

Result<std::unique_ptr<Backend>> CudaBackend::create(std::shared_ptr<const Model> model, int contextLength,
                                                     int device)
{
    const Config &c = model->config();
    if (c.headDim > kMaxAttentionHeadDim)
        return makeError("the CUDA attention kernel takes heads of up to ", kMaxAttentionHeadDim,
                         " dimensions; this model's have ", c.headDim);
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
    const uint64_t perToken = attentionScratchBytes(c.nHeads, c.headDim, contextLength, 1);
    b->m_attentionTokens = int(std::clamp<uint64_t>(kAttentionScratchBudget / perToken, 1, uint64_t(b->m_maxBatch)));
    auto weights = uploadWeights(*b->m_allocator, *b->m_model);
    if (!weights)
        return weights.error();
    b->m_weights = std::move(weights.value());
    if (auto r = b->allocateState(contextLength); !r)
        return r.error();
    return std::unique_ptr<Backend>(std::move(b));
}

Result<void> CudaBackend::allocateState(int contextLength)
{
    const Config &c = m_model->config();
    m_kv.nLayers = c.nLayers;
    m_kv.contextLength = contextLength;
    m_kv.kvDim = c.kvDim();
    auto cache = [&](const char *label, uint16_t *&out) -> Result<void> {
        auto address = m_allocator->allocate(MemoryCategory::KvCache, m_kv.bytesPerTensor(), label);
        if (!address)
            return address.error();
        out = static_cast<uint16_t *>(*address);
        return {};
    };
    const auto rows = uint64_t(m_maxBatch);
    auto scratch = [&](const char *label, uint64_t floats, float *&out) -> Result<void> {
        auto address = m_allocator->allocate(MemoryCategory::Scratch, floats * sizeof(float), label);
        if (!address)
            return address.error();
        out = static_cast<float *>(*address);
        return {};
    };
    Result<void> r = cache("KV cache: keys", m_kv.key);
    if (r) r = cache("KV cache: values", m_kv.value);
    if (r) r = scratch("x", rows * uint64_t(c.dim), m_act.x);
    if (r) r = scratch("xb", rows * uint64_t(c.dim), m_act.xb);
    if (r) r = scratch("q", rows * uint64_t(c.qDim()), m_act.q);
    if (r) r = scratch("k", rows * uint64_t(c.kvDim()), m_act.k);
    if (r) r = scratch("v", rows * uint64_t(c.kvDim()), m_act.v);
    if (r) r = scratch("attention output", rows * uint64_t(c.qDim()), m_act.attOut);
    if (r) r = scratch("hb", rows * uint64_t(c.hiddenDim), m_act.hb);
    if (r) r = scratch("hb2", rows * uint64_t(c.hiddenDim), m_act.hb2);
    if (r) r = scratch("logits", uint64_t(c.vocabSize), m_act.logits);
    if (r)
        r = scratch("attention partials",
                    attentionScratchBytes(c.nHeads, c.headDim, contextLength, m_attentionTokens) / sizeof(float),
                    m_act.attentionScratch);
    if (r) r = m_hostEmbeddings.allocate(size_t(m_maxBatch) * size_t(c.dim));
    if (r) r = m_hostLogits.allocate(size_t(c.vocabSize));
    return r;
}

Result<bool> CudaBackend::forward(std::span<const int32_t> tokens, int pos, bool allLogits,
                                  const std::atomic<bool> *cancel, float *logits)
{
    const Config &c = m_model->config();
    const int n = int(tokens.size());
    if (n < 1 || n > m_maxBatch || pos < 0 || pos + n > m_kv.contextLength)
        return makeError("CUDA forward: ", n, " tokens at position ", pos, " do not fit (batch at most ", m_maxBatch,
                         ", context ", m_kv.contextLength, ")");
    // The CUDA device is per host thread, and a session may move between threads.
    MA_CUDA_TRY(cudaSetDevice(m_allocator->device()));
    for (int t = 0; t < n; ++t)
        cpu::dequantizeRow(m_model->weights().tokenEmbd, tokens[size_t(t)],
                           m_hostEmbeddings.data() + size_t(t) * size_t(c.dim));
    MA_CUDA_TRY(cudaMemcpy(m_act.x, m_hostEmbeddings.data(), size_t(n) * size_t(c.dim) * sizeof(float),
                           cudaMemcpyHostToDevice));
    auto ran = layers(n, pos, cancel);
    if (!ran || !*ran)
        return ran;
    const size_t vocab = size_t(c.vocabSize);
    for (int t = allLogits ? 0 : n - 1; t < n; ++t) {
        if (auto r = logitsOf(t, logits + (allLogits ? size_t(t) * vocab : 0)); !r)
            return r.error();
    }
    return true;
}

Result<bool> CudaBackend::layers(int n, int pos, const std::atomic<bool> *cancel)
{
    const Config &c = m_model->config();
    const DeviceActivations &a = m_act;
    const int dim = c.dim, qDim = c.qDim(), kvDim = c.kvDim();
    for (int l = 0; l < c.nLayers; ++l) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return false;
        const DeviceLayerWeights &L = m_weights.layers[size_t(l)];
        Result<void> r = rmsNorm(a.xb, a.x, L.attnNorm, dim, n, c.normEps);
        if (r) r = matMul(L.wq, a.xb, n, a.q);
        if (r) r = matMul(L.wk, a.xb, n, a.k);
        if (r) r = matMul(L.wv, a.xb, n, a.v);
        if (r && L.bq) r = addToRows(a.q, L.bq, qDim, n);
        if (r && L.bk) r = addToRows(a.k, L.bk, kvDim, n);
        if (r && L.bv) r = addToRows(a.v, L.bv, kvDim, n);
        if (r && L.qNorm) r = rmsNorm(a.q, a.q, L.qNorm, c.headDim, n * c.nHeads, c.normEps);
        if (r && L.kNorm) r = rmsNorm(a.k, a.k, L.kNorm, c.headDim, n * c.nKvHeads, c.normEps);
        if (r) r = rope(a.q, n, c.nHeads, c.headDim, c.ropeDim, pos, c.ropeFreqBase, m_weights.ropeFreqs, c.ropeStyle);
        if (r) r = rope(a.k, n, c.nKvHeads, c.headDim, c.ropeDim, pos, c.ropeFreqBase, m_weights.ropeFreqs, c.ropeStyle);
        if (r) r = storeKv(m_kv, l, pos, n, a.k, a.v);
        for (int t0 = 0; r && t0 < n; t0 += m_attentionTokens) {
            const int group = std::min(m_attentionTokens, n - t0);
            r = attention(m_kv, l, pos + t0, group, a.q + size_t(t0) * qDim, c.nHeads, c.nKvHeads, c.headDim,
                          a.attentionScratch, a.attOut + size_t(t0) * qDim);
        }
        if (r) r = matMul(L.wo, a.attOut, n, a.xb);
        if (r) r = addInPlace(a.x, a.xb, int64_t(n) * dim);
        if (r) r = rmsNorm(a.xb, a.x, L.ffnNorm, dim, n, c.normEps);
        if (r) r = matMul(L.wGate, a.xb, n, a.hb);
        if (r) r = matMul(L.wUp, a.xb, n, a.hb2);
        if (r) r = swiglu(a.hb, a.hb2, int64_t(n) * c.hiddenDim);
        if (r) r = matMul(L.wDown, a.hb, n, a.xb);
        if (r) r = addInPlace(a.x, a.xb, int64_t(n) * dim);
        if (!r)
            return r.error();
    }
    return true;
}

Result<void> CudaBackend::logitsOf(int t, float *out)
{
    const Config &c = m_model->config();
    const size_t row = size_t(t) * size_t(c.dim);
    Result<void> r = rmsNorm(m_act.xb + row, m_act.x + row, m_weights.outputNorm, c.dim, 1, c.normEps);
    if (r) r = matVec(m_weights.output, m_act.xb + row, m_act.logits);
    if (!r)
        return r;
    const size_t bytes = size_t(c.vocabSize) * sizeof(float);
    MA_CUDA_TRY(cudaMemcpy(m_hostLogits.data(), m_act.logits, bytes, cudaMemcpyDeviceToHost));
    std::memcpy(out, m_hostLogits.data(), bytes);
    return {};
}

} // namespace

Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model> model, int contextLength, int device)
{
    if (!model)
        return makeError("no model");
    return CudaBackend::create(std::move(model), contextLength, device);
}

} // namespace modelatlas::engine::cuda
