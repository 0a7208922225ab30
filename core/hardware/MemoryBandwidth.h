#pragma once
// This machine's sustained system-memory read bandwidth: what CPU decode is
// bound by, and what the planner needs to read a measured CPU run as an
// efficiency (measured tok/s against the bandwidth roofline).

#include <cstddef>

namespace ModelAtlas::Hardware {

// Reads a buffer far larger than the caches with every hardware thread, best
// of `passes`, in GB/s (10^9 bytes). Takes a fraction of a second; 0 when the
// buffer cannot be allocated.
double measureMemoryReadBandwidthGBs(std::size_t bytes = std::size_t(512) << 20, int passes = 3);

// measureMemoryReadBandwidthGBs() once per process (thread-safe), then the same figure.
double machineMemoryBandwidthGBs();

} // namespace ModelAtlas::Hardware
