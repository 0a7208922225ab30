// atlas-bench: prompt processing (ppN: N tokens in batches) and text
// generation (tgN: N tokens one at a time) throughput, like llama-bench,
// repeated runs with mean and standard deviation.
#include "cli_util.h"

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/session.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace modelatlas::engine;
using modelatlas::tools::jsonString;

namespace {

void usage(std::FILE *to)
{
    std::fprintf(to,
                 "usage: atlas-bench MODEL.gguf [-p 512] [-n 128] [-r 3] [-t THREADS] [-b BATCH] [--backend B]\n"
                 "                   [--scalar] [--json]\n"
                 "  -p N   prompt tokens for the pp test (0 skips it)\n"
                 "  -n N   generated tokens for the tg test (0 skips it)\n"
                 "  -r N   repetitions (after one warm-up run of each test)\n"
                 "  -t N   threads (default: all hardware threads)\n"
                 "  -b N   prompt tokens per forward pass (default: the engine's, %d)\n"
                 "  --backend auto|cpu|cuda   where the model runs (default auto: the GPU when one can run it)\n",
                 SessionOptions{}.batchSize);
}

struct Stat {
    double mean = 0, sd = 0;
};

Stat stats(const std::vector<double> &v)
{
    Stat s;
    if (v.empty())
        return s;
    for (double x : v)
        s.mean += x;
    s.mean /= double(v.size());
    for (double x : v)
        s.sd += (x - s.mean) * (x - s.mean);
    s.sd = v.size() > 1 ? std::sqrt(s.sd / double(v.size() - 1)) : 0.0;
    return s;
}

double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

int main(int argc, char **argv)
{
    std::string path;
    int pp = 512, tg = 128, reps = 3;
    SessionOptions so;   // the engine's defaults, as the app runs it
    bool json = false;
    cuda::BackendChoice backend = cuda::BackendChoice::Auto;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> int {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "error: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return std::atoi(argv[++i]);
        };
        if (a == "-p") pp = next();
        else if (a == "-n") tg = next();
        else if (a == "-r") reps = next();
        else if (a == "-t") so.threads = next();
        else if (a == "-b") so.batchSize = next();
        else if (a == "--backend") {
            const auto choice = i + 1 < argc ? cuda::parseBackendChoice(argv[++i]) : std::nullopt;
            if (!choice) {
                std::fprintf(stderr, "error: --backend wants auto, cpu or cuda\n");
                return 2;
            }
            backend = *choice;
        }
        else if (a == "--scalar") cpu::setActiveKernelPath(cpu::KernelPath::Scalar);
        else if (a == "--json") json = true;
        else if (a == "-h" || a == "--help") { usage(stdout); return 0; }
        else if (!a.empty() && a[0] == '-') { usage(stderr); return 2; }
        else path = a;
    }
    if (path.empty() || reps < 1 || pp < 0 || tg < 0) {
        usage(stderr);
        return 2;
    }
    Result<std::shared_ptr<const Model>> model = Model::load(path);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.message().c_str());
        return 1;
    }
    const Config &c = model.value()->config();
    so.contextLength = std::max(pp, tg) + 1;
    Result<cuda::OpenedSession> opened = cuda::openSession(model.value(), so, backend);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.message().c_str());
        return 1;
    }
    if (!json && !opened->fallbackNote.empty())
        std::fprintf(stderr, "note: %s\n", opened->fallbackNote.c_str());
    Session &session = *opened->session;
    // Deterministic pseudo-random prompt ids (the content does not change the cost).
    std::vector<int32_t> prompt(size_t(std::max(pp, 1)));
    uint64_t state = 12345;
    for (auto &id : prompt) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        id = int32_t((state >> 33) % uint64_t(c.vocabSize));
    }
    std::vector<double> ppRates, tgRates;
    for (int r = 0; r <= reps; ++r) {   // r == 0 warms up
        if (pp > 0) {
            session.reset();
            const double t0 = nowMs();
            if (auto ok = session.prefill(std::span<const int32_t>(prompt.data(), size_t(pp))); !ok) {
                std::fprintf(stderr, "error: %s\n", ok.message().c_str());
                return 1;
            }
            if (r > 0)
                ppRates.push_back(pp * 1000.0 / (nowMs() - t0));
        }
        if (tg > 0) {
            session.reset();
            int32_t tok = prompt[0];
            const double t0 = nowMs();
            for (int i = 0; i < tg; ++i) {
                if (auto ok = session.prefill(std::span<const int32_t>(&tok, 1)); !ok) {
                    std::fprintf(stderr, "error: %s\n", ok.message().c_str());
                    return 1;
                }
                tok = argmax(session.logits());
            }
            if (r > 0)
                tgRates.push_back(tg * 1000.0 / (nowMs() - t0));
        }
    }
    const Stat ps = stats(ppRates), ts = stats(tgRates);
    const ModelInfo &info = model.value()->info();
    const std::string kernels(cpu::kernelPathName(cpu::activeKernelPath()));
    if (json) {
        std::printf("{\"model\":%s,\"type\":\"%s\",\"file_bytes\":%llu,\"backend\":%s,\"backend_note\":%s,"
                    "\"kernels\":\"%s\",\"threads\":%d,"
                    "\"batch\":%d,\"reps\":%d,\"load_ms\":%.1f,\"pp\":%d,\"pp_tok_s\":%.3f,\"pp_tok_s_sd\":%.3f,"
                    "\"tg\":%d,\"tg_tok_s\":%.3f,\"tg_tok_s_sd\":%.3f,\"kv_bytes\":%llu,\"peak_rss_bytes\":%llu}\n",
                    jsonString(path).c_str(), info.dominantType.c_str(),
                    static_cast<unsigned long long>(info.fileBytes), jsonString(session.backendDescription()).c_str(),
                    jsonString(opened->fallbackNote).c_str(), kernels.c_str(), session.threads(), so.batchSize, reps, model.value()->loadMs(), pp, ps.mean,
                    ps.sd, tg, ts.mean, ts.sd, static_cast<unsigned long long>(session.stateBytes()),
                    static_cast<unsigned long long>(peakRssBytes()));
    } else {
        std::printf("model: %s (%s, %.1f MiB), %s, kernels %s, load %.1f ms\n", path.c_str(),
                    info.dominantType.c_str(), double(info.fileBytes) / 1048576.0,
                    session.backendDescription().c_str(), kernels.c_str(), model.value()->loadMs());
        if (pp > 0)
            std::printf("pp%-5d %10.2f ± %.2f tok/s\n", pp, ps.mean, ps.sd);
        if (tg > 0)
            std::printf("tg%-5d %10.2f ± %.2f tok/s\n", tg, ts.mean, ts.sd);
        std::printf("session state %.1f MiB, peak RSS %.1f MiB\n", double(session.stateBytes()) / 1048576.0,
                    double(peakRssBytes()) / 1048576.0);
    }
    return 0;
}
