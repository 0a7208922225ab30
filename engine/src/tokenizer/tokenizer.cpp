// Tokenizer: special-token partitioning, encode dispatch, decoding, accessors.

#include "tokenizer/tokenizer_impl.h"

#include <algorithm>
#include <cctype>

namespace modelatlas::engine {

using namespace tokenizer_detail;

namespace {
constexpr std::string_view kSpmSpace = "\xE2\x96\x81";  // U+2581 "▁"
const std::string kEmpty;

bool isAsciiSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
} // namespace

// Splits the text around special tokens, longest token first, each token
// splitting every raw fragment at all its occurrences (the reference's order,
// which decides overlaps such as "<|im_start|>" vs a shorter token inside it).
// User-defined tokens always split; control/unknown ones only with parseSpecial.
void Tokenizer::Impl::partition(std::string_view text, bool parseSpecial, std::vector<Fragment> &out) const
{
    out.clear();
    if (text.empty())
        return;
    out.push_back({kNoToken, 0, static_cast<uint32_t>(text.size())});

    std::array<bool, 256> present{};
    for (char c : text)
        present[static_cast<uint8_t>(c)] = true;

    std::vector<Fragment> next;
    for (const int32_t id : specialTokens) {
        const uint16_t a = attrs[id];
        if (!parseSpecial && (a & (kAttrControl | kAttrUnknown)))
            continue;
        const std::string &tok = tokens[id];
        if (!present[static_cast<uint8_t>(tok[0])] || tok.size() > text.size())
            continue;
        bool changed = false;
        next.clear();
        for (const Fragment &fr : out) {
            if (fr.token != kNoToken) {
                next.push_back(fr);
                continue;
            }
            size_t base = fr.offset;
            size_t len = fr.length;
            while (len > 0) {
                const std::string_view window = text.substr(base, len);
                const size_t hit = window.find(tok);
                if (hit == std::string_view::npos) {
                    next.push_back({kNoToken, static_cast<uint32_t>(base), static_cast<uint32_t>(len)});
                    break;
                }
                changed = true;
                if (hit > 0)
                    next.push_back({kNoToken, static_cast<uint32_t>(base), static_cast<uint32_t>(hit)});
                next.push_back({id, 0, 0});
                size_t rb = base + hit + tok.size();
                size_t rl = len - hit - tok.size();
                if (a & kAttrRStrip) {
                    while (rl > 0 && isAsciiSpace(text[rb])) {
                        ++rb;
                        --rl;
                    }
                }
                base = rb;
                len = rl;
            }
        }
        if (changed)
            out.swap(next);
    }
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const
{
    const Impl &t = *m_impl;
    std::vector<int32_t> out;
    out.reserve(text.size() / 3 + 4);
    std::vector<Fragment> frags;
    t.partition(text, parseSpecial, frags);

    if (addSpecial && t.addBos)
        out.push_back(t.bos);
    if (t.model == TokenizerModel::Spm) {
        // A space goes in front of the first text and of text right after a special token.
        bool prevSpecial = true;
        std::string buf;
        for (const Fragment &fr : frags) {
            if (fr.token != kNoToken) {
                out.push_back(fr.token);
                prevSpecial = true;
                continue;
            }
            buf.clear();
            if (t.addSpacePrefix && prevSpecial)
                buf += kSpmSpace;
            for (char c : text.substr(fr.offset, fr.length)) {
                if (c == ' ')
                    buf += kSpmSpace;
                else
                    buf.push_back(c);
            }
            t.encodeSpm(buf, out);
            prevSpecial = false;
        }
    } else {
        for (const Fragment &fr : frags) {
            if (fr.token != kNoToken)
                out.push_back(fr.token);
            else
                t.encodeBpe(text.substr(fr.offset, fr.length), out);
        }
    }
    if (addSpecial && t.addEos)
        out.push_back(t.eos);
    return out;
}

std::string Tokenizer::Impl::piece(int32_t id, bool renderSpecial) const
{
    if (!valid(id))
        return {};
    const uint16_t a = attrs[id];
    const std::string &text = tokens[id];
    if (a & (kAttrControl | kAttrUnknown))
        return renderSpecial ? text : std::string();
    if (a & kAttrUserDefined)
        return text;
    if (a & kAttrByte) {
        // "<0xXX>"
        if (text.size() == 6 && text.compare(0, 3, "<0x") == 0) {
            const std::string hex = text.substr(3, 2);
            char *end = nullptr;
            const long v = std::strtol(hex.c_str(), &end, 16);
            if (end && *end == '\0')
                return std::string(1, static_cast<char>(v));
        }
        return {};
    }
    if (!(a & kAttrNormal))
        return {};
    std::string out;
    out.reserve(text.size());
    if (model == TokenizerModel::Spm) {
        for (size_t i = 0; i < text.size();) {
            if (text.compare(i, kSpmSpace.size(), kSpmSpace) == 0) {
                out.push_back(' ');
                i += kSpmSpace.size();
            } else {
                out.push_back(text[i++]);
            }
        }
        return out;
    }
    // Byte-level BPE: every codepoint stands for one byte.
    for (size_t pos = 0; pos < text.size();) {
        const size_t start = pos;
        const uint32_t cp = unicode::decodeOne(text, pos);
        const auto it = cpToByte.find(cp);
        if (it != cpToByte.end())
            out.push_back(static_cast<char>(it->second));
        else
            out.append(text, start, pos - start);  // not a byte symbol: keep the text
    }
    return out;
}

std::string Tokenizer::tokenToPiece(int32_t id, bool renderSpecial) const { return m_impl->piece(id, renderSpecial); }

std::string Tokenizer::decode(std::span<const int32_t> ids, DecodeOptions options) const
{
    const Impl &t = *m_impl;
    std::string out;
    // The encoder put a space in front of the first word (after an optional BOS).
    bool strip = t.model == TokenizerModel::Spm && t.addSpacePrefix && options.stripLeadingSpace;
    for (const int32_t id : ids) {
        std::string p = t.piece(id, options.renderSpecial);
        if (strip && id != t.bos) {
            if (!p.empty() && p[0] == ' ')
                p.erase(0, 1);
            strip = false;
        }
        out += p;
    }
    return out;
}

const std::string &Tokenizer::tokenText(int32_t id) const { return m_impl->valid(id) ? m_impl->tokens[id] : kEmpty; }
int32_t Tokenizer::tokenId(std::string_view text) const { return m_impl->find(text); }
TokenType Tokenizer::tokenType(int32_t id) const
{
    return m_impl->valid(id) ? m_impl->types[id] : TokenType::Undefined;
}
float Tokenizer::tokenScore(int32_t id) const { return m_impl->valid(id) ? m_impl->scores[id] : 0.0f; }
int32_t Tokenizer::vocabSize() const { return static_cast<int32_t>(m_impl->tokens.size()); }
TokenizerModel Tokenizer::model() const { return m_impl->model; }
const std::string &Tokenizer::modelName() const { return m_impl->modelName; }
const std::string &Tokenizer::preTokenizer() const { return m_impl->preName; }
const std::string &Tokenizer::warning() const { return m_impl->warning; }
int32_t Tokenizer::bos() const { return m_impl->bos; }
int32_t Tokenizer::eos() const { return m_impl->eos; }
int32_t Tokenizer::eot() const { return m_impl->eot; }
int32_t Tokenizer::unk() const { return m_impl->unk; }
int32_t Tokenizer::pad() const { return m_impl->pad; }
bool Tokenizer::addBos() const { return m_impl->addBos; }
bool Tokenizer::addEos() const { return m_impl->addEos; }
bool Tokenizer::isEog(int32_t id) const
{
    return id != kNoToken && std::binary_search(m_impl->eog.begin(), m_impl->eog.end(), id);
}
std::span<const int32_t> Tokenizer::eogTokens() const { return m_impl->eog; }
const std::string &Tokenizer::chatTemplate() const { return m_impl->chatTemplate; }

} // namespace modelatlas::engine
