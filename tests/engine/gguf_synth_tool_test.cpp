// The command-line tools end to end: modelatlas-gguf-synth writes models the
// reader accepts, with the same seeded weights in every type; modelatlas-gguf-info
// prints them and fails cleanly on bad input.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tensor/dequantize.h"

#include <cmath>
#include <cstdio>
#include <gmock/gmock.h>
#include <sys/wait.h>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

struct ToolRun {
    int exitCode;
    std::string output;   // stdout and stderr
};

ToolRun runTool(const std::string &command)
{
    ToolRun r{-1, {}};
    std::FILE *p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.output.append(buf, n);
    const int status = ::pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string synth(const std::string &out, const std::string &args)
{
    return std::string(MODELATLAS_GGUF_SYNTH_EXE) + " " + args + " -o " + out;
}

class SynthTool : public ::testing::TestWithParam<const char *> {};

TEST_P(SynthTool, TinyPresetMatchesF32WeightsWithinTypeError)
{
    const std::string type = GetParam();
    TempFile f32File, file;
    ASSERT_EQ(runTool(synth(f32File.path(), "--preset tiny --type F32 --seed 5")).exitCode, 0);
    const ToolRun r = runTool(synth(file.path(), "--preset tiny --type " + type + " --seed 5"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto ref = GgufFile::open(f32File.path());
    auto got = GgufFile::open(file.path());
    ASSERT_TRUE(ref.ok()) << ref.message();
    ASSERT_TRUE(got.ok()) << got.message();
    const GgufFile &g = *got.value();
    EXPECT_EQ(g.getString("general.architecture").value(), "llama");
    EXPECT_EQ(g.getU32("llama.block_count").value(), 2u);
    EXPECT_EQ(g.getStringArray("tokenizer.ggml.tokens")->size(), 512u);
    ASSERT_EQ(g.tensors().size(), 2u + 2u * 9u + 1u);
    const double bound = type == "F32" ? 0.0 : type == "F16" ? 1e-3 : type == "BF16" ? 4e-3 : type == "Q8_0" ? 6e-3 : 0.12;
    for (const auto &t : g.tensors()) {
        const GgufTensorInfo *rt = ref.value()->findTensor(t.name);
        ASSERT_NE(rt, nullptr);
        EXPECT_EQ(t.type, t.nDims == 1 ? GgmlType::F32 : ggmlTypeByName(type)->type) << t.name;
        auto a = dequantizeTensor(t);
        auto b = dequantizeTensor(*rt);
        ASSERT_TRUE(a.ok() && b.ok());
        double err2 = 0, ref2 = 0;
        for (size_t i = 0; i < a->size(); ++i) {
            err2 += ((*a)[i] - (*b)[i]) * double((*a)[i] - (*b)[i]);
            ref2 += (*b)[i] * double((*b)[i]);
        }
        EXPECT_LE(std::sqrt(err2 / ref2), bound) << t.name;
    }
}

INSTANTIATE_TEST_SUITE_P(Types, SynthTool, ::testing::Values("F32", "F16", "BF16", "Q8_0", "Q4_0"));

TEST(SynthToolVocab, CopiesTheTokenizerFromAVocabFile)
{
    MA_REQUIRE_SHARED_FILE(vocab, "tokenizer/ggml-vocab-llama-spm.gguf");
    TempFile out;
    const ToolRun r = runTool(synth(out.path(), "--preset tiny --type Q8_0 --layers 1 --vocab " + vocab));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto f = GgufFile::open(out.path());
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->getStringArray("tokenizer.ggml.tokens")->size(), 32000u);
    EXPECT_TRUE(f.value()->getBool("tokenizer.ggml.add_bos_token").value());
    EXPECT_EQ(f.value()->getU32("llama.block_count").value(), 1u);
    EXPECT_EQ(f.value()->findTensor("token_embd.weight")->ne[1], 32000u);
    EXPECT_EQ(f.value()->findTensor("output.weight")->type, GgmlType::Q8_0);
}

TEST(SynthToolErrors, BadArgumentsExitWithOne)
{
    TempFile out;
    ToolRun r = runTool(synth(out.path(), "--preset tiny --type Q4_K"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("--type Q4_K is not supported"));
    r = runTool(synth(out.path(), "--preset nope"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("unknown or missing --preset 'nope'"));
    r = runTool(synth(out.path(), "--preset tiny --vocab /nonexistent.gguf"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("cannot open '/nonexistent.gguf'"));
    r = runTool(std::string(MODELATLAS_GGUF_SYNTH_EXE) + " --help");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_THAT(r.output, HasSubstr("K-quants"));
    EXPECT_THAT(r.output, HasSubstr("llama-3-8b qwen2.5-7b qwen3-8b"));
}

TEST(InfoTool, PrintsHeaderMetadataTensorsAndTotals)
{
    TempFile out;
    ASSERT_EQ(runTool(synth(out.path(), "--preset tiny --type Q8_0")).exitCode, 0);
    const ToolRun r = runTool(std::string(MODELATLAS_GGUF_INFO_EXE) + " " + out.path());
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("gguf:        version 3, "));
    EXPECT_THAT(r.output, HasSubstr("llama.block_count"));
    EXPECT_THAT(r.output, HasSubstr("string[512] [\"<unk>\", \"<s>\", \"</s>\""));
    EXPECT_THAT(r.output, HasSubstr("... (504 more)]"));
    EXPECT_THAT(r.output, HasSubstr("blk.1.ffn_down.weight"));
    EXPECT_THAT(r.output, HasSubstr("[768, 256]"));
    EXPECT_THAT(r.output, HasSubstr("per-type totals:"));
    EXPECT_THAT(r.output, ::testing::ContainsRegex("Q8_0 +16 +1835008 +1949696"));
}

TEST(InfoTool, BadFileExitsWithOneAndAClearError)
{
    TempFile bad;
    bad.write({'G', 'G', 'U', 'F', 1, 0, 0, 0});
    ToolRun r = runTool(std::string(MODELATLAS_GGUF_INFO_EXE) + " " + bad.path());
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("error: " + bad.path() + ": GGUF version 1 is obsolete"));
    r = runTool(std::string(MODELATLAS_GGUF_INFO_EXE));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("usage:"));
}

} // namespace
