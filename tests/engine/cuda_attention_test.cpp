// Split-KV attention and the KV store on the device against a double-precision
// reference over the same F16 or Q8_0 cache, for head layouts of the catalog's models:
// one query (decode) inside one split, on a split boundary and across several
// splits, and batches of queries (prompts) whose causal spans differ.
#include "cuda_test_support.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/cuda/cuda_attention.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"

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
    int nHeads, nKvHeads, headDim;
    int pos0, nTokens;   // queries at positions pos0 .. pos0 + nTokens - 1
    KvCacheType kvType;
};

class CudaAttention : public test::CudaDeviceTest, public ::testing::WithParamInterface<AttentionCase> {};

// Values as the cache stores them: F16 bits, or Q8_0 blocks made by the CPU
// quantiser (the device's storeKv must write the same bytes). Rows of kvDim
// values are whole blocks, so all rows together quantise as one run.
std::vector<uint8_t> encode(KvCacheType type, const std::vector<float> &values)
{
    std::vector<uint8_t> bytes(size_t(kvCacheBytes(type, values.size())));
    if (type == KvCacheType::Q8_0) {
        cpu::quantizeActivations(cpu::ActType::Q8_0, values.data(), bytes.data(), int(values.size()));
        return bytes;
    }
    for (size_t i = 0; i < values.size(); ++i) {
        const uint16_t h = f32ToF16(values[i]);
        std::memcpy(bytes.data() + 2 * i, &h, 2);
    }
    return bytes;
}

// What the cache reads back from encode()'s bytes.
std::vector<float> decode(KvCacheType type, const std::vector<uint8_t> &bytes, size_t n)
{
    std::vector<float> values(n);
    if (type == KvCacheType::Q8_0)
        dequantizeRowQ8_0(bytes.data(), values.data(), n);
    else
        dequantizeRowF16(bytes.data(), values.data(), n);
    return values;
}

// Row t: query t at position pos0 + t over positions 0..pos0 + t, in double,
// over the cached values and the query as the cache's dot rounds it.
std::vector<float> referenceAttention(const std::vector<float> &key, const std::vector<float> &value,
                                      const std::vector<float> &q, const AttentionCase &c)
{
    const int kvDim = c.nKvHeads * c.headDim, group = c.nHeads / c.nKvHeads, qDim = c.nHeads * c.headDim;
    const std::vector<float> query = decode(c.kvType, encode(c.kvType, q), q.size());
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
                    dot += double(query[qOff + size_t(d)]) * double(key[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]);
                scores[size_t(p)] = dot / std::sqrt(double(c.headDim));
                maxScore = std::max(maxScore, scores[size_t(p)]);
            }
            double total = 0;
            for (double &s : scores)
                total += (s = std::exp(s - maxScore));
            for (int d = 0; d < c.headDim; ++d) {
                double acc = 0;
                for (int p = 0; p <= pos; ++p)
                    acc += scores[size_t(p)] * double(value[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]);
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

    // The batch's own K/V go through storeKv; the earlier positions are uploaded encoded.
    auto keyValues = normalVector(size_t(context) * size_t(kvDim), rng);
    auto valueValues = normalVector(keyValues.size(), rng);
    const size_t batchOffset = size_t(c.pos0) * size_t(kvDim);
    const auto kNew = normalVector(size_t(c.nTokens) * size_t(kvDim), rng);
    const auto vNew = normalVector(kNew.size(), rng);
    const auto q = normalVector(size_t(c.nTokens) * size_t(c.nHeads) * size_t(c.headDim), rng);
    std::copy(kNew.begin(), kNew.end(), keyValues.begin() + std::ptrdiff_t(batchOffset));
    std::copy(vNew.begin(), vNew.end(), valueValues.begin() + std::ptrdiff_t(batchOffset));
    const std::vector<uint8_t> keyBytes = encode(c.kvType, keyValues);
    const std::vector<uint8_t> valueBytes = encode(c.kvType, valueValues);
    const auto expected = referenceAttention(decode(c.kvType, keyBytes, keyValues.size()),
                                             decode(c.kvType, valueBytes, valueValues.size()), q, c);
    // From pos0 on the uploaded cache holds huge values: the batch's rows must
    // come from storeKv, and the positions after the last query must not be read.
    std::vector<float> garbage = keyValues;
    std::fill(garbage.begin() + std::ptrdiff_t(batchOffset), garbage.end(), 1e4f);
    std::vector<uint8_t> keyUpload = encode(c.kvType, garbage);
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
    auto ran = attention(kv, 1, c.pos0, c.nTokens, *qDevice, c.nHeads, c.nKvHeads, c.headDim,
                         static_cast<float *>(*scratch), *outDevice);
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
                         ::testing::Values(AttentionCase{"decode_first", 32, 8, 128, 0, 1, F16},
                                           AttentionCase{"decode_one_split", 32, 8, 128, 200, 1, F16},
                                           AttentionCase{"decode_split_edge", 32, 8, 128, 255, 1, F16},
                                           AttentionCase{"decode_next_split", 32, 8, 128, 256, 1, F16},
                                           AttentionCase{"decode_many_splits", 32, 8, 128, 2100, 1, F16},
                                           AttentionCase{"decode_mha_small_heads", 6, 6, 48, 300, 1, F16},
                                           AttentionCase{"decode_head256", 8, 4, 256, 700, 1, F16},
                                           AttentionCase{"prompt_from_start", 32, 8, 128, 0, 64, F16},
                                           AttentionCase{"prompt_across_splits", 8, 2, 64, 230, 40, F16},
                                           AttentionCase{"prompt_odd_batch", 6, 6, 48, 500, 13, F16},
                                           AttentionCase{"q8_decode_first", 32, 8, 128, 0, 1, Q8},
                                           AttentionCase{"q8_decode_split_edge", 32, 8, 128, 255, 1, Q8},
                                           AttentionCase{"q8_decode_many_splits", 32, 8, 128, 2100, 1, Q8},
                                           AttentionCase{"q8_decode_head64_mha", 12, 12, 64, 300, 1, Q8},
                                           AttentionCase{"q8_decode_head256", 8, 4, 256, 700, 1, Q8},
                                           AttentionCase{"q8_prompt_from_start", 32, 8, 128, 0, 64, Q8},
                                           AttentionCase{"q8_prompt_across_splits", 8, 2, 64, 230, 40, Q8}),
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
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, 3, 2, 32, &dummy, &dummy).message().find("do not fit"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, 1, 1, 512, &dummy, &dummy).message().find("at most 256"),
              std::string::npos);
    EXPECT_NE(attention(kv, 0, 7, 2, &dummy, 2, 2, 32, &dummy, &dummy).message().find("outside the cache"),
              std::string::npos);
    // A Q8_0 block must not straddle two heads.
    kv.type = KvCacheType::Q8_0;
    kv.kvDim = 96;
    EXPECT_NE(attention(kv, 0, 0, 1, &dummy, 2, 2, 48, &dummy, &dummy).message().find("multiple of 32"),
              std::string::npos);
    kv.kvDim = 40;
    EXPECT_NE(storeKv(kv, 0, 0, 1, &dummy, &dummy).message().find("not whole Q8_0 blocks"), std::string::npos);
}

} // namespace
