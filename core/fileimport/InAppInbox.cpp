#include "fileimport/InAppInbox.h"

#include "domain/Domain.h"
#include "fileimport/FileImportLog.h"
#include "fileimport/Importer.h"
#include "ingest/PostRecord.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSaveFile>
#include <QSqlQuery>
#include <optional>
#include <utility>

namespace sportello {

namespace {

const QString kFolderKey = QStringLiteral("inapp_inbox_folder");

// Every record must be a customer's in-app message: another channel's posts have their own way
// in; an app it names must be a name. Reads `device` from its start and puts it back there; the
// first refusal, or empty. (The records' apps are checked against their threads as they are
// stored, by ThreadApps, on the records exactly as the importer reads them.)
QString refusedRecord(QIODevice &device)
{
    qint64 line = 0;
    QString refusal;
    while (!device.atEnd()) {
        const QByteArray text = device.readLine(kMaxRecordBytes + 2).trimmed();
        ++line;
        if (text.isEmpty())
            continue;
        const QJsonObject record = QJsonDocument::fromJson(text).object();
        const QString channel = record.value(QLatin1String("channel")).toString();
        if (!record.isEmpty() && channel != QLatin1String("in_app")) {
            refusal = QCoreApplication::translate("Import", "line %1: the channel is \"%2\"; the in-app inbox takes "
                                                            "in_app messages only.")
                          .arg(line)
                          .arg(channel);
            break;
        }
        // The customers' messages only: a company post would answer threads and count as the
        // company's replies in the reports, which come from Sportello's outbox alone.
        if (record.value(QLatin1String("direction")).toString() == QLatin1String("outbound")) {
            refusal = QCoreApplication::translate("Import", "line %1: an outbound record; the in-app inbox takes the "
                                                            "customers' messages only.")
                          .arg(line);
            break;
        }
        // Left out or null: no app said, as in every file written before apps.
        const QJsonValue app = record.value(QLatin1String("app"));
        if (!app.isUndefined() && !app.isNull() && !(app.isString() && isValidInAppName(app.toString()))) {
            refusal = QCoreApplication::translate("Import", "line %1: the field \"app\" must be the app's name: 1 to "
                                                            "64 letters, digits, dots, dashes or underscores.")
                          .arg(line);
            break;
        }
    }
    device.seek(0);
    return refusal;
}

// Each in-app thread belongs to the app that first wrote it (inapp_thread_apps). Called for each
// record inside the import's transaction, so that a stamp is kept only with the records and a
// refusal leaves nothing. The refusals never name the thread's app.
class ThreadApps {
public:
    ThreadApps(Database &database, QString batchApp) : m_database(database), m_batchApp(std::move(batchApp)) {}

    Status check(const PostRecord &post, qint64 line)
    {
        // The same refusals as the first reading, on the record as stored.
        if (post.channel != Channel::InApp || post.direction != Direction::Inbound)
            return Error{QCoreApplication::translate("Import", "line %1: the in-app inbox takes the customers' in_app "
                                                               "messages only")
                             .arg(line),
                         ErrorKind::InvalidInput};
        // Sent for an app (its secret), a record cannot be another's by a field.
        if (!m_batchApp.isEmpty() && !post.app.isEmpty() && post.app != m_batchApp) {
            m_refusal = InAppRefusal::OtherApp;
            return Error{QCoreApplication::translate("Import", "line %1: the record names another app than the one "
                                                               "it was sent for")
                             .arg(line),
                         ErrorKind::RefusedByPolicy};
        }
        const QString app = post.app.isEmpty() ? m_batchApp : post.app;
        auto owner = ownerOf(post.threadExternalId);
        if (!owner)
            return owner.failure();
        // A record without an app does not say it is the thread's app's: refused there too.
        if (owner->has_value() && **owner != app) {
            m_refusal = InAppRefusal::OtherAppsThread;
            return Error{QCoreApplication::translate("Import", "line %1: the thread \"%2\" belongs to another app")
                             .arg(line)
                             .arg(post.threadExternalId),
                         ErrorKind::Conflict};
        }
        if (!app.isEmpty()) {
            auto elsewhere = authorWritesElsewhere(post.author.externalId, app);
            if (!elsewhere)
                return elsewhere.failure();
            if (*elsewhere) {
                m_refusal = InAppRefusal::OtherAppsAuthor;
                return Error{QCoreApplication::translate("Import", "line %1: the author \"%2\" is another app's "
                                                                   "customer")
                                 .arg(line)
                                 .arg(post.author.externalId),
                             ErrorKind::Conflict};
            }
        }
        if (owner->has_value() || app.isEmpty())
            return {};
        // Not stamped yet (new, or stored before apps): the first app to write it takes it.
        QSqlQuery stamp(m_database.connection());
        if (Status s = sql::prepare(stamp, QStringLiteral("INSERT INTO inapp_thread_apps(thread_external_id, app) "
                                                          "VALUES(?, ?)"));
            !s)
            return s;
        stamp.addBindValue(post.threadExternalId);
        stamp.addBindValue(app);
        if (Status s = sql::exec(stamp); !s)
            return s;
        m_owners.insert(post.threadExternalId, app);
        return {};
    }

    InAppRefusal refusal() const { return m_refusal; }

private:
    // Whether the in-app author already wrote in a thread stamped with another app. Threads without
    // a stamp (written before apps, or by the folder without one) do not count: like such a thread,
    // such an author is taken by the first app that writes for it. The records stored earlier in
    // this batch count: they are in the same transaction.
    Result<bool> authorWritesElsewhere(const QString &author, const QString &app)
    {
        QSqlQuery q(m_database.connection());
        if (Status s =
                sql::prepare(q, QStringLiteral("SELECT 1 FROM authors a JOIN posts p ON p.author_id = a.id "
                                               "JOIN threads t ON t.id = p.thread_id "
                                               "JOIN inapp_thread_apps s ON s.thread_external_id = t.external_id "
                                               "WHERE a.channel = 'in_app' AND a.external_id = ? "
                                               "AND t.channel = 'in_app' AND s.app <> ? LIMIT 1"));
            !s)
            return s.failure();
        q.addBindValue(author);
        q.addBindValue(app);
        if (Status s = sql::exec(q); !s)
            return s.failure();
        return q.next();
    }

    // The thread's app; nullopt when it has none.
    Result<std::optional<QString>> ownerOf(const QString &thread)
    {
        if (const auto known = m_owners.constFind(thread); known != m_owners.cend())
            return known->isEmpty() ? std::nullopt : std::optional<QString>(*known);
        QSqlQuery q(m_database.connection());
        if (Status s = sql::prepare(q, QStringLiteral("SELECT app FROM inapp_thread_apps WHERE thread_external_id = ?"));
            !s)
            return s.failure();
        q.addBindValue(thread);
        if (Status s = sql::exec(q); !s)
            return s.failure();
        const QString app = q.next() ? q.value(0).toString() : QString();
        m_owners.insert(thread, app); // empty: none (yet)
        return app.isEmpty() ? std::nullopt : std::optional<QString>(app);
    }

    Database &m_database;
    QString m_batchApp;
    QHash<QString, QString> m_owners; // by thread, as read or stamped in this batch
    InAppRefusal m_refusal = InAppRefusal::None;
};

// Moves the file into `folder`/`sub`/, under a new name if one is taken.
Result<QString> moveAside(const QString &folder, const QString &sub, const QFileInfo &file)
{
    QDir dir(folder);
    if (!dir.mkpath(sub))
        return Error{QCoreApplication::translate("Import", "The folder %1 cannot be created.")
                         .arg(QDir::toNativeSeparators(dir.filePath(sub))),
                     ErrorKind::Io};
    QString target = dir.filePath(sub + QLatin1Char('/') + file.fileName());
    for (int n = 2; QFileInfo::exists(target); ++n)
        target =
            dir.filePath(QStringLiteral("%1/%2.%3.%4").arg(sub, file.completeBaseName()).arg(n).arg(file.suffix()));
    if (!QFile::rename(file.absoluteFilePath(), target))
        return Error{QCoreApplication::translate("Import", "%1 cannot be moved to %2.")
                         .arg(QDir::toNativeSeparators(file.absoluteFilePath()), QDir::toNativeSeparators(target)),
                     ErrorKind::Io};
    return target;
}

} // namespace

ImportReport storeInAppMessages(Database &database, QIODevice &device, const QString &shownName, const QString &app,
                                InAppRefusal *appRefusal)
{
    if (appRefusal)
        *appRefusal = InAppRefusal::None;
    if (const QString refusal = refusedRecord(device); !refusal.isEmpty()) {
        ImportReport report;
        report.file = shownName;
        report.error = refusal;
        report.errorKind = ErrorKind::InvalidInput;
        return report;
    }
    ThreadApps threads(database, app);
    ImportOptions options;
    options.format = ImportFormat::JsonLines;
    options.checkPost = [&threads](const PostRecord &post, qint64 line) { return threads.check(post, line); };
    ImportReport report = importDevice(database, device, shownName, options);
    if (appRefusal && !report.ok)
        *appRefusal = threads.refusal();
    return report;
}

Result<QString> inAppInboxFolder(Database &database)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    q.addBindValue(kFolderKey);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    return q.next() ? q.value(0).toString() : QString();
}

Status setInAppInboxFolder(Database &database, const QString &folder)
{
    const QString path = folder.trimmed();
    if (!path.isEmpty() && (!QDir::isAbsolutePath(path) || !QFileInfo(path).isDir()))
        return Error{QCoreApplication::translate("Import", "The in-app inbox must be an existing folder, given by "
                                                           "its absolute path: %1")
                         .arg(path),
                     ErrorKind::InvalidInput};
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, path.isEmpty() ? QStringLiteral("DELETE FROM app_state WHERE key = ?")
                                                  : QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                                   "ON CONFLICT(key) DO UPDATE SET value = "
                                                                   "excluded.value"));
        !s)
        return s;
    q.addBindValue(kFolderKey);
    if (!path.isEmpty())
        q.addBindValue(QDir::cleanPath(path));
    return sql::exec(q);
}

Result<InboxScan> scanInAppInbox(Database &database, const QString &folder)
{
    QString root = folder;
    if (root.isEmpty()) {
        auto configured = inAppInboxFolder(database);
        if (!configured)
            return configured.failure();
        root = *configured;
    }
    InboxScan scan;
    if (root.isEmpty())
        return scan;
    const QDir dir(root);
    if (!dir.exists())
        return Error{QCoreApplication::translate("Import", "The in-app inbox %1 does not exist.")
                         .arg(QDir::toNativeSeparators(root)),
                     ErrorKind::NotFound};
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.jsonl")}, QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &info : files) {
        InboxFile result;
        result.name = info.fileName();
        QString refusal;
        if (info.size() > kInAppInboxMaxFileBytes)
            refusal = QCoreApplication::translate("Import", "the file is %1 MiB; the in-app inbox takes files up to "
                                                            "%2 MiB (import larger ones with File > Import).")
                          .arg(info.size() / (1024 * 1024))
                          .arg(kInAppInboxMaxFileBytes / (1024 * 1024));
        QFile file(info.absoluteFilePath());
        if (refusal.isEmpty() && !file.open(QIODevice::ReadOnly))
            refusal = QCoreApplication::translate("Import", "%1 cannot be read: %2.")
                          .arg(QDir::toNativeSeparators(info.absoluteFilePath()), file.errorString());
        if (refusal.isEmpty()) {
            const ImportReport report =
                storeInAppMessages(database, file, QDir::toNativeSeparators(info.absoluteFilePath()));
            file.close(); // before it is moved aside
            if (report.ok) {
                result.stored = true;
                result.postsAdded = report.postsAdded;
            } else if (report.errorKind == ErrorKind::Busy) {
                result.leftForLater = true;
                result.error = report.error;
                scan.files.append(result);
                continue; // the next scan tries again
            } else {
                refusal = report.summary();
            }
        }
        auto moved = moveAside(root, result.stored ? QStringLiteral("processed") : QStringLiteral("rejected"), info);
        if (!moved) {
            // Stored but not moved: the next scan finds every post already there and stores nothing.
            result.error = moved.error();
            scan.files.append(result);
            continue;
        }
        result.movedTo = *moved;
        if (!result.stored) {
            result.error = refusal;
            ++scan.rejected;
            QSaveFile why(*moved + QStringLiteral(".error.txt"));
            if (why.open(QIODevice::WriteOnly)) {
                why.write(refusal.toUtf8() + '\n');
                if (!why.commit())
                    qCWarning(lcFileImport) << "in-app inbox: the reason for" << *moved << "could not be written";
            }
        }
        scan.postsAdded += result.postsAdded;
        qCInfo(lcFileImport) << "in-app inbox:" << result.name << (result.stored ? "stored" : "rejected")
                             << result.postsAdded << "posts";
        scan.files.append(result);
    }
    return scan;
}

} // namespace sportello
