// The Catalog page against a database imported from the real catalog.

#include "CatalogFilterWidget.h"
#include "CatalogPage.h"
#include "AppTestSupport.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogQuery.h"
#include "catalog/CatalogTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>
#include <memory>

using namespace ModelAtlas;
using namespace ModelAtlas::Catalog;
using ModelAtlas::Gui::CatalogFilterWidget;
using ModelAtlas::Gui::CatalogPage;

Q_DECLARE_METATYPE(ModelAtlas::Catalog::ModelFilter)

namespace {
// Queries run on the service's thread; a loaded CI machine may be slow.
constexpr int queryTimeoutMs = 20000;
} // namespace

class TestCatalogPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void showsAllModels();
    void conflictingRowsAreMarked();
    void search_data();
    void search();
    void sortByParamsDescendingPutsLargestFirst();
    void filters_data();
    void filters();
    void benchmarkFilterShowsScoreColumn();
    void minAboveMaxShowsInlineError();
    void selectingConflictingModelShowsConflict();
    void detailsShowSourcesLicenseAndBenchmarks();
    void stateIsSavedAndRestored();
    void controlsHaveAccessibleNames();

private:
    QStringList shownIds() const;
    QStringList expectedIds(const ModelFilter &filter) const;
    // Runs `change` and waits for the query it triggers to reach the table.
    template <typename Change>
    bool changeAndWait(Change change);
    template <typename T>
    T *control(const char *objectName) const
    {
        return m_page->findChild<T *>(QLatin1String(objectName));
    }

    Test::ImportedCatalog m_catalog; // its database connection is the oracle
    std::unique_ptr<CatalogPage> m_page;
    int m_total = 0;
};

void TestCatalogPage::initTestCase()
{
    const QString error = m_catalog.setUp(QStringLiteral("tst_catalogpage"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_total = CatalogQuery(m_catalog.database().db()).modelCount();
    QVERIFY(m_total > 10);
    QCOMPARE(m_catalog.service()->info().modelCount, m_total);
}

void TestCatalogPage::init()
{
    m_page = std::make_unique<CatalogPage>(m_catalog.service());
    QSignalSpy shown(m_page.get(), &CatalogPage::modelsShown);
    m_page->resize(1200, 800);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, queryTimeoutMs);
}

void TestCatalogPage::cleanup()
{
    m_page.reset();
}

void TestCatalogPage::cleanupTestCase()
{
    m_page.reset();
    m_catalog.tearDown();
}

QStringList TestCatalogPage::shownIds() const
{
    QStringList ids;
    const QSortFilterProxyModel *proxy = m_page->proxyModel();
    for (int row = 0; row < proxy->rowCount(); ++row)
        ids << proxy->index(row, 0).data(CatalogTableModel::ModelIdRole).toString();
    ids.sort();
    return ids;
}

QStringList TestCatalogPage::expectedIds(const ModelFilter &filter) const
{
    const auto rows = CatalogQuery(m_catalog.database().db()).models(filter);
    if (!rows)
        qWarning() << rows.error();
    QStringList ids;
    if (rows)
        for (const ModelRow &r : rows.value())
            ids << r.id;
    ids.sort();
    return ids;
}

template <typename Change>
bool TestCatalogPage::changeAndWait(Change change)
{
    QSignalSpy shown(m_page.get(), &CatalogPage::modelsShown);
    change();
    return QTest::qWaitFor([&] { return shown.count() > 0; }, queryTimeoutMs);
}

void TestCatalogPage::showsAllModels()
{
    QCOMPARE(m_page->proxyModel()->rowCount(), m_total);
    QCOMPARE(shownIds(), expectedIds({}));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("catalogCount"))->text().contains(QString::number(m_total)));
    // The first row is selected so the details pane is never empty.
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->detailsView()->toPlainText().isEmpty(), queryTimeoutMs);
}

void TestCatalogPage::conflictingRowsAreMarked()
{
    const QSortFilterProxyModel *proxy = m_page->proxyModel();
    int flagged = 0;
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex name = proxy->index(row, CatalogTableModel::Name);
        const bool conflicts = name.data(CatalogTableModel::HasConflictsRole).toBool();
        QCOMPARE(name.data().toString().endsWith(QStringLiteral("⚠")), conflicts);
        flagged += conflicts ? 1 : 0;
    }
    ModelFilter conflictsOnly;
    conflictsOnly.conflictsOnly = true;
    QCOMPARE(flagged, expectedIds(conflictsOnly).size());
    QVERIFY(flagged > 0);
}

void TestCatalogPage::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("everyNameContains");
    QTest::addColumn<bool>("expectRows");

    QTest::newRow("qwen3 shows only Qwen3 models") << QStringLiteral("qwen3") << QStringLiteral("qwen3") << true;
    QTest::newRow("two words, both must match") << QStringLiteral("deepseek r1") << QStringLiteral("r1") << true;
    QTest::newRow("upper case") << QStringLiteral("LLAMA") << QStringLiteral("llama") << true;
    QTest::newRow("nothing matches") << QStringLiteral("zzzz-no-such-model") << QString() << false;
    QTest::newRow("FTS syntax is quoted, not parsed") << QStringLiteral("qwen3 \"(*") << QStringLiteral("qwen3") << true;
}

void TestCatalogPage::search()
{
    QFETCH(QString, text);
    QFETCH(QString, everyNameContains);
    QFETCH(bool, expectRows);

    QVERIFY(changeAndWait([&] { QTest::keyClicks(m_page->searchEdit(), text); }));
    ModelFilter filter;
    filter.text = text;
    const QStringList expected = expectedIds(filter);
    QCOMPARE(shownIds(), expected);
    QCOMPARE(!expected.isEmpty(), expectRows);
    const QSortFilterProxyModel *proxy = m_page->proxyModel();
    for (int row = 0; row < proxy->rowCount() && !everyNameContains.isEmpty(); ++row) {
        const QString name = proxy->index(row, CatalogTableModel::Name).data().toString();
        QVERIFY2(name.contains(everyNameContains, Qt::CaseInsensitive), qPrintable(name));
    }
    if (expectRows)
        QVERIFY(proxy->rowCount() < m_total);
}

void TestCatalogPage::sortByParamsDescendingPutsLargestFirst()
{
    m_page->tableView()->sortByColumn(CatalogTableModel::ParamsTotal, Qt::DescendingOrder);
    const QSortFilterProxyModel *proxy = m_page->proxyModel();

    double largest = 0;
    const Result<QList<ModelRow>> all = CatalogQuery(m_catalog.database().db()).models();
    QVERIFY(all);
    for (const ModelRow &r : all.value())
        largest = std::max(largest, r.paramsTotalB.value_or(0));
    QVERIFY(largest > 0);
    QCOMPARE(proxy->index(0, CatalogTableModel::ParamsTotal).data(CatalogTableModel::SortRole).toDouble(), largest);

    // Non-increasing, and models without a parameter count come last, not first.
    bool seenEmpty = false;
    double previous = largest;
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QVariant v = proxy->index(row, CatalogTableModel::ParamsTotal).data(CatalogTableModel::SortRole);
        if (!v.isValid()) {
            seenEmpty = true;
            continue;
        }
        QVERIFY2(!seenEmpty, "a model with a parameter count sorted below one without");
        QVERIFY(v.toDouble() <= previous);
        previous = v.toDouble();
    }
}

void TestCatalogPage::filters_data()
{
    // Each row sets controls ("objectName=value") and names the filter the
    // catalog query must agree with.
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<ModelFilter>("expected");

    ModelFilter f;
    f.commercialUseOnly = true;
    QTest::newRow("commercial use allowed") << QStringList{QStringLiteral("commercialFilter=1")} << f;

    f = {};
    f.licenseTiers = {1};
    QTest::newRow("license tier 1") << QStringList{QStringLiteral("tierFilter1=1")} << f;

    f = {};
    f.licenseTiers = {2, 4};
    QTest::newRow("license tiers 2 and 4") << QStringList{QStringLiteral("tierFilter2=1"), QStringLiteral("tierFilter4=1")} << f;

    f = {};
    f.architecture = ArchitectureFilter::MoE;
    QTest::newRow("MoE only") << QStringList{QStringLiteral("architectureFilter=Mixture of experts")} << f;

    f = {};
    f.architecture = ArchitectureFilter::Dense;
    f.commercialUseOnly = true;
    f.licenseTiers = {1};
    QTest::newRow("dense, commercial, tier 1")
        << QStringList{QStringLiteral("architectureFilter=Dense"), QStringLiteral("commercialFilter=1"),
                       QStringLiteral("tierFilter1=1")}
        << f;

    f = {};
    f.minParamsB = 7;
    f.maxParamsB = 70;
    QTest::newRow("params 7-70 B") << QStringList{QStringLiteral("minParamsFilter=7"), QStringLiteral("maxParamsFilter=70")} << f;

    f = {};
    f.maxActiveParamsB = 20;
    QTest::newRow("active params at most 20 B") << QStringList{QStringLiteral("maxActiveFilter=20")} << f;

    f = {};
    f.minContextTokens = 128000;
    QTest::newRow("context at least 128K") << QStringList{QStringLiteral("minContextFilter=≥ 128K")} << f;

    f = {};
    f.modality = QStringLiteral("image");
    QTest::newRow("image input") << QStringList{QStringLiteral("modalityFilter=Image")} << f;

    f = {};
    f.conflictsOnly = true;
    QTest::newRow("sources disagree only") << QStringList{QStringLiteral("conflictsFilter=1")} << f;

    f = {};
    f.vendors = {QStringLiteral("deepseek")};
    QTest::newRow("vendor DeepSeek") << QStringList{QStringLiteral("vendorFilter=#deepseek")} << f;
}

void TestCatalogPage::filters()
{
    QFETCH(QStringList, settings);
    QFETCH(ModelFilter, expected);

    QVERIFY(changeAndWait([&] {
        for (const QString &setting : settings) {
            const QString name = setting.section(QLatin1Char('='), 0, 0);
            const QString value = setting.section(QLatin1Char('='), 1);
            QWidget *w = control<QWidget>(qPrintable(name));
            QVERIFY2(w, qPrintable(name));
            if (auto *box = qobject_cast<QCheckBox *>(w)) {
                box->setChecked(value == QLatin1String("1"));
            } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
                // "#id" picks by item data, anything else by the visible text.
                const int index = value.startsWith(QLatin1Char('#')) ? combo->findData(value.mid(1)) : combo->findText(value);
                QVERIFY2(index > 0, qPrintable(setting));
                combo->setCurrentIndex(index);
            } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
                edit->setText(value);
            }
        }
    }));
    QVERIFY(m_page->filterWidget()->isValid());
    const QStringList expectedRows = expectedIds(expected);
    QCOMPARE(shownIds(), expectedRows);
    QVERIFY2(!expectedRows.isEmpty(), "the filter should match some models of the shipped catalog");
    QVERIFY2(expectedRows.size() < m_total, "the filter should remove some models");
}

void TestCatalogPage::benchmarkFilterShowsScoreColumn()
{
    QTableView *table = m_page->tableView();
    QVERIFY(table->isColumnHidden(CatalogTableModel::Score));
    auto *benchmark = control<QComboBox>("benchmarkFilter");
    const int mmlu = benchmark->findData(QStringLiteral("mmlu"));
    QVERIFY(mmlu > 0);

    QVERIFY(changeAndWait([&] { benchmark->setCurrentIndex(mmlu); }));
    QVERIFY(!table->isColumnHidden(CatalogTableModel::Score));
    QCOMPARE(m_page->proxyModel()->headerData(CatalogTableModel::Score, Qt::Horizontal).toString(), benchmark->currentText());
    QCOMPARE(m_page->proxyModel()->rowCount(), m_total); // a benchmark alone does not filter

    QVERIFY(changeAndWait([&] { control<QLineEdit>("minScoreFilter")->setText(QStringLiteral("80")); }));
    ModelFilter f;
    f.benchmark = QStringLiteral("mmlu");
    f.minScore = 80;
    const QStringList expected = expectedIds(f);
    QCOMPARE(shownIds(), expected);
    QVERIFY(!expected.isEmpty());
    const QSortFilterProxyModel *proxy = m_page->proxyModel();
    for (int row = 0; row < proxy->rowCount(); ++row)
        QVERIFY(proxy->index(row, CatalogTableModel::Score).data(CatalogTableModel::SortRole).toDouble() >= 80);
}

void TestCatalogPage::minAboveMaxShowsInlineError()
{
    auto *minEdit = control<QLineEdit>("minParamsFilter");
    auto *maxEdit = control<QLineEdit>("maxParamsFilter");
    auto *error = control<QLabel>("filterError");
    QVERIFY(minEdit && maxEdit && error);
    QVERIFY(!error->isVisible());

    QSignalSpy shown(m_page.get(), &CatalogPage::modelsShown);
    QTest::keyClicks(minEdit, QStringLiteral("100"));
    QTest::keyClicks(maxEdit, QStringLiteral("10"));
    QVERIFY(!m_page->filterWidget()->isValid());
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("100")));
    QVERIFY(minEdit->property("invalid").toBool());
    QVERIFY(maxEdit->property("invalid").toBool());
    // The last valid result stays: no query ran with an impossible range.
    QTest::qWait(400);
    QCOMPARE(shown.count(), 0);
    QCOMPARE(m_page->proxyModel()->rowCount(), m_total);

    // Fixing the range clears the error and applies it.
    QVERIFY(changeAndWait([&] { maxEdit->setText(QStringLiteral("1000")); }));
    QVERIFY(m_page->filterWidget()->isValid());
    QVERIFY(!error->isVisible());
    QVERIFY(!minEdit->property("invalid").toBool());
    ModelFilter f;
    f.minParamsB = 100;
    f.maxParamsB = 1000;
    QCOMPARE(shownIds(), expectedIds(f));
}

void TestCatalogPage::selectingConflictingModelShowsConflict()
{
    QSqlQuery q(m_catalog.database().db());
    QVERIFY(q.exec(QStringLiteral("SELECT c.entity_id, c.field, c.detail FROM conflicts c JOIN models m ON m.id = c.entity_id"
                                  " WHERE c.entity = 'models' ORDER BY c.entity_id LIMIT 1")));
    QVERIFY2(q.next(), "the shipped catalog should contain a model whose sources disagree");
    const QString modelId = q.value(0).toString();
    const QString detail = q.value(2).toString();

    QSignalSpy details(m_page.get(), &CatalogPage::detailsShown);
    m_page->selectModel(modelId);
    QCOMPARE(m_page->selectedModelId(), modelId);
    QTRY_VERIFY_WITH_TIMEOUT(details.count() > 0 && details.last().at(0).toString() == modelId, queryTimeoutMs);

    const QString text = m_page->detailsView()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("⚠")));
    QVERIFY2(text.contains(detail), qPrintable(QStringLiteral("missing conflict \"%1\" in:\n%2").arg(detail, text)));
    QVERIFY(text.contains(QStringLiteral("Sources disagree")));
}

void TestCatalogPage::detailsShowSourcesLicenseAndBenchmarks()
{
    // A model with benchmark scores and a license: the details show both, with sources.
    QSqlQuery q(m_catalog.database().db());
    QVERIFY(q.exec(QStringLiteral("SELECT s.model_id FROM scores s JOIN models m ON m.id = s.model_id"
                                  " WHERE m.license_id IS NOT NULL ORDER BY s.model_id LIMIT 1")));
    QVERIFY(q.next());
    const QString modelId = q.value(0).toString();
    const Result<ModelDetails> d = loadModelDetails(m_catalog.database().db(), modelId);
    QVERIFY(d);

    QSignalSpy details(m_page.get(), &CatalogPage::detailsShown);
    m_page->selectModel(modelId);
    QTRY_VERIFY_WITH_TIMEOUT(details.count() > 0 && details.last().at(0).toString() == modelId, queryTimeoutMs);
    const QString text = m_page->detailsView()->toPlainText();
    QVERIFY(text.contains(d->row.name));
    QVERIFY(text.contains(QStringLiteral("Benchmarks")));
    QVERIFY(text.contains(d->scores.front().benchmarkName));
    QVERIFY(text.contains(QStringLiteral("License")));
    QVERIFY(text.contains(d->license->name));
    QVERIFY(text.contains(QStringLiteral("Sources")));
    for (const QString &source : d->sources)
        QVERIFY2(text.contains(source), qPrintable(source));
}

void TestCatalogPage::stateIsSavedAndRestored()
{
    QTableView *table = m_page->tableView();
    table->sortByColumn(CatalogTableModel::ParamsTotal, Qt::DescendingOrder);
    table->setColumnWidth(CatalogTableModel::Family, 173);
    {
        QSettings settings;
        m_page->saveState(settings);
    }
    m_page.reset();

    // The settings went to the test-mode location, not the user's.
    QVERIFY(QSettings().fileName().contains(QStringLiteral(".qttest")));

    auto restored = std::make_unique<CatalogPage>(m_catalog.service());
    QSignalSpy shown(restored.get(), &CatalogPage::modelsShown);
    restored->restoreState(QSettings());
    restored->show();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, queryTimeoutMs);
    QHeaderView *header = restored->tableView()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(CatalogTableModel::ParamsTotal));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(restored->tableView()->columnWidth(CatalogTableModel::Family), 173);
    // Sorted as restored: the largest model first.
    const QSortFilterProxyModel *proxy = restored->proxyModel();
    QVERIFY(proxy->index(0, CatalogTableModel::ParamsTotal).data(CatalogTableModel::SortRole).toDouble()
            >= proxy->index(1, CatalogTableModel::ParamsTotal).data(CatalogTableModel::SortRole).toDouble());
    QSettings().clear();
}

void TestCatalogPage::controlsHaveAccessibleNames()
{
    const auto widgets = m_page->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!qobject_cast<QLineEdit *>(w) && !qobject_cast<QComboBox *>(w) && !qobject_cast<QCheckBox *>(w)
            && !qobject_cast<QTableView *>(w) && !qobject_cast<QTextBrowser *>(w))
            continue;
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QComboBox *>(w->parentWidget()))
            continue; // a combo box's internal editor
        const auto *box = qobject_cast<QCheckBox *>(w);
        QVERIFY2(!w->accessibleName().isEmpty() || (box && !box->text().isEmpty()), qPrintable(w->objectName()));
    }
    // Keyboard: Ctrl+F focuses the search box.
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->tableView()->setFocus();
    QTest::keySequence(m_page.get(), QKeySequence::Find);
    QTRY_VERIFY(m_page->searchEdit()->hasFocus());
}

QTEST_MAIN(TestCatalogPage)
#include "tst_catalogpage.moc"
