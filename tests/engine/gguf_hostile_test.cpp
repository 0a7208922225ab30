// Hostile GGUF input: every malformed header must come back as an error that
// names the key/tensor and the problem, never as a crash, hang or huge
// allocation. Files are built byte by byte with RawGguf.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/gguf/gguf_writer.h"

#include <functional>
#include <gmock/gmock.h>

using namespace modelatlas::engine;
using modelatlas::engine::test::RawGguf;
using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

constexpr uint64_t kHuge = ~uint64_t(0);

std::string parseError(const std::vector<uint8_t> &bytes)
{
    auto f = GgufFile::parse(bytes, "hostile.gguf");
    return f.ok() ? std::string("<parsed OK>") : f.message();
}

// One metadata entry with a u32 value.
RawGguf &kvU32(RawGguf &r, const std::string &key, uint32_t v)
{
    return r.str(key).u32(uint32_t(GgufValueType::UInt32)).u32(v);
}

RawGguf &tensorInfo(RawGguf &r, const std::string &name, std::vector<uint64_t> ne, uint32_t type, uint64_t offset)
{
    r.str(name).u32(uint32_t(ne.size()));
    for (uint64_t d : ne)
        r.u64(d);
    return r.u32(type).u64(offset);
}

// A file with one tensor `t`: the tensor info is the caller's, then padding and `dataBytes` of data.
std::vector<uint8_t> oneTensor(std::vector<uint64_t> ne, uint32_t type, uint64_t offset, size_t dataBytes = 64)
{
    RawGguf r;
    r.header(1, 0);
    tensorInfo(r, "t", std::move(ne), type, offset);
    r.pad(32);
    r.bytes.resize(r.bytes.size() + dataBytes);
    return r.bytes;
}

std::vector<uint8_t> withAlignment(const GgufValue &alignment)
{
    RawGguf r;
    r.header(0, 1).str("general.alignment").u32(uint32_t(alignment.type()));
    if (alignment.type() == GgufValueType::UInt64) r.u64(*alignment.asUInt64());
    else r.u32(uint32_t(*alignment.asUInt64()));
    return r.bytes;
}

struct HostileCase {
    const char *name;
    std::function<std::vector<uint8_t>()> build;
    const char *expected;   // substring of the error message
};

const std::vector<HostileCase> &hostileCases()
{
    static const std::vector<HostileCase> cases = {
        {"EmptyFile", [] { return std::vector<uint8_t>{}; }, "not a GGUF file: the file is empty"},
        {"BadMagic", [] { return RawGguf().raw("GGUX", 4).u32(3).u64(0).u64(0).bytes; },
         "not a GGUF file: it starts with 'GGUX' instead of the magic 'GGUF'"},
        {"ShortMagic", [] { return RawGguf().raw("GG", 2).bytes; }, "not a GGUF file"},
        {"Version1", [] { return RawGguf().header(0, 0, 1).bytes; }, "GGUF version 1 is obsolete"},
        {"Version4", [] { return RawGguf().header(0, 0, 4).bytes; }, "unsupported GGUF version 4 (supported: 2 to 3)"},
        {"BigEndian", [] { return RawGguf().header(0, 0, 0x03000000).bytes; },
         "looks byte-swapped: big-endian GGUF files are not supported"},
        {"NTensorsOverflow", [] { return RawGguf().header(kHuge, 0).bytes; },
         "tensor count n_tensors = 18446744073709551615 exceeds the limit of 1048576"},
        {"NKvOverflow", [] { return RawGguf().header(0, kHuge).bytes; },
         "metadata count n_kv = 18446744073709551615 exceeds the limit of 65536"},
        {"NKvLargerThanFile", [] { return RawGguf().header(0, 1000).bytes; },
         "truncated file: metadata entry #0: key needs 8 bytes at offset 24, but only 0 remain"},
        {"NTensorsLargerThanFile", [] { return RawGguf().header(1000, 0).bytes; },
         "truncated file: tensor info #0: tensor name needs 8 bytes"},
        {"HugeKeyLength", [] { return RawGguf().header(0, 1).u64(kHuge).bytes; },
         "metadata entry #0: key length 18446744073709551615 exceeds the limit of 1024 bytes"},
        {"EmptyKey", [] { return RawGguf().header(0, 1).str("").u32(4).u32(1).bytes; },
         "metadata entry #0 has an empty key"},
        {"HugeStringLength",
         [] { return RawGguf().header(0, 1).str("general.name").u32(8).u64(kHuge).bytes; },
         "metadata 'general.name': string value length 18446744073709551615 exceeds the limit of 16777216 bytes"},
        {"StringPastEndOfFile",
         [] { return RawGguf().header(0, 1).str("general.name").u32(8).u64(1000000).raw("abc", 3).bytes; },
         "truncated file: metadata 'general.name': string value needs 1000000 bytes at offset 56, but only 3 remain"},
        {"InvalidValueType", [] { return RawGguf().header(0, 1).str("k").u32(13).u32(0).bytes; },
         "metadata 'k': invalid value type id 13 (valid: 0 to 12)"},
        {"InvalidArrayElementType",
         [] { return RawGguf().header(0, 1).str("k").u32(9).u32(99).u64(1).u32(0).bytes; },
         "metadata 'k': invalid array element type id 99"},
        {"HugeArrayLength", [] { return RawGguf().header(0, 1).str("k").u32(9).u32(4).u64(kHuge).bytes; },
         "metadata 'k': array length 18446744073709551615 exceeds the limit of 16777216 elements"},
        {"ArrayPastEndOfFile", [] { return RawGguf().header(0, 1).str("k").u32(9).u32(4).u64(1000000).bytes; },
         "truncated file: metadata 'k': array elements needs 4000000 bytes"},
        {"StringArrayPastEndOfFile",
         [] { return RawGguf().header(0, 1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(16000000).bytes; },
         "truncated file: metadata 'tokenizer.ggml.tokens': array elements needs 128000000 bytes"},
        {"StringArrayElementTooLong",
         [] { return RawGguf().header(0, 1).str("k").u32(9).u32(8).u64(1).u64(kHuge).bytes; },
         "metadata 'k': array string element length 18446744073709551615 exceeds the limit"},
        {"ArraysNestedTooDeep",
         [] {
             RawGguf r;
             r.header(0, 1).str("k").u32(9);
             for (int i = 0; i < 5; ++i)
                 r.u32(9).u64(1);
             return r.u32(4).u64(0).bytes;
         },
         "metadata 'k': arrays nested deeper than 4 levels"},
        {"BoolNotZeroOrOne", [] { return RawGguf().header(0, 1).str("b").u32(7).u8(2).bytes; },
         "metadata 'b': bool value 2 is neither 0 nor 1"},
        {"BoolArrayElementNotZeroOrOne",
         [] { return RawGguf().header(0, 1).str("b").u32(9).u32(7).u64(3).u8(0).u8(1).u8(5).bytes; },
         "metadata 'b': bool array element 2 has value 5, neither 0 nor 1"},
        {"DuplicateKey",
         [] {
             RawGguf r;
             r.header(0, 2);
             kvU32(r, "llama.block_count", 1);
             kvU32(r, "llama.block_count", 2);
             return r.bytes;
         },
         "duplicate metadata key 'llama.block_count'"},
        {"AlignmentZero", [] { return withAlignment(GgufValue::u32(0)); },
         "general.alignment = 0 is not a power of two between 1 and 1048576"},
        {"AlignmentNotPowerOfTwo", [] { return withAlignment(GgufValue::u32(48)); },
         "general.alignment = 48 is not a power of two"},
        {"AlignmentTooLarge", [] { return withAlignment(GgufValue::u32(1u << 30)); },
         "general.alignment = 1073741824 is not a power of two between 1 and 1048576"},
        {"AlignmentWrongType", [] { return withAlignment(GgufValue::u64(32)); },
         "general.alignment must be of type u32, but has type u64"},
        {"TooManyDims", [] { return oneTensor({1, 1, 1, 1, 1}, 0, 0); },
         "tensor 't': n_dims = 5, but 1 to 4 dimensions are supported"},
        {"ZeroDims", [] { return oneTensor({}, 0, 0); }, "tensor 't': n_dims = 0"},
        {"HugeNDims",
         [] {
             RawGguf r;
             r.header(1, 0).str("t").u32(0xffffffffu);
             return r.bytes;
         },
         "tensor 't': n_dims = 4294967295, but 1 to 4 dimensions are supported"},
        {"ElementCountOverflow", [] { return oneTensor({1ull << 32, 1ull << 32}, 0, 0); },
         "tensor 't': element count of shape [4294967296, 4294967296] overflows"},
        {"DimensionBeyondInt64", [] { return oneTensor({kHuge}, 0, 0); },
         "tensor 't': element count of shape [18446744073709551615] overflows"},
        {"ByteSizeOverflow", [] { return oneTensor({1ull << 62}, 0, 0); },
         "tensor 't': byte size of 4611686018427387904 F32 elements overflows"},
        {"UnknownTypeId", [] { return oneTensor({32}, 99, 0); },
         "tensor 't': unknown or unsupported tensor type id 99"},
        {"RemovedTypeId", [] { return oneTensor({32}, 4, 0); },
         "tensor 't': unknown or unsupported tensor type id 4"},
        {"RowNotWholeBlocks", [] { return oneTensor({33}, 8, 0); },
         "tensor 't': row length ne[0] = 33 is not a multiple of the Q8_0 block size 32"},
        {"MisalignedOffset", [] { return oneTensor({4}, 0, 4); },
         "tensor 't': data offset 4 is not a multiple of the alignment 32"},
        {"TensorPastEndOfFile", [] { return oneTensor({32}, 0, 0, 64); },
         "tensor 't': data (128 bytes at offset 0 of the data section) extends past the end of the file (data "
         "section is 64 bytes)"},
        {"TensorOffsetWraps", [] { return oneTensor({32}, 0, kHuge - 31); },
         "tensor 't': data (128 bytes at offset 18446744073709551584 of the data section) extends past the end"},
        {"DataSectionMissing",
         [] {
             RawGguf r;
             r.header(1, 0);
             tensorInfo(r, "t", {4}, 0, 0);
             r.u8(0);   // the header ends unaligned, so padding would be needed
             return r.bytes;
         },
         "truncated file: the tensor data section starts at offset"},
        {"OverlappingTensors",
         [] {
             RawGguf r;
             r.header(2, 0);
             tensorInfo(r, "a", {16}, 0, 0);
             tensorInfo(r, "b", {16}, 0, 32);
             r.pad(32);
             r.bytes.resize(r.bytes.size() + 128);
             return r.bytes;
         },
         "tensor 'a' and tensor 'b' overlap in the data section"},
        {"DuplicateTensorName",
         [] {
             RawGguf r;
             r.header(2, 0);
             tensorInfo(r, "blk.0.attn_q.weight", {8}, 0, 0);
             tensorInfo(r, "blk.0.attn_q.weight", {8}, 0, 32);
             r.pad(32);
             r.bytes.resize(r.bytes.size() + 64);
             return r.bytes;
         },
         "duplicate tensor name 'blk.0.attn_q.weight'"},
        {"EmptyTensorName", [] { return RawGguf().header(1, 0).str("").bytes; }, "tensor info #0 has an empty name"},
        {"HugeTensorName", [] { return RawGguf().header(1, 0).u64(5000).bytes; },
         "tensor info #0: tensor name length 5000 exceeds the limit of 1024 bytes"},
        {"ControlCharactersInKeyAreEscaped",
         [] { return RawGguf().header(0, 1).str(std::string("a\nb\x01", 4)).u32(13).bytes; },
         "metadata 'a?b?': invalid value type id 13"},
    };
    return cases;
}

class HostileGguf : public ::testing::TestWithParam<size_t> {};

TEST_P(HostileGguf, IsRejectedWithAnActionableMessage)
{
    const HostileCase &c = hostileCases()[GetParam()];
    const std::string message = parseError(c.build());
    EXPECT_THAT(message, HasSubstr(c.expected));
    EXPECT_THAT(message, HasSubstr("hostile.gguf: "));   // errors name the file
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileGguf, ::testing::Range<size_t>(0, hostileCases().size()),
                         [](const auto &p) { return std::string(hostileCases()[p.param].name); });

// A valid file exercising every section, with the offset where each section ends.
struct Sectioned {
    std::vector<uint8_t> bytes;
    std::vector<std::pair<std::string, size_t>> boundaries;
};

Sectioned sectionedFile()
{
    Sectioned s;
    RawGguf r;
    auto mark = [&](const std::string &name) { s.boundaries.emplace_back(name, r.bytes.size()); };
    r.raw("GGUF", 4); mark("magic");
    r.u32(3); mark("version");
    r.u64(2); mark("n_tensors");
    r.u64(3); mark("n_kv");
    r.str("general.architecture"); mark("kv0_key");
    r.u32(8); mark("kv0_type");
    r.str("llama"); mark("kv0_value");
    r.str("llama.block_count").u32(4); mark("kv1_key_and_type");
    r.u32(2); mark("kv1_value");
    r.str("tokenizer.ggml.tokens").u32(9); mark("kv2_key_and_type");
    r.u32(8); mark("kv2_array_type");
    r.u64(2); mark("kv2_array_length");
    r.str("<s>"); mark("kv2_element0");
    r.str("</s>"); mark("kv2_element1");
    r.str("a.weight"); mark("t0_name");
    r.u32(2); mark("t0_n_dims");
    r.u64(32).u64(2); mark("t0_ne");
    r.u32(8); mark("t0_type");
    r.u64(0); mark("t0_offset");
    tensorInfo(r, "b.weight", {8}, 0, 96); mark("t1_info");
    r.pad(32); mark("alignment_padding");
    r.bytes.resize(r.bytes.size() + 68); mark("t0_data");
    r.bytes.resize(r.bytes.size() + 28 + 32); mark("t1_data");
    s.bytes = r.bytes;
    return s;
}

TEST(HostileGgufTruncation, TheUntruncatedFileParses)
{
    auto f = GgufFile::parse(sectionedFile().bytes);
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->tensors().size(), 2u);
}

class TruncatedGguf : public ::testing::TestWithParam<size_t> {};

// Cut the file one byte before each section boundary and exactly at it.
TEST_P(TruncatedGguf, AtSectionBoundaryIsAnError)
{
    const Sectioned s = sectionedFile();
    const auto &[section, end] = s.boundaries[GetParam()];
    for (size_t cut : {end - 1, end}) {
        if (cut >= s.bytes.size())
            continue;
        std::vector<uint8_t> prefix(s.bytes.begin(), s.bytes.begin() + static_cast<ptrdiff_t>(cut));
        const std::string message = parseError(prefix);
        EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("truncated"), HasSubstr("not a GGUF file"),
                                              HasSubstr("extends past the end of the file")))
            << "cut at " << cut << " (section " << section << ")";
    }
}

INSTANTIATE_TEST_SUITE_P(Sections, TruncatedGguf, ::testing::Range<size_t>(0, sectionedFile().boundaries.size()),
                         [](const auto &p) { return sectionedFile().boundaries[p.param].first; });

TEST(HostileGgufTruncation, EveryPrefixIsAnErrorNotACrash)
{
    const Sectioned s = sectionedFile();
    for (size_t cut = 0; cut < s.bytes.size(); ++cut) {
        std::vector<uint8_t> prefix(s.bytes.begin(), s.bytes.begin() + static_cast<ptrdiff_t>(cut));
        const std::string message = parseError(prefix);
        EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("truncated"), HasSubstr("not a GGUF file"),
                                              HasSubstr("extends past the end of the file")))
            << "cut at " << cut;
    }
}

TEST(HostileGgufTruncation, TruncatedFileOnDisk)
{
    const Sectioned s = sectionedFile();
    TempFile tmp;
    tmp.write(std::vector<uint8_t>(s.bytes.begin(), s.bytes.end() - 40));
    auto f = GgufFile::open(tmp.path());
    ASSERT_FALSE(f.ok());
    EXPECT_THAT(f.message(), HasSubstr(tmp.path() + ": tensor 'b.weight': data (32 bytes at offset 96"));
}

TEST(HostileGgufFiles, MissingAndEmptyFilesOnDisk)
{
    auto missing = GgufFile::open("/nonexistent/model.gguf");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.message(), "cannot open '/nonexistent/model.gguf': No such file or directory");
    TempFile tmp;
    tmp.write({});
    auto empty = GgufFile::open(tmp.path());
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.message(), tmp.path() + ": not a GGUF file: the file is empty");
    auto dir = GgufFile::open("/tmp");
    ASSERT_FALSE(dir.ok());
    EXPECT_EQ(dir.message(), "'/tmp' is not a regular file");
}

// Hyper-parameters are checked by range when read: a block_count of 4 billion
// must not become a 4-billion-iteration loop in the loader.
TEST(HostileGgufHyperParameters, BlockCountBeyondLimits)
{
    RawGguf r;
    r.header(0, 3);
    kvU32(r, "llama.block_count", 0xffffffffu);
    kvU32(r, "llama.embedding_length", 0);
    r.str("llama.context_length").u32(uint32_t(GgufValueType::Int32)).u32(uint32_t(-5));
    auto f = GgufFile::parse(r.bytes);
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->getUIntInRange("llama.block_count", 1, 1024).message(),
              "metadata 'llama.block_count' = 4294967295 is outside the supported range 1 to 1024");
    EXPECT_EQ(f.value()->getUIntInRange("llama.embedding_length", 1, 1 << 20).message(),
              "metadata 'llama.embedding_length' = 0 is outside the supported range 1 to 1048576");
    EXPECT_EQ(f.value()->getU32("llama.context_length").message(),
              "metadata 'llama.context_length' = -5 does not fit in u32");
    EXPECT_EQ(f.value()->getUIntInRange("llama.head_count", 1, 10).message(),
              "missing metadata key 'llama.head_count'");
}

} // namespace
