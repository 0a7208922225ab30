// Uploading a Model: one DeviceMatrix per weight matrix, F32 vectors for the
// norms, biases and RoPE factors (the loader already converted those to F32).
#include "cuda/device_weights.h"

#include "modelatlas/engine/cuda/cuda_ops.h"

#include <string>

namespace modelatlas::engine::cuda {

namespace {

class Uploader {
public:
    explicit Uploader(DeviceAllocator &allocator) : m_allocator(allocator) {}

    Result<void> matrix(const std::string &name, const WeightMatrix &w, DeviceMatrix &out)
    {
        auto m = uploadMatrix(m_allocator, name, w.type, w.rows, w.cols, w.data, uint64_t(w.rows) * w.rowBytes);
        if (!m)
            return m.error();
        out = *m;
        return {};
    }

    // `n` floats, or nothing when the model has no such vector.
    Result<void> vector(const std::string &name, const float *host, int n, const float *&out)
    {
        if (!host)
            return {};
        auto address = m_allocator.allocate(MemoryCategory::Weights, uint64_t(n) * sizeof(float), name);
        if (!address)
            return address.error();
        if (auto copied = copyToDevice(*address, host, uint64_t(n) * sizeof(float)); !copied)
            return makeError("tensor '", name, "': ", copied.message());
        out = static_cast<const float *>(*address);
        return {};
    }

private:
    DeviceAllocator &m_allocator;
};

} // namespace

Result<DeviceWeights> uploadWeights(DeviceAllocator &allocator, const Model &model)
{
    const Config &c = model.config();
    const Weights &w = model.weights();
    Uploader up(allocator);
    DeviceWeights d;
    d.layers.resize(w.layers.size());
    for (size_t l = 0; l < w.layers.size(); ++l) {
        const LayerWeights &L = w.layers[l];
        DeviceLayerWeights &D = d.layers[l];
        const std::string b = "blk." + std::to_string(l) + ".";
        Result<void> r = up.vector(b + "attn_norm", L.attnNorm, c.dim, D.attnNorm);
        if (r) r = up.matrix(b + "attn_q", L.wq, D.wq);
        if (r) r = up.matrix(b + "attn_k", L.wk, D.wk);
        if (r) r = up.matrix(b + "attn_v", L.wv, D.wv);
        if (r) r = up.matrix(b + "attn_output", L.wo, D.wo);
        if (r) r = up.vector(b + "attn_q.bias", L.bq, c.qDim(), D.bq);
        if (r) r = up.vector(b + "attn_k.bias", L.bk, c.kvDim(), D.bk);
        if (r) r = up.vector(b + "attn_v.bias", L.bv, c.kvDim(), D.bv);
        if (r) r = up.vector(b + "attn_q_norm", L.qNorm, c.headDim, D.qNorm);
        if (r) r = up.vector(b + "attn_k_norm", L.kNorm, c.headDim, D.kNorm);
        if (r) r = up.vector(b + "post_attention_norm", L.attnPostNorm, c.dim, D.attnPostNorm);
        if (r) r = up.vector(b + "ffn_norm", L.ffnNorm, c.dim, D.ffnNorm);
        if (r) r = up.matrix(b + "ffn_gate", L.wGate, D.wGate);
        if (r) r = up.matrix(b + "ffn_up", L.wUp, D.wUp);
        if (r) r = up.matrix(b + "ffn_down", L.wDown, D.wDown);
        if (r) r = up.vector(b + "post_ffw_norm", L.ffnPostNorm, c.dim, D.ffnPostNorm);
        if (!r)
            return r.error();
    }
    Result<void> r = up.vector("output_norm", w.outputNorm, c.dim, d.outputNorm);
    if (r) r = up.matrix("output", w.output, d.output);
    if (r) r = up.vector("rope_freqs", w.ropeFreqs, c.ropeDim / 2, d.ropeFreqs);
    if (!r)
        return r.error();
    return d;
}

} // namespace modelatlas::engine::cuda
