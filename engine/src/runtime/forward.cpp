// One forward pass over a batch of tokens. Matmuls are threaded inside
// cpu::matmul; attention is threaded over (token, head) pairs; the cheap
// per-row operations run on the calling thread.
#include "modelatlas/engine/runtime/forward.h"

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/tensor/half.h"

#include <cmath>
#include <cstring>

namespace modelatlas::engine {

namespace {

// Causal attention of batch rows [.., n) at positions pos0 + t, with GQA:
// query head h reads KV head h / (nHeads / nKvHeads). The query is rounded to
// F16 and the probabilities too before they meet the F16 cache, as in the
// reference implementation, whose logits we must match.
void attention(const Config &c, RunState &s, KvCache &kv, cpu::ThreadPool &pool, cpu::KernelPath path, int layer,
               int n, int pos0)
{
    const int hd = c.headDim;
    const int group = c.nHeads / c.nKvHeads;
    const float scale = 1.0f / std::sqrt(float(hd));
    // One token: the reference's per-row F16 dots; a batch: its batched order.
    const bool batched = n >= 2;
    const cpu::DotFn dotF16 = batched ? cpu::dotKernelBatched(GgmlType::F16, path) : cpu::dotKernel(GgmlType::F16, path);
    const int nLanes = batched ? 8 : 32;
    const int items = n * c.nHeads;
    pool.run([&](int ith, int nth) {
        int i0, i1;
        cpu::ThreadPool::split(items, ith, nth, i0, i1);
        float *att = s.att.data() + size_t(ith) * kv.contextLength;
        uint16_t *qh = s.qh.data() + size_t(ith) * hd;
        for (int it = i0; it < i1; ++it) {
            const int t = it / c.nHeads, h = it % c.nHeads;
            const int pos = pos0 + t;
            const int kvh = h / group;
            cpu::f32ToF16Row(s.q.data() + size_t(t) * c.qDim() + size_t(h) * hd, qh, hd);
            for (int p = 0; p <= pos; ++p)
                att[p] = dotF16(hd, kv.keyAt(layer, p) + size_t(kvh) * hd, qh) * scale;
            cpu::softmax(att, pos + 1);
            // The reference computes each output element as an F16 dot product over
            // the positions, with 32 partial sums (4 accumulators of 8 lanes; position
            // p feeds partial p % 32) reduced in a fixed tree. These random-weight test
            // models amplify a one-ulp difference here into percent-level logit changes,
            // so the value mix keeps exactly that summation order.
            float *lanes = s.attLanes.data() + size_t(ith) * 32 * size_t(hd);
            std::memset(lanes, 0, sizeof(float) * size_t(nLanes) * size_t(hd));
            for (int p = 0; p <= pos; ++p) {
                const float w = f16ToF32(f32ToF16(att[p]));
                cpu::axpyF16(hd, w, kv.valueAt(layer, p) + size_t(kvh) * hd, lanes + size_t(p % nLanes) * hd, path);
            }
            float *out = s.attOut.data() + size_t(t) * c.qDim() + size_t(h) * hd;
            for (int i = 0; i < hd; ++i) {
                const float *pl = lanes + i;
                float lane[8];
                for (int l = 0; l < 8; ++l)
                    lane[l] = batched ? pl[size_t(l) * hd]
                                      : (pl[size_t(l) * hd] + pl[size_t(16 + l) * hd])
                                            + (pl[size_t(8 + l) * hd] + pl[size_t(24 + l) * hd]);
                const float t0 = lane[0] + lane[4], t1 = lane[1] + lane[5], t2 = lane[2] + lane[6], t3 = lane[3] + lane[7];
                out[i] = batched ? (t0 + t2) + (t1 + t3) : (t0 + t1) + (t2 + t3);
            }
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
            cpu::f32ToF16Row(k, kv.keyAt(l, a.pos + t), kvDim);
            cpu::f32ToF16Row(s.v.data() + size_t(t) * kvDim, kv.valueAt(l, a.pos + t), kvDim);
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
        cpu::swiglu(s.hb.data(), s.hb2.data(), n * hidden);
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
    cpu::matmul(w.output, s.xb.data(), rows, s.logits.data(), s.actFinal, pool, path);
    return true;
}

} // namespace modelatlas::engine
