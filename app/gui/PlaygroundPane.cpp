#include "PlaygroundPane.h"

#include "runners/LocalRunner.h"
#include "runners/RemoteRunner.h"
#include "runners/RunScheduler.h"
#include "runners/SystemKeychain.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

using modelatlas::engine::KvCacheType;
using modelatlas::engine::cuda::BackendChoice;

namespace {
enum KindPage { LocalPage, RemotePage };

bool sameSpec(const Runners::RunnerSpec &a, const Runners::RunnerSpec &b)
{
    return a.kind == b.kind && a.path == b.path && a.contextLength == b.contextLength && a.threads == b.threads
        && a.backend == b.backend && a.kvType == b.kvType && a.baseUrl == b.baseUrl && a.model == b.model && a.apiKey == b.apiKey && a.timeoutMs == b.timeoutMs;
}
// A stack as tall as its current page, not its tallest one: the local page's
// two rows would otherwise spread over the remote page's four.
void fitStackToCurrentPage(QStackedWidget *stack)
{
    for (int i = 0; i < stack->count(); ++i)
        stack->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                         i == stack->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    stack->updateGeometry();
}

} // namespace

QString loadProgressText(qint64 done, qint64 total, qint64 elapsedMs)
{
    QString text = PlaygroundPane::tr("Loading: %1 of %2")
                       .arg(Runners::formatBytes(quint64(std::max<qint64>(0, done))),
                            Runners::formatBytes(quint64(std::max<qint64>(0, total))));
    if (done > 0 && total > done && elapsedMs > 0) {
        const double secondsLeft = double(total - done) / (double(done) / double(elapsedMs)) / 1000.0;
        text += PlaygroundPane::tr(", about %1 s left").arg(std::max(1.0, secondsLeft), 0, 'f', 0);
    }
    return text;
}

QString figuresSummary(const Runners::RunFigures &f, bool local)
{
    QString s = PlaygroundPane::tr("TTFT %1 ms · prefill %2 tok/s · decode %3 tok/s · %4 tokens")
                    .arg(f.ttftMs, 0, 'f', 1)
                    .arg(f.prefillTokS, 0, 'f', 1)
                    .arg(f.decodeTokS, 0, 'f', 1)
                    .arg(f.outputTokens);
    if (local && !f.device.isEmpty())
        s = PlaygroundPane::tr("%1 · %2").arg(f.device, s);
    if (local && f.predictedBytes > 0) {
        s += (f.onGpu ? PlaygroundPane::tr(" · GPU memory %1 measured / %2 predicted (%3%4%)")
                      : PlaygroundPane::tr(" · memory %1 measured / %2 predicted (%3%4%)"))
                 .arg(Runners::formatBytes(f.peakBytes), Runners::formatBytes(f.predictedBytes),
                      f.memoryErrorPercent() >= 0 ? QStringLiteral("+") : QString())
                 .arg(f.memoryErrorPercent(), 0, 'f', 1);
        if (f.memoryShared)
            s += PlaygroundPane::tr(", shared with the other local panes");
    }
    return s;
}

PlaygroundPane::PlaygroundPane(QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("paneTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_kind = new QComboBox;
    m_kind->addItems({tr("Local GGUF file"), tr("OpenAI-compatible endpoint")});
    m_kind->setAccessibleName(tr("Runner kind"));

    auto *localPage = new QWidget;
    m_path = new QLineEdit;
    m_path->setPlaceholderText(tr("Path to a .gguf file"));
    m_path->setAccessibleName(tr("Model file"));
    auto *browse = new QPushButton(tr("Browse…"));
    m_found = new QComboBox;
    m_found->setAccessibleName(tr("Models found on this computer"));
    m_found->addItem(tr("Models found on this computer…"));
    m_backend = new QComboBox;
    m_backend->setObjectName(QStringLiteral("runOn"));
    m_backend->setAccessibleName(tr("Run on"));
    m_backend->addItem(tr("Auto: the GPU when the model fits, else the CPU"), int(BackendChoice::Auto));
    m_backend->addItem(tr("CPU"), int(BackendChoice::Cpu));
    m_backend->addItem(tr("GPU (CUDA)"), int(BackendChoice::Cuda));
    m_backend->setToolTip(tr("Where the embedded engine runs the model. A run that cannot use the GPU says why."));
    m_kvType = new QComboBox;
    m_kvType->setObjectName(QStringLiteral("kvCache"));
    m_kvType->setAccessibleName(tr("KV cache"));
    m_kvType->addItem(tr("F16"), int(KvCacheType::F16));
    m_kvType->addItem(tr("Q8_0 (47% smaller)"), int(KvCacheType::Q8_0));
    m_kvType->setToolTip(tr("How the engine keeps past tokens' keys and values. Q8_0 nearly halves that memory "
                            "for long contexts at a small cost in accuracy; it needs heads of a multiple of 32."));
    // Long entries (translations, file paths) elide rather than widen the window.
    for (QComboBox *combo : {m_kind, m_found, m_backend}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    auto *runOnRow = new QHBoxLayout;
    runOnRow->addWidget(new QLabel(tr("Run on")));
    runOnRow->addWidget(m_backend, 1);
    runOnRow->addWidget(new QLabel(tr("KV cache")));
    runOnRow->addWidget(m_kvType);
    auto *localLayout = new QGridLayout(localPage);
    localLayout->setContentsMargins(0, 0, 0, 0);
    localLayout->addWidget(m_path, 0, 0);
    localLayout->addWidget(browse, 0, 1);
    localLayout->addWidget(m_found, 1, 0, 1, 2);
    localLayout->addLayout(runOnRow, 2, 0, 1, 2);

    auto *remotePage = new QWidget;
    m_url = new QLineEdit;
    m_url->setPlaceholderText(QStringLiteral("http://localhost:8000/v1"));
    m_url->setAccessibleName(tr("Endpoint URL"));
    m_model = new QLineEdit;
    m_model->setPlaceholderText(tr("model name, e.g. qwen3:8b"));
    m_model->setAccessibleName(tr("Served model name"));
    m_apiKey = new QLineEdit;
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setAccessibleName(tr("API key"));
    m_forgetKey = new QPushButton(tr("Forget"));
    m_forgetKey->setToolTip(tr("Delete the saved API key of this endpoint"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_forgetKey);
    m_keyNote = new QLabel;
    m_keyNote->setWordWrap(true);
    m_keyNote->setTextInteractionFlags(Qt::TextSelectableByMouse);  // the settings path can be copied
    resetApiKeyNote();
    auto *remoteLayout = new QFormLayout(remotePage);
    remoteLayout->setContentsMargins(0, 0, 0, 0);
    remoteLayout->addRow(tr("URL"), m_url);
    remoteLayout->addRow(tr("Model"), m_model);
    remoteLayout->addRow(tr("API key"), keyRow);
    remoteLayout->addRow(m_keyNote);
    m_keyStore = new Runners::ApiKeyStore(Runners::makeSystemKeychain(QCoreApplication::applicationName()), this);

    m_kindPages = new QStackedWidget;
    m_kindPages->addWidget(localPage);
    m_kindPages->addWidget(remotePage);

    m_system = new QLineEdit;
    m_system->setPlaceholderText(tr("System prompt (optional)"));
    m_system->setAccessibleName(tr("System prompt"));
    m_temperature = new QDoubleSpinBox;
    m_temperature->setRange(0, 2);
    m_temperature->setSingleStep(0.1);
    m_temperature->setAccessibleName(tr("Temperature (0: greedy)"));
    m_maxTokens = new QSpinBox;
    m_maxTokens->setRange(1, 32768);
    m_maxTokens->setValue(256);
    m_maxTokens->setAccessibleName(tr("Maximum new tokens"));
    m_context = new QSpinBox;
    m_context->setRange(128, 131072);
    m_context->setValue(4096);
    m_context->setAccessibleName(tr("Context length"));
    auto *sampling = new QHBoxLayout;
    sampling->addWidget(new QLabel(tr("Temp.")));
    sampling->addWidget(m_temperature);
    sampling->addWidget(new QLabel(tr("Max tokens")));
    sampling->addWidget(m_maxTokens);
    sampling->addWidget(new QLabel(tr("Context")));
    sampling->addWidget(m_context);

    m_config = new QGroupBox(tr("Runner"));
    auto *configLayout = new QVBoxLayout(m_config);
    configLayout->addWidget(m_kind);
    configLayout->addWidget(m_kindPages);
    configLayout->addWidget(m_system);
    configLayout->addLayout(sampling);

    m_view = new QPlainTextEdit;
    m_view->setReadOnly(true);
    m_view->setAccessibleName(tr("Conversation"));
    m_loadBar = new QProgressBar;
    m_loadBar->setRange(0, 1000);
    m_loadBar->setVisible(false);
    m_loadLabel = new QLabel;
    m_loadLabel->setVisible(false);
    m_figures = new QLabel;
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_message->setVisible(false);

    m_stop = new QPushButton(tr("Stop"));
    m_regenerate = new QPushButton(tr("Regenerate"));
    m_copy = new QPushButton(tr("Copy"));
    auto *clear = new QPushButton(tr("Clear"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stop);
    buttons->addWidget(m_regenerate);
    buttons->addWidget(m_copy);
    buttons->addWidget(clear);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_config);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_loadBar);
    layout->addWidget(m_loadLabel);
    layout->addWidget(m_figures);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, m_kindPages, &QStackedWidget::setCurrentIndex);
    connect(m_kindPages, &QStackedWidget::currentChanged, this, [this] { fitStackToCurrentPage(m_kindPages); });
    fitStackToCurrentPage(m_kindPages);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PlaygroundPane::updateTitle);
    connect(m_path, &QLineEdit::textChanged, this, &PlaygroundPane::updateTitle);
    connect(m_model, &QLineEdit::textChanged, this, &PlaygroundPane::updateTitle);
    connect(m_url, &QLineEdit::textChanged, this, &PlaygroundPane::resetApiKeyNote);
    connect(m_url, &QLineEdit::editingFinished, this, &PlaygroundPane::loadStoredApiKey);
    connect(m_forgetKey, &QPushButton::clicked, this, &PlaygroundPane::forgetApiKey);
    connect(m_keyStore, &Runners::ApiKeyStore::saved, this, &PlaygroundPane::onApiKeySaved);
    connect(m_keyStore, &Runners::ApiKeyStore::loaded, this, &PlaygroundPane::onApiKeyLoaded);
    connect(m_keyStore, &Runners::ApiKeyStore::removed, this, &PlaygroundPane::onApiKeyRemoved);
    connect(browse, &QPushButton::clicked, this, &PlaygroundPane::browse);
    connect(m_found, &QComboBox::activated, this, [this](int index) {
        const QString path = m_found->itemData(index).toString();
        if (!path.isEmpty())
            setLocalFile(path);
    });
    connect(m_stop, &QPushButton::clicked, this, &PlaygroundPane::stopRequested);
    connect(m_regenerate, &QPushButton::clicked, this, &PlaygroundPane::regenerateRequested);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_lastOutcome.text); });
    connect(clear, &QPushButton::clicked, this, [this] {
        m_history.clear();
        m_view->clear();
        m_figures->clear();
        m_lastOutcome = {};
        updateButtons();
    });
    updateTitle();
    updateButtons();
}

PlaygroundPane::~PlaygroundPane() = default;

Runners::RunnerSpec PlaygroundPane::spec() const
{
    Runners::RunnerSpec s;
    s.kind = m_kind->currentIndex() == RemotePage ? Runners::RunnerSpec::Kind::Remote : Runners::RunnerSpec::Kind::Local;
    s.path = m_path->text().trimmed();
    s.contextLength = m_context->value();
    s.backend = BackendChoice(m_backend->currentData().toInt());
    s.kvType = KvCacheType(m_kvType->currentData().toInt());
    s.baseUrl = m_url->text().trimmed();
    s.model = m_model->text().trimmed();
    s.apiKey = m_apiKey->text();
    return s;
}

Runners::Runner *PlaygroundPane::runner()
{
    const Runners::RunnerSpec s = spec();
    if (s.isLocal() && s.path.isEmpty()) {
        showMessage(tr("Choose a GGUF file (Browse…, or one of the models found on this computer)."));
        return nullptr;
    }
    if (!s.isLocal() && (s.baseUrl.isEmpty() || s.model.isEmpty())) {
        showMessage(tr("Enter the endpoint's URL and the name of the model it serves."));
        return nullptr;
    }
    if (m_runner && sameSpec(s, m_runnerSpec))
        return m_runner.get();
    if (m_runner && m_runner->isBusy())
        return m_runner.get();  // the page never reconfigures a running pane
    if (!s.isLocal() && !s.apiKey.isEmpty())
        m_keyStore->save(s.baseUrl, s.apiKey);
    m_runnerSpec = s;
    if (s.isLocal())
        m_runner = std::make_unique<Runners::LocalRunner>(s);
    else
        m_runner = std::make_unique<Runners::RemoteRunner>(s);
    connect(m_runner.get(), &Runners::Runner::tokenReceived, this, &PlaygroundPane::onToken);
    connect(m_runner.get(), &Runners::Runner::figuresChanged, this, &PlaygroundPane::onFigures);
    connect(m_runner.get(), &Runners::Runner::loadProgress, this, &PlaygroundPane::onLoadProgress);
    return m_runner.get();
}

Runners::RunRequest PlaygroundPane::beginTurn(const QString &prompt)
{
    m_prompt = prompt;
    m_answer.clear();
    m_running = true;
    m_message->setVisible(false);
    m_figures->clear();
    m_view->moveCursor(QTextCursor::End);
    m_view->insertPlainText((m_view->document()->isEmpty() ? QString() : QStringLiteral("\n\n")) + tr("You: ") + prompt
                            + QStringLiteral("\n\n") + tr("Model: "));
    updateButtons();
    Runners::RunRequest r;
    r.systemPrompt = m_system->text();
    r.history = m_history;
    r.history.append({QStringLiteral("user"), prompt});
    r.sampling.temperature = m_temperature->value();
    r.sampling.maxTokens = m_maxTokens->value();
    r.sampling.stopAtEos = m_stopAtEos;
    return r;
}

bool PlaygroundPane::beginRegenerate(Runners::RunRequest *request)
{
    if (m_running || m_history.size() < 2 || m_history.last().role != QLatin1String("assistant"))
        return false;
    const QString prompt = m_history[m_history.size() - 2].content;
    m_history.resize(m_history.size() - 2);
    *request = beginTurn(prompt);
    return true;
}

void PlaygroundPane::endTurn(const Runners::RunOutcome &outcome)
{
    m_running = false;
    m_lastOutcome = outcome;
    m_loadBar->setVisible(false);
    m_loadLabel->setVisible(false);
    if (outcome.ok || (outcome.cancelled && !outcome.text.isEmpty())) {
        m_history.append({QStringLiteral("user"), m_prompt});
        m_history.append({QStringLiteral("assistant"), outcome.text});
    }
    if (outcome.cancelled)
        showMessage(tr("Stopped."));
    else if (!outcome.ok)
        showMessage(outcome.error);
    else
        showMessage(outcome.note);  // why it ran on the CPU although the GPU was allowed
    if (outcome.ok || outcome.cancelled)
        m_figures->setText(figuresSummary(outcome.figures, m_runnerSpec.isLocal()));
    updateButtons();
}

void PlaygroundPane::onToken(const QString &piece)
{
    m_answer += piece;
    m_loadBar->setVisible(false);
    m_loadLabel->setVisible(false);
    m_view->moveCursor(QTextCursor::End);
    m_view->insertPlainText(piece);
}

void PlaygroundPane::onFigures(const Runners::RunFigures &figures)
{
    m_figures->setText(figuresSummary(figures, m_runnerSpec.isLocal()));
}

void PlaygroundPane::onLoadProgress(qint64 done, qint64 total)
{
    if (!m_loadBar->isVisible()) {
        m_loadClock.start();
        m_loadBar->setVisible(true);
        m_loadLabel->setVisible(true);
    }
    m_loadBar->setValue(total > 0 ? int(1000.0 * double(done) / double(total)) : 0);
    m_loadLabel->setText(loadProgressText(done, total, m_loadClock.elapsed()));
}

void PlaygroundPane::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a GGUF model"), m_path->text(),
                                                      tr("GGUF models (*.gguf);;All files (*)"));
    if (!path.isEmpty())
        setLocalFile(path);
}

void PlaygroundPane::setFoundModels(const QList<Runners::FoundModel> &models)
{
    m_found->clear();
    m_found->addItem(models.isEmpty() ? tr("No models found in the usual folders") : tr("Models found on this computer…"));
    for (const Runners::FoundModel &m : models)
        m_found->addItem(QStringLiteral("%1 — %2 (%3)").arg(m.source, m.name, Runners::formatBytes(quint64(m.bytes))), m.path);
}

void PlaygroundPane::setLocalFile(const QString &path)
{
    m_kind->setCurrentIndex(LocalPage);
    m_path->setText(path);
}

void PlaygroundPane::setEndpoint(const QString &baseUrl, const QString &model, const QString &apiKey)
{
    m_kind->setCurrentIndex(RemotePage);
    m_url->setText(baseUrl);
    m_model->setText(model);
    m_apiKey->setText(apiKey);
}

void PlaygroundPane::setSampling(double temperature, int maxTokens, bool stopAtEos)
{
    m_temperature->setValue(temperature);
    m_maxTokens->setValue(maxTokens);
    m_stopAtEos = stopAtEos;
}

void PlaygroundPane::setBackend(BackendChoice choice)
{
    m_backend->setCurrentIndex(m_backend->findData(int(choice)));
}

void PlaygroundPane::setSystemPrompt(const QString &text)
{
    m_system->setText(text);
}

void PlaygroundPane::copySettingsFrom(const PlaygroundPane &other)
{
    m_system->setText(other.m_system->text());
    m_temperature->setValue(other.m_temperature->value());
    m_maxTokens->setValue(other.m_maxTokens->value());
    m_context->setValue(other.m_context->value());
    m_backend->setCurrentIndex(other.m_backend->currentIndex());
    m_kvType->setCurrentIndex(other.m_kvType->currentIndex());
    m_stopAtEos = other.m_stopAtEos;
}

void PlaygroundPane::setBlind(const QString &letter)
{
    m_letter = letter;
    m_config->setVisible(false);
    updateTitle();
}

void PlaygroundPane::reveal()
{
    m_title->setText(tr("%1: %2").arg(m_letter, displayName()));
}

void PlaygroundPane::updateTitle()
{
    if (!m_letter.isEmpty()) {
        m_title->setText(m_letter);
        return;
    }
    m_config->setVisible(true);
    const QString name = displayName();
    m_title->setText(name.isEmpty() || name == QLatin1String(" @ ") ? tr("(no runner chosen)") : name);
}

void PlaygroundPane::updateButtons()
{
    m_stop->setEnabled(m_running);
    m_regenerate->setEnabled(!m_running && m_history.size() >= 2);
    m_copy->setEnabled(!m_running && !m_lastOutcome.text.isEmpty());
    m_config->setEnabled(!m_running);
}

void PlaygroundPane::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void PlaygroundPane::loadStoredApiKey()
{
    if (m_apiKey->text().isEmpty() && !m_url->text().trimmed().isEmpty())
        m_keyStore->load(m_url->text().trimmed());
}

void PlaygroundPane::forgetApiKey()
{
    m_apiKey->clear();
    if (!m_url->text().trimmed().isEmpty())
        m_keyStore->remove(m_url->text().trimmed());
}

// The store answers later: an answer for a URL the user has since left is old news.
void PlaygroundPane::onApiKeySaved(const QString &url, Runners::ApiKeyStore::Storage storage, const QString &keychainError)
{
    if (url != m_url->text().trimmed())
        return;
    switch (storage) {
    case Runners::ApiKeyStore::Storage::Keychain:
        setApiKeyNote(tr("The API key is saved in the system keychain."), false);
        break;
    case Runners::ApiKeyStore::Storage::PlainText:
        setApiKeyNote(tr("Warning: no system keychain could be used, so the API key is stored in plain text in %1.")
                          .arg(Runners::ApiKeyStore::plainTextLocation()),
                      true, keychainError);
        break;
    case Runners::ApiKeyStore::Storage::None:
        setApiKeyNote(tr("The API key was not saved: the system keychain refused access."), true, keychainError);
        break;
    }
}

void PlaygroundPane::onApiKeyLoaded(const QString &url, const QString &key, Runners::ApiKeyStore::Storage storage)
{
    if (url != m_url->text().trimmed() || key.isEmpty() || !m_apiKey->text().isEmpty())
        return;  // nothing stored, or the user typed a key meanwhile
    m_apiKey->setText(key);
    onApiKeySaved(url, storage, {});
}

void PlaygroundPane::onApiKeyRemoved(const QString &url, Runners::ApiKeyStore::Storage remaining)
{
    if (url != m_url->text().trimmed())
        return;
    if (remaining == Runners::ApiKeyStore::Storage::None)
        setApiKeyNote(tr("No API key is saved for this endpoint."), false);
    else
        setApiKeyNote(tr("The system keychain refused to delete the API key."), true);
}

// Until the keychain has answered for this URL, the note can only say what will happen.
void PlaygroundPane::resetApiKeyNote()
{
    setApiKeyNote(tr("A key is saved in the system keychain when one is available, otherwise in plain text in %1.")
                      .arg(Runners::ApiKeyStore::plainTextLocation()),
                  false);
}

void PlaygroundPane::setApiKeyNote(const QString &text, bool warning, const QString &detail)
{
    m_keyNote->setText(text);
    m_keyNote->setToolTip(detail);
    m_keyNote->setStyleSheet(warning ? QStringLiteral("QLabel { color: #b71c1c; font-weight: bold; }") : QString());
}

QString PlaygroundPane::transcriptText() const
{
    return m_view->toPlainText();
}

QString PlaygroundPane::figuresText() const
{
    return m_figures->text();
}

QString PlaygroundPane::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

QString PlaygroundPane::loadText() const
{
    return m_loadLabel->text();
}

QString PlaygroundPane::apiKeyNoteText() const
{
    return m_keyNote->text();
}

} // namespace ModelAtlas::Gui
