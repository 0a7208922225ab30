// atlas-run and atlas-bench end to end.
#include "test_support.h"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <sys/wait.h>

using modelatlas::engine::test::TempFile;
using ::testing::HasSubstr;

namespace {

struct ToolOutput {
    int code;
    std::string out;
};

ToolOutput runCommand(const std::string &cmd)
{
    ToolOutput r{-1, {}};
    std::FILE *p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    const int st = ::pclose(p);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

TEST(AtlasRun, AidreamsGreedyJsonMatchesGolden)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + model +
                      " --ids 1,429,491,433,295,429,444,445,265,262,263,342,430 -n 8 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("generated_ids").get<std::vector<int>>(), (std::vector<int>{446, 280, 432, 458, 375, 431, 422, 314}));
    EXPECT_EQ(j.at("prompt_ids").size(), 13u);
    EXPECT_GT(j.at("stats").at("decode_tok_s").get<double>(), 0.0);
    EXPECT_GT(j.at("stats").at("peak_rss_bytes").get<double>(), 0.0);
}

TEST(AtlasRun, ErrorsAreReported)
{
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " /nonexistent.gguf --ids 1");
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.out, HasSubstr("error:"));
    const ToolOutput u = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE));
    EXPECT_EQ(u.code, 2);
    EXPECT_THAT(u.out, HasSubstr("usage:"));
}

TEST(AtlasBench, JsonOnASyntheticModel)
{
    TempFile f;
    ASSERT_EQ(std::system((std::string(MODELATLAS_GGUF_SYNTH_EXE) + " --preset tiny --type Q4_0 -o " + f.path() +
                           " > /dev/null 2>&1")
                              .c_str()),
              0);
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_BENCH_EXE) + " " + f.path() + " -p 32 -n 8 -r 2 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_GT(j.at("pp_tok_s").get<double>(), 0.0);
    EXPECT_GT(j.at("tg_tok_s").get<double>(), 0.0);
    EXPECT_EQ(j.at("pp").get<int>(), 32);
    EXPECT_EQ(j.at("type").get<std::string>(), "Q4_0");
}

} // namespace
