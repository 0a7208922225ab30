// CPUID-based feature detection. GCC/Clang's __builtin_cpu_supports reads
// CPUID once and also checks that the OS saves the wide registers (XGETBV).
#include "modelatlas/engine/cpu/cpu_features.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace modelatlas::engine::cpu {

const CpuFeatures &cpuFeatures()
{
    static const CpuFeatures features = [] {
        CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_cpu_init();
        f.avx2 = __builtin_cpu_supports("avx2");
        f.fma = __builtin_cpu_supports("fma");
        f.f16c = __builtin_cpu_supports("f16c");
        f.avx512f = __builtin_cpu_supports("avx512f");
        f.avx512vnni = __builtin_cpu_supports("avx512vnni");
#endif
        return f;
    }();
    return features;
}

KernelPath bestKernelPath()
{
    const char *env = std::getenv("MODELATLAS_CPU_KERNELS");
    if (env && std::strcmp(env, "scalar") == 0)
        return KernelPath::Scalar;
    const CpuFeatures &f = cpuFeatures();
    if (f.avx2 && f.fma && f.f16c)
        return KernelPath::Avx2;
    return KernelPath::Scalar;
}

namespace {
std::atomic<int> g_forced{-1};
}

KernelPath activeKernelPath()
{
    const int forced = g_forced.load(std::memory_order_relaxed);
    if (forced >= 0)
        return static_cast<KernelPath>(forced);
    static const KernelPath best = bestKernelPath();
    return best;
}

void setActiveKernelPath(KernelPath path)
{
    g_forced.store(static_cast<int>(path), std::memory_order_relaxed);
}

std::string_view kernelPathName(KernelPath path)
{
    switch (path) {
    case KernelPath::Scalar: return "scalar";
    case KernelPath::Avx2: return "avx2";
    }
    return "?";
}

} // namespace modelatlas::engine::cpu
