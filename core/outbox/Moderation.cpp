#include "outbox/Moderation.h"

#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "audit/AuditLog.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUrlQuery>

namespace sportello::outbox {

namespace {

struct ReasonName {
    ModerationReason reason;
    const char *id;
};
constexpr ReasonName kReasons[] = {{ModerationReason::PersonalData, "personal_data"},
                                   {ModerationReason::Offensive, "offensive"},
                                   {ModerationReason::Spam, "spam"},
                                   {ModerationReason::Other, "other"}};

const QString kTargetColumns = QStringLiteral(
    "SELECT p.id, p.thread_id, p.channel, p.external_id, t.external_id, p.in_reply_to, p.direction, p.visibility, "
    "m.is_hidden, m.can_hide, a.handle FROM posts p JOIN threads t ON t.id = p.thread_id "
    "JOIN authors a ON a.id = p.author_id LEFT JOIN post_moderation m ON m.post_id = p.id ");

ModerationTarget targetFrom(const QSqlQuery &q)
{
    ModerationTarget t;
    t.postId = q.value(0).toLongLong();
    t.threadId = q.value(1).toLongLong();
    t.channel = channelFromId(q.value(2).toString()).value_or(Channel::Facebook);
    t.commentId = q.value(3).toString();
    t.threadExternalId = q.value(4).toString();
    t.inReplyTo = q.value(5).toString();
    t.direction = directionFromId(q.value(6).toString()).value_or(Direction::Inbound);
    t.visibility = visibilityFromId(q.value(7).toString()).value_or(Visibility::Public);
    t.hidden = q.value(8).toInt() != 0;
    if (!q.value(9).isNull())
        t.canHide = q.value(9).toInt() != 0;
    t.authorHandle = q.value(10).toString();
    return t;
}

// The form body: Facebook names the field is_hidden, Instagram hide.
QByteArray formBody(Channel channel, ModerationAction action)
{
    QUrlQuery form;
    form.addQueryItem(channel == Channel::Instagram ? QStringLiteral("hide") : QStringLiteral("is_hidden"),
                      action == ModerationAction::Hide ? QStringLiteral("true") : QStringLiteral("false"));
    return form.toString(QUrl::FullyEncoded).toUtf8();
}

QString permissionsFor(Channel channel)
{
    return channel == Channel::Instagram ? QStringLiteral("instagram_manage_comments")
                                         : QStringLiteral("pages_read_engagement, pages_manage_engagement");
}

// Graph's words for "this object cannot take this operation": code 100 with subcode 33, the older
// code 33, or a 404.
bool objectRefused(const net::HttpOutcome &outcome)
{
    if (outcome.httpStatus == 404 || outcome.apiErrorCode == 33 ||
        (outcome.apiErrorCode == 100 && outcome.apiErrorSubcode == 33))
        return true;
    // The same words without the subcode ("Unsupported ... request. Object with ID ... does not
    // exist, cannot be loaded due to missing permissions, or does not support this operation").
    const QString message = QJsonDocument::fromJson(outcome.body)
                                .object()
                                .value(QLatin1String("error"))
                                .toObject()
                                .value(QLatin1String("message"))
                                .toString();
    return outcome.apiErrorCode == 100 && message.contains(QLatin1String("does not exist"));
}

// Graph's permission errors: 10 (permission denied), 200-299 (a permission missing).
bool permissionMissing(const net::HttpOutcome &outcome)
{
    return outcome.apiErrorCode == 10 || (outcome.apiErrorCode >= 200 && outcome.apiErrorCode <= 299);
}

} // namespace

QString toId(ModerationReason reason)
{
    for (const ReasonName &r : kReasons)
        if (r.reason == reason)
            return QString::fromLatin1(r.id);
    return {};
}

std::optional<ModerationReason> moderationReasonFromId(const QString &id)
{
    for (const ReasonName &r : kReasons)
        if (id == QLatin1String(r.id))
            return r.reason;
    return std::nullopt;
}

QStringList allModerationReasonIds()
{
    QStringList ids;
    for (const ReasonName &r : kReasons)
        ids << QString::fromLatin1(r.id);
    return ids;
}

QString label(ModerationReason reason)
{
    switch (reason) {
    case ModerationReason::PersonalData: return QCoreApplication::translate("Moderation", "Personal data in public");
    case ModerationReason::Offensive: return QCoreApplication::translate("Moderation", "Offensive or abusive");
    case ModerationReason::Spam: return QCoreApplication::translate("Moderation", "Spam or scam");
    case ModerationReason::Other: return QCoreApplication::translate("Moderation", "Other (say why)");
    }
    return {};
}

QString toId(ModerationAction action)
{
    return action == ModerationAction::Hide ? QStringLiteral("hide") : QStringLiteral("unhide");
}

Result<ModerationTarget> readModerationTarget(Database &database, qint64 postId)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, kTargetColumns + QStringLiteral("WHERE p.id = ?")); !s)
        return s.failure();
    q.addBindValue(postId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return Error{QCoreApplication::translate("Moderation", "Post %1 is not in the cache.").arg(postId),
                     ErrorKind::NotFound};
    return targetFrom(q);
}

Result<QVector<ModerationTarget>> findModerationTargets(Database &database, const QString &commentId,
                                                        std::optional<Channel> channel)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, kTargetColumns + QStringLiteral("WHERE p.external_id = ? AND p.channel IN "
                                                                   "('facebook', 'instagram') AND (? IS NULL OR "
                                                                   "p.channel = ?) ORDER BY p.id"));
        !s)
        return s.failure();
    const QVariant only = channel ? QVariant(toId(*channel)) : QVariant(QMetaType(QMetaType::QString));
    q.addBindValue(commentId);
    q.addBindValue(only);
    q.addBindValue(only);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<ModerationTarget> found;
    while (q.next())
        found.append(targetFrom(q));
    return found;
}

bool channelCanHideComments(Channel channel) { return channel == Channel::Facebook || channel == Channel::Instagram; }

Status checkModeration(const ModerationTarget &target, ModerationAction action)
{
    const QString platform = label(target.channel);
    auto refuse = [](const QString &why) { return Error{why, ErrorKind::RefusedByPolicy}; };
    if (!channelCanHideComments(target.channel))
        return refuse(QCoreApplication::translate("Moderation", "%1 does not let Sportello hide comments: only "
                                                                "Facebook and Instagram comments can be hidden.")
                          .arg(platform));
    if (target.visibility == Visibility::Private)
        return refuse(QCoreApplication::translate("Moderation", "This is a private message: only public comments "
                                                                "can be hidden."));
    if (target.inReplyTo.isEmpty())
        return refuse(QCoreApplication::translate("Moderation", "This is the post the comments are under, not a "
                                                                "comment: Sportello hides comments only."));
    if (target.direction == Direction::Outbound)
        return refuse(QCoreApplication::translate("Moderation", "This comment is the page's own: %1 does not let a "
                                                                "page hide its own comments. Delete it on %1 "
                                                                "instead.")
                          .arg(platform));
    if (action == ModerationAction::Hide && target.canHide == false)
        return refuse(QCoreApplication::translate("Moderation", "%1 said at the last sync that this comment cannot be "
                                                                "hidden (for example a comment by the page's admins "
                                                                "or on a review). Reply privately instead.")
                          .arg(platform));
    if (target.hidden == (action == ModerationAction::Hide))
        return Error{action == ModerationAction::Hide
                         ? QCoreApplication::translate("Moderation", "This comment is already hidden.")
                         : QCoreApplication::translate("Moderation", "This comment is not hidden."),
                     ErrorKind::Conflict};
    return {};
}

net::HttpRequestSpec moderationRequest(const QUrl &base, const QString &version, const ModerationTarget &target,
                                       ModerationAction action, const QString &token, int timeoutMs)
{
    net::HttpRequestSpec spec;
    spec.verb = "POST";
    spec.url = base.resolved(
        QUrl(version + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(target.commentId))));
    spec.body = formBody(target.channel, action);
    spec.timeoutMs = timeoutMs;
    spec.idempotent = true; // the flag set twice is the flag set once
    spec.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()});
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    return spec;
}

Status moderationAnswer(const net::HttpOutcome &outcome, Channel channel, ModerationAction action)
{
    const QString platform = label(channel);
    const bool hide = action == ModerationAction::Hide;
    if (outcome.kind == net::OutcomeKind::Success) {
        const QJsonValue success = QJsonDocument::fromJson(outcome.body).object().value(QLatin1String("success"));
        if (success.toBool(false))
            return {};
        // 200 with success false: the platform declined without saying why.
        return Error{(hide ? QCoreApplication::translate("Moderation", "%1 answered that the comment was not hidden. "
                                                                       "It may be of a kind that cannot be hidden; "
                                                                       "reply privately instead.")
                           : QCoreApplication::translate("Moderation", "%1 answered that the comment was not "
                                                                       "unhidden."))
                         .arg(platform),
                     ErrorKind::RefusedByPolicy};
    }
    switch (outcome.kind) {
    case net::OutcomeKind::AuthExpired:
        return Error{QCoreApplication::translate("Moderation", "%1 refused the account's access token: sign in to the "
                                                               "account again (Settings > Accounts), then retry. "
                                                               "Nothing was changed.")
                         .arg(platform),
                     ErrorKind::RefusedByPolicy};
    case net::OutcomeKind::RateLimited:
        return Error{QCoreApplication::translate("Moderation", "%1 is limiting the account's requests: try again in a "
                                                               "few minutes. Nothing was changed.")
                         .arg(platform),
                     ErrorKind::Busy};
    case net::OutcomeKind::Retryable:
    case net::OutcomeKind::UnknownDelivery:
        return Error{QCoreApplication::translate("Moderation", "%1 could not be reached (%2). Nothing was changed "
                                                               "here; try again when the network is back.")
                         .arg(platform, outcome.message),
                     ErrorKind::Network};
    default: break;
    }
    if (permissionMissing(outcome))
        return Error{QCoreApplication::translate("Moderation", "The %1 account lacks the permission to moderate "
                                                               "comments (%2, granted by someone who may moderate the "
                                                               "page). Sign in again and grant it. %3 said: %4")
                         .arg(platform, permissionsFor(channel), platform, outcome.message),
                     ErrorKind::RefusedByPolicy};
    if (objectRefused(outcome))
        return Error{(hide ? QCoreApplication::translate("Moderation", "%1 cannot hide this comment: it was deleted, "
                                                                       "the account cannot see it, or it is of a kind "
                                                                       "that cannot be hidden (the page's or its "
                                                                       "admins' comments, comments on a review). Reply "
                                                                       "privately instead.")
                           : QCoreApplication::translate("Moderation", "%1 cannot unhide this comment: it was "
                                                                       "deleted or the account cannot see it."))
                         .arg(platform),
                     ErrorKind::RefusedByPolicy};
    return Error{(hide ? QCoreApplication::translate("Moderation", "%1 refused to hide the comment: %2")
                       : QCoreApplication::translate("Moderation", "%1 refused to unhide the comment: %2"))
                     .arg(platform, outcome.message),
                 // An answer that cannot be read is the platform's fault, never a damaged cache.
                 outcome.errorKind() == ErrorKind::Corrupt ? ErrorKind::Network : outcome.errorKind()};
}

Status checkModerationRequest(const ModerationRequest &request)
{
    const QString note = request.note.trimmed();
    if (note.size() > kModerationNoteMax)
        return Error{QCoreApplication::translate("Moderation", "The note is %1 characters long; at most %2 are kept.")
                         .arg(note.size())
                         .arg(kModerationNoteMax),
                     ErrorKind::InvalidInput};
    if (request.reason == ModerationReason::Other && note.isEmpty())
        return Error{QCoreApplication::translate("Moderation", "Say why in a note when the reason is \"other\"."),
                     ErrorKind::InvalidInput};
    return {};
}

Status recordModeration(Database &database, const ModerationRequest &request, qint64 nowMs)
{
    const QSqlDatabase db = database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    const bool hide = request.action == ModerationAction::Hide;
    QSqlQuery upsert(db);
    if (Status s = sql::prepare(upsert, QStringLiteral("INSERT INTO post_moderation(post_id, is_hidden, can_hide, "
                                                       "changed_at, changed_by) VALUES(?, ?, ?, ?, ?) "
                                                       "ON CONFLICT(post_id) DO UPDATE SET is_hidden = "
                                                       "excluded.is_hidden, can_hide = coalesce(excluded.can_hide, "
                                                       "can_hide), changed_at = excluded.changed_at, changed_by = "
                                                       "excluded.changed_by"));
        !s)
        return s;
    upsert.addBindValue(request.target.postId);
    upsert.addBindValue(hide ? 1 : 0);
    // A comment the platform just hid could be hidden.
    upsert.addBindValue(hide ? QVariant(1) : QVariant(QMetaType(QMetaType::Int)));
    upsert.addBindValue(nowMs);
    upsert.addBindValue(request.agent.name);
    if (Status s = sql::exec(upsert); !s)
        return s;
    AuditEntry entry;
    entry.atMs = nowMs;
    entry.agent = request.agent;
    entry.action = hide ? QStringLiteral("comment_hidden") : QStringLiteral("comment_unhidden");
    entry.threadId = request.target.threadId;
    entry.details.insert(QStringLiteral("post_id"), request.target.commentId);
    entry.details.insert(QStringLiteral("channel"), toId(request.target.channel));
    entry.details.insert(QStringLiteral("reason"), toId(request.reason));
    if (!request.note.trimmed().isEmpty())
        entry.details.insert(QStringLiteral("note"), request.note.trimmed());
    if (Status s = appendAudit(db, entry); !s)
        return s;
    return transaction.commit();
}

CommentModerator::CommentModerator(Database &database, QNetworkAccessManager *network, accounts::TokenStore &tokens,
                                   const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_network(network), m_tokens(tokens), m_clock(clock)
{
    // Short waits: an agent is looking at the console until the answer comes.
    m_retry.maxAttempts = 3;
    m_retry.maxWaitMs = 30'000;
}

CommentModerator::~CommentModerator() = default;

void CommentModerator::moderate(const ModerationRequest &request, std::function<void(const Status &)> done)
{
    if (Status s = checkModerationRequest(request); !s)
        return done(s);
    if (Status s = checkModeration(request.target, request.action); !s)
        return done(s);
    auto accounts = accounts::AccountStore(m_database).list();
    if (!accounts)
        return done(accounts.failure());
    const QString platform = label(request.target.channel);
    auto account = accountForThread(m_database, request.target.channel, request.target.threadId,
                                    request.target.threadExternalId, *accounts);
    if (!account) {
        if (account.errorKind() == ErrorKind::NotFound)
            return done(Error{QCoreApplication::translate("Moderation", "No %1 account is set up: add the page's "
                                                                        "account (Settings > Accounts) to hide its "
                                                                        "comments.")
                                  .arg(platform),
                              ErrorKind::NotFound});
        if (account.errorKind() == ErrorKind::Conflict)
            return done(Error{QCoreApplication::translate("Moderation", "More than one %1 account could own this "
                                                                        "comment; Sportello cannot tell which one.")
                                  .arg(platform),
                              ErrorKind::Conflict});
        return done(account.failure());
    }
    if (account->needsSignIn)
        return done(Error{QCoreApplication::translate("Moderation", "Sign in again to the %1 account %2 first "
                                                                    "(Settings > Accounts).")
                              .arg(platform, account->accountId),
                          ErrorKind::RefusedByPolicy});
    auto version = accounts::AccountStore(m_database).graphApiVersion();
    if (!version)
        return done(version.failure());
    QString baseText = account->baseUrl;
    if (!baseText.endsWith(QLatin1Char('/')))
        baseText += QLatin1Char('/');
    const QUrl base(baseText);
    const QString graphVersion = version->isEmpty() ? QString::fromLatin1(accounts::kDefaultGraphApiVersion) : *version;
    QPointer<CommentModerator> self(this);
    accounts::tokenForAsync(
        *account, m_tokens, this, [self, request, base, graphVersion, done](const Result<QString> &token) {
            if (!self)
                return;
            if (!token)
                return done(Error{QCoreApplication::translate("Moderation", "The account's access token cannot be "
                                                                            "read: %1")
                                      .arg(token.error()),
                                  token.errorKind()});
            if (!self->m_network)
                return done(Error{QCoreApplication::translate("Moderation", "The console is closing: nothing was "
                                                                            "changed."),
                                  ErrorKind::Network});
            const net::HttpRequestSpec spec =
                moderationRequest(base, graphVersion, request.target, request.action, *token, self->m_timeoutMs);
            auto *job = new net::HttpJob(self->m_network, self->m_clock, spec, self->m_retry, self);
            connect(job, &net::HttpJob::finished, self, [self, job, request, done](const net::HttpOutcome &outcome) {
                job->deleteLater();
                if (!self)
                    return;
                Status answer = moderationAnswer(outcome, request.target.channel, request.action);
                qCInfo(lcOutbox) << "moderation" << toId(request.action) << "of post" << request.target.postId
                                 << (answer ? "done" : "refused:") << (answer ? QString() : answer.error());
                if (!answer)
                    return done(answer);
                emit self->platformAccepted(request.target.postId);
                done(recordModeration(self->m_database, request, self->m_clock.nowMs()));
            });
            job->start();
        });
}

} // namespace sportello::outbox
