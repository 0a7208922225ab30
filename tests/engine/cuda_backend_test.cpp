// The CUDA backend end to end: aidreams260K's golden greedy tokens exactly,
// and on the synthetic models of every tensor type the same logits as the CPU
// backend within a tolerance per type, through Session (prompt, then one token
// per step). Skips visibly without a usable GPU; unloading frees the device.
#include "cuda_test_support.h"
#include "golden_support.h"
#include "test_support.h"

#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/cuda/cuda_backend.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

std::unique_ptr<Session> openOn(BackendChoice choice, const std::shared_ptr<const Model> &model,
                                KvCacheType kvType = KvCacheType::F16)
{
    SessionOptions o;
    o.contextLength = 256;
    o.kvType = kvType;
    auto opened = openSession(model, o, choice);
    EXPECT_TRUE(opened.ok()) << opened.message();
    return opened ? std::move(opened->session) : nullptr;
}

class CudaAidreams : public ::testing::TestWithParam<const char *> {};

TEST_P(CudaAidreams, GreedyTokensMatchGolden)
{
    MA_REQUIRE_CUDA_DEVICE();
    const std::string type = GetParam();
    MA_REQUIRE_SHARED_FILE(modelPath, "models/aidreams260K-" + type + ".gguf");
    MA_REQUIRE_SHARED_FILE(goldenPath, "golden/aidreams260K-" + type + ".golden.json");
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    auto session = openOn(BackendChoice::Cuda, model.value());
    ASSERT_TRUE(session);
    for (const test::GoldenCase &g : test::readGolden(goldenPath)) {
        session->reset();
        GenerateOptions o;
        o.maxTokens = int(g.greedy.size());
        o.stopAtEos = false;
        auto r = session->generate(g.prompt, o);
        ASSERT_TRUE(r.ok()) << r.message();
        EXPECT_EQ(r->tokens, g.greedy);
    }
}

INSTANTIATE_TEST_SUITE_P(Types, CudaAidreams, ::testing::Values("F32", "F16"));

// Largest |CUDA - CPU| logit as a fraction of the step's largest |logit|.
// Float weights: both backends multiply F32 activations; they differ in
// summation order and in the attention probabilities (rounded to F16 on the
// CPU only). Quantised weights: both quantise activations to the same 8-bit
// blocks, but an activation one ulp apart (summation order) can round to the
// neighbouring integer, which these random-weight networks turn into a few
// percent (model_golden_test.cpp explains the sensitivity).
// A Q8_0 KV cache adds the same effect for every type: a K or V value one ulp
// apart can round to the neighbouring Q8_0 step (about 1% of the largest
// logit on these models, reference_forward_test.cpp).
float relTolerance(const test::SynthFile &f, KvCacheType kvType)
{
    return f.quantized || kvType == KvCacheType::Q8_0 ? 0.05f : 1e-3f;
}

void compareBackends(const std::shared_ptr<const Model> &model, KvCacheType kvType, const test::SynthFile &sc,
                     const std::string &goldenPath)
{
    auto gpu = openOn(BackendChoice::Cuda, model, kvType);
    auto cpu = openOn(BackendChoice::Cpu, model, kvType);
    ASSERT_TRUE(gpu && cpu);
    size_t steps = 0, sameArgmax = 0;
    for (const test::GoldenCase &g : test::readGolden(goldenPath)) {
        const auto onGpu = test::teacherForced(*gpu, g, g.greedy.size());
        const auto onCpu = test::teacherForced(*cpu, g, g.greedy.size());
        for (size_t step = 0; step < onGpu.size(); ++step) {
            const auto &a = onGpu[step], &b = onCpu[step];
            float maxAbs = 0, maxErr = 0;
            for (size_t i = 0; i < a.size(); ++i) {
                maxAbs = std::max(maxAbs, std::fabs(b[i]));
                maxErr = std::max(maxErr, std::fabs(a[i] - b[i]));
            }
            EXPECT_LE(maxErr, relTolerance(sc, kvType) * maxAbs) << "step " << step << " (max |logit| " << maxAbs << ")";
            ++steps;
            sameArgmax += std::max_element(a.begin(), a.end()) - a.begin()
                       == std::max_element(b.begin(), b.end()) - b.begin();
        }
    }
    // The greedy choice is what a user sees; it may differ only at near-ties.
    EXPECT_GE(double(sameArgmax), 0.9 * double(steps)) << sameArgmax << " of " << steps << " steps agree";
}

class CudaSynth : public ::testing::TestWithParam<test::SynthFile> {};

TEST_P(CudaSynth, LogitsMatchCpuBackend)
{
    MA_REQUIRE_CUDA_DEVICE();
    const test::SynthFile sc = GetParam();
    MA_REQUIRE_SHARED_FILE(modelPath, std::string("models/") + sc.name + ".gguf");
    MA_REQUIRE_SHARED_FILE(goldenPath, std::string("golden/") + sc.name + ".golden.json");
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    for (KvCacheType kvType : {KvCacheType::F16, KvCacheType::Q8_0}) {
        SCOPED_TRACE("KV cache " + std::string(kvCacheTypeName(kvType)));
        compareBackends(model.value(), kvType, sc, goldenPath);
    }
}

INSTANTIATE_TEST_SUITE_P(Files, CudaSynth, ::testing::ValuesIn(test::kSynthFiles),
                         [](const ::testing::TestParamInfo<test::SynthFile> &i) {
                             return test::testNameOf(i.param.name);
                         });


// A prompt runs in batches with direct launches; a decode step replays a
// captured graph that reads its position on the device, one graph per
// 256-position attention slice. Per token both take the same integer dot
// products of the same 8-bit values; the batch sums them on the tensor cores
// in another float order (16 values at a time, against a warp's lanes): each
// is within 1e-7 of a row's magnitude of the exact sum (6.4e-8 at most in
// CudaMmaTile's host runs, rows of up to 4096). Their logits agree
// to 1e-4 of the largest, here across two slices; a wrong position or token
// would be off by order 1.
TEST(CudaBackendPaths, PromptBatchesAndDecodeGraphsAgree)
{
    MA_REQUIRE_CUDA_DEVICE();
    MA_REQUIRE_SHARED_FILE(modelPath, "models/synth-llama-Q4_K_M.gguf");
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    SessionOptions o;
    o.contextLength = 320;
    auto batched = openSession(model.value(), o, BackendChoice::Cuda);
    auto stepped = openSession(model.value(), o, BackendChoice::Cuda);
    ASSERT_TRUE(batched.ok() && stepped.ok());
    std::vector<int32_t> tokens(300);
    for (size_t i = 0; i < tokens.size(); ++i)
        tokens[i] = int32_t((i * 37 + 11) % 512);
    std::vector<float> all;
    ASSERT_TRUE(batched->session->evaluateAll(tokens, all).ok());
    const size_t vocab = size_t(model.value()->config().vocabSize);
    for (size_t i = 0; i < tokens.size(); ++i) {
        ASSERT_TRUE(stepped->session->prefill(std::span<const int32_t>(&tokens[i], 1)).ok()) << i;
        const auto step = stepped->session->logits();
        float maxAbs = 0;
        for (size_t v = 0; v < vocab; ++v)
            maxAbs = std::max(maxAbs, std::fabs(all[i * vocab + v]));
        for (size_t v = 0; v < vocab; ++v)
            ASSERT_NEAR(step[v], all[i * vocab + v], 1e-4f * maxAbs) << "position " << i << " logit " << v;
    }
}

using CudaBackendMemory = test::CudaDeviceTest;

// Weights, KV cache and scratch are all returned to the driver when the session goes.
TEST_F(CudaBackendMemory, UnloadingFreesTheDevice)
{
    MA_REQUIRE_SHARED_FILE(modelPath, "models/synth-llama-Q4_K_M.gguf");
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    const std::vector<int32_t> prompt{1, 2, 3};
    auto runOnce = [&](uint64_t *freeWhileLoaded) {
        auto session = openOn(BackendChoice::Cuda, model.value());
        ASSERT_TRUE(session);
        ASSERT_TRUE(session->prefill(prompt).ok());
        // The device memory the session took, line by line as the planner predicts it.
        const BackendMemory m = session->memory();
        EXPECT_GT(m.weightBytes, 0u);
        EXPECT_GT(m.kvCacheBytes, 0u);
        EXPECT_GE(m.deviceUsedBytes, m.weightBytes + m.kvCacheBytes + m.scratchBytes);
        EXPECT_EQ(m.deviceUsedBytes, m.weightBytes + m.kvCacheBytes + m.scratchBytes + m.runtimeOverheadBytes);
        const auto during = m_allocator->snapshot();
        ASSERT_TRUE(during.ok());
        *freeWhileLoaded = during->freeBytes;
    };
    // The first run also loads the kernels' modules (CUDA loads them lazily
    // and keeps them): only what a session allocates must come back.
    uint64_t freeWhileLoaded = 0;
    runOnce(&freeWhileLoaded);
    const auto before = m_allocator->snapshot();
    ASSERT_TRUE(before.ok());
    runOnce(&freeWhileLoaded);
    EXPECT_LT(freeWhileLoaded, before->freeBytes);
    const auto after = m_allocator->snapshot();
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->freeBytes, before->freeBytes);
}

} // namespace
