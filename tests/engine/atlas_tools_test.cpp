// atlas-run (ids or text in, streamed text out, chat, stop strings, JSON) and
// atlas-bench end to end.
#include "test_support.h"

#include "modelatlas/engine/cuda/cuda_device.h"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
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

nlohmann::json goldenCase0(const std::string &path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in).at("cases").at(0);
}

TEST(AtlasRun, AidreamsTextPromptStreamsTheGoldenText)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    MA_REQUIRE_SHARED_FILE(golden, "golden/aidreams260K-F32.golden.json");
    const nlohmann::json g = goldenCase0(golden);
    const std::string prompt = g.at("prompt").get<std::string>();
    const std::string exe = std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + model + " -p '" + prompt + "' -n 64";

    const ToolOutput j = runCommand(exe + " --json");
    ASSERT_EQ(j.code, 0) << j.out;
    const auto out = nlohmann::json::parse(j.out);
    EXPECT_EQ(out.at("prompt").get<std::string>(), prompt);
    EXPECT_EQ(out.at("prompt_ids"), g.at("prompt_tokens"));
    EXPECT_EQ(out.at("generated_ids"), g.at("greedy_tokens"));
    EXPECT_EQ(out.at("text").get<std::string>(), g.at("greedy_text").get<std::string>());
    EXPECT_EQ(out.at("stop_reason").get<std::string>(), "max_tokens");
    for (const char *k : {"load_ms", "ttft_ms", "prefill_tok_s", "decode_tok_s", "peak_rss_bytes"})
        EXPECT_GT(out.at("stats").at(k).get<double>(), 0.0) << k;

    // Streamed: stdout is exactly the text (the stats line goes to stderr).
    const ToolOutput streamed = runCommand("(" + exe + " 2>/dev/null)");
    ASSERT_EQ(streamed.code, 0);
    EXPECT_EQ(streamed.out, g.at("greedy_text").get<std::string>());
}

TEST(AtlasRun, StopStringEndsTheTextBeforeIt)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + model +
                                    " -p 'Once upon a time' -n 64 --stop ' petals' --stop 'never seen' --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto out = nlohmann::json::parse(r.out);
    EXPECT_EQ(out.at("text").get<std::string>(), ", pixels unfolding like");
    EXPECT_EQ(out.at("stop_reason").get<std::string>(), "stop_string");
    // The 512-token vocabulary spells ", pixels unfolding like petals" in 12 tokens; the 12th completes the stop string.
    EXPECT_EQ(out.at("generated_ids").size(), 12u);
}

TEST(AtlasRun, ChatWithoutATemplateFallsBackToPlainTextAndSaysSo)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    const ToolOutput r = runCommand("(" + std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + model +
                                    " --chat --system 'Be brief.' -p 'Once upon a time' -n 4 --json 2>&1 >/dev/null)");
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, HasSubstr("warning: the model has no chat template; using plain text"));
}

TEST(AtlasRun, ChatRendersTheModelsTemplateAndTakesEverySamplingFlag)
{
    MA_REQUIRE_SHARED_FILE(vocab, "tokenizer/ggml-vocab-phi-3.gguf");
    TempFile f;
    ASSERT_FALSE(modelatlas::engine::test::synthesise("tiny", "Q8_0", f, "--vocab " + vocab).empty());
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + f.path() +
                                    " --chat --system 'Be brief.' -p Hello -n 2 --ignore-eos --seed 3 --temp 0.8"
                                    " --top-k 5 --top-p 0.9 --min-p 0.01 --repeat-penalty 1.1 -t 1 -c 64 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto out = nlohmann::json::parse(r.out);
    EXPECT_EQ(out.at("prompt").get<std::string>(), "<|system|>\nBe brief.<|end|>\n<|user|>\nHello<|end|>\n<|assistant|>\n");
    const auto ids = out.at("prompt_ids").get<std::vector<int>>();
    ASSERT_GE(ids.size(), 6u);
    EXPECT_EQ(ids[0], 1);        // <s>
    EXPECT_EQ(ids[1], 32006);    // <|system|>: the template's markers became control tokens
    EXPECT_NE(std::find(ids.begin(), ids.end(), 32010), ids.end());   // <|user|>
    EXPECT_NE(std::find(ids.begin(), ids.end(), 32001), ids.end());   // <|assistant|>
    EXPECT_EQ(out.at("generated_ids").size(), 2u);
    EXPECT_EQ(out.at("threads").get<int>(), 1);
}

TEST(AtlasRun, ErrorsAreReported)
{
    const ToolOutput r = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " /nonexistent.gguf --ids 1");
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.out, HasSubstr("error:"));
    const ToolOutput u = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE));
    EXPECT_EQ(u.code, 2);
    EXPECT_THAT(u.out, HasSubstr("usage:"));
    const ToolOutput both = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " m.gguf -p hi --ids 1");
    EXPECT_EQ(both.code, 2);
    EXPECT_THAT(both.out, HasSubstr("exactly one of -p TEXT or --ids LIST"));
    const ToolOutput badN = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " m.gguf -p hi -n lots");
    EXPECT_EQ(badN.code, 2);
    EXPECT_THAT(badN.out, HasSubstr("-n wants an integer in 0..4194304, not 'lots'"));
    const ToolOutput badTemp = runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " m.gguf -p hi --top-p 2");
    EXPECT_EQ(badTemp.code, 2);
    EXPECT_THAT(badTemp.out, HasSubstr("--top-p wants a number in 0..1, not '2'"));
}

TEST(AtlasBench, JsonOnASyntheticModel)
{
    TempFile f;
    ASSERT_FALSE(modelatlas::engine::test::synthesise("tiny", "Q4_0", f).empty());
    const ToolOutput r =
        runCommand(std::string(MODELATLAS_ATLAS_BENCH_EXE) + " " + f.path() + " -p 32 -n 8 -d 24 -r 2 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_GT(j.at("pp_tok_s").get<double>(), 0.0);
    EXPECT_GT(j.at("tg_tok_s").get<double>(), 0.0);
    EXPECT_EQ(j.at("pp").get<int>(), 32);
    EXPECT_EQ(j.at("type").get<std::string>(), "Q4_0");
    EXPECT_EQ(j.at("depth").get<int>(), 24);
    // Memory by the planner's categories; the session state is KV cache plus scratch.
    const auto bytes = [&](const char *key) { return j.at(key).get<uint64_t>(); };
    EXPECT_GT(bytes("weight_bytes"), 0u);
    EXPECT_LT(bytes("weight_bytes"), bytes("file_bytes"));
    EXPECT_GT(bytes("kv_cache_bytes"), 0u);
    EXPECT_EQ(bytes("state_bytes"), bytes("kv_cache_bytes") + bytes("scratch_bytes"));
    EXPECT_GE(bytes("backend_peak_bytes"), bytes("weight_bytes") + bytes("state_bytes"));
    // The default backend is auto: the GPU, or the CPU with the reason in backend_note.
    const std::string backend = j.at("backend").get<std::string>();
    if (backend.rfind("CPU (", 0) == 0) {
        EXPECT_THAT(j.at("backend_note").get<std::string>(), HasSubstr("running on the CPU: "));
        EXPECT_EQ(bytes("runtime_overhead_bytes"), 0u);   // no device runtime between the buffers and the memory
        EXPECT_EQ(bytes("device_used_bytes"), 0u);
    } else {
        EXPECT_THAT(backend, ::testing::StartsWith("CUDA ("));
        EXPECT_EQ(bytes("device_used_bytes"), bytes("weight_bytes") + bytes("kv_cache_bytes") + bytes("scratch_bytes")
                                                  + bytes("runtime_overhead_bytes"));
    }
}

// --kv-type: q8_0 shrinks the cache to 34/64 of F16's (a context of 32
// positions: F16 value rows hold the attention span, positions rounded up to
// 32); a model whose heads would split a Q8_0 block is refused with the
// reason; bad names are usage errors.
TEST(AtlasTools, KvTypeFlag)
{
    MA_REQUIRE_SHARED_FILE(model, "models/synth-llama-F16.gguf");
    const std::string bench = std::string(MODELATLAS_ATLAS_BENCH_EXE) + " " + model + " -p 31 -n 4 -r 1 --backend cpu --json";
    const ToolOutput f16 = runCommand(bench);
    const ToolOutput q8 = runCommand(bench + " --kv-type q8_0");
    ASSERT_EQ(f16.code, 0) << f16.out;
    ASSERT_EQ(q8.code, 0) << q8.out;
    const auto jf = nlohmann::json::parse(f16.out), jq = nlohmann::json::parse(q8.out);
    EXPECT_EQ(jf.at("kv_type").get<std::string>(), "f16");
    EXPECT_EQ(jq.at("kv_type").get<std::string>(), "q8_0");
    EXPECT_EQ(jq.at("kv_cache_bytes").get<uint64_t>() * 64, jf.at("kv_cache_bytes").get<uint64_t>() * 34);
    EXPECT_GT(jq.at("tg_tok_s").get<double>(), 0.0);
    const ToolOutput bad = runCommand(bench + " --kv-type q4");
    EXPECT_EQ(bad.code, 2);
    EXPECT_THAT(bad.out, HasSubstr("--kv-type wants f16 or q8_0"));

    MA_REQUIRE_SHARED_FILE(tiny, "models/aidreams260K-F32.gguf");   // heads of 16
    const ToolOutput refused =
        runCommand(std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + tiny + " --ids 1,429 -n 2 --backend cpu --kv-type q8_0");
    EXPECT_EQ(refused.code, 1);
    EXPECT_THAT(refused.out, HasSubstr("q8_0 KV cache needs heads of a multiple of 32"));
}

// --backend: cpu runs on the CPU without a note; anything but auto/cpu/cuda is a usage error.
TEST(AtlasRun, BackendFlag)
{
    MA_REQUIRE_SHARED_FILE(model, "models/aidreams260K-F32.gguf");
    const std::string exe = std::string(MODELATLAS_ATLAS_RUN_EXE) + " " + model + " --ids 1,429 -n 2 --json";
    const ToolOutput cpu = runCommand(exe + " --backend cpu");
    ASSERT_EQ(cpu.code, 0) << cpu.out;
    const auto j = nlohmann::json::parse(cpu.out);
    EXPECT_THAT(j.at("backend").get<std::string>(), ::testing::StartsWith("CPU ("));
    EXPECT_EQ(j.at("backend_note").get<std::string>(), "");
    const ToolOutput bad = runCommand(exe + " --backend gpu");
    EXPECT_EQ(bad.code, 2);
    EXPECT_THAT(bad.out, HasSubstr("--backend wants auto, cpu or cuda, not 'gpu'"));
    // cuda: the GPU, or exit code 1 saying why there is none (no fallback when asked for by name).
    const ToolOutput cuda = runCommand(exe + " --backend cuda");
    if (modelatlas::engine::cuda::firstUsableDevice()) {
        ASSERT_EQ(cuda.code, 0) << cuda.out;
        EXPECT_THAT(nlohmann::json::parse(cuda.out).at("backend").get<std::string>(), ::testing::StartsWith("CUDA ("));
    } else {
        EXPECT_EQ(cuda.code, 1);
        EXPECT_THAT(cuda.out, HasSubstr("error: the CUDA backend cannot run this model: "));
    }
}

} // namespace
