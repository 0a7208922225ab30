#include "modelatlas/engine/runtime/run_state.h"

#include "cpu/reference_order.h"

namespace modelatlas::engine {

void KvCache::allocate(const Config &c, int ctx, KvCacheType cacheType)
{
    type = cacheType;
    nLayers = c.nLayers;
    contextLength = ctx;
    kvDim = c.kvDim();
    spanCapacity = cpu::referenceKvSpan(ctx);
    rowBytes = size_t(kvCacheBytes(type, uint64_t(kvDim)));
    key.assign(size_t(nLayers) * size_t(ctx) * rowBytes, 0);
    // Zeroed: the value dot multiplies a transposed row's positions past the
    // token's by probability zero, as the reference does, and positions never
    // written then add nothing.
    if (type == KvCacheType::F16)
        value.assign(size_t(nLayers) * size_t(kvDim) * valueColumnBytes(), 0);
    else
        value.assign(key.size(), 0);
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
