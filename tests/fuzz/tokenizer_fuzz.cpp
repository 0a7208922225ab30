// libFuzzer target for the tokenizers: arbitrary bytes are encoded (with and
// without special-token parsing) by a SentencePiece and a byte-level BPE
// vocabulary, decoded, and streamed through the UTF-8 decoder. Checks: no
// crash or sanitizer report, ids in range, and BPE decode(encode(x)) == x for
// valid UTF-8 input (invalid bytes become U+FFFD by design, as in the reference).
//
// The vocabularies come from MODELATLAS_FUZZ_VOCABS (colon-separated GGUF
// paths; default: ../shared/tokenizer/ggml-vocab-{llama-spm,gpt-2,deepseek-coder}.gguf).
//
// Build: cmake -DMODELATLAS_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; run:
//   tests/fuzz/modelatlas-tokenizer-fuzz -max_total_time=60 -max_len=512

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace modelatlas::engine;

namespace {

struct Loaded {
    std::unique_ptr<GgufFile> file;
    std::unique_ptr<Tokenizer> tok;
};

std::vector<Loaded> &vocabs()
{
    static std::vector<Loaded> v = [] {
        std::vector<Loaded> out;
        std::string list;
        if (const char *env = std::getenv("MODELATLAS_FUZZ_VOCABS"))
            list = env;
        else
            list = std::string(MODELATLAS_SHARED_DIR) + "/tokenizer/ggml-vocab-llama-spm.gguf:" + MODELATLAS_SHARED_DIR
                 + "/tokenizer/ggml-vocab-gpt-2.gguf:" + MODELATLAS_SHARED_DIR
                 + "/tokenizer/ggml-vocab-deepseek-coder.gguf";
        size_t pos = 0;
        while (pos <= list.size()) {
            size_t next = list.find(':', pos);
            if (next == std::string::npos)
                next = list.size();
            const std::string path = list.substr(pos, next - pos);
            pos = next + 1;
            if (path.empty())
                continue;
            auto f = GgufFile::open(path);
            if (!f) {
                std::fprintf(stderr, "tokenizer_fuzz: skipping %s: %s\n", path.c_str(), f.message().c_str());
                continue;
            }
            auto t = Tokenizer::fromGguf(**f);
            if (!t) {
                std::fprintf(stderr, "tokenizer_fuzz: skipping %s: %s\n", path.c_str(), t.message().c_str());
                continue;
            }
            out.push_back({std::move(f.value()), std::make_unique<Tokenizer>(std::move(t.value()))});
        }
        if (out.empty()) {
            std::fprintf(stderr, "tokenizer_fuzz: no vocabulary loaded (set MODELATLAS_FUZZ_VOCABS)\n");
            std::abort();
        }
        return out;
    }();
    return v;
}

bool validUtf8(const std::string &s)
{
    Utf8StreamDecoder d;
    return d.push(s) == s && !d.hasPending();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    for (const Loaded &v : vocabs()) {
        const Tokenizer &tok = *v.tok;
        for (const bool parseSpecial : {false, true}) {
            const auto ids = tok.encode(text, true, parseSpecial);
            for (const int32_t id : ids)
                if (id < 0 || id >= tok.vocabSize())
                    std::abort();
            const std::string back = tok.decode(ids);
            TokenStreamDecoder stream(tok);
            std::string streamed;
            for (const int32_t id : ids)
                streamed += stream.push(id);
            streamed += stream.flush();
            if (!validUtf8(streamed))
                std::abort();  // the stream decoder must only ever emit valid UTF-8
            if (!parseSpecial && tok.model() == TokenizerModel::Bpe && validUtf8(text) && back != text) {
                // Byte-level BPE is lossless unless a user-defined token's text is
                // matched, which decodes to the same text anyway.
                std::fprintf(stderr, "round trip failed for %s\n", tok.modelName().c_str());
                std::abort();
            }
        }
    }
    return 0;
}
