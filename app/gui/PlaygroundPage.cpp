#include "PlaygroundPage.h"

#include "PlaygroundPane.h"

#include "runners/ModelScanner.h"
#include "runners/VoteStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ModelAtlas::Gui {

namespace {
const char *const kFoldersKey = "playground/modelFolders";

QString letter(int position)
{
    return QString(QChar(u'A' + position));
}
} // namespace

PlaygroundPage::PlaygroundPage(const QString &databasePath, QWidget *parent)
    : QWidget(parent), m_service(new PlaygroundService(databasePath, this))
{
    // --- the side-by-side tab -------------------------------------------------
    m_paneCount = new QSpinBox;
    m_paneCount->setRange(2, kMaxPanes);
    m_paneCount->setAccessibleName(tr("Number of panes"));
    m_shared = new QCheckBox(tr("Same system prompt and sampling in every pane"));
    m_blind = new QCheckBox(tr("Blind (A/B)"));
    m_blind->setToolTip(tr("Hide which runner is in which pane until you have voted for the better answer."));
    m_task = new QLineEdit;
    m_task->setPlaceholderText(tr("general"));
    m_task->setAccessibleName(tr("Task tag for votes"));
    auto *findModels = new QPushButton(tr("Find models"));
    auto *addFolder = new QPushButton(tr("Add folder…"));
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Panes")));
    top->addWidget(m_paneCount);
    top->addWidget(m_shared);
    top->addWidget(m_blind);
    top->addWidget(new QLabel(tr("Task")));
    top->addWidget(m_task);
    top->addStretch();
    top->addWidget(findModels);
    top->addWidget(addFolder);

    m_paneSplitter = new QSplitter(Qt::Horizontal);
    m_paneSplitter->setChildrenCollapsible(false);

    m_schedule = new QLabel;
    m_schedule->setWordWrap(true);
    m_schedule->setVisible(false);
    m_status = new QLabel;
    m_status->setWordWrap(true);

    m_voteBar = new QWidget;
    auto *voteLayout = new QHBoxLayout(m_voteBar);
    voteLayout->setContentsMargins(0, 0, 0, 0);
    voteLayout->addWidget(new QLabel(tr("Which answer is better?")));
    const QList<std::pair<Runners::VoteOutcome, QString>> votes = {{Runners::VoteOutcome::A, tr("A is better")},
                                                                   {Runners::VoteOutcome::B, tr("B is better")},
                                                                   {Runners::VoteOutcome::Tie, tr("Tie")},
                                                                   {Runners::VoteOutcome::BothBad, tr("Both are bad")}};
    for (const auto &[outcome, text] : votes) {
        auto *b = new QPushButton(text);
        connect(b, &QPushButton::clicked, this, [this, o = outcome] { vote(o); });
        voteLayout->addWidget(b);
        m_voteButtons << b;
    }
    voteLayout->addStretch();
    m_voteBar->setVisible(false);

    m_prompt = new QPlainTextEdit;
    m_prompt->setPlaceholderText(tr("Type a prompt; it goes to every pane."));
    m_prompt->setAccessibleName(tr("Prompt"));
    m_prompt->setMaximumHeight(m_prompt->fontMetrics().height() * 5);
    m_send = new QPushButton(tr("Send to all"));
    m_send->setDefault(true);
    m_stopAll = new QPushButton(tr("Stop all"));
    auto *sendColumn = new QVBoxLayout;
    sendColumn->addWidget(m_send);
    sendColumn->addWidget(m_stopAll);
    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompt, 1);
    promptRow->addLayout(sendColumn);

    m_promptSets = new QComboBox;
    m_promptSets->setAccessibleName(tr("Saved prompt sets"));
    m_promptSets->setMinimumContentsLength(16);
    auto *savePrompt = new QPushButton(tr("Save prompt to set…"));
    m_runSet = new QPushButton(tr("Run set"));
    m_batchBar = new QProgressBar;
    m_batchBar->setVisible(false);
    auto *exportTranscriptButton = new QPushButton(tr("Export transcript…"));
    auto *setRow = new QHBoxLayout;
    setRow->addWidget(new QLabel(tr("Prompt set")));
    setRow->addWidget(m_promptSets);
    setRow->addWidget(savePrompt);
    setRow->addWidget(m_runSet);
    setRow->addWidget(m_batchBar, 1);
    setRow->addStretch();
    setRow->addWidget(exportTranscriptButton);

    auto *sideBySide = new QWidget;
    auto *sideLayout = new QVBoxLayout(sideBySide);
    sideLayout->addLayout(top);
    sideLayout->addWidget(m_paneSplitter, 1);
    sideLayout->addWidget(m_schedule);
    sideLayout->addWidget(m_voteBar);
    sideLayout->addLayout(promptRow);
    sideLayout->addLayout(setRow);
    sideLayout->addWidget(m_status);

    // --- the ranking tab --------------------------------------------------------
    m_rankingTag = new QComboBox;
    m_rankingTag->setAccessibleName(tr("Task"));
    m_rankingTable = new QTableWidget(0, 6);
    m_rankingTable->setHorizontalHeaderLabels({tr("Model"), tr("Elo"), tr("Games"), tr("Wins"), tr("Losses"), tr("Ties")});
    m_rankingTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_rankingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rankingTable->verticalHeader()->setVisible(false);
    auto *exportRankingButton = new QPushButton(tr("Export ranking…"));
    auto *rankingTop = new QHBoxLayout;
    rankingTop->addWidget(new QLabel(tr("Task")));
    rankingTop->addWidget(m_rankingTag);
    rankingTop->addStretch();
    rankingTop->addWidget(exportRankingButton);
    auto *ranking = new QWidget;
    auto *rankingLayout = new QVBoxLayout(ranking);
    rankingLayout->addLayout(rankingTop);
    rankingLayout->addWidget(m_rankingTable, 1);
    rankingLayout->addWidget(new QLabel(tr("Elo ratings replayed from your blind votes (K = 32, start 1000); "
                                           "\"both bad\" counts as a tie.")));

    m_tabs = new QTabWidget;
    m_tabs->addTab(sideBySide, tr("Side by side"));
    m_tabs->addTab(ranking, tr("Ranking"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // --- wiring -------------------------------------------------------------------
    connect(m_paneCount, &QSpinBox::valueChanged, this, &PlaygroundPage::setPaneCount);
    connect(m_send, &QPushButton::clicked, this, &PlaygroundPage::send);
    connect(m_stopAll, &QPushButton::clicked, this, &PlaygroundPage::stopAll);
    connect(m_blind, &QCheckBox::toggled, this, [this] {
        m_voteOpen = false;
        applyBlindMode();
        updateControls();
    });
    connect(findModels, &QPushButton::clicked, this, [this] { m_service->scanModels(m_extraFolders); });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder with GGUF models"));
        if (dir.isEmpty() || m_extraFolders.contains(dir))
            return;
        m_extraFolders << dir;
        QSettings().setValue(QLatin1String(kFoldersKey), m_extraFolders);
        m_service->scanModels(m_extraFolders);
    });
    connect(savePrompt, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save prompt"), tr("Add the prompt to the set named:"),
                                                   QLineEdit::Normal, m_promptSets->currentText(), &ok);
        if (ok && !name.trimmed().isEmpty())
            savePromptToSet(name);
    });
    connect(m_runSet, &QPushButton::clicked, this, [this] {
        if (!m_promptSets->currentText().isEmpty())
            m_service->loadPromptSet(m_promptSets->currentText());
    });
    connect(exportTranscriptButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export transcript"), QStringLiteral("playground.md"),
                                                          tr("Markdown (*.md);;JSON (*.json)"));
        if (!path.isEmpty())
            exportTranscript(path);
    });
    connect(exportRankingButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export ranking"), QStringLiteral("ranking.md"),
                                                          tr("Markdown (*.md);;JSON (*.json)"));
        if (!path.isEmpty())
            exportRanking(path);
    });
    connect(m_rankingTag, &QComboBox::activated, this, [this] { m_service->loadRanking(m_rankingTag->currentData().toString()); });

    connect(m_service, &PlaygroundService::modelsFound, this, [this](const QList<Runners::FoundModel> &models) {
        m_found = models;
        for (PlaygroundPane *p : std::as_const(m_panes))
            p->setFoundModels(models);
        setStatus(tr("%n GGUF model(s) found on this computer.", nullptr, int(models.size())));
    });
    connect(m_service, &PlaygroundService::measurementStored, this, [this](qint64, const QString &model) {
        setStatus(tr("Stored the run of %1 as a measurement; the planner calibrates from it.").arg(model));
    });
    connect(m_service, &PlaygroundService::promptSetsChanged, this, [this](const QStringList &names) {
        const QString current = m_promptSets->currentText();
        m_promptSets->clear();
        m_promptSets->addItems(names);
        m_promptSets->setCurrentText(current);
        updateControls();
    });
    connect(m_service, &PlaygroundService::promptSetLoaded, this, &PlaygroundPage::runPromptSet);
    connect(m_service, &PlaygroundService::rankingReady, this, &PlaygroundPage::showRanking);
    connect(m_service, &PlaygroundService::fileWritten, this,
            [this](const QString &path) { setStatus(tr("Wrote %1.").arg(QDir::toNativeSeparators(path))); });
    connect(m_service, &PlaygroundService::failed, this, &PlaygroundPage::setStatus);

    m_extraFolders = QSettings().value(QLatin1String(kFoldersKey)).toStringList();
    setPaneCount(2);
    m_service->scanModels(m_extraFolders);
    updateControls();
}

void PlaygroundPage::proposeModels(const QStringList &catalogIds)
{
    if (catalogIds.isEmpty())
        return;
    setPaneCount(std::clamp(int(catalogIds.size()), 2, kMaxPanes));
    QStringList missing;
    for (int i = 0; i < int(catalogIds.size()) && i < int(m_panes.size()); ++i) {
        const int found = Runners::findCatalogModel(m_found, catalogIds[i]);
        if (found >= 0)
            m_panes[i]->setLocalFile(m_found[found].path);
        else
            missing << catalogIds[i];
    }
    setStatus(missing.isEmpty() ? tr("Ready to compare %1 side by side.").arg(catalogIds.join(QStringLiteral(", ")))
                                : tr("No GGUF file of %1 was found on this computer: pick a file or an endpoint in its pane.")
                                      .arg(missing.join(QStringLiteral(", "))));
}

void PlaygroundPage::databaseReady()
{
    m_service->listPromptSets();
    m_service->loadRanking({});
}

PlaygroundPage::~PlaygroundPage()
{
    // The panes' runners end their work before the coordinator that watches them goes.
    if (m_run)
        m_run->cancelAll();
}

void PlaygroundPage::setPaneCount(int count)
{
    count = std::clamp(count, 2, kMaxPanes);
    if (isRunning() || count == paneCount())
        return;
    while (paneCount() < count) {
        auto *p = new PlaygroundPane;
        const int index = paneCount();
        p->setObjectName(QStringLiteral("pane%1").arg(index));
        connect(p, &PlaygroundPane::stopRequested, this, [this, index] { stopPane(index); });
        connect(p, &PlaygroundPane::regenerateRequested, this, [this, index] { regenerate(index); });
        m_panes << p;
        m_paneSplitter->addWidget(p);
    }
    while (paneCount() > count)
        delete m_panes.takeLast();
    m_paneCount->setValue(count);
    m_voteOpen = false;
    applyBlindMode();
    m_service->scanModels(m_extraFolders);  // fills the new panes' lists
}

QPushButton *PlaygroundPage::voteButton(Runners::VoteOutcome outcome) const
{
    return m_voteButtons.value(int(outcome));
}

QString PlaygroundPage::scheduleText() const
{
    return m_schedule->isVisible() ? m_schedule->text() : QString();
}

QString PlaygroundPage::statusText() const
{
    return m_status->text();
}

void PlaygroundPage::send()
{
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (isRunning() || prompt.isEmpty())
        return;
    if (m_shared->isChecked())
        for (int i = 1; i < paneCount(); ++i)
            m_panes[i]->copySettingsFrom(*m_panes[0]);
    if (m_blind->isChecked())
        applyBlindMode();  // a fresh shuffle for every blind prompt
    QList<int> panes;
    QList<Runners::RunRequest> requests;
    for (int i = 0; i < paneCount(); ++i) {
        if (!m_panes[i]->runner())
            continue;  // the pane says what is missing
        panes << i;
        requests << m_panes[i]->beginTurn(prompt);
    }
    if (panes.isEmpty()) {
        setStatus(tr("No pane has a runner yet: choose a GGUF file or an endpoint in each pane."));
        m_batch.clear();
        return;
    }
    m_prompt->clear();
    startRun(panes, requests, prompt);
}

void PlaygroundPage::regenerate(int pane)
{
    Runners::RunRequest request;
    if (isRunning() || !m_panes[pane]->runner() || !m_panes[pane]->beginRegenerate(&request))
        return;
    startRun({pane}, {request}, request.history.last().content);
}

void PlaygroundPage::startRun(const QList<int> &panes, const QList<Runners::RunRequest> &requests, const QString &prompt)
{
    QList<Runners::Runner *> runners;
    for (int i : panes)
        runners << m_panes[i]->runner();
    m_runPanes = panes;
    m_runPrompt = prompt;
    m_voteOpen = false;
    m_schedule->setVisible(false);
    m_run = new Runners::RunCoordinator(runners, requests, 0, this);
    connect(m_run, &Runners::RunCoordinator::scheduled, this, [this](const Runners::Schedule &s) {
        m_schedule->setText(s.reason);
        m_schedule->setVisible(!s.reason.isEmpty());
    });
    connect(m_run, &Runners::RunCoordinator::runnerFinished, this, &PlaygroundPage::onRunnerFinished);
    connect(m_run, &Runners::RunCoordinator::finished, this, &PlaygroundPage::onRunFinished);
    updateControls();
    m_run->start();
}

void PlaygroundPage::onRunnerFinished(int runIndex, const Runners::RunOutcome &outcome)
{
    const int pane = m_runPanes.value(runIndex, -1);
    if (pane < 0 || pane >= paneCount())
        return;
    PlaygroundPane *p = m_panes[pane];
    p->endTurn(outcome);
    m_transcript.append({paneLabel(pane), m_runPrompt, outcome});
    if (p->spec().isLocal() && outcome.ok)
        m_service->storeMeasurement(p->spec(), outcome);
}

void PlaygroundPage::onRunFinished()
{
    const bool blindPair = m_blind->isChecked() && m_runPanes.size() >= 2;
    m_run->deleteLater();  // we are inside its signal
    m_run = nullptr;
    m_voteOpen = blindPair && m_batch.isEmpty() && m_batchTotal == 0;
    updateControls();
    emit runFinished();
    if (m_batchTotal > 0) {
        m_batchBar->setValue(m_batchTotal - int(m_batch.size()));
        if (m_batch.isEmpty()) {
            m_batchTotal = 0;
            m_batchBar->setVisible(false);
            setStatus(tr("The prompt set is done; export the transcript to keep it."));
            updateControls();
            emit batchFinished();
            return;
        }
        m_prompt->setPlainText(m_batch.takeFirst());
        send();
    }
}

void PlaygroundPage::stopPane(int pane)
{
    if (!m_run)
        return;
    const qsizetype runIndex = m_runPanes.indexOf(pane);
    if (runIndex >= 0)
        m_run->cancel(int(runIndex));
}

void PlaygroundPage::stopAll()
{
    if (m_batchTotal > 0) {  // a batch stops with the prompt in flight
        m_batch.clear();
        m_batchTotal = 0;
        m_batchBar->setVisible(false);
        setStatus(tr("The prompt set was stopped; the answers so far are in the transcript."));
    }
    if (m_run)
        m_run->cancelAll();
    updateControls();
}

void PlaygroundPage::runPromptSet(const Runners::PromptSet &set)
{
    if (isRunning() || set.prompts.isEmpty())
        return;
    if (!set.tag.isEmpty())
        m_task->setText(set.tag);
    m_batch = set.prompts;
    m_batchTotal = int(set.prompts.size());
    m_batchBar->setRange(0, m_batchTotal);
    m_batchBar->setValue(0);
    m_batchBar->setVisible(true);
    setStatus(tr("Running the prompt set \"%1\" (%n prompt(s)).", nullptr, m_batchTotal).arg(set.name));
    m_prompt->setPlainText(m_batch.takeFirst());
    send();
}

void PlaygroundPage::savePromptToSet(const QString &setName)
{
    const QString prompt = m_prompt->toPlainText().trimmed().isEmpty() ? m_runPrompt : m_prompt->toPlainText().trimmed();
    if (prompt.isEmpty()) {
        setStatus(tr("Type (or send) a prompt first, then save it to a set."));
        return;
    }
    m_service->appendPrompt(setName.trimmed(), m_task->text().trimmed(), prompt);
    m_promptSets->setCurrentText(setName.trimmed());
    setStatus(tr("Saved the prompt to the set \"%1\".").arg(setName.trimmed()));
}

void PlaygroundPage::vote(Runners::VoteOutcome outcome)
{
    if (!m_voteOpen)
        return;
    const auto withLetter = [this](const QString &l) -> PlaygroundPane * {
        for (PlaygroundPane *p : std::as_const(m_panes))
            if (p->blindLetter() == l)
                return p;
        return nullptr;
    };
    PlaygroundPane *a = withLetter(QStringLiteral("A"));
    PlaygroundPane *b = withLetter(QStringLiteral("B"));
    if (!a || !b)
        return;
    m_service->recordVote({m_task->text(), a->displayName(), b->displayName(), outcome, m_runPrompt});
    for (PlaygroundPane *p : std::as_const(m_panes))
        p->reveal();
    m_voteOpen = false;
    setStatus(tr("Vote recorded. A was %1, B was %2.").arg(a->displayName(), b->displayName()));
    updateControls();
}

void PlaygroundPage::exportTranscript(const QString &path)
{
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    m_service->writeFile(path, json ? Runners::transcriptJson(m_transcript) : Runners::transcriptMarkdown(m_transcript).toUtf8());
}

void PlaygroundPage::exportRanking(const QString &path)
{
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    m_service->writeFile(path, json ? Runners::rankingJson(m_rankingShownTag, m_ranking)
                                    : Runners::rankingMarkdown(m_rankingShownTag, m_ranking).toUtf8());
}

void PlaygroundPage::applyBlindMode()
{
    if (!m_blind->isChecked()) {
        for (int i = 0; i < paneCount(); ++i) {
            m_paneSplitter->insertWidget(i, m_panes[i]);
            m_panes[i]->setBlind({});
        }
        return;
    }
    // Shuffled, so the user cannot tell from the position which runner is which.
    QList<int> order;
    for (int i = 0; i < paneCount(); ++i)
        order << i;
    std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
    for (int position = 0; position < order.size(); ++position) {
        m_paneSplitter->insertWidget(position, m_panes[order[position]]);
        m_panes[order[position]]->setBlind(letter(position));
    }
}

void PlaygroundPage::showRanking(const QString &tag, const QList<Runners::EloEntry> &ranking, const QStringList &tags)
{
    m_ranking = ranking;
    m_rankingShownTag = tag;
    m_rankingTag->clear();
    m_rankingTag->addItem(tr("All tasks"), QString());
    for (const QString &t : tags)
        m_rankingTag->addItem(t, t);
    m_rankingTag->setCurrentIndex(std::max(0, m_rankingTag->findData(tag)));
    m_rankingTable->setRowCount(int(ranking.size()));
    for (int row = 0; row < ranking.size(); ++row) {
        const Runners::EloEntry &e = ranking[row];
        const QStringList cells = {e.model, QString::number(e.rating, 'f', 0), QString::number(e.games),
                                   QString::number(e.wins), QString::number(e.losses), QString::number(e.ties)};
        for (int col = 0; col < cells.size(); ++col)
            m_rankingTable->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
}

void PlaygroundPage::setStatus(const QString &text)
{
    m_status->setText(text);
}

void PlaygroundPage::updateControls()
{
    const bool running = isRunning() || m_batchTotal > 0;
    m_send->setEnabled(!running);
    m_stopAll->setEnabled(running);
    m_paneCount->setEnabled(!running);
    m_blind->setEnabled(!running);
    m_runSet->setEnabled(!running && m_promptSets->count() > 0);
    m_voteBar->setVisible(m_voteOpen);
}

QString PlaygroundPage::paneLabel(int pane) const
{
    const PlaygroundPane *p = m_panes[pane];
    return p->blindLetter().isEmpty() ? p->displayName() : p->blindLetter();
}

} // namespace ModelAtlas::Gui
