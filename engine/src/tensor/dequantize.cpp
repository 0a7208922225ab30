// Dispatch plus the plain and legacy (32-element block) types. K-quants are in
// dequantize_kquants.cpp.
#include "modelatlas/engine/tensor/dequantize.h"

#include "modelatlas/engine/tensor/half.h"
#include "tensor/block_layouts.h"

#include <cstring>

namespace modelatlas::engine {

bool canDequantize(GgmlType type)
{
    switch (type) {
    case GgmlType::F32:
    case GgmlType::F16:
    case GgmlType::BF16:
    case GgmlType::Q8_0:
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q4_1:
    case GgmlType::Q5_1:
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K: return true;
    default: return false;
    }
}

// Blocks are copied out with memcpy: tensor data comes from a file and a
// caller's buffer need not be aligned for uint16_t.
void dequantizeRowF16(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        dst[i] = f16ToF32(h);
    }
}

void dequantizeRowBF16(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        dst[i] = bf16ToF32(h);
    }
}

void dequantizeRowQ8_0(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        blocks::Q8_0 blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        for (int j = 0; j < blocks::kQK; ++j)
            dst[b * blocks::kQK + j] = d * float(blk.qs[j]);
    }
}

void dequantizeRowQ4_0(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        blocks::Q4_0 blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        float *y = dst + b * blocks::kQK;
        for (int j = 0; j < blocks::kQK / 2; ++j) {
            y[j] = d * float((blk.qs[j] & 0x0f) - 8);             // unsigned nibble, offset 8
            y[j + blocks::kQK / 2] = d * float((blk.qs[j] >> 4) - 8);
        }
    }
}

void dequantizeRowQ5_0(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        blocks::Q5_0 blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d);
        for (int j = 0; j < blocks::kQK; ++j) {   // 5-bit unsigned, offset 16
            const int q = blocks::legacyNibble(blk.qs, j) | blocks::legacyFifthBit(blk.qh, j);
            dst[b * blocks::kQK + j] = d * float(q - 16);
        }
    }
}

void dequantizeRowQ4_1(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        blocks::Q4_1 blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d), m = f16ToF32(blk.m);
        for (int j = 0; j < blocks::kQK; ++j)
            dst[b * blocks::kQK + j] = d * float(blocks::legacyNibble(blk.qs, j)) + m;
    }
}

void dequantizeRowQ5_1(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t b = 0; b < n / blocks::kQK; ++b) {
        blocks::Q5_1 blk;
        std::memcpy(&blk, p + b * sizeof blk, sizeof blk);
        const float d = f16ToF32(blk.d), m = f16ToF32(blk.m);
        for (int j = 0; j < blocks::kQK; ++j) {
            const int q = blocks::legacyNibble(blk.qs, j) | blocks::legacyFifthBit(blk.qh, j);
            dst[b * blocks::kQK + j] = d * float(q) + m;
        }
    }
}

Result<void> dequantize(GgmlType type, const void *src, float *dst, uint64_t n)
{
    const GgmlTypeTraits *traits = ggmlTypeTraits(static_cast<uint32_t>(type));
    if (!traits)
        return makeError("unknown tensor type id ", static_cast<uint32_t>(type));
    if (!canDequantize(type))
        return makeError("dequantising ", traits->name, " is not supported yet");
    if (n % traits->blockSize != 0)
        return makeError(n, " elements are not a whole number of ", traits->name, " blocks");
    if (n == 0)
        return {};   // an empty tensor's data and destination may both be null
    switch (type) {
    case GgmlType::F32: std::memcpy(dst, src, n * sizeof(float)); break;
    case GgmlType::F16: dequantizeRowF16(src, dst, n); break;
    case GgmlType::BF16: dequantizeRowBF16(src, dst, n); break;
    case GgmlType::Q8_0: dequantizeRowQ8_0(src, dst, n); break;
    case GgmlType::Q4_0: dequantizeRowQ4_0(src, dst, n); break;
    case GgmlType::Q5_0: dequantizeRowQ5_0(src, dst, n); break;
    case GgmlType::Q4_1: dequantizeRowQ4_1(src, dst, n); break;
    case GgmlType::Q5_1: dequantizeRowQ5_1(src, dst, n); break;
    case GgmlType::Q4_K: dequantizeRowQ4_K(src, dst, n); break;
    case GgmlType::Q5_K: dequantizeRowQ5_K(src, dst, n); break;
    case GgmlType::Q6_K: dequantizeRowQ6_K(src, dst, n); break;
    default: break;
    }
    return {};
}

Result<std::vector<float>> dequantizeTensor(const GgufTensorInfo &tensor)
{
    if (!tensor.data && tensor.nBytes > 0)
        return makeError("tensor '", tensor.name, "' has no data");
    std::vector<float> out(static_cast<size_t>(tensor.nElements));
    if (auto r = dequantize(tensor.type, tensor.data, out.data(), tensor.nElements); !r)
        return makeError("tensor '", tensor.name, "': ", r.message());
    return out;
}

} // namespace modelatlas::engine
