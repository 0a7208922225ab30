#include "golden_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace modelatlas::engine::test {

std::vector<GoldenCase> readGolden(const std::string &path)
{
    std::ifstream in(path);
    const nlohmann::json j = nlohmann::json::parse(in);
    std::vector<GoldenCase> cases;
    for (const auto &c : j.at("cases")) {
        GoldenCase g;
        g.prompt = c.at("prompt_tokens").get<std::vector<int32_t>>();
        g.greedy = c.at("greedy_tokens").get<std::vector<int32_t>>();
        g.logits = c.at("logits").get<std::vector<std::vector<float>>>();
        cases.push_back(std::move(g));
    }
    return cases;
}

std::string testNameOf(const char *stem)
{
    std::string n = stem;
    for (char &ch : n)
        if (ch == '-')
            ch = '_';
    return n;
}

std::vector<std::vector<float>> teacherForced(Session &s, const GoldenCase &g, size_t steps)
{
    std::vector<std::vector<float>> out;
    s.reset();
    EXPECT_TRUE(s.prefill(g.prompt).ok());
    for (size_t step = 0; step < steps; ++step) {
        const auto l = s.logits();
        out.emplace_back(l.begin(), l.end());
        if (step + 1 < steps) {
            EXPECT_TRUE(s.prefill(std::span<const int32_t>(&g.greedy[step], 1)).ok());
        }
    }
    return out;
}

} // namespace modelatlas::engine::test
