#pragma once

#include "util/Result.h"

#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace ModelAtlas::Gui {

// Writes what `widget` shows (a chart view, or a panel of them) as a PNG at
// the screen's pixel ratio, or as an SVG drawn through QSvgGenerator (vector
// text and lines, so it scales in documents). The format follows the
// extension; errors name the file.
Status exportWidgetImage(QWidget *widget, const QString &path, const QString &title);

// Writes `text` (UTF-8) to `path`; errors name the file.
Status writeTextFile(const QString &path, const QString &text);

} // namespace ModelAtlas::Gui
