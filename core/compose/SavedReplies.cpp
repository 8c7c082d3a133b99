#include "compose/SavedReplies.h"

#include "compose/ReplyTemplate.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>

namespace sportello {

namespace {

const QString kFormat = QStringLiteral("sportello-saved-replies");
constexpr int kFormatVersion = 1;

QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

QVariant nullableCategory(const std::optional<Category> &c)
{
    return c ? QVariant(toId(*c)) : QVariant(QMetaType(QMetaType::QString));
}
QVariant nullableChannel(const std::optional<Channel> &c)
{
    return c ? QVariant(toId(*c)) : QVariant(QMetaType(QMetaType::QString));
}

SavedReply fromRow(const QSqlQuery &q)
{
    SavedReply r;
    r.id = q.value(QStringLiteral("id")).toString();
    r.code = q.value(QStringLiteral("code")).toString();
    r.title = q.value(QStringLiteral("title")).toString();
    r.language = q.value(QStringLiteral("language")).toString();
    r.category = q.value(QStringLiteral("category")).isNull()
                     ? std::nullopt
                     : categoryFromId(q.value(QStringLiteral("category")).toString());
    r.channel = q.value(QStringLiteral("channel")).isNull()
                    ? std::nullopt
                    : channelFromId(q.value(QStringLiteral("channel")).toString());
    r.body = q.value(QStringLiteral("body")).toString();
    r.updatedAtMs = q.value(QStringLiteral("updated_at")).toLongLong();
    return r;
}

const QString kColumns = QStringLiteral("id, code, title, language, category, channel, body, updated_at");

// Inserts or, for the same code and language, replaces; inside the caller's transaction.
Result<bool> upsert(const QSqlDatabase &db, SavedReply &reply, qint64 nowMs)
{
    QSqlQuery existing(db);
    if (Status s =
            sql::prepare(existing, QStringLiteral("SELECT id FROM saved_replies WHERE code = ? AND language = ?"));
        !s)
        return s.failure();
    existing.addBindValue(reply.code);
    existing.addBindValue(reply.language);
    if (Status s = sql::exec(existing); !s)
        return s.failure();
    const bool replaced = existing.next();
    if (replaced) {
        const QString otherId = existing.value(0).toString();
        if (!reply.id.isEmpty() && reply.id != otherId)
            return Error{
                QCoreApplication::translate("Compose", "Another saved reply already has the short code ::%1 in %2.")
                    .arg(reply.code, reply.language == QLatin1String("en")
                                         ? QCoreApplication::translate("Compose", "English")
                                         : QCoreApplication::translate("Compose", "Italian")),
                ErrorKind::Conflict};
        reply.id = otherId;
    }
    if (reply.id.isEmpty())
        reply.id = newId();
    reply.updatedAtMs = nowMs;
    QSqlQuery write(db);
    if (Status s = sql::prepare(
            write,
            QStringLiteral("INSERT INTO saved_replies(id, code, title, language, category, channel, body, updated_at) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET code = excluded.code, title = "
                           "excluded.title, "
                           "language = excluded.language, category = excluded.category, channel = excluded.channel, "
                           "body = excluded.body, updated_at = excluded.updated_at"));
        !s)
        return s.failure();
    write.addBindValue(reply.id);
    write.addBindValue(reply.code);
    write.addBindValue(reply.title);
    write.addBindValue(reply.language);
    write.addBindValue(nullableCategory(reply.category));
    write.addBindValue(nullableChannel(reply.channel));
    write.addBindValue(reply.body);
    write.addBindValue(reply.updatedAtMs);
    if (Status s = sql::exec(write); !s)
        return s.failure();
    return replaced;
}

} // namespace

Status SavedReplyStore::validate(const SavedReply &reply)
{
    static const QRegularExpression code(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,31}$"));
    if (!code.match(reply.code).hasMatch())
        return Error{QCoreApplication::translate(
                         "Compose", "The short code \"%1\" must be 1 to 32 lower-case letters, digits, _ or -, "
                                    "starting with a letter or digit (typed as ::code).")
                         .arg(reply.code),
                     ErrorKind::InvalidInput};
    if (reply.title.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Compose", "Give the saved reply ::%1 a title.").arg(reply.code),
                     ErrorKind::InvalidInput};
    if (reply.language != QLatin1String("it") && reply.language != QLatin1String("en"))
        return Error{
            QCoreApplication::translate("Compose", "The language of ::%1 must be \"it\" or \"en\".").arg(reply.code),
            ErrorKind::InvalidInput};
    if (reply.body.trimmed().isEmpty())
        return Error{QCoreApplication::translate("Compose", "The saved reply ::%1 has no text.").arg(reply.code),
                     ErrorKind::InvalidInput};
    if (Status s = ReplyTemplate::validate(reply.body); !s)
        return Error{QCoreApplication::translate("Compose", "The text of ::%1: %2").arg(reply.code, s.error()),
                     ErrorKind::InvalidInput};
    return {};
}

Result<QVector<SavedReply>> SavedReplyStore::all() const
{
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (Status s =
            sql::prepare(q, QStringLiteral("SELECT %1 FROM saved_replies ORDER BY language, code").arg(kColumns));
        !s)
        return s.failure();
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<SavedReply> out;
    while (q.next())
        out.push_back(fromRow(q));
    return out;
}

Result<std::optional<SavedReply>> SavedReplyStore::byCode(const QString &code, const QString &language) const
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT %1 FROM saved_replies WHERE code = ? "
                                                  "ORDER BY language = ? DESC, language LIMIT 1")
                                       .arg(kColumns));
        !s)
        return s.failure();
    q.addBindValue(code.toLower());
    q.addBindValue(language);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    if (!q.next())
        return std::optional<SavedReply>();
    return std::optional<SavedReply>(fromRow(q));
}

Result<SavedReply> SavedReplyStore::save(SavedReply reply, qint64 nowMs)
{
    reply.code = reply.code.trimmed().toLower();
    if (reply.code.startsWith(QLatin1String("::")))
        reply.code = reply.code.mid(2);
    reply.title = reply.title.trimmed();
    if (Status s = validate(reply); !s)
        return s.failure();
    Transaction transaction(m_database.connection());
    if (!transaction.started())
        return transaction.startFailure();
    if (auto r = upsert(m_database.connection(), reply, nowMs); !r)
        return r.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return reply;
}

Status SavedReplyStore::remove(const QString &id)
{
    QSqlQuery q(m_database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("DELETE FROM saved_replies WHERE id = ?")); !s)
        return s;
    q.addBindValue(id);
    return sql::exec(q);
}

Result<QVector<SavedReply>> SavedReplyStore::parseJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{
            QCoreApplication::translate("Compose", "Not a saved-replies file: the JSON is not valid (%1, at byte %2).")
                .arg(parseError.errorString())
                .arg(parseError.offset),
            ErrorKind::InvalidInput};
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != kFormat)
        return Error{
            QCoreApplication::translate("Compose", "Not a saved-replies file: \"format\" must be \"%1\".").arg(kFormat),
            ErrorKind::InvalidInput};
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version != kFormatVersion)
        return Error{QCoreApplication::translate(
                         "Compose", "Saved-replies format version %1 is not supported (this version reads %2).")
                         .arg(root.value(QStringLiteral("version")).toVariant().toString())
                         .arg(kFormatVersion),
                     ErrorKind::InvalidInput};
    if (!root.value(QStringLiteral("replies")).isArray())
        return Error{QCoreApplication::translate("Compose", "\"replies\" must be an array of saved replies."),
                     ErrorKind::InvalidInput};
    const QJsonArray list = root.value(QStringLiteral("replies")).toArray();
    QVector<SavedReply> replies;
    QSet<QString> seen;
    for (int i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("replies[%1]").arg(i);
        if (!list.at(i).isObject())
            return Error{QCoreApplication::translate("Compose", "%1: a saved reply must be a JSON object.").arg(where),
                         ErrorKind::InvalidInput};
        const QJsonObject o = list.at(i).toObject();
        for (const char *field : {"code", "title", "language", "body"})
            if (!o.value(QLatin1String(field)).isString())
                return Error{QCoreApplication::translate("Compose", "%1: \"%2\" is missing or not a text.")
                                 .arg(where, QLatin1String(field)),
                             ErrorKind::InvalidInput};
        SavedReply r;
        r.code = o.value(QStringLiteral("code")).toString().trimmed().toLower();
        r.title = o.value(QStringLiteral("title")).toString().trimmed();
        r.language = o.value(QStringLiteral("language")).toString();
        r.body = o.value(QStringLiteral("body")).toString();
        const QJsonValue category = o.value(QStringLiteral("category"));
        if (!category.isNull() && !category.isUndefined()) {
            r.category = categoryFromId(category.toString());
            if (!r.category)
                return Error{
                    QCoreApplication::translate("Compose",
                                                "%1: unknown category \"%2\" (expected %3, or null for any).")
                        .arg(where, category.toVariant().toString(), allCategoryIds().join(QStringLiteral(", "))),
                    ErrorKind::InvalidInput};
        }
        const QJsonValue channel = o.value(QStringLiteral("channel"));
        if (!channel.isNull() && !channel.isUndefined()) {
            r.channel = channelFromId(channel.toString());
            if (!r.channel)
                return Error{
                    QCoreApplication::translate("Compose", "%1: unknown channel \"%2\" (expected %3, or null for any).")
                        .arg(where, channel.toVariant().toString(), allChannelIds().join(QStringLiteral(", "))),
                    ErrorKind::InvalidInput};
        }
        if (Status s = validate(r); !s)
            return Error{QStringLiteral("%1: %2").arg(where, s.error()), ErrorKind::InvalidInput};
        const QString key = r.code + QLatin1Char('/') + r.language;
        if (seen.contains(key))
            return Error{
                QCoreApplication::translate("Compose", "%1: the short code ::%2 appears twice for language \"%3\".")
                    .arg(where, r.code, r.language),
                ErrorKind::Conflict};
        seen.insert(key);
        replies.push_back(r);
    }
    return replies;
}

QByteArray SavedReplyStore::toJson(const QVector<SavedReply> &replies)
{
    QJsonArray list;
    for (const SavedReply &r : replies)
        list.append(QJsonObject{{QStringLiteral("code"), r.code},
                                {QStringLiteral("title"), r.title},
                                {QStringLiteral("language"), r.language},
                                {QStringLiteral("category"), r.category ? QJsonValue(toId(*r.category)) : QJsonValue()},
                                {QStringLiteral("channel"), r.channel ? QJsonValue(toId(*r.channel)) : QJsonValue()},
                                {QStringLiteral("body"), r.body}});
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("replies"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<ImportSummary> SavedReplyStore::importJson(const QByteArray &json, qint64 nowMs)
{
    auto replies = parseJson(json);
    if (!replies)
        return replies.failure();
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    ImportSummary summary;
    for (SavedReply &r : replies.value()) {
        auto replaced = upsert(db, r, nowMs);
        if (!replaced)
            return replaced.failure();
        (replaced.value() ? summary.replaced : summary.added)++;
    }
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return summary;
}

Result<QByteArray> SavedReplyStore::exportJson() const
{
    auto replies = all();
    if (!replies)
        return replies.failure();
    return toJson(replies.value());
}

int SavedReplyStore::fitScore(const SavedReply &r, const QString &language, std::optional<Category> category,
                              std::optional<Channel> channel)
{
    // The language weighs most (a reply in the wrong language needs rewriting), then the
    // category, then the channel; a reply for any category or channel fits half.
    int score = 0;
    if (r.language == language)
        score += 8;
    if (r.category && category && *r.category == *category)
        score += 4;
    else if (!r.category)
        score += 2;
    if (r.channel && channel && *r.channel == *channel)
        score += 2;
    else if (!r.channel)
        score += 1;
    return score;
}

void SavedReplyStore::rank(QVector<SavedReply> &replies, const QString &language, std::optional<Category> category,
                           std::optional<Channel> channel)
{
    std::stable_sort(replies.begin(), replies.end(), [&](const SavedReply &a, const SavedReply &b) {
        const int sa = fitScore(a, language, category, channel);
        const int sb = fitScore(b, language, category, channel);
        if (sa != sb)
            return sa > sb;
        return a.title.localeAwareCompare(b.title) < 0;
    });
}

Status SavedReplyStore::installStarterLibrary(const QSqlDatabase &db)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (SavedReply r : starterLibrary()) {
        if (auto done = upsert(db, r, now); !done)
            return done.failure();
    }
    return {};
}

} // namespace sportello
