#pragma once

#include "HardwareProfile.h"
#include "util/Result.h"

#include <nlohmann/json.hpp>

namespace ModelAtlas::Hardware {

// The JSON a profile is stored as (hardware_profiles.json) and exported in
// (`modelatlas-cli hardware show --json`). Keys are snake_case; optional
// money/power fields are omitted when unknown.
nlohmann::json toJson(const GpuSpec &gpu);
nlohmann::json toJson(const HardwareProfile &profile);

// Reads what toJson wrote. The text is untrusted (the database file is the
// user's): wrong types are reported by key, and the result is validated.
Result<GpuSpec> gpuFromJson(const nlohmann::json &json);
Result<HardwareProfile> profileFromJson(const nlohmann::json &json);

} // namespace ModelAtlas::Hardware
