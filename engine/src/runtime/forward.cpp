// One forward pass over a batch of tokens. Matmuls are threaded inside
// cpu::matmul; attention is threaded over (token, head) pairs; the cheap
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

// The reference's attention spans n_kv cache cells: the used cells rounded up
// to a multiple of 32 (at least 32), the cells beyond a token's position masked
// to probability zero. That length decides which positions its one-token value
// mix sums in lanes and which in its double-precision tail.
int referenceKvSpan(int usedCells)
{
    const int padded = (usedCells + 31) / 32 * 32;
    return padded > 32 ? padded : 32;
}

// out[k] = referenceReduce16 (nLanes 16) or referenceReduce64 (nLanes 64) of
// column k < 8 of lanes (nLanes rows of `stride` floats): the trees of
// reference_order.h with each add taken over 8 columns at once, which the
// compiler vectorises (gathering column by column was 4% of a decode step).
constexpr int kReduceCols = 8;
void reduce8LaneColumns(const float *lanes, size_t stride, int nLanes, float *out)
{
    const auto row = [&](int l) { return lanes + size_t(l) * stride; };
    float l16[cpu::kRefLanes][kReduceCols];
    for (int j = 0; j < cpu::kRefLanes; ++j)
        for (int k = 0; k < kReduceCols; ++k)
            l16[j][k] = nLanes == cpu::kRefLanes ? row(j)[k]
                                                 : (row(j)[k] + row(j + 32)[k]) + (row(j + 16)[k] + row(j + 48)[k]);
    float a[8][kReduceCols];
    for (int j = 0; j < 8; ++j)
        for (int k = 0; k < kReduceCols; ++k)
            a[j][k] = l16[j][k] + l16[j + 8][k];
    for (int k = 0; k < kReduceCols; ++k)
        out[k] = ((a[0][k] + a[4][k]) + (a[2][k] + a[6][k])) + ((a[1][k] + a[5][k]) + (a[3][k] + a[7][k]));
}

// Every column i < hd of lanes reduced so; the last columns of a head size
// that is no multiple of 8 through a zero-padded copy.
void reduceLaneColumns(const float *lanes, int nLanes, int hd, float *out)
{
    int i0 = 0;
    for (; i0 + kReduceCols <= hd; i0 += kReduceCols)
        reduce8LaneColumns(lanes + i0, size_t(hd), nLanes, out + i0);
    if (i0 == hd)
        return;
    float padded[cpu::kRefDotStep][kReduceCols] = {}, tail[kReduceCols];
    for (int l = 0; l < nLanes; ++l)
        std::copy(lanes + size_t(l) * hd + i0, lanes + size_t(l) * hd + hd, padded[l]);
    reduce8LaneColumns(padded[0], kReduceCols, nLanes, tail);
    std::copy(tail, tail + (hd - i0), out + i0);
}

// out[i] = sum over positions p <= pos of w[p] * V[p][i] in the reference's
// order: its F16 dot over the cache span, one token's (64 lanes, p mod 64, for
// the positions in the span's full 64-steps, the rest added in double) or a
// batch's (16 lanes, p mod 16).
void valueMix(KvCache &kv, int layer, size_t head, int hd, const float *w, int pos, int span, bool batched,
              float *lanes, float *out, cpu::KernelPath path)
{
    const int nLanes = batched ? cpu::kRefLanes : cpu::kRefDotStep;
    const int laneEnd = batched ? pos + 1 : std::min(pos + 1, span - span % cpu::kRefDotStep);
    // Lane l sums the positions l, l + nLanes, ... before laneEnd, in order.
    for (int l = 0; l < nLanes; ++l) {
        const int count = l < laneEnd ? (laneEnd - l + nLanes - 1) / nLanes : 0;
        const uint8_t *rows = count > 0 ? kv.valueAt(layer, l) + head : nullptr;
        cpu::weightedSumF16(hd, rows, kv.rowBytes * size_t(nLanes), count, w + l, size_t(nLanes),
                            lanes + size_t(l) * hd, path);
    }
    reduceLaneColumns(lanes, nLanes, hd, out);
    if (batched)
        return;
    for (int i = 0; i < hd; ++i) {
        double sum = out[i];
        for (int p = laneEnd; p <= pos; ++p) {
            uint16_t v;
            std::memcpy(&v, kv.valueAt(layer, p) + head + 2 * size_t(i), sizeof v);
            sum += double(w[p] * f16ToF32(v));
        }
        out[i] = float(sum);
    }
}

// The same sum over a Q8_0 value cache. No reference order to follow here:
// positions in order, one accumulator per dimension.
void valueMixQ8_0(KvCache &kv, int layer, size_t head, int hd, const float *w, int pos, float *out,
                  cpu::KernelPath path)
{
    std::fill(out, out + hd, 0.0f);
    for (int p = 0; p <= pos; ++p)
        cpu::axpyQ8_0(hd, w[p], kv.valueAt(layer, p) + head, out, path);
}

// K and V of one token into the cache at `pos`, in the cache's type (Q8_0:
// quantised as activations are, the same bytes on every path).
void storeKv(KvCache &kv, int layer, int pos, const float *k, const float *v, cpu::KernelPath path)
{
    if (kv.type == KvCacheType::Q8_0) {
        cpu::quantizeActivations(cpu::ActType::Q8_0, k, kv.keyAt(layer, pos), kv.kvDim, path);
        cpu::quantizeActivations(cpu::ActType::Q8_0, v, kv.valueAt(layer, pos), kv.kvDim, path);
        return;
    }
    cpu::f32ToF16Row(k, kv.keyAt(layer, pos), kv.kvDim);
    cpu::f32ToF16Row(v, kv.valueAt(layer, pos), kv.kvDim);
}

// Causal attention of batch rows [.., n) at positions pos0 + t, with GQA:
// query head h reads KV head h / (nHeads / nKvHeads). With the F16 cache the
// query is rounded to F16 and the probabilities too before they meet the
// cache, as in the reference implementation, whose logits we must match. With
// the Q8_0 cache the query is quantised to Q8_0 and meets the keys in the
// Q8_0 weight dot, as the reference does for a q8_0 K cache.
void attention(const Config &c, RunState &s, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path, int layer,
               int n, int pos0)
{
    const int hd = c.headDim;
    const int group = c.nHeads / c.nKvHeads;
    const float scale = 1.0f / std::sqrt(float(hd));
    const bool q8 = kv.type == KvCacheType::Q8_0;
    // One token: the reference's one-token F16 dots; a batch: its batched
    // order, where the head size has one. F16 keys are taken in one call.
    const bool batched = n >= 2;
    const bool batchedKeys = batched && !q8 && cpu::dotKernelBatched(GgmlType::F16, path, hd) != nullptr;
    const auto f16Keys = batchedKeys ? cpu::dotF16BatchedRows : cpu::dotF16Rows;
    const cpu::DotFn q8Dot = cpu::dotKernel(GgmlType::Q8_0, path);
    const int span = referenceKvSpan(pos0 + n);
    const int items = n * c.nHeads;
    pool.run([&](int ith, int nth) {
        int i0, i1;
        cpu::ThreadPool::split(items, ith, nth, i0, i1);
        float *att = s.att.data() + size_t(ith) * kv.contextLength;
        uint8_t *query = s.qh.data() + size_t(ith) * 2 * size_t(hd);
        float *lanes = s.attLanes.data() + size_t(ith) * cpu::kRefDotStep * size_t(hd);
        for (int it = i0; it < i1; ++it) {
            const int t = it / c.nHeads, h = it % c.nHeads;
            const int pos = pos0 + t;
            const size_t head = kv.headOffset(h / group, hd);
            const float *q = s.q.data() + size_t(t) * c.qDim() + size_t(h) * hd;
            float *out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h) * hd;
            if (q8)
                cpu::quantizeActivations(cpu::ActType::Q8_0, q, query, hd, path);
            else
                cpu::f32ToF16Row(q, query, hd);
            if (q8) {
                for (int p = 0; p <= pos; ++p)
                    att[p] = q8Dot(hd, kv.keyAt(layer, p) + head, query) * scale;
            } else {
                f16Keys(hd, kv.keyAt(layer, 0) + head, kv.rowBytes, pos + 1, query, att, path);
                for (int p = 0; p <= pos; ++p)
                    att[p] *= scale;
            }
            cpu::softmax(att, pos + 1, path);
            if (q8) {
                valueMixQ8_0(kv, layer, head, hd, att, pos, out, path);
                continue;
            }
            cpu::roundToF16(att, pos + 1);
            valueMix(kv, layer, head, hd, att, pos, span, batched, lanes, out, path);
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
