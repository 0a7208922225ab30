#pragma once
// Read-only view of a GGUF file (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md).
//
// GgufFile::open() maps the file (POSIX mmap) and parses the header, the
// metadata and the tensor infos; tensor data stays in place: each tensor's
// `data` points into the mapping. Parsing never reads tensor data pages, so the
// planner can open a 40 GB model to read its header without paging it in.
//
// The file is hostile until proven otherwise: every size, offset and count is
// checked (see gguf_limits.h and docs/ENGINE.md), and every problem comes back
// as an Error naming the key or tensor, never as a crash.

#include "modelatlas/engine/gguf/gguf_value.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace modelatlas::engine {

class MappedFile;

struct GgufTensorInfo {
    std::string name;
    GgmlType type = GgmlType::F32;
    uint32_t nDims = 0;
    std::array<uint64_t, 4> ne{1, 1, 1, 1};  // ne[0] is the contiguous (row) dimension, as in ggml
    uint64_t offset = 0;                     // relative to the start of the data section
    uint64_t nElements = 0;
    uint64_t nBytes = 0;
    const uint8_t *data = nullptr;           // in place, inside the mapping / buffer

    std::span<const uint8_t> bytes() const { return {data, static_cast<size_t>(nBytes)}; }
    std::string shapeString() const;         // "[4096, 32000]"
};

class GgufFile {
public:
    // Maps and parses `path`.
    static Result<std::unique_ptr<GgufFile>> open(const std::string &path);
    // Parses a caller-owned buffer that must outlive the result (tests, fuzzing).
    static Result<std::unique_ptr<GgufFile>> parse(std::span<const uint8_t> bytes,
                                                   std::string displayName = "<memory>");

    ~GgufFile();
    GgufFile(const GgufFile &) = delete;
    GgufFile &operator=(const GgufFile &) = delete;

    const std::string &path() const { return m_path; }
    uint32_t version() const { return m_version; }
    uint64_t fileSize() const { return m_fileSize; }
    uint32_t alignment() const { return m_alignment; }
    uint64_t dataOffset() const { return m_dataOffset; }   // start of the tensor data section

    // Metadata in file order (for display), and lookup by key.
    const std::vector<GgufKeyValue> &metadata() const { return m_kv; }
    const GgufValue *find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }

    // Typed accessors. Integers are accepted from any integer type whose value
    // fits (converters differ: block_count is u32 in one file, i32 in another);
    // errors name the key, its type and value.
    Result<uint32_t> getU32(std::string_view key) const;
    Result<int32_t> getI32(std::string_view key) const;
    Result<uint64_t> getU64(std::string_view key) const;
    Result<int64_t> getI64(std::string_view key) const;
    Result<float> getF32(std::string_view key) const;   // f32 or f64
    Result<bool> getBool(std::string_view key) const;
    Result<std::string> getString(std::string_view key) const;
    // An unsigned hyper-parameter that must lie in [lo, hi] (block_count, head counts...).
    Result<uint64_t> getUIntInRange(std::string_view key, uint64_t lo, uint64_t hi) const;
    // Arrays.
    Result<const GgufValue *> getArray(std::string_view key) const;
    Result<std::span<const std::string>> getStringArray(std::string_view key) const;
    Result<std::vector<float>> getF32Array(std::string_view key) const;
    Result<std::vector<int32_t>> getI32Array(std::string_view key) const;

    // Tensors in file order, and lookup by name (nullptr when absent).
    const std::vector<GgufTensorInfo> &tensors() const { return m_tensors; }
    const GgufTensorInfo *findTensor(std::string_view name) const;

private:
    GgufFile() = default;
    friend class GgufParser;

    std::string m_path;
    std::unique_ptr<MappedFile> m_mapping;   // null when parsing a caller buffer
    uint32_t m_version = 0;
    uint64_t m_fileSize = 0;
    uint32_t m_alignment = 32;
    uint64_t m_dataOffset = 0;
    std::vector<GgufKeyValue> m_kv;
    std::unordered_map<std::string, size_t> m_kvIndex;
    std::vector<GgufTensorInfo> m_tensors;
    std::unordered_map<std::string, size_t> m_tensorIndex;
};

} // namespace modelatlas::engine
