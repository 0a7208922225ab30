#pragma once
// A fixed pool of worker threads that run one job at a time, split by the
// caller into `nth` parts (the calling thread does part 0). Kernels are short
// (one matmul of one layer), so workers spin briefly before sleeping: on a
// decode step a condition-variable wake-up per matmul would cost more than the
// matmul of a small model.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace modelatlas::engine::cpu {

class ThreadPool {
public:
    // nThreads counts the calling thread: 1 means no workers at all.
    explicit ThreadPool(int nThreads);
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    int size() const { return m_nThreads; }

    // Calls fn(ith, nth) for ith in [0, nth) across the pool and returns when
    // all are done. nth = size(). Not re-entrant.
    void run(const std::function<void(int ith, int nth)> &fn);

    // The [begin, end) share of `n` items for part `ith` of `nth`.
    static void split(int n, int ith, int nth, int &begin, int &end)
    {
        const int per = (n + nth - 1) / nth;
        begin = ith * per < n ? ith * per : n;
        end = begin + per < n ? begin + per : n;
    }

private:
    void workerLoop(int ith);

    int m_nThreads;
    std::vector<std::thread> m_workers;
    const std::function<void(int, int)> *m_job = nullptr;
    std::atomic<uint64_t> m_generation{0};   // bumped per job; workers wait for a change
    std::atomic<int> m_pending{0};           // workers still running the current job
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

// Default thread count: the hardware's, at least 1.
int defaultThreadCount();

} // namespace modelatlas::engine::cpu
