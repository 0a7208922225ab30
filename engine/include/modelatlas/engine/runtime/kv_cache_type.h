#pragma once
// How a session's KV cache stores K and V. F16, the default, is the reference
// implementation's; Q8_0 (blocks of 32 int8 values with an F16 scale: 34 bytes
// per 32 values) takes 47% less memory for long contexts at a small cost in
// accuracy, as llama.cpp's --cache-type-k/--cache-type-v q8_0 does.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace modelatlas::engine {

enum class KvCacheType { F16, Q8_0 };

inline constexpr int kKvQ8Block = 32;        // values per Q8_0 block
inline constexpr int kKvQ8BlockBytes = 34;   // F16 scale + 32 int8

// "f16", "q8_0"; parse takes the same names (nullopt for anything else).
std::string_view kvCacheTypeName(KvCacheType type);
std::optional<KvCacheType> parseKvCacheType(std::string_view text);

// Bytes of n cached values (for Q8_0, n a multiple of kKvQ8Block).
uint64_t kvCacheBytes(KvCacheType type, uint64_t n);

// Why heads of headDim values cannot be cached in `type` (a Q8_0 block must
// not straddle two heads); empty when they can.
std::string kvCacheTypeProblem(KvCacheType type, int headDim);

} // namespace modelatlas::engine
