#include "CatalogTableModel.h"


namespace ModelAtlas::Catalog {

CatalogTableModel::CatalogTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CatalogTableModel::setRows(QList<ModelRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    for (QList<QVariant> &keys : m_sortKeys)
        keys.clear();
    endResetModel();
}

const ModelRow *CatalogTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

void CatalogTableModel::setScoreTitle(const QString &title)
{
    m_scoreTitle = title;
    emit headerDataChanged(Qt::Horizontal, Score, Score);
}

int CatalogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CatalogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QString CatalogTableModel::formatParams(std::optional<double> billions)
{
    if (!billions)
        return {};
    if (*billions >= 1000)
        return QStringLiteral("%1T").arg(*billions / 1000.0, 0, 'g', 3);
    if (*billions < 1)
        return QStringLiteral("%1M").arg(*billions * 1000.0, 0, 'g', 3);
    return QStringLiteral("%1B").arg(*billions, 0, 'g', 4);
}

QString CatalogTableModel::formatContext(std::optional<double> tokens)
{
    if (!tokens)
        return {};
    if (*tokens >= 1000000)
        return QStringLiteral("%1M").arg(*tokens / 1000000.0, 0, 'g', 3);
    if (*tokens >= 1000)
        return QStringLiteral("%1K").arg(qRound(*tokens / 1024.0));
    return QString::number(*tokens);
}

QVariant CatalogTableModel::displayValue(const ModelRow &r, int column) const
{
    switch (column) {
    case Name: return r.hasConflicts ? r.name + QStringLiteral(" ⚠") : r.name;
    case Family: return r.familyName;
    case Vendor: return r.vendorName;
    case Variant: return r.variant;
    case ParamsTotal: return formatParams(r.paramsTotalB);
    case ParamsActive: return formatParams(r.paramsActiveB ? r.paramsActiveB : r.paramsTotalB);
    case Architecture: return r.architecture == QLatin1String("moe") ? QStringLiteral("MoE") : r.architecture;
    case Context: return formatContext(r.contextTokens);
    case Released: return r.releaseDate;
    case License: return r.licenseName.isEmpty() ? r.licenseId : r.licenseName;
    case LicenseTier: return r.licenseTier ? QVariant(*r.licenseTier) : QVariant();
    case Score: return r.benchmarkScore ? QVariant(QString::number(*r.benchmarkScore, 'g', 4)) : QVariant();
    }
    return {};
}

QVariant CatalogTableModel::sortValue(const ModelRow &r, int column) const
{
    const auto number = [](const std::optional<double> &v) { return v ? QVariant(*v) : QVariant(); };
    switch (column) {
    case Name: return r.name.toLower();
    case ParamsTotal: return number(r.paramsTotalB);
    case ParamsActive: return number(r.paramsActiveB ? r.paramsActiveB : r.paramsTotalB);
    case Context: return number(r.contextTokens);
    case LicenseTier: return r.licenseTier ? QVariant(*r.licenseTier) : QVariant();
    case Score: return number(r.benchmarkScore);
    default: return displayValue(r, column).toString().toLower();
    }
}

QVariant CatalogTableModel::data(const QModelIndex &index, int role) const
{
    const ModelRow *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Name && r->hasConflicts)
            return tr("Sources disagree on some of this model's values; see the details pane.");
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case ParamsTotal: case ParamsActive: case Context: case LicenseTier: case Score:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case ModelIdRole:
        return r->id;
    case SortRole: {
        if (index.column() < 0 || index.column() >= NB_COLUMNS)
            return {};
        QList<QVariant> &keys = m_sortKeys[size_t(index.column())];
        if (keys.isEmpty()) {
            keys.reserve(m_rows.size());
            for (const ModelRow &row : m_rows)
                keys << sortValue(row, index.column());
        }
        return keys.at(index.row());
    }
    case HasConflictsRole:
        return r->hasConflicts;
    default:
        return {};
    }
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Model");
    case Family: return tr("Family");
    case Vendor: return tr("Vendor");
    case Variant: return tr("Variant");
    case ParamsTotal: return tr("Params");
    case ParamsActive: return tr("Active");
    case Architecture: return tr("Arch");
    case Context: return tr("Context");
    case Released: return tr("Released");
    case License: return tr("License");
    case LicenseTier: return tr("Tier");
    case Score: return m_scoreTitle.isEmpty() ? tr("Score") : m_scoreTitle;
    }
    return {};
}

} // namespace ModelAtlas::Catalog
