#include "team/TeamNotes.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <algorithm>

namespace sportello::team {

namespace {

QStringList logins(const QString &json)
{
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        list << v.toString();
    return list;
}

} // namespace

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

Result<QVector<Note>> mentionsSince(const QSqlDatabase &cache, const QString &login, qint64 &mark)
{
    QSqlQuery q(cache);
    q.setForwardOnly(true);
    if (Status s = sql::prepare(q, QStringLiteral("SELECT rowid, id, thread_id, author_login, author_name, at, text, "
                                                  "mentions, team_state FROM notes WHERE rowid > ? ORDER BY rowid"));
        !s)
        return s.failure();
    q.addBindValue(mark);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<Note> mentioning;
    while (q.next()) {
        mark = std::max(mark, q.value(0).toLongLong());
        Note note{q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString(), q.value(4).toString(),
                  q.value(5).toLongLong(), q.value(6).toString(), logins(q.value(7).toString()),
                  q.value(8).toString()};
        if (note.mentions.contains(login) && note.authorLogin != login)
            mentioning.push_back(note);
    }
    return mentioning;
}

Result<qint64> latestNoteMark(const QSqlDatabase &cache)
{
    auto mark = sql::scalar(cache, QStringLiteral("SELECT coalesce(max(rowid), 0) FROM notes"));
    if (!mark)
        return mark.failure();
    return mark->toLongLong();
}

} // namespace sportello::team
