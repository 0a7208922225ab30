#include "modelatlas/engine/gguf/gguf_value.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace modelatlas::engine {

bool isValidGgufValueType(uint32_t id)
{
    return id <= static_cast<uint32_t>(GgufValueType::Float64);
}

std::string ggufValueTypeName(uint32_t id)
{
    static constexpr const char *kNames[] = {"u8",   "i8",     "u16",   "i16", "u32", "i32", "f32",
                                             "bool", "string", "array", "u64", "i64", "f64"};
    if (isValidGgufValueType(id))
        return kNames[id];
    return "type#" + std::to_string(id);
}

size_t ggufScalarSize(GgufValueType t)
{
    switch (t) {
    case GgufValueType::UInt8:
    case GgufValueType::Int8:
    case GgufValueType::Bool:
        return 1;
    case GgufValueType::UInt16:
    case GgufValueType::Int16:
        return 2;
    case GgufValueType::UInt32:
    case GgufValueType::Int32:
    case GgufValueType::Float32:
        return 4;
    case GgufValueType::UInt64:
    case GgufValueType::Int64:
    case GgufValueType::Float64:
        return 8;
    case GgufValueType::String:
    case GgufValueType::Array:
        return 0;
    }
    return 0;
}

namespace {

bool isSigned(GgufValueType t)
{
    return t == GgufValueType::Int8 || t == GgufValueType::Int16 || t == GgufValueType::Int32
        || t == GgufValueType::Int64;
}

bool isUnsigned(GgufValueType t)
{
    return t == GgufValueType::UInt8 || t == GgufValueType::UInt16 || t == GgufValueType::UInt32
        || t == GgufValueType::UInt64;
}

// Reads element i of a packed little-endian array (memcpy: the file gives no alignment).
template <typename T>
T load(const std::vector<uint8_t> &bytes, uint64_t i)
{
    T v;
    std::memcpy(&v, bytes.data() + i * sizeof(T), sizeof(T));
    return v;
}

} // namespace

GgufValue GgufValue::f32(float v)
{
    GgufValue g;
    g.m_type = GgufValueType::Float32;
    g.m_f = v;
    return g;
}

GgufValue GgufValue::f64(double v)
{
    GgufValue g;
    g.m_type = GgufValueType::Float64;
    g.m_f = v;
    return g;
}

GgufValue GgufValue::string(std::string v)
{
    GgufValue g;
    g.m_type = GgufValueType::String;
    g.m_string = std::move(v);
    return g;
}

GgufValue GgufValue::packedArray(GgufValueType elemType, uint64_t count, std::vector<uint8_t> bytes)
{
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elemType = elemType;
    g.m_count = count;
    g.m_packed = std::move(bytes);
    return g;
}

GgufValue GgufValue::stringArray(std::vector<std::string> values)
{
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elemType = GgufValueType::String;
    g.m_count = values.size();
    g.m_strings = std::move(values);
    return g;
}

GgufValue GgufValue::arrayOfArrays(std::vector<GgufValue> arrays)
{
    GgufValue g;
    g.m_type = GgufValueType::Array;
    g.m_elemType = GgufValueType::Array;
    g.m_count = arrays.size();
    g.m_arrays = std::move(arrays);
    return g;
}

std::optional<uint64_t> GgufValue::asUInt64() const
{
    if (isUnsigned(m_type))
        return m_u;
    if (isSigned(m_type) && m_i >= 0)
        return static_cast<uint64_t>(m_i);
    return std::nullopt;
}

std::optional<int64_t> GgufValue::asInt64() const
{
    if (isSigned(m_type))
        return m_i;
    if (isUnsigned(m_type) && m_u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return static_cast<int64_t>(m_u);
    return std::nullopt;
}

std::optional<double> GgufValue::asDouble() const
{
    if (m_type == GgufValueType::Float32 || m_type == GgufValueType::Float64)
        return m_f;
    return std::nullopt;
}

std::optional<bool> GgufValue::asBool() const
{
    if (m_type == GgufValueType::Bool)
        return m_u != 0;
    return std::nullopt;
}

std::optional<int64_t> GgufValue::elementInt64(uint64_t i) const
{
    if (!isArray() || i >= m_count)
        return std::nullopt;
    switch (m_elemType) {
    case GgufValueType::UInt8: return load<uint8_t>(m_packed, i);
    case GgufValueType::Int8: return load<int8_t>(m_packed, i);
    case GgufValueType::UInt16: return load<uint16_t>(m_packed, i);
    case GgufValueType::Int16: return load<int16_t>(m_packed, i);
    case GgufValueType::UInt32: return load<uint32_t>(m_packed, i);
    case GgufValueType::Int32: return load<int32_t>(m_packed, i);
    case GgufValueType::Int64: return load<int64_t>(m_packed, i);
    case GgufValueType::Bool: return load<uint8_t>(m_packed, i) != 0 ? 1 : 0;
    case GgufValueType::UInt64: {
        const auto v = load<uint64_t>(m_packed, i);
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            return std::nullopt;
        return static_cast<int64_t>(v);
    }
    default:
        return std::nullopt;
    }
}

std::optional<double> GgufValue::elementDouble(uint64_t i) const
{
    if (!isArray() || i >= m_count)
        return std::nullopt;
    if (m_elemType == GgufValueType::Float32)
        return load<float>(m_packed, i);
    if (m_elemType == GgufValueType::Float64)
        return load<double>(m_packed, i);
    if (m_elemType == GgufValueType::UInt64)
        return static_cast<double>(load<uint64_t>(m_packed, i));
    if (const auto v = elementInt64(i))
        return static_cast<double>(*v);
    return std::nullopt;
}

namespace {

std::string quoted(const std::string &s, size_t maxChars)
{
    std::string out = "\"";
    size_t n = 0;
    for (char c : s) {
        if (n++ == maxChars) {
            out += "...";
            break;
        }
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '"') out += "\\\"";
        else if (static_cast<unsigned char>(c) < 0x20) out += '?';
        else out += c;
    }
    out += '"';
    return out;
}

} // namespace

std::string GgufValue::toDisplayString(size_t maxItems) const
{
    std::ostringstream os;
    switch (m_type) {
    case GgufValueType::UInt8:
    case GgufValueType::UInt16:
    case GgufValueType::UInt32:
    case GgufValueType::UInt64: os << m_u; break;
    case GgufValueType::Int8:
    case GgufValueType::Int16:
    case GgufValueType::Int32:
    case GgufValueType::Int64: os << m_i; break;
    case GgufValueType::Float32:
    case GgufValueType::Float64: os << m_f; break;
    case GgufValueType::Bool: os << (m_u ? "true" : "false"); break;
    case GgufValueType::String: os << quoted(m_string, 120); break;
    case GgufValueType::Array: {
        os << ggufValueTypeName(m_elemType) << "[" << m_count << "] [";
        const uint64_t shown = std::min<uint64_t>(m_count, maxItems);
        for (uint64_t i = 0; i < shown; ++i) {
            if (i) os << ", ";
            if (m_elemType == GgufValueType::String) os << quoted(m_strings[i], 40);
            else if (m_elemType == GgufValueType::Array) os << m_arrays[i].toDisplayString(maxItems);
            else if (m_elemType == GgufValueType::Float32 || m_elemType == GgufValueType::Float64)
                os << *elementDouble(i);
            else if (m_elemType == GgufValueType::UInt64) os << load<uint64_t>(m_packed, i);
            else os << *elementInt64(i);
        }
        if (m_count > shown) os << ", ... (" << (m_count - shown) << " more)";
        os << "]";
        break;
    }
    }
    return os.str();
}

bool GgufValue::operator==(const GgufValue &o) const
{
    if (m_type != o.m_type)
        return false;
    switch (m_type) {
    case GgufValueType::String: return m_string == o.m_string;
    case GgufValueType::Array:
        return m_elemType == o.m_elemType && m_count == o.m_count && m_packed == o.m_packed
            && m_strings == o.m_strings && m_arrays == o.m_arrays;
    case GgufValueType::Float32:
    case GgufValueType::Float64:
        // Bitwise, so NaN round-trips compare equal.
        return std::memcmp(&m_f, &o.m_f, sizeof m_f) == 0;
    default: return m_u == o.m_u && m_i == o.m_i;
    }
}

} // namespace modelatlas::engine
