// The deployment report: what it contains (facts with sources, benchmarks,
// plan and cost, license verdict, risks), each rendering (Markdown and HTML
// structure, JSON schema, PDF text via pdftotext) and the all-or-nothing write.
#include "TestSupport.h"

#include "catalog/CatalogImporter.h"
#include "reports/DeploymentReport.h"
#include "reports/ReportRender.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSqlQuery>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace ModelAtlas;
using namespace ModelAtlas::Reports;
using json = nlohmann::json;

class TestReport final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    DeploymentReport m_report; // Llama 3.3 70B at 800M MAU on 2 x H100

    static ReportRequest llamaRequest()
    {
        ReportRequest r;
        r.model = QStringLiteral("llama-3.3-70b");
        r.quant = QStringLiteral("Q4_K_M");
        r.gpu = QStringLiteral("h100-sxm-80gbx2");
        r.context = 8192;
        r.users = 4;
        r.profile.commercial = true;
        r.profile.monthlyActiveUsers = 800e6;
        r.profile.uses = {QStringLiteral("saas")};
        r.generatedAt = QDateTime(QDate(2026, 11, 23), QTime(6, 30), Qt::UTC);
        return r;
    }

    static QString readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = Test::openDatabase(m_dir);
        QVERIFY(m_db);
        const auto imported = Catalog::importCatalog(*m_db, Test::sourceDataDir());
        QVERIFY2(imported, qPrintable(imported.error()));
        auto report = buildReport(*m_db, llamaRequest());
        QVERIFY2(report, qPrintable(report.error()));
        m_report = std::move(report).value();
    }

    void contents()
    {
        const DeploymentReport &r = m_report;
        QCOMPARE(r.model.row.id, QStringLiteral("llama-3.3-70b"));
        QVERIFY(!r.catalogVersion.isEmpty());
        QVERIFY(!r.model.facts.isEmpty());
        QVERIFY(!r.model.scores.isEmpty());
        QVERIFY(r.plan.plan.has_value());
        QCOMPARE(r.plan.gpuCount, 2);
        QCOMPARE(r.plan.workload.context, int64_t(8192));
        QVERIFY(r.plan.weightBytes > 30ull << 30);
        QVERIFY(r.plan.monthlyUsd.has_value());
        QCOMPARE(r.verdict.verdict, License::Verdict::NotAllowed);
        QCOMPARE(r.verdict.decidingClause(), QStringLiteral("llama-3.3/mau-700m"));
    }

    void risksAndOpenQuestions()
    {
        // A model with no hardware plan and a profile that needs review.
        ReportRequest req = llamaRequest();
        req.gpu.clear();
        req.profile.monthlyActiveUsers = 1000;
        req.profile.domains = {QStringLiteral("military")};
        const auto report = buildReport(*m_db, req);
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY(!report->planRequested);
        bool noPlan = false;
        for (const ReportItem &i : report->openQuestions)
            noPlan = noPlan || (i.kind == QLatin1String("data_gap") && i.text.contains(QLatin1String("No hardware plan")));
        QVERIFY(noPlan);
        QCOMPARE(report->verdict.verdict, License::Verdict::NotAllowed);

        // Review reasons become open questions.
        DeploymentReport copy = m_report;
        License::Reason review;
        review.effect = License::Verdict::NeedsLegalReview;
        review.licenseId = QStringLiteral("x");
        review.clauseId = QStringLiteral("y");
        review.summary = QStringLiteral("depends on facts");
        copy.verdict.reasons.push_back(review);
        collectRisks(copy);
        bool legal = false;
        for (const ReportItem &i : copy.openQuestions)
            legal = legal || (i.kind == QLatin1String("legal_review") && i.text.contains(QLatin1String("x/y")));
        QVERIFY(legal);
    }

    // Runs measured on this machine for the report's model and quantization
    // appear next to the predictions, in every format; other quants' runs do not.
    void measuredRuns()
    {
        QTemporaryDir dir;
        auto db = Test::openDatabase(dir);
        QVERIFY(db);
        QVERIFY(Catalog::importCatalog(*db, Test::sourceDataDir()));
        QSqlQuery q(db->db());
        for (const char *quant : {"Q8_0", "F16"}) {
            q.prepare(QStringLiteral("INSERT INTO measurements (model_id, quantization, device, context, prompt_tokens, output_tokens,"
                                     " json, created_at) VALUES ('llama-3.2-1b', ?, 'cpu', 160, 128, 32, ?, '2026-11-23T08:00:00Z')"));
            q.addBindValue(QString::fromLatin1(quant));
            q.addBindValue(QStringLiteral(R"({"backend":"modelatlas-cpu","decode_tok_s":9.1,"prefill_tok_s":22,"ttft_ms":5900,)"
                                          R"("peak_rss_bytes":1610612736,"predicted_bytes":1503238553,"predicted_decode_tok_s":8.7})"));
            QVERIFY(q.exec());
        }
        ReportRequest req;
        req.model = QStringLiteral("llama-3.2-1b");
        req.quant = QStringLiteral("q8_0");
        req.gpu = QStringLiteral("cpu");
        req.profile.uses = {QStringLiteral("internal")};
        const auto report = buildReport(*db, req);
        QVERIFY2(report, qPrintable(report.error()));
        QCOMPARE(report->measured.size(), 1);
        const QString md = renderMarkdown(report.value());
        QVERIFY(md.contains(QStringLiteral("### Measured on this machine")));
        QVERIFY2(md.contains(QStringLiteral("| 2026-11-23T08:00:00Z | cpu | modelatlas-cpu | 160 | 9.1 (predicted 8.7, +4.6%) | 22 | 5900 ms |"
                                            " 1.50 GiB (predicted 1.40 GiB, +7.1%) |")),
                 qPrintable(md));
        QVERIFY(renderHtml(report.value()).contains(QStringLiteral("<h3>Measured on this machine</h3>")));
        const json runs = renderJson(report.value()).at("measured_runs");
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].at("decode_tok_s").get<double>(), 9.1);
        QCOMPARE(runs[0].at("peak_bytes").get<uint64_t>(), uint64_t(1610612736));
        QCOMPARE(runs[0].at("backend").get<std::string>(), std::string("modelatlas-cpu"));
        // Fact labels are for readers, not the catalog's keys.
        QVERIFY(md.contains(QStringLiteral("| Total parameters (B) |")));
        QVERIFY(!md.contains(QStringLiteral("Params total b")));
        // Without runs the section is absent.
        QVERIFY(!renderMarkdown(m_report).contains(QStringLiteral("Measured on this machine")));
        QVERIFY(renderJson(m_report).at("measured_runs").empty());
    }

    void badRequests_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("quant");
        QTest::addColumn<QString>("gpu");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown model") << "no-such-model" << "Q4_K_M" << "h100-sxm-80gb" << "no-such-model";
        QTest::newRow("unknown quant") << "llama-3.3-70b" << "Q9_Z" << "h100-sxm-80gb" << "Q9_Z";
        QTest::newRow("unknown gpu") << "llama-3.3-70b" << "Q4_K_M" << "nonexistent-gpu" << "nonexistent-gpu";
    }
    void badRequests()
    {
        QFETCH(QString, model);
        QFETCH(QString, quant);
        QFETCH(QString, gpu);
        QFETCH(QString, message);
        ReportRequest req = llamaRequest();
        req.model = model;
        req.quant = quant;
        req.gpu = gpu;
        const auto report = buildReport(*m_db, req);
        QVERIFY(!report);
        QVERIFY2(report.error().contains(message, Qt::CaseInsensitive), qPrintable(report.error()));
    }

    void invalidProfileIsRefused()
    {
        ReportRequest req = llamaRequest();
        req.profile.monthlyActiveUsers = -5;
        const auto report = buildReport(*m_db, req);
        QVERIFY(!report);
        QVERIFY2(report.error().contains(QLatin1String("profile"), Qt::CaseInsensitive), qPrintable(report.error()));
    }

    void markdownStructure()
    {
        const QString md = renderMarkdown(m_report);
        const QStringList headings = {QStringLiteral("# Deployment report: "), QStringLiteral("\n## Summary\n"), QStringLiteral("\n## Model facts\n"),
                                      QStringLiteral("\n## Benchmarks\n"), QStringLiteral("\n## Memory, speed and cost\n"),
                                      QStringLiteral("\n## License verdict\n"), QStringLiteral("\n### Obligations\n"), QStringLiteral("\n## Risks\n"),
                                      QStringLiteral("\n## Open questions\n")};
        qsizetype at = 0;
        for (const QString &heading : headings) {
            const qsizetype next = md.indexOf(heading, at);
            QVERIFY2(next >= at, qPrintable(QStringLiteral("missing or out of order: %1").arg(heading.trimmed())));
            at = next;
        }
        QVERIFY(md.contains(QStringLiteral("**License verdict: Not allowed (deciding clause llama-3.3/mau-700m)**")));
        QVERIFY(md.contains(QStringLiteral("Catalog version %1").arg(m_report.catalogVersion)));
        QVERIFY(md.contains(QStringLiteral("2026-11-23T06:30:00Z")));
        QVERIFY(md.contains(QStringLiteral("not legal advice"), Qt::CaseInsensitive));
        QVERIFY(md.contains(QStringLiteral("700 million monthly active users")));
        // Pipe tables: a header row followed by its separator.
        QVERIFY(md.contains(QStringLiteral("| Benchmark | Score | Setup | Date | Source |\n| --- | --- | --- | --- | --- |\n")));
        QVERIFY(md.contains(QStringLiteral("| Monthly GPU cost | $")));
    }

    void htmlStructure()
    {
        const QString html = renderHtml(m_report);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.trimmed().endsWith(QStringLiteral("</html>")));
        for (const char *h2 : {"Summary", "Model facts", "Benchmarks", "Memory, speed and cost", "License verdict", "Risks", "Open questions"})
            QVERIFY2(html.contains(QStringLiteral("<h2>%1</h2>").arg(QLatin1String(h2))), h2);
        QVERIFY(html.contains(QStringLiteral("License verdict: Not allowed (deciding clause llama-3.3/mau-700m)")));
        QVERIFY(html.contains(QStringLiteral("Catalog version %1").arg(m_report.catalogVersion.toHtmlEscaped())));
        QVERIFY(html.contains(QStringLiteral("Not legal advice.")));
        QVERIFY(html.count(QStringLiteral("<table")) >= 4);
        // Balanced tables and rows (QTextDocument drops content after a stray tag).
        QCOMPARE(html.count(QStringLiteral("<table")), html.count(QStringLiteral("</table>")));
        QCOMPARE(html.count(QStringLiteral("<tr>")), html.count(QStringLiteral("</tr>")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
    }

    void jsonSchema()
    {
        const json j = renderJson(m_report);
        QCOMPARE(j.at("schema_version").get<int>(), 1);
        QCOMPARE(j.at("kind").get<std::string>(), std::string("modelatlas.deployment_report"));
        for (const char *key : {"generated_at", "catalog_version", "app_version", "disclaimer"})
            QVERIFY2(j.at(key).is_string(), key);
        QCOMPARE(j.at("generated_at").get<std::string>(), std::string("2026-11-23T06:30:00Z"));
        QVERIFY(QString::fromStdString(j.at("disclaimer").get<std::string>()).contains(QLatin1String("not legal advice")));
        const json &model = j.at("model");
        QCOMPARE(model.at("id").get<std::string>(), std::string("llama-3.3-70b"));
        QVERIFY(model.at("facts").is_array() && !model.at("facts").empty());
        for (const json &f : model.at("facts")) {
            QVERIFY(f.at("field").is_string());
            QVERIFY(f.at("conflict").is_null() || f.at("conflict").is_string());
            for (const json &v : f.at("values")) {
                QVERIFY(v.at("value").is_string());
                QVERIFY(v.at("source").is_string());
            }
        }
        for (const json &b : j.at("benchmarks")) {
            QVERIFY(b.at("name").is_string());
            QVERIFY(b.at("setup").is_string());
            QVERIFY(b.at("score").at("source").is_string());
        }
        const json &plan = j.at("plan");
        QVERIFY(plan.is_object());
        QCOMPARE(plan.at("gpu_count").get<int>(), 2);
        QCOMPARE(plan.at("workload").at("context").get<int64_t>(), int64_t(8192));
        QVERIFY(plan.at("memory").at("weights_bytes").is_number_unsigned());
        QVERIFY(plan.at("memory").at("devices").is_array());
        QVERIFY(plan.at("speed").is_object());
        QCOMPARE(plan.at("speed").at("cpu_attention_share").get<double>(), 0.0);   // every layer on the GPUs
        QVERIFY(plan.at("cost").at("monthly_usd").is_number());
        const json &lic = j.at("license");
        QCOMPARE(lic.at("verdict").get<std::string>(), std::string("not_allowed"));
        QCOMPARE(lic.at("deciding_clause").get<std::string>(), std::string("llama-3.3/mau-700m"));
        QVERIFY(lic.at("reasons").is_array() && !lic.at("reasons").empty());
        for (const json &r : lic.at("reasons"))
            for (const char *key : {"effect", "license", "clause", "summary", "quote", "source", "why"})
                QVERIFY2(r.at(key).is_string(), key);
        QVERIFY(lic.at("obligations").is_array());
        QCOMPARE(j.at("profile").at("monthly_active_users").get<double>(), 800e6);
        QVERIFY(j.at("risks").is_array());
        QVERIFY(j.at("open_questions").is_array());
        // Round trip through text: what the file holds parses to the same document.
        QVERIFY(json::parse(j.dump(2)) == j);
    }

    void writesEachFormat_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("markdown") << "report.md";
        QTest::newRow("html") << "report.html";
        QTest::newRow("json") << "report.json";
        QTest::newRow("pdf") << "report.pdf";
    }
    void writesEachFormat()
    {
        QFETCH(QString, file);
        const auto format = formatForPath(file);
        QVERIFY(format);
        const QString path = m_dir.filePath(file);
        const Status s = writeReport(m_report, *format, path);
        QVERIFY2(s, qPrintable(s.error()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 1000);
        if (*format == ReportFormat::Json)
            QCOMPARE(json::parse(bytes.toStdString()).at("schema_version").get<int>(), 1);
        // No temporary file is left beside the report.
        const QStringList leftovers = QDir(m_dir.path()).entryList({file + QStringLiteral(".*")}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

    void pdfText()
    {
        const QString path = m_dir.filePath(QStringLiteral("text.pdf"));
        const Status s = writeReport(m_report, ReportFormat::Pdf, path);
        QVERIFY2(s, qPrintable(s.error()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils, see scripts/setup-debian.sh) is not installed");
        QProcess p;
        p.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        // Line breaks and column padding depend on the page layout; compare words.
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        for (const QString &expected : {QStringLiteral("Deployment report: Llama"), QStringLiteral("Model facts"), QStringLiteral("Benchmarks"),
                                        QStringLiteral("License verdict: Not allowed"), QStringLiteral("llama-3.3/mau-700m"),
                                        QStringLiteral("Not legal advice."), QStringLiteral("Catalog version %1").arg(m_report.catalogVersion),
                                        QStringLiteral("Memory per device"), QStringLiteral("Open questions")})
            QVERIFY2(text.contains(expected), qPrintable(QStringLiteral("PDF text lacks \"%1\"").arg(expected)));
        // Table cells come out as text too.
        QVERIFY(text.contains(QStringLiteral("Monthly GPU cost")));
    }

    void failedWriteLeavesTheOldFile()
    {
        // A PDF cannot be rendered without a QGuiApplication... but this test
        // has one; so fail the write by targeting a folder that does not exist,
        // and check that an existing report is never truncated by a failure.
        const QString path = m_dir.filePath(QStringLiteral("keep.md"));
        QVERIFY(writeReport(m_report, ReportFormat::Markdown, path));
        const QString before = readAll(path);
        QVERIFY(!writeReport(m_report, ReportFormat::Markdown, m_dir.filePath(QStringLiteral("missing/dir/x.md"))));
        QCOMPARE(readAll(path), before);
    }

    void formatNames()
    {
        QCOMPARE(formatByName(QStringLiteral("MD")), std::optional(ReportFormat::Markdown));
        QCOMPARE(formatByName(QStringLiteral("markdown")), std::optional(ReportFormat::Markdown));
        QCOMPARE(formatForPath(QStringLiteral("/x/y/Report.PDF")), std::optional(ReportFormat::Pdf));
        QCOMPARE(formatForPath(QStringLiteral("a.htm")), std::optional(ReportFormat::Html));
        QVERIFY(!formatForPath(QStringLiteral("a.docx")));
        QVERIFY(!formatByName(QStringLiteral("")));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
