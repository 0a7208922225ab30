#pragma once
// Engine identity, shown in the app's About box and in tool banners.

#include <string>

namespace modelatlas::engine {

// The engine version (the project version at build time), e.g. "0.1.0".
const char *engineVersion();

// The compute backend this build runs on: "CPU (scalar reference)" until the
// optimised CPU and CUDA backends land.
std::string backendName();

// The GGUF versions the reader accepts.
inline constexpr unsigned kGgufMinVersion = 2;
inline constexpr unsigned kGgufMaxVersion = 3;

} // namespace modelatlas::engine
