#pragma once
// Every finished local run becomes a row of the `measurements` table (schema
// v2), the input core/planner calibrates its efficiency factors from: device
// "cpu" and backend "modelatlas-cpu" in the json column, or for a GPU run the
// catalog card it ran on (the driver's name when the catalog lacks it) and
// backend "modelatlas-cuda".

#include "RunnerTypes.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <nlohmann/json.hpp>


namespace ModelAtlas::Runners {

// The json column of a local run (pure, so tests can read it field by field).
nlohmann::json measurementJson(const RunnerSpec &spec, const RunOutcome &outcome);

class MeasurementStore final
{
public:
    explicit MeasurementStore(QSqlDatabase db) : m_db(std::move(db)) {}

    // The catalog model a GGUF's general.name stands for (its id, name or an
    // alias, ignoring case); empty when none matches.
    QString matchCatalogModel(const QString &generalName) const;

    // Stores a completed local run; remote, failed and cancelled runs measure
    // nothing reliable and are refused. Returns the new row's id.
    Result<qint64> store(const RunnerSpec &spec, const RunOutcome &outcome);

private:
    // The catalog GPU id of a driver-reported name, else the name itself
    // (calibration then skips the row: it has no datasheet to compare with).
    QString deviceOf(const QString &gpuName) const;

    QSqlDatabase m_db;
};

} // namespace ModelAtlas::Runners
