// Import of the JSON Lines interchange format, format detection and every kind of bad input.
// The TWCS CSV is tested in test_import_twcs.cpp, the demo data and the CLI in test_import_cli.cpp.

#include "ImportHelpers.h"
#include "queue/QueueQuery.h"

#include "fileimport/DateParsing.h"
#include "fileimport/Importer.h"

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <functional>

using namespace sportello;
using namespace sportello::test;

TEST_CASE("a JSON Lines file imports every field of every post", "[import][jsonl]")
{
    TempCache cache;
    QJsonObject question = validPost(1, QStringLiteral("fb-t1"));
    question[QStringLiteral("created_at")] = QStringLiteral("2026-03-02T10:14:00+01:00");
    QJsonObject answer = validPost(2, QStringLiteral("fb-t1"));
    answer[QStringLiteral("in_reply_to")] = QStringLiteral("fb-p1");
    answer[QStringLiteral("author")] = QJsonObject{{QStringLiteral("id"), QStringLiteral("company")},
                                                   {QStringLiteral("handle"), QStringLiteral("AssicuraSerena")}};
    answer[QStringLiteral("direction")] = QStringLiteral("outbound");
    answer[QStringLiteral("created_at")] = QStringLiteral("2026-03-02T09:40:30.250Z");
    answer.remove(QStringLiteral("category"));
    QJsonObject privateMessage = validPost(3, QStringLiteral("ig-t9"));
    privateMessage[QStringLiteral("channel")] = QStringLiteral("instagram");
    privateMessage[QStringLiteral("visibility")] = QStringLiteral("private");
    privateMessage[QStringLiteral("category")] = QStringLiteral("assistance");
    privateMessage[QStringLiteral("language")] = QJsonValue::Null;
    privateMessage[QStringLiteral("future_field")] = QStringLiteral("ignored");
    const QString path = writeFile(cache.dir, QStringLiteral("posts.jsonl"),
                                   jsonLine(question) + jsonLine(answer) + "\n   \n" + jsonLine(privateMessage));

    const ImportReport report = importFile(*cache.db, path);
    INFO(issuesText(report));
    REQUIRE(report.ok);
    CHECK(report.error.isEmpty());
    CHECK(report.format == ImportFormat::JsonLines);
    CHECK(report.recordsRead == 3);
    CHECK(report.postsAdded == 3);
    CHECK(report.postsAlreadyPresent == 0);
    CHECK(report.threadsTouched == 2);
    CHECK(report.invalidCount == 0);
    CHECK(report.issues.isEmpty());
    CHECK(report.summary().contains(QLatin1String("posts.jsonl")));
    CHECK(report.summary().contains(QLatin1String("3 posts added")));

    Database &db = *cache.db;
    CHECK(count(db, QStringLiteral("SELECT created_at FROM posts WHERE external_id = 'fb-p1'")) ==
          utcMs("2026-03-02T09:14:00Z"));
    CHECK(count(db, QStringLiteral("SELECT created_at FROM posts WHERE external_id = 'fb-p2'")) ==
          utcMs("2026-03-02T09:40:30.250Z"));
    CHECK(value(db, QStringLiteral("SELECT in_reply_to FROM posts WHERE external_id = 'fb-p2'")).toString() ==
          QLatin1String("fb-p1"));
    CHECK(value(db, QStringLiteral("SELECT direction FROM posts WHERE external_id = 'fb-p2'")).toString() ==
          QLatin1String("outbound"));
    CHECK(value(db, QStringLiteral("SELECT category FROM posts WHERE external_id = 'fb-p1'")).toString() ==
          QLatin1String("complaint"));
    CHECK(value(db, QStringLiteral("SELECT language FROM posts WHERE external_id = 'fb-p1'")).toString() ==
          QLatin1String("it"));
    CHECK(value(db, QStringLiteral("SELECT language FROM posts WHERE external_id = 'fb-p3'")).isNull());
    CHECK(value(db, QStringLiteral("SELECT visibility || ' ' || channel || ' ' || category FROM posts "
                                   "WHERE external_id = 'fb-p3'"))
              .toString() == QLatin1String("private instagram assistance"));
    CHECK(value(db, QStringLiteral("SELECT handle || '|' || display_name || '|' || follower_count FROM authors "
                                   "WHERE external_id = 'fbu-1'"))
              .toString() == QLatin1String("giulia.b|Giulia Bianchi|412"));
    CHECK(count(db, QStringLiteral("SELECT is_company FROM authors WHERE external_id = 'company'")) == 1);
    // The company's reply in the file is an answer already given: the response time is kept.
    CHECK(count(db, QStringLiteral("SELECT answered_at FROM posts WHERE external_id = 'fb-p1'")) ==
          utcMs("2026-03-02T09:40:30.250Z"));
    CHECK(value(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'fb-t1'")).toString() ==
          QLatin1String("answered"));
    CHECK(value(db, QStringLiteral("SELECT status FROM threads WHERE external_id = 'ig-t9'")).toString() ==
          QLatin1String("waiting"));
    // Searchable: each post's words under its own id, and its author's handle and name.
    CHECK(checkFullTextCoversPosts(db) == 3);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'author:giulia'")) == 2);
}

TEST_CASE("an app-store review keeps its star rating, other posts have none", "[import][jsonl]")
{
    TempCache cache;
    QJsonObject review = validPost(1, QStringLiteral("gp-r1"));
    review[QStringLiteral("channel")] = QStringLiteral("google_play");
    review[QStringLiteral("rating")] = 2;
    QJsonObject reply = validPost(2, QStringLiteral("gp-r1"));
    reply[QStringLiteral("channel")] = QStringLiteral("google_play");
    reply[QStringLiteral("direction")] = QStringLiteral("outbound");
    reply[QStringLiteral("rating")] = 5; // a rating on the company's reply means nothing: ignored
    QJsonObject comment = validPost(3, QStringLiteral("fb-t1"));
    comment[QStringLiteral("rating")] = QJsonValue::Null;
    const QString path =
        writeFile(cache.dir, QStringLiteral("reviews.jsonl"), jsonLine(review) + jsonLine(reply) + jsonLine(comment));
    const ImportReport report = importFile(*cache.db, path);
    INFO(issuesText(report));
    REQUIRE(report.ok);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT rating FROM posts WHERE external_id = '%1'")
                                .arg(review[QStringLiteral("post_id")].toString()))
              .toInt() == 2);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM posts WHERE rating IS NULL")).toInt() == 2);
}

TEST_CASE("dates are read strictly, in UTC, whatever the locale", "[import][dates]")
{
    CHECK(*parseIsoDateTime(u"2026-03-02T09:14:00Z") == utcMs("2026-03-02T09:14:00Z"));
    CHECK(*parseIsoDateTime(u"2026-03-02T10:14:00+01:00") == utcMs("2026-03-02T09:14:00Z"));
    CHECK(*parseIsoDateTime(u"2026-03-02T04:14-0500") == utcMs("2026-03-02T09:14:00Z"));
    CHECK(*parseIsoDateTime(u"2026-03-02 09:14:00.5Z") == utcMs("2026-03-02T09:14:00.500Z"));
    CHECK(*parseIsoDateTime(u"2024-02-29T00:00:00Z") == utcMs("2024-02-29T00:00:00Z"));
    for (const char16_t *bad :
         {u"2026-02-30T10:00:00Z", u"2025-02-29T10:00:00Z", u"2026-03-02T25:61:00Z", u"2026-03-02T24:00:00Z",
          u"2026-13-01T10:00:00Z", u"2026-03-02T10:00:60Z", u"2026-03-02T10:00:00+25:00", u"2026-03-02T10:00:00",
          u"2026-03-02", u"02/03/2026 10:00", u"", u"2026-03-02T10:00:00Zjunk"}) {
        INFO(QString::fromUtf16(bad).toStdString());
        CHECK_FALSE(parseIsoDateTime(QStringView(bad)).ok());
    }
    CHECK(parseIsoDateTime(u"2026-02-30T10:00:00Z").error().contains(QLatin1String("not a real date")));
    CHECK(parseIsoDateTime(u"2026-03-02T10:00:00").error().contains(QLatin1String("no time zone")));

    CHECK(*parseTwitterDateTime(u"Tue Oct 31 22:10:47 +0000 2017") == utcMs("2017-10-31T22:10:47Z"));
    CHECK(*parseTwitterDateTime(u"Wed Nov 01 00:10:47 +0200 2017") == utcMs("2017-10-31T22:10:47Z"));
    for (const char16_t *bad :
         {u"Tue Feb 30 22:10:47 +0000 2017", u"Tue Oct 31 25:61:00 +0000 2017", u"Mar Ott 31 22:10:47 +0000 2017",
          u"2017-10-31T22:10:47Z", u"Tue Oct 31 22:10:47 2017"}) {
        INFO(QString::fromUtf16(bad).toStdString());
        CHECK_FALSE(parseTwitterDateTime(QStringView(bad)).ok());
    }
}

TEST_CASE("the format is told from the file name, else from the first line", "[import][format]")
{
    TempCache cache;
    const QByteArray twcs = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                            "1,AcmeHelp,False,Tue Oct 31 22:10:47 +0000 2017,@9 Hello,,\n";
    SECTION("JSON Lines under another name")
    {
        const ImportReport r =
            importFile(*cache.db, writeFile(cache.dir, QStringLiteral("export.txt"), validLines(1, 2)));
        INFO(issuesText(r));
        CHECK(r.ok);
        CHECK(r.format == ImportFormat::JsonLines);
    }
    SECTION("a TWCS CSV under another name")
    {
        const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("twcs.dat"), twcs));
        INFO(issuesText(r));
        CHECK(r.ok);
        CHECK(r.format == ImportFormat::TwcsCsv);
    }
    SECTION("an explicit format wins over the name")
    {
        ImportOptions options;
        options.format = ImportFormat::TwcsCsv;
        const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("twcs.jsonl"), twcs), options);
        INFO(issuesText(r));
        CHECK(r.ok);
        CHECK(r.format == ImportFormat::TwcsCsv);
        CHECK(importFormatFromId(QStringLiteral("jsonl")) == ImportFormat::JsonLines);
        CHECK(importFormatFromId(QStringLiteral("TWCS")) == ImportFormat::TwcsCsv);
        CHECK_FALSE(importFormatFromId(QStringLiteral("xml")).has_value());
    }
    SECTION("prose is neither")
    {
        const ImportReport r =
            importFile(*cache.db, writeFile(cache.dir, QStringLiteral("notes.txt"), "Dear customer,\nthank you.\n"));
        CHECK_FALSE(r.ok);
        CHECK(r.error.contains(QLatin1String("notes.txt")));
        CHECK(r.error.contains(QLatin1String("format")));
    }
    SECTION("binary data under an unknown name")
    {
        const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("photo.bin"),
                                                               QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
        CHECK_FALSE(r.ok);
        CHECK(r.error.contains(QLatin1String("not a text file")));
    }
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) <= 2);
}

TEST_CASE("missing, unreadable and empty files are refused with a clear message", "[import][bad]")
{
    TempCache cache;
    const auto refused = [&](const QString &path, const char *expected) {
        const ImportReport r = importFile(*cache.db, path);
        INFO(issuesText(r));
        CHECK_FALSE(r.ok);
        CHECK(r.error.contains(QFileInfo(path).fileName()));
        CHECK(r.error.contains(QLatin1String(expected)));
        CHECK(r.summary() == r.error);
    };
    refused(cache.dir.filePath(QStringLiteral("nowhere.jsonl")), "does not exist");
    refused(cache.dir.path(), "folder");
    refused(writeFile(cache.dir, QStringLiteral("zero.jsonl"), {}), "empty");
    refused(writeFile(cache.dir, QStringLiteral("blank.jsonl"), "\n  \n\t\r\n\n"), "empty");
    refused(writeFile(cache.dir, QStringLiteral("zero.csv"), {}), "empty");
    refused(writeFile(cache.dir, QStringLiteral("blank.csv"), "\r\n\r\n"), "empty");
    refused(writeFile(cache.dir, QStringLiteral("header.csv"),
                      "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"),
            "no records");
    refused(writeFile(cache.dir, QStringLiteral("bom-only.jsonl"), "\xEF\xBB\xBF\n"), "empty");
    const QString locked = writeFile(cache.dir, QStringLiteral("locked.jsonl"), validLines(1, 1));
    QFile::setPermissions(locked, QFileDevice::Permissions());
    if (!QFile(locked).open(QIODevice::ReadOnly)) // root reads everything
        refused(locked, "cannot be read");
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);
}

TEST_CASE("binary garbage and wrong encodings are refused, never crash", "[import][bad][encoding]")
{
    TempCache cache;
    const auto import = [&](const QString &name, const QByteArray &bytes, const ImportOptions &options = {}) {
        return importFile(*cache.db, writeFile(cache.dir, name, bytes), options);
    };
    SECTION("random bytes")
    {
        QByteArray garbage(256 * 1024, '\0');
        QRandomGenerator generator(20260302);
        generator.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
        const ImportReport r = import(QStringLiteral("garbage.jsonl"), garbage);
        CHECK_FALSE(r.ok);
        CHECK(r.invalidCount > 0);
        CHECK(r.issues.size() == ImportOptions{}.maxReportedIssues);
        CHECK(r.issues.first().line == 1);
        CHECK(r.issues.first().reason.contains(QLatin1String("not UTF-8 text")));
        ImportOptions skip;
        skip.skipInvalid = true;
        const ImportReport skipped = import(QStringLiteral("garbage.ndjson"), garbage, skip);
        CHECK_FALSE(skipped.ok); // nothing valid in it
        CHECK(skipped.error.contains(QLatin1String("invalid")));
    }
    SECTION("a NUL byte in a line")
    {
        const ImportReport r = import(QStringLiteral("nul.jsonl"), validLines(1, 1) + QByteArray("{\"a\":\0}\n", 8));
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].line == 2);
        CHECK(r.issues[0].reason.contains(QLatin1String("NUL")));
    }
    SECTION("Latin-1 text")
    {
        QByteArray latin1 = jsonLine(validPost(2));
        latin1.replace("\xC3\xA8", "\xE8"); // "è" as one Latin-1 byte
        const ImportReport r = import(QStringLiteral("latin1.jsonl"), validLines(1, 1) + latin1);
        CHECK_FALSE(r.ok);
        REQUIRE(r.issues.size() == 1);
        CHECK(r.issues[0].toString().startsWith(r.file + QLatin1String(":2: not UTF-8 text")));
        CHECK(r.issues[0].reason.contains(QLatin1String("0xE8")));
        CHECK(r.issues[0].reason.contains(QLatin1String("Latin-1")));
    }
    SECTION("overlong and surrogate UTF-8 forms")
    {
        for (const char *bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xFF"}) {
            QJsonObject post = validPost(1);
            QByteArray line = jsonLine(post);
            line.replace("Buongiorno", QByteArray("Buon") + bad + "giorno");
            const ImportReport r = import(QStringLiteral("forms.jsonl"), line);
            INFO(issuesText(r));
            CHECK_FALSE(r.ok);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].reason.contains(QLatin1String("not UTF-8 text")));
        }
    }
    SECTION("UTF-16 and UTF-32 with a byte order mark")
    {
        const QString text = QString::fromUtf8(validLines(1, 2));
        QByteArray le("\xFF\xFE"), be("\xFE\xFF");
        for (const QChar c : text) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
        }
        for (const auto &[name, bytes] :
             {std::pair{QStringLiteral("le.jsonl"), le}, std::pair{QStringLiteral("be.csv"), be},
              std::pair{QStringLiteral("le.txt"), le}}) {
            const ImportReport r = import(name, bytes);
            CHECK_FALSE(r.ok);
            CHECK(r.error.contains(QLatin1String("UTF-16")));
            CHECK(r.error.contains(name));
        }
        const ImportReport r32 = import(QStringLiteral("be32.jsonl"), QByteArray("\0\0\xFE\xFF\0\0\0{", 8));
        CHECK(r32.error.contains(QLatin1String("UTF-16")));
    }
    SECTION("UTF-16 without a byte order mark")
    {
        QByteArray le;
        for (const char c : validLines(1, 1))
            le.append(c).append('\0');
        const ImportReport r = import(QStringLiteral("le-nobom.jsonl"), le);
        CHECK_FALSE(r.ok);
        REQUIRE_FALSE(r.issues.isEmpty());
        CHECK(r.issues[0].reason.contains(QLatin1String("UTF-16")));
    }
    SECTION("a UTF-8 byte order mark is accepted")
    {
        const ImportReport r = import(QStringLiteral("bom.jsonl"), "\xEF\xBB\xBF" + validLines(1, 2));
        INFO(issuesText(r));
        CHECK(r.ok);
        CHECK(r.postsAdded == 2);
    }
    SECTION("Windows line endings are accepted")
    {
        QByteArray crlf = validLines(1, 3);
        crlf.replace("\n", "\r\n");
        const ImportReport r = import(QStringLiteral("crlf.jsonl"), crlf);
        INFO(issuesText(r));
        CHECK(r.ok);
        CHECK(r.postsAdded == 3);
    }
}

TEST_CASE("an invalid line is reported with its number and reason, and nothing is stored", "[import][bad][jsonl]")
{
    struct Case {
        const char *name;
        std::function<QByteArray()> line;
        const char *reason;
    };
    const auto with = [](const char *field, const QJsonValue &v) {
        return [=] {
            QJsonObject post = validPost(2);
            post[QLatin1String(field)] = v;
            return jsonLine(post);
        };
    };
    const auto without = [](const char *field) {
        return [=] {
            QJsonObject post = validPost(2);
            post.remove(QLatin1String(field));
            return jsonLine(post);
        };
    };
    const auto withAuthor = [](const char *field, const QJsonValue &v) {
        return [=] {
            QJsonObject post = validPost(2);
            QJsonObject author = post[QStringLiteral("author")].toObject();
            if (v.isUndefined())
                author.remove(QLatin1String(field));
            else
                author[QLatin1String(field)] = v;
            post[QStringLiteral("author")] = author;
            return jsonLine(post);
        };
    };
    const auto raw = [](const char *text) { return [=] { return QByteArray(text) + '\n'; }; };
    const QString longText(kMaxTextLength + 1, QLatin1Char('a'));
    const std::vector<Case> cases{
        {"impossible day", with("created_at", QStringLiteral("2026-02-30T10:00:00Z")), "not a real date"},
        {"rating out of range", with("rating", 6), "must be 1 to 5"},
        {"rating not whole", with("rating", 2.5), "must be a whole number"},
        {"rating on a channel without ratings", with("rating", 4), "for app_store and google_play reviews only"},
        {"impossible hour", with("created_at", QStringLiteral("2026-03-02T25:61:00Z")), "not a real date"},
        {"no time zone", with("created_at", QStringLiteral("2026-03-02T10:00:00")), "no time zone"},
        {"not a date", with("created_at", QStringLiteral("yesterday")), "ISO 8601"},
        {"date as a number", with("created_at", 1767225600000.0), "\"created_at\" must be a string"},
        {"unknown channel", with("channel", QStringLiteral("myspace")), "unknown channel \"myspace\""},
        {"unknown direction", with("direction", QStringLiteral("sideways")), "unknown direction"},
        {"unknown visibility", with("visibility", QStringLiteral("secret")), "unknown visibility"},
        {"unknown category", with("category", QStringLiteral("angry")), "unknown category"},
        {"category of the wrong type", with("category", 3), "\"category\" must be a string or null"},
        {"missing post id", without("post_id"), "missing required field \"post_id\""},
        {"missing thread id", without("thread_id"), "missing required field \"thread_id\""},
        {"missing channel", without("channel"), "missing required field \"channel\""},
        {"missing direction", without("direction"), "missing required field \"direction\""},
        {"missing visibility", without("visibility"), "missing required field \"visibility\""},
        {"missing date", without("created_at"), "missing required field \"created_at\""},
        {"missing text", without("text"), "missing required field \"text\""},
        {"null text", with("text", QJsonValue::Null), "missing required field \"text\""},
        {"missing author", without("author"), "missing required field \"author\""},
        {"author not an object", with("author", QStringLiteral("giulia")), "\"author\" must be an object"},
        {"missing author id", withAuthor("id", QJsonValue::Undefined), "missing required field \"author.id\""},
        {"author id a number", withAuthor("id", 77), "\"author.id\" must be a string"},
        {"author name a list", withAuthor("name", QJsonArray{1}), "\"author.name\" must be a string or null"},
        {"negative followers", withAuthor("followers", -5), "\"author.followers\" must not be negative"},
        {"fractional followers", withAuthor("followers", 1.5), "\"author.followers\" must be a whole number"},
        // The same double-to-integer conversion as the one fuzz_json_imports found in the policy
        // import (found by reading, not by the fuzzer): the range is checked before converting.
        {"followers beyond any integer", withAuthor("followers", 1e300), "\"author.followers\" must be a whole number"},
        {"followers far below zero", withAuthor("followers", -1e300), "\"author.followers\" must be a whole number"},
        {"followers as text", withAuthor("followers", QStringLiteral("12")), "must be a whole number"},
        {"post id a number", with("post_id", 42), "\"post_id\" must be a string"},
        {"empty thread id", with("thread_id", QStringLiteral(" ")), "\"thread_id\" must not be empty"},
        {"reply-to a number", with("in_reply_to", 7), "\"in_reply_to\" must be a string or null"},
        {"text too long", with("text", longText), "too long: 65537 characters"},
        {"a JSON array", raw("[1, 2]"), "not a JSON object"},
        {"a bare number", raw("42"), "JSON"},
        {"broken JSON", raw("{\"channel\": \"facebook\", "), "not valid JSON"},
        {"a CSV line", raw("1,sprintcare,False,Tue Oct 31"), "not valid JSON"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            TempCache cache;
            // Something already in the cache must stay exactly as it was.
            ingest(*cache.db,
                   {inboundPost(QStringLiteral("old"), QStringLiteral("old-1"), utcMs("2026-01-01T10:00:00Z"))});
            const QString path =
                writeFile(cache.dir, QStringLiteral("bad.jsonl"), validLines(1, 1) + c.line() + validLines(3, 4));
            const ImportReport r = importFile(*cache.db, path);
            INFO(issuesText(r));
            CHECK_FALSE(r.ok);
            CHECK(r.error.contains(QLatin1String("bad.jsonl")));
            CHECK(r.error.contains(QLatin1String("1 invalid record")));
            CHECK(r.recordsRead == 4);
            CHECK(r.invalidCount == 1);
            CHECK(r.postsAdded == 0);
            REQUIRE(r.issues.size() == 1);
            CHECK(r.issues[0].file == r.file);
            CHECK(r.issues[0].line == 2);
            CHECK(r.issues[0].reason.contains(QLatin1String(c.reason)));
            CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 1);
            CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")) == 1);
            CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM authors")) == 1);
        }
    }
}

TEST_CASE("the longest allowed text is accepted, it is counted in UTF-16 units, not bytes", "[import][jsonl]")
{
    TempCache cache;
    // "è" is one unit (two UTF-8 bytes), "😀" two units (four bytes): 21,845 pairs and one "è"
    // make exactly kMaxTextLength units, 131,072 bytes.
    QString text;
    while (text.size() + 3 <= kMaxTextLength)
        text += QStringLiteral("è😀");
    text += QStringLiteral("è");
    REQUIRE(text.size() == kMaxTextLength);
    QJsonObject post = validPost(1);
    post[QStringLiteral("text")] = text;
    const ImportReport r = importFile(*cache.db, writeFile(cache.dir, QStringLiteral("long.jsonl"), jsonLine(post)));
    INFO(issuesText(r));
    CHECK(r.ok);
    CHECK(count(*cache.db, QStringLiteral("SELECT length(text) FROM posts")) == 21845 * 2 + 1);
}

TEST_CASE("a 10 MB line is refused without being read whole, and the next line is read", "[import][bad][jsonl]")
{
    TempCache cache;
    const QByteArray huge = "{\"text\":\"" + QByteArray(10 * 1024 * 1024, 'x') + "\"}\n";
    const QString path = writeFile(cache.dir, QStringLiteral("huge.jsonl"), validLines(1, 1) + huge + validLines(3, 3));
    const ImportReport r = importFile(*cache.db, path);
    CHECK_FALSE(r.ok);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].reason.contains(QLatin1String("line too long")));
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);

    ImportOptions skip;
    skip.skipInvalid = true;
    const ImportReport skipped = importFile(*cache.db, path, skip);
    INFO(issuesText(skipped));
    CHECK(skipped.ok);
    CHECK(skipped.recordsRead == 3);
    CHECK(skipped.postsAdded == 2);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = 'fb-p3'")) == 1);

    // Without a final line break, and as the only line.
    const ImportReport alone =
        importFile(*cache.db, writeFile(cache.dir, QStringLiteral("alone.jsonl"), huge.chopped(1)));
    CHECK_FALSE(alone.ok);
    REQUIRE(alone.issues.size() == 1);
    CHECK(alone.issues[0].line == 1);
}

TEST_CASE("a file with invalid records is rejected whole, listing the first ones", "[import][bad]")
{
    TempCache cache;
    REQUIRE(importFile(*cache.db, writeFile(cache.dir, QStringLiteral("first.jsonl"), validLines(100, 104))).ok);
    const auto before = [&] {
        return std::tuple{
            count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")),
            count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")),
            count(*cache.db, QStringLiteral("SELECT count(*) FROM authors")),
            count(*cache.db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'sinistro'"))};
    }();
    QByteArray bytes;
    for (int n = 1; n <= 60; ++n) {
        QJsonObject post = validPost(n, QStringLiteral("fb-new-%1").arg(n));
        if (n % 2 == 0)
            post[QStringLiteral("channel")] = QStringLiteral("fax");
        bytes += jsonLine(post);
    }
    const QString path = writeFile(cache.dir, QStringLiteral("mixed.jsonl"), bytes);
    const ImportReport r = importFile(*cache.db, path);
    CHECK_FALSE(r.ok);
    CHECK(r.recordsRead == 60);
    CHECK(r.invalidCount == 30);
    CHECK(r.issues.size() == 20);
    CHECK(r.error.contains(QLatin1String("mixed.jsonl")));
    CHECK(r.error.contains(QLatin1String("30 invalid records")));
    CHECK(r.error.contains(QLatin1String("first 20")));
    CHECK(r.error.contains(QLatin1String("Nothing was stored")));
    CHECK(r.issues[0].toString() == r.file + QLatin1String(":2: unknown channel \"fax\" (expected facebook, instagram, "
                                                           "x, app_store, google_play, in_app)"));
    CHECK(r.issues[19].line == 40);
    const auto after =
        std::tuple{count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")),
                   count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")),
                   count(*cache.db, QStringLiteral("SELECT count(*) FROM authors")),
                   count(*cache.db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'sinistro'"))};
    CHECK(after == before);
    CHECK(cache.db->checkIntegrity().ok());

    SECTION("with skip-invalid the valid ones are stored and the others listed")
    {
        ImportOptions options;
        options.skipInvalid = true;
        options.maxReportedIssues = 5;
        const ImportReport s = importFile(*cache.db, path, options);
        INFO(issuesText(s));
        CHECK(s.ok);
        CHECK(s.error.isEmpty());
        CHECK(s.postsAdded == 30);
        CHECK(s.invalidCount == 30);
        CHECK(s.issues.size() == 5);
        CHECK(s.issues[4].line == 10);
        CHECK(s.summary().contains(QLatin1String("30 invalid records skipped")));
        CHECK(s.summary().contains(QLatin1String("first 5")));
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == std::get<0>(before) + 30);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = 'fb-p2'")) == 0);
    }
}

TEST_CASE("importing again adds nothing, a post repeated in a file is stored once", "[import][jsonl]")
{
    TempCache cache;
    const QString path = writeFile(cache.dir, QStringLiteral("twice.jsonl"),
                                   validLines(1, 10) + jsonLine(validPost(3)) + jsonLine(validPost(7)));
    const ImportReport first = importFile(*cache.db, path);
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.recordsRead == 12);
    CHECK(first.postsAdded == 10);
    CHECK(first.postsAlreadyPresent == 2);
    const ImportReport second = importFile(*cache.db, path);
    REQUIRE(second.ok);
    CHECK(second.postsAdded == 0);
    CHECK(second.postsAlreadyPresent == 12);
    CHECK(second.threadsTouched == 0);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 10);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")) == 1);
}

TEST_CASE("every post of a large file is searchable, and a rejected file leaves the index as it was",
          "[import][jsonl][search]")
{
    TempCache cache;
    // More posts than the Ingestor keeps before writing their full-text rows, and not a multiple.
    const auto lines = [](int from, int to) {
        QByteArray bytes;
        for (int n = from; n <= to; ++n) {
            QJsonObject post = validPost(n, QStringLiteral("fb-t%1").arg(n / 100));
            post[QStringLiteral("text")] = QStringLiteral("Pratica riferimento%1 del sinistro").arg(n);
            bytes += jsonLine(post);
        }
        return bytes;
    };
    const ImportReport first =
        importFile(*cache.db, writeFile(cache.dir, QStringLiteral("large.jsonl"), lines(1, 5000)));
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.postsAdded == 5000);
    CHECK(checkFullTextCoversPosts(*cache.db) == 5000);
    // Through the console's own search (word prefixes: no number here is the start of another).
    QueueQuery queue(*cache.db);
    QueueFilter filter;
    filter.status.reset();
    for (const int n : {999, 2048, 2049, 4097, 5000}) {
        filter.search = QStringLiteral("riferimento%1").arg(n);
        const auto found = queue.page(filter, QueueSort::Age, true, 0, 10);
        REQUIRE(found.ok());
        REQUIRE(found->size() == 1);
        CHECK(value(*cache.db, QStringLiteral("SELECT external_id FROM threads WHERE id = %1").arg(found->at(0).threadId))
                  .toString() == QStringLiteral("fb-t%1").arg(n / 100));
    }

    // Imported again: nothing added, no second full-text row.
    const ImportReport again =
        importFile(*cache.db, writeFile(cache.dir, QStringLiteral("again.jsonl"), lines(1, 5000)));
    REQUIRE(again.ok);
    CHECK(again.postsAdded == 0);
    CHECK(checkFullTextCoversPosts(*cache.db) == 5000);

    // New posts, then a bad last line: the whole file is refused, the index keeps none of them.
    QJsonObject bad = validPost(9999);
    bad[QStringLiteral("direction")] = QStringLiteral("sideways");
    const ImportReport refused = importFile(
        *cache.db, writeFile(cache.dir, QStringLiteral("refused.jsonl"), lines(5001, 9000) + jsonLine(bad)));
    CHECK_FALSE(refused.ok);
    REQUIRE(refused.issues.size() == 1);
    CHECK(refused.issues[0].line == 4001);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'riferimento8000'")) ==
          0);
    CHECK(checkFullTextCoversPosts(*cache.db) == 5000);
}

TEST_CASE("the progress callback is called and can cancel an import", "[import]")
{
    TempCache cache;
    QByteArray bytes;
    for (int n = 1; n <= 9000; ++n)
        bytes += jsonLine(validPost(n, QStringLiteral("fb-t%1").arg(n % 300)));
    const QString path = writeFile(cache.dir, QStringLiteral("many.jsonl"), bytes);
    ImportOptions options;
    qint64 calls = 0, lastDone = 0, total = 0;
    options.progress = [&](qint64 done, qint64 all) {
        ++calls;
        lastDone = done;
        total = all;
        return false;
    };
    const ImportReport r = importFile(*cache.db, path, options);
    CHECK_FALSE(r.ok);
    CHECK(r.error.contains(QLatin1String("cancelled")));
    CHECK(calls == 1);
    CHECK(lastDone > 0);
    CHECK(total == QFileInfo(path).size());
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);

    options.progress = [&](qint64, qint64) { return true; };
    CHECK(importFile(*cache.db, path, options).ok);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 9000);
}

TEST_CASE("file names with odd characters are shown as they are", "[import]")
{
    TempCache cache;
    const QString name = QStringLiteral("résumé %1 %2 100%.jsonl");
    const QString path = writeFile(cache.dir, name, validLines(1, 1) + "[]\n");
    const ImportReport r = importFile(*cache.db, path);
    CHECK_FALSE(r.ok);
    CHECK(r.error.startsWith(QDir::toNativeSeparators(path) + QLatin1String(" was not imported")));
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].toString() == QDir::toNativeSeparators(path) + QLatin1String(":2: not a JSON object: the format "
                                                                                   "wants one JSON object per line, "
                                                                                   "not a JSON array"));
    ImportOptions skip;
    skip.skipInvalid = true;
    const ImportReport s = importFile(*cache.db, path, skip);
    CHECK(s.ok);
    CHECK(s.summary().startsWith(
        QLatin1String("Imported ") + QDir::toNativeSeparators(path) +
        QLatin1String(" (JSON Lines): 2 records read, 1 post added, 0 already in the cache, 1 thread updated.")));
}
