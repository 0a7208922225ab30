// Choosing a session's backend: names parse, "cpu" runs on the CPU, "cuda"
// runs on the GPU or says why it cannot, and "auto" falls back to the CPU with
// that reason. Runs in every build: without a usable GPU (CI) the fallback is
// what is checked; with one, that the GPU is taken.
#include "test_support.h"

#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/cuda/cuda_device.h"

#include <gmock/gmock.h>

#include <functional>

using namespace modelatlas::engine;
using namespace modelatlas::engine::cuda;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

struct ChoiceName {
    const char *text;
    std::optional<BackendChoice> choice;
};

class BackendChoiceNames : public ::testing::TestWithParam<ChoiceName> {};

TEST_P(BackendChoiceNames, Parse)
{
    const ChoiceName c = GetParam();
    EXPECT_EQ(parseBackendChoice(c.text), c.choice);
    if (c.choice) {
        EXPECT_EQ(backendChoiceName(*c.choice), c.text);
    }
}

INSTANTIATE_TEST_SUITE_P(All, BackendChoiceNames,
                         ::testing::Values(ChoiceName{"auto", BackendChoice::Auto}, ChoiceName{"cpu", BackendChoice::Cpu},
                                           ChoiceName{"cuda", BackendChoice::Cuda}, ChoiceName{"CUDA", std::nullopt},
                                           ChoiceName{"gpu", std::nullopt}, ChoiceName{"", std::nullopt}));

DeviceInfo listedDevice(int index, const char *name, bool supported)
{
    DeviceInfo d;
    d.index = index;
    d.name = name;
    d.supported = supported;
    if (!supported)
        d.unsupportedReason = "compute capability 7.5 is below the supported 8.0";
    return d;
}

TEST(FirstUsableDevice, TakesTheFirstSupportedOne)
{
    CudaSystem system;
    system.devices = {listedDevice(0, "Tesla T4", false), listedDevice(1, "NVIDIA L4", true),
                      listedDevice(2, "NVIDIA A100", true)};
    const auto device = firstUsableDevice(system);
    ASSERT_TRUE(device.ok()) << device.message();
    EXPECT_EQ(device->index, 1);
    EXPECT_EQ(device->name, "NVIDIA L4");
}

TEST(FirstUsableDevice, NamesWhyEachDeviceIsUnusable)
{
    CudaSystem system;
    system.devices = {listedDevice(0, "Tesla T4", false), listedDevice(1, "Quadro RTX 6000", false)};
    const auto device = firstUsableDevice(system);
    ASSERT_FALSE(device.ok());
    EXPECT_THAT(device.message(), StartsWith("no usable CUDA device: "));
    EXPECT_THAT(device.message(), HasSubstr("device 0 (Tesla T4): compute capability 7.5"));
    EXPECT_THAT(device.message(), HasSubstr("device 1 (Quadro RTX 6000): compute capability 7.5"));
    EXPECT_FALSE(firstUsableDevice(CudaSystem{}).ok());
}

// What the backend reports when no GPU can be used: discovery's own error
// (no driver, no device, built without CUDA), or device 0 named as unsupported.
std::string whyNoGpu()
{
    const auto system = discoverDevices();
    return system ? std::string("CUDA device 0") : system.message();
}

class BackendChoiceSession : public ::testing::Test {
protected:
    void SetUp() override
    {
        MA_REQUIRE_SHARED_FILE(path, "models/synth-llama-Q8_0.gguf");
        auto m = Model::load(path);
        ASSERT_TRUE(m.ok()) << m.message();
        m_model = m.value();
        m_options.contextLength = 64;
    }
    std::shared_ptr<const Model> m_model;
    SessionOptions m_options;
};

TEST_F(BackendChoiceSession, CpuRunsOnTheCpu)
{
    auto opened = openSession(m_model, m_options, BackendChoice::Cpu);
    ASSERT_TRUE(opened.ok()) << opened.message();
    EXPECT_THAT(opened->session->backendDescription(), StartsWith("CPU ("));
    EXPECT_FALSE(opened->onGpu);
    EXPECT_TRUE(opened->fallbackNote.empty());
    EXPECT_EQ(opened->session->contextLength(), 64);
}

TEST_F(BackendChoiceSession, CudaRunsOnTheGpuOrSaysWhyNot)
{
    const auto device = firstUsableDevice();
    auto opened = openSession(m_model, m_options, BackendChoice::Cuda);
    if (device) {
        ASSERT_TRUE(opened.ok()) << opened.message();
        EXPECT_EQ(opened->session->backendDescription(), "CUDA (" + device->name + ")");
        EXPECT_TRUE(opened->onGpu);
        EXPECT_TRUE(opened->fallbackNote.empty());
    } else {
        ASSERT_FALSE(opened.ok());
        EXPECT_THAT(opened.message(), StartsWith("the CUDA backend cannot run this model: "));
        EXPECT_THAT(opened.message(), HasSubstr(whyNoGpu()));
    }
}

TEST_F(BackendChoiceSession, AutoFallsBackToTheCpuSayingWhy)
{
    const auto device = firstUsableDevice();
    auto opened = openSession(m_model, m_options, BackendChoice::Auto);
    ASSERT_TRUE(opened.ok()) << opened.message();
    if (device) {
        EXPECT_EQ(opened->session->backendDescription(), "CUDA (" + device->name + ")");
        EXPECT_TRUE(opened->onGpu);
        EXPECT_TRUE(opened->fallbackNote.empty());
    } else {
        EXPECT_THAT(opened->session->backendDescription(), StartsWith("CPU ("));
        EXPECT_FALSE(opened->onGpu);
        EXPECT_THAT(opened->fallbackNote, StartsWith("running on the CPU: "));
        EXPECT_THAT(opened->fallbackNote, HasSubstr(whyNoGpu()));
    }
    // Either way the session works.
    const std::vector<int32_t> prompt{1, 5, 9};
    ASSERT_TRUE(opened->session->prefill(prompt).ok());
    EXPECT_EQ(opened->session->position(), 3);
}

// A session's own errors (here a context beyond the limit) are reported as they are, not as a fallback.
TEST_F(BackendChoiceSession, SessionErrorsAreNotHidden)
{
    m_options.contextLength = 1 << 23;
    auto opened = openSession(m_model, m_options, BackendChoice::Auto);
    ASSERT_FALSE(opened.ok());
    EXPECT_THAT(opened.message(), HasSubstr("out of range"));
}

} // namespace

namespace {

Config configWith(const char *architecture, const std::function<void(Config &)> &edit)
{
    Config c;
    c.architecture = architecture;
    edit(c);
    return c;
}

struct GapCase {
    const char *name;
    Config config;
    const char *gap;   // "" when the CUDA kernels run all of it
};

class CudaArchitectureGapCases : public ::testing::TestWithParam<GapCase> {};

TEST_P(CudaArchitectureGapCases, NamesWhatTheKernelsLack)
{
    EXPECT_EQ(cudaArchitectureGap(GetParam().config), GetParam().gap);
}

INSTANTIATE_TEST_SUITE_P(
    Configs, CudaArchitectureGapCases,
    ::testing::Values(GapCase{"Llama", configWith("llama", [](Config &c) { c.headDim = 128; }), ""},
                      GapCase{"Qwen3", configWith("qwen3", [](Config &c) { c.qkNorm = true; }), ""},
                      GapCase{"Gemma3",
                              configWith("gemma3",
                                         [](Config &c) {
                                             c.headDim = 256;
                                             c.postNorms = c.scaleEmbeddings = true;
                                             c.ffnActivation = FfnActivation::GeluTanh;
                                             c.slidingWindow = 512;
                                             c.slidingWindowPeriod = 6;
                                             c.ropeFreqScale = 0.125f;
                                         }),
                              ""},
                      GapCase{"LongHeads", configWith("llama", [](Config &c) { c.headDim = 512; }),
                              "the CUDA attention kernel takes heads of up to 256 dimensions; llama's have 512"}),
    [](const ::testing::TestParamInfo<GapCase> &i) { return std::string(i.param.name); });

} // namespace
