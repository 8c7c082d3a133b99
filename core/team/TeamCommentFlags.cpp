#include "team/TeamCommentFlags.h"

#include "storage/Sql.h"
#include "team/TeamLog.h"
#include "team/TeamReplicaInternal.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello::team::detail {

namespace {

// The first column of the first row, or an invalid QVariant when there is none.
Result<QVariant> lookup(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0) : QVariant();
}

Status run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return sql::exec(query);
}

} // namespace

Result<bool> applyCommentFlagsChange(const QSqlDatabase &cache, const FeedChange &change)
{
    if (change.op == QLatin1String("delete"))
        return true; // the team database never deletes a comment's flags
    const QJsonObject &row = change.row;
    const QString channel = row.value(QLatin1String("channel")).toString();
    const QString externalId = row.value(QLatin1String("external_id")).toString();
    const QJsonValue hidden = row.value(QLatin1String("is_hidden"));
    const QJsonValue canHide = row.value(QLatin1String("can_hide"));
    const QJsonValue readAtValue = row.value(QLatin1String("read_at"));
    if (channel.isEmpty() || externalId.isEmpty() || !hidden.isBool() || !readAtValue.isDouble() ||
        !(canHide.isBool() || canHide.isNull() || canHide.isUndefined()))
        return Error{QCoreApplication::translate("Team", "Change %1 of the team feed (%2) cannot be applied: %3. "
                                                         "Nothing of its page was applied; the next sync tries again.")
                         .arg(change.seq)
                         .arg(change.kind, QCoreApplication::translate("Team", "channel, comment, flags or time "
                                                                               "missing")),
                     ErrorKind::Corrupt};
    const qint64 readAt = qint64(readAtValue.toDouble());
    const QVariant canHideValue =
        canHide.isBool() ? QVariant(canHide.toBool() ? 1 : 0) : QVariant(QMetaType(QMetaType::Int));

    auto post = lookup(cache, QStringLiteral("SELECT id FROM posts WHERE channel = ? AND external_id = ?"),
                       {channel, externalId});
    if (!post)
        return post.failure();
    if (!post->isValid())
        return false; // the comment has not come down yet
    const qint64 postId = post->toLongLong();

    // A read older than the one this cache holds changes nothing (the team database keeps the
    // newest already; this guards a replica that saw a newer one first).
    auto known = lookup(cache, QStringLiteral("SELECT read_at FROM team_comment_flags WHERE post_id = ?"), {postId});
    if (!known)
        return known.failure();
    if (known->isValid() && known->toLongLong() > readAt)
        return true;
    if (Status s = run(cache,
                       QStringLiteral("INSERT INTO team_comment_flags(post_id, is_hidden, can_hide, read_at) "
                                      "VALUES(?, ?, ?, ?) ON CONFLICT(post_id) DO UPDATE SET is_hidden = "
                                      "excluded.is_hidden, can_hide = excluded.can_hide, read_at = excluded.read_at"),
                       {postId, hidden.toBool() ? 1 : 0, canHideValue, readAt});
        !s)
        return s.failure();

    // The later fact wins: a hide or unhide done through Sportello at or after the read began
    // (changed_at, the outcome's settled_at) stays. On a tie the outcome stays: a read that began
    // in the same millisecond cannot be shown to have seen it.
    auto changedAt =
        lookup(cache, QStringLiteral("SELECT changed_at FROM post_moderation WHERE post_id = ?"), {postId});
    if (!changedAt)
        return changedAt.failure();
    if (changedAt->isValid() && !changedAt->isNull() && changedAt->toLongLong() >= readAt) {
        qCDebug(lcTeam) << "comment flags of post" << postId << "read before its last moderation: left out";
        return true;
    }
    // As the ingest path writes a sync's reading: the platform's flags, and who last hid or
    // unhid the comment from Sportello (changed_at, changed_by) stays.
    if (Status s = run(cache,
                       QStringLiteral("INSERT INTO post_moderation(post_id, is_hidden, can_hide) VALUES(?, ?, ?) "
                                      "ON CONFLICT(post_id) DO UPDATE SET is_hidden = excluded.is_hidden, "
                                      "can_hide = excluded.can_hide"),
                       {postId, hidden.toBool() ? 1 : 0, canHideValue});
        !s)
        return s.failure();
    return true;
}

} // namespace sportello::team::detail
