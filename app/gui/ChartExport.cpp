#include "ChartExport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPixmap>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace ModelAtlas::Gui {

Status exportWidgetImage(QWidget *widget, const QString &path, const QString &title)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        if (!widget->grab().save(path, "PNG"))
            return Status::failure(QCoreApplication::translate("ChartExport", "Cannot write %1.").arg(path));
        return {};
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(widget->size());
        svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("ModelAtlas %1").arg(QStringLiteral(MODELATLAS_VERSION)));
        QPainter painter;
        if (!painter.begin(&svg))
            return Status::failure(QCoreApplication::translate("ChartExport", "Cannot write %1.").arg(path));
        widget->render(&painter);
        painter.end();
        if (!QFileInfo(path).size())
            return Status::failure(QCoreApplication::translate("ChartExport", "Cannot write %1.").arg(path));
        return {};
    }
    return Status::failure(QCoreApplication::translate("ChartExport", "Unknown image format \"%1\": use .png or .svg.").arg(suffix));
}

Status writeTextFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure(QCoreApplication::translate("ChartExport", "Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace ModelAtlas::Gui
