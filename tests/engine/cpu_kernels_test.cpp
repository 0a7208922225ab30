// The CPU kernels: every fast path against the scalar reference, and the
// scalar reference against the reference dequantisers (dequantise weights and
// activations, multiply in double). Weights are random blocks with sane scales.
#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"

#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <random>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cpu;

namespace {

void putF16(uint8_t *p, float v)
{
    const uint16_t h = f32ToF16(v);
    std::memcpy(p, &h, 2);
}

// `rows` random rows of `cols` elements in `type`, with f16 scales in a sane range.
std::vector<uint8_t> randomWeights(GgmlType type, int rows, int cols, std::mt19937 &rng)
{
    const GgmlTypeTraits &t = ggmlTypeTraits(type);
    const size_t rowBytes = size_t(cols) / t.blockSize * t.bytesPerBlock;
    std::vector<uint8_t> w(rowBytes * size_t(rows));
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f), scale(0.001f, 0.02f);
    switch (type) {
    case GgmlType::F32:
        for (size_t i = 0; i < w.size() / 4; ++i) {
            const float v = u(rng);
            std::memcpy(w.data() + 4 * i, &v, 4);
        }
        return w;
    case GgmlType::F16:
        for (size_t i = 0; i < w.size() / 2; ++i)
            putF16(w.data() + 2 * i, u(rng));
        return w;
    case GgmlType::BF16:
        for (size_t i = 0; i < w.size() / 2; ++i) {
            const uint16_t h = f32ToBf16(u(rng));
            std::memcpy(w.data() + 2 * i, &h, 2);
        }
        return w;
    default: break;
    }
    for (auto &b : w)
        b = uint8_t(byte(rng));
    const size_t nBlocks = w.size() / t.bytesPerBlock;
    for (size_t b = 0; b < nBlocks; ++b) {
        uint8_t *blk = w.data() + b * t.bytesPerBlock;
        switch (type) {
        case GgmlType::Q8_0:
            putF16(blk, scale(rng));
            for (int j = 2; j < 34; ++j)   // the quantiser never writes -128
                if (blk[j] == 0x80)
                    blk[j] = 0x81;
            break;
        case GgmlType::Q4_0:
        case GgmlType::Q5_0: putF16(blk, scale(rng)); break;
        case GgmlType::Q4_1:   // scale and minimum
        case GgmlType::Q5_1:
        case GgmlType::Q4_K:   // scale and minimum's scale
        case GgmlType::Q5_K:
            putF16(blk, scale(rng));
            putF16(blk + 2, scale(rng));
            break;
        case GgmlType::Q6_K: putF16(blk + 208, scale(rng)); break;
        default: break;
        }
    }
    return w;
}

// Activation row back to floats, from its format.
std::vector<float> actToFloat(ActType type, const uint8_t *q, int n)
{
    std::vector<float> out(static_cast<size_t>(n));
    switch (type) {
    case ActType::F32: std::memcpy(out.data(), q, size_t(n) * 4); break;
    case ActType::F16: dequantizeRowF16(q, out.data(), uint64_t(n)); break;
    case ActType::BF16: dequantizeRowBF16(q, out.data(), uint64_t(n)); break;
    case ActType::Q8_0: dequantizeRowQ8_0(q, out.data(), uint64_t(n)); break;
    case ActType::Q8_K: {
        const auto *b = reinterpret_cast<const BlockQ8K *>(q);
        for (int i = 0; i < n; ++i)
            out[size_t(i)] = b[i / 256].d * float(b[i / 256].qs[i % 256]);
        break;
    }
    }
    return out;
}

const GgmlType kTypes[] = {GgmlType::F32,  GgmlType::F16,  GgmlType::BF16, GgmlType::Q8_0,
                           GgmlType::Q4_0, GgmlType::Q5_0, GgmlType::Q4_1, GgmlType::Q5_1,
                           GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K};

class DotKernels : public ::testing::TestWithParam<GgmlType> {};

TEST_P(DotKernels, ScalarMatchesDequantisedReferenceAndFastPathsMatchScalar)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(1234 + int(type));
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (const int n : {256, 512, 2048, 4352}) {
        const int rows = 8;
        const std::vector<uint8_t> w = randomWeights(type, rows, n, rng);
        const size_t rowBytes = w.size() / rows;
        std::vector<float> x(static_cast<size_t>(n));
        for (auto &v : x)
            v = normal(rng);
        const ActType at = actTypeFor(type);
        std::vector<uint8_t> xq(actRowBytes(at, n));
        quantizeActivations(at, x.data(), xq.data(), n);
        const std::vector<float> xf = actToFloat(at, xq.data(), n);
        std::vector<float> wf(static_cast<size_t>(n));
        for (int r = 0; r < rows; ++r) {
            const uint8_t *wr = w.data() + size_t(r) * rowBytes;
            ASSERT_TRUE(dequantize(type, wr, wf.data(), uint64_t(n)).ok());
            double ref = 0, mag = 0;
            for (int i = 0; i < n; ++i) {
                ref += double(wf[size_t(i)]) * xf[size_t(i)];
                mag += std::fabs(double(wf[size_t(i)]) * xf[size_t(i)]);
            }
            const float scalar = dotKernel(type, KernelPath::Scalar)(n, wr, xq.data());
            EXPECT_NEAR(scalar, ref, 1e-5 * mag + 1e-6) << ggmlTypeName(type) << " n=" << n << " row " << r;
            if (kernelPathSupported(KernelPath::Avx2)) {
                const float fast = dotKernel(type, KernelPath::Avx2)(n, wr, xq.data());
                EXPECT_NEAR(fast, scalar, 1e-5 * mag + 1e-6) << ggmlTypeName(type) << " n=" << n << " row " << r;
                // Both paths keep the reference's summation order: bit-identical
                // whenever no scalar tail is involved (n a multiple of 32).
                if (n % 32 == 0) {
                    EXPECT_EQ(fast, scalar) << ggmlTypeName(type) << " n=" << n << " row " << r;
                    if (const DotFn batchedScalar = dotKernelBatched(type, KernelPath::Scalar, n)) {
                        EXPECT_EQ(dotKernelBatched(type, KernelPath::Avx2, n)(n, wr, xq.data()),
                                  batchedScalar(n, wr, xq.data()))
                            << ggmlTypeName(type) << " n=" << n << " row " << r;
                    }
                }
            }
        }
    }
}

TEST_P(DotKernels, ThreadedBatchedMatmulEqualsRowByRowDots)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(99);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const int rows = 37, cols = 512, B = 5;   // odd sizes: uneven thread splits and tiles
    const std::vector<uint8_t> w = randomWeights(type, rows, cols, rng);
    WeightMatrix wm{type, w.data(), rows, cols, w.size() / rows};
    std::vector<float> x(size_t(B) * cols);
    for (auto &v : x)
        v = normal(rng);
    const ActType at = actTypeFor(type);
    for (const int threads : {1, 3}) {
        ThreadPool pool(threads);
        for (KernelPath path : {KernelPath::Scalar, KernelPath::Avx2, KernelPath::Avx512}) {
            if (!kernelPathSupported(path))
                continue;
            ActBuffer act;
            std::vector<float> y(size_t(B) * rows);
            matmul(wm, x.data(), B, y.data(), act, pool, path);
            std::vector<uint8_t> xq(actRowBytes(at, cols));
            // A batch (B >= 2) of F32/F16 uses the reference's batched summation order.
            const DotFn dot = dotKernelBatched(type, path, cols) ? dotKernelBatched(type, path, cols) : dotKernel(type, path);
            for (int t = 0; t < B; ++t) {
                quantizeActivations(at, x.data() + size_t(t) * cols, xq.data(), cols);
                for (int r = 0; r < rows; ++r)
                    EXPECT_EQ(y[size_t(t) * rows + r], dot(cols, wm.row(r), xq.data()));
            }
            // One token uses the per-row order.
            std::vector<float> y1(static_cast<size_t>(rows));
            ActBuffer act1;
            matmul(wm, x.data(), 1, y1.data(), act1, pool, path);
            quantizeActivations(at, x.data(), xq.data(), cols);
            for (int r = 0; r < rows; ++r)
                EXPECT_EQ(y1[size_t(r)], dotKernel(type, path)(cols, wm.row(r), xq.data()));
        }
    }
}

// The multi-token tiles (AVX-512 and AVX2, for every type that has them)
// against the scalar dot of every (row, token) pair, bit for bit, over shapes
// that leave every kind of tail: rows not a multiple of the 4-row register
// tile or of matmul's row tiles, odd token counts (a padded token pair), token
// counts not a multiple of the 8-token tiles, one token (K-quants and Q4_0,
// full 8-row decode tiles and a tail among 67 rows; the float types also with
// a row that leaves a tail past the 64-element steps, and F16 a row that ends
// in a partial column block of its AVX2 tile), and long rows.
TEST_P(DotKernels, MultiTokenTilesEqualScalarDots)
{
    const GgmlType type = GetParam();
    std::mt19937 rng(7 + int(type));
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const ActType at = actTypeFor(type);
    ThreadPool pool(2);
    struct Shape {
        int rows, cols, B;
    };
    for (const KernelPath path : {KernelPath::Avx2, KernelPath::Avx512}) {
        if (!kernelPathSupported(path))
            continue;
        for (const Shape sh : {Shape{5, 512, 1}, Shape{1, 256, 2}, Shape{3, 512, 3}, Shape{4, 256, 8},
                               Shape{5, 768, 9}, Shape{67, 512, 17}, Shape{130, 256, 23}, Shape{9, 2048, 2},
                               Shape{3, 16384, 37}, Shape{7, 272, 1}, Shape{67, 1024, 1}, Shape{6, 2320, 5}}) {
            if (sh.cols % int(ggmlTypeTraits(type).blockSize) != 0)
                continue;   // 272 and 2320 columns: types with blocks of at most 16
            const std::vector<uint8_t> w = randomWeights(type, sh.rows, sh.cols, rng);
            const WeightMatrix wm{type, w.data(), sh.rows, sh.cols, w.size() / size_t(sh.rows)};
            std::vector<float> x(size_t(sh.B) * size_t(sh.cols));
            for (auto &v : x)
                v = normal(rng);
            ActBuffer act;
            std::vector<float> y(size_t(sh.B) * size_t(sh.rows));
            matmul(wm, x.data(), sh.B, y.data(), act, pool, path);
            const DotFn batched = sh.B >= 2 ? dotKernelBatched(type, KernelPath::Scalar, sh.cols) : nullptr;
            const DotFn dot = batched ? batched : dotKernel(type, KernelPath::Scalar);
            std::vector<uint8_t> xq(actRowBytes(at, sh.cols));
            for (int t = 0; t < sh.B; ++t) {
                quantizeActivations(at, x.data() + size_t(t) * size_t(sh.cols), xq.data(), sh.cols);
                for (int r = 0; r < sh.rows; ++r)
                    ASSERT_EQ(y[size_t(t) * size_t(sh.rows) + size_t(r)], dot(sh.cols, wm.row(r), xq.data()))
                        << ggmlTypeName(type) << " on " << kernelPathName(path) << ", rows " << sh.rows << " cols "
                        << sh.cols << " B " << sh.B << ": row " << r << " token " << t;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, DotKernels, ::testing::ValuesIn(kTypes),
                         [](const ::testing::TestParamInfo<GgmlType> &i) {
                             return std::string(ggmlTypeName(i.param));
                         });

TEST(CpuFeatures, BestPathIsSupportedByThisCpu)
{
    const CpuFeatures &f = cpuFeatures();
    if (bestKernelPath() != KernelPath::Scalar) {
        EXPECT_TRUE(f.avx2 && f.fma && f.f16c);
    }
    if (bestKernelPath() == KernelPath::Avx512) {
        EXPECT_TRUE(f.avx512f && f.avx512bw && f.avx512vl && f.avx512vnni);
    }
    EXPECT_FALSE(kernelPathName(bestKernelPath()).empty());
}

TEST(ActivationQuantisation, Q8KBlockSumsAndScale)
{
    std::mt19937 rng(5);
    std::normal_distribution<float> normal(0.0f, 3.0f);
    std::vector<float> x(512);
    for (auto &v : x)
        v = normal(rng);
    std::vector<BlockQ8K> q(2);
    quantizeActivations(ActType::Q8_K, x.data(), q.data(), 512);
    for (const auto &b : q) {
        for (int j = 0; j < 16; ++j) {
            int s = 0;
            for (int l = 0; l < 16; ++l)
                s += b.qs[16 * j + l];
            EXPECT_EQ(b.bsums[j], s);
        }
    }
    for (int i = 0; i < 512; ++i)
        EXPECT_NEAR(q[size_t(i / 256)].d * q[size_t(i / 256)].qs[i % 256], x[size_t(i)],
                    std::fabs(q[size_t(i / 256)].d) * 0.5f + 1e-6f);
}

// The SIMD quantisers write the scalar reference's bytes, including the
// corner cases of the scale: an all-zero block and a block whose largest
// magnitude occurs with both signs (Q8_K takes the sign of the first).
TEST(ActivationQuantisation, SimdMatchesScalarBytes)
{
    if (!kernelPathSupported(KernelPath::Avx2))
        GTEST_SKIP() << "no AVX2 on this CPU";
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.0f, 2.0f);
    const int n = 1024;
    std::vector<float> x(n);
    for (auto &v : x)
        v = normal(rng);
    std::fill(x.begin() + 256, x.begin() + 512, 0.0f);   // Q8_K block 1, Q8_0 blocks 8-15: zero
    x[520] = -9.5f;                                        // block 2: -9.5 first, then +9.5
    x[700] = 9.5f;
    x[40] = 1e-3f;                                         // tiny and huge values
    x[900] = 3e4f;
    for (const ActType at : {ActType::Q8_0, ActType::Q8_K}) {
        std::vector<uint8_t> ref(actRowBytes(at, n)), fast(actRowBytes(at, n));
        quantizeActivations(at, x.data(), ref.data(), n, KernelPath::Scalar);
        quantizeActivations(at, x.data(), fast.data(), n, KernelPath::Avx2);
        EXPECT_EQ(ref, fast) << (at == ActType::Q8_0 ? "Q8_0" : "Q8_K");
    }
}

// Attention's dots: dotF16RowsShared equals, for every vector, the F16 dot
// (one-token, and batched where n is a multiple of 16) of every row with that
// vector in F16, bit for bit, on every path. Shapes: keys (a head's 64-256
// values; counts around the kernel's groups of 8; one-token tails of 80, 40,
// 48) and the transposed value rows (longer than 256: one chunk or several,
// with and without the one-token order's 32-value tail), for 1 to 8 vectors.
struct SharedDotsCase {
    int n, count, nx;
};

class DotF16RowsShared : public ::testing::TestWithParam<SharedDotsCase> {};

TEST_P(DotF16RowsShared, EqualsTheF16DotOfEveryRowAndVector)
{
    const auto [n, count, nx] = GetParam();
    const size_t stride = 2 * size_t(n) + 96;   // a cache row holds other heads too
    const size_t xStride = size_t(n) + 5;       // vectors apart as the caller lays them out
    std::mt19937 rng(uint32_t(n * 131 + count * 7 + nx));
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<uint8_t> rows(stride * size_t(count));
    for (int r = 0; r < count; ++r)
        for (int i = 0; i < n; ++i)
            putF16(rows.data() + size_t(r) * stride + 2 * size_t(i), normal(rng));
    // Each vector as floats holding F16 values, and in F16 for the dot kernel.
    std::vector<float> x(xStride * size_t(nx));
    std::vector<uint8_t> x16(2 * size_t(n) * size_t(nx));
    for (int g = 0; g < nx; ++g)
        for (int i = 0; i < n; ++i) {
            uint8_t *h = x16.data() + 2 * (size_t(g) * n + i);
            putF16(h, normal(rng));
            uint16_t bits;
            std::memcpy(&bits, h, 2);
            x[size_t(g) * xStride + size_t(i)] = f16ToF32(bits);
        }
    std::vector<bool> orders{false};
    if (n % 16 == 0)
        orders.push_back(true);
    for (const bool batched : orders) {
        const DotFn dot = batched ? dotKernelBatched(GgmlType::F16, KernelPath::Scalar, n)
                                  : dotKernel(GgmlType::F16, KernelPath::Scalar);
        ASSERT_NE(dot, nullptr);
        for (const KernelPath path : {KernelPath::Scalar, KernelPath::Avx2, KernelPath::Avx512}) {
            if (!kernelPathSupported(path))
                continue;
            const size_t outStride = size_t(count) + 3;
            std::vector<float> out(outStride * size_t(nx), -1.0f);
            dotF16RowsShared({.n = n, .rows = rows.data(), .stride = stride, .count = count, .x = x.data(),
                              .xStride = xStride, .nx = nx, .batched = batched, .out = out.data(),
                              .outStride = outStride},
                             path);
            for (int g = 0; g < nx; ++g)
                for (int r = 0; r < count; ++r) {
                    const float ref = dot(n, rows.data() + size_t(r) * stride, x16.data() + 2 * size_t(g) * n);
                    ASSERT_EQ(std::bit_cast<uint32_t>(out[size_t(g) * outStride + size_t(r)]),
                              std::bit_cast<uint32_t>(ref))
                        << (batched ? "batched" : "one-token") << " order on " << kernelPathName(path) << ", n "
                        << n << ", row " << r << " of " << count << ", vector " << g << " of " << nx;
                }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, DotF16RowsShared,
    ::testing::Values(SharedDotsCase{64, 1, 1}, SharedDotsCase{64, 8, 4}, SharedDotsCase{64, 13, 4},
                      SharedDotsCase{128, 16, 2}, SharedDotsCase{128, 33, 1}, SharedDotsCase{192, 9, 3},
                      SharedDotsCase{256, 24, 8}, SharedDotsCase{80, 11, 4}, SharedDotsCase{48, 19, 2},
                      SharedDotsCase{40, 5, 1}, SharedDotsCase{320, 9, 4}, SharedDotsCase{1024, 3, 4},
                      SharedDotsCase{1056, 5, 7}, SharedDotsCase{2080, 4, 4}, SharedDotsCase{2112, 2, 1}),
    [](const ::testing::TestParamInfo<SharedDotsCase> &i) {
        return "n" + std::to_string(i.param.n) + "_rows" + std::to_string(i.param.count) + "_vectors"
             + std::to_string(i.param.nx);
    });

// Attention over a Q8_0 cache, a GQA group's heads at once: dotQ8_0RowsShared
// equals the Q8_0 dot of every (key row, query) pair, and mixQ8_0RowsShared
// every head's weighted sum of the value rows (from zero, rows in order, one
// fused multiply-add of weight * block scale and the int8 value per term), bit
// for bit on every path. Shapes: heads of 32-256 values; row counts around the
// key kernel's groups of 8 and the value kernel's passes of 64; 1 to 8 heads
// (the value kernel takes 4 side by side, then the rest one by one).
class Q8_0RowsShared : public ::testing::TestWithParam<SharedDotsCase> {};

TEST_P(Q8_0RowsShared, EqualTheScalarArithmeticOfEveryRowAndHead)
{
    const auto [n, count, nx] = GetParam();
    const size_t rowBytes = actRowBytes(ActType::Q8_0, n);
    const size_t stride = rowBytes + 68;           // a cache row holds other heads too
    const size_t xStride = rowBytes;               // the queries' blocks, head after head
    const size_t wStride = size_t(count) + 7;      // probability rows apart as the caller lays them out
    std::mt19937 rng(uint32_t(n * 31 + count * 7 + nx));
    std::normal_distribution<float> normal(0.0f, 1.5f);
    std::vector<float> values(static_cast<size_t>(n));
    std::vector<uint8_t> rows(stride * size_t(count));
    for (int r = 0; r < count; ++r) {
        for (float &v : values)
            v = normal(rng);
        quantizeActivations(ActType::Q8_0, values.data(), rows.data() + size_t(r) * stride, n);
    }
    std::vector<uint8_t> queries(xStride * size_t(nx));
    for (int g = 0; g < nx; ++g) {
        for (float &v : values)
            v = normal(rng);
        quantizeActivations(ActType::Q8_0, values.data(), queries.data() + size_t(g) * xStride, n);
    }
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> w(wStride * size_t(nx));
    for (float &v : w)
        v = unit(rng);
    const DotFn dot = dotKernel(GgmlType::Q8_0, KernelPath::Scalar);
    const auto at = [&](int r, int i) {   // row r's value i: its int8 and its block's scale
        const uint8_t *block = rows.data() + size_t(r) * stride + size_t(i / 32) * 34;
        return std::pair{float(int8_t(block[2 + i % 32])), f16ToF32(uint16_t(block[0] | block[1] << 8))};
    };
    for (const KernelPath path : {KernelPath::Scalar, KernelPath::Avx2, KernelPath::Avx512}) {
        if (!kernelPathSupported(path))
            continue;
        const size_t scoreStride = size_t(count) + 3, mixStride = size_t(n) + 5;
        std::vector<float> scores(scoreStride * size_t(nx), -1.0f), mix(mixStride * size_t(nx), -1.0f);
        SharedQ8_0Rows d{.n = n, .rows = rows.data(), .stride = stride, .count = count, .nx = nx,
                         .out = scores.data(), .outStride = scoreStride};
        dotQ8_0RowsShared(d, queries.data(), xStride, path);
        d.out = mix.data();
        d.outStride = mixStride;
        mixQ8_0RowsShared(d, w.data(), wStride, path);
        for (int g = 0; g < nx; ++g) {
            for (int r = 0; r < count; ++r) {
                const float ref = dot(n, rows.data() + size_t(r) * stride, queries.data() + size_t(g) * xStride);
                ASSERT_EQ(std::bit_cast<uint32_t>(scores[size_t(g) * scoreStride + size_t(r)]),
                          std::bit_cast<uint32_t>(ref))
                    << "score on " << kernelPathName(path) << ", row " << r << ", head " << g;
            }
            for (int i = 0; i < n; ++i) {
                float ref = 0.0f;
                for (int r = 0; r < count; ++r) {
                    const auto [q, scale] = at(r, i);
                    ref = std::fma(w[size_t(g) * wStride + size_t(r)] * scale, q, ref);
                }
                ASSERT_EQ(std::bit_cast<uint32_t>(mix[size_t(g) * mixStride + size_t(i)]),
                          std::bit_cast<uint32_t>(ref))
                    << "value mix on " << kernelPathName(path) << ", value " << i << ", head " << g;
            }
            EXPECT_EQ(mix[size_t(g) * mixStride + size_t(n)], -1.0f) << "written past the head";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, Q8_0RowsShared,
    ::testing::Values(SharedDotsCase{32, 1, 1}, SharedDotsCase{64, 8, 4}, SharedDotsCase{64, 13, 4},
                      SharedDotsCase{64, 64, 4}, SharedDotsCase{64, 200, 7}, SharedDotsCase{96, 33, 2},
                      SharedDotsCase{128, 65, 8}, SharedDotsCase{128, 9, 3}, SharedDotsCase{256, 130, 5},
                      SharedDotsCase{256, 7, 1}),
    [](const ::testing::TestParamInfo<SharedDotsCase> &i) {
        return "n" + std::to_string(i.param.n) + "_rows" + std::to_string(i.param.count) + "_heads"
             + std::to_string(i.param.nx);
    });

// Attention weights rounded to F16 in place: F16C where the CPU has it, the
// same bits as the scalar conversion, subnormals, halfway cases and overflow included.
TEST(RoundToF16, SameBitsAsTheScalarConversion)
{
    std::mt19937 rng(9);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> x(1000);
    for (float &v : x)
        v = unit(rng);
    const std::vector<float> edges{0.0f, -0.0f, 1e-8f, 5.96e-8f, 2.98e-8f, 6.1e-5f, -3.3e-6f, 65504.0f, 65520.0f,
                                   70000.0f, -1e9f, 1.0f + 1.0f / 2048.0f, 1.0f + 3.0f / 2048.0f, 0.33333334f};
    x.insert(x.end(), edges.begin(), edges.end());
    std::vector<float> rounded = x;
    roundToF16(rounded.data(), int(rounded.size()));
    for (size_t i = 0; i < x.size(); ++i)
        EXPECT_EQ(std::bit_cast<uint32_t>(rounded[i]), std::bit_cast<uint32_t>(f16ToF32(f32ToF16(x[i])))) << x[i];
}

TEST(ThreadPool, EveryPartRunsOnceAcrossManyJobs)
{
    ThreadPool pool(4);
    for (int job = 0; job < 200; ++job) {
        std::atomic<int> mask{0};
        pool.run([&](int ith, int nth) {
            EXPECT_EQ(nth, 4);
            mask.fetch_or(1 << ith);
        });
        EXPECT_EQ(mask.load(), 0xf);
    }
    int b, e, covered = 0;
    for (int i = 0; i < 3; ++i) {
        ThreadPool::split(10, i, 3, b, e);
        covered += e - b;
    }
    EXPECT_EQ(covered, 10);
}

TEST(Ops, RopeNormalAndNeoxRotatePairsByTheAngle)
{
    std::vector<float> cs(2), sn(2);
    ropeTable(cs.data(), sn.data(), 3, 4, 10000.0f);
    EXPECT_FLOAT_EQ(cs[0], std::cos(3.0f));
    EXPECT_NEAR(sn[1], std::sin(3.0f / 100.0f), 1e-6);
    float a[4] = {1, 0, 1, 0};
    applyRope(a, 1, 4, 4, cs.data(), sn.data(), RopeStyle::Normal);
    EXPECT_NEAR(a[0], std::cos(3.0f), 1e-6);
    EXPECT_NEAR(a[1], std::sin(3.0f), 1e-6);
    float b[4] = {1, 1, 0, 0};
    applyRope(b, 1, 4, 4, cs.data(), sn.data(), RopeStyle::Neox);
    EXPECT_NEAR(b[0], std::cos(3.0f), 1e-6);
    EXPECT_NEAR(b[2], std::sin(3.0f), 1e-6);
}

TEST(Ops, SoftmaxAndRmsNorm)
{
    float x[3] = {1000.0f, 1000.0f, -1e30f};   // no overflow from large logits
    softmax(x, 3);
    EXPECT_FLOAT_EQ(x[0], 0.5f);
    EXPECT_FLOAT_EQ(x[2], 0.0f);
    const float v[2] = {3.0f, 4.0f}, w[2] = {1.0f, 2.0f};
    float o[2];
    rmsNorm(o, v, w, 2, 0.0f);
    EXPECT_NEAR(o[0], 3.0f / std::sqrt(12.5f), 1e-6);
    EXPECT_NEAR(o[1], 8.0f / std::sqrt(12.5f), 1e-6);
}

// The reference's polynomial exp (softmax, SiLU): close to expf everywhere,
// 0 and infinity beyond its range, and the SIMD softmax/SwiGLU give the scalar
// path's bits, including lanes that underflow or overflow.
TEST(Ops, PolynomialExpAndItsSimdFormsAgree)
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> wide(-120.0f, 95.0f);
    std::vector<float> x(1037);   // not a multiple of 8 or 16: every tail
    for (auto &v : x)
        v = wide(rng);
    x[3] = -1e30f;
    x[9] = 0.0f;
    x[17] = 88.0f;
    std::vector<float> gate = x, up(x.size(), 1.5f);
    for (float v : x) {
        const double ref = std::exp(double(v));
        if (ref > 1e-37 && ref < 1e38) {   // normal results: within 2 ulp
            EXPECT_NEAR(polynomialExp(v), ref, ref * 2.5e-7) << v;
        }
    }
    EXPECT_EQ(polynomialExp(-1e30f), 0.0f);
    EXPECT_EQ(polynomialExp(-200.0f), 0.0f);
    EXPECT_TRUE(std::isinf(polynomialExp(200.0f)));
    if (!kernelPathSupported(KernelPath::Avx2))
        GTEST_SKIP() << "no AVX2 on this CPU: only the scalar form was checked";
    for (const int n : {1037, 16, 7, 1, 24}) {
        std::vector<float> a(x.begin(), x.begin() + n), b = a;
        softmax(a.data(), n, KernelPath::Scalar);
        softmax(b.data(), n, KernelPath::Avx2);
        for (int i = 0; i < n; ++i)
            ASSERT_EQ(std::memcmp(&a[size_t(i)], &b[size_t(i)], 4), 0) << "softmax n " << n << " at " << i;
    }
    // Rows whose maximum is a zero of either sign, in several lanes, or
    // comes first, last or in the scalar tail.
    std::vector<std::vector<float>> rows{{-0.0f, -3.0f, 0.0f, -1.0f, -0.0f, -2.0f, 0.0f, -5.0f, -0.0f, -7.0f, -1.0f},
                                         {5.0f, 1.0f, 2.0f, 3.0f, 4.0f, 4.5f, 4.9f, 0.0f, -1.0f},
                                         {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f, 9.0f}};
    for (size_t r = 0; r < rows.size(); ++r) {
        std::vector<float> a = rows[r], b = a;
        softmax(a.data(), int(a.size()), KernelPath::Scalar);
        softmax(b.data(), int(b.size()), KernelPath::Avx2);
        for (size_t i = 0; i < a.size(); ++i)
            ASSERT_EQ(std::memcmp(&a[i], &b[i], 4), 0) << "softmax row " << r << " at " << i;
    }
    // Two rows of 518 (16-groups and a remainder per row).
    std::vector<float> g1(gate.begin(), gate.begin() + 1036), g2 = g1, u(up.begin(), up.begin() + 1036);
    swiglu(g1.data(), u.data(), 518, 2, KernelPath::Scalar);
    swiglu(g2.data(), u.data(), 518, 2, KernelPath::Avx2);
    for (size_t i = 0; i < g1.size(); ++i)
        ASSERT_EQ(std::memcmp(&g1[i], &g2[i], 4), 0) << "swiglu at " << i << ": " << g1[i] << " vs " << g2[i];
}

// GeGLU's GELU (tanh form, as a logistic over the polynomial exp) against the
// textbook 0.5 g (1 + tanh(sqrt(2/pi) (g + 0.044715 g^3))) in double, and its
// AVX2 form against the scalar one bit for bit, tails and extremes included.
TEST(Ops, GegluMatchesTanhGeluOnEveryPath)
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> dist(-12.0f, 12.0f);
    const int width = 523;   // 65 groups of 8 and a tail of 3
    std::vector<float> gate(size_t(2 * width)), up(gate.size());
    for (size_t i = 0; i < gate.size(); ++i) {
        gate[i] = dist(rng);
        up[i] = dist(rng);
    }
    for (const float extreme : {-1e30f, -60.0f, -0.0f, 0.0f, 1e-30f, 60.0f, 1e30f})
        gate.push_back(extreme), up.push_back(1.0f);
    gate.resize(gate.size() + 1, 0.5f), up.resize(up.size() + 1, 1.0f);   // 1054 = 2 rows of 527
    std::vector<float> scalar = gate;
    geglu(scalar.data(), up.data(), 527, 2, KernelPath::Scalar);
    for (size_t i = 0; i < gate.size(); ++i) {
        const double g = gate[i];
        const double want = 0.5 * g * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (g + 0.044715 * g * g * g))) * up[i];
        if (std::fabs(g) < 1e20)
            EXPECT_NEAR(scalar[i], want, 1e-6 * std::max(1.0, std::fabs(want))) << "g " << g;
        else
            EXPECT_EQ(scalar[i], g > 0 ? float(g) * up[i] : 0.0f) << "g " << g;
    }
    if (!kernelPathSupported(KernelPath::Avx2))
        GTEST_SKIP() << "no AVX2 on this CPU: only the scalar form was checked";
    std::vector<float> simd = gate;
    geglu(simd.data(), up.data(), 527, 2, KernelPath::Avx2);
    for (size_t i = 0; i < gate.size(); ++i)
        ASSERT_EQ(std::memcmp(&scalar[i], &simd[i], 4), 0) << "geglu at " << i << ": " << scalar[i] << " vs " << simd[i];
}

} // namespace
