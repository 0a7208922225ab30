// modelatlas-tokenize: tokenizes text with the vocabulary of a GGUF file.
//
//   modelatlas-tokenize [--no-special] [--parse-special] [--ids] FILE TEXT
//   modelatlas-tokenize --chat FILE            (renders a sample conversation)
//
// Prints one line per token: id, the vocabulary string and the decoded piece,
// then the total and the time the encoding took.

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace modelatlas::engine;

namespace {

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

int usage()
{
    std::fprintf(stderr, "usage: modelatlas-tokenize [--no-special] [--parse-special] [--ids] FILE TEXT\n"
                         "       modelatlas-tokenize --chat FILE\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    bool addSpecial = true;
    bool parseSpecial = false;
    bool idsOnly = false;
    bool chat = false;
    std::vector<std::string> pos;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--no-special"))
            addSpecial = false;
        else if (!std::strcmp(argv[i], "--parse-special"))
            parseSpecial = true;
        else if (!std::strcmp(argv[i], "--ids"))
            idsOnly = true;
        else if (!std::strcmp(argv[i], "--chat"))
            chat = true;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return usage();
        else
            pos.emplace_back(argv[i]);
    }
    if (pos.size() != (chat ? 1u : 2u))
        return usage();

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
        std::printf("chat template: %s%s\n", std::string(tmpl.familyName()).c_str(),
                    p.fellBack ? " (unsupported chat template; using plain text)" : "");
        std::printf("%s\n----\n", p.text.c_str());
        text = p.text;
        parseSpecial = true;
    }

    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<int32_t> ids = tok->encode(text, addSpecial, parseSpecial);
    const auto t1 = std::chrono::steady_clock::now();
    if (idsOnly) {
        for (size_t i = 0; i < ids.size(); ++i)
            std::printf("%s%d", i ? " " : "", ids[i]);
        std::printf("\n");
    } else {
        for (const int32_t id : ids)
            std::printf("%8d  %-24s  '%s'\n", id, escaped(tok->tokenText(id)).c_str(),
                        escaped(tok->tokenToPiece(id, true)).c_str());
    }
    std::fprintf(stderr, "%zu tokens from %zu bytes in %.3f ms\n", ids.size(), text.size(),
                 std::chrono::duration<double, std::milli>(t1 - t0).count());
    return 0;
}
