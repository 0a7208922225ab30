// gemma3: hyper-parameters read as llama.cpp reads them (window pattern, the
// local layers' RoPE base, linear RoPE scaling, the 27B's query scale), the
// post-norms bound by name, and contexts not capped at the window. (Its
// forward pass is checked against the plain F32 reference in
// reference_forward_test.cpp.)
#include "test_support.h"

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/runtime/session.h"

#include <gmock/gmock.h>

#include <cmath>
#include <functional>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

class Gemma3 : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_file = new TempFile();
        ASSERT_FALSE(test::synthesise("tiny-gemma3", "F32", *s_file).empty());
    }
    static void TearDownTestSuite() { delete s_file; }

    static Result<Config> configOf(const std::function<void(GgufWriter &)> &edit, const std::string &drop)
    {
        TempFile out;
        auto f = GgufFile::open(test::writeVariant(s_file->path(), out, edit, drop));
        if (!f)
            return f.error();
        return readConfig(*f.value());
    }

    static TempFile *s_file;
};
TempFile *Gemma3::s_file = nullptr;

TEST_F(Gemma3, PresetReadsAsGemma3)
{
    auto m = Model::load(s_file->path());
    ASSERT_TRUE(m.ok()) << m.message();
    const Config &c = m.value()->config();
    EXPECT_EQ(c.architecture, "gemma3");
    EXPECT_TRUE(c.scaleEmbeddings);
    EXPECT_TRUE(c.postNorms);
    EXPECT_TRUE(c.qkNorm);
    EXPECT_EQ(c.ffnActivation, FfnActivation::GeluTanh);
    EXPECT_EQ(c.ropeStyle, cpu::RopeStyle::Neox);
    EXPECT_EQ(c.slidingWindow, 8);
    EXPECT_EQ(c.slidingWindowPeriod, 2);
    EXPECT_TRUE(c.isLocalLayer(0));
    EXPECT_FALSE(c.isLocalLayer(1));
    EXPECT_EQ(c.ropeFreqBaseLocal, 10000.0f);
    EXPECT_EQ(c.ropeFreqScale, 1.0f);
    EXPECT_EQ(c.attentionScale, 1.0f / std::sqrt(64.0f));
    const LayerWeights &L = m.value()->weights().layers[1];
    ASSERT_NE(L.attnPostNorm, nullptr);
    ASSERT_NE(L.ffnPostNorm, nullptr);
    EXPECT_EQ(L.ffnPostNorm,
              reinterpret_cast<const float *>(m.value()->file().findTensor("blk.1.post_ffw_norm.weight")->data));
}

struct ConfigCase {
    const char *name;
    std::function<void(GgufWriter &)> edit;
    std::function<void(const Config &)> check;
    std::string drop = {};   // a key left out
};

class Gemma3Config : public Gemma3, public ::testing::WithParamInterface<ConfigCase> {};

TEST_P(Gemma3Config, ReadsAsLlamaCppDoes)
{
    Result<Config> c = configOf(GetParam().edit, GetParam().drop);
    ASSERT_TRUE(c.ok()) << c.message();
    GetParam().check(c.value());
}

INSTANTIATE_TEST_SUITE_P(
    Keys, Gemma3Config,
    ::testing::Values(
        // Without the pattern key every sixth layer is global (5 local : 1 global).
        ConfigCase{"DefaultPatternIsSix", [](GgufWriter &w) { w.setU32("gemma3.block_count", 12); },
                   [](const Config &c) {
                       EXPECT_EQ(c.slidingWindowPeriod, 6);
                       for (int l = 0; l < 12; ++l)
                           EXPECT_EQ(c.isLocalLayer(l), l != 5 && l != 11) << "layer " << l;
                   },
                   "gemma3.attention.sliding_window_pattern"},
        ConfigCase{"LocalRopeBaseFromKey",
                   [](GgufWriter &w) { w.setF32("gemma3.rope.freq_base_swa", 5000.0f); },
                   [](const Config &c) { EXPECT_EQ(c.ropeFreqBaseLocal, 5000.0f); }},
        // Gemma 3 4B-27B: linear scaling by 8 on the global layers.
        ConfigCase{"LinearRopeScaling",
                   [](GgufWriter &w) {
                       w.setString("gemma3.rope.scaling.type", "linear");
                       w.setF32("gemma3.rope.scaling.factor", 8.0f);
                   },
                   [](const Config &c) { EXPECT_EQ(c.ropeFreqScale, 0.125f); }},
        ConfigCase{"OtherRopeScalingTypesAreNotLinear",
                   [](GgufWriter &w) {
                       w.setString("gemma3.rope.scaling.type", "yarn");
                       w.setF32("gemma3.rope.scaling.factor", 4.0f);
                   },
                   [](const Config &c) { EXPECT_EQ(c.ropeFreqScale, 1.0f); }},
        ConfigCase{"NoWindowNoLocalLayers", [](GgufWriter &) {},
                   [](const Config &c) {
                       EXPECT_EQ(c.slidingWindowPeriod, 0);
                       EXPECT_FALSE(c.isLocalLayer(0));
                   },
                   "gemma3.attention.sliding_window"},
        // The 27B (62 layers) scales queries by 1/sqrt(dim / heads), not by the head size.
        ConfigCase{"QueryScaleOf27B",
                   [](GgufWriter &w) {
                       w.setU32("gemma3.block_count", 62);
                       w.setU32("gemma3.attention.key_length", 32);
                       w.setU32("gemma3.rope.dimension_count", 32);
                   },
                   [](const Config &c) { EXPECT_EQ(c.attentionScale, 1.0f / std::sqrt(64.0f)); }},
        ConfigCase{"QueryScaleOfHeadSize",
                   [](GgufWriter &w) {
                       w.setU32("gemma3.attention.key_length", 32);
                       w.setU32("gemma3.rope.dimension_count", 32);
                   },
                   [](const Config &c) { EXPECT_EQ(c.attentionScale, 1.0f / std::sqrt(32.0f)); }}),
    [](const ::testing::TestParamInfo<ConfigCase> &i) { return std::string(i.param.name); });

struct BadCase {
    const char *name;
    std::function<void(GgufWriter &)> edit;
    const char *message;
};

class Gemma3BadConfig : public Gemma3, public ::testing::WithParamInterface<BadCase> {};

TEST_P(Gemma3BadConfig, IsRefusedNamingTheKey)
{
    Result<Config> c = configOf(GetParam().edit, {});
    ASSERT_FALSE(c.ok());
    EXPECT_THAT(c.message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Keys, Gemma3BadConfig,
    ::testing::Values(
        BadCase{"ZeroScalingFactor", [](GgufWriter &w) { w.setF32("gemma3.rope.scaling.factor", 0.0f); },
                "gemma3.rope.scaling.factor 0 must be a positive number"},
        BadCase{"NegativeLocalBase", [](GgufWriter &w) { w.setF32("gemma3.rope.freq_base_swa", -1.0f); },
                "gemma3.rope.freq_base_swa -1 must be a positive number"},
        BadCase{"PatternNotANumber",
                [](GgufWriter &w) { w.setString("gemma3.attention.sliding_window_pattern", "5:1"); },
                "gemma3.attention.sliding_window_pattern"},
        BadCase{"PatternZero", [](GgufWriter &w) { w.setU32("gemma3.attention.sliding_window_pattern", 0); },
                "gemma3.attention.sliding_window_pattern"}),
    [](const ::testing::TestParamInfo<BadCase> &i) { return std::string(i.param.name); });

TEST_F(Gemma3, MissingPostNormIsNamed)
{
    TempFile out;
    auto m = Model::load(test::writeVariant(s_file->path(), out, [](GgufWriter &) {}, "blk.1.post_ffw_norm.weight"));
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.message(), HasSubstr("missing tensor blk.1.post_ffw_norm.weight"));
}

// Unlike phi3's, the window is run as one, so sessions may be longer.
TEST_F(Gemma3, ContextIsNotCappedAtTheWindow)
{
    auto m = Model::load(s_file->path());
    ASSERT_TRUE(m.ok()) << m.message();
    SessionOptions o;
    o.contextLength = 64;
    auto s = Session::create(m.value(), o);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(s.value()->contextLength(), 64);
}

// Linear scaling divides positions: position 16 at scale 1/8 is position 2
// (powers of two scale exactly, so the tables agree bit for bit).
TEST(RopeTable, LinearScaleDividesPositions)
{
    float cs1[32], sn1[32], cs2[32], sn2[32];
    cpu::ropeTable(cs1, sn1, 16, 64, 1000000.0f, nullptr, 0.125f);
    cpu::ropeTable(cs2, sn2, 2, 64, 1000000.0f);
    for (int i = 0; i < 32; ++i) {
        EXPECT_EQ(cs1[i], cs2[i]) << i;
        EXPECT_EQ(sn1[i], sn2[i]) << i;
    }
}

} // namespace
