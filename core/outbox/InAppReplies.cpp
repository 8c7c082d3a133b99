#include "outbox/InAppReplies.h"

#include "accounts/Accounts.h"
#include "domain/Domain.h"
#include "outbox/ChannelPublisher.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

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

Result<InAppReplySettings> readInAppReplySettings(Database &database, const QString &app)
{
    if (!app.isEmpty()) {
        QSqlQuery q(database.connection());
        if (Status s = sql::prepare(
                q, QStringLiteral("SELECT coalesce(webhook, ''), coalesce(folder, '') FROM inapp_reply_routes "
                                  "WHERE app = ?"));
            !s)
            return s.failure();
        q.addBindValue(app);
        if (Status s = sql::exec(q); !s)
            return s.failure();
        if (q.next())
            return InAppReplySettings{q.value(0).toString(), q.value(1).toString(), app};
    }
    return readInAppReplySettings(database);
}

Result<QVector<InAppReplySettings>> readInAppReplyRoutes(Database &database)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT app, coalesce(webhook, ''), coalesce(folder, '') "
                                                  "FROM inapp_reply_routes ORDER BY app"));
        !s)
        return s.failure();
    if (Status s = sql::exec(q); !s)
        return s.failure();
    QVector<InAppReplySettings> routes;
    while (q.next())
        routes.append({q.value(1).toString(), q.value(2).toString(), q.value(0).toString()});
    return routes;
}

namespace {

Result<QString> checkedWebhook(const QString &webhook)
{
    const QString text = webhook.trimmed();
    if (!text.isEmpty())
        if (auto url = accounts::validateBaseUrl(text); !url)
            return Error{QCoreApplication::translate("Outbox", "In-app reply webhook: %1").arg(url.error()),
                         ErrorKind::InvalidInput};
    return text;
}

Result<QString> checkedFolder(const QString &folder)
{
    const QString path = folder.trimmed();
    if (!path.isEmpty() && (!QDir::isAbsolutePath(path) || !QFileInfo(path).isDir()))
        return Error{QCoreApplication::translate("Outbox", "The in-app reply folder must be an existing folder, given "
                                                           "by its absolute path: %1")
                         .arg(path),
                     ErrorKind::InvalidInput};
    return path.isEmpty() ? QString() : QDir::cleanPath(path);
}

} // namespace

Status setInAppReplyWebhook(Database &database, const QString &webhook)
{
    auto text = checkedWebhook(webhook);
    if (!text)
        return text.failure();
    return writeSetting(database, kWebhookKey, *text);
}

Status setInAppReplyFolder(Database &database, const QString &folder)
{
    auto path = checkedFolder(folder);
    if (!path)
        return path.failure();
    return writeSetting(database, kFolderKey, *path);
}

Status setInAppReplyRoute(Database &database, const QString &app, const QString &webhook, const QString &folder)
{
    if (!isValidInAppName(app))
        return Error{QCoreApplication::translate("Outbox", "The app name \"%1\" must be 1 to 64 letters, digits, "
                                                           "dots, dashes or underscores.")
                         .arg(app.left(80)),
                     ErrorKind::InvalidInput};
    auto url = checkedWebhook(webhook);
    if (!url)
        return url.failure();
    auto path = checkedFolder(folder);
    if (!path)
        return path.failure();
    if (!url->isEmpty() && !path->isEmpty())
        return Error{QCoreApplication::translate("Outbox", "An app's replies go to a webhook or to a folder, not both."),
                     ErrorKind::InvalidInput};
    QSqlQuery q(database.connection());
    const bool clear = url->isEmpty() && path->isEmpty();
    if (Status s = sql::prepare(q, clear ? QStringLiteral("DELETE FROM inapp_reply_routes WHERE app = ?")
                                         : QStringLiteral("INSERT INTO inapp_reply_routes(app, webhook, folder) "
                                                          "VALUES(?, ?, ?) ON CONFLICT(app) DO UPDATE SET "
                                                          "webhook = excluded.webhook, folder = excluded.folder"));
        !s)
        return s;
    q.addBindValue(app);
    if (!clear) {
        q.addBindValue(url->isEmpty() ? QVariant() : QVariant(*url));
        q.addBindValue(path->isEmpty() ? QVariant() : QVariant(*path));
    }
    return sql::exec(q);
}

Result<QString> inAppThreadApp(Database &database, qint64 threadId)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT a.app FROM threads t JOIN inapp_thread_apps a "
                                                  "ON a.thread_external_id = t.external_id "
                                                  "WHERE t.id = ? AND t.channel = 'in_app'"));
        !s)
        return s.failure();
    q.addBindValue(threadId);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

QJsonObject buildInAppReplyPacket(const OutboxEntry &entry, const OutboundReply &reply, const QString &app)
{
    QJsonObject packet{
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
    if (!app.isEmpty())
        packet.insert(QStringLiteral("app"), app);
    return packet;
}

} // namespace sportello::outbox
