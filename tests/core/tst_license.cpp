// core/license: the clause rules of data/licenses.json applied to deployment
// profiles. Each scenario row names the expected verdict and the clause that
// decides it ("license/clause"), so a data change that flips a verdict fails
// with the clause in the message.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "catalog/CatalogParser.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseCatalog.h"
#include "license/LicenseEvaluator.h"
#include "license/ProfileStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <optional>

using namespace ModelAtlas;
using namespace ModelAtlas::License;

Q_DECLARE_METATYPE(ModelAtlas::License::DeploymentProfile)
Q_DECLARE_METATYPE(ModelAtlas::License::Verdict)

namespace {

// A profile from compact arguments; `uses`/`domains` are comma lists.
DeploymentProfile profile(bool commercial, double mau, const char *uses, const char *domains = "", bool eu = false,
                          const char *org = nullptr, double revenue = 0)
{
    DeploymentProfile p;
    p.commercial = commercial;
    p.organisation = QString::fromLatin1(org ? org : (commercial ? "company" : "individual"));
    p.monthlyActiveUsers = mau;
    p.annualRevenueUsd = revenue;
    p.euDomiciled = eu;
    p.uses = QString::fromLatin1(uses).split(QLatin1Char(','), Qt::SkipEmptyParts);
    p.domains = QString::fromLatin1(domains).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return p;
}

QString explain(const ModelVerdict &v)
{
    QStringList lines;
    lines << QStringLiteral("%1 -> %2 (deciding %3)").arg(v.modelId, verdictLabel(v.verdict), v.decidingClause());
    for (const Reason &r : v.reasons)
        lines << QStringLiteral("  [%1] %2/%3: %4").arg(verdictLabel(r.effect), r.licenseId, r.clauseId, r.why);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestLicense final : public QObject
{
    Q_OBJECT

    std::optional<LicenseCatalog> m_catalog;

private slots:
    void initTestCase()
    {
        auto data = Catalog::parseCatalog(Test::sourceDataDir());
        QVERIFY2(data, qPrintable(data.error()));
        auto cat = LicenseCatalog::fromCatalogData(data.value());
        QVERIFY2(cat, qPrintable(cat.error()));
        m_catalog = std::move(cat).value();
    }

    void scenarios_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<DeploymentProfile>("profile");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("deciding");   // "license/clause", empty for Allowed
        QTest::addColumn<QString>("obligation"); // an obligation kind that must be on the checklist, or empty

        using V = Verdict;
        // Llama: 700M MAU. The text says rights are not exercisable "unless or until Meta otherwise
        // expressly grants you such rights", so without Meta's grant the use is not allowed (not
        // merely "review"); the checklist carries the license request.
        QTest::newRow("Llama 3.3, 800M-MAU SaaS -> needs Meta's license")
            << "llama-3.3-70b" << profile(true, 800e6, "saas") << V::NotAllowed << "llama-3.3/mau-700m" << "license_request";
        QTest::newRow("Llama 3.3, 650M-MAU SaaS -> Built with Llama")
            << "llama-3.3-70b" << profile(true, 650e6, "saas") << V::AllowedWithObligations << "llama-3.3/built-with-llama" << "attribution";
        QTest::newRow("Llama 2 70B, 800M MAU -> needs Meta's license")
            << "llama-2-70b" << profile(true, 800e6, "internal,saas") << V::NotAllowed << "llama-2/mau-700m" << "license_request";
        QTest::newRow("Llama 4 Scout, EU company, SaaS -> multimodal grant withheld")
            << "llama-4-scout" << profile(true, 1e5, "saas", "", true) << V::NotAllowed << "llama-4/aup-eu-multimodal" << "";
        QTest::newRow("Llama 4 Maverick, EU company, internal tool -> multimodal grant withheld")
            << "llama-4-maverick" << profile(true, 0, "internal", "", true) << V::NotAllowed << "llama-4/aup-eu-multimodal" << "";
        QTest::newRow("Llama 4 Scout, US company, SaaS -> Built with Llama")
            << "llama-4-scout" << profile(true, 1e6, "saas") << V::AllowedWithObligations << "llama-4/built-with-llama" << "aup_passthrough";
        QTest::newRow("Llama 3.2 11B Vision, EU company -> multimodal grant withheld")
            << "llama-3.2-vision-11b" << profile(true, 1e4, "on_device", "", true) << V::NotAllowed << "llama-3.2/aup-eu-multimodal" << "";
        QTest::newRow("Llama 3.2 3B text-only, EU company -> allowed with obligations")
            << "llama-3.2-3b" << profile(true, 1e4, "on_device", "", true) << V::AllowedWithObligations << "llama-3.2/built-with-llama" << "notice";
        QTest::newRow("Llama 3.1 fine-tuned derivative distributed -> Llama name prefix")
            << "llama-3.1-8b" << profile(true, 1e3, "distribute_derivative") << V::AllowedWithObligations << "llama-3.1/built-with-llama" << "naming";
        QTest::newRow("Llama 3 outputs train another LLM -> forbidden")
            << "llama-3-8b" << profile(true, 0, "train_on_outputs") << V::NotAllowed << "llama-3/no-improve-other-llm" << "";
        QTest::newRow("Llama 3.3 outputs train another model -> naming duty")
            << "llama-3.3-70b" << profile(true, 0, "train_on_outputs") << V::AllowedWithObligations << "llama-3.3/outputs-may-train" << "naming";
        QTest::newRow("Llama 3.1 military -> AUP forbids")
            << "llama-3.1-70b" << profile(true, 0, "internal", "military") << V::NotAllowed << "llama-3.1/aup-military" << "";
        QTest::newRow("Llama 3.3 medical advice app -> professional-practice review")
            << "llama-3.3-70b" << profile(true, 1e5, "saas", "medical") << V::NeedsLegalReview << "llama-3.3/aup-professional-practice" << "";
        // Mistral
        QTest::newRow("Mistral Large 2 (MRL), commercial SaaS -> needs commercial license")
            << "mistral-large-2" << profile(true, 1e4, "saas") << V::NotAllowed << "mistral-research/research-only" << "";
        QTest::newRow("Mistral Large 2 (MRL), company internal non-commercial -> still not allowed")
            << "mistral-large-2" << profile(false, 0, "internal", "", false, "company") << V::NotAllowed << "mistral-research/commercial-entity-internal" << "";
        QTest::newRow("Mistral Large 2 (MRL), university research -> allowed")
            << "mistral-large-2" << profile(false, 0, "internal", "", false, "academic") << V::Allowed << "" << "";
        QTest::newRow("Ministral 8B (MRL), commercial app -> not allowed")
            << "ministral-8b" << profile(true, 1e3, "on_device") << V::NotAllowed << "mistral-research/research-only" << "";
        QTest::newRow("Mixtral 8x7B (Apache), commercial SaaS -> allowed")
            << "mixtral-8x7b" << profile(true, 5e6, "saas") << V::Allowed << "" << "";
        // CC-BY-NC: Cohere's C4AI variant (with its acceptable-use addendum) and the plain license
        QTest::newRow("Command R+, non-profit with revenue -> not allowed")
            << "command-r-plus" << profile(false, 100, "internal", "", false, "non_profit", 50000) << V::NotAllowed << "c4ai-cc-by-nc-4.0/nc-grant" << "";
        QTest::newRow("Command R+, commercial SaaS -> not allowed")
            << "command-r-plus" << profile(true, 1e3, "saas") << V::NotAllowed << "c4ai-cc-by-nc-4.0/nc-grant" << "";
        QTest::newRow("Command R, research SaaS -> Cohere's acceptable-use policy passes through")
            << "command-r" << profile(false, 1e3, "saas", "", false, "academic") << V::AllowedWithObligations << "c4ai-cc-by-nc-4.0/attribution" << "aup_passthrough";
        QTest::newRow("NVLM (plain CC-BY-NC), commercial SaaS -> not allowed")
            << "nvlm" << profile(true, 1e3, "saas") << V::NotAllowed << "cc-by-nc-4.0/nc-grant" << "";
        // Other custom licenses
        QTest::newRow("GLM-4, military -> not allowed")
            << "glm-4" << profile(true, 0, "internal", "military") << V::NotAllowed << "glm-4/no-military" << "";
        QTest::newRow("GLM-4 fine-tune distributed -> registration and glm-4 name prefix")
            << "glm-4" << profile(true, 1e3, "distribute_derivative") << V::AllowedWithObligations << "glm-4/commercial-registration" << "naming";
        QTest::newRow("Baichuan 2, commercial SaaS -> needs Baichuan's approval")
            << "baichuan-2" << profile(true, 1e4, "saas") << V::NotAllowed << "baichuan-2/commercial-application" << "license_request";
        QTest::newRow("Llama 1, commercial internal tool -> not allowed")
            << "llama-1" << profile(true, 1e3, "internal") << V::NotAllowed << "llama-1-noncommercial/non-commercial" << "";
        QTest::newRow("ELYZA Llama 2 70B (demo only), on-device app -> no weights to ship")
            << "elyza-japanese-llama-2-70b" << profile(true, 0, "on_device") << V::NotAllowed << "proprietary-api/no-weights" << "";
        // Qwen
        QTest::newRow("Qwen2.5-72B at 150M MAU -> license request")
            << "qwen2.5-72b" << profile(true, 150e6, "saas") << V::NotAllowed << "qwen/mau-100m" << "license_request";
        QTest::newRow("Qwen2.5-VL-72B at 150M MAU -> license request")
            << "qwen2.5-vl-72b" << profile(true, 150e6, "saas") << V::NotAllowed << "qwen/mau-100m" << "license_request";
        QTest::newRow("Qwen2.5-72B at 150M MAU, non-commercial -> threshold does not apply")
            << "qwen2.5-72b" << profile(false, 150e6, "saas", "", false, "non_profit") << V::Allowed << "" << "";
        QTest::newRow("Qwen2.5-72B at 50M MAU in an app -> notice file")
            << "qwen2.5-72b" << profile(true, 50e6, "on_device") << V::AllowedWithObligations << "qwen/notice-file" << "notice";
        QTest::newRow("Qwen2.5-3B commercial -> research license")
            << "qwen2.5-3b" << profile(true, 1e3, "saas") << V::NotAllowed << "qwen-research/non-commercial" << "";
        QTest::newRow("Qwen2.5-3B academic research -> allowed")
            << "qwen2.5-3b" << profile(false, 0, "internal", "", false, "academic") << V::Allowed << "" << "";
        QTest::newRow("Qwen2.5-7B commercial SaaS -> allowed")
            << "qwen2.5-7b" << profile(true, 150e6, "saas") << V::Allowed << "" << "";
        QTest::newRow("Qwen2.5-7B shipped in an app -> Apache notice")
            << "qwen2.5-7b" << profile(true, 1e6, "on_device") << V::AllowedWithObligations << "apache-2.0/redistribution-conditions" << "notice";
        // DeepSeek
        QTest::newRow("DeepSeek V3 (original license), military -> not allowed")
            << "deepseek-v3" << profile(true, 0, "internal", "military") << V::NotAllowed << "deepseek-license/use-restrictions" << "";
        QTest::newRow("DeepSeek V3 (original license), automated legal decisions -> review")
            << "deepseek-v3" << profile(true, 1e3, "internal", "legal_decisions") << V::NeedsLegalReview << "deepseek-license/automated-legal-decisions" << "";
        QTest::newRow("DeepSeek V3 (original license), SaaS -> use restrictions flow down")
            << "deepseek-v3" << profile(true, 1e5, "saas") << V::AllowedWithObligations << "deepseek-license/flow-down" << "aup_passthrough";
        QTest::newRow("DeepSeek V3-0324 (MIT), military -> MIT has no use restriction")
            << "deepseek-v3-0324" << profile(true, 0, "internal", "military") << V::Allowed << "" << "";
        QTest::newRow("DeepSeek R1 (MIT) in an app -> MIT notice")
            << "deepseek-r1" << profile(true, 1e6, "on_device") << V::AllowedWithObligations << "mit/notice" << "notice";
        QTest::newRow("R1-Distill-Llama-70B derivative -> MIT plus Llama 3.3 naming")
            << "deepseek-r1-distill-llama-70b" << profile(true, 1e3, "distribute_derivative") << V::AllowedWithObligations << "mit/notice" << "naming";
        // Apache / MIT
        QTest::newRow("Phi-4 (MIT) on device -> notice")
            << "phi-4" << profile(true, 1e6, "on_device") << V::AllowedWithObligations << "mit/notice" << "notice";
        QTest::newRow("OLMo 2 13B (Apache) redistributed -> notice")
            << "olmo-2-13b" << profile(false, 0, "redistribute_weights", "", false, "academic") << V::AllowedWithObligations << "apache-2.0/redistribution-conditions" << "notice";
        QTest::newRow("gpt-oss-120b (Apache) internal tool -> allowed")
            << "gpt-oss-120b" << profile(true, 0, "internal") << V::Allowed << "" << "";
        // Gemma
        QTest::newRow("Gemma 3 27B derivative distributed -> use restrictions pass through")
            << "gemma-3-27b" << profile(true, 1e3, "distribute_derivative") << V::AllowedWithObligations << "gemma/aup" << "aup_passthrough";
        QTest::newRow("Gemma 3 12B weapons development -> prohibited use")
            << "gemma-3-12b" << profile(true, 0, "internal", "weapons") << V::NotAllowed << "gemma/pup-weapons" << "";
        QTest::newRow("Gemma 2 9B military -> review")
            << "gemma-2-9b" << profile(true, 0, "internal", "military") << V::NeedsLegalReview << "gemma/pup-military-review" << "";
        // Others
        QTest::newRow("Falcon 3 10B SaaS -> Falcon AUP pass-through")
            << "falcon-3-10b" << profile(true, 1e4, "saas") << V::AllowedWithObligations << "falcon/aup" << "aup_passthrough";
        QTest::newRow("Kimi K2 at 150M MAU -> display Kimi K2")
            << "kimi-k2" << profile(true, 150e6, "saas") << V::AllowedWithObligations << "kimi-modified-mit/display-kimi-mau" << "attribution";
        QTest::newRow("BLOOM medical advice -> RAIL restriction")
            << "bloom" << profile(false, 0, "internal", "medical", false, "academic") << V::NotAllowed << "openrail-m/medical-advice" << "";
        QTest::newRow("EXAONE 3.5 commercial -> non-commercial license")
            << "exaone-3.5-7.8b" << profile(true, 0, "saas") << V::NotAllowed << "exaone/non-commercial" << "";
        QTest::newRow("Code Llama (Llama 2 license), 800M MAU -> needs Meta's license")
            << "codellama" << profile(true, 800e6, "saas") << V::NotAllowed << "llama-2/mau-700m" << "license_request";
        // Vendor lines whose weights are partly or not at all released
        QTest::newRow("Solar Pro (MIT preview weights) in an app -> MIT notice")
            << "solar-pro" << profile(true, 1e6, "on_device") << V::AllowedWithObligations << "mit/notice" << "notice";
        QTest::newRow("Solar Mini (API only), on-device app -> no weights to ship")
            << "solar-mini" << profile(true, 1e4, "on_device") << V::NotAllowed << "proprietary-api/no-weights" << "";
        QTest::newRow("Kanana 1.5 32B (unreleased; the seed's Apache-like claim is outranked), redistributed -> not allowed")
            << "kanana-1.5-32b" << profile(true, 0, "redistribute_weights") << V::NotAllowed << "proprietary-api/no-weights" << "";
        QTest::newRow("PLaMo Lite (no public terms) -> review")
            << "plamo-lite" << profile(true, 0, "internal") << V::NeedsLegalReview << "other-custom" << "";
    }

    void scenarios()
    {
        QFETCH(QString, model);
        QFETCH(DeploymentProfile, profile);
        QFETCH(Verdict, verdict);
        QFETCH(QString, deciding);
        QFETCH(QString, obligation);
        QVERIFY2(validate(profile), qPrintable(validate(profile).error()));
        const LicenseEvaluator evaluator(*m_catalog);
        const ModelVerdict v = evaluator.evaluate(profile, model);
        QVERIFY2(v.verdict == verdict, qPrintable(explain(v)));
        QVERIFY2(v.decidingClause() == deciding, qPrintable(explain(v)));
        if (!obligation.isEmpty())
            QVERIFY2(v.hasObligation(obligation), qPrintable(explain(v)));
        for (const Reason &r : v.reasons)
            QVERIFY2(!r.why.isEmpty(), qPrintable(r.clauseId));
    }

    void derivativeChecklistsNameTheDuties()
    {
        const LicenseEvaluator evaluator(*m_catalog);
        const ModelVerdict llama = evaluator.evaluate(profile(true, 1e3, "distribute_derivative"), QStringLiteral("llama-3.3-70b"));
        QStringList texts;
        for (const Obligation &o : llama.obligations)
            texts << o.text;
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("must begin with “Llama”")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Built with Llama")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Llama 3.3 is licensed under the Llama 3.3 Community License")), qPrintable(all));
        const ModelVerdict gemma = evaluator.evaluate(profile(true, 1e3, "distribute_derivative"), QStringLiteral("gemma-3-27b"));
        bool derivativeClause = false;
        for (const Obligation &o : gemma.obligations)
            derivativeClause |= o.clauseId == QLatin1String("model-derivatives") && o.kind == QLatin1String("aup_passthrough");
        QVERIFY(derivativeClause);
        QVERIFY(!gemma.notes.isEmpty()); // Google's remote-restriction right
    }

    void sizeAndVersionVariantsLinkTheirOwnLicense_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("licenses");
        QTest::newRow("qwen2.5-3b research") << "qwen2.5-3b" << QStringList{"qwen-research"};
        QTest::newRow("qwen2.5-7b apache") << "qwen2.5-7b" << QStringList{"apache-2.0"};
        QTest::newRow("qwen2.5-72b qwen") << "qwen2.5-72b" << QStringList{"qwen"};
        QTest::newRow("qwen2.5-vl-3b research") << "qwen2.5-vl-3b" << QStringList{"qwen-research"};
        QTest::newRow("deepseek-v3 original") << "deepseek-v3" << QStringList{"deepseek-license"};
        QTest::newRow("deepseek-v3-0324 mit") << "deepseek-v3-0324" << QStringList{"mit"};
        QTest::newRow("deepseek-r1 mit") << "deepseek-r1" << QStringList{"mit"};
        QTest::newRow("r1 distill llama 70b") << "deepseek-r1-distill-llama-70b" << QStringList{"mit", "llama-3.3"};
        QTest::newRow("falcon 3 tii license") << "falcon-3-7b" << QStringList{"falcon"};
        QTest::newRow("olmo 2 apache") << "olmo-2-13b" << QStringList{"apache-2.0"};
        QTest::newRow("mistral large 2 mrl") << "mistral-large-2" << QStringList{"mistral-research"};
        QTest::newRow("llama 4 scout") << "llama-4-scout" << QStringList{"llama-4"};
    }

    void sizeAndVersionVariantsLinkTheirOwnLicense()
    {
        QFETCH(QString, model);
        QFETCH(QStringList, licenses);
        const ModelLicenses *m = m_catalog->model(model);
        QVERIFY(m);
        QCOMPARE(m->licenseIds, licenses);
    }

    void everyCatalogModelLinksALicense()
    {
        for (const ModelLicenses &m : m_catalog->models())
            QVERIFY2(!m.licenseIds.isEmpty(), qPrintable(m.id));
    }

    void aModelWithoutALicenseOnRecordNeedsReview()
    {
        LicenseCatalog catalog = *m_catalog;
        catalog.addModel({QStringLiteral("unlicensed-test-model"), QStringLiteral("Unlicensed"), {}, {}});
        const ModelVerdict v = LicenseEvaluator(catalog).evaluate(profile(true, 0, "internal"), QStringLiteral("unlicensed-test-model"));
        QVERIFY2(v.verdict == Verdict::NeedsLegalReview, qPrintable(explain(v)));
        QVERIFY2(!v.reasons.empty() && v.reasons.front().summary.contains(QStringLiteral("No license")), qPrintable(explain(v)));
    }

    void everyLinkedLicenseExistsAndThresholdsMatch()
    {
        for (const ModelLicenses &m : m_catalog->models())
            for (const QString &id : m.licenseIds)
                QVERIFY2(m_catalog->license(id), qPrintable(m.id + QStringLiteral(" -> ") + id));
        // Every license the issue names has machine-readable clauses.
        for (const char *id : {"apache-2.0", "mit", "llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4", "gemma",
                               "mistral-research", "mistral-non-production", "mistral-commercial", "qwen", "qwen-research",
                               "deepseek-license", "cc-by-nc-4.0", "openrail-m", "falcon"})
            QVERIFY2(m_catalog->license(QString::fromLatin1(id)) && !m_catalog->license(QString::fromLatin1(id))->rules.empty(), id);
    }

    void profileValidation_data()
    {
        QTest::addColumn<DeploymentProfile>("profile");
        QTest::addColumn<QString>("field");
        DeploymentProfile p = profile(true, -5, "saas");
        QTest::newRow("negative MAU") << p << "monthly_active_users";
        p = profile(true, 2e10, "saas");
        QTest::newRow("MAU above world population") << p << "monthly_active_users";
        p = profile(true, 10.5, "saas");
        QTest::newRow("fractional MAU") << p << "monthly_active_users";
        p = profile(true, 10, "saas");
        p.annualRevenueUsd = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("NaN revenue") << p << "annual_revenue_usd";
        p.annualRevenueUsd = -1;
        QTest::newRow("negative revenue") << p << "annual_revenue_usd";
        p.annualRevenueUsd = 1e15;
        QTest::newRow("revenue in cents by mistake") << p << "annual_revenue_usd";
        QTest::newRow("no use mode") << profile(true, 10, "") << "uses";
        QTest::newRow("unknown use mode") << profile(true, 10, "saas,teleport") << "uses";
        QTest::newRow("unknown domain") << profile(true, 10, "saas", "astrology") << "domains";
        QTest::newRow("unknown organisation") << profile(true, 10, "saas", "", false, "guild") << "organisation";
    }

    void profileValidation()
    {
        QFETCH(DeploymentProfile, profile);
        QFETCH(QString, field);
        const Status s = validate(profile);
        QVERIFY(!s);
        QVERIFY2(s.error().startsWith(field + QLatin1Char(':')), qPrintable(s.error()));
    }

    void profileFileRoundTrip()
    {
        QTemporaryDir dir;
        DeploymentProfile p = profile(true, 123456789, "saas,distribute_derivative", "medical", true, "startup", 2.5e6);
        p.name = QStringLiteral("EU health startup");
        const QString path = dir.filePath(QStringLiteral("p.json"));
        QVERIFY(saveProfileFile(p, path));
        const auto back = loadProfileFile(path);
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->name, p.name);
        QCOMPARE(back->organisation, p.organisation);
        QCOMPARE(back->monthlyActiveUsers, p.monthlyActiveUsers);
        QCOMPARE(back->annualRevenueUsd, p.annualRevenueUsd);
        QCOMPARE(back->euDomiciled, true);
        QCOMPARE(back->uses, p.uses);
        QCOMPARE(back->domains, p.domains);
    }

    void malformedProfileFiles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("{\"uses\": [\"saas\"") << "not valid JSON";
        QTest::newRow("array instead of object") << QByteArray("[1,2]") << "JSON object";
        QTest::newRow("MAU as text") << QByteArray(R"({"uses":["saas"],"monthly_active_users":"lots"})") << "\"monthly_active_users\"";
        QTest::newRow("negative MAU") << QByteArray(R"({"uses":["saas"],"monthly_active_users":-1})") << "monthly_active_users";
        QTest::newRow("commercial as string") << QByteArray(R"({"uses":["saas"],"commercial":"yes"})") << "\"commercial\"";
        QTest::newRow("unknown use") << QByteArray(R"({"uses":["saas","warp"]})") << "\"uses\"";
        QTest::newRow("uses not a list") << QByteArray(R"({"uses":"saas"})") << "\"uses\"";
        QTest::newRow("typo in field name") << QByteArray(R"({"uses":["saas"],"mau":5})") << "unknown field \"mau\"";
        QTest::newRow("future format") << QByteArray(R"({"format":2,"uses":["saas"]})") << "\"format\"";
        QTest::newRow("no uses") << QByteArray(R"({"commercial":true})") << "uses";
    }

    void malformedProfileFiles()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad-profile.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const auto r = loadProfileFile(path);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(path), qPrintable(r.error()));
        QVERIFY2(r.error().contains(mentions), qPrintable(r.error()));
    }

    void malformedLicenseRulesAreRejected_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown condition") << QByteArray(R"({"when":{"users_over":5},"then":"deny"})") << "when.users_over";
        QTest::newRow("unknown effect") << QByteArray(R"({"then":"maybe"})") << ".then";
        QTest::newRow("obligation missing") << QByteArray(R"({"then":"oblige"})") << ".obligation";
        QTest::newRow("unknown use in condition") << QByteArray(R"({"when":{"use_any":["warp"]},"then":"deny"})") << "use_any";
        QTest::newRow("negative threshold") << QByteArray(R"({"when":{"mau_gt":-1},"then":"deny"})") << "mau_gt";
    }

    void malformedLicenseRulesAreRejected()
    {
        QFETCH(QByteArray, rule);
        QFETCH(QString, mentions);
        nlohmann::json lic = {{"id", "x"}, {"name", "X"}, {"clauses", nlohmann::json::array()}};
        lic["clauses"].push_back({{"id", "c1"}, {"kind", "other"}, {"summary", "s"}, {"src", "seed-000"},
                                  {"rule", nlohmann::json::parse(rule.toStdString())}});
        const auto r = LicenseCatalog::parseLicense(lic);
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("license \"x\", clause \"c1\"")), qPrintable(r.error()));
        QVERIFY2(r.error().contains(mentions), qPrintable(r.error()));
    }

    void batchIsAFilterAndFast()
    {
        const LicenseEvaluator evaluator(*m_catalog);
        const DeploymentProfile p = profile(true, 150e6, "saas,on_device");
        QElapsedTimer t;
        t.start();
        const auto all = evaluator.evaluateAll(p);
        const qint64 ms = t.elapsed();
        QCOMPARE(all.size(), m_catalog->models().size());
        QVERIFY2(ms < 20, qPrintable(QStringLiteral("whole catalog took %1 ms").arg(ms)));
        const QStringList ids = evaluator.permittedModelIds(p);
        QVERIFY(ids.contains(QStringLiteral("qwen2.5-7b")));
        QVERIFY(ids.contains(QStringLiteral("llama-3.3-70b")));
        QVERIFY(!ids.contains(QStringLiteral("qwen2.5-3b")));
        QVERIFY(!ids.contains(QStringLiteral("qwen2.5-72b")));      // 150M > 100M
        QVERIFY(!ids.contains(QStringLiteral("command-r-plus")));
        const QStringList clean = evaluator.permittedModelIds(p, true);
        QVERIFY(!clean.contains(QStringLiteral("llama-3.3-70b")));  // has obligations
        for (const QString &id : clean)
            QVERIFY(ids.contains(id));
    }

    void obligationsSideBySide()
    {
        const LicenseEvaluator evaluator(*m_catalog);
        const auto cmp = evaluator.compareObligations(profile(true, 1e3, "distribute_derivative"),
                                                      {QStringLiteral("llama-3.3-70b"), QStringLiteral("qwen2.5-7b"), QStringLiteral("gemma-3-27b")});
        QCOMPARE(cmp.modelIds.size(), 3);
        const qsizetype naming = cmp.kinds.indexOf(QStringLiteral("naming"));
        QVERIFY(naming >= 0);
        QVERIFY(!cmp.cells[size_t(naming)][0].isEmpty()); // Llama naming rule
        QVERIFY(cmp.cells[size_t(naming)][1].isEmpty());  // Apache: none
        const qsizetype notice = cmp.kinds.indexOf(QStringLiteral("notice"));
        QVERIFY(notice >= 0);
        for (size_t m = 0; m < 3; ++m)
            QVERIFY(!cmp.cells[size_t(notice)][m].isEmpty());
    }

    void databaseGivesTheSameVerdictsAndStoresProfiles()
    {
        QTemporaryDir dir;
        auto db = Test::openDatabase(dir);
        QVERIFY(db);
        const auto imported = Catalog::importCatalog(*db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        const auto fromDb = LicenseCatalog::fromDatabase(db->db());
        QVERIFY2(fromDb, qPrintable(fromDb.error()));
        const DeploymentProfile p = profile(true, 800e6, "saas,distribute_derivative", "medical", true);
        const LicenseEvaluator a(*m_catalog), b(fromDb.value());
        for (const ModelLicenses &m : m_catalog->models()) {
            const ModelVerdict va = a.evaluate(p, m.id), vb = b.evaluate(p, m.id);
            QVERIFY2(va.verdict == vb.verdict && va.decidingClause() == vb.decidingClause(),
                     qPrintable(explain(va) + QLatin1Char('\n') + explain(vb) + QLatin1Char('\n') + va.licenseIds.join(QLatin1Char(','))
                                + QStringLiteral(" vs ") + vb.licenseIds.join(QLatin1Char(','))));
        }

        ProfileStore store(db->db());
        DeploymentProfile saved = profile(true, 5e6, "saas", "credit", false, "startup", 1e6);
        QVERIFY(!store.save(saved)); // no name
        saved.name = QStringLiteral("fintech");
        QVERIFY(store.save(saved));
        saved.monthlyActiveUsers = 6e6;
        QVERIFY(store.save(saved)); // replaces
        const auto names = store.names();
        QVERIFY(names);
        QCOMPARE(names.value(), QStringList{QStringLiteral("fintech")});
        const auto back = store.load(QStringLiteral("fintech"));
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->monthlyActiveUsers, 6e6);
        QCOMPARE(back->domains, QStringList{QStringLiteral("credit")});
        DeploymentProfile invalid = saved;
        invalid.monthlyActiveUsers = -3;
        QVERIFY(!store.save(invalid));
        QVERIFY(store.remove(QStringLiteral("fintech")));
        QVERIFY(!store.load(QStringLiteral("fintech")));
        QVERIFY(!store.remove(QStringLiteral("fintech")));
        // A catalog re-import leaves saved profiles alone.
        QVERIFY(store.save(saved));
        QVERIFY(Catalog::importCatalog(*db, Test::sourceDataDir()));
        QVERIFY(store.load(QStringLiteral("fintech")));
    }
};

QTEST_GUILESS_MAIN(TestLicense)
#include "tst_license.moc"
