#pragma once

#include "util/Result.h"

#include <QString>

namespace ModelAtlas::Runners {

// SHA-256 (hex) of the file's first and last MiB and its size: stable for a
// given model file and cheap on files of hundreds of GB, where hashing every
// byte would take minutes. Different files of the same size and the same
// first and last MiB collide; GGUF headers and tails make that unlikely.
Result<QString> quickFileHash(const QString &path);

} // namespace ModelAtlas::Runners
