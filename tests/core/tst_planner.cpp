// Planner formulas against worked numbers from public sources (docs/ACCURACY.md).
#include "PlannerFixtures.h"
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "fit/FitMatrix.h"
#include "hardware/GpuCatalog.h"
#include "planner/CatalogModels.h"
#include "planner/GgufModel.h"
#include "planner/Planner.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/runtime/run_state.h"
#include "modelatlas/engine/tensor/ggml_type.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <cmath>
#include <map>

using namespace ModelAtlas;
using namespace ModelAtlas::Planner;
using namespace ModelAtlas::Test;

namespace {

constexpr double GiB = 1024.0 * 1024.0 * 1024.0;

ModelShape llama31_70b() { return makeShape(QStringLiteral("llama-3.1-70b"), 80, 8192, 64, 8, 128, 128256, 28672); }
ModelShape deepseekV3()
{
    return makeShape(QStringLiteral("deepseek-v3"), 61, 7168, 128, 128, 192, 129280, 18432, false,
                     QStringLiteral(R"({"n_experts":256,"n_experts_per_token":8,"n_shared_experts":1,"expert_ffn_size":2048,"first_dense_layers":3})"),
                     QStringLiteral(R"({"q_lora_rank":1536,"kv_lora_rank":512,"qk_rope_head_dim":64,"qk_nope_head_dim":128,"v_head_dim":128})"));
}
ModelShape mixtral8x7b()
{
    return makeShape(QStringLiteral("mixtral-8x7b"), 32, 4096, 32, 8, 128, 32000, 14336, false,
                     QStringLiteral(R"({"n_experts":8,"n_experts_per_token":2,"n_shared_experts":0,"expert_ffn_size":14336,"first_dense_layers":0})"));
}
ModelShape qwen3_235b()
{
    return makeShape(QStringLiteral("qwen3-235b-a22b"), 94, 4096, 64, 4, 128, 151936, 12288, false,
                     QStringLiteral(R"({"n_experts":128,"n_experts_per_token":8,"n_shared_experts":0,"expert_ffn_size":1536,"first_dense_layers":0})"));
}
ModelShape gemma3_27b()
{
    return makeShape(QStringLiteral("gemma-3-27b"), 62, 5376, 32, 16, 128, 262144, 21504, true, {}, {},
                     QStringLiteral(R"({"window":1024,"pattern":"5:1","local_layers":52,"global_layers":10})"));
}

// The synthetic files of the CPU benchmarks (docs/PERFORMANCE.md): `atlas-gguf
// synth --preset llama-3.2-1b` with a 32K vocabulary, and `--preset gemma-3-1b`.
ModelShape synthLlama1b() { return makeShape(QStringLiteral("synth-llama-1b"), 16, 2048, 32, 8, 64, 32000, 8192, true); }
ModelShape synthGemma3_1b()
{
    return makeShape(QStringLiteral("synth-gemma-3-1b"), 26, 1152, 4, 1, 256, 262144, 6912, true, {}, {},
                     QStringLiteral(R"({"window":512,"pattern":"5:1","local_layers":22,"global_layers":4})"));
}

// A plan on the development VM the CPU figures were measured on: 2 cores,
// 24 GiB, `bandwidthGBs` as its probe read around the runs.
Result<ModelAtlas::Planner::Plan> planOnDevVm(const ModelShape &s, const WeightLayout &layout, std::optional<Quant> q,
                                              Backend backend, double bandwidthGBs, Workload w)
{
    PlanInput in;
    in.shape = &s;
    in.layout = &layout;
    in.quant = q;
    in.hardware.systemRamGiB = 24;
    in.hardware.cpuCores = 2;
    in.hardware.cpuBandwidthGBs = bandwidthGBs;
    in.workload = w;
    in.deployment.backend = backend;
    return plan(in);
}

// A predicted figure within 15% of the measured one, logged for docs/ACCURACY.md.
bool withinFifteenPercent(const char *what, double predicted, double measured)
{
    const double error = (predicted - measured) / measured;
    qInfo("%s %s: %.1f tok/s predicted vs %.1f measured (%+.1f%%)", QTest::currentDataTag(), what, predicted, measured,
          error * 100);
    return std::abs(error) < 0.15;
}

Hardware::GpuSpec rtx4090() { return gpu(QStringLiteral("rtx-4090"), 24, 1008, 165); }

Result<ModelAtlas::Planner::Plan> planOn(const ModelShape &s, Quant q, const Hardware::GpuSpec &g, int count,
                                         double ramGiB, Workload w = {}, Deployment d = {})
{
    static thread_local WeightLayout layout;
    layout = layoutFor(s, q);
    PlanInput in;
    in.shape = &s;
    in.layout = &layout;
    in.hardware.gpu = g;
    in.hardware.gpuCount = count;
    in.hardware.systemRamGiB = ramGiB;
    in.hardware.interconnect = QStringLiteral("nvlink");
    in.workload = w;
    in.deployment = d;
    in.quant = q;
    return plan(in);
}

QString sharedDir()
{
    const QByteArray env = qgetenv("MODELATLAS_SHARED_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QDir(QStringLiteral(MODELATLAS_SOURCE_DIR "/../shared")).absolutePath();
}

} // namespace

class TestPlanner final : public QObject
{
    Q_OBJECT

private slots:
    // --- weights -------------------------------------------------------------
    void fileSizes_data()
    {
        QTest::addColumn<int>("model");
        QTest::addColumn<QString>("quant");
        QTest::addColumn<double>("expectedGiB");
        QTest::addColumn<double>("tolerance");
        // llama.cpp tools/quantize/README.md, Llama-3.1-8B (data/quantizations.json).
        QTest::newRow("Llama-3.1-8B Q4_K_M 4.58 GiB") << 8 << "Q4_K_M" << 4.58 << 0.01;
        QTest::newRow("Llama-3.1-8B Q8_0 7.95 GiB") << 8 << "Q8_0" << 7.95 << 0.01;
        QTest::newRow("Llama-3.1-8B F16 14.96 GiB") << 8 << "F16" << 14.96 << 0.01;
        QTest::newRow("Llama-3.1-8B Q6_K 6.14 GiB") << 8 << "Q6_K" << 6.14 << 0.01;
        QTest::newRow("Llama-3.1-8B Q5_K_M 5.33 GiB") << 8 << "Q5_K_M" << 5.33 << 0.01;
        QTest::newRow("Llama-3.1-8B Q5_K_S 5.21 GiB") << 8 << "Q5_K_S" << 5.21 << 0.01;
        QTest::newRow("Llama-3.1-8B Q4_K_S 4.36 GiB") << 8 << "Q4_K_S" << 4.36 << 0.01;
        QTest::newRow("Llama-3.1-8B Q2_K 2.95 GiB") << 8 << "Q2_K" << 2.95 << 0.01;
        // QUANT_OPTIONS in tools/quantize/quantize.cpp: "Q4_0 4.34G @ Llama-3-8B".
        QTest::newRow("Llama-3-8B Q4_0 4.34 GiB") << 8 << "Q4_0" << 4.34 << 0.01;
        // dranger003's Llama-3-70B table (XiongjieDai/GPU-Benchmarks-on-LLM-Inference).
        QTest::newRow("Llama-3-70B Q4_K_M 39.60 GiB") << 70 << "Q4_K_M" << 39.60 << 0.01;
        QTest::newRow("Llama-3-70B Q8_0 69.83 GiB") << 70 << "Q8_0" << 69.83 << 0.01;
        QTest::newRow("Llama-3-70B F16 131.43 GiB") << 70 << "F16" << 131.43 << 0.01;
        QTest::newRow("Llama-3-70B Q3_K_M 31.91 GiB") << 70 << "Q3_K_M" << 31.91 << 0.01;
    }
    void fileSizes()
    {
        QFETCH(int, model);
        QFETCH(QString, quant);
        QFETCH(double, expectedGiB);
        QFETCH(double, tolerance);
        const ModelShape s = model == 8 ? llama31_8b() : llama31_70b();
        const auto q = quantByName(quant);
        QVERIFY(q);
        const double gib = double(layoutFor(s, *q).totalBytes) / GiB;
        QVERIFY2(std::abs(gib - expectedGiB) / expectedGiB <= tolerance,
                 qPrintable(QStringLiteral("%1 GiB planned, %2 GiB published").arg(gib, 0, 'f', 3).arg(expectedGiB)));
    }

    void mixPerTensorClass()
    {
        // Q4_K_M keeps output in Q6_K, token_embd in Q4_K, and half of the
        // attn_v / ffn_down layers in Q6_K (use_more_bits).
        const ModelShape s = llama31_8b();
        int q6Down = 0, q6V = 0;
        for (const TensorDesc &t : s.tensors()) {
            const Storage st = storageFor(Quant::Q4_K_M, t, s);
            if (t.cls == TensorClass::Output) QCOMPARE(st, Storage::Q6_K);
            if (t.cls == TensorClass::TokenEmbedding) QCOMPARE(st, Storage::Q4_K);
            if (t.cls == TensorClass::Norm) QCOMPARE(st, Storage::F32);
            if (t.cls == TensorClass::AttnQ) QCOMPARE(st, Storage::Q4_K);
            if (t.cls == TensorClass::FfnDown && st == Storage::Q6_K) ++q6Down;
            if (t.cls == TensorClass::AttnV && st == Storage::Q6_K) ++q6V;
        }
        QCOMPARE(q6Down, 16);
        QCOMPARE(q6V, 16);
        // Mixtral (8 experts): attn_v and attn_k in Q8_0, attn_output Q5_K.
        const ModelShape m = mixtral8x7b();
        for (const TensorDesc &t : m.tensors()) {
            if (t.cls == TensorClass::AttnV || t.cls == TensorClass::AttnK) QCOMPARE(storageFor(Quant::Q4_K_M, t, m), Storage::Q8_0);
            if (t.cls == TensorClass::AttnOutput) QCOMPARE(storageFor(Quant::Q4_K_M, t, m), Storage::Q5_K);
        }
        // AWQ/GPTQ g128: 4.15625 bits per weight in the decoder, embeddings 16 bit.
        const TensorDesc q{TensorClass::AttnQ, 0, 4096, 4096, 1};
        QCOMPARE(storageBytes(storageFor(Quant::AWQ_4bit_g128, q, s), q), uint64_t(4096) * 4096 * 4156250 / 8000000);
        const TensorDesc e{TensorClass::TokenEmbedding, -1, 4096, 128256, 1};
        QCOMPARE(storageFor(Quant::GPTQ_4bit_g128, e, s), Storage::BF16);
        QCOMPARE(storageBytes(storageFor(Quant::FP8, q, s), q), uint64_t(4096) * 4096 + 4096 * 4);
    }

    void paramCounts_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("totalB");
        QTest::addColumn<double>("activeB");
        // Published totals: Meta model card 8.03B; Mistral "46.7B total, 12.9B
        // active"; DeepSeek-V3 report "671B total, 37B activated"; Qwen3
        // "235B total, 22B activated".
        QTest::newRow("dense Llama-3.1-8B 8.03B") << "llama" << 8.03 << 8.03;
        QTest::newRow("MoE Mixtral 8x7B 46.7B / 12.9B") << "mixtral" << 46.7 << 12.9;
        QTest::newRow("MoE+MLA DeepSeek-V3 671B / 37B") << "deepseek" << 671.0 << 37.0;
        QTest::newRow("MoE Qwen3-235B-A22B 235B / 22B") << "qwen3" << 235.0 << 22.0;
    }
    void paramCounts()
    {
        QFETCH(QString, model);
        QFETCH(double, totalB);
        QFETCH(double, activeB);
        const ModelShape s = model == QLatin1String("llama") ? llama31_8b() : model == QLatin1String("mixtral") ? mixtral8x7b()
                           : model == QLatin1String("deepseek") ? deepseekV3() : qwen3_235b();
        const WeightLayout w = layoutFor(s, Quant::F16);
        QVERIFY2(std::abs(w.params / 1e9 - totalB) / totalB < 0.02, qPrintable(QString::number(w.params / 1e9)));
        QVERIFY2(std::abs(w.activeParams / 1e9 - activeB) / activeB < 0.05, qPrintable(QString::number(w.activeParams / 1e9)));
    }

    // --- KV cache -----------------------------------------------------------------
    void kvCache_data()
    {
        QTest::addColumn<int>("model");
        QTest::addColumn<QString>("kvType");
        QTest::addColumn<qint64>("context");
        QTest::addColumn<qint64>("expectedBytes");
        // 2 x 32 layers x 8 kv heads x 128 x 2 B = 131,072 B/token.
        QTest::newRow("GQA 8 kv heads, 1 token") << 8 << "f16" << qint64(1) << qint64(131072);
        QTest::newRow("GQA 8 kv heads, 32k ctx") << 8 << "f16" << qint64(32768) << qint64(4) * qint64(GiB);
        QTest::newRow("GQA 8 kv heads, 32k ctx, q8_0") << 8 << "q8_0" << qint64(32768) << qint64(131072) * 32768 * 34 / 64;
        QTest::newRow("GQA 8 kv heads, 32k ctx, q4_0") << 8 << "q4_0" << qint64(32768) << qint64(131072) * 32768 * 18 / 64;
        // DeepSeek-V3 MLA: 61 x (512 + 64) x 2 B = 70,272 B/token.
        QTest::newRow("MLA 512+64 latent, 1 token") << 671 << "f16" << qint64(1) << qint64(70272);
        QTest::newRow("MLA 512+64 latent, 128k ctx") << 671 << "f16" << qint64(131072) << qint64(70272) * 131072;
        // Gemma 3 27B: 2 x 16 x 128 x 2 B = 8,192 B/token/layer; 10 global
        // layers hold 32k tokens, 52 local layers hold the 1,024-token window.
        QTest::newRow("SWA 5:1 window 1024, 32k ctx") << 27 << "f16" << qint64(32768)
                                                       << qint64(8192) * (10 * 32768 + 52 * 1024);
        QTest::newRow("SWA 5:1 window 1024, 512 ctx (inside window)") << 27 << "f16" << qint64(512) << qint64(8192) * 62 * 512;
    }
    void kvCache()
    {
        QFETCH(int, model);
        QFETCH(QString, kvType);
        QFETCH(qint64, context);
        QFETCH(qint64, expectedBytes);
        const ModelShape s = model == 8 ? llama31_8b() : model == 671 ? deepseekV3() : gemma3_27b();
        const auto t = kvTypeByName(kvType);
        QVERIFY(t);
        QCOMPARE(qint64(kvBytesForContext(s, *t, context)), expectedBytes);
    }

    // Gemma 3 27B: 10 global and 52 sliding-window (1024) layers, 8 KiB of F16
    // K and V per position per layer. llama.cpp keeps the window; the app's
    // CPU engine a ring of window + batch (the engine's own windowRing, whose
    // sessions' allocations engine/window_ring_test checks) unless the full
    // context is no larger; its CUDA backend the same ring for its batches of
    // 64, without the mirror copy.
    void kvWindowLayersPerBackend_data()
    {
        QTest::addColumn<int>("backend");
        QTest::addColumn<int>("context");
        QTest::addColumn<qint64>("expectedBytes");
        const qint64 ring = modelatlas::engine::windowRing(1024, Workload{}.ubatch, 32768).length();
        QVERIFY(ring > 1024 && ring < 32768);
        QTest::newRow("llama.cpp") << int(Backend::LlamaCppCpu) << 32768 << qint64(8192) * (10 * 32768 + 52 * 1024);
        QTest::newRow("modelatlas-cpu") << int(Backend::ModelAtlasCpu) << 32768 << qint64(8192) * (10 * 32768 + 52 * ring);
        QTest::newRow("modelatlas-cpu short") << int(Backend::ModelAtlasCpu) << 2048 << qint64(8192) * 62 * 2048;
        const qint64 cudaRing = modelatlas::engine::windowRing(1024, 64, 32768).ring;
        QVERIFY(cudaRing > 1024 + 64 && cudaRing < ring);
        QTest::newRow("modelatlas-cuda") << int(Backend::ModelAtlasCuda) << 32768
                                         << qint64(8192) * (10 * 32768 + 52 * cudaRing);
        QTest::newRow("modelatlas-cuda short") << int(Backend::ModelAtlasCuda) << 2048 << qint64(8192) * 62 * 2048;
    }
    void kvWindowLayersPerBackend()
    {
        QFETCH(int, backend);
        QFETCH(int, context);
        QFETCH(qint64, expectedBytes);
        const ModelShape s = gemma3_27b();
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        PlanInput in;
        in.shape = &s;
        in.layout = &layout;
        in.quant = Quant::Q4_K_M;
        in.hardware.systemRamGiB = 512;
        in.hardware.cpuCores = 16;
        in.hardware.cpuBandwidthGBs = 100;
        in.workload.context = context;
        in.deployment.backend = Backend(backend);
        if (in.deployment.backend == Backend::ModelAtlasCuda) {
            in.hardware.gpu = h100();
            in.hardware.gpuCount = 1;
        }
        const auto p = plan(in);
        QVERIFY(p);
        QCOMPARE(qint64(p->kvBytes), expectedBytes);
    }

    // The weights a token multiplies through are the active ones less the
    // embedding lookup and the logits head (all but the 1-D norms); routed
    // experts count at their active share.
    void matmulParamsAreTheActiveWeights_data()
    {
        QTest::addColumn<int>("model");
        QTest::newRow("llama-3.1-8b") << 0;
        QTest::newRow("deepseek-v3 (MoE, MLA)") << 1;
        QTest::newRow("mixtral-8x7b (MoE)") << 2;
        QTest::newRow("gemma-3-27b (tied)") << 3;
    }
    void matmulParamsAreTheActiveWeights()
    {
        QFETCH(int, model);
        const ModelShape s = std::array{llama31_8b(), deepseekV3(), mixtral8x7b(), gemma3_27b()}[size_t(model)];
        const WeightLayout w = layoutFor(s, Quant::Q4_K_M);
        const double counted = w.blockMatmulParams() + w.embeddingParams + w.outputHeadParams;
        QVERIFY2(std::abs(counted - w.activeParams) / w.activeParams < 1e-4,
                 qPrintable(QStringLiteral("%1 counted vs %2 active").arg(counted).arg(w.activeParams)));
        QVERIFY(counted < w.activeParams);   // the norms are not matrix products
        QCOMPARE(w.logitsHeadParams(), double(s.hidden) * s.vocab);
    }

    void kvPerUser()
    {
        Workload w;
        w.context = 8192;
        w.users = 4;
        const auto p = planOn(llama31_8b(), Quant::Q4_K_M, h100(), 1, 0, w);
        QVERIFY(p);
        QCOMPARE(p->kvBytes, uint64_t(4) * 8192 * 131072);   // 4 sequences x 1 GiB
        QCOMPARE(p->kvBytesPerToken, uint64_t(131072));
    }

    // --- placement ------------------------------------------------------------------
    void tensorParallel()
    {
        // Llama-3.1-70B F16 (131 GiB) on 2 x H100 with vLLM: weights and KV split by heads.
        Deployment d;
        d.backend = Backend::Vllm;
        d.parallelism = Parallelism::Tensor;
        Workload w;
        w.context = 8192;
        const ModelShape s = llama31_70b();
        const WeightLayout layout = layoutFor(s, Quant::BF16);
        const auto p = planOn(s, Quant::BF16, h100(), 2, 0, w, d);
        QVERIFY(p);
        QCOMPARE(p->tensorParallel, 2);
        QCOMPARE(int(p->devices.size()), 2);
        const double perDevice = double(p->devices[0].weights);
        QVERIFY(perDevice > layout.totalBytes / 2.0 && perDevice < layout.totalBytes / 2.0 * 1.001);   // norms replicated
        QCOMPARE(p->devices[0].kvCache, kvBytesForContext(s, KvType::F16, 8192) / 2);
        // 65.7 GiB + 1.25 GiB KV + buffers + 1.5 GiB runtime < 0.9 x 80 GiB, barely.
        QCOMPARE(p->verdict, Verdict::Fits);
        QVERIFY(p->headroomBytes < qint64(6 * GiB));
        // TP 1 does not fit; TP 4 leaves room for a much longer context.
        QCOMPARE(planOn(s, Quant::BF16, h100(), 1, 0, w, d)->verdict, Verdict::DoesNotFit);
        const auto p4 = planOn(s, Quant::BF16, h100(), 4, 0, w, d);
        QVERIFY(p4);
        QCOMPARE(p4->verdict, Verdict::Fits);
        QVERIFY(p4->maxContext > p->maxContext);
        // MLA latents replicate on every rank; fewer KV heads than ranks replicate heads.
        const auto mla = planOn(deepseekV3(), Quant::FP8, h100(), 8, 0, w, d);
        QVERIFY(mla);
        QCOMPARE(mla->devices[0].kvCache, kvBytesForContext(deepseekV3(), KvType::F16, 8192));
        const auto tp16 = planOn(s, Quant::BF16, h100(), 16, 0, w, d);
        QVERIFY(tp16);
        QCOMPARE(tp16->devices[0].kvCache, kvBytesForContext(s, KvType::F16, 8192) / 8);
    }

    void pipelineParallel()
    {
        // llama.cpp layer split: 80 layers over 4 GPUs = 20 each; the output
        // on the last GPU, token_embd in host memory.
        Deployment d;
        d.backend = Backend::LlamaCppCuda;
        d.parallelism = Parallelism::Pipeline;
        const ModelShape s = llama31_70b();
        const WeightLayout layout = layoutFor(s, Quant::Q8_0);
        const auto p = planOn(s, Quant::Q8_0, rtx4090(), 4, 64, {}, d);
        QVERIFY(p);
        QCOMPARE(p->pipelineParallel, 4);
        uint64_t sum = 0;
        for (const DeviceUse &dev : p->devices) {
            if (dev.gpu) QCOMPARE(dev.layerCount, 20);
            sum += dev.weights;
        }
        QVERIFY(std::abs(double(sum) - double(layout.totalBytes)) < 16.0);   // rounding per device only
        QVERIFY(p->devices[3].weights > p->devices[0].weights);              // the output lives on the last GPU
        QCOMPARE(p->devices.back().name, QStringLiteral("CPU RAM"));
        QCOMPARE(p->devices.back().weights, layout.embeddingBytes);
    }

    void offload_data()
    {
        QTest::addColumn<int>("model");
        QTest::addColumn<double>("ramGiB");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<bool>("expertsOnCpu");
        QTest::newRow("70B Q4_K_M on one 24 GiB card, 64 GiB RAM: -ngl") << 70 << 64.0 << int(Verdict::FitsWithOffload) << false;
        QTest::newRow("70B Q4_K_M on one 24 GiB card, no RAM given") << 70 << 0.0 << int(Verdict::DoesNotFit) << false;
        QTest::newRow("70B Q4_K_M on one 24 GiB card, 16 GiB RAM") << 70 << 16.0 << int(Verdict::DoesNotFit) << false;
        // Auto offload of an MoE: -ngl would leave 44 layers' attention on the CPU, a phase of
        // its own there, so the routed experts go to RAM (llama.cpp --cpu-moe) and every
        // layer's attention stays on the GPU.
        QTest::newRow("Qwen3-235B Q4_K_M on one H100, 256 GiB RAM: auto offload") << 235 << 256.0 << int(Verdict::FitsWithOffload) << true;
        QTest::newRow("Qwen3-235B Q4_K_M, routed experts forced to RAM") << -235 << 256.0 << int(Verdict::FitsWithOffload) << true;
    }
    void offload()
    {
        QFETCH(int, model);
        QFETCH(double, ramGiB);
        QFETCH(int, verdict);
        QFETCH(bool, expertsOnCpu);
        const ModelShape s = model == 70 ? llama31_70b() : qwen3_235b();
        const auto g = model == 70 ? rtx4090() : h100();
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        Deployment d;
        d.offloadExperts = model < 0 ? 1 : -1;
        const auto p = planOn(s, Quant::Q4_K_M, g, 1, ramGiB, {}, d);
        QVERIFY(p);
        QCOMPARE(int(p->verdict), verdict);
        if (p->verdict == Verdict::DoesNotFit)
            return;
        QCOMPARE(p->expertsOnCpu, expertsOnCpu);
        uint64_t sum = 0;
        for (const DeviceUse &dev : p->devices) {
            QVERIFY2(dev.total() <= dev.capacity, qPrintable(dev.name));
            sum += dev.weights;
        }
        QVERIFY(std::abs(double(sum) - double(layout.totalBytes)) < 16.0);   // every byte somewhere
        QVERIFY(p->speed.known && p->speed.decodeTokS > 0);
        if (!expertsOnCpu && !p->expertsOnCpu)
            QVERIFY(p->gpuLayers > 20 && p->gpuLayers < s.nLayers);
        if (expertsOnCpu)
            QCOMPARE(p->gpuLayers, s.nLayers);
    }

    // --- speed --------------------------------------------------------------------------
    void speedPublished_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<double>("measured");
        // llama-bench tg512 on an RTX 4090, Llama-3-8B (XiongjieDai/GPU-Benchmarks-on-LLM-Inference).
        QTest::newRow("RTX 4090 8B Q4_K_M tg512 130.58") << "Q4_K_M" << 130.58;
        QTest::newRow("RTX 4090 8B F16 tg512 54.84") << "F16" << 54.84;
    }
    void speedPublished()
    {
        QFETCH(QString, quant);
        QFETCH(double, measured);
        Workload w;
        w.context = 512;
        const auto p = planOn(llama31_8b(), *quantByName(quant), rtx4090(), 1, 0, w);
        QVERIFY(p && p->speed.known);
        QVERIFY2(std::abs(p->speed.decodeTokS - measured) / measured < 0.15, qPrintable(QString::number(p->speed.decodeTokS)));
    }

    void speedMonotonic()
    {
        const ModelShape s = llama31_8b();
        double last = 1e18;
        for (const int ctx : {512, 4096, 32768, 131072}) {
            Workload w;
            w.context = ctx;
            const auto p = planOn(s, Quant::Q4_K_M, h100(), 1, 0, w);
            QVERIFY(p && p->speed.known);
            QVERIFY(p->speed.decodeTokS < last);   // more KV to read per token
            last = p->speed.decodeTokS;
        }
        double lastAggregate = 0, lastPerUser = 1e18;
        for (const int users : {1, 4, 16, 64, 256}) {
            Workload w;
            w.context = 2048;
            w.users = users;
            const auto p = planOn(s, Quant::F16, h100(), 1, 0, w, {Backend::Vllm});
            QVERIFY(p && p->speed.known);
            QVERIFY(p->speed.aggregateTokS > lastAggregate);
            QVERIFY(p->speed.decodeTokS <= lastPerUser);
            QVERIFY(std::isfinite(p->speed.ttftSeconds) && p->speed.ttftSeconds > 0);
            lastAggregate = p->speed.aggregateTokS;
            lastPerUser = p->speed.decodeTokS;
        }
        Workload big;   // many short sequences: the batch's FLOPs outgrow the bytes
        big.users = 1024;
        big.context = 128;
        QVERIFY(planOn(s, Quant::F16, h100(), 1, 0, big, {Backend::Vllm})->speed.computeBound);
        const auto q4 = planOn(s, Quant::Q4_K_M, rtx4090(), 1, 0);
        const auto f16 = planOn(s, Quant::F16, h100(), 1, 0);
        const auto q4h = planOn(s, Quant::Q4_K_M, h100(), 1, 0);
        QVERIFY(q4->speed.decodeTokS < q4h->speed.decodeTokS);   // more bandwidth
        QVERIFY(f16->speed.decodeTokS < q4h->speed.decodeTokS);  // more bytes
        // TTFT grows with the prompt; prefill is compute bound on big prompts.
        Workload shortPrompt, longPrompt;
        shortPrompt.promptTokens = 256;
        longPrompt.promptTokens = 16384;
        longPrompt.context = 32768;
        QVERIFY(planOn(s, Quant::F16, h100(), 1, 0, shortPrompt)->speed.ttftSeconds
                < planOn(s, Quant::F16, h100(), 1, 0, longPrompt)->speed.ttftSeconds);
        // MoE: active params drive speed (Mixtral reads ~13B of 47B per token).
        const auto mix = planOn(mixtral8x7b(), Quant::Q4_K_M, h100(), 1, 0);
        QVERIFY(mix->speed.bytesPerToken < 0.4 * layoutFor(mixtral8x7b(), Quant::Q4_K_M).totalBytes);
    }

    // CPU decode against the engine's own runs (docs/PERFORMANCE.md, "Session 15"):
    // atlas-bench tg32 at depth 0-4096 on the synthetic Llama-3.2-1B-shaped Q4_K_M file
    // (32K vocabulary), AVX2 kernels, 2 threads, on the 2-core VM whose bandwidth probe read
    // 32.6 GB/s. At 4096 cached tokens the step's attention takes 40% of it, four times
    // what reading the cache would: the prediction stays within 15% at every depth, and the
    // attention's predicted share of the step within 0.1 of the measured growth over depth 0.
    void cpuDecodeAtDepth_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("kv");
        QTest::addColumn<double>("measured");
        QTest::addColumn<double>("atDepth0");
        QTest::newRow("f16 cache, depth 0") << 0 << int(KvType::F16) << 39.07 << 39.07;
        QTest::newRow("f16 cache, depth 2048") << 2048 << int(KvType::F16) << 30.11 << 39.07;
        QTest::newRow("f16 cache, depth 4096") << 4096 << int(KvType::F16) << 24.05 << 39.07;
        QTest::newRow("q8_0 cache, depth 0") << 0 << int(KvType::Q8_0) << 41.41 << 41.41;
        QTest::newRow("q8_0 cache, depth 2048") << 2048 << int(KvType::Q8_0) << 29.31 << 41.41;
        QTest::newRow("q8_0 cache, depth 4096") << 4096 << int(KvType::Q8_0) << 24.86 << 41.41;
    }
    void cpuDecodeAtDepth()
    {
        QFETCH(int, depth);
        QFETCH(int, kv);
        QFETCH(double, measured);
        QFETCH(double, atDepth0);
        const ModelShape s = synthLlama1b();
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        Workload w;
        w.context = depth + 16;   // the middle of the 32 decoded tokens
        w.kvType = KvType(kv);
        const auto p = planOnDevVm(s, layout, Quant::Q4_K_M, Backend::ModelAtlasCpu, 32.6, w);
        QVERIFY(p && p->speed.known);
        QVERIFY2(std::abs(p->speed.decodeTokS - measured) / measured < 0.15,
                 qPrintable(QStringLiteral("predicted %1 tok/s").arg(p->speed.decodeTokS)));
        const double measuredShare = 1.0 - measured / atDepth0;   // the step's growth since depth 0
        QVERIFY2(std::abs(p->speed.cpuAttentionShare - measuredShare) < 0.1,
                 qPrintable(QStringLiteral("predicted share %1").arg(p->speed.cpuAttentionShare)));
    }

    // pp512 of atlas-bench and llama-bench (2 threads, mean of two rounds) on
    // the synthetic 1B Llama file of each type and on Gemma-3-1B-shaped files
    // (docs/PERFORMANCE.md, "Session 18"). The per-type figures were derived
    // from the Llama rows, so those check the arithmetic; the Gemma rows are
    // predictions those figures never saw: a 262K vocabulary puts a third of
    // the weights in the embedding, which a prompt does not multiply through,
    // and its Q4_K_M mix is mostly Q5_0 (its 1152-wide rows take no K-quant).
    void cpuPrefillByType_data()
    {
        QTest::addColumn<int>("backend");
        QTest::addColumn<bool>("gemma");
        QTest::addColumn<QString>("type");   // a catalog quantization, or the one storage type of a uniform file
        QTest::addColumn<double>("measured");
        const struct
        {
            const char *type;
            double engine, llamaCpp;
        } llama[] = {{"F16", 95.43, 90.02}, {"BF16", 91.77, 158.03}, {"Q8_0", 118.61, 108.21}, {"Q6_K", 84.49, 67.58},
                     {"Q5_K_M", 95.94, 51.49}, {"Q4_K_M", 114.93, 126.36}, {"Q4_0", 134.80, 131.19},
                     {"Q5_0", 110.06, 85.17}, {"Q4_1", 124.52, 41.97}, {"Q5_1", 100.89, 38.06}};
        for (const auto &r : llama) {
            QTest::addRow("engine llama %s", r.type) << int(Backend::ModelAtlasCpu) << false << QString::fromLatin1(r.type) << r.engine;
            QTest::addRow("llama.cpp llama %s", r.type) << int(Backend::LlamaCppCpu) << false << QString::fromLatin1(r.type) << r.llamaCpp;
        }
        QTest::newRow("engine gemma Q4_K_M") << int(Backend::ModelAtlasCpu) << true << QStringLiteral("Q4_K_M") << 139.65;
        QTest::newRow("engine gemma Q8_0") << int(Backend::ModelAtlasCpu) << true << QStringLiteral("Q8_0") << 149.67;
        QTest::newRow("llama.cpp gemma Q4_K_M") << int(Backend::LlamaCppCpu) << true << QStringLiteral("Q4_K_M") << 115.53;
        QTest::newRow("llama.cpp gemma Q8_0") << int(Backend::LlamaCppCpu) << true << QStringLiteral("Q8_0") << 139.10;
    }
    void cpuPrefillByType()
    {
        QFETCH(int, backend);
        QFETCH(bool, gemma);
        QFETCH(QString, type);
        QFETCH(double, measured);
        const ModelShape s = gemma ? synthGemma3_1b() : synthLlama1b();
        const std::optional<Quant> quant = quantByName(type);
        WeightLayout layout = layoutFor(s, quant.value_or(Quant::F16));
        if (!quant) {
            // Q5_0, Q4_1, Q5_1 are no catalog quantization: the same elements,
            // all in that type, as the synthetic file has them (a CPU prompt's
            // time depends on its elements and their types, not on bytes).
            layout.matmulParamsByType = {{type, layout.blockMatmulParams()}};
            layout.weightType = type;
        }
        Workload w;
        w.context = 512;
        w.promptTokens = 512;
        const auto p = planOnDevVm(s, layout, quant, Backend(backend), 32.6, w);
        QVERIFY(p && p->speed.known);
        QVERIFY(withinFifteenPercent("prefill", p->speed.prefillTokS, measured));
    }

    // tg64 of the same files and builds, two alternating rounds, against the
    // bandwidth probe's median between them (docs/PERFORMANCE.md, "Session
    // 18"). As for prompts, the Llama rows gave the per-type figures and the
    // Gemma rows (262K-vocabulary head, Q4_K_M mostly Q5_0) are held out.
    // Q5_0/Q4_1/Q5_1 are no catalog quantization, so their Llama files have
    // no layout here; the Gemma Q4_K_M rows read mostly Q5_0 (the engine's
    // after its AVX-512 legacy decode kernel, with Q5_0's figure).
    void cpuDecodeByType_data()
    {
        QTest::addColumn<int>("backend");
        QTest::addColumn<bool>("gemma");
        QTest::addColumn<QString>("quant");
        QTest::addColumn<double>("measured");
        QTest::addColumn<double>("bandwidth");   // GB/s, the probe's median around the runs
        const struct
        {
            const char *quant;
            double engine, llamaCpp;
        } llama[] = {{"F16", 16.87, 14.55}, {"BF16", 14.99, 16.73}, {"Q8_0", 30.80, 24.77}, {"Q6_K", 34.23, 32.35},
                     {"Q5_K_M", 38.51, 31.27}, {"Q4_K_M", 45.22, 46.85}, {"Q4_0", 43.28, 43.43}};
        for (const auto &r : llama) {
            QTest::addRow("engine llama %s", r.quant) << int(Backend::ModelAtlasCpu) << false << QString::fromLatin1(r.quant) << r.engine << 34.65;
            QTest::addRow("llama.cpp llama %s", r.quant) << int(Backend::LlamaCppCpu) << false << QString::fromLatin1(r.quant) << r.llamaCpp << 34.65;
        }
        QTest::newRow("engine gemma Q4_K_M") << int(Backend::ModelAtlasCpu) << true << QStringLiteral("Q4_K_M") << 36.93 << 35.25;
        QTest::newRow("engine gemma Q8_0") << int(Backend::ModelAtlasCpu) << true << QStringLiteral("Q8_0") << 28.14 << 34.65;
        QTest::newRow("llama.cpp gemma Q4_K_M") << int(Backend::LlamaCppCpu) << true << QStringLiteral("Q4_K_M") << 26.63 << 34.65;
        QTest::newRow("llama.cpp gemma Q8_0") << int(Backend::LlamaCppCpu) << true << QStringLiteral("Q8_0") << 25.20 << 34.65;
    }
    void cpuDecodeByType()
    {
        QFETCH(int, backend);
        QFETCH(bool, gemma);
        QFETCH(QString, quant);
        QFETCH(double, measured);
        QFETCH(double, bandwidth);
        const ModelShape s = gemma ? synthGemma3_1b() : synthLlama1b();
        const Quant q = *quantByName(quant);
        const WeightLayout layout = layoutFor(s, q);
        Workload w;
        w.context = 32;   // the middle of the 64 decoded tokens
        const auto p = planOnDevVm(s, layout, q, Backend(backend), bandwidth, w);
        QVERIFY(p && p->speed.known);
        QVERIFY(withinFifteenPercent("decode", p->speed.decodeTokS, measured));
    }

    // A CPU decode step's fixed part: the attention phase, plus 0.19 ms per
    // layer for the engine (its dispatches and small serial steps, measured
    // across 1B and 8B layer counts, docs/PERFORMANCE.md "Session 19");
    // llama.cpp's figures fold theirs into the efficiency.
    void cpuLayerOverhead_data()
    {
        QTest::addColumn<int>("backend");
        QTest::addColumn<int>("model");
        QTest::addColumn<double>("overheadMs");
        QTest::newRow("engine 1B") << int(Backend::ModelAtlasCpu) << 1 << 16 * 0.19;
        QTest::newRow("engine 8B") << int(Backend::ModelAtlasCpu) << 8 << 32 * 0.19;
        QTest::newRow("llama.cpp 8B") << int(Backend::LlamaCppCpu) << 8 << 0.0;
    }
    void cpuLayerOverhead()
    {
        QFETCH(int, backend);
        QFETCH(int, model);
        QFETCH(double, overheadMs);
        const ModelShape s = model == 8 ? llama31_8b() : synthLlama1b();
        const WeightLayout layout = layoutFor(s, Quant::Q4_K_M);
        Workload w;
        w.context = 512;
        const auto p = planOnDevVm(s, layout, Quant::Q4_K_M, Backend(backend), 34.65, w);
        QVERIFY(p && p->speed.known);
        const double attention = p->speed.cpuAttentionShare / p->speed.decodeTokS;
        QVERIFY(attention > 0);
        QCOMPARE_LE(std::abs((p->speed.decodeFixedSeconds - attention) * 1e3 - overheadMs), 1e-9);
    }

    void decodeBound_data()
    {
        QTest::addColumn<bool>("computeBound");
        QTest::addColumn<double>("share");
        QTest::addColumn<QString>("text");
        QTest::newRow("bandwidth") << false << 0.0 << "bandwidth bound";
        QTest::newRow("compute") << true << 0.0 << "compute bound";
        QTest::newRow("attention under 5%") << false << 0.049 << "bandwidth bound";
        QTest::newRow("attention 38%") << false << 0.384 << "bandwidth bound; attention on the CPU: 38% of each step";
    }
    void decodeBound()
    {
        QFETCH(bool, computeBound);
        QFETCH(double, share);
        QFETCH(QString, text);
        SpeedEstimate s;
        s.computeBound = computeBound;
        s.cpuAttentionShare = share;
        QCOMPARE(decodeBoundText(s), text);
    }

    // --- verdicts -----------------------------------------------------------------------------
    void verdicts()
    {
        const auto small = planOn(llama31_8b(), Quant::Q4_K_M, rtx4090(), 1, 0);
        QVERIFY(small);
        QCOMPARE(small->verdict, Verdict::Fits);
        QVERIFY(small->headroomBytes > 0);
        QCOMPARE(small->maxContext, qint64(131072));   // 4.3 GiB weights + 16 GiB KV at 128k fit in 24 GiB
        Workload w;
        w.context = 8192;
        w.users = 12;   // 14 GiB of F16 weights on the GPU + 12 GiB of KV
        const auto f16 = planOn(llama31_8b(), Quant::F16, rtx4090(), 1, 0, w);
        QCOMPARE(f16->verdict, Verdict::DoesNotFit);
        QVERIFY(f16->maxContext > 0 && f16->maxContext < 8192);
        QVERIFY(f16->headroomBytes < 0);
        // CPU only: RAM decides.
        Hardware::GpuSpec none;
        const auto cpu = planOn(llama31_8b(), Quant::Q4_K_M, none, 0, 16);
        QVERIFY(cpu);
        QCOMPARE(cpu->verdict, Verdict::Fits);
        QCOMPARE(cpu->backend, Backend::LlamaCppCpu);
        QVERIFY(cpu->speed.known && cpu->speed.decodeTokS > 1 && cpu->speed.decodeTokS < 50);
    }

    void nonsense_data()
    {
        QTest::addColumn<qint64>("context");
        QTest::addColumn<int>("users");
        QTest::addColumn<double>("ram");
        QTest::addColumn<double>("memory");
        QTest::newRow("zero context") << qint64(0) << 1 << 0.0 << 24.0;
        QTest::newRow("negative context") << qint64(-5) << 1 << 0.0 << 24.0;
        QTest::newRow("absurd context") << qint64(1) << 1 << 0.0 << 24.0;
        QTest::newRow("zero users") << qint64(4096) << 0 << 0.0 << 24.0;
        QTest::newRow("negative RAM") << qint64(4096) << 1 << -1.0 << 24.0;
        QTest::newRow("NaN RAM") << qint64(4096) << 1 << std::nan("") << 24.0;
        QTest::newRow("zero GPU memory") << qint64(4096) << 1 << 0.0 << 0.0;
    }
    void nonsense()
    {
        QFETCH(qint64, context);
        QFETCH(int, users);
        QFETCH(double, ram);
        QFETCH(double, memory);
        Workload w;
        w.context = QByteArray(QTest::currentDataTag()) == "absurd context" ? (qint64(1) << 40) : context;
        w.users = users;
        auto g = rtx4090();
        g.memoryGiB = memory;
        const auto p = planOn(llama31_8b(), Quant::Q4_K_M, g, 1, ram, w);
        QVERIFY(!p);
        QVERIFY(!p.error().isEmpty());
        QVERIFY(!p.error().contains(QLatin1String("nan"), Qt::CaseInsensitive));
        // A shape with nonsense hyper-parameters is refused by name.
        ArchitectureRow r;
        r.model = QStringLiteral("broken");
        r.nLayers = -3;
        QVERIFY(!shapeFromArchitecture(r));
    }

    // --- GGUF headers -----------------------------------------------------------------------------
    void ggufExact_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("mix");   // quant whose mix must reproduce the file tensor by tensor ("" = skip)
        const char *files[][2] = {{"synth-llama-F16.gguf", "F16"}, {"synth-llama-BF16.gguf", ""},
                                  {"synth-llama-Q8_0.gguf", "Q8_0"}, {"synth-llama-Q6_K.gguf", "Q6_K"},
                                  {"synth-llama-Q5_K_M.gguf", "Q5_K_M"}, {"synth-llama-Q4_K_M.gguf", "Q4_K_M"},
                                  {"synth-llama-Q4_0.gguf", "Q4_0"}, {"synth-qwen2-F16.gguf", ""},
                                  {"synth-qwen2-Q4_K_M.gguf", ""}, {"synth-qwen2-Q8_0.gguf", ""},
                                  {"aidreams260K-F16.gguf", ""}, {"aidreams260K-F32.gguf", ""}};
        for (const auto &f : files)
            QTest::newRow(f[0]) << QString::fromLatin1(f[0]) << QString::fromLatin1(f[1]);
    }
    void ggufExact()
    {
        QFETCH(QString, file);
        QFETCH(QString, mix);
        const QString path = sharedDir() + QStringLiteral("/models/") + file;
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR)").arg(path)));
        const auto m = readGgufModel(path);
        QVERIFY2(m, qPrintable(m.error()));
        auto raw = modelatlas::engine::GgufFile::open(path.toStdString());
        QVERIFY(raw);
        uint64_t sum = 0;
        for (const auto &t : raw.value()->tensors())
            sum += t.nBytes;
        QCOMPARE(m->layout.totalBytes, sum);   // exact: the planned weights are the file's tensors
        uint64_t layered = m->layout.embeddingBytes + m->layout.outputBytes;
        for (const uint64_t b : m->layout.layerBytes)
            layered += b;
        QCOMPARE(layered, sum);
        // The elements a token multiplies through, by type: every 2-D block
        // tensor; the embedding (a lookup) and the logits head apart.
        std::map<QString, double> matmul;
        double embedding = 0, head = 0;
        for (const auto &t : raw.value()->tensors()) {
            if (t.name == "token_embd.weight")
                embedding = double(t.nElements);
            else if (t.name == "output.weight")
                head = double(t.nElements);
            else if (t.name.rfind("blk.", 0) == 0 && t.nDims >= 2)
                matmul[QString::fromLatin1(modelatlas::engine::ggmlTypeTraits(t.type).name.data())] += double(t.nElements);
        }
        QVERIFY(!matmul.empty());
        QCOMPARE(m->layout.matmulParamsByType, matmul);
        QCOMPARE(m->layout.embeddingParams, embedding);
        QCOMPARE(m->layout.logitsHeadParams(), head > 0 ? head : embedding);
        QCOMPARE(m->layout.weightType, m->fileType);
        // A decode step reads every tensor (these files are tied: the embedding is the head).
        double read = 0;
        for (const auto &[type, bytes] : m->layout.readBytesByType)
            read += bytes;
        QCOMPARE(read, double(sum) - (head > 0 ? double(m->layout.embeddingBytes) : 0.0));
        // The plan places exactly these bytes.
        PlanInput in;
        in.shape = &m->shape;
        in.layout = &m->layout;
        in.hardware.gpu = rtx4090();
        in.hardware.gpuCount = 1;
        const auto p = plan(in);
        QVERIFY2(p, qPrintable(p.error()));
        QCOMPARE(p->weightBytes, sum);
        QCOMPARE(p->verdict, Verdict::Fits);
        // The catalog path's mix model predicts the same bytes from the shape alone.
        if (!mix.isEmpty()) {
            const WeightLayout predicted = layoutFor(m->shape, *quantByName(mix));
            QCOMPARE(predicted.totalBytes, sum);
            QCOMPARE(predicted.matmulParamsByType, matmul);
            QCOMPARE(predicted.readBytesByType, m->layout.readBytesByType);
            QCOMPARE(predicted.logitsHeadParams(), m->layout.logitsHeadParams());
        }
    }

    // A tied model's embedding is its logits head: a decode step reads it
    // whole. The file comes from the engine's own synth tool (tiny Gemma 3,
    // tied, Q4_K_M); the catalog's mix must predict it type for type.
    void ggufTiedEmbedding()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("tiny-gemma3-Q4_K_M.gguf"));
        QProcess synth;
        synth.start(QStringLiteral(MODELATLAS_ATLAS_GGUF_PATH),
                    {QStringLiteral("synth"), QStringLiteral("--preset"), QStringLiteral("tiny-gemma3"), QStringLiteral("--type"),
                     QStringLiteral("Q4_K_M"), QStringLiteral("-o"), path});
        QVERIFY(synth.waitForFinished(60000));
        QVERIFY2(synth.exitCode() == 0, synth.readAllStandardError().constData());
        const auto m = readGgufModel(path);
        QVERIFY2(m, qPrintable(m.error()));
        QVERIFY(m->shape.tiedEmbeddings);
        QCOMPARE(m->layout.outputHeadParams, 0.0);
        QCOMPARE(m->layout.logitsHeadParams(), m->layout.embeddingParams);
        double read = 0;
        for (const auto &[type, bytes] : m->layout.readBytesByType)
            read += bytes;
        QCOMPARE(read, double(m->layout.totalBytes));
        const WeightLayout predicted = layoutFor(m->shape, Quant::Q4_K_M);
        QCOMPARE(predicted.matmulParamsByType, m->layout.matmulParamsByType);
        QCOMPARE(predicted.logitsHeadParams(), m->layout.logitsHeadParams());
        // The head's type (the catalog's shapes omit Gemma's q/k norms, so its F32 bytes differ).
        QCOMPARE(predicted.readBytesByType.at(QStringLiteral("Q6_K")), m->layout.readBytesByType.at(QStringLiteral("Q6_K")));
    }

    void ggufRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expect");
        for (const char *f : {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf", "ggml-vocab-gpt-2.gguf",
                              "ggml-vocab-falcon.gguf", "ggml-vocab-deepseek-coder.gguf"})
            QTest::newRow(f) << QStringLiteral("tokenizer/") + QLatin1String(f) << QStringLiteral("vocabulary-only");
        QTest::newRow("not a GGUF (.inp text)") << QStringLiteral("tokenizer/ggml-vocab-phi-3.gguf.inp")
                                                << QStringLiteral("not a readable GGUF");
        QTest::newRow("missing file") << QStringLiteral("models/does-not-exist.gguf") << QStringLiteral("no such file");
    }
    void ggufRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, expect);
        const QString path = sharedDir() + QLatin1Char('/') + file;
        if (!file.contains(QLatin1String("does-not-exist")) && !QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR)").arg(path)));
        const auto m = readGgufModel(path);
        QVERIFY(!m);
        QVERIFY2(m.error().contains(expect), qPrintable(m.error()));
    }

    // --- catalog and fit matrix ---------------------------------------------------------------------
    void catalogFitMatrix()
    {
        QTemporaryDir dir;
        auto db = Test::openDatabase(dir);
        QVERIFY(db);
        const auto imported = Catalog::ensureCatalogImported(*db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        const auto shapes = loadCatalogShapes(db->db());
        QVERIFY2(shapes, qPrintable(shapes.error()));
        QVERIFY2(shapes->skipped.isEmpty(), qPrintable(shapes->skipped.join(QLatin1Char('\n'))));
        QVERIFY(shapes->shapes.size() >= 40);
        // Every catalog model's computed total is near its stated size. Stated
        // sizes are release names ("1.5B"), and small models with large untied
        // vocabularies run over them (R1-Distill-Qwen-1.5B has 1.78B, Llama 3.2
        // "1B" has 1.24B), so 25%: this catches a wrong layer count or FFN size.
        for (const ModelShape &s : shapes->shapes) {
            if (s.catalogParamsB <= 0)
                continue;
            const double b = layoutFor(s, Quant::F16).params / 1e9;
            QVERIFY2(std::abs(b - s.catalogParamsB) / s.catalogParamsB < 0.25,
                     qPrintable(QStringLiteral("%1: %2B computed, %3B in the catalog").arg(s.id).arg(b).arg(s.catalogParamsB)));
        }
        const auto gpus = Hardware::catalogGpus(db->db());
        QVERIFY(gpus);
        const auto h = Hardware::resolveHardware(db->db(), QStringLiteral("h100-sxm-80gbx2"));
        QVERIFY2(h, qPrintable(h.error()));
        QCOMPARE(h->gpuCount, 2);

        Hardware::HardwareProfile hw;
        hw.gpu = h->gpu;
        hw.gpuCount = 1;
        hw.systemRamGiB = 256;
        Fit::FitOptions opt;
        opt.workload.context = 8192;
        const auto rows = Fit::fitMatrix(shapes->shapes, hw, opt);
        QCOMPARE(rows.size(), shapes->shapes.size());
        for (const auto &row : rows)
            for (const auto &cell : row.cells)
                QVERIFY(std::isfinite(cell.decodeTokS) && cell.decodeTokS >= 0);
        const auto llama = std::find_if(rows.begin(), rows.end(), [](const Fit::FitRow &r) { return r.modelId == QLatin1String("llama-3.1-8b"); });
        QVERIFY(llama != rows.end());
        QCOMPARE(llama->bestQuant, 0);   // F16 fits on an 80 GB card
        QCOMPARE(llama->cells[0].verdict, Verdict::Fits);
        const auto big = std::find_if(rows.begin(), rows.end(), [](const Fit::FitRow &r) { return r.modelId == QLatin1String("llama-3.1-405b"); });
        QVERIFY(big != rows.end());
        QCOMPARE(big->cells[0].verdict, Verdict::DoesNotFit);   // 810 GB of F16

        // Reverse: which configurations run Llama-3.1-70B Q4_K_M at 32k?
        Fit::FitOptions rev;
        rev.workload.context = 32768;
        const auto configs = Fit::gpuConfigsFor(*shapes->find(QStringLiteral("llama-3.1-70b")), Quant::Q4_K_M, gpus.value(), rev);
        QVERIFY(!configs.empty());
        for (const auto &c : configs) {
            QVERIFY(c.gpu.memoryGiB * c.count >= 40);   // 39.6 GiB of weights alone
            QCOMPARE(c.verdict, Verdict::Fits);
        }
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
