#include "ModelScanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ModelAtlas::Runners {

namespace {

constexpr const char *kOllamaModelLayer = "application/vnd.ollama.image.model";

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load();
}

bool hasGgufMagic(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(4) == "GGUF";
}

// <root>/manifests/<registry>/<namespace>/<model>/<tag>: JSON naming the blob
// (layers[].digest "sha256:..." -> <root>/blobs/sha256-...) of the weights.
void scanOllama(const QString &root, QList<FoundModel> &out, const std::atomic<bool> *cancel)
{
    QDirIterator it(root + QStringLiteral("/manifests"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && !cancelled(cancel)) {
        const QString manifest = it.next();
        QFile f(manifest);
        if (!f.open(QIODevice::ReadOnly) || f.size() > 1024 * 1024)
            continue;
        const QByteArray text = f.readAll();
        const auto j = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
        if (!j.is_object() || !j.contains("layers") || !j["layers"].is_array())
            continue;
        for (const auto &layer : j["layers"]) {
            if (!layer.is_object() || layer.value("mediaType", std::string()) != kOllamaModelLayer)
                continue;
            const QString digest = QString::fromStdString(layer.value("digest", std::string()));
            const QString blob = root + QStringLiteral("/blobs/") + QString(digest).replace(QLatin1Char(':'), QLatin1Char('-'));
            const QFileInfo info(blob);
            if (!info.isFile() || !hasGgufMagic(blob))
                continue;
            const QFileInfo tag(manifest);
            out.append({blob, tag.dir().dirName() + QLatin1Char(':') + tag.fileName(), QStringLiteral("Ollama"), info.size()});
        }
    }
}

// Every *.gguf below root. Hub caches name a model by its folder
// models--org--name; the snapshot files are links into blobs/.
void scanFiles(const QString &root, const QString &source, QList<FoundModel> &out, const std::atomic<bool> *cancel)
{
    QDirIterator it(root, {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && !cancelled(cancel)) {
        const QString path = it.next();
        const QFileInfo info(path);
        QString name = QDir(root).relativeFilePath(path);
        const qsizetype repo = name.indexOf(QStringLiteral("models--"));
        if (repo >= 0) {
            const QStringList parts = name.mid(repo).split(QLatin1Char('/'));
            QString id = parts.front().mid(8);
            id.replace(QStringLiteral("--"), QStringLiteral("/"));
            name = id + QLatin1Char('/') + info.fileName();
        }
        out.append({path, name, source, info.size()});
    }
}

QString sourceOf(const QString &folder)
{
    if (QDir(folder).exists(QStringLiteral("manifests")) && QDir(folder).exists(QStringLiteral("blobs")))
        return QStringLiteral("Ollama");
    if (folder.contains(QLatin1String("lmstudio")) || folder.contains(QLatin1String("lm-studio")))
        return QStringLiteral("LM Studio");
    if (folder.contains(QLatin1String("huggingface")))
        return QStringLiteral("Hugging Face");
    return QStringLiteral("Folder");
}

} // namespace

QStringList defaultModelFolders(const QString &home)
{
    QStringList out;
    for (const char *rel : {".ollama/models", ".lmstudio/models", ".cache/lm-studio/models", ".cache/huggingface/hub"}) {
        const QString path = QDir(home).filePath(QString::fromLatin1(rel));
        if (QFileInfo(path).isDir())
            out << path;
    }
    return out;
}

QList<FoundModel> scanModelFolders(const QStringList &folders, const std::atomic<bool> *cancel)
{
    QList<FoundModel> found;
    for (const QString &folder : folders) {
        const QString source = sourceOf(folder);
        if (source == QLatin1String("Ollama"))
            scanOllama(folder, found, cancel);
        else
            scanFiles(folder, source, found, cancel);
    }
    // Each file once (a folder inside another, hub links to one blob).
    QList<FoundModel> out;
    QSet<QString> seen;
    for (const FoundModel &m : std::as_const(found)) {
        const QString key = QFileInfo(m.path).canonicalFilePath();
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(m);
        }
    }
    std::sort(out.begin(), out.end(), [](const FoundModel &a, const FoundModel &b) {
        return a.source != b.source ? a.source < b.source : a.name < b.name;
    });
    return out;
}

int findCatalogModel(const QList<FoundModel> &models, const QString &catalogId)
{
    static const QRegularExpression separators(QStringLiteral("[-_.:/ ]+"));
    const QStringList parts = catalogId.toLower().split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return -1;
    for (qsizetype i = 0; i < models.size(); ++i) {
        // Joined without separators, so "qwen2.5" matches "qwen2_5" and "qwen25".
        const QString name = models[i].name.toLower().remove(separators);
        if (std::all_of(parts.begin(), parts.end(), [&name](const QString &p) { return name.contains(p); }))
            return int(i);
    }
    return -1;
}

} // namespace ModelAtlas::Runners
