#pragma once
// What the console shows of the team on a thread, read from the CACHE (never from the team
// database): who holds it (the team's claims, mirrored by the feed: team_claims, schema 12) and
// whether they are typing; the internal notes written on it. Notes are the team's internal
// conversation: never in the outbox, never delivered, never in an export.

#include "common/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace sportello::team {

// A live claim on a thread (until_at after now): a claim whose time has passed is no claim.
struct ThreadPresence {
    QString login;
    QString agentName;
    QString how;         // opened, next, taken_over, assigned
    qint64 sinceMs = 0;  // when it was claimed
    qint64 untilMs = 0;  // when it lapses unless renewed
    bool typing = false; // the holder reported typing a reply until after now
    bool mine = false;   // held by myLogin
    bool operator==(const ThreadPresence &) const = default;
};

// The live claim on a thread named as the team names it (channel id, thread external id).
Result<std::optional<ThreadPresence>> presenceOf(const QSqlDatabase &cache, const QString &channel,
                                                 const QString &threadExternalId, qint64 nowMs, const QString &myLogin);
// For the queue: the live claims on these threads of the cache (threads.id), one statement.
// Threads nobody holds are not in the answer.
Result<QHash<qint64, ThreadPresence>> presenceByThread(const QSqlDatabase &cache, const QVector<qint64> &threadIds,
                                                       qint64 nowMs, const QString &myLogin);

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

} // namespace sportello::team
