#include "modelatlas/engine/gguf/gguf_writer.h"

#include "modelatlas/engine/gguf/gguf_limits.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

namespace modelatlas::engine {

namespace {

class ByteSink {
public:
    std::vector<uint8_t> bytes;
    void raw(const void *p, size_t n)
    {
        const auto *b = static_cast<const uint8_t *>(p);
        bytes.insert(bytes.end(), b, b + n);
    }
    void u32(uint32_t v) { raw(&v, 4); }
    void u64(uint64_t v) { raw(&v, 8); }
    void str(const std::string &s)
    {
        u64(s.size());
        raw(s.data(), s.size());
    }
    void pad(uint64_t alignment)
    {
        while (bytes.size() % alignment != 0)
            bytes.push_back(0);
    }
};

void writeArrayBody(ByteSink &out, const GgufValue &v);

void writeValue(ByteSink &out, const GgufValue &v)
{
    switch (v.type()) {
    case GgufValueType::String: out.str(*v.asString()); return;
    case GgufValueType::Array: writeArrayBody(out, v); return;
    case GgufValueType::Float32: {
        const float f = static_cast<float>(*v.asDouble());
        out.raw(&f, 4);
        return;
    }
    case GgufValueType::Float64: {
        const double d = *v.asDouble();
        out.raw(&d, 8);
        return;
    }
    default: break;
    }
    // Integers and bool: the low bytes of the two's-complement value (little-endian host).
    const uint64_t bits = v.asUInt64() ? *v.asUInt64()
                        : v.asBool()   ? uint64_t(*v.asBool())
                                       : static_cast<uint64_t>(*v.asInt64());
    out.raw(&bits, ggufScalarSize(v.type()));
}

void writeArrayBody(ByteSink &out, const GgufValue &v)
{
    out.u32(static_cast<uint32_t>(v.elementType()));
    out.u64(v.size());
    if (v.elementType() == GgufValueType::String) {
        for (const auto &s : v.strings())
            out.str(s);
    } else if (v.elementType() == GgufValueType::Array) {
        for (const auto &a : v.arrays())
            writeArrayBody(out, a);
    } else {
        out.raw(v.packed().data(), v.packed().size());
    }
}

} // namespace

void GgufWriter::set(const std::string &key, GgufValue value)
{
    for (auto &kv : m_kv) {
        if (kv.key == key) {
            kv.value = std::move(value);
            return;
        }
    }
    m_kv.push_back({key, std::move(value)});
}

Result<uint32_t> GgufWriter::alignment() const
{
    for (const auto &kv : m_kv) {
        if (kv.key != "general.alignment")
            continue;
        const auto a = kv.value.asUInt64();
        if (kv.value.type() != GgufValueType::UInt32 || !a || *a == 0 || !std::has_single_bit(*a)
            || *a > gguf_limits::kMaxAlignment)
            return makeError("general.alignment must be a u32 power of two up to ", gguf_limits::kMaxAlignment);
        return static_cast<uint32_t>(*a);
    }
    return gguf_limits::kDefaultAlignment;
}

Result<void> GgufWriter::addTensorImpl(const std::string &name, GgmlType type, std::vector<uint64_t> shape,
                                       std::vector<uint8_t> *data)
{
    if (shape.empty() || shape.size() > gguf_limits::kMaxDims)
        return makeError("tensor '", name, "': 1 to 4 dimensions are supported, got ", shape.size());
    for (const auto &t : m_tensors) {
        if (t.name == name)
            return makeError("duplicate tensor name '", name, "'");
    }
    uint64_t n = 1;
    for (uint64_t d : shape) {
        if (__builtin_mul_overflow(n, d, &n))
            return makeError("tensor '", name, "': element count overflows");
    }
    const GgmlTypeTraits *traits = ggmlTypeTraits(static_cast<uint32_t>(type));
    if (!traits)
        return makeError("tensor '", name, "': unknown tensor type id ", static_cast<uint32_t>(type));
    if (shape[0] % traits->blockSize != 0)
        return makeError("tensor '", name, "': row length ", shape[0], " is not a multiple of the ", traits->name,
                         " block size ", traits->blockSize);
    auto nBytes = ggmlTensorBytes(type, n);
    if (!nBytes)
        return makeError("tensor '", name, "': ", nBytes.message());
    if (data && data->size() != *nBytes)
        return makeError("tensor '", name, "': data has ", data->size(), " bytes, expected ", *nBytes);
    auto align = alignment();
    if (!align)
        return align.error();
    Tensor t{name, type, std::move(shape), *nBytes, 0, {}, data != nullptr};
    t.offset = (m_dataSize + *align - 1) / *align * *align;
    m_dataSize = t.offset + t.nBytes;
    if (data)
        t.data = std::move(*data);
    m_tensors.push_back(std::move(t));
    return {};
}

Result<void> GgufWriter::addTensor(const std::string &name, GgmlType type, std::vector<uint64_t> shape,
                                   std::vector<uint8_t> data)
{
    return addTensorImpl(name, type, std::move(shape), &data);
}

Result<void> GgufWriter::addTensorInfo(const std::string &name, GgmlType type, std::vector<uint64_t> shape)
{
    return addTensorImpl(name, type, std::move(shape), nullptr);
}

Result<std::vector<uint8_t>> GgufWriter::headerBytes() const
{
    auto align = alignment();
    if (!align)
        return align.error();
    ByteSink out;
    out.raw("GGUF", 4);
    out.u32(m_version);
    out.u64(m_tensors.size());
    out.u64(m_kv.size());
    for (const auto &kv : m_kv) {
        out.str(kv.key);
        out.u32(static_cast<uint32_t>(kv.value.type()));
        writeValue(out, kv.value);
    }
    for (const auto &t : m_tensors) {
        out.str(t.name);
        out.u32(static_cast<uint32_t>(t.shape.size()));
        for (uint64_t d : t.shape)
            out.u64(d);
        out.u32(static_cast<uint32_t>(t.type));
        out.u64(t.offset);
    }
    // Tensor offsets were computed with the alignment at addTensor time; the
    // alignment must not change afterwards.
    if (!m_tensors.empty())
        out.pad(*align);
    return std::move(out.bytes);
}

Result<std::vector<uint8_t>> GgufWriter::toBytes() const
{
    auto header = headerBytes();
    if (!header)
        return header;
    std::vector<uint8_t> bytes = std::move(header.value());
    const size_t dataStart = bytes.size();
    bytes.resize(dataStart + m_dataSize, 0);
    for (const auto &t : m_tensors) {
        if (!t.hasData)
            return makeError("tensor '", t.name, "' has no data; use writeFile with a RowFiller");
        std::copy(t.data.begin(), t.data.end(), bytes.begin() + static_cast<ptrdiff_t>(dataStart + t.offset));
    }
    return bytes;
}

Result<void> GgufWriter::writeFile(const std::string &path, const RowFiller &fill) const
{
    auto header = headerBytes();
    if (!header)
        return header.error();
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return makeError("cannot create '", path, "': ", std::strerror(errno));
    bool ok = std::fwrite(header->data(), 1, header->size(), f) == header->size();
    uint64_t written = 0;   // bytes of the data section written so far
    std::vector<uint8_t> chunk;
    const std::vector<uint8_t> zeros(gguf_limits::kMaxAlignment, 0);
    for (size_t i = 0; ok && i < m_tensors.size(); ++i) {
        const Tensor &t = m_tensors[i];
        ok = std::fwrite(zeros.data(), 1, t.offset - written, f) == t.offset - written;
        if (t.hasData) {
            ok = ok && std::fwrite(t.data.data(), 1, t.data.size(), f) == t.data.size();
        } else if (t.nBytes > 0) {
            if (!fill) {
                std::fclose(f);
                std::remove(path.c_str());
                return makeError("tensor '", t.name, "' has no data and no RowFiller was given");
            }
            // Rows in chunks of about 16 MiB keep memory flat for any tensor size.
            const uint64_t rowBytes = *ggmlTensorBytes(t.type, t.shape[0]);
            const uint64_t nRows = t.nBytes / rowBytes;
            const uint64_t rowsPerChunk = std::max<uint64_t>(1, (16u << 20) / rowBytes);
            for (uint64_t r = 0; ok && r < nRows; r += rowsPerChunk) {
                const uint64_t n = std::min(rowsPerChunk, nRows - r);
                chunk.assign(static_cast<size_t>(n * rowBytes), 0);
                fill(i, r, n, chunk);
                ok = std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size();
            }
        }
        written = t.offset + t.nBytes;
    }
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
        std::remove(path.c_str());
        return makeError("writing '", path, "' failed (disk full?)");
    }
    return {};
}

} // namespace modelatlas::engine
