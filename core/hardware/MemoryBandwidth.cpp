#include "MemoryBandwidth.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <thread>
#include <vector>

namespace ModelAtlas::Hardware {

namespace {

// Sums 64-bit words so every byte is loaded; the compiler vectorises the loop
// and the result is kept, so the reads cannot be optimised away.
uint64_t sumWords(const uint64_t *p, std::size_t n)
{
    uint64_t a = 0, b = 0, c = 0, d = 0;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a += p[i];
        b += p[i + 1];
        c += p[i + 2];
        d += p[i + 3];
    }
    for (; i < n; ++i)
        a += p[i];
    return a + b + c + d;
}

} // namespace

double measureMemoryReadBandwidthGBs(std::size_t bytes, int passes)
{
    const std::size_t words = bytes / sizeof(uint64_t);
    std::unique_ptr<uint64_t[]> buffer(new (std::nothrow) uint64_t[words]);
    if (!buffer || words == 0)
        return 0.0;
    // Touch every page first: the first pass would otherwise time page faults.
    std::memset(buffer.get(), 1, words * sizeof(uint64_t));
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<uint64_t> sums(threads);
    double best = 0.0;
    for (int pass = 0; pass < std::max(1, passes); ++pass) {
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            const std::size_t begin = words * t / threads, end = words * (t + 1) / threads;
            pool.emplace_back([&, t, begin, end] { sums[t] = sumWords(buffer.get() + begin, end - begin); });
        }
        for (std::thread &th : pool)
            th.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (seconds > 0)
            best = std::max(best, double(words * sizeof(uint64_t)) / seconds / 1e9);
    }
    // Every thread summed ones: a wrong total means the loop did not read what it timed.
    uint64_t total = 0;
    for (uint64_t s : sums)
        total += s;
    return total == words * 0x0101010101010101ull ? best : 0.0;
}

double machineMemoryBandwidthGBs()
{
    static const double measured = measureMemoryReadBandwidthGBs();
    return measured;
}

} // namespace ModelAtlas::Hardware
