#pragma once
// Scalar reference quantisers (no importance matrix), used by the synth tool and
// the round-trip tests. Each follows the reference implementation's
// quantize_row_*_ref, so the same input gives the same bytes.

#include "modelatlas/engine/result.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <span>
#include <vector>

namespace modelatlas::engine {

// True for F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K.
bool canQuantize(GgmlType type);

// Encodes src (a whole number of blocks) as `type` into dst, which must hold
// ggmlTensorBytes(type, src.size()) bytes.
Result<void> quantize(GgmlType type, std::span<const float> src, std::span<uint8_t> dst);
Result<std::vector<uint8_t>> quantize(GgmlType type, std::span<const float> src);

// Q8_0: per 32 values, d = max|x| / 127 (stored as f16), q = round(x / d).
void quantizeRowQ8_0(const float *src, void *dst, uint64_t n);
// Q4_0: per 32 values, d = (the value of largest magnitude) / -8, q = clamp(round(x / d) + 8, 0, 15).
void quantizeRowQ4_0(const float *src, void *dst, uint64_t n);
// Q5_0: per 32 values, d = (the value of largest magnitude) / -16, q = clamp(round(x / d) + 16, 0, 31).
void quantizeRowQ5_0(const float *src, void *dst, uint64_t n);
// Q4_1 / Q5_1: per 32 values, m = min, d = (max - min) / 15 (31), q = clamp(round((x - m) / d), 0, 15 (31)).
void quantizeRowQ4_1(const float *src, void *dst, uint64_t n);
void quantizeRowQ5_1(const float *src, void *dst, uint64_t n);
// K-quants (quantize_kquants.cpp), per 256 values. Q4_K/Q5_K: 8 sub-blocks of 32
// with a 6-bit scale and min each (searched by weighted least squares);
// Q6_K: 16 sub-blocks of 16 with an 8-bit scale, 6-bit signed values.
void quantizeRowQ4_K(const float *src, void *dst, uint64_t n);
void quantizeRowQ5_K(const float *src, void *dst, uint64_t n);
void quantizeRowQ6_K(const float *src, void *dst, uint64_t n);

} // namespace modelatlas::engine
