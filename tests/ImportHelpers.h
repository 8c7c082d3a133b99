#pragma once
// Helpers for the import tests: files written on the fly, valid interchange lines to spoil, counts.

#include "TestSupport.h"
#include "catch_compat.h"

#include "fileimport/Importer.h"
#include "storage/Sql.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace sportello::test {

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(bytes) == bytes.size());
    return path;
}

inline qint64 count(Database &db, const QString &statement)
{
    auto v = sql::scalar(db.connection(), statement);
    INFO(v.error().toStdString());
    REQUIRE(v.ok());
    return v->toLongLong();
}

inline QVariant value(Database &db, const QString &statement)
{
    auto v = sql::scalar(db.connection(), statement);
    INFO(v.error().toStdString());
    REQUIRE(v.ok());
    return v.value();
}

// A valid interchange-format post, as an object to spoil field by field.
inline QJsonObject validPost(int n, const QString &thread = QStringLiteral("fb-t1"))
{
    return QJsonObject{
        {QStringLiteral("channel"), QStringLiteral("facebook")},
        {QStringLiteral("thread_id"), thread},
        {QStringLiteral("post_id"), QStringLiteral("fb-p%1").arg(n)},
        {QStringLiteral("in_reply_to"), QJsonValue::Null},
        {QStringLiteral("author"), QJsonObject{{QStringLiteral("id"), QStringLiteral("fbu-1")},
                                               {QStringLiteral("handle"), QStringLiteral("giulia.b")},
                                               {QStringLiteral("name"), QStringLiteral("Giulia Bianchi")},
                                               {QStringLiteral("followers"), 412}}},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("visibility"), QStringLiteral("public")},
        {QStringLiteral("created_at"), QStringLiteral("2026-03-02T09:%1:00Z").arg(n % 60, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("text"), QStringLiteral("Buongiorno, il sinistro %1 è ancora aperto").arg(n)},
        {QStringLiteral("category"), QStringLiteral("complaint")},
        {QStringLiteral("language"), QStringLiteral("it")},
    };
}

inline QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

inline QByteArray validLines(int from, int to)
{
    QByteArray bytes;
    for (int n = from; n <= to; ++n)
        bytes += jsonLine(validPost(n));
    return bytes;
}

inline std::string str(const QString &s) { return s.toStdString(); }

// Every issue of a report, one a line, for INFO().
inline std::string issuesText(const ImportReport &report)
{
    QStringList lines{report.error};
    for (const ImportIssue &issue : report.issues)
        lines << issue.toString();
    return lines.join(QLatin1Char('\n')).toStdString();
}

} // namespace sportello::test
