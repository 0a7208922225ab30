#pragma once

#include "PlaygroundService.h"

#include "runners/EloRanking.h"
#include "runners/RunCoordinator.h"
#include "runners/TranscriptExport.h"

#include <QList>
#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

class PlaygroundPane;

// "Does the plan hold on my machine, and which model answers better?": one
// prompt fans out to two to four panes (local GGUF files and endpoints side
// by side), each streaming its answer with live TTFT, tok/s and memory against
// the planner's prediction. Local models load together only when the planner
// says they fit in memory together (RunCoordinator). Blind mode hides which
// pane is which until the user votes; votes build an Elo ranking per task.
// Saved prompt sets run across the panes as a batch; transcripts export as
// Markdown or JSON. Every completed local run is stored as a measurement.
class PlaygroundPage final : public QWidget
{
    Q_OBJECT

public:
    enum Tab { SideBySideTab, RankingTab };
    static constexpr int kMaxPanes = 4;

    explicit PlaygroundPage(const QString &databasePath, QWidget *parent = nullptr);
    ~PlaygroundPage() override;

    // Reads the saved prompt sets and the ranking. Called once the catalog
    // database is open and imported: opening it earlier, beside the first
    // import, races that import's schema creation.
    void databaseReady();

    // One pane per catalog model (the Recommend page's top picks): a GGUF file
    // of it found on this computer is selected; the status line names the
    // models that still need a file or an endpoint.
    void proposeModels(const QStringList &catalogIds);

    int paneCount() const { return int(m_panes.size()); }
    PlaygroundPane *pane(int index) const { return m_panes.value(index); }
    void setPaneCount(int count);

    QPlainTextEdit *promptEdit() const { return m_prompt; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *stopAllButton() const { return m_stopAll; }
    QCheckBox *blindCheck() const { return m_blind; }
    QCheckBox *sharedSettingsCheck() const { return m_shared; }
    QLineEdit *taskEdit() const { return m_task; }
    QPushButton *voteButton(Runners::VoteOutcome outcome) const;
    QTableWidget *rankingTable() const { return m_rankingTable; }
    QTabWidget *tabs() const { return m_tabs; }
    QProgressBar *batchProgress() const { return m_batchBar; }
    PlaygroundService *service() const { return m_service; }

    bool isRunning() const { return m_run != nullptr; }
    QString scheduleText() const;
    QString statusText() const;
    const QList<Runners::TranscriptEntry> &transcript() const { return m_transcript; }

    // The prompt box's text to every configured pane.
    void send();
    void stopAll();
    // Runs every prompt of the set across the panes, one prompt after the other.
    void runPromptSet(const Runners::PromptSet &set);
    void savePromptToSet(const QString &setName);
    void vote(Runners::VoteOutcome outcome);
    // Writes the transcript: JSON when the path ends in .json, else Markdown.
    void exportTranscript(const QString &path);
    void exportRanking(const QString &path);

signals:
    void runFinished();
    void batchFinished();

private:
    void startRun(const QList<int> &panes, const QList<Runners::RunRequest> &requests, const QString &prompt);
    void onRunnerFinished(int runIndex, const Runners::RunOutcome &outcome);
    void onRunFinished();
    void regenerate(int pane);
    void stopPane(int pane);
    void applyBlindMode();
    void showRanking(const QString &tag, const QList<Runners::EloEntry> &ranking, const QStringList &tags);
    void setStatus(const QString &text);
    void updateControls();
    QString paneLabel(int pane) const;

    PlaygroundService *m_service = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSpinBox *m_paneCount = nullptr;
    QCheckBox *m_shared = nullptr;
    QCheckBox *m_blind = nullptr;
    QLineEdit *m_task = nullptr;
    QSplitter *m_paneSplitter = nullptr;
    QList<PlaygroundPane *> m_panes;
    QList<Runners::FoundModel> m_found;   // the last scan of the usual model folders
    QLabel *m_schedule = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_voteBar = nullptr;
    QList<QPushButton *> m_voteButtons;  // A, B, tie, both bad
    QPlainTextEdit *m_prompt = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stopAll = nullptr;
    QComboBox *m_promptSets = nullptr;
    QPushButton *m_runSet = nullptr;
    QProgressBar *m_batchBar = nullptr;
    QComboBox *m_rankingTag = nullptr;
    QTableWidget *m_rankingTable = nullptr;
    QList<Runners::EloEntry> m_ranking;
    QString m_rankingShownTag;

    Runners::RunCoordinator *m_run = nullptr;  // the prompt in flight; a child, deleted when done
    QList<int> m_runPanes;          // run index -> pane index
    QString m_runPrompt;
    QList<Runners::TranscriptEntry> m_transcript;
    QStringList m_batch;            // prompts still to run
    int m_batchTotal = 0;
    bool m_voteOpen = false;        // a blind run finished and awaits the vote
    QStringList m_extraFolders;
};

} // namespace ModelAtlas::Gui
