#pragma once
// Session: one conversation over a shared, loaded Model, with its own KV
// cache, buffers and thread pool. Prefill runs the prompt in batches; decode
// streams tokens (and, given a tokenizer, their text) through callbacks and
// stops at a stop token, a stop string, the token budget, the context's end, or
// a cancel flag (honoured within one token: the flag is polled between layers).
//
// A Session is used from one thread at a time; different Sessions on one Model
// may run concurrently.

#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/result.h"
#include "modelatlas/engine/runtime/backend.h"
#include "modelatlas/engine/runtime/sampler.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine {

struct SessionOptions {
    int contextLength = 0;   // 0: the model's, capped at 4096 and at a sliding attention window
    int threads = 0;         // CPU backend: 0 for all hardware threads
    int batchSize = 256;     // prefill tokens per forward pass
    KvCacheType kvType = KvCacheType::F16;
    BackendFactory backend;  // empty: the CPU backend (cuda/backend_choice.h offers the others)
};

enum class StopReason { MaxTokens, StopToken, StopString, ContextFull, Cancelled, Callback };
const char *stopReasonName(StopReason r);

struct GenerationStats {
    double loadMs = 0.0;         // the model's load time
    double ttftMs = 0.0;         // prompt start -> first generated token
    double prefillMs = 0.0;
    double decodeMs = 0.0;       // after the first token
    int promptTokens = 0;
    int generatedTokens = 0;
    double prefillTokPerS = 0.0;
    double decodeTokPerS = 0.0;  // generated tokens after the first / decodeMs
    uint64_t peakRssBytes = 0;   // VmHWM of the process
};

struct GenerateOptions {
    int maxTokens = 128;
    SamplingParams sampling;
    std::vector<int32_t> stopTokens;   // generation ends after emitting one of these
    bool stopAtEos = true;             // also stop at the model's EOS/EOT tokens
    const std::atomic<bool> *cancel = nullptr;
    // Called with each generated token; return false to stop.
    std::function<bool(int32_t token)> onToken;

    // Text output. With a tokenizer the generated tokens are decoded (never half
    // a UTF-8 character; control tokens such as EOS render as nothing) into
    // GenerationResult::text and streamed through onText.
    const Tokenizer *tokenizer = nullptr;
    // Generation ends where one of these first occurs in the generated text;
    // the text returned and streamed stops just before it (StopStringMatcher).
    // Needs `tokenizer`.
    std::vector<std::string> stopStrings;
    // Called with each newly safe piece of text; return false to stop.
    std::function<bool(std::string_view text)> onText;
};

struct GenerationResult {
    std::vector<int32_t> tokens;   // generated ids (a stop token, or the token completing a stop string, included)
    std::string text;              // decoded tokens (with a tokenizer), cut before a stop string
    StopReason stopReason = StopReason::MaxTokens;
    GenerationStats stats;
};

class Session {
public:
    static Result<std::unique_ptr<Session>> create(std::shared_ptr<const Model> model,
                                                   const SessionOptions &options = {});
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // Appends tokens to the context; afterwards logits() are those after the last one.
    Result<void> prefill(std::span<const int32_t> tokens, const std::atomic<bool> *cancel = nullptr);
    // As prefill, also returning the logits after every token: (n, vocab), row-major.
    Result<void> evaluateAll(std::span<const int32_t> tokens, std::vector<float> &logitsOut);
    // Logits after the last token fed (vocab). After generate() on a backend
    // that samples on its device they are fetched from there on first use; if
    // that fails they are NaN.
    std::span<const float> logits() const;

    // Prefills `prompt` (appended to the current context) then samples up to
    // maxTokens, streaming each through onToken.
    Result<GenerationResult> generate(std::span<const int32_t> prompt, const GenerateOptions &options);

    void reset();   // forget the context (keeps the buffers)
    int position() const { return m_pos; }
    int contextLength() const { return m_backend->contextLength(); }
    int threads() const { return m_backend->threads(); }
    // Where the forward passes run, e.g. "CPU (avx512, 8 threads)".
    std::string backendDescription() const { return m_backend->description(); }
    const std::vector<int32_t> &history() const { return m_history; }
    const Model &model() const { return *m_model; }
    // Memory on the backend's device by category.
    BackendMemory memory() const { return m_backend->memory(); }
    // Bytes this session allocated (KV cache + buffers), on the backend's device.
    uint64_t stateBytes() const
    {
        const BackendMemory m = memory();
        return m.kvCacheBytes + m.scratchBytes;
    }

private:
    Session() = default;
    // Runs tokens through the backend; the last logits go to `all` (every
    // token's), or stay on the device (keepLogitsOnDevice), or to m_lastLogits.
    Result<void> feed(std::span<const int32_t> tokens, const std::atomic<bool> *cancel, std::vector<float> *all,
                      bool keepLogitsOnDevice = false);
    // The next token from the last logits, selected on the device when it can.
    Result<int32_t> sampleNext(Sampler &sampler, bool onDevice, std::vector<float> &scratch);

    std::shared_ptr<const Model> m_model;
    std::unique_ptr<Backend> m_backend;
    mutable std::vector<float> m_lastLogits;   // (vocab); stale while m_logitsOnDevice
    mutable bool m_logitsOnDevice = false;
    std::vector<TokenLogit> m_candidates;
    std::vector<int32_t> m_history;    // every token in the context
    int m_pos = 0;
};

// Peak resident set size of this process (VmHWM from /proc/self/status), 0 if unknown.
uint64_t peakRssBytes();
// Current resident set size (VmRSS), 0 if unknown.
uint64_t currentRssBytes();

} // namespace modelatlas::engine
