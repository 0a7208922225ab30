#include "CatalogSpec.h"

#include <cstring>

namespace ModelAtlas::Catalog {

namespace {
constexpr bool Req = true;
constexpr bool Opt = false;
} // namespace

const std::vector<TableSpec> &recordTables()
{
    using K = FieldKind;
    static const std::vector<TableSpec> specs = {
        {"vendors", "vendors", "id", nullptr,
         {{"name", K::Text, Req}, {"country", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"families", "families", "id", nullptr,
         {{"name", K::Text, Req}, {"vendor", K::Text, Req, "vendors"}, {"description", K::Text, Opt},
          {"src", K::Text, Req, "sources"}}},
        {"architectures", "architectures", "model", "models",
         {{"src", K::Text, Req, "sources"}, {"n_layers", K::Number, Req}, {"hidden_size", K::Number, Req},
          {"n_heads", K::Number, Req}, {"n_kv_heads", K::Number, Req}, {"head_dim", K::Number, Req},
          {"vocab_size", K::Number, Req}, {"ffn_size", K::Number, Opt}, {"max_position", K::Number, Opt},
          {"rope_theta", K::Number, Opt}, {"tie_embeddings", K::Bool, Opt}, {"moe", K::Json, Opt},
          {"mla", K::Json, Opt}, {"sliding_window", K::Json, Opt}, {"note", K::Text, Opt}}},
        {"benchmarks", "benchmarks", "id", nullptr,
         {{"name", K::Text, Req}, {"unit", K::Text, Opt}, {"higher_is_better", K::Bool, Opt},
          {"description", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"gpus", "gpus", "id", nullptr,
         {{"name", K::Text, Req}, {"vendor", K::Text, Opt}, {"memory_gb", K::Claims, Opt},
          {"bandwidth_gbs", K::Claims, Opt}, {"fp16_tflops", K::Claims, Opt},
          {"price_hour_usd", K::Claims, Opt}, {"purchase_usd", K::Claims, Opt}}},
        {"hardware_statements", "hardware_statements", nullptr, nullptr,
         {{"model", K::Text, Opt, "models"}, {"kind", K::Text, Req}, {"text", K::Text, Req},
          {"gpu", K::Text, Opt}, {"gpu_count", K::Range, Opt}, {"vram_gb", K::Range, Opt},
          {"quantization", K::Text, Opt}, {"monthly_cost_usd", K::Range, Opt},
          {"src", K::Text, Req, "sources"}}},
        {"providers", "providers", "id", nullptr,
         {{"name", K::Text, Req}, {"kind", K::Text, Opt}, {"notes", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"api_prices", "api_prices", nullptr, nullptr,
         {{"model", K::Text, Opt, "models"}, {"model_name", K::Text, Opt}, {"provider", K::Text, Opt, "providers"},
          {"input_per_m", K::Range, Opt}, {"output_per_m", K::Range, Opt}, {"note", K::Text, Opt},
          {"date", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"engines", "engines", "id", nullptr,
         {{"name", K::Text, Req}, {"kind", K::Text, Opt}, {"description", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"quantizations", "quantizations", "id", nullptr,
         {{"name", K::Text, Req}, {"format", K::Text, Opt}, {"bits_per_weight", K::Claims, Opt},
          {"notes", K::Text, Opt}, {"src", K::Text, Req, "sources"}}},
        {"recommendations", "recommendations", nullptr, nullptr,
         {{"use_case", K::Text, Req}, {"scenario", K::Text, Opt}, {"rank", K::Number, Opt},
          {"model", K::Text, Opt, "models"}, {"model_name", K::Text, Opt}, {"note", K::Text, Opt},
          {"src", K::Text, Req, "sources"}}},
        {"statements", "statements", "id", nullptr,
         {{"topic", K::Text, Req}, {"text", K::Text, Req}, {"value", K::Range, Opt}, {"unit", K::Text, Opt},
          {"src", K::Text, Req, "sources"}}},
    };
    return specs;
}

const TableSpec *recordTable(const char *arrayKey)
{
    for (const TableSpec &spec : recordTables()) {
        if (std::strcmp(spec.arrayKey, arrayKey) == 0)
            return &spec;
    }
    return nullptr;
}

const std::vector<ModelFactSpec> &modelFacts()
{
    static const std::vector<ModelFactSpec> facts = {
        {"params_total_b", "params_total_b"},
        {"params_active_b", "params_active_b"},
        {"architecture", "architecture"},
        {"experts", "experts"},
        {"experts_per_token", "experts_per_token"},
        {"shared_experts", nullptr},
        {"attention", "attention"},
        {"context_tokens", "context_tokens"},
        {"release_date", "release_date"},
        {"modality", "modality"},
        {"languages", "languages"},
        {"license", "license_id"},
        {"training_tokens_t", nullptr},
        {"training_cost_musd", nullptr},
        {"training_gpu_hours_m", nullptr},
        {"strengths", nullptr, true},
        {"best_for", nullptr, true},
        {"local_run", nullptr, true},
        {"hf_repo", "hf_repo"},
    };
    return facts;
}

} // namespace ModelAtlas::Catalog
