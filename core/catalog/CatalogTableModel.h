#pragma once

#include "CatalogQuery.h"

#include <QAbstractTableModel>

#include <array>

namespace ModelAtlas::Catalog {

// The catalog list as an item model: one row per ModelRow, display text for
// views, numbers under SortRole so a QSortFilterProxyModel sorts 10,000 rows
// without parsing strings.
class CatalogTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name, Family, Vendor, Variant, ParamsTotal, ParamsActive, Architecture, Context, Released,
        License, LicenseTier, Score, NB_COLUMNS
    };
    enum Role {
        ModelIdRole = Qt::UserRole + 1,
        SortRole,
        HasConflictsRole,
    };

    explicit CatalogTableModel(QObject *parent = nullptr);

    void setRows(QList<ModelRow> rows);
    const QList<ModelRow> &rows() const { return m_rows; }
    const ModelRow *rowAt(int row) const;
    // Column header for the benchmark score column ("MMLU"); hidden when empty.
    void setScoreTitle(const QString &title);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "235B", "22B", "0.6B"; "128K", "10M" — how the seeds and model cards write them.
    static QString formatParams(std::optional<double> billions);
    static QString formatContext(std::optional<double> tokens);

private:
    QVariant displayValue(const ModelRow &r, int column) const;
    QVariant sortValue(const ModelRow &r, int column) const;

    QList<ModelRow> m_rows;
    QString m_scoreTitle;
    // SortRole values per column, built on the first sort by that column and
    // dropped by setRows(): a sort asks for ~2 n log n values, and building
    // each (lower-cased display text) every time made a 10,000-row sort by
    // License take ~165 ms (docs/PERFORMANCE.md).
    mutable std::array<QList<QVariant>, NB_COLUMNS> m_sortKeys;
};

} // namespace ModelAtlas::Catalog
