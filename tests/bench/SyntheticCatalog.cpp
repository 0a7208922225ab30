#include "SyntheticCatalog.h"

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace ModelAtlas::Bench {

namespace {

using nlohmann::json;

constexpr std::array kVendorStems = {
    "aurora", "boreal", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper",
    "kestrel", "lumen", "meridian", "nimbus", "onyx", "pioneer", "quartz", "raven", "sierra", "tundra",
    "umber", "vertex", "willow", "xenon", "yarrow", "zephyr", "atlas", "beacon", "cinder", "dune",
    "eclipse", "falcon", "glacier", "helix", "iris", "jade", "koi", "lotus", "mosaic", "nova"};
constexpr std::array kFamilySuffixes = {"", "-2", "-3", "-coder", "-vl"};
constexpr std::array kCountries = {"US", "CN", "FR", "DE", "AE", "CA", "GB", "KR", "JP", "IN"};
constexpr std::array kVariants = {"base", "instruct", "instruct", "instruct", "reasoning", "hybrid-reasoning",
                                  "coder", "math", "distill", "vision"};
constexpr std::array kSizes = {0.5, 1.0, 1.5, 3.0, 4.0, 7.0, 8.0, 9.0, 12.0, 13.0, 14.0, 22.0, 27.0, 32.0,
                               34.0, 70.0, 72.0, 123.0, 180.0, 235.0, 405.0, 671.0, 1000.0};
constexpr std::array kContexts = {4096.0, 8192.0, 32768.0, 65536.0, 131072.0, 262144.0, 1048576.0};
constexpr std::array kAttention = {"GQA", "GQA", "GQA", "MHA", "MLA", "SWA", "GQA+SWA"};
constexpr std::array kSetups = {"", "", "", "5-shot", "pass@1", "thinking mode", "0-shot CoT"};
constexpr int kSeeds = 5;

// License id, tier, commercial use: the spread of the shipped catalog's tiers.
struct LicenseShape
{
    const char *id, *name, *spdx;
    int tier;
    const char *commercial;
};
constexpr std::array kLicenses = {
    LicenseShape{"apache-2.0", "Apache License 2.0", "Apache-2.0", 1, "yes"},
    LicenseShape{"mit", "MIT License", "MIT", 1, "yes"},
    LicenseShape{"bsd-3-clause", "BSD 3-Clause", "BSD-3-Clause", 1, "yes"},
    LicenseShape{"synthetic-community-1", "Synthetic Community License 1", nullptr, 2, "conditional"},
    LicenseShape{"synthetic-community-2", "Synthetic Community License 2", nullptr, 2, "conditional"},
    LicenseShape{"synthetic-openrail", "Synthetic OpenRAIL-M", nullptr, 3, "conditional"},
    LicenseShape{"synthetic-research", "Synthetic Research License", nullptr, 4, "no"},
    LicenseShape{"cc-by-nc-4.0", "Creative Commons BY-NC 4.0", "CC-BY-NC-4.0", 4, "no"},
    LicenseShape{"synthetic-commercial", "Synthetic Commercial License", nullptr, 5, "paid"},
    LicenseShape{"synthetic-revenue-cap", "Synthetic Revenue-Capped License", nullptr, 3, "conditional"},
    LicenseShape{"gemma-like", "Gemma-style Terms of Use", nullptr, 2, "conditional"},
    LicenseShape{"qwen-like", "Qwen-style License", nullptr, 2, "conditional"},
};

std::string seedId(int k)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "seed-%03d", k);
    return buf;
}

json claim(json value, const std::string &src, const char *quote = nullptr)
{
    json c = {{"value", std::move(value)}, {"src", src}};
    if (quote)
        c["quote"] = quote;
    return c;
}

std::string sizeText(double b)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", b);
    return buf;
}

class Generator final
{
public:
    Generator(QString dir, const SyntheticOptions &o)
        : m_dir(std::move(dir))
        , m_o(o)
        , m_rng(o.seed)
    {
    }

    Result<SyntheticSummary> run()
    {
        if (!QDir().mkpath(m_dir + QStringLiteral("/models")))
            return Result<SyntheticSummary>::failure(QStringLiteral("Cannot create %1/models").arg(m_dir));
        std::vector<std::string> files;
        const auto write = [&](const std::string &name, const json &content) {
            files.push_back(name);
            return save(name, content);
        };
        if (Status s = write("sources.json", sources()); !s)
            return Result<SyntheticSummary>::failure(s.error());
        if (Status s = write("vendors.json", vendorsAndFamilies()); !s)
            return Result<SyntheticSummary>::failure(s.error());
        if (Status s = write("licenses.json", licenses()); !s)
            return Result<SyntheticSummary>::failure(s.error());
        const json models = modelList();
        // One file per 1,000 models, like the shipped data's one file per family group.
        constexpr size_t perFile = 1000;
        for (size_t first = 0, part = 0; first < models.size(); first += perFile, ++part) {
            char name[32];
            std::snprintf(name, sizeof name, "models/part-%02zu.json", part);
            json chunk = json::array();
            for (size_t i = first; i < std::min(models.size(), first + perFile); ++i)
                chunk.push_back(models[i]);
            if (Status s = write(name, json{{"models", std::move(chunk)}}); !s)
                return Result<SyntheticSummary>::failure(s.error());
        }
        if (Status s = write("architectures.json", architectures()); !s)
            return Result<SyntheticSummary>::failure(s.error());
        if (Status s = write("benchmarks.json", benchmarksAndScores()); !s)
            return Result<SyntheticSummary>::failure(s.error());
        const json manifest = {{"format", 1},
                               {"catalog_version", "synthetic-" + std::to_string(m_o.models) + "-" + std::to_string(m_o.seed)},
                               {"files", files}};
        if (Status s = save("manifest.json", manifest); !s)
            return Result<SyntheticSummary>::failure(s.error());
        m_summary.files = int(files.size()) + 1;
        return m_summary;
    }

private:
    Status save(const std::string &name, const json &content)
    {
        QFile file(m_dir + QLatin1Char('/') + QString::fromStdString(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Status::failure(QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
        const std::string text = content.dump(1);
        if (file.write(text.data(), qint64(text.size())) != qint64(text.size()))
            return Status::failure(QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
        m_summary.bytes += qint64(text.size());
        return {};
    }

    bool chance(double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng) < p; }
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }

    // Built with += : GCC 12 warns falsely (-Wrestrict) on chained operator+.
    std::string familyId(int f) const
    {
        std::string id = kVendorStems[size_t(f / 5) % kVendorStems.size()];
        id += kFamilySuffixes[size_t(f % 5)];
        if (f / 5 >= int(kVendorStems.size()))
            id += "-g" + std::to_string(f / 5 / int(kVendorStems.size()));
        return id;
    }
    std::string vendorId(int v) const
    {
        std::string id = kVendorStems[size_t(v) % kVendorStems.size()];
        id += "-ai";
        if (v >= int(kVendorStems.size()))
            id += "-" + std::to_string(v / int(kVendorStems.size()));
        return id;
    }
    int vendorCount() const { return (m_o.families + 4) / 5; }
    std::string familyConfigSource(int f) const { return "cfg-" + familyId(f); }

    json sources()
    {
        json list = json::array();
        for (int k = 0; k < kSeeds; ++k)
            list.push_back({{"id", seedId(k)}, {"kind", "seed"}, {"file", "synthetic_" + std::to_string(k) + ".txt"},
                            {"title", "Synthetic seed article " + std::to_string(k)}, {"date", "2026-02"}});
        // One model-card / config source per family: the "official" second opinion.
        for (int f = 0; f < m_o.families; ++f)
            list.push_back({{"id", familyConfigSource(f)}, {"kind", "url"},
                            {"url", "https://huggingface.co/synthetic/" + familyId(f) + "/blob/main/config.json"},
                            {"title", familyId(f) + " config.json"}});
        m_summary.sources += int(list.size());
        return {{"sources", list}};
    }

    json vendorsAndFamilies()
    {
        json vendors = json::array(), families = json::array();
        for (int v = 0; v < vendorCount(); ++v)
            vendors.push_back({{"id", vendorId(v)}, {"name", "Synthetic " + vendorId(v)},
                               {"country", kCountries[size_t(v) % kCountries.size()]}, {"src", seedId(v % kSeeds)}});
        for (int f = 0; f < m_o.families; ++f)
            families.push_back({{"id", familyId(f)}, {"name", "Family " + familyId(f)}, {"vendor", vendorId(f / 5)},
                                {"description", "A synthetic model family for benchmarks."}, {"src", seedId(f % kSeeds)}});
        m_summary.vendors = int(vendors.size());
        m_summary.families = int(families.size());
        return {{"vendors", vendors}, {"families", families}};
    }

    json licenses()
    {
        json list = json::array();
        int k = 0;
        for (const LicenseShape &l : kLicenses) {
            json tier = json::array({claim(l.tier, seedId(3), "tier")});
            // Two licenses where a second article rates the tier differently: a conflict.
            if (k % 6 == 5)
                tier.push_back(claim(std::min(5, l.tier + 1), seedId(0)));
            json clauses = json::array();
            clauses.push_back({{"id", "attribution"}, {"kind", "attribution"}, {"summary", "Keep the notice"}, {"src", seedId(3)}});
            if (l.tier >= 2)
                clauses.push_back({{"id", "mau-700m"}, {"kind", "user_threshold"}, {"threshold", 700000000},
                                   {"summary", "More than 700M monthly users need a separate license"}, {"src", seedId(0)}});
            json lic = {{"id", l.id}, {"name", l.name}, {"tier", tier},
                        {"commercial_use", json::array({claim(l.commercial, seedId(0))})},
                        {"url", std::string("https://example.org/licenses/") + l.id}, {"clauses", clauses}};
            lic["spdx"] = l.spdx ? json(l.spdx) : json(nullptr);
            list.push_back(lic);
            m_summary.claims += int(tier.size()) + 1;
            ++k;
        }
        m_summary.licenses = int(list.size());
        return {{"licenses", list}};
    }

    json modelList()
    {
        json list = json::array();
        m_moe.assign(size_t(m_o.models), false);
        m_ids.clear();
        for (int i = 0; i < m_o.models; ++i) {
            const int f = i % m_o.families;
            const std::string fam = familyId(f);
            const std::string variant = kVariants[size_t(pick(int(kVariants.size())))];
            const double size = kSizes[size_t(pick(int(kSizes.size())))];
            const bool moe = size >= 14 && chance(0.3);
            m_moe[size_t(i)] = moe;
            char serial[24];
            std::snprintf(serial, sizeof serial, "%05d", i);
            const std::string id = fam + "-" + sizeText(size) + "b-" + variant + "-" + serial;
            m_ids.push_back(id);
            std::string displayFamily = fam;
            displayFamily[0] = char(std::toupper(displayFamily[0]));
            const std::string name = displayFamily + " " + sizeText(size) + "B " + variant + " r" + serial;
            const std::string seed = seedId(pick(kSeeds));
            const std::string other = seedId((pick(kSeeds - 1) + 1 + std::stoi(seed.substr(5))) % kSeeds);
            const std::string cfg = familyConfigSource(f);

            json facts = json::object();
            // Parameters: the config first, an article second; 5% disagree (a conflict).
            json params = json::array({claim(size, cfg)});
            params.push_back(claim(chance(0.05) ? std::round(size * 1.1 + 1) : size, seed, "param count"));
            facts["params_total_b"] = params;
            facts["architecture"] = json::array({claim(moe ? "moe" : "dense", cfg)});
            if (moe) {
                const double active = std::max(1.0, std::round(size * uniform(0.04, 0.2)));
                facts["params_active_b"] = json::array({claim(active, cfg), claim(active, seed)});
                const int experts = std::array{8, 16, 64, 128, 256}[size_t(pick(5))];
                json ex = json::array({claim(experts, cfg)});
                if (chance(0.1))
                    ex.push_back(claim(experts - 2, seed, "experts"));
                facts["experts"] = ex;
                facts["experts_per_token"] = json::array({claim(std::array{2, 8}[size_t(pick(2))], cfg)});
            }
            facts["attention"] = json::array({claim(kAttention[size_t(pick(int(kAttention.size())))], cfg)});
            const double context = kContexts[size_t(pick(int(kContexts.size())))];
            json ctx = json::array({claim(context, cfg)});
            if (chance(0.4)) {
                json second = claim(chance(0.1) ? context / 2 : context, seed, "context");
                if (chance(0.2))
                    second["approx"] = true;
                ctx.push_back(second);
            }
            facts["context_tokens"] = ctx;
            char date[48];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2023 + pick(4), 1 + pick(12), 1 + pick(28));
            facts["release_date"] = json::array({claim(date, seed), claim(std::string(date).substr(0, 7), other)});
            facts["modality"] = json::array({claim(variant == "vision" || chance(0.15) ? json::array({"text", "image"}) : json::array({"text"}), seed)});
            facts["languages"] = json::array({claim(1 + pick(120), seed)});
            // 2% of models: two articles name different licenses.
            const LicenseShape &lic = kLicenses[size_t(pick(int(kLicenses.size())))];
            json license = json::array({claim(lic.id, cfg)});
            if (chance(0.02))
                license.push_back(claim(kLicenses[size_t((pick(int(kLicenses.size()) - 1) + 1 + (&lic - kLicenses.data())) % kLicenses.size())].id, other));
            facts["license"] = license;
            facts["training_tokens_t"] = json::array({claim(std::round(uniform(1, 40)), seed)});
            facts["strengths"] = json::array({claim("Synthetic strengths: reasoning, coding and multilingual chat.", seed)});
            facts["hf_repo"] = json::array({claim("synthetic/" + id, cfg)});
            for (const auto &[key, claims] : facts.items())
                m_summary.claims += int(claims.size());

            json model = {{"id", id}, {"name", name}, {"family", fam}, {"variant", variant},
                          {"aliases", json::array({fam + ":" + sizeText(size) + "b-" + serial, displayFamily + " " + sizeText(size) + "B " + serial})},
                          {"facts", facts}};
            // Distills and quantized fine-tunes point at an earlier model as their base.
            if ((variant == "distill" || variant == "instruct") && i >= m_o.families && chance(0.3))
                model["base_model"] = m_ids[size_t(i - m_o.families)];
            list.push_back(std::move(model));
        }
        m_summary.models = int(list.size());
        return list;
    }

    json architectures()
    {
        json sources = json::array(), list = json::array();
        const int every = m_o.architectureShare > 0 ? std::max(1, int(std::lround(1.0 / m_o.architectureShare))) : 0;
        for (int i = 0; every && i < m_o.models; i += every) {
            const std::string &id = m_ids[size_t(i)];
            const std::string src = "cfg-model-" + id;
            sources.push_back({{"id", src}, {"kind", "url"}, {"url", "https://huggingface.co/synthetic/" + id + "/blob/main/config.json"},
                               {"title", id + " config.json"}});
            const int layers = 16 + 8 * pick(10), heads = 16 + 8 * pick(8);
            json arch = {{"model", id}, {"src", src}, {"n_layers", layers}, {"hidden_size", heads * 128},
                         {"n_heads", heads}, {"n_kv_heads", std::max(1, heads / 8)}, {"head_dim", 128},
                         {"vocab_size", 32000 + 1024 * pick(120)}, {"ffn_size", heads * 128 * 3},
                         {"max_position", 131072}, {"rope_theta", 1000000.0}, {"tie_embeddings", chance(0.3)}};
            if (m_moe[size_t(i)])
                arch["moe"] = {{"n_experts", 128}, {"n_experts_per_token", 8}, {"n_shared_experts", 1},
                               {"expert_ffn_size", 1536}, {"first_dense_layers", 1}};
            list.push_back(arch);
        }
        m_summary.sources += int(sources.size());
        m_summary.architectures = int(list.size());
        return {{"sources", sources}, {"architectures", list}};
    }

    json benchmarksAndScores()
    {
        json benchmarks = json::array(), scores = json::array();
        for (int b = 0; b < m_o.benchmarks; ++b)
            benchmarks.push_back({{"id", benchmarkId(b)}, {"name", "Bench " + std::to_string(b)}, {"unit", b == 7 ? "Elo" : "%"},
                                  {"higher_is_better", true}, {"description", "Synthetic benchmark"}, {"src", seedId(2)}});
        const int total = int(std::lround(m_o.scoresPerModel * m_o.models));
        for (int k = 0; k < total; ++k) {
            const int model = pick(m_o.models);
            const int bench = pick(m_o.benchmarks);
            const double value = std::round(uniform(20.0, 95.0) * 10.0) / 10.0;
            json s = {{"model", m_ids[size_t(model)]}, {"benchmark", benchmarkId(bench)},
                      {"setup", kSetups[size_t(pick(int(kSetups.size())))]}, {"date", "2026-02"},
                      {"src", seedId(pick(kSeeds))}, {"approx", chance(0.05)}};
            s["value"] = chance(0.02) ? json{{"min", value - 5}, {"max", value + 5}} : json(value);
            scores.push_back(s);
            // One score in ten is reported again by another article: half agree, half not.
            if (chance(0.1) && k + 1 < total) {
                json again = s;
                again["src"] = seedId((pick(kSeeds - 1) + 1) % kSeeds);
                if (chance(0.5))
                    again["value"] = value + 3.0;
                scores.push_back(again);
                ++k;
            }
        }
        m_summary.scores = int(scores.size());
        return {{"benchmarks", benchmarks}, {"scores", scores}};
    }

    static std::string benchmarkId(int b) { return "bench-" + std::to_string(b); }

    QString m_dir;
    SyntheticOptions m_o;
    std::mt19937 m_rng;
    SyntheticSummary m_summary;
    std::vector<std::string> m_ids;
    std::vector<bool> m_moe;
};

} // namespace

Result<SyntheticSummary> writeSyntheticCatalog(const QString &dir, const SyntheticOptions &options)
{
    if (options.models < 1 || options.families < 1 || options.benchmarks < 1)
        return Result<SyntheticSummary>::failure(QStringLiteral("A synthetic catalog needs at least one model, family and benchmark."));
    return Generator(dir, options).run();
}

} // namespace ModelAtlas::Bench
