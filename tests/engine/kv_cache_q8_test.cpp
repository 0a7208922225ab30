// The Q8_0 KV cache: names and sizes, the refusal for heads that would split
// a block, and end to end on the synthetic model of every weight type: close
// to the reference's (F16-cache) logits, with the memory it promises.
#include "golden_support.h"
#include "test_support.h"

#include "modelatlas/engine/runtime/session.h"

#include <gmock/gmock.h>

#include <cmath>

using namespace modelatlas::engine;
using ::testing::HasSubstr;

namespace {

TEST(KvCacheType, NamesParse)
{
    EXPECT_EQ(parseKvCacheType("f16"), KvCacheType::F16);
    EXPECT_EQ(parseKvCacheType("q8_0"), KvCacheType::Q8_0);
    EXPECT_EQ(kvCacheTypeName(KvCacheType::Q8_0), "q8_0");
    EXPECT_EQ(kvCacheTypeName(KvCacheType::F16), "f16");
    for (const char *bad : {"F16", "q8", "q4_0", ""})
        EXPECT_FALSE(parseKvCacheType(bad).has_value()) << bad;
}

TEST(KvCacheType, BytesAndHeadSizes)
{
    EXPECT_EQ(kvCacheBytes(KvCacheType::F16, 4096), 8192u);
    EXPECT_EQ(kvCacheBytes(KvCacheType::Q8_0, 4096), 4352u);   // 128 blocks of 34 bytes
    EXPECT_EQ(kvCacheTypeProblem(KvCacheType::Q8_0, 128), "");
    EXPECT_EQ(kvCacheTypeProblem(KvCacheType::F16, 16), "");
    EXPECT_THAT(kvCacheTypeProblem(KvCacheType::Q8_0, 80), HasSubstr("multiple of 32 values, and this model's have 80"));
}

TEST(KvCacheQ8, RefusedWhenABlockWouldSplitAHead)
{
    MA_REQUIRE_SHARED_FILE(path, "models/aidreams260K-F32.gguf");   // heads of 16
    auto model = Model::load(path);
    ASSERT_TRUE(model.ok()) << model.message();
    SessionOptions options;
    options.kvType = KvCacheType::Q8_0;
    auto session = Session::create(model.value(), options);
    ASSERT_FALSE(session.ok());
    EXPECT_THAT(session.message(), HasSubstr("q8_0 KV cache needs heads of a multiple of 32"));
    EXPECT_THAT(session.message(), HasSubstr("use the f16 cache"));
}

// Q8_0 rounds every cached K and V value (and the query meeting them) to one
// of 255 steps of its block's largest magnitude. On these random-weight models
// that moves the logits by 3-7% of the largest |logit| (measured: 3.0-4.0% for
// float weights, 5.4-6.9% with 8-bit activations on top), and their nearly
// flat logits (max |logit| about 4 over 512 tokens) turn some near-ties
// around. A wrong block offset or scale moves them by over 100% and keeps
// almost no top token. reference_forward_test.cpp holds the sharp check: the
// same rounding simulated in the plain forward pass.
constexpr float kQ8CacheRelTolerance = 0.08f;
constexpr double kSameTopTokenShare = 0.85;

class KvCacheQ8Files : public ::testing::TestWithParam<test::SynthFile> {};

TEST_P(KvCacheQ8Files, CloseToTheReferenceAndHalfTheMemory)
{
    const test::SynthFile sc = GetParam();
    MA_REQUIRE_SHARED_FILE(modelPath, std::string("models/") + sc.name + ".gguf");
    MA_REQUIRE_SHARED_FILE(goldenPath, std::string("golden/") + sc.name + ".golden.json");
    const auto cases = test::readGolden(goldenPath);
    auto model = Model::load(modelPath);
    ASSERT_TRUE(model.ok()) << model.message();
    const Config &c = model.value()->config();
    SessionOptions options;
    options.contextLength = 128;
    options.kvType = KvCacheType::Q8_0;
    auto session = Session::create(model.value(), options);
    ASSERT_TRUE(session.ok()) << session.message();
    const uint64_t q8Bytes = 2ull * uint64_t(c.nLayers) * 128 * uint64_t(c.kvDim() / 32 * 34);
    EXPECT_EQ(session.value()->memory().kvCacheBytes, q8Bytes);
    options.kvType = KvCacheType::F16;
    auto f16 = Session::create(model.value(), options);
    ASSERT_TRUE(f16.ok());
    EXPECT_EQ(f16.value()->memory().kvCacheBytes, 2ull * uint64_t(c.nLayers) * 128 * uint64_t(c.kvDim()) * 2);

    const size_t vocab = size_t(c.vocabSize);
    size_t steps = 0, sameArgmax = 0;
    float worst = 0;
    for (const test::GoldenCase &g : cases) {
        const auto forced = test::teacherForced(*session.value(), g, g.logits.size());
        for (size_t step = 0; step < g.logits.size(); ++step) {
            const std::vector<float> &want = g.logits[step];
            const float *got = forced[step].data();
            float maxAbs = 0, maxErr = 0;
            size_t gotTop = 0, wantTop = 0;
            for (size_t i = 0; i < vocab; ++i) {
                maxAbs = std::max(maxAbs, std::fabs(want[i]));
                maxErr = std::max(maxErr, std::fabs(got[i] - want[i]));
                gotTop = got[i] > got[gotTop] ? i : gotTop;
                wantTop = want[i] > want[wantTop] ? i : wantTop;
            }
            EXPECT_LE(maxErr, kQ8CacheRelTolerance * maxAbs) << "step " << step;
            worst = std::max(worst, maxErr / maxAbs);
            sameArgmax += gotTop == wantTop;
            ++steps;
        }
    }
    std::cout << "[   INFO   ] " << sc.name << ": largest error " << worst * 100 << "% of max |logit|, "
              << sameArgmax << "/" << steps << " steps with the reference's top token\n";
    EXPECT_GE(double(sameArgmax), kSameTopTokenShare * double(steps));
}

INSTANTIATE_TEST_SUITE_P(Files, KvCacheQ8Files, ::testing::ValuesIn(test::kSynthFiles),
                         [](const ::testing::TestParamInfo<test::SynthFile> &i) {
                             return test::testNameOf(i.param.name);
                         });

} // namespace
