#pragma once
// What the planner predicts for a local run before it starts: the same
// planner (backend modelatlas-cpu, or modelatlas-cuda on a GPU) the Planner
// page and reports use, so every Playground measurement checks the planner,
// not a second estimate.

#include "modelatlas/engine/cuda/cuda_device.h"
#include "modelatlas/engine/runtime/kv_cache_type.h"

#include <QString>

namespace ModelAtlas::Runners {

struct LocalPrediction
{
    bool ok = false;
    QString error;                // why the planner could not read the file
    quint64 bytes = 0;            // weights + KV cache + session buffers + overhead, on the run's device
    double decodeTokS = 0;        // built-in (uncalibrated) efficiency
    double cpuBandwidthGBs = 0;   // this machine's measured read bandwidth, the roofline's input
    QString fileType;             // "Q4_K_M": the quantization as the catalog and planner name it
};

// Reads the GGUF header only. `threads` as the session will use them; `gpu`:
// the device the CUDA backend will use, nullptr for the CPU backend.
LocalPrediction predictLocalRun(const QString &path, int contextLength, int threads,
                                const modelatlas::engine::cuda::DeviceInfo *gpu = nullptr,
                                modelatlas::engine::KvCacheType kvType = modelatlas::engine::KvCacheType::F16);

} // namespace ModelAtlas::Runners
