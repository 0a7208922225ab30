#include "AppTestSupport.h"

#include "catalog/CatalogImporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace ModelAtlas::Test {

QString ImportedCatalog::setUp(const QString &appName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ModelAtlasTest"));
    QCoreApplication::setApplicationName(appName);
    QSettings().clear();
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    m_db = std::make_unique<Catalog::CatalogDatabase>(databasePath());
    if (!m_db->open())
        return QStringLiteral("cannot open %1").arg(databasePath());
    if (const auto report = Catalog::importCatalog(*m_db, Catalog::builtinCatalogDir()); !report)
        return report.error();
    m_service = std::make_unique<Gui::CatalogService>(databasePath());
    m_service->start();
    if (!QTest::qWaitFor([this] { return m_service->isReady(); }, 60000))
        return QStringLiteral("the catalog service did not get ready");
    return {};
}

void ImportedCatalog::tearDown()
{
    m_service.reset();
    m_db.reset();
    QSettings().clear();
}

bool copyBuiltinCatalog(const QString &targetDir)
{
    const QString root = Catalog::builtinCatalogDir();
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    int copied = 0;
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = targetDir + source.mid(root.size());
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target))
            return false;
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        ++copied;
    }
    return copied > 0;
}

bool writeCatalogFile(const QString &catalogDir, const QString &relativePath, const QByteArray &contents)
{
    QFile file(catalogDir + QLatin1Char('/') + relativePath);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

} // namespace ModelAtlas::Test
