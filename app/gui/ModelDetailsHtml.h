#pragma once

#include "catalog/CatalogQuery.h"
#include "catalog/ModelDetails.h"

#include <QHash>
#include <QPalette>
#include <QString>

namespace ModelAtlas::Gui {

// The detail pane's document for one model: every fact with every source's
// value, conflicts flagged (⚠ with both values and their sources), scores,
// license, architecture, hardware statements, prices and the sources cited.
// `sources` maps source ids to their file/URL for labels and links; `palette`
// is the view's, so flagged rows stay readable in dark themes.
QString modelDetailsHtml(const Catalog::ModelDetails &details, const QHash<QString, Catalog::SourceRow> &sources,
                         const QPalette &palette);

} // namespace ModelAtlas::Gui
