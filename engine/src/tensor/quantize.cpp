#include "modelatlas/engine/tensor/quantize.h"

#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace modelatlas::engine {

bool canQuantize(GgmlType type)
{
    // Every type the engine reads it also writes (the synth tool, tests).
    return canDequantize(type);
}

void quantizeRowQ8_0(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        const float *x = src + b * blocks::kQK;
        float amax = 0.0f;
        for (int j = 0; j < blocks::kQK; ++j)
            amax = std::max(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        blocks::Q8_0 blk;
        blk.d = f32ToF16(d);
        for (int j = 0; j < blocks::kQK; ++j)
            blk.qs[j] = static_cast<int8_t>(std::lround(x[j] * id));   // |x * id| <= 127
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}

namespace {
// The block's value of largest magnitude, sign kept: the legacy quants scale
// by it so it maps exactly to the lowest level, the one without a positive
// twin; the other side then reaches at most the highest.
float signedExtreme(const float *x)
{
    float amax = 0.0f, extreme = 0.0f;
    for (int j = 0; j < blocks::kQK; ++j) {
        if (std::fabs(x[j]) > amax) {
            amax = std::fabs(x[j]);
            extreme = x[j];
        }
    }
    return extreme;
}
} // namespace

namespace {
// Q4_0 (offset 8, levels 0-15) and Q5_0 (offset 16, 0-31): the extreme maps
// to -offset; values rounded half up, clamped; Q5_0's fifth bits go to qh
// (bit j for element j).
template <class Block, int Offset>
void quantizeRowSymmetric(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        const float *x = src + b * blocks::kQK;
        const float d = signedExtreme(x) / -float(Offset);
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        Block blk{};
        blk.d = f32ToF16(d);
        uint32_t qh = 0;
        constexpr float kShift = float(Offset) + 0.5f;   // 8.5f, 16.5f: one rounding, as the reference
        for (int j = 0; j < blocks::kQK / 2; ++j) {
            const int lo = std::clamp(int(std::floor(x[j] * id + kShift)), 0, 2 * Offset - 1);
            const int hi = std::clamp(int(std::floor(x[j + blocks::kQK / 2] * id + kShift)), 0, 2 * Offset - 1);
            blk.qs[j] = uint8_t((lo & 0x0f) | (hi & 0x0f) << 4);
            qh |= uint32_t(lo >> 4) << j | uint32_t(hi >> 4) << (j + 16);
        }
        if constexpr (Offset == 16)
            std::memcpy(blk.qh, &qh, sizeof qh);
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}
} // namespace

void quantizeRowQ4_0(const float *src, void *dst, uint64_t n)
{
    quantizeRowSymmetric<blocks::Q4_0, 8>(src, dst, n);
}

void quantizeRowQ5_0(const float *src, void *dst, uint64_t n)
{
    quantizeRowSymmetric<blocks::Q5_0, 16>(src, dst, n);
}

namespace {
// Q4_1 (levels 15) and Q5_1 (31): the block's minimum as the offset, its
// range over the levels as the scale; values truncated after + 0.5, as the
// reference. Q5_1's fifth bits go to qh (bit j for element j).
template <class Block, int Levels>
void quantizeRowWithMin(const float *src, void *dst, uint64_t n)
{
    auto *out = static_cast<uint8_t *>(dst);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        const float *x = src + b * blocks::kQK;
        const auto [lo, hi] = std::minmax_element(x, x + blocks::kQK);
        const float d = (*hi - *lo) / float(Levels);
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        Block blk{};
        blk.d = f32ToF16(d);
        blk.m = f32ToF16(*lo);
        uint32_t qh = 0;
        for (int j = 0; j < blocks::kQK / 2; ++j) {
            const int q0 = std::min(Levels, int((x[j] - *lo) * id + 0.5f));
            const int q1 = std::min(Levels, int((x[j + blocks::kQK / 2] - *lo) * id + 0.5f));
            blk.qs[j] = uint8_t((q0 & 0x0f) | (q1 & 0x0f) << 4);
            qh |= uint32_t(q0 >> 4) << j | uint32_t(q1 >> 4) << (j + 16);
        }
        if constexpr (Levels == 31)
            std::memcpy(blk.qh, &qh, sizeof qh);
        std::memcpy(out + b * sizeof blk, &blk, sizeof blk);
    }
}
} // namespace

void quantizeRowQ4_1(const float *src, void *dst, uint64_t n)
{
    quantizeRowWithMin<blocks::Q4_1, 15>(src, dst, n);
}

void quantizeRowQ5_1(const float *src, void *dst, uint64_t n)
{
    quantizeRowWithMin<blocks::Q5_1, 31>(src, dst, n);
}

Result<void> quantize(GgmlType type, std::span<const float> src, std::span<uint8_t> dst)
{
    const GgmlTypeTraits *traits = ggmlTypeTraits(static_cast<uint32_t>(type));
    if (!traits)
        return makeError("unknown tensor type id ", static_cast<uint32_t>(type));
    if (!canQuantize(type))
        return makeError("quantising to ", traits->name, " is not supported yet");
    auto bytes = ggmlTensorBytes(type, src.size());
    if (!bytes)
        return bytes.error();
    if (dst.size() != *bytes)
        return makeError("output buffer has ", dst.size(), " bytes, ", traits->name, " needs ", *bytes);
    const uint64_t n = src.size();
    switch (type) {
    case GgmlType::F32:
        if (n)
            std::memcpy(dst.data(), src.data(), n * sizeof(float));
        break;
    case GgmlType::F16:
    case GgmlType::BF16:
        for (uint64_t i = 0; i < n; ++i) {
            const uint16_t h = type == GgmlType::F16 ? f32ToF16(src[i]) : f32ToBf16(src[i]);
            std::memcpy(dst.data() + 2 * i, &h, 2);
        }
        break;
    case GgmlType::Q8_0: quantizeRowQ8_0(src.data(), dst.data(), n); break;
    case GgmlType::Q4_0: quantizeRowQ4_0(src.data(), dst.data(), n); break;
    case GgmlType::Q5_0: quantizeRowQ5_0(src.data(), dst.data(), n); break;
    case GgmlType::Q4_1: quantizeRowQ4_1(src.data(), dst.data(), n); break;
    case GgmlType::Q5_1: quantizeRowQ5_1(src.data(), dst.data(), n); break;
    case GgmlType::Q4_K: quantizeRowQ4_K(src.data(), dst.data(), n); break;
    case GgmlType::Q5_K: quantizeRowQ5_K(src.data(), dst.data(), n); break;
    case GgmlType::Q6_K: quantizeRowQ6_K(src.data(), dst.data(), n); break;
    default: break;
    }
    return {};
}

Result<std::vector<uint8_t>> quantize(GgmlType type, std::span<const float> src)
{
    auto bytes = ggmlTensorBytes(type, src.size());
    if (!bytes)
        return bytes.error();
    std::vector<uint8_t> out(static_cast<size_t>(*bytes));
    if (auto r = quantize(type, src, out); !r)
        return r.error();
    return out;
}

} // namespace modelatlas::engine
