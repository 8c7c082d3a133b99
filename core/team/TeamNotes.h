#pragma once
// The internal notes on a thread, in the CACHE (schema 12): written here (alone, or in a team,
// where they go up with the next push and come back with their mentions) or by colleagues (from
// the feed). Notes are the team's internal conversation: never in the outbox, never delivered,
// never in an export.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

namespace sportello::team {

struct Note {
    QString id;
    qint64 threadId = 0;
    QString authorLogin; // empty for a note written alone (no team)
    QString authorName;
    qint64 atMs = 0;
    QString text;
    QStringList mentions; // logins, as the team read them from the text (empty until it has)
    // NULL/empty alone; 'to_push', 'pushed', 'from_team', or 'refused' (the team refused it for
    // good: it stays on this desktop).
    QString teamState;
    bool operator==(const Note &) const = default;
};

// The team's limit on a note's text.
inline constexpr int kNoteMaxLength = 4000;

// Writes a note on a thread of the cache; returns its id (a new UUID). In a team the cache marks
// it to go up with the next push (the team computes its mentions); alone it stays here.
Result<QString> addLocalNote(const QSqlDatabase &cache, qint64 threadId, const QString &text,
                             const QString &authorLogin, const QString &authorName, qint64 nowMs);
// A thread's notes, oldest first.
Result<QVector<Note>> notesOf(const QSqlDatabase &cache, qint64 threadId);

// Notes that mention `login`, written by someone else, that arrived after the mark (the cache's
// rowid of the last note already announced); `mark` moves to the newest note read. Start from
// latestNoteMark() so that a console announces what arrives while it runs.
Result<QVector<Note>> mentionsSince(const QSqlDatabase &cache, const QString &login, qint64 &mark);
Result<qint64> latestNoteMark(const QSqlDatabase &cache);

} // namespace sportello::team
