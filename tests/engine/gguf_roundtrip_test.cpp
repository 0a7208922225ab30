// Writer -> reader round trips: every metadata value type, nested arrays,
// both GGUF versions, several alignments, every tensor type.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/gguf/gguf_writer.h"

#include <cmath>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;

namespace modelatlas::engine {
// Readable parameter names in test output.
void PrintTo(GgmlType t, std::ostream *os) { *os << ggmlTypeName(t); }
} // namespace modelatlas::engine

namespace {

struct ValueCase {
    const char *name;
    GgufValue value;
};

std::vector<ValueCase> valueCases()
{
    return {
        {"u8", GgufValue::u8(250)},
        {"i8", GgufValue::i8(-120)},
        {"u16", GgufValue::u16(65000)},
        {"i16", GgufValue::i16(-32000)},
        {"u32", GgufValue::u32(4000000000u)},
        {"i32", GgufValue::i32(-2000000000)},
        {"u64", GgufValue::u64(std::numeric_limits<uint64_t>::max())},
        {"i64", GgufValue::i64(std::numeric_limits<int64_t>::min())},
        {"f32", GgufValue::f32(3.14159f)},
        {"f32_nan", GgufValue::f32(std::numeric_limits<float>::quiet_NaN())},
        {"f64", GgufValue::f64(-2.718281828459045)},
        {"bool_true", GgufValue::boolean(true)},
        {"bool_false", GgufValue::boolean(false)},
        {"string", GgufValue::string("héllo\nwörld {{ chat }}")},
        {"empty_string", GgufValue::string("")},
        {"array_u8", GgufValue::numericArray<uint8_t>(GgufValueType::UInt8, {0, 1, 255})},
        {"array_i8", GgufValue::numericArray<int8_t>(GgufValueType::Int8, {-128, 0, 127})},
        {"array_u16", GgufValue::numericArray<uint16_t>(GgufValueType::UInt16, {1, 65535})},
        {"array_i16", GgufValue::numericArray<int16_t>(GgufValueType::Int16, {-5, 5})},
        {"array_u32", GgufValue::numericArray<uint32_t>(GgufValueType::UInt32, {7, 8, 9})},
        {"array_i32", GgufValue::numericArray<int32_t>(GgufValueType::Int32, {-1, 2, -3})},
        {"array_u64", GgufValue::numericArray<uint64_t>(GgufValueType::UInt64, {1ull << 40})},
        {"array_i64", GgufValue::numericArray<int64_t>(GgufValueType::Int64, {-(1ll << 40)})},
        {"array_f32", GgufValue::numericArray<float>(GgufValueType::Float32, {0.5f, -1.25f})},
        {"array_f64", GgufValue::numericArray<double>(GgufValueType::Float64, {1e300, -1e-300})},
        {"array_bool", GgufValue::numericArray<uint8_t>(GgufValueType::Bool, {1, 0, 1})},
        {"array_string", GgufValue::stringArray({"a", "", "Ġthe", "<|im_start|>"})},
        {"array_empty", GgufValue::numericArray<int32_t>(GgufValueType::Int32, {})},
        {"array_nested",
         GgufValue::arrayOfArrays({GgufValue::numericArray<int32_t>(GgufValueType::Int32, {1, 2}),
                                   GgufValue::stringArray({"x", "y"}),
                                   GgufValue::arrayOfArrays({GgufValue::numericArray<float>(
                                       GgufValueType::Float32, {1.0f})})})},
    };
}

class ValueRoundTrip : public ::testing::TestWithParam<std::tuple<size_t, uint32_t>> {};

TEST_P(ValueRoundTrip, ReadsBackWhatWasWritten)
{
    const auto [index, version] = GetParam();
    const ValueCase c = valueCases()[index];
    GgufWriter w;
    w.setVersion(version);
    w.setString("general.architecture", "test");
    w.set(std::string("test.") + c.name, c.value);
    auto bytes = w.toBytes();
    ASSERT_TRUE(bytes.ok()) << bytes.message();
    auto f = GgufFile::parse(*bytes);
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->version(), version);
    const GgufValue *v = f.value()->find(std::string("test.") + c.name);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, c.value) << v->toDisplayString();
    EXPECT_EQ(v->toDisplayString(), c.value.toDisplayString());
}

INSTANTIATE_TEST_SUITE_P(AllTypes, ValueRoundTrip,
                         ::testing::Combine(::testing::Range<size_t>(0, valueCases().size()),
                                            ::testing::Values(2u, 3u)),
                         [](const auto &p) {
                             return std::string(valueCases()[std::get<0>(p.param)].name) + "_v"
                                 + std::to_string(std::get<1>(p.param));
                         });

std::vector<uint8_t> pattern(size_t n, uint8_t seed)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = uint8_t(seed + i * 31);
    return v;
}

class TensorRoundTrip : public ::testing::TestWithParam<std::tuple<GgmlType, uint32_t>> {};

TEST_P(TensorRoundTrip, DataAndInfoSurviveAtAlignment)
{
    const auto [type, alignment] = GetParam();
    const GgmlTypeTraits &traits = ggmlTypeTraits(type);
    GgufWriter w;
    w.setAlignment(alignment);
    const uint64_t ne0 = traits.blockSize * 2;
    const uint64_t bytesA = ggmlTensorBytes(type, ne0 * 3).value();
    const uint64_t bytesB = ggmlTensorBytes(type, ne0).value();
    ASSERT_TRUE(w.addTensor("a", type, {ne0, 3}, pattern(bytesA, 1)).ok());
    ASSERT_TRUE(w.addTensor("b.weight", type, {ne0, 1, 1, 1}, pattern(bytesB, 7)).ok());
    TempFile tmp;
    ASSERT_TRUE(w.writeFile(tmp.path()).ok());
    auto f = GgufFile::open(tmp.path());
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->alignment(), alignment);
    EXPECT_EQ(f.value()->dataOffset() % alignment, 0u);
    const GgufTensorInfo *a = f.value()->findTensor("a");
    const GgufTensorInfo *b = f.value()->findTensor("b.weight");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->type, type);
    EXPECT_EQ(a->nDims, 2u);
    EXPECT_EQ(a->ne[1], 3u);
    EXPECT_EQ(b->nDims, 4u);
    EXPECT_EQ(a->nElements, ne0 * 3);
    EXPECT_EQ(std::vector<uint8_t>(a->data, a->data + a->nBytes), pattern(bytesA, 1));
    EXPECT_EQ(std::vector<uint8_t>(b->data, b->data + b->nBytes), pattern(bytesB, 7));
    EXPECT_EQ(b->offset % alignment, 0u);
    // The in-memory and streamed encodings are the same bytes.
    auto mem = w.toBytes();
    ASSERT_TRUE(mem.ok());
    EXPECT_EQ(mem->size(), f.value()->fileSize());
}

INSTANTIATE_TEST_SUITE_P(AllTypes, TensorRoundTrip,
                         ::testing::Combine(::testing::ValuesIn([] {
                                                std::vector<GgmlType> v;
                                                for (const auto &traits : allGgmlTypes())
                                                    v.push_back(traits.type);
                                                return v;
                                            }()),
                                            ::testing::Values(1u, 32u, 4096u)),
                         [](const auto &p) {
                             return std::string(ggmlTypeName(std::get<0>(p.param))) + "_align"
                                 + std::to_string(std::get<1>(p.param));
                         });

TEST(GgufWriter, RowFillerStreamsTensorData)
{
    GgufWriter w;
    ASSERT_TRUE(w.addTensorInfo("x", GgmlType::F32, {4, 3}).ok());
    TempFile tmp;
    auto r = w.writeFile(tmp.path(), [](size_t, uint64_t firstRow, uint64_t nRows, std::span<uint8_t> out) {
        for (uint64_t row = 0; row < nRows; ++row) {
            for (int c = 0; c < 4; ++c) {
                const float v = float((firstRow + row) * 10 + c);
                std::memcpy(out.data() + (row * 4 + c) * 4, &v, 4);
            }
        }
    });
    ASSERT_TRUE(r.ok()) << r.message();
    auto f = GgufFile::open(tmp.path());
    ASSERT_TRUE(f.ok()) << f.message();
    float v;
    std::memcpy(&v, f.value()->tensors()[0].data + (2 * 4 + 3) * 4, 4);
    EXPECT_EQ(v, 23.0f);
}

TEST(GgufWriter, RejectsBadTensors)
{
    GgufWriter w;
    EXPECT_EQ(w.addTensor("q", GgmlType::Q4_0, {33}, {}).message(),
              "tensor 'q': row length 33 is not a multiple of the Q4_0 block size 32");
    EXPECT_EQ(w.addTensor("f", GgmlType::F32, {4}, std::vector<uint8_t>(15)).message(),
              "tensor 'f': data has 15 bytes, expected 16");
    ASSERT_TRUE(w.addTensor("f", GgmlType::F32, {4}, std::vector<uint8_t>(16)).ok());
    EXPECT_EQ(w.addTensor("f", GgmlType::F32, {4}, std::vector<uint8_t>(16)).message(),
              "duplicate tensor name 'f'");
    EXPECT_FALSE(w.addTensorInfo("five", GgmlType::F32, {1, 1, 1, 1, 1}).ok());
    EXPECT_FALSE(w.addTensorInfo("none", GgmlType::F32, {}).ok());
}

// Opening reads the header only: the pages of a large tensor are not faulted
// in. Checked with mincore() after evicting the file from the page cache;
// skipped, visibly, where eviction does not work (e.g. a tmpfs /tmp).
size_t residentPages(const void *addr, size_t len)
{
    const size_t page = size_t(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<uintptr_t>(addr) / page * page;
    const size_t span = (reinterpret_cast<uintptr_t>(addr) + len - begin + page - 1) / page * page;
    std::vector<unsigned char> vec(span / page);
    if (::mincore(reinterpret_cast<void *>(begin), span, vec.data()) != 0)
        return size_t(-1);
    size_t resident = 0;
    for (unsigned char c : vec)
        resident += c & 1;
    return resident;
}

TEST(GgufReader, OpeningDoesNotTouchTensorData)
{
    GgufWriter w;
    w.setString("general.architecture", "test");
    const uint64_t n = 16ull << 20;   // 64 MiB of F32
    ASSERT_TRUE(w.addTensorInfo("big", GgmlType::F32, {n}).ok());
    TempFile tmp;
    ASSERT_TRUE(w.writeFile(tmp.path(), [](size_t, uint64_t, uint64_t, std::span<uint8_t> out) {
                    std::fill(out.begin(), out.end(), uint8_t(0x5a));
                }).ok());
    // The page cache is shared with everything else on the machine, so a
    // measurement can be disturbed; three attempts must all fail to fail.
    size_t pages = 0, resident = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int fd = ::open(tmp.path().c_str(), O_RDONLY);
        ASSERT_GE(fd, 0);
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        const size_t fileSize = size_t(::lseek(fd, 0, SEEK_END));
        void *probe = ::mmap(nullptr, fileSize, PROT_READ, MAP_SHARED, fd, 0);
        ::close(fd);
        ASSERT_NE(probe, MAP_FAILED);
        pages = fileSize / size_t(::sysconf(_SC_PAGESIZE));
        const size_t before = residentPages(probe, fileSize);
        ::munmap(probe, fileSize);
        if (before == size_t(-1) || before > pages / 2)
            GTEST_SKIP() << "cannot evict " << tmp.path() << " from the page cache here (tmpfs?): " << before
                         << " of " << pages << " pages resident before opening";

        auto f = GgufFile::open(tmp.path());
        ASSERT_TRUE(f.ok()) << f.message();
        const GgufTensorInfo &t = f.value()->tensors()[0];
        // Kernel read-ahead around the header may bring in some pages; reading
        // the tensor would bring in all 16384.
        resident = residentPages(t.data, t.nBytes);
        if (resident < pages / 8)
            break;
    }
    EXPECT_LT(resident, pages / 8) << "tensor pages resident after opening";
}

} // namespace
