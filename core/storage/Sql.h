#pragma once
// Small helpers so that no SQL result goes unchecked.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QVector>

namespace sportello::sql {

QString describe(const QSqlError &error);

// Runs one statement that takes no parameters.
Status exec(const QSqlDatabase &db, const QString &statement);
// Runs an already prepared and bound query.
Status exec(QSqlQuery &query);
Status prepare(QSqlQuery &query, const QString &statement);
// Runs a query that returns one value in one row.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &statement);

// A JSON array of ids, for set-based statements: "... WHERE id IN (SELECT value FROM json_each(?))".
QString jsonIdList(const QVector<qint64> &ids);

// Nullable integers and texts, for binding.
inline QVariant nullableInt(qint64 value, bool isNull)
{
    return isNull ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}
inline QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

} // namespace sportello::sql
