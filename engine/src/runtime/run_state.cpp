#include "modelatlas/engine/runtime/run_state.h"

#include "cpu/reference_order.h"

namespace modelatlas::engine {

void KvCache::allocate(const Config &c, int ctx, KvCacheType cacheType)
{
    type = cacheType;
    nLayers = c.nLayers;
    contextLength = ctx;
    kvDim = c.kvDim();
    rowBytes = size_t(kvCacheBytes(type, uint64_t(kvDim)));
    const size_t n = size_t(nLayers) * size_t(ctx) * rowBytes;
    key.assign(n, 0);
    value.assign(n, 0);
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
    att.assign(size_t(threads) * size_t(ctx), 0.0f);
    qh.assign(size_t(threads) * 2 * size_t(c.headDim), 0);
    attLanes.assign(size_t(threads) * size_t(cpu::kRefDotStep) * size_t(c.headDim), 0.0f);
    ropeCos.assign(B * size_t(c.ropeDim / 2), 0.0f);
    ropeSin.assign(B * size_t(c.ropeDim / 2), 0.0f);
}

} // namespace modelatlas::engine
