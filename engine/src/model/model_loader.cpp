// Binds every weight of a supported architecture to its place in the mapping,
// checking names, shapes and types; errors name the tensor.
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/run_state.h"

#include "modelatlas/engine/tensor/dequantize.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace modelatlas::engine {

class ModelLoader {
public:
    ModelLoader(Model &m, const LoadOptions &o) : m_model(m), m_opts(o) {}

    Result<void> bind()
    {
        const Config &c = m_model.m_config;
        Weights &w = m_model.m_weights;
        if (auto r = matrix("token_embd.weight", c.dim, c.vocabSize, w.tokenEmbd); !r)
            return r;
        if (!cpu::isSupportedWeightType(w.tokenEmbd.type) || !canDequantize(w.tokenEmbd.type))
            return typeError(*m_model.m_file->findTensor("token_embd.weight"));
        if (auto r = vec("output_norm.weight", c.dim, w.outputNorm); !r)
            return r;
        if (c.tiedEmbeddings)
            w.output = w.tokenEmbd;
        else if (auto r = matrix("output.weight", c.dim, c.vocabSize, w.output); !r)
            return r;
        for (const char *longRope : {"rope_factors_long.weight", "rope_factors_short.weight"}) {
            if (m_model.m_file->findTensor(longRope))
                return makeError(m_model.m_file->path(), ": ", c.architecture, " with LongRoPE scaling (tensor ",
                                 longRope, ", the 128k-context variants) is not supported by this engine");
        }
        if (m_model.m_file->findTensor("rope_freqs.weight")) {
            if (auto r = vec("rope_freqs.weight", c.ropeDim / 2, w.ropeFreqs); !r)
                return r;
        }
        w.layers.resize(size_t(c.nLayers));
        for (int l = 0; l < c.nLayers; ++l) {
            LayerWeights &L = w.layers[size_t(l)];
            const std::string b = "blk." + std::to_string(l) + ".";
            const bool fused = c.architecture == "phi3";
            Result<void> r = vec(b + "attn_norm.weight", c.dim, L.attnNorm);
            if (r && fused) {
                // Phi-3 stores q, k and v as one matrix (rows: q, then k, then v) and
                // gate and up as one (gate rows, then up): row views keep the forward
                // pass unchanged, and q/k/v still share one activation quantisation.
                WeightMatrix qkv, gateUp;
                r = matrix(b + "attn_qkv.weight", c.dim, c.qDim() + 2 * c.kvDim(), qkv);
                if (r) r = matrix(b + "ffn_up.weight", c.dim, 2 * c.hiddenDim, gateUp);
                if (r) {
                    L.wq = rowView(qkv, 0, c.qDim());
                    L.wk = rowView(qkv, c.qDim(), c.kvDim());
                    L.wv = rowView(qkv, c.qDim() + c.kvDim(), c.kvDim());
                    L.wGate = rowView(gateUp, 0, c.hiddenDim);
                    L.wUp = rowView(gateUp, c.hiddenDim, c.hiddenDim);
                }
            } else {
                if (r) r = matrix(b + "attn_q.weight", c.dim, c.qDim(), L.wq);
                if (r) r = matrix(b + "attn_k.weight", c.dim, c.kvDim(), L.wk);
                if (r) r = matrix(b + "attn_v.weight", c.dim, c.kvDim(), L.wv);
                if (r) r = matrix(b + "ffn_gate.weight", c.dim, c.hiddenDim, L.wGate);
                if (r) r = matrix(b + "ffn_up.weight", c.dim, c.hiddenDim, L.wUp);
            }
            if (r) r = matrix(b + "attn_output.weight", c.qDim(), c.dim, L.wo);
            if (r) r = vec(b + "ffn_norm.weight", c.dim, L.ffnNorm);
            if (r) r = matrix(b + "ffn_down.weight", c.hiddenDim, c.dim, L.wDown);
            if (r && c.qkvBias) {
                r = vec(b + "attn_q.bias", c.qDim(), L.bq);
                if (r) r = vec(b + "attn_k.bias", c.kvDim(), L.bk);
                if (r) r = vec(b + "attn_v.bias", c.kvDim(), L.bv);
            }
            if (r && c.qkNorm) {
                r = vec(b + "attn_q_norm.weight", c.headDim, L.qNorm);
                if (r) r = vec(b + "attn_k_norm.weight", c.headDim, L.kNorm);
            }
            if (r && c.postNorms) {
                r = vec(b + "post_attention_norm.weight", c.dim, L.attnPostNorm);
                if (r) r = vec(b + "post_ffw_norm.weight", c.dim, L.ffnPostNorm);
            }
            if (!r)
                return r;
        }
        return {};
    }

    // Reads one byte per page of every tensor so the weights are resident
    // before the first prompt; reports progress and honours the cancel flag.
    Result<void> prefault()
    {
        const GgufFile &f = *m_model.m_file;
        uint64_t total = 0, done = 0;
        for (const auto &t : f.tensors())
            total += t.nBytes;
        volatile uint8_t sink = 0;
        for (const auto &t : f.tensors()) {
            if (m_opts.cancel && m_opts.cancel->load(std::memory_order_relaxed))
                return makeError(f.path(), ": loading cancelled");
            if (m_opts.prefault) {
                uint8_t acc = 0;
                for (uint64_t off = 0; off < t.nBytes; off += 4096)
                    acc = uint8_t(acc + t.data[off]);
                sink = uint8_t(sink + acc);
            }
            done += t.nBytes;
            if (m_opts.progress && total)
                m_opts.progress(float(double(done) / double(total)));
        }
        (void)sink;
        return {};
    }

private:
    // Rows [first, first + n) of a matrix, in place.
    static WeightMatrix rowView(const WeightMatrix &m, int first, int n)
    {
        WeightMatrix v = m;
        v.data = m.row(first);
        v.rows = n;
        return v;
    }

    Result<void> typeError(const GgufTensorInfo &t)
    {
        return makeError(m_model.m_file->path(), ": tensor ", t.name, " has type ", ggmlTypeName(t.type),
                         ", which the CPU backend does not support (F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q4_1, Q5_1, "
                         "Q4_K, Q5_K, Q6_K)");
    }

    Result<void> matrix(const std::string &name, int cols, int rows, WeightMatrix &out)
    {
        const GgufFile &f = *m_model.m_file;
        const GgufTensorInfo *t = f.findTensor(name);
        if (!t)
            return makeError(f.path(), ": missing tensor ", name);
        if (t->nDims != 2 || t->ne[0] != uint64_t(cols) || t->ne[1] != uint64_t(rows))
            return makeError(f.path(), ": tensor ", name, " has shape ", t->shapeString(), ", expected [", cols,
                             ", ", rows, "]");
        if (!cpu::isSupportedWeightType(t->type))
            return typeError(*t);
        out.type = t->type;
        out.data = t->data;
        out.rows = rows;
        out.cols = cols;
        out.rowBytes = size_t(t->nBytes / uint64_t(rows));
        return {};
    }

    Result<void> vec(const std::string &name, int n, const float *&out)
    {
        const GgufFile &f = *m_model.m_file;
        const GgufTensorInfo *t = f.findTensor(name);
        if (!t)
            return makeError(f.path(), ": missing tensor ", name);
        if (t->nElements != uint64_t(n) || t->ne[0] != uint64_t(n))
            return makeError(f.path(), ": tensor ", name, " has shape ", t->shapeString(), ", expected [", n, "]");
        // F32 is used in place (the mapping is 32-byte aligned); anything else is
        // converted once: these vectors are tiny.
        if (t->type == GgmlType::F32) {
            out = reinterpret_cast<const float *>(t->data);
            return {};
        }
        if (!canDequantize(t->type))
            return typeError(*t);
        std::vector<float> v(static_cast<size_t>(n));
        if (auto r = dequantize(t->type, t->data, v.data(), uint64_t(n)); !r)
            return makeError(f.path(), ": tensor ", name, ": ", r.message());
        m_model.m_converted.push_back(std::move(v));
        out = m_model.m_converted.back().data();
        return {};
    }

    Model &m_model;
    const LoadOptions &m_opts;
};

uint64_t ModelInfo::estimateBytes(int contextLength, int batch) const
{
    const Config &c = config;
    const uint64_t kv = KvCache::bytesFor(c, contextLength, KvCacheType::F16, batch);
    // Activations: a batch of rows of the widest layer, plus logits and scores.
    const uint64_t widest = uint64_t(std::max({c.dim, c.qDim(), c.hiddenDim}));
    const uint64_t act = uint64_t(batch) * (4 * uint64_t(c.dim) + 2 * uint64_t(c.hiddenDim) + 3 * widest) * 4
                       + uint64_t(c.vocabSize) * 4 + uint64_t(c.nHeads) * uint64_t(contextLength) * 4;
    return weightBytes + kv + act;
}

Result<ModelInfo> inspectModel(const GgufFile &file)
{
    Result<Config> config = readConfig(file);
    if (!config)
        return config.error();
    ModelInfo info;
    info.config = config.value();
    info.fileBytes = file.fileSize();
    std::map<std::string, uint64_t> perType;
    for (const auto &t : file.tensors()) {
        info.weightBytes += t.nBytes;
        if (t.nDims >= 2)
            perType[std::string(ggmlTypeName(t.type))] += t.nBytes;
    }
    uint64_t best = 0;
    for (const auto &[name, bytes] : perType) {
        if (bytes > best) {
            best = bytes;
            info.dominantType = name;
        }
    }
    const Config &c = info.config;
    info.kvBytesPerToken = 2ull * uint64_t(c.nLayers) * uint64_t(c.kvDim()) * 2ull;
    return info;
}

Result<ModelInfo> inspectModel(const std::string &path)
{
    Result<std::unique_ptr<GgufFile>> f = GgufFile::open(path);
    if (!f)
        return f.error();
    return inspectModel(*f.value());
}

Result<std::shared_ptr<const Model>> Model::load(const std::string &path, const LoadOptions &options)
{
    const auto t0 = std::chrono::steady_clock::now();
    Result<std::unique_ptr<GgufFile>> f = GgufFile::open(path);
    if (!f)
        return f.error();
    Result<std::shared_ptr<const Model>> m = fromGguf(std::move(f.value()), options);
    if (m.ok()) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        const_cast<Model &>(*m.value()).m_loadMs = ms;
    }
    return m;
}

Result<std::shared_ptr<const Model>> Model::fromGguf(std::unique_ptr<GgufFile> file, const LoadOptions &options)
{
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<Model> m(new Model());
    m->m_file = std::move(file);
    Result<ModelInfo> info = inspectModel(*m->m_file);
    if (!info)
        return info.error();
    m->m_info = info.value();
    m->m_config = m->m_info.config;
    ModelLoader loader(*m, options);
    if (auto r = loader.bind(); !r)
        return r.error();
    if (auto r = loader.prefault(); !r)
        return r.error();
    m->m_loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return std::shared_ptr<const Model>(std::move(m));
}

} // namespace modelatlas::engine
