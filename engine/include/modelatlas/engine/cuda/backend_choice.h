#pragma once
// Opening a Session on the backend a user asked for. "auto" takes the GPU when
// one can run the model and otherwise falls back to the CPU, saying why, so a
// missing driver or a model too large for the card never stops a trial run.

#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/session.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace modelatlas::engine::cuda {

enum class BackendChoice { Auto, Cpu, Cuda };

// "auto", "cpu", "cuda"; nullopt for anything else.
std::optional<BackendChoice> parseBackendChoice(std::string_view text);
std::string_view backendChoiceName(BackendChoice choice);

struct OpenedSession {
    std::unique_ptr<Session> session;
    bool onGpu = false;         // the CUDA backend runs it (else the CPU's)
    std::string fallbackNote;   // why "auto" runs on the CPU; empty otherwise
};

// What of a model's architecture the CUDA backend's kernels do not run
// (heads longer than kMaxAttentionHeadDim), as a sentence for "running on
// the CPU: ..."; empty when they run all of it.
std::string cudaArchitectureGap(const Config &config);

// Cpu: options as given (their backend factory is replaced by the CPU's).
// Cuda: the GPU `cudaDevice` or an error saying why it cannot run the model.
// Auto: Cuda, else Cpu with fallbackNote.
Result<OpenedSession> openSession(std::shared_ptr<const Model> model, SessionOptions options, BackendChoice choice,
                                  int cudaDevice = 0);

} // namespace modelatlas::engine::cuda
