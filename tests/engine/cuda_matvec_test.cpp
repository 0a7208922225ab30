// The fused dequantising matrix kernels against the CPU reference: weights
// quantised by the engine's reference quantisers and dequantised by
// dequantize(); activations F32 for float weights, else quantised to 8 bits by
// the CPU backend (cpu::quantizeActivations) and decoded; the product in double
// on the host. For one token (decode), a batch of 5 (the warp kernel's
// partial group of 8) and batches of 13 and 70 (quantised weights: the
// tensor-core kernel, 70 tokens being two CTAs' worth). The kernels'
// arithmetic also runs as host code (CudaBlockDecode for the warp kernel,
// CudaMmaTile for the tensor-core one), so it is checked on every machine, GPU
// or not; and the device's activation quantisation must give the CPU's bytes
// exactly.
#include "cuda_block_decode_host.h"
#include "cuda_test_support.h"

#include "cuda/mma_matmul.h"

#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/cuda/device_matrix.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"
#include "modelatlas/engine/tensor/quantize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

const GgmlType kTypes[] = {GgmlType::F32,  GgmlType::F16,  GgmlType::BF16, GgmlType::Q8_0, GgmlType::Q4_0,
                           GgmlType::Q5_0, GgmlType::Q4_1, GgmlType::Q5_1, GgmlType::Q4_K, GgmlType::Q5_K,
                           GgmlType::Q6_K};

// Tolerance relative to sum |w_i x_i|, the same for every type by
// construction: each kernel decodes every weight with the reference's float
// operations (bit-identical weights), so only the summation order differs
// (float per lane, then across the warp, against double): at most about
// (cols / 32) * 2^-24. A decoding mistake is of order 1.
constexpr double kRelativeTolerance = 2e-5;

struct Shape {
    int rows;
    int cols;
};

// Rows not a multiple of the 4 rows per CTA; rows too short to give every lane
// a slice; a width whose rows need padding to 16 bytes (odd block counts, and
// for the plain types an odd element count that also exercises the tail loop).
std::vector<Shape> shapesFor(GgmlType type)
{
    const int block = int(ggmlTypeTraits(type).blockSize);
    std::vector<Shape> shapes = {{37, 512}, {64, 4096}, {5, 3 * (block == 1 ? 32 : block)}};
    if (block == 1)
        shapes.push_back({7, 4099});
    return shapes;
}

class CudaMatVec : public test::CudaDeviceTest, public ::testing::WithParamInterface<GgmlType> {};

// Row r of W times x in double, and the sum of |w_i x_i| the tolerance scales with.
void referenceDot(const std::vector<float> &decoded, int r, const float *x, int cols, double &dot, double &magnitude)
{
    dot = 0.0;
    magnitude = 0.0;
    for (int i = 0; i < cols; ++i) {
        const double p = double(decoded[size_t(r) * size_t(cols) + size_t(i)]) * double(x[i]);
        dot += p;
        magnitude += std::fabs(p);
    }
}

// n rows of activations as a weight type meets them: the bytes the kernel
// reads (F32, or the CPU backend's 8-bit blocks) and the values they stand for.
struct Activations {
    std::vector<uint8_t> bytes;   // n * rowBytes
    size_t rowBytes = 0;
    std::vector<float> values;    // (n, cols)
};

Activations activationsFor(GgmlType weightType, const std::vector<float> &x, int n, int cols)
{
    const cpu::ActType type = matMulActivations(weightType);
    Activations a;
    a.rowBytes = cpu::actRowBytes(type, cols);
    a.bytes.resize(size_t(n) * a.rowBytes + 16);   // + 16: room to realign
    a.values = x;
    if (type == cpu::ActType::F32) {
        std::memcpy(a.bytes.data(), x.data(), x.size() * sizeof(float));
        return a;
    }
    for (int t = 0; t < n; ++t) {
        uint8_t *row = a.bytes.data() + size_t(t) * a.rowBytes;
        cpu::quantizeActivations(type, x.data() + size_t(t) * cols, row, cols);
        for (int i = 0; i < cols; ++i) {
            const bool q8_0 = type == cpu::ActType::Q8_0;
            const uint8_t *block = row + size_t(i / (q8_0 ? 32 : 256)) * (q8_0 ? 34 : 292);
            float d = 0;
            if (q8_0) {
                uint16_t h;
                std::memcpy(&h, block, 2);
                d = f16ToF32(h);
            } else {
                std::memcpy(&d, block, 4);
            }
            const auto q = int8_t(block[(q8_0 ? 2 : 4) + i % (q8_0 ? 32 : 256)]);
            a.values[size_t(t) * cols + size_t(i)] = d * float(q);
        }
    }
    return a;
}

class CudaBlockDecode : public ::testing::TestWithParam<GgmlType> {};

const GgmlType kMmaTypes[] = {GgmlType::F16,  GgmlType::Q8_0, GgmlType::Q4_0, GgmlType::Q5_0, GgmlType::Q4_1,
                              GgmlType::Q5_1, GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K};
const GgmlType kChunkTypes[] = {GgmlType::Q8_0, GgmlType::Q4_0, GgmlType::Q5_0, GgmlType::Q4_1,
                                GgmlType::Q5_1, GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K};

class CudaMmaTile : public ::testing::TestWithParam<GgmlType> {};
class CudaMmaChunks : public ::testing::TestWithParam<GgmlType> {};

// rows x cols random weights quantised to `type`, and their dequantised values.
struct QuantisedWeights {
    std::vector<uint8_t> bytes;
    std::vector<float> decoded;
    size_t rowBytes = 0;
};

QuantisedWeights quantisedWeights(GgmlType type, int rows, int cols, std::mt19937 &rng)
{
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> weights(size_t(rows) * size_t(cols));
    for (auto &v : weights)
        v = uniform(rng);
    QuantisedWeights q;
    const auto bytes = quantize(type, weights);
    if (!bytes.ok())
        return q;
    q.bytes = *bytes;
    q.rowBytes = q.bytes.size() / size_t(rows);
    q.decoded.resize(weights.size());
    if (!dequantize(type, q.bytes.data(), q.decoded.data(), q.decoded.size()).ok())
        q.bytes.clear();
    return q;
}

using CudaMatVecQuantize = test::CudaDeviceTest;

} // namespace

// The GPU kernel's arithmetic, lane by lane and in its warp's summation
// order, run on the host: no GPU needed.
TEST_P(CudaBlockDecode, HostBuildMatchesDequantisedReference)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(77 + int(type));
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (const Shape &s : shapesFor(type)) {
        SCOPED_TRACE(::testing::Message() << ggmlTypeName(type) << " " << s.rows << " x " << s.cols);
        std::vector<float> weights(size_t(s.rows) * size_t(s.cols)), x(size_t(s.cols));
        for (auto &v : weights)
            v = uniform(rng);
        for (auto &v : x)
            v = uniform(rng);
        const auto bytes = quantize(type, weights);
        ASSERT_TRUE(bytes.ok()) << bytes.message();
        std::vector<float> decoded(weights.size());
        ASSERT_TRUE(dequantize(type, bytes->data(), decoded.data(), decoded.size()).ok());
        const Activations act = activationsFor(type, x, 1, s.cols);
        const size_t rowBytes = bytes->size() / size_t(s.rows);
        // Each row 16-byte aligned, as uploadMatrix pads them on the device.
        std::vector<uint8_t> rowBuffer(rowBytes + 16);
        auto *row = reinterpret_cast<uint8_t *>((reinterpret_cast<uintptr_t>(rowBuffer.data()) + 15) & ~uintptr_t(15));
        for (int r = 0; r < s.rows; ++r) {
            std::memcpy(row, bytes->data() + size_t(r) * rowBytes, rowBytes);
            float got = 0.0f;
            ASSERT_TRUE(test::emulateWarpRowDot(type, row, act.bytes.data(), s.cols, got));
            double expected = 0.0, magnitude = 0.0;
            referenceDot(decoded, r, act.values.data(), s.cols, expected, magnitude);
            EXPECT_NEAR(got, expected, kRelativeTolerance * magnitude + 1e-6) << "row " << r;
        }
    }
}

// matVecSupports answers canDequantize: every type the engine reads must
// have a warp kernel, and kTypes above must test each.
TEST(CudaBlockDecodeTypes, EveryReadableTypeHasAKernel)
{
    const std::vector<uint8_t> zeros(4096, 0);
    for (uint32_t id = 0; id < 64; ++id) {
        const auto type = GgmlType(id);
        if (!canDequantize(type))
            continue;
        float out = 0.0f;
        EXPECT_TRUE(test::emulateWarpRowDot(type, zeros.data(), zeros.data(), 32, out)) << ggmlTypeName(type);
        EXPECT_NE(std::find(std::begin(kTypes), std::end(kTypes), type), std::end(kTypes)) << ggmlTypeName(type);
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, CudaBlockDecode, ::testing::ValuesIn(kTypes),
                         [](const ::testing::TestParamInfo<GgmlType> &i) {
                             return std::string(ggmlTypeName(i.param));
                         });

// The tensor-core kernel's int8 chunks with their scales and mins are the
// reference dequantiser's values: every chunk of every super-block position.
TEST_P(CudaMmaChunks, AreTheDequantisedValues)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(31 + int(type));
    const int rows = 3, cols = 512;
    const QuantisedWeights w = quantisedWeights(type, rows, cols, rng);
    ASSERT_FALSE(w.bytes.empty());
    for (int r = 0; r < rows; ++r) {
        for (int j = 0; j < cols / 32; ++j) {
            float got[32];
            ASSERT_TRUE(test::decodeWeightChunk(type, w.bytes.data() + size_t(r) * w.rowBytes, j, got));
            for (int i = 0; i < 32; ++i)
                ASSERT_NEAR(got[i], w.decoded[size_t(r) * cols + size_t(32 * j + i)], 1e-6f)
                    << "row " << r << " chunk " << j << " value " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(QuantisedTypes, CudaMmaChunks, ::testing::ValuesIn(kChunkTypes),
                         [](const ::testing::TestParamInfo<GgmlType> &i) {
                             return std::string(ggmlTypeName(i.param));
                         });

// The whole tensor-core kernel run on the host (tiles, fragments in the PTX
// layout, scaling, stores) against the dequantised product in double: rows
// that leave a CTA's tile part empty, a partial step,
// several steps up to a Llama-8B-wide row, and token counts of one partial
// CTA, a full one and two.
TEST_P(CudaMmaTile, HostBuildMatchesDequantisedReference)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(91 + int(type));
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    // A partial step: 3 chunks of 32 (8-bit kernel), 200 values = 128 + 72 (F16 kernel).
    const int partial = type == GgmlType::F16 ? 200 : 3 * int(ggmlTypeTraits(type).blockSize);
    for (const Shape &s : std::vector<Shape>{{37, 512}, {5, partial}, {70, 2 * 256}, {40, 4096}}) {
        SCOPED_TRACE(::testing::Message() << ggmlTypeName(type) << " " << s.rows << " x " << s.cols);
        const QuantisedWeights w = quantisedWeights(type, s.rows, s.cols, rng);
        ASSERT_FALSE(w.bytes.empty());
        // Rows padded to 16 bytes, as uploadMatrix lays them out on the device.
        const size_t stride = (w.rowBytes + 15) / 16 * 16;
        std::vector<uint8_t> padded(size_t(s.rows) * stride + 16);
        auto *rows = reinterpret_cast<uint8_t *>((reinterpret_cast<uintptr_t>(padded.data()) + 15) & ~uintptr_t(15));
        for (int r = 0; r < s.rows; ++r)
            std::memcpy(rows + size_t(r) * stride, w.bytes.data() + size_t(r) * w.rowBytes, w.rowBytes);
        for (const int n : {kMmaMinTokens, 64, 70}) {
            SCOPED_TRACE(::testing::Message() << n << " tokens");
            std::vector<float> x(size_t(n) * size_t(s.cols));
            for (auto &v : x)
                v = uniform(rng);
            const Activations act = activationsFor(type, x, n, s.cols);
            std::vector<float> y(size_t(n) * size_t(s.rows), std::nanf(""));
            ASSERT_TRUE(test::emulateMmaMatMul(type, rows, stride, act.bytes.data(), act.rowBytes, s.rows, s.cols, n,
                                               y.data()));
            for (int t = 0; t < n; ++t) {
                for (int r = 0; r < s.rows; ++r) {
                    double expected = 0.0, magnitude = 0.0;
                    referenceDot(w.decoded, r, act.values.data() + size_t(t) * size_t(s.cols), s.cols, expected,
                                 magnitude);
                    ASSERT_NEAR(y[size_t(t) * size_t(s.rows) + size_t(r)], expected,
                                kRelativeTolerance * magnitude + 1e-6)
                        << "token " << t << " row " << r;
                }
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(TensorCoreTypes, CudaMmaTile, ::testing::ValuesIn(kMmaTypes),
                         [](const ::testing::TestParamInfo<GgmlType> &i) {
                             return std::string(ggmlTypeName(i.param));
                         });

TEST_P(CudaMatVec, MatchesDequantisedReferenceInDouble)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(2024 + int(type));
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (const Shape &s : shapesFor(type)) {
        SCOPED_TRACE(::testing::Message() << ggmlTypeName(type) << " " << s.rows << " x " << s.cols);
        std::vector<float> weights(size_t(s.rows) * size_t(s.cols));
        for (auto &v : weights)
            v = uniform(rng);
        const auto bytes = quantize(type, weights);
        ASSERT_TRUE(bytes.ok()) << bytes.message();
        std::vector<float> decoded(weights.size());
        ASSERT_TRUE(dequantize(type, bytes->data(), decoded.data(), decoded.size()).ok());
        const auto w = uploadMatrix(*m_allocator, "w", type, s.rows, s.cols, bytes->data(), bytes->size());
        ASSERT_TRUE(w.ok()) << w.message();
        // A batch needs every token's row 16-byte aligned (cols % 4 == 0).
        for (const int n : s.cols % 4 == 0 ? std::vector<int>{1, 5, 13, 70} : std::vector<int>{1}) {
            SCOPED_TRACE(::testing::Message() << n << " tokens");
            std::vector<float> x(size_t(n) * size_t(s.cols));
            for (auto &v : x)
                v = uniform(rng);
            const Activations act = activationsFor(type, x, n, s.cols);
            const auto xDevice = test::uploadFloats(*m_allocator, x, "x");
            auto actDevice = m_allocator->allocate(MemoryCategory::Scratch, act.bytes.size(), "x, 8-bit");
            const auto yDevice =
                m_allocator->allocate(MemoryCategory::Scratch, size_t(n) * size_t(s.rows) * sizeof(float), "y");
            ASSERT_TRUE(xDevice && actDevice && yDevice);
            ASSERT_TRUE(copyToDevice(*actDevice, act.bytes.data(), act.bytes.size()).ok());
            MatMulInput in;
            in.f32 = *xDevice;
            in.q8_0 = in.q8K = *actDevice;   // the form the weight type reads
            auto *y = static_cast<float *>(*yDevice);
            const auto ran = matMul(*w, in, n, y);
            ASSERT_TRUE(ran.ok()) << ran.message();
            const auto result = test::downloadFloats(y, size_t(n) * size_t(s.rows));
            ASSERT_TRUE(result.ok()) << result.message();
            for (int t = 0; t < n; ++t) {
                const float *xt = act.values.data() + size_t(t) * size_t(s.cols);
                for (int r = 0; r < s.rows; ++r) {
                    double expected = 0.0, magnitude = 0.0;
                    referenceDot(decoded, r, xt, s.cols, expected, magnitude);
                    EXPECT_NEAR((*result)[size_t(t) * size_t(s.rows) + size_t(r)], expected,
                                kRelativeTolerance * magnitude + 1e-6)
                        << "token " << t << " row " << r;
                }
            }
            ASSERT_TRUE(m_allocator->release(*xDevice).ok());
            ASSERT_TRUE(m_allocator->release(*actDevice).ok());
            ASSERT_TRUE(m_allocator->release(y).ok());
        }
        ASSERT_TRUE(m_allocator->release(w->data).ok());
    }
}
INSTANTIATE_TEST_SUITE_P(AllTypes, CudaMatVec, ::testing::ValuesIn(kTypes),
                         [](const ::testing::TestParamInfo<GgmlType> &i) {
                             return std::string(ggmlTypeName(i.param));
                         });

// The device's 8-bit activations are the CPU backend's, byte for byte: the
// integer dot products on both sides then see the same integers. Values span
// magnitudes and signs; a row holds a zero block and a tie for the largest.
TEST_F(CudaMatVecQuantize, ActivationsMatchTheCpuBytes)
{
    std::mt19937 rng(5);
    std::normal_distribution<float> normal(0.0f, 3.0f);
    const int n = 3, cols = 1024;
    std::vector<float> x(size_t(n) * cols);
    for (auto &v : x)
        v = normal(rng);
    std::fill(x.begin() + 256, x.begin() + 512, 0.0f);   // a zero block of each type
    x[600] = 9.0f;
    x[700] = -9.0f;                                       // equal magnitude: the first one sets the scale
    const auto xDevice = test::uploadFloats(*m_allocator, x, "x");
    ASSERT_TRUE(xDevice.ok());
    for (const cpu::ActType type : {cpu::ActType::Q8_0, cpu::ActType::Q8_K}) {
        const size_t rowBytes = cpu::actRowBytes(type, cols);
        std::vector<uint8_t> expected(size_t(n) * rowBytes);
        for (int t = 0; t < n; ++t)
            cpu::quantizeActivations(type, x.data() + size_t(t) * cols, expected.data() + size_t(t) * rowBytes, cols);
        auto out = m_allocator->allocate(MemoryCategory::Scratch, expected.size(), "8-bit");
        ASSERT_TRUE(out.ok());
        const auto ran = quantizeActivations(type, *xDevice, n, cols, *out);
        ASSERT_TRUE(ran.ok()) << ran.message();
        ASSERT_TRUE(synchronize().ok());
        std::vector<uint8_t> got(expected.size());
        ASSERT_TRUE(copyToHost(got.data(), *out, got.size()).ok());
        for (size_t i = 0; i < got.size(); ++i)
            ASSERT_EQ(int(got[i]), int(expected[i])) << (type == cpu::ActType::Q8_0 ? "Q8_0" : "Q8_K") << " byte " << i;
    }
    EXPECT_NE(quantizeActivations(cpu::ActType::Q8_K, *xDevice, 1, 100, *xDevice).message().find("100 values"),
              std::string::npos);
}

TEST(CudaMatVecUpload, RejectsUnsupportedTypesAndMismatchedSizes)
{
    for (const GgmlType type : kTypes)
        EXPECT_TRUE(matVecSupports(type)) << ggmlTypeName(type);
    for (const GgmlType noKernel : {GgmlType::Q2_K, GgmlType::Q3_K})
        EXPECT_FALSE(matVecSupports(noKernel)) << ggmlTypeName(noKernel);
    MA_REQUIRE_CUDA_DEVICE();
    auto allocator = DeviceAllocator::create(0);
    ASSERT_TRUE(allocator.ok()) << allocator.message();
    const std::vector<uint8_t> bytes(110 * 4);
    const auto q3 = uploadMatrix(**allocator, "blk.0.ffn_down.weight", GgmlType::Q3_K, 4, 256, bytes.data(), bytes.size());
    ASSERT_FALSE(q3.ok());
    EXPECT_NE(q3.message().find("blk.0.ffn_down.weight"), std::string::npos) << q3.message();
    EXPECT_NE(q3.message().find("Q3_K"), std::string::npos) << q3.message();
    const auto shortData = uploadMatrix(**allocator, "output.weight", GgmlType::Q8_0, 4, 32, bytes.data(), 100);
    ASSERT_FALSE(shortData.ok());
    EXPECT_NE(shortData.message().find("output.weight"), std::string::npos) << shortData.message();
    const auto partialBlock = uploadMatrix(**allocator, "token_embd.weight", GgmlType::Q4_K, 1, 300, bytes.data(), 88);
    EXPECT_FALSE(partialBlock.ok());
    EXPECT_TRUE((*allocator)->ledger().empty()) << "a rejected upload must not hold device memory";

    // A batch over rows of 4099 floats would read misaligned: refused before any launch.
    const std::vector<float> f32(4 * 4099);
    const auto odd = uploadMatrix(**allocator, "w", GgmlType::F32, 4, 4099, f32.data(), f32.size() * 4);
    ASSERT_TRUE(odd.ok()) << odd.message();
    auto x = (*allocator)->allocate(MemoryCategory::Scratch, 2 * 4100 * sizeof(float), "x");
    ASSERT_TRUE(x.ok());
    MatMulInput in;
    in.f32 = static_cast<float *>(*x);
    const auto batch = matMul(*odd, in, 2, static_cast<float *>(*x));
    EXPECT_NE(batch.message().find("a multiple of 4"), std::string::npos) << batch.message();
    // Quantised weights without their 8-bit activations: refused, naming what is missing.
    const std::vector<uint8_t> q4k(144);
    const auto k = uploadMatrix(**allocator, "w", GgmlType::Q4_K, 1, 256, q4k.data(), q4k.size());
    ASSERT_TRUE(k.ok()) << k.message();
    const auto missing = matMul(*k, in, 1, static_cast<float *>(*x));
    EXPECT_NE(missing.message().find("Q4_K weights need their 8-bit"), std::string::npos) << missing.message();
}
