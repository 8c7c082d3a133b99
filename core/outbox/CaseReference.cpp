#include "outbox/CaseReference.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace sportello::outbox {

QString newCaseReference(qint64 nowMs)
{
    static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    const int size = int(sizeof(alphabet)) - 1;
    QString code;
    for (int i = 0; i < 6; ++i)
        code += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(size)]);
    return QStringLiteral("SPT-%1-%2")
        .arg(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd")), code);
}

Result<QString> uniqueCaseReference(const QSqlDatabase &db, qint64 nowMs,
                                    const std::function<QString(qint64 nowMs)> &generate)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT 1 FROM outbox WHERE case_reference = ?")); !s)
        return s.failure();
    // 30^6 codes a day: a clash is rare, and five in a row would mean a broken random source.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const QString candidate = generate ? generate(nowMs) : newCaseReference(nowMs);
        query.addBindValue(candidate);
        if (Status s = sql::exec(query); !s)
            return s.failure();
        if (!query.next())
            return candidate;
    }
    return Error{
        QCoreApplication::translate("Triage", "Could not find a free case reference for the forward; try again."),
        ErrorKind::Conflict};
}

} // namespace sportello::outbox
