// RMSNorm, RoPE, SwiGLU and GeGLU on the device against the CPU reference (cpu/ops.h).
#include "cuda_test_support.h"

#include "modelatlas/engine/cpu/ops.h"
#include "modelatlas/engine/cuda/cuda_ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <random>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;

namespace {

std::vector<float> randomVector(size_t n, float lo, float hi, std::mt19937 &rng)
{
    std::uniform_real_distribution<float> uniform(lo, hi);
    std::vector<float> v(n);
    for (auto &x : v)
        x = uniform(rng);
    return v;
}

using CudaOps = test::CudaDeviceTest;

} // namespace

// The same double sum of float squares as the reference: equal up to the
// order of the double additions, i.e. to the last float bit.
TEST_F(CudaOps, RmsNormMatchesCpu)
{
    std::mt19937 rng(7);
    for (const int n : {4096, 1000}) {
        const int rows = 3;
        const auto x = randomVector(size_t(rows) * size_t(n), -3.0f, 3.0f, rng);
        const auto weight = randomVector(size_t(n), 0.5f, 1.5f, rng);
        std::vector<float> expected(x.size());
        for (int r = 0; r < rows; ++r)
            cpu::rmsNorm(expected.data() + size_t(r) * size_t(n), x.data() + size_t(r) * size_t(n), weight.data(), n,
                         1e-5f);

        const auto xDevice = test::uploadFloats(*m_allocator, x, "x");
        const auto wDevice = test::uploadFloats(*m_allocator, weight, "weight");
        ASSERT_TRUE(xDevice && wDevice);
        const auto ran = cuda::rmsNorm(*xDevice, *xDevice, *wDevice, n, rows, 1e-5f);   // in place, as decode uses it
        ASSERT_TRUE(ran.ok()) << ran.message();
        const auto out = test::downloadFloats(*xDevice, x.size());
        ASSERT_TRUE(out.ok()) << out.message();
        for (size_t i = 0; i < x.size(); ++i)
            ASSERT_NEAR((*out)[i], expected[i], 1e-6f * std::fabs(expected[i]) + 1e-7f) << "n=" << n << " i=" << i;
    }
}

namespace {

struct RopeCase {
    const char *name;
    cpu::RopeStyle style;
    int ropeDim;
    int pos0;
    bool freqFactors;
    float freqScale;   // 1 / linear scaling factor
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const RopeCase &c, std::ostream *os)
{
    *os << c.name;
}

class CudaRope : public CudaOps, public ::testing::WithParamInterface<RopeCase> {};

} // namespace

// Angles are built the reference's way, so the only difference is the device
// sincosf (within 2 ulp) against the host's sin and cos.
TEST_P(CudaRope, MatchesCpu)
{
    const RopeCase c = GetParam();
    const int nTokens = 3, nHeads = 4, headDim = 128;
    const float freqBase = 500000.0f;
    std::mt19937 rng(11);
    const auto x = randomVector(size_t(nTokens) * nHeads * headDim, -1.0f, 1.0f, rng);
    const auto factors = randomVector(size_t(c.ropeDim / 2), 1.0f, 8.0f, rng);

    std::vector<float> expected = x;
    std::vector<float> cs(size_t(c.ropeDim / 2)), sn(cs.size());
    for (int t = 0; t < nTokens; ++t) {
        cpu::ropeTable(cs.data(), sn.data(), c.pos0 + t, c.ropeDim, freqBase, c.freqFactors ? factors.data() : nullptr,
                       c.freqScale);
        cpu::applyRope(expected.data() + size_t(t) * nHeads * headDim, nHeads, headDim, c.ropeDim, cs.data(),
                       sn.data(), c.style);
    }

    const auto xDevice = test::uploadFloats(*m_allocator, x, "q");
    const auto fDevice = test::uploadFloats(*m_allocator, factors, "rope_freqs");
    ASSERT_TRUE(xDevice && fDevice);
    const auto ran = cuda::rope(*xDevice, nTokens, nHeads, headDim, c.ropeDim, c.pos0, freqBase,
                                c.freqFactors ? *fDevice : nullptr, c.freqScale, c.style);
    ASSERT_TRUE(ran.ok()) << ran.message();
    const auto out = test::downloadFloats(*xDevice, x.size());
    ASSERT_TRUE(out.ok()) << out.message();
    for (size_t i = 0; i < x.size(); ++i)
        ASSERT_NEAR((*out)[i], expected[i], 2e-6f) << "i=" << i;
}

INSTANTIATE_TEST_SUITE_P(Styles, CudaRope,
                         ::testing::Values(RopeCase{"normal", cpu::RopeStyle::Normal, 128, 0, false, 1.0f},
                                           RopeCase{"neox", cpu::RopeStyle::Neox, 128, 0, false, 1.0f},
                                           RopeCase{"normal_long_position", cpu::RopeStyle::Normal, 128, 30000, false,
                                                    1.0f},
                                           RopeCase{"neox_partial_dims", cpu::RopeStyle::Neox, 64, 17, false, 1.0f},
                                           RopeCase{"normal_freq_factors", cpu::RopeStyle::Normal, 128, 9000, true,
                                                    1.0f},
                                           // Gemma 3 4B+: global layers scaled linearly by 8.
                                           RopeCase{"neox_linear_scaling", cpu::RopeStyle::Neox, 256, 20000, false,
                                                    0.125f}),
                         [](const ::testing::TestParamInfo<RopeCase> &i) { return std::string(i.param.name); });

// Against SwiGLU's definition with the C library's exp: the CPU op reproduces
// another implementation's vector exp bit for bit, which the GPU need not.
TEST_F(CudaOps, SwigluMatchesDefinition)
{
    std::mt19937 rng(5);
    const size_t n = 14336 + 3;
    const auto gate = randomVector(n, -10.0f, 10.0f, rng);
    const auto up = randomVector(n, -2.0f, 2.0f, rng);
    const auto gDevice = test::uploadFloats(*m_allocator, gate, "gate");
    const auto uDevice = test::uploadFloats(*m_allocator, up, "up");
    ASSERT_TRUE(gDevice && uDevice);
    const auto ran = cuda::swiglu(*gDevice, *uDevice, int64_t(n));
    ASSERT_TRUE(ran.ok()) << ran.message();
    const auto out = test::downloadFloats(*gDevice, n);
    ASSERT_TRUE(out.ok()) << out.message();
    for (size_t i = 0; i < n; ++i) {
        const float expected = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
        ASSERT_NEAR((*out)[i], expected, 2e-6f * std::fabs(expected) + 1e-7f) << "i=" << i;
    }
}

// Against the reference's own GeGLU: its exp is a polynomial and the
// device's expf is within 2 ulp, so the two agree to a few ulp of the result.
TEST_F(CudaOps, GegluMatchesCpu)
{
    std::mt19937 rng(6);
    const int width = 6912 + 3;
    const auto gate = randomVector(size_t(width), -10.0f, 10.0f, rng);
    const auto up = randomVector(size_t(width), -2.0f, 2.0f, rng);
    std::vector<float> expected = gate;
    cpu::geglu(expected.data(), up.data(), width, 1);
    const auto gDevice = test::uploadFloats(*m_allocator, gate, "gate");
    const auto uDevice = test::uploadFloats(*m_allocator, up, "up");
    ASSERT_TRUE(gDevice && uDevice);
    const auto ran = cuda::geglu(*gDevice, *uDevice, width);
    ASSERT_TRUE(ran.ok()) << ran.message();
    const auto out = test::downloadFloats(*gDevice, size_t(width));
    ASSERT_TRUE(out.ok()) << out.message();
    for (size_t i = 0; i < size_t(width); ++i)
        ASSERT_NEAR((*out)[i], expected[i], 1e-5f * std::fabs(expected[i]) + 1e-7f) << "i=" << i;
}

TEST_F(CudaOps, RejectsBadShapes)
{
    EXPECT_FALSE(cuda::rope(nullptr, 1, 1, 128, 128, 0, 10000.0f, nullptr, 1.0f, cpu::RopeStyle::Normal).ok());
    const auto x = test::uploadFloats(*m_allocator, std::vector<float>(128), "x");
    ASSERT_TRUE(x.ok()) << x.message();
    EXPECT_FALSE(cuda::rope(*x, 1, 1, 64, 128, 0, 10000.0f, nullptr, 1.0f, cpu::RopeStyle::Normal).ok())
        << "rope dims beyond the head";
    EXPECT_FALSE(cuda::rmsNorm(*x, *x, *x, 0, 1, 1e-5f).ok());
    EXPECT_FALSE(cuda::swiglu(*x, *x, 0).ok());
    EXPECT_FALSE(cuda::geglu(*x, nullptr, 128).ok());
}
