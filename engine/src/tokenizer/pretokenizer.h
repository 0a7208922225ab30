#pragma once
// Byte-level BPE pre-tokenizers (internal): split text into words before merging.
//
// The reference (llama.cpp) describes each pre-tokenizer as a list of regexes
// applied one after another: every regex splits each current piece into its
// matches and the text between them (which stays a piece of its own). std::regex
// is far too slow and knows no \p{..}, so each regex here is a hand-written
// matcher with the same leftmost, first-alternative, backtracking semantics.
// The matchers work on codepoints; \s is the Unicode White_Space property and
// \p{X} the top-level general category (both from unicode_tables.cpp).

#include "tokenizer/unicode.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace modelatlas::engine::tokenizer_detail {

// A character class: categories and/or explicit codepoint ranges.
struct CharClass {
    uint8_t categories = 0;                       // unicode::CategoryFlag bits
    std::vector<unicode::CodepointRange> ranges;  // sorted, inclusive
    // The reference runs patterns without \p{..} through std::wregex after
    // replacing non-ASCII whitespace by U+000B, so such a codepoint never matches
    // an explicit range (e.g. U+3000 in deepseek-llm's punctuation class).
    bool literal = false;

    bool contains(uint32_t cp, uint8_t flags) const;
    // Builds ranges from a pattern body such as "A-Za-z一-龥" (pairs "a-b" or single characters).
    static CharClass fromPattern(std::u32string_view body, uint8_t categories = 0);
};

enum class SplitKind {
    Gpt2,          // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)
    Llama3,        // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,K}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    ClassRun,      // [X]+
    ClassOne,      // [X]
    SpaceClassRun, // \s?[X]+
    TrailingSpace, // \s+$
    AsciiDigits3,  // [0-9][0-9][0-9]
};

struct SplitRule {
    SplitKind kind = SplitKind::Gpt2;
    CharClass cls;
    int maxDigits = 3;  // Llama3: \p{N}{1,maxDigits}
};

struct PreTokenizer {
    std::vector<SplitRule> rules;
    bool known = true;  // false: unknown tokenizer.ggml.pre, the default rules were used

    static PreTokenizer forName(std::string_view pre);

    // Splits codepoints [0, cps.size()) into words: `words` receives [begin, end)
    // codepoint index pairs covering the input in order.
    void split(const std::vector<uint32_t> &cps, std::vector<std::pair<uint32_t, uint32_t>> &words) const;
};

} // namespace modelatlas::engine::tokenizer_detail
