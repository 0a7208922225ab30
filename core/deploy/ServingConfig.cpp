#include "ServingConfig.h"

#include "catalog/CatalogQuery.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

// Flag names below are checked against each engine's own documentation:
//  vLLM engine arguments: https://docs.vllm.ai/en/latest/models/engine_args.html
//    (--tensor-parallel-size, --pipeline-parallel-size, --max-model-len, --gpu-memory-utilization,
//     --quantization, --kv-cache-dtype {auto,fp8,fp8_e5m2,fp8_e4m3}, --max-num-seqs,
//     --distributed-executor-backend {ray,mp}, --host, --port)
//  vLLM multi-node (Ray cluster, "ray start --head" / "ray start --address=<head>:6379";
//    TP = GPUs per node, PP = nodes): https://docs.vllm.ai/en/stable/examples/online_serving/multi-node-serving/
//    and https://github.com/vllm-project/vllm/blob/main/docs/serving/parallelism_scaling.md
//  SGLang server arguments: https://docs.sglang.io/advanced_features/server_arguments.html
//    (--model-path, --tp, --dp, --context-length, --mem-fraction-static, --quantization,
//     --kv-cache-dtype fp8_e4m3|fp8_e5m2, --max-running-requests, --nnodes, --node-rank,
//     --dist-init-addr host:port, --host, --port)
//  llama.cpp server: https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md
//    (-m, -ngl/--n-gpu-layers, -c/--ctx-size, -np/--parallel, -ctk/--cache-type-k and -ctv/--cache-type-v
//     with f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1; -fa/--flash-attn [on|off|auto];
//     --host, --port)
//  Ollama Modelfile: https://docs.ollama.com/modelfile (FROM, PARAMETER num_ctx ...);
//    num_gpu is a runtime option (https://github.com/ollama/ollama/blob/main/docs/api.md, "options");
//    KV cache type and parallelism are server environment variables, not Modelfile parameters:
//    OLLAMA_FLASH_ATTENTION, OLLAMA_KV_CACHE_TYPE (f16, q8_0, q4_0), OLLAMA_NUM_PARALLEL
//    (https://docs.ollama.com/faq).

namespace ModelAtlas::Deploy {

namespace {

Result<ServeConfig> fail(const QString &message)
{
    return Result<ServeConfig>::failure(message);
}

QString num(double v)
{
    return QString::number(v, 'g', 6);
}

bool hasControl(const QString &s)
{
    for (const QChar c : s) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// Checks shared by every engine. Returns an error text or empty.
QString checkCommon(const ServePlan &p)
{
    const auto positive = [](int v, int max) { return v >= 1 && v <= max; };
    if (!positive(p.tensorParallel, 1024))
        return QStringLiteral("tensor parallel size %1 is not plausible (1 to 1024).").arg(p.tensorParallel);
    if (!positive(p.pipelineParallel, 256))
        return QStringLiteral("pipeline parallel size %1 is not plausible (1 to 256).").arg(p.pipelineParallel);
    if (!positive(p.dataParallel, 1024))
        return QStringLiteral("data parallel size %1 is not plausible (1 to 1024).").arg(p.dataParallel);
    if (!positive(p.nodes, 1024))
        return QStringLiteral("%1 nodes is not plausible (1 to 1024).").arg(p.nodes);
    if (!positive(p.gpusPerNode, 64))
        return QStringLiteral("%1 GPUs per node is not plausible (1 to 64).").arg(p.gpusPerNode);
    if (p.maxContext < 0 || p.maxContext > 16 * 1024 * 1024)
        return QStringLiteral("context length %1 is not plausible (1 to 16M tokens).").arg(p.maxContext);
    if (p.maxConcurrentSequences < 0 || p.maxConcurrentSequences > 65536)
        return QStringLiteral("%1 concurrent sequences is not plausible (1 to 65536).").arg(p.maxConcurrentSequences);
    if (!std::isfinite(p.gpuMemoryUtilization) || p.gpuMemoryUtilization < 0 || p.gpuMemoryUtilization > 1)
        return QStringLiteral("GPU memory utilisation must be a fraction between 0 and 1 (got %1).").arg(num(p.gpuMemoryUtilization));
    if (p.gpuMemoryUtilization > 0 && p.gpuMemoryUtilization < 0.05)
        return QStringLiteral("GPU memory utilisation %1 leaves no room for the model (use e.g. 0.9).").arg(num(p.gpuMemoryUtilization));
    if (p.port < 0 || p.port > 65535)
        return QStringLiteral("port %1 is not a TCP port.").arg(p.port);
    for (const QString *s : {&p.hfRepo, &p.ggufPath, &p.ollamaModel, &p.host, &p.headAddress, &p.quantization, &p.kvCacheDtype}) {
        if (hasControl(*s))
            return QStringLiteral("\"%1\" contains a control character (a newline?).").arg(QString(*s).replace(QLatin1Char('\n'), QStringLiteral("\\n")));
    }
    if (p.tensorParallel > 1 && p.attentionHeads && *p.attentionHeads % p.tensorParallel != 0)
        return QStringLiteral("tensor parallel size %1 does not divide the model's %2 attention heads; use a divisor of %2.")
            .arg(p.tensorParallel).arg(*p.attentionHeads);
    if (p.tensorParallel > 1 && p.kvHeads && *p.kvHeads > 0) {
        const int kv = *p.kvHeads;
        // KV heads are split across ranks, or replicated when fewer than ranks.
        if ((kv >= p.tensorParallel && kv % p.tensorParallel != 0) || (kv < p.tensorParallel && p.tensorParallel % kv != 0))
            return QStringLiteral("tensor parallel size %1 and the model's %2 KV heads do not split evenly.").arg(p.tensorParallel).arg(kv);
    }
    if (p.layers && p.pipelineParallel > *p.layers)
        return QStringLiteral("%1 pipeline stages for a model of %2 layers: at most one stage per layer.").arg(p.pipelineParallel).arg(*p.layers);
    return {};
}

QString hostPort(const ServePlan &p)
{
    QString s;
    if (!p.host.isEmpty())
        s += QStringLiteral(" --host ") + shellQuote(p.host);
    if (p.port > 0)
        s += QStringLiteral(" --port %1").arg(p.port);
    return s;
}

QString scriptHeader(const ServePlan &p, const QString &engine, const QString &docs)
{
    return QStringLiteral("#!/bin/sh\n# %1 serving configuration for %2, generated by ModelAtlas.\n# Flags: %3\nset -e\n\n")
        .arg(engine, p.modelId.isEmpty() ? p.hfRepo : p.modelId, docs);
}

Result<ServeConfig> vllm(const ServePlan &p)
{
    if (p.hfRepo.isEmpty())
        return fail(QStringLiteral("vLLM needs a model: a Hugging Face repo id or a local directory."));
    if (p.dataParallel != 1)
        return fail(QStringLiteral("data parallel replicas for vLLM are separate servers behind a load balancer; set --dp 1."));
    static const QStringList kvTypes = {QStringLiteral("auto"), QStringLiteral("fp8"), QStringLiteral("fp8_e4m3"), QStringLiteral("fp8_e5m2")};
    if (!p.kvCacheDtype.isEmpty() && !kvTypes.contains(p.kvCacheDtype))
        return fail(QStringLiteral("vLLM's --kv-cache-dtype accepts %1, not \"%2\" (q4_0/q8_0 are llama.cpp cache types).")
                        .arg(kvTypes.join(QStringLiteral(", ")), p.kvCacheDtype));
    static const QStringList quants = {QStringLiteral("awq"), QStringLiteral("awq_marlin"), QStringLiteral("gptq"), QStringLiteral("gptq_marlin"),
                                       QStringLiteral("fp8"), QStringLiteral("bitsandbytes"), QStringLiteral("compressed-tensors"),
                                       QStringLiteral("gguf"), QStringLiteral("marlin")};
    if (!p.quantization.isEmpty() && !quants.contains(p.quantization))
        return fail(QStringLiteral("vLLM's --quantization accepts %1, not \"%2\" (GGUF K-quants such as Q4_K_M are for llama.cpp).")
                        .arg(quants.join(QStringLiteral(", ")), p.quantization));
    const int world = p.tensorParallel * p.pipelineParallel;
    const int gpus = p.nodes * p.gpusPerNode;
    if (p.nodes > 1 && world != gpus)
        return fail(QStringLiteral("on %1 nodes x %2 GPUs, tensor x pipeline parallel must be %3 (got %4 x %5); the usual layout is TP = GPUs per node, PP = nodes.")
                        .arg(p.nodes).arg(p.gpusPerNode).arg(gpus).arg(p.tensorParallel).arg(p.pipelineParallel));
    if (p.nodes == 1 && world > gpus)
        return fail(QStringLiteral("tensor x pipeline parallel = %1 needs %1 GPUs, the node has %2.").arg(world).arg(gpus));

    QString cmd = QStringLiteral("vllm serve ") + shellQuote(p.hfRepo) + QStringLiteral(" --tensor-parallel-size %1").arg(p.tensorParallel);
    if (p.pipelineParallel > 1)
        cmd += QStringLiteral(" --pipeline-parallel-size %1").arg(p.pipelineParallel);
    if (p.maxContext > 0)
        cmd += QStringLiteral(" --max-model-len %1").arg(p.maxContext);
    if (p.gpuMemoryUtilization > 0)
        cmd += QStringLiteral(" --gpu-memory-utilization %1").arg(num(p.gpuMemoryUtilization));
    if (!p.quantization.isEmpty())
        cmd += QStringLiteral(" --quantization ") + p.quantization;
    if (!p.kvCacheDtype.isEmpty() && p.kvCacheDtype != QLatin1String("auto"))
        cmd += QStringLiteral(" --kv-cache-dtype ") + p.kvCacheDtype;
    if (p.maxConcurrentSequences > 0)
        cmd += QStringLiteral(" --max-num-seqs %1").arg(p.maxConcurrentSequences);
    if (p.nodes > 1)
        cmd += QStringLiteral(" --distributed-executor-backend ray");
    cmd += hostPort(p);

    ServeConfig c;
    c.engine = Engine::Vllm;
    c.fileName = QStringLiteral("serve-vllm.sh");
    c.text = scriptHeader(p, QStringLiteral("vLLM"), QStringLiteral("https://docs.vllm.ai/en/latest/models/engine_args.html"));
    if (p.nodes > 1) {
        const QString head = QStringLiteral("ray start --head --port=%1").arg(p.rayPort);
        const QString worker = QStringLiteral("ray start --address=%1").arg(shellQuote(QStringLiteral("%1:%2").arg(p.headAddress).arg(p.rayPort)));
        c.commands << head << worker << cmd;
        c.text += QStringLiteral("# Multi-node: a Ray cluster of %1 nodes with %2 GPUs each.\n# 1. On the head node (node 0):\n#   %3\n"
                                 "# 2. On each of the other %4 nodes:\n#   %5\n# 3. Then, on the head node:\n")
                      .arg(p.nodes).arg(p.gpusPerNode).arg(head).arg(p.nodes - 1).arg(worker);
        c.notes << QStringLiteral("Replace %1 with the head node's address; every node needs the same model files and vLLM version.").arg(p.headAddress);
    } else {
        c.commands << cmd;
    }
    c.text += cmd + QLatin1Char('\n');
    return c;
}

Result<ServeConfig> sglang(const ServePlan &p)
{
    if (p.hfRepo.isEmpty())
        return fail(QStringLiteral("SGLang needs a model: a Hugging Face repo id or a local directory."));
    if (p.pipelineParallel != 1)
        return fail(QStringLiteral("this export gives SGLang tensor (--tp) and data (--dp) parallelism only; span nodes with --tp and set --pp 1."));
    static const QStringList kvTypes = {QStringLiteral("auto"), QStringLiteral("fp8_e4m3"), QStringLiteral("fp8_e5m2")};
    if (!p.kvCacheDtype.isEmpty() && !kvTypes.contains(p.kvCacheDtype))
        return fail(QStringLiteral("SGLang's --kv-cache-dtype accepts %1, not \"%2\".").arg(kvTypes.join(QStringLiteral(", ")), p.kvCacheDtype));
    static const QStringList quants = {QStringLiteral("awq"), QStringLiteral("awq_marlin"), QStringLiteral("gptq"), QStringLiteral("gptq_marlin"),
                                       QStringLiteral("fp8"), QStringLiteral("bitsandbytes"), QStringLiteral("compressed-tensors"), QStringLiteral("gguf")};
    if (!p.quantization.isEmpty() && !quants.contains(p.quantization))
        return fail(QStringLiteral("SGLang's --quantization accepts %1, not \"%2\".").arg(quants.join(QStringLiteral(", ")), p.quantization));
    const int world = p.tensorParallel * p.dataParallel;
    const int gpus = p.nodes * p.gpusPerNode;
    if (p.nodes > 1 && world != gpus)
        return fail(QStringLiteral("on %1 nodes x %2 GPUs, --tp x --dp must be %3 (got %4 x %5).")
                        .arg(p.nodes).arg(p.gpusPerNode).arg(gpus).arg(p.tensorParallel).arg(p.dataParallel));
    if (p.nodes == 1 && world > gpus)
        return fail(QStringLiteral("--tp x --dp = %1 needs %1 GPUs, the node has %2.").arg(world).arg(gpus));

    QString base = QStringLiteral("python -m sglang.launch_server --model-path ") + shellQuote(p.hfRepo) + QStringLiteral(" --tp %1").arg(p.tensorParallel);
    if (p.dataParallel > 1)
        base += QStringLiteral(" --dp %1").arg(p.dataParallel);
    if (p.maxContext > 0)
        base += QStringLiteral(" --context-length %1").arg(p.maxContext);
    if (p.gpuMemoryUtilization > 0)
        base += QStringLiteral(" --mem-fraction-static %1").arg(num(p.gpuMemoryUtilization));
    if (!p.quantization.isEmpty())
        base += QStringLiteral(" --quantization ") + p.quantization;
    if (!p.kvCacheDtype.isEmpty() && p.kvCacheDtype != QLatin1String("auto"))
        base += QStringLiteral(" --kv-cache-dtype ") + p.kvCacheDtype;
    if (p.maxConcurrentSequences > 0)
        base += QStringLiteral(" --max-running-requests %1").arg(p.maxConcurrentSequences);

    ServeConfig c;
    c.engine = Engine::Sglang;
    c.fileName = QStringLiteral("serve-sglang.sh");
    c.text = scriptHeader(p, QStringLiteral("SGLang"), QStringLiteral("https://docs.sglang.io/advanced_features/server_arguments.html"));
    if (p.nodes > 1) {
        const QString addr = shellQuote(QStringLiteral("%1:%2").arg(p.headAddress).arg(p.distInitPort));
        c.text += QStringLiteral("# Multi-node: run one line per node (node 0 is %1).\n").arg(p.headAddress);
        for (int rank = 0; rank < p.nodes; ++rank) {
            QString cmd = base + QStringLiteral(" --dist-init-addr %1 --nnodes %2 --node-rank %3").arg(addr).arg(p.nodes).arg(rank);
            if (rank == 0)
                cmd += hostPort(p);
            c.commands << cmd;
            c.text += QStringLiteral("# node %1:\n%2%3\n").arg(rank).arg(rank == 0 ? QString() : QStringLiteral("# ")).arg(cmd);
        }
        c.notes << QStringLiteral("Replace %1 with node 0's address; the other nodes' lines are commented out in this script.").arg(p.headAddress);
    } else {
        const QString cmd = base + hostPort(p);
        c.commands << cmd;
        c.text += cmd + QLatin1Char('\n');
    }
    return c;
}

const QStringList &llamaCppCacheTypes()
{
    static const QStringList types = {QStringLiteral("f32"), QStringLiteral("f16"), QStringLiteral("bf16"), QStringLiteral("q8_0"),
                                      QStringLiteral("q4_0"), QStringLiteral("q4_1"), QStringLiteral("iq4_nl"), QStringLiteral("q5_0"),
                                      QStringLiteral("q5_1")};
    return types;
}

Result<ServeConfig> llamaCpp(const ServePlan &p)
{
    if (p.ggufPath.isEmpty())
        return fail(QStringLiteral("llama.cpp server needs a GGUF file (--gguf PATH)."));
    if (p.nodes > 1 || p.tensorParallel > 1 || p.pipelineParallel > 1 || p.dataParallel > 1)
        return fail(QStringLiteral("llama.cpp server runs on one machine and splits layers over every visible GPU by itself "
                                   "(--split-mode layer); set --tp 1 --pp 1 --nodes 1, or use vLLM/SGLang for multi-node."));
    if (!p.quantization.isEmpty())
        return fail(QStringLiteral("llama.cpp takes its quantization from the GGUF file; drop --quantization \"%1\".").arg(p.quantization));
    const QString kv = p.kvCacheDtype == QLatin1String("auto") ? QString() : p.kvCacheDtype;
    if (!kv.isEmpty() && !llamaCppCacheTypes().contains(kv))
        return fail(QStringLiteral("llama.cpp's -ctk/-ctv accept %1, not \"%2\".").arg(llamaCppCacheTypes().join(QStringLiteral(", ")), kv));
    // A quantized V cache needs flash attention in llama.cpp.
    if (!kv.isEmpty() && kv.startsWith(QLatin1Char('q')) && !p.flashAttention)
        return fail(QStringLiteral("a quantized KV cache (%1) needs flash attention in llama.cpp; enable -fa.").arg(kv));
    if (p.gpuMemoryUtilization > 0)
        return fail(QStringLiteral("llama.cpp has no GPU memory fraction; control VRAM with -ngl (GPU layers) and the context size."));

    const int slotCount = std::max(1, p.maxConcurrentSequences);
    QString cmd = QStringLiteral("llama-server -m ") + shellQuote(p.ggufPath);
    // Any number >= the layer count offloads every layer; 999 also works on builds that predate "-ngl all".
    cmd += QStringLiteral(" -ngl %1").arg(p.gpuLayers < 0 ? 999 : p.gpuLayers);
    // -c is the total KV size shared by all --parallel slotCount: each slot gets c / parallel.
    if (p.maxContext > 0)
        cmd += QStringLiteral(" -c %1").arg(qint64(p.maxContext) * slotCount);
    if (p.maxConcurrentSequences > 0)
        cmd += QStringLiteral(" --parallel %1").arg(p.maxConcurrentSequences);
    if (!kv.isEmpty())
        cmd += QStringLiteral(" -ctk %1 -ctv %1").arg(kv);
    cmd += p.flashAttention ? QStringLiteral(" -fa on") : QStringLiteral(" -fa off");
    cmd += hostPort(p);

    ServeConfig c;
    c.engine = Engine::LlamaCpp;
    c.fileName = QStringLiteral("serve-llamacpp.sh");
    c.text = scriptHeader(p, QStringLiteral("llama.cpp server"), QStringLiteral("https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md"));
    if (p.maxContext > 0 && slotCount > 1)
        c.text += QStringLiteral("# -c is shared by the %1 parallel slotCount: %2 tokens each.\n").arg(slotCount).arg(p.maxContext);
    c.text += cmd + QLatin1Char('\n');
    c.commands << cmd;
    if (p.flashAttention)
        c.notes << QStringLiteral("Builds older than the \"-fa on|off|auto\" syntax take a bare -fa.");
    return c;
}

// Modelfile arguments: bare when simple, else a double-quoted string.
QString modelfileQuote(const QString &s)
{
    static const QRegularExpression simple(QStringLiteral("^[A-Za-z0-9_./:@+-]+$"));
    if (simple.match(s).hasMatch())
        return s;
    QString escaped = s;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

Result<ServeConfig> ollama(const ServePlan &p)
{
    if (p.ggufPath.isEmpty() && p.ollamaModel.isEmpty())
        return fail(QStringLiteral("an Ollama Modelfile needs a GGUF file (--gguf PATH) or an Ollama model tag to build FROM."));
    if (p.nodes > 1 || p.tensorParallel > 1 || p.pipelineParallel > 1 || p.dataParallel > 1)
        return fail(QStringLiteral("Ollama serves from one machine and spreads layers over its GPUs by itself; set --tp 1 --pp 1 --nodes 1."));
    if (!p.quantization.isEmpty())
        return fail(QStringLiteral("Ollama takes its quantization from the model file; drop --quantization \"%1\".").arg(p.quantization));
    static const QStringList kvTypes = {QStringLiteral("f16"), QStringLiteral("q8_0"), QStringLiteral("q4_0")};
    const QString kv = p.kvCacheDtype == QLatin1String("auto") ? QString() : p.kvCacheDtype;
    if (!kv.isEmpty() && !kvTypes.contains(kv))
        return fail(QStringLiteral("Ollama's OLLAMA_KV_CACHE_TYPE accepts %1, not \"%2\".").arg(kvTypes.join(QStringLiteral(", ")), kv));
    if (p.gpuMemoryUtilization > 0)
        return fail(QStringLiteral("Ollama has no GPU memory fraction; use num_gpu (GPU layers) and num_ctx."));

    ServeConfig c;
    c.engine = Engine::Ollama;
    c.fileName = QStringLiteral("Modelfile");
    QStringList lines;
    lines << QStringLiteral("# Ollama Modelfile for %1, generated by ModelAtlas.").arg(p.modelId.isEmpty() ? p.ggufPath : p.modelId)
          << QStringLiteral("# Reference: https://docs.ollama.com/modelfile");
    QStringList env;
    if (!kv.isEmpty() || p.flashAttention)
        env << QStringLiteral("OLLAMA_FLASH_ATTENTION=1");
    if (!kv.isEmpty())
        env << QStringLiteral("OLLAMA_KV_CACHE_TYPE=") + kv;
    if (p.maxConcurrentSequences > 0)
        env << QStringLiteral("OLLAMA_NUM_PARALLEL=%1").arg(p.maxConcurrentSequences);
    if (!p.host.isEmpty() || p.port > 0)
        env << QStringLiteral("OLLAMA_HOST=%1:%2").arg(p.host.isEmpty() ? QStringLiteral("127.0.0.1") : p.host).arg(p.port > 0 ? p.port : 11434);
    if (!env.isEmpty())
        lines << QStringLiteral("# Server settings (environment of `ollama serve`, https://docs.ollama.com/faq):")
              << QStringLiteral("#   ") + env.join(QLatin1Char(' ')) + QStringLiteral(" ollama serve");
    lines << QStringLiteral("FROM ") + modelfileQuote(p.ggufPath.isEmpty() ? p.ollamaModel : p.ggufPath);
    if (p.maxContext > 0)
        lines << QStringLiteral("PARAMETER num_ctx %1").arg(p.maxContext);
    if (p.gpuLayers >= 0)
        lines << QStringLiteral("PARAMETER num_gpu %1").arg(p.gpuLayers);
    c.text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    const QString name = p.modelId.isEmpty() ? QStringLiteral("my-model") : p.modelId;
    if (!env.isEmpty())
        c.commands << env.join(QLatin1Char(' ')) + QStringLiteral(" ollama serve");
    c.commands << QStringLiteral("ollama create %1 -f Modelfile").arg(shellQuote(name)) << QStringLiteral("ollama run %1").arg(shellQuote(name));
    return c;
}

} // namespace

Result<Engine> parseEngine(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("vllm"))
        return Engine::Vllm;
    if (t == QLatin1String("sglang"))
        return Engine::Sglang;
    if (t == QLatin1String("llamacpp") || t == QLatin1String("llama.cpp") || t == QLatin1String("llama-server") || t == QLatin1String("llama-cpp"))
        return Engine::LlamaCpp;
    if (t == QLatin1String("ollama"))
        return Engine::Ollama;
    return Result<Engine>::failure(QStringLiteral("unknown engine \"%1\" (expected vllm, sglang, llamacpp or ollama).").arg(text));
}

QString engineName(Engine engine)
{
    switch (engine) {
    case Engine::Vllm: return QStringLiteral("vllm");
    case Engine::Sglang: return QStringLiteral("sglang");
    case Engine::LlamaCpp: return QStringLiteral("llamacpp");
    case Engine::Ollama: return QStringLiteral("ollama");
    }
    return {};
}

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:@%+=,-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<ServeConfig> exportConfig(Engine engine, const ServePlan &plan)
{
    if (const QString e = checkCommon(plan); !e.isEmpty())
        return fail(e);
    switch (engine) {
    case Engine::Vllm: return vllm(plan);
    case Engine::Sglang: return sglang(plan);
    case Engine::LlamaCpp: return llamaCpp(plan);
    case Engine::Ollama: return ollama(plan);
    }
    return fail(QStringLiteral("unknown engine."));
}

Result<ServePlan> planForCatalogModel(QSqlDatabase db, const QString &model)
{
    const Catalog::CatalogQuery query(db);
    const Result<QString> id = query.resolveModel(model);
    if (!id)
        return Result<ServePlan>::failure(id.error());
    ServePlan p;
    p.modelId = id.value();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT m.hf_repo, a.n_heads, a.n_kv_heads, a.n_layers FROM models m"
                             " LEFT JOIN architectures a ON a.model = m.id WHERE m.id = ?"));
    q.addBindValue(p.modelId);
    if (q.exec() && q.next()) {
        p.hfRepo = q.value(0).toString();
        if (!q.value(1).isNull())
            p.attentionHeads = q.value(1).toInt();
        if (!q.value(2).isNull())
            p.kvHeads = q.value(2).toInt();
        if (!q.value(3).isNull())
            p.layers = q.value(3).toInt();
    }
    // `local_run` facts read "ollama run qwen3:32b": the tag Ollama knows the model by.
    QSqlQuery r(db);
    r.prepare(QStringLiteral("SELECT value_text FROM claims WHERE entity = 'models' AND entity_id = ? AND field = 'local_run' ORDER BY ordinal"));
    r.addBindValue(p.modelId);
    static const QRegularExpression ollamaRun(QStringLiteral("ollama\\s+run\\s+(\\S+)"));
    if (r.exec()) {
        while (r.next() && p.ollamaModel.isEmpty()) {
            if (const auto m = ollamaRun.match(r.value(0).toString()); m.hasMatch())
                p.ollamaModel = m.captured(1);
        }
    }
    return p;
}

} // namespace ModelAtlas::Deploy
