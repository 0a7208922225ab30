#pragma once
// Finds GGUF files where the common tools keep them, so the user picks a
// model instead of hunting for a path: Ollama's blob store (manifests name
// the blobs), LM Studio's models folder, the Hugging Face hub cache and any
// folders the user adds. Runs on a worker thread: a large cache has many files.

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace ModelAtlas::Runners {

struct FoundModel
{
    QString path;
    QString name;    // "llama3.2:3b" (Ollama), "Qwen/Qwen3-8B-GGUF/qwen3-8b-q4_k_m.gguf" (hub), the file name
    QString source;  // "Ollama", "LM Studio", "Hugging Face", "Folder"
    qint64 bytes = 0;
};

// The usual model folders under `home` that exist.
QStringList defaultModelFolders(const QString &home);

// Scans `folders` (Ollama and hub layouts recognised by their structure);
// each file once, in a stable order. `cancel` is polled between files.
QList<FoundModel> scanModelFolders(const QStringList &folders, const std::atomic<bool> *cancel = nullptr);

// The found file that holds catalog model `catalogId` ("qwen2.5-coder-32b"
// matches "Qwen/Qwen2.5-Coder-32B-Instruct-GGUF/...q4_k_m.gguf" and Ollama's
// "qwen2.5-coder:32b"): the first whose name contains every part of the id,
// ignoring case and separators; -1 when none does.
int findCatalogModel(const QList<FoundModel> &models, const QString &catalogId);

} // namespace ModelAtlas::Runners
