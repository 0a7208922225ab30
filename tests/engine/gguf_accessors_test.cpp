// Typed metadata accessors: conversions that are safe are accepted, the rest
// are errors naming the key and the problem.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/gguf/gguf_writer.h"

using namespace modelatlas::engine;

namespace {

class GgufAccessors : public ::testing::Test {
protected:
    void SetUp() override
    {
        GgufWriter w;
        w.setU32("a.u32", 7);
        w.set("a.i32_positive", GgufValue::i32(12));
        w.set("a.i32_negative", GgufValue::i32(-3));
        w.set("a.u64_big", GgufValue::u64(1ull << 40));
        w.set("a.u8", GgufValue::u8(200));
        w.setF32("a.f32", 0.25f);
        w.set("a.f64", GgufValue::f64(1e300));
        w.setBool("a.bool", true);
        w.setString("a.string", "hello");
        w.set("a.strings", GgufValue::stringArray({"x", "y"}));
        w.set("a.f32s", GgufValue::numericArray<float>(GgufValueType::Float32, {1.5f, -2.0f}));
        w.set("a.u8s", GgufValue::numericArray<uint8_t>(GgufValueType::UInt8, {1, 2, 3}));
        w.set("a.u64s", GgufValue::numericArray<uint64_t>(GgufValueType::UInt64, {1ull << 40}));
        m_bytes = w.toBytes().value();
        auto f = GgufFile::parse(m_bytes);
        ASSERT_TRUE(f.ok()) << f.message();
        m_file = std::move(f.value());
    }
    std::vector<uint8_t> m_bytes;
    std::unique_ptr<GgufFile> m_file;
};

TEST_F(GgufAccessors, IntegersConvertWhenTheValueFits)
{
    EXPECT_EQ(m_file->getU32("a.u32").value(), 7u);
    EXPECT_EQ(m_file->getU32("a.i32_positive").value(), 12u);
    EXPECT_EQ(m_file->getI32("a.u8").value(), 200);
    EXPECT_EQ(m_file->getI64("a.i32_negative").value(), -3);
    EXPECT_EQ(m_file->getU64("a.u64_big").value(), 1ull << 40);
}

TEST_F(GgufAccessors, ConversionErrorsNameTheKey)
{
    EXPECT_EQ(m_file->getU32("a.u64_big").message(), "metadata 'a.u64_big' = 1099511627776 does not fit in u32");
    EXPECT_EQ(m_file->getU64("a.i32_negative").message(), "metadata 'a.i32_negative' = -3 does not fit in u64");
    EXPECT_EQ(m_file->getU32("a.string").message(), "metadata 'a.string' has type string, expected u32");
    EXPECT_EQ(m_file->getString("a.u32").message(), "metadata 'a.u32' has type u32, expected string");
    EXPECT_EQ(m_file->getBool("a.u32").message(), "metadata 'a.u32' has type u32, expected bool");
    EXPECT_EQ(m_file->getF32("a.u32").message(), "metadata 'a.u32' has type u32, expected f32");
    EXPECT_EQ(m_file->getF32("a.f64").message(), "metadata 'a.f64' = 1e+300 is out of the f32 range");
    EXPECT_EQ(m_file->getU32("nope").message(), "missing metadata key 'nope'");
    EXPECT_EQ(m_file->getArray("a.u32").message(), "metadata 'a.u32' has type u32, expected array");
    EXPECT_EQ(m_file->getStringArray("a.f32s").message(),
              "metadata 'a.f32s' is an array of f32, expected an array of string");
    EXPECT_EQ(m_file->getF32Array("a.strings").message(),
              "metadata 'a.strings' is an array of string, expected an array of f32");
    EXPECT_EQ(m_file->getI32Array("a.u64s").message(), "metadata 'a.u64s' element 0 does not fit in i32");
}

TEST_F(GgufAccessors, ScalarsStringsAndArrays)
{
    EXPECT_EQ(m_file->getF32("a.f32").value(), 0.25f);
    EXPECT_TRUE(m_file->getBool("a.bool").value());
    EXPECT_EQ(m_file->getString("a.string").value(), "hello");
    auto strings = m_file->getStringArray("a.strings");
    ASSERT_TRUE(strings.ok());
    EXPECT_EQ(std::vector<std::string>(strings->begin(), strings->end()), (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(m_file->getF32Array("a.f32s").value(), (std::vector<float>{1.5f, -2.0f}));
    EXPECT_EQ(m_file->getI32Array("a.u8s").value(), (std::vector<int32_t>{1, 2, 3}));
    EXPECT_EQ(m_file->getArray("a.u8s").value()->size(), 3u);
}

TEST_F(GgufAccessors, MetadataEnumeratesInFileOrderForDisplay)
{
    ASSERT_EQ(m_file->metadata().size(), 13u);
    EXPECT_EQ(m_file->metadata().front().key, "a.u32");
    EXPECT_EQ(m_file->metadata().back().key, "a.u64s");
    EXPECT_EQ(m_file->find("a.strings")->toDisplayString(), "string[2] [\"x\", \"y\"]");
    EXPECT_EQ(m_file->find("a.u8s")->toDisplayString(2), "u8[3] [1, 2, ... (1 more)]");
    EXPECT_EQ(m_file->find("a.bool")->toDisplayString(), "true");
}

} // namespace
