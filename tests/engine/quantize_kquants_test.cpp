// K-quant quantisers (Q4_K, Q5_K, Q6_K): quantise -> dequantise error bounds,
// byte equality with the independent quantizer's files in ../shared, and the
// CPU backend's dot products on data quantised here against an exact reference.
#include "test_support.h"

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/quantize.h"

#include <cmath>
#include <random>

using namespace modelatlas::engine;

namespace {

std::vector<float> gaussian(size_t n, float stddev, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, stddev);
    std::vector<float> v(n);
    for (auto &x : v)
        x = dist(rng);
    return v;
}

struct KQuantCase {
    GgmlType type;
    double maxRelRms;    // RMS(error) / RMS(x) on Gaussian data
    float maxStepFrac;   // per element: |error| <= this * (sub-block's max |x|)
};

void PrintTo(const KQuantCase &c, std::ostream *os) { *os << ggmlTypeName(c.type); }

class KQuantRoundTrip : public ::testing::TestWithParam<KQuantCase> {};

TEST_P(KQuantRoundTrip, ErrorWithinFormatBound)
{
    const KQuantCase c = GetParam();
    // A range of magnitudes per super-block, as real weight rows have.
    std::vector<float> x = gaussian(256 * 64, 0.02f, 11);
    for (size_t i = 0; i < x.size(); ++i)
        x[i] *= 1.0f + float((i / 32) % 5);
    auto q = quantize(c.type, x);
    ASSERT_TRUE(q.ok()) << q.message();
    ASSERT_EQ(q->size(), ggmlTensorBytes(c.type, x.size()).value());
    std::vector<float> y(x.size());
    ASSERT_TRUE(dequantize(c.type, q->data(), y.data(), y.size()).ok());
    double err2 = 0, ref2 = 0;
    for (size_t b = 0; b < x.size(); b += 32) {
        float amax = 0;
        for (size_t j = 0; j < 32; ++j)
            amax = std::max(amax, std::fabs(x[b + j]));
        for (size_t j = 0; j < 32; ++j) {
            const float e = std::fabs(y[b + j] - x[b + j]);
            ASSERT_LE(e, c.maxStepFrac * amax) << "element " << b + j;
            err2 += double(e) * e;
            ref2 += double(x[b + j]) * x[b + j];
        }
    }
    EXPECT_LE(std::sqrt(err2 / ref2), c.maxRelRms);
}

INSTANTIATE_TEST_SUITE_P(Types, KQuantRoundTrip,
                         ::testing::Values(KQuantCase{GgmlType::Q4_K, 0.075, 0.25f},
                                           KQuantCase{GgmlType::Q5_K, 0.038, 0.13f},
                                           KQuantCase{GgmlType::Q6_K, 0.02, 0.07f}),
                         [](const auto &p) { return std::string(ggmlTypeName(p.param.type)); });

TEST(KQuant, ZeroAndConstantBlocks)
{
    for (GgmlType t : {GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K}) {
        for (const float v : {0.0f, 0.5f, -0.25f}) {
            const std::vector<float> x(256, v);
            auto q = quantize(t, x);
            ASSERT_TRUE(q.ok());
            std::vector<float> y(256);
            ASSERT_TRUE(dequantize(t, q->data(), y.data(), 256).ok());
            for (float got : y)
                ASSERT_NEAR(got, v, std::fabs(v) * 0.02f) << ggmlTypeName(t) << " constant " << v;
        }
    }
    EXPECT_EQ(quantize(GgmlType::Q6_K, std::vector<float>(64)).message(),
              "64 elements are not a whole number of Q6_K blocks of 256");
}

// The independent implementation quantised the synth files from the values
// the F16 file holds (see ../shared/README.md); quantising those values here
// must give its bytes, or within a rounding tie of them.
struct SharedCase {
    const char *file;
    const char *tensor;
};

class KQuantMatchesIndependentQuantizer : public ::testing::TestWithParam<SharedCase> {};

TEST_P(KQuantMatchesIndependentQuantizer, SameBytesFromTheSameValues)
{
    MA_REQUIRE_SHARED_FILE(f16Path, "models/synth-llama-F16.gguf");
    MA_REQUIRE_SHARED_FILE(qPath, std::string("models/") + GetParam().file);
    auto f16 = GgufFile::open(f16Path);
    auto qf = GgufFile::open(qPath);
    ASSERT_TRUE(f16.ok() && qf.ok());
    const GgufTensorInfo *src = f16.value()->findTensor(GetParam().tensor);
    const GgufTensorInfo *ref = qf.value()->findTensor(GetParam().tensor);
    ASSERT_TRUE(src && ref);
    auto values = dequantizeTensor(*src);
    ASSERT_TRUE(values.ok());
    auto mine = quantize(ref->type, *values);
    ASSERT_TRUE(mine.ok()) << mine.message();
    ASSERT_EQ(mine->size(), ref->nBytes);
    const GgmlTypeTraits *traits = ggmlTypeTraits(uint32_t(ref->type));
    size_t differing = 0;
    for (size_t b = 0; b < mine->size(); b += traits->bytesPerBlock)
        differing += std::memcmp(mine->data() + b, ref->data + b, traits->bytesPerBlock) != 0;
    EXPECT_EQ(differing, 0u) << "of " << mine->size() / traits->bytesPerBlock << " " << ggmlTypeName(ref->type)
                             << " blocks differ";
}

INSTANTIATE_TEST_SUITE_P(SynthLlama, KQuantMatchesIndependentQuantizer,
                         ::testing::Values(SharedCase{"synth-llama-Q4_K_M.gguf", "blk.0.attn_q.weight"},
                                           SharedCase{"synth-llama-Q5_K_M.gguf", "blk.1.ffn_up.weight"},
                                           SharedCase{"synth-llama-Q6_K.gguf", "blk.0.ffn_down.weight"}),
                         [](const auto &p) {
                             const std::string f(p.param.file);   // synth-llama-TYPE.gguf -> TYPE
                             return f.substr(12, f.size() - 12 - 5);
                         });

// The engine's dot kernels (scalar and the best SIMD path) on rows quantised
// here, against the exact F32 dot of the dequantised row with the activation
// the kernel actually sees (Q8_K, dequantised).
TEST(KQuant, EngineDotProductsOnQuantisedRows)
{
    const int n = 1024;
    const std::vector<float> w = gaussian(n, 0.02f, 5);
    const std::vector<float> x = gaussian(n, 1.0f, 6);
    for (GgmlType t : {GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K}) {
        auto q = quantize(t, w);
        ASSERT_TRUE(q.ok());
        std::vector<float> wd(n);
        ASSERT_TRUE(dequantize(t, q->data(), wd.data(), n).ok());
        const cpu::ActType at = cpu::actTypeFor(t);
        ASSERT_EQ(at, cpu::ActType::Q8_K);
        std::vector<uint8_t> act(cpu::actRowBytes(at, n));
        cpu::quantizeActivations(at, x.data(), act.data(), n);
        double exact = 0, mag = 0;
        for (int b = 0; b < n / 256; ++b) {
            cpu::BlockQ8K blk;
            std::memcpy(&blk, act.data() + size_t(b) * sizeof blk, sizeof blk);
            for (int i = 0; i < 256; ++i) {
                exact += double(wd[size_t(b) * 256 + size_t(i)]) * double(blk.d) * blk.qs[i];
                mag += std::fabs(double(wd[size_t(b) * 256 + size_t(i)]) * double(blk.d) * blk.qs[i]);
            }
        }
        for (cpu::KernelPath path : {cpu::KernelPath::Scalar, cpu::bestKernelPath()}) {
            const cpu::DotFn dot = cpu::dotKernel(t, path);
            ASSERT_NE(dot, nullptr);
            EXPECT_NEAR(dot(n, q->data(), act.data()), exact, 1e-5 * mag + 1e-6)
                << ggmlTypeName(t) << " on " << cpu::kernelPathName(path);
        }
    }
}

} // namespace
