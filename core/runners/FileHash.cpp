#include "FileHash.h"

#include <QCryptographicHash>
#include <QFile>

namespace ModelAtlas::Runners {

Result<QString> quickFileHash(const QString &path)
{
    constexpr qint64 kSpan = 1024 * 1024;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<QString>::failure(QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    const qint64 size = f.size();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(f.read(std::min(size, kSpan)));
    if (size > kSpan) {
        f.seek(std::max(kSpan, size - kSpan));
        hash.addData(f.read(kSpan));
    }
    hash.addData(QByteArray::number(size));
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace ModelAtlas::Runners
