// SentencePiece-style (BPE-by-score) encoding, as llama.cpp's llm_tokenizer_spm:
// start from UTF-8 characters, repeatedly merge the adjacent pair whose
// concatenation is the highest-scoring vocabulary token (ties: leftmost), then
// emit each final symbol's token or, failing that, its bytes as <0xXX> tokens.

#include "tokenizer/tokenizer_impl.h"

#include <queue>

namespace modelatlas::engine {

namespace {

struct Symbol {
    int32_t prev;
    int32_t next;
    uint32_t start;  // byte offset in the text
    uint32_t n;      // byte length; 0 once merged into its left neighbour
};

struct Bigram {
    int32_t left;
    int32_t right;
    float score;
    uint32_t size;
};

struct BigramOrder {
    // priority_queue pops the "largest": highest score, then the smallest left index.
    bool operator()(const Bigram &l, const Bigram &r) const
    {
        return l.score < r.score || (l.score == r.score && l.left > r.left);
    }
};

} // namespace

void Tokenizer::Impl::encodeSpm(std::string_view text, std::vector<int32_t> &out) const
{
    std::vector<Symbol> sym;
    sym.reserve(text.size());
    for (size_t off = 0; off < text.size();) {
        const size_t len = std::min(unicode::utf8SeqLen(static_cast<uint8_t>(text[off])), text.size() - off);
        const auto idx = static_cast<int32_t>(sym.size());
        sym.push_back({idx - 1, off + len == text.size() ? -1 : idx + 1, static_cast<uint32_t>(off),
                       static_cast<uint32_t>(len)});
        off += len;
    }
    if (sym.empty())
        return;

    std::vector<Bigram> storage;
    storage.reserve(sym.size());
    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue(BigramOrder{}, std::move(storage));
    auto tryAdd = [&](int32_t left, int32_t right) {
        if (left < 0 || right < 0)
            return;
        const uint32_t size = sym[left].n + sym[right].n;
        const int32_t id = find(text.substr(sym[left].start, size));
        if (id == kNoToken)
            return;
        queue.push({left, right, scores[id], size});
    };
    for (int32_t i = 1; i < static_cast<int32_t>(sym.size()); ++i)
        tryAdd(i - 1, i);

    while (!queue.empty()) {
        const Bigram b = queue.top();
        queue.pop();
        Symbol &l = sym[b.left];
        Symbol &r = sym[b.right];
        // Stale entry: one side was merged away or grew since it was queued.
        if (l.n == 0 || r.n == 0 || l.n + r.n != b.size)
            continue;
        l.n += r.n;
        r.n = 0;
        l.next = r.next;
        if (r.next >= 0)
            sym[r.next].prev = b.left;
        tryAdd(l.prev, b.left);
        tryAdd(b.left, l.next);
    }

    for (int32_t i = 0; i != -1; i = sym[i].next) {
        const Symbol &s = sym[i];
        const std::string_view piece = text.substr(s.start, s.n);
        const int32_t id = find(piece);
        if (id != kNoToken) {
            out.push_back(id);
            continue;
        }
        // Merged symbols are always tokens, so this is a single character
        // missing from the vocabulary: byte fallback.
        for (const char c : piece) {
            const int32_t bt = byteToken[static_cast<uint8_t>(c)];
            if (bt != kNoToken)
                out.push_back(bt);
            else if (unk != kNoToken)
                out.push_back(unk);
        }
    }
}

} // namespace modelatlas::engine
