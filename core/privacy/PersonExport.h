#pragma once
// A person's data as a readable file (GDPR article 15, the right of access; article 20 for the
// JSON): `sportello-cli privacy export --author CHANNEL:ID` and the customer card's "Export this
// person's data…" (docs/privacy.md, "Access to personal data"). The person is the author and every
// author linked to the same customer; the file holds their identities, the customer's reference,
// their posts, the company's replies to them, the notes about the customer and the complaints of
// their conversations, and nothing of anyone else's.

#include "common/Result.h"
#include "domain/Agent.h"

#include <QLocale>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace sportello::privacy {

struct PersonIdentity {
    QString channel; // toId(Channel)
    QString externalId;
    QString handle;
    QString displayName;
};

struct PersonPost {
    qint64 atMs = 0;
    QString channel;
    QString visibility; // public or private
    QString text;
};

struct PersonNote {
    qint64 atMs = 0;
    QString agentName;
    QString text;
};

struct PersonComplaint {
    qint64 receivedAtMs = 0;
    qint64 deadlineAtMs = 0;
    qint64 resolvedAtMs = 0; // 0: open
    QString resolutionNote;
};

struct PersonData {
    QString customerUuid; // empty: the author is linked to no customer
    QString policyholderRef;
    QVector<PersonIdentity> identities;
    QVector<PersonPost> posts;   // theirs, oldest first
    QVector<PersonPost> replies; // the company's to them, oldest first
    QVector<PersonNote> notes;
    QVector<PersonComplaint> complaints;
};

// The author CHANNEL:ID ("x:1551234567") in this cache: its id, or InvalidInput for a malformed
// argument, NotFound for an author the cache does not hold.
Result<qint64> findAuthor(const QSqlDatabase &db, const QString &channelAndId);

// Reads what the cache holds of the person behind `authorId` (linked authors included). The
// company's replies are the outbound posts that answer one of the person's posts, and those of
// conversations where every customer post is the person's (a private conversation); complaints,
// those of such conversations.
Result<PersonData> collectPersonData(const QSqlDatabase &db, qint64 authorId);

enum class PersonExportFormat { Html, Json };

// The HTML page (self-contained, every value escaped; times in `locale` and the local time zone)
// and the JSON document (times in ISO 8601 UTC).
QByteArray personDataHtml(const PersonData &data, const QLocale &locale, qint64 generatedAtMs);
QByteArray personDataJson(const PersonData &data, qint64 generatedAtMs);

struct PersonExportResult {
    int posts = 0;
    int replies = 0;
};

// Writes the file whole or not at all (a temporary file renamed into place) and, in the same
// transaction as the file's completion, an access record (kind person_export) signed by `by`.
// Refused (RefusedByPolicy, no file) in a team for roles other than supervisor, admin and dpo.
Result<PersonExportResult> exportPersonData(const QSqlDatabase &db, qint64 authorId, const QString &path,
                                            PersonExportFormat format, const QLocale &locale, const Agent &by,
                                            qint64 nowMs);

// The refusal's message, for the callers that check before asking for a file name.
QString personalDataRefusedMessage();

} // namespace sportello::privacy
