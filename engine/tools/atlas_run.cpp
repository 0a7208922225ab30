// atlas-run: load a GGUF model, tokenize a prompt (optionally rendered with the
// model's chat template) and stream the generated text to stdout as it comes,
// never half a UTF-8 character. --json prints ids, text and stats instead.
#include "cli_util.h"

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/session.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

using namespace modelatlas::engine;
using modelatlas::tools::jsonString;

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onSigint(int)
{
    g_cancel.store(true);
}

void usage(std::FILE *to)
{
    std::fprintf(to,
                 "usage: atlas-run MODEL.gguf (-p TEXT | --ids 1,2,3) [options]\n"
                 "  -p, --prompt TEXT     prompt text (BOS is added when the vocabulary asks for it)\n"
                 "  --ids LIST            prompt token ids instead, comma-separated (include BOS yourself)\n"
                 "  --chat                render the prompt as a user turn with the model's chat template\n"
                 "  --system TEXT         system message for --chat\n"
                 "  -n N                  tokens to generate (default 64)\n"
                 "  --temp T              temperature; 0 = greedy (default 0)\n"
                 "  --top-k K             (default 40)   --top-p P (default 0.95)   --min-p P (default 0.05)\n"
                 "  --repeat-penalty R    (default 1.0)  --repeat-last-n N (default 64)\n"
                 "  --seed S              sampling seed (default 0)\n"
                 "  --stop STR            stop where STR appears in the output, not printing it (repeatable)\n"
                 "  --stop-token ID       stop after this token id (repeatable); --ignore-eos\n"
                 "  -t, --threads N       threads (default: all)   -c, --ctx N   context length\n"
                 "  --backend B           auto (default: the GPU when one can run the model), cpu or cuda\n"
                 "  --kv-type T           KV cache type: f16 (default) or q8_0 (47%% less memory)\n"
                 "  --scalar              use the scalar reference kernels\n"
                 "  --json                print prompt, ids, text and stats as one JSON object\n"
                 "Exit code 0 on success, 1 when the model cannot be run, 2 on bad arguments.\n");
}

bool parseIds(const char *s, std::vector<int32_t> &out)
{
    std::string item;
    for (const char *p = s;; ++p) {
        if (*p == ',' || *p == '\0') {
            long long v = 0;
            if (!modelatlas::tools::parseInt(item.c_str(), 0, INT32_MAX, v))
                return false;
            out.push_back(int32_t(v));
            item.clear();
            if (*p == '\0')
                break;
        } else if (*p != ' ') {
            item.push_back(*p);
        }
    }
    return !out.empty();
}

std::string idsJson(const std::vector<int32_t> &ids)
{
    std::string s = "[";
    for (size_t i = 0; i < ids.size(); ++i)
        s += (i ? "," : "") + std::to_string(ids[i]);
    return s + "]";
}

struct Options {
    std::string path;
    std::string prompt;
    bool havePrompt = false;
    std::vector<int32_t> ids;
    bool chat = false;
    std::string system;
    bool json = false;
    GenerateOptions gen;
    SessionOptions session;
    cuda::BackendChoice backend = cuda::BackendChoice::Auto;
};

// Returns 0 to go on, else the exit code (help: 0 printed as -1).
int parseArgs(int argc, char **argv, Options &o)
{
    o.gen.maxTokens = 64;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char *value = nullptr;
        auto needValue = [&]() {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "error: %s needs a value\n", a.c_str());
                return false;
            }
            value = argv[++i];
            return true;
        };
        auto intArg = [&](long long lo, long long hi, auto &dst) {
            long long v = 0;
            if (!needValue())
                return false;
            if (!modelatlas::tools::parseInt(value, lo, hi, v)) {
                std::fprintf(stderr, "error: %s wants an integer in %lld..%lld, not '%s'\n", a.c_str(), lo, hi, value);
                return false;
            }
            dst = static_cast<std::remove_reference_t<decltype(dst)>>(v);
            return true;
        };
        auto floatArg = [&](double lo, double hi, float &dst) {
            double v = 0;
            if (!needValue())
                return false;
            if (!modelatlas::tools::parseFloat(value, lo, hi, v)) {
                std::fprintf(stderr, "error: %s wants a number in %g..%g, not '%s'\n", a.c_str(), lo, hi, value);
                return false;
            }
            dst = float(v);
            return true;
        };
        bool ok = true;
        SamplingParams &sp = o.gen.sampling;
        if (a == "-h" || a == "--help") {
            usage(stdout);
            return -1;
        } else if (a == "-p" || a == "--prompt") {
            ok = needValue();
            if (ok) {
                o.prompt = value;
                o.havePrompt = true;
            }
        } else if (a == "--ids") {
            ok = needValue() && parseIds(value, o.ids);
            if (!ok && value)
                std::fprintf(stderr, "error: --ids wants comma-separated non-negative integers\n");
        } else if (a == "--chat") {
            o.chat = true;
        } else if (a == "--system") {
            ok = needValue();
            if (ok)
                o.system = value;
        } else if (a == "-n") {
            ok = intArg(0, 1 << 22, o.gen.maxTokens);
        } else if (a == "--temp") {
            ok = floatArg(0, 100, sp.temperature);
        } else if (a == "--top-k") {
            ok = intArg(0, INT32_MAX, sp.topK);
        } else if (a == "--top-p") {
            ok = floatArg(0, 1, sp.topP);
        } else if (a == "--min-p") {
            ok = floatArg(0, 1, sp.minP);
        } else if (a == "--repeat-penalty") {
            ok = floatArg(0, 100, sp.repeatPenalty);
        } else if (a == "--repeat-last-n") {
            ok = intArg(0, INT32_MAX, sp.repeatLastN);
        } else if (a == "--seed") {
            ok = intArg(0, LLONG_MAX, sp.seed);
        } else if (a == "--stop") {
            ok = needValue();
            if (ok && *value == '\0') {
                std::fprintf(stderr, "error: --stop wants a non-empty string\n");
                ok = false;
            }
            if (ok)
                o.gen.stopStrings.emplace_back(value);
        } else if (a == "--stop-token") {
            int32_t id = 0;
            ok = intArg(0, INT32_MAX, id);
            if (ok)
                o.gen.stopTokens.push_back(id);
        } else if (a == "--ignore-eos") {
            o.gen.stopAtEos = false;
        } else if (a == "-t" || a == "--threads") {
            ok = intArg(1, 1024, o.session.threads);
        } else if (a == "-c" || a == "--ctx") {
            ok = intArg(1, 1 << 22, o.session.contextLength);
        } else if (a == "--backend") {
            ok = needValue();
            const auto choice = ok ? cuda::parseBackendChoice(value) : std::nullopt;
            if (ok && !choice) {
                std::fprintf(stderr, "error: --backend wants auto, cpu or cuda, not '%s'\n", value);
                ok = false;
            }
            if (ok)
                o.backend = *choice;
        } else if (a == "--kv-type") {
            ok = needValue();
            const auto type = ok ? parseKvCacheType(value) : std::nullopt;
            if (ok && !type) {
                std::fprintf(stderr, "error: --kv-type wants f16 or q8_0, not '%s'\n", value);
                ok = false;
            }
            if (ok)
                o.session.kvType = *type;
        } else if (a == "--scalar") {
            cpu::setActiveKernelPath(cpu::KernelPath::Scalar);
        } else if (a == "--json") {
            o.json = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "error: unknown option %s\n", a.c_str());
            ok = false;
        } else if (o.path.empty()) {
            o.path = a;
        } else {
            std::fprintf(stderr, "error: unexpected argument '%s' (the prompt goes after -p)\n", a.c_str());
            ok = false;
        }
        if (!ok)
            return 2;
    }
    if (o.path.empty() || o.havePrompt == !o.ids.empty()) {
        std::fprintf(stderr, "error: give a model and exactly one of -p TEXT or --ids LIST\n");
        return 2;
    }
    if (o.chat && !o.havePrompt) {
        std::fprintf(stderr, "error: --chat needs a text prompt (-p)\n");
        return 2;
    }
    return 0;
}

// The prompt's ids: text through the chat template (if asked) and the tokenizer.
std::vector<int32_t> promptIds(const Options &o, const Tokenizer &tok, std::string &promptText)
{
    if (!o.havePrompt)
        return o.ids;
    if (!o.chat) {
        promptText = o.prompt;
        return tok.encode(o.prompt, /*addSpecial=*/true, /*parseSpecial=*/false);
    }
    const ChatTemplate tmpl = ChatTemplate::detect(tok.chatTemplate());
    std::vector<ChatMessage> messages;
    if (!o.system.empty())
        messages.push_back({"system", o.system});
    messages.push_back({"user", o.prompt});
    const ChatPrompt p = tmpl.render(messages);
    if (p.fellBack)
        std::fprintf(stderr, "warning: %s\n",
                     tok.chatTemplate().empty() ? "the model has no chat template; using plain text"
                                                : p.note.c_str());
    promptText = p.text;
    // The template's control tokens are meant as tokens; the user's text was
    // placed in it by us, so parsing specials here is what the model expects.
    return tok.encode(p.text, /*addSpecial=*/true, /*parseSpecial=*/true);
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    if (const int rc = parseArgs(argc, argv, o); rc != 0) {
        if (rc == 2)
            usage(stderr);
        return rc < 0 ? 0 : rc;
    }
    Result<std::shared_ptr<const Model>> model = Model::load(o.path);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.message().c_str());
        return 1;
    }
    Result<Tokenizer> tok = Tokenizer::fromGguf(model.value()->file());
    if (!tok) {
        std::fprintf(stderr, "error: %s\n", tok.message().c_str());
        return 1;
    }
    if (!tok->warning().empty())
        std::fprintf(stderr, "warning: %s\n", tok->warning().c_str());
    std::string promptText;
    const std::vector<int32_t> ids = promptIds(o, *tok, promptText);
    Result<cuda::OpenedSession> opened = cuda::openSession(model.value(), o.session, o.backend);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.message().c_str());
        return 1;
    }
    // JSON carries the note; otherwise stderr does, so stdout stays the generated text.
    if (!o.json && !opened->fallbackNote.empty())
        std::fprintf(stderr, "note: %s\n", opened->fallbackNote.c_str());
    Session &session = *opened->session;
    std::signal(SIGINT, onSigint);
    o.gen.cancel = &g_cancel;
    o.gen.tokenizer = &tok.value();
    if (!o.json) {
        o.gen.onText = [](std::string_view text) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fflush(stdout);
            return true;
        };
    }
    Result<GenerationResult> r = session.generate(ids, o.gen);
    if (!r) {
        std::fprintf(stderr, "error: %s\n", r.message().c_str());
        return 1;
    }
    const GenerationStats &s = r->stats;
    if (o.json) {
        std::printf("{\"model\":%s,\"backend\":%s,\"backend_note\":%s,\"kernels\":\"%s\",\"threads\":%d,"
                    "\"prompt\":%s,\"prompt_ids\":%s,"
                    "\"generated_ids\":%s,\"text\":%s,\"stop_reason\":\"%s\",\"stats\":{\"load_ms\":%.2f,"
                    "\"ttft_ms\":%.2f,\"prompt_tokens\":%d,\"generated_tokens\":%d,\"prefill_tok_s\":%.2f,"
                    "\"decode_tok_s\":%.2f,\"peak_rss_bytes\":%llu}}\n",
                    jsonString(o.path).c_str(), jsonString(session.backendDescription()).c_str(),
                    jsonString(opened->fallbackNote).c_str(),
                    std::string(cpu::kernelPathName(cpu::activeKernelPath())).c_str(), session.threads(),
                    o.havePrompt ? jsonString(promptText).c_str() : "null",
                    idsJson(ids).c_str(), idsJson(r->tokens).c_str(), jsonString(r->text).c_str(),
                    stopReasonName(r->stopReason), s.loadMs, s.ttftMs, s.promptTokens, s.generatedTokens,
                    s.prefillTokPerS, s.decodeTokPerS, static_cast<unsigned long long>(s.peakRssBytes));
    } else {
        // Stats go to stderr so stdout is exactly the generated text.
        std::fprintf(stderr,
                     "\n\nstop: %s | %d prompt + %d generated tokens | load %.1f ms | TTFT %.1f ms | prefill %.2f "
                     "tok/s | decode %.2f tok/s | peak RSS %.1f MiB\n",
                     stopReasonName(r->stopReason), s.promptTokens, s.generatedTokens, s.loadMs, s.ttftMs,
                     s.prefillTokPerS, s.decodeTokPerS, double(s.peakRssBytes) / 1048576.0);
    }
    return 0;
}
