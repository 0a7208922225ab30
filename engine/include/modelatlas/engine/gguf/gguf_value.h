#pragma once
// A GGUF metadata value: a scalar, a string, or a (possibly nested) array.
// Values own their storage so they outlive neither the file nor the writer.
// Numeric arrays stay packed exactly as in the file (little-endian), because
// vocabularies hold hundreds of thousands of scores and token types.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine {

enum class GgufValueType : uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};

bool isValidGgufValueType(uint32_t id);
// "u32", "f32", "string", "array", ... (as in gguf-py dumps); "type#N" for unknown ids.
std::string ggufValueTypeName(uint32_t id);
inline std::string ggufValueTypeName(GgufValueType t) { return ggufValueTypeName(static_cast<uint32_t>(t)); }
// Size in bytes of a scalar element; 0 for String and Array.
size_t ggufScalarSize(GgufValueType t);
inline bool ggufIsInteger(GgufValueType t)
{
    return t == GgufValueType::UInt8 || t == GgufValueType::Int8 || t == GgufValueType::UInt16
        || t == GgufValueType::Int16 || t == GgufValueType::UInt32 || t == GgufValueType::Int32
        || t == GgufValueType::UInt64 || t == GgufValueType::Int64;
}

class GgufValue {
public:
    GgufValue() = default;

    // Scalars. The value is kept in its natural domain (unsigned, signed, float).
    static GgufValue u8(uint8_t v) { return unsignedOf(GgufValueType::UInt8, v); }
    static GgufValue u16(uint16_t v) { return unsignedOf(GgufValueType::UInt16, v); }
    static GgufValue u32(uint32_t v) { return unsignedOf(GgufValueType::UInt32, v); }
    static GgufValue u64(uint64_t v) { return unsignedOf(GgufValueType::UInt64, v); }
    static GgufValue i8(int8_t v) { return signedOf(GgufValueType::Int8, v); }
    static GgufValue i16(int16_t v) { return signedOf(GgufValueType::Int16, v); }
    static GgufValue i32(int32_t v) { return signedOf(GgufValueType::Int32, v); }
    static GgufValue i64(int64_t v) { return signedOf(GgufValueType::Int64, v); }
    static GgufValue f32(float v);
    static GgufValue f64(double v);
    static GgufValue boolean(bool v) { return unsignedOf(GgufValueType::Bool, v ? 1 : 0); }
    static GgufValue string(std::string v);

    // Arrays. Numeric arrays take packed little-endian bytes (count * element size).
    static GgufValue packedArray(GgufValueType elemType, uint64_t count, std::vector<uint8_t> bytes);
    template <typename T>
    static GgufValue numericArray(GgufValueType elemType, const std::vector<T> &values)
    {
        std::vector<uint8_t> bytes(values.size() * sizeof(T));
        if (!bytes.empty())
            std::memcpy(bytes.data(), values.data(), bytes.size());
        return packedArray(elemType, values.size(), std::move(bytes));
    }
    static GgufValue stringArray(std::vector<std::string> values);
    // An array whose elements are arrays (nested). Element types may differ.
    static GgufValue arrayOfArrays(std::vector<GgufValue> arrays);

    GgufValueType type() const { return m_type; }
    bool isArray() const { return m_type == GgufValueType::Array; }

    // Scalar access; nullopt when the value is not of a compatible kind or out of range.
    std::optional<uint64_t> asUInt64() const;   // any integer >= 0
    std::optional<int64_t> asInt64() const;     // any integer that fits
    std::optional<double> asDouble() const;     // f32 / f64
    std::optional<bool> asBool() const;
    const std::string *asString() const { return m_type == GgufValueType::String ? &m_string : nullptr; }

    // Array access (only meaningful when isArray()).
    GgufValueType elementType() const { return m_elemType; }
    uint64_t size() const { return m_count; }
    const std::vector<uint8_t> &packed() const { return m_packed; }           // numeric elements
    const std::vector<std::string> &strings() const { return m_strings; }     // string elements
    const std::vector<GgufValue> &arrays() const { return m_arrays; }         // nested elements
    // Element i of a numeric array, widened; nullopt when not numeric / not in range.
    std::optional<int64_t> elementInt64(uint64_t i) const;
    std::optional<double> elementDouble(uint64_t i) const;

    // Human-readable rendering for `gguf-info` and the app's metadata view:
    // arrays show at most `maxItems` elements and then "... (N more)".
    std::string toDisplayString(size_t maxItems = 8) const;

    bool operator==(const GgufValue &other) const;

private:
    static GgufValue unsignedOf(GgufValueType t, uint64_t v)
    {
        GgufValue g;
        g.m_type = t;
        g.m_u = v;
        return g;
    }
    static GgufValue signedOf(GgufValueType t, int64_t v)
    {
        GgufValue g;
        g.m_type = t;
        g.m_i = v;
        return g;
    }

    GgufValueType m_type = GgufValueType::UInt8;
    uint64_t m_u = 0;   // unsigned integers and bool
    int64_t m_i = 0;    // signed integers
    double m_f = 0;     // f32 (exactly widened) and f64
    std::string m_string;

    GgufValueType m_elemType = GgufValueType::UInt8;
    uint64_t m_count = 0;
    std::vector<uint8_t> m_packed;
    std::vector<std::string> m_strings;
    std::vector<GgufValue> m_arrays;

};

struct GgufKeyValue {
    std::string key;
    GgufValue value;
};

} // namespace modelatlas::engine
