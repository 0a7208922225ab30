// atlas-gguf synth: writes a synthetic model (random, seeded weights) with the
// tensor shapes and metadata of a real architecture, in one of llama.cpp's file
// types with its real tensor mix (synth_mix.h), streamed to disk so an
// 8B-shaped file needs little memory. The text it would generate is noise; the
// point is realistic headers, shapes and byte sizes for the planner, loader,
// kernel tests and benchmarks.
#include "atlas_gguf_commands.h"
#include "cli_util.h"
#include "synth_mix.h"

#include "modelatlas/engine/cpu/thread_pool.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/gguf/gguf_writer.h"
#include "modelatlas/engine/tensor/quantize.h"
#include "synth_presets.h"

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <string>
#include <vector>

using namespace modelatlas::engine;

namespace modelatlas::tools {

namespace {

void usage(std::FILE *to)
{
    std::fprintf(to,
                 "usage: atlas-gguf synth --preset NAME [options] -o OUT.gguf\n"
                 "Writes a synthetic model with random (seeded) weights and real tensor shapes.\n"
                 "  --preset NAME   one of:");
    for (const auto &p : synthPresets())
        std::fprintf(to, " %s", p.name);
    std::fprintf(to, "\n  --type T        file type:");
    for (const auto &t : synthFileTypes())
        std::fprintf(to, " %s", t.name);
    std::fprintf(to,
                 " (default F16).\n"
                 "                  K-quant files use llama.cpp's tensor mix (output Q6_K; in Q4_K_M/Q5_K_M\n"
                 "                  some attn_v and ffn_down Q6_K); norms and biases are always F32.\n"
                 "  --vocab FILE    copy the tokenizer (all tokenizer.* keys) from a GGUF file, e.g.\n"
                 "                  ../shared/tokenizer/ggml-vocab-llama-spm.gguf; its size sets n_vocab.\n"
                 "                  Without it a placeholder byte-level vocabulary is generated.\n"
                 "  --layers N      override the preset's layer count\n"
                 "  --head-dim N    override the preset's head size (even; queries become heads x N wide),\n"
                 "                  e.g. to try head sizes that are no multiple of the SIMD width\n"
                 "  --seed N        random seed (default 42)\n"
                 "  --threads N     quantising threads (default: all cores; the file is the same for any N)\n"
                 "  -o FILE         output path\n");
}

// splitmix64: a tiny, portable generator so a seed gives the same weights everywhere.
uint64_t splitmix(uint64_t &state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// Normal(0, stddev) via Box-Muller, seeded per row so chunking does not change the weights.
void randomRow(uint64_t seed, float stddev, std::vector<float> &row)
{
    uint64_t s = seed;
    for (size_t i = 0; i < row.size(); i += 2) {
        const double u1 = (double(splitmix(s) >> 11) + 1.0) / 9007199254740993.0;   // (0, 1]
        const double u2 = double(splitmix(s) >> 11) / 9007199254740992.0;
        const double r = std::sqrt(-2.0 * std::log(u1));
        row[i] = float(stddev * r * std::cos(2 * std::numbers::pi * u2));
        if (i + 1 < row.size())
            row[i + 1] = float(stddev * r * std::sin(2 * std::numbers::pi * u2));
    }
}

// Each row's own seed, from the file's seed and the row's place in the file.
uint64_t rowSeed(uint64_t seed, size_t tensor, uint64_t row)
{
    return seed * 0x100000001b3ull + tensor * 0x9e3779b97f4a7c15ull + row;
}

struct Plan {
    std::string name;
    GgmlType type;
    std::vector<uint64_t> shape;
    bool isNorm;   // filled with 1.0 instead of noise
};

// Tensors in llama.cpp's order; 2-D weights get their type from the file type's mix.
std::vector<Plan> planTensors(const SynthPreset &p, uint32_t nVocab, const SynthFileType &ft)
{
    const int nLayers = int(p.nLayers);
    const bool fused = std::string(p.architecture) == "phi3";   // Phi-3's fused attn_qkv and gate/up
    const bool postNorms = std::string(p.architecture) == "gemma3";
    const uint64_t qDim = uint64_t(p.nHead) * p.headDim;
    const uint64_t kvDim = uint64_t(p.nHeadKv) * p.headDim;
    std::vector<Plan> t;
    // A matrix of `rows` rows of `cols` values (layer -1: token_embd / output).
    auto matrix = [&](const std::string &name, int layer, uint64_t cols, uint64_t rows) {
        const GgmlType type = mixedTensorType(ft, name, layer, nLayers, p.tiedEmbeddings);
        t.push_back({name, fitToRowLength(type, cols), {cols, rows}, false});
    };
    auto vector = [&](const std::string &name, uint64_t n, bool isNorm) {
        t.push_back({name, GgmlType::F32, {n}, isNorm});
    };
    matrix("token_embd.weight", -1, p.nEmbd, nVocab);
    for (uint32_t l = 0; l < p.nLayers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        const int layer = int(l);
        vector(b + "attn_norm.weight", p.nEmbd, true);
        if (fused) {
            matrix(b + "attn_qkv.weight", layer, p.nEmbd, qDim + 2 * kvDim);
        } else {
            matrix(b + "attn_q.weight", layer, p.nEmbd, qDim);
            matrix(b + "attn_k.weight", layer, p.nEmbd, kvDim);
            matrix(b + "attn_v.weight", layer, p.nEmbd, kvDim);
        }
        if (p.qkvBias) {
            vector(b + "attn_q.bias", qDim, false);
            vector(b + "attn_k.bias", kvDim, false);
            vector(b + "attn_v.bias", kvDim, false);
        }
        if (p.qkNorm) {
            vector(b + "attn_q_norm.weight", p.headDim, true);
            vector(b + "attn_k_norm.weight", p.headDim, true);
        }
        matrix(b + "attn_output.weight", layer, qDim, p.nEmbd);
        if (postNorms)
            vector(b + "post_attention_norm.weight", p.nEmbd, true);
        vector(b + "ffn_norm.weight", p.nEmbd, true);
        if (fused) {   // gate rows, then up rows
            matrix(b + "ffn_up.weight", layer, p.nEmbd, 2 * uint64_t(p.nFf));
        } else {
            matrix(b + "ffn_gate.weight", layer, p.nEmbd, p.nFf);
            matrix(b + "ffn_up.weight", layer, p.nEmbd, p.nFf);
        }
        matrix(b + "ffn_down.weight", layer, p.nFf, p.nEmbd);
        if (postNorms)
            vector(b + "post_ffw_norm.weight", p.nEmbd, true);
    }
    vector("output_norm.weight", p.nEmbd, true);
    if (!p.tiedEmbeddings)
        matrix("output.weight", -1, p.nEmbd, nVocab);
    return t;
}

void placeholderVocab(GgufWriter &w, uint32_t nVocab)
{
    std::vector<std::string> tokens;
    std::vector<float> scores;
    std::vector<int32_t> types;
    for (uint32_t i = 0; i < nVocab; ++i) {
        std::string tok;
        int32_t type = 1;   // normal
        if (i == 0) { tok = "<unk>"; type = 2; }
        else if (i == 1) { tok = "<s>"; type = 3; }
        else if (i == 2) { tok = "</s>"; type = 3; }
        else if (i < 3 + 256) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", i - 3);
            tok = buf;
            type = 6;   // byte
        } else tok = "tok" + std::to_string(i);
        tokens.push_back(tok);
        scores.push_back(-float(i));
        types.push_back(type);
    }
    w.setString("tokenizer.ggml.model", "llama");
    w.set("tokenizer.ggml.tokens", GgufValue::stringArray(std::move(tokens)));
    w.set("tokenizer.ggml.scores", GgufValue::numericArray(GgufValueType::Float32, scores));
    w.set("tokenizer.ggml.token_type", GgufValue::numericArray(GgufValueType::Int32, types));
    w.setU32("tokenizer.ggml.unknown_token_id", 0);
    w.setU32("tokenizer.ggml.bos_token_id", 1);
    w.setU32("tokenizer.ggml.eos_token_id", 2);
}

} // namespace

int synthCommand(int argc, char **argv)
{
    std::string presetName, typeName = "F16", vocabPath, out;
    long long seed = 42;
    long long threads = 0;
    long long layers = -1;
    long long headDim = -1;
    bool badNumber = false;
    for (int i = 0; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--help" || a == "-h") { usage(stdout); return 0; }
        else if (a == "--preset" && hasValue) presetName = argv[++i];
        else if (a == "--type" && hasValue) typeName = argv[++i];
        else if (a == "--vocab" && hasValue) vocabPath = argv[++i];
        else if (a == "--seed" && hasValue) badNumber |= !parseInt(argv[++i], 0, LLONG_MAX, seed);
        else if (a == "--layers" && hasValue) badNumber |= !parseInt(argv[++i], 1, 512, layers);
        else if (a == "--head-dim" && hasValue) badNumber |= !parseInt(argv[++i], 2, 1024, headDim) || headDim % 2;
        else if (a == "--threads" && hasValue) badNumber |= !parseInt(argv[++i], 1, 1024, threads);
        else if (a == "-o" && hasValue) out = argv[++i];
        else {
            std::fprintf(stderr, "error: unknown or incomplete option '%s'\n", a.c_str());
            usage(stderr);
            return 2;
        }
        if (badNumber) {
            std::fprintf(stderr,
                         "error: %s wants an integer (--layers: 1..512, --head-dim: even, 2..1024, --threads: "
                         "1..1024), not '%s'\n",
                         a.c_str(), argv[i]);
            return 2;
        }
    }
    const SynthPreset *preset = findSynthPreset(presetName);
    if (!preset || out.empty()) {
        std::fprintf(stderr, preset ? "error: -o is required\n" : "error: unknown or missing --preset '%s'\n",
                     presetName.c_str());
        usage(stderr);
        return 2;
    }
    const SynthFileType *type = findSynthFileType(typeName);
    if (!type) {
        std::fprintf(stderr, "error: --type %s is not supported (use", typeName.c_str());
        for (const auto &t : synthFileTypes())
            std::fprintf(stderr, " %s", t.name);
        std::fprintf(stderr, ")\n");
        return 2;
    }
    SynthPreset p = *preset;
    if (layers > 0)
        p.nLayers = uint32_t(layers);
    if (headDim > 0)
        p.headDim = uint32_t(headDim);

    GgufWriter w;
    const std::string arch = p.architecture;
    w.setString("general.architecture", arch);
    w.setString("general.name", p.displayName);
    w.setU32("general.file_type", type->llamaFtype);
    w.setU32("general.alignment", 32);
    w.setU32(arch + ".context_length", p.nCtx);
    w.setU32(arch + ".embedding_length", p.nEmbd);
    w.setU32(arch + ".block_count", p.nLayers);
    w.setU32(arch + ".feed_forward_length", p.nFf);
    w.setU32(arch + ".attention.head_count", p.nHead);
    w.setU32(arch + ".attention.head_count_kv", p.nHeadKv);
    w.setU32(arch + ".attention.key_length", p.headDim);
    w.setU32(arch + ".attention.value_length", p.headDim);
    w.setU32(arch + ".rope.dimension_count", p.headDim);
    w.setF32(arch + ".rope.freq_base", p.ropeFreqBase);
    w.setF32(arch + ".attention.layer_norm_rms_epsilon", p.rmsEps);
    if (p.slidingWindow > 0) {
        w.setU32(arch + ".attention.sliding_window", p.slidingWindow);
        w.setU32(arch + ".attention.sliding_window_pattern", p.slidingWindowPattern);
    }

    uint32_t nVocab = p.nVocab;
    std::unique_ptr<GgufFile> vocab;
    if (!vocabPath.empty()) {
        auto v = GgufFile::open(vocabPath);
        if (!v) {
            std::fprintf(stderr, "error: --vocab: %s\n", v.message().c_str());
            return 1;
        }
        vocab = std::move(v.value());
        auto tokens = vocab->getStringArray("tokenizer.ggml.tokens");
        if (!tokens) {
            std::fprintf(stderr, "error: --vocab %s: %s\n", vocabPath.c_str(), tokens.message().c_str());
            return 1;
        }
        nVocab = uint32_t(tokens->size());
        for (const auto &kv : vocab->metadata()) {
            if (kv.key.rfind("tokenizer.", 0) == 0)
                w.set(kv.key, kv.value);
        }
    } else {
        placeholderVocab(w, nVocab);
    }
    w.setU32(arch + ".vocab_size", nVocab);

    const std::vector<Plan> plan = planTensors(p, nVocab, *type);
    for (const auto &t : plan) {
        if (auto r = w.addTensorInfo(t.name, t.type, t.shape); !r) {
            std::fprintf(stderr, "error: %s\n", r.message().c_str());
            return 1;
        }
    }
    // Rows are seeded one by one, so threads split a chunk's rows without changing a byte.
    cpu::ThreadPool pool(threads > 0 ? int(threads) : cpu::defaultThreadCount());
    std::vector<std::vector<float>> rowBuffers(size_t(pool.size()));
    auto fill = [&](size_t index, uint64_t firstRow, uint64_t nRows, std::span<uint8_t> bytes) {
        const Plan &t = plan[index];
        const uint64_t rowBytes = bytes.size() / nRows;
        pool.run([&](int ith, int nth) {
            int begin = 0, end = 0;
            cpu::ThreadPool::split(int(nRows), ith, nth, begin, end);
            std::vector<float> &row = rowBuffers[size_t(ith)];
            row.resize(t.shape[0]);
            for (int r = begin; r < end; ++r) {
                if (t.isNorm)
                    std::fill(row.begin(), row.end(), 1.0f);
                else
                    randomRow(rowSeed(uint64_t(seed), index, firstRow + uint64_t(r)), 0.02f, row);
                (void)quantize(t.type, row, bytes.subspan(uint64_t(r) * rowBytes, rowBytes));   // sizes match
            }
        });
    };
    std::fprintf(stderr, "writing %s: preset %s, %u layers, vocab %u, type %s, %zu tensors\n", out.c_str(), p.name,
                 p.nLayers, nVocab, type->name, plan.size());
    if (auto r = w.writeFile(out, fill); !r) {
        std::fprintf(stderr, "error: %s\n", r.message().c_str());
        return 1;
    }
    return 0;
}

} // namespace modelatlas::tools
