// Byte-level BPE encoding, as llama.cpp's llm_tokenizer_bpe: pre-tokenize into
// words, map each word's bytes to GPT-2's printable codepoints, then merge the
// adjacent pair with the lowest merge rank (ties: leftmost) until none is left.

#include "tokenizer/tokenizer_impl.h"

#include <queue>

namespace modelatlas::engine {

namespace {

struct Symbol {
    int32_t prev;
    int32_t next;
    uint32_t start;  // byte offset in the encoded word
    uint32_t n;      // 0 once merged into its left neighbour
};

struct Bigram {
    int32_t left;
    int32_t right;
    int32_t rank;
    uint32_t leftN;   // sizes when queued; a mismatch later means the entry is stale
    uint32_t rightN;
};

struct BigramOrder {
    bool operator()(const Bigram &l, const Bigram &r) const
    {
        return l.rank > r.rank || (l.rank == r.rank && l.left > r.left);
    }
};

} // namespace

void Tokenizer::Impl::encodeBpe(std::string_view text, std::vector<int32_t> &out) const
{
    // Invalid UTF-8 becomes U+FFFD before byte encoding, as in the reference.
    std::vector<uint32_t> cps;
    std::vector<uint32_t> offsets;
    unicode::decodeAll(text, cps, offsets);
    std::vector<std::pair<uint32_t, uint32_t>> words;
    pre.split(cps, words);

    std::string word;
    std::string utf8;
    std::string key;
    std::vector<Symbol> sym;
    std::vector<Bigram> storage;
    for (const auto &[wb, we] : words) {
        word.clear();
        for (uint32_t i = wb; i < we; ++i) {
            utf8.clear();
            unicode::appendUtf8(utf8, cps[i]);
            for (const char c : utf8)
                word += byteToUtf8[static_cast<uint8_t>(c)];
        }
        if (ignoreMerges) {
            if (const int32_t id = find(word); id != kNoToken) {
                out.push_back(id);
                continue;
            }
        }

        sym.clear();
        for (size_t off = 0; off < word.size();) {
            const size_t len = std::min(unicode::utf8SeqLen(static_cast<uint8_t>(word[off])), word.size() - off);
            const auto idx = static_cast<int32_t>(sym.size());
            sym.push_back({idx - 1, off + len == word.size() ? -1 : idx + 1, static_cast<uint32_t>(off),
                           static_cast<uint32_t>(len)});
            off += len;
        }

        storage.clear();
        std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue(BigramOrder{}, std::move(storage));
        auto tryAdd = [&](int32_t left, int32_t right) {
            if (left < 0 || right < 0)
                return;
            const Symbol &l = sym[left];
            const Symbol &r = sym[right];
            key.assign(word, l.start, l.n);
            key += ' ';
            key.append(word, r.start, r.n);
            const auto it = mergeRank.find(std::string_view(key));
            if (it == mergeRank.end())
                return;
            queue.push({left, right, it->second, l.n, r.n});
        };
        for (int32_t i = 1; i < static_cast<int32_t>(sym.size()); ++i)
            tryAdd(i - 1, i);

        while (!queue.empty()) {
            const Bigram b = queue.top();
            queue.pop();
            Symbol &l = sym[b.left];
            Symbol &r = sym[b.right];
            if (l.n == 0 || r.n == 0 || l.n != b.leftN || r.n != b.rightN)
                continue;
            l.n += r.n;
            r.n = 0;
            l.next = r.next;
            if (r.next >= 0)
                sym[r.next].prev = b.left;
            tryAdd(l.prev, b.left);
            tryAdd(b.left, l.next);
        }

        for (int32_t i = 0; i != -1 && !sym.empty(); i = sym[i].next) {
            const std::string_view piece = std::string_view(word).substr(sym[i].start, sym[i].n);
            if (const int32_t id = find(piece); id != kNoToken) {
                out.push_back(id);
                continue;
            }
            // Not in the vocabulary: the reference emits the tokens of the single
            // bytes of the encoded text that exist, and drops the rest.
            for (const char c : piece)
                if (const int32_t id = find(std::string_view(&c, 1)); id != kNoToken)
                    out.push_back(id);
        }
        storage.clear();
    }
}

std::vector<std::string> Tokenizer::preTokenize(std::string_view text) const
{
    if (m_impl->model != TokenizerModel::Bpe)
        return {std::string(text)};
    std::vector<uint32_t> cps;
    std::vector<uint32_t> offsets;
    unicode::decodeAll(text, cps, offsets);
    std::vector<std::pair<uint32_t, uint32_t>> words;
    m_impl->pre.split(cps, words);
    std::vector<std::string> out;
    out.reserve(words.size());
    for (const auto &[b, e] : words)
        out.emplace_back(text.substr(offsets[b], offsets[e] - offsets[b]));
    return out;
}

} // namespace modelatlas::engine
