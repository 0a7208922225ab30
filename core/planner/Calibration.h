#pragma once
// Measured runs and what the planner learns from them. The Playground (and
// `modelatlas-cli side-by-side`) store every local run in the `measurements`
// table; calibration turns those rows into efficiency overrides per backend
// and device, so later plans for the same machine predict what it measured.

#include "Efficiency.h"
#include "ModelShape.h"
#include "hardware/HardwareProfile.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace ModelAtlas::Planner {

// One measured run.
struct Measurement
{
    QString modelId, deviceId, quant;   // catalog model id, catalog GPU id or "cpu", quant name
    Backend backend = Backend::LlamaCppCuda;
    int gpuCount = 1;
    int context = 0;                     // context length when measured (tokens in the cache)
    int promptTokens = 0, outputTokens = 0;
    double decodeTokS = 0, prefillTokS = 0, ttftMs = 0;
    uint64_t peakBytes = 0;              // peak resident (CPU) or device memory of the run
    uint64_t predictedBytes = 0;         // the planner's memory prediction stored with the run
    double predictedDecodeTokS = 0;      // the planner's decode prediction stored with the run
    double cpuBandwidthGBs = 0;          // the machine's memory bandwidth (CPU runs)
    int cpuThreads = 0;                  // threads the CPU run used
    QDateTime createdAt;
};

// Reads the `measurements` table: columns model_id, quantization, device,
// context, prompt_tokens, output_tokens, created_at; the json column carries
// {"backend", "decode_tok_s", "prefill_tok_s", "ttft_ms", "gpu_count",
// "peak_rss_bytes" or "peak_device_bytes", "predicted_bytes",
// "predicted_decode_tok_s", "cpu_bandwidth_gbs", "threads"}. Rows without a
// usable figure are skipped. With modelId/quant given, only matching rows.
Result<QList<Measurement>> readMeasurements(QSqlDatabase db, const QString &modelId = {}, const QString &quant = {});

// Turns measured runs into efficiency overrides for matching backend/device.
// `shapes` gives the shape of a catalog model id (nullptr when unknown); rows
// whose model, quant or device cannot be resolved, and CPU rows that do not
// state the machine's bandwidth, are skipped.
struct CalibrationResult
{
    EfficiencyTable table;
    int rowsUsed = 0, rowsSkipped = 0;
};
using ShapeLookup = std::function<const ModelShape *(const QString &modelId)>;
using GpuLookup = std::function<std::optional<Hardware::GpuSpec>(const QString &deviceId)>;
CalibrationResult calibrate(const QList<Measurement> &rows, const ShapeLookup &shapes, const GpuLookup &gpus,
                            EfficiencyTable base = {});

// calibrate() over the database's measurements, catalog shapes and GPUs.
Result<CalibrationResult> calibrationFromDatabase(QSqlDatabase db);

} // namespace ModelAtlas::Planner
