#include "modelatlas/engine/gguf/gguf_file.h"

#include "gguf/gguf_parser.h"
#include "gguf/mapped_file.h"

#include <cmath>
#include <limits>

namespace modelatlas::engine {

std::string GgufTensorInfo::shapeString() const
{
    std::string s = "[";
    for (uint32_t d = 0; d < nDims && d < 4; ++d) {
        if (d)
            s += ", ";
        s += std::to_string(ne[d]);
    }
    return s + "]";
}

GgufFile::~GgufFile() = default;

Result<std::unique_ptr<GgufFile>> GgufFile::parse(std::span<const uint8_t> bytes, std::string displayName)
{
    std::unique_ptr<GgufFile> file(new GgufFile);
    file->m_path = std::move(displayName);
    file->m_fileSize = bytes.size();
    GgufParser parser(bytes, *file);
    if (auto r = parser.run(); !r)
        return makeError(file->m_path, ": ", r.message());
    return file;
}

Result<std::unique_ptr<GgufFile>> GgufFile::open(const std::string &path)
{
    auto mapping = MappedFile::open(path);
    if (!mapping)
        return mapping.error();
    std::span<const uint8_t> bytes(mapping.value()->data(), static_cast<size_t>(mapping.value()->size()));
    auto file = parse(bytes, path);
    if (file)
        file.value()->m_mapping = std::move(mapping.value());
    return file;
}

const GgufValue *GgufFile::find(std::string_view key) const
{
    const auto it = m_kvIndex.find(std::string(key));
    return it == m_kvIndex.end() ? nullptr : &m_kv[it->second].value;
}

const GgufTensorInfo *GgufFile::findTensor(std::string_view name) const
{
    const auto it = m_tensorIndex.find(std::string(name));
    return it == m_tensorIndex.end() ? nullptr : &m_tensors[it->second];
}

namespace {

Error missing(std::string_view key)
{
    return makeError("missing metadata key '", key, "'");
}

Error wrongType(std::string_view key, const GgufValue &v, const char *expected)
{
    return makeError("metadata '", key, "' has type ", ggufValueTypeName(v.type()), ", expected ", expected);
}

template <typename T>
Result<T> integerAs(std::string_view key, const GgufValue *v, const char *expected)
{
    if (!v)
        return missing(key);
    if (!ggufIsInteger(v->type()))
        return wrongType(key, *v, expected);
    if constexpr (std::is_unsigned_v<T>) {
        const auto u = v->asUInt64();
        if (u && *u <= std::numeric_limits<T>::max())
            return static_cast<T>(*u);
    } else {
        const auto i = v->asInt64();
        if (i && *i >= std::numeric_limits<T>::min() && *i <= std::numeric_limits<T>::max())
            return static_cast<T>(*i);
    }
    return makeError("metadata '", key, "' = ", v->toDisplayString(), " does not fit in ", expected);
}

} // namespace

Result<uint32_t> GgufFile::getU32(std::string_view key) const { return integerAs<uint32_t>(key, find(key), "u32"); }
Result<int32_t> GgufFile::getI32(std::string_view key) const { return integerAs<int32_t>(key, find(key), "i32"); }
Result<uint64_t> GgufFile::getU64(std::string_view key) const { return integerAs<uint64_t>(key, find(key), "u64"); }
Result<int64_t> GgufFile::getI64(std::string_view key) const { return integerAs<int64_t>(key, find(key), "i64"); }

Result<float> GgufFile::getF32(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (!v)
        return missing(key);
    const auto d = v->asDouble();
    if (!d)
        return wrongType(key, *v, "f32");
    if (std::isfinite(*d) && std::fabs(*d) > double(std::numeric_limits<float>::max()))
        return makeError("metadata '", key, "' = ", *d, " is out of the f32 range");
    return static_cast<float>(*d);
}

Result<bool> GgufFile::getBool(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (!v)
        return missing(key);
    const auto b = v->asBool();
    if (!b)
        return wrongType(key, *v, "bool");
    return *b;
}

Result<std::string> GgufFile::getString(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (!v)
        return missing(key);
    const std::string *s = v->asString();
    if (!s)
        return wrongType(key, *v, "string");
    return *s;
}

Result<uint64_t> GgufFile::getUIntInRange(std::string_view key, uint64_t lo, uint64_t hi) const
{
    auto r = getU64(key);
    if (!r)
        return r;
    if (*r < lo || *r > hi)
        return makeError("metadata '", key, "' = ", *r, " is outside the supported range ", lo, " to ", hi);
    return r;
}

Result<const GgufValue *> GgufFile::getArray(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (!v)
        return missing(key);
    if (!v->isArray())
        return wrongType(key, *v, "array");
    return v;
}

Result<std::span<const std::string>> GgufFile::getStringArray(std::string_view key) const
{
    auto a = getArray(key);
    if (!a)
        return a.error();
    if ((*a)->elementType() != GgufValueType::String)
        return makeError("metadata '", key, "' is an array of ", ggufValueTypeName((*a)->elementType()),
                         ", expected an array of string");
    return std::span<const std::string>((*a)->strings());
}

Result<std::vector<float>> GgufFile::getF32Array(std::string_view key) const
{
    auto a = getArray(key);
    if (!a)
        return a.error();
    const GgufValue &arr = **a;
    if (arr.elementType() != GgufValueType::Float32 && arr.elementType() != GgufValueType::Float64)
        return makeError("metadata '", key, "' is an array of ", ggufValueTypeName(arr.elementType()),
                         ", expected an array of f32");
    std::vector<float> out(static_cast<size_t>(arr.size()));
    for (uint64_t i = 0; i < arr.size(); ++i)
        out[i] = static_cast<float>(*arr.elementDouble(i));
    return out;
}

Result<std::vector<int32_t>> GgufFile::getI32Array(std::string_view key) const
{
    auto a = getArray(key);
    if (!a)
        return a.error();
    const GgufValue &arr = **a;
    if (!ggufIsInteger(arr.elementType()))
        return makeError("metadata '", key, "' is an array of ", ggufValueTypeName(arr.elementType()),
                         ", expected an array of integers");
    std::vector<int32_t> out(static_cast<size_t>(arr.size()));
    for (uint64_t i = 0; i < arr.size(); ++i) {
        const auto v = arr.elementInt64(i);
        if (!v || *v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max())
            return makeError("metadata '", key, "' element ", i, " does not fit in i32");
        out[i] = static_cast<int32_t>(*v);
    }
    return out;
}

} // namespace modelatlas::engine
