#include "test_support.h"

#include "modelatlas/engine/tensor/ggml_type.h"

using namespace modelatlas::engine;

namespace {

struct TypeRow {
    uint32_t id;
    const char *name;
    uint32_t blockSize;
    uint32_t bytesPerBlock;
};

// Ids as GGML's enum ggml_type, sizes from the block layouts.
const TypeRow kRows[] = {
    {0, "F32", 1, 4},      {1, "F16", 1, 2},       {2, "Q4_0", 32, 18},    {3, "Q4_1", 32, 20},
    {6, "Q5_0", 32, 22},   {7, "Q5_1", 32, 24},    {8, "Q8_0", 32, 34},    {9, "Q8_1", 32, 36},
    {10, "Q2_K", 256, 84}, {11, "Q3_K", 256, 110}, {12, "Q4_K", 256, 144}, {13, "Q5_K", 256, 176},
    {14, "Q6_K", 256, 210}, {15, "Q8_K", 256, 292}, {24, "I8", 1, 1},      {25, "I16", 1, 2},
    {26, "I32", 1, 4},     {27, "I64", 1, 8},      {28, "F64", 1, 8},      {30, "BF16", 1, 2},
};

class GgmlTypeTable : public ::testing::TestWithParam<TypeRow> {};

void PrintTo(const TypeRow &r, std::ostream *os) { *os << r.name << " (id " << r.id << ")"; }

TEST_P(GgmlTypeTable, MatchesTheGgmlLayout)
{
    const TypeRow &row = GetParam();
    const GgmlTypeTraits *t = ggmlTypeTraits(row.id);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->name, row.name);
    EXPECT_EQ(t->blockSize, row.blockSize);
    EXPECT_EQ(t->bytesPerBlock, row.bytesPerBlock);
    EXPECT_EQ(ggmlTypeByName(row.name), t);
    EXPECT_EQ(ggmlTensorBytes(t->type, row.blockSize * 10).value(), uint64_t(row.bytesPerBlock) * 10);
}

INSTANTIATE_TEST_SUITE_P(All, GgmlTypeTable, ::testing::ValuesIn(kRows),
                         [](const auto &p) { return std::string(p.param.name); });

TEST(GgmlType, UnknownIdsAndPartialBlocks)
{
    for (uint32_t id : {4u, 5u, 16u, 23u, 29u, 31u, 39u, 1000u})
        EXPECT_EQ(ggmlTypeTraits(id), nullptr) << id;
    EXPECT_EQ(allGgmlTypes().size(), std::size(kRows));
    EXPECT_EQ(ggmlTypeByName("q4_k")->type, GgmlType::Q4_K);
    EXPECT_EQ(ggmlTypeByName("Q9_9"), nullptr);
    EXPECT_EQ(ggmlTensorBytes(GgmlType::Q4_K, 100).message(), "100 elements are not a whole number of Q4_K blocks of 256");
    EXPECT_FALSE(ggmlTensorBytes(GgmlType::F64, 1ull << 62).ok());
}

} // namespace
