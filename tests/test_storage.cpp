#include "DamagedCache.h"
#include "FileChecks.h"
#include "ImportHelpers.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "cache/OpenCache.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sportello;
using namespace sportello::test;

namespace {

void checkNothingNextTo(const QString &path)
{
    for (const char *suffix : {"-journal", "-wal", "-shm"}) {
        INFO(path.toStdString() << suffix);
        CHECK_FALSE(QFileInfo::exists(path + QLatin1String(suffix)));
    }
}

} // namespace

TEST_CASE("a new cache is created at the latest schema with the expected settings", "[storage]")
{
    TempCache cache;
    CHECK(cache.db->schemaVersion() == Database::latestVersion());
    CHECK(scalar(*cache.db, QStringLiteral("PRAGMA user_version")).toInt() == Database::latestVersion());
    CHECK(scalar(*cache.db, QStringLiteral("PRAGMA application_id")).toInt() == Database::kApplicationId);
    CHECK(scalar(*cache.db, QStringLiteral("PRAGMA journal_mode")).toString() == QLatin1String("wal"));
    CHECK(scalar(*cache.db, QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    CHECK(scalar(*cache.db, QStringLiteral("PRAGMA synchronous")).toInt() == 2); // FULL
    CHECK(cache.db->checkIntegrity().ok());
}

TEST_CASE("reopening a cache keeps its data", "[storage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    {
        auto db = openCache(path);
        REQUIRE(db.ok());
        ingest(*db.value(), {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), utcMs("2026-03-02T09:00:00Z"))});
    }
    auto db = openCache(path);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM posts")).toInt() == 1);
}

TEST_CASE("migrations bring every earlier schema version to the latest and keep the data", "[storage][migration]")
{
    // Every version a cache can be at (the numbers need not be consecutive).
    for (const Migration &step : schemaMigrations()) {
        const int from = step.version;
        if (from >= Database::latestVersion())
            break;
        DYNAMIC_SECTION("from version " << from)
        {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("old.sqlite"));
            {
                Database::Options options;
                options.targetVersion = from;
                auto old = openCache(path, options);
                INFO(old.error().toStdString());
                REQUIRE(old.ok());
                REQUIRE(old.value()->schemaVersion() == from);
                // Rows written the way version 1 knew: an answered thread and a waiting one.
                QSqlDatabase c = old.value()->connection();
                for (const char *statement : {
                         "INSERT INTO authors(id, channel, external_id, handle, display_name) VALUES(1, 'x', 'u1', "
                         "'mario', 'Mario Rossi')",
                         "INSERT INTO authors(id, channel, external_id, handle, display_name, is_company) VALUES(2, "
                         "'x', 'co', 'AssicuraSerena', 'Assicura Serena', 1)",
                         "INSERT INTO threads(id, channel, external_id, created_at) VALUES(1, 'x', 't1', 1000)",
                         "INSERT INTO threads(id, channel, external_id, created_at) VALUES(2, 'x', 't2', 5000)",
                         "INSERT INTO posts(thread_id, channel, external_id, author_id, direction, visibility, "
                         "created_at, text) VALUES(1, 'x', 'p1', 1, 'inbound', 'public', 1000, 'sinistro grandine')",
                         "INSERT INTO posts(thread_id, channel, external_id, author_id, direction, visibility, "
                         "created_at, text) VALUES(1, 'x', 'p2', 2, 'outbound', 'public', 2000, 'ci scriva in DM')",
                         "INSERT INTO posts(thread_id, channel, external_id, author_id, direction, visibility, "
                         "created_at, text) VALUES(2, 'x', 'p3', 1, 'inbound', 'private', 5000, 'rimborso franchigia')",
                     }) {
                    INFO(statement);
                    REQUIRE(sql::exec(c, QString::fromLatin1(statement)).ok());
                }
                // From version 13 on the writer of posts writes their full-text rows, as the
                // trigger did before.
                const bool writerWrites = from >= 13;
                if (writerWrites)
                    REQUIRE(sql::exec(c, QStringLiteral("INSERT INTO posts_fts(rowid, text, author) SELECT p.id, p.text, "
                                                        "a.handle || ' ' || a.display_name FROM posts p "
                                                        "JOIN authors a ON a.id = p.author_id"))
                                .ok());
            }
            auto db = openCache(path);
            INFO(db.error().toStdString());
            REQUIRE(db.ok());
            Database &migrated = *db.value();
            CHECK(migrated.schemaVersion() == Database::latestVersion());
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM posts")).toInt() == 3);
            // Version 2: the posts written before it are searchable.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'franchigia'"))
                      .toInt() == 1);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'mario'"))
                      .toInt() == 2);
            // Version 13: no trigger writes full-text rows any more; the rows written before stay,
            // and a post ingested now gets exactly one.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                                                  "name = 'posts_fts_insert'"))
                      .toInt() == 0);
            CHECK(checkFullTextCoversPosts(migrated) == 3);
            // Versions 3 and 4 derive timers from rows written before them; a file already at
            // version 4 got its timers when its posts were ingested, which these raw rows skip.
            if (from < 4) {
                // Version 3: timers derived from the stored history.
                CHECK(scalar(migrated, QStringLiteral("SELECT status FROM threads WHERE id = 1")).toString() ==
                      QLatin1String("answered"));
                CHECK(scalar(migrated, QStringLiteral("SELECT answered_at FROM posts WHERE external_id = 'p1'"))
                          .toLongLong() == 2000);
                CHECK(scalar(migrated, QStringLiteral("SELECT status FROM threads WHERE id = 2")).toString() ==
                      QLatin1String("waiting"));
                // Version 4: the systematic policy on the office calendar. The post arrived on 1 January
                // 1970, a holiday: an uncategorised post's 60 business minutes run from Friday 2 January,
                // 09:00 in Rome (08:00 UTC).
                CHECK(scalar(migrated, QStringLiteral("SELECT due_at FROM threads WHERE id = 2")).toLongLong() ==
                      utcMs("1970-01-02T09:00:00Z"));
                CHECK(scalar(migrated, QStringLiteral("SELECT due_soon_at FROM threads WHERE id = 2")).toLongLong() ==
                      utcMs("1970-01-02T08:45:00Z"));
                CHECK(scalar(migrated, QStringLiteral("SELECT target_ms FROM posts WHERE external_id = 'p3'"))
                          .toLongLong() == 3600000);
                CHECK(scalar(migrated, QStringLiteral("SELECT business_clock FROM posts WHERE external_id = 'p3'"))
                          .toInt() == 1);
            }
            // Version 4's policy presets, whatever the starting version.
            CHECK(scalar(migrated, QStringLiteral("SELECT value FROM app_state WHERE key = 'active_policy'"))
                      .toString() == QLatin1String("systematic"));
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM policies")).toInt() == 2);
            // Version 5: an empty accounts table (no token column) and the pinned Graph API version.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM accounts")).toInt() == 0);
            CHECK(scalar(migrated,
                         QStringLiteral("SELECT count(*) FROM pragma_table_info('accounts') WHERE name LIKE '%token%' "
                                        "AND name <> 'token_env'"))
                      .toInt() == 0);
            CHECK(scalar(migrated, QStringLiteral("SELECT value FROM app_state WHERE key = 'graph_api_version'"))
                      .toString() == QLatin1String("v19.0"));
            // Version 7: the starter library of saved replies (Italian and English) and no drafts.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM saved_replies WHERE code = 'ack'")).toInt() ==
                  2);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(DISTINCT language) FROM saved_replies")).toInt() == 2);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM drafts")).toInt() == 0);
            // Version 16: the count buckets hold the waiting threads already there (with or without a
            // due time), and the counts from them equal a walk of the threads.
            for (const qint64 now : {qint64(0), utcMs("1970-01-02T08:50:00Z"), utcMs("2026-03-02T09:00:00Z")}) {
                auto counts = QueueQuery(migrated).counts(now);
                REQUIRE(counts.ok());
                const QString waiting = QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'");
                const int overdue = scalar(migrated, waiting + QStringLiteral(" AND due_at <= %1").arg(now)).toInt();
                CHECK(counts->waiting == scalar(migrated, waiting).toInt());
                CHECK(counts->overdue == overdue);
                CHECK(counts->dueSoon ==
                      scalar(migrated, waiting + QStringLiteral(" AND due_soon_at <= %1").arg(now)).toInt() - overdue);
            }
            CHECK(scalar(migrated, QStringLiteral("SELECT sum(n) FROM queue_buckets WHERE kind = 0")).toInt() ==
                  scalar(migrated, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt());
            // Version 8: the reports' index, used by a report's range of inbound posts.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                                  "AND name = 'posts_by_direction_created'"))
                      .toInt() == 1);
            // Version 12: the notes, empty; the outbox's review and the agents' profile columns.
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM notes")).toInt() == 0);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM pragma_table_info('outbox') WHERE name IN "
                                                  "('review_comment', 'reviewed_by', 'reviewed_at')"))
                      .toInt() == 3);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM pragma_table_info('team_agents') WHERE name IN "
                                                  "('department', 'skill_categories', 'skill_channels', "
                                                  "'skill_languages', 'capacity', 'scope_accounts', 'scope_channels', "
                                                  "'scope_categories')"))
                      .toInt() == 8);
            CHECK(migrated.checkIntegrity().ok());
            // Version 13: a post ingested after the migration gets its full-text row, once.
            ingest(migrated, {inboundPost(QStringLiteral("t9"), QStringLiteral("p9"), 9000,
                                          QStringLiteral("segnalazione grandine"))});
            CHECK(checkFullTextCoversPosts(migrated) == 4);
            CHECK(scalar(migrated, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'grandine'"))
                      .toInt() == 2);
        }
    }
}

TEST_CASE("the same post imported twice is stored once", "[storage]")
{
    TempCache cache;
    const qint64 t = utcMs("2026-03-02T09:00:00Z");
    const auto p = inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), t);
    ingest(*cache.db, {p, p});
    ingest(*cache.db, {p});
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts")).toInt() == 1);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM threads")).toInt() == 1);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'polizza'")).toInt() ==
          1);
    // The same external id on another channel is another post.
    auto other = p;
    other.channel = Channel::Instagram;
    ingest(*cache.db, {other});
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM posts")).toInt() == 2);
    // The database itself refuses a duplicate, whatever the caller does.
    QSqlQuery dup(cache.db->connection());
    CHECK_FALSE(
        dup.exec(QStringLiteral("INSERT INTO posts(thread_id, channel, external_id, author_id, direction, visibility, "
                                "created_at, text) SELECT thread_id, channel, external_id, author_id, direction, "
                                "visibility, created_at, text FROM posts LIMIT 1")));
}

TEST_CASE("full-text search finds posts by word prefix, accents and author", "[storage][search]")
{
    TempCache cache;
    const qint64 t = utcMs("2026-03-02T09:00:00Z");
    auto a = inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), t,
                         QStringLiteral("La carrozzeria non mi ha più richiamato"));
    auto b = inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), t + 1000,
                         QStringLiteral("Login failed after the update"));
    b.author.handle = QStringLiteral("jane_doe");
    b.author.displayName = QStringLiteral("Jane Doe");
    auto c =
        inboundPost(QStringLiteral("t3"), QStringLiteral("p3"), t + 2000, QStringLiteral("Preventivo casa, grazie"));
    ingest(*cache.db, {a, b, c});
    QueueQuery queue(*cache.db);
    const auto found = [&](const QString &typed) {
        QueueFilter filter;
        filter.search = typed;
        auto rows = queue.page(filter, QueueSort::Urgency, true, 0, 50);
        INFO(rows.error().toStdString());
        REQUIRE(rows.ok());
        QStringList authors;
        for (const auto &r : rows.value())
            authors << r.authorHandle;
        return authors;
    };
    CHECK(found(QStringLiteral("carrozz")) == QStringList{QStringLiteral("cliente_t1")});
    CHECK(found(QStringLiteral("piu")) == QStringList{QStringLiteral("cliente_t1")}); // diacritics folded
    CHECK(found(QStringLiteral("jane")) == QStringList{QStringLiteral("jane_doe")});
    CHECK(found(QStringLiteral("LOGIN update")) == QStringList{QStringLiteral("jane_doe")});
    CHECK(found(QStringLiteral("nothing-like-this")).isEmpty());
    // FTS syntax typed by a person is taken literally, never as an error.
    CHECK(found(QStringLiteral("preventivo\" (casa* AND")).isEmpty()); // AND is a word here, not an operator
    CHECK(found(QStringLiteral("preventivo\" (casa*")) == QStringList{QStringLiteral("cliente_t3")});
    CHECK(found(QStringLiteral("*** ")).size() == 3); // no words: no search filter
}

namespace {
void requireRefusedAndUntouched(const QString &path, const char *expectedWords)
{
    const QByteArray before = fileBytes(path);
    auto opened = openCache(path);
    REQUIRE_FALSE(opened.ok());
    INFO(opened.error().toStdString());
    CHECK(opened.error().contains(QString::fromLatin1(expectedWords), Qt::CaseInsensitive));
    CHECK(opened.error().contains(path));
    CHECK(fileBytes(path) == before);
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-wal")));
}

// A cache with one post whose SQLite header is kept and whose schema page is wrecked.
void writeCacheWithWreckedSchema(const QString &path)
{
    {
        auto db = openCache(path);
        REQUIRE(db.ok());
        ingest(*db.value(), {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), 1000)});
        REQUIRE(sql::exec(db.value()->connection(), QStringLiteral("PRAGMA journal_mode=DELETE")).ok());
    }
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    f.seek(100);
    f.write(QByteArray(3000, '\xA5'));
    f.close();
}
} // namespace

TEST_CASE("files that are not a usable Sportello cache are refused and left untouched", "[storage]")
{
    QTemporaryDir dir;

    SECTION("a text file")
    {
        const QString path = writeFile(dir, QStringLiteral("notes.txt"), "these are my notes, not a database\n");
        requireRefusedAndUntouched(path, "not a Sportello cache");
    }
    SECTION("another program's SQLite database")
    {
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(path);
            REQUIRE(other.open());
            QSqlQuery q(other);
            REQUIRE(q.exec(QStringLiteral("CREATE TABLE contacts(name TEXT)")));
            REQUIRE(q.exec(QStringLiteral("INSERT INTO contacts VALUES('Anna')")));
            q.finish();
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        requireRefusedAndUntouched(path, "not a Sportello cache");
    }
    SECTION("a cache written by a newer version")
    {
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            auto db = openCache(path);
            REQUIRE(db.ok());
            REQUIRE(sql::exec(db.value()->connection(),
                              QStringLiteral("PRAGMA user_version=%1").arg(Database::latestVersion() + 1))
                        .ok());
            REQUIRE(sql::exec(db.value()->connection(), QStringLiteral("PRAGMA journal_mode=DELETE")).ok());
        }
        requireRefusedAndUntouched(path, "newer version");
    }
    SECTION("a corrupt cache")
    {
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        writeCacheWithWreckedSchema(path);
        requireRefusedAndUntouched(path, "damaged");
    }
    SECTION("a folder")
    {
        const QString path = dir.filePath(QStringLiteral("folder"));
        REQUIRE(QDir().mkpath(path));
        auto opened = openCache(path);
        CHECK_FALSE(opened.ok());
    }
}

TEST_CASE("a missing cache is created only when asked", "[storage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/dir/new.sqlite"));
    Database::Options options;
    options.createIfMissing = false;
    CHECK_FALSE(openCache(path, options).ok());
    CHECK_FALSE(QFile::exists(path));
    CHECK(openCache(path).ok());
    CHECK(QFile::exists(path));
}

TEST_CASE("anything that is not a regular file is refused as a cache by name, unopened, with nothing created "
          "next to it",
          "[storage][files]")
{
    QTemporaryDir dir;
    // A named pipe with a writer that has already written: should the cache open it anyway, the
    // read finds bytes instead of waiting forever, and the test fails instead of hanging.
    const QString fifo = dir.filePath(QStringLiteral("pipe.sqlite"));
    REQUIRE(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const int holder = ::open(QFile::encodeName(fifo).constData(), O_RDWR | O_NONBLOCK);
    REQUIRE(holder >= 0);
    REQUIRE(::write(holder, "not an sqlite file at all", 25) == 25);
    QLocalServer socketServer;
    const QString socket = dir.filePath(QStringLiteral("socket.sqlite"));
    REQUIRE(socketServer.listen(socket));

    struct Case {
        QString path;
        const char *what;
    };
    const Case cases[] = {{fifo, "named pipe"},
                          {socket, "socket"},
                          {QStringLiteral("/dev/null"), "device"},
                          {QStringLiteral("/dev/zero"), "device"}};
    for (const Case &c : cases) {
        for (const bool create : {true, false}) {
            INFO(c.path.toStdString() << (create ? " (create)" : " (existing only)"));
            Database::Options options;
            options.createIfMissing = create;
            const FilesBeside beside(c.path);
            auto opened = openCache(c.path, options);
            REQUIRE_FALSE(opened.ok());
            INFO(opened.error().toStdString());
            CHECK(opened.error().contains(c.path));
            CHECK(opened.error().contains(QLatin1String(c.what)));
            CHECK(opened.errorKind() == ErrorKind::InvalidInput);
            CHECK(beside.changed().isEmpty());
        }
    }
    // The pipe still holds what was written: nobody read from it.
    char buffer[64] = {};
    CHECK(::read(holder, buffer, sizeof buffer) == 25);
    ::close(holder);
}

TEST_CASE("a symbolic link to a missing file is refused as a cache: nothing is created where it points",
          "[storage][files]")
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("elsewhere/target.sqlite"));
    REQUIRE(QDir().mkpath(dir.filePath(QStringLiteral("elsewhere"))));
    const QString link = dir.filePath(QStringLiteral("link.sqlite"));
    REQUIRE(QFile::link(target, link));
    for (const bool create : {true, false}) {
        Database::Options options;
        options.createIfMissing = create;
        auto opened = openCache(link, options);
        REQUIRE_FALSE(opened.ok());
        INFO(opened.error().toStdString());
        CHECK(opened.error().contains(link));
        CHECK(opened.error().contains(QLatin1String("symbolic link")));
        CHECK_FALSE(QFileInfo::exists(target));
        checkNothingNextTo(target);
        checkNothingNextTo(link);
    }
    // Once the file exists, the link is followed like any path.
    REQUIRE(openCache(target).ok());
    CHECK(openCache(link).ok());
}

TEST_CASE("an empty file is not a cache to check: nothing is written into it", "[storage][files]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.sqlite"));
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
    }
    Database::Options existingOnly;
    existingOnly.createIfMissing = false;
    auto opened = openCache(path, existingOnly);
    REQUIRE_FALSE(opened.ok());
    INFO(opened.error().toStdString());
    CHECK(opened.error().contains(QLatin1String("empty")));
    CHECK(opened.error().contains(path));
    CHECK(QFileInfo(path).size() == 0);
    for (const char *suffix : {"-journal", "-wal", "-shm"})
        CHECK_FALSE(QFileInfo::exists(path + QLatin1String(suffix)));
    // Asked to create a cache, the same empty file becomes one.
    CHECK(openCache(path).ok());
}

TEST_CASE("every refusal to open a cache carries its kind", "[storage][errors]")
{
    QTemporaryDir dir;

    SECTION("not an SQLite file, or another program's database: corrupt")
    {
        const QString text = writeFile(dir, QStringLiteral("notes.txt"), "these are my notes, not a database\n");
        CHECK(openCache(text).errorKind() == ErrorKind::Corrupt);

        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other-kind"));
            db.setDatabaseName(other);
            REQUIRE(db.open());
            QSqlQuery q(db);
            REQUIRE(q.exec(QStringLiteral("CREATE TABLE contacts(name TEXT)")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other-kind"));
        CHECK(openCache(other).errorKind() == ErrorKind::Corrupt);
    }
    SECTION("written by a newer version: conflict")
    {
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            auto db = openCache(path);
            REQUIRE(db.ok());
            REQUIRE(sql::exec(db.value()->connection(),
                              QStringLiteral("PRAGMA user_version=%1").arg(Database::latestVersion() + 1))
                        .ok());
        }
        auto opened = openCache(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.errorKind() == ErrorKind::Conflict);
    }
    SECTION("damaged: corrupt")
    {
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        writeCacheWithWreckedSchema(path);
        auto opened = openCache(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.errorKind() == ErrorKind::Corrupt);
    }
    SECTION("locked by another program: busy, and the file is not called damaged")
    {
        const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
        {
            auto db = openCache(path);
            REQUIRE(db.ok());
            REQUIRE(sql::exec(db.value()->connection(), QStringLiteral("PRAGMA journal_mode=DELETE")).ok());
        }
        {
            QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            holder.setDatabaseName(path);
            REQUIRE(holder.open());
            QSqlQuery q(holder);
            REQUIRE(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            Database::Options options;
            options.busyTimeoutMs = 50;
            auto opened = openCache(path, options);
            REQUIRE_FALSE(opened.ok());
            INFO(opened.error().toStdString());
            CHECK(opened.errorKind() == ErrorKind::Busy);
            CHECK_FALSE(opened.error().contains(QStringLiteral("damaged")));
            REQUIRE(q.exec(QStringLiteral("ROLLBACK")));
            q.finish();
            holder.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        CHECK(openCache(path).ok());
    }
    SECTION("a folder: I/O; a missing file when not to be created: not found")
    {
        const QString folder = dir.filePath(QStringLiteral("folder"));
        REQUIRE(QDir().mkpath(folder));
        CHECK(openCache(folder).errorKind() == ErrorKind::Io);

        Database::Options options;
        options.createIfMissing = false;
        CHECK(openCache(dir.filePath(QStringLiteral("missing.sqlite")), options).errorKind() == ErrorKind::NotFound);
    }
}

TEST_CASE("database errors carry the kind of the SQLite failure", "[storage][errors]")
{
    QTemporaryDir dir;
    auto db = openCache(dir.filePath(QStringLiteral("kinds.sqlite")));
    REQUIRE(db.ok());
    const QSqlDatabase connection = db.value()->connection();
    REQUIRE(sql::exec(connection, QStringLiteral("CREATE TABLE unique_names(name TEXT PRIMARY KEY)")).ok());
    REQUIRE(sql::exec(connection, QStringLiteral("INSERT INTO unique_names VALUES('a')")).ok());

    const Status duplicate = sql::exec(connection, QStringLiteral("INSERT INTO unique_names VALUES('a')"));
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.errorKind() == ErrorKind::Conflict);

    SECTION("a writer holding the lock makes a transaction fail as busy")
    {
        Database::Options options;
        options.busyTimeoutMs = 50;
        auto second = openCache(dir.filePath(QStringLiteral("kinds.sqlite")), options);
        REQUIRE(second.ok());
        Transaction holder(connection);
        REQUIRE(holder.started());
        Transaction blocked(second.value()->connection());
        CHECK_FALSE(blocked.started());
        CHECK(blocked.startFailure().kind == ErrorKind::Busy);
        const Status commit = blocked.commit();
        CHECK(commit.errorKind() == ErrorKind::Busy);
    }
}

TEST_CASE("a migration step whose seed data is not supplied fails and leaves the cache at the step before",
          "[storage][migration]")
{
    // Storage knows which steps install data from the modules above it, but not the data itself:
    // opening without it must not skip the step silently.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("unseeded.sqlite"));
    {
        auto bare = Database::open(path);
        REQUIRE_FALSE(bare.ok());
        CHECK(bare.error().contains(QLatin1String("not supplied")));
    }
    {
        Database::Options upToThree;
        upToThree.targetVersion = 3;
        auto three = Database::open(path, upToThree); // no step up to 3 needs seed data
        REQUIRE(three.ok());
        CHECK(three.value()->schemaVersion() == 3);
    }
    auto seeded = openCache(path);
    REQUIRE(seeded.ok());
    CHECK(seeded.value()->schemaVersion() == Database::latestVersion());
    CHECK(scalar(*seeded.value(), QStringLiteral("SELECT count(*) FROM policies")).toInt() > 0);
    CHECK(scalar(*seeded.value(), QStringLiteral("SELECT count(*) FROM saved_replies")).toInt() > 0);
}

TEST_CASE("a cache whose header's freelist or database size is damaged is refused, or opened read-only on request, "
          "and left untouched",
          "[storage][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString sound = dir.filePath(QStringLiteral("sound.sqlite"));
    writeSoundCache(sound);
    const QByteArray original = fileBytes(sound);
    CHECK(Database::headerDamage(sound).isEmpty());
    const auto damages = headerDamages(original);
    CHECK(damages.size() >= 20);
    for (const auto &[offset, value] : damages) {
        INFO("offset " << offset << " value " << int(value));
        const QString path = dir.filePath(QStringLiteral("damaged-%1-%2.sqlite").arg(offset).arg(value));
        const QByteArray damaged = withByte(original, offset, value);
        writeBytes(path, damaged);
        CHECK_FALSE(Database::headerDamage(path).isEmpty());
        {
            auto refused = openCache(path);
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.errorKind() == ErrorKind::Corrupt);
            CHECK(refused.error().contains(QLatin1String("damaged")));
        }
        CHECK(fileBytes(path) == damaged);
        CHECK_FALSE(QFileInfo::exists(path + QStringLiteral("-wal")));
        {
            Database::Options options;
            options.readOnlyIfDamaged = true;
            auto opened = openCache(path, options);
            INFO(opened.error().toStdString());
            // A damaged freelist leaves every table readable; a database size beyond the file may
            // make SQLite itself refuse the file (then it is refused as damaged, untouched).
            if (offset >= 32)
                REQUIRE(opened.ok());
            if (opened.ok()) {
                CHECK(opened.value()->isReadOnly());
                CHECK_FALSE(opened.value()->damage().isEmpty());
                CHECK(scalar(*opened.value(), QStringLiteral("SELECT count(*) FROM posts")).toInt() == 3);
                CHECK_FALSE(sql::exec(opened.value()->connection(),
                                      QStringLiteral("INSERT INTO app_state(key, value) VALUES('x', 'y')"))
                                .ok());
            } else {
                CHECK(opened.errorKind() == ErrorKind::Corrupt);
            }
        }
        CHECK(fileBytes(path) == damaged);
    }
}

TEST_CASE("sound caches pass the open-time check: with free pages, with a write-ahead log in use", "[storage][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    writeSoundCache(path, false);
    {
        auto db = openCache(path);
        REQUIRE(db.ok());
        // Free pages: the starter replies deleted.
        REQUIRE(sql::exec(db.value()->connection(), QStringLiteral("DELETE FROM saved_replies")).ok());
        REQUIRE(sql::exec(db.value()->connection(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).ok());
        CHECK(scalar(*db.value(), QStringLiteral("PRAGMA freelist_count")).toInt() > 0);
        CHECK(Database::headerDamage(path).isEmpty());
        // A second connection while the first holds a write-ahead log with pages.
        ingest(*db.value(), {inboundPost(QStringLiteral("t9"), QStringLiteral("p9"), 1772438400000)});
        REQUIRE(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        auto second = openCache(path);
        REQUIRE(second.ok());
        CHECK_FALSE(second.value()->isReadOnly());
    }
    auto reopened = openCache(path);
    REQUIRE(reopened.ok());
    CHECK_FALSE(reopened.value()->isReadOnly());
    CHECK(reopened.value()->checkIntegrity().ok());
}

TEST_CASE("a reused statement is prepared once per connection, runs with new values, and holds no read open",
          "[storage]")
{
    TempCache cache;
    const QString name = cache.db->connection().connectionName();
    {
        const QSqlDatabase db = cache.db->connection();
        REQUIRE(sql::exec(db, QStringLiteral("CREATE TABLE probe(id INTEGER PRIMARY KEY, word TEXT)")).ok());
        REQUIRE(sql::exec(db, QStringLiteral("INSERT INTO probe(word) VALUES('uno'), ('due'), ('tre')")).ok());
        const QString select = QStringLiteral("SELECT word FROM probe WHERE id >= ? ORDER BY id");
        const auto words = [&](qint64 from) {
            sql::ReusedQuery reused(db, select);
            REQUIRE(reused.prepared().ok());
            QSqlQuery &query = reused.query();
            query.addBindValue(from);
            REQUIRE(sql::exec(query).ok());
            QStringList found;
            while (query.next())
                found << query.value(0).toString();
            return found;
        };
        const int before = sql::reusedQueryCount(name);
        CHECK(words(1) == QStringList{QStringLiteral("uno"), QStringLiteral("due"), QStringLiteral("tre")});
        CHECK(words(3) == QStringList{QStringLiteral("tre")});
        CHECK(sql::reusedQueryCount(name) == before + 1);

        // Used again while in use (a nested call): the inner use gets its own statement.
        {
            sql::ReusedQuery outer(db, select);
            REQUIRE(outer.prepared().ok());
            outer.query().addBindValue(2);
            REQUIRE(sql::exec(outer.query()).ok());
            REQUIRE(outer.query().next());
            CHECK(words(1).size() == 3);
            CHECK(outer.query().value(0).toString() == QLatin1String("due"));
            REQUIRE(outer.query().next());
            CHECK(outer.query().value(0).toString() == QLatin1String("tre"));
        }
        CHECK(sql::reusedQueryCount(name) == before + 1);

        // A use that stopped after its first row left no read open: another connection's write is
        // seen, and a full checkpoint is not kept waiting by this connection.
        {
            sql::ReusedQuery reused(db, select);
            reused.query().addBindValue(1);
            REQUIRE(sql::exec(reused.query()).ok());
            REQUIRE(reused.query().next());
        }
        {
            auto other = openCache(cache.path);
            REQUIRE(other);
            REQUIRE(
                sql::exec((*other)->connection(), QStringLiteral("INSERT INTO probe(word) VALUES('quattro')")).ok());
            auto checkpoint = sql::scalar((*other)->connection(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            REQUIRE(checkpoint);
            CHECK(checkpoint->toInt() == 0); // 0: not blocked by a reader
        }
        CHECK(words(4) == QStringList{QStringLiteral("quattro")});

        // A schema change under a kept statement: it is prepared again by SQLite and still right.
        REQUIRE(sql::exec(db, QStringLiteral("ALTER TABLE probe ADD COLUMN extra TEXT")).ok());
        CHECK(words(4) == QStringList{QStringLiteral("quattro")});

        // A run that failed (here a constraint; the driver finalizes a statement after some
        // failures) does not spoil the next runs of the same statement.
        const auto add = [&](qint64 id) {
            sql::ReusedQuery reused(db, QStringLiteral("INSERT INTO probe(id, word) VALUES(?, 'cinque')"));
            REQUIRE(reused.prepared().ok());
            reused.query().addBindValue(id);
            return sql::exec(reused.query()).ok();
        };
        CHECK(add(10));
        CHECK_FALSE(add(10));
        CHECK(add(11));
        CHECK_FALSE(add(11));
        CHECK(add(12));
        CHECK(words(10).size() == 3);

        // The driver finalizes its statements when the connection closes (and after some failures):
        // a kept statement the driver finalized is prepared anew.
        {
            QSqlDatabase reopened = db;
            reopened.close();
            REQUIRE(reopened.open());
        }
        CHECK(words(12).size() == 1);
        CHECK(add(13));

        // A statement that cannot be prepared says why and is not kept.
        {
            sql::ReusedQuery broken(db, QStringLiteral("SELECT missing FROM nowhere"));
            CHECK_FALSE(broken.prepared().ok());
            INFO(broken.prepared().error().toStdString());
            CHECK(broken.prepared().error().contains(QLatin1String("nowhere")));
        }
        CHECK(sql::reusedQueryCount(name) == before + 2);
    }

    // The kept statements go with the connection.
    cache.db.reset();
    CHECK(sql::reusedQueryCount(name) == 0);
}
