#pragma once
// Helpers for the CUDA backend tests: a visible skip where no usable GPU is
// present (the tests never pass silently without one), and moving float
// vectors to and from the device.

#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/cuda/cuda_ops.h"
#include "modelatlas/engine/cuda/device_allocator.h"

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <vector>

// Skips the current test, naming why the GPU cannot be used.
#define MA_REQUIRE_CUDA_DEVICE()                                                                           \
    do {                                                                                                   \
        const auto maDevice = ::modelatlas::engine::cuda::firstUsableDevice();                             \
        if (!maDevice)                                                                                     \
            GTEST_SKIP() << "no CUDA device: " << maDevice.message();                                      \
    } while (0)

namespace modelatlas::engine::test {

// A fixture with an allocator on device 0, or a visible skip without a GPU.
class CudaDeviceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        MA_REQUIRE_CUDA_DEVICE();
        auto allocator = cuda::DeviceAllocator::create(0);
        ASSERT_TRUE(allocator.ok()) << allocator.message();
        m_allocator = std::move(allocator.value());
    }
    std::unique_ptr<cuda::DeviceAllocator> m_allocator;
};

inline Result<float *> uploadFloats(cuda::DeviceAllocator &allocator, const std::vector<float> &values,
                                    std::string_view label)
{
    auto address = allocator.allocate(cuda::MemoryCategory::Scratch, values.size() * sizeof(float), label);
    if (!address)
        return address.error();
    auto *device = static_cast<float *>(*address);
    if (auto copied = cuda::copyToDevice(device, values.data(), values.size() * sizeof(float)); !copied)
        return copied.error();
    return device;
}

// Waits for the queued kernels first, so a fault surfaces here with its message.
inline Result<std::vector<float>> downloadFloats(const float *device, size_t n)
{
    if (auto done = cuda::synchronize(); !done)
        return done.error();
    std::vector<float> values(n);
    if (auto copied = cuda::copyToHost(values.data(), device, n * sizeof(float)); !copied)
        return copied.error();
    return values;
}

} // namespace modelatlas::engine::test
