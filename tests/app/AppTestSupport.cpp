#include "AppTestSupport.h"

#include "catalog/CatalogImporter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace ModelAtlas::Test {

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
