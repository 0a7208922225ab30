#include "gguf/gguf_parser.h"

#include "modelatlas/engine/gguf/gguf_limits.h"
#include "modelatlas/engine/version.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace modelatlas::engine {

static_assert(std::endian::native == std::endian::little,
              "the GGUF reader maps little-endian files in place");

namespace lim = gguf_limits;

std::string printableName(std::string_view s)
{
    std::string out;
    for (char c : s.substr(0, 120)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (s.size() > 120)
        out += "...";
    return out;
}

namespace {

// a + b without wrapping; false on overflow.
bool addChecked(uint64_t a, uint64_t b, uint64_t &sum)
{
    return !__builtin_add_overflow(a, b, &sum);
}

bool mulChecked(uint64_t a, uint64_t b, uint64_t &product)
{
    return !__builtin_mul_overflow(a, b, &product);
}

} // namespace

bool GgufParser::fail(std::string message)
{
    if (m_error.empty())
        m_error = std::move(message);
    return false;
}

bool GgufParser::need(uint64_t n, const char *what)
{
    const uint64_t remaining = m_bytes.size() - m_pos;
    if (n <= remaining)
        return true;
    return fail(detail::cat("truncated file: ", m_where, ": ", what, " needs ", n, " bytes at offset ",
                            m_pos, ", but only ", remaining, " remain (file size ", m_bytes.size(), ")"));
}

bool GgufParser::readU32(uint32_t &v, const char *what)
{
    if (!need(4, what))
        return false;
    std::memcpy(&v, m_bytes.data() + m_pos, 4);
    m_pos += 4;
    return true;
}

bool GgufParser::readU64(uint64_t &v, const char *what)
{
    if (!need(8, what))
        return false;
    std::memcpy(&v, m_bytes.data() + m_pos, 8);
    m_pos += 8;
    return true;
}

bool GgufParser::readString(std::string &s, uint64_t maxLength, const char *what)
{
    uint64_t len = 0;
    if (!readU64(len, what))
        return false;
    if (len > maxLength)
        return fail(detail::cat(m_where, ": ", what, " length ", len, " exceeds the limit of ", maxLength,
                                " bytes"));
    if (!need(len, what))
        return false;
    s.assign(reinterpret_cast<const char *>(m_bytes.data() + m_pos), static_cast<size_t>(len));
    m_pos += len;
    return true;
}

bool GgufParser::header()
{
    if (m_bytes.empty())
        return fail("not a GGUF file: the file is empty");
    if (m_bytes.size() < 4 || std::memcmp(m_bytes.data(), "GGUF", 4) != 0) {
        std::string got;
        for (size_t i = 0; i < std::min<size_t>(4, m_bytes.size()); ++i)
            got += printableName(std::string_view(reinterpret_cast<const char *>(m_bytes.data()) + i, 1));
        return fail("not a GGUF file: it starts with '" + got + "' instead of the magic 'GGUF'");
    }
    m_pos = 4;
    uint32_t version = 0;
    if (!readU32(version, "version"))
        return false;
    if (version == 1)
        return fail("GGUF version 1 is obsolete and not supported; re-convert the model with a current "
                    "llama.cpp");
    if (version > 0xffff && __builtin_bswap32(version) <= kGgufMaxVersion)
        return fail(detail::cat("GGUF version field ", version,
                                " looks byte-swapped: big-endian GGUF files are not supported"));
    if (version < kGgufMinVersion || version > kGgufMaxVersion)
        return fail(detail::cat("unsupported GGUF version ", version, " (supported: ", kGgufMinVersion, " to ",
                                kGgufMaxVersion, ")"));
    m_out.m_version = version;

    uint64_t nTensors = 0;
    uint64_t nKv = 0;
    if (!readU64(nTensors, "n_tensors") || !readU64(nKv, "n_kv"))
        return false;
    if (nTensors > lim::kMaxTensors)
        return fail(detail::cat("tensor count n_tensors = ", nTensors, " exceeds the limit of ",
                                lim::kMaxTensors));
    if (nKv > lim::kMaxKeyValues)
        return fail(detail::cat("metadata count n_kv = ", nKv, " exceeds the limit of ", lim::kMaxKeyValues));
    return keyValues(nKv) && tensorInfos(nTensors) && alignmentFromMetadata() && layoutTensorData();
}

bool GgufParser::keyValues(uint64_t nKv)
{
    for (uint64_t i = 0; i < nKv; ++i) {
        m_where = detail::cat("metadata entry #", i);
        GgufKeyValue kv;
        if (!readString(kv.key, lim::kMaxKeyLength, "key"))
            return false;
        if (kv.key.empty())
            return fail(m_where + " has an empty key");
        m_where = "metadata '" + printableName(kv.key) + "'";
        if (m_out.m_kvIndex.count(kv.key))
            return fail("duplicate metadata key '" + printableName(kv.key) + "'");
        uint32_t typeId = 0;
        if (!readU32(typeId, "value type"))
            return false;
        if (!isValidGgufValueType(typeId))
            return fail(detail::cat(m_where, ": invalid value type id ", typeId, " (valid: 0 to 12)"));
        if (!value(static_cast<GgufValueType>(typeId), 0, kv.value))
            return false;
        m_out.m_kvIndex.emplace(kv.key, m_out.m_kv.size());
        m_out.m_kv.push_back(std::move(kv));
    }
    return true;
}

bool GgufParser::value(GgufValueType type, uint32_t depth, GgufValue &out)
{
    const uint8_t *p = m_bytes.data() + m_pos;
    switch (type) {
    case GgufValueType::String: {
        std::string s;
        if (!readString(s, lim::kMaxStringLength, "string value"))
            return false;
        out = GgufValue::string(std::move(s));
        return true;
    }
    case GgufValueType::Array:
        return arrayBody(depth, out);
    default:
        break;
    }
    const size_t size = ggufScalarSize(type);
    if (!need(size, "value"))
        return false;
    m_pos += size;
    uint64_t u = 0;
    std::memcpy(&u, p, size);
    switch (type) {
    case GgufValueType::UInt8: out = GgufValue::u8(static_cast<uint8_t>(u)); break;
    case GgufValueType::UInt16: out = GgufValue::u16(static_cast<uint16_t>(u)); break;
    case GgufValueType::UInt32: out = GgufValue::u32(static_cast<uint32_t>(u)); break;
    case GgufValueType::UInt64: out = GgufValue::u64(u); break;
    case GgufValueType::Int8: out = GgufValue::i8(static_cast<int8_t>(u)); break;
    case GgufValueType::Int16: out = GgufValue::i16(static_cast<int16_t>(u)); break;
    case GgufValueType::Int32: out = GgufValue::i32(static_cast<int32_t>(u)); break;
    case GgufValueType::Int64: out = GgufValue::i64(static_cast<int64_t>(u)); break;
    case GgufValueType::Float32: out = GgufValue::f32(std::bit_cast<float>(static_cast<uint32_t>(u))); break;
    case GgufValueType::Float64: out = GgufValue::f64(std::bit_cast<double>(u)); break;
    case GgufValueType::Bool:
        if (u > 1)
            return fail(detail::cat(m_where, ": bool value ", u, " is neither 0 nor 1"));
        out = GgufValue::boolean(u != 0);
        break;
    default: break;   // String/Array handled above
    }
    return true;
}

bool GgufParser::arrayBody(uint32_t depth, GgufValue &out)
{
    if (depth >= lim::kMaxArrayNesting)
        return fail(detail::cat(m_where, ": arrays nested deeper than ", lim::kMaxArrayNesting, " levels"));
    uint32_t elemId = 0;
    uint64_t count = 0;
    if (!readU32(elemId, "array element type"))
        return false;
    if (!isValidGgufValueType(elemId))
        return fail(detail::cat(m_where, ": invalid array element type id ", elemId, " (valid: 0 to 12)"));
    if (!readU64(count, "array length"))
        return false;
    if (count > lim::kMaxArrayLength)
        return fail(detail::cat(m_where, ": array length ", count, " exceeds the limit of ", lim::kMaxArrayLength,
                                " elements"));
    const auto elemType = static_cast<GgufValueType>(elemId);
    // Every element takes at least this many bytes in the file; checking the
    // total up front bounds what a lying count can make us allocate.
    const uint64_t minElemBytes = elemType == GgufValueType::String ? 8
                                : elemType == GgufValueType::Array  ? 12
                                                                    : ggufScalarSize(elemType);
    if (!need(count * minElemBytes, "array elements"))   // count <= 2^24, no overflow
        return false;

    if (elemType == GgufValueType::String) {
        std::vector<std::string> items(static_cast<size_t>(count));
        for (auto &s : items) {
            if (!readString(s, lim::kMaxStringLength, "array string element"))
                return false;
        }
        out = GgufValue::stringArray(std::move(items));
        return true;
    }
    if (elemType == GgufValueType::Array) {
        std::vector<GgufValue> items(static_cast<size_t>(count));
        for (auto &item : items) {
            if (!arrayBody(depth + 1, item))
                return false;
        }
        out = GgufValue::arrayOfArrays(std::move(items));
        return true;
    }
    const uint64_t nBytes = count * minElemBytes;
    std::vector<uint8_t> packed(m_bytes.data() + m_pos, m_bytes.data() + m_pos + nBytes);
    if (elemType == GgufValueType::Bool) {
        for (uint64_t i = 0; i < count; ++i) {
            if (packed[i] > 1)
                return fail(detail::cat(m_where, ": bool array element ", i, " has value ", unsigned(packed[i]),
                                        ", neither 0 nor 1"));
        }
    }
    m_pos += nBytes;
    out = GgufValue::packedArray(elemType, count, std::move(packed));
    return true;
}

bool GgufParser::tensorInfos(uint64_t nTensors)
{
    for (uint64_t i = 0; i < nTensors; ++i) {
        m_where = detail::cat("tensor info #", i);
        GgufTensorInfo t;
        if (!readString(t.name, lim::kMaxTensorNameLength, "tensor name"))
            return false;
        if (t.name.empty())
            return fail(m_where + " has an empty name");
        const std::string name = printableName(t.name);
        m_where = "tensor '" + name + "'";
        if (m_out.m_tensorIndex.count(t.name))
            return fail("duplicate tensor name '" + name + "'");
        if (!readU32(t.nDims, "n_dims"))
            return false;
        if (t.nDims == 0 || t.nDims > lim::kMaxDims)
            return fail(detail::cat(m_where, ": n_dims = ", t.nDims, ", but 1 to ", lim::kMaxDims,
                                    " dimensions are supported"));
        for (uint32_t d = 0; d < t.nDims; ++d) {
            if (!readU64(t.ne[d], "dimension"))
                return false;
        }
        // ggml indexes with int64: every dimension and the element count must fit.
        uint64_t n = 1;
        bool overflow = false;
        for (uint32_t d = 0; d < t.nDims; ++d)
            overflow |= t.ne[d] > uint64_t(std::numeric_limits<int64_t>::max()) || !mulChecked(n, t.ne[d], n);
        if (overflow || n > uint64_t(std::numeric_limits<int64_t>::max()))
            return fail(detail::cat(m_where, ": element count of shape ", t.shapeString(), " overflows"));
        t.nElements = n;

        uint32_t typeId = 0;
        if (!readU32(typeId, "tensor type"))
            return false;
        const GgmlTypeTraits *traits = ggmlTypeTraits(typeId);
        if (!traits)
            return fail(detail::cat(m_where, ": unknown or unsupported tensor type id ", typeId));
        t.type = traits->type;
        if (t.ne[0] % traits->blockSize != 0)
            return fail(detail::cat(m_where, ": row length ne[0] = ", t.ne[0], " is not a multiple of the ",
                                    traits->name, " block size ", traits->blockSize));
        const uint64_t blocks = n / traits->blockSize;
        if (!mulChecked(blocks, traits->bytesPerBlock, t.nBytes))
            return fail(detail::cat(m_where, ": byte size of ", n, " ", traits->name, " elements overflows"));
        if (!readU64(t.offset, "data offset"))
            return false;
        m_out.m_tensorIndex.emplace(t.name, m_out.m_tensors.size());
        m_out.m_tensors.push_back(std::move(t));
    }
    m_where = "tensor data";
    return true;
}

bool GgufParser::alignmentFromMetadata()
{
    const GgufValue *v = m_out.find("general.alignment");
    if (!v) {
        m_out.m_alignment = lim::kDefaultAlignment;
        return true;
    }
    if (v->type() != GgufValueType::UInt32)
        return fail("general.alignment must be of type u32, but has type " + ggufValueTypeName(v->type()));
    const uint64_t a = *v->asUInt64();
    if (a == 0 || !std::has_single_bit(a) || a > lim::kMaxAlignment)
        return fail(detail::cat("general.alignment = ", a, " is not a power of two between 1 and ",
                                lim::kMaxAlignment));
    m_out.m_alignment = static_cast<uint32_t>(a);
    return true;
}

bool GgufParser::layoutTensorData()
{
    const uint64_t align = m_out.m_alignment;
    const uint64_t fileSize = m_bytes.size();
    // m_pos <= fileSize and align <= 2^20, so this cannot wrap.
    m_out.m_dataOffset = (m_pos + align - 1) / align * align;
    if (m_out.m_tensors.empty())
        return true;   // vocab-only files may end right after the header
    if (m_out.m_dataOffset > fileSize)
        return fail(detail::cat("truncated file: the tensor data section starts at offset ", m_out.m_dataOffset,
                                " but the file has only ", fileSize, " bytes"));
    const uint64_t dataSize = fileSize - m_out.m_dataOffset;

    std::vector<const GgufTensorInfo *> byOffset;
    byOffset.reserve(m_out.m_tensors.size());
    for (auto &t : m_out.m_tensors) {
        const std::string where = "tensor '" + printableName(t.name) + "'";
        if (t.offset % align != 0)
            return fail(detail::cat(where, ": data offset ", t.offset, " is not a multiple of the alignment ",
                                    align));
        uint64_t end = 0;
        if (!addChecked(t.offset, t.nBytes, end) || end > dataSize)
            return fail(detail::cat(where, ": data (", t.nBytes, " bytes at offset ", t.offset,
                                    " of the data section) extends past the end of the file (data section is ",
                                    dataSize, " bytes); the file is truncated or corrupt"));
        t.data = m_bytes.data() + m_out.m_dataOffset + t.offset;
        byOffset.push_back(&t);
    }
    std::sort(byOffset.begin(), byOffset.end(),
              [](const GgufTensorInfo *a, const GgufTensorInfo *b) { return a->offset < b->offset; });
    for (size_t i = 1; i < byOffset.size(); ++i) {
        const GgufTensorInfo &a = *byOffset[i - 1];
        const GgufTensorInfo &b = *byOffset[i];
        if (a.offset + a.nBytes > b.offset)
            return fail("tensor '" + printableName(a.name) + "' and tensor '" + printableName(b.name)
                        + "' overlap in the data section");
    }
    return true;
}

Result<void> GgufParser::run()
{
    if (!header())
        return Error{m_error};
    return {};
}

} // namespace modelatlas::engine
