#include "modelatlas/engine/runtime/session.h"

#include "modelatlas/engine/runtime/stop_strings.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace modelatlas::engine {

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

uint64_t statusKb(const char *key)
{
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    uint64_t kb = 0;
    const size_t keyLen = std::strlen(key);
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, key, keyLen) == 0) {
            unsigned long long v = 0;
            if (std::sscanf(line + keyLen, " %llu", &v) == 1)
                kb = v;
            break;
        }
    }
    std::fclose(f);
    return kb;
}
} // namespace

uint64_t peakRssBytes()
{
    return statusKb("VmHWM:") * 1024;
}

uint64_t currentRssBytes()
{
    return statusKb("VmRSS:") * 1024;
}

const char *stopReasonName(StopReason r)
{
    switch (r) {
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::StopToken: return "stop_token";
    case StopReason::StopString: return "stop_string";
    case StopReason::ContextFull: return "context_full";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::Callback: return "callback";
    }
    return "?";
}

Result<std::unique_ptr<Session>> Session::create(std::shared_ptr<const Model> model, const SessionOptions &o)
{
    if (!model)
        return makeError("no model");
    const Config &c = model->config();
    int ctx = o.contextLength > 0 ? o.contextLength : std::min(c.contextLength, 4096);
    if (ctx < 1 || ctx > (1 << 22))
        return makeError("context length ", o.contextLength, " out of range");
    // A window on every layer (phi3) is not run as one: the results are exact
    // only within it. Gemma 3's windowed layers (slidingWindowPeriod) are.
    if (c.slidingWindow > 0 && c.slidingWindowPeriod == 0 && ctx > c.slidingWindow) {
        if (o.contextLength > 0)
            return makeError("context length ", ctx, " exceeds the model's attention window of ", c.slidingWindow,
                             " tokens (sliding-window attention is not implemented)");
        ctx = c.slidingWindow;
    }
    if (const std::string problem = kvCacheTypeProblem(o.kvType, c.headDim); !problem.empty())
        return makeError(problem);
    const BackendParams params{ctx, std::clamp(o.batchSize, 1, 4096), o.kvType};
    std::unique_ptr<Session> s(new Session());
    if (o.backend) {
        auto backend = o.backend(model, params);
        if (!backend)
            return backend.error();
        s->m_backend = std::move(backend.value());
    } else {
        s->m_backend = makeCpuBackend(model, params, o.threads);
    }
    s->m_model = std::move(model);
    s->m_lastLogits.assign(size_t(c.vocabSize), 0.0f);
    return s;
}

Session::~Session() = default;

void Session::reset()
{
    m_pos = 0;
    m_history.clear();
    std::fill(m_lastLogits.begin(), m_lastLogits.end(), 0.0f);
    m_logitsOnDevice = false;
}

std::span<const float> Session::logits() const
{
    if (m_logitsOnDevice) {
        if (!m_backend->copyLogits(m_lastLogits.data()))
            std::fill(m_lastLogits.begin(), m_lastLogits.end(), std::numeric_limits<float>::quiet_NaN());
        m_logitsOnDevice = false;
    }
    return m_lastLogits;
}

Result<void> Session::feed(std::span<const int32_t> tokens, const std::atomic<bool> *cancel, std::vector<float> *all,
                           bool keepLogitsOnDevice)
{
    const Config &c = m_model->config();
    for (int32_t t : tokens) {
        if (t < 0 || t >= c.vocabSize)
            return makeError("token id ", t, " is outside the vocabulary (0..", c.vocabSize - 1, ")");
    }
    if (size_t(m_pos) + tokens.size() > size_t(contextLength()))
        return makeError("context full: ", m_pos, " + ", tokens.size(), " tokens exceed the context length ",
                         contextLength());
    const size_t vocab = size_t(c.vocabSize);
    if (all)
        all->assign(tokens.size() * vocab, 0.0f);
    size_t done = 0;
    while (done < tokens.size()) {
        const auto batch = tokens.subspan(done, std::min(tokens.size() - done, size_t(m_backend->maxBatch())));
        float *out = all ? all->data() + done * vocab : keepLogitsOnDevice ? nullptr : m_lastLogits.data();
        auto ran = m_backend->forward(batch, m_pos, all != nullptr, cancel, out);
        if (!ran)
            return ran.error();
        if (!*ran)
            return makeError("cancelled");
        m_logitsOnDevice = out == nullptr;
        if (all)
            std::memcpy(m_lastLogits.data(), out + (batch.size() - 1) * vocab, vocab * sizeof(float));
        m_history.insert(m_history.end(), batch.begin(), batch.end());
        m_pos += int(batch.size());
        done += batch.size();
    }
    return {};
}

Result<void> Session::prefill(std::span<const int32_t> tokens, const std::atomic<bool> *cancel)
{
    return feed(tokens, cancel, nullptr);
}

Result<void> Session::evaluateAll(std::span<const int32_t> tokens, std::vector<float> &logitsOut)
{
    return feed(tokens, nullptr, &logitsOut);
}

Result<GenerationResult> Session::generate(std::span<const int32_t> prompt, const GenerateOptions &o)
{
    GenerationResult r;
    r.stats.loadMs = m_model->loadMs();
    r.stats.promptTokens = int(prompt.size());
    const Config &c = m_model->config();
    const auto t0 = Clock::now();
    if (prompt.empty() && m_pos == 0)
        return makeError("empty prompt: give at least one token (usually BOS)");
    if (!o.tokenizer && (!o.stopStrings.empty() || o.onText))
        return makeError("stop strings and text streaming need a tokenizer (GenerateOptions::tokenizer)");
    if (!prompt.empty()) {
        Result<void> ok = prefill(prompt, o.cancel);
        if (!ok) {
            if (o.cancel && o.cancel->load()) {
                r.stopReason = StopReason::Cancelled;
                r.stats.peakRssBytes = peakRssBytes();
                return r;
            }
            return ok.error();
        }
    }
    r.stats.prefillMs = msSince(t0);
    if (r.stats.prefillMs > 0)
        r.stats.prefillTokPerS = double(prompt.size()) * 1000.0 / r.stats.prefillMs;

    std::optional<TokenStreamDecoder> decoder;
    if (o.tokenizer)
        decoder.emplace(*o.tokenizer);
    StopStringMatcher matcher(o.stopStrings);
    // Streams `text` (already cleared by the matcher); false when the callback asks to stop.
    auto emit = [&](const std::string &text) { return text.empty() || !o.onText || o.onText(text); };

    Sampler sampler(o.sampling);
    // A backend that can select the candidates keeps the logits on its device.
    const bool sampleOnDevice = sampler.candidateCount(size_t(c.vocabSize)) <= m_backend->maxCandidates();
    std::vector<float> scratch;
    Clock::time_point tFirst{};
    r.stopReason = StopReason::MaxTokens;
    for (int i = 0; i < o.maxTokens; ++i) {
        if (o.cancel && o.cancel->load()) {
            r.stopReason = StopReason::Cancelled;
            break;
        }
        const auto next = sampleNext(sampler, sampleOnDevice, scratch);
        if (!next)
            return next.error();
        const int32_t tok = *next;
        r.tokens.push_back(tok);
        if (i == 0) {
            tFirst = Clock::now();
            r.stats.ttftMs = msSince(t0);
        }
        const bool stop = std::find(o.stopTokens.begin(), o.stopTokens.end(), tok) != o.stopTokens.end()
                       || (o.stopAtEos && (tok == c.eosToken || tok == c.eotToken));
        if (o.onToken && !o.onToken(tok)) {
            r.stopReason = StopReason::Callback;
            break;
        }
        if (decoder && !emit(matcher.push(decoder->push(tok)))) {
            r.stopReason = StopReason::Callback;
            break;
        }
        if (matcher.matched()) {
            r.stopReason = StopReason::StopString;
            break;
        }
        if (stop) {
            r.stopReason = StopReason::StopToken;
            break;
        }
        if (i + 1 == o.maxTokens)
            break;   // the last token need not be fed: nobody reads its logits
        if (m_pos >= contextLength()) {
            r.stopReason = StopReason::ContextFull;
            break;
        }
        Result<void> ok = feed(std::span<const int32_t>(&tok, 1), o.cancel, nullptr, sampleOnDevice);
        if (!ok) {
            if (o.cancel && o.cancel->load()) {
                r.stopReason = StopReason::Cancelled;
                break;
            }
            return ok.error();
        }
    }
    if (decoder && !matcher.matched() && r.stopReason != StopReason::Callback) {
        // The held-back tail (an unfinished character or a stop-string prefix) ends the text.
        std::string tail = matcher.push(decoder->flush());
        tail += matcher.flush();
        (void)emit(tail);   // the last piece: nothing is left to stop
        if (matcher.matched())
            r.stopReason = StopReason::StopString;
    }
    r.text = matcher.text();
    r.stats.generatedTokens = int(r.tokens.size());
    if (r.tokens.size() > 1) {
        r.stats.decodeMs = msSince(tFirst);
        if (r.stats.decodeMs > 0)
            r.stats.decodeTokPerS = double(r.tokens.size() - 1) * 1000.0 / r.stats.decodeMs;
    }
    r.stats.peakRssBytes = peakRssBytes();
    return r;
}

Result<int32_t> Session::sampleNext(Sampler &sampler, bool onDevice, std::vector<float> &scratch)
{
    if (!onDevice) {
        const std::span<const float> last = logits();
        scratch.assign(last.begin(), last.end());   // the sampler penalises in place
        return sampler.sample(scratch, m_history);
    }
    const size_t vocab = size_t(m_model->config().vocabSize);
    auto selected = m_backend->topCandidates(sampler.penalisedTokens(m_history, vocab),
                                             sampler.params().repeatPenalty, sampler.candidateCount(vocab),
                                             m_candidates);
    if (!selected)
        return selected.error();
    return sampler.choose(m_candidates);
}

} // namespace modelatlas::engine
