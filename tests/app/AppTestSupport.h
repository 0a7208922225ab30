#pragma once

#include <QString>

namespace ModelAtlas::Test {

// Copies the catalog compiled into the app (":/catalog") to `targetDir`, so a
// test can break one file of an otherwise real catalog.
bool copyBuiltinCatalog(const QString &targetDir);

// Writes `contents` over `relativePath` inside a catalog folder.
bool writeCatalogFile(const QString &catalogDir, const QString &relativePath, const QByteArray &contents);

} // namespace ModelAtlas::Test
