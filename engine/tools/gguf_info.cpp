// modelatlas-gguf-info: prints a GGUF file's header, metadata (arrays
// abbreviated), tensor table and per-type byte totals. Reads only the header:
// tensor data pages are never touched, so it is instant on a 40 GB model.
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/version.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <string>

using namespace modelatlas::engine;

namespace {

void usage(std::FILE *to)
{
    std::fprintf(to,
                 "usage: modelatlas-gguf-info [--all-items] [--no-tensors] FILE.gguf\n"
                 "Prints the GGUF header, metadata and tensor table of FILE.\n"
                 "  --all-items    print arrays in full instead of the first 8 items\n"
                 "  --no-tensors   omit the per-tensor table (totals are still printed)\n"
                 "Exit code 0 on success, 1 when the file cannot be read or is not valid GGUF.\n");
}

std::string humanBytes(uint64_t n)
{
    char buf[64];
    if (n >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", double(n) / double(1ull << 30));
    else if (n >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.2f MiB", double(n) / double(1ull << 20));
    else if (n >= 1024) std::snprintf(buf, sizeof buf, "%.2f KiB", double(n) / 1024.0);
    else std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
    return buf;
}

} // namespace

int main(int argc, char **argv)
{
    std::string path;
    size_t maxItems = 8;
    bool showTensors = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if (!std::strcmp(argv[i], "--all-items")) maxItems = SIZE_MAX;
        else if (!std::strcmp(argv[i], "--no-tensors")) showTensors = false;
        else if (argv[i][0] == '-') {
            std::fprintf(stderr, "error: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 1;
        } else path = argv[i];
    }
    if (path.empty()) {
        usage(stderr);
        return 1;
    }
    auto opened = GgufFile::open(path);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.message().c_str());
        return 1;
    }
    const GgufFile &f = *opened.value();
    std::printf("file:        %s\n", f.path().c_str());
    std::printf("size:        %llu bytes (%s)\n", static_cast<unsigned long long>(f.fileSize()),
                humanBytes(f.fileSize()).c_str());
    std::printf("gguf:        version %u, %zu metadata entries, %zu tensors, alignment %u, data at offset %llu\n",
                f.version(), f.metadata().size(), f.tensors().size(), f.alignment(),
                static_cast<unsigned long long>(f.dataOffset()));
    std::printf("reader:      ModelAtlas engine %s\n\nmetadata:\n", engineVersion());
    for (const auto &kv : f.metadata()) {
        std::printf("  %-44s %-8s %s\n", kv.key.c_str(), ggufValueTypeName(kv.value.type()).c_str(),
                    kv.value.toDisplayString(maxItems).c_str());
    }

    struct Totals { uint64_t tensors = 0, elements = 0, bytes = 0; };
    std::map<std::string, Totals> byType;
    Totals all;
    if (showTensors)
        std::printf("\ntensors:\n  %-5s %-40s %-6s %-26s %14s %12s\n", "#", "name", "type", "shape", "elements",
                    "bytes");
    for (size_t i = 0; i < f.tensors().size(); ++i) {
        const GgufTensorInfo &t = f.tensors()[i];
        const std::string type(ggmlTypeName(t.type));
        if (showTensors)
            std::printf("  %-5zu %-40s %-6s %-26s %14llu %12llu\n", i, t.name.c_str(), type.c_str(),
                        t.shapeString().c_str(), static_cast<unsigned long long>(t.nElements),
                        static_cast<unsigned long long>(t.nBytes));
        auto &tot = byType[type];
        for (Totals *x : {&tot, &all}) {
            x->tensors += 1;
            x->elements += t.nElements;
            x->bytes += t.nBytes;
        }
    }
    std::printf("\nper-type totals:\n  %-6s %8s %16s %16s %12s\n", "type", "tensors", "elements", "bytes", "");
    for (const auto &[type, tot] : byType)
        std::printf("  %-6s %8llu %16llu %16llu %12s\n", type.c_str(), static_cast<unsigned long long>(tot.tensors),
                    static_cast<unsigned long long>(tot.elements), static_cast<unsigned long long>(tot.bytes),
                    humanBytes(tot.bytes).c_str());
    std::printf("  %-6s %8llu %16llu %16llu %12s\n", "total", static_cast<unsigned long long>(all.tensors),
                static_cast<unsigned long long>(all.elements), static_cast<unsigned long long>(all.bytes),
                humanBytes(all.bytes).c_str());
    if (all.elements)
        std::printf("  bits per weight: %.3f\n", 8.0 * double(all.bytes) / double(all.elements));
    return 0;
}
