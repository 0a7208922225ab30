// Utf8StreamDecoder: never lets half a character out of a token stream.

#include "modelatlas/engine/tokenizer/tokenizer.h"
#include "tokenizer/unicode.h"

namespace modelatlas::engine {

std::string Utf8StreamDecoder::push(std::string_view bytes)
{
    m_pending.append(bytes);
    const size_t keep = unicode::incompleteUtf8Tail(m_pending);
    const std::string_view ready(m_pending.data(), m_pending.size() - keep);
    std::string out;
    out.reserve(ready.size());
    // Re-encode what is complete: valid sequences pass through unchanged,
    // invalid bytes become U+FFFD (one per byte).
    for (size_t pos = 0; pos < ready.size();) {
        const size_t start = pos;
        const uint32_t cp = unicode::decodeOne(ready, pos);
        if (cp == 0xFFFD && pos - start == 1)
            unicode::appendUtf8(out, 0xFFFD);
        else
            out.append(ready.substr(start, pos - start));
    }
    m_pending.erase(0, ready.size());
    return out;
}

std::string Utf8StreamDecoder::flush()
{
    std::string out;
    if (!m_pending.empty())
        unicode::appendUtf8(out, 0xFFFD);
    m_pending.clear();
    return out;
}

} // namespace modelatlas::engine
