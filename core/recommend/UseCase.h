#pragma once

#include <QString>
#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

namespace ModelAtlas::Recommend {

// What the user wants the model for: the wizard's first question.
enum class UseCase { General, Coding, MathReasoning, Multilingual, LongContext, Rag, Chat, Edge, Agentic };

const std::vector<UseCase> &allUseCases();
QString useCaseId(UseCase u);              // "coding", "math-reasoning", ...
std::optional<UseCase> useCaseById(const QString &id);

// A benchmark that speaks for a use case and how much it counts.
struct BenchmarkWeight
{
    const char *benchmarkId;
    double weight;
};
// The benchmarks a use case is judged on, strongest evidence first. General
// knowledge (MMLU family) closes every list at a low weight, so a model the
// seeds scored only on MMLU still gets a (weak) quality signal.
const std::vector<BenchmarkWeight> &benchmarkWeights(UseCase u);

// A `use_case` table of data/recommendations.json and how much one of its
// mentions counts for a request.
struct EndorsementTable
{
    QString useCase;
    double weight;
};
// The tables that endorse a model for `u`: its own at full weight, related
// ones at half (Chat also reads "general"). Languages add the seeds'
// regional tables at full weight ("Japanese" -> "japanese"), and then the
// generic multilingual table counts half.
QList<EndorsementTable> endorsementTables(UseCase u, const QStringList &languages = {});

// The regional recommendation table for a language name ("Chinese", "zh",
// "日本語" ...), empty when the seeds have none for it.
QString languageUseCase(const QString &language);

} // namespace ModelAtlas::Recommend
