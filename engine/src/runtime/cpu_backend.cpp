// The CPU backend: the forward pass of runtime/forward.cpp over buffers and a
// KV cache sized once here, so decoding never allocates.
#include "modelatlas/engine/runtime/backend.h"

#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/runtime/forward.h"
#include "modelatlas/engine/runtime/run_state.h"

namespace modelatlas::engine {

namespace {

class CpuBackend final : public Backend {
public:
    CpuBackend(std::shared_ptr<const Model> model, const BackendParams &params, int threads)
        : m_model(std::move(model))
        , m_pool(threads > 0 ? threads : cpu::defaultThreadCount())
        , m_path(cpu::activeKernelPath())
    {
        m_state.allocate(m_model->config(), params.batchSize, m_pool.size(), params.contextLength);
        m_kv.allocate(m_model->config(), params.contextLength, params.kvType, params.batchSize);
    }

    std::string description() const override
    {
        return "CPU (" + std::string(cpu::kernelPathName(m_path)) + ", " + std::to_string(m_pool.size())
             + (m_pool.size() == 1 ? " thread)" : " threads)");
    }
    int contextLength() const override { return m_kv.contextLength; }
    int maxBatch() const override { return m_state.maxBatch; }
    int threads() const override { return m_pool.size(); }

    // Sized once at creation, so the peak is the sum (the activation buffers'
    // quantised copies grow on first use and are not counted).
    BackendMemory memory() const override
    {
        const RunState &s = m_state;
        const uint64_t floats = s.x.size() + s.xb.size() + s.q.size() + s.k.size() + s.v.size() + s.attOut.size()
                              + s.hb.size() + s.hb2.size() + s.att.size() + s.qf.size() + s.ropeCos.size()
                              + s.ropeSin.size() + s.ropeCosLocal.size() + s.ropeSinLocal.size();
        BackendMemory m;
        m.weightBytes = m_model->info().weightBytes;
        m.kvCacheBytes = m_kv.bytes();
        m.scratchBytes = floats * sizeof(float) + s.qh.size();
        m.peakBytes = m.weightBytes + m.kvCacheBytes + m.scratchBytes;
        return m;
    }

    Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                         float *logits) override
    {
        ForwardArgs args;
        args.tokens = tokens.data();
        args.n = int(tokens.size());
        args.pos = pos;
        args.allLogits = allLogits;
        args.cancel = cancel;
        args.logits = logits;
        return engine::forward(*m_model, m_state, m_kv, m_pool, m_path, args);
    }

private:
    std::shared_ptr<const Model> m_model;
    cpu::ThreadPool m_pool;
    cpu::KernelPath m_path;
    RunState m_state;
    KvCache m_kv;
};

} // namespace

std::unique_ptr<Backend> makeCpuBackend(std::shared_ptr<const Model> model, const BackendParams &params, int threads)
{
    return std::make_unique<CpuBackend>(std::move(model), params, threads);
}

} // namespace modelatlas::engine
