// The Licenses page against a database imported from the real catalog:
// profile changes re-evaluate every model, the clause viewer quotes the
// deciding clause, obligations side by side, export, profile files.
#include "CatalogService.h"
#include "LicensesPage.h"
#include "LicenseLabels.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogImporter.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseEvaluator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>

using namespace ModelAtlas;
using ModelAtlas::Gui::CatalogService;
using ModelAtlas::Gui::LicensesPage;
using ModelAtlas::Gui::LicenseVerdictModel;
using License::Verdict;

namespace {
constexpr int timeoutMs = 20000;
} // namespace

class TestLicensesPage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dbPath;
    std::unique_ptr<CatalogService> m_service;
    std::unique_ptr<LicensesPage> m_page;

    template <typename T>
    T *control(const char *objectName) const
    {
        return m_page->findChild<T *>(QLatin1String(objectName));
    }

    std::optional<Verdict> verdictOf(const QString &modelId) const
    {
        const License::ModelVerdict *v = m_page->verdictModel()->verdict(modelId);
        return v ? std::optional<Verdict>(v->verdict) : std::nullopt;
    }

    // Runs `change` and waits until the verdicts it triggers are shown.
    template <typename Change>
    bool changeAndWait(Change change)
    {
        QSignalSpy shown(m_page.get(), &LicensesPage::verdictsShown);
        change();
        return shown.wait(timeoutMs) || shown.count() > 0;
    }

    void checkUse(const QString &use, bool on)
    {
        auto *uses = control<QListWidget>("uses");
        for (int i = 0; i < uses->count(); ++i)
            if (uses->item(i)->data(Qt::UserRole).toString() == use)
                uses->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        {
            Catalog::CatalogDatabase db(m_dbPath);
            QVERIFY(db.open());
            const auto imported = Catalog::importCatalog(db, Catalog::builtinCatalogDir());
            QVERIFY2(imported, qPrintable(imported.error()));
        }
        m_service = std::make_unique<CatalogService>(m_dbPath);
        m_service->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_service->isReady(), timeoutMs);
    }

    // Every organisation type, use mode and domain of the core has a label
    // of its own, and the form shows labels, never the ids behind them.
    void choicesShowLabelsNotIds()
    {
        for (const auto *choices : {&License::organisationTypes(), &License::useModes(), &License::domains()})
            for (const License::Choice &c : *choices)
                QVERIFY2(Gui::profileChoiceLabel(c.id) != QString::fromUtf8(c.id), c.id);
        for (const char *name : {"uses", "domains"}) {
            auto *list = control<QListWidget>(name);
            for (int i = 0; i < list->count(); ++i) {
                const QListWidgetItem *item = list->item(i);
                QVERIFY2(item->text() != item->data(Qt::UserRole).toString(), qPrintable(item->text()));
                QVERIFY2(!item->toolTip().isEmpty(), qPrintable(item->text()));
            }
        }
        // Every obligation kind the shipped licenses use has a label too.
        QFile licenses(Catalog::builtinCatalogDir() + QStringLiteral("/licenses.json"));
        QVERIFY(licenses.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(licenses.readAll().toStdString());
        QStringList kinds;   // wherever a clause's rule names one
        const std::function<void(const nlohmann::json &)> collect = [&](const nlohmann::json &node) {
            if (node.is_object() && node.contains("obligation_kind"))
                kinds << QString::fromStdString(node.at("obligation_kind").get<std::string>());
            if (node.is_structured())
                for (const auto &child : node)
                    collect(child);
        };
        collect(json);
        QVERIFY(!kinds.isEmpty());
        for (const QString &kind : kinds)
            QVERIFY2(Gui::obligationKindLabel(kind) != kind, qPrintable(kind));
        auto *organisation = control<QComboBox>("organisation");
        for (int i = 0; i < organisation->count(); ++i)
            QVERIFY2(organisation->itemText(i) != organisation->itemData(i).toString(),
                     qPrintable(organisation->itemText(i)));
    }

    void init()
    {
        m_page = std::make_unique<LicensesPage>(m_service.get(), m_dbPath);
        QSignalSpy shown(m_page.get(), &LicensesPage::verdictsShown);
        m_page->resize(1400, 900);
        m_page->show();
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, timeoutMs);
        QVERIFY(m_page->verdictModel()->rowCount() > 10);
    }

    void cleanup() { m_page.reset(); }

    void cleanupTestCase()
    {
        m_page.reset();
        m_service.reset();
    }

    void profileChangeUpdatesVerdicts()
    {
        QVERIFY(changeAndWait([&] {
            control<QCheckBox>("commercial")->setChecked(true);
            checkUse(QStringLiteral("saas"), true);
            control<QDoubleSpinBox>("mau")->setValue(1);
        }));
        QCOMPARE(verdictOf(QStringLiteral("llama-3.3-70b")), std::optional(Verdict::AllowedWithObligations));

        QVERIFY(changeAndWait([&] { control<QDoubleSpinBox>("mau")->setValue(800); })); // 800M
        QCOMPARE(verdictOf(QStringLiteral("llama-3.3-70b")), std::optional(Verdict::NotAllowed));
        // Red in the traffic light: the verdict role and the colour agree.
        const auto *model = m_page->verdictModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, LicenseVerdictModel::VerdictColumn);
            if (index.data(LicenseVerdictModel::ModelIdRole).toString() == QLatin1String("llama-3.3-70b")) {
                QCOMPARE(index.data(LicenseVerdictModel::VerdictRole).toInt(), int(Verdict::NotAllowed));
                QCOMPARE(LicenseVerdictModel::verdictColour(Verdict::NotAllowed), QColor(0xcf, 0x22, 0x2e));
                QVERIFY(!index.data(Qt::DecorationRole).isNull());
                QCOMPARE(model->index(row, LicenseVerdictModel::DecidingClauseColumn).data().toString(), QStringLiteral("llama-3.3/mau-700m"));
            }
        }
    }

    void clauseViewerQuotesTheClause()
    {
        QVERIFY(changeAndWait([&] {
            control<QCheckBox>("commercial")->setChecked(true);
            checkUse(QStringLiteral("saas"), true);
            control<QDoubleSpinBox>("mau")->setValue(800);
        }));
        m_page->selectModels({QStringLiteral("llama-3.3-70b")});
        const QString text = m_page->clauseView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("700 million monthly active users")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("llama-3.3/mau-700m")));
        QVERIFY(text.contains(QStringLiteral("Source:")));
        QVERIFY(text.contains(QStringLiteral("Not allowed")));
    }

    void obligationsSideBySide()
    {
        // SaaS: Llama's attribution and AUP duties apply (internal use has none).
        QVERIFY(changeAndWait([&] {
            control<QCheckBox>("commercial")->setChecked(true);
            checkUse(QStringLiteral("saas"), true);
        }));
        m_page->selectModels({QStringLiteral("llama-3.3-70b"), QStringLiteral("qwen2.5-7b")});
        QTableWidget *cmp = m_page->comparisonTable();
        QCOMPARE(cmp->columnCount(), 2);
        QVERIFY(cmp->rowCount() >= 2);
        QStringList headers;
        for (int c = 0; c < cmp->columnCount(); ++c)
            headers << cmp->horizontalHeaderItem(c)->text();
        QCOMPARE(headers.size(), 2);
        const int llama = headers.indexOf(QStringLiteral("Llama 3.3 70B Instruct"));
        QVERIFY2(llama >= 0, qPrintable(headers.join(QLatin1Char(','))));
        QString llamaTexts;
        for (int r = 0; r < cmp->rowCount(); ++r)
            llamaTexts += cmp->item(r, llama)->text() + QLatin1Char('\n');
        QVERIFY2(llamaTexts.contains(QStringLiteral("Built with Llama")), qPrintable(llamaTexts));
        // Rows are named by the obligation kinds' labels, not their ids.
        QStringList rows;
        for (int r = 0; r < cmp->rowCount(); ++r)
            rows << cmp->verticalHeaderItem(r)->text();
        QVERIFY2(rows.contains(QStringLiteral("Attribution")), qPrintable(rows.join(QLatin1Char(','))));
        QVERIFY2(!rows.join(QString()).contains(QLatin1Char('_')), qPrintable(rows.join(QLatin1Char(','))));
        m_page->selectModels({QStringLiteral("qwen2.5-7b")});
        QCOMPARE(cmp->columnCount(), 0);
    }

    void exportWritesAFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("markdown") << "llama.md";
        QTest::newRow("json") << "llama.json";
        QTest::newRow("pdf") << "llama.pdf";
    }
    void exportWritesAFile()
    {
        QFETCH(QString, file);
        m_page->selectModels({QStringLiteral("llama-3.3-70b")});
        const QString path = m_dir.filePath(file);
        QSignalSpy done(m_page.get(), &LicensesPage::reportExported);
        QSignalSpy failed(m_page.get(), &LicensesPage::exportFailed);
        m_page->exportReport(path);
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, timeoutMs);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() > 1000);
        if (file.endsWith(QLatin1String(".json")))
            QCOMPARE(nlohmann::json::parse(bytes.toStdString())["model"]["id"].get<std::string>(), std::string("llama-3.3-70b"));
        else if (file.endsWith(QLatin1String(".pdf")))
            QVERIFY(bytes.startsWith("%PDF-"));
        else
            QVERIFY(bytes.contains("License verdict:"));
    }

    void exportNeedsAKnownExtension()
    {
        m_page->selectModels({QStringLiteral("llama-3.3-70b")});
        QSignalSpy failed(m_page.get(), &LicensesPage::exportFailed);
        m_page->exportReport(m_dir.filePath(QStringLiteral("report.docx")));
        QCOMPARE(failed.count(), 1);
        QVERIFY(m_page->messageLabel()->text().contains(QStringLiteral(".pdf")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("report.docx"))));
    }

    void malformedProfileFileGivesAClearError()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken-profile.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"commercial": true, "monthly_active_users": "lots")");
        f.close();
        const License::DeploymentProfile before = m_page->profile();
        const Status s = m_page->importProfileFile(path);
        QVERIFY(!s);
        QVERIFY2(m_page->messageLabel()->text().contains(QStringLiteral("broken-profile.json")), qPrintable(m_page->messageLabel()->text()));
        QCOMPARE(m_page->profile().commercial, before.commercial);
        QCOMPARE(m_page->profile().monthlyActiveUsers, before.monthlyActiveUsers);
    }

    void profileFileAndSavedProfiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("eu.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"name":"eu-saas","organisation":"company","commercial":true,"eu_domiciled":true,"monthly_active_users":150000000,"uses":["saas"]})");
        f.close();
        QVERIFY(changeAndWait([&] { QVERIFY(m_page->importProfileFile(path)); }));
        QVERIFY(control<QCheckBox>("eu")->isChecked());
        QCOMPARE(m_page->profile().monthlyActiveUsers, 150e6);

        auto *names = control<QComboBox>("savedProfiles");
        control<QPushButton>("saveProfile")->click();
        QTRY_VERIFY_WITH_TIMEOUT(names->findText(QStringLiteral("eu-saas")) >= 0, timeoutMs);

        // Change the form, then load the saved profile back.
        QVERIFY(changeAndWait([&] { control<QDoubleSpinBox>("mau")->setValue(0); }));
        names->setCurrentText(QStringLiteral("eu-saas"));
        QVERIFY(changeAndWait([&] { control<QPushButton>("loadProfile")->click(); }));
        QCOMPARE(m_page->profile().monthlyActiveUsers, 150e6);
    }

    void controlsHaveAccessibleNames()
    {
        // Every control the page names (the ones a screen reader user operates).
        int checked = 0;
        for (QWidget *w : m_page->findChildren<QWidget *>()) {
            if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_")) || w == m_page.get())
                continue;
            if (qobject_cast<QLabel *>(w) || qobject_cast<QScrollArea *>(w))
                continue;
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
            ++checked;
        }
        QVERIFY(checked >= 15);
    }
};

QTEST_MAIN(TestLicensesPage)
#include "tst_licensespage.moc"
