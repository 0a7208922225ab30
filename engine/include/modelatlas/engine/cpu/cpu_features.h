#pragma once
// Which SIMD kernels this CPU can run, decided once at run time (CPUID), so one
// binary built for baseline x86-64 uses AVX2/FMA where present and the scalar
// reference everywhere else. Tests force the scalar path to compare the two.

#include <string_view>

namespace modelatlas::engine::cpu {

struct CpuFeatures {
    bool avx2 = false;
    bool fma = false;
    bool f16c = false;
    bool avx512f = false;
    bool avx512vnni = false;
};

// Detected once (thread-safe static).
const CpuFeatures &cpuFeatures();

enum class KernelPath {
    Scalar,   // portable C++, the reference every fast path is tested against
    Avx2,     // AVX2 + FMA + F16C
};

// The best path this CPU supports, unless the environment variable
// MODELATLAS_CPU_KERNELS=scalar asks for the reference (debugging, A/B timing).
KernelPath bestKernelPath();
// The path the engine currently uses (bestKernelPath() unless overridden).
KernelPath activeKernelPath();
// Test hook: forces a path for the whole process (must be one the CPU supports).
void setActiveKernelPath(KernelPath path);
std::string_view kernelPathName(KernelPath path);

} // namespace modelatlas::engine::cpu
