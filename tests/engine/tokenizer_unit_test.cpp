// Tokenizer behaviour on small vocabularies written by the project's own GGUF
// writer (no ../shared input needed): SPM merging by score and byte fallback,
// byte-level BPE merge ranks, the pre-tokenizer splitting rules, special-token
// partitioning, streaming UTF-8 decoding and hostile metadata.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/gguf/gguf_writer.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

using namespace modelatlas::engine;

namespace {

struct Built {
    std::vector<uint8_t> bytes;
    std::unique_ptr<GgufFile> file;
};

Result<Tokenizer> build(const GgufWriter &w, Built &keep)
{
    auto bytes = w.toBytes();
    if (!bytes)
        return bytes.error();
    keep.bytes = std::move(bytes.value());
    auto f = GgufFile::parse(keep.bytes, "<vocab>");
    if (!f)
        return f.error();
    keep.file = std::move(f.value());
    return Tokenizer::fromGguf(*keep.file);
}

// A tiny SentencePiece vocabulary: <unk> <s> </s>, 256 byte tokens, then pieces with scores.
GgufWriter spmWriter(const std::vector<std::pair<std::string, float>> &pieces)
{
    std::vector<std::string> tokens = {"<unk>", "<s>", "</s>"};
    std::vector<float> scores = {0, 0, 0};
    std::vector<int32_t> types = {2, 3, 3};
    static const char *hex = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        tokens.push_back(std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">");
        scores.push_back(0);
        types.push_back(6);
    }
    for (const auto &[p, s] : pieces) {
        tokens.push_back(p);
        scores.push_back(s);
        types.push_back(1);
    }
    GgufWriter w;
    w.setString("general.architecture", "llama");
    w.setString("tokenizer.ggml.model", "llama");
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray(tokens));
    w.set("tokenizer.ggml.scores", GgufValue::numericArray(GgufValueType::Float32, scores));
    w.set("tokenizer.ggml.token_type", GgufValue::numericArray(GgufValueType::Int32, types));
    return w;
}

int32_t firstPiece() { return 3 + 256; }

TEST(SpmTokenizer, MergesHighestScoreFirstAndFallsBackToBytes)
{
    // "▁ab" can form via "▁a"+"b" (score of "▁a" -1) or "▁"+"ab" (score of "ab" -0.5):
    // the higher-scoring pair "ab" merges first, then "▁"+"ab".
    Built keep;
    auto tok = build(spmWriter({{"\xE2\x96\x81", -3}, {"a", -4}, {"b", -4}, {"\xE2\x96\x81" "a", -1},
                                {"ab", -0.5f}, {"\xE2\x96\x81" "ab", -2}}),
                     keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    const int32_t p = firstPiece();
    EXPECT_EQ(tok->encode("ab", false, false), (std::vector<int32_t>{p + 5}));
    EXPECT_EQ(tok->encode("ab", true, false), (std::vector<int32_t>{1, p + 5}));
    // "é" is not a piece: its two UTF-8 bytes become <0xC3><0xA9>.
    EXPECT_EQ(tok->encode("é", false, false), (std::vector<int32_t>{p, 3 + 0xC3, 3 + 0xA9}));
    EXPECT_EQ(tok->decode(tok->encode("ab é", true, false)), "ab é");
    EXPECT_EQ(tok->tokenToPiece(3 + 0x41), "A");
}

TEST(SpmTokenizer, EqualScoresMergeLeftmostFirst)
{
    Built keep;
    auto tok = build(spmWriter({{"\xE2\x96\x81", -3}, {"a", -4}, {"\xE2\x96\x81" "a", -1}, {"aa", -1}}), keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    const int32_t p = firstPiece();
    // "▁aa": pairs "▁a" and "aa" tie at -1; the leftmost ("▁a") wins, leaving "a".
    EXPECT_EQ(tok->encode("aa", false, false), (std::vector<int32_t>{p + 2, p + 1}));
}

TEST(SpmTokenizer, ControlTokensNeedParseSpecial)
{
    Built keep;
    auto tok = build(spmWriter({{"\xE2\x96\x81", -3}, {"x", -4}}), keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    const auto parsed = tok->encode("x</s>x", false, true);
    const int32_t p = firstPiece();
    // A space prefix goes before the first text and again after a special token.
    EXPECT_EQ(parsed, (std::vector<int32_t>{p, p + 1, 2, p, p + 1}));
    const auto plain = tok->encode("x</s>", false, false);
    EXPECT_EQ(std::count(plain.begin(), plain.end(), 2), 0);
    EXPECT_TRUE(tok->isEog(2));
    EXPECT_EQ(tok->decode(parsed), "x x");
    EXPECT_EQ(tok->decode(parsed, DecodeOptions{true, true}), "x</s> x");
}

// Byte-level BPE vocabulary: the 256 byte symbols plus merges.
GgufWriter bpeWriter(const std::string &pre, const std::vector<std::string> &merges,
                     const std::vector<std::string> &extra, const std::vector<int32_t> &extraTypes = {})
{
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    uint32_t next = 256;
    for (uint32_t b = 0; b < 256; ++b) {
        const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const uint32_t cp = printable ? b : next++;
        std::string s;
        if (cp < 0x80) {
            s.push_back(static_cast<char>(cp));
        } else {
            s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        tokens.push_back(s);
        types.push_back(1);
    }
    for (size_t i = 0; i < extra.size(); ++i) {
        tokens.push_back(extra[i]);
        types.push_back(i < extraTypes.size() ? extraTypes[i] : 1);
    }
    GgufWriter w;
    w.setString("general.architecture", "gpt2");
    w.setString("tokenizer.ggml.model", "gpt2");
    if (!pre.empty())
        w.setString("tokenizer.ggml.pre", pre);
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray(tokens));
    w.set("tokenizer.ggml.token_type", GgufValue::numericArray(GgufValueType::Int32, types));
    w.set("tokenizer.ggml.merges", GgufValue::stringArray(merges));
    return w;
}

TEST(BpeTokenizer, MergesByRankAndDecodesBytes)
{
    Built keep;
    // "Ġ" is the byte-encoded space. Ranks: "h e" < "l l" < "he ll" < "Ġ w".
    auto w = bpeWriter("gpt-2", {"h e", "l l", "he ll", "Ġ w"}, {"he", "ll", "hell", "Ġw", "<|endoftext|>"},
                       {1, 1, 1, 1, 3});
    w.setU32("tokenizer.ggml.eos_token_id", 260);
    auto tok = build(w, keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    EXPECT_EQ(tok->encode("hello", false, false), (std::vector<int32_t>{258, 'o' - 0}));
    EXPECT_EQ(tok->encode(" wo", false, false), (std::vector<int32_t>{259, 'o'}));
    // Every byte has a symbol, so arbitrary UTF-8 round-trips.
    const std::string text = "hello wörld \xF0\x9F\xA6\x99\n\ttabs";
    EXPECT_EQ(tok->decode(tok->encode(text, true, false)), text);
    EXPECT_EQ(tok->encode("<|endoftext|>", false, true), (std::vector<int32_t>{260}));
    EXPECT_NE(tok->encode("<|endoftext|>", false, false), (std::vector<int32_t>{260}));
    EXPECT_TRUE(tok->isEog(260));
    EXPECT_FALSE(tok->addBos());
}

struct SplitCase {
    const char *pre;
    const char *text;
    std::vector<std::string> words;
};

void PrintTo(const SplitCase &c, std::ostream *os) { *os << c.pre << " '" << c.text << "'"; }

class PreTokenizerSplit : public ::testing::TestWithParam<SplitCase> {};

TEST_P(PreTokenizerSplit, SplitsLikeTheReferenceRegexes)
{
    const SplitCase &c = GetParam();
    Built keep;
    auto tok = build(bpeWriter(c.pre, {}, {}), keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    EXPECT_EQ(tok->preTokenize(c.text), c.words) << c.pre << ": '" << c.text << "'";
}

const SplitCase kSplits[] = {
    {"gpt-2", "Hello world", {"Hello", " world"}},
    {"gpt-2", "I'm here", {"I", "'m", " here"}},
    {"gpt-2", "a   b", {"a", "  ", " b"}},
    {"gpt-2", "x\n\ny", {"x", "\n", "\n", "y"}},
    {"gpt-2", "ok!!  ", {"ok", "!!", "  "}},
    {"gpt-2", "3.14 ½", {"3", ".", "14", " ½"}},
    {"gpt-2", "Führer", {"Führer"}},
    {"llama-bpe", "Hello, WORLD's 12345", {"Hello", ",", " WORLD", "'s", " ", "123", "45"}},
    {"llama-bpe", "a\n\n  b", {"a", "\n\n", " ", " b"}},
    {"llama-bpe", "  \n", {"  \n"}},
    {"llama-bpe", "x  ", {"x", "  "}},
    {"llama-bpe", "(hi)\r\n", {"(hi", ")\r\n"}},
    {"qwen2", "2024 年", {"2", "0", "2", "4", " 年"}},
    {"deepseek-coder", "int x=10;\n", {"int", " x", "=", "1", "0", ";", "\n"}},
    {"deepseek-coder", "我想在", {"我想在"}},
    {"falcon", "3333333", {"333", "333", "3"}},
    {"falcon", "a+b==c", {"a", "+", "b", "==", "c"}},
    {"starcoder", "v12 x", {"v", "1", "2", " x"}},
    {"deepseek-llm", "Hi there  ", {"Hi", " there", "  "}},
    {"default", "x <= 1234", {"x", " ", "<=", " ", "123", "4"}},
};

INSTANTIATE_TEST_SUITE_P(Rules, PreTokenizerSplit, ::testing::ValuesIn(kSplits));

TEST(BpeTokenizer, UnknownPreTokenizerFallsBackWithAWarning)
{
    Built keep;
    auto tok = build(bpeWriter("no-such-pre", {}, {}), keep);
    ASSERT_TRUE(tok.ok()) << tok.message();
    EXPECT_NE(tok->warning().find("no-such-pre"), std::string::npos);
}

TEST(TokenizerLoad, HostileMetadataIsAnErrorNotACrash)
{
    {
        Built keep;
        GgufWriter w;
        w.setString("tokenizer.ggml.model", "llama");
        auto tok = build(w, keep);
        ASSERT_FALSE(tok.ok());
        EXPECT_NE(tok.message().find("tokenizer.ggml.tokens"), std::string::npos) << tok.message();
    }
    {
        Built keep;
        GgufWriter w;
        w.setString("tokenizer.ggml.model", "rwkv");
        w.set("tokenizer.ggml.tokens", GgufValue::stringArray({"a"}));
        auto tok = build(w, keep);
        ASSERT_FALSE(tok.ok());
        EXPECT_NE(tok.message().find("unsupported tokenizer model 'rwkv'"), std::string::npos) << tok.message();
    }
    {
        Built keep;
        auto w = spmWriter({{"a", -1}});
        w.set("tokenizer.ggml.scores", GgufValue::numericArray(GgufValueType::Float32, std::vector<float>{1.0f}));
        auto tok = build(w, keep);
        ASSERT_FALSE(tok.ok());
        EXPECT_NE(tok.message().find("tokenizer.ggml.scores"), std::string::npos) << tok.message();
    }
    {
        Built keep;
        GgufWriter w;
        w.setString("tokenizer.ggml.model", "llama");
        w.set("tokenizer.ggml.tokens", GgufValue::stringArray({"a", "a"}));
        auto tok = build(w, keep);
        ASSERT_FALSE(tok.ok());
        EXPECT_NE(tok.message().find("duplicate token"), std::string::npos) << tok.message();
    }
    {
        // Special ids outside the vocabulary are ignored (converters write 0xFFFFFFFF for "none").
        Built keep;
        auto w = spmWriter({{"a", -1}});
        w.setU32("tokenizer.ggml.eos_token_id", 0xFFFFFFFFu);
        w.setU32("tokenizer.ggml.padding_token_id", 99999);
        auto tok = build(w, keep);
        ASSERT_TRUE(tok.ok()) << tok.message();
        EXPECT_EQ(tok->eos(), 2);
        EXPECT_EQ(tok->pad(), kNoToken);
        EXPECT_EQ(tok->tokenToPiece(-5), "");
        EXPECT_EQ(tok->tokenToPiece(1 << 30), "");
        EXPECT_EQ(tok->decode(std::vector<int32_t>{-1, 1 << 30}), "");
    }
}

TEST(Utf8StreamDecoder, HoldsBackIncompleteCharacters)
{
    Utf8StreamDecoder d;
    EXPECT_EQ(d.push("a\xE2"), "a");
    EXPECT_TRUE(d.hasPending());
    EXPECT_EQ(d.push("\x82"), "");
    EXPECT_EQ(d.push("\xAC!"), "\xE2\x82\xAC!");  // "€!"
    EXPECT_EQ(d.push("\xF0\x9F"), "");
    EXPECT_EQ(d.push("\xA6\x99"), "\xF0\x9F\xA6\x99");
    EXPECT_FALSE(d.hasPending());
}

TEST(Utf8StreamDecoder, InvalidBytesBecomeReplacementCharacters)
{
    Utf8StreamDecoder d;
    EXPECT_EQ(d.push("\xFF" "a"), "\xEF\xBF\xBD" "a");
    EXPECT_EQ(d.push("\x80"), "\xEF\xBF\xBD");
    EXPECT_EQ(d.push("\xE2" "x"), "\xEF\xBF\xBD" "x");   // lead byte not followed by a continuation
    EXPECT_EQ(d.push("\xC3"), "");
    EXPECT_EQ(d.flush(), "\xEF\xBF\xBD");               // stream ended mid-character
    EXPECT_EQ(d.push("\xEF\xBF\xBD"), "\xEF\xBF\xBD");   // a real U+FFFD passes through
}

} // namespace
