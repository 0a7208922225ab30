// The CUDA backend end to end: aidreams260K's golden greedy tokens exactly,
// and on the synthetic models of every tensor type (and tiny Gemma 3) the same
// logits as the CPU backend within a tolerance per type, through Session
// (prompt, then one token per step). Skips visibly without a usable GPU; unloading frees the device.
#include "cuda_test_support.h"
#include "golden_support.h"
#include "test_support.h"

#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/cuda/cuda_backend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

std::unique_ptr<Session> openOn(BackendChoice choice, const std::shared_ptr<const Model> &model,
                                KvCacheType kvType = KvCacheType::F16, int contextLength = 256)
{
    SessionOptions o;
    o.contextLength = contextLength;
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
float relTolerance(bool quantized, KvCacheType kvType)
{
    return quantized || kvType == KvCacheType::Q8_0 ? 0.05f : 1e-3f;
}

// Teacher-forced logits of both backends over `cases`, step by step.
void compareBackends(const std::shared_ptr<const Model> &model, KvCacheType kvType, bool quantized,
                     const std::vector<test::GoldenCase> &cases, int contextLength = 256)
{
    auto gpu = openOn(BackendChoice::Cuda, model, kvType, contextLength);
    auto cpu = openOn(BackendChoice::Cpu, model, kvType, contextLength);
    ASSERT_TRUE(gpu && cpu);
    size_t steps = 0, sameArgmax = 0;
    for (const test::GoldenCase &g : cases) {
        const auto onGpu = test::teacherForced(*gpu, g, g.greedy.size());
        const auto onCpu = test::teacherForced(*cpu, g, g.greedy.size());
        for (size_t step = 0; step < onGpu.size(); ++step) {
            const auto &a = onGpu[step], &b = onCpu[step];
            float maxAbs = 0, maxErr = 0;
            for (size_t i = 0; i < a.size(); ++i) {
                maxAbs = std::max(maxAbs, std::fabs(b[i]));
                maxErr = std::max(maxErr, std::fabs(a[i] - b[i]));
            }
            EXPECT_LE(maxErr, relTolerance(quantized, kvType) * maxAbs)
                << "step " << step << " (max |logit| " << maxAbs << ")";
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
        compareBackends(model.value(), kvType, sc.quantized, test::readGolden(goldenPath));
    }
}

INSTANTIATE_TEST_SUITE_P(Files, CudaSynth, ::testing::ValuesIn(test::kSynthFiles),
                         [](const ::testing::TestParamInfo<test::SynthFile> &i) {
                             return test::testNameOf(i.param.name);
                         });

// Files ../shared has no golden outputs for, synthesised here: the legacy
// weight types, and tiny Gemma 3 (a sliding-window layer with a window of 8
// and a global one, post-norms, GeGLU, scaled embeddings).
struct ExtraFile {
    const char *name;
    const char *preset;
    const char *type;
    bool quantized;
};

void PrintTo(const ExtraFile &f, std::ostream *os)
{
    *os << f.name;
}

class CudaSynthExtra : public ::testing::TestWithParam<ExtraFile> {};

// A prompt of 200 tokens (prompt batches of 64), then 16 teacher-forced steps
// (decode graphs), in a context of 512: Gemma 3's window layer keeps a ring
// of 160 slots (window 8 + batch 64 + 64, rounded up to 32) there, which the
// prompt's third batch wraps inside and the steps go on overwriting.
TEST_P(CudaSynthExtra, LogitsMatchCpuBackend)
{
    MA_REQUIRE_CUDA_DEVICE();
    const ExtraFile f = GetParam();
    test::TempFile file;
    ASSERT_FALSE(test::synthesise(f.preset, f.type, file).empty());
    auto model = Model::load(file.path());
    ASSERT_TRUE(model.ok()) << model.message();
    test::GoldenCase forced;
    for (int i = 0; i < 200; ++i)
        forced.prompt.push_back(int32_t((i * 37 + 11) % 200 + 3));
    for (int i = 0; i < 16; ++i)
        forced.greedy.push_back(int32_t((i * 53 + 7) % 200 + 3));
    for (KvCacheType kvType : {KvCacheType::F16, KvCacheType::Q8_0}) {
        SCOPED_TRACE("KV cache " + std::string(kvCacheTypeName(kvType)));
        compareBackends(model.value(), kvType, f.quantized, {forced}, 512);
    }
}

INSTANTIATE_TEST_SUITE_P(Files, CudaSynthExtra,
                         ::testing::Values(ExtraFile{"llama_Q5_0", "tiny", "Q5_0", true},
                                           ExtraFile{"llama_Q4_1", "tiny", "Q4_1", true},
                                           ExtraFile{"llama_Q5_1", "tiny", "Q5_1", true},
                                           ExtraFile{"gemma3_F32", "tiny-gemma3", "F32", false},
                                           ExtraFile{"gemma3_Q4_K_M", "tiny-gemma3", "Q4_K_M", true}),
                         [](const ::testing::TestParamInfo<ExtraFile> &i) { return std::string(i.param.name); });


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
