#include "gguf/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace modelatlas::engine {

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError("cannot open '", path, "': ", std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return makeError("cannot stat '", path, "': ", std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError("'", path, "' is not a regular file");
    }
    std::unique_ptr<MappedFile> mf(new MappedFile);
    mf->m_size = static_cast<uint64_t>(st.st_size);
    if (mf->m_size > 0) {
        void *p = ::mmap(nullptr, static_cast<size_t>(mf->m_size), PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            return makeError("cannot map '", path, "' (", mf->m_size, " bytes): ", std::strerror(err));
        }
        mf->m_data = static_cast<const uint8_t *>(p);
    }
    ::close(fd);   // the mapping keeps the file referenced
    return mf;
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(const_cast<uint8_t *>(m_data), static_cast<size_t>(m_size));
}

} // namespace modelatlas::engine
