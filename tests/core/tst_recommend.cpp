// The Recommend wizard's ranking against the seeds' own recommendation
// tables: each scenario restates a seed table row as a request, and the
// shortlist's top must be a model that row names (the seed text is quoted
// beside each row). The recommendation tables themselves feed the ranking,
// so these rows check that the constraints (fit, license, context, tier)
// and the benchmark evidence combine into the pick the seeds make, not a
// model the constraints should have removed.

#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "compare/ModelFacts.h"
#include "cost/ApiPricing.h"
#include "hardware/GpuCatalog.h"
#include "license/LicenseCatalog.h"
#include "planner/CatalogModels.h"
#include "recommend/RecommendExplain.h"
#include "recommend/Recommender.h"

#include <QTest>

using namespace ModelAtlas;
using namespace ModelAtlas::Recommend;

class TestRecommend final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_db = Test::openDatabase(m_dir);
        QVERIFY(m_db);
        const auto imported = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        auto facts = Compare::loadFacts(m_db->db());
        QVERIFY2(facts, qPrintable(facts.error()));
        m_facts = std::move(facts).value();
        auto endorsements = loadEndorsements(m_db->db());
        QVERIFY2(endorsements, qPrintable(endorsements.error()));
        m_endorsements = endorsements.value();
        auto shapes = Planner::loadCatalogShapes(m_db->db());
        QVERIFY2(shapes, qPrintable(shapes.error()));
        m_shapes = shapes->shapes;
        auto licenses = License::LicenseCatalog::fromDatabase(m_db->db());
        QVERIFY2(licenses, qPrintable(licenses.error()));
        m_licenses = std::move(licenses).value();
        m_evaluator = std::make_unique<License::LicenseEvaluator>(m_licenses);
        auto prices = Cost::apiPrices(m_db->db());
        QVERIFY2(prices, qPrintable(prices.error()));
        m_prices = prices.value();
    }

    void scenarios_data()
    {
        QTest::addColumn<QString>("useCase");
        QTest::addColumn<QStringList>("languages");
        QTest::addColumn<QString>("hardware");    // "" none, "cpu:GiB" CPU only, else a catalog GPU ("rtx-4090", "h100x2")
        QTest::addColumn<QString>("deployment");  // "" none, "saas" commercial SaaS, "eu" EU company internal + SaaS
        QTest::addColumn<int>("maxTier");
        QTest::addColumn<qint64>("minContext");
        QTest::addColumn<QStringList>("top");      // the #1 must be one of these
        QTest::addColumn<QStringList>("excluded"); // these must be excluded (a constraint removes them)

        const QStringList none;
        // seed 004: "Qwen 2.5 Coder 32B is the most practical single-GPU choice"; seed 003 table "Code
        // generation: Qwen2.5-Coder 32B" (Apache 2.0). Frontier coders (DeepSeek, Kimi) cannot fit 24 GB,
        // Llama/Gemma are not tier 1.
        QTest::newRow("coding, one 24 GB GPU, Apache/MIT only")
            << "coding" << none << "rtx-4090" << "" << 1 << qint64(0) << QStringList{"qwen2.5-coder-32b"}
            << QStringList{"deepseek-r1", "kimi-k2.5", "llama-4-maverick", "gemma-3-27b"};
        // seed 000 decision matrix: "Coding | Qwen 2.5 Coder or DeepSeek V3"; seed 003: "Qwen2.5-Coder 32B".
        QTest::newRow("coding, no constraints")
            << "coding" << none << "" << "" << 0 << qint64(0)
            << QStringList{"qwen2.5-coder-32b", "deepseek-v3", "deepseek-r1", "deepseek-r1-0528", "kimi-k2.5", "mistral-large-3"}
            << none;
        // seed 001: "European enterprise (GDPR) | Mistral Large 3 | Apache 2.0, EU-based company"; seed 000
        // "Europe | Mistral | GDPR compliance" names Mistral Large 2, whose research license forbids the
        // commercial use, so it must be excluded.
        QTest::newRow("EU enterprise with GDPR, commercial")
            << "general" << none << "" << "eu" << 0 << qint64(0) << QStringList{"mistral-large-3"}
            << QStringList{"mistral-large-2"};
        // seed 000 decision matrix: "Long context | Llama 4 Scout (10M)"; seed 001: "Long-context (1M+ tokens)
        // | Llama 4 Scout | 10M token context window". No other catalog model accepts 10M tokens.
        QTest::newRow("10M-token context")
            << "long-context" << none << "" << "" << 0 << qint64(10'000'000) << QStringList{"llama-4-scout"}
            << QStringList{"llama-4-maverick", "qwen3-235b-a22b", "deepseek-v3"};
        // seed 001: "Edge / embedded device | Qwen3-0.6B or Gemma3-1B"; seed 003: "Mobile, edge | Llama 3.2 3B
        // | Phi-4-mini"; seed 004: "Gemma 3 4B ... Qwen 2.5 0.5B or 1.5B". On 8 GB of RAM, Gemma 3 27B
        // (seed 000's "Lightweight", ~16 GB at 4-bit) cannot load.
        QTest::newRow("edge device, CPU only, 8 GB RAM")
            << "edge" << none << "cpu:8" << "" << 0 << qint64(0)
            << QStringList{"qwen3-0.6b", "gemma-3-1b", "llama-3.2-3b", "llama-3.2-1b", "phi-4-mini", "gemma-3-4b",
                           "qwen2.5-0.5b", "qwen2.5-1.5b", "ministral-3b"}
            << QStringList{"gemma-3-27b", "mistral-small-3.2", "phi-4"};
        // seed 001: "Advanced math / reasoning | DeepSeek R1 or Qwen3 (thinking mode)"; seed 003: "Reasoning,
        // math | DeepSeek-R1 | QwQ-32B"; seed 000: "Math/STEM | Qwen 3".
        QTest::newRow("math and reasoning, no constraints")
            << "math-reasoning" << none << "" << "" << 0 << qint64(0) << QStringList{"deepseek-r1", "qwen3-235b-a22b"} << none;
        // seed 003: "Must fit on a single GPU? -> 24GB targets Phi-4 ..."; seed 004 names
        // DeepSeek-R1-Distill-Qwen-32B for reasoning on one GPU; QwQ-32B is seed 003's second reasoning pick.
        QTest::newRow("math and reasoning, one 24 GB GPU")
            << "math-reasoning" << none << "rtx-4090" << "" << 0 << qint64(0)
            << QStringList{"deepseek-r1-distill-qwen-32b", "qwq-32b", "phi-4", "qwen3-8b"}
            << QStringList{"deepseek-r1", "qwen3-235b-a22b"};
        // seed 001: "RAG pipelines | Command R+ | Optimized for retrieval+generation".
        QTest::newRow("RAG, no license profile") << "rag" << none << "" << "" << 0 << qint64(0)
                                                 << QStringList{"command-r-plus"} << none;
        // Command R+ is CC-BY-NC 4.0: a commercial SaaS may not use it. Seed 004's RAG picks are
        // Mistral Small 3.2 and Llama 3.3 70B.
        QTest::newRow("RAG in a commercial SaaS") << "rag" << none << "" << "saas" << 0 << qint64(0)
                                                  << QStringList{"mistral-small-3.2", "llama-3.3-70b"}
                                                  << QStringList{"command-r-plus"};
        // seed 001: "GPT-oss: optimized for agentic workflows, tool use and function calling"; seed 004:
        // "Kimi K2.5 ... agentic", "GLM-5 agentic".
        QTest::newRow("agentic") << "agentic" << none << "" << "" << 0 << qint64(0)
                                 << QStringList{"gpt-oss-120b", "kimi-k2.5", "glm-5"} << none;
        // seed 003: "Japanese top-class | ELYZA Llama 3 | Qwen2.5 72B"; seed 004: Qwen2.5-72B for Japanese.
        QTest::newRow("multilingual, Japanese") << "multilingual" << QStringList{"Japanese"} << "" << "" << 0 << qint64(0)
                                                << QStringList{"qwen2.5-72b", "elyza-llama-3"} << none;
        // seed 003: "Chinese top-class | Qwen2.5 72B | Yi-1.5 34B"; seed 000 "China | Qwen 3, DeepSeek".
        QTest::newRow("multilingual, Chinese") << "multilingual" << QStringList{"Chinese"} << "" << "" << 0 << qint64(0)
                                               << QStringList{"qwen2.5-72b", "qwen3-235b-a22b"} << none;
        // seed 000 decision matrix: "Multilingual | Qwen 3"; seed 001 "Qwen3-235B ... 119 languages".
        QTest::newRow("multilingual, any languages") << "multilingual" << none << "" << "" << 0 << qint64(0)
                                                     << QStringList{"qwen3-235b-a22b"} << none;
        // seed 001: "Local deployment (12–24GB GPU) | Qwen3-8B or Qwen3-14B | Apache 2.0"; seed 001 table
        // "Qwen3-32B | Mid-range local deployment (~20GB at 4-bit)"; seed 003 "24GB targets Phi-4".
        QTest::newRow("general, one 24 GB GPU, Apache/MIT only")
            << "general" << none << "rtx-4090" << "saas" << 1 << qint64(0)
            << QStringList{"qwen3-8b", "qwen3-14b", "qwen3-32b", "phi-4", "mistral-small-3.2"}
            << QStringList{"llama-3.3-70b", "qwen3-235b-a22b", "gemma-3-27b"};
        // seed 001: "Reasoning, general chat | Mixtral 8x22B"; seed 004: chat picks Mistral Small 3.2 and
        // Llama 3.3 70B.
        QTest::newRow("chat") << "chat" << none << "" << "" << 0 << qint64(0)
                              << QStringList{"mixtral-8x22b", "mistral-small-3.2", "llama-3.3-70b"} << none;
        // seed 003: "80GB targets Llama 3.3 70B (Q4)"; seed 001 "Production, broad ecosystem | Llama 3.3 70B".
        QTest::newRow("general, one 80 GB H100")
            << "general" << none << "h100" << "" << 0 << qint64(0) << QStringList{"llama-3.3-70b", "llama-4-scout"}
            << QStringList{"qwen3-235b-a22b", "deepseek-v3", "llama-4-maverick"};
        // seed 003 Apple Silicon rows name Llama 3.3 70B on a 128 GB Mac; seed 004 "Llama 3.3 70B ... M4 Max".
        QTest::newRow("general, Apple M4 Max")
            << "general" << none << "m4 max" << "" << 0 << qint64(0)
            << QStringList{"llama-3.3-70b", "gemma-3-27b", "mistral-small-3.2", "llama-4-scout"}
            << QStringList{"deepseek-v3", "qwen3-235b-a22b"};
    }

    void scenarios()
    {
        QFETCH(QString, useCase);
        QFETCH(QStringList, languages);
        QFETCH(QString, hardware);
        QFETCH(QString, deployment);
        QFETCH(int, maxTier);
        QFETCH(qint64, minContext);
        QFETCH(QStringList, top);
        QFETCH(QStringList, excluded);

        Request req;
        const auto u = useCaseById(useCase);
        QVERIFY(u);
        req.useCase = *u;
        req.languages = languages;
        req.maxLicenseTier = maxTier;
        req.minContext = minContext;
        req.hardware = hardwareFor(hardware);
        if (!hardware.isEmpty())
            QVERIFY(req.hardware);
        req.deployment = deploymentFor(deployment);

        const auto result = recommend(inputs(), req);
        QVERIFY2(result, qPrintable(result.error()));
        QVERIFY2(!result->shortlist.isEmpty(), "empty shortlist");
        const Candidate &first = result->shortlist.first();
        QVERIFY2(top.contains(first.modelId), qPrintable(QStringLiteral("#1 is %1; shortlist: %2")
                                                             .arg(first.modelId, describe(result.value()))));
        for (const QString &id : excluded) {
            const bool out = std::any_of(result->excluded.cbegin(), result->excluded.cend(),
                                         [&id](const Exclusion &e) { return e.modelId == id; });
            QVERIFY2(out, qPrintable(QStringLiteral("%1 should be excluded; shortlist: %2").arg(id, describe(result.value()))));
        }
        // Every ranked model has reasons, and a shortlist is sorted.
        for (qsizetype i = 0; i < result->shortlist.size(); ++i) {
            QVERIFY(Explain::reasons(result->shortlist[i]).size() >= 2);
            if (i > 0)
                QVERIFY(result->shortlist[i - 1].score >= result->shortlist[i].score);
        }
        if (result->shortlist.size() > 1)
            QVERIFY(Explain::whyLost(first, result->shortlist[1]).contains(result->shortlist[1].modelName));
    }

    // A fitting model carries the planner's verdict and quant; the 24 GB coding pick is a 4-bit 32B.
    void fitReasonsComeFromThePlanner()
    {
        Request req;
        req.useCase = UseCase::Coding;
        req.hardware = hardwareFor(QStringLiteral("rtx-4090"));
        req.maxLicenseTier = 1;
        const auto result = recommend(inputs(), req);
        QVERIFY(result);
        const Candidate &c = result->shortlist.first();
        QVERIFY(c.fit.checked);
        QCOMPARE(c.fit.verdict, Planner::Verdict::Fits);
        // 32B fits 24 GB at 4 to 5 bits; 8-bit (~34 GB) cannot.
        QVERIFY2(QStringList({"Q5_K_M", "Q5_K_S", "Q4_K_M", "AWQ-4bit-g128", "Q4_K_S", "Q4_0"}).contains(c.fit.quant),
                 qPrintable(c.fit.quant));
        QVERIFY(c.fit.weightsGiB > 15 && c.fit.weightsGiB < 24);
        QVERIFY(c.fit.decodeTokS > 0);
        const QString text = Explain::reasons(c).join(QLatin1Char('\n'));
        QVERIFY2(text.contains(c.fit.quant), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("HumanEval")), qPrintable(text));
    }

    // Exclusions say which constraint removed the model.
    void exclusionsNameTheConstraint_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<int>("maxTier");
        QTest::addColumn<qint64>("minContext");
        QTest::addColumn<QString>("message");
        QTest::newRow("DeepSeek-V3 on a 4090") << "deepseek-v3" << "rtx-4090" << "" << 0 << qint64(0) << "does not fit";
        QTest::newRow("Llama 3.3 with Apache/MIT only") << "llama-3.3-70b" << "" << "" << 1 << qint64(0) << "license tier 2";
        QTest::newRow("Command R+ in a SaaS") << "command-r-plus" << "" << "saas" << 0 << qint64(0) << "license not allowed";
        QTest::newRow("Qwen3-8B (128K) at 1M tokens") << "qwen3-8b" << "" << "" << 0 << qint64(1'048'576) << "shorter than the 1M";
    }
    void exclusionsNameTheConstraint()
    {
        QFETCH(QString, model);
        QFETCH(QString, hardware);
        QFETCH(QString, deployment);
        QFETCH(int, maxTier);
        QFETCH(qint64, minContext);
        QFETCH(QString, message);
        Request req;
        req.hardware = hardwareFor(hardware);
        req.deployment = deploymentFor(deployment);
        req.maxLicenseTier = maxTier;
        req.minContext = minContext;
        const auto result = recommend(inputs(), req);
        QVERIFY2(result, qPrintable(result.error()));
        for (const Exclusion &e : result->excluded)
            if (e.modelId == model) {
                QVERIFY2(e.reason.contains(message), qPrintable(e.reason));
                return;
            }
        QFAIL("the model was not excluded");
    }

    void nonsenseRequests_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative context") << 0 << "Context must be";
        QTest::newRow("speed target without hardware") << 1 << "needs hardware";
        QTest::newRow("zero budget") << 2 << "budget must be a positive";
        QTest::newRow("tier 9") << 3 << "License tier must be";
        QTest::newRow("shortlist of 0") << 4 << "Shortlist size";
        QTest::newRow("NaN speed") << 5 << "non-negative";
    }
    void nonsenseRequests()
    {
        QFETCH(int, field);
        QFETCH(QString, message);
        Request req;
        switch (field) {
        case 0: req.minContext = -5; break;
        case 1: req.minDecodeTokS = 20; break;
        case 2: req.maxMonthlyUsd = 0; break;
        case 3: req.maxLicenseTier = 9; break;
        case 4: req.shortlistSize = 0; break;
        case 5: req.minDecodeTokS = std::nan(""); break;
        }
        const auto result = recommend(inputs(), req);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(message), qPrintable(result.error()));
    }

    // A budget removes what costs more: with 10k requests/day on API prices, a
    // tiny budget leaves only models whose cheapest API fits it.
    void budgetExcludesExpensiveModels()
    {
        Request req;
        req.useCase = UseCase::General;
        req.traffic.requestsPerDay = 10000;
        req.traffic.inputTokensPerRequest = 500;
        req.traffic.outputTokensPerRequest = 300;
        req.maxMonthlyUsd = 50;
        const auto result = recommend(inputs(), req);
        QVERIFY2(result, qPrintable(result.error()));
        for (const Candidate &c : result->shortlist)
            if (c.monthlyUsd)
                QVERIFY2(*c.monthlyUsd <= 50, qPrintable(c.modelId));
        const bool anyOverBudget = std::any_of(result->excluded.cbegin(), result->excluded.cend(),
                                               [](const Exclusion &e) { return e.reason.contains(QLatin1String("budget")); });
        QVERIFY(anyOverBudget);
    }

    void useCaseIdsRoundTrip()
    {
        for (UseCase u : allUseCases())
            QCOMPARE(useCaseById(useCaseId(u)), std::optional<UseCase>(u));
        QVERIFY(!useCaseById(QStringLiteral("juggling")));
    }

private:
    Inputs inputs() const { return {&m_facts, &m_endorsements, &m_shapes, m_evaluator.get(), &m_prices}; }

    std::optional<Hardware::HardwareProfile> hardwareFor(const QString &text) const
    {
        if (text.isEmpty())
            return std::nullopt;
        if (text.startsWith(QLatin1String("cpu:"))) {
            Hardware::HardwareProfile p;
            p.name = QStringLiteral("edge box");
            p.systemRamGiB = text.mid(4).toDouble();
            p.cpuCores = 4;
            p.cpuBandwidthGBs = 25;   // LPDDR4X-class board
            return p;
        }
        auto p = Hardware::resolveHardware(m_db->db(), text);
        if (!p)
            qWarning() << p.error();
        return p ? std::optional(p.value()) : std::nullopt;
    }

    static std::optional<License::DeploymentProfile> deploymentFor(const QString &kind)
    {
        if (kind.isEmpty())
            return std::nullopt;
        License::DeploymentProfile p;
        p.commercial = true;
        p.monthlyActiveUsers = 50000;
        p.annualRevenueUsd = 20e6;
        p.uses = {QStringLiteral("saas")};
        if (kind == QLatin1String("eu")) {
            p.euDomiciled = true;
            p.uses << QStringLiteral("internal");
        }
        return p;
    }

    static QString describe(const Recommendation &r)
    {
        QStringList parts;
        for (const Candidate &c : r.shortlist)
            parts << QStringLiteral("%1 (%2: e %3, q %4)").arg(c.modelId).arg(c.score, 0, 'f', 3).arg(c.endorsement, 0, 'f', 2).arg(c.quality, 0, 'f', 2);
        return parts.join(QStringLiteral(", "));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    Compare::FactsTable m_facts;
    QList<Endorsement> m_endorsements;
    std::vector<Planner::ModelShape> m_shapes;
    License::LicenseCatalog m_licenses;
    std::unique_ptr<License::LicenseEvaluator> m_evaluator;
    QList<Cost::ApiPrice> m_prices;
};

QTEST_GUILESS_MAIN(TestRecommend)
#include "tst_recommend.moc"
