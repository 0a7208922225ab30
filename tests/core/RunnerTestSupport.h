#pragma once
// Shared by the tst_runners_* suites: where ../shared is and what the golden
// run of the tiny real model must produce.

#include "runners/RunnerTypes.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace ModelAtlas::Test {

inline QString sharedDir()
{
    const QByteArray env = qgetenv("MODELATLAS_SHARED_DIR");
    return env.isEmpty() ? QStringLiteral(MODELATLAS_SHARED_DIR) : QString::fromLocal8Bit(env);
}

inline QString tinyModelPath()
{
    return QDir(sharedDir()).filePath(QStringLiteral("models/aidreams260K-F32.gguf"));
}

struct GoldenRun
{
    QString prompt;
    QString text;
    int tokens = 0;
};

// The first case of golden/aidreams260K-F32.golden.json; empty prompt/text when missing.
inline GoldenRun tinyModelGolden()
{
    QFile f(QDir(sharedDir()).filePath(QStringLiteral("golden/aidreams260K-F32.golden.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject c = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("cases")).toArray().at(0).toObject();
    return {c.value(QStringLiteral("prompt")).toString(), c.value(QStringLiteral("greedy_text")).toString(),
            int(c.value(QStringLiteral("greedy_tokens")).toArray().size())};
}

// The golden request: the prompt as the only user turn, greedy, a fixed length.
inline Runners::RunRequest goldenRequest(const GoldenRun &golden)
{
    Runners::RunRequest r;
    r.history = {{QStringLiteral("user"), golden.prompt}};
    r.sampling.temperature = 0;
    r.sampling.maxTokens = golden.tokens;
    r.sampling.stopAtEos = false;
    return r;
}

} // namespace ModelAtlas::Test

#define MA_REQUIRE_TINY_MODEL()                                                                                        \
    do {                                                                                                               \
        if (!QFile::exists(ModelAtlas::Test::tinyModelPath()))                                                         \
            QSKIP(qPrintable(QStringLiteral("missing %1 (set MODELATLAS_SHARED_DIR)").arg(ModelAtlas::Test::tinyModelPath()))); \
        if (ModelAtlas::Test::tinyModelGolden().text.isEmpty())                                                        \
            QSKIP("missing golden/aidreams260K-F32.golden.json (set MODELATLAS_SHARED_DIR)");                          \
    } while (false)
