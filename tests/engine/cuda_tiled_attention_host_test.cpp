// The tensor-core prompt attention's tile, run lane by lane on the host
// (cuda_tiled_attention_host.cu), against the double-precision reference over
// the same F16 or Q8_0 cache: GQA groups that do and do not divide the CTA's 64 rows,
// batches crossing key tiles and splits, sliding windows over full and ring
// caches, and cache rows past the batch (or before its windows) that hold
// NaN, which must never reach a sum. Runs on every machine; the GPU
// test CudaAttention runs the kernel itself.
#include "attention_reference.h"
#include "cuda_tiled_attention_host.h"

#include "cuda/tiled_attention.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

using namespace modelatlas::engine;

namespace {

struct TiledCase {
    const char *name;
    test::AttentionShape shape;
};

class CudaTiledAttentionHost : public ::testing::TestWithParam<TiledCase> {};

TEST_P(CudaTiledAttentionHost, MatchesDoubleReference)
{
    const test::AttentionShape c = GetParam().shape;
    const int positions = c.pos0 + c.nTokens;
    const size_t used = size_t(positions) * size_t(c.kvDim());
    std::mt19937 rng(5);
    const auto keyValues = test::normalVector(used, rng);
    const auto valueValues = test::normalVector(used, rng);
    const auto q = test::normalVector(size_t(c.nTokens) * size_t(c.qDim()), rng);
    const auto keyBytes = test::encodeKv(c.kvType, keyValues);
    const auto valueBytes = test::encodeKv(c.kvType, valueValues);
    const auto expected = test::referenceAttention(test::decodeKv(c.kvType, keyBytes, used),
                                                   test::decodeKv(c.kvType, valueBytes, used), q, c);

    // The cache, 16-byte aligned as device memory is, with 70 more rows of
    // 0x7e bytes (F16 NaN, and Q8_0 blocks of NaN scale): the kernel reads
    // whole tiles, and must zero what lies past the batch. With a window, the
    // rows before the first token's window hold NaN too; a ring holds each
    // position in slot p mod ring, written in order (the ring's later
    // positions overwrite the earlier ones, as on the device).
    const uint64_t rowBytes = kvCacheBytes(c.kvType, uint64_t(c.kvDim()));
    const size_t slots = c.ring > 0 ? size_t(c.ring) : size_t(positions + 70);
    const size_t cacheBytes = slots * rowBytes;
    std::vector<uint4> keyCache((cacheBytes + sizeof(uint4) - 1) / sizeof(uint4)), valueCache(keyCache.size());
    std::memset(keyCache.data(), 0x7e, cacheBytes);
    std::memset(valueCache.data(), 0x7e, cacheBytes);
    const int firstWritten = c.ring > 0 || c.window == 0 ? 0 : std::max(0, c.pos0 - c.window + 1);
    for (int p = firstWritten; p < positions; ++p) {
        const size_t slot = c.ring > 0 ? size_t(p % c.ring) : size_t(p);
        std::memcpy(reinterpret_cast<uint8_t *>(keyCache.data()) + slot * rowBytes, keyBytes.data() + p * rowBytes,
                    rowBytes);
        std::memcpy(reinterpret_cast<uint8_t *>(valueCache.data()) + slot * rowBytes,
                    valueBytes.data() + p * rowBytes, rowBytes);
    }

    std::vector<float> out(expected.size(), NAN);
    ASSERT_TRUE(test::emulateTiledAttention(c.kvType, reinterpret_cast<const uint8_t *>(keyCache.data()),
                                            reinterpret_cast<const uint8_t *>(valueCache.data()), rowBytes, c.pos0,
                                            c.nTokens, q.data(), c.nHeads, c.nKvHeads, c.headDim, c.window, c.ring,
                                            out.data()));
    // Outputs are convex mixes of N(0, 1) values; products of halves (and
    // int8 block sums) are exact and the weights keep ~22 bits, so only
    // float sums' order remains.
    double worst = 0;
    for (size_t i = 0; i < out.size(); ++i) {
        ASSERT_NEAR(out[i], expected[i], 4e-6f) << "output " << i;
        worst = std::max(worst, std::fabs(double(out[i]) - double(expected[i])));
    }
    std::ostringstream text;
    text << worst;
    RecordProperty("max_abs_error", text.str());
}

constexpr KvCacheType F16 = KvCacheType::F16;
constexpr KvCacheType Q8 = KvCacheType::Q8_0;

INSTANTIATE_TEST_SUITE_P(
    Layouts, CudaTiledAttentionHost,
    ::testing::Values(TiledCase{"llama8b_prompt_start", {32, 8, 128, 0, 64, F16}},
                      TiledCase{"across_tiles_and_splits", {8, 2, 64, 230, 40, F16}},
                      TiledCase{"group7_padding_rows", {28, 4, 128, 70, 100, F16}},
                      TiledCase{"head96_mha", {8, 8, 96, 300, 33, F16}},
                      TiledCase{"smallest_batch", {4, 2, 64, 0, 9, F16}},
                      TiledCase{"three_splits", {16, 2, 128, 500, 64, F16}},
                      TiledCase{"q8_llama8b_prompt_start", {32, 8, 128, 0, 64, Q8}},
                      TiledCase{"q8_across_tiles_and_splits", {8, 2, 64, 230, 40, Q8}},
                      TiledCase{"q8_group7_padding_rows", {28, 4, 128, 70, 100, Q8}},
                      TiledCase{"q8_head96_mha", {8, 8, 96, 300, 33, Q8}},
                      // Sliding windows: inside a split, past whole splits, narrower
                      // than a tile; rings as Gemma 3 keeps them (1024 + batch 64),
                      // wrapping inside the batch, and the tightest a batch allows.
                      TiledCase{"window_inside_split", {8, 2, 64, 230, 40, F16, 100}},
                      TiledCase{"q8_window_skips_splits", {8, 2, 64, 700, 40, Q8, 300}},
                      TiledCase{"window_narrower_than_a_tile", {4, 1, 64, 100, 20, F16, 8}},
                      TiledCase{"window_gemma_ring", {8, 4, 128, 1130, 64, F16, 1024, 0.0f, 1152}},
                      TiledCase{"q8_window_gemma_ring", {8, 4, 128, 1130, 64, Q8, 1024, 0.0f, 1152}},
                      TiledCase{"window_tightest_ring", {4, 2, 64, 90, 17, F16, 40, 0.0f, 56}}),
    [](const ::testing::TestParamInfo<TiledCase> &i) { return i.param.name; });

TEST(CudaTiledAttentionHost, OtherHeadLengthsAreRefused)
{
    float dummy = 0;
    EXPECT_FALSE(
        test::emulateTiledAttention(KvCacheType::F16, nullptr, nullptr, 0, 0, 9, &dummy, 4, 4, 48, 0, 0, &dummy));
}

struct ChoiceCase {
    const char *name;
    KvCacheType type;
    int headDim, nTokens;
    bool tiled;
};

class CudaTiledAttentionChoice : public ::testing::TestWithParam<ChoiceCase> {};

TEST_P(CudaTiledAttentionChoice, TakesPromptBatchesOfSupportedHeads)
{
    const ChoiceCase c = GetParam();
    EXPECT_EQ(cuda::tiledAttentionTakes(c.type, c.headDim, c.nTokens), c.tiled);
}

INSTANTIATE_TEST_SUITE_P(Cases, CudaTiledAttentionChoice,
                         ::testing::Values(ChoiceCase{"head128_prompt", F16, 128, 64, true},
                                           ChoiceCase{"head64_smallest_batch", F16, 64, 9, true},
                                           ChoiceCase{"head96_prompt", F16, 96, 33, true},
                                           ChoiceCase{"below_the_batch_minimum", F16, 128, 8, false},
                                           ChoiceCase{"decode_step", F16, 128, 1, false},
                                           ChoiceCase{"q8_0_cache", Q8, 128, 64, true},
                                           ChoiceCase{"q8_0_decode_step", Q8, 128, 1, false},
                                           ChoiceCase{"head48", F16, 48, 64, false},
                                           ChoiceCase{"head256", F16, 256, 64, false}),
                         [](const ::testing::TestParamInfo<ChoiceCase> &i) { return i.param.name; });

} // namespace
