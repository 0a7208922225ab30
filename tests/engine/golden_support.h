#pragma once
// Reading ../shared/golden files and replaying them on a Session, for every
// backend's end-to-end tests.

#include "modelatlas/engine/runtime/session.h"

#include <cstdint>
#include <string>
#include <vector>

namespace modelatlas::engine::test {

struct GoldenCase {
    std::vector<int32_t> prompt;
    std::vector<int32_t> greedy;
    std::vector<std::vector<float>> logits;   // (steps, vocab)
};

std::vector<GoldenCase> readGolden(const std::string &path);

// The synthetic models of ../shared/models with golden files: every tensor type.
struct SynthFile {
    const char *name;   // synth-ARCH-TYPE
    bool quantized;
};
inline constexpr SynthFile kSynthFiles[] = {
    {"synth-llama-F16", false},  {"synth-llama-BF16", false},   {"synth-llama-Q8_0", true},
    {"synth-llama-Q4_0", true},  {"synth-llama-Q4_K_M", true},  {"synth-llama-Q5_K_M", true},
    {"synth-llama-Q6_K", true},  {"synth-qwen2-F16", false},    {"synth-qwen2-Q8_0", true},
    {"synth-qwen2-Q4_K_M", true},
};
// A test name from a file stem: "synth-llama-F16" -> "synth_llama_F16".
std::string testNameOf(const char *stem);

// Teacher-forced logits the way the reference produced them: prompt as one
// batch (logits after its last token), then the golden tokens one at a time.
std::vector<std::vector<float>> teacherForced(Session &s, const GoldenCase &g, size_t steps);

} // namespace modelatlas::engine::test
