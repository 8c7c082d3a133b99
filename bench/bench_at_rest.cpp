// What encrypting the cache at rest would cost (issue 19): the same SQLite library (SQLCipher)
// with and without a key, on the same million posts, running the storage side of the 1M
// benchmarks: the first screen of a freshly opened cache, a search, a full scan like the report,
// point reads like the decision path, small write transactions like decisions, and a bulk insert
// like an import. Linked against SQLCipher only (never Qt's SQLite: one sqlite3 library per
// process), so it reads a plain database written by SQLCipher itself; docs/privacy.md and
// BENCHMARKS.md give the command that makes one from a real cache.
//
// Debian's SQLCipher is 3.4.1 (SQLite 3.15) built without FTS5: the search runs on an FTS4 copy
// of the posts' text, the nearest index that library has, in both databases alike.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void fail(const std::string &what, sqlite3 *db = nullptr)
{
    std::fprintf(stderr, "bench_at_rest: %s%s%s\n", what.c_str(), db ? ": " : "", db ? sqlite3_errmsg(db) : "");
    std::exit(1);
}

void exec(sqlite3 *db, const std::string &sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "?";
        sqlite3_free(message);
        fail(sql.substr(0, 120) + ": " + text);
    }
}

// Runs a query to the end; returns the number of rows and adds every column's bytes read.
long long drain(sqlite3 *db, const std::string &sql, long long *bytes = nullptr)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        fail("prepare " + sql.substr(0, 120), db);
    long long rows = 0;
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        ++rows;
        if (bytes)
            for (int c = 0; c < sqlite3_column_count(statement); ++c)
                *bytes += sqlite3_column_bytes(statement, c);
    }
    if (rc != SQLITE_DONE)
        fail("step " + sql.substr(0, 120), db);
    sqlite3_finalize(statement);
    return rows;
}

struct Settings {
    std::string plainPath;
    std::string encryptedPath;
    std::string key = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'"; // a raw 256-bit key
    int runs = 3;
    bool prepare = false;
};

// Opens a database; with a key, keyed the way the cache would be: a raw 256-bit key from the
// system keychain (no passphrase derivation) and the cache's 4 KiB pages.
sqlite3 *openDatabase(const std::string &path, const std::string *key)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        fail("open " + path, db);
    if (key) {
        exec(db, "PRAGMA key = \"" + *key + "\"");
        exec(db, "PRAGMA cipher_page_size = 4096");
    }
    // The cache's own settings (core/storage/Database.cpp).
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = NORMAL");
    exec(db, "PRAGMA cache_size = -32000");
    return db;
}

// The plain database gets the search index the bench needs, then an encrypted copy is made by
// SQLCipher's own export, page for page the same content.
void prepare(const Settings &settings)
{
    sqlite3 *plain = openDatabase(settings.plainPath, nullptr);
    const auto start = Clock::now();
    // The indexes the queries use, as the cache has them (a dump of the tables leaves them out).
    for (const char *index : {"CREATE INDEX IF NOT EXISTS posts_by_thread ON posts(thread_id, created_at)",
                              "CREATE INDEX IF NOT EXISTS posts_by_thread_direction ON posts(thread_id, direction, "
                              "created_at)",
                              "CREATE INDEX IF NOT EXISTS posts_by_direction_created ON posts(direction, created_at)",
                              "CREATE INDEX IF NOT EXISTS threads_queue ON threads(status, due_at)",
                              "CREATE INDEX IF NOT EXISTS threads_by_activity ON threads(status, last_activity_at)",
                              "CREATE INDEX IF NOT EXISTS threads_due_soon ON threads(status, due_soon_at)"})
        exec(plain, index);
    exec(plain, "CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts4 USING fts4(text, tokenize=unicode61)");
    if (drain(plain, "SELECT 1 FROM posts_fts4 LIMIT 1") == 0)
        exec(plain, "INSERT INTO posts_fts4(docid, text) SELECT id, text FROM posts");
    exec(plain, "CREATE TABLE IF NOT EXISTS bench_decisions(id INTEGER PRIMARY KEY, thread_id INTEGER NOT NULL, "
                "text TEXT NOT NULL, decided_at INTEGER NOT NULL)");
    std::printf("prepared the plain database's search index in %.1f s\n", msSince(start) / 1000.0);
    std::filesystem::remove(settings.encryptedPath);
    const auto exportStart = Clock::now();
    exec(plain, "ATTACH DATABASE '" + settings.encryptedPath + "' AS encrypted KEY \"" + settings.key + "\"");
    exec(plain, "PRAGMA encrypted.cipher_page_size = 4096");
    exec(plain, "SELECT sqlcipher_export('encrypted')");
    exec(plain, "DETACH DATABASE encrypted");
    std::printf("encrypted copy (sqlcipher_export) in %.1f s\n", msSince(exportStart) / 1000.0);
    sqlite3_close(plain);
}

struct Figures {
    double openFirstScreenMs = 0;
    double searchMs = 0;
    double scanMs = 0;
    double pointReadsMs = 0;
    double writeP50Ms = 0;
    double writeP95Ms = 0;
    double bulkInsertPerSecond = 0;
};

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

Figures measure(const std::string &path, const std::string *key)
{
    Figures figures;
    // A new connection each time: SQLite's page cache starts empty, as when the console opens the
    // cache, so every page read is read (and, encrypted, decrypted and authenticated) once.
    {
        const auto start = Clock::now();
        sqlite3 *db = openDatabase(path, key);
        long long bytes = 0;
        const long long rows = drain(db,
                                     "SELECT t.id, t.due_at, p.text, a.handle, a.display_name FROM threads t "
                                     "JOIN posts p ON p.id = t.waiting_post_id JOIN authors a ON a.id = p.author_id "
                                     "WHERE t.status = 'waiting' ORDER BY t.due_at LIMIT 200",
                                     &bytes);
        figures.openFirstScreenMs = msSince(start);
        if (rows == 0)
            fail("the first screen found no waiting thread: is this a Sportello cache?");
        sqlite3_close(db);
    }
    {
        sqlite3 *db = openDatabase(path, key);
        const auto start = Clock::now();
        drain(db, "SELECT count(*) FROM posts_fts4 WHERE posts_fts4 MATCH 'carrozzeria'");
        drain(db, "SELECT p.id, p.text FROM posts p WHERE p.id IN (SELECT docid FROM posts_fts4 WHERE posts_fts4 "
                  "MATCH 'carrozzeria') ORDER BY p.created_at DESC LIMIT 200");
        figures.searchMs = msSince(start);
        sqlite3_close(db);
    }
    {
        sqlite3 *db = openDatabase(path, key);
        const auto start = Clock::now();
        drain(db, "SELECT category, channel, direction, count(*), sum(length(text)) FROM posts "
                  "GROUP BY category, channel, direction");
        figures.scanMs = msSince(start);
        sqlite3_close(db);
    }
    {
        sqlite3 *db = openDatabase(path, key);
        std::mt19937 random(19);
        long long maxId = 0;
        {
            sqlite3_stmt *s = nullptr;
            sqlite3_prepare_v2(db, "SELECT max(id) FROM posts", -1, &s, nullptr);
            if (sqlite3_step(s) == SQLITE_ROW)
                maxId = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        }
        sqlite3_stmt *read = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT p.text, a.handle FROM posts p JOIN authors a ON a.id = p.author_id "
                               "WHERE p.thread_id = (SELECT thread_id FROM posts WHERE id = ?)",
                               -1, &read, nullptr) != SQLITE_OK)
            fail("prepare point read", db);
        std::uniform_int_distribution<long long> ids(1, std::max<long long>(1, maxId));
        const auto start = Clock::now();
        for (int i = 0; i < 10000; ++i) {
            sqlite3_bind_int64(read, 1, ids(random));
            while (sqlite3_step(read) == SQLITE_ROW) {
            }
            sqlite3_reset(read);
        }
        figures.pointReadsMs = msSince(start);
        sqlite3_finalize(read);

        // Decisions: one small transaction each (an insert and a thread's update), committed to
        // the write-ahead log, as the console writes one.
        sqlite3_stmt *insert = nullptr;
        sqlite3_stmt *update = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO bench_decisions(thread_id, text, decided_at) VALUES(?, ?, ?)", -1, &insert,
                           nullptr);
        sqlite3_prepare_v2(db, "UPDATE threads SET status = status WHERE id = ?", -1, &update, nullptr);
        std::uniform_int_distribution<long long> threads(1, 250000);
        std::vector<double> writes;
        const std::string reply = "Gentile cliente, la ringraziamo per la segnalazione: la contattiamo in privato.";
        for (int i = 0; i < 1000; ++i) {
            const auto one = Clock::now();
            exec(db, "BEGIN IMMEDIATE");
            const long long thread = threads(random);
            sqlite3_bind_int64(insert, 1, thread);
            sqlite3_bind_text(insert, 2, reply.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert, 3, 1700000000000LL + i);
            sqlite3_step(insert);
            sqlite3_reset(insert);
            sqlite3_bind_int64(update, 1, thread);
            sqlite3_step(update);
            sqlite3_reset(update);
            exec(db, "COMMIT");
            writes.push_back(msSince(one));
        }
        sqlite3_finalize(insert);
        sqlite3_finalize(update);
        figures.writeP50Ms = percentile(writes, 0.5);
        figures.writeP95Ms = percentile(writes, 0.95);
        exec(db, "DELETE FROM bench_decisions");

        // An import's storage side: 200,000 posts in runs of 2,048, with the posts' indexes.
        exec(db, "DROP TABLE IF EXISTS bench_posts");
        exec(db, "CREATE TABLE bench_posts AS SELECT * FROM posts WHERE 0");
        exec(db, "CREATE INDEX bench_posts_by_thread ON bench_posts(thread_id, created_at)");
        exec(db, "CREATE UNIQUE INDEX bench_posts_by_external ON bench_posts(channel, external_id)");
        sqlite3_stmt *bulk = nullptr;
        sqlite3_prepare_v2(db,
                           "INSERT INTO bench_posts(id, thread_id, channel, external_id, author_id, direction, "
                           "visibility, created_at, text) VALUES(?, ?, 'x', ?, 1, 'inbound', 'public', ?, ?)",
                           -1, &bulk, nullptr);
        const auto bulkStart = Clock::now();
        for (int i = 0; i < 200000; ++i) {
            if (i % 2048 == 0)
                exec(db, "BEGIN");
            const std::string external = "bench-" + std::to_string(i);
            sqlite3_bind_int64(bulk, 1, i + 1);
            sqlite3_bind_int64(bulk, 2, threads(random));
            sqlite3_bind_text(bulk, 3, external.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(bulk, 4, 1700000000000LL + i);
            sqlite3_bind_text(bulk, 5, reply.c_str(), -1, SQLITE_STATIC);
            if (sqlite3_step(bulk) != SQLITE_DONE)
                fail("bulk insert", db);
            sqlite3_reset(bulk);
            if (i % 2048 == 2047 || i == 199999)
                exec(db, "COMMIT");
        }
        figures.bulkInsertPerSecond = 200000.0 / (msSince(bulkStart) / 1000.0);
        sqlite3_finalize(bulk);
        exec(db, "DROP TABLE bench_posts");
        exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        sqlite3_close(db);
    }
    return figures;
}

void print(const char *label, const std::vector<Figures> &runs)
{
    auto column = [&](auto field, const char *format = "%.1f / %.1f / %.1f") {
        std::vector<double> values;
        for (const Figures &f : runs)
            values.push_back(f.*field);
        std::sort(values.begin(), values.end());
        char text[64];
        std::snprintf(text, sizeof text, format, values.front(), values[values.size() / 2], values.back());
        return std::string(text);
    };
    std::printf("%-10s open+first screen %s ms | search %s ms | full scan %s ms | 10,000 thread reads %s ms | "
                "decision commit p50 %s ms, p95 %s ms | bulk insert %s posts/s\n",
                label, column(&Figures::openFirstScreenMs).c_str(), column(&Figures::searchMs).c_str(),
                column(&Figures::scanMs).c_str(), column(&Figures::pointReadsMs).c_str(),
                column(&Figures::writeP50Ms, "%.3f / %.3f / %.3f").c_str(),
                column(&Figures::writeP95Ms, "%.3f / %.3f / %.3f").c_str(),
                column(&Figures::bulkInsertPerSecond, "%.0f / %.0f / %.0f").c_str());
}

} // namespace

int main(int argc, char **argv)
{
    Settings settings;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--plain" && i + 1 < argc)
            settings.plainPath = argv[++i];
        else if (arg == "--encrypted" && i + 1 < argc)
            settings.encryptedPath = argv[++i];
        else if (arg == "--runs" && i + 1 < argc)
            settings.runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--prepare")
            settings.prepare = true;
        else {
            std::fprintf(stderr,
                         "usage: bench_at_rest --plain FILE --encrypted FILE [--prepare] [--runs N]\n"
                         "  --plain: a plain copy of a cache's authors, threads and posts written by SQLCipher\n"
                         "  --prepare: add the search index, then write the encrypted copy (replaced)\n");
            return 2;
        }
    }
    if (settings.plainPath.empty() || settings.encryptedPath.empty())
        fail("--plain and --encrypted are required (--help)");
    std::printf("SQLCipher (SQLite %s)\n", sqlite3_libversion());
    if (settings.prepare)
        prepare(settings);
    std::vector<Figures> plainRuns;
    std::vector<Figures> encryptedRuns;
    // Alternate the two so that the machine's drift falls on both alike.
    for (int run = 0; run < settings.runs; ++run) {
        plainRuns.push_back(measure(settings.plainPath, nullptr));
        encryptedRuns.push_back(measure(settings.encryptedPath, &settings.key));
    }
    std::printf("runs: %d, min / median / max\n", settings.runs);
    print("plain", plainRuns);
    print("encrypted", encryptedRuns);
    std::printf("sizes: plain %.1f MiB, encrypted %.1f MiB\n",
                double(std::filesystem::file_size(settings.plainPath)) / 1048576.0,
                double(std::filesystem::file_size(settings.encryptedPath)) / 1048576.0);
    return 0;
}
