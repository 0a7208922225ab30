// Split-KV attention and the KV store on the device against a double-precision
// reference over the same F16 or Q8_0 cache, for head layouts of the catalog's models:
// one query (decode) inside one split, on a split boundary and across several
// splits, and batches of queries (prompts) whose causal spans differ. Batches
// of 9 or more with heads of 64, 96 or 128 take the tensor-core kernel
// (tiled_attention.cu), the others the split kernel. Sliding windows (Gemma 3's
// local layers) start inside a split, on a split's edge, and leave whole
// splits out; one case takes a score scale other than 1/sqrt(headDim).
#include "attention_reference.h"
#include "cuda_test_support.h"

#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_ops.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

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
    // From pos0 on the uploaded cache holds huge values: the batch's rows must
    // come from storeKv, and the positions after the last query must not be read.
    std::vector<float> garbage = keyValues;
    std::fill(garbage.begin() + std::ptrdiff_t(batchOffset), garbage.end(), 1e4f);
    std::vector<uint8_t> keyUpload = test::encodeKv(c.kvType, garbage);
    std::vector<uint8_t> valueUpload = keyUpload;
    const size_t rowBytes = size_t(kvCacheBytes(c.kvType, uint64_t(kvDim)));
    const size_t batchBytes = size_t(c.pos0) * rowBytes;
    std::copy(keyBytes.begin(), keyBytes.begin() + std::ptrdiff_t(batchBytes), keyUpload.begin());
    std::copy(valueBytes.begin(), valueBytes.begin() + std::ptrdiff_t(batchBytes), valueUpload.begin());

    DeviceKvCache kv;
    kv.type = c.kvType;
    kv.nLayers = 2;   // layer 1 is used: the layer offset is part of what is tested
    kv.contextLength = context;
    kv.kvDim = kvDim;
    auto keys = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "keys");
    auto values = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "values");
    ASSERT_TRUE(keys && values);
    kv.key = static_cast<uint8_t *>(*keys);
    kv.value = static_cast<uint8_t *>(*values);
    const size_t layerOffset = size_t(context) * rowBytes;
    ASSERT_EQ(keyUpload.size(), layerOffset);
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
    // storeKv writes the CPU's bytes, F16 or Q8_0.
    std::vector<uint8_t> storedKeys(size_t(c.nTokens) * rowBytes);
    ASSERT_TRUE(copyToHost(storedKeys.data(), kv.key + layerOffset + batchBytes, storedKeys.size()).ok());
    ASSERT_TRUE(std::equal(storedKeys.begin(), storedKeys.end(), keyBytes.begin() + std::ptrdiff_t(batchBytes)));
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
}

} // namespace
