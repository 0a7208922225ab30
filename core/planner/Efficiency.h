#pragma once

#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <map>
#include <optional>
#include <utility>

namespace ModelAtlas::Planner {

// The runtime that serves the model; it decides memory overhead, where the
// token embedding lives, how multi-GPU splits, and the efficiencies.
enum class Backend { Auto, LlamaCppCuda, LlamaCppCpu, LlamaCppMetal, Vllm };
const char *backendId(Backend b);              // "llama.cpp-cuda", "vllm", ...
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

// One measured run (the engine's Playground stores them in `measurements`).
struct Measurement
{
    QString modelId, deviceId, quant;   // catalog model id, catalog GPU id or "cpu", quant name
    Backend backend = Backend::LlamaCppCuda;
    int gpuCount = 1;
    int context = 0;                     // context length when measured (tokens in the cache)
    double decodeTokS = 0, prefillTokS = 0;
};

// Reads the `measurements` table: columns model_id, quantization, device,
// context; the json column carries {"backend", "decode_tok_s",
// "prefill_tok_s", "gpu_count"}. Rows without a usable figure are skipped.
Result<QList<Measurement>> readMeasurements(QSqlDatabase db);

} // namespace ModelAtlas::Planner
