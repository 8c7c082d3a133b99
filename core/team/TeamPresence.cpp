#include "team/TeamPresence.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace sportello::team {

namespace {

const QString kPresenceColumns =
    QStringLiteral("c.login, c.agent_name, c.how, c.claimed_at, c.until_at, coalesce(c.typing_until, 0) > ?");

ThreadPresence presenceFrom(const QSqlQuery &q, int first, const QString &myLogin)
{
    ThreadPresence p;
    p.login = q.value(first).toString();
    p.agentName = q.value(first + 1).toString();
    p.how = q.value(first + 2).toString();
    p.sinceMs = q.value(first + 3).toLongLong();
    p.untilMs = q.value(first + 4).toLongLong();
    p.typing = q.value(first + 5).toInt() != 0;
    p.mine = !myLogin.isEmpty() && p.login == myLogin;
    return p;
}

QStringList logins(const QString &json)
{
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        list << v.toString();
    return list;
}

} // namespace

Result<std::optional<ThreadPresence>> presenceOf(const QSqlDatabase &cache, const QString &channel,
                                                 const QString &threadExternalId, qint64 nowMs, const QString &myLogin)
{
    QSqlQuery q(cache);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT %1 FROM team_claims c WHERE c.channel = ? "
                                                  "AND c.thread_external_id = ? AND c.until_at > ?")
                                       .arg(kPresenceColumns));
        !s)
        return s.failure();
    q.addBindValue(nowMs);
    q.addBindValue(channel);
    q.addBindValue(threadExternalId);
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<ThreadPresence>();
    return std::optional<ThreadPresence>(presenceFrom(q, 0, myLogin));
}

Result<QHash<qint64, ThreadPresence>> presenceByThread(const QSqlDatabase &cache, const QVector<qint64> &threadIds,
                                                       qint64 nowMs, const QString &myLogin)
{
    QHash<qint64, ThreadPresence> held;
    if (threadIds.isEmpty())
        return held;
    QSqlQuery q(cache);
    q.setForwardOnly(true);
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT t.id, %1 FROM json_each(?) j JOIN threads t ON t.id = j.value "
                                           "JOIN team_claims c ON c.channel = t.channel AND "
                                           "c.thread_external_id = t.external_id WHERE c.until_at > ?")
                                .arg(kPresenceColumns));
        !s)
        return s.failure();
    q.addBindValue(nowMs);
    q.addBindValue(sql::jsonIdList(threadIds));
    q.addBindValue(nowMs);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    while (q.next())
        held.insert(q.value(0).toLongLong(), presenceFrom(q, 1, myLogin));
    return held;
}

Result<QString> addLocalNote(const QSqlDatabase &cache, qint64 threadId, const QString &text,
                             const QString &authorLogin, const QString &authorName, qint64 nowMs)
{
    if (text.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Team", "A note needs some text."), ErrorKind::InvalidInput};
    if (text.size() > kNoteMaxLength)
        return Error{QCoreApplication::translate("Team", "A note is at most %1 characters.").arg(kNoteMaxLength),
                     ErrorKind::InvalidInput};
    if (text.contains(QChar(u'\0')))
        return Error{QCoreApplication::translate("Team", "A note cannot hold a NUL character."),
                     ErrorKind::InvalidInput};
    auto thread = [&]() -> Result<bool> {
        QSqlQuery q(cache);
        if (Status s = sql::prepare(q, QStringLiteral("SELECT 1 FROM threads WHERE id = ?")); !s)
            return s.failure();
        q.addBindValue(threadId);
        if (Status s = sql::exec(q); !s)
            return s.failure();
        return q.next();
    }();
    if (!thread)
        return thread.failure();
    if (!*thread)
        return Error{QCoreApplication::translate("Team", "Thread %1 is not in this cache.").arg(threadId),
                     ErrorKind::NotFound};
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery insert(cache);
    if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO notes(id, thread_id, author_login, author_name, "
                                                       "at, text) VALUES(?, ?, ?, ?, ?, ?)"));
        !s)
        return s.failure();
    insert.addBindValue(id);
    insert.addBindValue(threadId);
    insert.addBindValue(sql::nullableText(authorLogin));
    insert.addBindValue(authorName);
    insert.addBindValue(nowMs);
    insert.addBindValue(text);
    if (Status s = sql::exec(insert); !s)
        return s.failure();
    return id;
}

Result<QVector<Note>> notesOf(const QSqlDatabase &cache, qint64 threadId)
{
    QSqlQuery q(cache);
    q.setForwardOnly(true);
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT id, thread_id, author_login, author_name, at, text, mentions, "
                                           "team_state FROM notes WHERE thread_id = ? ORDER BY at, rowid"));
        !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<Note> notes;
    while (q.next())
        notes.push_back(Note{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(),
                             q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString(),
                             logins(q.value(6).toString()), q.value(7).toString()});
    return notes;
}

} // namespace sportello::team
