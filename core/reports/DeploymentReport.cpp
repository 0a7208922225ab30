#include "DeploymentReport.h"

#include "catalog/CatalogDatabase.h"
#include "catalog/CatalogQuery.h"
#include "cost/CostModel.h"
#include "hardware/GpuCatalog.h"
#include "license/LicenseCatalog.h"
#include "planner/CatalogModels.h"
#include "planner/QuantMix.h"

#include <QCoreApplication>

#include <algorithm>

namespace ModelAtlas::Reports {

using namespace ModelAtlas::Planner;

QString notLegalAdvice()
{
    return QCoreApplication::translate("ModelAtlas::Reports",
                                       "This report is not legal advice: the license verdict is a reading of the license "
                                       "clauses recorded in the catalog against the deployment profile stated here. "
                                       "Have counsel review the license texts before you rely on it.");
}

namespace {

// Resolves the GPU text and plans; fills `s` and never fails the whole
// report for a model the catalog cannot plan (that becomes s.error).
Status planSection(Catalog::CatalogDatabase &db, const ReportRequest &r, const QString &modelId, PlanSection &s)
{
    const std::optional<Quant> quant = quantByName(r.quant);
    if (!quant)
        return Status::failure(QStringLiteral("Unknown quantization \"%1\". Known: F32, F16, BF16, FP8, Q8_0, Q6_K, Q5_K_M, Q5_K_S, "
                                              "Q4_K_M, Q4_K_S, Q4_0, Q3_K_M, Q2_K, GPTQ, AWQ.").arg(r.quant));
    s.quant = QString::fromLatin1(quantInfo(*quant).name);

    Hardware::HardwareProfile hw;
    if (r.gpu.compare(QLatin1String("cpu"), Qt::CaseInsensitive) == 0) {
        hw.gpuCount = 0;
        s.hardware = QStringLiteral("CPU");
    } else {
        // A saved hardware profile of that name, or a catalog card ("h100x2").
        auto resolved = Hardware::resolveHardware(db.db(), r.gpu);
        if (!resolved)
            return Status::failure(resolved.error());
        hw = std::move(resolved).value();
        s.gpuId = hw.gpu.id;
        s.hardware = hw.gpuCount > 0 ? QStringLiteral("%1 x %2").arg(hw.totalGpus()).arg(hw.gpu.name) : hw.name;
    }
    s.gpuCount = hw.totalGpus();
    if (r.users < 1 || r.users > 100000)
        return Status::failure(QStringLiteral("users must be between 1 and 100000 (got %1).").arg(r.users));
    if (r.context < 0 || r.context > int64_t(1) << 24)
        return Status::failure(QStringLiteral("context must be between 1 and 16M tokens (got %1).").arg(r.context));
    s.workload.users = r.users;
    s.workload.promptTokens = r.promptTokens;
    s.workload.context = r.context > 0 ? r.context : 4096;

    const auto shapes = loadCatalogShapes(db.db());
    if (!shapes)
        return Status::failure(shapes.error());
    const ModelShape *shape = shapes->find(modelId);
    if (!shape) {
        s.error = QStringLiteral("The catalog has no architecture (layers, heads, ...) for %1, so memory and speed cannot be "
                                 "predicted from the catalog.").arg(modelId);
        return {};
    }
    if (r.context <= 0 && shape->maxContext > 0)
        s.workload.context = std::min<int64_t>(s.workload.context, shape->maxContext);
    const WeightLayout layout = layoutFor(*shape, *quant);
    s.weightsSource = layout.source;
    s.weightBytes = layout.totalBytes;
    s.params = layout.params;
    s.activeParams = layout.activeParams;

    PlanInput in;
    in.shape = shape;
    in.layout = &layout;
    in.hardware = hw;
    in.workload = s.workload;
    in.quant = quant;
    // Plans with what this machine measured, like the Planner page and `plan`.
    Planner::EfficiencyTable efficiency;
    if (const auto calibration = Planner::calibrationFromDatabase(db.db()))
        efficiency = calibration->table;
    in.efficiency = &efficiency;
    auto p = plan(in);
    if (!p) {
        s.error = p.error();
        return {};
    }
    s.plan = std::move(p).value();

    if (hw.gpuCount == 0) {
        s.costNote = QStringLiteral("No GPU cost: the plan runs on the CPU.");
    } else if (!hw.gpu.pricePerHourUsd) {
        s.costNote = QStringLiteral("The catalog has no rental price for %1.").arg(hw.gpu.name);
    } else {
        Cost::GpuCostInput c;
        c.gpuCount = hw.totalGpus();
        c.pricePerGpuHourUsd = hw.gpu.pricePerHourUsd;
        if (const auto monthly = Cost::monthlyGpuCost(c)) {
            s.monthlyUsd = monthly->totalUsd();
            s.costBasis = monthly->basis;
            if (s.plan->speed.known && s.plan->verdict != Planner::Verdict::DoesNotFit) {
                if (const auto perM = Cost::usdPerMillionTokens(*s.monthlyUsd, s.plan->speed.aggregateTokS, 1.0))
                    s.usdPerMillionOutputTokens = perM.value();
            } else {
                s.costNote = QStringLiteral("No cost per token: the plan has no speed estimate.");
            }
        } else {
            s.costNote = monthly.error();
        }
    }
    return {};
}

} // namespace

Result<DeploymentReport> buildReport(Catalog::CatalogDatabase &db, const ReportRequest &request)
{
    using R = Result<DeploymentReport>;
    if (const Status s = License::validate(request.profile); !s)
        return R::failure(QStringLiteral("Deployment profile: %1").arg(s.error()));
    const auto id = Catalog::CatalogQuery(db.db()).resolveModel(request.model);
    if (!id)
        return R::failure(id.error());

    DeploymentReport report;
    report.generatedAt = (request.generatedAt.isValid() ? request.generatedAt : QDateTime::currentDateTimeUtc()).toUTC();
    report.catalogVersion = db.catalogVersion();
    report.appVersion = QStringLiteral(MODELATLAS_VERSION);
    report.profile = request.profile;

    auto details = Catalog::loadModelDetails(db.db(), id.value());
    if (!details)
        return R::failure(details.error());
    report.model = std::move(details).value();

    report.planRequested = !request.gpu.isEmpty();
    if (report.planRequested) {
        if (const Status s = planSection(db, request, id.value(), report.plan); !s)
            return R::failure(s.error());
    }

    // Measured runs are user data: a damaged table loses that section, not the report.
    const auto quant = Planner::quantByName(request.quant);
    if (const auto runs = Planner::readMeasurements(db.db(), id.value(),
                                                    quant ? QString::fromLatin1(Planner::quantInfo(*quant).name) : request.quant))
        report.measured = runs.value();

    const auto licenses = License::LicenseCatalog::fromDatabase(db.db());
    if (!licenses)
        return R::failure(licenses.error());
    report.verdict = License::LicenseEvaluator(licenses.value()).evaluate(request.profile, id.value());

    collectRisks(report);
    return report;
}

void collectRisks(DeploymentReport &report)
{
    report.risks.clear();
    report.openQuestions.clear();
    for (const Catalog::FactDetail &f : report.model.facts) {
        if (!f.conflict.isEmpty()) {
            QStringList values;
            for (const Catalog::SourcedValue &v : f.values)
                values << QStringLiteral("%1 (%2)").arg(v.text, v.sourceLabel.isEmpty() ? v.src : v.sourceLabel);
            report.risks.push_back({QStringLiteral("conflict"),
                                    QStringLiteral("Sources disagree on %1: %2. %3").arg(f.field, values.join(QStringLiteral(" vs ")), f.conflict),
                                    f.values.isEmpty() ? QString() : f.values.front().src});
        }
    }
    for (const Catalog::ScoreDetail &s : report.model.scores)
        if (!s.conflict.isEmpty())
            report.risks.push_back({QStringLiteral("conflict"),
                                    QStringLiteral("Benchmark %1: %2").arg(s.benchmarkName, s.conflict), s.value.src});
    if (report.model.license)
        for (const Catalog::ClauseDetail &c : report.model.license->clauses)
            if (!c.conflict.isEmpty())
                report.risks.push_back({QStringLiteral("license_conflict"),
                                        QStringLiteral("License %1, clause %2: %3").arg(report.model.license->id, c.id, c.conflict), c.src});
    for (const QString &n : report.verdict.notes)
        report.risks.push_back({QStringLiteral("license_note"), n, {}});
    if (report.planRequested) {
        const PlanSection &p = report.plan;
        if (!p.error.isEmpty())
            report.openQuestions.push_back({QStringLiteral("data_gap"), p.error, {}});
        else if (p.plan && p.plan->verdict == Planner::Verdict::DoesNotFit)
            report.risks.push_back({QStringLiteral("plan"),
                                    QStringLiteral("The model does not fit on %1 at %2 tokens x %3 user(s): %4")
                                        .arg(p.hardware).arg(p.workload.context).arg(p.workload.users).arg(p.plan->reason), {}});
        else if (p.plan && p.plan->verdict == Planner::Verdict::FitsWithOffload)
            report.risks.push_back({QStringLiteral("plan"),
                                    QStringLiteral("Fits only with part of the model in CPU RAM; expect lower speed. %1").arg(p.plan->reason), {}});
        if (p.plan && !p.plan->speed.known)
            report.openQuestions.push_back({QStringLiteral("data_gap"),
                                            QStringLiteral("No speed estimate: the catalog has no bandwidth/TFLOPS for this hardware."), {}});
    } else {
        report.openQuestions.push_back({QStringLiteral("data_gap"),
                                        QStringLiteral("No hardware plan was given, so memory, speed and cost are not part of this report."), {}});
    }
    for (const License::Reason &r : report.verdict.reasons)
        if (r.effect == License::Verdict::NeedsLegalReview)
            report.openQuestions.push_back({QStringLiteral("legal_review"),
                                            QStringLiteral("Needs legal review — %1%2: %3 (%4)")
                                                .arg(r.licenseId, r.clauseId.isEmpty() ? QString() : QLatin1Char('/') + r.clauseId, r.summary, r.why),
                                            r.src});
    if (report.verdict.licenseIds.isEmpty())
        report.openQuestions.push_back({QStringLiteral("legal_review"),
                                        QStringLiteral("The catalog records no license for this model; find the license before any use."), {}});
}

} // namespace ModelAtlas::Reports
