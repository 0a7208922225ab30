#pragma once
// Transcripts and figures of side-by-side runs as Markdown (to read and paste
// into a review) and JSON (to process).

#include "RunnerTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Runners {

// One answer of one runner to one prompt.
struct TranscriptEntry
{
    QString runner;   // the pane's label ("A", or the model when not blind)
    QString prompt;
    RunOutcome outcome;
};

nlohmann::json figuresJson(const RunFigures &figures);
QByteArray transcriptJson(const QList<TranscriptEntry> &entries);
QString transcriptMarkdown(const QList<TranscriptEntry> &entries);

} // namespace ModelAtlas::Runners
