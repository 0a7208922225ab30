#pragma once
// The GGUF header parser: turns bytes into a GgufFile, checking everything.
// Internal to the engine; use GgufFile::open / GgufFile::parse.

#include "modelatlas/engine/gguf/gguf_file.h"

#include <span>
#include <string>

namespace modelatlas::engine {

class GgufParser {
public:
    GgufParser(std::span<const uint8_t> bytes, GgufFile &out) : m_bytes(bytes), m_out(out) {}
    // Parses header, metadata and tensor infos; tensor data is located, never read.
    Result<void> run();

private:
    bool header();
    bool keyValues(uint64_t nKv);
    bool value(GgufValueType type, uint32_t depth, GgufValue &out);
    bool arrayBody(uint32_t depth, GgufValue &out);
    bool tensorInfos(uint64_t nTensors);
    bool alignmentFromMetadata();
    bool layoutTensorData();

    // Cursor primitives: each checks the remaining length first.
    bool need(uint64_t n, const char *what);
    bool readU32(uint32_t &v, const char *what);
    bool readU64(uint64_t &v, const char *what);
    bool readString(std::string &s, uint64_t maxLength, const char *what);
    bool fail(std::string message);

    std::span<const uint8_t> m_bytes;
    GgufFile &m_out;
    uint64_t m_pos = 0;
    std::string m_where = "header";   // the item being parsed, for error messages
    std::string m_error;
};

// Key/name safe to print in a message: control bytes replaced, long ones cut.
std::string printableName(std::string_view s);

} // namespace modelatlas::engine
