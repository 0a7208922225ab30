#include "modelatlas/engine/version.h"

namespace modelatlas::engine {

const char *engineVersion()
{
    return MODELATLAS_ENGINE_VERSION_STRING;
}

std::string backendName()
{
    return "CPU (scalar reference)";
}

} // namespace modelatlas::engine
