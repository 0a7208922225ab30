// core/deploy: exact command lines per engine for several plans, and the
// combinations each engine would refuse.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "deploy/ServingConfig.h"

#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Deploy;

Q_DECLARE_METATYPE(ModelAtlas::Deploy::Engine)
Q_DECLARE_METATYPE(ModelAtlas::Deploy::ServePlan)

namespace {

// Llama 3.3 70B as the catalog describes it: 64 attention heads, 8 KV heads, 80 layers.
ServePlan llama70b()
{
    ServePlan p;
    p.modelId = QStringLiteral("llama-3.3-70b");
    p.hfRepo = QStringLiteral("meta-llama/Llama-3.3-70B-Instruct");
    p.attentionHeads = 64;
    p.kvHeads = 8;
    p.layers = 80;
    return p;
}

ServePlan gguf(const QString &path)
{
    ServePlan p;
    p.modelId = QStringLiteral("llama-3.1-8b");
    p.ggufPath = path;
    p.attentionHeads = 32;
    p.kvHeads = 8;
    p.layers = 32;
    return p;
}

} // namespace

class TestDeploy final : public QObject
{
    Q_OBJECT

private slots:
    void commandLines_data()
    {
        QTest::addColumn<Engine>("engine");
        QTest::addColumn<ServePlan>("plan");
        QTest::addColumn<QStringList>("commands");

        ServePlan p = llama70b();
        p.tensorParallel = 2;
        p.gpusPerNode = 2;
        p.maxContext = 32768;
        p.gpuMemoryUtilization = 0.9;
        p.maxConcurrentSequences = 64;
        p.port = 8000;
        QTest::newRow("vLLM: Llama 3.3 70B on 2x H100, TP 2, 32k")
            << Engine::Vllm << p
            << QStringList{QStringLiteral("vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 2 --max-model-len 32768 "
                                          "--gpu-memory-utilization 0.9 --max-num-seqs 64 --port 8000")};

        p = llama70b();
        p.tensorParallel = 4;
        p.gpusPerNode = 4;
        p.quantization = QStringLiteral("fp8");
        p.kvCacheDtype = QStringLiteral("fp8_e4m3");
        p.gpuMemoryUtilization = 0.95;
        p.host = QStringLiteral("0.0.0.0");
        QTest::newRow("vLLM: FP8 weights and FP8 KV cache, TP 4")
            << Engine::Vllm << p
            << QStringList{QStringLiteral("vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 4 "
                                          "--gpu-memory-utilization 0.95 --quantization fp8 --kv-cache-dtype fp8_e4m3 --host 0.0.0.0")};

        p = llama70b();
        p.tensorParallel = 8;
        p.pipelineParallel = 2;
        p.nodes = 2;
        p.gpusPerNode = 8;
        p.maxContext = 131072;
        p.headAddress = QStringLiteral("10.0.0.1");
        QTest::newRow("vLLM: 2 nodes x 8 GPUs, TP 8 x PP 2 over Ray")
            << Engine::Vllm << p
            << QStringList{QStringLiteral("ray start --head --port=6379"), QStringLiteral("ray start --address=10.0.0.1:6379"),
                           QStringLiteral("vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 8 --pipeline-parallel-size 2 "
                                          "--max-model-len 131072 --distributed-executor-backend ray")};

        p = llama70b();
        p.tensorParallel = 2;
        p.dataParallel = 2;
        p.gpusPerNode = 4;
        p.maxContext = 16384;
        p.gpuMemoryUtilization = 0.85;
        p.kvCacheDtype = QStringLiteral("fp8_e5m2");
        QTest::newRow("SGLang: TP 2 x DP 2 on 4 GPUs")
            << Engine::Sglang << p
            << QStringList{QStringLiteral("python -m sglang.launch_server --model-path meta-llama/Llama-3.3-70B-Instruct --tp 2 --dp 2 "
                                          "--context-length 16384 --mem-fraction-static 0.85 --kv-cache-dtype fp8_e5m2")};

        p = ServePlan();
        p.modelId = QStringLiteral("deepseek-v3");
        p.hfRepo = QStringLiteral("deepseek-ai/DeepSeek-V3");
        p.attentionHeads = 128;
        p.kvHeads = 128;
        p.layers = 61;
        p.tensorParallel = 16;
        p.nodes = 2;
        p.gpusPerNode = 8;
        p.headAddress = QStringLiteral("sgl-dev-0");
        p.port = 30000;
        QTest::newRow("SGLang: DeepSeek V3 over 2 nodes, TP 16")
            << Engine::Sglang << p
            << QStringList{QStringLiteral("python -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3 --tp 16 "
                                          "--dist-init-addr sgl-dev-0:50000 --nnodes 2 --node-rank 0 --port 30000"),
                           QStringLiteral("python -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3 --tp 16 "
                                          "--dist-init-addr sgl-dev-0:50000 --nnodes 2 --node-rank 1")};

        p = gguf(QStringLiteral("/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf"));
        p.maxContext = 8192;
        p.maxConcurrentSequences = 4;
        p.kvCacheDtype = QStringLiteral("q8_0");
        p.host = QStringLiteral("0.0.0.0");
        p.port = 8080;
        QTest::newRow("llama.cpp: 4 slots of 8k share -c 32768, q8_0 KV")
            << Engine::LlamaCpp << p
            << QStringList{QStringLiteral("llama-server -m /models/Llama-3.1-8B-Instruct-Q4_K_M.gguf -ngl 999 -c 32768 --parallel 4 "
                                          "-ctk q8_0 -ctv q8_0 -fa on --host 0.0.0.0 --port 8080")};

        p = gguf(QStringLiteral("/home/me/My Models/it's-8b.gguf"));
        p.gpuLayers = 20;
        p.maxContext = 4096;
        p.flashAttention = false;
        QTest::newRow("llama.cpp: partial offload, path with a space and a quote")
            << Engine::LlamaCpp << p
            << QStringList{QStringLiteral("llama-server -m '/home/me/My Models/it'\\''s-8b.gguf' -ngl 20 -c 4096 -fa off")};

        p = gguf(QStringLiteral("/models/llama-8b.Q4_K_M.gguf"));
        p.maxContext = 8192;
        p.gpuLayers = 33;
        p.kvCacheDtype = QStringLiteral("q8_0");
        p.maxConcurrentSequences = 2;
        QTest::newRow("Ollama: GGUF, num_ctx, num_gpu, q8_0 KV via the server environment")
            << Engine::Ollama << p
            << QStringList{QStringLiteral("OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 OLLAMA_NUM_PARALLEL=2 ollama serve"),
                           QStringLiteral("ollama create llama-3.1-8b -f Modelfile"), QStringLiteral("ollama run llama-3.1-8b")};
    }
    void commandLines()
    {
        QFETCH(Engine, engine);
        QFETCH(ServePlan, plan);
        QFETCH(QStringList, commands);
        const auto c = exportConfig(engine, plan);
        QVERIFY2(c.ok(), qPrintable(c.error()));
        QCOMPARE(c->commands, commands);
        // The script/Modelfile carries the main command too.
        if (engine != Engine::Ollama)
            QVERIFY(c->text.contains(commands.last()));
    }

    void ollamaModelfile()
    {
        ServePlan p = gguf(QStringLiteral("/models/My Model.gguf"));
        p.maxContext = 8192;
        p.gpuLayers = 33;
        const auto c = exportConfig(Engine::Ollama, p);
        QVERIFY2(c.ok(), qPrintable(c.error()));
        QCOMPARE(c->fileName, QStringLiteral("Modelfile"));
        QVERIFY(c->text.contains(QStringLiteral("\nFROM \"/models/My Model.gguf\"\nPARAMETER num_ctx 8192\nPARAMETER num_gpu 33\n")));

        ServePlan tag;
        tag.modelId = QStringLiteral("llama-3.3-70b");
        tag.ollamaModel = QStringLiteral("llama3.3:70b");
        tag.maxContext = 16384;
        tag.flashAttention = false;
        const auto t = exportConfig(Engine::Ollama, tag);
        QVERIFY2(t.ok(), qPrintable(t.error()));
        QVERIFY(t->text.endsWith(QStringLiteral("FROM llama3.3:70b\nPARAMETER num_ctx 16384\n")));
    }

    void rejected_data()
    {
        QTest::addColumn<Engine>("engine");
        QTest::addColumn<ServePlan>("plan");
        QTest::addColumn<QString>("messagePart");

        ServePlan p = llama70b();
        p.tensorParallel = 3;
        p.gpusPerNode = 3;
        QTest::newRow("TP 3 does not divide 64 heads") << Engine::Vllm << p << "does not divide the model's 64 attention heads";

        p = llama70b();
        p.tensorParallel = 2;
        p.gpusPerNode = 2;
        p.kvCacheDtype = QStringLiteral("q4_0");
        QTest::newRow("q4 KV cache on vLLM") << Engine::Vllm << p << "--kv-cache-dtype accepts";

        p = llama70b();
        p.quantization = QStringLiteral("Q4_K_M");
        QTest::newRow("GGUF quant name on vLLM") << Engine::Vllm << p << "--quantization accepts";

        p = llama70b();
        p.tensorParallel = 4;
        p.gpusPerNode = 2;
        QTest::newRow("TP 4 on a 2-GPU node") << Engine::Vllm << p << "needs 4 GPUs";

        p = llama70b();
        p.tensorParallel = 8;
        p.nodes = 2;
        p.gpusPerNode = 8;
        QTest::newRow("2 nodes but TP x PP = 8") << Engine::Vllm << p << "must be 16";

        p = llama70b();
        p.layers = 4;
        p.pipelineParallel = 8;
        p.gpusPerNode = 8;
        QTest::newRow("more pipeline stages than layers") << Engine::Vllm << p << "at most one stage per layer";

        p = llama70b();
        p.gpuMemoryUtilization = 1.5;
        QTest::newRow("memory utilisation 1.5") << Engine::Vllm << p << "fraction between 0 and 1";

        p = llama70b();
        p.kvCacheDtype = QStringLiteral("fp8");
        QTest::newRow("SGLang wants fp8_e4m3/fp8_e5m2") << Engine::Sglang << p << "--kv-cache-dtype accepts";

        p = llama70b();
        p.hfRepo.clear();
        QTest::newRow("vLLM without a model") << Engine::Vllm << p << "needs a model";

        p = gguf(QStringLiteral("/m.gguf"));
        p.kvCacheDtype = QStringLiteral("fp8");
        QTest::newRow("fp8 KV on llama.cpp") << Engine::LlamaCpp << p << "-ctk/-ctv accept";

        p = gguf(QStringLiteral("/m.gguf"));
        p.kvCacheDtype = QStringLiteral("q4_0");
        p.flashAttention = false;
        QTest::newRow("quantized KV without flash attention on llama.cpp") << Engine::LlamaCpp << p << "needs flash attention";

        p = gguf(QStringLiteral("/m.gguf"));
        p.tensorParallel = 2;
        p.gpusPerNode = 2;
        QTest::newRow("tensor parallel on llama.cpp") << Engine::LlamaCpp << p << "splits layers";

        p = gguf(QString());
        QTest::newRow("llama.cpp without a GGUF") << Engine::LlamaCpp << p << "needs a GGUF";

        p = gguf(QStringLiteral("/m\n.gguf"));
        QTest::newRow("newline in a path") << Engine::LlamaCpp << p << "control character";

        p = gguf(QStringLiteral("/m.gguf"));
        p.kvCacheDtype = QStringLiteral("q5_1");
        QTest::newRow("q5_1 KV on Ollama") << Engine::Ollama << p << "OLLAMA_KV_CACHE_TYPE accepts";
    }
    void rejected()
    {
        QFETCH(Engine, engine);
        QFETCH(ServePlan, plan);
        QFETCH(QString, messagePart);
        const auto c = exportConfig(engine, plan);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().contains(messagePart), qPrintable(c.error()));
    }

    void shellQuoting_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("safe") << "meta-llama/Llama-3.3-70B-Instruct" << "meta-llama/Llama-3.3-70B-Instruct";
        QTest::newRow("space") << "/a b.gguf" << "'/a b.gguf'";
        QTest::newRow("single quote") << "it's" << "'it'\\''s'";
        QTest::newRow("dollar and backtick") << "$(rm -rf ~)`x`" << "'$(rm -rf ~)`x`'";
        QTest::newRow("empty") << "" << "''";
    }
    void shellQuoting()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(word), quoted);
    }

    void planFromCatalog()
    {
        QTemporaryDir dir;
        auto db = Test::openDatabase(dir);
        QVERIFY(db);
        QVERIFY(Catalog::importCatalog(*db, Test::sourceDataDir()).ok());
        const auto p = planForCatalogModel(db->db(), QStringLiteral("llama-3.3-70b"));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->hfRepo, QStringLiteral("meta-llama/Llama-3.3-70B-Instruct"));
        QCOMPARE(p->attentionHeads.value_or(0), 64);
        QCOMPARE(p->kvHeads.value_or(0), 8);
        QCOMPARE(p->layers.value_or(0), 80);
        QCOMPARE(p->ollamaModel, QStringLiteral("llama3.3:70b"));
        QVERIFY(!planForCatalogModel(db->db(), QStringLiteral("no-such-model-xyz")).ok());
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
