// Uploading weights: validation of the shape against the byte count (the
// bytes come from a file) and one pitched copy that pads rows to 16 bytes.
#include "modelatlas/engine/cuda/device_matrix.h"

#include "cuda/cuda_check.h"
#include "modelatlas/engine/tensor/dequantize.h"

#include <cuda_runtime_api.h>

namespace modelatlas::engine::cuda {

bool matVecSupports(GgmlType type)
{
    // matvec.cu has a kernel for every type the engine reads (CudaBlockDecode
    // checks that on the host).
    return canDequantize(type);
}

Result<DeviceMatrix> uploadMatrix(DeviceAllocator &allocator, std::string_view name, GgmlType type, int64_t rows,
                                  int64_t cols, const void *bytes, uint64_t nBytes)
{
    const GgmlTypeTraits *traits = ggmlTypeTraits(static_cast<uint32_t>(type));
    if (!traits)
        return makeError("tensor '", name, "': unknown type id ", static_cast<uint32_t>(type));
    if (!matVecSupports(type))
        return makeError("tensor '", name, "': the CUDA backend has no matrix-vector kernel for ", traits->name);
    // The kernels index rows and elements with 32-bit ints.
    if (rows <= 0 || cols <= 0 || rows > INT32_MAX || cols > INT32_MAX)
        return makeError("tensor '", name, "': shape ", rows, " x ", cols, " is out of range");
    if (cols % traits->blockSize != 0)
        return makeError("tensor '", name, "': a row of ", cols, " elements is not a whole number of ", traits->name,
                         " blocks");
    const auto rowBytes = ggmlTensorBytes(type, uint64_t(cols));
    if (!rowBytes)
        return makeError("tensor '", name, "': ", rowBytes.message());
    // rows and cols fit in 31 bits, so rows * rowBytes cannot overflow 64 bits.
    if (*rowBytes * uint64_t(rows) != nBytes)
        return makeError("tensor '", name, "': ", nBytes, " bytes do not hold ", rows, " x ", cols, " ", traits->name,
                         " elements");

    DeviceMatrix m;
    m.type = type;
    m.rows = rows;
    m.cols = cols;
    m.rowStrideBytes = (*rowBytes + 15) / 16 * 16;
    auto data = allocator.allocate(MemoryCategory::Weights, m.rowStrideBytes * uint64_t(rows), name);
    if (!data)
        return data.error();
    m.data = *data;
    const cudaError_t status =
        cudaMemcpy2D(m.data, m.rowStrideBytes, bytes, *rowBytes, *rowBytes, size_t(rows), cudaMemcpyHostToDevice);
    if (status != cudaSuccess) {
        (void)allocator.release(m.data);   // the copy's error is the one worth reporting
        return makeError("tensor '", name, "': ",
                         cudaCallError(status, "cudaMemcpy2D", __FILE__, __LINE__).message);
    }
    return m;
}

} // namespace modelatlas::engine::cuda
