// Scalar dequantisation against an independent implementation: the synth-*
// files hold the same seeded random weights in every type (quantized by
// llama.cpp), so each dequantised tensor must match the F16 file within that
// type's quantisation error.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"

#include <cmath>
#include <map>

using namespace modelatlas::engine;

namespace {

// Bounds on RMS(error) / RMS(weights) for these Gaussian weights: about 1.4x
// the worst tensor measured on the shared files (in the comments), so a layout
// bug (errors of order 1) fails while the quantisers' own error passes.
double relativeRmsBound(GgmlType t)
{
    switch (t) {
    case GgmlType::F32: return 0.0;          // norms: bit-identical
    case GgmlType::F16: return 0.0;
    case GgmlType::BF16: return 4e-3;        // measured 1.7e-3
    case GgmlType::Q8_0: return 8e-3;        // measured 5.4e-3
    case GgmlType::Q6_K: return 2.5e-2;      // measured 1.78e-2
    case GgmlType::Q5_K: return 5e-2;        // measured 3.6e-2
    case GgmlType::Q4_K: return 1e-1;        // measured 7.15e-2
    case GgmlType::Q4_0: return 1.2e-1;      // measured 8.6e-2
    default: return 0.0;
    }
}

struct Comparison {
    const char *file;
    const char *reference;
};

const Comparison kComparisons[] = {
    {"models/synth-llama-BF16.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-llama-Q8_0.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-llama-Q4_0.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-llama-Q4_K_M.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-llama-Q5_K_M.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-llama-Q6_K.gguf", "models/synth-llama-F16.gguf"},
    {"models/synth-qwen2-Q8_0.gguf", "models/synth-qwen2-F16.gguf"},
    {"models/synth-qwen2-Q4_K_M.gguf", "models/synth-qwen2-F16.gguf"},
    {"models/aidreams260K-F16.gguf", "models/aidreams260K-F32.gguf"},
};

class DequantizeAgainstReference : public ::testing::TestWithParam<Comparison> {};

void PrintTo(const Comparison &c, std::ostream *os) { *os << c.file << " vs " << c.reference; }

TEST_P(DequantizeAgainstReference, EveryTensorWithinItsTypesError)
{
    MA_REQUIRE_SHARED_FILE(path, GetParam().file);
    MA_REQUIRE_SHARED_FILE(refPath, GetParam().reference);
    auto file = GgufFile::open(path);
    auto ref = GgufFile::open(refPath);
    ASSERT_TRUE(file.ok()) << file.message();
    ASSERT_TRUE(ref.ok()) << ref.message();
    std::map<GgmlType, double> worst;
    for (const GgufTensorInfo &t : file.value()->tensors()) {
        const GgufTensorInfo *r = ref.value()->findTensor(t.name);
        ASSERT_NE(r, nullptr) << t.name;
        ASSERT_EQ(r->ne, t.ne) << t.name;
        auto got = dequantizeTensor(t);
        auto want = dequantizeTensor(*r);
        ASSERT_TRUE(got.ok()) << got.message();
        ASSERT_TRUE(want.ok()) << want.message();
        double err2 = 0, ref2 = 0;
        for (size_t i = 0; i < got->size(); ++i) {
            const double d = double((*got)[i]) - double((*want)[i]);
            err2 += d * d;
            ref2 += double((*want)[i]) * double((*want)[i]);
        }
        ASSERT_GT(ref2, 0.0) << t.name;
        // The F16 reference itself is rounded: allow its own half-ulp on top.
        const double rel = std::sqrt(err2 / ref2);
        const double bound = std::max(relativeRmsBound(t.type), r->type == t.type ? 0.0 : 1e-3);
        EXPECT_LE(rel, bound) << t.name << " (" << ggmlTypeName(t.type) << ")";
        worst[t.type] = std::max(worst[t.type], rel);
    }
    for (const auto &[type, rel] : worst)
        std::cout << "  " << ggmlTypeName(type) << ": worst relative RMS error " << rel << "\n";
}

INSTANTIATE_TEST_SUITE_P(Shared, DequantizeAgainstReference, ::testing::ValuesIn(kComparisons),
                         [](const auto &p) {
                             std::string n = p.param.file;
                             n = n.substr(n.find('/') + 1);
                             n = n.substr(0, n.size() - 5);
                             for (char &c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

TEST(Dequantize, Q8_0KnownBlock)
{
    uint8_t block[34];
    const uint16_t d = f32ToF16(0.5f);
    std::memcpy(block, &d, 2);
    for (int j = 0; j < 32; ++j)
        block[2 + j] = uint8_t(int8_t(j - 16));
    float out[32];
    dequantizeRowQ8_0(block, out, 32);
    for (int j = 0; j < 32; ++j)
        EXPECT_EQ(out[j], 0.5f * float(j - 16));
}

TEST(Dequantize, Q4_0KnownBlock)
{
    uint8_t block[18];
    const uint16_t d = f32ToF16(2.0f);
    std::memcpy(block, &d, 2);
    for (int j = 0; j < 16; ++j)
        block[2 + j] = uint8_t(j | ((15 - j) << 4));   // low nibble j, high nibble 15 - j
    float out[32];
    dequantizeRowQ4_0(block, out, 32);
    for (int j = 0; j < 16; ++j) {
        EXPECT_EQ(out[j], 2.0f * float(j - 8));
        EXPECT_EQ(out[j + 16], 2.0f * float(7 - j));
    }
}

// The fifth bit of element j is bit j of qh (little-endian), above its nibble.
TEST(Dequantize, Q5_0KnownBlock)
{
    uint8_t block[22];
    const uint16_t d = f32ToF16(0.5f);
    std::memcpy(block, &d, 2);
    const uint32_t qh = 0xA5A50F0Fu;   // fifth bits of 0-3, 8-11, and a pattern over 16-31
    std::memcpy(block + 2, &qh, 4);
    for (int j = 0; j < 16; ++j)
        block[6 + j] = uint8_t(j | ((15 - j) << 4));
    float out[32];
    dequantizeRowQ5_0(block, out, 32);
    for (int j = 0; j < 16; ++j) {
        EXPECT_EQ(out[j], 0.5f * float((j | int((qh >> j) & 1) << 4) - 16)) << j;
        EXPECT_EQ(out[j + 16], 0.5f * float(((15 - j) | int((qh >> (j + 16)) & 1) << 4) - 16)) << j + 16;
    }
    EXPECT_EQ(out[0], 0.0f);          // 0 | 16 - 16
    EXPECT_EQ(out[4], -6.0f);         // 4 - 16
    EXPECT_EQ(out[16], 7.5f);         // 15 | 16 - 16 (bit 16 set)
    EXPECT_EQ(out[16 + 1], -1.0f);    // 14 - 16 (bit 17 clear)
    EXPECT_EQ(out[16 + 5], 5.0f);     // 10 | 16 - 16 (bit 21 set)
}

// Q4_1 and Q5_1: d * q + m with q unsigned (Q5_1's fifth bits as Q5_0's).
TEST(Dequantize, Q4_1AndQ5_1KnownBlocks)
{
    uint8_t q41[20], q51[24];
    const uint16_t d = f32ToF16(0.25f), m = f32ToF16(-3.0f);
    for (uint8_t *b : {q41, q51}) {
        std::memcpy(b, &d, 2);
        std::memcpy(b + 2, &m, 2);
    }
    const uint32_t qh = 0x80000001u;   // fifth bits of elements 0 and 31
    std::memcpy(q51 + 4, &qh, 4);
    for (int j = 0; j < 16; ++j)
        q41[4 + j] = q51[8 + j] = uint8_t(j | ((15 - j) << 4));
    float a[32], b[32];
    dequantizeRowQ4_1(q41, a, 32);
    dequantizeRowQ5_1(q51, b, 32);
    for (int j = 0; j < 16; ++j) {
        EXPECT_EQ(a[j], 0.25f * float(j) - 3.0f) << j;
        EXPECT_EQ(a[j + 16], 0.25f * float(15 - j) - 3.0f) << j + 16;
    }
    EXPECT_EQ(b[0], 0.25f * 16.0f - 3.0f);    // 0 | 16
    EXPECT_EQ(b[1], 0.25f * 1.0f - 3.0f);
    EXPECT_EQ(b[31], 0.25f * 16.0f - 3.0f);   // high nibble of qs[15] is 0, bit 31 set
    EXPECT_EQ(b[30], 0.25f * 1.0f - 3.0f);
}

TEST(Dequantize, Q6_KScalesAndOffset)
{
    // All 6-bit values 32 (= zero after the offset) except the first of each quarter.
    uint8_t block[210] = {};
    for (int i = 0; i < 64; ++i) block[128 + i] = 0xaa;   // qh: high bits 2 -> value 32
    block[0] = 0x01;                                      // ql[0] low nibble 1 -> value 33 -> +1
    for (int i = 0; i < 16; ++i) block[192 + i] = int8_t(i + 1);
    const uint16_t d = f32ToF16(0.25f);
    std::memcpy(block + 208, &d, 2);
    float out[256];
    dequantizeRowQ6_K(block, out, 256);
    EXPECT_EQ(out[0], 0.25f * 1 * 1);
    for (int i = 1; i < 256; ++i)
        ASSERT_EQ(out[i], 0.0f) << i;
}

TEST(Dequantize, Q4_KSubBlockScalesAndMins)
{
    // Sub-block j gets scale j+1 and min j; all 4-bit values 1, so y = d*(j+1) - dmin*j.
    uint8_t block[144] = {};
    const uint16_t d = f32ToF16(1.0f), dmin = f32ToF16(0.5f);
    std::memcpy(block, &d, 2);
    std::memcpy(block + 2, &dmin, 2);
    uint8_t *s = block + 4;
    for (int j = 0; j < 8; ++j) {
        const int sc = j + 1, m = j;
        if (j < 4) {
            s[j] = uint8_t(sc);
            s[j + 4] = uint8_t(m);
        } else {
            s[j + 4] = uint8_t((sc & 0x0f) | ((m & 0x0f) << 4));
            s[j - 4] |= uint8_t((sc >> 4) << 6);
            s[j] |= uint8_t((m >> 4) << 6);
        }
    }
    std::memset(block + 16, 0x11, 128);
    float out[256];
    dequantizeRowQ4_K(block, out, 256);
    for (int i = 0; i < 256; ++i)
        ASSERT_EQ(out[i], float(i / 32 + 1) - 0.5f * float(i / 32)) << i;
}

TEST(Dequantize, UnsupportedAndPartialBlocksAreErrors)
{
    float out[256];
    uint8_t in[512] = {};
    EXPECT_EQ(dequantize(GgmlType::Q2_K, in, out, 256).message(), "dequantising Q2_K is not supported yet");
    EXPECT_EQ(dequantize(GgmlType::Q8_0, in, out, 33).message(), "33 elements are not a whole number of Q8_0 blocks");
    EXPECT_EQ(dequantize(static_cast<GgmlType>(77), in, out, 1).message(), "unknown tensor type id 77");
    GgufTensorInfo t;
    t.name = "blk.0.ffn_up.weight";
    t.type = GgmlType::Q3_K;
    t.nElements = 256;
    t.nBytes = 110;
    t.data = in;
    EXPECT_EQ(dequantizeTensor(t).message(), "tensor 'blk.0.ffn_up.weight': dequantising Q3_K is not supported yet");
}

// A GGUF may declare a tensor with a zero dimension; it has no data, so both
// pointers may be null (the fuzzer found memcpy being handed them).
TEST(Dequantize, EmptyTensorIsEmptyForEveryType)
{
    for (GgmlType type : {GgmlType::F32, GgmlType::F16, GgmlType::BF16, GgmlType::Q8_0, GgmlType::Q4_0,
                          GgmlType::Q5_0, GgmlType::Q4_1, GgmlType::Q5_1, GgmlType::Q4_K, GgmlType::Q5_K,
                          GgmlType::Q6_K})
        EXPECT_TRUE(dequantize(type, nullptr, nullptr, 0).ok()) << ggmlTypeTraits(uint32_t(type))->name;
}

} // namespace
