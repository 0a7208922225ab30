#pragma once

#include "HardwareProfile.h"
#include "util/Result.h"

#include "modelatlas/engine/cuda/cuda_device.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Hardware {

// What the machine the app runs on reports about itself. Everything is
// optional: a container may hide /proc, a machine may have no GPU.
struct DetectedGpu
{
    QString name;            // "NVIDIA GeForce RTX 4090"
    double memoryGiB = 0;    // 0: not reported (the /proc driver file has no memory size)
    double bandwidthGBs = 0; // peak memory bandwidth from the CUDA runtime; 0: not reported
};

struct DetectedHardware
{
    QString cpuModel;
    int cpuCores = 0;        // logical processors
    double systemRamGiB = 0;
    double memoryBandwidthGBs = 0;   // measured read bandwidth (MemoryBandwidth.h); 0: not measured
    QList<DetectedGpu> gpus;
    bool unifiedMemory = false;   // Apple silicon: the GPU shares system RAM
    QStringList notes;            // what could not be read, and why
};

// Parsers of the system's own text formats; pure, so the tests feed them fixtures.
// /proc/cpuinfo: the first "model name" (or "Hardware"/"Model" on ARM boards) and
// the number of "processor" entries.
void parseCpuInfo(const QString &text, DetectedHardware &out);
// /proc/meminfo: MemTotal in kB -> GiB; nullopt when the line is missing or garbled.
std::optional<double> parseMemTotalGiB(const QString &text);
// `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader`: "NAME, 24564 MiB" per line.
QList<DetectedGpu> parseNvidiaSmi(const QString &text);
// /proc/driver/nvidia/gpus/*/information: the "Model:" line (no memory size in that file).
std::optional<DetectedGpu> parseNvidiaProcInformation(const QString &text);
// The CUDA runtime's devices (the engine's discovery): name, memory, bandwidth.
QList<DetectedGpu> gpusFromCuda(const modelatlas::engine::cuda::CudaSystem &system);
// `sysctl -n machdep.cpu.brand_string` on a Mac: "Apple M2 Max" means unified memory.
bool isAppleSilicon(const QString &cpuBrand);

// Reads /proc, asks the CUDA runtime for its devices, and otherwise runs
// nvidia-smi (at most `timeoutMs`) when it is on PATH; blocks, so the GUI
// calls it from a worker.
DetectedHardware detectHardware(int timeoutMs = 3000);

// The catalog card a driver-reported name stands for: driver names carry
// memory and packaging words the catalog leaves out ("NVIDIA H100 80GB HBM3"),
// so trailing words are dropped until a card matches.
Result<GpuSpec> findDetectedGpu(const QList<GpuSpec> &gpus, const QString &driverName);

// A profile from what was detected. A GPU is mapped onto the catalog card
// of that name (findGpu); identical GPUs are counted. An Apple chip becomes
// its catalog entry (unified memory); a GPU the catalog does not know gives
// a CPU-only profile, with a note saying so. `gpus` is the catalog's cards.
struct DetectedProfile
{
    HardwareProfile profile;
    QStringList notes;
};
DetectedProfile profileFromDetected(const DetectedHardware &hw, const QList<GpuSpec> &gpus,
                                    const QString &name = QStringLiteral("This computer"));

} // namespace ModelAtlas::Hardware
