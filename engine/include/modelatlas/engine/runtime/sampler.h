#pragma once
// Turns logits into the next token: repetition penalty, then greedy argmax
// (temperature <= 0) or top-k -> temperature -> top-p -> min-p -> a seeded draw.
// The same seed and inputs give the same tokens on every run and machine.

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace modelatlas::engine {

struct SamplingParams {
    float temperature = 0.0f;     // <= 0: greedy
    int topK = 40;                // <= 0: all tokens
    float topP = 0.95f;           // >= 1: off
    float minP = 0.05f;           // <= 0: off; keeps tokens with p >= minP * p(top)
    float repeatPenalty = 1.0f;   // 1: off; > 1 discourages tokens seen in the last repeatLastN
    int repeatLastN = 64;
    uint64_t seed = 0;
};

// A token and its (penalised) logit: what a backend that selects on its
// device hands back (Backend::topCandidates).
struct TokenLogit {
    int32_t id;
    float logit;
};

class Sampler {
public:
    explicit Sampler(const SamplingParams &params);
    // logits (vocab) is modified in place (penalties).
    int32_t sample(std::span<float> logits, std::span<const int32_t> history);
    const SamplingParams &params() const { return m_params; }

    // sample() in two halves, so that the first can run where the logits are:
    //   1. the logits of penalisedTokens(history) change as the repetition
    //      penalty says (positive ones divided by it, negative multiplied), and
    //      the candidateCount(vocab) largest are taken (ties: the lower id);
    //   2. choose(those candidates, in any order) draws the token.
    // The same inputs give the same token as sample().
    int candidateCount(size_t vocab) const;
    // Distinct valid ids of the last repeatLastN tokens; empty with the penalty off.
    std::vector<int32_t> penalisedTokens(std::span<const int32_t> history, size_t vocab) const;
    int32_t choose(std::span<const TokenLogit> best);

private:
    struct Candidate {
        int32_t id;
        float logit;
        float p;
    };
    int32_t draw();   // from m_cands, sorted best first
    SamplingParams m_params;
    std::mt19937_64 m_rng;
    std::vector<Candidate> m_cands;
};

// Index of the largest value (the first on ties).
int32_t argmax(std::span<const float> v);

} // namespace modelatlas::engine
