// One forward pass over a batch of tokens. Matmuls are threaded inside
// cpu::matmul; attention is threaded over (token, query heads) items; the cheap
// per-row operations run on the calling thread.
#include "modelatlas/engine/runtime/forward.h"

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/tensor/half.h"

#include "cpu/reference_order.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace modelatlas::engine {

namespace {

// K and V of one token into the cache at `pos`, in the cache's type (Q8_0:
// quantised as activations are, the same bytes on every path; F16 values:
// each into its dimension's row of the transposed cache).
void storeKv(KvCache &kv, int layer, int pos, const float *k, const float *v, cpu::KernelPath path)
{
    if (kv.type == KvCacheType::Q8_0) {
        cpu::quantizeActivations(cpu::ActType::Q8_0, k, kv.keyAt(layer, pos), kv.kvDim, path);
        cpu::quantizeActivations(cpu::ActType::Q8_0, v, kv.valueAt(layer, pos), kv.kvDim, path);
        return;
    }
    cpu::f32ToF16Row(k, kv.keyAt(layer, pos), kv.kvDim);
    for (int d = 0; d < kv.kvDim; ++d) {
        const uint16_t h = f32ToF16(v[d]);
        std::memcpy(kv.valueColumn(layer, d) + 2 * size_t(pos), &h, sizeof h);
    }
}

// The query heads of a GQA group one attention work item takes: the most (a
// divisor of the group, at most RunState::sharedHeads) that still leaves every
// thread an item, since the heads share each cache row's conversion.
int headsPerItem(const Config &c, int n, int nThreads)
{
    const int group = c.nHeads / c.nKvHeads;
    for (int heads = RunState::sharedHeads(c); heads > 1; --heads)
        if (group % heads == 0 && n * (c.nHeads / heads) >= nThreads)
            return heads;
    return 1;
}

// Each of `heads` score rows (stride apart) scaled by 1/sqrt(head size) and
// turned into probabilities over positions 0..pos.
void softmaxScores(float *att, size_t stride, int heads, int pos, int hd, cpu::KernelPath path)
{
    const float scale = 1.0f / std::sqrt(float(hd));
    for (int g = 0; g < heads; ++g) {
        float *a = att + size_t(g) * stride;
        for (int p = 0; p <= pos; ++p)
            a[p] *= scale;
        cpu::softmax(a, pos + 1, path);
    }
}

// Attention of `heads` query heads h0.. (one KV head's) of the token at `pos`
// over an F16 cache, in the reference's arithmetic: queries and probabilities
// rounded to F16 before they meet the cache, the keys' and the values' dots in
// its one-token or batched orders, over the span `span` (probabilities past
// `pos` zero).
void attendF16(const Config &c, RunState &s, KvCache &kv, cpu::KernelPath path, int layer, int ith, int t, int h0,
               int heads, int pos, int span, bool batched)
{
    const int hd = c.headDim;
    const int kvh = h0 / (c.nHeads / c.nKvHeads);
    const size_t attStride = size_t(kv.spanCapacity);
    float *att = s.attSlice(ith);
    float *query = s.querySlice(ith);
    const float *q = s.q.data() + size_t(t) * c.qDim() + size_t(h0) * hd;
    std::copy(q, q + size_t(heads) * hd, query);
    cpu::roundToF16(query, heads * hd);
    const bool batchedKeys = batched && cpu::dotKernelBatched(GgmlType::F16, path, hd) != nullptr;
    cpu::dotF16RowsShared({.n = hd, .rows = kv.keyAt(layer, 0) + kv.headOffset(kvh, hd), .stride = kv.rowBytes,
                           .count = pos + 1, .x = query, .xStride = size_t(hd), .nx = heads,
                           .batched = batchedKeys, .out = att, .outStride = attStride},
                          path);
    // The value dots run over the span with the probabilities past `pos` zero.
    // The batched order adds position p into lane p mod 16 and has no tail, so
    // those zeros add nothing past the token's own 16-step: a batch's earlier
    // tokens stop there (half of a prompt's value work).
    const int valueLength = batched ? std::min(span, (pos + cpu::kRefLanes) / cpu::kRefLanes * cpu::kRefLanes) : span;
    softmaxScores(att, attStride, heads, pos, hd, path);
    for (int g = 0; g < heads; ++g) {
        float *a = att + size_t(g) * attStride;
        cpu::roundToF16(a, pos + 1);
        std::fill(a + pos + 1, a + valueLength, 0.0f);
    }
    cpu::dotF16RowsShared({.n = valueLength, .rows = kv.valueColumn(layer, kvh * hd), .stride = kv.valueColumnBytes(),
                           .count = hd, .x = att, .xStride = attStride, .nx = heads, .batched = batched,
                           .out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h0) * hd,
                           .outStride = size_t(hd)},
                          path);
}

// The same over a Q8_0 cache: the queries quantised to Q8_0 meet the keys in
// the Q8_0 weight dot, as the reference does for a q8_0 K cache; the value
// sum follows no reference order.
void attendQ8_0(const Config &c, RunState &s, KvCache &kv, cpu::KernelPath path, int layer, int ith, int t, int h0,
                int heads, int pos)
{
    const int hd = c.headDim;
    const size_t head = kv.headOffset(h0 / (c.nHeads / c.nKvHeads), hd);
    const size_t queryBytes = kvCacheBytes(KvCacheType::Q8_0, uint64_t(hd));
    const size_t attStride = size_t(kv.spanCapacity);
    float *att = s.attSlice(ith);
    uint8_t *query = s.qh.data() + size_t(ith) * s.qhSliceBytes();
    cpu::quantizeActivations(cpu::ActType::Q8_0, s.q.data() + size_t(t) * c.qDim() + size_t(h0) * hd, query,
                             heads * hd, path);
    const cpu::SharedQ8_0Rows keys{.n = hd, .rows = kv.keyAt(layer, 0) + head, .stride = kv.rowBytes,
                                   .count = pos + 1, .nx = heads, .out = att, .outStride = attStride};
    cpu::dotQ8_0RowsShared(keys, query, queryBytes, path);
    softmaxScores(att, attStride, heads, pos, hd, path);
    const cpu::SharedQ8_0Rows values{.n = hd, .rows = kv.valueAt(layer, 0) + head, .stride = kv.rowBytes,
                                     .count = pos + 1, .nx = heads,
                                     .out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h0) * hd,
                                     .outStride = size_t(hd)};
    cpu::mixQ8_0RowsShared(values, att, attStride, path);
}

// Causal attention of batch rows [.., n) at positions pos0 + t, with GQA:
// query head h reads KV head h / (nHeads / nKvHeads). Work items are (token,
// heads of one group) pairs spread over the pool. One token takes the
// reference's one-token dot orders, a batch its batched ones.
void attention(const Config &c, RunState &s, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path, int layer,
               int n, int pos0)
{
    const bool batched = n >= 2;
    const int span = cpu::referenceKvSpan(pos0 + n);
    const int heads = headsPerItem(c, n, pool.size());
    const int itemsPerToken = c.nHeads / heads;
    pool.run([&](int ith, int nth) {
        int i0, i1;
        cpu::ThreadPool::split(n * itemsPerToken, ith, nth, i0, i1);
        for (int it = i0; it < i1; ++it) {
            const int t = it / itemsPerToken, h0 = it % itemsPerToken * heads;
            if (kv.type == KvCacheType::Q8_0)
                attendQ8_0(c, s, kv, path, layer, ith, t, h0, heads, pos0 + t);
            else
                attendF16(c, s, kv, path, layer, ith, t, h0, heads, pos0 + t, span, batched);
        }
    });
}

void addBias(float *x, const float *b, int n, int rows)
{
    if (!b)
        return;
    for (int t = 0; t < rows; ++t)
        cpu::addInPlace(x + size_t(t) * n, b, n);
}

} // namespace

bool forward(const Model &model, RunState &s, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path,
             const ForwardArgs &a)
{
    const Config &c = model.config();
    const Weights &w = model.weights();
    const int n = a.n, dim = c.dim, qDim = c.qDim(), kvDim = c.kvDim(), hidden = c.hiddenDim;
    const int halfRope = c.ropeDim / 2;

    for (int t = 0; t < n; ++t)
        cpu::dequantizeRow(w.tokenEmbd, a.tokens[t], s.x.data() + size_t(t) * dim);
    for (int t = 0; t < n; ++t)
        cpu::ropeTable(s.ropeCos.data() + size_t(t) * halfRope, s.ropeSin.data() + size_t(t) * halfRope, a.pos + t,
                       c.ropeDim, c.ropeFreqBase, w.ropeFreqs);

    for (int l = 0; l < c.nLayers; ++l) {
        if (a.cancel && a.cancel->load(std::memory_order_relaxed))
            return false;
        const LayerWeights &L = w.layers[size_t(l)];

        // Attention block.
        for (int t = 0; t < n; ++t)
            cpu::rmsNorm(s.xb.data() + size_t(t) * dim, s.x.data() + size_t(t) * dim, L.attnNorm, dim, c.normEps);
        s.actNormed.invalidate();
        cpu::matmul(L.wq, s.xb.data(), n, s.q.data(), s.actNormed, pool, path);
        cpu::matmul(L.wk, s.xb.data(), n, s.k.data(), s.actNormed, pool, path);
        cpu::matmul(L.wv, s.xb.data(), n, s.v.data(), s.actNormed, pool, path);
        addBias(s.q.data(), L.bq, qDim, n);
        addBias(s.k.data(), L.bk, kvDim, n);
        addBias(s.v.data(), L.bv, kvDim, n);
        for (int t = 0; t < n; ++t) {
            float *q = s.q.data() + size_t(t) * qDim;
            float *k = s.k.data() + size_t(t) * kvDim;
            if (L.qNorm) {
                for (int h = 0; h < c.nHeads; ++h)
                    cpu::rmsNorm(q + size_t(h) * c.headDim, q + size_t(h) * c.headDim, L.qNorm, c.headDim, c.normEps);
                for (int h = 0; h < c.nKvHeads; ++h)
                    cpu::rmsNorm(k + size_t(h) * c.headDim, k + size_t(h) * c.headDim, L.kNorm, c.headDim, c.normEps);
            }
            const float *cs = s.ropeCos.data() + size_t(t) * halfRope;
            const float *sn = s.ropeSin.data() + size_t(t) * halfRope;
            cpu::applyRope(q, c.nHeads, c.headDim, c.ropeDim, cs, sn, c.ropeStyle);
            cpu::applyRope(k, c.nKvHeads, c.headDim, c.ropeDim, cs, sn, c.ropeStyle);
            storeKv(kv, l, a.pos + t, k, s.v.data() + size_t(t) * kvDim, path);
        }
        attention(c, s, kv, pool, path, l, n, a.pos);
        s.actAttn.invalidate();
        cpu::matmul(L.wo, s.attOut.data(), n, s.xb.data(), s.actAttn, pool, path);
        cpu::addInPlace(s.x.data(), s.xb.data(), n * dim);

        // Feed-forward block (SwiGLU).
        for (int t = 0; t < n; ++t)
            cpu::rmsNorm(s.xb.data() + size_t(t) * dim, s.x.data() + size_t(t) * dim, L.ffnNorm, dim, c.normEps);
        s.actNormed.invalidate();
        cpu::matmul(L.wGate, s.xb.data(), n, s.hb.data(), s.actNormed, pool, path);
        cpu::matmul(L.wUp, s.xb.data(), n, s.hb2.data(), s.actNormed, pool, path);
        cpu::swiglu(s.hb.data(), s.hb2.data(), hidden, n, path);
        s.actHidden.invalidate();
        cpu::matmul(L.wDown, s.hb.data(), n, s.xb.data(), s.actHidden, pool, path);
        cpu::addInPlace(s.x.data(), s.xb.data(), n * dim);
    }
    if (a.cancel && a.cancel->load(std::memory_order_relaxed))
        return false;

    // Logits: only the rows asked for go through the (vocab x dim) output matmul.
    const int first = a.allLogits ? 0 : n - 1;
    const int rows = n - first;
    for (int t = 0; t < rows; ++t)
        cpu::rmsNorm(s.xb.data() + size_t(t) * dim, s.x.data() + size_t(first + t) * dim, w.outputNorm, dim,
                     c.normEps);
    s.actFinal.invalidate();
    cpu::matmul(w.output, s.xb.data(), rows, a.logits, s.actFinal, pool, path);
    return true;
}

} // namespace modelatlas::engine
