// The Planner page against a database imported from the real catalog; the
// planner's own functions (core/planner) are the oracle.

#include "AppTestSupport.h"
#include "PlannerPage.h"

#include "catalog/CatalogDatabase.h"
#include "planner/CatalogModels.h"
#include "planner/GgufModel.h"
#include "planner/Planner.h"

#include <QAbstractButton>
#include <QBarSet>
#include <QChart>
#include <QClipboard>
#include <QGuiApplication>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <cmath>
#include <memory>

using namespace ModelAtlas;
using namespace ModelAtlas::Planner;
using ModelAtlas::Gui::PlannerPage;

namespace {
constexpr int timeoutMs = 20000;

QString sharedDir()
{
    const QByteArray env = qgetenv("MODELATLAS_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(MODELATLAS_SHARED_DIR) : QString::fromLocal8Bit(env);
}
} // namespace

class TestPlannerPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void llama8bOn4090WeightsMatchPlanner();
    void verdicts_data();
    void verdicts();
    void fitMatrixHasEveryPlannableModel();
    void badInputsShowInlineMessage_data();
    void badInputsShowInlineMessage();
    void notAGgufFileShowsMessage();
    void serveConfig_data();
    void serveConfig();
    void costChartComparesApis();
    void openingGgufFillsInputs();
    void stateIsSavedAndRestored();
    void controlsHaveAccessibleNames();
    void measuredRunsCalibrateAndShow();

private:
    // Sets the inputs and recomputes at once.
    void setInputs(const QString &model, const QString &quant, const QString &gpu, const QString &context = QStringLiteral("8192"),
                   const QString &users = QStringLiteral("1"), const QString &ram = QStringLiteral("64"));
    // Every computed figure on the page: no NaN or infinity may reach the screen.
    bool showsNonNumbers() const;

    Test::ImportedCatalog m_catalog; // its database connection is the oracle
    std::unique_ptr<PlannerPage> m_page;
};

void TestPlannerPage::initTestCase()
{
    const QString error = m_catalog.setUp(QStringLiteral("tst_plannerpage"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestPlannerPage::init()
{
    m_page = std::make_unique<PlannerPage>(m_catalog.service());
    m_page->resize(1400, 900);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isReady(), timeoutMs);
}

void TestPlannerPage::cleanup()
{
    m_page.reset();
}

void TestPlannerPage::cleanupTestCase()
{
    m_page.reset();
    m_catalog.tearDown();
}

void TestPlannerPage::setInputs(const QString &model, const QString &quant, const QString &gpu, const QString &context,
                                const QString &users, const QString &ram)
{
    QVERIFY2(m_page->selectModel(model), qPrintable(model));
    m_page->quantCombo()->setCurrentIndex(m_page->quantCombo()->findText(quant));
    QVERIFY2(m_page->selectGpu(gpu), qPrintable(gpu));
    m_page->gpuCountEdit()->setText(QStringLiteral("1"));
    m_page->nodesEdit()->setText(QStringLiteral("1"));
    m_page->contextEdit()->setText(context);
    m_page->usersEdit()->setText(users);
    m_page->ramEdit()->setText(ram);
    m_page->recomputeNow();
}

bool TestPlannerPage::showsNonNumbers() const
{
    static const QRegularExpression bad(QStringLiteral("\\b(nan|inf|-inf)\\b"), QRegularExpression::CaseInsensitiveOption);
    for (const QLabel *l : m_page->findChildren<QLabel *>()) {
        if (l->objectName() == QLatin1String("plannerMessage"))
            continue; // quotes what the user typed ("nan" is not a number)
        if (bad.match(l->text()).hasMatch()) {
            qWarning() << "label shows" << l->text();
            return true;
        }
    }
    return false;
}

void TestPlannerPage::llama8bOn4090WeightsMatchPlanner()
{
    setInputs(QStringLiteral("llama-3.1-8b"), QStringLiteral("Q4_K_M"), QStringLiteral("rtx-4090"));
    QVERIFY2(m_page->messageText().isEmpty(), qPrintable(m_page->messageText()));
    QCOMPARE(m_page->verdictText(), QStringLiteral("Fits"));

    // The oracle: the planner's own weight figure for this model and quantization.
    const auto shapes = loadCatalogShapes(m_catalog.database().db());
    QVERIFY(shapes);
    const ModelShape *shape = shapes->find(QStringLiteral("llama-3.1-8b"));
    QVERIFY(shape);
    const double expected = double(layoutFor(*shape, Quant::Q4_K_M).totalBytes);

    // The weights bars (GiB, one per device) add up to it.
    const QChart *chart = m_page->memoryChart();
    const QStackedBarSeries *bars = nullptr;
    for (QAbstractSeries *s : chart->series())
        if (auto *b = qobject_cast<QStackedBarSeries *>(s))
            bars = b;
    QVERIFY(bars);
    double weightsGiB = 0;
    QStringList labels;
    for (const QBarSet *set : bars->barSets()) {
        labels << set->label();
        if (set->label() == QLatin1String("Weights"))
            for (int i = 0; i < set->count(); ++i)
                weightsGiB += set->at(i);
    }
    QCOMPARE(labels, (QStringList{QStringLiteral("Weights"), QStringLiteral("KV cache"), QStringLiteral("Compute buffers"),
                                  QStringLiteral("Overhead")}));
    const double shown = weightsGiB * 1024.0 * 1024.0 * 1024.0;
    QVERIFY2(std::abs(shown - expected) / expected < 0.01,
             qPrintable(QStringLiteral("weights bar %1 B, planner %2 B").arg(shown, 0, 'f', 0).arg(expected, 0, 'f', 0)));
    // A device-memory limit line is drawn.
    bool limit = false;
    for (QAbstractSeries *s : chart->series())
        limit = limit || s->name() == QLatin1String("Usable memory");
    QVERIFY(limit);
    // Speed figures are numbers.
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("plannerDecode"))->text().contains(QLatin1String("tok/s")));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("plannerTtft"))->text().contains(QLatin1String(" s ")));
    // Until the user picks one, the serving config is for the engine the plan assumed (llama.cpp for a K-quant).
    QVERIFY2(m_page->serveConfigText().contains(QLatin1String("llama-server")), qPrintable(m_page->serveConfigText()));
    QVERIFY(!showsNonNumbers());
}

void TestPlannerPage::verdicts_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("quant");
    QTest::addColumn<QString>("gpu");
    QTest::addColumn<QString>("ram");
    QTest::addColumn<QString>("verdict");

    QTest::newRow("Llama 3.1 8B Q4_K_M on RTX 4090") << "llama-3.1-8b" << "Q4_K_M" << "rtx-4090" << "64" << "Fits";
    QTest::newRow("Llama 3.1 70B F16 on one 24 GB GPU") << "llama-3.1-70b" << "F16" << "rtx-4090" << "64" << "Does not fit";
    QTest::newRow("Llama 3.1 70B F16 on one 24 GB GPU, no RAM") << "llama-3.1-70b" << "F16" << "rtx-4090" << "0" << "Does not fit";
    QTest::newRow("Llama 3.1 70B Q4_K_M on RTX 4090 with 128 GiB RAM") << "llama-3.1-70b" << "Q4_K_M" << "rtx-4090" << "128"
                                                                       << "Fits with CPU offload";
}

void TestPlannerPage::verdicts()
{
    QFETCH(QString, model);
    QFETCH(QString, quant);
    QFETCH(QString, gpu);
    QFETCH(QString, ram);
    QFETCH(QString, verdict);
    setInputs(model, quant, gpu, QStringLiteral("8192"), QStringLiteral("1"), ram);
    QVERIFY2(m_page->messageText().isEmpty(), qPrintable(m_page->messageText()));
    QCOMPARE(m_page->verdictText(), verdict);
    QVERIFY(m_page->currentPlan().has_value());
    QVERIFY(!showsNonNumbers());
}

void TestPlannerPage::fitMatrixHasEveryPlannableModel()
{
    QSignalSpy shown(m_page.get(), &PlannerPage::fitMatrixShown);
    setInputs(QStringLiteral("llama-3.1-8b"), QStringLiteral("Q4_K_M"), QStringLiteral("rtx-4090"));
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, timeoutMs);

    QSqlQuery q(m_catalog.database().db());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(DISTINCT model) FROM architectures")) && q.next());
    const int withArchitecture = q.value(0).toInt();
    QVERIFY(withArchitecture > 10);
    const QTableWidget *table = m_page->fitTable();
    QCOMPARE(table->rowCount(), withArchitecture);
    QCOMPARE(table->columnCount(), 1 + int(fitMatrixQuants().size()) + 1);

    // Colour-coded: green fits, amber offload, red no; and 8B Q4_K_M fits on a 4090.
    int row = -1;
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->data(Qt::UserRole).toString() == QLatin1String("llama-3.1-8b"))
            row = r;
    QVERIFY(row >= 0);
    const auto &quants = fitMatrixQuants();
    const int column = 1 + int(std::find(quants.begin(), quants.end(), Quant::Q4_K_M) - quants.begin());
    QCOMPARE(Verdict(table->item(row, column)->data(Qt::UserRole).toInt()), Verdict::Fits);
    QColor red, green;
    for (int r = 0; r < table->rowCount(); ++r) {
        for (int c = 1; c <= int(quants.size()); ++c) {
            const QTableWidgetItem *item = table->item(r, c);
            const auto v = Verdict(item->data(Qt::UserRole).toInt());
            const QColor bg = item->background().color();
            QVERIFY(v == Verdict::Fits ? bg.green() > bg.red() : bg.red() > bg.blue());
        }
    }
}

void TestPlannerPage::badInputsShowInlineMessage_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("negative context") << "plannerContext" << "-4096" << "Context must be between";
    QTest::newRow("zero context") << "plannerContext" << "0" << "Context must be between";
    QTest::newRow("absurd context") << "plannerContext" << "1e30" << "Context must be between";
    QTest::newRow("context not a number") << "plannerContext" << "lots" << "is not a number";
    QTest::newRow("context NaN") << "plannerContext" << "nan" << "is not a number";
    QTest::newRow("zero users") << "plannerUsers" << "0" << "Concurrent users must be between";
    QTest::newRow("fractional users") << "plannerUsers" << "1.5" << "whole number";
    QTest::newRow("negative GPU count") << "plannerGpuCount" << "-2" << "GPUs per node must be between";
    QTest::newRow("absurd GPU count") << "plannerGpuCount" << "100000" << "GPUs per node must be between";
    QTest::newRow("zero nodes") << "plannerNodes" << "0" << "Nodes must be between";
    QTest::newRow("negative RAM") << "plannerRam" << "-1" << "CPU RAM must be between";
    QTest::newRow("absurd RAM") << "plannerRam" << "1e12" << "CPU RAM must be between";
    QTest::newRow("empty prompt") << "plannerPrompt" << "" << "is not a number";
    QTest::newRow("unknown GPU") << "plannerGpu" << "Quantum GPU 9000" << "Unknown GPU";
    QTest::newRow("unknown model") << "plannerModel" << "Not A Model 1T" << "Unknown model";
    QTest::newRow("zero output tokens") << "plannerTokensOut" << "0" << "Output tokens must be between";
}

void TestPlannerPage::badInputsShowInlineMessage()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    setInputs(QStringLiteral("llama-3.1-8b"), QStringLiteral("Q4_K_M"), QStringLiteral("rtx-4090"));
    QVERIFY(m_page->currentPlan().has_value());

    QWidget *w = m_page->findChild<QWidget *>(field);
    QVERIFY2(w, qPrintable(field));
    if (auto *edit = qobject_cast<QLineEdit *>(w)) {
        edit->selectAll();
        QTest::keyClicks(edit, text); // typed, as a user would
        if (text.isEmpty())
            edit->clear();
    } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
        combo->setEditText(text);
    }
    // Waits for the debounced recompute.
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->messageText().isEmpty(), timeoutMs);
    QVERIFY2(m_page->messageText().contains(expected), qPrintable(m_page->messageText()));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("plannerMessage"))->isVisible());
    QVERIFY(!m_page->currentPlan().has_value());
    QCOMPARE(m_page->verdictText(), QStringLiteral("—"));
    QVERIFY(!showsNonNumbers());
}

void TestPlannerPage::notAGgufFileShowsMessage()
{
    const QString path = m_catalog.dirPath(QStringLiteral("not-a-model.gguf"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("This is a text file, not a GGUF model.\n");
    f.close();
    QSignalSpy failed(m_page.get(), &PlannerPage::ggufFailed);
    m_page->openGgufFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, timeoutMs);
    QVERIFY(m_page->messageText().contains(QLatin1String("not-a-model.gguf")));
    QCOMPARE(m_page->verdictText(), QStringLiteral("—"));
    QVERIFY(!showsNonNumbers());

    QSignalSpy failedAgain(m_page.get(), &PlannerPage::ggufFailed);
    m_page->openGgufFile(m_catalog.dirPath(QStringLiteral("missing.gguf")));
    QTRY_VERIFY_WITH_TIMEOUT(failedAgain.count() == 1, timeoutMs);
    QVERIFY(!m_page->messageText().isEmpty());
}

void TestPlannerPage::serveConfig_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QStringList>("flags");

    QTest::newRow("vLLM") << 0 << QStringList{"vllm serve meta-llama/", "--tensor-parallel-size 1", "--max-model-len 8192", "--max-num-seqs 4"};
    QTest::newRow("SGLang") << 1 << QStringList{"sglang.launch_server", "--tp 1", "--context-length 8192"};
    QTest::newRow("llama.cpp") << 2 << QStringList{"llama-server -m llama-3.1-8b-Q4_K_M.gguf", "-c 32768", "--parallel 4", "-ngl"};
    QTest::newRow("Ollama") << 3 << QStringList{"FROM", "num_ctx 8192"};
}

void TestPlannerPage::serveConfig()
{
    QFETCH(int, engine);
    QFETCH(QStringList, flags);
    setInputs(QStringLiteral("llama-3.1-8b"), QStringLiteral("Q4_K_M"), QStringLiteral("rtx-4090"), QStringLiteral("8192"),
              QStringLiteral("4"));
    m_page->engineCombo()->setCurrentIndex(engine);
    const QString text = m_page->serveConfigText();
    for (const QString &flag : flags)
        QVERIFY2(text.contains(flag), qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(flag, text)));
    // The Copy button puts exactly that text on the clipboard.
    auto *copy = m_page->findChild<QAbstractButton *>(QStringLiteral("plannerCopyServeConfig"));
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), text);
}

void TestPlannerPage::costChartComparesApis()
{
    setInputs(QStringLiteral("llama-3.1-8b"), QStringLiteral("Q4_K_M"), QStringLiteral("h100"));
    QVERIFY2(m_page->messageText().isEmpty(), qPrintable(m_page->messageText()));
    QVERIFY(!m_page->catalogData().apiPrices.isEmpty());
    const QChart *chart = m_page->costChart();
    int lines = 0;
    bool selfHost = false, breakEven = false;
    for (QAbstractSeries *s : chart->series()) {
        if (s->name().startsWith(QLatin1String("Self-host")))
            selfHost = true;
        else if (s->name() == QLatin1String("Break-even"))
            breakEven = true;
        else
            ++lines;
    }
    QVERIFY(selfHost);
    QVERIFY(breakEven);
    QVERIFY(lines >= 2);
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("plannerCostTable"));
    QCOMPARE(table->rowCount(), int(m_page->catalogData().apiPrices.size()));
    QVERIFY(!showsNonNumbers());
}

void TestPlannerPage::openingGgufFillsInputs()
{
    const QString path = sharedDir() + QStringLiteral("/models/synth-llama-Q8_0.gguf");
    if (!QFileInfo::exists(path))
        QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR to the shared test inputs)").arg(path)));
    const auto oracle = readGgufModel(path);
    QVERIFY2(oracle, qPrintable(oracle.error()));

    QSignalSpy loaded(m_page.get(), &PlannerPage::ggufLoaded);
    m_page->openGgufFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, timeoutMs);
    QVERIFY(m_page->modelCombo()->currentText().contains(QLatin1String("synth-llama-Q8_0.gguf")));
    QCOMPARE(m_page->quantCombo()->currentText(), QStringLiteral("Q8_0"));
    QVERIFY(!m_page->quantCombo()->isEnabled()); // the file's tensor types decide
    if (oracle->shape.maxContext > 0)
        QVERIFY(m_page->contextEdit()->text().toLongLong() <= oracle->shape.maxContext);
    QVERIFY2(m_page->messageText().isEmpty(), qPrintable(m_page->messageText()));
    QVERIFY(m_page->currentLayout());
    QCOMPARE(m_page->currentLayout()->totalBytes, oracle->layout.totalBytes);
    QVERIFY(m_page->verdictText() != QLatin1String("—"));
    // llama.cpp serves the file itself.
    m_page->engineCombo()->setCurrentIndex(2);
    QVERIFY(m_page->serveConfigText().contains(QLatin1String("synth-llama-Q8_0.gguf")));
}

void TestPlannerPage::stateIsSavedAndRestored()
{
    setInputs(QStringLiteral("llama-3.1-70b"), QStringLiteral("Q5_K_M"), QStringLiteral("h100"), QStringLiteral("16384"),
              QStringLiteral("3"), QStringLiteral("256"));
    m_page->tabs()->setCurrentIndex(PlannerPage::FitTab);
    m_page->engineCombo()->setCurrentIndex(2);
    {
        QSettings settings;
        m_page->saveState(settings);
    }
    m_page.reset();

    auto restored = std::make_unique<PlannerPage>(m_catalog.service());
    restored->restoreState(QSettings());
    restored->show();
    QTRY_VERIFY_WITH_TIMEOUT(restored->isReady(), timeoutMs);
    QCOMPARE(restored->modelCombo()->currentData().toString(), QStringLiteral("llama-3.1-70b"));
    QCOMPARE(restored->quantCombo()->currentText(), QStringLiteral("Q5_K_M"));
    QVERIFY(restored->gpuCombo()->currentText().contains(QLatin1String("H100")));
    QCOMPARE(restored->contextEdit()->text(), QStringLiteral("16384"));
    QCOMPARE(restored->usersEdit()->text(), QStringLiteral("3"));
    QCOMPARE(restored->ramEdit()->text(), QStringLiteral("256"));
    QCOMPARE(restored->tabs()->currentIndex(), int(PlannerPage::FitTab));
    QCOMPARE(restored->engineCombo()->currentIndex(), 2);
    QSettings().clear();
}

void TestPlannerPage::controlsHaveAccessibleNames()
{
    for (QWidget *w : m_page->findChildren<QWidget *>()) {
        if (!qobject_cast<QLineEdit *>(w) && !qobject_cast<QComboBox *>(w) && !qobject_cast<QAbstractButton *>(w)
            && !qobject_cast<QTableWidget *>(w) && !qobject_cast<QPlainTextEdit *>(w))
            continue;
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QComboBox *>(w->parentWidget()))
            continue; // an editable combo's own line edit
        if (w->parent() && QByteArray(w->parent()->metaObject()->className()).startsWith("QTabBar"))
            continue; // the tab bar's scroll buttons
        if (w->parent() && qobject_cast<QTableWidget *>(w->parentWidget()))
            continue; // the table's corner button
        if (!w->isVisibleTo(m_page.get()) && !qobject_cast<QAbstractButton *>(w))
            continue;
        QVERIFY2(!w->accessibleName().isEmpty(),
                 qPrintable(QStringLiteral("%1 (%2) has no accessible name").arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()))));
    }
}

QTEST_MAIN(TestPlannerPage)
// A run measured on this machine (as the Playground stores it) is shown next to
// the prediction, and the planner calibrates its CPU efficiency from it.
void TestPlannerPage::measuredRunsCalibrateAndShow()
{
    QSqlQuery q(m_catalog.database().db());
    QVERIFY(q.exec(QStringLiteral(
        "INSERT INTO measurements (model_id, quantization, device, context, prompt_tokens, output_tokens, json, created_at)"
        " VALUES ('llama-3.2-1b', 'Q8_0', 'cpu', 160, 128, 32,"
        " '{\"backend\":\"modelatlas-cpu\",\"decode_tok_s\":9.1,\"prefill_tok_s\":22,\"peak_rss_bytes\":1610612736,"
        "\"cpu_bandwidth_gbs\":27,\"threads\":2}', '2026-11-23T08:00:00Z')")));
    // A new page reads the database again.
    m_page.reset();
    init();
    setInputs(QStringLiteral("llama-3.2-1b"), QStringLiteral("Q8_0"), QStringLiteral("cpu"), QStringLiteral("160"));
    auto *backend = m_page->findChild<QComboBox *>(QStringLiteral("plannerBackend"));
    QVERIFY(backend);
    backend->setCurrentIndex(backend->findData(int(Backend::ModelAtlasCpu)));
    auto *bandwidth = m_page->findChild<QLineEdit *>(QStringLiteral("plannerCpuBandwidth"));
    QVERIFY(bandwidth);
    bandwidth->setText(QStringLiteral("27"));
    m_page->recomputeNow();
    QVERIFY2(m_page->messageText().isEmpty(), qPrintable(m_page->messageText()));
    const auto *measured = m_page->findChild<QLabel *>(QStringLiteral("plannerMeasured"));
    QVERIFY(measured);
    QVERIFY2(measured->text().contains(QStringLiteral("9.1 tok/s decode")), qPrintable(measured->text()));
    QVERIFY2(measured->text().contains(QStringLiteral("1.50 GiB")), qPrintable(measured->text()));
    const auto *decode = m_page->findChild<QLabel *>(QStringLiteral("plannerDecode"));
    QVERIFY(decode);
    QVERIFY2(decode->toolTip().contains(QStringLiteral("calibrated from 1 measured run")), qPrintable(decode->toolTip()));
    // Another quantization has no runs, and says so.
    m_page->quantCombo()->setCurrentIndex(m_page->quantCombo()->findText(QStringLiteral("Q4_0")));
    m_page->recomputeNow();
    QVERIFY2(measured->text().contains(QStringLiteral("no runs")), qPrintable(measured->text()));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM measurements")));
}

#include "tst_plannerpage.moc"
