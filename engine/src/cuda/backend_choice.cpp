// Backend selection with the CPU as the fallback of "auto". Built with and
// without the toolkit: without it makeCudaBackend reports "built without CUDA".
#include "modelatlas/engine/cuda/backend_choice.h"

#include "modelatlas/engine/cuda/cuda_backend.h"

namespace modelatlas::engine::cuda {

std::optional<BackendChoice> parseBackendChoice(std::string_view text)
{
    for (BackendChoice c : {BackendChoice::Auto, BackendChoice::Cpu, BackendChoice::Cuda}) {
        if (text == backendChoiceName(c))
            return c;
    }
    return std::nullopt;
}

std::string_view backendChoiceName(BackendChoice choice)
{
    switch (choice) {
    case BackendChoice::Auto: return "auto";
    case BackendChoice::Cpu: return "cpu";
    case BackendChoice::Cuda: return "cuda";
    }
    return "?";
}

std::string cudaArchitectureGap(const Config &c)
{
    if (c.headDim > kMaxAttentionHeadDim)
        return "the CUDA attention kernel takes heads of up to " + std::to_string(kMaxAttentionHeadDim)
             + " dimensions; " + c.architecture + "'s have " + std::to_string(c.headDim);
    return {};
}

Result<OpenedSession> openSession(std::shared_ptr<const Model> model, SessionOptions options, BackendChoice choice,
                                  int cudaDevice)
{
    OpenedSession opened;
    if (choice != BackendChoice::Cpu) {
        options.backend = [cudaDevice](std::shared_ptr<const Model> m, const BackendParams &params) {
            return makeCudaBackend(std::move(m), params, cudaDevice);
        };
        auto onGpu = Session::create(model, options);
        if (onGpu) {
            opened.session = std::move(onGpu.value());
            opened.onGpu = true;
            return opened;
        }
        if (choice == BackendChoice::Cuda)
            return makeError("the CUDA backend cannot run this model: ", onGpu.message());
        opened.fallbackNote = "running on the CPU: " + onGpu.message();
    }
    options.backend = {};
    auto onCpu = Session::create(std::move(model), options);
    if (!onCpu)
        return onCpu.error();
    opened.session = std::move(onCpu.value());
    return opened;
}

} // namespace modelatlas::engine::cuda
