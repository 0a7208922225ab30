// Tokenizer conformance against the reference implementation's test vectors
// (../shared/tokenizer/ggml-vocab-*.gguf + .inp/.out, from llama.cpp's models/
// folder): every case must give exactly the expected ids. As llama.cpp's
// test-tokenizer-0 does, cases are encoded with add_special=false and
// parse_special=false, and the .inp file is split at "\n__ggml_vocab_test__\n".
// Also: decode round trips, the aidreams golden prompts and loading gpt-neox.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace modelatlas::engine;

namespace {

struct VocabCase {
    const char *name;         // ggml-vocab-<name>.gguf
    const char *model;        // tokenizer.ggml.model
    int32_t vocabSize;
    bool hasVectors;          // .inp/.out present
};

const VocabCase kVocabs[] = {
    {"llama-spm", "llama", 32000, true},
    {"phi-3", "llama", 32064, true},
    {"gpt-2", "gpt2", 50257, true},
    {"deepseek-coder", "gpt2", 32256, true},
    {"falcon", "gpt2", 65024, true},
    {"mpt", "gpt2", 50432, true},
    {"gpt-neox", "gpt2", 50432, false},
};

void PrintTo(const VocabCase &v, std::ostream *os) { *os << v.name; }

std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct TestVector {
    std::string text;
    std::vector<int32_t> ids;
};

// The reference's reader: cases separated by "\n__ggml_vocab_test__\n", one line of ids each.
std::vector<TestVector> readVectors(const std::string &inpPath, const std::string &outPath)
{
    const std::string raw = readAll(inpPath);
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> inputs;
    for (size_t pos = 0; pos < raw.size();) {
        const size_t next = raw.find(sep, pos);
        if (next == std::string::npos) {
            inputs.push_back(raw.substr(pos));
            break;
        }
        inputs.push_back(raw.substr(pos, next - pos));
        pos = next + sep.size();
    }
    std::vector<TestVector> out;
    std::istringstream outs(readAll(outPath));
    std::string line;
    for (const auto &in : inputs) {
        if (!std::getline(outs, line))
            break;
        TestVector v{in, {}};
        std::istringstream ls(line);
        int32_t id = 0;
        while (ls >> id)
            v.ids.push_back(id);
        out.push_back(std::move(v));
    }
    EXPECT_EQ(out.size(), inputs.size()) << "input and output files have different numbers of cases";
    return out;
}

std::string idsToString(const std::vector<int32_t> &ids)
{
    std::string s;
    for (size_t i = 0; i < ids.size(); ++i)
        s += (i ? " " : "") + std::to_string(ids[i]);
    return s;
}

class VocabTest : public ::testing::TestWithParam<VocabCase> {
protected:
    void load()
    {
        const std::string rel = std::string("tokenizer/ggml-vocab-") + GetParam().name + ".gguf";
        m_path = test::sharedPath(rel);
        if (!test::fileExists(m_path)) {
            m_missing = rel;
            return;
        }
        auto f = GgufFile::open(m_path);
        ASSERT_TRUE(f.ok()) << f.message();
        m_file = std::move(f.value());
        auto t = Tokenizer::fromGguf(*m_file);
        ASSERT_TRUE(t.ok()) << t.message();
        m_tok = std::make_unique<Tokenizer>(std::move(t.value()));
    }
    std::string m_path;
    std::string m_missing;
    std::unique_ptr<GgufFile> m_file;
    std::unique_ptr<Tokenizer> m_tok;
};

#define MA_LOAD_VOCAB()                                                                                            \
    load();                                                                                                        \
    if (!m_missing.empty())                                                                                        \
    GTEST_SKIP() << "missing ../shared/" << m_missing << " (set MODELATLAS_SHARED_DIR to the shared test inputs)"; \
    ASSERT_TRUE(m_tok)

TEST_P(VocabTest, LoadsVocabulary)
{
    MA_LOAD_VOCAB();
    EXPECT_EQ(m_tok->vocabSize(), GetParam().vocabSize);
    EXPECT_EQ(m_tok->modelName(), GetParam().model);
    EXPECT_TRUE(m_tok->warning().empty()) << m_tok->warning();
    EXPECT_TRUE(m_tok->isEog(m_tok->eos()));
    EXPECT_FALSE(m_tok->isEog(kNoToken));
}

TEST_P(VocabTest, ReproducesReferenceIds)
{
    if (!GetParam().hasVectors)
        GTEST_SKIP() << GetParam().name << " has no .inp/.out test vectors";
    MA_LOAD_VOCAB();
    const std::string inp = m_path + ".inp";
    const std::string outp = m_path + ".out";
    if (!test::fileExists(inp) || !test::fileExists(outp))
        GTEST_SKIP() << "missing " << inp << " or " << outp;
    const auto vectors = readVectors(inp, outp);
    ASSERT_GT(vectors.size(), 40u);
    size_t failures = 0;
    for (const auto &v : vectors) {
        const auto got = m_tok->encode(v.text, /*addSpecial=*/false, /*parseSpecial=*/false);
        if (got != v.ids) {
            ++failures;
            ADD_FAILURE() << GetParam().name << ": '" << v.text << "'\n  expected " << idsToString(v.ids)
                          << "\n  got      " << idsToString(got);
        }
    }
    EXPECT_EQ(failures, 0u) << failures << " of " << vectors.size() << " cases differ";
}

TEST_P(VocabTest, DecodeRoundTripsEveryCase)
{
    if (!GetParam().hasVectors)
        GTEST_SKIP() << GetParam().name << " has no .inp/.out test vectors";
    MA_LOAD_VOCAB();
    const std::string inp = m_path + ".inp";
    if (!test::fileExists(inp) || !test::fileExists(m_path + ".out"))
        GTEST_SKIP() << "missing " << inp;
    for (const auto &v : readVectors(inp, m_path + ".out")) {
        const auto ids = m_tok->encode(v.text, true, false);
        EXPECT_EQ(m_tok->decode(ids), v.text) << GetParam().name << ": " << idsToString(ids);
        // Streaming the same ids token by token gives the same text, never a broken character.
        TokenStreamDecoder stream(*m_tok);
        std::string streamed;
        for (int32_t id : ids)
            streamed += stream.push(id);
        streamed += stream.flush();
        const std::string expected = m_tok->decode(ids, DecodeOptions{false, false});
        EXPECT_EQ(streamed, expected) << GetParam().name;
    }
}

TEST_P(VocabTest, SpecialTokensFollowTheParseSpecialFlag)
{
    MA_LOAD_VOCAB();
    const int32_t eos = m_tok->eos();
    ASSERT_NE(eos, kNoToken);
    const std::string eosText = m_tok->tokenText(eos);
    const std::string text = "Hello" + eosText + "world";
    const auto parsed = m_tok->encode(text, false, true);
    EXPECT_NE(std::find(parsed.begin(), parsed.end(), eos), parsed.end()) << idsToString(parsed);
    if (m_tok->tokenType(eos) == TokenType::Control) {
        const auto plain = m_tok->encode(text, false, false);
        EXPECT_EQ(std::find(plain.begin(), plain.end(), eos), plain.end())
            << "control token text must not become the token without parseSpecial: " << idsToString(plain);
    }
    // Control tokens vanish from decoded text unless asked for.
    EXPECT_EQ(m_tok->tokenToPiece(eos), m_tok->tokenType(eos) == TokenType::Control ? "" : eosText);
    EXPECT_EQ(m_tok->tokenToPiece(eos, true), eosText);
}

TEST_P(VocabTest, AddSpecialAddsBosAsTheVocabularyAsks)
{
    MA_LOAD_VOCAB();
    const auto with = m_tok->encode("Hello world", true, false);
    const auto without = m_tok->encode("Hello world", false, false);
    if (m_tok->addBos()) {
        ASSERT_EQ(with.size(), without.size() + 1);
        EXPECT_EQ(with.front(), m_tok->bos());
    } else {
        EXPECT_EQ(with, without);
    }
    EXPECT_TRUE(m_tok->encode("", false, false).empty());
}

INSTANTIATE_TEST_SUITE_P(SharedVocabs, VocabTest, ::testing::ValuesIn(kVocabs),
                         [](const ::testing::TestParamInfo<VocabCase> &i) {
                             std::string n = i.param.name;
                             for (char &c : n)
                                 if (c == '-')
                                     c = '_';
                             return n;
                         });

// The aidreams model's golden file: prompt ids (with BOS) from the reference,
// and the reference's decoded text of its greedy tokens.
class AidreamsGolden : public ::testing::TestWithParam<const char *> {};

TEST_P(AidreamsGolden, PromptIdsAndGreedyTextMatch)
{
    const std::string model = std::string("models/aidreams260K-") + GetParam() + ".gguf";
    const std::string golden = std::string("golden/aidreams260K-") + GetParam() + ".golden.json";
    MA_REQUIRE_SHARED_FILE(modelPath, model);
    MA_REQUIRE_SHARED_FILE(goldenPath, golden);
    auto f = GgufFile::open(modelPath);
    ASSERT_TRUE(f.ok()) << f.message();
    auto tok = Tokenizer::fromGguf(**f);
    ASSERT_TRUE(tok.ok()) << tok.message();
    const auto json = nlohmann::json::parse(readAll(goldenPath));
    ASSERT_GE(json.at("cases").size(), 1u);
    for (const auto &c : json.at("cases")) {
        const std::string prompt = c.at("prompt");
        const auto expected = c.at("prompt_tokens").get<std::vector<int32_t>>();
        EXPECT_EQ(tok->encode(prompt, true, false), expected) << "prompt '" << prompt << "'";
        const auto greedy = c.at("greedy_tokens").get<std::vector<int32_t>>();
        const std::string text = c.at("greedy_text");
        EXPECT_EQ(tok->decode(greedy, DecodeOptions{false, false}), text) << "prompt '" << prompt << "'";
    }
}

INSTANTIATE_TEST_SUITE_P(Golden, AidreamsGolden, ::testing::Values("F32", "F16"));

} // namespace
