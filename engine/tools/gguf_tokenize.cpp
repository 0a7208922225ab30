// atlas-gguf tokenize: the token ids of a text with the vocabulary of a GGUF
// file (any model or vocab-only file), as the engine will feed them.
#include "atlas_gguf_commands.h"

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace modelatlas::engine;

namespace modelatlas::tools {

namespace {

const char *kUsage = "usage: atlas-gguf tokenize [options] FILE TEXT\n"
                     "       atlas-gguf tokenize [options] --chat FILE   (a sample conversation, rendered)\n"
                     "Prints the token ids of TEXT on one line.\n"
                     "  --no-special      do not add BOS/EOS\n"
                     "  --parse-special   let control-token text (<|im_end|>) become control tokens\n"
                     "  --pieces          one line per token: id, vocabulary string, decoded piece\n";

std::string escaped(const std::string &s)
{
    std::string out;
    for (unsigned char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

} // namespace

int tokenizeCommand(int argc, char **argv)
{
    bool addSpecial = true;
    bool parseSpecial = false;
    bool pieces = false;
    bool chat = false;
    std::vector<std::string> pos;
    for (int i = 0; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--no-special"))
            addSpecial = false;
        else if (!std::strcmp(argv[i], "--parse-special"))
            parseSpecial = true;
        else if (!std::strcmp(argv[i], "--pieces"))
            pieces = true;
        else if (!std::strcmp(argv[i], "--chat"))
            chat = true;
        else if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::printf("%s", kUsage);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            std::fprintf(stderr, "error: unknown option '%s'\n%s", argv[i], kUsage);
            return 2;
        } else
            pos.emplace_back(argv[i]);
    }
    if (pos.size() != (chat ? 1u : 2u)) {
        std::fprintf(stderr, "%s", kUsage);
        return 2;
    }

    auto file = GgufFile::open(pos[0]);
    if (!file) {
        std::fprintf(stderr, "error: %s\n", file.message().c_str());
        return 1;
    }
    auto tok = Tokenizer::fromGguf(**file);
    if (!tok) {
        std::fprintf(stderr, "error: %s\n", tok.message().c_str());
        return 1;
    }
    if (!tok->warning().empty())
        std::fprintf(stderr, "warning: %s\n", tok->warning().c_str());

    std::string text = chat ? std::string() : pos[1];
    if (chat) {
        const ChatTemplate tmpl = ChatTemplate::detect(tok->chatTemplate());
        const ChatPrompt p = tmpl.render({{"system", "You are a helpful assistant"}, {"user", "Hello"}});
        std::fprintf(stderr, "chat template: %s%s\n%s\n----\n", std::string(tmpl.familyName()).c_str(),
                     p.fellBack ? " (unsupported chat template; using plain text)" : "", p.text.c_str());
        text = p.text;
        parseSpecial = true;
    }

    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<int32_t> ids = tok->encode(text, addSpecial, parseSpecial);
    const auto t1 = std::chrono::steady_clock::now();
    if (pieces) {
        for (const int32_t id : ids)
            std::printf("%8d  %-24s  '%s'\n", id, escaped(tok->tokenText(id)).c_str(),
                        escaped(tok->tokenToPiece(id, true)).c_str());
    } else {
        for (size_t i = 0; i < ids.size(); ++i)
            std::printf("%s%d", i ? " " : "", ids[i]);
        std::printf("\n");
    }
    std::fprintf(stderr, "%zu tokens from %zu bytes in %.3f ms\n", ids.size(), text.size(),
                 std::chrono::duration<double, std::milli>(t1 - t0).count());
    return 0;
}

} // namespace modelatlas::tools
