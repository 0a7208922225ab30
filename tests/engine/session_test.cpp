// Model loading and the Session API: hyper-parameters, refusals, load progress
// and cancel, sampling determinism, stop tokens and strings, cancel, context limits, and
// many sessions on one model.
#include "test_support.h"

#include "modelatlas/engine/gguf/gguf_writer.h"
#include "modelatlas/engine/runtime/session.h"

#include <gmock/gmock.h>

#include <thread>

using namespace modelatlas::engine;
using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

class SessionTest : public modelatlas::engine::test::TinyModelTest {
protected:
    static std::unique_ptr<Session> session(SessionOptions o = {})
    {
        auto s = Session::create(model(), o);
        EXPECT_TRUE(s.ok());
        return std::move(s.value());
    }
    static std::vector<int32_t> prompt() { return {1, 17, 42, 99, 7}; }
};

TEST_F(SessionTest, HyperParametersFromMetadata)
{
    const Config &c = model()->config();
    EXPECT_EQ(c.architecture, "llama");
    EXPECT_EQ(c.nLayers, 2);
    EXPECT_EQ(c.dim, 256);
    EXPECT_EQ(c.nHeads, 4);
    EXPECT_EQ(c.nKvHeads, 2);
    EXPECT_EQ(c.headDim, 64);
    EXPECT_EQ(c.hiddenDim, 768);
    EXPECT_EQ(c.vocabSize, 512);
    EXPECT_EQ(c.contextLength, 128);
    EXPECT_EQ(c.ropeStyle, cpu::RopeStyle::Normal);
    const ModelInfo &info = model()->info();
    EXPECT_EQ(info.kvBytesPerToken, 2u * 2u * 128u * 2u);
    EXPECT_EQ(info.dominantType, "Q8_0");
    EXPECT_GT(info.estimateBytes(128), info.weightBytes + 128 * info.kvBytesPerToken);
    auto inspected = inspectModel(modelPath());
    ASSERT_TRUE(inspected.ok());
    EXPECT_EQ(inspected->weightBytes, info.weightBytes);
}

TEST_F(SessionTest, GreedyGenerateFollowsArgmaxOfLogits)
{
    auto s = session();
    GenerateOptions o;
    o.maxTokens = 6;
    o.stopAtEos = false;
    auto r = s->generate(prompt(), o);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->tokens.size(), 6u);
    auto t = session();
    ASSERT_TRUE(t->prefill(prompt()).ok());
    for (int32_t want : r->tokens) {
        const int32_t got = argmax(t->logits());
        EXPECT_EQ(got, want);
        ASSERT_TRUE(t->prefill(std::vector<int32_t>{got}).ok());
    }
    EXPECT_GT(r->stats.prefillTokPerS, 0.0);
    EXPECT_GT(r->stats.peakRssBytes, 0u);
}

TEST_F(SessionTest, SamplingIsDeterministicForASeed)
{
    GenerateOptions o;
    o.maxTokens = 24;
    o.stopAtEos = false;
    o.sampling.temperature = 1.5f;
    o.sampling.topK = 0;
    o.sampling.topP = 0.98f;
    o.sampling.minP = 0.0f;
    o.sampling.repeatPenalty = 1.1f;
    o.sampling.seed = 1234;
    auto a = session()->generate(prompt(), o);
    auto b = session()->generate(prompt(), o);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->tokens, b->tokens);
    o.sampling.seed = 99;
    auto c = session()->generate(prompt(), o);
    ASSERT_TRUE(c.ok());
    EXPECT_NE(a->tokens, c->tokens);
}

TEST_F(SessionTest, SamplerFilters)
{
    std::vector<float> logits{0.0f, 10.0f, 9.0f, -5.0f};
    SamplingParams p;
    p.temperature = 1.0f;
    p.topK = 1;
    Sampler topk(p);
    for (int i = 0; i < 20; ++i) {
        auto l = logits;
        EXPECT_EQ(topk.sample(l, {}), 1);
    }
    p.topK = 0;
    p.topP = 1.0f;
    p.minP = 0.5f;   // keeps ids 1 and 2 (p2/p1 = e^-1 = 0.37 < 0.5: only id 1)
    Sampler minp(p);
    for (int i = 0; i < 20; ++i) {
        auto l = logits;
        EXPECT_EQ(minp.sample(l, {}), 1);
    }
    SamplingParams g;
    g.repeatPenalty = 100.0f;   // greedy, but the penalty removes the winner
    Sampler pen(g);
    auto l = logits;
    const std::vector<int32_t> hist{1};
    EXPECT_EQ(pen.sample(l, hist), 2);
}

TEST_F(SessionTest, StopTokensEndGeneration)
{
    GenerateOptions o;
    o.maxTokens = 10;
    o.stopAtEos = false;
    auto full = session()->generate(prompt(), o);
    ASSERT_TRUE(full.ok());
    o.stopTokens = {full->tokens[3]};
    auto r = session()->generate(prompt(), o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->stopReason, StopReason::StopToken);
    EXPECT_LE(r->tokens.size(), 4u);
    EXPECT_EQ(r->tokens.back(), full->tokens[3]);
}

TEST_F(SessionTest, StopStringsEndGenerationAndAreNotReturned)
{
    auto tok = Tokenizer::fromGguf(model()->file());
    ASSERT_TRUE(tok.ok()) << tok.message();
    GenerateOptions o;
    o.maxTokens = 12;
    o.stopAtEos = false;
    o.tokenizer = &tok.value();
    auto full = session()->generate(prompt(), o);
    ASSERT_TRUE(full.ok());
    TokenStreamDecoder decoder(tok.value());
    std::string decoded;
    for (const int32_t t : full->tokens)
        decoded += decoder.push(t);
    ASSERT_EQ(full->text, decoded + decoder.flush());
    ASSERT_GT(full->text.size(), 12u);

    // A stop string that starts in the middle of the text: the text ends right before it.
    const size_t at = full->text.size() / 2;
    o.stopStrings = {full->text.substr(at, 3)};
    const size_t expectedEnd = full->text.find(o.stopStrings[0]);
    std::string streamed;
    o.onText = [&](std::string_view t) {
        streamed += t;
        return true;
    };
    auto r = session()->generate(prompt(), o);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r->stopReason, StopReason::StopString);
    EXPECT_EQ(r->text, full->text.substr(0, expectedEnd));
    EXPECT_EQ(streamed, r->text);
    EXPECT_LT(r->tokens.size(), full->tokens.size());
    EXPECT_EQ(r->tokens, std::vector<int32_t>(full->tokens.begin(), full->tokens.begin() + ptrdiff_t(r->tokens.size())));

    // A stop string that never occurs changes nothing; its held-back prefix is released at the end.
    o.stopStrings = {full->text.substr(full->text.size() - 2) + "\x01"};
    streamed.clear();
    auto n = session()->generate(prompt(), o);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->stopReason, StopReason::MaxTokens);
    EXPECT_EQ(n->text, full->text);
    EXPECT_EQ(streamed, full->text);

    GenerateOptions noTok;
    noTok.stopStrings = {"x"};
    auto e = session()->generate(prompt(), noTok);
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(e.message(), HasSubstr("need a tokenizer"));
}

TEST_F(SessionTest, CancelStopsWithinOneToken)
{
    std::atomic<bool> cancel{false};
    GenerateOptions o;
    o.maxTokens = 50;
    o.stopAtEos = false;
    o.cancel = &cancel;
    int seen = 0;
    o.onToken = [&](int32_t) {
        if (++seen == 3)
            cancel.store(true);
        return true;
    };
    auto r = session()->generate(prompt(), o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->stopReason, StopReason::Cancelled);
    EXPECT_EQ(r->tokens.size(), 3u);
    // Already cancelled: the prompt is not even prefilled.
    auto s = session();
    auto r2 = s->generate(prompt(), o);
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(r2->stopReason, StopReason::Cancelled);
    EXPECT_TRUE(r2->tokens.empty());
    EXPECT_EQ(s->position(), 0);
}

TEST_F(SessionTest, ContextLimitAndBadTokens)
{
    SessionOptions so;
    so.contextLength = 8;
    auto s = session(so);
    GenerateOptions o;
    o.maxTokens = 20;
    o.stopAtEos = false;
    auto r = s->generate(prompt(), o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->stopReason, StopReason::ContextFull);
    EXPECT_EQ(s->position(), 8);
    auto bad = session()->prefill(std::vector<int32_t>{1, 512});
    ASSERT_FALSE(bad.ok());
    EXPECT_THAT(bad.message(), HasSubstr("token id 512"));
    auto tooLong = session(so)->prefill(std::vector<int32_t>(9, 1));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_THAT(tooLong.message(), HasSubstr("context full"));
}

TEST_F(SessionTest, ManySessionsOnOneModelRunConcurrently)
{
    GenerateOptions o;
    o.maxTokens = 12;
    o.stopAtEos = false;
    auto want = session()->generate(prompt(), o);
    ASSERT_TRUE(want.ok());
    std::vector<std::vector<int32_t>> got(3);
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back([&, i] {
            SessionOptions so;
            so.threads = 1;
            auto s = Session::create(model(), so);
            if (s.ok()) {
                auto r = s.value()->generate(prompt(), o);
                if (r.ok())
                    got[size_t(i)] = r->tokens;
            }
        });
    }
    for (auto &t : threads)
        t.join();
    for (const auto &g : got)
        EXPECT_EQ(g, want->tokens);
}

TEST_F(SessionTest, LoadReportsProgressAndHonoursCancel)
{
    std::vector<float> seen;
    LoadOptions lo;
    lo.progress = [&](float f) { seen.push_back(f); };
    auto m = Model::load(modelPath(), lo);
    ASSERT_TRUE(m.ok());
    ASSERT_FALSE(seen.empty());
    EXPECT_FLOAT_EQ(seen.back(), 1.0f);
    EXPECT_GE(m.value()->loadMs(), 0.0);
    std::atomic<bool> cancel{true};
    lo.cancel = &cancel;
    auto c = Model::load(modelPath(), lo);
    ASSERT_FALSE(c.ok());
    EXPECT_THAT(c.message(), HasSubstr("cancelled"));
}

TEST(ModelLoad, RefusesUnsupportedArchitectureByName)
{
    GgufWriter w;
    w.setString("general.architecture", "mamba");
    w.setU32("mamba.block_count", 1);
    TempFile f;
    ASSERT_TRUE(w.writeFile(f.path()).ok());
    auto m = Model::load(f.path());
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.message(), HasSubstr("unsupported architecture 'mamba'"));
}

TEST(ModelLoad, MissingTensorAndBadShapeAreNamed)
{
    GgufWriter w;
    w.setString("general.architecture", "llama");
    w.setU32("llama.block_count", 1);
    w.setU32("llama.embedding_length", 32);
    w.setU32("llama.attention.head_count", 2);
    w.setU32("llama.feed_forward_length", 64);
    ASSERT_TRUE(w.addTensor("token_embd.weight", GgmlType::F32, {32, 8}, std::vector<uint8_t>(32 * 8 * 4)).ok());
    ASSERT_TRUE(w.addTensor("output_norm.weight", GgmlType::F32, {32}, std::vector<uint8_t>(32 * 4)).ok());
    ASSERT_TRUE(w.addTensor("blk.0.attn_norm.weight", GgmlType::F32, {32}, std::vector<uint8_t>(32 * 4)).ok());
    ASSERT_TRUE(w.addTensor("blk.0.attn_q.weight", GgmlType::F32, {32, 16}, std::vector<uint8_t>(32 * 16 * 4)).ok());
    TempFile f;
    ASSERT_TRUE(w.writeFile(f.path()).ok());
    auto m = Model::load(f.path());
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.message(), HasSubstr("blk.0.attn_q.weight has shape [32, 16], expected [32, 32]"));

    GgufWriter head;
    head.setString("general.architecture", "qwen2");
    head.setU32("qwen2.block_count", 1);
    head.setU32("qwen2.embedding_length", 32);
    head.setU32("qwen2.attention.head_count", 3);
    head.setU32("qwen2.feed_forward_length", 64);
    TempFile g;
    ASSERT_TRUE(head.writeFile(g.path()).ok());
    auto m2 = Model::load(g.path());
    ASSERT_FALSE(m2.ok());
    EXPECT_THAT(m2.message(), HasSubstr("not a multiple of head_count 3"));
}

} // namespace
