#pragma once
// Where a local run goes, decided before anything loads: the GPU when the
// user allows it, CUDA lists a usable device and the planner's prediction for
// that device fits its free memory; the CPU otherwise. "auto" then says why
// it stays on the CPU; "cuda" fails with that reason instead.

#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/cuda/cuda_device.h"

#include <QString>

#include <functional>

namespace ModelAtlas::Runners {

struct LocalTarget
{
    bool ok = true;
    QString error;     // "cuda" asked for and the GPU cannot take the model
    bool onGpu = false;
    modelatlas::engine::cuda::DeviceInfo device;  // the GPU, when onGpu
    QString note;      // why "auto" runs on the CPU; empty otherwise
};

// The planner's device memory for the model on one GPU; 0 when it cannot predict.
using GpuBytesPredictor = std::function<quint64(const modelatlas::engine::cuda::DeviceInfo &)>;

// `system` is what discovery returned (or why it failed); unused for Cpu.
// `architectureGap`: what of the model the GPU kernels cannot run
// (cuda::cudaArchitectureGap), empty when they run all of it.
LocalTarget chooseLocalTarget(modelatlas::engine::cuda::BackendChoice choice,
                              const modelatlas::engine::Result<modelatlas::engine::cuda::CudaSystem> &system,
                              const GpuBytesPredictor &predictGpuBytes, const QString &architectureGap = {});

} // namespace ModelAtlas::Runners
