#pragma once

#include "CatalogService.h"

#include "catalog/CatalogDatabase.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace ModelAtlas::Test {

// The common start of a page test: test-mode settings under `appName`, the
// built-in catalog imported into a temporary database, and a CatalogService
// on it that has finished loading.
class ImportedCatalog
{
public:
    // An error text, empty when everything is ready.
    QString setUp(const QString &appName);
    void tearDown();

    QString dirPath(const QString &file) const { return m_dir.filePath(file); }
    QString databasePath() const { return dirPath(QStringLiteral("catalog.sqlite")); }
    Catalog::CatalogDatabase &database() const { return *m_db; }
    Gui::CatalogService *service() { return m_service.get(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::CatalogDatabase> m_db;
    std::unique_ptr<Gui::CatalogService> m_service;
};

// Copies the catalog compiled into the app (":/catalog") to `targetDir`, so a
// test can break one file of an otherwise real catalog.
bool copyBuiltinCatalog(const QString &targetDir);

// Writes `contents` over `relativePath` inside a catalog folder.
bool writeCatalogFile(const QString &catalogDir, const QString &relativePath, const QByteArray &contents);

} // namespace ModelAtlas::Test
