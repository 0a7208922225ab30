#pragma once

#include "runners/ApiKeyStore.h"
#include "runners/ModelScanner.h"
#include "runners/Runner.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// One Playground pane: which runner (a local GGUF file or an endpoint), its
// own system prompt and sampling, the conversation so far, the streaming
// answer, load progress and the live figures. The pane owns its runner and
// only talks to it through signals, so the engine never runs on this thread.
class PlaygroundPane final : public QWidget
{
    Q_OBJECT

public:
    explicit PlaygroundPane(QWidget *parent = nullptr);
    ~PlaygroundPane() override;

    // The configured runner; creates (or, after a change, re-creates) it.
    // Null with an inline message when the configuration is incomplete.
    Runners::Runner *runner();
    Runners::RunnerSpec spec() const;
    QString displayName() const { return spec().displayName(); }

    // Starts a turn: shows the prompt, returns the request (history + prompt).
    Runners::RunRequest beginTurn(const QString &prompt);
    // Drops the last answer and asks for its prompt again; false when there is none.
    bool beginRegenerate(Runners::RunRequest *request);
    // The turn ended (from RunCoordinator): keeps the answer in the history.
    void endTurn(const Runners::RunOutcome &outcome);

    void copySettingsFrom(const PlaygroundPane &other);
    // Blind mode: only `letter` is shown, not the runner; reveal() shows both.
    void setBlind(const QString &letter);
    void reveal();
    QString blindLetter() const { return m_letter; }

    void setFoundModels(const QList<Runners::FoundModel> &models);
    void setLocalFile(const QString &path);
    void setEndpoint(const QString &baseUrl, const QString &model, const QString &apiKey = {});
    void setSampling(double temperature, int maxTokens, bool stopAtEos = true);
    void setSystemPrompt(const QString &text);
    // Where a local file runs (the "Run on" choice).
    void setBackend(modelatlas::engine::cuda::BackendChoice choice);

    bool isRunning() const { return m_running; }
    const Runners::RunOutcome &lastOutcome() const { return m_lastOutcome; }
    QString transcriptText() const;
    QString answerText() const { return m_answer; }
    QString figuresText() const;
    QString messageText() const;
    QString loadText() const;
    // Where the endpoint's API key is kept (keychain or plain text), as the pane tells the user.
    QString apiKeyNoteText() const;
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *regenerateButton() const { return m_regenerate; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *forgetKeyButton() const { return m_forgetKey; }

signals:
    void stopRequested();
    void regenerateRequested();

private:
    void onToken(const QString &piece);
    void onFigures(const Runners::RunFigures &figures);
    void onLoadProgress(qint64 done, qint64 total);
    void browse();
    void updateTitle();
    void updateButtons();
    void showMessage(const QString &text);
    void loadStoredApiKey();
    void forgetApiKey();
    void onApiKeySaved(const QString &url, Runners::ApiKeyStore::Storage storage, const QString &keychainError);
    void onApiKeyLoaded(const QString &url, const QString &key, Runners::ApiKeyStore::Storage storage);
    void onApiKeyRemoved(const QString &url, Runners::ApiKeyStore::Storage remaining);
    void resetApiKeyNote();
    void setApiKeyNote(const QString &text, bool warning, const QString &detail = {});

    QLabel *m_title = nullptr;
    QGroupBox *m_config = nullptr;
    QComboBox *m_kind = nullptr;
    QStackedWidget *m_kindPages = nullptr;
    QLineEdit *m_path = nullptr;
    QComboBox *m_found = nullptr;
    QComboBox *m_backend = nullptr;
    QComboBox *m_kvType = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QPushButton *m_forgetKey = nullptr;
    QLabel *m_keyNote = nullptr;
    QLineEdit *m_system = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QSpinBox *m_maxTokens = nullptr;
    QSpinBox *m_context = nullptr;
    QPlainTextEdit *m_view = nullptr;
    QProgressBar *m_loadBar = nullptr;
    QLabel *m_loadLabel = nullptr;
    QLabel *m_figures = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_regenerate = nullptr;
    QPushButton *m_copy = nullptr;

    Runners::ApiKeyStore *m_keyStore = nullptr;
    std::unique_ptr<Runners::Runner> m_runner;
    Runners::RunnerSpec m_runnerSpec;  // what m_runner was made for
    QList<Runners::ChatTurn> m_history;
    QString m_prompt;                  // the turn in progress
    QString m_answer;                  // its text so far
    Runners::RunOutcome m_lastOutcome;
    QElapsedTimer m_loadClock;
    bool m_stopAtEos = true;
    bool m_running = false;
    QString m_letter;                  // non-empty in blind mode
};

// "1.2 GiB of 4.5 GiB, about 12 s left" (the rate so far predicts the rest).
QString loadProgressText(qint64 done, qint64 total, qint64 elapsedMs);
// One line of live figures for a pane.
QString figuresSummary(const Runners::RunFigures &f, bool local);

} // namespace ModelAtlas::Gui
