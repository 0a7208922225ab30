#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Deploy {

enum class Engine { Vllm, Sglang, LlamaCpp, Ollama };

Result<Engine> parseEngine(const QString &text);   // "vllm", "sglang", "llamacpp"/"llama.cpp"/"llama-server", "ollama"
QString engineName(Engine engine);                 // "vllm", ...

// What a serving configuration is generated from: the planner's decisions
// for one model on one cluster. Zero / empty means "the engine's default".
struct ServePlan
{
    QString modelId;                 // catalog id (for comments and names)
    QString hfRepo;                  // Hugging Face repo id or local directory: vLLM / SGLang
    QString ggufPath;                // GGUF file: llama.cpp / Ollama
    QString ollamaModel;             // Ollama: an existing model tag, used when no GGUF path is given

    int tensorParallel = 1;
    int pipelineParallel = 1;
    int dataParallel = 1;            // SGLang --dp (replicas)
    int nodes = 1;
    int gpusPerNode = 1;

    int maxContext = 0;              // tokens per sequence
    double gpuMemoryUtilization = 0; // vLLM --gpu-memory-utilization / SGLang --mem-fraction-static
    QString quantization;            // vLLM/SGLang method: awq, gptq, fp8, ...
    QString kvCacheDtype;            // engine spelling: vLLM/SGLang "fp8_e4m3", llama.cpp/Ollama "q8_0"
    int maxConcurrentSequences = 0;  // vLLM --max-num-seqs, SGLang --max-running-requests, llama.cpp --parallel
    int gpuLayers = -1;              // llama.cpp -ngl / Ollama num_gpu; -1 = every layer
    bool flashAttention = true;      // llama.cpp -fa on

    QString host;                    // empty: engine default
    int port = 0;                    // 0: engine default
    QString headAddress = QStringLiteral("HEAD_NODE_IP"); // multi-node: address of node 0
    int rayPort = 6379;
    int distInitPort = 50000;

    // From the model's config (catalog `architectures`), for validation.
    std::optional<int> attentionHeads, kvHeads, layers;
};

// A ready-to-run configuration: `text` is a shell script (vLLM, SGLang,
// llama.cpp) or a Modelfile (Ollama) with comments; `commands` are the bare
// command lines, one per step, for tests and copy buttons.
struct ServeConfig
{
    Engine engine = Engine::Vllm;
    QString fileName;                // "serve-vllm.sh", "Modelfile"
    QString text;
    QStringList commands;
    QStringList notes;
};

// Rejects combinations the engine would refuse or that cannot work (TP not
// dividing the attention heads, q4 KV cache on vLLM, pipeline stages than
// layers, a world size that does not match the GPUs) with a message naming
// the flag, then renders the configuration.
Result<ServeConfig> exportConfig(Engine engine, const ServePlan &plan);

// Fills modelId, hfRepo (the `hf_repo` fact) and the head/layer counts of a
// catalog model (an id, name or alias).
Result<ServePlan> planForCatalogModel(QSqlDatabase db, const QString &model);

// POSIX shell quoting: bare when only safe characters, else single quotes
// with embedded quotes as '\''. Control characters are refused by the
// callers (a newline in a path is never intended).
QString shellQuote(const QString &word);

} // namespace ModelAtlas::Deploy
