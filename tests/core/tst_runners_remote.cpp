// The OpenAI streaming client: the SSE parser on its own, and RemoteRunner
// against a local test server (QTcpServer on 127.0.0.1) that speaks the
// streaming format, fails with HTTP errors, sends malformed events, stalls and
// cuts streams off.
#include "runners/RemoteRunner.h"
#include "runners/SseParser.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

using namespace ModelAtlas::Runners;

namespace {

// Answers every request with `status` and the pieces of `body`, one piece
// every 10 ms, then closes the connection (unless `hold`: the stream stalls).
class FakeOpenAiServer final : public QObject
{
public:
    int status = 200;
    QList<QByteArray> pieces;
    bool hold = false;
    QByteArray lastRequest;

    FakeOpenAiServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort()); }

private:
    void onRead(QTcpSocket *s)
    {
        m_buffer += s->readAll();
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : m_buffer.left(headerEnd).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (m_buffer.size() < headerEnd + 4 + length)
            return;
        lastRequest = m_buffer;
        m_buffer.clear();
        const QByteArray reason = status == 200 ? "OK" : status == 401 ? "Unauthorized" : "Error";
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        head += status == 200 ? "Content-Type: text/event-stream\r\n" : "Content-Type: application/json\r\n";
        head += "Connection: close\r\n\r\n";
        s->write(head);
        auto *timer = new QTimer(s);
        auto next = std::make_shared<int>(0);
        connect(timer, &QTimer::timeout, s, [this, s, timer, next] {
            if (*next < pieces.size()) {
                s->write(pieces[(*next)++]);
                return;
            }
            timer->stop();
            if (!hold)
                s->disconnectFromHost();
        });
        timer->start(10);
    }

    QTcpServer m_server;
    QByteArray m_buffer;
};

QByteArray chunk(const char *content, const char *finish = nullptr)
{
    nlohmann::json choice = {{"index", 0}, {"delta", {{"content", content}}}};
    choice["finish_reason"] = finish ? nlohmann::json(finish) : nlohmann::json(nullptr);
    const nlohmann::json j = {{"id", "x"}, {"object", "chat.completion.chunk"}, {"choices", {choice}}};
    return "data: " + QByteArray::fromStdString(j.dump()) + "\n\n";
}

RunRequest helloRequest()
{
    RunRequest r;
    r.systemPrompt = QStringLiteral("Be brief.");
    r.history = {{QStringLiteral("user"), QStringLiteral("Hello")}};
    r.sampling.maxTokens = 16;
    return r;
}

RunOutcome runOnce(RemoteRunner &runner)
{
    QSignalSpy finished(&runner, &Runner::finished);
    runner.run(helloRequest());
    if (!finished.wait(10000))
        return {};
    return finished.first().first().value<RunOutcome>();
}

} // namespace

class TestRunnersRemote final : public QObject
{
    Q_OBJECT

private slots:
    void sseEventsWhateverTheSplit_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QList<QByteArray>>("events");
        QTest::newRow("two events, LF") << QByteArray("data: {\"a\":1}\n\ndata: [DONE]\n\n")
                                        << QList<QByteArray>{"{\"a\":1}", "[DONE]"};
        QTest::newRow("CRLF line ends") << QByteArray("data: x\r\n\r\ndata: y\r\n\r\n") << QList<QByteArray>{"x", "y"};
        QTest::newRow("comments and other fields are skipped")
            << QByteArray(": keep-alive\n\nevent: message\nid: 7\ndata: x\n\n") << QList<QByteArray>{"x"};
        QTest::newRow("multi-line data joins with newline") << QByteArray("data: a\ndata: b\n\n") << QList<QByteArray>{"a\nb"};
        QTest::newRow("no space after the colon") << QByteArray("data:x\n\n") << QList<QByteArray>{"x"};
        QTest::newRow("unterminated last event is not emitted") << QByteArray("data: x\n\ndata: y") << QList<QByteArray>{"x"};
    }

    void sseEventsWhateverTheSplit()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QList<QByteArray>, events);
        // Whole, then cut at every byte: the network decides the pieces.
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseParser p;
            QList<QByteArray> got = p.feed(stream.left(cut));
            got += p.feed(stream.mid(cut));
            QCOMPARE(got, events);
        }
    }

    void chatChunks_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("content") << chunk("Hi").mid(6).trimmed() << true << QStringLiteral("Hi") << QString();
        QTest::newRow("done") << QByteArray("[DONE]") << true << QString() << QString();
        QTest::newRow("usage only") << QByteArray(R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3}})")
                                    << true << QString() << QString();
        QTest::newRow("role-only first delta") << QByteArray(R"({"choices":[{"delta":{"role":"assistant"}}]})") << true
                                               << QString() << QString();
        QTest::newRow("not JSON") << QByteArray("{oops") << false << QString() << QStringLiteral("not JSON: {oops");
        QTest::newRow("no choices") << QByteArray(R"({"id":"x"})") << false << QString() << QStringLiteral("choices");
        QTest::newRow("error in the stream") << QByteArray(R"({"error":{"message":"model overloaded"}})") << false
                                             << QString() << QStringLiteral("model overloaded");
    }

    void chatChunks()
    {
        QFETCH(QByteArray, data);
        QFETCH(bool, ok);
        QFETCH(QString, content);
        QFETCH(QString, errorPart);
        const auto c = parseChatChunk(data);
        QCOMPARE(c.ok(), ok);
        if (ok)
            QCOMPARE(c->content, content);
        else
            QVERIFY2(c.error().contains(errorPart), qPrintable(c.error()));
    }

    void completionsUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("url");
        QTest::newRow("/v1") << "http://h:8000/v1" << "http://h:8000/v1/chat/completions";
        QTest::newRow("/v1/") << "http://h:8000/v1/" << "http://h:8000/v1/chat/completions";
        QTest::newRow("host only") << "http://h:11434" << "http://h:11434/v1/chat/completions";
        QTest::newRow("full") << "https://api.x/v1/chat/completions" << "https://api.x/v1/chat/completions";
    }

    void completionsUrl()
    {
        QFETCH(QString, base);
        QFETCH(QString, url);
        QCOMPARE(RemoteRunner::completionsUrl(base).toString(), url);
    }

    void streamsTextAndFigures()
    {
        FakeOpenAiServer server;
        server.pieces = {": hello\n\n", chunk("Hel"), chunk("lo"), chunk(" there", "stop"),
                         "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n",
                         "data: [DONE]\n\n"};
        RemoteRunner runner({RunnerSpec::Kind::Remote, {}, 0, 0, server.baseUrl(), QStringLiteral("tiny"),
                             QStringLiteral("sk-test"), 5000});
        QSignalSpy tokens(&runner, &Runner::tokenReceived);
        const RunOutcome out = runOnce(runner);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.text, QStringLiteral("Hello there"));
        QCOMPARE(tokens.size(), 3);
        QCOMPARE(out.stopReason, QStringLiteral("stop"));
        QCOMPARE(out.figures.promptTokens, 9);
        QCOMPARE(out.figures.outputTokens, 3);
        QVERIFY(out.figures.ttftMs > 0);
        QVERIFY(out.figures.decodeTokS > 0);
        QVERIFY(out.figures.prefillTokS > 0);
        // The request: streaming, the model, the system prompt first, the key as a Bearer token.
        QVERIFY(server.lastRequest.startsWith("POST /v1/chat/completions "));
        QVERIFY(server.lastRequest.contains("Authorization: Bearer sk-test"));
        const QByteArray body = server.lastRequest.mid(server.lastRequest.indexOf("\r\n\r\n") + 4);
        const auto j = nlohmann::json::parse(body.toStdString());
        QCOMPARE(j["stream"].get<bool>(), true);
        QCOMPARE(j["model"].get<std::string>(), std::string("tiny"));
        QCOMPARE(j["messages"][0]["role"].get<std::string>(), std::string("system"));
        QCOMPARE(j["messages"][1]["content"].get<std::string>(), std::string("Hello"));
    }

    void failuresAreShownNotHidden_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<bool>("hold");
        QTest::addColumn<QString>("errorPart");
        QTest::addColumn<QString>("partialText");
        QTest::newRow("HTTP 401 with an OpenAI error body")
            << 401 << QList<QByteArray>{R"({"error":{"message":"Incorrect API key provided"}})"} << false
            << QStringLiteral("HTTP 401 Unauthorized: Incorrect API key provided") << QString();
        QTest::newRow("HTTP 500 with a plain body") << 500 << QList<QByteArray>{"upstream crashed"} << false
                                                    << QStringLiteral("HTTP 500 Error: upstream crashed") << QString();
        QTest::newRow("malformed event after some text")
            << 200 << QList<QByteArray>{chunk("ok"), "data: {broken\n\n"} << false << QStringLiteral("not JSON: {broken")
            << QStringLiteral("ok");
        QTest::newRow("error event in the stream")
            << 200 << QList<QByteArray>{chunk("a"), "data: {\"error\":{\"message\":\"context length exceeded\"}}\n\n"}
            << false << QStringLiteral("context length exceeded") << QStringLiteral("a");
        QTest::newRow("cut off before [DONE]") << 200 << QList<QByteArray>{chunk("a"), chunk("b")} << false
                                               << QStringLiteral("ended before the answer was complete (after 2 token")
                                               << QStringLiteral("ab");
        QTest::newRow("slow: silent longer than the timeout") << 200 << QList<QByteArray>{chunk("a")} << true
                                                              << QStringLiteral("No data from") << QStringLiteral("a");
    }

    void failuresAreShownNotHidden()
    {
        QFETCH(int, status);
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(bool, hold);
        QFETCH(QString, errorPart);
        QFETCH(QString, partialText);
        FakeOpenAiServer server;
        server.status = status;
        server.pieces = pieces;
        server.hold = hold;
        RemoteRunner runner({RunnerSpec::Kind::Remote, {}, 0, 0, server.baseUrl(), QStringLiteral("tiny"), {}, 400});
        const RunOutcome out = runOnce(runner);
        QVERIFY(!out.ok);
        QVERIFY(!out.cancelled);
        QVERIFY2(out.error.contains(errorPart), qPrintable(out.error));
        QCOMPARE(out.text, partialText);
        QVERIFY(!runner.isBusy());
    }

    void deadEndpointIsNamed()
    {
        quint16 port = 0;
        {
            QTcpServer probe;  // a port that was free a moment ago and has no listener now
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        RemoteRunner runner({RunnerSpec::Kind::Remote, {}, 0, 0, QStringLiteral("http://127.0.0.1:%1/v1").arg(port),
                             QStringLiteral("m"), {}, 5000});
        const RunOutcome out = runOnce(runner);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.startsWith(QStringLiteral("Cannot reach http://127.0.0.1:%1/v1/chat/completions").arg(port)),
                 qPrintable(out.error));
    }

    void cancelEndsTheStream()
    {
        FakeOpenAiServer server;
        server.pieces = {chunk("a")};
        server.hold = true;
        RemoteRunner runner({RunnerSpec::Kind::Remote, {}, 0, 0, server.baseUrl(), QStringLiteral("m"), {}, 10000});
        QSignalSpy tokens(&runner, &Runner::tokenReceived);
        QSignalSpy finished(&runner, &Runner::finished);
        runner.run(helloRequest());
        QVERIFY(tokens.wait(5000));
        runner.cancel();
        QTRY_COMPARE(finished.size(), 1);
        const auto out = finished.first().first().value<RunOutcome>();
        QVERIFY(out.cancelled);
        QVERIFY(out.error.isEmpty());
        QCOMPARE(out.text, QStringLiteral("a"));
    }

    void badSpecsAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("not http") << "ftp://x/v1" << "m" << "is not an http(s) URL";
        QTest::newRow("no model") << "http://x/v1" << "  " << "needs a model name";
    }

    void badSpecsAreRefusedBeforeSending()
    {
        QFETCH(QString, url);
        QFETCH(QString, model);
        QFETCH(QString, errorPart);
        RemoteRunner runner({RunnerSpec::Kind::Remote, {}, 0, 0, url, model, {}, 1000});
        QSignalSpy prepared(&runner, &Runner::prepared);
        runner.prepare();
        QVERIFY(prepared.wait(2000));
        const auto plan = prepared.first().first().value<RunnerPlan>();
        QVERIFY(!plan.ok);
        QVERIFY2(plan.error.contains(errorPart), qPrintable(plan.error));
    }
};

QTEST_GUILESS_MAIN(TestRunnersRemote)
#include "tst_runners_remote.moc"
