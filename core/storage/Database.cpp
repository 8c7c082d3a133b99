#include "storage/Database.h"

#include "common/FileKind.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/StorageLog.h"
#include "storage/Transaction.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#include <algorithm>

namespace sportello {

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("sportello-%1").arg(counter.fetchAndAddRelaxed(1));
}

// An SQLite file starts with this 16-byte header; an empty file is a new database.
Status checkHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{
            QCoreApplication::translate("Database", "Cannot read the cache file %1: %2").arg(path, file.errorString()),
            ErrorKind::Io};
    if (file.size() == 0)
        return {};
    const QByteArray header = file.read(16);
    if (header != QByteArray("SQLite format 3\0", 16))
        return Error{QCoreApplication::translate("Database",
                                                 "%1 is not a Sportello cache (it is not an SQLite database). "
                                                 "The file was left as it is.")
                         .arg(path),
                     ErrorKind::Corrupt};
    return {};
}

Error damagedError(const QString &path, const QString &reason)
{
    return Error{QCoreApplication::translate(
                     "Database", "The cache %1 is damaged and cannot be opened (%2). The file was left as it is; "
                                 "restore it from a backup or start a new cache.")
                     .arg(path, reason),
                 ErrorKind::Corrupt};
}

quint32 bigEndian32(const QByteArray &bytes, int offset)
{
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<quint8>(bytes.at(offset + i));
    return value;
}

// The cheap part of the open-time check (docs/storage.md, "Damage"): the 100-byte header's page
// size, database size and freelist fields must agree with each other and with the file, read from
// the file before SQLite opens it. Returns the reason when they do not, empty when they do.
} // namespace

QString Database::headerDamage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {}; // unreadable files are reported by the open itself
    const qint64 fileSize = file.size();
    const QByteArray header = file.read(100);
    if (fileSize == 0)
        return {};
    if (header.size() < 100)
        return QCoreApplication::translate("Database", "the file is shorter than an SQLite header");
    quint32 pageSize = (static_cast<quint8>(header.at(16)) << 8) | static_cast<quint8>(header.at(17));
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        return QCoreApplication::translate("Database", "invalid page size in the header");
    const quint32 changeCounter = bigEndian32(header, 24);
    const quint32 headerPages = bigEndian32(header, 28);
    const quint32 validFor = bigEndian32(header, 92);
    const auto filePages = static_cast<quint64>(fileSize) / pageSize;
    // The write-ahead log may hold pages the file does not have yet; the file's size is compared
    // only when there is none.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const bool walHasPages = wal.exists() && wal.size() > 0;
    quint64 pages = filePages;
    if (headerPages != 0 && changeCounter == validFor) {
        if (!walHasPages && headerPages > filePages)
            return QCoreApplication::translate("Database", "the header counts %1 pages, the file holds %2")
                .arg(headerPages)
                .arg(filePages);
        pages = walHasPages ? std::max<quint64>(headerPages, filePages) : headerPages;
    }
    const quint32 trunk = bigEndian32(header, 32);
    const quint32 freePages = bigEndian32(header, 36);
    if ((trunk == 0) != (freePages == 0) || (trunk != 0 && (trunk < 2 || trunk > pages)) ||
        (freePages != 0 && freePages >= pages))
        return QCoreApplication::translate("Database", "invalid freelist in the header");
    return {};
}

int Database::latestVersion() { return schemaMigrations().back().version; }

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path))
{}

Database::~Database()
{
    sql::forgetReusedQueries(m_connectionName); // before the driver closes
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const { return QSqlDatabase::database(m_connectionName, false); }

Result<std::unique_ptr<Database>> Database::open(const QString &path, Options options)
{
    const int latest = latestVersion();
    const int target = options.targetVersion < 0 ? latest : std::min(options.targetVersion, latest);
    const QFileInfo info(path);
    // Told from the metadata alone: a named pipe is never opened (that would block until a writer
    // comes), a device never taken for a new cache (SQLite would put its journal next to it).
    const QString shown = QDir::toNativeSeparators(path);
    if (pathKind(path) == PathKind::Folder)
        return Error{QCoreApplication::translate("Database", "%1 is a folder, not a cache file.").arg(path),
                     ErrorKind::Io};
    if (Status regular =
            requireRegularFileOrMissing(path, shown, QCoreApplication::translate("Database", "a cache file"));
        !regular)
        return regular.failure();
    QString damage;
    if (pathKind(path) == PathKind::RegularFile) {
        if (info.size() == 0 && !options.createIfMissing)
            return Error{QCoreApplication::translate("Database", "%1 is empty: it is not a Sportello cache. Nothing "
                                                                 "was written to it.")
                             .arg(shown),
                         ErrorKind::Corrupt};
        if (Status header = checkHeader(path); !header)
            return header.failure();
        damage = headerDamage(path);
        if (!damage.isEmpty() && !options.readOnlyIfDamaged)
            return damagedError(shown, damage);
    } else {
        if (!options.createIfMissing)
            return Error{QCoreApplication::translate("Database", "The cache file %1 does not exist.").arg(path),
                         ErrorKind::NotFound};
        if (!QDir().mkpath(info.absolutePath()))
            return Error{QCoreApplication::translate("Database", "Cannot create the folder %1 for the cache.")
                             .arg(info.absolutePath()),
                         ErrorKind::Io};
    }

    // SQLite keeps its write-ahead log and shared-memory index next to the cache: in a folder the
    // user cannot write to, even a sound cache cannot be opened. Say so, instead of letting the
    // failure read as damage.
    if (const QFileInfo folder(info.absolutePath()); !folder.isWritable())
        return Error{QCoreApplication::translate("Database",
                                                 "Cannot open the cache %1: its folder %2 is read-only for you, and "
                                                 "Sportello keeps the cache's journal next to it. Move the cache to "
                                                 "a folder you can write to, or get write permission on this one. "
                                                 "The file was left as it is.")
                         .arg(shown, QDir::toNativeSeparators(folder.absoluteFilePath())),
                     ErrorKind::Io};

    std::unique_ptr<Database> database(new Database(nextConnectionName(), info.absoluteFilePath()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), database->m_connectionName);
        db.setDatabaseName(database->m_path);
        QString connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(std::max(0, options.busyTimeoutMs));
        if (!damage.isEmpty())
            connectOptions += QStringLiteral(";QSQLITE_OPEN_READONLY");
        db.setConnectOptions(connectOptions);
        if (!db.open()) {
            const ErrorKind kind = sql::errorKind(db.lastError());
            return Error{QCoreApplication::translate("Database", "Cannot open the cache %1: %2")
                             .arg(path, sql::describe(db.lastError())),
                         kind == ErrorKind::Unspecified ? ErrorKind::Io : kind};
        }
    }
    // Nothing is written before the file has been recognised as ours (or as empty).
    if (Status valid = database->validate(latest); !valid)
        return valid.failure();
    if (!damage.isEmpty()) {
        // Read as it is: no pragma that writes, no migration.
        if (database->m_version < target)
            return damagedError(shown, damage);
        database->markDamaged(damage);
        qCWarning(lcStorage) << "damaged cache opened read-only at schema" << database->m_version;
        return database;
    }
    if (Status configured = database->configure(); !configured)
        return configured.failure();
    const int found = database->m_version;
    if (Status migrated = database->migrate(target, options); !migrated) {
        qCWarning(lcStorage) << "cache not opened:" << errorKindName(migrated.errorKind());
        return migrated.failure();
    }
    qCInfo(lcStorage) << "cache opened at schema" << database->m_version << "(found at schema" << found << ")";
    return database;
}

Status Database::validate(int latest)
{
    const QSqlDatabase db = connection();
    const auto damaged = [this](const QString &reason) { return damagedError(m_path, reason); };
    // A file another program holds locked, or that cannot be read, is not damaged: say so.
    const auto corrupt = [this, &damaged](const Error &inner) {
        if (inner.kind == ErrorKind::Busy || inner.kind == ErrorKind::Io)
            return inner.withMessage(
                QCoreApplication::translate("Database", "Cannot open the cache %1: %2").arg(m_path, inner.message));
        return damaged(inner.message);
    };
    auto appId = sql::scalar(db, QStringLiteral("PRAGMA application_id"));
    if (!appId)
        return corrupt(appId.failure());
    auto version = sql::scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return corrupt(version.failure());
    // Reading the schema touches its pages: a damaged file usually fails here.
    auto objects = sql::scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!objects)
        return corrupt(objects.failure());

    m_version = version->toInt();
    const bool empty = objects->toInt() == 0 && m_version == 0;
    if (empty)
        return {};
    if (appId->toInt() != kApplicationId)
        return Error{QCoreApplication::translate(
                         "Database", "%1 is an SQLite database but not a Sportello cache. The file was left as it is.")
                         .arg(m_path),
                     ErrorKind::Corrupt};
    if (m_version > latest)
        return Error{QCoreApplication::translate(
                         "Database",
                         "The cache %1 was written by a newer version of Sportello (schema %2; this version "
                         "knows up to %3). Update Sportello to open it. The file was left as it is.")
                         .arg(m_path)
                         .arg(m_version)
                         .arg(latest),
                     ErrorKind::Conflict};
    if (m_version < 1)
        return damaged(QCoreApplication::translate("Database", "no schema version"));
    return {};
}

Status Database::configure()
{
    const QSqlDatabase db = connection();
    // WAL lets readers work while the dispatcher or an import writes; FULL sync because
    // decisions, audit and outbox cannot be fetched again from anywhere.
    auto mode = sql::scalar(db, QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!mode)
        return mode.failure().withMessage(
            QCoreApplication::translate("Database", "Cannot configure the cache %1: %2").arg(m_path, mode.error()));
    // secure_delete: every connection zeroes what it deletes (a row's bytes in its page, the pages
    // freed), so an anonymised post leaves no copy in a free page and a retention run needs no
    // VACUUM once the cache has had one (docs/privacy.md, "Retention").
    for (const char *pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
                               "PRAGMA cache_size=-32000", "PRAGMA secure_delete=ON"}) {
        if (Status s = sql::exec(db, QString::fromLatin1(pragma)); !s)
            return s.failure().withMessage(
                QCoreApplication::translate("Database", "Cannot configure the cache %1: %2").arg(m_path, s.error()));
    }
    return {};
}

Status Database::migrate(int target, const Options &options)
{
    const QSqlDatabase db = connection();
    for (const Migration &step : schemaMigrations()) {
        if (step.version <= m_version || step.version > target)
            continue;
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure().withMessage(
                QCoreApplication::translate("Database", "Cannot upgrade the cache %1: %2")
                    .arg(m_path, transaction.startError()));
        for (const QString &statement : step.statements) {
            if (Status s = sql::exec(db, statement); !s)
                return s.failure().withMessage(
                    QCoreApplication::translate("Database", "Cannot upgrade the cache %1 to schema %2: %3")
                        .arg(m_path)
                        .arg(step.version)
                        .arg(s.error()));
        }
        if (step.seed) {
            const auto seed = options.seeds.find(*step.seed);
            if (seed == options.seeds.end() || !seed->second)
                return Error{QCoreApplication::translate("Database",
                                                         "Cannot upgrade the cache %1 to schema %2: the data this "
                                                         "step installs was not supplied.")
                                 .arg(m_path)
                                 .arg(step.version),
                             ErrorKind::InvalidInput};
            if (Status s = seed->second(db); !s)
                return s.failure().withMessage(
                    QCoreApplication::translate("Database", "Cannot upgrade the cache %1 to schema %2: %3")
                        .arg(m_path)
                        .arg(step.version)
                        .arg(s.error()));
        }
        const QStringList stamps{QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId),
                                 QStringLiteral("PRAGMA user_version=%1").arg(step.version)};
        for (const QString &stamp : stamps) {
            if (Status s = sql::exec(db, stamp); !s)
                return s.failure().withMessage(
                    QCoreApplication::translate("Database", "Cannot upgrade the cache %1 to schema %2: %3")
                        .arg(m_path)
                        .arg(step.version)
                        .arg(s.error()));
        }
        if (Status s = transaction.commit(); !s)
            return s.failure().withMessage(
                QCoreApplication::translate("Database", "Cannot upgrade the cache %1 to schema %2: %3")
                    .arg(m_path)
                    .arg(step.version)
                    .arg(s.error()));
        m_version = step.version;
        qCInfo(lcStorage) << "cache migrated to schema" << step.version;
    }
    return {};
}

void Database::markDamaged(const QString &reason)
{
    if (!m_damage.isEmpty())
        return;
    m_damage = reason.isEmpty() ? QCoreApplication::translate("Database", "damaged") : reason;
    // Every later write on this connection fails instead of touching the file.
    if (Status s = sql::exec(connection(), QStringLiteral("PRAGMA query_only=1")); !s)
        qCWarning(lcStorage) << "query_only not set:" << errorKindName(s.errorKind());
    qCWarning(lcStorage) << "cache switched to read-only: damaged";
}

Status Database::checkIntegrity() const
{
    auto result = sql::scalar(connection(), QStringLiteral("PRAGMA quick_check"));
    if (!result)
        return result.failure();
    if (result->toString() != QLatin1String("ok"))
        return Error{QCoreApplication::translate("Database", "The cache %1 failed its integrity check: %2")
                         .arg(m_path, result->toString()),
                     ErrorKind::Corrupt};
    return {};
}

} // namespace sportello
