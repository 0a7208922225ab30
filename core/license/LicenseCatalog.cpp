#include "LicenseCatalog.h"

#include "DeploymentProfile.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

namespace ModelAtlas::License {

namespace {

QString qs(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QString grouped(double n)
{
    QLocale l(QLocale::English);
    return l.toString(static_cast<qlonglong>(n));
}

// Parses a "when" object; `where` prefixes error messages.
Result<Condition> parseCondition(const nlohmann::json &j, const QString &where)
{
    using R = Result<Condition>;
    if (!j.is_object())
        return R::failure(QStringLiteral("%1: \"when\" must be an object").arg(where));
    Condition c;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string &key = it.key();
        const nlohmann::json &v = it.value();
        const QString field = QStringLiteral("%1.when.%2").arg(where, QString::fromStdString(key));
        const auto boolean = [&](std::optional<bool> &out) -> std::optional<QString> {
            if (!v.is_boolean())
                return QStringLiteral("%1: expected true or false").arg(field);
            out = v.get<bool>();
            return std::nullopt;
        };
        const auto number = [&](std::optional<double> &out) -> std::optional<QString> {
            if (!v.is_number() || v.get<double>() < 0)
                return QStringLiteral("%1: expected a number >= 0").arg(field);
            out = v.get<double>();
            return std::nullopt;
        };
        const auto list = [&](QStringList &out, QString (*canon)(const QString &)) -> std::optional<QString> {
            if (!v.is_array() || v.empty())
                return QStringLiteral("%1: expected a non-empty array of strings").arg(field);
            for (const auto &e : v) {
                if (!e.is_string())
                    return QStringLiteral("%1: expected strings").arg(field);
                QString s = QString::fromStdString(e.get<std::string>());
                if (canon && canon(s) != s)
                    return QStringLiteral("%1: unknown value \"%2\"").arg(field, s);
                out << s;
            }
            return std::nullopt;
        };
        std::optional<QString> err;
        if (key == "commercial")
            err = boolean(c.commercial);
        else if (key == "eu_domiciled")
            err = boolean(c.euDomiciled);
        else if (key == "mau_gt")
            err = number(c.mauGreaterThan);
        else if (key == "revenue_gt")
            err = number(c.revenueGreaterThan);
        else if (key == "monthly_revenue_gt")
            err = number(c.monthlyRevenueGreaterThan);
        else if (key == "org_type_in")
            err = list(c.organisationIn, canonicalOrganisation);
        else if (key == "use_any")
            err = list(c.useAny, canonicalUse);
        else if (key == "domain_any")
            err = list(c.domainAny, canonicalDomain);
        else if (key == "model_modality_any")
            err = list(c.modelModalityAny, nullptr);
        else if (key == "any") {
            if (!v.is_array() || v.empty())
                err = QStringLiteral("%1: expected a non-empty array of conditions").arg(field);
            else
                for (size_t i = 0; i < v.size() && !err; ++i) {
                    auto sub = parseCondition(v[i], QStringLiteral("%1.when.any[%2]").arg(where).arg(i));
                    if (!sub)
                        err = sub.error();
                    else
                        c.any.push_back(std::move(sub).value());
                }
        } else
            err = QStringLiteral("%1: unknown condition (expected commercial, eu_domiciled, mau_gt, revenue_gt,"
                                 " monthly_revenue_gt, org_type_in, use_any, domain_any, model_modality_any, any)")
                      .arg(field);
        if (err)
            return R::failure(*err);
    }
    return c;
}

QStringList intersect(const QStringList &wanted, const QStringList &have)
{
    QStringList out;
    for (const QString &w : wanted)
        if (have.contains(w))
            out << w;
    return out;
}

} // namespace

bool Condition::matches(const DeploymentProfile &p, const QStringList &modelModality, QStringList *why) const
{
    QStringList local;
    if (commercial) {
        if (p.commercial != *commercial)
            return false;
        local << (*commercial ? QStringLiteral("commercial use") : QStringLiteral("non-commercial use"));
    }
    if (euDomiciled) {
        if (p.euDomiciled != *euDomiciled)
            return false;
        local << (*euDomiciled ? QStringLiteral("EU-domiciled licensee") : QStringLiteral("licensee outside the EU"));
    }
    if (mauGreaterThan) {
        if (!(p.monthlyActiveUsers > *mauGreaterThan))
            return false;
        local << QStringLiteral("%1 monthly active users > %2").arg(grouped(p.monthlyActiveUsers), grouped(*mauGreaterThan));
    }
    if (revenueGreaterThan) {
        if (!(p.annualRevenueUsd > *revenueGreaterThan))
            return false;
        local << QStringLiteral("annual revenue USD %1 > %2").arg(grouped(p.annualRevenueUsd), grouped(*revenueGreaterThan));
    }
    if (monthlyRevenueGreaterThan) {
        if (!(p.annualRevenueUsd / 12.0 > *monthlyRevenueGreaterThan))
            return false;
        local << QStringLiteral("monthly revenue USD %1 > %2").arg(grouped(p.annualRevenueUsd / 12.0), grouped(*monthlyRevenueGreaterThan));
    }
    if (!organisationIn.isEmpty()) {
        if (!organisationIn.contains(p.organisation))
            return false;
        local << QStringLiteral("organisation type %1").arg(p.organisation);
    }
    if (!useAny.isEmpty()) {
        const QStringList hit = intersect(useAny, p.uses);
        if (hit.isEmpty())
            return false;
        local << QStringLiteral("use %1").arg(hit.join(QStringLiteral(", ")));
    }
    if (!domainAny.isEmpty()) {
        const QStringList hit = intersect(domainAny, p.domains);
        if (hit.isEmpty())
            return false;
        local << QStringLiteral("domain %1").arg(hit.join(QStringLiteral(", ")));
    }
    if (!modelModalityAny.isEmpty()) {
        const QStringList hit = intersect(modelModalityAny, modelModality);
        if (hit.isEmpty())
            return false;
        local << QStringLiteral("multimodal model (%1)").arg(hit.join(QStringLiteral(", ")));
    }
    if (!any.empty()) {
        bool one = false;
        for (const Condition &alt : any)
            if (alt.matches(p, modelModality, &local)) {
                one = true;
                break;
            }
        if (!one)
            return false;
    }
    if (why)
        *why << local;
    return true;
}

Result<LicenseTerms> LicenseCatalog::parseLicense(const nlohmann::json &l)
{
    using R = Result<LicenseTerms>;
    LicenseTerms t;
    t.id = qs(l, "id");
    t.name = qs(l, "name");
    t.url = qs(l, "url");
    if (const auto it = l.find("commercial_use"); it != l.end() && it->is_array() && !it->empty())
        t.commercialUse = qs(it->front(), "value");
    const auto clauses = l.find("clauses");
    if (clauses == l.end() || !clauses->is_array())
        return t;
    t.clauseCount = static_cast<int>(clauses->size());
    for (const auto &c : *clauses) {
        const auto ruleIt = c.find("rule");
        if (ruleIt == c.end() || ruleIt->is_null())
            continue;
        const QString where = QStringLiteral("license \"%1\", clause \"%2\", rule").arg(t.id, qs(c, "id"));
        // A seed claim the license text contradicts never decides anything.
        if (!qs(c, "conflict").isEmpty())
            return R::failure(QStringLiteral("%1: a clause marked as conflicting cannot carry a rule").arg(where));
        const nlohmann::json &r = *ruleIt;
        if (!r.is_object())
            return R::failure(QStringLiteral("%1: must be an object").arg(where));
        ClauseRule rule;
        rule.clauseId = qs(c, "id");
        rule.kind = qs(c, "kind");
        rule.summary = qs(c, "summary");
        rule.quote = qs(c, "quote");
        rule.src = qs(c, "src");
        const QString then = qs(r, "then");
        if (then == QLatin1String("deny"))
            rule.effect = RuleEffect::Deny;
        else if (then == QLatin1String("permission"))
            rule.effect = RuleEffect::Permission;
        else if (then == QLatin1String("review"))
            rule.effect = RuleEffect::Review;
        else if (then == QLatin1String("oblige"))
            rule.effect = RuleEffect::Oblige;
        else if (then == QLatin1String("note"))
            rule.effect = RuleEffect::Note;
        else
            return R::failure(QStringLiteral("%1.then: expected deny, permission, review, oblige or note, found \"%2\"").arg(where, then));
        if (const auto w = r.find("when"); w != r.end()) {
            auto cond = parseCondition(*w, where);
            if (!cond)
                return R::failure(cond.error());
            rule.when = std::move(cond).value();
        }
        rule.obligation = qs(r, "obligation");
        rule.obligationKind = qs(r, "obligation_kind");
        rule.remedy = qs(r, "remedy");
        if ((rule.effect == RuleEffect::Oblige || rule.effect == RuleEffect::Permission) && rule.obligation.isEmpty())
            return R::failure(QStringLiteral("%1.obligation: required when \"then\" is \"%2\"").arg(where, then));
        static const QStringList kinds = {QStringLiteral("attribution"), QStringLiteral("naming"), QStringLiteral("notice"),
                                          QStringLiteral("aup_passthrough"), QStringLiteral("license_request"),
                                          QStringLiteral("copy_of_license"), QStringLiteral("other")};
        if (rule.effect == RuleEffect::Oblige || rule.effect == RuleEffect::Permission) {
            if (rule.obligationKind.isEmpty())
                rule.obligationKind = rule.effect == RuleEffect::Permission ? QStringLiteral("license_request") : QStringLiteral("other");
            if (!kinds.contains(rule.obligationKind))
                return R::failure(QStringLiteral("%1.obligation_kind: unknown kind \"%2\" (expected one of %3)")
                                      .arg(where, rule.obligationKind, kinds.join(QStringLiteral(", "))));
        }
        t.rules.push_back(std::move(rule));
    }
    return t;
}

void LicenseCatalog::addModel(ModelLicenses model)
{
    const auto it = m_modelIndex.find(model.id);
    if (it != m_modelIndex.end()) {
        m_models[it->second] = std::move(model);
        return;
    }
    m_modelIndex[model.id] = m_models.size();
    m_models.push_back(std::move(model));
}

void LicenseCatalog::addModelFromJson(const QString &id, const QString &name, const nlohmann::json &object,
                                      const std::map<QString, bool> &isSeed)
{
    ModelLicenses m;
    m.id = id;
    m.name = name;
    const auto facts = object.find("facts");
    if (facts != object.end() && facts->is_object()) {
        if (const auto lic = facts->find("license"); lic != facts->end() && lic->is_array()) {
            QStringList primary;
            for (const auto &claim : *lic) {
                const QString value = qs(claim, "value");
                const auto seed = isSeed.find(qs(claim, "src"));
                if (!value.isEmpty() && seed != isSeed.end() && !seed->second && !primary.contains(value))
                    primary << value;
            }
            if (primary.isEmpty() && !lic->empty() && !qs(lic->front(), "value").isEmpty())
                primary << qs(lic->front(), "value");
            m.licenseIds = primary;
        }
        if (const auto mod = facts->find("modality"); mod != facts->end() && mod->is_array() && !mod->empty()) {
            const auto &v = mod->front().find("value");
            if (v != mod->front().end() && v->is_array())
                for (const auto &e : *v)
                    if (e.is_string())
                        m.modality << QString::fromStdString(e.get<std::string>());
        }
    }
    addModel(std::move(m));
}

Result<LicenseCatalog> LicenseCatalog::fromCatalogData(const Catalog::CatalogData &data)
{
    LicenseCatalog cat;
    for (const Catalog::License &l : data.licenses) {
        auto terms = parseLicense(l.record.object);
        if (!terms)
            return Result<LicenseCatalog>::failure(terms.error());
        cat.addLicense(std::move(terms).value());
    }
    std::map<QString, bool> isSeed;
    for (const Catalog::Source &s : data.sources)
        isSeed[s.id] = s.kind == QLatin1String("seed");
    for (const Catalog::Model &m : data.models)
        cat.addModelFromJson(m.id, m.name, m.object, isSeed);
    return cat;
}

Result<LicenseCatalog> LicenseCatalog::fromDatabase(QSqlDatabase db)
{
    using R = Result<LicenseCatalog>;
    LicenseCatalog cat;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, json FROM licenses ORDER BY id")))
        return R::failure(QStringLiteral("Cannot read licenses: %1").arg(q.lastError().text()));
    while (q.next()) {
        const QByteArray text = q.value(1).toString().toUtf8();
        const auto j = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
        if (j.is_discarded())
            return R::failure(QStringLiteral("license \"%1\": stored JSON is damaged; re-import the catalog").arg(q.value(0).toString()));
        auto terms = parseLicense(j);
        if (!terms)
            return R::failure(terms.error());
        cat.addLicense(std::move(terms).value());
    }
    std::map<QString, bool> isSeed;
    if (!q.exec(QStringLiteral("SELECT id, kind FROM sources")))
        return R::failure(QStringLiteral("Cannot read sources: %1").arg(q.lastError().text()));
    while (q.next())
        isSeed[q.value(0).toString()] = q.value(1).toString() == QLatin1String("seed");
    // Model facts live in the claims table (one row per source's claim, in
    // preference order); rebuild the two facts the evaluator reads.
    std::map<QString, nlohmann::json> objects;
    std::vector<std::pair<QString, QString>> order;
    if (!q.exec(QStringLiteral("SELECT id, name FROM models ORDER BY id")))
        return R::failure(QStringLiteral("Cannot read models: %1").arg(q.lastError().text()));
    while (q.next()) {
        order.emplace_back(q.value(0).toString(), q.value(1).toString());
        objects[q.value(0).toString()] = {{"facts", {{"license", nlohmann::json::array()}, {"modality", nlohmann::json::array()}}}};
    }
    if (!q.exec(QStringLiteral("SELECT entity_id, field, value_text, src FROM claims WHERE entity = 'models'"
                               " AND field IN ('license', 'modality') ORDER BY entity_id, field, ordinal")))
        return R::failure(QStringLiteral("Cannot read model claims: %1").arg(q.lastError().text()));
    while (q.next()) {
        const auto it = objects.find(q.value(0).toString());
        if (it == objects.end())
            continue;
        const QString field = q.value(1).toString();
        nlohmann::json claim = {{"src", q.value(3).toString().toStdString()}};
        if (field == QLatin1String("license")) {
            claim["value"] = q.value(2).toString().toStdString();
        } else {
            // value_text of an array is its items joined with ", " (CatalogData.h)
            nlohmann::json items = nlohmann::json::array();
            for (const QString &m : q.value(2).toString().split(QStringLiteral(", "), Qt::SkipEmptyParts))
                items.push_back(m.trimmed().toStdString());
            claim["value"] = items;
        }
        it->second["facts"][field.toStdString()].push_back(claim);
    }
    for (const auto &[id, name] : order)
        cat.addModelFromJson(id, name, objects[id], isSeed);
    return cat;
}

const LicenseTerms *LicenseCatalog::license(const QString &id) const
{
    const auto it = m_licenses.find(id);
    return it == m_licenses.end() ? nullptr : &it->second;
}

const ModelLicenses *LicenseCatalog::model(const QString &id) const
{
    const auto it = m_modelIndex.find(id);
    return it == m_modelIndex.end() ? nullptr : &m_models[it->second];
}

} // namespace ModelAtlas::License
