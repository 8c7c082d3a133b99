// Import of the public "Customer Support on Twitter" CSV: the two sample files from
// ../shared/data/twcs (checked against counts made here in a simpler, independent way), thread
// rebuilding from reply links, and bad CSV input.

#include "ImportHelpers.h"

#include "fileimport/Importer.h"
#include "fileimport/TwcsCsvReader.h"

#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace sportello;
using namespace sportello::test;

namespace {

const QByteArray kHeader = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

struct SimpleCounts {
    qint64 records = 0;
    qint64 inbound = 0;
    qint64 threads = 0;
};

// Counts the records of a TWCS file without a CSV parser: a record starts on a line that begins
// with "[index,]tweet_id,author_id,True|False,", and its last field (in_response_to_tweet_id) ends
// the last non-blank line before the next record starts. Threads are counted by following those
// links up to a post that is not in the file.
SimpleCounts countSimply(const QString &path)
{
    static const QRegularExpression start(QStringLiteral(R"(^(\d+,)?(\d+),[^,\r\n]+,(True|False),)"));
    const QList<QByteArray> lines = fileBytes(path).split('\n');
    SimpleCounts counts;
    QHash<qint64, qint64> parent;
    qint64 current = -1;
    QByteArray lastLine;
    const auto close = [&] {
        if (current < 0)
            return;
        QByteArray last = lastLine.trimmed();
        last = last.mid(last.lastIndexOf(',') + 1);
        parent.insert(current, last.isEmpty() ? -1 : qint64(last.toDouble()));
    };
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = start.match(QString::fromUtf8(lines[i]));
        if (match.hasMatch()) {
            close();
            current = match.captured(2).toLongLong();
            ++counts.records;
            if (match.captured(3) == QLatin1String("True"))
                ++counts.inbound;
        }
        if (!lines[i].trimmed().isEmpty())
            lastLine = lines[i];
    }
    close();
    QSet<qint64> roots;
    for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
        qint64 id = it.key();
        for (qsizetype steps = 0; parent.contains(parent.value(id)) && steps < parent.size(); ++steps)
            id = parent.value(id);
        roots.insert(id);
    }
    counts.threads = roots.size();
    return counts;
}

QString twcsPath(const char *name) { return sharedDataDir() + QStringLiteral("/twcs/") + QLatin1String(name); }

QString postValue(Database &db, const char *column, const char *externalId)
{
    return value(db,
                 QStringLiteral("SELECT %1 FROM posts p JOIN threads t ON t.id = p.thread_id "
                                "JOIN authors a ON a.id = p.author_id WHERE p.channel = 'x' AND p.external_id = '%2'")
                     .arg(QLatin1String(column), QLatin1String(externalId)))
        .toString();
}

} // namespace

TEST_CASE("both TWCS sample files import fully", "[import][twcs]")
{
    for (const char *name : {"twcs_head5000_raw.csv", "twcs_whole_threads.csv"}) {
        DYNAMIC_SECTION(name)
        {
            const QString path = twcsPath(name);
            REQUIRE(QFileInfo::exists(path));
            const SimpleCounts expected = countSimply(path);
            CHECK(expected.records == (QByteArray(name).contains("raw") ? 5000 : 3555)); // as SOURCE.md says
            if (!QByteArray(name).contains("raw"))
                CHECK(expected.threads == 1042); // as SOURCE.md says

            TempCache cache;
            const ImportReport r = importFile(*cache.db, path);
            INFO(issuesText(r));
            REQUIRE(r.ok);
            CHECK(r.format == ImportFormat::TwcsCsv);
            CHECK(r.invalidCount == 0);
            CHECK(r.recordsRead == expected.records);
            CHECK(r.postsAdded == expected.records);
            CHECK(r.threadsTouched == expected.threads);
            Database &db = *cache.db;
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE channel = 'x'")) == expected.records);
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE direction = 'inbound'")) ==
                  expected.inbound);
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads WHERE channel = 'x'")) == expected.threads);
            // Ids are integers, never "3.0".
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id GLOB '*[^0-9]*' "
                                           "OR in_reply_to GLOB '*[^0-9]*'")) == 0);
            // Brands (screen names) wrote the outbound posts; customers (anonymised numbers) the inbound.
            CHECK(count(db, QStringLiteral(
                                "SELECT count(*) FROM posts p JOIN authors a ON a.id = p.author_id "
                                "WHERE p.direction = 'outbound' AND (a.is_company = 0 OR a.handle GLOB '[0-9]*')")) ==
                  0);
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts p JOIN authors a ON a.id = p.author_id "
                                           "WHERE p.direction = 'inbound' AND NOT a.handle GLOB '[0-9]*'")) == 0);
            // Every reply sits in its parent's thread.
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts c JOIN posts p ON p.channel = c.channel "
                                           "AND p.external_id = c.in_reply_to WHERE p.thread_id <> c.thread_id")) == 0);
            // The history's brand replies answered posts: those are not waiting any more.
            CHECK(count(db, QStringLiteral(
                                "SELECT count(*) FROM posts WHERE direction = 'inbound' AND answered_at IS NOT NULL")) >
                  1000);
            CHECK(db.checkIntegrity().ok());
            // Every tweet is searchable by its words (a few are only emoji or links).
            CHECK(checkFullTextCoversPosts(db) > expected.records * 9 / 10);

            const ImportReport again = importFile(db, path);
            CHECK(again.ok);
            CHECK(again.postsAdded == 0);
            CHECK(again.postsAlreadyPresent == expected.records);
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads")) == expected.threads);
            CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts_fts_docsize")) == expected.records);
        }
    }
}

TEST_CASE("raw TWCS: float ids normalised, bare carriage returns kept, reply chain rebuilt", "[import][twcs]")
{
    TempCache cache;
    const ImportReport r = importFile(*cache.db, twcsPath("twcs_head5000_raw.csv"));
    INFO(issuesText(r));
    REQUIRE(r.ok);
    Database &db = *cache.db;
    // "3.0" in the file.
    CHECK(postValue(db, "p.in_reply_to", "1") == QLatin1String("3"));
    CHECK(postValue(db, "p.in_reply_to", "2") == QLatin1String("1"));
    // 1 -> 3 -> 4 -> 5 -> 6 -> 8: one thread, named after its first post.
    for (const char *id : {"1", "2", "3", "4", "5", "6", "8"})
        CHECK(postValue(db, "t.external_id", id) == QLatin1String("8"));
    CHECK(postValue(db, "a.handle", "1") == QLatin1String("sprintcare"));
    CHECK(postValue(db, "p.direction", "1") == QLatin1String("outbound"));
    // Tweet 3399 has two bare CRs inside an unquoted field: one record, text kept as it was.
    CHECK(postValue(db, "p.text", "3399").startsWith(QLatin1String("@AskPayPal \r\rI just love the start of email")));
    CHECK(postValue(db, "p.created_at", "3399").toLongLong() == utcMs("2017-10-31T18:13:06Z"));
    CHECK(TwcsCsvReader::parseId("3.0").value() == 3);
    CHECK(TwcsCsvReader::parseId(" 42.000 ").value() == 42);
    CHECK_FALSE(TwcsCsvReader::parseId("3.5").ok());
    CHECK_FALSE(TwcsCsvReader::parseId("-3").ok());
    CHECK_FALSE(TwcsCsvReader::parseId("3e5").ok());
    CHECK_FALSE(TwcsCsvReader::parseId("99999999999999999999").ok());
}

TEST_CASE("TWCS whole threads: a known thread keeps its reply and response time", "[import][twcs]")
{
    TempCache cache;
    const ImportReport r = importFile(*cache.db, twcsPath("twcs_whole_threads.csv"));
    INFO(issuesText(r));
    REQUIRE(r.ok);
    Database &db = *cache.db;
    // 20 (a customer, 22:03:34) is answered by 19 (sprintcare, 22:10:10).
    CHECK(postValue(db, "t.external_id", "19") == QLatin1String("20"));
    CHECK(postValue(db, "t.external_id", "20") == QLatin1String("20"));
    CHECK(postValue(db, "p.in_reply_to", "19") == QLatin1String("20"));
    CHECK(postValue(db, "p.in_reply_to", "20").isEmpty());
    CHECK(postValue(db, "p.direction", "19") == QLatin1String("outbound"));
    CHECK(postValue(db, "a.handle", "19") == QLatin1String("sprintcare"));
    CHECK(postValue(db, "a.is_company", "19") == QLatin1String("1"));
    CHECK(postValue(db, "p.direction", "20") == QLatin1String("inbound"));
    CHECK(postValue(db, "a.handle", "20") == QLatin1String("115715"));
    CHECK(postValue(db, "p.visibility", "20") == QLatin1String("public"));
    CHECK(postValue(db, "p.created_at", "20").toLongLong() == utcMs("2017-10-31T22:03:34Z"));
    CHECK(postValue(db, "p.answered_at", "20").toLongLong() == utcMs("2017-10-31T22:10:10Z"));
    CHECK(postValue(db, "t.status", "20") == QLatin1String("answered"));
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id "
                                   "WHERE t.channel = 'x' AND t.external_id = '20'")) == 2);
    // The quoted multi-id response_tweet_id "22,23" is one field.
    CHECK(postValue(db, "t.external_id", "22") == postValue(db, "t.external_id", "21"));
}

TEST_CASE("TWCS threads: missing parents, cycles, quoted line breaks", "[import][twcs]")
{
    TempCache cache;
    const QByteArray csv = kHeader
                           // 11 answers 10, which is not in the file: 11 is the top of its thread.
                           + "11,AcmeHelp,False,Tue Oct 31 10:00:00 +0000 2017,@1 Hi,12,10\n"
                             "12,501,True,Tue Oct 31 10:05:00 +0000 2017,\"thanks,\nbut \"\"no\"\"\r\nreally\",,11\n"
                             // 21 and 22 answer each other.
                             "21,AcmeHelp,False,Tue Oct 31 11:00:00 +0000 2017,loop a,22,22\n"
                             "22,502,True,Tue Oct 31 11:01:00 +0000 2017,loop b,21,21\n"
                             // A reply listed before its parent.
                             "32,AcmeHelp,False,Tue Oct 31 12:10:00 +0000 2017,answer,,31.0\n"
                             "31,503,True,Tue Oct 31 12:00:00 +0000 2017,question,\"32\",\n";
    const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("threads.csv"), csv));
    INFO(issuesText(r));
    REQUIRE(r.ok);
    Database &db = *cache.db;
    CHECK(r.recordsRead == 6);
    CHECK(postValue(db, "t.external_id", "11") == QLatin1String("11"));
    CHECK(postValue(db, "t.external_id", "12") == QLatin1String("11"));
    CHECK(postValue(db, "p.in_reply_to", "11") == QLatin1String("10"));
    CHECK(postValue(db, "p.text", "12") == QLatin1String("thanks,\nbut \"no\"\r\nreally"));
    CHECK(postValue(db, "t.external_id", "21") == postValue(db, "t.external_id", "22"));
    CHECK(postValue(db, "t.external_id", "32") == QLatin1String("31"));
    CHECK(postValue(db, "p.answered_at", "31").toLongLong() == utcMs("2017-10-31T12:10:00Z"));
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM threads")) == 3);
}

TEST_CASE("bad TWCS input is reported by line, and nothing is stored", "[import][twcs][bad]")
{
    const QByteArray good1 = "1,AcmeHelp,False,Tue Oct 31 10:00:00 +0000 2017,@9 Hello,2,\n";
    const QByteArray good3 = "3,AcmeHelp,False,Tue Oct 31 10:09:00 +0000 2017,@9 Bye,,2\n";
    struct Case {
        const char *name;
        QByteArray row;
        const char *reason;
    };
    const std::vector<Case> cases{
        {"too few fields", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,hi\n", "has 5 fields; the header has 7"},
        {"too many fields", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,hi,3,1,extra\n", "has 8 fields"},
        {"inbound neither true nor false", "2,9,Maybe,Tue Oct 31 10:05:00 +0000 2017,hi,3,1\n",
         "neither True nor False"},
        {"impossible day", "2,9,True,Thu Feb 30 10:05:00 +0000 2017,hi,3,1\n", "not a real date"},
        {"impossible hour", "2,9,True,Tue Oct 31 25:61:00 +0000 2017,hi,3,1\n", "not a real date"},
        {"ISO date", "2,9,True,2017-10-31T10:05:00Z,hi,3,1\n", "column created_at"},
        {"fractional id", "2.5,9,True,Tue Oct 31 10:05:00 +0000 2017,hi,3,1\n", "\"2.5\" is not a whole-number id"},
        {"missing id", ",9,True,Tue Oct 31 10:05:00 +0000 2017,hi,3,1\n", "column tweet_id: missing"},
        {"missing author", "2,,True,Tue Oct 31 10:05:00 +0000 2017,hi,3,1\n", "column author_id: missing"},
        {"bad parent id", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,hi,3,one\n", "column in_response_to_tweet_id"},
        {"bad response ids", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,hi,\"3,x\",1\n", "column response_tweet_id"},
        {"Latin-1 text", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,caff\xE8,3,1\n",
         "not UTF-8 text: byte 0xE8 in column text"},
        {"text after a closing quote", "2,9,True,Tue Oct 31 10:05:00 +0000 2017,\"hi\"x,3,1\n",
         "after the closing quote"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            TempCache cache;
            const QString path = writeFile(cache.dir, QStringLiteral("bad.csv"), kHeader + good1 + c.row + good3);
            const ImportReport r = importFile(*cache.db, path);
            INFO(issuesText(r));
            CHECK_FALSE(r.ok);
            CHECK(r.error.contains(QLatin1String("bad.csv")));
            CHECK(r.invalidCount == 1);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].line == 3);
            CHECK(r.issues[0].reason.contains(QLatin1String(c.reason)));
            CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);

            ImportOptions skip;
            skip.skipInvalid = true;
            const ImportReport s = importFile(*cache.db, path, skip);
            CHECK(s.ok);
            CHECK(s.postsAdded == 2);
        }
    }
}

TEST_CASE("a TWCS header without the needed columns is refused", "[import][twcs][bad]")
{
    TempCache cache;
    const QString path = writeFile(cache.dir, QStringLiteral("columns.csv"),
                                   "tweet_id,author_id,inbound,text\n1,AcmeHelp,False,hello\n");
    const ImportReport r = importFile(*cache.db, path);
    CHECK_FALSE(r.ok);
    CHECK(r.error.contains(QLatin1String("columns.csv")));
    CHECK(r.error.contains(QLatin1String("created_at, response_tweet_id, in_response_to_tweet_id")));
    CHECK(r.error.contains(QLatin1String("Nothing was stored")));
    // Another CSV altogether, named .csv.
    const ImportReport other =
        importFile(*cache.db, writeFile(cache.dir, QStringLiteral("sales.csv"), "date;amount\n2026-01-01;12\n"));
    CHECK_FALSE(other.ok);
    CHECK(other.error.contains(QLatin1String("semicolons")));
    const ImportReport comma =
        importFile(*cache.db, writeFile(cache.dir, QStringLiteral("other.csv"), "id,author,body\n1,a,b\n"));
    CHECK_FALSE(comma.ok);
    CHECK(comma.error.contains(QLatin1String("lacks the column(s) tweet_id, author_id, inbound")));
    CHECK(comma.error.contains(QLatin1String("(it has: id, author, body)")));
    // The pandas index column and a byte order mark are fine, as are CRLF line ends.
    const ImportReport indexed = importFile(
        *cache.db,
        writeFile(
            cache.dir, QStringLiteral("indexed.csv"),
            "\xEF\xBB\xBF,tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\r\n"
            "0,1,AcmeHelp,False,Tue Oct 31 10:00:00 +0000 2017,@9 Hello,,\r\n"));
    INFO(issuesText(indexed));
    CHECK(indexed.ok);
    CHECK(indexed.postsAdded == 1);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 1);
}

TEST_CASE("an unclosed quote or a 10 MB line in a CSV is refused without a crash", "[import][twcs][bad]")
{
    TempCache cache;
    const QByteArray good1 = "1,AcmeHelp,False,Tue Oct 31 10:00:00 +0000 2017,@9 Hello,,\n";
    SECTION("unclosed quote at the end")
    {
        const ImportReport r = importFile(
            *cache.db, writeFile(cache.dir, QStringLiteral("open.csv"),
                                 kHeader + good1 + "2,9,True,Tue Oct 31 10:05:00 +0000 2017,\"hi there,,1\n"));
        CHECK_FALSE(r.ok);
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].line == 3);
        CHECK(r.issues[0].reason.contains(QLatin1String("not closed")));
    }
    SECTION("a 10 MB line")
    {
        const QByteArray huge =
            "2,9,True,Tue Oct 31 10:05:00 +0000 2017," + QByteArray(10 * 1024 * 1024, 'x') + ",,1\n";
        const QByteArray good4 = "4,AcmeHelp,False,Tue Oct 31 10:09:00 +0000 2017,@9 Bye,,\n";
        const QString path = writeFile(cache.dir, QStringLiteral("huge.csv"), kHeader + good1 + huge + good4);
        const ImportReport r = importFile(*cache.db, path);
        CHECK_FALSE(r.ok);
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].line == 3);
        CHECK(r.issues[0].reason.contains(QLatin1String("too long")));
        ImportOptions skip;
        skip.skipInvalid = true;
        const ImportReport s = importFile(*cache.db, path, skip);
        INFO(issuesText(s));
        CHECK(s.ok);
        CHECK(s.postsAdded == 2);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = '4'")) == 1);
    }
    SECTION("a 10 MB quoted field that never closes")
    {
        const QByteArray huge = "2,9,True,Tue Oct 31 10:05:00 +0000 2017,\"" + QByteArray(10 * 1024 * 1024, 'x');
        const ImportReport r =
            importFile(*cache.db, writeFile(cache.dir, QStringLiteral("huge2.csv"), kHeader + good1 + huge));
        CHECK_FALSE(r.ok);
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].reason.contains(QLatin1String("too long")));
    }
    SECTION("binary garbage named .csv")
    {
        QByteArray garbage(64 * 1024, '\0');
        QRandomGenerator generator(4181);
        generator.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
        const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("garbage.csv"), garbage));
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.error.isEmpty());
    }
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = '2'")) == 0);
}
