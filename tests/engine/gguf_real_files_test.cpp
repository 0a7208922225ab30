// The reader on every real GGUF file in ../shared: models (with tensors) and
// vocab-only tokenizer files (headers of real models).
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"

#include <map>
#include <set>

using namespace modelatlas::engine;

namespace {

struct RealFile {
    const char *relative;
    const char *arch;
    uint32_t blockCount;
    size_t nTensors;
    size_t nKv;
    size_t nVocab;
    const char *tokenizerModel;
    std::map<std::string, size_t> tensorsPerType;   // empty for vocab-only files
};

const RealFile kFiles[] = {
    {"models/aidreams260K-F32.gguf", "llama", 4, 39, 19, 512, "llama", {{"F32", 39}}},
    {"models/aidreams260K-F16.gguf", "llama", 4, 39, 21, 512, "llama", {{"F16", 30}, {"F32", 9}}},
    {"models/synth-llama-F16.gguf", "llama", 2, 21, 22, 512, "llama", {{"F16", 16}, {"F32", 5}}},
    {"models/synth-llama-BF16.gguf", "llama", 2, 21, 23, 512, "llama", {{"BF16", 16}, {"F32", 5}}},
    {"models/synth-llama-Q8_0.gguf", "llama", 2, 21, 23, 512, "llama", {{"Q8_0", 16}, {"F32", 5}}},
    {"models/synth-llama-Q4_0.gguf", "llama", 2, 21, 23, 512, "llama", {{"Q4_0", 15}, {"Q6_K", 1}, {"F32", 5}}},
    {"models/synth-llama-Q4_K_M.gguf", "llama", 2, 21, 23, 512, "llama", {{"Q4_K", 13}, {"Q6_K", 3}, {"F32", 5}}},
    {"models/synth-llama-Q5_K_M.gguf", "llama", 2, 21, 23, 512, "llama", {{"Q5_K", 13}, {"Q6_K", 3}, {"F32", 5}}},
    {"models/synth-llama-Q6_K.gguf", "llama", 2, 21, 23, 512, "llama", {{"Q6_K", 16}, {"F32", 5}}},
    {"models/synth-qwen2-F16.gguf", "qwen2", 2, 27, 22, 512, "llama", {{"F16", 16}, {"F32", 11}}},
    {"models/synth-qwen2-Q8_0.gguf", "qwen2", 2, 27, 23, 512, "llama", {{"Q8_0", 16}, {"F32", 11}}},
    {"models/synth-qwen2-Q4_K_M.gguf", "qwen2", 2, 27, 23, 512, "llama", {{"Q4_K", 13}, {"Q6_K", 3}, {"F32", 11}}},
    {"tokenizer/ggml-vocab-llama-spm.gguf", "llama", 32, 0, 22, 32000, "llama", {}},
    {"tokenizer/ggml-vocab-phi-3.gguf", "phi3", 32, 0, 26, 32064, "llama", {}},
    {"tokenizer/ggml-vocab-gpt-2.gguf", "gpt2", 12, 0, 16, 50257, "gpt2", {}},
    {"tokenizer/ggml-vocab-gpt-neox.gguf", "gptneox", 44, 0, 17, 50432, "gpt2", {}},
    {"tokenizer/ggml-vocab-falcon.gguf", "falcon", 32, 0, 18, 65024, "gpt2", {}},
    {"tokenizer/ggml-vocab-mpt.gguf", "mpt", 32, 0, 17, 50432, "gpt2", {}},
    {"tokenizer/ggml-vocab-deepseek-coder.gguf", "llama", 32, 0, 25, 32256, "gpt2", {}},
};

class RealGgufFile : public ::testing::TestWithParam<RealFile> {};

void PrintTo(const RealFile &f, std::ostream *os) { *os << f.relative; }

TEST_P(RealGgufFile, ParsesHeaderMetadataAndTensors)
{
    const RealFile &e = GetParam();
    MA_REQUIRE_SHARED_FILE(path, e.relative);
    auto opened = GgufFile::open(path);
    ASSERT_TRUE(opened.ok()) << opened.message();
    const GgufFile &f = *opened.value();

    EXPECT_EQ(f.version(), 3u);
    EXPECT_EQ(f.alignment(), 32u);
    EXPECT_EQ(f.metadata().size(), e.nKv);
    EXPECT_EQ(f.tensors().size(), e.nTensors);
    ASSERT_EQ(f.getString("general.architecture").value(), e.arch);
    auto blocks = f.getU32(std::string(e.arch) + ".block_count");
    ASSERT_TRUE(blocks.ok()) << blocks.message();
    EXPECT_EQ(*blocks, e.blockCount);

    // Tokenizer arrays: tokens, and the per-token arrays agree in length.
    auto tokens = f.getStringArray("tokenizer.ggml.tokens");
    ASSERT_TRUE(tokens.ok()) << tokens.message();
    EXPECT_EQ(tokens->size(), e.nVocab);
    EXPECT_EQ(f.getString("tokenizer.ggml.model").value(), e.tokenizerModel);
    if (f.has("tokenizer.ggml.scores")) {
        auto scores = f.getF32Array("tokenizer.ggml.scores");
        ASSERT_TRUE(scores.ok()) << scores.message();
        EXPECT_EQ(scores->size(), e.nVocab);
    }
    if (f.has("tokenizer.ggml.token_type")) {
        auto types = f.getI32Array("tokenizer.ggml.token_type");
        ASSERT_TRUE(types.ok()) << types.message();
        EXPECT_EQ(types->size(), e.nVocab);
    }
    if (std::string(e.tokenizerModel) == "gpt2") {
        auto merges = f.getStringArray("tokenizer.ggml.merges");
        ASSERT_TRUE(merges.ok()) << merges.message();
        EXPECT_GT(merges->size(), 30000u);
    }

    // Tensors: per-type counts, and every extent in the file, aligned, in place.
    std::map<std::string, size_t> perType;
    for (const auto &t : f.tensors()) {
        ++perType[std::string(ggmlTypeName(t.type))];
        EXPECT_EQ(t.offset % f.alignment(), 0u) << t.name;
        EXPECT_LE(f.dataOffset() + t.offset + t.nBytes, f.fileSize()) << t.name;
        EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data) % f.alignment(), 0u) << t.name;
        EXPECT_EQ(f.findTensor(t.name), &t);
        EXPECT_EQ(ggmlTensorBytes(t.type, t.nElements).value(), t.nBytes) << t.name;
    }
    EXPECT_EQ(perType, e.tensorsPerType);
}

TEST_P(RealGgufFile, ParsesFromMemoryLikeFromMapping)
{
    const RealFile &e = GetParam();
    MA_REQUIRE_SHARED_FILE(path, e.relative);
    auto mapped = GgufFile::open(path);
    ASSERT_TRUE(mapped.ok()) << mapped.message();
    std::vector<uint8_t> copy(mapped.value()->fileSize());
    std::FILE *fp = std::fopen(path.c_str(), "rb");
    ASSERT_NE(fp, nullptr);
    ASSERT_EQ(std::fread(copy.data(), 1, copy.size(), fp), copy.size());
    std::fclose(fp);
    auto parsed = GgufFile::parse(copy, path);
    ASSERT_TRUE(parsed.ok()) << parsed.message();
    ASSERT_EQ(parsed.value()->metadata().size(), mapped.value()->metadata().size());
    for (size_t i = 0; i < parsed.value()->metadata().size(); ++i)
        EXPECT_EQ(parsed.value()->metadata()[i].value, mapped.value()->metadata()[i].value);
}

std::string fileName(const ::testing::TestParamInfo<RealFile> &info)
{
    std::string name = info.param.relative;
    name = name.substr(name.find('/') + 1);
    name = name.substr(0, name.size() - 5);
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Shared, RealGgufFile, ::testing::ValuesIn(kFiles), fileName);

TEST(RealGgufFile, Aidreams260KHyperParameters)
{
    MA_REQUIRE_SHARED_FILE(path, "models/aidreams260K-F32.gguf");
    auto f = GgufFile::open(path);
    ASSERT_TRUE(f.ok()) << f.message();
    EXPECT_EQ(f.value()->getU32("llama.embedding_length").value(), 64u);
    EXPECT_EQ(f.value()->getU32("llama.attention.head_count").value(), 4u);
    EXPECT_EQ(f.value()->getU32("llama.context_length").value(), 128u);
    const GgufTensorInfo *embd = f.value()->findTensor("token_embd.weight");
    ASSERT_NE(embd, nullptr);
    EXPECT_EQ(embd->nDims, 2u);
    EXPECT_EQ(embd->ne[0], 64u);
    EXPECT_EQ(embd->ne[1], 512u);
    EXPECT_EQ(embd->shapeString(), "[64, 512]");
}

} // namespace
