#include "RunnerTypes.h"

#include <QFileInfo>

namespace ModelAtlas::Runners {

QString RunnerSpec::displayName() const
{
    if (isLocal())
        return QFileInfo(path).fileName();
    return QStringLiteral("%1 @ %2").arg(model, baseUrl);
}

double RunFigures::memoryErrorPercent() const
{
    if (peakBytes == 0 || predictedBytes == 0)
        return 0;
    return (double(predictedBytes) - double(peakBytes)) / double(peakBytes) * 100.0;
}

} // namespace ModelAtlas::Runners
