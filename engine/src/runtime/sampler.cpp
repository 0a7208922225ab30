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

int32_t Sampler::sample(std::span<float> logits, std::span<const int32_t> history)
{
    const SamplingParams &p = m_params;
    // Repetition penalty (CTRL-style, as llama.cpp): each distinct recent token
    // once; positive logits are divided, negative multiplied.
    if (p.repeatPenalty != 1.0f && p.repeatLastN != 0) {
        const size_t n = p.repeatLastN < 0 ? history.size() : std::min(history.size(), size_t(p.repeatLastN));
        std::unordered_set<int32_t> seen;
        for (size_t i = history.size() - n; i < history.size(); ++i) {
            const int32_t id = history[i];
            if (id < 0 || size_t(id) >= logits.size() || !seen.insert(id).second)
                continue;
            float &l = logits[size_t(id)];
            l = l > 0.0f ? l / p.repeatPenalty : l * p.repeatPenalty;
        }
    }
    if (p.temperature <= 0.0f)
        return argmax(logits);

    m_cands.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        m_cands[i] = {int32_t(i), logits[i], 0.0f};
    // Sorted by logit, ties by id, so the draw does not depend on sort stability.
    auto better = [](const Candidate &a, const Candidate &b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    };
    size_t keep = m_cands.size();
    if (p.topK > 0 && size_t(p.topK) < keep) {
        keep = size_t(p.topK);
        std::partial_sort(m_cands.begin(), m_cands.begin() + std::ptrdiff_t(keep), m_cands.end(), better);
    } else {
        std::sort(m_cands.begin(), m_cands.end(), better);
    }
    m_cands.resize(keep);
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
