#include "tokenizer/pretokenizer.h"

#include <algorithm>

namespace modelatlas::engine::tokenizer_detail {

using namespace unicode;

namespace {

using Piece = std::pair<uint32_t, uint32_t>;

struct Text {
    const uint32_t *cp;
    const uint8_t *fl;  // unicode::flags() of each codepoint, computed once
};

inline bool isWs(const Text &t, size_t i) { return t.fl[i] & kWhitespace; }
inline bool isL(const Text &t, size_t i) { return t.fl[i] & kLetter; }
inline bool isN(const Text &t, size_t i) { return t.fl[i] & kNumber; }
// [^\s\p{L}\p{N}]
inline bool isOther(const Text &t, size_t i) { return !(t.fl[i] & (kWhitespace | kLetter | kNumber)); }
inline uint32_t lower(uint32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

// English contractions after an apostrophe; returns the match end or i.
size_t contraction(const Text &t, size_t i, size_t e, bool ignoreCase)
{
    if (t.cp[i] != '\'' || i + 1 >= e)
        return i;
    auto c1 = t.cp[i + 1];
    if (ignoreCase)
        c1 = lower(c1);
    if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd')
        return i + 2;
    if (i + 2 < e) {
        auto c2 = t.cp[i + 2];
        if (ignoreCase)
            c2 = lower(c2);
        if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l'))
            return i + 3;
    }
    return i;
}

template <typename Pred>
size_t runWhile(const Text &t, size_t j, size_t e, Pred pred)
{
    while (j < e && pred(t, j))
        ++j;
    return j;
}

size_t matchGpt2(const Text &t, size_t i, size_t e)
{
    if (size_t m = contraction(t, i, e, false); m != i)
        return m;
    const bool sp = t.cp[i] == ' ' && i + 1 < e;
    //  ?\p{L}+   ?\p{N}+   ?[^\s\p{L}\p{N}]+  (the optional space is tried first)
    if (sp && isL(t, i + 1))
        return runWhile(t, i + 1, e, isL);
    if (isL(t, i))
        return runWhile(t, i, e, isL);
    if (sp && isN(t, i + 1))
        return runWhile(t, i + 1, e, isN);
    if (isN(t, i))
        return runWhile(t, i, e, isN);
    if (sp && isOther(t, i + 1))
        return runWhile(t, i + 1, e, isOther);
    if (isOther(t, i))
        return runWhile(t, i, e, isOther);
    // \s+(?!\S): the whole run at the end of the piece, else the run minus its
    // last character (which must stay in front of the next word).
    const size_t j = runWhile(t, i, e, isWs);
    if (j == e)
        return e;
    return j - i >= 2 ? j - 1 : i;
}

size_t matchLlama3(const Text &t, size_t i, size_t e, int maxDigits)
{
    if (size_t m = contraction(t, i, e, true); m != i)
        return m;
    const uint32_t c = t.cp[i];
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (!isL(t, i) && !isN(t, i) && c != '\r' && c != '\n' && i + 1 < e && isL(t, i + 1))
        return runWhile(t, i + 1, e, isL);
    if (isL(t, i))
        return runWhile(t, i, e, isL);
    // \p{N}{1,K}
    if (isN(t, i)) {
        size_t j = i;
        while (j < e && j - i < static_cast<size_t>(maxDigits) && isN(t, j))
            ++j;
        return j;
    }
    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    const size_t k = (c == ' ' && i + 1 < e && isOther(t, i + 1)) ? i + 1 : i;
    if (isOther(t, k)) {
        size_t j = runWhile(t, k, e, isOther);
        while (j < e && (t.cp[j] == '\r' || t.cp[j] == '\n'))
            ++j;
        return j;
    }
    if (!isWs(t, i))
        return i;
    const size_t j = runWhile(t, i, e, isWs);
    // \s*[\r\n]+ : up to the last line break of the whitespace run
    for (size_t p = j; p > i; --p)
        if (t.cp[p - 1] == '\r' || t.cp[p - 1] == '\n')
            return p;
    // \s+(?!\S) then \s+
    if (j == e)
        return e;
    return j - i >= 2 ? j - 1 : j;
}

bool inClass(const CharClass &cls, const Text &t, size_t i) { return cls.contains(t.cp[i], t.fl[i]); }

size_t matchRule(const SplitRule &r, const Text &t, size_t i, size_t e)
{
    switch (r.kind) {
    case SplitKind::Gpt2:
        return matchGpt2(t, i, e);
    case SplitKind::Llama3:
        return matchLlama3(t, i, e, r.maxDigits);
    case SplitKind::ClassRun: {
        size_t j = i;
        while (j < e && inClass(r.cls, t, j))
            ++j;
        return j;
    }
    case SplitKind::ClassOne:
        return inClass(r.cls, t, i) ? i + 1 : i;
    case SplitKind::SpaceClassRun: {
        size_t k = i;
        if (isWs(t, i) && i + 1 < e && inClass(r.cls, t, i + 1))
            k = i + 1;
        else if (!inClass(r.cls, t, i))
            return i;
        while (k < e && inClass(r.cls, t, k))
            ++k;
        return k;
    }
    case SplitKind::AsciiDigits3: {
        auto d = [&](size_t p) { return t.cp[p] >= '0' && t.cp[p] <= '9'; };
        return (i + 2 < e && d(i) && d(i + 1) && d(i + 2)) ? i + 3 : i;
    }
    case SplitKind::TrailingSpace:
        break;  // handled per piece in applyRule
    }
    return i;
}

void applyRule(const SplitRule &r, const Text &t, const std::vector<Piece> &in, std::vector<Piece> &out)
{
    out.clear();
    for (const auto &[b, e] : in) {
        if (r.kind == SplitKind::TrailingSpace) {
            size_t s = e;
            while (s > b && isWs(t, s - 1))
                --s;
            if (s > b)
                out.emplace_back(b, static_cast<uint32_t>(s));
            if (s < e)
                out.emplace_back(static_cast<uint32_t>(s), e);
            continue;
        }
        // Leftmost matches; the text between two matches becomes a piece too.
        size_t gap = b;
        size_t i = b;
        while (i < e) {
            const size_t m = matchRule(r, t, i, e);
            if (m > i) {
                if (i > gap)
                    out.emplace_back(static_cast<uint32_t>(gap), static_cast<uint32_t>(i));
                out.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(m));
                i = gap = m;
            } else {
                ++i;
            }
        }
        if (e > gap)
            out.emplace_back(static_cast<uint32_t>(gap), e);
    }
}

SplitRule rule(SplitKind k) { return SplitRule{k, {}, 3}; }
SplitRule rule(SplitKind k, CharClass c) { return SplitRule{k, std::move(c), 3}; }
SplitRule llama3(int maxDigits) { return SplitRule{SplitKind::Llama3, {}, maxDigits}; }

CharClass cats(uint8_t categories) { return CharClass{categories, {}, false}; }
CharClass literal(std::u32string_view body)
{
    CharClass c = CharClass::fromPattern(body);
    c.literal = true;
    return c;
}

// CJK ideographs, U+0800..U+4E00 and Hangul, as deepseek's tokenizer.json writes them.
constexpr std::u32string_view kDeepseekCjk = U"\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF";

} // namespace

bool CharClass::contains(uint32_t cp, uint8_t fl) const
{
    if (fl & categories)
        return true;
    if (ranges.empty())
        return false;
    if (literal && cp > 0x7F && (fl & kWhitespace))
        cp = 0x0B;
    for (const auto &r : ranges) {
        if (cp < r.first)
            return false;  // sorted
        if (cp <= r.last)
            return true;
    }
    return false;
}

CharClass CharClass::fromPattern(std::u32string_view body, uint8_t categories)
{
    CharClass c;
    c.categories = categories;
    for (size_t i = 0; i < body.size(); ++i) {
        uint32_t a = body[i];
        uint32_t z = a;
        if (i + 2 < body.size() && body[i + 1] == U'-') {
            z = body[i + 2];
            i += 2;
        }
        if (z < a)
            std::swap(a, z);
        c.ranges.push_back({a, z});
    }
    std::sort(c.ranges.begin(), c.ranges.end(),
              [](const CodepointRange &x, const CodepointRange &y) { return x.first < y.first; });
    return c;
}

PreTokenizer PreTokenizer::forName(std::string_view pre)
{
    PreTokenizer p;
    const auto gpt2 = rule(SplitKind::Gpt2);
    if (pre == "llama3" || pre == "llama-v3" || pre == "llama-bpe" || pre == "falcon3" || pre == "pixtral"
        || pre == "dbrx" || pre == "smaug-bpe" || pre == "chatglm-bpe" || pre == "glm4") {
        p.rules = {llama3(3)};
    } else if (pre == "qwen2" || pre == "deepseek-r1-qwen" || pre == "stablelm2" || pre == "megrez"
               || pre == "hunyuan") {
        p.rules = {llama3(1)};
    } else if (pre == "deepseek-llm") {
        p.rules = {
            rule(SplitKind::ClassOne, literal(U"\r\n")),
            rule(SplitKind::SpaceClassRun,
                 literal(U"A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA\u01BC-\u01BF\u01C4-\u0293"
                         U"\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386\u0388-\u038A"
                         U"\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556"
                         U"\u10A0-\u10C5\u13A0-\u13F5\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B"
                         U"\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D"
                         U"\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE"
                         U"\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4"
                         U"\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128"
                         U"\u212A-\u212D\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149\u214E\u2183\u2184"
                         U"\u2C00-\u2C7B\u2C7E-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D\uA680-\uA69B"
                         U"\uA722-\uA76F\uA771-\uA787\uA78B-\uA78E\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17"
                         U"\uFF21-\uFF3A\uFF41-\uFF5A\U00010400-\U0001044F\U000104B0-\U000104D3"
                         U"\U000104D8-\U000104FB\U00010C80-\U00010CB2\U00010CC0-\U00010CF2"
                         U"\U000118A0-\U000118DF\U0001E900-\U0001E943")),
            rule(SplitKind::SpaceClassRun, literal(U"!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002")),
            rule(SplitKind::TrailingSpace),
            rule(SplitKind::ClassRun, literal(kDeepseekCjk)),
            rule(SplitKind::ClassRun, cats(kNumber)),
        };
    } else if (pre == "deepseek-coder") {
        p.rules = {
            rule(SplitKind::ClassOne, literal(U"\r\n")),
            rule(SplitKind::SpaceClassRun, cats(kLetter)),
            rule(SplitKind::SpaceClassRun, cats(kPunctuation)),
            rule(SplitKind::ClassRun, literal(kDeepseekCjk)),
            rule(SplitKind::ClassOne, cats(kNumber)),
        };
    } else if (pre == "falcon") {
        p.rules = {
            rule(SplitKind::ClassRun, CharClass::fromPattern(U"$+<=>^~|`", kPunctuation)),
            gpt2,
            rule(SplitKind::AsciiDigits3),
        };
    } else if (pre == "starcoder" || pre == "refact" || pre == "command-r" || pre == "smollm"
               || pre == "codeshell" || pre == "exaone" || pre == "minerva-7b") {
        p.rules = {rule(SplitKind::ClassOne, cats(kNumber)), gpt2};
    } else if (pre == "gpt-2" || pre == "gpt2" || pre == "mpt" || pre == "olmo" || pre == "jais"
               || pre == "phi-2" || pre == "jina-es" || pre == "jina-de" || pre == "jina-v1-en"
               || pre == "jina-v2-es" || pre == "jina-v2-de" || pre == "jina-v2-code" || pre == "roberta-bpe"
               || pre == "gigachat" || pre == "trillion" || pre == "exaone4") {
        p.rules = {gpt2};
    } else {
        // "default" and missing keys (older conversions, e.g. gpt-neox): the
        // reference's fallback. Unknown names also land here, flagged.
        p.known = pre.empty() || pre == "default";
        p.rules = {
            rule(SplitKind::ClassRun, CharClass::fromPattern(U"$+<=>^~|", kPunctuation)),
            gpt2,
            rule(SplitKind::ClassRun, cats(kNumber)),
            rule(SplitKind::AsciiDigits3),
        };
    }
    return p;
}

void PreTokenizer::split(const std::vector<uint32_t> &cps, std::vector<Piece> &words) const
{
    std::vector<uint8_t> fl(cps.size());
    for (size_t i = 0; i < cps.size(); ++i)
        fl[i] = unicode::flags(cps[i]);
    const Text t{cps.data(), fl.data()};

    std::vector<Piece> cur;
    if (!cps.empty())
        cur.emplace_back(0u, static_cast<uint32_t>(cps.size()));
    std::vector<Piece> next;
    for (const auto &r : rules) {
        applyRule(r, t, cur, next);
        cur.swap(next);
    }
    words = std::move(cur);
}

} // namespace modelatlas::engine::tokenizer_detail
