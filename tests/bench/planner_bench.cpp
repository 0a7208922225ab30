// modelatlas-bench-planner: the planner's speed targets (issue 3): the full
// fit matrix (every catalog model x 12 quantizations) under 50 ms and one
// plan under 1 ms. Shapes come straight from data/architectures.json so the
// figure measures the planner, not SQLite.
#include "fit/FitMatrix.h"
#include "planner/Planner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ModelAtlas;
using namespace ModelAtlas::Planner;

namespace {

std::vector<ModelShape> loadShapes(const QString &path)
{
    std::vector<ModelShape> shapes;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return shapes;
    const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (!j.is_object())
        return shapes;
    for (const auto &a : j.value("architectures", nlohmann::json::array())) {
        ArchitectureRow r;
        r.model = QString::fromStdString(a.value("model", std::string()));
        const auto num = [&a](const char *k) { return a.contains(k) && a[k].is_number() ? a[k].get<double>() : 0.0; };
        r.nLayers = num("n_layers"); r.hidden = num("hidden_size"); r.nHeads = num("n_heads");
        r.nKvHeads = num("n_kv_heads"); r.headDim = num("head_dim"); r.vocab = num("vocab_size");
        r.ffn = num("ffn_size"); r.maxPosition = num("max_position");
        r.tieEmbeddings = a.value("tie_embeddings", false);
        r.moeJson = QString::fromStdString(a.contains("moe") ? a["moe"].dump() : "null");
        r.mlaJson = QString::fromStdString(a.contains("mla") ? a["mla"].dump() : "null");
        r.slidingWindowJson = QString::fromStdString(a.contains("sliding_window") ? a["sliding_window"].dump() : "null");
        if (auto s = shapeFromArchitecture(r))
            shapes.push_back(std::move(s).value());
    }
    return shapes;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString data = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(MODELATLAS_DATA_DIR "/architectures.json");
    const auto shapes = loadShapes(data);
    if (shapes.empty()) {
        std::fprintf(stderr, "no architectures read from %s\n", qPrintable(data));
        return 1;
    }
    Hardware::HardwareProfile hw;
    hw.gpu = {QStringLiteral("h100-sxm-80gb"), QStringLiteral("NVIDIA H100 SXM 80GB"), QStringLiteral("NVIDIA"), 80, 3350, 989, false, {}, {}, {}};
    hw.gpuCount = 1;
    hw.systemRamGiB = 256;
    Fit::FitOptions opt;
    opt.workload.context = 8192;

    // (a) full matrix, 20 runs, median
    std::vector<double> matrixMs;
    size_t cells = 0;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        const auto rows = Fit::fitMatrix(shapes, hw, opt);
        matrixMs.push_back(double(t.nsecsElapsed()) / 1e6);
        cells = rows.size() * 12;
    }
    // (b) one plan (layout + placement + max context + speed): Llama-3.1-8B-class
    //     model and the largest MoE, 200 runs each, median
    const auto timeOne = [&](const ModelShape &s, Quant q, int gpus) {
        std::vector<double> us;
        Hardware::HardwareProfile h = hw;
        h.gpuCount = gpus;
        for (int i = 0; i < 200; ++i) {
            QElapsedTimer t;
            t.start();
            const WeightLayout layout = layoutFor(s, q);
            PlanInput in;
            in.shape = &s;
            in.layout = &layout;
            in.hardware = h;
            in.workload = opt.workload;
            in.quant = q;
            const auto p = plan(in);
            us.push_back(double(t.nsecsElapsed()) / 1e3);
            if (!p)
                return -1.0;
        }
        return median(us);
    };
    const ModelShape *dense = nullptr, *moe = nullptr;
    for (const auto &s : shapes) {
        if (s.id == QLatin1String("llama-3.1-8b")) dense = &s;
        if (s.id == QLatin1String("deepseek-v3")) moe = &s;
    }
    std::printf("planner bench: %zu models x 12 quants = %zu cells\n", shapes.size(), cells);
    std::printf("(a) full fit matrix, 1 x H100 80GB + 256 GiB RAM, ctx 8192: median %.2f ms (min %.2f) [target < 50 ms]\n",
                median(matrixMs), *std::min_element(matrixMs.begin(), matrixMs.end()));
    if (dense)
        std::printf("(b) one plan, llama-3.1-8b Q4_K_M on 1 GPU: median %.1f us [target < 1000 us]\n", timeOne(*dense, Quant::Q4_K_M, 1));
    if (moe) {
        std::printf("(c) one plan, deepseek-v3 Q4_K_M on 1 GPU (offload search): median %.1f us\n", timeOne(*moe, Quant::Q4_K_M, 1));
        std::printf("(d) one plan, deepseek-v3 FP8 on 8 GPUs: median %.1f us\n", timeOne(*moe, Quant::FP8, 8));
    }
    return 0;
}
