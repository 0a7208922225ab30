#pragma once

#include <QString>

namespace ModelAtlas::Gui {

// A deployment-profile choice (core/license/DeploymentProfile.h: organisation
// types, use modes, domains) as the forms show it: a short translated label
// for its canonical id; the core's one-line description stays the tooltip.
// An id without a label shows as itself.
QString profileChoiceLabel(const char *id);

// A license obligation's kind (data/licenses.json `obligation_kind`:
// attribution, notice, license_request, ...) as a short translated label;
// an unknown kind shows as itself.
QString obligationKindLabel(const QString &kind);

} // namespace ModelAtlas::Gui
