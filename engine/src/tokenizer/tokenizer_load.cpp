// Tokenizer::fromGguf: reads the tokenizer.ggml.* metadata. The defaults and
// overrides follow llama.cpp (llama-vocab.cpp, load()) so ids match it exactly.

#include "modelatlas/engine/gguf/gguf_file.h"
#include "tokenizer/tokenizer_impl.h"

#include <algorithm>

namespace modelatlas::engine {

using namespace tokenizer_detail;

namespace {

uint16_t attrOf(TokenType t)
{
    switch (t) {
    case TokenType::Normal: return kAttrNormal;
    case TokenType::Unknown: return kAttrUnknown;
    case TokenType::Control: return kAttrControl;
    case TokenType::UserDefined: return kAttrUserDefined;
    case TokenType::Unused: return kAttrUnused;
    case TokenType::Byte: return kAttrByte;
    case TokenType::Undefined: break;
    }
    return kAttrUndefined;
}

// Reads an optional token id key; an id outside the vocabulary keeps the default
// (converters write 0xFFFFFFFF for "none").
void readId(const GgufFile &f, std::string_view key, size_t nVocab, int32_t &id)
{
    if (id >= 0 && static_cast<size_t>(id) >= nVocab)
        id = kNoToken;
    if (!f.has(key))
        return;
    auto v = f.getU64(key);
    if (v && *v < nVocab)
        id = static_cast<int32_t>(*v);
}

void readBool(const GgufFile &f, std::string_view key, bool &value)
{
    if (auto v = f.getBool(key); v)
        value = *v;
}

// GPT-2's bytes_to_unicode(): printable Latin-1 bytes map to themselves, the
// rest to U+0100 upwards, so every byte has a visible, non-space codepoint.
void buildByteMap(Tokenizer::Impl &t)
{
    uint32_t next = 256;
    for (uint32_t b = 0; b < 256; ++b) {
        const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const uint32_t cp = printable ? b : next++;
        t.byteToUtf8[b].clear();
        unicode::appendUtf8(t.byteToUtf8[b], cp);
        t.cpToByte[cp] = static_cast<uint8_t>(b);
    }
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

} // namespace

Result<Tokenizer> Tokenizer::fromGguf(const GgufFile &f)
{
    auto impl = std::make_shared<Impl>();
    Impl &t = *impl;
    const std::string &src = f.path();

    auto model = f.getString("tokenizer.ggml.model");
    if (!model)
        return makeError(src, ": no tokenizer: ", model.message());
    t.modelName = *model;
    if (f.has("tokenizer.ggml.pre")) {
        auto pre = f.getString("tokenizer.ggml.pre");
        if (!pre)
            return makeError(src, ": ", pre.message());
        t.preName = *pre;
    }

    if (t.modelName == "llama") {
        t.model = TokenizerModel::Spm;
        t.bos = 1;
        t.eos = 2;
        t.unk = 0;
        t.addSpacePrefix = true;
        t.addBos = true;
    } else if (t.modelName == "gpt2") {
        t.model = TokenizerModel::Bpe;
        t.bos = 11;  // the reference's historical defaults, overridden by the keys below
        t.eos = 11;
        t.pre = tokenizer_detail::PreTokenizer::forName(t.preName);
        if (!t.pre.known)
            t.warning = "unknown pre-tokenizer '" + t.preName + "'; using the default splitting rules";
        const std::string &p = t.preName;
        if (p == "llama3" || p == "llama-v3" || p == "llama-bpe" || p == "falcon3" || p == "pixtral") {
            t.ignoreMerges = true;
            t.addBos = true;
        }
        if (p == "glm4" || p == "chatglm-bpe")
            t.bos = kNoToken;
    } else {
        return makeError(src, ": unsupported tokenizer model '", t.modelName,
                         "' in 'tokenizer.ggml.model' (supported: llama, gpt2)");
    }
    readBool(f, "tokenizer.ggml.add_space_prefix", t.addSpacePrefix);

    auto tokens = f.getStringArray("tokenizer.ggml.tokens");
    if (!tokens)
        return makeError(src, ": ", tokens.message());
    const size_t n = tokens->size();
    if (n == 0 || n > static_cast<size_t>(INT32_MAX))
        return makeError(src, ": 'tokenizer.ggml.tokens' has ", n, " entries");
    t.tokens.assign(tokens->begin(), tokens->end());

    t.scores.assign(n, 0.0f);
    if (f.has("tokenizer.ggml.scores")) {
        auto s = f.getF32Array("tokenizer.ggml.scores");
        if (!s)
            return makeError(src, ": ", s.message());
        if (s->size() < n)
            return makeError(src, ": 'tokenizer.ggml.scores' has ", s->size(), " entries for ", n, " tokens");
        std::copy(s->begin(), s->begin() + static_cast<std::ptrdiff_t>(n), t.scores.begin());
    }
    t.types.assign(n, TokenType::Normal);
    if (f.has("tokenizer.ggml.token_type")) {
        auto ty = f.getI32Array("tokenizer.ggml.token_type");
        if (!ty)
            return makeError(src, ": ", ty.message());
        if (ty->size() < n)
            return makeError(src, ": 'tokenizer.ggml.token_type' has ", ty->size(), " entries for ", n, " tokens");
        for (size_t i = 0; i < n; ++i)
            t.types[i] = ((*ty)[i] >= 0 && (*ty)[i] <= 6) ? static_cast<TokenType>((*ty)[i]) : TokenType::Undefined;
    }
    t.attrs.resize(n);
    t.tokenToId.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) {
        if (t.tokens[i].empty())
            t.tokens[i] = "[EMPTY_" + std::to_string(i) + "]";  // as the reference, so lookups stay unique
        if (!t.tokenToId.emplace(t.tokens[i], static_cast<int32_t>(i)).second)
            return makeError(src, ": duplicate token in 'tokenizer.ggml.tokens' at index ", i);
        t.attrs[i] = attrOf(t.types[i]);
    }

    if (t.model == TokenizerModel::Bpe) {
        auto merges = f.getStringArray("tokenizer.ggml.merges");
        if (!merges)
            return makeError(src, ": ", merges.message());
        t.mergeRank.reserve(merges->size() * 2);
        for (size_t i = 0; i < merges->size(); ++i) {
            const std::string &m = (*merges)[i];
            // Split at the first space after the first character (a merge side may start with a space byte).
            const size_t pos = m.find(' ', 1);
            if (pos == std::string::npos)
                continue;
            t.mergeRank.emplace(m, static_cast<int32_t>(i));  // first duplicate wins, as the reference
        }
        buildByteMap(t);
    } else {
        static const char *hex = "0123456789ABCDEF";
        for (int b = 0; b < 256; ++b) {
            const char buf[7] = {'<', '0', 'x', hex[b >> 4], hex[b & 15], '>', 0};
            int32_t id = t.find(buf);
            if (id == kNoToken)
                id = t.find(std::string(1, static_cast<char>(b)));
            t.byteToken[b] = id;
        }
    }

    readId(f, "tokenizer.ggml.bos_token_id", n, t.bos);
    readId(f, "tokenizer.ggml.eos_token_id", n, t.eos);
    readId(f, "tokenizer.ggml.eot_token_id", n, t.eot);
    readId(f, "tokenizer.ggml.eom_token_id", n, t.eom);
    readId(f, "tokenizer.ggml.unknown_token_id", n, t.unk);
    readId(f, "tokenizer.ggml.padding_token_id", n, t.pad);
    readBool(f, "tokenizer.ggml.add_bos_token", t.addBos);
    readBool(f, "tokenizer.ggml.add_eos_token", t.addEos);
    if (t.addBos && t.bos == kNoToken)
        t.addBos = false;
    if (t.addEos && t.eos == kNoToken)
        t.addEos = false;

    // End-of-turn tokens of the common chat formats; the reference marks them as
    // control tokens even where a converter forgot to.
    static const char *const kEotTexts[] = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
                                            "<|end_of_text|>", "<EOT>", "_<EOT>", "<｜end▁of▁sentence｜>",
                                            "<end_of_utterance>", "<|eom_id|>", "<|EOT|>"};
    for (const char *text : kEotTexts) {
        const int32_t id = t.find(text);
        if (id == kNoToken)
            continue;
        if (t.eot == kNoToken && std::string_view(text) != "<|eom_id|>" && std::string_view(text) != "<|EOT|>")
            t.eot = id;
        if (std::string_view(text) != "<|EOT|>")  // a user-defined token in deepseek-coder; keep it so
            t.attrs[id] |= kAttrControl;
        t.eog.push_back(id);
    }
    for (int32_t id : {t.eos, t.eot, t.eom})
        if (id != kNoToken)
            t.eog.push_back(id);
    std::sort(t.eog.begin(), t.eog.end());
    t.eog.erase(std::unique(t.eog.begin(), t.eog.end()), t.eog.end());

    // Phi-3's special tokens strip the whitespace that follows them (its
    // tokenizer.json sets rstrip); the reference keys this on the model name.
    std::string name;
    if (auto nm = f.getString("general.name"); nm)
        name = *nm;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool phi3 = contains(name, "phi-3") || contains(name, "phi3");

    for (size_t i = 0; i < n; ++i)
        if (t.attrs[i] & (kAttrControl | kAttrUserDefined | kAttrUnknown))
            t.specialTokens.push_back(static_cast<int32_t>(i));
    std::stable_sort(t.specialTokens.begin(), t.specialTokens.end(),
                     [&](int32_t a, int32_t b) { return t.tokens[a].size() > t.tokens[b].size(); });
    for (int32_t id : t.specialTokens) {
        t.specialFirstByte[static_cast<uint8_t>(t.tokens[id][0])] = true;
        if (phi3) {
            const std::string &s = t.tokens[id];
            if (s != "<unk>" && s != "<s>" && s != "<|endoftext|>")
                t.attrs[id] |= kAttrRStrip;
        }
    }

    if (f.has("tokenizer.chat_template")) {
        auto ct = f.getString("tokenizer.chat_template");
        if (ct)
            t.chatTemplate = *ct;
    }
    return Tokenizer(std::move(impl));
}

} // namespace modelatlas::engine
