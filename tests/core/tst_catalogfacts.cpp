// Named facts from the five seed articles must be in the imported catalog
// with the source that states them (every seed table appears).
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"

#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using namespace ModelAtlas::Test;

class TestCatalogFacts final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CatalogDatabase> m_db;

    int count(const QString &sql, const QVariantList &values)
    {
        return scalar(m_db->db(), sql, values).toInt();
    }

private slots:
    void initTestCase()
    {
        m_db = openDatabase(m_dir);
        QVERIFY(m_db);
        const auto report = importCatalog(*m_db, builtinCatalogDir());
        QVERIFY2(report, qPrintable(report.error()));
    }

    void seedFact_data()
    {
        // kind: which table states it; a, b: keys; value: number or text; src: the source id.
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("src");

        const auto fact = [](const char *name, const char *kind, const char *a, const char *b, const char *value, const char *src) {
            QTest::newRow(name) << QString::fromUtf8(kind) << QString::fromUtf8(a) << QString::fromUtf8(b)
                                << QString::fromUtf8(value) << QString::fromUtf8(src);
        };
        // Model facts (claims).
        fact("Qwen3-235B-A22B total 235B (000)", "claim", "qwen3-235b-a22b", "params_total_b", "235", "seed-000");
        fact("Qwen3-235B-A22B active 22B (000)", "claim", "qwen3-235b-a22b", "params_active_b", "22", "seed-000");
        fact("Qwen3-235B-A22B Apache-2.0 (000)", "claim", "qwen3-235b-a22b", "license", "apache-2.0", "seed-000");
        fact("Qwen3-235B-A22B 94 experts (000)", "claim", "qwen3-235b-a22b", "experts", "94", "seed-000");
        fact("Qwen3-235B-A22B 119 languages (001)", "claim", "qwen3-235b-a22b", "languages", "119", "seed-001");
        fact("Qwen3-235B-A22B 36T tokens (001)", "claim", "qwen3-235b-a22b", "training_tokens_t", "36", "seed-001");
        fact("DeepSeek V3 671B total (000)", "claim", "deepseek-v3", "params_total_b", "671", "seed-000");
        fact("DeepSeek V3 37B active (000)", "claim", "deepseek-v3", "params_active_b", "37", "seed-000");
        fact("DeepSeek V3 MLA attention (000)", "claim", "deepseek-v3", "attention", "MLA", "seed-000");
        fact("DeepSeek V3 256 experts (000)", "claim", "deepseek-v3", "experts", "256", "seed-000");
        fact("DeepSeek V3 14.8T tokens (003)", "claim", "deepseek-v3", "training_tokens_t", "14.8", "seed-003");
        fact("Llama 4 Maverick 402B (000)", "claim", "llama-4-maverick", "params_total_b", "402", "seed-000");
        fact("Llama 4 Maverick 400B (004)", "claim", "llama-4-maverick", "params_total_b", "400", "seed-004");
        fact("Llama 4 Maverick 128 experts (000)", "claim", "llama-4-maverick", "experts", "128", "seed-000");
        fact("Llama 4 Scout 109B (004)", "claim", "llama-4-scout", "params_total_b", "109", "seed-004");
        fact("Llama 4 Scout 10M context (004)", "claim", "llama-4-scout", "context_tokens", "10000000", "seed-004");
        fact("Llama 3.3 70B 128K context (004)", "claim", "llama-3.3-70b", "context_tokens", "131072", "seed-004");
        fact("Llama 3.3 70B 15T tokens (004)", "claim", "llama-3.3-70b", "training_tokens_t", "15", "seed-004");
        fact("Mistral Large 2 123B dense (000)", "claim", "mistral-large-2", "params_total_b", "123", "seed-000");
        fact("Mixtral 8x22B 141B (001)", "claim", "mixtral-8x22b", "params_total_b", "141", "seed-001");
        fact("Mixtral 8x22B 44B active (001)", "claim", "mixtral-8x22b", "params_active_b", "44", "seed-001");
        fact("Mistral Small 3.2 24B (004)", "claim", "mistral-small-3.2", "params_total_b", "24", "seed-004");
        fact("Mistral Large 3 675B (004)", "claim", "mistral-large-3", "params_total_b", "675", "seed-004");
        fact("Phi-4 14B (003)", "claim", "phi-4", "params_total_b", "14", "seed-003");
        fact("Phi-4 16K context (003)", "claim", "phi-4", "context_tokens", "16384", "seed-003");
        fact("Phi-4 MIT (003)", "claim", "phi-4", "license", "mit", "seed-003");
        fact("Gemma 3 27B 8k context (001)", "claim", "gemma-3-27b", "context_tokens", "8192", "seed-001");
        fact("Kimi K2 1T total (004)", "claim", "kimi-k2", "params_total_b", "1000", "seed-004");
        fact("Kimi K2 32B active (004)", "claim", "kimi-k2", "params_active_b", "32", "seed-004");
        fact("Grok-1 314B (001)", "claim", "grok-1", "params_total_b", "314", "seed-001");
        fact("Command R+ 104B (001)", "claim", "command-r-plus", "params_total_b", "104", "seed-001");
        // Benchmark scores.
        fact("Qwen3-235B MMLU 90.8 (000)", "score", "qwen3-235b-a22b", "mmlu", "90.8", "seed-000");
        fact("DeepSeek V3 MMLU 90.8 (000)", "score", "deepseek-v3", "mmlu", "90.8", "seed-000");
        fact("DeepSeek V3 MMLU 88.5 (001)", "score", "deepseek-v3", "mmlu", "88.5", "seed-001");
        fact("DeepSeek V3 MMLU-Pro 75.9 (000)", "score", "deepseek-v3", "mmlu-pro", "75.9", "seed-000");
        fact("DeepSeek R1 MATH-500 97.3 (001)", "score", "deepseek-r1", "math-500", "97.3", "seed-001");
        fact("DeepSeek R1 AIME 2024 79.8 (003)", "score", "deepseek-r1", "aime-2024", "79.8", "seed-003");
        fact("Qwen3-235B AIME 2025 92.3 (001)", "score", "qwen3-235b-a22b", "aime-2025", "92.3", "seed-001");
        fact("Mistral Large 2 HumanEval 92.0 (000)", "score", "mistral-large-2", "humaneval", "92", "seed-000");
        fact("Llama 3.3 70B IFEval 92.1 (004)", "score", "llama-3.3-70b", "ifeval", "92.1", "seed-004");
        fact("Phi-4 MMLU 84.8 (003)", "score", "phi-4", "mmlu", "84.8", "seed-003");
        fact("Gemma 3 27B Arena 1338 (003)", "score", "gemma-3-27b", "lmarena-elo", "1338", "seed-003");
        fact("Kimi K2 SWE-bench Verified 65.8 (001)", "score", "kimi-k2", "swe-bench-verified", "65.8", "seed-001");
        fact("R1-Distill-Qwen-32B AIME 2024 72.6 (003)", "score", "deepseek-r1-distill-qwen-32b", "aime-2024", "72.6", "seed-003");
        // Licenses.
        fact("Apache 2.0 is tier 1 (003)", "license-tier", "apache-2.0", "", "1", "seed-003");
        fact("Llama 4 license is tier 2 (003)", "license-tier", "llama-4", "", "2", "seed-003");
        fact("Mistral Research is tier 3 (003)", "license-tier", "mistral-research", "", "3", "seed-003");
        fact("CC-BY-NC is tier 4 (003)", "license-tier", "cc-by-nc-4.0", "", "4", "seed-003");
        fact("Llama 4 700M MAU clause", "clause", "llama-4", "user_threshold", "700000000", "");
        // Prices, hardware, engines, GPUs, statements, recommendations.
        fact("DeepSeek API $0.27/M input (000)", "price", "deepseek-v3", "", "0.27", "seed-000");
        fact("DeepSeek V3 $0.07/M input (001)", "price", "deepseek-v3", "", "0.07", "seed-001");
        fact("Together Llama 3.1 70B $0.88/M (002)", "price", "llama-3.1-70b", "", "0.88", "seed-002");
        fact("R1-Distill-Qwen-7B runs on 12GB VRAM (001)", "hardware", "deepseek-r1-distill-qwen-7b", "12GB", "12", "seed-001");
        fact("DeepSeek V3 8x H100 minimum (000)", "hardware", "deepseek-v3", "8x H100", "", "seed-000");
        fact("vLLM engine (003)", "engine", "vllm", "", "", "seed-003");
        fact("llama.cpp engine (003)", "engine", "llama.cpp", "", "", "seed-003");
        fact("H100 has 80 GB", "gpu", "h100-sxm-80gb", "memory_gb", "80", "");
        fact("Self-host break-even 500K-2M queries/mo (000)", "statement", "500000", "2000000", "", "seed-000");
        fact("Coding: Qwen 2.5 Coder 32B first (003)", "recommendation", "coding", "qwen2.5-coder-32b", "1", "seed-003");
        fact("Q4_K_M is a GGUF quantization", "quantization", "q4_k_m", "gguf", "", "");
    }

    void seedFact()
    {
        QFETCH(QString, kind);
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QString, value);
        QFETCH(QString, src);
        int n = 0;
        if (kind == QLatin1String("claim")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM claims WHERE entity = 'models' AND entity_id = ? AND field = ?"
                                     " AND (value_num = ? OR LOWER(value_text) = LOWER(?)) AND src = ?"),
                      {a, b, value.toDouble(), value, src});
        } else if (kind == QLatin1String("score")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM scores WHERE model_id = ? AND benchmark_id = ? AND ABS(value - ?) < 1e-9 AND src = ?"),
                      {a, b, value.toDouble(), src});
        } else if (kind == QLatin1String("license-tier")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM claims WHERE entity = 'licenses' AND entity_id = ? AND field = 'tier'"
                                     " AND value_num = ? AND src = ?"),
                      {a, value.toDouble(), src});
        } else if (kind == QLatin1String("clause")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM license_clauses WHERE license_id = ? AND kind = ? AND threshold = ?"),
                      {a, b, value.toDouble()});
        } else if (kind == QLatin1String("price")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM api_prices WHERE model = ? AND ? BETWEEN input_per_m_min AND input_per_m_max AND src = ?"),
                      {a, value.toDouble(), src});
        } else if (kind == QLatin1String("hardware")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM hardware_statements WHERE model = ? AND text LIKE ? AND src = ?"),
                      {a, QStringLiteral("%") + b + QStringLiteral("%"), src});
        } else if (kind == QLatin1String("engine")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM engines WHERE id = ? AND src = ?"), {a, src});
        } else if (kind == QLatin1String("gpu")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM gpus WHERE id = ? AND memory_gb = ?"), {a, value.toDouble()});
        } else if (kind == QLatin1String("statement")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM statements WHERE value_min = ? AND value_max = ? AND src = ?"),
                      {a.toDouble(), b.toDouble(), src});
        } else if (kind == QLatin1String("recommendation")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM recommendations WHERE use_case = ? AND model = ? AND rank = ? AND src = ?"),
                      {a, b, value.toDouble(), src});
        } else if (kind == QLatin1String("quantization")) {
            n = count(QStringLiteral("SELECT COUNT(*) FROM quantizations WHERE id = ? AND format = ?"), {a, b});
        } else {
            QFAIL("unknown fact kind in the test table");
        }
        QVERIFY2(n >= 1, qPrintable(QStringLiteral("%1 %2 %3 = %4 (%5) not found").arg(kind, a, b, value, src)));
    }

    void everyValueHasASource()
    {
        for (const char *table : {"claims", "scores", "license_clauses", "architectures", "hardware_statements",
                                  "api_prices", "recommendations", "statements", "vendors", "families", "engines"}) {
            const int orphans = count(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE src IS NULL OR src NOT IN (SELECT id FROM sources)")
                                          .arg(QLatin1String(table)), {});
            QVERIFY2(orphans == 0, table);
        }
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sources WHERE kind = 'seed'"), {}), 5);
    }

    void architecturesCoverThePlannerModels_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("headDim");
        QTest::newRow("Llama 3.1 8B, GQA 8 kv heads") << "llama-3.1-8b" << 32 << 8 << 128;
        QTest::newRow("Llama 3.1 70B") << "llama-3.1-70b" << 80 << 8 << 128;
        QTest::newRow("Qwen3-8B") << "qwen3-8b" << 36 << 8 << 128;
        QTest::newRow("Qwen3-235B-A22B, 4 kv heads") << "qwen3-235b-a22b" << 94 << 4 << 128;
        QTest::newRow("DeepSeek V3, 61 layers") << "deepseek-v3" << 61 << 128 << 192;
        QTest::newRow("Mistral 7B") << "mistral-7b" << 32 << 8 << 128;
        QTest::newRow("Gemma 3 27B") << "gemma-3-27b" << 62 << 16 << 128;
    }

    void architecturesCoverThePlannerModels()
    {
        QFETCH(QString, model);
        QFETCH(int, layers);
        QFETCH(int, kvHeads);
        QFETCH(int, headDim);
        QCOMPARE(count(QStringLiteral("SELECT n_layers FROM architectures WHERE model = ?"), {model}), layers);
        QCOMPARE(count(QStringLiteral("SELECT n_kv_heads FROM architectures WHERE model = ?"), {model}), kvHeads);
        QCOMPARE(count(QStringLiteral("SELECT head_dim FROM architectures WHERE model = ?"), {model}), headDim);
    }

    void atLeast25ArchitecturesWithSources()
    {
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM architectures a JOIN sources s ON s.id = a.src WHERE s.kind IN ('url', 'repo')"), {}) >= 25);
    }
};

QTEST_GUILESS_MAIN(TestCatalogFacts)
#include "tst_catalogfacts.moc"
