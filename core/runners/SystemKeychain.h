#pragma once

#include "SecretBackend.h"

#include <memory>

namespace ModelAtlas::Runners {

// The desktop's keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store) through QtKeychain, with entries filed under `service`.
// Built without QtKeychain, a backend that answers every call Unavailable.
std::unique_ptr<SecretBackend> makeSystemKeychain(const QString &service);

} // namespace ModelAtlas::Runners
