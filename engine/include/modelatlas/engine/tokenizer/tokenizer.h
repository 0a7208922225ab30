#pragma once
// Tokenizers read from a GGUF vocabulary (tokenizer.ggml.*), reproducing the
// reference implementation (llama.cpp) token for token:
//
//  - "llama": SentencePiece-style. Spaces become U+2581 "▁", a leading space is
//    added to the first text fragment, the highest-scoring adjacent pair is merged
//    until no pair forms a token, unknown characters fall back to <0xXX> byte tokens.
//  - "gpt2": byte-level BPE. The text is split by the pre-tokenizer named in
//    tokenizer.ggml.pre (llama3, qwen2, gpt-2, deepseek-llm, deepseek-coder, falcon,
//    starcoder, mpt, default ...), each piece's bytes are mapped to printable
//    codepoints (GPT-2's bytes_to_unicode) and merged by tokenizer.ggml.merges rank.
//
// Special tokens: user-defined tokens are always matched in the raw text before
// pre-tokenization; control tokens (<|im_start|>, <s>, ...) only when `parseSpecial`
// is set, so text typed by a user cannot inject them by accident.
//
// A Tokenizer is immutable after fromGguf() and cheap to copy (shared state);
// all const methods are safe to call from several threads.

#include "modelatlas/engine/result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine {

class GgufFile;

enum class TokenizerModel { Spm, Bpe };

// Per-token attributes, from tokenizer.ggml.token_type (values as in GGUF).
enum class TokenType : int32_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
};

constexpr int32_t kNoToken = -1;

struct DecodeOptions {
    // Render control/unknown tokens (<|im_end|>, <s>) as their text; by default they vanish.
    bool renderSpecial = false;
    // SentencePiece only: drop the space the encoder put in front of the first word,
    // so decode(encode(text)) == text. Off for streamed continuations.
    bool stripLeadingSpace = true;
};

class Tokenizer {
public:
    // Reads tokenizer.ggml.{model, pre, tokens, scores, token_type, merges,
    // bos/eos/unknown/padding/eot/eom_token_id, add_bos_token, add_eos_token,
    // add_space_prefix} and tokenizer.chat_template. Errors name the key.
    static Result<Tokenizer> fromGguf(const GgufFile &file);

    // Text -> token ids. `addSpecial` adds BOS/EOS as the vocabulary asks
    // (add_bos_token / add_eos_token); `parseSpecial` lets control-token text
    // in `text` become the control token. Never fails: bytes that no token covers
    // become byte tokens (SPM) or are dropped (BPE, as the reference does).
    std::vector<int32_t> encode(std::string_view text, bool addSpecial, bool parseSpecial) const;

    // The words the pre-tokenizer splits raw text into (byte-level BPE; the whole
    // text for SentencePiece). For tools and tests; encode() does not need it.
    std::vector<std::string> preTokenize(std::string_view text) const;

    // Token ids -> text (concatenated pieces). Ids out of range are skipped.
    std::string decode(std::span<const int32_t> ids, DecodeOptions options = {}) const;

    // The bytes one token stands for; may be an incomplete UTF-8 sequence (byte
    // tokens, byte-level BPE), so feed streamed pieces through Utf8StreamDecoder.
    // Control/unknown tokens give "" unless renderSpecial; out-of-range ids give "".
    std::string tokenToPiece(int32_t id, bool renderSpecial = false) const;

    // The token's raw vocabulary string ("▁Hello", "Ġworld", "<0x0A>"); "" if out of range.
    const std::string &tokenText(int32_t id) const;
    // The id of an exact vocabulary string, or kNoToken.
    int32_t tokenId(std::string_view text) const;
    TokenType tokenType(int32_t id) const;
    float tokenScore(int32_t id) const;

    int32_t vocabSize() const;
    TokenizerModel model() const;
    const std::string &modelName() const;       // tokenizer.ggml.model ("llama", "gpt2")
    const std::string &preTokenizer() const;    // tokenizer.ggml.pre ("" when absent)
    // Non-empty when the vocabulary asked for something unsupported and a
    // substitute was used (an unknown pre-tokenizer): the UI should show it.
    const std::string &warning() const;
    int32_t bos() const;                        // kNoToken when the vocabulary has none
    int32_t eos() const;
    int32_t eot() const;                        // end of turn (<|eot_id|>, <|im_end|>...)
    int32_t unk() const;
    int32_t pad() const;
    bool addBos() const;
    bool addEos() const;
    // End of generation: EOS, EOT/EOM and the end-of-turn tokens of the common chat formats.
    bool isEog(int32_t id) const;
    std::span<const int32_t> eogTokens() const;
    // tokenizer.chat_template ("" when absent).
    const std::string &chatTemplate() const;

    struct Impl;

private:
    explicit Tokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
    std::shared_ptr<const Impl> m_impl;
};

// Buffers an incomplete UTF-8 sequence at the end of a streamed piece until the
// next piece completes it, so a UI never shows half a character. Invalid bytes
// come out as U+FFFD, so the output is always valid UTF-8.
class Utf8StreamDecoder {
public:
    // Returns the text that is complete after appending `bytes`.
    std::string push(std::string_view bytes);
    // Returns what is left (an unfinished sequence becomes U+FFFD) and resets.
    std::string flush();
    bool hasPending() const { return !m_pending.empty(); }

private:
    std::string m_pending;
};

// Streams generated tokens to text: tokenToPiece + Utf8StreamDecoder.
class TokenStreamDecoder {
public:
    explicit TokenStreamDecoder(const Tokenizer &tokenizer, bool renderSpecial = false)
        : m_tokenizer(tokenizer), m_renderSpecial(renderSpecial)
    {
    }
    std::string push(int32_t id) { return m_utf8.push(m_tokenizer.tokenToPiece(id, m_renderSpecial)); }
    std::string flush() { return m_utf8.flush(); }

private:
    Tokenizer m_tokenizer;
    bool m_renderSpecial;
    Utf8StreamDecoder m_utf8;
};

} // namespace modelatlas::engine
