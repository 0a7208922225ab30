#include "modelatlas/engine/runtime/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace modelatlas::engine {

int32_t argmax(std::span<const float> v)
{
    int32_t best = 0;
    for (size_t i = 1; i < v.size(); ++i) {
        if (v[i] > v[size_t(best)])
            best = int32_t(i);
    }
    return best;
}

Sampler::Sampler(const SamplingParams &params) : m_params(params), m_rng(params.seed) {}

namespace {

// Best first: by logit, ties by id, so the draw does not depend on sort stability.
template <class C>
bool better(const C &a, const C &b)
{
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
}

} // namespace

int Sampler::candidateCount(size_t vocab) const
{
    if (m_params.temperature <= 0.0f)
        return 1;
    if (m_params.topK > 0 && size_t(m_params.topK) < vocab)
        return m_params.topK;
    return int(vocab);
}

std::vector<int32_t> Sampler::penalisedTokens(std::span<const int32_t> history, size_t vocab) const
{
    // Repetition penalty (CTRL-style, as llama.cpp): each distinct recent token once.
    std::vector<int32_t> ids;
    const SamplingParams &p = m_params;
    if (p.repeatPenalty == 1.0f || p.repeatLastN == 0)
        return ids;
    const size_t n = p.repeatLastN < 0 ? history.size() : std::min(history.size(), size_t(p.repeatLastN));
    std::unordered_set<int32_t> seen;
    for (size_t i = history.size() - n; i < history.size(); ++i) {
        const int32_t id = history[i];
        if (id >= 0 && size_t(id) < vocab && seen.insert(id).second)
            ids.push_back(id);
    }
    return ids;
}

int32_t Sampler::sample(std::span<float> logits, std::span<const int32_t> history)
{
    for (const int32_t id : penalisedTokens(history, logits.size())) {
        float &l = logits[size_t(id)];
        l = l > 0.0f ? l / m_params.repeatPenalty : l * m_params.repeatPenalty;
    }
    if (m_params.temperature <= 0.0f)
        return argmax(logits);
    m_cands.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        m_cands[i] = {int32_t(i), logits[i], 0.0f};
    const size_t keep = size_t(candidateCount(logits.size()));
    if (keep < m_cands.size())
        std::partial_sort(m_cands.begin(), m_cands.begin() + std::ptrdiff_t(keep), m_cands.end(), better<Candidate>);
    else
        std::sort(m_cands.begin(), m_cands.end(), better<Candidate>);
    m_cands.resize(keep);
    return draw();
}

int32_t Sampler::choose(std::span<const TokenLogit> best)
{
    m_cands.clear();
    for (const TokenLogit &c : best)
        m_cands.push_back({c.id, c.logit, 0.0f});
    if (m_cands.empty())
        return 0;   // no candidates: only an empty vocabulary gives none
    std::sort(m_cands.begin(), m_cands.end(), better<Candidate>);
    if (m_params.temperature <= 0.0f)
        return m_cands[0].id;
    return draw();
}

int32_t Sampler::draw()
{
    const SamplingParams &p = m_params;
    // Softmax at temperature.
    const float max = m_cands[0].logit;
    double sum = 0.0;
    for (auto &c : m_cands) {
        c.p = std::exp((c.logit - max) / p.temperature);
        sum += c.p;
    }
    for (auto &c : m_cands)
        c.p = float(c.p / sum);
    // Top-p: the smallest prefix whose mass reaches topP.
    if (p.topP < 1.0f) {
        double cum = 0.0;
        size_t k = 0;
        while (k < m_cands.size()) {
            cum += m_cands[k].p;
            ++k;
            if (cum >= p.topP)
                break;
        }
        m_cands.resize(std::max<size_t>(k, 1));
    }
    // Min-p: drop tokens far less likely than the best.
    if (p.minP > 0.0f) {
        const float floor = p.minP * m_cands[0].p;
        size_t k = 1;
        while (k < m_cands.size() && m_cands[k].p >= floor)
            ++k;
        m_cands.resize(k);
    }
    double total = 0.0;
    for (const auto &c : m_cands)
        total += c.p;
    // A uniform draw from the 64-bit engine by hand: std::uniform_real_distribution
    // differs between standard libraries, and a seed must replay everywhere.
    const double u = double(m_rng() >> 11) * (1.0 / 9007199254740992.0) * total;
    double acc = 0.0;
    for (const auto &c : m_cands) {
        acc += c.p;
        if (u < acc)
            return c.id;
    }
    return m_cands.back().id;
}

} // namespace modelatlas::engine
