#pragma once

#include "catalog/ModelDetails.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseEvaluator.h"
#include "planner/Calibration.h"
#include "planner/Planner.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace ModelAtlas::Catalog {
class CatalogDatabase;
}

namespace ModelAtlas::Reports {

// What a deployment report is asked about: one catalog model at one
// quantization on one hardware plan, for a workload and a deployment profile.
struct ReportRequest
{
    QString model;                 // id, name, alias or unique prefix
    QString quant = QStringLiteral("Q4_K_M");
    QString gpu;                   // "h100-sxm-80gb", "rtx-4090x2", "cpu"; empty: no hardware plan
    int64_t context = 4096;        // 0: the model's own maximum, capped at 4096
    int users = 1;
    int64_t promptTokens = 1024;
    License::DeploymentProfile profile;
    QDateTime generatedAt;         // invalid: now (tests pass a fixed time)
};

// One risk or open question, with where it comes from.
struct ReportItem
{
    QString kind;   // "conflict", "legal_review", "license_note", "license_conflict", "plan", "data_gap"
    QString text;
    QString src;    // a source id or URL when there is one
};

// Memory, speed and cost of the request's hardware plan.
struct PlanSection
{
    QString hardware;                // "2 x NVIDIA H100 SXM 80GB" or "CPU"
    QString gpuId;
    int gpuCount = 0;
    Planner::Workload workload;
    QString quant;                   // canonical name
    QString weightsSource;
    uint64_t weightBytes = 0;
    double params = 0, activeParams = 0;
    std::optional<Planner::Plan> plan; // unset when planning was impossible (`error` says why)
    QString error;
    // Rented at the catalog's $/GPU-hour, all month, the planned throughput
    // kept up all month; unset when the catalog has no price (`costNote`).
    std::optional<double> monthlyUsd;
    std::optional<double> usdPerMillionOutputTokens;
    QString costBasis, costNote;
};

// Everything a report says; the renderers only format it.
struct DeploymentReport
{
    QDateTime generatedAt;           // UTC
    QString catalogVersion, appVersion;
    Catalog::ModelDetails model;
    PlanSection plan;
    bool planRequested = false;      // a GPU (or "cpu") was given
    License::DeploymentProfile profile;
    License::ModelVerdict verdict;
    QList<Planner::Measurement> measured;   // this machine's runs of the model at the report's quantization
    std::vector<ReportItem> risks;          // facts that may hurt: conflicts, notes, does-not-fit
    std::vector<ReportItem> openQuestions;  // things to settle before deploying: legal review items, data gaps
};

// The sentence every rendering carries.
QString notLegalAdvice();

// Reads the catalog (model details, architecture, GPUs, licenses) and runs
// the planner, the cost model and the license evaluator. Errors are for a
// user: an unknown model, quantization or GPU, an invalid profile or workload.
// A model the planner cannot plan (no architecture on record) still gets a
// report: the plan section says why, and an open question is raised.
Result<DeploymentReport> buildReport(Catalog::CatalogDatabase &db, const ReportRequest &request);

// Fills risks and open questions from the rest of the report (buildReport
// calls it; exposed for reports assembled in code).
void collectRisks(DeploymentReport &report);

} // namespace ModelAtlas::Reports
