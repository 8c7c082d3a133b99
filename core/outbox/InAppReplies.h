#pragma once
// Replies to the mobile app's support messages go back the way the messages came, to the
// company's app backend (docs/handoff.md, "In-app replies"): posted as a JSON packet to a webhook
// (HTTPS; an Idempotency-Key makes a repeat harmless) or, without one, written as
// <idempotency key>.json into a folder the backend reads. The packet is built once, at the first
// attempt, and resent byte for byte.

#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace sportello {
class Database;
}

namespace sportello::outbox {

struct OutboxEntry;
struct OutboundReply;

inline constexpr int kInAppReplyFormatVersion = 1;

// app_state "inapp_reply_webhook" and "inapp_reply_folder": the default, for every app without a
// destination of its own; an app's own is a row of inapp_reply_routes (the webhook or the folder).
struct InAppReplySettings {
    QString webhook; // https URL (plain http only on loopback); empty: the folder
    QString folder;  // absolute path
    QString app;     // the app whose own destination this is; empty: the default
    bool configured() const { return !webhook.isEmpty() || !folder.isEmpty(); }
};

// The default destination.
Result<InAppReplySettings> readInAppReplySettings(Database &database);
// Where a reply to a thread of `app` goes: the app's own destination if it has one, else the
// default (then `app` in the result is empty).
Result<InAppReplySettings> readInAppReplySettings(Database &database, const QString &app);
// Every app's own destination, by name.
Result<QVector<InAppReplySettings>> readInAppReplyRoutes(Database &database);
// An empty value clears the setting; the webhook follows the base-URL rules, the folder must be
// an existing folder's absolute path.
Status setInAppReplyWebhook(Database &database, const QString &webhook);
Status setInAppReplyFolder(Database &database, const QString &folder);
// Gives `app` its own destination, the webhook or the folder (one of them, same rules as above;
// it replaces the app's previous one); both empty: the app goes back to the default.
Status setInAppReplyRoute(Database &database, const QString &app, const QString &webhook, const QString &folder);

// The app an in-app thread belongs to (docs/import.md, "In-app inbox"); empty when none is known.
Result<QString> inAppThreadApp(Database &database, qint64 threadId);

// The packet for one reply: the message answered, the customer, the text, who decided and when.
// `app`, when known, is sent as "app" so that a destination shared by several apps can tell them apart.
QJsonObject buildInAppReplyPacket(const OutboxEntry &entry, const OutboundReply &reply, const QString &app = {});

} // namespace sportello::outbox
