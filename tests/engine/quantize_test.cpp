// Reference quantisers: quantise -> dequantise round trips stay within the
// format's error bound, element by element.
#include "test_support.h"

#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/quantize.h"

#include <cmath>
#include <random>

using namespace modelatlas::engine;

namespace {

std::vector<float> gaussian(size_t n, float stddev, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, stddev);
    std::vector<float> v(n);
    for (auto &x : v)
        x = dist(rng);
    return v;
}

struct RoundTripCase {
    GgmlType type;
    double maxRelRms;   // bound on RMS(error) / RMS(x)
};

class QuantizeRoundTrip : public ::testing::TestWithParam<RoundTripCase> {};

void PrintTo(const RoundTripCase &c, std::ostream *os) { *os << ggmlTypeName(c.type); }

TEST_P(QuantizeRoundTrip, ErrorWithinFormatBound)
{
    const auto [type, maxRelRms] = GetParam();
    const std::vector<float> x = gaussian(32 * 1024, 0.02f, 7);
    auto q = quantize(type, x);
    ASSERT_TRUE(q.ok()) << q.message();
    EXPECT_EQ(q->size(), ggmlTensorBytes(type, x.size()).value());
    std::vector<float> y(x.size());
    ASSERT_TRUE(dequantize(type, q->data(), y.data(), y.size()).ok());
    double err2 = 0, ref2 = 0;
    for (size_t b = 0; b < x.size(); b += 32) {
        float amax = 0;
        for (size_t j = 0; j < 32; ++j)
            amax = std::max(amax, std::fabs(x[b + j]));
        for (size_t j = 0; j < 32; ++j) {
            const float e = std::fabs(y[b + j] - x[b + j]);
            // Per element: Q8_0 at most half a step (+ f16 rounding of the scale); Q4_0
            // a whole step, because the side opposite the extreme clamps at +7.
            if (type == GgmlType::Q8_0) {
                ASSERT_LE(e, amax / 127.0f * 0.5f + amax * 1e-3f) << b + j;
            }
            if (type == GgmlType::Q4_0) {
                ASSERT_LE(e, amax / 8.0f + amax * 1e-3f) << b + j;
            }
            if (type == GgmlType::Q5_0) {   // the same with twice the levels: +15 at most
                ASSERT_LE(e, amax / 16.0f + amax * 1e-3f) << b + j;
            }
            // With a minimum: half a step of the block's range over 15 (31) levels.
            if (type == GgmlType::Q4_1) {
                ASSERT_LE(e, 2 * amax / 15.0f * 0.5f + amax * 2e-3f) << b + j;
            }
            if (type == GgmlType::Q5_1) {
                ASSERT_LE(e, 2 * amax / 31.0f * 0.5f + amax * 2e-3f) << b + j;
            }
            err2 += double(e) * e;
            ref2 += double(x[b + j]) * x[b + j];
        }
    }
    EXPECT_LE(std::sqrt(err2 / ref2), maxRelRms);
}

INSTANTIATE_TEST_SUITE_P(Types, QuantizeRoundTrip,
                         ::testing::Values(RoundTripCase{GgmlType::F32, 0.0}, RoundTripCase{GgmlType::F16, 5e-4},
                                           RoundTripCase{GgmlType::BF16, 4e-3}, RoundTripCase{GgmlType::Q8_0, 6e-3},
                                           RoundTripCase{GgmlType::Q4_0, 1.2e-1}, RoundTripCase{GgmlType::Q5_0, 6e-2},
                                           RoundTripCase{GgmlType::Q4_1, 1e-1}, RoundTripCase{GgmlType::Q5_1, 5e-2}),
                         [](const auto &p) { return std::string(ggmlTypeName(p.param.type)); });

TEST(Quantize, Q4_0ExtremeMapsToMinusEight)
{
    std::vector<float> x(32, 0.0f);
    x[3] = -4.0f;
    x[20] = 3.5f;
    auto q = quantize(GgmlType::Q4_0, x);
    ASSERT_TRUE(q.ok());
    std::vector<float> y(32);
    dequantizeRowQ4_0(q->data(), y.data(), 32);
    EXPECT_EQ(y[3], -4.0f);
    EXPECT_EQ(y[20], 3.5f);
    EXPECT_EQ(y[0], 0.0f);
}

TEST(Quantize, Q5_0ExtremeMapsToMinusSixteen)
{
    std::vector<float> x(32, 0.0f);
    x[3] = -8.0f;
    x[20] = 7.5f;   // +15 steps of 0.5: the highest level
    x[30] = 1.0f;   // needs the fifth bit: 16 + 2
    auto q = quantize(GgmlType::Q5_0, x);
    ASSERT_TRUE(q.ok());
    std::vector<float> y(32);
    dequantizeRowQ5_0(q->data(), y.data(), 32);
    EXPECT_EQ(y[3], -8.0f);
    EXPECT_EQ(y[20], 7.5f);
    EXPECT_EQ(y[30], 1.0f);
    EXPECT_EQ(y[0], 0.0f);
}

TEST(Quantize, ZeroBlocksAndErrors)
{
    std::vector<float> zeros(64, 0.0f);
    for (GgmlType t : {GgmlType::Q8_0, GgmlType::Q4_0, GgmlType::Q5_0, GgmlType::Q4_1, GgmlType::Q5_1}) {
        auto q = quantize(t, zeros);
        ASSERT_TRUE(q.ok());
        std::vector<float> y(64, 1.0f);
        ASSERT_TRUE(dequantize(t, q->data(), y.data(), 64).ok());
        for (float v : y)
            EXPECT_EQ(v, 0.0f);
    }
    EXPECT_EQ(quantize(GgmlType::Q4_K, zeros).message(), "64 elements are not a whole number of Q4_K blocks of 256");
    EXPECT_EQ(quantize(GgmlType::Q2_K, std::vector<float>(256)).message(), "quantising to Q2_K is not supported yet");
    EXPECT_EQ(quantize(GgmlType::Q8_0, std::vector<float>(33)).message(),
              "33 elements are not a whole number of Q8_0 blocks of 32");
    std::vector<uint8_t> small(10);
    EXPECT_EQ(quantize(GgmlType::Q8_0, zeros, small).message(), "output buffer has 10 bytes, Q8_0 needs 68");
}

} // namespace
