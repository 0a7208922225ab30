#include "test_support.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace modelatlas::engine::test {

std::string sharedDir()
{
    if (const char *env = std::getenv("MODELATLAS_SHARED_DIR"); env && *env)
        return env;
    return MODELATLAS_SHARED_DIR;
}

std::string sharedPath(const std::string &relative)
{
    return sharedDir() + "/" + relative;
}

bool fileExists(const std::string &path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

TempFile::TempFile(const std::string &suffix)
{
    static std::atomic<int> counter{0};
    m_path = (std::filesystem::temp_directory_path()
              / ("modelatlas-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix))
                 .string();
}

TempFile::~TempFile()
{
    std::remove(m_path.c_str());
}

void TempFile::write(const std::vector<uint8_t> &bytes) const
{
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace modelatlas::engine::test
