#include "common/AppPaths.h"

#include <QDir>
#include <QStandardPaths>

namespace sportello {

QString defaultDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("sportello.sqlite"));
}

} // namespace sportello
