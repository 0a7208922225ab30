#include "cuda/process_memory.h"

#include <cuda_runtime_api.h>
#include <dlfcn.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <vector>

namespace modelatlas::engine::cuda {

namespace {

// The few NVML declarations used, as the NVML API reference defines them.
using NvmlReturn = int;
constexpr NvmlReturn kNvmlSuccess = 0;
constexpr NvmlReturn kNvmlInsufficientSize = 7;
constexpr unsigned long long kNvmlValueNotAvailable = ~0ULL;
using NvmlDevice = void *;
struct NvmlProcessInfo {   // nvmlProcessInfo_t (v2 and v3 calls)
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};

class Nvml {
public:
    static const Nvml *get()
    {
        static const Nvml nvml;
        return nvml.m_ready ? &nvml : nullptr;
    }

    std::optional<uint64_t> processMemory(const std::string &pciBusId) const
    {
        NvmlDevice device = nullptr;
        if (m_handleByPciBusId(pciBusId.c_str(), &device) != kNvmlSuccess)
            return std::nullopt;
        std::vector<NvmlProcessInfo> processes(16);
        for (;;) {
            auto count = static_cast<unsigned int>(processes.size());
            const NvmlReturn r = m_computeProcesses(device, &count, processes.data());
            if (r == kNvmlInsufficientSize) {
                processes.resize(size_t(count) + 16);   // more started meanwhile: ask again
                continue;
            }
            if (r != kNvmlSuccess)
                return std::nullopt;
            processes.resize(count);
            break;
        }
        const auto self = static_cast<unsigned int>(getpid());
        for (const NvmlProcessInfo &p : processes) {
            if (p.pid == self && p.usedGpuMemory != kNvmlValueNotAvailable)
                return uint64_t(p.usedGpuMemory);
        }
        return std::nullopt;
    }

private:
    Nvml()
    {
        // Kept loaded and initialised for the life of the process.
        m_library = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!m_library)
            return;
        auto init = reinterpret_cast<NvmlReturn (*)()>(dlsym(m_library, "nvmlInit_v2"));
        m_handleByPciBusId = reinterpret_cast<NvmlReturn (*)(const char *, NvmlDevice *)>(
            dlsym(m_library, "nvmlDeviceGetHandleByPciBusId_v2"));
        m_computeProcesses = reinterpret_cast<NvmlReturn (*)(NvmlDevice, unsigned int *, NvmlProcessInfo *)>(
            dlsym(m_library, "nvmlDeviceGetComputeRunningProcesses_v3"));
        if (!m_computeProcesses)   // drivers before R510
            m_computeProcesses = reinterpret_cast<NvmlReturn (*)(NvmlDevice, unsigned int *, NvmlProcessInfo *)>(
                dlsym(m_library, "nvmlDeviceGetComputeRunningProcesses_v2"));
        m_ready = init && m_handleByPciBusId && m_computeProcesses && init() == kNvmlSuccess;
    }

    void *m_library = nullptr;
    NvmlReturn (*m_handleByPciBusId)(const char *, NvmlDevice *) = nullptr;
    NvmlReturn (*m_computeProcesses)(NvmlDevice, unsigned int *, NvmlProcessInfo *) = nullptr;
    bool m_ready = false;
};

} // namespace

std::optional<uint64_t> processDeviceMemory(const std::string &pciBusId)
{
    const Nvml *nvml = Nvml::get();
    return nvml ? nvml->processMemory(pciBusId) : std::nullopt;
}

std::optional<uint64_t> cudaContextBytes(int device)
{
    static std::mutex mutex;
    static std::map<int, std::optional<uint64_t>> measured;
    const std::lock_guard lock(mutex);
    if (const auto it = measured.find(device); it != measured.end())
        return it->second;
    char busId[32] = {};
    std::optional<uint64_t> bytes;
    if (cudaDeviceGetPCIBusId(busId, int(sizeof busId), device) == cudaSuccess)
        bytes = processDeviceMemory(busId);
    measured[device] = bytes;
    return bytes;
}

} // namespace modelatlas::engine::cuda
