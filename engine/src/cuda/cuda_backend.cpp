// One decode step on the GPU follows runtime/forward.cpp operation by
// operation for a single token; the kernels queue on the default stream and
// only the logits' copy back waits for them.
#include "modelatlas/engine/cuda/cuda_backend.h"

#include "cuda/cuda_check.h"
#include "cuda/device_weights.h"
#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/cuda/cuda_ops.h"

#include <cuda_runtime_api.h>

#include <cstring>

namespace modelatlas::engine::cuda {

namespace {

// Page-locked host memory: the logits' copy back runs at full PCIe speed.
class PinnedFloats {
public:
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

// Device activations of one token.
struct DeviceActivations {
    float *x = nullptr, *xb = nullptr, *q = nullptr, *k = nullptr, *v = nullptr, *attOut = nullptr;
    float *hb = nullptr, *hb2 = nullptr, *logits = nullptr, *attentionScratch = nullptr;
};

class CudaBackend final : public Backend {
public:
    static Result<std::unique_ptr<Backend>> create(std::shared_ptr<const Model> model, int contextLength,
                                                   int device);

    std::string description() const override { return "CUDA (" + m_deviceName + ")"; }
    int contextLength() const override { return m_kv.contextLength; }
    int maxBatch() const override { return kMaxBatch; }
    int threads() const override { return 1; }
    uint64_t stateBytes() const override
    {
        const MemoryLedger &ledger = m_allocator->ledger();
        return ledger.usage(MemoryCategory::KvCache).currentBytes + ledger.usage(MemoryCategory::Scratch).currentBytes;
    }

    Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                         float *logits) override
    {
        const size_t vocab = size_t(m_model->config().vocabSize);
        for (size_t t = 0; t < tokens.size(); ++t) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return false;
            if (auto r = step(tokens[t], pos + int(t)); !r)
                return r.error();
            const bool wanted = allLogits || t + 1 == tokens.size();
            if (!wanted)
                continue;
            MA_CUDA_TRY(cudaMemcpy(m_hostLogits.data(), m_act.logits, vocab * sizeof(float), cudaMemcpyDeviceToHost));
            std::memcpy(logits + (allLogits ? t * vocab : 0), m_hostLogits.data(), vocab * sizeof(float));
        }
        return true;
    }

private:
    // Prompt tokens per forward() call; each still runs as its own decode step.
    static constexpr int kMaxBatch = 512;

    Result<void> allocateState(int contextLength);
    Result<void> step(int32_t token, int pos);

    std::shared_ptr<const Model> m_model;
    std::string m_deviceName;
    std::unique_ptr<DeviceAllocator> m_allocator;   // owns every device buffer below
    DeviceWeights m_weights;
    DeviceKvCache m_kv;
    DeviceActivations m_act;
    PinnedFloats m_hostEmbedding;   // (dim) the token's embedding row, dequantised on the host
    PinnedFloats m_hostLogits;      // (vocab)
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
    b->m_allocator = std::move(allocator.value());
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
    auto scratch = [&](const char *label, uint64_t floats, float *&out) -> Result<void> {
        auto address = m_allocator->allocate(MemoryCategory::Scratch, floats * sizeof(float), label);
        if (!address)
            return address.error();
        out = static_cast<float *>(*address);
        return {};
    };
    Result<void> r = cache("KV cache: keys", m_kv.key);
    if (r) r = cache("KV cache: values", m_kv.value);
    if (r) r = scratch("x", uint64_t(c.dim), m_act.x);
    if (r) r = scratch("xb", uint64_t(c.dim), m_act.xb);
    if (r) r = scratch("q", uint64_t(c.qDim()), m_act.q);
    if (r) r = scratch("k", uint64_t(c.kvDim()), m_act.k);
    if (r) r = scratch("v", uint64_t(c.kvDim()), m_act.v);
    if (r) r = scratch("attention output", uint64_t(c.qDim()), m_act.attOut);
    if (r) r = scratch("hb", uint64_t(c.hiddenDim), m_act.hb);
    if (r) r = scratch("hb2", uint64_t(c.hiddenDim), m_act.hb2);
    if (r) r = scratch("logits", uint64_t(c.vocabSize), m_act.logits);
    if (r) r = scratch("attention partials", attentionScratchBytes(c.nHeads, c.headDim, contextLength) / sizeof(float),
                       m_act.attentionScratch);
    if (r) r = m_hostEmbedding.allocate(size_t(c.dim));
    if (r) r = m_hostLogits.allocate(size_t(c.vocabSize));
    return r;
}

Result<void> CudaBackend::step(int32_t token, int pos)
{
    const Config &c = m_model->config();
    const DeviceActivations &a = m_act;
    cpu::dequantizeRow(m_model->weights().tokenEmbd, token, m_hostEmbedding.data());
    MA_CUDA_TRY(cudaMemcpy(a.x, m_hostEmbedding.data(), size_t(c.dim) * sizeof(float), cudaMemcpyHostToDevice));

    Result<void> r;
    for (int l = 0; r && l < c.nLayers; ++l) {
        const DeviceLayerWeights &L = m_weights.layers[size_t(l)];
        r = rmsNorm(a.xb, a.x, L.attnNorm, c.dim, 1, c.normEps);
        if (r) r = matVec(L.wq, a.xb, a.q);
        if (r) r = matVec(L.wk, a.xb, a.k);
        if (r) r = matVec(L.wv, a.xb, a.v);
        if (r && L.bq) r = addInPlace(a.q, L.bq, c.qDim());
        if (r && L.bk) r = addInPlace(a.k, L.bk, c.kvDim());
        if (r && L.bv) r = addInPlace(a.v, L.bv, c.kvDim());
        if (r && L.qNorm) r = rmsNorm(a.q, a.q, L.qNorm, c.headDim, c.nHeads, c.normEps);
        if (r && L.kNorm) r = rmsNorm(a.k, a.k, L.kNorm, c.headDim, c.nKvHeads, c.normEps);
        if (r) r = rope(a.q, 1, c.nHeads, c.headDim, c.ropeDim, pos, c.ropeFreqBase, m_weights.ropeFreqs, c.ropeStyle);
        if (r) r = rope(a.k, 1, c.nKvHeads, c.headDim, c.ropeDim, pos, c.ropeFreqBase, m_weights.ropeFreqs, c.ropeStyle);
        if (r) r = storeKv(m_kv, l, pos, a.k, a.v);
        if (r) r = attentionDecode(m_kv, l, pos, a.q, c.nHeads, c.nKvHeads, c.headDim, a.attentionScratch, a.attOut);
        if (r) r = matVec(L.wo, a.attOut, a.xb);
        if (r) r = addInPlace(a.x, a.xb, c.dim);
        if (r) r = rmsNorm(a.xb, a.x, L.ffnNorm, c.dim, 1, c.normEps);
        if (r) r = matVec(L.wGate, a.xb, a.hb);
        if (r) r = matVec(L.wUp, a.xb, a.hb2);
        if (r) r = swiglu(a.hb, a.hb2, c.hiddenDim);
        if (r) r = matVec(L.wDown, a.hb, a.xb);
        if (r) r = addInPlace(a.x, a.xb, c.dim);
    }
    if (r) r = rmsNorm(a.xb, a.x, m_weights.outputNorm, c.dim, 1, c.normEps);
    if (r) r = matVec(m_weights.output, a.xb, a.logits);
    return r;
}

} // namespace

Result<std::unique_ptr<Backend>> makeCudaBackend(std::shared_ptr<const Model> model, int contextLength, int device)
{
    if (!model)
        return makeError("no model");
    return CudaBackend::create(std::move(model), contextLength, device);
}

} // namespace modelatlas::engine::cuda
