#include "CatalogWriter.h"

#include "CatalogSchema.h"
#include "CatalogSpec.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <sqlite3.h>

#include <map>
#include <set>

namespace ModelAtlas::Catalog {

namespace {

// A prepared INSERT bound positionally; exec() reports the table on failure.
// It talks to SQLite directly through the Qt connection's handle: binding
// through QSqlQuery costs more than the insert itself, and an import writes
// ~200,000 rows for a 10,000-model catalog (see docs/PERFORMANCE.md).
class Insert final
{
public:
    Insert(QSqlDatabase &db, const QString &table, const QStringList &columns)
        : m_table(table)
    {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_db = *static_cast<sqlite3 *const *>(handle.constData());
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i)
            marks << QStringLiteral("?");
        const QByteArray sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                   .arg(table, columns.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))
                                   .toUtf8();
        if (m_db && sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_statement, nullptr) != SQLITE_OK)
            m_statement = nullptr;
    }
    ~Insert() { sqlite3_finalize(m_statement); }
    Insert(const Insert &) = delete;
    Insert &operator=(const Insert &) = delete;

    // One row from typed values (the hot path: no QVariant per value).
    template <typename... Values>
    Status row(const Values &...values)
    {
        if (!m_statement)
            return failure();
        int index = 0;
        (bind(++index, values), ...);
        return step();
    }

    // One row from a list (record tables whose columns come from a spec).
    Status exec(const QVariantList &values)
    {
        if (!m_statement)
            return failure();
        for (int i = 0; i < int(values.size()); ++i)
            bind(i + 1, values[i]);
        return step();
    }

private:
    Status failure() const
    {
        return Status::failure(QStringLiteral("Writing %1 failed: %2")
                                   .arg(m_table, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not a SQLite connection")));
    }

    Status step()
    {
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        if (rc != SQLITE_DONE)
            return failure();
        return {};
    }

    // Strings are converted to UTF-8 by Qt (faster than SQLite's own UTF-16
    // translation) into a buffer per column that lives until the next row, so
    // SQLite need not copy it (SQLITE_STATIC).
    // A binding survives sqlite3_reset(), so the same QString passed again
    // (a model's id for each of its claims) is not converted twice.
    void bind(int index, const QString &text)
    {
        if (size_t(index) >= m_buffers.size()) {
            m_buffers.resize(size_t(index) + 1);
            m_bound.resize(size_t(index) + 1);
        }
        QString &last = m_bound[size_t(index)];
        if (!text.isNull() && text.constData() == last.constData() && text.size() == last.size())
            return;
        last = text;
        if (text.isNull()) {
            sqlite3_bind_null(m_statement, index);
            return;
        }
        QByteArray &buffer = m_buffers[size_t(index)];
        buffer = text.toUtf8();
        sqlite3_bind_text(m_statement, index, buffer.constData(), int(buffer.size()), SQLITE_STATIC);
    }
    void forget(int index)
    {
        if (size_t(index) < m_bound.size())
            m_bound[size_t(index)] = QString();
    }
    void bind(int index, double value)
    {
        forget(index);
        sqlite3_bind_double(m_statement, index, value);
    }
    void bind(int index, int value)
    {
        forget(index);
        sqlite3_bind_int64(m_statement, index, value);
    }
    void bind(int index, const std::optional<double> &value)
    {
        forget(index);
        if (value)
            bind(index, *value);
        else
            sqlite3_bind_null(m_statement, index);
    }
    void bind(int index, const QVariant &v)
    {
        forget(index);
        switch (v.typeId()) {
        case QMetaType::UnknownType:
            sqlite3_bind_null(m_statement, index);
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::Bool:
            sqlite3_bind_int64(m_statement, index, v.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(m_statement, index, v.toDouble());
            break;
        default: {
            const QByteArray text = v.toString().toUtf8();
            sqlite3_bind_text(m_statement, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        }
        }
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    std::vector<QByteArray> m_buffers; // UTF-8 of the bound strings, by parameter index
    std::vector<QString> m_bound;      // the QString each buffer was made from
    QString m_table;
};

// Empty optional text is stored as NULL.
QString nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QString() : s;
}

nlohmann::json identityJson(const Model &m)
{
    nlohmann::json j = {{"id", m.id.toStdString()}, {"name", m.name.toStdString()}, {"family", m.family.toStdString()}};
    if (!m.variant.isEmpty())
        j["variant"] = m.variant.toStdString();
    if (!m.baseModel.isEmpty())
        j["base_model"] = m.baseModel.toStdString();
    if (!m.aliases.isEmpty()) {
        j["aliases"] = nlohmann::json::array();
        for (const QString &a : m.aliases)
            j["aliases"].push_back(a.toStdString());
    }
    return j;
}

QVariant orNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QVariant orNull(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}

// The value a claim contributes to a sortable column: its number when it has
// one, the lower bound of a range, else its text.
QVariant columnValue(const Claim &c)
{
    if (c.number)
        return *c.number;
    if (c.min)
        return *c.min;
    return c.text;
}

QVariant jsonScalar(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_boolean())
        return it->get<bool>() ? 1 : 0;
    if (it->is_number())
        return it->get<double>();
    return QString::fromStdString(it->dump());
}

QString dump(const nlohmann::json &object)
{
    return QString::fromStdString(object.dump());
}

} // namespace

class CatalogWriter::Impl final
{
public:
    explicit Impl(QSqlDatabase &db)
        : m_db(db)
        , m_claims(db, QStringLiteral("claims"),
                   {"entity", "entity_id", "field", "ordinal", "value_text", "value_num",
                    "value_min", "value_max", "approx", "src", "quote", "note"})
    {
    }

    Status clear()
    {
        // Foreign keys are checked at commit: a file may cite a source or
        // model that a later file defines.
        if (Status s = exec(QStringLiteral("PRAGMA defer_foreign_keys = ON")); !s)
            return s;
        for (const QString &table : Schema::catalogTablesChildrenFirst())
            if (Status s = exec(QStringLiteral("DELETE FROM %1").arg(table)); !s)
                return s;
        if (Status s = exec(QStringLiteral("DELETE FROM model_search")); !s)
            return s;
        return dropSecondaryIndexes();
    }

    Status write(const CatalogData &fragment)
    {
        m_fragment = &fragment;
        for (const Record &f : fragment.recordsOf("families"))
            m_vendorOfFamily[f.id] = QString::fromStdString(f.object.at("vendor").get<std::string>());
        for (auto step : {&Impl::writeSources, &Impl::writeLicenses, &Impl::writeRecordTables, &Impl::writeModels,
                          &Impl::writeScores}) {
            if (Status s = (this->*step)(); !s)
                return s;
        }
        return {};
    }

    Status finish(const std::vector<Conflict> &conflicts, const QString &catalogVersion)
    {
        Insert insert(m_db, QStringLiteral("conflicts"), {"entity", "entity_id", "field", "detail"});
        std::set<QString> conflicting;
        for (const Conflict &c : conflicts) {
            if (Status s = insert.row(c.entity, c.entityId, c.field, c.detail); !s)
                return s;
            if (c.entity == QLatin1String("models") || c.entity == QLatin1String("scores"))
                conflicting.insert(c.entityId);
        }
        QSqlQuery mark(m_db);
        mark.prepare(QStringLiteral("UPDATE models SET has_conflicts = 1 WHERE id = ?"));
        for (const QString &id : conflicting) {
            mark.bindValue(0, id);
            if (!mark.exec())
                return Status::failure(QStringLiteral("Writing conflicts failed: %1").arg(mark.lastError().text()));
        }
        if (Status s = recreateSecondaryIndexes(); !s)
            return s;
        return writeMeta(catalogVersion);
    }

private:
    // Secondary indexes of the catalog tables are dropped for the bulk insert
    // and built again at the end from their own stored definitions: one sort
    // is cheaper than 200,000 index updates.
    Status dropSecondaryIndexes()
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")))
            return Status::failure(QStringLiteral("Database error: %1").arg(q.lastError().text()));
        const QStringList catalogTables = Schema::catalogTablesChildrenFirst();
        QStringList names;
        while (q.next()) {
            QSqlQuery table(m_db);
            table.prepare(QStringLiteral("SELECT tbl_name FROM sqlite_master WHERE name = ?"));
            table.bindValue(0, q.value(0));
            if (table.exec() && table.next() && catalogTables.contains(table.value(0).toString())) {
                names << q.value(0).toString();
                m_indexDefinitions << q.value(1).toString();
            }
        }
        for (const QString &name : names)
            if (Status s = exec(QStringLiteral("DROP INDEX \"%1\"").arg(name)); !s)
                return s;
        return {};
    }

    Status recreateSecondaryIndexes()
    {
        for (const QString &sql : m_indexDefinitions)
            if (Status s = exec(sql); !s)
                return s;
        return {};
    }

    Status exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            return Status::failure(QStringLiteral("Database error: %1").arg(q.lastError().text()));
        return {};
    }

    Status writeClaims(const QString &entity, const QString &id, const Facts &facts)
    {
        for (const auto &[field, claims] : facts) {
            int ordinal = 0;
            for (const Claim &c : claims) {
                if (Status s = m_claims.row(entity, id, field, ordinal++, c.text, c.number, c.min, c.max,
                                            c.approx ? 1 : 0, c.src, nullIfEmpty(c.quote), nullIfEmpty(c.note));
                    !s)
                    return s;
            }
        }
        return {};
    }

    Status writeSources()
    {
        Insert insert(m_db, QStringLiteral("sources"), {"id", "kind", "file", "url", "repo", "path", "title", "date"});
        for (const Source &s : m_fragment->sources)
            if (Status st = insert.exec({s.id, s.kind, orNull(s.file), orNull(s.url), orNull(s.repo), orNull(s.path),
                                         orNull(s.title), orNull(s.date)});
                !st)
                return st;
        return {};
    }

    Status writeLicenses()
    {
        Insert license(m_db, QStringLiteral("licenses"), {"id", "name", "spdx", "url", "tier", "commercial_use", "json"});
        Insert clause(m_db, QStringLiteral("license_clauses"),
                      {"license_id", "clause_id", "kind", "summary", "threshold", "quote", "conflict", "src"});
        for (const License &l : m_fragment->licenses) {
            const auto first = [&](const char *key) -> QVariant {
                const auto it = l.record.facts.find(QString::fromLatin1(key));
                return it == l.record.facts.end() ? QVariant() : columnValue(it->second.front());
            };
            if (Status s = license.exec({l.record.id, l.name, orNull(l.spdx), orNull(l.url), first("tier"),
                                         first("commercial_use"), dump(l.record.object)});
                !s)
                return s;
            for (const LicenseClause &c : l.clauses)
                if (Status s = clause.exec({l.record.id, c.id, c.kind, c.summary, orNull(c.threshold), orNull(c.quote),
                                            orNull(c.conflict), c.src});
                    !s)
                    return s;
            if (Status s = writeClaims(QStringLiteral("licenses"), l.record.id, l.record.facts); !s)
                return s;
        }
        return {};
    }

    Status writeRecords(const TableSpec &spec, const std::vector<Record> &records)
    {
        QStringList columns{QString::fromLatin1(spec.idKey ? spec.idKey : "id")};
        for (const FieldSpec &f : spec.fields) {
            if (f.kind == FieldKind::Range)
                columns << QStringLiteral("%1_min").arg(QLatin1String(f.key)) << QStringLiteral("%1_max").arg(QLatin1String(f.key));
            else
                columns << QString::fromLatin1(f.key);
        }
        columns << QStringLiteral("json");
        Insert insert(m_db, QString::fromLatin1(spec.table), columns);
        for (const Record &r : records) {
            QVariantList values{r.id};
            for (const FieldSpec &f : spec.fields) {
                const auto it = r.object.find(f.key);
                const bool present = it != r.object.end() && !it->is_null();
                switch (f.kind) {
                case FieldKind::Range:
                    if (!present)
                        values << QVariant() << QVariant();
                    else if (it->is_number())
                        values << it->get<double>() << it->get<double>();
                    else
                        values << (*it)["min"].get<double>() << (*it)["max"].get<double>();
                    break;
                case FieldKind::Claims: {
                    const auto claims = r.facts.find(QString::fromLatin1(f.key));
                    values << (claims == r.facts.end() ? QVariant() : columnValue(claims->second.front()));
                    break;
                }
                case FieldKind::Json:
                    values << (present ? QVariant(QString::fromStdString(it->dump())) : QVariant());
                    break;
                default:
                    values << jsonScalar(r.object, f.key);
                }
            }
            values << dump(r.object);
            if (Status s = insert.exec(values); !s)
                return s;
            if (Status s = writeClaims(QString::fromLatin1(spec.table), r.id, r.facts); !s)
                return s;
        }
        return {};
    }

    Status writeRecordTables()
    {
        // Models reference families/licenses, and architectures/statements/prices
        // reference models: write the tables models depend on first.
        for (const char *key : {"vendors", "families", "benchmarks", "gpus", "providers", "engines", "quantizations", "statements"})
            if (Status s = writeRecords(*recordTable(key), m_fragment->recordsOf(key)); !s)
                return s;
        return {};
    }

    Status writeModelDependents()
    {
        for (const char *key : {"architectures", "hardware_statements", "api_prices", "recommendations"})
            if (Status s = writeRecords(*recordTable(key), m_fragment->recordsOf(key)); !s)
                return s;
        return {};
    }

    Status writeModels()
    {
        if (m_fragment->models.empty())
            return writeModelDependents();
        QStringList columns{"id", "name", "family", "vendor", "variant", "base_model"};
        for (const ModelFactSpec &f : modelFacts())
            if (f.column)
                columns << QString::fromLatin1(f.column);
        columns << "has_conflicts" << "json";
        Insert model(m_db, QStringLiteral("models"), columns);
        Insert alias(m_db, QStringLiteral("model_aliases"), {"model_id", "alias"});
        Insert search(m_db, QStringLiteral("model_search"), {"model_id", "text"});

        // Base models may be listed after their derivatives: insert rows first,
        // base_model is plain text (no foreign key) so order does not matter.
        for (const Model &m : m_fragment->models) {
            QVariantList values{m.id, m.name, m.family, orNull(m_vendorOfFamily[m.family]), orNull(m.variant), orNull(m.baseModel)};
            for (const ModelFactSpec &f : modelFacts()) {
                if (!f.column)
                    continue;
                const auto it = m.facts.find(QString::fromLatin1(f.key));
                values << (it == m.facts.end() ? QVariant() : columnValue(it->second.front()));
            }
            // Facts live in `claims`; the row keeps only the model's identity as JSON.
            // has_conflicts is set by finish(), once every file's claims are known.
            values << 0 << dump(identityJson(m));
            if (Status s = model.exec(values); !s)
                return s;
            for (const QString &a : m.aliases)
                if (Status s = alias.row(m.id, a); !s)
                    return s;
            if (Status s = search.row(m.id, QStringList{m.id, m.name, m.aliases.join(QLatin1Char(' '))}.join(QLatin1Char(' '))); !s)
                return s;
            if (Status s = writeClaims(QStringLiteral("models"), m.id, m.facts); !s)
                return s;
        }
        return writeModelDependents();
    }

    Status writeScores()
    {
        Insert insert(m_db, QStringLiteral("scores"),
                      {"model_id", "model_name", "benchmark_id", "value", "value_min", "value_max", "value_text",
                       "approx", "setup", "date", "src", "quote", "note"});
        for (const Score &s : m_fragment->scores) {
            const double value = s.value.number ? *s.value.number : (*s.value.min + *s.value.max) / 2.0;
            if (Status st = insert.row(nullIfEmpty(s.model), nullIfEmpty(s.modelName), s.benchmark, value, *s.value.min,
                                       *s.value.max, s.value.text, s.value.approx ? 1 : 0, nullIfEmpty(s.setup),
                                       nullIfEmpty(s.date), s.value.src, nullIfEmpty(s.value.quote), nullIfEmpty(s.value.note));
                !st)
                return st;
        }
        return {};
    }

    Status writeMeta(const QString &catalogVersion)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
        for (const auto &[key, value] : {std::pair{QStringLiteral("catalog_version"), catalogVersion},
                                         std::pair{QStringLiteral("imported_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}) {
            q.bindValue(0, key);
            q.bindValue(1, value);
            if (!q.exec())
                return Status::failure(QStringLiteral("Writing meta failed: %1").arg(q.lastError().text()));
        }
        return {};
    }

    QSqlDatabase &m_db;
    const CatalogData *m_fragment = nullptr;
    std::map<QString, QString> m_vendorOfFamily; // from every family written so far
    QStringList m_indexDefinitions;              // CREATE INDEX statements to run again in finish()
    Insert m_claims;
};

CatalogWriter::CatalogWriter(QSqlDatabase &db)
    : m_impl(std::make_unique<Impl>(db))
{
}

CatalogWriter::~CatalogWriter() = default;

Status CatalogWriter::clear()
{
    return m_impl->clear();
}

Status CatalogWriter::write(const CatalogData &fragment)
{
    return m_impl->write(fragment);
}

Status CatalogWriter::finish(const std::vector<Conflict> &conflicts, const QString &catalogVersion)
{
    return m_impl->finish(conflicts, catalogVersion);
}

} // namespace ModelAtlas::Catalog
