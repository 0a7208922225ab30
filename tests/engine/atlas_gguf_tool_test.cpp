// atlas-gguf end to end: `synth` writes models the reader accepts, with the same
// seeded weights in every file type and llama.cpp's tensor mix in the K-quant
// ones; `inspect`, `dump` and `tokenize` print them; bad input fails cleanly.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/runtime/run_state.h"
#include "modelatlas/engine/tensor/dequantize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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
    return std::string(MODELATLAS_ATLAS_GGUF_EXE) + " synth " + args + " -o " + out;
}

std::string atlasGguf(const std::string &args)
{
    return std::string(MODELATLAS_ATLAS_GGUF_EXE) + " " + args;
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
    const std::map<std::string, double> bounds{{"F32", 0.0},     {"F16", 1e-3},    {"BF16", 4e-3},  {"Q8_0", 6e-3},
                                               {"Q4_0", 0.12},   {"Q4_K_M", 0.08}, {"Q5_K_M", 0.04}, {"Q6_K", 0.02}};
    const double bound = bounds.at(type);
    for (const auto &t : g.tensors()) {
        const GgufTensorInfo *rt = ref.value()->findTensor(t.name);
        ASSERT_NE(rt, nullptr);
        if (t.nDims == 1) {
            EXPECT_EQ(t.type, GgmlType::F32) << t.name;
        }
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

INSTANTIATE_TEST_SUITE_P(Types, SynthTool,
                         ::testing::Values("F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K"));

// The ../shared synth files were quantised by llama.cpp from the same shapes
// (2 layers, dim 256, FFN 768, vocab 512): every tensor must get the type it has there.
struct MixCase {
    const char *sharedFile;
    const char *preset;
    const char *type;
};

class SynthMix : public ::testing::TestWithParam<MixCase> {};

TEST_P(SynthMix, TensorTypesAreLlamaCppsMix)
{
    const MixCase c = GetParam();
    MA_REQUIRE_SHARED_FILE(refPath, std::string("models/") + c.sharedFile);
    TempFile file;
    const ToolRun r = runTool(synth(file.path(), std::string("--preset ") + c.preset + " --type " + c.type));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto ref = GgufFile::open(refPath);
    auto got = GgufFile::open(file.path());
    ASSERT_TRUE(ref.ok() && got.ok());
    ASSERT_EQ(got.value()->tensors().size(), ref.value()->tensors().size());
    for (const auto &t : ref.value()->tensors()) {
        const GgufTensorInfo *mine = got.value()->findTensor(t.name);
        ASSERT_NE(mine, nullptr) << t.name;
        EXPECT_EQ(ggmlTypeName(mine->type), ggmlTypeName(t.type)) << t.name;
        EXPECT_EQ(mine->nBytes, t.nBytes) << t.name;
    }
    EXPECT_EQ(got.value()->getU32("general.file_type").value(), ref.value()->getU32("general.file_type").value());
}

INSTANTIATE_TEST_SUITE_P(Shared, SynthMix,
                         ::testing::Values(MixCase{"synth-llama-Q4_K_M.gguf", "tiny", "Q4_K_M"},
                                           MixCase{"synth-llama-Q5_K_M.gguf", "tiny", "Q5_K_M"},
                                           MixCase{"synth-llama-Q6_K.gguf", "tiny", "Q6_K"},
                                           MixCase{"synth-qwen2-Q4_K_M.gguf", "tiny-qwen2", "Q4_K_M"}),
                         [](const auto &p) {
                             std::string name(p.param.sharedFile);   // synth-ARCH-TYPE.gguf -> ARCH_TYPE
                             name = name.substr(6, name.size() - 6 - 5);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(SynthMix, TiedEmbeddingsBecomeQ6KAndMoreBitsLayersFollowUseMoreBits)
{
    TempFile file;
    ASSERT_EQ(runTool(synth(file.path(), "--preset tiny-qwen3 --type Q4_K_M --layers 8")).exitCode, 0);
    auto f = GgufFile::open(file.path());
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f.value()->findTensor("token_embd.weight")->type, GgmlType::Q6_K);   // tied: it is the output
    EXPECT_EQ(f.value()->findTensor("output.weight"), nullptr);
    // use_more_bits(i, 8): i < 1, i >= 7, or (i - 1) % 3 == 2 -> layers 0, 3, 6, 7.
    for (int l = 0; l < 8; ++l) {
        const bool more = l == 0 || l == 3 || l == 6 || l == 7;
        const std::string b = "blk." + std::to_string(l) + ".";
        EXPECT_EQ(f.value()->findTensor(b + "attn_v.weight")->type, more ? GgmlType::Q6_K : GgmlType::Q4_K) << l;
        EXPECT_EQ(f.value()->findTensor(b + "ffn_down.weight")->type, more ? GgmlType::Q6_K : GgmlType::Q4_K) << l;
        EXPECT_EQ(f.value()->findTensor(b + "attn_k.weight")->type, GgmlType::Q4_K) << l;
    }
}

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

namespace {

std::vector<char> fileBytes(const std::string &path)
{
    std::vector<char> bytes;
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return bytes;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
    return bytes;
}

} // namespace

// Every row is seeded by its own position, so the threads that quantise the
// rows change nothing: one thread and five give the same file, byte for byte.
TEST(SynthToolThreads, AnyThreadCountWritesTheSameFile)
{
    TempFile one, five;
    ASSERT_EQ(runTool(synth(one.path(), "--preset tiny --type Q4_K_M --threads 1")).exitCode, 0);
    ASSERT_EQ(runTool(synth(five.path(), "--preset tiny --type Q4_K_M --threads 5")).exitCode, 0);
    const std::vector<char> a = fileBytes(one.path()), b = fileBytes(five.path());
    ASSERT_GT(a.size(), 100000u);
    EXPECT_TRUE(a == b) << "files differ";
}

TEST(SynthToolErrors, BadArgumentsExitWithTwoBadInputWithOne)
{
    TempFile out;
    ToolRun r = runTool(synth(out.path(), "--preset tiny --type Q4_K"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output,
                HasSubstr("--type Q4_K is not supported (use F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q5_1 Q4_K_M Q5_K_M Q6_K)"));
    r = runTool(synth(out.path(), "--preset nope"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("unknown or missing --preset 'nope'"));
    r = runTool(synth(out.path(), "--preset tiny --layers 0"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("--layers wants an integer"));
    r = runTool(synth(out.path(), "--preset tiny --head-dim 7"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("--head-dim wants an integer (--layers: 1..512, --head-dim: even, 2..1024"));
    r = runTool(synth(out.path(), "--preset tiny --threads 0"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("--threads wants an integer"));
    r = runTool(synth(out.path(), "--preset tiny --vocab /nonexistent.gguf"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_THAT(r.output, HasSubstr("cannot open '/nonexistent.gguf'"));
    r = runTool(atlasGguf("synth --help"));
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_THAT(r.output, HasSubstr("llama.cpp's tensor mix"));
    EXPECT_THAT(r.output,
                HasSubstr("tiny-phi3 tiny-gemma3 llama-3.2-1b llama-3-8b qwen2.5-7b phi-3-mini qwen3-8b gemma-3-1b"));
}

TEST(AtlasGguf, CommandsAndUsage)
{
    ToolRun r = runTool(atlasGguf(""));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("atlas-gguf inspect FILE"));
    EXPECT_THAT(r.output, HasSubstr("atlas-gguf synth"));
    r = runTool(atlasGguf("frobnicate x"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("error: unknown command 'frobnicate'"));
    r = runTool(atlasGguf("--help"));
    EXPECT_EQ(r.exitCode, 0);
}

// `atlas-gguf inspect` of a file `synth` writes with these options.
ToolRun inspectSynthesised(const std::string &synthOptions)
{
    TempFile out;
    const ToolRun written = runTool(synth(out.path(), synthOptions));
    if (written.exitCode != 0)
        return written;
    return runTool(atlasGguf("inspect " + out.path()));
}

TEST(AtlasGguf, SynthHeadDimOverrideReachesTheFile)
{
    const ToolRun r = inspectSynthesised("--preset tiny --type F16 --head-dim 20");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("4 heads (2 KV, head dim 20)"));
}

TEST(AtlasGguf, InspectSummarisesAModelWithAMemoryEstimate)
{
    const ToolRun r = inspectSynthesised("--preset tiny --type Q4_K_M");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("arch:        llama"));
    EXPECT_THAT(r.output, HasSubstr("tokenizer:   llama (pre: -), 512 tokens, chat template: none"));
    EXPECT_THAT(r.output, HasSubstr("model:       2 layers, dim 256, 4 heads (2 KV, head dim 64), FFN 768, vocab 512"));
    EXPECT_THAT(r.output, HasSubstr("mostly Q4_K"));
    // K and V, F16, 2 layers x 128 values: 1 KiB per token.
    EXPECT_THAT(r.output, HasSubstr("KV cache:    1.00 KiB per token"));
    EXPECT_THAT(r.output, HasSubstr("(trained maximum)"));
    EXPECT_THAT(r.output, ::testing::ContainsRegex("Q6_K +3 "));   // output + 2 of the layers' tensors
}

TEST(AtlasGguf, InspectNamesGemma3sWindowAndNorms)
{
    const ToolRun r = inspectSynthesised("--preset tiny-gemma3 --type F16");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("arch:        gemma3"));
    EXPECT_THAT(r.output, HasSubstr("post-attention and post-FFN norms, GeGLU, embeddings scaled by sqrt(dim)"));
    EXPECT_THAT(r.output, HasSubstr("sliding window 8 on 1 of 2 layers (1 in 2 global), their RoPE base 10000"));
    const int ring = windowRing(8, 512, 1 << 22).length();
    EXPECT_THAT(r.output, HasSubstr("their KV cache: a ring of " + std::to_string(ring) + " positions (batch 512)"));
}

// Rows of 160 values hold no 256-value super-block: llama.cpp's fallback
// stores those K-quant tensors as Q5_0 (from Q4_K) and Q8_0 (from Q6_K).
TEST(AtlasGguf, SynthFallsBackFromKQuantsWhereRowsAreShort)
{
    const ToolRun r = inspectSynthesised("--preset tiny-gemma3 --type Q4_K_M --head-dim 40");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, ::testing::ContainsRegex("Q5_0 +2 "));   // attn_output of both layers
    EXPECT_THAT(r.output, ::testing::ContainsRegex("Q6_K +[0-9]+ "));   // token_embd (tied output), 256 wide
}

TEST(AtlasGguf, InspectOfAVocabOnlyFileSaysItIsNotRunnable)
{
    MA_REQUIRE_SHARED_FILE(vocab, "tokenizer/ggml-vocab-phi-3.gguf");
    const ToolRun r = runTool(atlasGguf("inspect " + vocab));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("chat template: phi3"));
    EXPECT_THAT(r.output, HasSubstr("not runnable by this engine:"));
}

TEST(AtlasGguf, TokenizePrintsIds)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    ToolRun r = runTool("(" + atlasGguf("tokenize " + model + " 'Once upon a time'") + " 2>/dev/null)");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output, "1 429 491 433 295 429 444 445 265 262 263 342 430\n");
    r = runTool("(" + atlasGguf("tokenize --no-special --pieces " + model + " Once") + " 2>/dev/null)");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("429"));
    EXPECT_THAT(r.output, ::testing::Not(HasSubstr("       1  ")));
    r = runTool(atlasGguf("tokenize " + model));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("usage: atlas-gguf tokenize"));
}

TEST(AtlasGguf, DumpPrintsHeaderMetadataTensorsWithOffsetsAndTotals)
{
    TempFile out;
    ASSERT_EQ(runTool(synth(out.path(), "--preset tiny --type Q8_0")).exitCode, 0);
    const ToolRun r = runTool(atlasGguf("dump " + out.path()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("gguf:        version 3, "));
    EXPECT_THAT(r.output, HasSubstr("llama.block_count"));
    EXPECT_THAT(r.output, HasSubstr("string[512] [\"<unk>\", \"<s>\", \"</s>\""));
    EXPECT_THAT(r.output, HasSubstr("... (504 more)]"));
    EXPECT_THAT(r.output, HasSubstr("blk.1.ffn_down.weight"));
    EXPECT_THAT(r.output, HasSubstr("[768, 256]"));
    EXPECT_THAT(r.output, HasSubstr("per-type totals:"));
    EXPECT_THAT(r.output, ::testing::ContainsRegex("Q8_0 +16 +1835008 +1949696"));
    // token_embd is first at offset 0; the next tensor starts after its 512 x 272 bytes.
    EXPECT_THAT(r.output, ::testing::ContainsRegex("token_embd.weight +Q8_0 +\\[256, 512\\] +0 +139264"));
    EXPECT_THAT(r.output, ::testing::ContainsRegex("blk.0.attn_norm.weight +F32 +\\[256\\] +139264 +1024"));
}

TEST(AtlasGguf, BadFilesExitWithOneAndAClearError)
{
    TempFile bad;
    bad.write({'G', 'G', 'U', 'F', 1, 0, 0, 0});
    for (const char *cmd : {"inspect ", "dump ", "tokenize "}) {
        ToolRun r = runTool(atlasGguf(cmd + bad.path() + (std::string(cmd) == "tokenize " ? " hi" : "")));
        EXPECT_EQ(r.exitCode, 1) << cmd;
        EXPECT_THAT(r.output, HasSubstr("error: " + bad.path() + ": GGUF version 1 is obsolete")) << cmd;
        r = runTool(atlasGguf(cmd));
        EXPECT_EQ(r.exitCode, 2) << cmd;
        EXPECT_THAT(r.output, HasSubstr("usage:")) << cmd;
    }
}

} // namespace
