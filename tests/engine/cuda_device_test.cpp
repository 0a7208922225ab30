// Device discovery: on a machine with a GPU it lists devices with every field
// the planner needs; on one without, it returns a message a user can act on.
#include "cuda_test_support.h"

#include "modelatlas/engine/cuda/cuda_device.h"

#include <gtest/gtest.h>

#include <iostream>

using namespace modelatlas::engine::cuda;

TEST(CudaDevice, DiscoveryListsDevicesOrSaysWhyNot)
{
    EXPECT_TRUE(builtWithCuda());
    const auto system = discoverDevices();
    if (!system) {
        // The failure path is what this machine can check: a readable reason.
        std::cout << "[   INFO   ] CUDA discovery: " << system.message() << '\n';
        EXPECT_GT(system.message().size(), 20u);
        const auto usable = firstUsableDevice();
        ASSERT_FALSE(usable.ok());
        EXPECT_EQ(usable.message(), system.message());
        return;
    }
    EXPECT_GT(system->runtimeVersion, 0);
    EXPECT_GE(system->driverVersion / 1000, system->runtimeVersion / 1000);
    ASSERT_FALSE(system->devices.empty());
    for (const DeviceInfo &d : system->devices) {
        SCOPED_TRACE(d.name);
        std::cout << "[   INFO   ] device " << d.index << ": " << d.name << ", sm_" << d.computeMajor << d.computeMinor
                  << ", " << formatBytes(d.freeMemoryBytes) << " free of " << formatBytes(d.totalMemoryBytes) << ", "
                  << d.smCount << " SMs, " << d.peakBandwidthGBs << " GB/s\n";
        EXPECT_FALSE(d.name.empty());
        EXPECT_GT(d.totalMemoryBytes, 0u);
        EXPECT_LE(d.freeMemoryBytes, d.totalMemoryBytes);
        EXPECT_GT(d.smCount, 0);
        EXPECT_GT(d.memoryBusWidthBits, 0);
        EXPECT_GT(d.memoryClockKHz, 0);
        EXPECT_DOUBLE_EQ(d.peakBandwidthGBs, derivePeakBandwidthGBs(d.memoryClockKHz, d.memoryBusWidthBits));
        EXPECT_EQ(d.supported, d.computeMajor >= kMinComputeMajor);
        EXPECT_EQ(d.unsupportedReason.empty(), d.supported);
    }
}

TEST(CudaDevice, FirstUsableDeviceIsSupported)
{
    MA_REQUIRE_CUDA_DEVICE();
    const auto device = firstUsableDevice();
    ASSERT_TRUE(device.ok()) << device.message();
    EXPECT_TRUE(device->supported);
    EXPECT_GE(device->computeMajor, kMinComputeMajor);
}

TEST(CudaDevice, VersionsAndBandwidthAreDerivedAsDocumented)
{
    EXPECT_EQ(formatCudaVersion(13000), "13.0");
    EXPECT_EQ(formatCudaVersion(12040), "12.4");
    // H100 SXM: HBM3 at 2619 MHz on a 5120-bit bus, NVIDIA's 3.35 TB/s.
    EXPECT_NEAR(derivePeakBandwidthGBs(2619000, 5120), 3352.3, 0.1);
    // RTX 4090: GDDR6X reported at 10501 MHz on 384 bits, NVIDIA's 1008 GB/s.
    EXPECT_NEAR(derivePeakBandwidthGBs(10501000, 384), 1008.1, 0.1);
}
