// Split-KV attention and the KV store on the device against a double-precision
// reference over the same F16 or Q8_0 cache, for head layouts of the catalog's models:
// one query (decode) inside one split, on a split boundary and across several
// splits, and batches of queries (prompts) whose causal spans differ. Batches
// of 9 or more with heads of 64, 96 or 128 take the tensor-core kernel
// (tiled_attention.cu), the others the split kernel. Sliding windows (Gemma 3's
// local layers) start inside a split, on a split's edge, and leave whole
// splits out; one case takes a score scale other than 1/sqrt(headDim); ring
// caches wrap. The split geometry, the rings' sizes and the cache layout are
// also checked on the host (CudaSplitGeometry, CudaKvCacheLayout).
#include "attention_reference.h"
#include "cuda_test_support.h"

#include "cuda/attention_partials.cuh"

#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/runtime/run_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <set>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

struct AttentionCase {
    const char *name;
    test::AttentionShape shape;
};

class CudaAttention : public test::CudaDeviceTest, public ::testing::WithParamInterface<AttentionCase> {};

TEST_P(CudaAttention, MatchesDoubleReference)
{
    const test::AttentionShape c = GetParam().shape;
    const int kvDim = c.kvDim();
    const int last = c.pos0 + c.nTokens - 1;
    const int context = last + 1 + 7;   // positions past the last query exist and must be ignored
    std::mt19937 rng(11);
    using test::normalVector;

    // The batch's own K/V go through storeKv; the earlier positions are uploaded encoded.
    auto keyValues = normalVector(size_t(context) * size_t(kvDim), rng);
    auto valueValues = normalVector(keyValues.size(), rng);
    const size_t batchOffset = size_t(c.pos0) * size_t(kvDim);
    const auto kNew = normalVector(size_t(c.nTokens) * size_t(kvDim), rng);
    const auto vNew = normalVector(kNew.size(), rng);
    const auto q = normalVector(size_t(c.nTokens) * size_t(c.nHeads) * size_t(c.headDim), rng);
    std::copy(kNew.begin(), kNew.end(), keyValues.begin() + std::ptrdiff_t(batchOffset));
    std::copy(vNew.begin(), vNew.end(), valueValues.begin() + std::ptrdiff_t(batchOffset));
    const std::vector<uint8_t> keyBytes = test::encodeKv(c.kvType, keyValues);
    const std::vector<uint8_t> valueBytes = test::encodeKv(c.kvType, valueValues);
    const auto expected = test::referenceAttention(test::decodeKv(c.kvType, keyBytes, keyValues.size()),
                                             test::decodeKv(c.kvType, valueBytes, valueValues.size()), q, c);
    // Slots the uploaded cache does not fill from the earlier positions hold
    // huge values: the batch's rows must come from storeKv, and the positions
    // after the last query (and, in a ring, before the window) must not be read.
    const int slots = c.ring > 0 ? c.ring : context;
    const auto slotOf = [&](int p) { return c.ring > 0 ? p % c.ring : p; };
    const size_t rowBytes = size_t(kvCacheBytes(c.kvType, uint64_t(kvDim)));
    std::vector<uint8_t> keyUpload =
        test::encodeKv(c.kvType, std::vector<float>(size_t(slots) * size_t(kvDim), 1e4f));
    std::vector<uint8_t> valueUpload = keyUpload;
    for (int p = 0; p < c.pos0; ++p) {   // in order: a ring keeps each slot's latest position
        const auto from = std::ptrdiff_t(size_t(p) * rowBytes), to = std::ptrdiff_t(size_t(slotOf(p)) * rowBytes);
        std::copy_n(keyBytes.begin() + from, rowBytes, keyUpload.begin() + to);
        std::copy_n(valueBytes.begin() + from, rowBytes, valueUpload.begin() + to);
    }

    DeviceKvCache kv;
    kv.type = c.kvType;
    kv.nLayers = 2;   // layer 1 is used: the layer offset is part of what is tested
    kv.contextLength = context;
    kv.kvDim = kvDim;
    if (c.ring > 0)
        kv.ring = {0, c.ring};   // layer 0 keeps every position, so layer 1 starts after `context` rows
    auto keys = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "keys");
    auto values = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "values");
    ASSERT_TRUE(keys && values);
    kv.key = static_cast<uint8_t *>(*keys);
    kv.value = static_cast<uint8_t *>(*values);
    const size_t layerOffset = size_t(context) * rowBytes;
    ASSERT_EQ(kv.layerOffset(1), layerOffset);
    ASSERT_EQ(kv.bytesPerTensor(), layerOffset + keyUpload.size());
    ASSERT_TRUE(copyToDevice(kv.key + layerOffset, keyUpload.data(), keyUpload.size()).ok());
    ASSERT_TRUE(copyToDevice(kv.value + layerOffset, valueUpload.data(), valueUpload.size()).ok());

    const auto kDevice = test::uploadFloats(*m_allocator, kNew, "k");
    const auto vDevice = test::uploadFloats(*m_allocator, vNew, "v");
    const auto qDevice = test::uploadFloats(*m_allocator, q, "q");
    const auto outDevice = test::uploadFloats(*m_allocator, std::vector<float>(q.size()), "out");
    auto scratch = m_allocator->allocate(
        MemoryCategory::Scratch, attentionScratchBytes(c.nHeads, c.headDim, context, c.nTokens), "partials");
    ASSERT_TRUE(kDevice && vDevice && qDevice && outDevice && scratch);

    auto stored = storeKv(kv, 1, c.pos0, c.nTokens, *kDevice, *vDevice);
    ASSERT_TRUE(stored.ok()) << stored.message();
    // storeKv writes the CPU's bytes, F16 or Q8_0, each token's in its slot.
    std::vector<uint8_t> storedKeys(size_t(slots) * rowBytes);
    ASSERT_TRUE(copyToHost(storedKeys.data(), kv.key + layerOffset, storedKeys.size()).ok());
    for (int t = 0; t < c.nTokens; ++t) {
        const size_t from = size_t(c.pos0 + t) * rowBytes, to = size_t(slotOf(c.pos0 + t)) * rowBytes;
        ASSERT_TRUE(std::equal(storedKeys.begin() + std::ptrdiff_t(to), storedKeys.begin() + std::ptrdiff_t(to + rowBytes),
                               keyBytes.begin() + std::ptrdiff_t(from)))
            << "token " << t;
    }
    const AttentionHeads heads{.nHeads = c.nHeads, .nKvHeads = c.nKvHeads, .headDim = c.headDim,
                               .scale = c.scoreScale(), .window = c.window};
    auto ran = attention(kv, 1, c.pos0, c.nTokens, *qDevice, heads, static_cast<float *>(*scratch), *outDevice);
    ASSERT_TRUE(ran.ok()) << ran.message();
    const auto out = test::downloadFloats(*outDevice, q.size());
    ASSERT_TRUE(out.ok()) << out.message();
    // Values are N(0,1) rounded to the cache's type; outputs are convex mixes
    // of them. Float accumulation over up to a few thousand positions stays within 1e-4.
    for (size_t i = 0; i < q.size(); ++i)
        ASSERT_NEAR((*out)[i], expected[i], 1e-4f) << "output " << i;
}

constexpr KvCacheType F16 = KvCacheType::F16;
constexpr KvCacheType Q8 = KvCacheType::Q8_0;

INSTANTIATE_TEST_SUITE_P(Layouts, CudaAttention,
                         ::testing::Values(AttentionCase{"decode_first", {32, 8, 128, 0, 1, F16}},
                                           AttentionCase{"decode_one_split", {32, 8, 128, 200, 1, F16}},
                                           AttentionCase{"decode_split_edge", {32, 8, 128, 255, 1, F16}},
                                           AttentionCase{"decode_next_split", {32, 8, 128, 256, 1, F16}},
                                           AttentionCase{"decode_many_splits", {32, 8, 128, 2100, 1, F16}},
                                           AttentionCase{"decode_mha_small_heads", {6, 6, 48, 300, 1, F16}},
                                           AttentionCase{"decode_head256", {8, 4, 256, 700, 1, F16}},
                                           AttentionCase{"prompt_from_start", {32, 8, 128, 0, 64, F16}},
                                           AttentionCase{"prompt_across_splits", {8, 2, 64, 230, 40, F16}},
                                           AttentionCase{"prompt_odd_batch", {6, 6, 48, 500, 13, F16}},
                                           AttentionCase{"tiled_group7_padding", {28, 4, 128, 70, 100, F16}},
                                           AttentionCase{"tiled_head96_mha", {8, 8, 96, 300, 33, F16}},
                                           AttentionCase{"tiled_smallest_batch", {4, 2, 64, 700, 9, F16}},
                                           AttentionCase{"split_short_batch", {32, 8, 128, 300, 5, F16}},
                                           AttentionCase{"q8_decode_first", {32, 8, 128, 0, 1, Q8}},
                                           AttentionCase{"q8_decode_split_edge", {32, 8, 128, 255, 1, Q8}},
                                           AttentionCase{"q8_decode_many_splits", {32, 8, 128, 2100, 1, Q8}},
                                           AttentionCase{"q8_decode_head64_mha", {12, 12, 64, 300, 1, Q8}},
                                           AttentionCase{"q8_decode_head256", {8, 4, 256, 700, 1, Q8}},
                                           AttentionCase{"q8_prompt_from_start", {32, 8, 128, 0, 64, Q8}},
                                           AttentionCase{"q8_prompt_across_splits", {8, 2, 64, 230, 40, Q8}},
                                           AttentionCase{"q8_tiled_head96_mha", {8, 8, 96, 300, 33, Q8}},
                                           AttentionCase{"q8_split_short_batch", {32, 8, 128, 300, 5, Q8}},
                                           AttentionCase{"window_decode_inside_split", {8, 4, 256, 200, 1, F16, 64}},
                                           AttentionCase{"window_decode_skips_splits", {8, 4, 256, 1300, 1, F16, 512}},
                                           AttentionCase{"window_decode_split_edge", {4, 1, 256, 767, 1, F16, 512}},
                                           AttentionCase{"window_prompt_tiled_shape", {8, 2, 64, 700, 40, F16, 300}},
                                           AttentionCase{"window_prompt_from_start", {4, 1, 256, 0, 64, Q8, 8}},
                                           AttentionCase{"q8_window_decode_skips_splits",
                                                         {8, 4, 256, 1300, 1, Q8, 512}},
                                           // Rings: Gemma 3's 1024 window at a batch of 64 (ring 1152),
                                           // wrapping inside the window, inside the batch, and at decode.
                                           AttentionCase{"ring_decode_wrapped", {8, 4, 128, 3000, 1, F16, 1024, 0.0f, 1152}},
                                           AttentionCase{"ring_prompt_wraps_in_batch",
                                                         {8, 4, 128, 1130, 50, F16, 1024, 0.0f, 1152}},
                                           AttentionCase{"q8_ring_prompt_wraps_in_batch",
                                                         {8, 4, 128, 1130, 50, Q8, 1024, 0.0f, 1152}},
                                           AttentionCase{"ring_smallest", {4, 2, 64, 90, 17, F16, 40, 0.0f, 56}},
                                           AttentionCase{"gemma27b_score_scale",
                                                         {32, 16, 128, 300, 1, F16, 0, 0.0771517f}}),
                         [](const ::testing::TestParamInfo<AttentionCase> &i) { return i.param.name; });

TEST(CudaAttentionArguments, BadShapesAreErrorsNotFaults)
{
    DeviceKvCache kv;
    float dummy = 0;
    EXPECT_EQ(storeKv(kv, 0, 0, 1, &dummy, &dummy).message(), "storeKv: null device pointer");
    kv.nLayers = 1;
    kv.contextLength = 8;
    kv.kvDim = 64;
    kv.key = kv.value = reinterpret_cast<uint8_t *>(&dummy);   // never dereferenced: the checks come first
    EXPECT_NE(storeKv(kv, 0, 6, 3, &dummy, &dummy).message().find("outside the cache"), std::string::npos);
    const auto heads = [](int nHeads, int nKvHeads, int headDim, float scale = 0.125f, int window = 0) {
        return AttentionHeads{
            .nHeads = nHeads, .nKvHeads = nKvHeads, .headDim = headDim, .scale = scale, .window = window};
    };
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(3, 2, 32), &dummy, &dummy).message().find("do not fit"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(1, 1, 512), &dummy, &dummy).message().find("at most 256"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 7, 2, &dummy, heads(2, 2, 32), &dummy, &dummy).message().find("outside the cache"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(2, 2, 32, 0.0f), &dummy, &dummy).message().find("scale"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(2, 2, 32, 0.125f, -1), &dummy, &dummy).message().find("window"),
              std::string::npos);
    // A Q8_0 block must not straddle two heads.
    kv.type = KvCacheType::Q8_0;
    kv.kvDim = 96;
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(2, 2, 48), &dummy, &dummy).message().find("multiple of 32"),
              std::string::npos);
    kv.kvDim = 40;
    EXPECT_NE(storeKv(kv, 0, 0, 1, &dummy, &dummy).message().find("not whole Q8_0 blocks"), std::string::npos);
    // A ring shorter than the window plus the batch would overwrite what the
    // batch's first token still reads; one per layer or none.
    kv.type = KvCacheType::F16;
    kv.kvDim = 64;
    kv.ring = {10};
    EXPECT_NE(attention(kv, 0, 4, 4, &dummy, heads(2, 2, 32, 0.125f, 8), &dummy, &dummy).message().find("ring of 10"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 4, 4, &dummy, heads(2, 2, 32), &dummy, &dummy).message().find("ring of 10"),
              std::string::npos)
        << "a ring without a window";
    kv.ring = {10, 0};
    EXPECT_NE(storeKv(kv, 0, 0, 1, &dummy, &dummy).message().find("2 rings for 1 layers"), std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, heads(2, 2, 32), &dummy, &dummy).message().find("2 rings"),
              std::string::npos);
}

// The split kernel's geometry, on the host: the splits a batch launches
// (from its first token's first split) give every token each position it
// sees exactly once, and the merge reads exactly the splits that wrote for
// it. Windows below, at and past a split, batches of one (also with a decode
// graph's upper-bound position) to 64.
TEST(CudaSplitGeometry, EveryVisiblePositionOnceAndMergedWhereWritten)
{
    using namespace kernels;
    for (const int window : {0, 1, 8, 255, 256, 257, 512, 1024}) {
        for (const int pos0 : {0, 1, 200, 255, 256, 700, 1300, 4095}) {
            for (const int nTokens : {1, 9, 64}) {
                for (const int slack : {0, 300}) {   // the host's bound on pos0 (a decode graph's), not pos0 itself
                    if (slack > 0 && nTokens > 1)
                        continue;
                    SCOPED_TRACE(::testing::Message() << "window " << window << " pos0 " << pos0 << " tokens "
                                                      << nTokens << " bound +" << slack);
                    const int launched = launchedSplits(pos0 + slack, nTokens, window);
                    for (int t = 0; t < nTokens; ++t) {
                        const int pos = pos0 + t;
                        std::multiset<int> seen;
                        std::set<int> written;
                        for (int y = 0; y < launched; ++y) {
                            const int split = firstSplit(pos0, window) + y;
                            const SplitSpan span = splitSpan(pos, window, split);
                            for (int p = span.first; p < span.first + span.count; ++p)
                                seen.insert(p);
                            if (span.count > 0)
                                written.insert(split);
                        }
                        // A window of w: the token and the w - 1 before it (the CPU's
                        // runtime/forward.cpp firstVisible, and the GPU tests' reference).
                        const int first = firstVisible(pos, window);
                        ASSERT_EQ(pos - first + 1, window > 0 ? std::min(window, pos + 1) : pos + 1);
                        ASSERT_EQ(seen.size(), size_t(pos - first + 1)) << "token " << t;
                        for (int p = first; p <= pos; ++p)
                            ASSERT_EQ(seen.count(p), 1u) << "token " << t << " position " << p;
                        std::set<int> merged;
                        for (int split = firstSplit(pos, window); split < splitsFor(pos + 1); ++split)
                            merged.insert(split);
                        ASSERT_EQ(merged, written) << "token " << t;
                    }
                }
            }
        }
    }
}

// A window layer's ring (the CPU's windowRing at the CUDA batch of 64) still
// holds every position a token sees when it attends, after its whole batch
// has written its positions: prompts of any batch size, then decode steps.
TEST(CudaSplitGeometry, RingsHoldEveryWindow)
{
    constexpr int kBatch = 64, kContext = 8192;
    for (const int window : {8, 512, 1024}) {
        const int ring = windowRing(window, kBatch, kContext).ring;
        ASSERT_GT(ring, 0);
        for (const int batch : {kBatch, 37, 1}) {
            SCOPED_TRACE(::testing::Message() << "window " << window << " batches of " << batch);
            std::vector<int> held(size_t(ring), -1);   // the position each slot holds
            for (int pos0 = 0; pos0 < 3 * ring; pos0 += batch) {
                for (int p = pos0; p < pos0 + batch; ++p)
                    held[size_t(kernels::slotOf(p, ring))] = p;
                for (int pos = pos0; pos < pos0 + batch; ++pos)
                    for (int p = kernels::firstVisible(pos, window); p <= pos; ++p)
                        ASSERT_EQ(held[size_t(kernels::slotOf(p, ring))], p) << "token at " << pos;
            }
        }
    }
}

// A layer's rows start after the slots of the layers before it: every
// position, or a window layer's ring.
TEST(CudaKvCacheLayout, RingsShortenTheirLayers)
{
    DeviceKvCache kv;
    kv.nLayers = 3;
    kv.contextLength = 4096;
    kv.kvDim = 256;   // F16: 512 bytes a row
    EXPECT_EQ(kv.bytesPerTensor(), 3u * 4096 * 512);
    kv.ring = {1152, 0, 1152};
    EXPECT_EQ(kv.layerOffset(0), 0u);
    EXPECT_EQ(kv.layerOffset(1), 1152u * 512);
    EXPECT_EQ(kv.layerOffset(2), (1152u + 4096) * 512);
    EXPECT_EQ(kv.bytesPerTensor(), (2 * 1152u + 4096) * 512);
    kv.type = KvCacheType::Q8_0;   // 34 bytes per 32 values
    EXPECT_EQ(kv.layerOffset(2), (1152u + 4096) * 272);
}

} // namespace
