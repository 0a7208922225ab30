// CPUID-based feature detection. GCC/Clang's __builtin_cpu_supports reads
// CPUID once and also checks that the OS saves the wide registers (XGETBV).
#include "modelatlas/engine/cpu/cpu_features.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace modelatlas::engine::cpu {

const CpuFeatures &cpuFeatures()
{
    static const CpuFeatures features = [] {
        CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_cpu_init();
        f.avx2 = __builtin_cpu_supports("avx2");
        f.fma = __builtin_cpu_supports("fma");
        // Clang 14's __builtin_cpu_supports does not know "f16c": read CPUID leaf 1
        // (F16C works on the YMM state the AVX check above already verified).
        unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
        f.f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C) != 0;
        f.avx512f = __builtin_cpu_supports("avx512f");
        f.avx512bw = __builtin_cpu_supports("avx512bw");
        f.avx512vl = __builtin_cpu_supports("avx512vl");
        f.avx512vnni = __builtin_cpu_supports("avx512vnni");
#endif
        return f;
    }();
    return features;
}

bool kernelPathSupported(KernelPath path)
{
    const CpuFeatures &f = cpuFeatures();
    switch (path) {
    case KernelPath::Scalar: return true;
    case KernelPath::Avx2: return f.avx2 && f.fma && f.f16c;
    case KernelPath::Avx512: return f.avx2 && f.fma && f.f16c && f.avx512f && f.avx512bw && f.avx512vl && f.avx512vnni;
    }
    return false;
}

KernelPath bestKernelPath()
{
    const char *env = std::getenv("MODELATLAS_CPU_KERNELS");
    if (env && std::strcmp(env, "scalar") == 0)
        return KernelPath::Scalar;
    const bool capAvx2 = env && std::strcmp(env, "avx2") == 0;
    if (!capAvx2 && kernelPathSupported(KernelPath::Avx512))
        return KernelPath::Avx512;
    if (kernelPathSupported(KernelPath::Avx2))
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
    case KernelPath::Avx512: return "avx512";
    }
    return "?";
}

} // namespace modelatlas::engine::cpu
