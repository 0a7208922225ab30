// Device memory accounting: categories and high-water marks, out-of-memory
// as a message, everything returned to the driver on destruction, and the
// CUDA context's own memory as the driver (NVML) reports it.
#include "cuda_test_support.h"

#include "cuda/process_memory.h"
#include "modelatlas/engine/cuda/device_allocator.h"

#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

using namespace modelatlas::engine::cuda;

namespace {

constexpr uint64_t kMiB = 1ull << 20;

} // namespace

TEST(CudaAllocator, CountsEachCategoryAndKeepsHighWaterMarks)
{
    MA_REQUIRE_CUDA_DEVICE();
    auto allocator = DeviceAllocator::create(0);
    ASSERT_TRUE(allocator.ok()) << allocator.message();
    DeviceAllocator &a = **allocator;
    auto weights = a.allocate(MemoryCategory::Weights, 64 * kMiB, "weights");
    auto kv = a.allocate(MemoryCategory::KvCache, 32 * kMiB, "kv");
    auto scratch = a.allocate(MemoryCategory::Scratch, 1 * kMiB, "xb");
    auto overhead = a.allocate(MemoryCategory::RuntimeOverhead, 4096, "tables");
    ASSERT_TRUE(weights && kv && scratch && overhead);

    const auto during = a.snapshot();
    ASSERT_TRUE(during.ok()) << during.message();
    EXPECT_EQ(during->totalBytes, a.baseline().totalBytes);
    EXPECT_GE(a.baseline().freeBytes - during->freeBytes, 97 * kMiB)
        << "cudaMemGetInfo should see the allocations (unless another process freed memory meanwhile)";

    ASSERT_TRUE(a.release(*scratch).ok());
    const MemoryLedger &l = a.ledger();
    EXPECT_EQ(l.usage(MemoryCategory::Weights).currentBytes, 64 * kMiB);
    EXPECT_EQ(l.usage(MemoryCategory::KvCache).currentBytes, 32 * kMiB);
    EXPECT_EQ(l.usage(MemoryCategory::Scratch).currentBytes, 0u);
    EXPECT_EQ(l.usage(MemoryCategory::Scratch).peakBytes, 1 * kMiB);
    EXPECT_EQ(l.usage(MemoryCategory::RuntimeOverhead).currentBytes, 4096u);
    EXPECT_EQ(l.peakBytes(), 97 * kMiB + 4096);
    EXPECT_EQ(l.currentBytes(), 96 * kMiB + 4096);
}

TEST(CudaAllocator, OutOfMemoryIsAMessageNamingSizeAndFreeMemory)
{
    MA_REQUIRE_CUDA_DEVICE();
    auto allocator = DeviceAllocator::create(0);
    ASSERT_TRUE(allocator.ok()) << allocator.message();
    DeviceAllocator &a = **allocator;
    const uint64_t tooMuch = a.baseline().totalBytes * 2;
    const auto failed = a.allocate(MemoryCategory::KvCache, tooMuch, "kv cache");
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.message().find("out of GPU memory"), std::string::npos) << failed.message();
    EXPECT_NE(failed.message().find(formatBytes(tooMuch)), std::string::npos) << failed.message();
    EXPECT_NE(failed.message().find("free of"), std::string::npos) << failed.message();
    EXPECT_TRUE(a.ledger().empty());
    // Out of memory must not poison the context.
    const auto small = a.allocate(MemoryCategory::Scratch, kMiB, "after");
    EXPECT_TRUE(small.ok()) << small.message();
}

TEST(CudaAllocator, RejectsForeignPointersAndBadDevices)
{
    MA_REQUIRE_CUDA_DEVICE();
    auto allocator = DeviceAllocator::create(0);
    ASSERT_TRUE(allocator.ok()) << allocator.message();
    int notDeviceMemory = 0;
    EXPECT_FALSE((*allocator)->release(&notDeviceMemory).ok());
    EXPECT_FALSE((*allocator)->allocate(MemoryCategory::Scratch, 0, "empty").ok());
    const auto missing = DeviceAllocator::create(1000);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.message().find("does not exist"), std::string::npos) << missing.message();
}

TEST(CudaAllocator, DestructionReturnsAllMemory)
{
    MA_REQUIRE_CUDA_DEVICE();
    auto observer = DeviceAllocator::create(0);
    ASSERT_TRUE(observer.ok()) << observer.message();
    const auto before = (*observer)->snapshot();
    ASSERT_TRUE(before.ok()) << before.message();
    {
        auto model = DeviceAllocator::create(0);
        ASSERT_TRUE(model.ok()) << model.message();
        for (int i = 0; i < 8; ++i)
            ASSERT_TRUE((*model)->allocate(MemoryCategory::Weights, 64 * kMiB, "layer").ok());
        const auto loaded = (*observer)->snapshot();
        ASSERT_TRUE(loaded.ok()) << loaded.message();
        EXPECT_GE(before->freeBytes - loaded->freeBytes, 512 * kMiB);
    }
    const auto after = (*observer)->snapshot();
    ASSERT_TRUE(after.ok()) << after.message();
    // A few MiB of slack: the driver's own bookkeeping may move meanwhile.
    EXPECT_GE(after->freeBytes + 8 * kMiB, before->freeBytes);
}

// No device sits at that bus id, with NVML or without it (this machine may
// have no driver): nothing is reported rather than a made-up figure.
TEST(CudaProcessMemory, UnknownDeviceReportsNothing)
{
    EXPECT_FALSE(processDeviceMemory("ffff:ff:ff.7").has_value());
}

// Where the driver reports this process, the context is a real, bounded
// figure and later allocations add to the process's total on top of it.
TEST(CudaProcessMemory, ContextThenAllocationsAddUp)
{
    MA_REQUIRE_CUDA_DEVICE();
    auto allocator = DeviceAllocator::create(0);
    ASSERT_TRUE(allocator.ok()) << allocator.message();
    DeviceAllocator &a = **allocator;
    if (!a.contextBytes())
        GTEST_SKIP() << "NVML does not report this process's device memory here (no libnvidia-ml.so.1, or a "
                        "container whose process ids it cannot map): the context stays unmeasured";
    EXPECT_GT(*a.contextBytes(), 0u);
    EXPECT_LT(*a.contextBytes(), a.baseline().totalBytes);
    auto block = a.allocate(MemoryCategory::Scratch, 256 * kMiB, "block");
    ASSERT_TRUE(block.ok());
    char busId[32] = {};
    ASSERT_EQ(cudaDeviceGetPCIBusId(busId, int(sizeof busId), 0), cudaSuccess);
    const auto now = processDeviceMemory(busId);
    ASSERT_TRUE(now.has_value());
    EXPECT_GE(*now, *a.contextBytes() + 256 * kMiB);
}
