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
// each into its dimension's row of the transposed cache), in its slot and,
// in a window ring, its mirror slot.
void storeKv(KvCache &kv, int layer, int pos, const float *k, const float *v, cpu::KernelPath path)
{
    const int slot = kv.slot(layer, pos), mirror = kv.mirrorSlot(layer, pos);
    if (kv.type == KvCacheType::Q8_0) {
        cpu::quantizeActivations(cpu::ActType::Q8_0, k, kv.keyRow(layer, slot), kv.kvDim, path);
        cpu::quantizeActivations(cpu::ActType::Q8_0, v, kv.valueRow(layer, slot), kv.kvDim, path);
        if (mirror >= 0) {
            std::memcpy(kv.keyRow(layer, mirror), kv.keyRow(layer, slot), kv.rowBytes);
            std::memcpy(kv.valueRow(layer, mirror), kv.valueRow(layer, slot), kv.rowBytes);
        }
        return;
    }
    cpu::f32ToF16Row(k, kv.keyRow(layer, slot), kv.kvDim);
    if (mirror >= 0)
        std::memcpy(kv.keyRow(layer, mirror), kv.keyRow(layer, slot), kv.rowBytes);
    for (int d = 0; d < kv.kvDim; ++d) {
        const uint16_t h = f32ToF16(v[d]);
        uint8_t *column = kv.valueColumn(layer, d);
        std::memcpy(column + 2 * size_t(slot), &h, sizeof h);
        if (mirror >= 0)
            std::memcpy(column + 2 * size_t(mirror), &h, sizeof h);
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

// The first cached position the token at `pos` attends to: its sliding
// window's first, or 0 in a global layer (window 0).
int firstVisible(int pos, int window)
{
    return window > 0 ? std::max(0, pos - window + 1) : 0;
}

// Each of `heads` score rows (stride apart) of `count` positions scaled and
// turned into probabilities.
void softmaxScores(float *att, size_t stride, int heads, int count, float scale, cpu::KernelPath path)
{
    for (int g = 0; g < heads; ++g) {
        float *a = att + size_t(g) * stride;
        for (int p = 0; p < count; ++p)
            a[p] *= scale;
        cpu::softmax(a, count, path);
    }
}

// Attention of `heads` query heads h0.. (one KV head's) of the token at `pos`
// over an F16 cache, in the reference's arithmetic: queries and probabilities
// rounded to F16 before they meet the cache, the keys' and the values' dots in
// its one-token or batched orders, over the span `span` (probabilities past
// `pos` zero). A sliding window starts the keys at position `first` and the
// values at the 16-step holding it (the positions before `first` weigh zero).
void attendF16(const Config &c, RunState &s, KvCache &kv, cpu::KernelPath path, int layer, int ith, int t, int h0,
               int heads, int pos, int first, int span, bool batched)
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
    const uint8_t *keys = kv.keyRow(layer, kv.slot(layer, first)) + kv.headOffset(kvh, hd);
    cpu::dotF16RowsShared({.n = hd, .rows = keys, .stride = kv.rowBytes,
                           .count = pos + 1 - first, .x = query, .xStride = size_t(hd), .nx = heads,
                           .batched = batchedKeys, .out = att + first, .outStride = attStride},
                          path);
    // The value dots run over the span with the probabilities past `pos` zero.
    // The batched order adds position p into lane p mod 16 and has no tail, so
    // those zeros add nothing past the token's own 16-step: a batch's earlier
    // tokens stop there (half of a prompt's value work).
    const int valueLength = batched ? std::min(span, (pos + cpu::kRefLanes) / cpu::kRefLanes * cpu::kRefLanes) : span;
    const int valueStart = first / cpu::kRefLanes * cpu::kRefLanes;
    softmaxScores(att + first, attStride, heads, pos + 1 - first, c.attentionScale, path);
    for (int g = 0; g < heads; ++g) {
        float *a = att + size_t(g) * attStride;
        cpu::roundToF16(a + first, pos + 1 - first);
        std::fill(a + valueStart, a + first, 0.0f);
        std::fill(a + pos + 1, a + valueLength, 0.0f);
    }
    cpu::dotF16RowsShared({.n = valueLength - valueStart,
                           .rows = kv.valueColumn(layer, kvh * hd) + 2 * size_t(kv.slot(layer, valueStart)),
                           .stride = kv.valueColumnBytes(layer), .count = hd, .x = att + valueStart,
                           .xStride = attStride, .nx = heads, .batched = batched,
                           .out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h0) * hd,
                           .outStride = size_t(hd)},
                          path);
}

// The same over a Q8_0 cache: the queries quantised to Q8_0 meet the keys in
// the Q8_0 weight dot, as the reference does for a q8_0 K cache; the value
// sum follows no reference order. Positions before `first` are outside the
// token's sliding window.
void attendQ8_0(const Config &c, RunState &s, KvCache &kv, cpu::KernelPath path, int layer, int ith, int t, int h0,
                int heads, int pos, int first)
{
    const int hd = c.headDim;
    const size_t head = kv.headOffset(h0 / (c.nHeads / c.nKvHeads), hd);
    const size_t queryBytes = kvCacheBytes(KvCacheType::Q8_0, uint64_t(hd));
    const size_t attStride = size_t(kv.spanCapacity);
    float *att = s.attSlice(ith);
    uint8_t *query = s.qh.data() + size_t(ith) * s.qhSliceBytes();
    cpu::quantizeActivations(cpu::ActType::Q8_0, s.q.data() + size_t(t) * c.qDim() + size_t(h0) * hd, query,
                             heads * hd, path);
    const int count = pos + 1 - first, firstSlot = kv.slot(layer, first);
    const cpu::SharedQ8_0Rows keys{.n = hd, .rows = kv.keyRow(layer, firstSlot) + head, .stride = kv.rowBytes,
                                   .count = count, .nx = heads, .out = att + first, .outStride = attStride};
    cpu::dotQ8_0RowsShared(keys, query, queryBytes, path);
    softmaxScores(att + first, attStride, heads, count, c.attentionScale, path);
    const cpu::SharedQ8_0Rows values{.n = hd, .rows = kv.valueRow(layer, firstSlot) + head, .stride = kv.rowBytes,
                                     .count = count, .nx = heads,
                                     .out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h0) * hd,
                                     .outStride = size_t(hd)};
    cpu::mixQ8_0RowsShared(values, att + first, attStride, path);
}

// Causal attention of batch rows [.., n) at positions pos0 + t, with GQA:
// query head h reads KV head h / (nHeads / nKvHeads). Work items are (token,
// heads of one group) pairs spread over the pool. One token takes the
// reference's one-token dot orders, a batch its batched ones. `window` > 0:
// each token sees only its last `window` positions.
void attention(const Config &c, RunState &s, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path, int layer,
               int n, int pos0, int window)
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
            const int first = firstVisible(pos0 + t, window);
            if (kv.type == KvCacheType::Q8_0)
                attendQ8_0(c, s, kv, path, layer, ith, t, h0, heads, pos0 + t, first);
            else
                attendF16(c, s, kv, path, layer, ith, t, h0, heads, pos0 + t, first, span, batched);
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

// Each of `rows` rows of x RMS-normed in place by w; nothing when w is null.
void normRowsInPlace(float *x, const float *w, int n, int rows, float eps)
{
    if (!w)
        return;
    for (int t = 0; t < rows; ++t)
        cpu::rmsNorm(x + size_t(t) * n, x + size_t(t) * n, w, n, eps);
}

// The positions' cos/sin tables at `base` and `scale` into cs/sn.
void ropeTables(const Config &c, const Weights &w, float *cs, float *sn, int n, int pos, float base, float scale)
{
    const int halfRope = c.ropeDim / 2;
    for (int t = 0; t < n; ++t)
        cpu::ropeTable(cs + size_t(t) * halfRope, sn + size_t(t) * halfRope, pos + t, c.ropeDim, base, w.ropeFreqs,
                       scale);
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
    if (c.scaleEmbeddings) {
        const float scale = std::sqrt(float(dim));
        for (size_t i = 0; i < size_t(n) * size_t(dim); ++i)
            s.x[i] *= scale;
    }
    ropeTables(c, w, s.ropeCos.data(), s.ropeSin.data(), n, a.pos, c.ropeFreqBase, c.ropeFreqScale);
    if (c.slidingWindowPeriod > 0)
        ropeTables(c, w, s.ropeCosLocal.data(), s.ropeSinLocal.data(), n, a.pos, c.ropeFreqBaseLocal, 1.0f);

    for (int l = 0; l < c.nLayers; ++l) {
        if (a.cancel && a.cancel->load(std::memory_order_relaxed))
            return false;
        const LayerWeights &L = w.layers[size_t(l)];
        const bool local = c.isLocalLayer(l);
        const float *ropeCos = (local ? s.ropeCosLocal : s.ropeCos).data();
        const float *ropeSin = (local ? s.ropeSinLocal : s.ropeSin).data();

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
            normRowsInPlace(q, L.qNorm, c.headDim, c.nHeads, c.normEps);
            normRowsInPlace(k, L.kNorm, c.headDim, c.nKvHeads, c.normEps);
            const float *cs = ropeCos + size_t(t) * halfRope;
            const float *sn = ropeSin + size_t(t) * halfRope;
            cpu::applyRope(q, c.nHeads, c.headDim, c.ropeDim, cs, sn, c.ropeStyle);
            cpu::applyRope(k, c.nKvHeads, c.headDim, c.ropeDim, cs, sn, c.ropeStyle);
            storeKv(kv, l, a.pos + t, k, s.v.data() + size_t(t) * kvDim, path);
        }
        attention(c, s, kv, pool, path, l, n, a.pos, local ? c.slidingWindow : 0);
        s.actAttn.invalidate();
        cpu::matmul(L.wo, s.attOut.data(), n, s.xb.data(), s.actAttn, pool, path);
        normRowsInPlace(s.xb.data(), L.attnPostNorm, dim, n, c.normEps);
        cpu::addInPlace(s.x.data(), s.xb.data(), n * dim);

        // Feed-forward block (SwiGLU, or GeGLU).
        for (int t = 0; t < n; ++t)
            cpu::rmsNorm(s.xb.data() + size_t(t) * dim, s.x.data() + size_t(t) * dim, L.ffnNorm, dim, c.normEps);
        s.actNormed.invalidate();
        cpu::matmul(L.wGate, s.xb.data(), n, s.hb.data(), s.actNormed, pool, path);
        cpu::matmul(L.wUp, s.xb.data(), n, s.hb2.data(), s.actNormed, pool, path);
        if (c.ffnActivation == FfnActivation::GeluTanh)
            cpu::geglu(s.hb.data(), s.hb2.data(), hidden, n, path);
        else
            cpu::swiglu(s.hb.data(), s.hb2.data(), hidden, n, path);
        s.actHidden.invalidate();
        cpu::matmul(L.wDown, s.hb.data(), n, s.xb.data(), s.actHidden, pool, path);
        normRowsInPlace(s.xb.data(), L.ffnPostNorm, dim, n, c.normEps);
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
