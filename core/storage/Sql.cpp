#include "storage/Sql.h"

#include <QCoreApplication>

namespace sportello::sql {

QString describe(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    if (text.isEmpty())
        text = error.text();
    return text;
}

Status exec(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return Error{QCoreApplication::translate("Database", "Database error: %1").arg(describe(query.lastError()))};
    return {};
}

Status exec(QSqlQuery &query)
{
    if (!query.exec())
        return Error{QCoreApplication::translate("Database", "Database error: %1").arg(describe(query.lastError()))};
    return {};
}

Status prepare(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        return Error{QCoreApplication::translate("Database", "Database error: %1").arg(describe(query.lastError()))};
    return {};
}

QString jsonIdList(const QVector<qint64> &ids)
{
    QByteArray text;
    text.reserve(ids.size() * 8 + 2);
    text += '[';
    for (qint64 id : ids) {
        if (text.size() > 1)
            text += ',';
        text += QByteArray::number(id);
    }
    text += ']';
    return QString::fromLatin1(text);
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return Error{QCoreApplication::translate("Database", "Database error: %1").arg(describe(query.lastError()))};
    if (!query.next())
        return QVariant();
    return query.value(0);
}

} // namespace sportello::sql
