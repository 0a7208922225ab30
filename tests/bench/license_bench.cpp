// modelatlas-bench-license: the whole shipped catalog evaluated against a
// deployment profile (target < 20 ms, issue 4). Prints the median of N runs.
#include "catalog/CatalogParser.h"
#include "license/DeploymentProfile.h"
#include "license/LicenseCatalog.h"
#include "license/LicenseEvaluator.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ModelAtlas;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto data = Catalog::parseCatalog(QStringLiteral(MODELATLAS_DATA_DIR));
    if (!data) {
        std::fprintf(stderr, "%s\n", qPrintable(data.error()));
        return 1;
    }
    const auto catalog = License::LicenseCatalog::fromCatalogData(data.value());
    if (!catalog) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog.error()));
        return 1;
    }
    License::DeploymentProfile p;
    p.commercial = true;
    p.monthlyActiveUsers = 150e6;
    p.euDomiciled = true;
    p.uses = {QStringLiteral("saas"), QStringLiteral("distribute_derivative")};
    p.domains = {QStringLiteral("medical")};
    const License::LicenseEvaluator evaluator(catalog.value());
    std::vector<double> ms;
    size_t permitted = 0;
    for (int i = 0; i < 51; ++i) {
        QElapsedTimer t;
        t.start();
        const QStringList ids = evaluator.permittedModelIds(p);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        permitted = size_t(ids.size());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("license: %zu models, %zu permitted, whole catalog %.3f ms median (%.3f ms max); target < 20 ms\n",
                catalog->models().size(), permitted, ms[ms.size() / 2], ms.back());
    return 0;
}
