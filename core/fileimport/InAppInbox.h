#pragma once
// The mobile app's own support messages on a desktop alone (docs/import.md, "In-app inbox"): the
// company's app backend drops files of JSON Lines in the interchange format, every record on the
// channel "in_app", into a folder. Each scan imports every finished file (*.jsonl; a file being
// written is named otherwise, say *.jsonl.part, and renamed when complete), oldest name first,
// each in one transaction through the importer, then moves it aside: into processed/ once stored,
// into rejected/ with NAME.error.txt saying why when it cannot be. Nothing is deleted, nothing is
// stored twice (the posts' ids are unique), a file the cache was too busy for stays for the next
// scan. The folder is app_state "inapp_inbox_folder".

#include "common/Result.h"
#include "fileimport/Importer.h"

#include <QString>
#include <QVector>

class QIODevice;

namespace sportello {

class Database;

// A file larger than this is refused: the inbox is for the app backend's trickle of messages
// (a scan runs with the console's sync); a bulk load goes through File > Import.
inline constexpr qint64 kInAppInboxMaxFileBytes = 16 * 1024 * 1024;

struct InboxFile {
    QString name;
    bool stored = false;
    bool leftForLater = false; // the cache was busy: the file stays where it is
    QString movedTo;           // the path it was moved to (processed/ or rejected/)
    QString error;             // why it was rejected or left
    qint64 postsAdded = 0;
};

struct InboxScan {
    QVector<InboxFile> files;
    qint64 postsAdded = 0;
    int rejected = 0;
};

Result<QString> inAppInboxFolder(Database &database);
// An empty folder turns the inbox off; otherwise an absolute path to an existing folder.
Status setInAppInboxFolder(Database &database, const QString &folder);

// One batch of in-app messages, the folder's and the hub's intake's one way in (docs/hub.md,
// "Intake"): JSON Lines read from `device` (open, at its start), every record on the channel
// in_app, stored in one transaction through the importer, or nothing of it when a record is on
// another channel or invalid (the report says why; errorKind Busy: the cache could not be written
// now, try again). `shownName` names the batch in the messages.
//
// Several apps: each in-app thread belongs to the app that first wrote it (cache table
// inapp_thread_apps). `app` is the app the batch was sent for (the intake's path; empty for the
// folder); a record may name its app in the field "app", which must then be `app` when one is
// given (else RefusedByPolicy). A record for a thread stamped with another app, or without an app
// for a thread stamped with one, refuses the batch (Conflict); a thread not stamped yet is stamped
// with the record's app, in the same transaction. The refusals never name the other app.
//
// An app's customer is its own too: a record of an app whose author already wrote in a thread of
// another app refuses the batch (Conflict), so that one app cannot rename or gather another app's
// customers; an author seen only in threads without an app is taken by the first app, like them. `appRefusal`, when
// given, says which of these refusals it was (None for any other failure: a storage error is not the app's fault and
// must be retried).
enum class InAppRefusal { None, OtherApp, OtherAppsThread, OtherAppsAuthor };
ImportReport storeInAppMessages(Database &database, QIODevice &device, const QString &shownName,
                                const QString &app = {}, InAppRefusal *appRefusal = nullptr);

// Scans `folder` (the configured one when empty; nothing to do when none is configured).
Result<InboxScan> scanInAppInbox(Database &database, const QString &folder = {});

} // namespace sportello
