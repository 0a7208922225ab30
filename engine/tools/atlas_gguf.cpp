// atlas-gguf: one tool for GGUF files.
//
//   atlas-gguf inspect FILE            summary: architecture, shapes, types, memory estimate
//   atlas-gguf dump FILE               every metadata key and every tensor (type, shape, offset, bytes)
//   atlas-gguf tokenize FILE TEXT      token ids of TEXT with the file's vocabulary
//   atlas-gguf synth --preset P ...    write a synthetic model (random weights, real shapes)
#include "atlas_gguf_commands.h"

#include <cstring>

namespace {

struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

constexpr Command kCommands[] = {
    {"inspect", modelatlas::tools::inspectCommand, "FILE            architecture, shapes, types, memory estimate"},
    {"dump", modelatlas::tools::dumpCommand, "FILE               all metadata and every tensor with its offset"},
    {"tokenize", modelatlas::tools::tokenizeCommand, "FILE TEXT      token ids of TEXT with the file's vocabulary"},
    {"synth", modelatlas::tools::synthCommand, "--preset P ...    write a synthetic model (random weights)"},
};

void usage(std::FILE *to)
{
    std::fprintf(to, "usage: atlas-gguf COMMAND [options]\n");
    for (const Command &c : kCommands)
        std::fprintf(to, "  atlas-gguf %s %s\n", c.name, c.summary);
    std::fprintf(to, "'atlas-gguf COMMAND --help' describes a command's options.\n");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
        usage(stdout);
        return 0;
    }
    for (const Command &c : kCommands) {
        if (!std::strcmp(argv[1], c.name))
            return c.run(argc - 2, argv + 2);
    }
    std::fprintf(stderr, "error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
