#include "test_support.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace modelatlas::engine::test {

std::string sharedDir()
{
    if (const char *env = std::getenv("MODELATLAS_SHARED_DIR"); env && *env)
        return env;
    return MODELATLAS_SHARED_DIR;
}

std::string sharedPath(const std::string &relative)
{
    return sharedDir() + "/" + relative;
}

bool fileExists(const std::string &path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

TempFile::TempFile(const std::string &suffix)
{
    static std::atomic<int> counter{0};
    m_path = (std::filesystem::temp_directory_path()
              / ("modelatlas-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix))
                 .string();
}

TempFile::~TempFile()
{
    std::remove(m_path.c_str());
}

void TempFile::write(const std::vector<uint8_t> &bytes) const
{
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

TempFile *TinyModelTest::s_file = nullptr;
std::shared_ptr<const Model> *TinyModelTest::s_model = nullptr;

std::string synthesise(const std::string &preset, const std::string &type, const TempFile &out,
                       const std::string &options)
{
    // The build's tool, unless the tests run from a copy elsewhere (scripts/gpu-verify.sh).
    const char *env = std::getenv("MODELATLAS_ATLAS_GGUF_EXE");
    const std::string tool = env && *env ? env : MODELATLAS_ATLAS_GGUF_EXE;
    const std::string cmd = tool + " synth --preset " + preset + " --type " + type + " " + options + " -o " +
                            out.path() + " > /dev/null 2>&1";
    return std::system(cmd.c_str()) == 0 ? out.path() : std::string();
}

void TinyModelTest::SetUpTestSuite()
{
    s_file = new TempFile();
    ASSERT_FALSE(synthesise("tiny", "Q8_0", *s_file).empty());
    auto m = Model::load(s_file->path());
    ASSERT_TRUE(m.ok()) << m.message();
    s_model = new std::shared_ptr<const Model>(m.value());
}

void TinyModelTest::TearDownTestSuite()
{
    delete s_model;
    delete s_file;
    s_model = nullptr;
    s_file = nullptr;
}

std::vector<TokenLogit> referenceCandidates(std::span<const float> logits, std::span<const int32_t> penalised,
                                            float penalty, int k)
{
    std::vector<TokenLogit> all(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        all[i] = {int32_t(i), logits[i]};
    for (const int32_t id : penalised) {
        float &l = all[size_t(id)].logit;
        l = l > 0.0f ? l / penalty : l * penalty;
    }
    std::sort(all.begin(), all.end(), [](const TokenLogit &a, const TokenLogit &b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    });
    all.resize(size_t(k));
    return all;
}

std::string writeVariant(const std::string &source, const TempFile &out,
                         const std::function<void(GgufWriter &)> &edit, const std::string &drop)
{
    auto f = GgufFile::open(source);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.message());
    if (!f.ok())
        return {};
    GgufWriter w;
    for (const auto &kv : f.value()->metadata()) {
        if (kv.key != drop)
            w.set(kv.key, kv.value);
    }
    for (const auto &t : f.value()->tensors()) {
        if (t.name == drop)
            continue;
        std::vector<uint64_t> shape(t.ne.begin(), t.ne.begin() + t.nDims);
        EXPECT_TRUE(w.addTensor(t.name, t.type, shape, std::vector<uint8_t>(t.data, t.data + t.nBytes)).ok());
    }
    edit(w);
    EXPECT_TRUE(w.writeFile(out.path()).ok());
    return out.path();
}

} // namespace modelatlas::engine::test
