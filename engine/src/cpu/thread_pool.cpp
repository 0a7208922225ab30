#include "modelatlas/engine/cpu/thread_pool.h"

namespace modelatlas::engine::cpu {

namespace {
// Spin iterations before a worker sleeps: long enough to bridge the gap between
// two matmuls of one decode step, short enough not to burn a core when idle.
constexpr int kSpinIterations = 20000;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
} // namespace

int defaultThreadCount()
{
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

ThreadPool::ThreadPool(int nThreads) : m_nThreads(nThreads < 1 ? 1 : nThreads)
{
    for (int i = 1; i < m_nThreads; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop.store(true);
        m_generation.fetch_add(1);
    }
    m_wake.notify_all();
    for (auto &t : m_workers)
        t.join();
}

void ThreadPool::run(const std::function<void(int, int)> &fn)
{
    if (m_nThreads == 1) {
        fn(0, 1);
        return;
    }
    m_job = &fn;
    m_pending.store(m_nThreads - 1, std::memory_order_relaxed);
    {
        // The lock pairs with the sleeping workers' wait, so none misses the bump.
        std::lock_guard lock(m_mutex);
        m_generation.fetch_add(1, std::memory_order_release);
    }
    m_wake.notify_all();
    fn(0, m_nThreads);
    while (m_pending.load(std::memory_order_acquire) != 0)
        cpuRelax();
    m_job = nullptr;
}

void ThreadPool::workerLoop(int ith)
{
    uint64_t seen = 0;
    for (;;) {
        uint64_t gen = m_generation.load(std::memory_order_acquire);
        for (int spin = 0; gen == seen && spin < kSpinIterations; ++spin) {
            cpuRelax();
            gen = m_generation.load(std::memory_order_acquire);
        }
        if (gen == seen) {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_generation.load(std::memory_order_acquire) != seen; });
            gen = m_generation.load(std::memory_order_acquire);
        }
        seen = gen;
        if (m_stop.load())
            return;
        (*m_job)(ith, m_nThreads);
        m_pending.fetch_sub(1, std::memory_order_acq_rel);
    }
}

} // namespace modelatlas::engine::cpu
