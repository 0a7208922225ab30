#include "SideBySideCommands.h"

#include "CliArguments.h"
#include "Console.h"
#include "TextTable.h"

#include "catalog/CatalogDatabase.h"
#include "runners/LocalRunner.h"
#include "runners/MeasurementStore.h"
#include "runners/RemoteRunner.h"
#include "runners/RunCoordinator.h"
#include "runners/TranscriptExport.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <memory>
#include <vector>

namespace ModelAtlas::Cli {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Cli::SideBySide)
};

struct Invocation
{
    QList<Runners::RunnerSpec> runners;
    Runners::RunRequest request;
    bool json = false;
    bool store = true;
};

// Runner options attach to the runner named last (-m or --endpoint), so
// `--endpoint A --model x --endpoint B --model y` describes two endpoints.
Result<Invocation> parse(const QStringList &args)
{
    using R = Result<Invocation>;
    Invocation inv;
    inv.request.sampling.maxTokens = 128;
    QString prompt;
    int ctx = 4096;
    int threads = 0;
    auto backend = modelatlas::engine::cuda::BackendChoice::Auto;
    auto kvType = modelatlas::engine::KvCacheType::F16;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--json")) {
            inv.json = true;
            continue;
        }
        if (a == QLatin1String("--no-store")) {
            inv.store = false;
            continue;
        }
        if (i + 1 >= args.size())
            return R::failure(Text::tr("%1 needs a value.").arg(a));
        const QString v = args[++i];
        const auto number = [&](double min, double max) { return parseNumber(a, v, min, max); };
        if (a == QLatin1String("-m") || a == QLatin1String("--model-file")) {
            Runners::RunnerSpec s;
            s.path = v;
            inv.runners << s;
        } else if (a == QLatin1String("--endpoint")) {
            Runners::RunnerSpec s;
            s.kind = Runners::RunnerSpec::Kind::Remote;
            s.baseUrl = v;
            inv.runners << s;
        } else if (a == QLatin1String("--model") || a == QLatin1String("--api-key") || a == QLatin1String("--timeout")) {
            if (inv.runners.isEmpty() || inv.runners.last().isLocal())
                return R::failure(Text::tr("%1 belongs to an --endpoint; put it after the --endpoint it is for.").arg(a));
            if (a == QLatin1String("--model")) {
                inv.runners.last().model = v;
            } else if (a == QLatin1String("--api-key")) {
                inv.runners.last().apiKey = v;
            } else {
                const auto s = number(0.1, 3600);
                if (!s)
                    return R::failure(s.error());
                inv.runners.last().timeoutMs = int(s.value() * 1000);
            }
        } else if (a == QLatin1String("-p") || a == QLatin1String("--prompt")) {
            prompt = v;
        } else if (a == QLatin1String("--system")) {
            inv.request.systemPrompt = v;
        } else if (a == QLatin1String("--max-tokens") || a == QLatin1String("-n")) {
            const auto n = number(1, 1e6);
            if (!n)
                return R::failure(n.error());
            inv.request.sampling.maxTokens = int(n.value());
        } else if (a == QLatin1String("--temperature")) {
            const auto t = number(0, 5);
            if (!t)
                return R::failure(t.error());
            inv.request.sampling.temperature = t.value();
        } else if (a == QLatin1String("--seed")) {
            const auto s = number(0, 4294967295.0);
            if (!s)
                return R::failure(s.error());
            inv.request.sampling.seed = quint64(s.value());
        } else if (a == QLatin1String("--ctx")) {
            const auto c = parseTokenCount(a, v);
            if (!c)
                return R::failure(c.error());
            ctx = int(c.value());
        } else if (a == QLatin1String("--threads")) {
            const auto t = number(0, 1024);
            if (!t)
                return R::failure(t.error());
            threads = int(t.value());
        } else if (a == QLatin1String("--backend")) {
            const auto choice = modelatlas::engine::cuda::parseBackendChoice(v.toStdString());
            if (!choice)
                return R::failure(Text::tr("--backend takes auto, cpu or cuda, not \"%1\".").arg(v));
            backend = *choice;
        } else if (a == QLatin1String("--kv-type")) {
            const auto type = modelatlas::engine::parseKvCacheType(v.toStdString());
            if (!type)
                return R::failure(Text::tr("--kv-type takes f16 or q8_0, not \"%1\".").arg(v));
            kvType = *type;
        } else {
            return R::failure(Text::tr("unknown option %1.").arg(a));
        }
    }
    if (inv.runners.isEmpty())
        return R::failure(Text::tr("name at least one runner: -m FILE.gguf or --endpoint URL --model NAME."));
    if (prompt.isEmpty())
        return R::failure(Text::tr("-p PROMPT is required."));
    for (Runners::RunnerSpec &s : inv.runners) {
        s.contextLength = ctx;
        s.threads = threads;
        s.backend = backend;
        s.kvType = kvType;
    }
    inv.request.history = {{QStringLiteral("user"), prompt}};
    return inv;
}

QString label(int index, const Runners::RunnerSpec &spec)
{
    return QStringLiteral("[%1] %2").arg(index + 1).arg(spec.displayName());
}

QString figuresLine(const Runners::RunFigures &f)
{
    QString s = Text::tr("TTFT %1 ms, prefill %2 tok/s, decode %3 tok/s, %4 prompt + %5 output tokens")
                    .arg(f.ttftMs, 0, 'f', 1)
                    .arg(f.prefillTokS, 0, 'f', 1)
                    .arg(f.decodeTokS, 0, 'f', 1)
                    .arg(f.promptTokens)
                    .arg(f.outputTokens);
    if (!f.device.isEmpty())
        s = Text::tr("%1: %2").arg(f.device, s);
    if (f.predictedBytes > 0)
        s += (f.onGpu ? Text::tr("; GPU memory %1 measured, %2 predicted (%3%4%)%5")
                      : Text::tr("; memory %1 measured, %2 predicted (%3%4%)%5"))
                 .arg(Runners::formatBytes(f.peakBytes), Runners::formatBytes(f.predictedBytes),
                      f.memoryErrorPercent() >= 0 ? QStringLiteral("+") : QString())
                 .arg(f.memoryErrorPercent(), 0, 'f', 1)
                 .arg(f.memoryShared ? Text::tr(", shared with other models") : QString());
    return s;
}

} // namespace

const char *sideBySideHelp()
{
    return R"(Playground without a window:
  side-by-side RUNNER... -p PROMPT [--json]   the same prompt on every runner, text and measured figures
      -m FILE.gguf            a local model run by the built-in engine (repeatable)
      --endpoint URL --model NAME [--api-key KEY] [--timeout S]
                              an OpenAI-compatible server, e.g. http://localhost:8000/v1 (repeatable)
      --system TEXT  --max-tokens N (128)  --temperature T (0: greedy)  --seed N
      --ctx N (4096)  --threads N (all)   --no-store   do not store local runs as measurements
      --backend auto|cpu|cuda (auto)  where local models run: auto takes the GPU when the planner
                              predicts the model fits its free memory, else the CPU, and says why
      --kv-type f16|q8_0 (f16)  how local models cache K and V (q8_0: 47% less memory)
      Local models run at the same time when the planner predicts they fit in memory together,
      else one after the other; a model too large for memory is not loaded.
)";
}

int runSideBySide(Catalog::CatalogDatabase &db, const QStringList &args)
{
    const auto parsed = parse(args);
    if (!parsed) {
        printError(parsed.error() + Text::tr(" See `modelatlas-cli help`."));
        return ExitUsage;
    }
    const Invocation &inv = parsed.value();
    std::vector<std::unique_ptr<Runners::Runner>> runners;
    QList<Runners::Runner *> pointers;
    for (const Runners::RunnerSpec &spec : inv.runners) {
        if (spec.isLocal())
            runners.push_back(std::make_unique<Runners::LocalRunner>(spec));
        else
            runners.push_back(std::make_unique<Runners::RemoteRunner>(spec));
        pointers << runners.back().get();
    }
    QList<Runners::RunRequest> requests;
    for (qsizetype i = 0; i < pointers.size(); ++i)
        requests << inv.request;
    Runners::RunCoordinator run(pointers, requests);
    QEventLoop loop;
    QObject::connect(&run, &Runners::RunCoordinator::finished, &loop, &QEventLoop::quit);
    QObject::connect(&run, &Runners::RunCoordinator::scheduled, &loop, [](const Runners::Schedule &s) {
        if (!s.reason.isEmpty())
            printError(s.reason);
    });
    run.start();
    if (!run.isFinished())
        loop.exec();

    Runners::MeasurementStore store(db.db());
    nlohmann::json out = nlohmann::json::array();
    QString text;
    TextTable table({Text::tr("Runner"), Text::tr("Status"), Text::tr("TTFT ms"), Text::tr("Prefill tok/s"), Text::tr("Decode tok/s"), Text::tr("Tokens"),
                     Text::tr("Memory"), Text::tr("Predicted"), Text::tr("Error")});
    bool allOk = true;
    for (int i = 0; i < int(inv.runners.size()); ++i) {
        const Runners::RunnerSpec &spec = inv.runners[i];
        const Runners::RunOutcome &o = run.outcomes()[i];
        allOk = allOk && o.ok;
        nlohmann::json r = {{"runner", spec.displayName().toStdString()},
                            {"kind", spec.isLocal() ? "local" : "remote"},
                            {"ok", o.ok},
                            {"text", o.text.toStdString()},
                            {"stop_reason", o.stopReason.toStdString()},
                            {"figures", Runners::figuresJson(o.figures)}};
        if (!o.error.isEmpty())
            r["error"] = o.error.toStdString();
        if (!o.note.isEmpty()) {
            r["note"] = o.note.toStdString();
            if (!inv.json)
                printError(QStringLiteral("%1: %2").arg(label(i, spec), o.note));
        }
        if (inv.store && spec.isLocal() && o.ok) {
            if (const auto id = store.store(spec, o))
                r["measurement_id"] = id.value();
            else
                printError(id.error());
        }
        out.push_back(r);
        text += QStringLiteral("== %1 ==\n").arg(label(i, spec));
        text += o.ok ? o.text + QLatin1Char('\n') + QStringLiteral("-- ") + figuresLine(o.figures) + QLatin1Char('\n')
                     : Text::tr("error: %1\n").arg(o.error);
        text += QLatin1Char('\n');
        const Runners::RunFigures &f = o.figures;
        table.addRow({label(i, spec), o.ok ? o.stopReason : Text::tr("failed"), QString::number(f.ttftMs, 'f', 1),
                      QString::number(f.prefillTokS, 'f', 1), QString::number(f.decodeTokS, 'f', 1),
                      QString::number(f.outputTokens),
                      f.predictedBytes ? Runners::formatBytes(f.peakBytes) : QStringLiteral("-"),
                      f.predictedBytes ? Runners::formatBytes(f.predictedBytes) : QStringLiteral("-"),
                      f.predictedBytes && f.peakBytes ? QStringLiteral("%1%").arg(f.memoryErrorPercent(), 0, 'f', 1)
                                                      : QStringLiteral("-")});
    }
    if (inv.json) {
        nlohmann::json schedule = {{"concurrent", run.schedule().concurrent()},
                                   {"reason", run.schedule().reason.toStdString()},
                                   {"budget_bytes", run.schedule().budgetBytes},
                                   {"gpu_budget_bytes", run.schedule().gpuBudgetBytes}};
        nlohmann::json waves = nlohmann::json::array();
        for (const QList<int> &w : run.schedule().waves) {
            nlohmann::json wave = nlohmann::json::array();
            for (int i : w)
                wave.push_back(i);
            waves.push_back(wave);
        }
        schedule["waves"] = waves;
        printJson({{"schedule", schedule}, {"runners", out}});
    } else {
        printOut(text + table.render());
    }
    return allOk ? ExitOk : ExitFailure;
}

} // namespace ModelAtlas::Cli
