#include "test_support.h"

#include "modelatlas/engine/tensor/half.h"

#include <cmath>
#include <limits>

using namespace modelatlas::engine;

TEST(Half, F16KnownValues)
{
    EXPECT_EQ(f32ToF16(1.0f), 0x3c00);
    EXPECT_EQ(f32ToF16(-2.0f), 0xc000);
    EXPECT_EQ(f32ToF16(65504.0f), 0x7bff);
    EXPECT_EQ(f32ToF16(65520.0f), 0x7c00);            // rounds to infinity
    EXPECT_EQ(f32ToF16(5.9604645e-8f), 0x0001);       // smallest subnormal
    EXPECT_EQ(f32ToF16(2.0e-8f), 0x0000);             // underflows to zero
    EXPECT_EQ(f32ToF16(1.0f + 1.0f / 2048), 0x3c00);  // tie rounds to even
    EXPECT_EQ(f32ToF16(1.0f + 3.0f / 2048), 0x3c02);
    EXPECT_TRUE(std::isnan(f16ToF32(f32ToF16(std::numeric_limits<float>::quiet_NaN()))));
    EXPECT_EQ(f16ToF32(0x0001), 5.9604645e-8f);
    EXPECT_EQ(f16ToF32(0x8000), -0.0f);
    EXPECT_TRUE(std::signbit(f16ToF32(0x8000)));
}

// Every half value converts to float and back unchanged (NaNs stay NaN).
TEST(Half, F16AllValuesRoundTrip)
{
    for (uint32_t h = 0; h <= 0xffff; ++h) {
        const float f = f16ToF32(uint16_t(h));
        if (std::isnan(f)) {
            EXPECT_TRUE(std::isnan(f16ToF32(f32ToF16(f))));
        } else {
            ASSERT_EQ(f32ToF16(f), h) << std::hex << h;
        }
    }
}

TEST(Half, BF16RoundsToNearestEven)
{
    EXPECT_EQ(f32ToBf16(1.0f), 0x3f80);
    EXPECT_EQ(bf16ToF32(0x3f80), 1.0f);
    EXPECT_EQ(f32ToBf16(std::bit_cast<float>(0x3f808000u)), 0x3f80);   // tie, even
    EXPECT_EQ(f32ToBf16(std::bit_cast<float>(0x3f818000u)), 0x3f82);   // tie, odd -> up
    EXPECT_TRUE(std::isnan(bf16ToF32(f32ToBf16(std::numeric_limits<float>::quiet_NaN()))));
    for (uint32_t h = 0; h <= 0xffff; ++h) {
        const float f = bf16ToF32(uint16_t(h));
        if (!std::isnan(f)) {
            ASSERT_EQ(f32ToBf16(f), h);
        }
    }
}
