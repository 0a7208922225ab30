#include "HardwareDetect.h"

#include "GpuCatalog.h"
#include "MemoryBandwidth.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>

#include <cmath>

namespace ModelAtlas::Hardware {

namespace {

// The translation context of the notes shown on the My hardware panels (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Hardware::HardwareDetect)
};

// "key<tabs> : value" -> value, for the first line whose key is `key`.
QString procValue(const QString &text, const QString &key)
{
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0 && line.left(colon).trimmed().compare(key, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    // /proc files report size 0; readAll reads until EOF regardless.
    return QString::fromUtf8(f.readAll());
}

} // namespace

void parseCpuInfo(const QString &text, DetectedHardware &out)
{
    for (const char *key : {"model name", "Hardware", "Model", "cpu model"}) {
        const QString v = procValue(text, QString::fromLatin1(key));
        if (!v.isEmpty()) {
            out.cpuModel = v.simplified();
            break;
        }
    }
    static const QRegularExpression processor(QStringLiteral("^processor\\s*:"), QRegularExpression::MultilineOption);
    int cores = 0;
    for (auto it = processor.globalMatch(text); it.hasNext(); it.next())
        ++cores;
    out.cpuCores = cores;
}

std::optional<double> parseMemTotalGiB(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^MemTotal:\\s*(\\d+)\\s*kB\\s*$"), QRegularExpression::MultilineOption);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double kib = m.captured(1).toDouble(&ok);
    if (!ok || kib <= 0)
        return std::nullopt;
    return kib / (1024.0 * 1024.0);
}

QList<DetectedGpu> parseNvidiaSmi(const QString &text)
{
    // "NVIDIA H100 80GB HBM3, 81559 MiB"; a name may hold commas, the memory is the last field.
    static const QRegularExpression re(QStringLiteral("^(.+),\\s*(\\d+(?:\\.\\d+)?)\\s*(MiB|GiB)\\s*$"));
    QList<DetectedGpu> out;
    for (const QString &raw : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto m = re.match(raw.trimmed());
        if (!m.hasMatch())
            continue;
        const double amount = m.captured(2).toDouble();
        DetectedGpu gpu;
        gpu.name = m.captured(1).trimmed();
        gpu.memoryGiB = m.captured(3) == QLatin1String("GiB") ? amount : amount / 1024.0;
        out << gpu;
    }
    return out;
}

std::optional<DetectedGpu> parseNvidiaProcInformation(const QString &text)
{
    const QString model = procValue(text, QStringLiteral("Model"));
    if (model.isEmpty())
        return std::nullopt;
    DetectedGpu gpu;
    gpu.name = model;
    return gpu;
}

QList<DetectedGpu> gpusFromCuda(const modelatlas::engine::cuda::CudaSystem &system)
{
    QList<DetectedGpu> out;
    for (const auto &d : system.devices) {
        DetectedGpu gpu;
        gpu.name = QString::fromStdString(d.name);
        gpu.memoryGiB = double(d.totalMemoryBytes) / (1024.0 * 1024.0 * 1024.0);
        gpu.bandwidthGBs = d.peakBandwidthGBs;
        out << gpu;
    }
    return out;
}

bool isAppleSilicon(const QString &cpuBrand)
{
    static const QRegularExpression re(QStringLiteral("^Apple M\\d"));
    return re.match(cpuBrand.trimmed()).hasMatch();
}

DetectedHardware detectHardware(int timeoutMs)
{
    DetectedHardware out;
    if (const QString cpu = readText(QStringLiteral("/proc/cpuinfo")); !cpu.isEmpty())
        parseCpuInfo(cpu, out);
    if (const auto ram = parseMemTotalGiB(readText(QStringLiteral("/proc/meminfo"))))
        out.systemRamGiB = *ram;

    const auto run = [timeoutMs](const QString &program, const QStringList &args) -> std::optional<QString> {
        if (QStandardPaths::findExecutable(program).isEmpty())
            return std::nullopt;
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            p.kill();
            p.waitForFinished(500);
            return std::nullopt;
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    };

    if (QSysInfo::productType() == QLatin1String("macos")) {
        if (const auto brand = run(QStringLiteral("sysctl"), {QStringLiteral("-n"), QStringLiteral("machdep.cpu.brand_string")})) {
            out.cpuModel = brand->trimmed();
            out.unifiedMemory = isAppleSilicon(out.cpuModel);
        }
        if (const auto mem = run(QStringLiteral("sysctl"), {QStringLiteral("-n"), QStringLiteral("hw.memsize")}))
            out.systemRamGiB = mem->trimmed().toDouble() / (1024.0 * 1024.0 * 1024.0);
        out.cpuCores = QThread::idealThreadCount();
    }

    // The CUDA runtime knows what the engine will run on (and the bandwidth);
    // without it, the driver's tools still name the cards.
    const auto cuda = modelatlas::engine::cuda::discoverDevices();
    if (cuda.ok()) {
        out.gpus = gpusFromCuda(cuda.value());
    } else if (const auto smi = run(QStringLiteral("nvidia-smi"), {QStringLiteral("--query-gpu=name,memory.total"),
                                                                   QStringLiteral("--format=csv,noheader")})) {
        out.gpus = parseNvidiaSmi(*smi);
    } else {
        const QDir dir(QStringLiteral("/proc/driver/nvidia/gpus"));
        for (const QString &bus : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            if (const auto gpu = parseNvidiaProcInformation(readText(dir.filePath(bus + QStringLiteral("/information")))))
                out.gpus << *gpu;
        if (!out.gpus.isEmpty())
            out.notes << Text::tr("nvidia-smi is not available; GPU memory sizes are taken from the catalog.");
    }
    if (!cuda.ok() && !out.gpus.isEmpty() && modelatlas::engine::cuda::builtWithCuda())
        out.notes << Text::tr("The CUDA runtime cannot use the GPU (%1); the engine will run trial prompts on the CPU.")
                         .arg(QString::fromStdString(cuda.message()));
    // CPU-only plans and offloaded layers run at this speed; a fraction of a second.
    out.memoryBandwidthGBs = measureMemoryReadBandwidthGBs();
    if (out.cpuModel.isEmpty())
        out.notes << Text::tr("The CPU model could not be read.");
    if (out.systemRamGiB <= 0)
        out.notes << Text::tr("The system memory size could not be read.");
    return out;
}

Result<GpuSpec> findDetectedGpu(const QList<GpuSpec> &gpus, const QString &driverName)
{
    QStringList words = driverName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    Result<GpuSpec> card = findGpu(gpus, driverName);
    while (!card && words.size() > 2) {
        words.removeLast();
        card = findGpu(gpus, words.join(QLatin1Char(' ')));
    }
    return card;
}

DetectedProfile profileFromDetected(const DetectedHardware &hw, const QList<GpuSpec> &gpus, const QString &name)
{
    DetectedProfile out;
    HardwareProfile &p = out.profile;
    p.name = name;
    p.systemRamGiB = std::round(hw.systemRamGiB * 10) / 10;
    p.cpuCores = hw.cpuCores;
    p.cpuBandwidthGBs = std::round(hw.memoryBandwidthGBs * 10) / 10;
    out.notes = hw.notes;

    if (hw.unifiedMemory) {
        // The catalog lists Apple chips as "GPUs" with unified memory.
        if (const auto chip = findGpu(gpus, hw.cpuModel)) {
            p.gpu = chip.value();
            p.gpuCount = 1;
            out.notes << Text::tr("%1: unified memory, the GPU shares the %2 GiB of system RAM.")
                             .arg(hw.cpuModel).arg(p.systemRamGiB);
        } else {
            out.notes << Text::tr("%1 is not in the catalog; planning for the CPU only.").arg(hw.cpuModel);
        }
        return out;
    }
    if (hw.gpus.isEmpty()) {
        out.notes << Text::tr("No NVIDIA GPU found; the profile is CPU only.");
        return out;
    }
    const DetectedGpu &first = hw.gpus.first();
    const Result<GpuSpec> card = findDetectedGpu(gpus, first.name);
    if (!card) {
        out.notes << Text::tr("%1 is not in the catalog; the profile is CPU only. Add the card as a custom GPU to plan for it.")
                         .arg(first.name);
        return out;
    }
    int count = 0;
    for (const DetectedGpu &g : hw.gpus)
        count += g.name == first.name ? 1 : 0;
    if (count < hw.gpus.size())
        out.notes << Text::tr("Mixed GPUs: the profile plans for the %1 %2 only.").arg(count).arg(first.name);
    p.gpu = card.value();
    p.gpuCount = count;
    // The driver's figure is what the runtime sees (ECC, reserved memory);
    // it wins over the datasheet when it is smaller.
    if (first.memoryGiB > 0 && first.memoryGiB < p.gpu.memoryGiB)
        p.gpu.memoryGiB = std::round(first.memoryGiB * 10) / 10;
    // Variants share a name (an H100 PCIe streams 2.0 TB/s, an SXM 3.35): the
    // runtime's figure for this card wins when it differs by more than 5%.
    if (first.bandwidthGBs > 0 && std::abs(first.bandwidthGBs - p.gpu.bandwidthGBs) > 0.05 * p.gpu.bandwidthGBs) {
        out.notes << Text::tr("%1: the CUDA runtime reports %2 GB/s peak memory bandwidth (the catalog lists %3 GB/s); "
                              "the plan uses the runtime's figure.")
                         .arg(first.name)
                         .arg(std::round(first.bandwidthGBs))
                         .arg(p.gpu.bandwidthGBs);
        p.gpu.bandwidthGBs = std::round(first.bandwidthGBs);
    }
    return out;
}

} // namespace ModelAtlas::Hardware
