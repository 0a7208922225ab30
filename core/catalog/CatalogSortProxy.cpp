#include "CatalogSortProxy.h"

#include "CatalogTableModel.h"

namespace ModelAtlas::Catalog {

CatalogSortProxy::CatalogSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CatalogTableModel::SortRole);
}

bool CatalogSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    const bool aKnown = a.isValid() && !a.isNull();
    const bool bKnown = b.isValid() && !b.isNull();
    if (!aKnown || !bKnown) {
        if (aKnown == bKnown)
            return false;
        // Qt reverses lessThan for descending order; invert so unknowns stay last.
        return sortOrder() == Qt::AscendingOrder ? aKnown : !aKnown;
    }
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

} // namespace ModelAtlas::Catalog
