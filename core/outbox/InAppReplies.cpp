#include "outbox/InAppReplies.h"

#include "accounts/Accounts.h"
#include "outbox/ChannelPublisher.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace sportello::outbox {

namespace {

const QString kWebhookKey = QStringLiteral("inapp_reply_webhook");
const QString kFolderKey = QStringLiteral("inapp_reply_folder");

Status writeSetting(Database &database, const QString &key, const QString &value)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, value.isEmpty() ? QStringLiteral("DELETE FROM app_state WHERE key = ?")
                                                   : QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                                    "ON CONFLICT(key) DO UPDATE SET value = "
                                                                    "excluded.value"));
        !s)
        return s;
    q.addBindValue(key);
    if (!value.isEmpty())
        q.addBindValue(value);
    return sql::exec(q);
}

QString iso(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

} // namespace

Result<InAppReplySettings> readInAppReplySettings(Database &database)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT key, value FROM app_state WHERE key IN (?, ?)")); !s)
        return s.failure();
    q.addBindValue(kWebhookKey);
    q.addBindValue(kFolderKey);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    InAppReplySettings settings;
    while (q.next())
        (q.value(0).toString() == kWebhookKey ? settings.webhook : settings.folder) = q.value(1).toString();
    return settings;
}

Status setInAppReplyWebhook(Database &database, const QString &webhook)
{
    const QString text = webhook.trimmed();
    if (!text.isEmpty())
        if (auto url = accounts::validateBaseUrl(text); !url)
            return Error{QCoreApplication::translate("Outbox", "In-app reply webhook: %1").arg(url.error()),
                         ErrorKind::InvalidInput};
    return writeSetting(database, kWebhookKey, text);
}

Status setInAppReplyFolder(Database &database, const QString &folder)
{
    const QString path = folder.trimmed();
    if (!path.isEmpty() && (!QDir::isAbsolutePath(path) || !QFileInfo(path).isDir()))
        return Error{QCoreApplication::translate("Outbox", "The in-app reply folder must be an existing folder, given "
                                                           "by its absolute path: %1")
                         .arg(path),
                     ErrorKind::InvalidInput};
    return writeSetting(database, kFolderKey, path.isEmpty() ? QString() : QDir::cleanPath(path));
}

QJsonObject buildInAppReplyPacket(const OutboxEntry &entry, const OutboundReply &reply)
{
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("sportello.inapp_reply")},
        {QStringLiteral("version"), kInAppReplyFormatVersion},
        {QStringLiteral("idempotency_key"), entry.idempotencyKey},
        {QStringLiteral("thread_id"), reply.threadExternalId},
        {QStringLiteral("in_reply_to"), reply.targetPostId},
        {QStringLiteral("recipient_id"), reply.recipientId},
        {QStringLiteral("text"), reply.text},
        {QStringLiteral("agent"), entry.agent.name},
        {QStringLiteral("decided_at"), iso(entry.decidedAtMs)},
    };
}

} // namespace sportello::outbox
