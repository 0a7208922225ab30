#include "LocalTarget.h"

#include "RunScheduler.h"

#include <QCoreApplication>

namespace ModelAtlas::Runners {

namespace engine = modelatlas::engine;
using engine::cuda::BackendChoice;

namespace {
// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::LocalTarget)
};

// "auto" runs on the CPU and says why; "cuda" stops with the same reason.
LocalTarget withoutGpu(BackendChoice choice, const QString &why)
{
    LocalTarget t;
    if (choice == BackendChoice::Cuda) {
        t.ok = false;
        t.error = Text::tr("Cannot run on the GPU: %1. Choose \"Auto\" or \"CPU\" to run it on the processor.").arg(why);
    } else {
        t.note = Text::tr("Running on the CPU: %1.").arg(why);
    }
    return t;
}
} // namespace

LocalTarget chooseLocalTarget(BackendChoice choice, const engine::Result<engine::cuda::CudaSystem> &system,
                              const GpuBytesPredictor &predictGpuBytes, const QString &architectureGap)
{
    if (choice == BackendChoice::Cpu)
        return {};
    if (!architectureGap.isEmpty())
        return withoutGpu(choice, architectureGap);
    if (!system)
        return withoutGpu(choice, QString::fromStdString(system.message()));
    const auto device = engine::cuda::firstUsableDevice(system.value());
    if (!device)
        return withoutGpu(choice, QString::fromStdString(device.message()));
    // Compared with all the free memory, not a share of it as in host memory:
    // the prediction already holds the runtime's overhead, and a load that
    // fails anyway is refused by the device allocator and falls back cleanly.
    const quint64 need = predictGpuBytes ? predictGpuBytes(device.value()) : 0;
    if (need > device->freeMemoryBytes) {
        return withoutGpu(choice, Text::tr("the planner predicts %1 on the %2 but only %3 of its memory is free")
                                      .arg(formatBytes(need), QString::fromStdString(device->name),
                                           formatBytes(device->freeMemoryBytes)));
    }
    LocalTarget t;
    t.onGpu = true;
    t.device = device.value();
    return t;
}

} // namespace ModelAtlas::Runners
