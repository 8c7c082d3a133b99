#include "net/PlatformTime.h"

#include <QDateTime>

namespace sportello {

qint64 parseGraphTime(const QString &text)
{
    QString t = text.trimmed();
    // Graph writes the offset without a colon ("+0000"); Qt's ISO parser wants "+00:00".
    if (t.size() > 5) {
        const QChar sign = t.at(t.size() - 5);
        if ((sign == QLatin1Char('+') || sign == QLatin1Char('-')) && t.at(t.size() - 3) != QLatin1Char(':'))
            t.insert(t.size() - 2, QLatin1Char(':'));
    }
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid())
        return -1;
    return dt.toMSecsSinceEpoch();
}

} // namespace sportello
