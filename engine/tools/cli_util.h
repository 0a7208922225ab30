#pragma once
// Small helpers shared by the engine's command-line tools: strict number
// parsing (std::atoi would turn "-n abc" into 0 silently) and JSON string
// escaping for their --json output.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace modelatlas::tools {

// Whole string as an integer in [lo, hi]; false on anything else.
inline bool parseInt(const char *s, long long lo, long long hi, long long &out)
{
    if (!s || !*s)
        return false;
    char *end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    out = v;
    return true;
}

// Whole string as a finite number in [lo, hi].
inline bool parseFloat(const char *s, double lo, double hi, double &out)
{
    if (!s || !*s)
        return false;
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(s, &end);
    if (errno || *end || !(v >= lo && v <= hi))
        return false;
    out = v;
    return true;
}

// A JSON string literal (quotes included) for UTF-8 text.
inline std::string jsonString(std::string_view s)
{
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out.push_back(ch);
            }
        }
    }
    out += '"';
    return out;
}

} // namespace modelatlas::tools
