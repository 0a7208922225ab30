// Sampling split where a backend can select on its device (Sampler's
// candidateCount / penalisedTokens / choose, Backend::topCandidates): choose()
// over the best candidates draws what sample() draws over every logit, and
// a Session on a backend that selects keeps the logits on the device, asks
// for candidates each step and generates the same tokens as the CPU backend.
#include "test_support.h"

#include "modelatlas/engine/runtime/session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace modelatlas::engine;

namespace {

struct SamplerCase {
    const char *name;
    SamplingParams params;
    float tieStep;   // > 0: logits rounded to multiples of it, so many tie
};

SamplingParams params(float temperature, int topK, float topP, float minP, float penalty, int lastN)
{
    SamplingParams p;
    p.temperature = temperature;
    p.topK = topK;
    p.topP = topP;
    p.minP = minP;
    p.repeatPenalty = penalty;
    p.repeatLastN = lastN;
    p.seed = 7;
    return p;
}

const SamplerCase kSamplerCases[] = {
    {"Greedy", params(0.0f, 40, 0.95f, 0.05f, 1.0f, 64), 0.0f},
    {"GreedyTies", params(0.0f, 40, 0.95f, 0.05f, 1.0f, 64), 0.5f},
    {"GreedyPenalty", params(0.0f, 40, 0.95f, 0.05f, 1.3f, 64), 0.0f},
    {"TopK40", params(0.8f, 40, 0.95f, 0.05f, 1.0f, 64), 0.0f},
    {"TopK40TiesPenalty", params(0.8f, 40, 0.95f, 0.05f, 1.2f, -1), 0.25f},
    {"TopK1", params(1.0f, 1, 1.0f, 0.0f, 1.1f, 8), 0.0f},
    {"AllTokensTopP", params(1.5f, 0, 0.9f, 0.0f, 1.1f, 64), 0.0f},
    {"TopKOverVocab", params(1.0f, 5000, 1.0f, 0.02f, 1.0f, 64), 0.5f},
};

class SamplerHalves : public ::testing::TestWithParam<SamplerCase> {};

std::vector<float> randomLogits(std::mt19937 &rng, size_t vocab, float tieStep)
{
    std::normal_distribution<float> normal(0.0f, 3.0f);
    std::vector<float> logits(vocab);
    for (auto &l : logits)
        l = tieStep > 0.0f ? std::round(normal(rng) / tieStep) * tieStep : normal(rng);
    return logits;
}

} // namespace

// Two samplers with one seed: one samples from every logit, the other chooses
// from the candidates a device would hand over (in a scrambled order); over
// many steps they draw the same tokens, their random streams in step.
TEST_P(SamplerHalves, ChoosingFromTheBestCandidatesIsSampling)
{
    const SamplerCase &c = GetParam();
    const size_t vocab = 1000;
    Sampler whole(c.params), halves(c.params);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int32_t> token(0, int32_t(vocab) - 1);
    std::vector<int32_t> history{3, 3, 999, 0};
    for (int step = 0; step < 200; ++step) {
        std::vector<float> logits = randomLogits(rng, vocab, c.tieStep);
        const int k = halves.candidateCount(vocab);
        auto best = test::referenceCandidates(logits, halves.penalisedTokens(history, vocab), c.params.repeatPenalty,
                                              k);
        std::shuffle(best.begin(), best.end(), rng);
        const int32_t chosen = halves.choose(best);
        const int32_t sampled = whole.sample(logits, history);
        ASSERT_EQ(chosen, sampled) << "step " << step;
        history.push_back(token(rng));
    }
}

INSTANTIATE_TEST_SUITE_P(Params, SamplerHalves, ::testing::ValuesIn(kSamplerCases),
                         [](const ::testing::TestParamInfo<SamplerCase> &i) { return std::string(i.param.name); });

TEST(SamplerSplit, CandidateCountAndPenalisedTokens)
{
    EXPECT_EQ(Sampler(params(0.0f, 40, 1.0f, 0.0f, 1.0f, 64)).candidateCount(512), 1);
    EXPECT_EQ(Sampler(params(0.7f, 40, 1.0f, 0.0f, 1.0f, 64)).candidateCount(512), 40);
    EXPECT_EQ(Sampler(params(0.7f, 0, 1.0f, 0.0f, 1.0f, 64)).candidateCount(512), 512);
    EXPECT_EQ(Sampler(params(0.7f, 600, 1.0f, 0.0f, 1.0f, 64)).candidateCount(512), 512);
    const std::vector<int32_t> history{5, 9, 5, -1, 700, 2, 9};
    EXPECT_TRUE(Sampler(params(0.7f, 40, 1.0f, 0.0f, 1.0f, 64)).penalisedTokens(history, 512).empty());
    EXPECT_TRUE(Sampler(params(0.7f, 40, 1.0f, 0.0f, 1.2f, 0)).penalisedTokens(history, 512).empty());
    // Distinct, valid, in order of first appearance within the last repeatLastN.
    EXPECT_EQ(Sampler(params(0.7f, 40, 1.0f, 0.0f, 1.2f, -1)).penalisedTokens(history, 512),
              (std::vector<int32_t>{5, 9, 2}));
    EXPECT_EQ(Sampler(params(0.7f, 40, 1.0f, 0.0f, 1.2f, 3)).penalisedTokens(history, 512),
              (std::vector<int32_t>{2, 9}));   // 700 is outside the vocabulary
}

namespace {

// The CPU backend plus what a device backend adds: it keeps the last logits
// when forward() gets no buffer and selects candidates from them, handing
// them back in reverse order (the Session must not rely on any order).
class SelectingBackend final : public Backend {
public:
    struct Calls {
        int forwardsWithoutLogits = 0;
        int candidateRequests = 0;
        int logitCopies = 0;
        bool copiesFail = false;   // copyLogits() reports a device error
    };
    SelectingBackend(std::unique_ptr<Backend> cpu, int vocab, Calls &calls)
        : m_cpu(std::move(cpu)), m_last(size_t(vocab)), m_calls(calls)
    {
    }
    std::string description() const override { return "selecting " + m_cpu->description(); }
    int contextLength() const override { return m_cpu->contextLength(); }
    int maxBatch() const override { return m_cpu->maxBatch(); }
    int threads() const override { return m_cpu->threads(); }
    BackendMemory memory() const override { return m_cpu->memory(); }
    int maxCandidates() const override { return 64; }

    Result<bool> forward(std::span<const int32_t> tokens, int pos, bool allLogits, const std::atomic<bool> *cancel,
                         float *logits) override
    {
        if (!logits) {
            ++m_calls.forwardsWithoutLogits;
            return m_cpu->forward(tokens, pos, allLogits, cancel, m_last.data());
        }
        auto ran = m_cpu->forward(tokens, pos, allLogits, cancel, logits);
        const size_t lastRow = allLogits ? (tokens.size() - 1) * m_last.size() : 0;
        std::copy_n(logits + lastRow, m_last.size(), m_last.begin());
        return ran;
    }
    Result<void> topCandidates(std::span<const int32_t> penalised, float penalty, int k,
                               std::vector<TokenLogit> &out) override
    {
        ++m_calls.candidateRequests;
        out = test::referenceCandidates(m_last, penalised, penalty, k);
        std::reverse(out.begin(), out.end());
        return {};
    }
    Result<void> copyLogits(float *out) override
    {
        ++m_calls.logitCopies;
        if (m_calls.copiesFail)
            return makeError("device lost");
        std::copy(m_last.begin(), m_last.end(), out);
        return {};
    }

private:
    std::unique_ptr<Backend> m_cpu;
    std::vector<float> m_last;
    Calls &m_calls;
};

class DeviceSampling : public test::TinyModelTest {
protected:
    static std::unique_ptr<Session> session(SelectingBackend::Calls *calls)
    {
        SessionOptions o;
        o.threads = 1;
        if (calls) {
            o.backend = [calls](std::shared_ptr<const Model> m,
                                const BackendParams &p) -> Result<std::unique_ptr<Backend>> {
                const int vocab = m->config().vocabSize;
                return std::unique_ptr<Backend>(
                    std::make_unique<SelectingBackend>(makeCpuBackend(std::move(m), p, 1), vocab, *calls));
            };
        }
        auto s = Session::create(model(), o);
        EXPECT_TRUE(s.ok()) << s.message();
        return s.ok() ? std::move(s.value()) : nullptr;
    }

};

} // namespace

// Greedy and seeded sampling with a penalty: the tokens of a session that
// selects on its "device" are the CPU session's; decode steps leave the
// logits there (one candidate request per token), and logits() still gives
// the last ones, fetched once.
TEST_F(DeviceSampling, SessionSamplesFromTheBackendsCandidates)
{
    const std::vector<int32_t> prompt{1, 17, 42, 99, 7};
    const SamplingParams greedy = params(0.0f, 40, 0.95f, 0.05f, 1.0f, 64);
    const SamplingParams sampled = params(1.2f, 40, 0.95f, 0.0f, 1.3f, -1);
    for (const SamplingParams &p : {greedy, sampled}) {
        SCOPED_TRACE(::testing::Message() << "temperature " << p.temperature);
        GenerateOptions o;
        o.maxTokens = 16;
        o.stopAtEos = false;
        o.sampling = p;
        SelectingBackend::Calls calls;
        auto plain = session(nullptr);
        auto selecting = session(&calls);
        ASSERT_TRUE(plain && selecting);
        const auto want = plain->generate(prompt, o);
        const auto got = selecting->generate(prompt, o);
        ASSERT_TRUE(want.ok() && got.ok());
        EXPECT_EQ(got->tokens, want->tokens);
        EXPECT_EQ(calls.candidateRequests, o.maxTokens);
        EXPECT_EQ(calls.forwardsWithoutLogits, o.maxTokens - 1);   // the last token is not fed
        EXPECT_EQ(calls.logitCopies, 0);
        const auto wantLogits = plain->logits();
        const auto gotLogits = selecting->logits();
        EXPECT_TRUE(std::equal(wantLogits.begin(), wantLogits.end(), gotLogits.begin(), gotLogits.end()));
        (void)selecting->logits();
        EXPECT_EQ(calls.logitCopies, 1);
    }
}

// More candidates than the backend selects (top-k off): the session samples
// from copied logits, as on the CPU.
TEST_F(DeviceSampling, TooManyCandidatesSampleOnTheHost)
{
    GenerateOptions o;
    o.maxTokens = 8;
    o.stopAtEos = false;
    o.sampling = params(1.0f, 0, 0.9f, 0.0f, 1.0f, 64);
    SelectingBackend::Calls calls;
    auto plain = session(nullptr);
    auto selecting = session(&calls);
    ASSERT_TRUE(plain && selecting);
    const std::vector<int32_t> prompt{1, 2, 3};
    const auto want = plain->generate(prompt, o);
    const auto got = selecting->generate(prompt, o);
    ASSERT_TRUE(want.ok() && got.ok());
    EXPECT_EQ(got->tokens, want->tokens);
    EXPECT_EQ(calls.candidateRequests, 0);
    EXPECT_EQ(calls.forwardsWithoutLogits, 0);
}

// Logits that stay on a device which then fails to hand them over read as
// NaN, never as the previous token's values.
TEST_F(DeviceSampling, LogitsTheDeviceCannotReturnAreNaN)
{
    SelectingBackend::Calls calls;
    auto selecting = session(&calls);
    ASSERT_TRUE(selecting);
    GenerateOptions o;
    o.maxTokens = 3;
    o.stopAtEos = false;
    ASSERT_TRUE(selecting->generate(std::vector<int32_t>{1, 2, 3}, o).ok());
    calls.copiesFail = true;
    const auto logits = selecting->logits();
    ASSERT_FALSE(logits.empty());
    EXPECT_TRUE(std::all_of(logits.begin(), logits.end(), [](float v) { return std::isnan(v); }));
}
