#include "Efficiency.h"

namespace ModelAtlas::Planner {

const char *backendId(Backend b)
{
    switch (b) {
    case Backend::Auto: return "auto";
    case Backend::LlamaCppCuda: return "llama.cpp-cuda";
    case Backend::LlamaCppCpu: return "llama.cpp-cpu";
    case Backend::LlamaCppMetal: return "llama.cpp-metal";
    case Backend::Vllm: return "vllm";
    case Backend::ModelAtlasCpu: return "modelatlas-cpu";
    case Backend::ModelAtlasCuda: return "modelatlas-cuda";
    }
    return "auto";
}

bool isCpuBackend(Backend b)
{
    return b == Backend::LlamaCppCpu || b == Backend::ModelAtlasCpu;
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
    if (t == QLatin1String("modelatlas-cpu") || t == QLatin1String("modelatlas")) return Backend::ModelAtlasCpu;
    if (t == QLatin1String("modelatlas-cuda")) return Backend::ModelAtlasCuda;
    return std::nullopt;
}

namespace {

Efficiency figures(double decode16, double decodeQuant, double prefill, const QString &source)
{
    Efficiency e;
    e.decode16 = decode16;
    e.decodeQuant = decodeQuant;
    e.prefill = prefill;
    e.source = source;
    return e;
}

} // namespace

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
        return figures(0.80, 0.60, 0.50,
                       QStringLiteral("llama.cpp llama-bench, RTX 4090/3090, XiongjieDai/GPU-Benchmarks-on-LLM-Inference (May 2024)"));
    case Backend::Vllm:
        // Decode, 16-bit: vLLM 0.23, Llama-3.1-8B-Instruct BF16 on one A100
        // 40GB: ~75 tok/s at one concurrent request, "roughly 77% of the GPU's
        // memory-bandwidth ceiling" (johnmusgrave.com/p/vllm-throughput-latency-sweep-on).
        // Decode, 4-bit (GPTQ/AWQ through the Marlin kernels vLLM uses):
        // Frantar et al., "MARLIN" (PPoPP 2025, arXiv 2408.11743) measure "end-to-end
        // LLM inference speedups (of up to 2.8x) when integrated with ... vLLM"
        // over FP16. 4-bit g128 weights are 16 / 4.125 = 3.88x fewer bytes, so
        // the quantized path reaches 0.77 x 2.8 / 3.88 = 0.56 of peak bandwidth.
        // Prefill: no vLLM prefill-utilisation figure was found; vLLM runs the
        // same cuBLAS GEMMs as llama.cpp's CUDA backend, so its measured
        // llama-bench pp512 efficiency (0.5, see above) is borrowed until
        // calibration replaces it.
        return figures(0.77, 0.56, 0.50,
                       QStringLiteral("vLLM: A100 40GB Llama-3.1-8B BF16 single-request sweep (johnmusgrave.com, 2025); "
                                      "4-bit from MARLIN's 2.8x end-to-end vLLM speedup (arXiv 2408.11743); prefill as llama.cpp CUDA"));
    case Backend::LlamaCppMetal:
        // Same llama-bench table: M2 Ultra (800 GB/s) Llama-3-8B Q4_K_M tg512
        // 78.81 t/s -> 0.45 of peak; M1 Max (400 GB/s) F16 tg512 18.75 t/s
        // over 15.0 GB -> 0.70. Prefill: M2 Ultra pp512 994 t/s on ~27 TFLOPS
        // FP16 -> 0.6; kept at 0.5.
        return figures(0.70, 0.45, 0.50,
                       QStringLiteral("llama.cpp llama-bench, Apple M1 Max / M2 Ultra, XiongjieDai/GPU-Benchmarks-on-LLM-Inference"));
    case Backend::LlamaCppCpu: {
        // Measured: llama.cpp d32676d llama-bench (build-native, AVX-512), 2
        // threads, on the 2-vCPU development VM (docs/PERFORMANCE.md,
        // "Session 18"), the synthetic 1B Llama file of each type (32K tied
        // vocabulary), mean of two alternating rounds. Decode per storage
        // type: tg64 x the file's tensor bytes against the app's bandwidth
        // probe, median 34.65 GB/s of 60 readings taken between the runs
        // (capped at 1: the VM's bandwidth swings within minutes). Prefill per
        // storage type: pp512 x the block matrices' 2 x 973M FLOPs per token
        // against 2 x 96 GFLOPS, after the prompt's attention phase. Q4_K and
        // Q5_K from the Q4_K_M/Q5_K_M files less their Q6_K part. The class
        // figures, for types not measured, are the measured types' means.
        // Attention (session 15, Q4_K_M): tg32 at depth 0 and 4096 in one
        // llama-bench call, 48.76 -> 22.92 tok/s, 0.12 of peak for the step's
        // attention FLOPs (other runs at 4096 read 11.8-24.2: its attention
        // swings most with the VM's phases); -fa 1 pp512, pp2048 and pp4096
        // (98.5, 77.0, 72.9) fit 0.34 for a prompt's.
        Efficiency e = figures(0.94, 0.65, 0.99,
                               QStringLiteral("measured: llama.cpp llama-bench on a 2-vCPU AVX-512 VM, 34.7 GB/s (docs/PERFORMANCE.md)"));
        e.decodeByType = {{QStringLiteral("F16"), 0.87}, {QStringLiteral("BF16"), 1.0}, {QStringLiteral("Q8_0"), 0.79},
                          {QStringLiteral("Q6_K"), 0.80}, {QStringLiteral("Q5_K"), 0.64}, {QStringLiteral("Q4_K"), 0.89},
                          {QStringLiteral("Q4_0"), 0.73}, {QStringLiteral("Q5_0"), 0.47}, {QStringLiteral("Q4_1"), 0.41},
                          {QStringLiteral("Q5_1"), 0.47}};
        e.prefillByType = {{QStringLiteral("F16"), 0.96}, {QStringLiteral("BF16"), 1.74}, {QStringLiteral("Q8_0"), 1.16},
                           {QStringLiteral("Q6_K"), 0.71}, {QStringLiteral("Q5_K"), 0.52}, {QStringLiteral("Q4_K"), 1.63},
                           {QStringLiteral("Q4_0"), 1.43}, {QStringLiteral("Q5_0"), 0.90}, {QStringLiteral("Q4_1"), 0.44},
                           {QStringLiteral("Q5_1"), 0.39}};
        e.cpuAttentionDecode = 0.12;
        e.cpuAttentionPrefill = 0.34;
        return e;
    }
    case Backend::ModelAtlasCpu: {
        // Measured: this app's engine (atlas-bench, 2 threads, its AVX-512
        // tiles) beside llama.cpp CPU above, derived the same way (session 18;
        // BF16's and Q5_K's tiles new that session; Q5_0 and Q5_1 decode after
        // that session's AVX-512 legacy decode kernel, against its own probe
        // median, 35.25 GB/s). Attention (session 15,
        // Efficiency's defaults): a decode step grows by 16 ms from 0 to 4096
        // cached tokens, 0.17 of peak for its FLOPs; pp512, pp2048 and pp4096
        // fit 0.21 for the prompt's attention.
        // Decode has a fixed 0.19 ms per layer besides the reads (session
        // 19: tg32 of Q4_0 files of 2, 8 and 16 Llama-3.2-1B layers and 4, 8
        // and 32 Llama-3-8B layers, alternated three times: 1.16 ms per 34.2
        // MB layer and 3.68 ms per 122.7 MB one fit 35.2 GB/s, the probe's
        // reading, plus 0.19 ms). The per-type figures are session 18's net
        // of it, e' = 1 / (1/e - 16 x 0.19 ms x bandwidth / the file's bytes
        // per token), at most 1; Q4_0 the mean of that (0.84, a 32K-vocabulary
        // 1B) and the sweep's 1.0 (128K vocabulary), sessions whose VM phases
        // differed. The class figures are the types' means.
        Efficiency e = figures(0.97, 0.94, 1.21,
                               QStringLiteral("measured: ModelAtlas engine on a 2-vCPU AVX-512 VM, 34.7 GB/s (docs/PERFORMANCE.md)"));
        e.decodeByType = {{QStringLiteral("F16"), 1.0}, {QStringLiteral("BF16"), 0.94}, {QStringLiteral("Q8_0"), 1.0},
                          {QStringLiteral("Q6_K"), 0.94}, {QStringLiteral("Q5_K"), 0.93}, {QStringLiteral("Q4_K"), 0.96},
                          {QStringLiteral("Q4_0"), 0.92}, {QStringLiteral("Q5_0"), 0.90}, {QStringLiteral("Q4_1"), 0.85},
                          {QStringLiteral("Q5_1"), 0.99}};
        e.cpuLayerOverheadSeconds = 0.19e-3;
        e.prefillByType = {{QStringLiteral("F16"), 1.05}, {QStringLiteral("BF16"), 1.01}, {QStringLiteral("Q8_0"), 1.33},
                           {QStringLiteral("Q6_K"), 0.92}, {QStringLiteral("Q5_K"), 1.08}, {QStringLiteral("Q4_K"), 1.38},
                           {QStringLiteral("Q4_0"), 1.54}, {QStringLiteral("Q5_0"), 1.23}, {QStringLiteral("Q4_1"), 1.41},
                           {QStringLiteral("Q5_1"), 1.12}};
        return e;
    }
    case Backend::ModelAtlasCuda: {
        // Not measured: no GPU has run the engine's CUDA backend yet
        // (docs/PERFORMANCE.md). llama.cpp CUDA's figures stand in, the peer
        // it is measured against; the user's own runs replace them.
        Efficiency e = defaults(Backend::LlamaCppCuda);
        e.source = QStringLiteral("not measured yet: llama.cpp CUDA's figures stand in (") + e.source
                 + QStringLiteral(")");
        return e;
    }
    }
    return {};
}

namespace {

// The efficiency of work spread over storage types, each at its own figure
// (`fallback` where it has none): time adds up per type.
template <typename Fallback>
double weightedByType(const std::map<QString, double> &amounts, const std::map<QString, double> &figures,
                      const Fallback &fallback)
{
    double work = 0, time = 0;
    for (const auto &[type, amount] : amounts) {
        const auto it = figures.find(type);
        work += amount;
        time += amount / (it != figures.end() ? it->second : fallback(type));
    }
    return time > 0 ? work / time : 0.0;
}

bool isFloatType(const QString &type)
{
    return type == QLatin1String("F32") || type == QLatin1String("F16") || type == QLatin1String("BF16");
}

} // namespace

double Efficiency::decodeFor(const QString &quant, bool blockQuantized, const std::map<QString, double> &bytesByType) const
{
    if (const auto it = decodeByQuant.find(quant.toUpper()); it != decodeByQuant.end())
        return it->second;
    const double byClass = blockQuantized ? decodeQuant : decode16;
    if (decodeByType.empty())
        return byClass;
    const double e = weightedByType(bytesByType, decodeByType,
                                    [this](const QString &type) { return isFloatType(type) ? decode16 : decodeQuant; });
    return e > 0 ? e : byClass;
}

double Efficiency::prefillFor(const QString &quant, const std::map<QString, double> &paramsByType) const
{
    if (const auto it = prefillByQuant.find(quant.toUpper()); it != prefillByQuant.end())
        return it->second;
    const double e = weightedByType(paramsByType, prefillByType, [this](const QString &) { return prefill; });
    return e > 0 ? e : prefill;
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

} // namespace ModelAtlas::Planner
