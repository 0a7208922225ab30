#include "DeploymentProfile.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace ModelAtlas::License {

namespace {

// More monthly users than people alive is a typo, not a deployment.
constexpr double kMaxUsers = 9e9;
// Larger than any company's annual revenue by an order of magnitude.
constexpr double kMaxRevenueUsd = 1e13;

QString canonical(const std::vector<Choice> &choices, QString text,
                  std::initializer_list<std::pair<const char *, const char *>> aliases)
{
    text = text.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const Choice &c : choices)
        if (text == QLatin1String(c.id))
            return text;
    for (const auto &[alias, id] : aliases)
        if (text == QLatin1String(alias))
            return QString::fromLatin1(id);
    return {};
}

QString ids(const std::vector<Choice> &choices)
{
    QStringList out;
    for (const Choice &c : choices)
        out << QString::fromLatin1(c.id);
    return out.join(QStringLiteral(", "));
}

} // namespace

const std::vector<Choice> &organisationTypes()
{
    static const std::vector<Choice> v = {
        {"individual", "a person acting on their own behalf"},
        {"startup", "a commercial company (small)"},
        {"company", "a commercial company"},
        {"non_profit", "a non-profit organisation"},
        {"academic", "a university or research institute"},
        {"government", "a public authority"},
    };
    return v;
}

const std::vector<Choice> &useModes()
{
    static const std::vector<Choice> v = {
        {"internal", "internal tool for the organisation's own staff"},
        {"saas", "SaaS / API offered to customers (hosted, weights not handed over)"},
        {"on_device", "on-device or app distribution (weights shipped to users)"},
        {"redistribute_weights", "redistributing the original weights"},
        {"distribute_derivative", "fine-tuning and distributing / making available a derivative model"},
        {"train_on_outputs", "using the model's outputs to train another model"},
    };
    return v;
}

const std::vector<Choice> &domains()
{
    static const std::vector<Choice> v = {
        {"general", "general-purpose assistant, coding, content"},
        {"military", "military, defence, warfare"},
        {"weapons", "weapons development or use"},
        {"medical", "medical advice, diagnosis, results interpretation"},
        {"biometric_identification", "identifying people (face, voice, biometrics)"},
        {"legal_decisions", "automated decisions affecting legal rights"},
        {"critical_infrastructure", "operating critical infrastructure, transport, heavy machinery"},
        {"law_enforcement", "justice, law enforcement, immigration or asylum"},
        {"surveillance", "surveillance or profiling of individuals"},
        {"employment", "hiring and employment decisions"},
        {"credit", "credit, insurance, housing decisions"},
    };
    return v;
}

QString canonicalUse(const QString &text)
{
    return canonical(useModes(), text,
                     {{"internal_tool", "internal"}, {"api", "saas"}, {"hosted", "saas"}, {"app", "on_device"},
                      {"device", "on_device"}, {"redistribute", "redistribute_weights"},
                      {"weights", "redistribute_weights"}, {"fine_tune", "distribute_derivative"},
                      {"finetune", "distribute_derivative"}, {"derivative", "distribute_derivative"},
                      {"outputs", "train_on_outputs"}, {"distill", "train_on_outputs"},
                      {"distillation", "train_on_outputs"}});
}

QString canonicalDomain(const QString &text)
{
    return canonical(domains(), text,
                     {{"defence", "military"}, {"defense", "military"}, {"health", "medical"},
                      {"healthcare", "medical"}, {"biometric", "biometric_identification"},
                      {"biometrics", "biometric_identification"}, {"legal", "legal_decisions"},
                      {"infrastructure", "critical_infrastructure"}, {"police", "law_enforcement"},
                      {"hiring", "employment"}, {"finance", "credit"}});
}

QString canonicalOrganisation(const QString &text)
{
    return canonical(organisationTypes(), text,
                     {{"person", "individual"}, {"enterprise", "company"}, {"business", "company"},
                      {"nonprofit", "non_profit"}, {"ngo", "non_profit"}, {"university", "academic"},
                      {"research", "academic"}, {"public", "government"}});
}

Status validate(const DeploymentProfile &p)
{
    if (canonicalOrganisation(p.organisation) != p.organisation)
        return Status::failure(QStringLiteral("organisation: unknown type \"%1\" (expected one of %2)")
                                   .arg(p.organisation, ids(organisationTypes())));
    if (!std::isfinite(p.monthlyActiveUsers) || p.monthlyActiveUsers < 0)
        return Status::failure(QStringLiteral("monthly_active_users: must be a number >= 0, found %1").arg(p.monthlyActiveUsers));
    if (p.monthlyActiveUsers != std::floor(p.monthlyActiveUsers))
        return Status::failure(QStringLiteral("monthly_active_users: must be a whole number of users, found %1").arg(p.monthlyActiveUsers));
    if (p.monthlyActiveUsers > kMaxUsers)
        return Status::failure(QStringLiteral("monthly_active_users: %1 is more than the world's population; check the number")
                                   .arg(p.monthlyActiveUsers, 0, 'f', 0));
    if (!std::isfinite(p.annualRevenueUsd) || p.annualRevenueUsd < 0)
        return Status::failure(QStringLiteral("annual_revenue_usd: must be a number >= 0, found %1").arg(p.annualRevenueUsd));
    if (p.annualRevenueUsd > kMaxRevenueUsd)
        return Status::failure(QStringLiteral("annual_revenue_usd: %1 is above USD 10 trillion; check the number (USD, not cents)")
                                   .arg(p.annualRevenueUsd, 0, 'f', 0));
    if (p.uses.isEmpty())
        return Status::failure(QStringLiteral("uses: name at least one use mode (%1)").arg(ids(useModes())));
    for (const QString &u : p.uses)
        if (canonicalUse(u) != u)
            return Status::failure(QStringLiteral("uses: unknown use mode \"%1\" (expected one of %2)").arg(u, ids(useModes())));
    for (const QString &d : p.domains)
        if (canonicalDomain(d) != d)
            return Status::failure(QStringLiteral("domains: unknown domain \"%1\" (expected one of %2)").arg(d, ids(domains())));
    return {};
}

nlohmann::json toJson(const DeploymentProfile &p)
{
    nlohmann::json uses = nlohmann::json::array(), doms = nlohmann::json::array();
    for (const QString &u : p.uses)
        uses.push_back(u.toStdString());
    for (const QString &d : p.domains)
        doms.push_back(d.toStdString());
    return {{"format", 1},
            {"name", p.name.toStdString()},
            {"organisation", p.organisation.toStdString()},
            {"commercial", p.commercial},
            {"monthly_active_users", p.monthlyActiveUsers},
            {"annual_revenue_usd", p.annualRevenueUsd},
            {"eu_domiciled", p.euDomiciled},
            {"uses", uses},
            {"domains", doms}};
}

Result<DeploymentProfile> fromJson(const nlohmann::json &j, const QString &where)
{
    using R = Result<DeploymentProfile>;
    const auto fail = [&](const char *field, const QString &problem) {
        return R::failure(QStringLiteral("%1: field \"%2\": %3").arg(where, QLatin1String(field), problem));
    };
    if (!j.is_object())
        return R::failure(QStringLiteral("%1: a deployment profile must be a JSON object").arg(where));
    static const char *const known[] = {"format", "name", "organisation", "commercial", "monthly_active_users",
                                        "annual_revenue_usd", "eu_domiciled", "uses", "domains"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (std::find_if(std::begin(known), std::end(known), [&](const char *k) { return it.key() == k; }) == std::end(known))
            return R::failure(QStringLiteral("%1: unknown field \"%2\" (expected: format, name, organisation, commercial,"
                                             " monthly_active_users, annual_revenue_usd, eu_domiciled, uses, domains)")
                                  .arg(where, QString::fromStdString(it.key())));
    }
    if (j.contains("format") && (!j["format"].is_number_integer() || j["format"].get<int>() != 1))
        return fail("format", QStringLiteral("unsupported profile format %1 (this version reads format 1)").arg(QString::fromStdString(j["format"].dump())));

    DeploymentProfile p;
    if (j.contains("name")) {
        if (!j["name"].is_string())
            return fail("name", QStringLiteral("expected a string"));
        p.name = QString::fromStdString(j["name"].get<std::string>());
    }
    if (j.contains("organisation")) {
        if (!j["organisation"].is_string())
            return fail("organisation", QStringLiteral("expected a string"));
        const QString text = QString::fromStdString(j["organisation"].get<std::string>());
        p.organisation = canonicalOrganisation(text);
        if (p.organisation.isEmpty())
            return fail("organisation", QStringLiteral("unknown type \"%1\" (expected one of %2)").arg(text, ids(organisationTypes())));
    }
    for (const auto &[key, target] : {std::pair{"commercial", &p.commercial}, std::pair{"eu_domiciled", &p.euDomiciled}}) {
        if (!j.contains(key))
            continue;
        if (!j[key].is_boolean())
            return fail(key, QStringLiteral("expected true or false, found %1").arg(QString::fromStdString(j[key].dump())));
        *target = j[key].get<bool>();
    }
    for (const auto &[key, target] : {std::pair{"monthly_active_users", &p.monthlyActiveUsers},
                                      std::pair{"annual_revenue_usd", &p.annualRevenueUsd}}) {
        if (!j.contains(key))
            continue;
        if (!j[key].is_number())
            return fail(key, QStringLiteral("expected a number, found %1").arg(QString::fromStdString(j[key].dump())));
        *target = j[key].get<double>();
    }
    const auto readList = [&](const char *key, QStringList &out, QString (*canon)(const QString &),
                              const std::vector<Choice> &choices) -> std::optional<QString> {
        if (!j.contains(key))
            return std::nullopt;
        if (!j[key].is_array())
            return QStringLiteral("expected an array of strings");
        for (const auto &e : j[key]) {
            if (!e.is_string())
                return QStringLiteral("expected strings, found %1").arg(QString::fromStdString(e.dump()));
            const QString text = QString::fromStdString(e.get<std::string>());
            const QString id = canon(text);
            if (id.isEmpty())
                return QStringLiteral("unknown value \"%1\" (expected one of %2)").arg(text, ids(choices));
            if (!out.contains(id))
                out << id;
        }
        return std::nullopt;
    };
    if (const auto e = readList("uses", p.uses, canonicalUse, useModes()))
        return fail("uses", *e);
    if (const auto e = readList("domains", p.domains, canonicalDomain, domains()))
        return fail("domains", *e);
    if (const Status s = validate(p); !s)
        return R::failure(QStringLiteral("%1: %2").arg(where, s.error()));
    return p;
}

Result<DeploymentProfile> loadProfileFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<DeploymentProfile>::failure(QStringLiteral("%1: cannot read the profile file: %2").arg(path, f.errorString()));
    const QByteArray text = f.readAll();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.constData(), text.constData() + text.size());
    } catch (const nlohmann::json::parse_error &e) {
        return Result<DeploymentProfile>::failure(QStringLiteral("%1: not valid JSON: %2").arg(path, QString::fromUtf8(e.what())));
    }
    return fromJson(j, path);
}

Status saveProfileFile(const DeploymentProfile &profile, const QString &path)
{
    if (const Status s = validate(profile); !s)
        return s;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Status::failure(QStringLiteral("%1: cannot write the profile file: %2").arg(path, f.errorString()));
    const std::string text = toJson(profile).dump(2) + "\n";
    f.write(text.data(), static_cast<qint64>(text.size()));
    if (!f.commit())
        return Status::failure(QStringLiteral("%1: cannot write the profile file: %2").arg(path, f.errorString()));
    return {};
}

} // namespace ModelAtlas::License
