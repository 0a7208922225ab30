#include "PlannerFixtures.h"

#include <QtGlobal>

namespace ModelAtlas::Test {

using Planner::ArchitectureRow;
using Planner::ModelShape;

ModelShape makeShape(const QString &id, int layers, int hidden, int heads, int kvHeads, int headDim, int vocab, int ffn,
                     bool tied, const QString &moe, const QString &mla, const QString &swa, double paramsB)
{
    ArchitectureRow r;
    r.model = id;
    r.nLayers = layers; r.hidden = hidden; r.nHeads = heads; r.nKvHeads = kvHeads; r.headDim = headDim;
    r.vocab = vocab; r.ffn = ffn; r.tieEmbeddings = tied; r.maxPosition = 131072;
    r.moeJson = moe; r.mlaJson = mla; r.slidingWindowJson = swa; r.paramsTotalB = paramsB;
    auto s = Planner::shapeFromArchitecture(r);
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return s.value();
}

ModelShape llama31_8b() { return makeShape(QStringLiteral("llama-3.1-8b"), 32, 4096, 32, 8, 128, 128256, 14336); }
ModelShape llama32_1b() { return makeShape(QStringLiteral("llama-3.2-1b"), 16, 2048, 32, 8, 64, 128256, 8192, true); }

Hardware::GpuSpec gpu(const QString &id, double memGiB, double bw, double tflops)
{
    Hardware::GpuSpec g;
    g.id = id;
    g.name = id;
    g.vendor = QStringLiteral("NVIDIA");
    g.memoryGiB = memGiB;
    g.bandwidthGBs = bw;
    g.fp16Tflops = tflops;
    return g;
}

Hardware::GpuSpec h100() { return gpu(QStringLiteral("h100-sxm-80gb"), 80, 3350, 989); }

} // namespace ModelAtlas::Test
