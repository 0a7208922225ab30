#pragma once

#include "CatalogData.h"

#include <vector>

namespace ModelAtlas::Catalog {

// A field whose sources disagree. Both values stay in the catalog; this only
// marks the field so every view can show the disagreement.
struct Conflict
{
    QString entity;   // "models", "licenses", "gpus", "quantizations", "scores"
    QString entityId; // for scores: the model id (or closed model's name)
    QString field;    // for scores: the benchmark id
    QString detail;   // "402 (seed-000) · 400 (seed-004)"
};

// True when two claims state the same value: numbers equal (within 0.5 when
// either is approximate), a number inside the other's range, dates of which
// one is a prefix of the other ("2025-04" and "2025-04-28"), or equal text.
bool sameValue(const Claim &a, const Claim &b);

// All conflicts of a parsed catalog, in a stable order.
std::vector<Conflict> detectConflicts(const CatalogData &data);

} // namespace ModelAtlas::Catalog
