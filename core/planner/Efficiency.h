#pragma once

#include <QString>

#include <map>
#include <optional>
#include <utility>

namespace ModelAtlas::Planner {

// The runtime that serves the model; it decides memory overhead, where the
// token embedding lives, how multi-GPU splits, and the efficiencies.
// ModelAtlasCpu is this app's own engine (engine/) on the CPU: what the
// Playground measures, so its calibration is kept apart from llama.cpp's.
// ModelAtlasCuda is the same engine's CUDA backend (one GPU, no offload).
enum class Backend { Auto, LlamaCppCuda, LlamaCppCpu, LlamaCppMetal, Vllm, ModelAtlasCpu, ModelAtlasCuda };
const char *backendId(Backend b);              // "llama.cpp-cuda", "vllm", "modelatlas-cpu", ...
bool isCpuBackend(Backend b);
std::optional<Backend> backendByName(const QString &text);

// Fractions of the hardware's peak that a backend reaches. Decode is a
// bandwidth roofline (bytes read per token / peak GB/s); prefill is a compute
// roofline (FLOPs / peak dense FP16 TFLOPS).
struct Efficiency
{
    double decode16 = 0.8;        // 16/32-bit weights
    double decodeQuant = 0.6;     // block-quantized weights (dequantized on the fly)
    double prefill = 0.5;
    QString source;               // where the figures come from
    // Decode efficiency a machine measured for one quantization ("Q4_0" ->
    // 0.44), from calibration: it replaces the per-type figures for that file type.
    std::map<QString, double> decodeByQuant;
    // Decode efficiency of one storage type's reads ("Q5_0" -> 0.54): CPU
    // kernels differ by block type far more than the 16-bit/quantized split says.
    std::map<QString, double> decodeByType;
    // Attention over CPU-resident layers, as a fraction of the CPU's peak
    // FLOPs, in a decode step and in a prompt: a matrix-vector product per
    // head over the cache, the softmax and the cache's conversions reach far
    // less than a matmul does, and the step waits for them (they do not hide
    // under the weight reads). Measured on this app's CPU engine
    // (Efficiency.cpp, ModelAtlasCpu); layers on a GPU do not use them.
    double cpuAttentionDecode = 0.17;
    double cpuAttentionPrefill = 0.21;
    // Seconds each CPU-resident layer adds to a decode step whatever its
    // size: its thread-pool dispatches and small serial operations. Without
    // it, efficiencies fitted on a 1B model's small matrices under-predict an
    // 8B's decode by about 15% (ModelAtlasCpu: measured, Efficiency.cpp).
    double cpuLayerOverheadSeconds = 0.0;
    // Prefill efficiency of one storage type's matrix products ("Q4_K" ->
    // 1.29): a CPU's prompt runs each block type's own int8 kernel, and their
    // speeds differ threefold (on AVX-512 VNNI they pass the FP32 FMA peak the
    // CPU roofline counts, so CPU figures may exceed 1).
    std::map<QString, double> prefillByType;
    // Prefill efficiency a machine measured for one quantization ("Q4_K_M"),
    // from calibration: it replaces the per-type figures for that file type.
    std::map<QString, double> prefillByQuant;
    // The decode efficiency of weights of quantization `quant` that read
    // `bytesByType` bytes per storage type a token: the figure measured for
    // the quantization, else the per-type figures weighted by the bytes each
    // type reads, with the weight class's figure for the types unmeasured
    // (and for all, where there are no per-type figures).
    double decodeFor(const QString &quant, bool blockQuantized, const std::map<QString, double> &bytesByType) const;
    // The prefill efficiency of weights of quantization `quant` whose matrices
    // hold `paramsByType` elements per storage type: the figure measured for
    // the quantization, else the per-type figures weighted by the work each
    // type does (time adds up per type), with `prefill` for the types unmeasured.
    double prefillFor(const QString &quant, const std::map<QString, double> &paramsByType) const;
};

// Built-in defaults (sources in Efficiency.cpp), overridable per backend and
// per device (catalog GPU id, or "cpu") by calibration from measured runs.
class EfficiencyTable final
{
public:
    static Efficiency defaults(Backend b);
    Efficiency get(Backend b, const QString &deviceId) const;
    void set(Backend b, const QString &deviceId, const Efficiency &e);
    bool hasOverride(Backend b, const QString &deviceId) const;
    int overrideCount() const { return int(m_overrides.size()); }

private:
    std::map<std::pair<int, QString>, Efficiency> m_overrides;
};


} // namespace ModelAtlas::Planner
