#include "modelatlas/engine/tensor/ggml_type.h"

#include <array>
#include <cctype>
#include <limits>

namespace modelatlas::engine {

namespace {

// Block layouts (see docs/ENGINE.md): e.g. Q4_0 = f16 scale + 32 4-bit values = 18 bytes,
// Q4_K = f16 d, f16 dmin, 12 bytes of 6-bit scales, 128 bytes of 4-bit values = 144 bytes.
constexpr std::array kTypes{
    GgmlTypeTraits{GgmlType::F32, "F32", 1, 4, false},
    GgmlTypeTraits{GgmlType::F16, "F16", 1, 2, false},
    GgmlTypeTraits{GgmlType::Q4_0, "Q4_0", 32, 2 + 16, true},
    GgmlTypeTraits{GgmlType::Q4_1, "Q4_1", 32, 2 + 2 + 16, true},
    GgmlTypeTraits{GgmlType::Q5_0, "Q5_0", 32, 2 + 4 + 16, true},
    GgmlTypeTraits{GgmlType::Q5_1, "Q5_1", 32, 2 + 2 + 4 + 16, true},
    GgmlTypeTraits{GgmlType::Q8_0, "Q8_0", 32, 2 + 32, true},
    GgmlTypeTraits{GgmlType::Q8_1, "Q8_1", 32, 2 + 2 + 32, true},
    GgmlTypeTraits{GgmlType::Q2_K, "Q2_K", kQK_K, 16 + 64 + 2 + 2, true},
    GgmlTypeTraits{GgmlType::Q3_K, "Q3_K", kQK_K, 32 + 64 + 12 + 2, true},
    GgmlTypeTraits{GgmlType::Q4_K, "Q4_K", kQK_K, 2 + 2 + 12 + 128, true},
    GgmlTypeTraits{GgmlType::Q5_K, "Q5_K", kQK_K, 2 + 2 + 12 + 32 + 128, true},
    GgmlTypeTraits{GgmlType::Q6_K, "Q6_K", kQK_K, 128 + 64 + 16 + 2, true},
    GgmlTypeTraits{GgmlType::Q8_K, "Q8_K", kQK_K, 4 + 256 + 2 * 16, true},
    GgmlTypeTraits{GgmlType::I8, "I8", 1, 1, false},
    GgmlTypeTraits{GgmlType::I16, "I16", 1, 2, false},
    GgmlTypeTraits{GgmlType::I32, "I32", 1, 4, false},
    GgmlTypeTraits{GgmlType::I64, "I64", 1, 8, false},
    GgmlTypeTraits{GgmlType::F64, "F64", 1, 8, false},
    GgmlTypeTraits{GgmlType::BF16, "BF16", 1, 2, false},
};

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

} // namespace

const GgmlTypeTraits *ggmlTypeTraits(uint32_t id)
{
    for (const auto &t : kTypes) {
        if (static_cast<uint32_t>(t.type) == id)
            return &t;
    }
    return nullptr;
}

std::string_view ggmlTypeName(GgmlType t)
{
    const GgmlTypeTraits *traits = ggmlTypeTraits(static_cast<uint32_t>(t));
    return traits ? traits->name : std::string_view("unknown");
}

std::span<const GgmlTypeTraits> allGgmlTypes()
{
    return kTypes;
}

const GgmlTypeTraits *ggmlTypeByName(std::string_view name)
{
    for (const auto &t : kTypes) {
        if (equalsIgnoreCase(t.name, name))
            return &t;
    }
    return nullptr;
}

Result<uint64_t> ggmlTensorBytes(GgmlType type, uint64_t nElements)
{
    const GgmlTypeTraits *t = ggmlTypeTraits(static_cast<uint32_t>(type));
    if (!t)
        return makeError("unknown tensor type id ", static_cast<uint32_t>(type));
    if (nElements % t->blockSize != 0)
        return makeError(nElements, " elements are not a whole number of ", t->name, " blocks of ",
                         t->blockSize);
    const uint64_t blocks = nElements / t->blockSize;
    if (blocks > std::numeric_limits<uint64_t>::max() / t->bytesPerBlock)
        return makeError("byte size of ", nElements, " ", t->name, " elements overflows 64 bits");
    return blocks * t->bytesPerBlock;
}

} // namespace modelatlas::engine
