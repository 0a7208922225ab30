#pragma once

#include "DeploymentReport.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace ModelAtlas::Reports {

enum class ReportFormat { Markdown, Html, Pdf, Json };

// "md"/"markdown", "html"/"htm", "pdf", "json" (any case) -> format.
std::optional<ReportFormat> formatByName(const QString &name);
// The format a file name's extension asks for ("report.PDF" -> Pdf).
std::optional<ReportFormat> formatForPath(const QString &path);
QString formatExtension(ReportFormat format); // "md", "html", "pdf", "json"

// The JSON schema's version; bump it when a key changes meaning or goes away.
constexpr int kReportSchemaVersion = 1;

// Markdown with pipe tables (GitHub flavour).
QString renderMarkdown(const DeploymentReport &report);
// A complete HTML document whose markup QTextDocument renders (the PDF is
// printed from it): tables with borders, no CSS it would ignore.
QString renderHtml(const DeploymentReport &report);
// Stable schema: see ReportRender.cpp (reportJson) and tests/core/tst_report.cpp.
nlohmann::json renderJson(const DeploymentReport &report);
// A4 PDF printed from renderHtml(). Needs a QGuiApplication (fonts); the CLI
// creates one on the offscreen platform for `report --format pdf`.
Result<QByteArray> renderPdf(const DeploymentReport &report);

// Renders and writes through a temporary file in the target's folder that is
// renamed over `path` only when complete: a failure never leaves a
// half-written report (nor damages an existing file of that name).
Status writeReport(const DeploymentReport &report, ReportFormat format, const QString &path);

} // namespace ModelAtlas::Reports
