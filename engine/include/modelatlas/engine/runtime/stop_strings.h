#pragma once
// StopStringMatcher: watches generated text for stop strings while it is
// streamed. Definition (see docs/ENGINE.md "Stop strings"): generation ends at
// the first place where any stop string occurs in the text generated so far
// (not in the prompt); the returned and streamed text ends just before that
// occurrence, so neither the stop string nor anything after it in the same
// token is shown. To make streaming agree with the final text, the matcher holds
// back the longest tail that could still become a stop string, and releases it
// once the next piece rules that out (or at flush()).

#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine {

class StopStringMatcher {
public:
    // Empty strings are ignored (they would match before any text).
    explicit StopStringMatcher(std::vector<std::string> stopStrings);

    // Appends a decoded (UTF-8 complete) piece; returns the text that is now
    // safe to show. After a match it returns the text up to the stop string and
    // matched() is true; later pushes return "".
    std::string push(std::string_view piece);
    // The text held back as a possible stop-string prefix; call when generation
    // ends without a match.
    std::string flush();

    bool matched() const { return m_matched; }
    const std::string &matchedString() const { return m_matchedString; }
    // Everything generated so far, cut before the stop string after a match.
    const std::string &text() const { return m_text; }

private:
    std::vector<std::string> m_stops;
    std::string m_text;
    size_t m_emitted = 0;   // bytes of m_text already returned
    bool m_matched = false;
    std::string m_matchedString;
};

} // namespace modelatlas::engine
