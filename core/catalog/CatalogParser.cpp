#include "CatalogParser.h"

#include "CatalogSpec.h"
#include "JsonReader.h"

#include <QFile>
#include <QRegularExpression>

#include <cmath>
#include <deque>
#include <functional>
#include <future>
#include <thread>
#include <map>
#include <set>

namespace ModelAtlas::Catalog {

namespace {

const QStringList kVariants = {"base", "instruct", "reasoning", "hybrid-reasoning", "coder", "math",
                               "distill", "vision", "omni", "ssm", "guard"};
const QStringList kClauseKinds = {"attribution", "naming", "notice", "user_threshold", "revenue_threshold",
                                  "use_restriction", "non_commercial", "revocation", "redistribution",
                                  "derivatives", "outputs", "patent", "other"};
const QStringList kSourceKinds = {"seed", "url", "repo"};

void requireId(const JsonNode &node, const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._+-]*$"));
    if (!pattern.match(id).hasMatch())
        node.fail(QStringLiteral("id \"%1\" must be lowercase letters, digits and . _ + -").arg(id));
}

// One reference to check once every file is read: the value at `where` in
// `root` (a document kept alive until then) names `id` of `table`.
struct Reference
{
    QString table, id, file;
    const nlohmann::json *root;
    const nlohmann::json *where;
    const char *suffix = ""; // appended to the path, for a key of the node
};

class Parser final
{
public:
    explicit Parser(QString dataDir) : m_dir(std::move(dataDir)) {}

    // Hands each file's validated records to `deliver` as soon as the file is
    // read (so an importer can write them while the next file is parsed);
    // references between files are checked after the last one. `deliver`
    // returns false to stop early.
    void run(const std::function<bool(CatalogData &&)> &deliver)
    {
        const nlohmann::json &manifest = m_documents.emplace_back(readJson(QStringLiteral("manifest.json")));
        const JsonNode root(manifest, QStringLiteral("manifest.json"));
        const auto format = root.optionalNumber("format");
        if (!format || *format != 1)
            root.fail(QStringLiteral("unsupported catalog format (this version reads format 1)"));
        m_data.catalogVersion = root.string("catalog_version");
        const JsonNode files = root.child("files");
        QStringList names;
        for (size_t i = 0; i < files.arraySize(); ++i) {
            const JsonNode entry = files.element(i);
            if (!entry.json().is_string())
                entry.fail(QStringLiteral("expected a file name"));
            const QString name = QString::fromStdString(entry.json().get<std::string>());
            if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1String("..")))
                entry.fail(QStringLiteral("\"%1\" is not a file inside the catalog folder").arg(name));
            names << name;
        }
        // Read and parse the next file on another thread while this one is
        // validated. One file ahead, in order: parsing all of them at once
        // would delay the first files the importer is waiting to write.
        const QString version = m_data.catalogVersion;
        std::future<nlohmann::json> next;
        const auto prefetch = [this, &names, &next](qsizetype i) {
            if (i < names.size())
                next = std::async(std::launch::async, [this, name = names[i]] { return readJson(name); });
        };
        prefetch(0);
        for (qsizetype i = 0; i < names.size(); ++i) {
            nlohmann::json document = next.get();
            prefetch(i + 1);
            parseFile(names[i], std::move(document));
            if (!deliver(std::move(m_data)))
                return;
            m_data = CatalogData();
            m_data.catalogVersion = version;
        }
        checkReferences();
        // Freeing the parsed documents (millions of small nodes) takes a
        // tenth of a large import; let a thread do it while the import goes on.
        std::thread([documents = std::move(m_documents)] {}).detach();
    }

private:
    nlohmann::json readJson(const QString &name) const
    {
        QFile file(m_dir + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadOnly))
            throw FormatError(name, "$", QStringLiteral("cannot read the file: %1").arg(file.errorString()));
        return parseJsonText(file.readAll(), name);
    }

    void parseFile(const QString &name, nlohmann::json document)
    {
        // Kept until every reference is checked, so an error can still name its path.
        const nlohmann::json &json = m_documents.emplace_back(std::move(document));
        const JsonNode root(json, name);
        root.requireObject();
        for (auto it = json.begin(); it != json.end(); ++it) {
            const std::string &key = it.key();
            const JsonNode section = root.child(key.c_str());
            section.arraySize(); // every section is an array
            if (key == "sources")
                parseSources(section);
            else if (key == "models")
                parseModels(section);
            else if (key == "licenses")
                parseLicenses(section);
            else if (key == "scores")
                parseScores(section);
            else if (const TableSpec *spec = recordTable(key.c_str()))
                parseRecords(section, *spec);
            else
                section.fail(QStringLiteral("unknown section \"%1\"").arg(QString::fromStdString(key)));
        }
    }

    void addId(const QString &table, const JsonNode &node, const QString &id)
    {
        if (!m_ids[table].insert(id).second)
            node.fail(QStringLiteral("duplicate id \"%1\" in %2").arg(id, table));
    }

    void addReference(const QString &table, const JsonNode &node, const QString &id)
    {
        if (!id.isEmpty())
            m_references.push_back({table, id, node.file(), &node.root(), &node.json()});
    }

    void referenceClaimSources(const JsonNode &node, const Facts &facts)
    {
        for (const auto &[field, claims] : facts)
            for (const Claim &c : claims)
                addReference(QStringLiteral("sources"), node, c.src);
    }

    void parseSources(const JsonNode &section)
    {
        for (size_t i = 0; i < section.arraySize(); ++i) {
            const JsonNode n = section.element(i);
            Source s;
            s.id = n.string("id");
            requireId(n, s.id);
            s.kind = n.string("kind");
            if (!kSourceKinds.contains(s.kind))
                n.fail(QStringLiteral("source kind must be one of %1").arg(kSourceKinds.join(QStringLiteral(", "))));
            s.file = n.optionalString("file");
            s.url = n.optionalString("url");
            s.repo = n.optionalString("repo");
            s.path = n.optionalString("path");
            s.title = n.optionalString("title");
            s.date = n.optionalString("date");
            if ((s.kind == QLatin1String("seed") && s.file.isEmpty()) || (s.kind == QLatin1String("url") && s.url.isEmpty())
                || (s.kind == QLatin1String("repo") && s.repo.isEmpty()))
                n.fail(QStringLiteral("a %1 source needs its %2").arg(s.kind, s.kind == QLatin1String("seed") ? QStringLiteral("file") : s.kind));
            // The same source may be cited by several files; only a different definition is an error.
            const auto existing = m_sourceDefinitions.find(s.id);
            if (existing != m_sourceDefinitions.end()) {
                const Source &o = existing->second;
                if (o.kind != s.kind || o.file != s.file || o.url != s.url || o.repo != s.repo || o.path != s.path)
                    n.fail(QStringLiteral("source \"%1\" is defined twice with different content").arg(s.id));
                continue;
            }
            m_ids[QStringLiteral("sources")].insert(s.id);
            m_sourceDefinitions[s.id] = s;
            m_data.sources.push_back(std::move(s));
        }
    }

    void parseModels(const JsonNode &section)
    {
        std::set<QString> knownFacts;
        for (const ModelFactSpec &f : modelFacts())
            knownFacts.insert(QString::fromLatin1(f.key));
        for (size_t i = 0; i < section.arraySize(); ++i) {
            const JsonNode n = section.element(i);
            Model m;
            m.id = n.string("id");
            requireId(n, m.id);
            addId(QStringLiteral("models"), n, m.id);
            m.name = n.string("name");
            m.family = n.string("family");
            addReference(QStringLiteral("families"), n.child("family"), m.family);
            m.variant = n.optionalString("variant");
            if (!m.variant.isEmpty() && !kVariants.contains(m.variant))
                n.child("variant").fail(QStringLiteral("unknown variant \"%1\" (expected one of %2)").arg(m.variant, kVariants.join(QStringLiteral(", "))));
            m.baseModel = n.optionalString("base_model");
            if (!m.baseModel.isEmpty())
                m_baseModels.push_back({QStringLiteral("models"), m.baseModel, n.file(), &n.root(), &n.json(), ".base_model"});
            m.aliases = n.optionalStringList("aliases");
            if (const auto facts = n.optionalChild("facts")) {
                facts->requireObject();
                for (auto it = facts->json().begin(); it != facts->json().end(); ++it) {
                    const QString key = QString::fromStdString(it.key());
                    const JsonNode claims = facts->child(it.key().c_str());
                    if (!knownFacts.count(key))
                        claims.fail(QStringLiteral("unknown fact \"%1\"").arg(key));
                    m.facts[key] = claims.claims();
                }
            }
            if (const auto it = m.facts.find(QStringLiteral("license")); it != m.facts.end())
                for (const Claim &c : it->second)
                    addReference(QStringLiteral("licenses"), n.child("facts").child("license"), c.text);
            referenceClaimSources(n, m.facts);
            m.object = n.json();
            m_data.models.push_back(std::move(m));
        }
    }

    void parseLicenses(const JsonNode &section)
    {
        for (size_t i = 0; i < section.arraySize(); ++i) {
            const JsonNode n = section.element(i);
            License l;
            l.record.id = n.string("id");
            requireId(n, l.record.id);
            addId(QStringLiteral("licenses"), n, l.record.id);
            l.name = n.string("name");
            l.spdx = n.optionalString("spdx");
            l.url = n.optionalString("url");
            for (const char *key : {"tier", "commercial_use"})
                if (const auto claims = n.optionalChild(key))
                    l.record.facts[QString::fromLatin1(key)] = claims->claims();
            if (const auto it = l.record.facts.find(QStringLiteral("tier")); it != l.record.facts.end())
                for (const Claim &c : it->second)
                    if (!c.number || *c.number < 1 || *c.number > 5 || *c.number != std::floor(*c.number))
                        n.child("tier").fail(QStringLiteral("tier must be a whole number from 1 to 5, found \"%1\"").arg(c.text));
            if (const auto clauses = n.optionalChild("clauses")) {
                std::set<QString> clauseIds;
                for (size_t k = 0; k < clauses->arraySize(); ++k) {
                    const JsonNode c = clauses->element(k);
                    LicenseClause clause;
                    clause.id = c.string("id");
                    if (!clauseIds.insert(clause.id).second)
                        c.fail(QStringLiteral("duplicate clause id \"%1\"").arg(clause.id));
                    clause.kind = c.string("kind");
                    if (!kClauseKinds.contains(clause.kind))
                        c.child("kind").fail(QStringLiteral("unknown clause kind \"%1\" (expected one of %2)").arg(clause.kind, kClauseKinds.join(QStringLiteral(", "))));
                    clause.summary = c.string("summary");
                    clause.quote = c.optionalString("quote");
                    clause.conflict = c.optionalString("conflict");
                    clause.threshold = c.optionalNumber("threshold");
                    clause.src = c.string("src");
                    addReference(QStringLiteral("sources"), c, clause.src);
                    l.clauses.push_back(std::move(clause));
                }
            }
            referenceClaimSources(n, l.record.facts);
            l.record.object = n.json();
            m_data.licenses.push_back(std::move(l));
        }
    }

    void parseScores(const JsonNode &section)
    {
        for (size_t i = 0; i < section.arraySize(); ++i) {
            const JsonNode n = section.element(i);
            Score s;
            s.model = n.optionalString("model");
            s.modelName = n.optionalString("model_name");
            if (s.model.isEmpty() && s.modelName.isEmpty())
                n.fail(QStringLiteral("a score needs \"model\" (a catalog id) or \"model_name\""));
            addReference(QStringLiteral("models"), n, s.model);
            s.benchmark = n.string("benchmark");
            addReference(QStringLiteral("benchmarks"), n.child("benchmark"), s.benchmark);
            s.value = n.claimFromObject("value", true);
            if (!s.value.min)
                n.child("value").fail(QStringLiteral("a score must be a number or a {min,max} range"));
            s.setup = n.optionalString("setup");
            s.date = n.optionalString("date");
            addReference(QStringLiteral("sources"), n, s.value.src);
            m_data.scores.push_back(std::move(s));
        }
    }

    void parseRecords(const JsonNode &section, const TableSpec &spec)
    {
        const QString table = QString::fromLatin1(spec.table);
        std::vector<Record> &out = m_data.records[spec.table];
        for (size_t i = 0; i < section.arraySize(); ++i) {
            const JsonNode n = section.element(i);
            n.requireObject();
            Record r;
            if (spec.idKey) {
                r.id = n.string(spec.idKey);
                requireId(n.child(spec.idKey), r.id);
                if (spec.idReferences)
                    addReference(QString::fromLatin1(spec.idReferences), n.child(spec.idKey), r.id);
            } else {
                r.id = QStringLiteral("%1-%2").arg(table).arg(++m_generatedIds[table]);
            }
            addId(table, n, r.id);
            for (const FieldSpec &f : spec.fields)
                parseField(n, f, r);
            r.object = n.json();
            out.push_back(std::move(r));
        }
    }

    void parseField(const JsonNode &n, const FieldSpec &f, Record &r)
    {
        const auto child = n.optionalChild(f.key);
        if (!child) {
            if (f.required)
                n.child(f.key); // throws "missing required field"
            return;
        }
        const nlohmann::json &v = child->json();
        switch (f.kind) {
        case FieldKind::Text: {
            const QString text = n.optionalString(f.key);
            if (f.references)
                addReference(QString::fromLatin1(f.references), *child, text);
            break;
        }
        case FieldKind::Number:
            n.optionalNumber(f.key);
            break;
        case FieldKind::Bool:
            n.optionalBool(f.key);
            break;
        case FieldKind::Range:
            if (v.is_number()) {
                n.optionalNumber(f.key); // checks it is finite
            } else {
                const auto lo = v.is_object() ? child->optionalNumber("min") : std::nullopt;
                const auto hi = v.is_object() ? child->optionalNumber("max") : std::nullopt;
                if (!lo || !hi || *lo > *hi)
                    child->fail(QStringLiteral("expected a number or a {\"min\", \"max\"} range with min <= max"));
            }
            break;
        case FieldKind::Claims: {
            const ClaimList &claims = r.facts[QString::fromLatin1(f.key)] = child->claims();
            for (const Claim &c : claims)
                addReference(QStringLiteral("sources"), *child, c.src);
            break;
        }
        case FieldKind::Json:
            if (!v.is_object() && !v.is_array())
                child->fail(QStringLiteral("expected an object"));
            break;
        }
    }

    void checkReferences()
    {
        m_references.insert(m_references.end(), m_baseModels.begin(), m_baseModels.end());
        for (const Reference &ref : m_references) {
            if (!m_ids[ref.table].count(ref.id))
                throw FormatError(ref.file, pathOf(*ref.root, ref.where) + ref.suffix,
                                  QStringLiteral("\"%1\" is not a known id in %2").arg(ref.id, ref.table));
        }
    }

    QString m_dir;
    std::deque<nlohmann::json> m_documents; // deque: references to earlier documents stay valid
    CatalogData m_data;
    std::map<QString, std::set<QString>> m_ids;
    std::map<QString, Source> m_sourceDefinitions; // to tell a repeated source from a redefined one
    std::map<QString, int> m_generatedIds;          // per table, for records without an id
    std::vector<Reference> m_references;
    std::vector<Reference> m_baseModels;
};

} // namespace

Status parseCatalogFiles(const QString &dataDir, const std::function<bool(CatalogData &&)> &deliver)
{
    try {
        Parser(dataDir).run(deliver);
        return {};
    } catch (const FormatError &e) {
        return Status::failure(QString::fromStdString(e.what()));
    } catch (const nlohmann::json::exception &e) {
        // A type error the validators did not anticipate: still a bad file, never a crash.
        return Status::failure(QStringLiteral("catalog data: %1").arg(QString::fromUtf8(e.what())));
    }
}

Result<CatalogData> parseCatalog(const QString &dataDir)
{
    CatalogData all;
    const Status parsed = parseCatalogFiles(dataDir, [&all](CatalogData &&file) {
        appendCatalogData(all, std::move(file));
        return true;
    });
    if (!parsed)
        return Result<CatalogData>::failure(parsed.error());
    return all;
}

} // namespace ModelAtlas::Catalog
