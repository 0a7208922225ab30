#include "WorkerDatabase.h"

namespace ModelAtlas::Gui {

Status WorkerDatabase::open()
{
    if (m_db)
        return {};
    auto db = std::make_unique<Catalog::CatalogDatabase>(m_path);
    if (const Status s = db->open(); !s)
        return s;
    m_db = std::move(db);
    return {};
}

} // namespace ModelAtlas::Gui
