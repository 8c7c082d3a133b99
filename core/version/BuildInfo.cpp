#include "version/BuildInfo.h"

#include "SportelloBuildInfo.h" // generated at build time: SPORTELLO_COMMIT, SPORTELLO_BUILD_DATE
#include "SportelloVersion.h"   // generated at configure time: SPORTELLO_VERSION

namespace sportello {

QString versionNumber() { return QStringLiteral(SPORTELLO_VERSION); }

QString buildCommit() { return QStringLiteral(SPORTELLO_COMMIT); }

QString buildDate() { return QStringLiteral(SPORTELLO_BUILD_DATE); }

QString versionLine(const QString &program)
{
    return QStringLiteral("%1 %2 (commit %3, built %4)").arg(program, versionNumber(), buildCommit(), buildDate());
}

} // namespace sportello
