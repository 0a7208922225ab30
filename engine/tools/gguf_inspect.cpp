// atlas-gguf inspect / dump. Both read only the header: tensor data pages are
// never touched, so they are instant on a 40 GB model.
//  - inspect: what a person deciding whether to run the file wants: architecture,
//    shapes, types and bits per weight, tokenizer, and a memory estimate.
//  - dump: everything, for debugging converters: each metadata key (arrays
//    abbreviated unless --all-items) and each tensor with type, shape, offset, bytes.
#include "atlas_gguf_commands.h"

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/model/model.h"
#include "modelatlas/engine/runtime/run_state.h"
#include "modelatlas/engine/version.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>

using namespace modelatlas::engine;

namespace modelatlas::tools {

std::string humanBytes(unsigned long long n)
{
    char buf[64];
    if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", double(n) / double(1ull << 30));
    else if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.2f MiB", double(n) / double(1ull << 20));
    else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.2f KiB", double(n) / 1024.0);
    else std::snprintf(buf, sizeof buf, "%llu B", n);
    return buf;
}

namespace {

struct Totals {
    unsigned long long tensors = 0, elements = 0, bytes = 0;
};

// Per tensor type, plus the grand total under "total".
std::map<std::string, Totals> typeTotals(const GgufFile &f)
{
    std::map<std::string, Totals> byType;
    for (const GgufTensorInfo &t : f.tensors()) {
        for (const std::string &key : {std::string(ggmlTypeName(t.type)), std::string("total")}) {
            Totals &x = byType[key];
            x.tensors += 1;
            x.elements += t.nElements;
            x.bytes += t.nBytes;
        }
    }
    return byType;
}

void printTypeTotals(const GgufFile &f)
{
    if (f.tensors().empty()) {
        std::printf("\ntensors:     none (a vocabulary-only file)\n");
        return;
    }
    const auto byType = typeTotals(f);
    std::printf("\nper-type totals:\n  %-6s %8s %16s %16s %12s\n", "type", "tensors", "elements", "bytes", "");
    for (const auto &[type, tot] : byType)
        if (type != "total")
            std::printf("  %-6s %8llu %16llu %16llu %12s\n", type.c_str(), tot.tensors, tot.elements, tot.bytes,
                        humanBytes(tot.bytes).c_str());
    if (auto it = byType.find("total"); it != byType.end()) {
        const Totals &all = it->second;
        std::printf("  %-6s %8llu %16llu %16llu %12s\n", "total", all.tensors, all.elements, all.bytes,
                    humanBytes(all.bytes).c_str());
        if (all.elements)
            std::printf("  bits per weight: %.3f\n", 8.0 * double(all.bytes) / double(all.elements));
    }
}

void printHeader(const GgufFile &f)
{
    std::printf("file:        %s\n", f.path().c_str());
    std::printf("size:        %llu bytes (%s)\n", static_cast<unsigned long long>(f.fileSize()),
                humanBytes(f.fileSize()).c_str());
    std::printf("gguf:        version %u, %zu metadata entries, %zu tensors, alignment %u, data at offset %llu\n",
                f.version(), f.metadata().size(), f.tensors().size(), f.alignment(),
                static_cast<unsigned long long>(f.dataOffset()));
}

// Parses "[options] FILE"; returns the opened file or null after printing why.
std::unique_ptr<GgufFile> openArg(int argc, char **argv, const char *usageText, size_t *maxItems, int &exitCode)
{
    std::string path;
    for (int i = 0; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::printf("%s", usageText);
            exitCode = 0;
            return nullptr;
        }
        if (maxItems && !std::strcmp(argv[i], "--all-items")) {
            *maxItems = SIZE_MAX;
        } else if (argv[i][0] == '-' || !path.empty()) {
            std::fprintf(stderr, "error: unexpected argument '%s'\n%s", argv[i], usageText);
            exitCode = 2;
            return nullptr;
        } else {
            path = argv[i];
        }
    }
    if (path.empty()) {
        std::fprintf(stderr, "%s", usageText);
        exitCode = 2;
        return nullptr;
    }
    auto opened = GgufFile::open(path);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.message().c_str());
        exitCode = 1;
        return nullptr;
    }
    return std::move(opened.value());
}

std::string metaString(const GgufFile &f, const char *key)
{
    auto v = f.getString(key);
    return v ? v.value() : std::string("-");
}

} // namespace

int inspectCommand(int argc, char **argv)
{
    static const char *kUsage =
        "usage: atlas-gguf inspect FILE.gguf\n"
        "Summarises a GGUF file: architecture and hyper-parameters, tensor types and bits per weight,\n"
        "tokenizer and chat template, and the memory a session needs (weights + F16 KV cache + buffers).\n";
    int code = 0;
    const std::unique_ptr<GgufFile> file = openArg(argc, argv, kUsage, nullptr, code);
    if (!file)
        return code;
    const GgufFile &f = *file;
    printHeader(f);
    std::printf("name:        %s\n", metaString(f, "general.name").c_str());
    std::printf("arch:        %s\n", metaString(f, "general.architecture").c_str());

    const GgufValue *tokens = f.find("tokenizer.ggml.tokens");
    if (tokens) {
        const std::string tmpl = metaString(f, "tokenizer.chat_template");
        const ChatTemplate chat = ChatTemplate::detect(tmpl == "-" ? std::string() : tmpl);
        std::printf("tokenizer:   %s (pre: %s), %llu tokens, chat template: %s\n",
                    metaString(f, "tokenizer.ggml.model").c_str(), metaString(f, "tokenizer.ggml.pre").c_str(),
                    static_cast<unsigned long long>(tokens->size()),
                    tmpl == "-" ? "none" : chat.supported() ? std::string(chat.familyName()).c_str()
                                                            : "unsupported (plain-text fallback)");
    } else {
        std::printf("tokenizer:   none\n");
    }
    printTypeTotals(f);

    Result<ModelInfo> info = inspectModel(f);
    if (!info) {
        // Vocab-only files and unknown architectures are still worth a summary.
        std::printf("\nnot runnable by this engine: %s\n", info.message().c_str());
        return 0;
    }
    const Config &c = info->config;
    std::printf("\nmodel:       %d layers, dim %d, %d heads (%d KV, head dim %d), FFN %d, vocab %d\n", c.nLayers,
                c.dim, c.nHeads, c.nKvHeads, c.headDim, c.hiddenDim, c.vocabSize);
    std::printf("             trained context %d, RoPE base %g, RMS eps %g%s%s%s\n", c.contextLength, c.ropeFreqBase,
                double(c.normEps), c.qkvBias ? ", q/k/v biases" : "", c.qkNorm ? ", q/k norms" : "",
                c.tiedEmbeddings ? ", tied embeddings" : "");
    if (c.postNorms)
        std::printf("             post-attention and post-FFN norms, %s, embeddings scaled by sqrt(dim)\n",
                    c.ffnActivation == FfnActivation::GeluTanh ? "GeGLU" : "SwiGLU");
    if (c.slidingWindowPeriod > 0) {
        int local = 0;
        for (int l = 0; l < c.nLayers; ++l)
            local += c.isLocalLayer(l) ? 1 : 0;
        std::printf("             sliding window %d on %d of %d layers (1 in %d global), their RoPE base %g\n",
                    c.slidingWindow, local, c.nLayers, c.slidingWindowPeriod, c.ropeFreqBaseLocal);
        const WindowRing ring = windowRing(c.slidingWindow, 512, 1 << 22);
        std::printf("             their KV cache: a ring of %d positions (batch 512) where the context is longer\n",
                    ring.length());
    }
    std::printf("weights:     %s, mostly %s\n", humanBytes(info->weightBytes).c_str(), info->dominantType.c_str());
    std::printf("KV cache:    %s per token (F16 K and V, all layers)\n", humanBytes(info->kvBytesPerToken).c_str());
    std::printf("memory estimate (weights + KV + buffers, batch 512):\n");
    for (const int ctx : {2048, 4096, 8192, 32768}) {
        if (ctx < c.contextLength)
            std::printf("  context %7d: %s\n", ctx, humanBytes(info->estimateBytes(ctx)).c_str());
    }
    std::printf("  context %7d: %s (trained maximum)\n", c.contextLength,
                humanBytes(info->estimateBytes(c.contextLength)).c_str());
    return 0;
}

int dumpCommand(int argc, char **argv)
{
    static const char *kUsage = "usage: atlas-gguf dump [--all-items] FILE.gguf\n"
                                "Prints every metadata key and every tensor (type, shape, offset, bytes).\n"
                                "  --all-items    print arrays in full instead of the first 8 items\n";
    size_t maxItems = 8;
    int code = 0;
    const std::unique_ptr<GgufFile> file = openArg(argc, argv, kUsage, &maxItems, code);
    if (!file)
        return code;
    const GgufFile &f = *file;
    printHeader(f);
    std::printf("reader:      ModelAtlas engine %s\n\nmetadata:\n", engineVersion());
    for (const auto &kv : f.metadata())
        std::printf("  %-44s %-8s %s\n", kv.key.c_str(), ggufValueTypeName(kv.value.type()).c_str(),
                    kv.value.toDisplayString(maxItems).c_str());
    std::printf("\ntensors (offsets relative to the data section):\n  %-5s %-40s %-6s %-26s %14s %14s\n", "#", "name",
                "type", "shape", "offset", "bytes");
    for (size_t i = 0; i < f.tensors().size(); ++i) {
        const GgufTensorInfo &t = f.tensors()[i];
        std::printf("  %-5zu %-40s %-6s %-26s %14llu %14llu\n", i, t.name.c_str(),
                    std::string(ggmlTypeName(t.type)).c_str(), t.shapeString().c_str(),
                    static_cast<unsigned long long>(t.offset), static_cast<unsigned long long>(t.nBytes));
    }
    printTypeTotals(f);
    return 0;
}

} // namespace modelatlas::tools
