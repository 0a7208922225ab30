#include "UseCase.h"

#include <algorithm>

namespace ModelAtlas::Recommend {

const std::vector<UseCase> &allUseCases()
{
    static const std::vector<UseCase> all = {UseCase::General, UseCase::Coding, UseCase::MathReasoning,
                                             UseCase::Multilingual, UseCase::LongContext, UseCase::Rag,
                                             UseCase::Chat, UseCase::Edge, UseCase::Agentic};
    return all;
}

QString useCaseId(UseCase u)
{
    switch (u) {
    case UseCase::General: return QStringLiteral("general");
    case UseCase::Coding: return QStringLiteral("coding");
    case UseCase::MathReasoning: return QStringLiteral("math-reasoning");
    case UseCase::Multilingual: return QStringLiteral("multilingual");
    case UseCase::LongContext: return QStringLiteral("long-context");
    case UseCase::Rag: return QStringLiteral("rag");
    case UseCase::Chat: return QStringLiteral("chat");
    case UseCase::Edge: return QStringLiteral("edge");
    case UseCase::Agentic: return QStringLiteral("agentic");
    }
    return {};
}

std::optional<UseCase> useCaseById(const QString &id)
{
    for (UseCase u : allUseCases())
        if (useCaseId(u) == id.trimmed().toLower())
            return u;
    return std::nullopt;
}

const std::vector<BenchmarkWeight> &benchmarkWeights(UseCase u)
{
    // Weights follow what the seeds cite for each use: coding rows quote
    // HumanEval, LiveCodeBench and SWE-bench; reasoning rows MATH-500, AIME
    // and GPQA; chat rows Arena Elo and IFEval.
    static const std::vector<BenchmarkWeight> coding = {
        {"humaneval", 1.0}, {"livecodebench", 1.0}, {"swe-bench-verified", 1.0}, {"swe-bench", 1.0},
        {"coding-leaderboard-15", 1.0}, {"humaneval-plus", 0.5}, {"mbpp", 0.5}, {"bigcodebench", 0.5},
        {"mmlu", 0.2}};
    static const std::vector<BenchmarkWeight> math = {
        {"math-500", 1.0}, {"aime-2024", 1.0}, {"aime-2025", 1.0}, {"aime", 1.0}, {"gpqa-diamond", 0.8},
        {"math", 0.7}, {"gsm8k", 0.3}, {"mmlu-pro", 0.3}, {"mmlu", 0.2}};
    static const std::vector<BenchmarkWeight> multilingual = {
        {"mmlu-8lang", 1.0}, {"c-eval", 0.5}, {"cmmlu", 0.5}, {"jmmlu", 0.5}, {"kmmlu", 0.5}, {"mmlu", 0.4},
        {"mmlu-pro", 0.3}};
    static const std::vector<BenchmarkWeight> longContext = {
        {"ruler", 1.0}, {"longbench", 1.0}, {"needle-in-a-haystack", 0.7}, {"mmlu", 0.2}};
    static const std::vector<BenchmarkWeight> rag = {
        {"ifeval", 0.8}, {"hallucination-rate", 0.8}, {"mmlu-pro", 0.4}, {"mmlu", 0.3}};
    static const std::vector<BenchmarkWeight> chat = {
        {"lmarena-elo", 1.0}, {"arena-hard", 1.0}, {"mt-bench", 0.8}, {"ifeval", 0.6}, {"mmlu", 0.3}};
    static const std::vector<BenchmarkWeight> agentic = {
        {"swe-bench-verified", 1.0}, {"swe-bench", 1.0}, {"ifeval", 0.7}, {"livecodebench", 0.5}, {"mmlu-pro", 0.3}};
    static const std::vector<BenchmarkWeight> general = {
        {"mmlu-pro", 1.0}, {"mmlu", 0.8}, {"gpqa-diamond", 0.6}, {"lmarena-elo", 0.6}, {"ifeval", 0.4}};
    switch (u) {
    case UseCase::Coding: return coding;
    case UseCase::MathReasoning: return math;
    case UseCase::Multilingual: return multilingual;
    case UseCase::LongContext: return longContext;
    case UseCase::Rag: return rag;
    case UseCase::Chat: return chat;
    case UseCase::Agentic: return agentic;
    case UseCase::General:
    case UseCase::Edge: return general; // edge is decided by what fits; quality is general quality
    }
    return general;
}

QString languageUseCase(const QString &language)
{
    const QString l = language.trimmed().toLower();
    if (l == QLatin1String("chinese") || l == QLatin1String("zh") || l == QLatin1String("mandarin") || l == QStringLiteral("中文"))
        return QStringLiteral("chinese");
    if (l == QLatin1String("japanese") || l == QLatin1String("ja") || l == QStringLiteral("日本語"))
        return QStringLiteral("japanese");
    if (l == QLatin1String("korean") || l == QLatin1String("ko") || l == QStringLiteral("한국어"))
        return QStringLiteral("korean");
    return {};
}

QList<EndorsementTable> endorsementTables(UseCase u, const QStringList &languages)
{
    QList<EndorsementTable> out{{useCaseId(u), 1.0}};
    if (u == UseCase::Chat)
        out << EndorsementTable{QStringLiteral("general"), 0.5};
    for (const QString &lang : languages) {
        const QString table = languageUseCase(lang);
        const bool listed = std::any_of(out.cbegin(), out.cend(), [&table](const EndorsementTable &t) { return t.useCase == table; });
        if (!table.isEmpty() && !listed)
            out << EndorsementTable{table, 1.0};
    }
    // A pick for the very language asked for is stronger evidence than a
    // generic "multilingual" one: the latter drops to half weight.
    if (out.size() > 1 && u == UseCase::Multilingual)
        out.first().weight = 0.5;
    return out;
}

} // namespace ModelAtlas::Recommend
