#pragma once
// The local SQLite cache: opening, validation, pragmas and forward-only migrations.

#include "common/Result.h"
#include "storage/Migrations.h"

#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <map>
#include <memory>

namespace sportello {

class Database {
public:
    struct Options {
        bool createIfMissing = true;
        // Migrate up to this version only; tests use it to build files of earlier versions.
        int targetVersion = -1;
        // What the migrations install from the modules above storage; a step whose seed is
        // missing here fails (openCache supplies them all).
        std::map<SeedData, std::function<Status(const QSqlDatabase &)>> seeds;
        // How long a statement waits for another program's lock before failing as Busy.
        int busyTimeoutMs = 5000;
        // A cache found damaged (ErrorKind::Corrupt) whose schema can still be read is opened
        // read-only instead of refused: nothing is written to it (no migration, no pragma that
        // writes), and damage() says why. The console and the salvage use it; the CLI's writing
        // commands do not, so they refuse a damaged cache.
        bool readOnlyIfDamaged = false;
    };

    // Opens (or creates) the cache at `path`. A file that is not a Sportello cache, was written
    // by a newer version, or is corrupt is refused with a clear message and left untouched.
    // The refusal's kind says which: Corrupt (not an SQLite file, not a Sportello cache, damaged),
    // Conflict (written by a newer version: the file is sound, this program is too old for it),
    // Busy (locked by another program beyond the busy timeout), Io (a folder, no permission, a
    // folder that cannot be created), NotFound (no file and createIfMissing is false).
    static Result<std::unique_ptr<Database>> open(const QString &path, Options options);
    static Result<std::unique_ptr<Database>> open(const QString &path) { return open(path, Options{}); }

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    const QString &path() const { return m_path; }
    int schemaVersion() const { return m_version; }

    // Full integrity check; slow on big files, so not run on every open.
    Status checkIntegrity() const;

    // The cheap open-time check: the header's page size, database size and freelist fields agree
    // with each other and with the file. Reads the file only. Empty when sound, else the reason.
    static QString headerDamage(const QString &path);

    // Why this cache is read-only (empty: it is writable). Set at open for a damaged cache opened
    // with readOnlyIfDamaged, or later by markDamaged() when a corruption is met during work.
    const QString &damage() const { return m_damage; }
    bool isReadOnly() const { return !m_damage.isEmpty(); }
    // Turns the connection read-only (PRAGMA query_only) from now on; the first reason is kept.
    void markDamaged(const QString &reason);

    static int latestVersion();
    static constexpr int kApplicationId = 0x53504F52; // "SPOR"

private:
    Database(QString connectionName, QString path);
    Status validate(int latest);
    Status configure();
    Status migrate(int target, const Options &options);

    QString m_connectionName;
    QString m_path;
    int m_version = 0;
    QString m_damage;
};

} // namespace sportello
