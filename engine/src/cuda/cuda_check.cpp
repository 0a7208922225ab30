#include "cuda/cuda_check.h"

#include <string_view>

namespace modelatlas::engine::cuda {

Error cudaCallError(cudaError_t status, const char *call, const char *file, int line)
{
    // The file's own name is enough to find the line; the build path is noise.
    std::string_view path(file);
    if (const size_t slash = path.find_last_of('/'); slash != std::string_view::npos)
        path.remove_prefix(slash + 1);
    return makeError(call, " failed: ", cudaGetErrorString(status), " (", cudaGetErrorName(status), ") at ", path,
                     ":", line);
}

} // namespace modelatlas::engine::cuda
