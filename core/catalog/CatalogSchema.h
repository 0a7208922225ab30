#pragma once

#include <QStringList>

namespace ModelAtlas::Catalog::Schema {

// The schema version this build writes. Bump it and add a step to
// upgradeStatements() for every change; never edit an earlier step.
constexpr int currentVersion = 5;

// DDL that creates the version-1 schema on an empty database.
QStringList version1Statements();

// DDL (and data moves) that take a database from `fromVersion` to fromVersion + 1.
QStringList upgradeStatements(int fromVersion);

// Catalog tables in an order that is safe for DELETE with foreign keys on
// (children first). User tables are never in this list.
QStringList catalogTablesChildrenFirst();

} // namespace ModelAtlas::Catalog::Schema
