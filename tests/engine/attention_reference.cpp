#include "attention_reference.h"

#include "modelatlas/engine/cpu/matmul.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tensor/half.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace modelatlas::engine::test {

std::vector<uint8_t> encodeKv(KvCacheType type, const std::vector<float> &values)
{
    std::vector<uint8_t> bytes(size_t(kvCacheBytes(type, values.size())));
    if (type == KvCacheType::Q8_0) {
        cpu::quantizeActivations(cpu::ActType::Q8_0, values.data(), bytes.data(), int(values.size()));
        return bytes;
    }
    for (size_t i = 0; i < values.size(); ++i) {
        const uint16_t h = f32ToF16(values[i]);
        std::memcpy(bytes.data() + 2 * i, &h, 2);
    }
    return bytes;
}

std::vector<float> decodeKv(KvCacheType type, const std::vector<uint8_t> &bytes, size_t n)
{
    std::vector<float> values(n);
    if (type == KvCacheType::Q8_0)
        dequantizeRowQ8_0(bytes.data(), values.data(), n);
    else
        dequantizeRowF16(bytes.data(), values.data(), n);
    return values;
}

float AttentionShape::scoreScale() const
{
    return scale > 0.0f ? scale : 1.0f / std::sqrt(float(headDim));
}

std::vector<float> referenceAttention(const std::vector<float> &key, const std::vector<float> &value,
                                      const std::vector<float> &q, const AttentionShape &c)
{
    const int kvDim = c.kvDim(), group = c.nHeads / c.nKvHeads, qDim = c.qDim();
    const std::vector<float> query = decodeKv(c.kvType, encodeKv(c.kvType, q), q.size());
    std::vector<float> out(size_t(c.nTokens) * size_t(qDim));
    for (int t = 0; t < c.nTokens; ++t) {
        const int pos = c.pos0 + t;
        const int first = c.window > 0 ? std::max(0, pos - c.window + 1) : 0;
        std::vector<double> scores(size_t(pos) + 1);
        for (int h = 0; h < c.nHeads; ++h) {
            std::fill(scores.begin(), scores.end(), -INFINITY);   // exp() of the ones before `first`: 0
            const size_t kvOff = size_t(h / group) * size_t(c.headDim);
            const size_t qOff = size_t(t) * size_t(qDim) + size_t(h) * size_t(c.headDim);
            double maxScore = -INFINITY;
            for (int p = first; p <= pos; ++p) {
                double dot = 0;
                for (int d = 0; d < c.headDim; ++d)
                    dot += double(query[qOff + size_t(d)]) * double(key[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]);
                scores[size_t(p)] = dot * double(c.scoreScale());
                maxScore = std::max(maxScore, scores[size_t(p)]);
            }
            double total = 0;
            for (double &s : scores)
                total += (s = std::exp(s - maxScore));
            for (int d = 0; d < c.headDim; ++d) {
                double acc = 0;
                for (int p = 0; p <= pos; ++p)
                    acc += scores[size_t(p)] * double(value[size_t(p) * size_t(kvDim) + kvOff + size_t(d)]);
                out[qOff + size_t(d)] = float(acc / total);
            }
        }
    }
    return out;
}

std::vector<float> normalVector(size_t n, std::mt19937 &rng)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(n);
    for (float &x : v)
        x = normal(rng);
    return v;
}

} // namespace modelatlas::engine::test
