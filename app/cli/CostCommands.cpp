#include "CostCommands.h"

#include "CliArguments.h"
#include "Console.h"
#include "TextTable.h"

#include "catalog/CatalogDatabase.h"
#include "cost/ApiPricing.h"
#include "cost/CostModel.h"
#include "deploy/ServingConfig.h"
#include "hardware/GpuCatalog.h"
#include "hardware/HardwareProfileJson.h"
#include "hardware/HardwareProfileStore.h"
#include "hardware/HardwareValidation.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ModelAtlas::Cli {

using json = nlohmann::json;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

int usage(const QString &message)
{
    printError(message + QStringLiteral(" See `modelatlas-cli help`."));
    return ExitUsage;
}

// "--name value" options and "--flag" switches, checked against what a
// command accepts; positional words are kept in order.
struct Options
{
    std::map<QString, QString> values;
    std::set<QString> flags;
    QStringList positional;
    QString error;

    bool has(const char *name) const { return values.count(QLatin1String(name)) > 0; }
    bool flag(const char *name) const { return flags.count(QLatin1String(name)) > 0; }
    QString value(const char *name) const
    {
        const auto it = values.find(QLatin1String(name));
        return it == values.end() ? QString() : it->second;
    }
};

Options parseOptions(const QStringList &args, const QStringList &valueOptions, const QStringList &flagOptions)
{
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (!a.startsWith(QStringLiteral("--"))) {
            o.positional.append(a);
            continue;
        }
        const QString name = a.mid(2);
        if (flagOptions.contains(name)) {
            o.flags.insert(name);
        } else if (valueOptions.contains(name)) {
            if (i + 1 >= args.size()) {
                o.error = QStringLiteral("%1 needs a value.").arg(a);
                return o;
            }
            o.values[name] = args[++i];
        } else {
            o.error = QStringLiteral("unknown option %1.").arg(a);
            return o;
        }
    }
    return o;
}

// Reads an optional number option into `out`; returns an error text.
QString number(const Options &o, const char *name, double min, double max, std::optional<double> &out)
{
    if (!o.has(name))
        return {};
    const Result<double> v = parseNumber(QString::fromLatin1(name), o.value(name), min, max);
    if (!v)
        return v.error();
    out = v.value();
    return {};
}

QString integer(const Options &o, const char *name, int min, int max, int &out)
{
    std::optional<double> v;
    if (QString e = number(o, name, min, max, v); !e.isEmpty())
        return e;
    if (!v)
        return {};
    if (*v != std::floor(*v))
        return QStringLiteral("--%1: %2 is not a whole number.").arg(QLatin1String(name), o.value(name));
    out = int(*v);
    return {};
}

QString fixed(double v, int decimals = 1)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("n/a");
}

QString optionalMoney(const std::optional<double> &v)
{
    return v ? Cost::formatUsd(*v) : QStringLiteral("-");
}

QString count(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("n/a");
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    return c.toString(v, 'f', 0);
}

// --- hardware ----------------------------------------------------------------

QString describeProfile(const Hardware::HardwareProfile &p)
{
    const Hardware::GpuSpec &g = p.gpu;
    QString s = QStringLiteral("%1\n").arg(p.name);
    if (p.gpuCount > 0) {
        s += QStringLiteral("  GPU: %1 x %2 per node, %3 node(s) (%4)\n").arg(p.gpuCount).arg(g.name).arg(p.nodes).arg(p.interconnect);
        s += QStringLiteral("  memory %1 GiB/GPU%2, bandwidth %3 GB/s, FP16 %4\n")
                 .arg(fixed(g.memoryGiB, 0), g.unifiedMemory ? QStringLiteral(" (unified)") : QString(), fixed(g.bandwidthGBs, 0),
                      g.fp16Tflops > 0 ? fixed(g.fp16Tflops, 0) + QStringLiteral(" TFLOPS") : QStringLiteral("unknown"));
        s += QStringLiteral("  total GPU memory %1 GiB\n").arg(fixed(g.memoryGiB * p.totalGpus(), 0));
        s += QStringLiteral("  price %1/GPU-h, purchase %2, power %3\n")
                 .arg(optionalMoney(g.pricePerHourUsd), optionalMoney(g.purchaseUsd),
                      g.powerWatts ? fixed(*g.powerWatts, 0) + QStringLiteral(" W") : QStringLiteral("-"));
    } else {
        s += QStringLiteral("  CPU only\n");
    }
    if (p.systemRamGiB > 0 || p.cpuCores > 0)
        s += QStringLiteral("  system RAM %1 GiB, %2 CPU cores\n").arg(fixed(p.systemRamGiB, 0)).arg(p.cpuCores);
    return s;
}

int hardwareList(Catalog::CatalogDatabase &db, const Options &o)
{
    const auto gpus = Hardware::catalogGpus(db.db());
    if (!gpus) {
        printError(gpus.error());
        return ExitFailure;
    }
    const auto saved = Hardware::HardwareProfileStore(db.db()).list();
    if (!saved) {
        printError(saved.error());
        return ExitFailure;
    }
    if (o.flag("json")) {
        json builtIn = json::array(), profiles = json::array();
        for (const Hardware::GpuSpec &g : gpus.value())
            builtIn.push_back(Hardware::toJson(g));
        for (const Hardware::HardwareProfile &p : saved.value())
            profiles.push_back(Hardware::toJson(p));
        printJson({{"gpus", builtIn}, {"profiles", profiles}});
        return ExitOk;
    }
    TextTable t({QStringLiteral("GPU"), QStringLiteral("NAME"), QStringLiteral("MEMORY GiB"), QStringLiteral("GB/s"),
                 QStringLiteral("FP16 TFLOPS"), QStringLiteral("$/H"), QStringLiteral("PURCHASE")});
    for (const Hardware::GpuSpec &g : gpus.value()) {
        t.addRow({g.id, g.name, g.memoryGiB > 0 ? fixed(g.memoryGiB, 0) : QStringLiteral("?"),
                  g.bandwidthGBs > 0 ? fixed(g.bandwidthGBs, 0) : QStringLiteral("?"),
                  g.fp16Tflops > 0 ? fixed(g.fp16Tflops, 0) : QStringLiteral("?"), optionalMoney(g.pricePerHourUsd),
                  optionalMoney(g.purchaseUsd)});
    }
    QString out = t.render();
    out += QStringLiteral("%1 built-in GPU(s); \"?\" = no source gave the value. Use NAME[xK], e.g. h100x2.\n").arg(gpus->size());
    if (!saved->isEmpty()) {
        out += QStringLiteral("\nSaved profiles:\n");
        for (const Hardware::HardwareProfile &p : saved.value())
            out += describeProfile(p);
    }
    printOut(out);
    return ExitOk;
}

int hardwareAdd(Catalog::CatalogDatabase &db, const Options &o)
{
    if (o.positional.size() != 1)
        return usage(QStringLiteral("hardware add needs exactly one NAME."));
    Hardware::HardwareProfile p;
    p.name = o.positional.front();
    if (o.has("gpu")) {
        Result<Hardware::HardwareProfile> base = Hardware::resolveHardware(db.db(), o.value("gpu"));
        if (!base)
            return usage(base.error());
        p = base.value();
        p.name = o.positional.front();
    } else {
        if (!o.has("memory-gib") || !o.has("bandwidth-gbs"))
            return usage(QStringLiteral("hardware add needs --gpu NAME[xK] (a catalog GPU) or a custom GPU: --memory-gib G --bandwidth-gbs B [--tflops T]."));
        p.gpu.id = QStringLiteral("custom");
        p.gpu.name = o.has("gpu-name") ? o.value("gpu-name") : QStringLiteral("custom GPU");
        p.gpuCount = 1;
    }
    std::optional<double> mem, bw, tflops, price, purchase, power, ram, cpuBw;
    const QString errors[] = {
        number(o, "memory-gib", -1e300, 1e300, mem), number(o, "bandwidth-gbs", -1e300, 1e300, bw),
        number(o, "tflops", -1e300, 1e300, tflops), number(o, "price-hour", -1e300, 1e300, price),
        number(o, "purchase-usd", -1e300, 1e300, purchase), number(o, "power-w", -1e300, 1e300, power),
        number(o, "ram-gib", -1e300, 1e300, ram), number(o, "cpu-bandwidth-gbs", -1e300, 1e300, cpuBw),
        integer(o, "count", -1000000, 1000000, p.gpuCount), integer(o, "nodes", -1000000, 1000000, p.nodes),
        integer(o, "cpu-cores", -1000000, 1000000, p.cpuCores),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return usage(e);
    }
    // The ranges are checked by validateProfile() so its messages are the same everywhere.
    if (mem) p.gpu.memoryGiB = *mem;
    if (bw) p.gpu.bandwidthGBs = *bw;
    if (tflops) p.gpu.fp16Tflops = *tflops;
    if (price) p.gpu.pricePerHourUsd = *price;
    if (purchase) p.gpu.purchaseUsd = *purchase;
    if (power) p.gpu.powerWatts = *power;
    if (ram) p.systemRamGiB = *ram;
    if (cpuBw) p.cpuBandwidthGBs = *cpuBw;
    if (o.has("interconnect"))
        p.interconnect = o.value("interconnect");
    if (o.flag("unified"))
        p.gpu.unifiedMemory = true;
    if (const Status s = Hardware::validateProfile(p); !s)
        return usage(s.error());
    Hardware::HardwareProfileStore store(db.db());
    if (const Status s = Hardware::HardwareProfileStore::validateName(p.name); !s)
        return usage(s.error());
    if (const Status s = store.save(p, o.flag("replace")); !s) {
        printError(s.error());
        return store.contains(p.name) && !o.flag("replace") ? ExitUsage : ExitFailure;
    }
    printOut(QStringLiteral("Saved hardware profile:\n") + describeProfile(p));
    return ExitOk;
}

int hardwareShow(Catalog::CatalogDatabase &db, const Options &o)
{
    if (o.positional.size() != 1)
        return usage(QStringLiteral("hardware show needs one NAME (a saved profile or a GPU such as h100x2)."));
    const Result<Hardware::HardwareProfile> p = Hardware::resolveHardware(db.db(), o.positional.front());
    if (!p)
        return usage(p.error());
    if (o.flag("json"))
        printJson(Hardware::toJson(p.value()));
    else
        printOut(describeProfile(p.value()));
    return ExitOk;
}

int hardwareRemove(Catalog::CatalogDatabase &db, const Options &o)
{
    if (o.positional.size() != 1)
        return usage(QStringLiteral("hardware remove needs one NAME."));
    Hardware::HardwareProfileStore store(db.db());
    if (!store.contains(o.positional.front()))
        return usage(QStringLiteral("no saved hardware profile named \"%1\" (built-in GPUs cannot be removed).").arg(o.positional.front()));
    if (const Status s = store.remove(o.positional.front()); !s) {
        printError(s.error());
        return ExitFailure;
    }
    printOut(QStringLiteral("Removed hardware profile \"%1\".\n").arg(o.positional.front()));
    return ExitOk;
}

// --- cost ----------------------------------------------------------------------

json rangeJson(const Cost::ValueRange &r)
{
    return {{"min", r.min}, {"max", r.max}};
}

QString rangeText(const Cost::ValueRange &r, bool money)
{
    const auto f = [&](double v) { return money ? Cost::formatUsd(v) : count(v); };
    if (std::abs(r.max - r.min) <= 1e-9 * std::max(1.0, std::abs(r.max)))
        return f(r.min);
    return f(r.min) + QStringLiteral("-") + f(r.max);
}

} // namespace

int runHardware(Catalog::CatalogDatabase &db, const QStringList &args)
{
    if (args.isEmpty())
        return usage(QStringLiteral("hardware needs a subcommand: list, show NAME, add NAME ..., remove NAME."));
    const QString sub = args.front();
    const Options o = parseOptions(args.mid(1),
                                   {QStringLiteral("gpu"), QStringLiteral("gpu-name"), QStringLiteral("memory-gib"), QStringLiteral("bandwidth-gbs"),
                                    QStringLiteral("tflops"), QStringLiteral("count"), QStringLiteral("nodes"), QStringLiteral("ram-gib"),
                                    QStringLiteral("cpu-cores"), QStringLiteral("cpu-bandwidth-gbs"), QStringLiteral("price-hour"),
                                    QStringLiteral("purchase-usd"), QStringLiteral("power-w"), QStringLiteral("interconnect")},
                                   {QStringLiteral("json"), QStringLiteral("replace"), QStringLiteral("unified")});
    if (!o.error.isEmpty())
        return usage(o.error);
    if (sub == QLatin1String("list"))
        return hardwareList(db, o);
    if (sub == QLatin1String("show"))
        return hardwareShow(db, o);
    if (sub == QLatin1String("add"))
        return hardwareAdd(db, o);
    if (sub == QLatin1String("remove"))
        return hardwareRemove(db, o);
    return usage(QStringLiteral("unknown hardware subcommand \"%1\" (list, show, add, remove).").arg(sub));
}

int runCost(Catalog::CatalogDatabase &db, const QStringList &args)
{
    const Options o = parseOptions(args,
                                   {QStringLiteral("gpu"), QStringLiteral("tokens-per-s"), QStringLiteral("requests-per-day"), QStringLiteral("in"),
                                    QStringLiteral("out"), QStringLiteral("months"), QStringLiteral("power-w"), QStringLiteral("kwh-usd"),
                                    QStringLiteral("price-hour"), QStringLiteral("purchase-usd"), QStringLiteral("utilisation"),
                                    QStringLiteral("utilization"), QStringLiteral("model")},
                                   {QStringLiteral("json")});
    if (!o.error.isEmpty())
        return usage(o.error);
    for (const char *required : {"gpu", "tokens-per-s", "requests-per-day", "in", "out"}) {
        if (!o.has(required))
            return usage(QStringLiteral("cost needs --%1.").arg(QLatin1String(required)));
    }
    const Result<Hardware::HardwareProfile> hw = Hardware::resolveHardware(db.db(), o.value("gpu"));
    if (!hw)
        return usage(hw.error());
    if (hw->gpuCount == 0)
        return usage(QStringLiteral("profile \"%1\" has no GPUs; cost is computed for GPU deployments.").arg(hw->name));

    std::optional<double> tps, rpd, in, out, months, powerW, kwh, priceHour, purchase, util;
    const QString errors[] = {
        number(o, "tokens-per-s", 0.001, 1e7, tps), number(o, "requests-per-day", 0.001, 1e10, rpd),
        number(o, "in", 0, 1e7, in), number(o, "out", 0, 1e7, out), number(o, "months", 1, 240, months),
        number(o, "power-w", 0, 5000, powerW), number(o, "kwh-usd", 0, 10, kwh), number(o, "price-hour", 0.001, 1000, priceHour),
        number(o, "purchase-usd", 1, 1e7, purchase), number(o, "utilisation", 0.001, 1, util),
        o.has("utilization") ? number(o, "utilization", 0.001, 1, util) : QString(),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return usage(e);
    }
    if (*out <= 0)
        return usage(QStringLiteral("--out: self-hosting capacity is counted in output tokens; give at least 1."));

    Cost::SelfHostInput sh;
    sh.gpu.gpuCount = hw->totalGpus();
    sh.outputTokensPerSecond = *tps;
    sh.gpu.utilisation = util.value_or(1.0);
    // Owned hardware when a purchase or an amortisation period is asked for, else rented.
    const bool owned = purchase || months || powerW || kwh;
    if (owned) {
        sh.gpu.purchasePerGpuUsd = purchase ? purchase : hw->gpu.purchaseUsd;
        if (!sh.gpu.purchasePerGpuUsd)
            return usage(QStringLiteral("no purchase price known for %1; pass --purchase-usd.").arg(hw->gpu.name));
        sh.gpu.amortisationMonths = months.value_or(36);
        sh.gpu.powerWattsPerGpu = powerW ? *powerW : hw->gpu.powerWatts.value_or(0);
        sh.gpu.usdPerKwh = kwh.value_or(0);
    } else {
        sh.gpu.pricePerGpuHourUsd = priceHour ? priceHour : hw->gpu.pricePerHourUsd;
        if (!sh.gpu.pricePerGpuHourUsd)
            return usage(QStringLiteral("no rental price known for %1; pass --price-hour, or --purchase-usd/--months for owned hardware.")
                             .arg(hw->gpu.name));
    }
    Cost::Workload w;
    w.requestsPerDay = *rpd;
    w.inputTokensPerRequest = *in;
    w.outputTokensPerRequest = *out;
    const Result<Cost::SelfHostEstimate> est = Cost::estimateSelfHost(sh, w);
    if (!est)
        return usage(est.error());

    const Result<QList<Cost::ApiPrice>> prices = Cost::apiPrices(db.db(), {});
    if (!prices) {
        printError(prices.error());
        return ExitFailure;
    }
    QList<Cost::ApiComparison> comparisons;
    for (const Cost::ApiPrice &p : prices.value())
        comparisons.append(Cost::compareWithApi(p, w, est.value()));
    std::stable_sort(comparisons.begin(), comparisons.end(),
                     [](const Cost::ApiComparison &a, const Cost::ApiComparison &b) { return a.apiMonthly.min < b.apiMonthly.min; });

    const Cost::SelfHostEstimate &e = est.value();
    if (o.flag("json")) {
        json apis = json::array();
        for (const Cost::ApiComparison &c : comparisons) {
            json j = {{"api", utf8(c.price.label())}, {"model", utf8(c.price.modelId)}, {"provider", utf8(c.price.providerId)},
                      {"input_per_m", rangeJson({c.price.inputMinPerM, c.price.inputMaxPerM})},
                      {"output_per_m", c.price.outputMinPerM ? rangeJson({*c.price.outputMinPerM, *c.price.outputMaxPerM}) : json(nullptr)},
                      {"single_price", c.price.singlePrice()}, {"monthly_usd", rangeJson(c.apiMonthly)},
                      {"per_request_usd", rangeJson(c.apiPerRequest)}, {"self_host_cheaper_now", c.selfHostCheaperNow},
                      {"never_breaks_even", c.neverBreaksEven}, {"src", utf8(c.price.src)}};
            j["break_even_requests_per_month"] = c.breakEvenRequestsPerMonth ? rangeJson(*c.breakEvenRequestsPerMonth) : json(nullptr);
            apis.push_back(j);
        }
        printJson({{"hardware", utf8(hw->name)}, {"gpus", hw->totalGpus()}, {"basis", utf8(e.perReplica.basis)},
                   {"workload", {{"requests_per_day", w.requestsPerDay}, {"input_tokens", w.inputTokensPerRequest},
                                 {"output_tokens", w.outputTokensPerRequest}, {"days_per_month", w.daysPerMonth},
                                 {"tokens_per_month", w.tokensPerMonth()}}},
                   {"self_host", {{"replicas", e.replicas}, {"monthly_usd", e.monthlyUsd}, {"per_replica_monthly_usd", e.perReplica.totalUsd()},
                                  {"rental_usd", e.perReplica.rentalUsd}, {"amortisation_usd", e.perReplica.amortisationUsd},
                                  {"power_usd", e.perReplica.powerUsd}, {"load", e.load},
                                  {"usd_per_million_output_tokens", e.usdPerMillionOutputTokens}, {"usd_per_request", e.usdPerRequest},
                                  {"capacity_requests_per_month", e.capacityRequestsPerMonth}}},
                   {"apis", apis}});
        return ExitOk;
    }
    QString text;
    text += QStringLiteral("Self-hosting on %1 (%2)\n").arg(hw->name, e.perReplica.basis);
    text += QStringLiteral("  workload: %1 requests/day x (%2 in + %3 out) tokens = %4 tokens/month (30-day month)\n")
                .arg(count(w.requestsPerDay), count(w.inputTokensPerRequest), count(w.outputTokensPerRequest), count(w.tokensPerMonth()));
    text += QStringLiteral("  %1 replica(s) at %2 output tokens/s, %3% loaded: %4/month (%5/year)\n")
                .arg(e.replicas).arg(count(*tps), fixed(e.load * 100, 0), Cost::formatUsd(e.monthlyUsd), Cost::formatUsd(e.monthlyUsd * 12));
    text += QStringLiteral("  %1 per million output tokens at full load; %2 per request at this volume\n\n")
                .arg(Cost::formatUsd(e.usdPerMillionOutputTokens), Cost::formatUsd(e.usdPerRequest));
    TextTable t({QStringLiteral("API"), QStringLiteral("$/M IN"), QStringLiteral("$/M OUT"), QStringLiteral("MONTHLY"),
                 QStringLiteral("BREAK-EVEN REQ/MONTH"), QStringLiteral("CHEAPER NOW")});
    for (const Cost::ApiComparison &c : comparisons) {
        const QString outPrice = c.price.outputMinPerM ? rangeText({*c.price.outputMinPerM, *c.price.outputMaxPerM}, true)
                                                       : QStringLiteral("(same)");
        const QString breakEven = c.neverBreaksEven ? QStringLiteral("never")
                                  : c.breakEvenRequestsPerMonth ? rangeText(*c.breakEvenRequestsPerMonth, false)
                                                                : QStringLiteral("-");
        t.addRow({c.price.label(), rangeText({c.price.inputMinPerM, c.price.inputMaxPerM}, true), outPrice, rangeText(c.apiMonthly, true),
                  breakEven, c.selfHostCheaperNow ? QStringLiteral("self-host") : QStringLiteral("API")});
    }
    text += t.render();
    text += QStringLiteral("Prices from the catalog (USD per million tokens, as the sources give them; \"(same)\" = one price for all tokens).\n"
                           "\"never\": even a fully loaded replica costs more per request than the API.\n");
    printOut(text);
    return ExitOk;
}

int runServeConfig(Catalog::CatalogDatabase &db, const QStringList &args)
{
    const Options o = parseOptions(args,
                                   {QStringLiteral("engine"), QStringLiteral("model"), QStringLiteral("hf-repo"), QStringLiteral("gguf"),
                                    QStringLiteral("tp"), QStringLiteral("pp"), QStringLiteral("dp"), QStringLiteral("nodes"),
                                    QStringLiteral("gpus-per-node"), QStringLiteral("ctx"), QStringLiteral("gpu-mem-util"),
                                    QStringLiteral("quantization"), QStringLiteral("kv-cache-dtype"), QStringLiteral("max-seqs"),
                                    QStringLiteral("ngl"), QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("head-address")},
                                   {QStringLiteral("json"), QStringLiteral("no-flash-attn")});
    if (!o.error.isEmpty())
        return usage(o.error);
    if (!o.has("engine"))
        return usage(QStringLiteral("serve-config needs --engine vllm|sglang|llamacpp|ollama."));
    const Result<Deploy::Engine> engine = Deploy::parseEngine(o.value("engine"));
    if (!engine)
        return usage(engine.error());
    if (!o.has("model") && !o.has("hf-repo") && !o.has("gguf"))
        return usage(QStringLiteral("serve-config needs --model (a catalog model), --hf-repo or --gguf."));

    Deploy::ServePlan plan;
    if (o.has("model")) {
        Result<Deploy::ServePlan> fromCatalog = Deploy::planForCatalogModel(db.db(), o.value("model"));
        if (fromCatalog)
            plan = std::move(fromCatalog).value();
        else if (o.value("model").contains(QLatin1Char('/')))
            plan.hfRepo = o.value("model"); // not in the catalog: a Hugging Face repo id or a local directory
        else
            return usage(fromCatalog.error());
    }
    if (o.has("hf-repo"))
        plan.hfRepo = o.value("hf-repo");
    plan.ggufPath = o.value("gguf");
    if (o.has("host"))
        plan.host = o.value("host");
    if (o.has("head-address"))
        plan.headAddress = o.value("head-address");
    plan.quantization = o.value("quantization");
    plan.kvCacheDtype = o.value("kv-cache-dtype");
    plan.flashAttention = !o.flag("no-flash-attn");
    std::optional<double> ctx, memUtil;
    const QString errors[] = {
        integer(o, "tp", 1, 1024, plan.tensorParallel), integer(o, "pp", 1, 256, plan.pipelineParallel),
        integer(o, "dp", 1, 1024, plan.dataParallel), integer(o, "nodes", 1, 1024, plan.nodes),
        integer(o, "gpus-per-node", 1, 64, plan.gpusPerNode), integer(o, "max-seqs", 1, 65536, plan.maxConcurrentSequences),
        integer(o, "ngl", 0, 100000, plan.gpuLayers), integer(o, "port", 1, 65535, plan.port),
        o.has("ctx") ? [&] {
            const Result<double> t = parseTokenCount(QStringLiteral("ctx"), o.value("ctx"));
            if (!t)
                return t.error();
            if (t.value() < 1 || t.value() > 16.0 * 1024 * 1024 || t.value() != std::floor(t.value()))
                return QStringLiteral("--ctx: %1 is not a sensible context length (1 to 16M tokens).").arg(o.value("ctx"));
            ctx = t.value();
            return QString();
        }() : QString(),
        number(o, "gpu-mem-util", 0.05, 1, memUtil),
    };
    for (const QString &e : errors) {
        if (!e.isEmpty())
            return usage(e);
    }
    if (ctx)
        plan.maxContext = int(*ctx);
    if (memUtil)
        plan.gpuMemoryUtilization = *memUtil;
    // Without --gpus-per-node, a single node holds exactly the GPUs TP x PP (x DP) asks for.
    if (!o.has("gpus-per-node")) {
        const int perNodeWorld = plan.tensorParallel * plan.pipelineParallel * plan.dataParallel;
        plan.gpusPerNode = plan.nodes > 1 ? std::max(1, perNodeWorld / plan.nodes) : std::max(1, perNodeWorld);
    }
    const Result<Deploy::ServeConfig> config = Deploy::exportConfig(engine.value(), plan);
    if (!config)
        return usage(config.error());
    if (o.flag("json")) {
        json commands = json::array(), notes = json::array();
        for (const QString &c : config->commands)
            commands.push_back(utf8(c));
        for (const QString &n : config->notes)
            notes.push_back(utf8(n));
        printJson({{"engine", utf8(Deploy::engineName(config->engine))}, {"file", utf8(config->fileName)},
                   {"text", utf8(config->text)}, {"commands", commands}, {"notes", notes}});
        return ExitOk;
    }
    QString text = config->text;
    for (const QString &n : config->notes)
        text += QStringLiteral("# Note: ") + n + QLatin1Char('\n');
    printOut(text);
    return ExitOk;
}

const char *costCommandsHelp()
{
    return R"(Planning commands:
  hardware list [--json]      built-in GPUs (sourced catalog values) and saved profiles
  hardware show NAME          a saved profile or a GPU: h100, "H100 SXM", rtx-4090, 4090x2, 2x a100
  hardware add NAME --gpu NAME[xK] | --memory-gib G --bandwidth-gbs B [--tflops T] [--gpu-name N]
              [--count K] [--nodes N] [--ram-gib R] [--cpu-cores C] [--price-hour P]
              [--purchase-usd U] [--power-w W] [--interconnect pcie|nvlink|infiniband] [--replace]
  hardware remove NAME        delete a saved profile
  cost --gpu NAME[xK] --tokens-per-s N --requests-per-day R --in T --out T [--json]
      [--price-hour P]                        rented: $/GPU-hour (default: the catalog's)
      [--purchase-usd U --months M --power-w W --kwh-usd P]   owned: amortised + electricity
      [--utilisation F]                       busy fraction of the month, 0-1 (default 1)
      self-hosting cost per month, $/M tokens, every catalog API price and the break-even volume
  serve-config --engine vllm|sglang|llamacpp|ollama --model M [--json]
      [--hf-repo R] [--gguf FILE] [--tp N] [--pp N] [--dp N] [--nodes N] [--gpus-per-node N]
      [--ctx N] [--gpu-mem-util F] [--quantization Q] [--kv-cache-dtype T] [--max-seqs N]
      [--ngl N] [--no-flash-attn] [--host H] [--port P] [--head-address ADDR]
      a ready-to-run serving command / Modelfile; invalid combinations are refused
)";
}

} // namespace ModelAtlas::Cli
