#pragma once

#include <vector>

namespace ModelAtlas::Catalog {

// How a field of a catalog record is validated and stored.
enum class FieldKind {
    Text,    // string -> TEXT column
    Number,  // number -> REAL column
    Bool,    // true/false -> INTEGER 0/1
    Range,   // number or {"min","max"} -> <column>_min, <column>_max
    Claims,  // list of sourced claims -> first claim's number in the column, all in `claims`
    Json,    // object/array kept as JSON text (e.g. an architecture's moe block)
};

struct FieldSpec
{
    const char *key;               // JSON key == column name
    FieldKind kind;
    bool required = false;
    const char *references = nullptr; // table whose id this text field must name
};

// A record kind stored generically: the JSON array `arrayKey` of a data file
// becomes rows of `table`. Models, licenses and scores have their own parsers.
struct TableSpec
{
    const char *arrayKey;
    const char *table;
    const char *idKey;             // nullptr: rows get a generated id "<table>-<n>"
    const char *idReferences;      // idKey must name a row of this table (architectures -> models)
    std::vector<FieldSpec> fields;
};

const std::vector<TableSpec> &recordTables();
const TableSpec *recordTable(const char *arrayKey);

// Fact keys a model may carry, with the column that holds its preferred value
// (nullptr: kept in `claims` only). Descriptive facts (free text such as
// "best for") are sources' wording, never compared for conflicts.
struct ModelFactSpec
{
    const char *key;
    const char *column;
    bool descriptive = false;
};
const std::vector<ModelFactSpec> &modelFacts();

} // namespace ModelAtlas::Catalog
