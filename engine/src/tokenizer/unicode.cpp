#include "tokenizer/unicode.h"

#include <algorithm>
#include <array>

namespace modelatlas::engine::unicode {

namespace {

uint8_t lookupSlow(uint32_t cp)
{
    uint8_t f = 0;
    // Ranges are sorted and contiguous: find the first range whose end is >= cp.
    const CategoryRange *begin = kCategoryRanges;
    const CategoryRange *end = kCategoryRanges + kCategoryRangeCount;
    const CategoryRange *it = std::lower_bound(begin, end, cp,
                                               [](const CategoryRange &r, uint32_t v) { return r.last < v; });
    if (it != end && it->first <= cp)
        f = it->flag;
    for (size_t i = 0; i < kWhiteSpaceRangeCount; ++i)
        if (cp >= kWhiteSpaceRanges[i].first && cp <= kWhiteSpaceRanges[i].last)
            f |= kWhitespace;
    return f;
}

// The BMP holds every codepoint the pre-tokenizers see in practice except
// emoji and rare scripts; a 64 KiB table makes the hot path one load.
struct BmpTable {
    std::array<uint8_t, 0x10000> flags{};
    BmpTable()
    {
        // Straight from the range lists (one pass), not a search per codepoint.
        for (size_t i = 0; i < kCategoryRangeCount && kCategoryRanges[i].first < 0x10000; ++i) {
            const uint32_t last = std::min<uint32_t>(kCategoryRanges[i].last, 0xFFFF);
            for (uint32_t cp = kCategoryRanges[i].first; cp <= last; ++cp)
                flags[cp] = kCategoryRanges[i].flag;
        }
        for (size_t i = 0; i < kWhiteSpaceRangeCount; ++i)
            for (uint32_t cp = kWhiteSpaceRanges[i].first; cp <= kWhiteSpaceRanges[i].last && cp < 0x10000; ++cp)
                flags[cp] |= kWhitespace;
    }
};

const BmpTable &bmpTable()
{
    static const BmpTable table;  // thread-safe one-time initialisation
    return table;
}

} // namespace

uint8_t flags(uint32_t cp)
{
    if (cp < 0x10000)
        return bmpTable().flags[cp];
    if (cp > 0x10FFFF)
        return 0;
    return lookupSlow(cp);
}

uint32_t decodeOne(std::string_view text, size_t &pos)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const size_t n = text.size();
    const unsigned char c = s[pos];
    if (c < 0x80) {
        ++pos;
        return c;
    }
    size_t len = 0;
    uint32_t cp = 0;
    uint32_t minCp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
        minCp = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
        minCp = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
        minCp = 0x10000;
    } else {
        ++pos;
        return 0xFFFD;
    }
    if (pos + len > n) {
        ++pos;
        return 0xFFFD;
    }
    for (size_t i = 1; i < len; ++i) {
        const unsigned char cc = s[pos + i];
        if ((cc & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < minCp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return 0xFFFD;
    }
    pos += len;
    return cp;
}

void decodeAll(std::string_view text, std::vector<uint32_t> &cps, std::vector<uint32_t> &offsets)
{
    cps.clear();
    offsets.clear();
    cps.reserve(text.size());
    offsets.reserve(text.size() + 1);
    size_t pos = 0;
    while (pos < text.size()) {
        offsets.push_back(static_cast<uint32_t>(pos));
        cps.push_back(decodeOne(text, pos));
    }
    offsets.push_back(static_cast<uint32_t>(pos));
}

void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

size_t incompleteUtf8Tail(std::string_view bytes)
{
    // Look back at most 3 bytes for a lead byte whose sequence runs past the end.
    const size_t n = bytes.size();
    for (size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(bytes[n - back]);
        if ((c & 0xC0) == 0x80)
            continue;  // continuation byte: keep looking for the lead
        size_t len = 0;
        if ((c & 0xE0) == 0xC0)
            len = 2;
        else if ((c & 0xF0) == 0xE0)
            len = 3;
        else if ((c & 0xF8) == 0xF0)
            len = 4;
        return len > back ? back : 0;
    }
    return 0;
}

} // namespace modelatlas::engine::unicode
