#include "modelatlas/engine/runtime/kv_cache_type.h"

#include "modelatlas/engine/result.h"

namespace modelatlas::engine {

std::string_view kvCacheTypeName(KvCacheType type)
{
    return type == KvCacheType::Q8_0 ? "q8_0" : "f16";
}

std::optional<KvCacheType> parseKvCacheType(std::string_view text)
{
    for (KvCacheType t : {KvCacheType::F16, KvCacheType::Q8_0}) {
        if (text == kvCacheTypeName(t))
            return t;
    }
    return std::nullopt;
}

uint64_t kvCacheBytes(KvCacheType type, uint64_t n)
{
    return type == KvCacheType::Q8_0 ? n / kKvQ8Block * kKvQ8BlockBytes : n * 2;
}

std::string kvCacheTypeProblem(KvCacheType type, int headDim)
{
    if (type == KvCacheType::Q8_0 && headDim % kKvQ8Block != 0)
        return detail::cat("a q8_0 KV cache needs heads of a multiple of ", kKvQ8Block,
                           " values, and this model's have ", headDim, ": use the f16 cache");
    return {};
}

} // namespace modelatlas::engine
