#pragma once
// Helpers shared by the engine tests: locating ../shared inputs, temporary
// files, and a raw byte builder for crafting malformed GGUF headers.

#include "modelatlas/engine/gguf/gguf_writer.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/sampler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace modelatlas::engine::test {

// MODELATLAS_SHARED_DIR from the environment, else the compile-time default.
std::string sharedDir();
// Full path of `relative` (e.g. "models/synth-llama-F16.gguf") under the shared dir.
std::string sharedPath(const std::string &relative);
bool fileExists(const std::string &path);

// Skips the current test, visibly naming the missing input, when it is absent.
#define MA_REQUIRE_SHARED_FILE(pathVar, relative)                                                          \
    const std::string pathVar = ::modelatlas::engine::test::sharedPath(relative);                          \
    if (!::modelatlas::engine::test::fileExists(pathVar))                                                  \
    GTEST_SKIP() << "missing ../shared/" << (relative) << ": " << pathVar                                  \
                 << " (set MODELATLAS_SHARED_DIR to the shared test inputs)"

// A unique path under the system temp dir, removed by the destructor.
class TempFile {
public:
    explicit TempFile(const std::string &suffix = ".gguf");
    ~TempFile();
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;
    const std::string &path() const { return m_path; }
    void write(const std::vector<uint8_t> &bytes) const;

private:
    std::string m_path;
};

// Writes a synthetic model (`atlas-gguf synth --preset P --type T OPTIONS`,
// the tool at $MODELATLAS_ATLAS_GGUF_EXE when set, else the build's) to
// `out`; returns its path, or "" when the tool failed.
std::string synthesise(const std::string &preset, const std::string &type, const TempFile &out,
                       const std::string &options = {});

// Writes `source` to `out` with one change: every key and tensor but the one
// named `drop` is copied, then `edit` may add or replace some. Returns out's path.
std::string writeVariant(const std::string &source, const TempFile &out,
                         const std::function<void(GgufWriter &)> &edit, const std::string &drop = {});

// Little-endian byte builder for hand-made (often broken) GGUF files.
struct RawGguf {
    std::vector<uint8_t> bytes;

    RawGguf &raw(const void *p, size_t n)
    {
        const auto *b = static_cast<const uint8_t *>(p);
        bytes.insert(bytes.end(), b, b + n);
        return *this;
    }
    RawGguf &u8(uint8_t v) { return raw(&v, 1); }
    RawGguf &u32(uint32_t v) { return raw(&v, 4); }
    RawGguf &u64(uint64_t v) { return raw(&v, 8); }
    RawGguf &str(const std::string &s) { return u64(s.size()).raw(s.data(), s.size()); }
    // "GGUF", version, n_tensors, n_kv
    RawGguf &header(uint64_t nTensors, uint64_t nKv, uint32_t version = 3)
    {
        return raw("GGUF", 4).u32(version).u64(nTensors).u64(nKv);
    }
    RawGguf &pad(size_t alignment)
    {
        while (bytes.size() % alignment)
            bytes.push_back(0);
        return *this;
    }
};

// A fixture whose tests share one tiny synthetic Q8_0 model
// (`atlas-gguf synth --preset tiny`), made and loaded once per suite.
class TinyModelTest : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    static const std::string &modelPath() { return s_file->path(); }
    static const std::shared_ptr<const Model> &model() { return *s_model; }

private:
    static TempFile *s_file;
    static std::shared_ptr<const Model> *s_model;
};

// Sampler's first half done plainly on the host, as a backend that samples on
// its device must do it: the logits of `penalised` changed by the repetition
// penalty, then the k best by logit (ties: the lower id), best first.
std::vector<TokenLogit> referenceCandidates(std::span<const float> logits, std::span<const int32_t> penalised,
                                            float penalty, int k);

} // namespace modelatlas::engine::test
