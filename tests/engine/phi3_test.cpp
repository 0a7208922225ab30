// phi3: fused attn_qkv / ffn_up bound as row views of one matrix each, LongRoPE
// refused by name, sliding window capping the context. (Its forward pass is
// checked against the plain F32 reference in reference_forward_test.cpp.)
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_writer.h"
#include "modelatlas/engine/runtime/session.h"

#include <gmock/gmock.h>

#include <functional>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

class Phi3 : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_file = new TempFile();
        ASSERT_FALSE(test::synthesise("tiny-phi3", "F32", *s_file).empty());
    }
    static void TearDownTestSuite() { delete s_file; }

    static std::string variant(const TempFile &out, const std::function<void(GgufWriter &)> &edit,
                               const std::string &drop = {})
    {
        return test::writeVariant(s_file->path(), out, edit, drop);
    }

    static TempFile *s_file;
};
TempFile *Phi3::s_file = nullptr;

TEST_F(Phi3, FusedTensorsBecomeRowViews)
{
    auto m = Model::load(s_file->path());
    ASSERT_TRUE(m.ok()) << m.message();
    const Config &c = m.value()->config();
    EXPECT_EQ(c.architecture, "phi3");
    EXPECT_EQ(c.ropeStyle, cpu::RopeStyle::Neox);
    const GgufFile &f = m.value()->file();
    const GgufTensorInfo *qkv = f.findTensor("blk.1.attn_qkv.weight");
    const GgufTensorInfo *up = f.findTensor("blk.1.ffn_up.weight");
    ASSERT_TRUE(qkv && up);
    EXPECT_EQ(qkv->ne[1], uint64_t(c.qDim() + 2 * c.kvDim()));
    EXPECT_EQ(up->ne[1], uint64_t(2 * c.hiddenDim));
    const LayerWeights &L = m.value()->weights().layers[1];
    const size_t row = size_t(c.dim) * sizeof(float);
    EXPECT_EQ(L.wq.data, qkv->data);
    EXPECT_EQ(L.wk.data, qkv->data + size_t(c.qDim()) * row);
    EXPECT_EQ(L.wv.data, qkv->data + size_t(c.qDim() + c.kvDim()) * row);
    EXPECT_EQ(L.wv.rows, c.kvDim());
    EXPECT_EQ(L.wGate.data, up->data);
    EXPECT_EQ(L.wUp.data, up->data + size_t(c.hiddenDim) * row);
    EXPECT_EQ(L.wUp.rows, c.hiddenDim);
}

TEST_F(Phi3, LongRopeIsRefusedByName)
{
    TempFile out;
    const std::string path = variant(out, [](GgufWriter &w) {
        ASSERT_TRUE(w.addTensor("rope_factors_long.weight", GgmlType::F32, {32}, std::vector<uint8_t>(128)).ok());
    });
    auto m = Model::load(path);
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.message(), HasSubstr("phi3 with LongRoPE scaling (tensor rope_factors_long.weight"));
    EXPECT_THAT(m.message(), HasSubstr("is not supported"));
}

TEST_F(Phi3, MissingFusedTensorIsNamed)
{
    TempFile out;
    const std::string path = variant(out, [](GgufWriter &) {}, "blk.0.attn_qkv.weight");
    auto m = Model::load(path);
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.message(), HasSubstr("missing tensor blk.0.attn_qkv.weight"));
}

TEST_F(Phi3, SlidingWindowCapsTheContext)
{
    TempFile out;
    const std::string path = variant(out, [](GgufWriter &w) { w.setU32("phi3.attention.sliding_window", 64); });
    auto m = Model::load(path);
    ASSERT_TRUE(m.ok()) << m.message();
    EXPECT_EQ(m.value()->config().slidingWindow, 64);
    auto s = Session::create(m.value());
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.value()->contextLength(), 64);
    SessionOptions o;
    o.contextLength = 128;
    auto tooLong = Session::create(m.value(), o);
    ASSERT_FALSE(tooLong.ok());
    EXPECT_THAT(tooLong.message(), HasSubstr("exceeds the model's attention window of 64 tokens"));
}

} // namespace
