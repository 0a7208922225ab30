// atlas-run: load a GGUF model and generate from a prompt given as token ids.
// Text prompts arrive with the tokenizer (engine/src/tokenizer); until then
// --ids is the input and the output is ids.
#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/session.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace modelatlas::engine;

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onSigint(int)
{
    g_cancel.store(true);
}

void usage(std::FILE *to)
{
    std::fprintf(to,
                 "usage: atlas-run MODEL.gguf --ids 1,2,3 [options]\n"
                 "  --ids LIST            prompt token ids, comma-separated (include BOS yourself)\n"
                 "  -n N                  tokens to generate (default 64)\n"
                 "  --temp T              temperature; 0 = greedy (default 0)\n"
                 "  --top-k K             (default 40)   --top-p P (default 0.95)   --min-p P (default 0.05)\n"
                 "  --repeat-penalty R    (default 1.0)  --repeat-last-n N (default 64)\n"
                 "  --seed S              sampling seed (default 0)\n"
                 "  --stop ID             stop after this token id (repeatable); --ignore-eos\n"
                 "  -t, --threads N       threads (default: all)   -c, --ctx N   context length\n"
                 "  --scalar              use the scalar reference kernels\n"
                 "  --json                print prompt ids, generated ids and stats as JSON\n");
}

bool parseIds(const char *s, std::vector<int32_t> &out)
{
    while (*s) {
        char *end = nullptr;
        const long v = std::strtol(s, &end, 10);
        if (end == s)
            return false;
        out.push_back(int32_t(v));
        s = end;
        while (*s == ',' || *s == ' ')
            ++s;
    }
    return !out.empty();
}

void printIds(const std::vector<int32_t> &ids)
{
    std::printf("[");
    for (size_t i = 0; i < ids.size(); ++i)
        std::printf("%s%d", i ? "," : "", ids[i]);
    std::printf("]");
}

} // namespace

int main(int argc, char **argv)
{
    std::string path;
    std::vector<int32_t> ids;
    GenerateOptions gen;
    gen.maxTokens = 64;
    SessionOptions so;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "error: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else if (a == "--ids") {
            if (!parseIds(next(), ids)) {
                std::fprintf(stderr, "error: --ids wants comma-separated integers\n");
                return 2;
            }
        } else if (a == "-n") {
            gen.maxTokens = std::atoi(next());
        } else if (a == "--temp") {
            gen.sampling.temperature = float(std::atof(next()));
        } else if (a == "--top-k") {
            gen.sampling.topK = std::atoi(next());
        } else if (a == "--top-p") {
            gen.sampling.topP = float(std::atof(next()));
        } else if (a == "--min-p") {
            gen.sampling.minP = float(std::atof(next()));
        } else if (a == "--repeat-penalty") {
            gen.sampling.repeatPenalty = float(std::atof(next()));
        } else if (a == "--repeat-last-n") {
            gen.sampling.repeatLastN = std::atoi(next());
        } else if (a == "--seed") {
            gen.sampling.seed = std::strtoull(next(), nullptr, 10);
        } else if (a == "--stop") {
            gen.stopTokens.push_back(int32_t(std::atoi(next())));
        } else if (a == "--ignore-eos") {
            gen.stopAtEos = false;
        } else if (a == "-t" || a == "--threads") {
            so.threads = std::atoi(next());
        } else if (a == "-c" || a == "--ctx") {
            so.contextLength = std::atoi(next());
        } else if (a == "--scalar") {
            cpu::setActiveKernelPath(cpu::KernelPath::Scalar);
        } else if (a == "--json") {
            json = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "error: unknown option %s\n", a.c_str());
            usage(stderr);
            return 2;
        } else {
            path = a;
        }
    }
    if (path.empty() || ids.empty()) {
        usage(stderr);
        return 2;
    }
    Result<std::shared_ptr<const Model>> model = Model::load(path);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.message().c_str());
        return 1;
    }
    Result<std::unique_ptr<Session>> session = Session::create(model.value(), so);
    if (!session) {
        std::fprintf(stderr, "error: %s\n", session.message().c_str());
        return 1;
    }
    std::signal(SIGINT, onSigint);
    gen.cancel = &g_cancel;
    if (!json) {
        gen.onToken = [](int32_t t) {
            std::printf("%d ", t);
            std::fflush(stdout);
            return true;
        };
    }
    Result<GenerationResult> r = session.value()->generate(ids, gen);
    if (!r) {
        std::fprintf(stderr, "error: %s\n", r.message().c_str());
        return 1;
    }
    const GenerationStats &s = r->stats;
    if (json) {
        std::printf("{\"model\":\"%s\",\"kernels\":\"%s\",\"threads\":%d,\"prompt_ids\":", path.c_str(),
                    std::string(cpu::kernelPathName(cpu::activeKernelPath())).c_str(), session.value()->threads());
        printIds(ids);
        std::printf(",\"generated_ids\":");
        printIds(r->tokens);
        std::printf(",\"text\":null,\"stop_reason\":\"%s\",\"stats\":{\"load_ms\":%.2f,\"ttft_ms\":%.2f,"
                    "\"prompt_tokens\":%d,\"generated_tokens\":%d,\"prefill_tok_s\":%.2f,\"decode_tok_s\":%.2f,"
                    "\"peak_rss_bytes\":%llu}}\n",
                    stopReasonName(r->stopReason), s.loadMs, s.ttftMs, s.promptTokens, s.generatedTokens,
                    s.prefillTokPerS, s.decodeTokPerS, static_cast<unsigned long long>(s.peakRssBytes));
    } else {
        std::printf("\n\nstop: %s | load %.1f ms | TTFT %.1f ms | prefill %.2f tok/s | decode %.2f tok/s | "
                    "peak RSS %.1f MiB\n",
                    stopReasonName(r->stopReason), s.loadMs, s.ttftMs, s.prefillTokPerS, s.decodeTokPerS,
                    double(s.peakRssBytes) / 1048576.0);
    }
    return 0;
}
