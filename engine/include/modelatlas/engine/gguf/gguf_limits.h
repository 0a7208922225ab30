#pragma once
// Caps the GGUF reader enforces. A GGUF file is untrusted input: every count and
// length in it is checked against these before anything is allocated, so a
// hostile header cannot make the reader allocate or loop without bound.
// They are generous for real models (a 2026 vocabulary has ~260k tokens, a
// chat template tens of KB, a large MoE model a few thousand tensors).

#include <cstdint>

namespace modelatlas::engine::gguf_limits {

inline constexpr uint64_t kMaxKeyValues = 1u << 16;        // n_kv
inline constexpr uint64_t kMaxTensors = 1u << 20;          // n_tensors
inline constexpr uint64_t kMaxKeyLength = 1024;            // metadata key, bytes
inline constexpr uint64_t kMaxTensorNameLength = 1024;     // tensor name, bytes
inline constexpr uint64_t kMaxStringLength = 16u << 20;    // any string value, bytes
inline constexpr uint64_t kMaxArrayLength = 16u << 20;     // elements of one array
inline constexpr uint32_t kMaxArrayNesting = 4;            // array of array of ...
inline constexpr uint32_t kMaxDims = 4;                    // tensor n_dims (GGML_MAX_DIMS)
inline constexpr uint64_t kMaxAlignment = 1u << 20;        // general.alignment, bytes
inline constexpr uint32_t kDefaultAlignment = 32;          // when general.alignment is absent

} // namespace modelatlas::engine::gguf_limits
