#pragma once
// Model shapes and GPUs the planner tests share, with the hyper-parameters of
// data/architectures.json (each model's config.json) and datasheet figures.

#include "hardware/HardwareProfile.h"
#include "planner/ModelShape.h"

#include <QString>

namespace ModelAtlas::Test {

Planner::ModelShape makeShape(const QString &id, int layers, int hidden, int heads, int kvHeads, int headDim, int vocab,
                              int ffn, bool tied = false, const QString &moe = {}, const QString &mla = {},
                              const QString &swa = {}, double paramsB = 0);
Planner::ModelShape llama31_8b();
Planner::ModelShape llama32_1b();

Hardware::GpuSpec gpu(const QString &id, double memGiB, double bw, double tflops);
Hardware::GpuSpec h100();

} // namespace ModelAtlas::Test
