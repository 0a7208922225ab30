#pragma once
// Codepoint classification and UTF-8 helpers for the tokenizers (internal).
//
// The category data is generated from Python's unicodedata by
// engine/tools/gen_unicode_tables.py (unicode_tables.cpp), so the engine needs no ICU.
// Only top-level general categories are kept (L, N, P, S, M, Z, C) plus the
// White_Space property: that is all the pre-tokenizer patterns of the supported
// vocabularies ask for (\p{L}, \p{N}, \p{P}, \s).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine::unicode {

enum CategoryFlag : uint8_t {
    kLetter = 0x01,       // \p{L}
    kNumber = 0x02,       // \p{N}
    kPunctuation = 0x04,  // \p{P}
    kSymbol = 0x08,       // \p{S}
    kMark = 0x10,         // \p{M}
    kSeparator = 0x20,    // \p{Z}
    kControl = 0x40,      // \p{C} (assigned: Cc, Cf, Cs, Co)
    kWhitespace = 0x80,   // White_Space property (what \s matches)
};

struct CategoryRange {
    uint32_t first;
    uint32_t last;
    uint8_t flag;
};
struct CodepointRange {
    uint32_t first;
    uint32_t last;
};

extern const char *const kUnicodeVersion;
extern const CategoryRange kCategoryRanges[];
extern const size_t kCategoryRangeCount;
extern const CodepointRange kWhiteSpaceRanges[];
extern const size_t kWhiteSpaceRangeCount;

// Category flags of `cp` (0 for unassigned and out-of-range values), including kWhitespace.
// O(1) for the BMP (a table built once), binary search above it.
uint8_t flags(uint32_t cp);

inline bool isLetter(uint32_t cp) { return flags(cp) & kLetter; }
inline bool isNumber(uint32_t cp) { return flags(cp) & kNumber; }
inline bool isWhitespace(uint32_t cp) { return flags(cp) & kWhitespace; }

// Length of the UTF-8 sequence introduced by `lead`, as llama.cpp computes it:
// continuation and invalid lead bytes count as 1 so every byte is consumed.
inline size_t utf8SeqLen(uint8_t lead)
{
    static constexpr uint8_t kLookup[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return kLookup[lead >> 4];
}

// Decodes one codepoint at text[pos]; advances pos. Invalid or truncated
// sequences decode to U+FFFD and consume one byte, so decoding never fails.
uint32_t decodeOne(std::string_view text, size_t &pos);

// All codepoints of `text` (invalid bytes become U+FFFD, one per byte),
// and the byte offset of each codepoint (offsets.size() == result.size() + 1).
void decodeAll(std::string_view text, std::vector<uint32_t> &cps, std::vector<uint32_t> &offsets);

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values > 0x10FFFF).
void appendUtf8(std::string &out, uint32_t cp);

// Number of bytes at the end of `bytes` that form the start of a valid but
// incomplete UTF-8 sequence (0 when the text ends on a character boundary).
size_t incompleteUtf8Tail(std::string_view bytes);

} // namespace modelatlas::engine::unicode
