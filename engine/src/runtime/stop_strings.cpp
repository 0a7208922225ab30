#include "modelatlas/engine/runtime/stop_strings.h"

#include <algorithm>

namespace modelatlas::engine {

StopStringMatcher::StopStringMatcher(std::vector<std::string> stopStrings)
{
    for (std::string &s : stopStrings) {
        if (!s.empty())
            m_stops.push_back(std::move(s));
    }
}

std::string StopStringMatcher::push(std::string_view piece)
{
    if (m_matched)
        return {};
    const size_t oldSize = m_text.size();
    m_text.append(piece);
    // Only occurrences that end inside the new piece are new; an occurrence
    // ending earlier would have matched on an earlier push.
    size_t cut = std::string::npos;
    for (const std::string &s : m_stops) {
        const size_t from = oldSize >= s.size() - 1 ? oldSize - (s.size() - 1) : 0;
        const size_t at = m_text.find(s, from);
        if (at != std::string::npos && at < cut) {
            cut = at;
            m_matchedString = s;
        }
    }
    size_t ready = m_text.size();
    if (cut != std::string::npos) {
        m_matched = true;
        m_text.resize(cut);
        ready = cut;
    } else {
        // Hold back the longest tail that is a proper prefix of a stop string.
        size_t hold = 0;
        for (const std::string &s : m_stops) {
            for (size_t len = std::min(s.size() - 1, m_text.size()); len > hold; --len) {
                if (std::string_view(m_text).substr(m_text.size() - len) == std::string_view(s).substr(0, len)) {
                    hold = len;
                    break;
                }
            }
        }
        ready = m_text.size() - hold;
    }
    // A match can cut into text already returned only if a stop string began
    // inside emitted text, which the hold-back rules out.
    std::string out = m_text.substr(m_emitted, ready > m_emitted ? ready - m_emitted : 0);
    m_emitted = std::max(m_emitted, ready);
    return out;
}

std::string StopStringMatcher::flush()
{
    if (m_matched || m_emitted >= m_text.size())
        return {};
    std::string out = m_text.substr(m_emitted);
    m_emitted = m_text.size();
    return out;
}

} // namespace modelatlas::engine
