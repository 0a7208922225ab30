// Split-KV attention and the KV store on the device against a double-precision
// reference over the same F16 cache, for head layouts of the catalog's models:
// one query (decode) inside one split, on a split boundary and across several
// splits, and batches of queries (prompts) whose causal spans differ.
#include "cuda_test_support.h"

#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/tensor/half.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

struct AttentionCase {
    const char *name;
    int nHeads, nKvHeads, headDim;
    int pos0, nTokens;   // queries at positions pos0 .. pos0 + nTokens - 1
};

class CudaAttention : public test::CudaDeviceTest, public ::testing::WithParamInterface<AttentionCase> {};

// Row t: query t at position pos0 + t over positions 0..pos0 + t, the query
// rounded to F16, in double.
std::vector<float> referenceAttention(const std::vector<uint16_t> &key, const std::vector<uint16_t> &value,
                                      const std::vector<float> &q, const AttentionCase &c)
{
    const int kvDim = c.nKvHeads * c.headDim, group = c.nHeads / c.nKvHeads, qDim = c.nHeads * c.headDim;
    std::vector<float> out(size_t(c.nTokens) * size_t(qDim));
    for (int t = 0; t < c.nTokens; ++t) {
        const int pos = c.pos0 + t;
        std::vector<double> scores(size_t(pos) + 1);
        for (int h = 0; h < c.nHeads; ++h) {
            const size_t kvOff = size_t(h / group) * size_t(c.headDim);
            const size_t qOff = size_t(t) * size_t(qDim) + size_t(h) * size_t(c.headDim);
            double maxScore = -INFINITY;
            for (int p = 0; p <= pos; ++p) {
                double dot = 0;
                for (int d = 0; d < c.headDim; ++d)
                    dot += double(f16ToF32(f32ToF16(q[qOff + size_t(d)])))
                         * double(f16ToF32(key[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]));
                scores[size_t(p)] = dot / std::sqrt(double(c.headDim));
                maxScore = std::max(maxScore, scores[size_t(p)]);
            }
            double total = 0;
            for (double &s : scores)
                total += (s = std::exp(s - maxScore));
            for (int d = 0; d < c.headDim; ++d) {
                double acc = 0;
                for (int p = 0; p <= pos; ++p)
                    acc += scores[size_t(p)] * double(f16ToF32(value[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]));
                out[qOff + size_t(d)] = float(acc / total);
            }
        }
    }
    return out;
}

std::vector<float> normalVector(size_t n, std::mt19937 &rng)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(n);
    for (float &x : v)
        x = normal(rng);
    return v;
}

TEST_P(CudaAttention, MatchesDoubleReference)
{
    const AttentionCase c = GetParam();
    const int kvDim = c.nKvHeads * c.headDim;
    const int last = c.pos0 + c.nTokens - 1;
    const int context = last + 1 + 7;   // positions past the last query exist and must be ignored
    std::mt19937 rng(11);

    // The batch's own K/V go through storeKv; the earlier positions are uploaded as F16.
    const auto cacheValues = normalVector(size_t(context) * size_t(kvDim) * 2, rng);
    std::vector<uint16_t> key(size_t(context) * size_t(kvDim)), value(key.size());
    for (size_t i = 0; i < key.size(); ++i) {
        key[i] = f32ToF16(cacheValues[2 * i]);
        value[i] = f32ToF16(cacheValues[2 * i + 1]);
    }
    const size_t batchOffset = size_t(c.pos0) * size_t(kvDim);
    const auto kNew = normalVector(size_t(c.nTokens) * size_t(kvDim), rng);
    const auto vNew = normalVector(kNew.size(), rng);
    const auto q = normalVector(size_t(c.nTokens) * size_t(c.nHeads) * size_t(c.headDim), rng);
    for (size_t i = 0; i < kNew.size(); ++i) {
        key[batchOffset + i] = f32ToF16(kNew[i]);
        value[batchOffset + i] = f32ToF16(vNew[i]);
    }
    const auto expected = referenceAttention(key, value, q, c);
    // From pos0 on the uploaded cache holds huge values: the batch's rows must
    // come from storeKv, and the positions after the last query must not be read.
    const uint16_t garbage = f32ToF16(1e4f);
    for (size_t i = batchOffset; i < key.size(); ++i)
        key[i] = value[i] = garbage;

    DeviceKvCache kv;
    kv.nLayers = 2;   // layer 1 is used: the layer offset is part of what is tested
    kv.contextLength = context;
    kv.kvDim = kvDim;
    auto keys = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "keys");
    auto values = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "values");
    ASSERT_TRUE(keys && values);
    kv.key = static_cast<uint16_t *>(*keys);
    kv.value = static_cast<uint16_t *>(*values);
    const size_t layerOffset = size_t(context) * size_t(kvDim);
    ASSERT_TRUE(copyToDevice(kv.key + layerOffset, key.data(), key.size() * 2).ok());
    ASSERT_TRUE(copyToDevice(kv.value + layerOffset, value.data(), value.size() * 2).ok());

    const auto kDevice = test::uploadFloats(*m_allocator, kNew, "k");
    const auto vDevice = test::uploadFloats(*m_allocator, vNew, "v");
    const auto qDevice = test::uploadFloats(*m_allocator, q, "q");
    const auto outDevice = test::uploadFloats(*m_allocator, std::vector<float>(q.size()), "out");
    auto scratch = m_allocator->allocate(
        MemoryCategory::Scratch, attentionScratchBytes(c.nHeads, c.headDim, context, c.nTokens), "partials");
    ASSERT_TRUE(kDevice && vDevice && qDevice && outDevice && scratch);

    auto stored = storeKv(kv, 1, c.pos0, c.nTokens, *kDevice, *vDevice);
    ASSERT_TRUE(stored.ok()) << stored.message();
    auto ran = attention(kv, 1, c.pos0, c.nTokens, *qDevice, c.nHeads, c.nKvHeads, c.headDim,
                         static_cast<float *>(*scratch), *outDevice);
    ASSERT_TRUE(ran.ok()) << ran.message();
    const auto out = test::downloadFloats(*outDevice, q.size());
    ASSERT_TRUE(out.ok()) << out.message();
    // Values are N(0,1) F16s; outputs are convex mixes of them. Float
    // accumulation over up to a few thousand positions stays within 1e-4.
    for (size_t i = 0; i < q.size(); ++i)
        ASSERT_NEAR((*out)[i], expected[i], 1e-4f) << "output " << i;
}

INSTANTIATE_TEST_SUITE_P(Layouts, CudaAttention,
                         ::testing::Values(AttentionCase{"decode_first", 32, 8, 128, 0, 1},
                                           AttentionCase{"decode_one_split", 32, 8, 128, 200, 1},
                                           AttentionCase{"decode_split_edge", 32, 8, 128, 255, 1},
                                           AttentionCase{"decode_next_split", 32, 8, 128, 256, 1},
                                           AttentionCase{"decode_many_splits", 32, 8, 128, 2100, 1},
                                           AttentionCase{"decode_mha_small_heads", 6, 6, 48, 300, 1},
                                           AttentionCase{"decode_head256", 8, 4, 256, 700, 1},
                                           AttentionCase{"prompt_from_start", 32, 8, 128, 0, 64},
                                           AttentionCase{"prompt_across_splits", 8, 2, 64, 230, 40},
                                           AttentionCase{"prompt_odd_batch", 6, 6, 48, 500, 13}),
                         [](const ::testing::TestParamInfo<AttentionCase> &i) { return i.param.name; });

TEST(CudaAttentionArguments, BadShapesAreErrorsNotFaults)
{
    DeviceKvCache kv;
    float dummy = 0;
    EXPECT_EQ(storeKv(kv, 0, 0, 1, &dummy, &dummy).message(), "storeKv: null device pointer");
    kv.nLayers = 1;
    kv.contextLength = 8;
    kv.kvDim = 64;
    kv.key = kv.value = reinterpret_cast<uint16_t *>(&dummy);   // never dereferenced: the checks come first
    EXPECT_NE(storeKv(kv, 0, 6, 3, &dummy, &dummy).message().find("outside the cache"), std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, 3, 2, 32, &dummy, &dummy).message().find("do not fit"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, 1, 1, 512, &dummy, &dummy).message().find("at most 256"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 7, 2, &dummy, 2, 2, 32, &dummy, &dummy).message().find("outside the cache"),
              std::string::npos);
}

} // namespace
