#pragma once
// A read-only POSIX mmap of a whole file. Mapping is lazy: pages are only read
// from disk when touched, which is what lets the planner read a 40 GB model's
// header cheaply.

#include "modelatlas/engine/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace modelatlas::engine {

class MappedFile {
public:
    static Result<std::unique_ptr<MappedFile>> open(const std::string &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const uint8_t *data() const { return m_data; }
    uint64_t size() const { return m_size; }

private:
    MappedFile() = default;
    const uint8_t *m_data = nullptr;   // nullptr for an empty file (mmap rejects length 0)
    uint64_t m_size = 0;
};

} // namespace modelatlas::engine
