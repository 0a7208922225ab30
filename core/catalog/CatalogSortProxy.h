#pragma once

#include <QSortFilterProxyModel>

namespace ModelAtlas::Catalog {

// Sorts a CatalogTableModel by its SortRole values. Unknown values (a model
// whose context length no source gives) always sort last, in either order,
// so the top of a "largest first" list is a real value.
class CatalogSortProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CatalogSortProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace ModelAtlas::Catalog
