#pragma once
// Writes GGUF files: metadata of every value type and tensors laid out at the
// file's alignment. Used by the synth tool and by tests that craft valid and
// deliberately corrupt files.
//
// Tensor data is either given up front (addTensor) or produced row by row at
// write time (addTensorInfo + a RowFiller), so multi-GB synthetic models are
// streamed to disk without being held in memory.

#include "modelatlas/engine/gguf/gguf_value.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace modelatlas::engine {

class GgufWriter {
public:
    // Fills `out` with rows [firstRow, firstRow + nRows) of tensor `tensorIndex`
    // (a row is ne[0] elements, encoded in the tensor's type).
    using RowFiller =
        std::function<void(size_t tensorIndex, uint64_t firstRow, uint64_t nRows, std::span<uint8_t> out)>;

    void setVersion(uint32_t version) { m_version = version; }   // 2 or 3 (default 3)

    // Adds or replaces a key; insertion order is file order.
    void set(const std::string &key, GgufValue value);
    void setU32(const std::string &key, uint32_t v) { set(key, GgufValue::u32(v)); }
    void setI32(const std::string &key, int32_t v) { set(key, GgufValue::i32(v)); }
    void setU64(const std::string &key, uint64_t v) { set(key, GgufValue::u64(v)); }
    void setF32(const std::string &key, float v) { set(key, GgufValue::f32(v)); }
    void setBool(const std::string &key, bool v) { set(key, GgufValue::boolean(v)); }
    void setString(const std::string &key, std::string v) { set(key, GgufValue::string(std::move(v))); }
    // Sets general.alignment (a power of two) and lays tensors out with it.
    void setAlignment(uint32_t alignment) { setU32("general.alignment", alignment); }

    // A tensor with its data (size must match type and shape). shape[0] is ne[0].
    Result<void> addTensor(const std::string &name, GgmlType type, std::vector<uint64_t> shape,
                           std::vector<uint8_t> data);
    // A tensor whose data a RowFiller provides at write time.
    Result<void> addTensorInfo(const std::string &name, GgmlType type, std::vector<uint64_t> shape);

    const std::vector<GgufKeyValue> &metadata() const { return m_kv; }
    size_t tensorCount() const { return m_tensors.size(); }

    // Header, metadata, tensor infos and the padding up to the data section.
    Result<std::vector<uint8_t>> headerBytes() const;
    // The whole file in memory (every tensor must have been given its data).
    Result<std::vector<uint8_t>> toBytes() const;
    // Streams the file to `path`; tensors without data are filled by `fill`.
    Result<void> writeFile(const std::string &path, const RowFiller &fill = {}) const;

private:
    struct Tensor {
        std::string name;
        GgmlType type;
        std::vector<uint64_t> shape;
        uint64_t nBytes = 0;
        uint64_t offset = 0;            // in the data section
        std::vector<uint8_t> data;      // empty when filled at write time
        bool hasData = false;
    };
    Result<void> addTensorImpl(const std::string &name, GgmlType type, std::vector<uint64_t> shape,
                               std::vector<uint8_t> *data);
    Result<uint32_t> alignment() const;

    uint32_t m_version = 3;
    std::vector<GgufKeyValue> m_kv;
    std::vector<Tensor> m_tensors;
    uint64_t m_dataSize = 0;            // unaligned end of the last tensor
};

} // namespace modelatlas::engine
