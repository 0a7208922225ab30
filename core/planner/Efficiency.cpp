#include "Efficiency.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <cmath>

namespace ModelAtlas::Planner {

const char *backendId(Backend b)
{
    switch (b) {
    case Backend::Auto: return "auto";
    case Backend::LlamaCppCuda: return "llama.cpp-cuda";
    case Backend::LlamaCppCpu: return "llama.cpp-cpu";
    case Backend::LlamaCppMetal: return "llama.cpp-metal";
    case Backend::Vllm: return "vllm";
    }
    return "auto";
}

std::optional<Backend> backendByName(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("auto")) return Backend::Auto;
    if (t == QLatin1String("llama.cpp") || t == QLatin1String("llamacpp") || t == QLatin1String("llama.cpp-cuda")
        || t == QLatin1String("cuda"))
        return Backend::LlamaCppCuda;
    if (t == QLatin1String("llama.cpp-cpu") || t == QLatin1String("cpu")) return Backend::LlamaCppCpu;
    if (t == QLatin1String("llama.cpp-metal") || t == QLatin1String("metal")) return Backend::LlamaCppMetal;
    if (t == QLatin1String("vllm")) return Backend::Vllm;
    return std::nullopt;
}

Efficiency EfficiencyTable::defaults(Backend b)
{
    switch (b) {
    case Backend::LlamaCppCuda:
    case Backend::Auto:
        // XiongjieDai/GPU-Benchmarks-on-LLM-Inference (llama.cpp llama-bench,
        // May 2024, README "LLaMA 3" table). Llama-3-8B, bytes read per token
        // = weights less token_embd (a row lookup): Q4_K_M 4.62 GB, F16 15.0 GB.
        //   RTX 4090 (1008 GB/s): tg512 F16 54.84 t/s -> 0.82 of peak; Q4_K_M
        //   130.58 t/s -> 0.60. RTX 3090 (936 GB/s): F16 47.40 -> 0.76;
        //   Q4_K_M 115.42 -> 0.57. pp512 on the 4090 (165 TFLOPS dense FP16):
        //   F16 9382 t/s x 16.1 GFLOP = 0.91, Q4_K_M 7139 t/s = 0.69; H100 PCIe
        //   (LLaMA 2 7B F16, Dec 2023) 7367 t/s = 0.13. Prefill varies most; 0.5
        //   sits between, and calibration replaces it per device.
        return {0.80, 0.60, 0.50,
                QStringLiteral("llama.cpp llama-bench, RTX 4090/3090, XiongjieDai/GPU-Benchmarks-on-LLM-Inference (May 2024)")};
    case Backend::Vllm:
        // vLLM 0.23, Llama-3.1-8B-Instruct BF16 on one A100 40GB: ~75 tok/s
        // at one concurrent request, "roughly 77% of the GPU's memory-bandwidth
        // ceiling" (johnmusgrave.com/p/vllm-throughput-latency-sweep-on).
        // Quantized (Marlin AWQ/GPTQ, FP8) kernels: assumed 0.70 until measured;
        // prefill 0.60 assumed (FlashAttention + cuBLAS GEMMs).
        return {0.77, 0.70, 0.60,
                QStringLiteral("vLLM, A100 40GB Llama-3.1-8B BF16 single-request sweep (johnmusgrave.com, 2025)")};
    case Backend::LlamaCppMetal:
        // Same llama-bench table: M2 Ultra (800 GB/s) Llama-3-8B Q4_K_M tg512
        // 78.81 t/s -> 0.45 of peak; M1 Max (400 GB/s) F16 tg512 18.75 t/s
        // over 15.0 GB -> 0.70. Prefill: M2 Ultra pp512 994 t/s on ~27 TFLOPS
        // FP16 -> 0.6; kept at 0.5.
        return {0.70, 0.45, 0.50,
                QStringLiteral("llama.cpp llama-bench, Apple M1 Max / M2 Ultra, XiongjieDai/GPU-Benchmarks-on-LLM-Inference")};
    case Backend::LlamaCppCpu:
        // Assumption: CPU decode reaches ~60% of the DRAM bandwidth the profile
        // states (typical for AVX2/AVX-512 ggml mat-vec); prefill on CPU is
        // compute-poor, 0.3 of the stated peak.
        return {0.60, 0.60, 0.30, QStringLiteral("assumed (no published CPU measurement recorded yet)")};
    }
    return {};
}

Efficiency EfficiencyTable::get(Backend b, const QString &deviceId) const
{
    if (const auto it = m_overrides.find({int(b), deviceId}); it != m_overrides.end())
        return it->second;
    if (const auto it = m_overrides.find({int(b), QString()}); it != m_overrides.end())
        return it->second;
    return defaults(b);
}

void EfficiencyTable::set(Backend b, const QString &deviceId, const Efficiency &e)
{
    m_overrides[{int(b), deviceId}] = e;
}

bool EfficiencyTable::hasOverride(Backend b, const QString &deviceId) const
{
    return m_overrides.count({int(b), deviceId}) > 0;
}

Result<QList<Measurement>> readMeasurements(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT model_id, quantization, device, context, json FROM measurements")))
        return Result<QList<Measurement>>::failure(
            QStringLiteral("Cannot read measurements: %1").arg(q.lastError().text()));
    QList<Measurement> rows;
    while (q.next()) {
        Measurement m;
        m.modelId = q.value(0).toString();
        m.quant = q.value(1).toString();
        m.deviceId = q.value(2).toString();
        m.context = q.value(3).toInt();
        const auto j = nlohmann::json::parse(q.value(4).toString().toStdString(), nullptr, false);
        if (!j.is_object())
            continue;
        const auto num = [&j](const char *key) {
            const auto it = j.find(key);
            return it != j.end() && it->is_number() && std::isfinite(it->get<double>()) ? it->get<double>() : 0.0;
        };
        m.decodeTokS = num("decode_tok_s");
        m.prefillTokS = num("prefill_tok_s");
        m.gpuCount = std::max(1, int(num("gpu_count")));
        if (const auto it = j.find("backend"); it != j.end() && it->is_string())
            if (const auto b = backendByName(QString::fromStdString(it->get<std::string>())))
                m.backend = *b;
        if (m.modelId.isEmpty() || m.quant.isEmpty() || m.deviceId.isEmpty()
            || (m.decodeTokS <= 0 && m.prefillTokS <= 0))
            continue;
        rows.push_back(m);
    }
    return rows;
}

} // namespace ModelAtlas::Planner
