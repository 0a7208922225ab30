// The allocation bookkeeping is plain C++: these tests run on every machine.
#include "modelatlas/engine/cuda/memory_ledger.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace modelatlas::engine::cuda;

namespace {

// Addresses are only keys to the ledger; these never point anywhere.
const void *fakeAddress(uintptr_t n)
{
    return reinterpret_cast<const void *>(n * 256);
}

} // namespace

TEST(CudaMemoryLedger, TracksCurrentAndPeakPerCategory)
{
    MemoryLedger ledger;
    ledger.record(fakeAddress(1), 1000, MemoryCategory::Weights, "blk.0.attn_q.weight");
    ledger.record(fakeAddress(2), 300, MemoryCategory::Scratch, "xb");
    ledger.record(fakeAddress(3), 200, MemoryCategory::Scratch, "hb");
    EXPECT_EQ(ledger.usage(MemoryCategory::Scratch).currentBytes, 500u);
    EXPECT_EQ(ledger.usage(MemoryCategory::Scratch).liveAllocations, 2u);
    EXPECT_EQ(ledger.currentBytes(), 1500u);

    EXPECT_EQ(ledger.forget(fakeAddress(2)), 300u);
    ledger.record(fakeAddress(4), 100, MemoryCategory::KvCache, "kv");
    EXPECT_EQ(ledger.usage(MemoryCategory::Scratch).currentBytes, 200u);
    EXPECT_EQ(ledger.usage(MemoryCategory::Scratch).peakBytes, 500u);
    EXPECT_EQ(ledger.usage(MemoryCategory::KvCache).currentBytes, 100u);
    EXPECT_EQ(ledger.usage(MemoryCategory::RuntimeOverhead).peakBytes, 0u);
    EXPECT_EQ(ledger.currentBytes(), 1300u);
    // The overall peak is of the sum (1500), not the sum of category peaks (1600).
    EXPECT_EQ(ledger.peakBytes(), 1500u);
}

TEST(CudaMemoryLedger, ForgettingEverythingLeavesItEmptyWithPeaksKept)
{
    MemoryLedger ledger;
    ledger.record(fakeAddress(1), 64, MemoryCategory::RuntimeOverhead, "tables");
    EXPECT_FALSE(ledger.empty());
    EXPECT_EQ(ledger.live().at(fakeAddress(1)).label, "tables");
    EXPECT_EQ(ledger.forget(fakeAddress(1)), 64u);
    EXPECT_EQ(ledger.forget(fakeAddress(1)), 0u) << "a second release of the same address";
    EXPECT_EQ(ledger.forget(fakeAddress(7)), 0u) << "an address never recorded";
    EXPECT_TRUE(ledger.empty());
    EXPECT_EQ(ledger.currentBytes(), 0u);
    EXPECT_EQ(ledger.peakBytes(), 64u);
    EXPECT_EQ(ledger.usage(MemoryCategory::RuntimeOverhead).peakBytes, 64u);
}

TEST(CudaMemoryLedger, NamesAndSizesReadWellInMessages)
{
    EXPECT_EQ(memoryCategoryName(MemoryCategory::Weights), "weights");
    EXPECT_EQ(memoryCategoryName(MemoryCategory::KvCache), "KV cache");
    EXPECT_EQ(memoryCategoryName(MemoryCategory::Scratch), "scratch");
    EXPECT_EQ(memoryCategoryName(MemoryCategory::RuntimeOverhead), "runtime overhead");
    EXPECT_EQ(formatBytes(512), "512 B");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
    EXPECT_EQ(formatBytes(12u << 20), "12.0 MiB");
    EXPECT_EQ(formatBytes(3ull << 29), "1.50 GiB");
}
