#include "TranscriptExport.h"

#include <QCoreApplication>

namespace ModelAtlas::Runners {

namespace {
// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::TranscriptExport)
};

QString status(const RunOutcome &o)
{
    if (o.cancelled)
        return Text::tr("cancelled");
    if (!o.ok)
        return Text::tr("failed: %1").arg(o.error);
    return o.stopReason.isEmpty() ? Text::tr("done") : o.stopReason;
}
} // namespace

nlohmann::json figuresJson(const RunFigures &f)
{
    nlohmann::json j = {{"ttft_ms", f.ttftMs},           {"prefill_tok_s", f.prefillTokS},
                        {"decode_tok_s", f.decodeTokS},   {"prompt_tokens", f.promptTokens},
                        {"output_tokens", f.outputTokens}, {"load_ms", f.loadMs}};
    if (!f.device.isEmpty()) {
        j["device"] = f.device.toStdString();
        j["on_gpu"] = f.onGpu;
    }
    if (f.predictedBytes > 0) {
        j["peak_bytes"] = f.peakBytes;
        j["predicted_bytes"] = f.predictedBytes;
        j["memory_error_percent"] = f.memoryErrorPercent();
        j["memory_shared"] = f.memoryShared;
    }
    return j;
}

QByteArray transcriptJson(const QList<TranscriptEntry> &entries)
{
    nlohmann::json runs = nlohmann::json::array();
    for (const TranscriptEntry &e : entries) {
        nlohmann::json r = {{"runner", e.runner.toStdString()},
                            {"prompt", e.prompt.toStdString()},
                            {"text", e.outcome.text.toStdString()},
                            {"ok", e.outcome.ok},
                            {"cancelled", e.outcome.cancelled},
                            {"stop_reason", e.outcome.stopReason.toStdString()},
                            {"figures", figuresJson(e.outcome.figures)}};
        if (!e.outcome.error.isEmpty())
            r["error"] = e.outcome.error.toStdString();
        if (!e.outcome.note.isEmpty())
            r["note"] = e.outcome.note.toStdString();
        runs.push_back(r);
    }
    return QByteArray::fromStdString(nlohmann::json{{"runs", runs}}.dump(2));
}

QString transcriptMarkdown(const QList<TranscriptEntry> &entries)
{
    QString md = Text::tr("# Playground transcript\n");
    QString lastPrompt;
    bool first = true;
    for (const TranscriptEntry &e : entries) {
        if (first || e.prompt != lastPrompt) {
            md += Text::tr("\n## Prompt\n\n") + e.prompt + QLatin1Char('\n');
            lastPrompt = e.prompt;
            first = false;
        }
        const RunFigures &f = e.outcome.figures;
        md += QStringLiteral("\n### %1\n\n").arg(e.runner);
        md += e.outcome.text.isEmpty() ? Text::tr("_(no text)_") : e.outcome.text;
        md += QStringLiteral("\n\n");
        md += Text::tr("- status: %1\n").arg(status(e.outcome));
        md += Text::tr("- TTFT %1 ms, prefill %2 tok/s, decode %3 tok/s, %4 prompt + %5 output tokens\n")
                  .arg(f.ttftMs, 0, 'f', 1)
                  .arg(f.prefillTokS, 0, 'f', 1)
                  .arg(f.decodeTokS, 0, 'f', 1)
                  .arg(f.promptTokens)
                  .arg(f.outputTokens);
        if (f.predictedBytes > 0)
            md += Text::tr("- memory: measured %1 MiB, predicted %2 MiB (%3%)\n")
                      .arg(double(f.peakBytes) / 1048576.0, 0, 'f', 1)
                      .arg(double(f.predictedBytes) / 1048576.0, 0, 'f', 1)
                      .arg(f.memoryErrorPercent(), 0, 'f', 1);
    }
    return md;
}

} // namespace ModelAtlas::Runners
