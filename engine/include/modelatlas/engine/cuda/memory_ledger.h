#pragma once
// Bookkeeping of device allocations by category, kept apart from the CUDA
// calls so it is plain C++ (and testable on any machine). The planner predicts
// weights, KV cache, scratch and runtime overhead separately; the ledger
// measures the same four, each with its high-water mark.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace modelatlas::engine::cuda {

enum class MemoryCategory {
    Weights,
    KvCache,
    Scratch,          // activations and temporaries of one forward pass
    RuntimeOverhead,  // the backend's own buffers (tables, reduction space)
};
inline constexpr int kMemoryCategoryCount = 4;

std::string_view memoryCategoryName(MemoryCategory category);

struct CategoryUsage {
    uint64_t currentBytes = 0;
    uint64_t peakBytes = 0;       // high-water mark of currentBytes
    uint64_t liveAllocations = 0;
};

// Not thread-safe: one ledger per device, used from the thread that drives it.
class MemoryLedger {
public:
    // Records a new allocation; `address` must not be live already.
    void record(const void *address, uint64_t bytes, MemoryCategory category, std::string_view label);
    // Forgets a live allocation and returns its size; 0 when `address` is unknown.
    uint64_t forget(const void *address);

    const CategoryUsage &usage(MemoryCategory category) const;
    uint64_t currentBytes() const { return m_currentBytes; }
    // High-water mark of the sum over all categories (not the sum of the per-category peaks).
    uint64_t peakBytes() const { return m_peakBytes; }
    bool empty() const { return m_live.empty(); }

    struct Allocation {
        uint64_t bytes = 0;
        MemoryCategory category = MemoryCategory::Scratch;
        std::string label;   // the tensor or buffer name, for error messages
    };
    const std::unordered_map<const void *, Allocation> &live() const { return m_live; }

private:
    std::unordered_map<const void *, Allocation> m_live;
    std::array<CategoryUsage, kMemoryCategoryCount> m_usage{};
    uint64_t m_currentBytes = 0;
    uint64_t m_peakBytes = 0;
};

// "1.50 GiB", "12.0 MiB", "512 B": for messages.
std::string formatBytes(uint64_t bytes);

} // namespace modelatlas::engine::cuda
