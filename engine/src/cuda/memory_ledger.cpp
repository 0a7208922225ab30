// Pure bookkeeping, compiled in every build (the allocator that feeds it needs CUDA).
#include "modelatlas/engine/cuda/memory_ledger.h"

#include <cassert>
#include <cstdio>

namespace modelatlas::engine::cuda {

std::string_view memoryCategoryName(MemoryCategory category)
{
    switch (category) {
    case MemoryCategory::Weights: return "weights";
    case MemoryCategory::KvCache: return "KV cache";
    case MemoryCategory::Scratch: return "scratch";
    case MemoryCategory::RuntimeOverhead: return "runtime overhead";
    }
    return "unknown";
}

void MemoryLedger::record(const void *address, uint64_t bytes, MemoryCategory category, std::string_view label)
{
    const bool inserted = m_live.emplace(address, Allocation{bytes, category, std::string(label)}).second;
    assert(inserted && "an address the device handed out twice");
    (void)inserted;
    CategoryUsage &u = m_usage[size_t(category)];
    u.currentBytes += bytes;
    u.liveAllocations += 1;
    if (u.currentBytes > u.peakBytes)
        u.peakBytes = u.currentBytes;
    m_currentBytes += bytes;
    if (m_currentBytes > m_peakBytes)
        m_peakBytes = m_currentBytes;
}

uint64_t MemoryLedger::forget(const void *address)
{
    const auto it = m_live.find(address);
    if (it == m_live.end())
        return 0;
    const Allocation &a = it->second;
    CategoryUsage &u = m_usage[size_t(a.category)];
    u.currentBytes -= a.bytes;
    u.liveAllocations -= 1;
    m_currentBytes -= a.bytes;
    const uint64_t bytes = a.bytes;
    m_live.erase(it);
    return bytes;
}

const CategoryUsage &MemoryLedger::usage(MemoryCategory category) const
{
    return m_usage[size_t(category)];
}

std::string formatBytes(uint64_t bytes)
{
    constexpr double kKiB = 1024.0, kMiB = kKiB * 1024.0, kGiB = kMiB * 1024.0;
    char text[32];
    const double b = double(bytes);
    if (b >= kGiB)
        std::snprintf(text, sizeof text, "%.2f GiB", b / kGiB);
    else if (b >= kMiB)
        std::snprintf(text, sizeof text, "%.1f MiB", b / kMiB);
    else if (b >= kKiB)
        std::snprintf(text, sizeof text, "%.1f KiB", b / kKiB);
    else
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    return text;
}

} // namespace modelatlas::engine::cuda
