#pragma once
// Tokenizer state (internal): plain data built once by fromGguf(), then read-only.

#include "modelatlas/engine/tokenizer/tokenizer.h"
#include "tokenizer/pretokenizer.h"

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace modelatlas::engine {

namespace tokenizer_detail {

// Heterogeneous lookup: find(std::string_view) without building a std::string.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringIdMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

// Attribute bits (as llama.cpp's llama_token_attr), derived from TokenType.
enum TokenAttr : uint16_t {
    kAttrUndefined = 0,
    kAttrUnknown = 1 << 0,
    kAttrUnused = 1 << 1,
    kAttrNormal = 1 << 2,
    kAttrControl = 1 << 3,
    kAttrUserDefined = 1 << 4,
    kAttrByte = 1 << 5,
    kAttrRStrip = 1 << 6,  // special token swallows the whitespace after it (Phi-3)
};

// A piece of the input: raw text [offset, offset+length) or an already-known token.
struct Fragment {
    int32_t token;    // kNoToken for raw text
    uint32_t offset;
    uint32_t length;
};

} // namespace tokenizer_detail

struct Tokenizer::Impl {
    TokenizerModel model = TokenizerModel::Spm;
    std::string modelName;
    std::string preName;
    std::string warning;  // non-empty when something was substituted (unknown pre-tokenizer)

    std::vector<std::string> tokens;   // (n_vocab) vocabulary strings
    std::vector<float> scores;         // (n_vocab) SPM merge scores
    std::vector<TokenType> types;      // (n_vocab)
    std::vector<uint16_t> attrs;       // (n_vocab) TokenAttr bits
    tokenizer_detail::StringIdMap tokenToId;
    tokenizer_detail::StringIdMap mergeRank;  // "left right" -> rank (BPE)
    tokenizer_detail::PreTokenizer pre;       // BPE word splitting

    // Special-token matching order: control/user-defined/unknown tokens, longest text first.
    std::vector<int32_t> specialTokens;
    std::array<bool, 256> specialFirstByte{};  // quick reject: byte can start a special token

    // GPT-2 byte <-> printable codepoint mapping (bytes_to_unicode).
    std::array<std::string, 256> byteToUtf8;   // byte -> UTF-8 of its codepoint
    std::unordered_map<uint32_t, uint8_t> cpToByte;
    std::array<int32_t, 256> byteToken{};      // SPM byte fallback (<0xXX> token) or kNoToken

    int32_t bos = kNoToken, eos = kNoToken, eot = kNoToken, eom = kNoToken, unk = kNoToken, pad = kNoToken;
    bool addBos = false, addEos = false, addSpacePrefix = false, ignoreMerges = false;
    std::vector<int32_t> eog;  // sorted
    std::string chatTemplate;

    bool valid(int32_t id) const { return id >= 0 && static_cast<size_t>(id) < tokens.size(); }
    int32_t find(std::string_view text) const
    {
        const auto it = tokenToId.find(text);
        return it == tokenToId.end() ? kNoToken : it->second;
    }

    // Splits `text` around special tokens (see tokenizer.cpp).
    void partition(std::string_view text, bool parseSpecial, std::vector<tokenizer_detail::Fragment> &out) const;
    // Appends the tokens of one raw-text fragment.
    void encodeSpm(std::string_view text, std::vector<int32_t> &out) const;
    void encodeBpe(std::string_view text, std::vector<int32_t> &out) const;
    std::string piece(int32_t id, bool renderSpecial) const;
};

} // namespace modelatlas::engine
