// Sampling's first half on the device (cuda_sampling.h, Backend::topCandidates
// of the CUDA backend) against the host's plain sort: the same candidate set
// (ties to the lower id) for every shape of logits, the penalty applied as
// Sampler applies it. The radix select's digit arithmetic also runs on the
// host (CudaTopKHost), so it is checked on every machine.
#include "cuda_block_decode_host.h"
#include "cuda_test_support.h"
#include "test_support.h"

#include "modelatlas/engine/cuda/cuda_backend.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/cuda/cuda_sampling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

struct TopKCase {
    const char *name;
    int n;
    int k;
    std::vector<float> (*values)(int n);
};

std::vector<float> normalValues(int n)
{
    std::mt19937 rng{uint32_t(n)};
    std::normal_distribution<float> normal(0.0f, 4.0f);
    std::vector<float> v(size_t(n), 0.0f);
    for (auto &x : v)
        x = normal(rng);
    return v;
}

// Few distinct values: the k-th largest is shared by many ids.
std::vector<float> coarseValues(int n)
{
    std::vector<float> v = normalValues(n);
    for (auto &x : v)
        x = std::round(x);
    return v;
}

std::vector<float> equalValues(int n)
{
    return std::vector<float>(size_t(n), -1.5f);
}

// Signed zeros, infinities, subnormals and both signs around them.
std::vector<float> edgeValues(int n)
{
    const float special[] = {0.0f,  -0.0f, std::numeric_limits<float>::infinity(),
                             -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::denorm_min(),
                             -std::numeric_limits<float>::denorm_min(), 1e-30f, -1e-30f, 3.0f, -3.0f};
    std::vector<float> v(static_cast<size_t>(n));
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = special[(i * 7) % std::size(special)];
    return v;
}

const TopKCase kTopKCases[] = {
    {"Normal1", 1000, 1, normalValues},          {"Normal40", 32000, 40, normalValues},
    {"NormalLlama3Vocab", 128256, 40, normalValues}, {"NormalAll", 777, 777, normalValues},
    {"CoarseTies", 5000, 100, coarseValues},    {"AllEqual", 3000, 7, equalValues},
    {"EdgeFloats", 1001, 300, edgeValues},      {"UnderOneThreadEach", 100, 10, normalValues},
};

std::vector<TokenLogit> sortedBest(std::vector<TokenLogit> c)
{
    std::sort(c.begin(), c.end(), [](const TokenLogit &a, const TokenLogit &b) { return a.id < b.id; });
    return c;
}

void expectSameCandidates(const std::vector<TokenLogit> &got, const std::vector<TokenLogit> &want)
{
    const auto g = sortedBest(got), w = sortedBest(want);
    ASSERT_EQ(g.size(), w.size());
    for (size_t i = 0; i < g.size(); ++i) {
        ASSERT_EQ(g[i].id, w[i].id) << "candidate " << i;
        ASSERT_EQ(std::memcmp(&g[i].logit, &w[i].logit, sizeof(float)), 0) << "candidate " << i;
    }
}

class CudaTopKHost : public ::testing::TestWithParam<TopKCase> {};
class CudaTopK : public test::CudaDeviceTest, public ::testing::WithParamInterface<TopKCase> {};

std::string caseName(const ::testing::TestParamInfo<TopKCase> &i)
{
    return i.param.name;
}

} // namespace

TEST(CudaTopKKeys, OrderIsTheFloatOrder)
{
    std::vector<float> v = edgeValues(10);
    const auto more = normalValues(200);
    v.insert(v.end(), more.begin(), more.end());
    for (const float a : v) {
        for (const float b : v) {
            ASSERT_EQ(test::orderedKeyOf(a) < test::orderedKeyOf(b), a < b) << a << " vs " << b;
            ASSERT_EQ(test::orderedKeyOf(a) == test::orderedKeyOf(b), a == b) << a << " vs " << b;
        }
    }
}

TEST_P(CudaTopKHost, SelectsWhatTheHostSortKeeps)
{
    const TopKCase &c = GetParam();
    const std::vector<float> values = c.values(c.n);
    expectSameCandidates(test::emulateSelectTopK(values, c.k), test::referenceCandidates(values, {}, 1.0f, c.k));
}

INSTANTIATE_TEST_SUITE_P(Shapes, CudaTopKHost, ::testing::ValuesIn(kTopKCases), caseName);

TEST_P(CudaTopK, SelectsWhatTheHostSortKeeps)
{
    const TopKCase &c = GetParam();
    const std::vector<float> values = c.values(c.n);
    const auto device = test::uploadFloats(*m_allocator, values, "logits");
    auto out = m_allocator->allocate(MemoryCategory::Scratch, size_t(c.k) * sizeof(TokenLogit), "candidates");
    ASSERT_TRUE(device.ok() && out.ok());
    auto *candidates = static_cast<TokenLogit *>(*out);
    ASSERT_TRUE(selectTopK(*device, c.n, c.k, candidates).ok());
    ASSERT_TRUE(synchronize().ok());
    std::vector<TokenLogit> got(size_t(c.k));
    ASSERT_TRUE(copyToHost(got.data(), candidates, got.size() * sizeof(TokenLogit)).ok());
    expectSameCandidates(got, test::referenceCandidates(values, {}, 1.0f, c.k));
    EXPECT_FALSE(selectTopK(*device, c.n, c.n + 1, candidates).ok());
}

INSTANTIATE_TEST_SUITE_P(Shapes, CudaTopK, ::testing::ValuesIn(kTopKCases), caseName);

using CudaPenalty = test::CudaDeviceTest;

// Positive logits divided by the penalty, negative and zero multiplied; the rest untouched.
TEST_F(CudaPenalty, ChangesThePenalisedLogitsAsTheSamplerDoes)
{
    const std::vector<float> logits{2.0f, -2.0f, 0.0f, 7.5f, -0.25f, 1.0f};
    const std::vector<int32_t> ids{0, 1, 2, 4};
    const auto device = test::uploadFloats(*m_allocator, logits, "logits");
    auto idsDevice = m_allocator->allocate(MemoryCategory::Scratch, ids.size() * sizeof(int32_t), "ids");
    auto out = m_allocator->allocate(MemoryCategory::Scratch, logits.size() * sizeof(float), "out");
    ASSERT_TRUE(device.ok() && idsDevice.ok() && out.ok());
    ASSERT_TRUE(copyToDevice(*idsDevice, ids.data(), ids.size() * sizeof(int32_t)).ok());
    ASSERT_TRUE(penaliseLogits(*device, int(logits.size()), static_cast<const int32_t *>(*idsDevice),
                               int(ids.size()), 1.3f, static_cast<float *>(*out))
                    .ok());
    const auto got = test::downloadFloats(static_cast<const float *>(*out), logits.size());
    ASSERT_TRUE(got.ok());
    const std::vector<float> want{2.0f / 1.3f, -2.0f * 1.3f, 0.0f, 7.5f, -0.25f * 1.3f, 1.0f};
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ((*got)[i], want[i]) << i;
}

// The backend's candidates after a prompt are the host's selection from the
// same logits (copyLogits), with and without a penalty; a decode step
// without a logits buffer leaves them there for the next selection.
TEST(CudaBackendSampling, CandidatesAreTheHostSelectionOfItsLogits)
{
    MA_REQUIRE_CUDA_DEVICE();
    MA_REQUIRE_SHARED_FILE(modelPath, "models/synth-llama-Q4_K_M.gguf");
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    BackendParams params;
    params.contextLength = 256;
    params.batchSize = 64;
    auto backend = makeCudaBackend(model.value(), params, 0);
    ASSERT_TRUE(backend.ok()) << backend.message();
    Backend &b = **backend;
    ASSERT_GT(b.maxCandidates(), 0);
    const std::vector<int32_t> prompt{1, 17, 42, 99, 7, 300};
    ASSERT_TRUE(b.forward(prompt, 0, false, nullptr, nullptr).ok());
    const std::vector<int32_t> next{5};
    for (int step = 0; step < 2; ++step) {
        std::vector<float> logits(size_t(model.value()->config().vocabSize));
        ASSERT_TRUE(b.copyLogits(logits.data()).ok());
        for (const int k : {1, 40}) {
            std::vector<TokenLogit> got;
            ASSERT_TRUE(b.topCandidates({}, 1.0f, k, got).ok());
            expectSameCandidates(got, test::referenceCandidates(logits, {}, 1.0f, k));
            ASSERT_TRUE(b.topCandidates(prompt, 1.3f, k, got).ok());
            expectSameCandidates(got, test::referenceCandidates(logits, prompt, 1.3f, k));
        }
        ASSERT_TRUE(b.forward(next, int(prompt.size()) + step, false, nullptr, nullptr).ok());
    }
    std::vector<TokenLogit> tooMany;
    EXPECT_FALSE(b.topCandidates({}, 1.0f, b.maxCandidates() + 1, tooMany).ok());
}
