#include "RemoteRunner.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <nlohmann/json.hpp>

#include <utility>

namespace ModelAtlas::Runners {

namespace {
QByteArray requestBody(const RunnerSpec &spec, const RunRequest &request)
{
    nlohmann::json messages = nlohmann::json::array();
    if (!request.systemPrompt.isEmpty())
        messages.push_back({{"role", "system"}, {"content", request.systemPrompt.toStdString()}});
    for (const ChatTurn &t : request.history)
        messages.push_back({{"role", t.role.toStdString()}, {"content", t.content.toStdString()}});
    nlohmann::json body = {
        {"model", spec.model.toStdString()},
        {"messages", messages},
        {"stream", true},
        {"max_tokens", request.sampling.maxTokens},
        {"temperature", std::max(0.0, request.sampling.temperature)},
        {"top_p", request.sampling.topP},
        {"seed", request.sampling.seed},
    };
    return QByteArray::fromStdString(body.dump());
}

// The "message" of an OpenAI-style error body, else the body itself (shortened).
QString errorMessage(const QByteArray &body)
{
    const auto j = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (j.is_object()) {
        if (const auto e = j.find("error"); e != j.end()) {
            if (e->is_object() && e->contains("message") && (*e)["message"].is_string())
                return QString::fromStdString((*e)["message"].get<std::string>());
            if (e->is_string())
                return QString::fromStdString(e->get<std::string>());
        }
    }
    return QString::fromUtf8(body.left(200)).trimmed();
}
} // namespace

RemoteRunner::RemoteRunner(RunnerSpec spec, QObject *parent)
    : Runner(std::move(spec), parent), m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<RunFigures>();
    qRegisterMetaType<RunOutcome>();
    qRegisterMetaType<RunnerPlan>();
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &RemoteRunner::onTimeout);
}

RemoteRunner::~RemoteRunner()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QUrl RemoteRunner::completionsUrl(const QString &baseUrl)
{
    QString url = baseUrl.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    if (!url.endsWith(QLatin1String("/chat/completions")))
        url += url.endsWith(QLatin1String("/v1")) ? QStringLiteral("/chat/completions") : QStringLiteral("/v1/chat/completions");
    return QUrl(url);
}

void RemoteRunner::prepare()
{
    RunnerPlan plan;
    const QUrl url = completionsUrl(spec().baseUrl);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        plan.ok = false;
        plan.error = tr("\"%1\" is not an http(s) URL; enter the endpoint's base URL, e.g. http://localhost:8000/v1.")
                         .arg(spec().baseUrl);
    } else if (spec().model.trimmed().isEmpty()) {
        plan.ok = false;
        plan.error = tr("The endpoint %1 needs a model name (the name the server serves it under).").arg(spec().baseUrl);
    }
    // Queued, so prepared() never arrives inside the caller's prepare() call,
    // just as for a local runner.
    QMetaObject::invokeMethod(this, [this, plan] { emit prepared(plan); }, Qt::QueuedConnection);
}

void RemoteRunner::run(const RunRequest &request)
{
    if (m_reply)
        return;  // one run at a time; the caller waits for finished()
    setBusy(true);
    m_out = RunOutcome{};
    m_parser = SseParser{};
    m_errorBody.clear();
    m_firstTokenNs = -1;
    m_sawEnd = false;
    m_cancelled = false;
    QNetworkRequest req(completionsUrl(spec().baseUrl));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setRawHeader("Accept", "text/event-stream");
    if (!spec().apiKey.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + spec().apiKey.toUtf8());
    m_clock.start();
    m_reply = m_network->post(req, requestBody(spec(), request));
    connect(m_reply, &QNetworkReply::readyRead, this, &RemoteRunner::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &RemoteRunner::onFinished);
    m_idle.start(spec().timeoutMs);
}

void RemoteRunner::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort();  // finished() follows, synchronously
}

void RemoteRunner::onTimeout()
{
    if (!m_reply)
        return;
    finish(tr("No data from %1 for %2 s; the server may be overloaded or the model still loading. The request was not "
              "retried.")
               .arg(completionsUrl(spec().baseUrl).toString())
               .arg(spec().timeoutMs / 1000.0, 0, 'g', 3));
}

void RemoteRunner::onReadyRead()
{
    if (!m_reply)
        return;
    m_idle.start(spec().timeoutMs);
    const QByteArray bytes = m_reply->readAll();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        m_errorBody += bytes;
        return;
    }
    for (const QByteArray &event : m_parser.feed(bytes)) {
        const auto chunk = parseChatChunk(event);
        if (!chunk) {
            finish(chunk.error());
            return;
        }
        if (chunk->done || !chunk->finishReason.isEmpty()) {
            m_sawEnd = true;
            if (!chunk->finishReason.isEmpty())
                m_out.stopReason = chunk->finishReason;
        }
        if (chunk->promptTokens >= 0)
            m_out.figures.promptTokens = chunk->promptTokens;
        if (chunk->completionTokens >= 0)
            m_out.figures.outputTokens = chunk->completionTokens;
        if (chunk->content.isEmpty())
            continue;
        const qint64 now = m_clock.nsecsElapsed();
        if (m_firstTokenNs < 0) {
            m_firstTokenNs = now;
            m_out.figures.ttftMs = double(now) / 1e6;
        }
        // Servers send one token per chunk; usage (when sent) corrects the count at the end.
        ++m_out.figures.outputTokens;
        if (m_out.figures.outputTokens > 1 && now > m_firstTokenNs)
            m_out.figures.decodeTokS = (m_out.figures.outputTokens - 1) / (double(now - m_firstTokenNs) / 1e9);
        m_out.text += chunk->content;
        emit tokenReceived(chunk->content);
        emit figuresChanged(m_out.figures);
    }
}

void RemoteRunner::onFinished()
{
    if (!m_reply)
        return;
    if (m_cancelled) {
        finish({});
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString url = completionsUrl(spec().baseUrl).toString();
    if (status >= 400) {
        m_errorBody += m_reply->readAll();
        const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        finish(tr("%1 answered HTTP %2 %3: %4").arg(url).arg(status).arg(reason, errorMessage(m_errorBody)));
        return;
    }
    if (m_reply->error() != QNetworkReply::NoError && !m_sawEnd) {
        finish(tr("Cannot reach %1: %2").arg(url, m_reply->errorString()));
        return;
    }
    onReadyRead();  // whatever arrived with the end of the stream
    if (!m_reply)
        return;  // onReadyRead() failed the run
    if (!m_sawEnd) {
        finish(tr("The stream from %1 ended before the answer was complete (after %n token(s)); the connection was cut.",
                  nullptr, m_out.figures.outputTokens)
                   .arg(url));
        return;
    }
    finish({});
}

void RemoteRunner::finish(const QString &error)
{
    m_idle.stop();
    if (m_reply) {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_out.cancelled = m_cancelled;
    m_out.error = m_cancelled ? QString() : error;
    m_out.ok = !m_cancelled && error.isEmpty();
    if (m_out.figures.ttftMs > 0 && m_out.figures.promptTokens > 0)
        m_out.figures.prefillTokS = m_out.figures.promptTokens / (m_out.figures.ttftMs / 1e3);
    setBusy(false);
    emit finished(m_out);
}

} // namespace ModelAtlas::Runners
