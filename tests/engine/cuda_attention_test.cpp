// Split-KV decode attention and the KV store on the device against a
// double-precision reference over the same F16 cache, for head layouts of the
// catalog's models and positions inside one split, on a split boundary and
// across several splits.
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
    int nHeads, nKvHeads, headDim, pos;
};

class CudaAttention : public test::CudaDeviceTest, public ::testing::WithParamInterface<AttentionCase> {};

// out[h] over positions 0..pos with the query rounded to F16, in double.
std::vector<float> referenceAttention(const std::vector<uint16_t> &key, const std::vector<uint16_t> &value,
                                      const std::vector<float> &q, const AttentionCase &c)
{
    const int kvDim = c.nKvHeads * c.headDim, group = c.nHeads / c.nKvHeads;
    std::vector<float> out(size_t(c.nHeads) * c.headDim);
    std::vector<double> scores(size_t(c.pos) + 1);
    for (int h = 0; h < c.nHeads; ++h) {
        const size_t kvOff = size_t(h / group) * c.headDim;
        double maxScore = -INFINITY;
        for (int p = 0; p <= c.pos; ++p) {
            double dot = 0;
            for (int d = 0; d < c.headDim; ++d)
                dot += double(f16ToF32(f32ToF16(q[size_t(h) * c.headDim + d])))
                     * double(f16ToF32(key[size_t(p) * kvDim + kvOff + d]));
            scores[size_t(p)] = dot / std::sqrt(double(c.headDim));
            maxScore = std::max(maxScore, scores[size_t(p)]);
        }
        double total = 0;
        for (double &s : scores)
            total += (s = std::exp(s - maxScore));
        for (int d = 0; d < c.headDim; ++d) {
            double acc = 0;
            for (int p = 0; p <= c.pos; ++p)
                acc += scores[size_t(p)] * double(f16ToF32(value[size_t(p) * kvDim + kvOff + d]));
            out[size_t(h) * c.headDim + d] = float(acc / total);
        }
    }
    return out;
}

TEST_P(CudaAttention, MatchesDoubleReference)
{
    const AttentionCase c = GetParam();
    const int kvDim = c.nKvHeads * c.headDim;
    const int context = c.pos + 1 + 7;   // positions past pos exist and must be ignored
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.0f, 1.0f);

    // Positions 0..pos-1 are written as F16 directly; pos goes through storeKv.
    std::vector<uint16_t> key(size_t(context) * kvDim), value(key.size());
    for (size_t i = 0; i < key.size(); ++i) {
        key[i] = f32ToF16(normal(rng));
        value[i] = f32ToF16(normal(rng));
    }
    std::vector<float> kNew(static_cast<size_t>(kvDim)), vNew(kNew.size()), q(size_t(c.nHeads) * c.headDim);
    for (auto *v : {&kNew, &vNew, &q})
        for (float &x : *v)
            x = normal(rng);
    for (int i = 0; i < kvDim; ++i) {
        key[size_t(c.pos) * kvDim + i] = f32ToF16(kNew[size_t(i)]);
        value[size_t(c.pos) * kvDim + i] = f32ToF16(vNew[size_t(i)]);
    }
    const auto expected = referenceAttention(key, value, q, c);

    DeviceKvCache kv;
    kv.nLayers = 2;   // layer 1 is used: the layer offset is part of what is tested
    kv.contextLength = context;
    kv.kvDim = kvDim;
    auto keys = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "keys");
    auto values = m_allocator->allocate(MemoryCategory::KvCache, kv.bytesPerTensor(), "values");
    ASSERT_TRUE(keys && values);
    kv.key = static_cast<uint16_t *>(*keys);
    kv.value = static_cast<uint16_t *>(*values);
    const size_t layerOffset = size_t(context) * kvDim;
    // From pos on the uploaded cache holds huge values: pos must come from
    // storeKv, and the positions after it must not be read.
    const uint16_t garbage = f32ToF16(1e4f);
    for (size_t i = size_t(c.pos) * kvDim; i < key.size(); ++i)
        key[i] = value[i] = garbage;
    ASSERT_TRUE(copyToDevice(kv.key + layerOffset, key.data(), key.size() * 2).ok());
    ASSERT_TRUE(copyToDevice(kv.value + layerOffset, value.data(), value.size() * 2).ok());

    const auto kDevice = test::uploadFloats(*m_allocator, kNew, "k");
    const auto vDevice = test::uploadFloats(*m_allocator, vNew, "v");
    const auto qDevice = test::uploadFloats(*m_allocator, q, "q");
    const auto outDevice = test::uploadFloats(*m_allocator, std::vector<float>(q.size()), "out");
    auto scratch = m_allocator->allocate(MemoryCategory::Scratch,
                                         attentionScratchBytes(c.nHeads, c.headDim, context), "partials");
    ASSERT_TRUE(kDevice && vDevice && qDevice && outDevice && scratch);

    auto stored = storeKv(kv, 1, c.pos, *kDevice, *vDevice);
    ASSERT_TRUE(stored.ok()) << stored.message();
    auto ran = attentionDecode(kv, 1, c.pos, *qDevice, c.nHeads, c.nKvHeads, c.headDim,
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
                         ::testing::Values(AttentionCase{"llama8b_first", 32, 8, 128, 0},
                                           AttentionCase{"llama8b_one_split", 32, 8, 128, 200},
                                           AttentionCase{"llama8b_split_edge", 32, 8, 128, 255},
                                           AttentionCase{"llama8b_next_split", 32, 8, 128, 256},
                                           AttentionCase{"llama8b_many_splits", 32, 8, 128, 2100},
                                           AttentionCase{"mha_small_heads", 6, 6, 48, 300},
                                           AttentionCase{"gemma_head256", 8, 4, 256, 700}),
                         [](const ::testing::TestParamInfo<AttentionCase> &i) { return i.param.name; });

TEST(CudaAttentionArguments, BadShapesAreErrorsNotFaults)
{
    DeviceKvCache kv;
    float dummy = 0;
    EXPECT_EQ(storeKv(kv, 0, 0, &dummy, &dummy).message(), "storeKv: null device pointer");
    kv.nLayers = 1;
    kv.contextLength = 8;
    kv.kvDim = 64;
    kv.key = kv.value = reinterpret_cast<uint16_t *>(&dummy);   // never dereferenced: the checks come first
    EXPECT_NE(storeKv(kv, 0, 8, &dummy, &dummy).message().find("outside the cache"), std::string::npos);
    EXPECT_NE(attentionDecode(kv, 0, 0, &dummy, 3, 2, 32, &dummy, &dummy).message().find("do not fit"),
              std::string::npos);
    EXPECT_NE(attentionDecode(kv, 0, 0, &dummy, 1, 1, 512, &dummy, &dummy).message().find("at most 256"),
              std::string::npos);
}

} // namespace
