#include "PlanCommands.h"

#include "CliArguments.h"
#include "Console.h"
#include "TextTable.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogQuery.h"
#include "fit/FitMatrix.h"
#include "hardware/GpuCatalog.h"
#include "planner/Calibration.h"
#include "planner/CatalogModels.h"
#include "planner/GgufModel.h"
#include "planner/Planner.h"

#include <cmath>

namespace ModelAtlas::Cli {

using namespace ModelAtlas::Planner;
using json = nlohmann::json;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

QString gib(double bytes) { return QString::number(bytes / kGiB, 'f', 2); }
QString tokS(double v) { return v > 0 && std::isfinite(v) ? QString::number(v, 'f', v < 10 ? 1 : 0) : QStringLiteral("-"); }

struct Options
{
    QString model, gguf, quant, gpu, backend, kv, parallel;
    double ctx = 4096, users = 1, ram = 0, prompt = 1024, gpuLayers = -1, overhead = -1, cpuBandwidth = 0, cpuCores = 0;
    bool json = false, expertsOnCpu = false, ctxGiven = false, calibration = true;
};

// Parses the options both commands share; returns an error message or empty.
QString parse(const QStringList &args, Options &o)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--json")) { o.json = true; continue; }
        if (a == QLatin1String("--cpu-moe")) { o.expertsOnCpu = true; continue; }
        if (a == QLatin1String("--no-calibration")) { o.calibration = false; continue; }
        if (i + 1 >= args.size())
            return QStringLiteral("%1 needs a value (or is not an option; see `modelatlas-cli help`).").arg(a);
        const QString v = args[++i];
        const auto number = [&](double &out, double lo, double hi) -> QString {
            const auto r = parseNumber(a, v, lo, hi);
            if (!r) return r.error();
            out = r.value();
            return {};
        };
        QString err;
        if (a == QLatin1String("--model")) o.model = v;
        else if (a == QLatin1String("--gguf")) o.gguf = v;
        else if (a == QLatin1String("--quant")) o.quant = v;
        else if (a == QLatin1String("--gpu")) o.gpu = v;
        else if (a == QLatin1String("--backend")) o.backend = v;
        else if (a == QLatin1String("--kv")) o.kv = v;
        else if (a == QLatin1String("--parallel")) o.parallel = v;
        else if (a == QLatin1String("--ctx")) {
            const auto r = parseTokenCount(a, v);
            if (!r) return r.error();
            if (!(r.value() >= 1 && r.value() <= double(1 << 24)))
                return QStringLiteral("--ctx must be between 1 and 16M tokens.");
            o.ctx = r.value();
            o.ctxGiven = true;
        } else if (a == QLatin1String("--prompt")) {
            const auto r = parseTokenCount(a, v);
            if (!r) return r.error();
            if (!(r.value() >= 1 && r.value() <= double(1 << 24)))
                return QStringLiteral("--prompt must be between 1 and 16M tokens.");
            o.prompt = r.value();
        }
        else if (a == QLatin1String("--users")) err = number(o.users, 1, 100000);
        else if (a == QLatin1String("--ram")) err = number(o.ram, 0, 1e6);
        else if (a == QLatin1String("--gpu-layers") || a == QLatin1String("-ngl")) err = number(o.gpuLayers, 0, 1024);
        else if (a == QLatin1String("--overhead")) err = number(o.overhead, 0, 1024);
        else if (a == QLatin1String("--cpu-bw")) err = number(o.cpuBandwidth, 0.1, 100000);
        else if (a == QLatin1String("--cpu-cores")) err = number(o.cpuCores, 1, 4096);
        else return QStringLiteral("unknown option %1.").arg(a);
        if (!err.isEmpty())
            return err;
    }
    if (o.users != std::floor(o.users))
        return QStringLiteral("--users must be a whole number.");
    return {};
}

struct Setup
{
    Hardware::HardwareProfile hw;
    Deployment dep;
    Workload wl;
    EfficiencyTable efficiency;   // defaults, or calibrated from this machine's measured runs
};

QString buildSetup(Catalog::CatalogDatabase &db, const Options &o, Setup &s, bool needGpu)
{
    if (o.gpu.isEmpty() && needGpu)
        return QStringLiteral("--gpu is required (a catalog GPU id or name, e.g. h100-sxm-80gb or rtx-4090x2; \"cpu\" for CPU only).");
    if (o.gpu.compare(QLatin1String("cpu"), Qt::CaseInsensitive) == 0) {
        s.hw.gpuCount = 0;
    } else if (!o.gpu.isEmpty()) {
        // A saved hardware profile of that name, or a catalog card ("h100x2").
        const auto profile = Hardware::resolveHardware(db.db(), o.gpu);
        if (!profile) return profile.error();
        s.hw = profile.value();
    }
    s.hw.name = o.gpu;
    if (o.ram > 0 || s.hw.systemRamGiB <= 0)
        s.hw.systemRamGiB = o.ram;
    s.wl.context = int64_t(o.ctx);
    s.wl.users = int(o.users);
    s.wl.promptTokens = int64_t(o.prompt);
    if (!o.kv.isEmpty()) {
        const auto kv = kvTypeByName(o.kv);
        if (!kv) return QStringLiteral("--kv must be f16, q8_0 or q4_0 (got \"%1\").").arg(o.kv);
        s.wl.kvType = *kv;
    }
    if (!o.backend.isEmpty()) {
        const auto b = backendByName(o.backend);
        if (!b) return QStringLiteral("--backend must be auto, llama.cpp, llama.cpp-cpu, metal, vllm, modelatlas-cpu or modelatlas-cuda (got \"%1\").").arg(o.backend);
        s.dep.backend = *b;
    }
    if (!o.parallel.isEmpty()) {
        if (o.parallel == QLatin1String("tensor") || o.parallel == QLatin1String("tp")) s.dep.parallelism = Parallelism::Tensor;
        else if (o.parallel == QLatin1String("pipeline") || o.parallel == QLatin1String("pp") || o.parallel == QLatin1String("layer"))
            s.dep.parallelism = Parallelism::Pipeline;
        else return QStringLiteral("--parallel must be tensor or pipeline.");
    }
    s.dep.gpuLayers = int(o.gpuLayers);
    s.dep.offloadExperts = o.expertsOnCpu ? 1 : -1;
    s.dep.overheadGiB = o.overhead;
    if (o.cpuBandwidth > 0)
        s.hw.cpuBandwidthGBs = o.cpuBandwidth;
    if (o.cpuCores > 0)
        s.hw.cpuCores = int(o.cpuCores);
    if (o.calibration) {
        // Measured runs are user data; unreadable ones must not block planning.
        if (const auto c = calibrationFromDatabase(db.db()))
            s.efficiency = c->table;
        else
            printError(QStringLiteral("warning: measured runs ignored: %1").arg(c.error()));
    }
    return {};
}

json planJson(const ModelAtlas::Planner::Plan &p, const ModelShape &shape, const WeightLayout &layout, const QString &quant)
{
    json devices = json::array();
    for (const DeviceUse &d : p.devices)
        devices.push_back({{"name", utf8(d.name)}, {"gpu", d.gpu}, {"weights_bytes", d.weights}, {"kv_cache_bytes", d.kvCache},
                           {"compute_bytes", d.compute}, {"overhead_bytes", d.overhead}, {"total_bytes", d.total()},
                           {"capacity_bytes", d.capacity}, {"headroom_bytes", d.headroom()},
                           {"first_layer", d.firstLayer}, {"layers", d.layerCount}});
    json groups = json::object();
    for (size_t g = 0; g < size_t(WeightGroup::Count); ++g)
        groups[groupName(WeightGroup(g))] = layout.byGroup[g];
    json j = {{"model", utf8(shape.id)}, {"quant", utf8(quant)}, {"weights_source", utf8(layout.source)},
              {"verdict", verdictName(p.verdict)}, {"reason", utf8(p.reason)}, {"backend", backendId(p.backend)},
              {"parallelism", parallelismName(p.parallelism)}, {"tensor_parallel", p.tensorParallel},
              {"pipeline_parallel", p.pipelineParallel}, {"gpu_layers", p.gpuLayers}, {"n_layers", p.nLayers},
              {"experts_on_cpu", p.expertsOnCpu}, {"weights_bytes", layout.totalBytes}, {"weights_by_group", groups},
              {"params", layout.params}, {"active_params", layout.activeParams},
              {"kv_bytes_per_token", p.kvBytesPerToken}, {"kv_cache_bytes", p.kvBytes},
              {"headroom_bytes", p.headroomBytes}, {"max_context", p.maxContext}, {"devices", devices}};
    if (p.speed.known)
        j["speed"] = {{"decode_tok_s", p.speed.decodeTokS}, {"aggregate_tok_s", p.speed.aggregateTokS},
                      {"prefill_tok_s", p.speed.prefillTokS}, {"ttft_s", p.speed.ttftSeconds},
                      {"compute_bound", p.speed.computeBound},
                      {"cpu_attention_share", p.speed.cpuAttentionShare}, {"bytes_per_token", p.speed.bytesPerToken},
                      {"efficiency_source", utf8(p.speed.efficiency.source)}};
    else
        j["speed"] = nullptr;
    return j;
}

} // namespace

const char *planCommandsHelp()
{
    return R"(  plan --model M [--gguf FILE] --quant Q --gpu NAME[xK] [options] [--json]
                              memory per device, verdict, max context and speed
      --ctx N  --users U      context per sequence (32768, 128K) and concurrent sequences
      --ram GB                system RAM for CPU offload     --prompt N   prompt length for TTFT
      --kv f16|q8_0|q4_0      KV-cache type                   --cpu-moe    routed experts in RAM
      --backend auto|llama.cpp|vllm|metal|cpu|modelatlas-cpu|modelatlas-cuda
      --parallel tensor|pipeline   --gpu-layers N
      --overhead GiB          runtime overhead per GPU (default per backend)
      --gpu cpu               plan for CPU only   --cpu-bw GB/s   --cpu-cores N   (the CPU's memory bandwidth, cores)
      --no-calibration        ignore this machine's measured runs (built-in efficiencies only)
  fit --gpu NAME[xK] [--ram GB] [--ctx N] [--users U] [--json]
                              every catalog model x 12 quantizations: verdict, best quant, max context, tok/s
  fit --model M --quant Q [--ctx N] [--json]
                              which catalog GPU configurations (x1/2/4/8) run the model
)";
}

int runPlan(Catalog::CatalogDatabase &db, const QStringList &args)
{
    Options o;
    if (const QString err = parse(args, o); !err.isEmpty()) {
        printError(err);
        return ExitUsage;
    }
    if (o.model.isEmpty() && o.gguf.isEmpty()) {
        printError(QStringLiteral("plan needs --model M (a catalog model) or --gguf FILE."));
        return ExitUsage;
    }
    Setup s;
    if (const QString err = buildSetup(db, o, s, true); !err.isEmpty()) {
        printError(err);
        return ExitUsage;
    }

    ModelShape shape;
    WeightLayout layout;
    QString quantName;
    std::optional<Quant> quant;
    if (!o.gguf.isEmpty()) {
        const auto m = readGgufModel(o.gguf);
        if (!m) {
            printError(m.error());
            return ExitFailure;
        }
        shape = m->shape;
        layout = m->layout;
        quantName = m->fileType;
        quant = quantByName(m->fileType);
        if (!o.model.isEmpty())
            shape.id = o.model;
    } else {
        if (o.quant.isEmpty()) {
            printError(QStringLiteral("plan needs --quant (F16, BF16, FP8, Q8_0, Q6_K, Q5_K_M, Q5_K_S, Q4_K_M, Q4_K_S, Q4_0, Q3_K_M, Q2_K, GPTQ, AWQ)."));
            return ExitUsage;
        }
        quant = quantByName(o.quant);
        if (!quant) {
            printError(QStringLiteral("Unknown quantization \"%1\". Known: F32, F16, BF16, FP8, Q8_0, Q6_K, Q5_K_M, Q5_K_S, Q4_K_M, Q4_K_S, Q4_0, Q3_K_M, Q2_K, GPTQ, AWQ.").arg(o.quant));
            return ExitUsage;
        }
        const auto id = Catalog::CatalogQuery(db.db()).resolveModel(o.model);
        if (!id) {
            printError(id.error());
            return ExitFailure;
        }
        const auto shapes = loadCatalogShapes(db.db());
        if (!shapes) {
            printError(shapes.error());
            return ExitFailure;
        }
        const ModelShape *found = shapes->find(id.value());
        if (!found) {
            printError(QStringLiteral("The catalog has no architecture (layers, heads, ...) for %1, so it cannot be planned from the catalog; use --gguf FILE.").arg(id.value()));
            return ExitFailure;
        }
        shape = *found;
        layout = layoutFor(shape, *quant);
        quantName = QString::fromLatin1(quantInfo(*quant).name);
    }
    if (!o.ctxGiven && shape.maxContext > 0)
        s.wl.context = std::min<int64_t>(s.wl.context, shape.maxContext);

    PlanInput in;
    in.shape = &shape;
    in.layout = &layout;
    in.hardware = s.hw;
    in.workload = s.wl;
    in.deployment = s.dep;
    in.quant = quant;
    in.efficiency = &s.efficiency;
    const auto p = plan(in);
    if (!p) {
        printError(p.error());
        return ExitUsage;
    }
    if (o.json) {
        printJson(planJson(p.value(), shape, layout, quantName));
        return ExitOk;
    }
    QString out;
    out += QStringLiteral("%1 %2 on %3 — %4 (%5)\n").arg(shape.name, quantName,
                                                         s.hw.gpuCount > 0 ? QStringLiteral("%1 x %2").arg(s.hw.gpuCount).arg(s.hw.gpu.name) : QStringLiteral("CPU"),
                                                         QString::fromLatin1(verdictName(p->verdict)), QString::fromLatin1(backendId(p->backend)));
    out += p->reason + QLatin1Char('\n');
    out += QStringLiteral("weights %1 GiB (%2); KV cache %3 GiB at %4 tokens x %5 user(s) (%6 B/token)\n")
               .arg(gib(double(layout.totalBytes)), layout.source, gib(double(p->kvBytes)))
               .arg(s.wl.context).arg(s.wl.users).arg(p->kvBytesPerToken);
    QStringList groups;
    for (size_t g = 0; g < size_t(WeightGroup::Count); ++g)
        if (layout.byGroup[g] > 0)
            groups << QStringLiteral("%1 %2").arg(QLatin1String(groupName(WeightGroup(g))), gib(double(layout.byGroup[g])));
    out += QStringLiteral("weights by group (GiB): %1\n\n").arg(groups.join(QStringLiteral(", ")));
    TextTable t({QStringLiteral("device"), QStringLiteral("layers"), QStringLiteral("weights"), QStringLiteral("KV"),
                 QStringLiteral("compute"), QStringLiteral("overhead"), QStringLiteral("total"), QStringLiteral("capacity"),
                 QStringLiteral("headroom")});
    for (const DeviceUse &d : p->devices)
        t.addRow({d.name, QString::number(d.layerCount), gib(double(d.weights)), gib(double(d.kvCache)), gib(double(d.compute)),
                  gib(double(d.overhead)), gib(double(d.total())), d.capacity ? gib(double(d.capacity)) : QStringLiteral("?"),
                  d.capacity ? gib(double(d.headroom())) : QStringLiteral("?")});
    out += t.render();
    out += QStringLiteral("\nmax context that fits: %1 tokens\n").arg(p->maxContext);
    if (p->speed.known)
        out += QStringLiteral("decode %1 tok/s per user, %2 tok/s aggregate (%3); prefill %4 tok/s; TTFT %5 s for %6 prompt tokens\n")
                   .arg(tokS(p->speed.decodeTokS), tokS(p->speed.aggregateTokS),
                        decodeBoundText(p->speed),
                        tokS(p->speed.prefillTokS), QString::number(p->speed.ttftSeconds, 'f', 3))
                   .arg(s.wl.promptTokens)
            + QStringLiteral("efficiency: %1\n").arg(p->speed.efficiency.source);
    else
        out += QStringLiteral("speed: unknown (the catalog has no bandwidth/TFLOPS for this GPU)\n");
    printOut(out);
    return ExitOk;
}

int runFit(Catalog::CatalogDatabase &db, const QStringList &args)
{
    Options o;
    if (const QString err = parse(args, o); !err.isEmpty()) {
        printError(err);
        return ExitUsage;
    }
    const bool reverse = !o.model.isEmpty();
    if (!reverse && o.gpu.isEmpty()) {
        printError(QStringLiteral("fit needs --gpu NAME[xK] (matrix of every model), or --model M --quant Q (which GPUs run it)."));
        return ExitUsage;
    }
    Setup s;
    if (const QString err = buildSetup(db, o, s, !reverse); !err.isEmpty()) {
        printError(err);
        return ExitUsage;
    }
    const auto shapes = loadCatalogShapes(db.db());
    if (!shapes) {
        printError(shapes.error());
        return ExitFailure;
    }
    Fit::FitOptions opt;
    opt.workload = s.wl;
    opt.deployment = s.dep;
    opt.efficiency = &s.efficiency;
    const auto &quants = fitMatrixQuants();

    if (reverse) {
        const auto quant = quantByName(o.quant.isEmpty() ? QStringLiteral("Q4_K_M") : o.quant);
        if (!quant) {
            printError(QStringLiteral("Unknown quantization \"%1\".").arg(o.quant));
            return ExitUsage;
        }
        const auto id = Catalog::CatalogQuery(db.db()).resolveModel(o.model);
        if (!id) {
            printError(id.error());
            return ExitFailure;
        }
        const ModelShape *shape = shapes->find(id.value());
        if (!shape) {
            printError(QStringLiteral("The catalog has no architecture for %1.").arg(id.value()));
            return ExitFailure;
        }
        const auto gpus = Hardware::catalogGpus(db.db());
        if (!gpus) {
            printError(gpus.error());
            return ExitFailure;
        }
        const auto configs = Fit::gpuConfigsFor(*shape, *quant, gpus.value(), opt, o.ram);
        if (o.json) {
            json arr = json::array();
            for (const auto &c : configs)
                arr.push_back({{"gpu", utf8(c.gpu.id)}, {"count", c.count}, {"verdict", verdictName(c.verdict)},
                               {"headroom_bytes", c.headroomBytes}, {"max_context", c.maxContext},
                               {"decode_tok_s", c.decodeTokS > 0 ? json(c.decodeTokS) : json(nullptr)}});
            printJson({{"model", utf8(shape->id)}, {"quant", quantInfo(*quant).name}, {"context", s.wl.context}, {"configurations", arr}});
            return ExitOk;
        }
        TextTable t({QStringLiteral("GPU"), QStringLiteral("count"), QStringLiteral("verdict"), QStringLiteral("headroom GiB"),
                     QStringLiteral("max context"), QStringLiteral("tok/s")});
        for (const auto &c : configs)
            t.addRow({c.gpu.id, QString::number(c.count), QString::fromLatin1(verdictName(c.verdict)), gib(double(c.headroomBytes)),
                      QString::number(c.maxContext), tokS(c.decodeTokS)});
        printOut(QStringLiteral("%1 %2 at %3 tokens: %4 configuration(s)\n").arg(shape->name, QLatin1String(quantInfo(*quant).name))
                     .arg(s.wl.context).arg(configs.size()) + t.render());
        return ExitOk;
    }

    const auto rows = Fit::fitMatrix(shapes->shapes, s.hw, opt);
    if (o.json) {
        json arr = json::array();
        for (const auto &r : rows) {
            json cells = json::object();
            for (size_t i = 0; i < quants.size(); ++i)
                cells[quantInfo(quants[i]).name] = {{"verdict", verdictName(r.cells[i].verdict)}, {"max_context", r.cells[i].maxContext},
                                                    {"decode_tok_s", r.cells[i].decodeTokS > 0 ? json(r.cells[i].decodeTokS) : json(nullptr)},
                                                    {"weights_bytes", r.cells[i].weightBytes}};
            arr.push_back({{"model", utf8(r.modelId)}, {"best_quant", r.bestQuant >= 0 ? json(quantInfo(quants[size_t(r.bestQuant)]).name) : json(nullptr)},
                           {"cells", cells}});
        }
        printJson({{"gpu", utf8(s.hw.gpu.id)}, {"gpu_count", s.hw.gpuCount}, {"ram_gib", s.hw.systemRamGiB},
                   {"context", s.wl.context}, {"users", s.wl.users}, {"models", arr}});
        return ExitOk;
    }
    QStringList header{QStringLiteral("model"), QStringLiteral("best")};
    for (const Quant q : quants)
        header << QString::fromLatin1(quantInfo(q).name);
    header << QStringLiteral("max ctx") << QStringLiteral("tok/s");
    TextTable t(header);
    for (const auto &r : rows) {
        QStringList cells{r.modelId, r.bestQuant >= 0 ? QString::fromLatin1(quantInfo(quants[size_t(r.bestQuant)]).name) : QStringLiteral("-")};
        for (const auto &c : r.cells)
            cells << (c.verdict == Verdict::Fits ? QStringLiteral("yes") : c.verdict == Verdict::FitsWithOffload ? QStringLiteral("offl") : QStringLiteral("no"));
        const Fit::FitCell *best = r.bestQuant >= 0 ? &r.cells[size_t(r.bestQuant)] : nullptr;
        cells << (best ? QString::number(best->maxContext) : QStringLiteral("-")) << (best ? tokS(best->decodeTokS) : QStringLiteral("-"));
        t.addRow(cells);
    }
    printOut(QStringLiteral("Fit on %1 x %2, %3 GiB RAM, %4 tokens x %5 user(s) (yes = fits on GPU, offl = fits with CPU offload)\n")
                 .arg(s.hw.gpuCount).arg(s.hw.gpuCount > 0 ? s.hw.gpu.name : QStringLiteral("CPU"))
                 .arg(s.hw.systemRamGiB).arg(s.wl.context).arg(s.wl.users) + t.render());
    return ExitOk;
}

} // namespace ModelAtlas::Cli
