#pragma once

#include "ModelShape.h"
#include "Planner.h"
#include "util/Result.h"

#include <QString>

namespace ModelAtlas::Planner {

// A model read from a GGUF header (tensor data is never touched): its shape
// from the metadata and its exact weight bytes from the tensor infos.
struct GgufModel
{
    ModelShape shape;
    WeightLayout layout;         // layout.totalBytes == sum of the file's tensor byte sizes
    QString fileType;            // "Q4_K_M" from general.file_type, or the dominant tensor type
    uint64_t fileSize = 0;
    int tensorCount = 0;
};

// Errors name the file and the missing key or offending tensor; a
// vocabulary-only GGUF (no tensors) is an error that says so.
Result<GgufModel> readGgufModel(const QString &path);

} // namespace ModelAtlas::Planner
