#pragma once

#include "util/Result.h"

#include <QString>

namespace ModelAtlas::Bench {

// The shape of a synthetic catalog. Defaults give the foundation issue's
// benchmark size: 10,000 models, ~30,000 scores, architectures for 20%.
struct SyntheticOptions
{
    int models = 10000;
    int families = 200;          // 5 per vendor
    int benchmarks = 20;
    double scoresPerModel = 3.0; // ~30,000 scores for 10,000 models
    double architectureShare = 0.2;
    unsigned seed = 20261123;    // deterministic: every run writes the same bytes
};

struct SyntheticSummary
{
    int sources = 0, vendors = 0, families = 0, licenses = 0, models = 0, claims = 0, scores = 0,
        architectures = 0, files = 0;
    qint64 bytes = 0;
};

// Writes a complete catalog folder (manifest.json, sources, vendors/families,
// licenses, models/part-NN.json, architectures, benchmarks + scores) in the
// format of docs/CATALOG_FORMAT.md into `dir` (created if needed). Facts carry
// several claims from different sources and some of them disagree, so the
// importer's conflict detection and claim writing do real work.
Result<SyntheticSummary> writeSyntheticCatalog(const QString &dir, const SyntheticOptions &options = {});

} // namespace ModelAtlas::Bench
