#include "AboutDialog.h"

#include "modelatlas/engine/cpu/cpu_features.h"
#include "modelatlas/engine/version.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ModelAtlas::Gui {

namespace {

QString cpuFeatureList()
{
    const auto &f = modelatlas::engine::cpu::cpuFeatures();
    QStringList out;
    if (f.avx2) out << QStringLiteral("AVX2");
    if (f.fma) out << QStringLiteral("FMA");
    if (f.f16c) out << QStringLiteral("F16C");
    if (f.avx512f) out << QStringLiteral("AVX-512F");
    if (f.avx512vnni) out << QStringLiteral("AVX-512 VNNI");
    return out.isEmpty() ? AboutDialog::tr("none of AVX2/FMA/F16C/AVX-512") : out.join(QStringLiteral(", "));
}

} // namespace

AboutDialog::AboutDialog(const QString &catalogVersion, const QString &databasePath, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("AboutDialog"));
    setWindowTitle(tr("About ModelAtlas"));
    const auto kernels = modelatlas::engine::cpu::activeKernelPath();
    const QStringList lines = {
        tr("ModelAtlas %1").arg(QStringLiteral(MODELATLAS_VERSION)),
        tr("Catalog: %1").arg(catalogVersion.isEmpty() ? tr("not loaded") : catalogVersion),
        tr("Database: %1").arg(databasePath),
        tr("Qt: %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        tr("Engine: %1, backend %2").arg(QString::fromLatin1(modelatlas::engine::engineVersion()),
                                        QString::fromStdString(modelatlas::engine::backendName())),
        tr("CPU kernels: %1 (CPU features: %2)")
            .arg(QString::fromLatin1(modelatlas::engine::cpu::kernelPathName(kernels).data(),
                                     qsizetype(modelatlas::engine::cpu::kernelPathName(kernels).size())),
                 cpuFeatureList()),
    };
    m_text = lines.join(QLatin1Char('\n'));

    auto *title = new QLabel(QStringLiteral("<h2>ModelAtlas %1</h2><p>%2</p>")
                                 .arg(QStringLiteral(MODELATLAS_VERSION),
                                      tr("Choose an open-weight LLM, plan its deployment and verify it on your hardware.")));
    title->setWordWrap(true);
    auto *details = new QLabel(lines.mid(1).join(QStringLiteral("<br>")).toHtmlEscaped().replace(
        QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>")));
    details->setObjectName(QStringLiteral("aboutVersions"));
    details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    details->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *copy = buttons->addButton(tr("&Copy versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_text); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(details);
    layout->addWidget(buttons);
}

} // namespace ModelAtlas::Gui
