#pragma once
// An OpenAI-compatible endpoint (vLLM, SGLang, llama.cpp server, Ollama,
// hosted APIs): POST {base}/chat/completions with "stream": true, read as
// server-sent events. Asynchronous on the owning thread's event loop (no
// worker thread needed); a stream silent for spec().timeoutMs is an error.
// Requests are never retried: a retried prompt would be measured twice.

#include "Runner.h"
#include "SseParser.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace ModelAtlas::Runners {

class RemoteRunner final : public Runner
{
    Q_OBJECT

public:
    explicit RemoteRunner(RunnerSpec spec, QObject *parent = nullptr);
    ~RemoteRunner() override;

    void prepare() override;
    void run(const RunRequest &request) override;
    void cancel() override;

    // "http://h:8000", ".../v1" or ".../v1/chat/completions" -> the completions URL.
    static QUrl completionsUrl(const QString &baseUrl);

private:
    void onReadyRead();
    void onFinished();
    void onTimeout();
    void finish(const QString &error);

    QNetworkAccessManager *m_network = nullptr;
    QNetworkReply *m_reply = nullptr;  // the request in flight; owned by m_network
    QTimer m_idle;
    QElapsedTimer m_clock;
    SseParser m_parser;
    RunOutcome m_out;
    QByteArray m_errorBody;  // the body of an HTTP error, for its message
    qint64 m_firstTokenNs = -1;
    bool m_sawEnd = false;   // [DONE] or a finish_reason: the stream was complete
    bool m_cancelled = false;
};

} // namespace ModelAtlas::Runners
