#pragma once
// Replies to the mobile app's support messages go back the way the messages came, to the
// company's app backend (docs/handoff.md, "In-app replies"): posted as a JSON packet to a webhook
// (HTTPS; an Idempotency-Key makes a repeat harmless) or, without one, written as
// <idempotency key>.json into a folder the backend reads. The packet is built once, at the first
// attempt, and resent byte for byte.

#include "common/Result.h"

#include <QJsonObject>
#include <QString>

namespace sportello {
class Database;
}

namespace sportello::outbox {

struct OutboxEntry;
struct OutboundReply;

inline constexpr int kInAppReplyFormatVersion = 1;

// app_state "inapp_reply_webhook" and "inapp_reply_folder".
struct InAppReplySettings {
    QString webhook; // https URL (plain http only on loopback); empty: the folder
    QString folder;  // absolute path
    bool configured() const { return !webhook.isEmpty() || !folder.isEmpty(); }
};

Result<InAppReplySettings> readInAppReplySettings(Database &database);
// An empty value clears the setting; the webhook follows the base-URL rules, the folder must be
// an existing folder's absolute path.
Status setInAppReplyWebhook(Database &database, const QString &webhook);
Status setInAppReplyFolder(Database &database, const QString &folder);

// The packet for one reply: the message answered, the customer, the text, who decided and when.
QJsonObject buildInAppReplyPacket(const OutboxEntry &entry, const OutboundReply &reply);

} // namespace sportello::outbox
