#include "modelatlas/engine/runtime/run_state.h"

#include "cpu/reference_order.h"

namespace modelatlas::engine {

WindowRing windowRing(int window, int maxBatch, int ctx)
{
    const auto roundUp32 = [](int64_t n) { return (n + 31) / 32 * 32; };
    // A batch writes its positions before any of its tokens attends, so the
    // ring must outlast window + batch positions. A run read is at most the
    // window, plus 15 before it (the values' 16-step) and 31 after (the one-
    // token value dot's span, rounded to 32): 64 covers both.
    const int64_t ring = roundUp32(int64_t(window) + maxBatch + 64);
    const int64_t mirror = roundUp32(int64_t(window) + 64);
    if (window <= 0 || ring + mirror >= ctx)
        return {};
    return {int(ring), int(mirror)};
}

void KvCache::allocate(const Config &c, int ctx, KvCacheType cacheType, int maxBatch)
{
    const Totals t = layOut(c, ctx, cacheType, maxBatch);
    // Zeroed: the value dot multiplies the slots of a transposed row outside a
    // token's window by probability zero, as the reference does, so slots never
    // written add nothing (and a ring's other positions, finite, add zeros).
    key.assign(t.keyBytes, 0);
    value.assign(t.valueBytes, 0);
}

uint64_t KvCache::bytesFor(const Config &c, int ctx, KvCacheType cacheType, int maxBatch)
{
    const Totals t = KvCache().layOut(c, ctx, cacheType, maxBatch);
    return uint64_t(t.keyBytes) + uint64_t(t.valueBytes);
}

KvCache::Totals KvCache::layOut(const Config &c, int ctx, KvCacheType cacheType, int maxBatch)
{
    type = cacheType;
    nLayers = c.nLayers;
    contextLength = ctx;
    kvDim = c.kvDim();
    spanCapacity = cpu::referenceKvSpan(ctx);
    rowBytes = size_t(kvCacheBytes(type, uint64_t(kvDim)));
    m_layers.assign(size_t(nLayers), {});
    Totals t;
    for (int l = 0; l < nLayers; ++l) {
        Slots &L = m_layers[size_t(l)];
        L.ring = c.isLocalLayer(l) ? windowRing(c.slidingWindow, maxBatch, ctx) : WindowRing{};
        const int rows = L.ring.ring > 0 ? L.ring.length() : ctx;
        L.columnLength = L.ring.ring > 0 ? rows : spanCapacity;
        L.keyOffset = t.keyBytes;
        L.valueOffset = t.valueBytes;
        t.keyBytes += size_t(rows) * rowBytes;
        t.valueBytes += type == KvCacheType::F16 ? size_t(kvDim) * valueColumnBytes(l) : size_t(rows) * rowBytes;
    }
    return t;
}

int KvCache::mirrorSlot(int layer, int pos) const
{
    const WindowRing &r = m_layers[size_t(layer)].ring;
    const int s = slot(layer, pos);
    return r.ring > 0 && s < r.mirror ? s + r.ring : -1;
}

float *RunState::alignedSlice(std::vector<float> &v, int ith, size_t sliceFloats)
{
    const auto address = reinterpret_cast<uintptr_t>(v.data());
    const uintptr_t aligned = (address + 63) / 64 * 64;
    return reinterpret_cast<float *>(aligned) + size_t(ith) * sliceFloats;
}

int RunState::sharedHeads(const Config &c)
{
    const int group = c.nHeads / c.nKvHeads;
    return group < cpu::kMaxSharedDots ? group : cpu::kMaxSharedDots;
}

void RunState::allocate(const Config &c, int batch, int threads, int ctx)
{
    maxBatch = batch;
    nThreads = threads;
    const size_t B = size_t(batch);
    x.assign(B * c.dim, 0.0f);
    xb.assign(B * c.dim, 0.0f);
    q.assign(B * c.qDim(), 0.0f);
    k.assign(B * c.kvDim(), 0.0f);
    v.assign(B * c.kvDim(), 0.0f);
    attOut.assign(B * c.qDim(), 0.0f);
    hb.assign(B * c.hiddenDim, 0.0f);
    hb2.assign(B * c.hiddenDim, 0.0f);
    // Slices rounded up to 16 floats, and 16 floats of slack to align the first.
    const auto slice = [](size_t floats) { return (floats + 15) / 16 * 16; };
    attSliceFloats = slice(size_t(sharedHeads(c)) * size_t(cpu::referenceKvSpan(ctx)));
    querySliceFloats = slice(size_t(sharedHeads(c)) * size_t(c.headDim));
    att.assign(size_t(threads) * attSliceFloats + 16, 0.0f);
    qf.assign(size_t(threads) * querySliceFloats + 16, 0.0f);
    qh.assign(size_t(threads) * size_t(sharedHeads(c)) * kvCacheBytes(KvCacheType::Q8_0, uint64_t(c.headDim)), 0);
    ropeCos.assign(B * size_t(c.ropeDim / 2), 0.0f);
    ropeSin.assign(B * size_t(c.ropeDim / 2), 0.0f);
    const size_t localRope = c.slidingWindowPeriod > 0 ? B * size_t(c.ropeDim / 2) : 0;
    ropeCosLocal.assign(localRope, 0.0f);
    ropeSinLocal.assign(localRope, 0.0f);
}

} // namespace modelatlas::engine
