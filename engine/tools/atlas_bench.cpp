// atlas-bench: prompt processing (ppN: N tokens in batches) and text
// generation (tgN: N tokens one at a time) throughput, like llama-bench,
// repeated runs with mean and standard deviation.
#include "cli_util.h"

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/cuda/backend_choice.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/session.h"

#include <algorithm>
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
                 "usage: atlas-bench MODEL.gguf [-p 512] [-n 128] [-d 0] [-r 3] [-t THREADS] [-b BATCH] [--backend B]\n"
                 "                   [--kv-type T] [--scalar] [--json]\n"
                 "  -p N   prompt tokens for the pp test (0 skips it)\n"
                 "  -n N   generated tokens for the tg test (0 skips it)\n"
                 "  -d N   context depth: tokens prefilled (untimed) before each test, as llama-bench's -d\n"
                 "  -r N   repetitions (after one warm-up run of each test)\n"
                 "  -t N   threads (default: all hardware threads)\n"
                 "  -b N   prompt tokens per forward pass (default: the engine's, %d)\n"
                 "  --backend auto|cpu|cuda   where the model runs (default auto: the GPU when one can run it)\n"
                 "  --kv-type f16|q8_0        how the KV cache stores K and V (default f16)\n",
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
    int pp = 512, tg = 128, depth = 0, reps = 3;
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
        else if (a == "-d") depth = next();
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
        else if (a == "--kv-type") {
            const auto type = i + 1 < argc ? parseKvCacheType(argv[++i]) : std::nullopt;
            if (!type) {
                std::fprintf(stderr, "error: --kv-type wants f16 or q8_0\n");
                return 2;
            }
            so.kvType = *type;
        }
        else if (a == "--scalar") cpu::setActiveKernelPath(cpu::KernelPath::Scalar);
        else if (a == "--json") json = true;
        else if (a == "-h" || a == "--help") { usage(stdout); return 0; }
        else if (!a.empty() && a[0] == '-') { usage(stderr); return 2; }
        else path = a;
    }
    if (path.empty() || reps < 1 || pp < 0 || tg < 0 || depth < 0) {
        usage(stderr);
        return 2;
    }
    Result<std::shared_ptr<const Model>> model = Model::load(path);
    if (!model) {
        std::fprintf(stderr, "error: %s\n", model.message().c_str());
        return 1;
    }
    const Config &c = model.value()->config();
    so.contextLength = depth + std::max(pp, tg) + 1;
    Result<cuda::OpenedSession> opened = cuda::openSession(model.value(), so, backend);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.message().c_str());
        return 1;
    }
    if (!json && !opened->fallbackNote.empty())
        std::fprintf(stderr, "note: %s\n", opened->fallbackNote.c_str());
    Session &session = *opened->session;
    // Deterministic pseudo-random prompt ids (the content does not change the cost).
    std::vector<int32_t> prompt(size_t(std::max({pp, depth, 1})));
    uint64_t state = 12345;
    for (auto &id : prompt) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        id = int32_t((state >> 33) % uint64_t(c.vocabSize));
    }
    // A fresh context filled to the depth, untimed.
    const auto startAtDepth = [&]() {
        session.reset();
        if (depth == 0)
            return true;
        if (auto ok = session.prefill(std::span<const int32_t>(prompt.data(), size_t(depth))); !ok) {
            std::fprintf(stderr, "error: %s\n", ok.message().c_str());
            return false;
        }
        return true;
    };
    std::vector<double> ppRates, tgRates;
    for (int r = 0; r <= reps; ++r) {   // r == 0 warms up
        if (pp > 0) {
            if (!startAtDepth())
                return 1;
            const double t0 = nowMs();
            if (auto ok = session.prefill(std::span<const int32_t>(prompt.data(), size_t(pp))); !ok) {
                std::fprintf(stderr, "error: %s\n", ok.message().c_str());
                return 1;
            }
            if (r > 0)
                ppRates.push_back(pp * 1000.0 / (nowMs() - t0));
        }
        if (tg > 0) {
            if (!startAtDepth())
                return 1;
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
    const BackendMemory mem = session.memory();
    // Decode's memory-bandwidth roofline: every weight the backend holds plus
    // the KV cache up to the token's position (a sliding-window layer's window)
    // is read once per token (the average position of the tg test is depth + tg / 2).
    const double position = depth + tg / 2.0;
    double kvPositionsRead = 0;
    for (int l = 0; l < c.nLayers; ++l)
        kvPositionsRead += c.isLocalLayer(l) ? std::min(position, double(c.slidingWindow)) : position;
    const double kvLayerBytesPerPosition = 2.0 * double(kvCacheBytes(so.kvType, uint64_t(c.kvDim())));
    const double bytesPerToken = double(mem.weightBytes) + kvLayerBytesPerPosition * kvPositionsRead;
    const double roofline = mem.bandwidthGBs > 0 ? mem.bandwidthGBs * 1e9 / bytesPerToken : 0.0;
    auto u64 = [](uint64_t v) { return static_cast<unsigned long long>(v); };
    if (json) {
        std::printf("{\"model\":%s,\"type\":\"%s\",\"file_bytes\":%llu,\"backend\":%s,\"backend_note\":%s,"
                    "\"kv_type\":\"%s\",\"kernels\":\"%s\",\"threads\":%d,\"batch\":%d,\"reps\":%d,\"load_ms\":%.1f,\"pp\":%d,"
                    "\"pp_tok_s\":%.3f,\"pp_tok_s_sd\":%.3f,\"tg\":%d,\"depth\":%d,\"tg_tok_s\":%.3f,"
                    "\"tg_tok_s_sd\":%.3f,\"tg_roofline_tok_s\":%.3f,\"state_bytes\":%llu,\"weight_bytes\":%llu,"
                    "\"kv_cache_bytes\":%llu,\"scratch_bytes\":%llu,\"runtime_overhead_bytes\":%llu,"
                    "\"backend_peak_bytes\":%llu,"
                    "\"device_used_bytes\":%llu,\"context_bytes\":%llu,\"peak_rss_bytes\":%llu}\n",
                    jsonString(path).c_str(), info.dominantType.c_str(), u64(info.fileBytes),
                    jsonString(session.backendDescription()).c_str(), jsonString(opened->fallbackNote).c_str(),
                    std::string(kvCacheTypeName(so.kvType)).c_str(), kernels.c_str(), session.threads(), so.batchSize, reps, model.value()->loadMs(), pp, ps.mean,
                    ps.sd, tg, depth, ts.mean, ts.sd, roofline, u64(session.stateBytes()), u64(mem.weightBytes),
                    u64(mem.kvCacheBytes), u64(mem.scratchBytes), u64(mem.runtimeOverheadBytes), u64(mem.peakBytes),
                    u64(mem.deviceUsedBytes), u64(mem.contextBytes), u64(peakRssBytes()));
    } else {
        const double mib = 1048576.0;
        std::printf("model: %s (%s, %.1f MiB), %s, kernels %s, load %.1f ms\n", path.c_str(),
                    info.dominantType.c_str(), double(info.fileBytes) / mib, session.backendDescription().c_str(),
                    kernels.c_str(), model.value()->loadMs());
        if (pp > 0)
            std::printf("pp%-5d %10.2f ± %.2f tok/s (at depth %d)\n", pp, ps.mean, ps.sd, depth);
        if (tg > 0)
            std::printf("tg%-5d %10.2f ± %.2f tok/s (at depth %d)\n", tg, ts.mean, ts.sd, depth);
        if (tg > 0 && roofline > 0)
            std::printf("roofline %.2f tok/s at %.0f GB/s: tg is %.1f%% of it\n", roofline, mem.bandwidthGBs,
                        100.0 * ts.mean / roofline);
        std::printf("memory: weights %.1f MiB, KV cache %.1f MiB, scratch %.1f MiB, peak %.1f MiB",
                    double(mem.weightBytes) / mib, double(mem.kvCacheBytes) / mib, double(mem.scratchBytes) / mib,
                    double(mem.peakBytes) / mib);
        if (mem.deviceUsedBytes > 0)
            std::printf(", runtime overhead %.1f MiB, device used %.1f MiB", double(mem.runtimeOverheadBytes) / mib,
                        double(mem.deviceUsedBytes) / mib);
        if (mem.contextBytes > 0)
            std::printf(", CUDA context %.1f MiB", double(mem.contextBytes) / mib);
        std::printf("; peak RSS %.1f MiB\n", double(peakRssBytes()) / mib);
    }
    return 0;
}
