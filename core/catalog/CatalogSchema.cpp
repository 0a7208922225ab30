#include "CatalogSchema.h"

namespace ModelAtlas::Catalog::Schema {

QStringList version1Statements()
{
    return {
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE sources (id TEXT PRIMARY KEY, kind TEXT NOT NULL, file TEXT, url TEXT, repo TEXT,"
                       " path TEXT, title TEXT, date TEXT)"),
        QStringLiteral("CREATE TABLE vendors (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE families (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                       " vendor TEXT NOT NULL REFERENCES vendors(id), description TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE licenses (id TEXT PRIMARY KEY, name TEXT NOT NULL, spdx TEXT, url TEXT,"
                       " tier INTEGER, commercial_use TEXT, json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE license_clauses (license_id TEXT NOT NULL REFERENCES licenses(id),"
                       " clause_id TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL, threshold REAL,"
                       " quote TEXT, conflict TEXT, src TEXT NOT NULL REFERENCES sources(id),"
                       " PRIMARY KEY (license_id, clause_id))"),
        QStringLiteral("CREATE TABLE models (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                       " family TEXT NOT NULL REFERENCES families(id), vendor TEXT REFERENCES vendors(id),"
                       " variant TEXT, base_model TEXT, params_total_b REAL, params_active_b REAL,"
                       " architecture TEXT, experts REAL, experts_per_token REAL, attention TEXT,"
                       " context_tokens REAL, release_date TEXT, modality TEXT, languages TEXT,"
                       " license_id TEXT REFERENCES licenses(id), hf_repo TEXT,"
                       " has_conflicts INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX models_family ON models(family)"),
        QStringLiteral("CREATE TABLE model_aliases (model_id TEXT NOT NULL REFERENCES models(id), alias TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE architectures (model TEXT PRIMARY KEY REFERENCES models(id),"
                       " src TEXT NOT NULL REFERENCES sources(id), n_layers REAL, hidden_size REAL, n_heads REAL,"
                       " n_kv_heads REAL, head_dim REAL, vocab_size REAL, ffn_size REAL, max_position REAL,"
                       " rope_theta REAL, tie_embeddings INTEGER, moe TEXT, mla TEXT, sliding_window TEXT,"
                       " note TEXT, json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE benchmarks (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT,"
                       " higher_is_better INTEGER, description TEXT, src TEXT NOT NULL REFERENCES sources(id),"
                       " json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE scores (id INTEGER PRIMARY KEY, model_id TEXT REFERENCES models(id),"
                       " model_name TEXT, benchmark_id TEXT NOT NULL REFERENCES benchmarks(id), value REAL NOT NULL,"
                       " value_min REAL, value_max REAL, value_text TEXT NOT NULL, approx INTEGER NOT NULL,"
                       " setup TEXT, date TEXT, src TEXT NOT NULL REFERENCES sources(id), quote TEXT, note TEXT)"),
        QStringLiteral("CREATE INDEX scores_model ON scores(model_id, benchmark_id)"),
        QStringLiteral("CREATE TABLE gpus (id TEXT PRIMARY KEY, name TEXT NOT NULL, vendor TEXT, memory_gb REAL,"
                       " bandwidth_gbs REAL, fp16_tflops REAL, price_hour_usd REAL, purchase_usd REAL, json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE hardware_statements (id TEXT PRIMARY KEY, model TEXT REFERENCES models(id),"
                       " kind TEXT NOT NULL, text TEXT NOT NULL, gpu TEXT, gpu_count_min REAL, gpu_count_max REAL,"
                       " vram_gb_min REAL, vram_gb_max REAL, quantization TEXT, monthly_cost_usd_min REAL,"
                       " monthly_cost_usd_max REAL, src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, notes TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE api_prices (id TEXT PRIMARY KEY, model TEXT REFERENCES models(id), model_name TEXT,"
                       " provider TEXT REFERENCES providers(id), input_per_m_min REAL, input_per_m_max REAL,"
                       " output_per_m_min REAL, output_per_m_max REAL, note TEXT, date TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE engines (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, description TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE quantizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, format TEXT,"
                       " bits_per_weight REAL, notes TEXT, src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE recommendations (id TEXT PRIMARY KEY, use_case TEXT NOT NULL, scenario TEXT,"
                       " rank REAL, model TEXT REFERENCES models(id), model_name TEXT, note TEXT,"
                       " src TEXT NOT NULL REFERENCES sources(id), json TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE statements (id TEXT PRIMARY KEY, topic TEXT NOT NULL, text TEXT NOT NULL,"
                       " value_min REAL, value_max REAL, unit TEXT, src TEXT NOT NULL REFERENCES sources(id),"
                       " json TEXT NOT NULL)"),
        // Every sourced value of every entity, one row per source's claim.
        QStringLiteral("CREATE TABLE claims (entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
                       " ordinal INTEGER NOT NULL, value_text TEXT NOT NULL, value_json TEXT NOT NULL,"
                       " value_num REAL, value_min REAL, value_max REAL, approx INTEGER NOT NULL,"
                       " src TEXT NOT NULL REFERENCES sources(id), quote TEXT, note TEXT,"
                       " PRIMARY KEY (entity, entity_id, field, ordinal))"),
        // Fields whose sources disagree; filled by the importer from claims and scores.
        QStringLiteral("CREATE TABLE conflicts (entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
                       " detail TEXT NOT NULL, PRIMARY KEY (entity, entity_id, field))"),
        // User data: never touched by a catalog import.
        QStringLiteral("CREATE TABLE user_models (id TEXT PRIMARY KEY, name TEXT NOT NULL, family TEXT,"
                       " params_total_b REAL, params_active_b REAL, context_tokens REAL, license_id TEXT,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE notes (model_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL)"),
    };
}

QStringList upgradeStatements(int fromVersion)
{
    switch (fromVersion) {
    case 1:
        // v2: full-text search over model names, hardware profiles and
        // measured runs (the planner's calibration input).
        return {
            QStringLiteral("CREATE VIRTUAL TABLE model_search USING fts5(model_id UNINDEXED, text,"
                           " tokenize = \"unicode61 tokenchars '.-'\")"),
            QStringLiteral("INSERT INTO model_search (model_id, text) SELECT m.id, m.id || ' ' || m.name || ' ' ||"
                           " COALESCE((SELECT group_concat(alias, ' ') FROM model_aliases a WHERE a.model_id = m.id), '')"
                           " FROM models m"),
            QStringLiteral("CREATE TABLE hardware_profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                           " json TEXT NOT NULL, created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE measurements (id INTEGER PRIMARY KEY, model_id TEXT, file_hash TEXT,"
                           " quantization TEXT, device TEXT, context INTEGER, prompt_tokens INTEGER,"
                           " output_tokens INTEGER, json TEXT NOT NULL, created_at TEXT NOT NULL)"),
        };
    case 2:
        // v3: claims clustered on their key (WITHOUT ROWID: one b-tree instead
        // of a table plus its primary-key index) and without value_json, which
        // only the importer needs (in memory) to compare claims.
        return {
            QStringLiteral("CREATE TABLE claims_v3 (entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
                           " ordinal INTEGER NOT NULL, value_text TEXT NOT NULL,"
                           " value_num REAL, value_min REAL, value_max REAL, approx INTEGER NOT NULL,"
                           " src TEXT NOT NULL REFERENCES sources(id), quote TEXT, note TEXT,"
                           " PRIMARY KEY (entity, entity_id, field, ordinal)) WITHOUT ROWID"),
            QStringLiteral("INSERT INTO claims_v3 SELECT entity, entity_id, field, ordinal, value_text, value_num,"
                           " value_min, value_max, approx, src, quote, note FROM claims"),
            QStringLiteral("DROP TABLE claims"),
            QStringLiteral("ALTER TABLE claims_v3 RENAME TO claims"),
        };
    case 3:
        // v4: saved deployment profiles (core/license ProfileStore), user data.
        return {
            QStringLiteral("CREATE TABLE deployment_profiles (id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE, json TEXT NOT NULL, created_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL)"),
        };
    case 4:
        // v5: the Playground's blind votes (replayed into an Elo ranking per
        // task tag) and saved prompt sets (core/runners), user data.
        return {
            QStringLiteral("CREATE TABLE votes (id INTEGER PRIMARY KEY, task_tag TEXT NOT NULL, model_a TEXT NOT NULL,"
                           " model_b TEXT NOT NULL, outcome TEXT NOT NULL"
                           " CHECK (outcome IN ('a', 'b', 'tie', 'both_bad')), prompt TEXT, created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX votes_tag ON votes(task_tag)"),
            QStringLiteral("CREATE TABLE prompt_sets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                           " json TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
        };
    default:
        return {};
    }
}

QStringList catalogTablesChildrenFirst()
{
    return {QStringLiteral("conflicts"), QStringLiteral("claims"), QStringLiteral("scores"),
            QStringLiteral("api_prices"), QStringLiteral("hardware_statements"), QStringLiteral("recommendations"),
            QStringLiteral("architectures"), QStringLiteral("model_aliases"), QStringLiteral("models"),
            QStringLiteral("license_clauses"), QStringLiteral("licenses"), QStringLiteral("families"),
            QStringLiteral("vendors"), QStringLiteral("benchmarks"), QStringLiteral("gpus"),
            QStringLiteral("providers"), QStringLiteral("engines"), QStringLiteral("quantizations"),
            QStringLiteral("statements"), QStringLiteral("sources")};
}

} // namespace ModelAtlas::Catalog::Schema
