// What a record may hold (docs/interchange-format.md, "What a record may hold"): ids without
// invisible, control or private-use characters, texts without NUL or unpaired surrogates, dates
// in the accepted range, and a post id that is already in another thread. Every path is tried:
// JSON Lines, the TWCS CSV and the Ingestor itself (which the connectors use).

#include "ImportHelpers.h"

#include "fileimport/Importer.h"
#include "fileimport/JsonLinesReader.h"
#include "ingest/Ingestor.h"

#include <QChar>

using namespace sportello;
using namespace sportello::test;

namespace {

const QByteArray kTwcsHeader = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

// A valid line whose field (dotted: "author.id") holds `raw`, written into the JSON string as it
// is: escapes such as \ufeff stay escapes, UTF-8 bytes stay bytes.
QByteArray lineWith(const QString &field, const QByteArray &raw, int n = 2)
{
    QJsonObject post = validPost(n);
    const QString marker = QStringLiteral("@@marker@@");
    if (field.startsWith(QLatin1String("author."))) {
        QJsonObject author = post.value(QLatin1String("author")).toObject();
        author[field.mid(7)] = marker;
        post[QLatin1String("author")] = author;
    } else {
        post[field] = marker;
    }
    QByteArray line = jsonLine(post);
    line.replace("@@marker@@", raw);
    return line;
}

QByteArray escaped(char32_t c)
{
    const auto unit = [](char16_t u) {
        return QByteArray("\\u") + QByteArray::number(uint(u), 16).rightJustified(4, '0');
    };
    if (c < 0x10000)
        return unit(char16_t(c));
    return unit(QChar::highSurrogate(c)) + unit(QChar::lowSurrogate(c));
}

// Not QString::fromUcs4: it drops a U+FEFF at the start, the very character under test.
QByteArray utf8(char32_t c)
{
    if (c < 0x10000)
        return QString(QChar(char16_t(c))).toUtf8();
    const char16_t pair[2] = {QChar::highSurrogate(c), QChar::lowSurrogate(c)};
    return QStringView(pair, 2).toUtf8();
}

QString hexName(char32_t c)
{
    return QStringLiteral("U+%1").arg(QString::number(uint(c), 16).toUpper(), 4, QLatin1Char('0'));
}

// Every code point an id may not hold: all controls, format characters and line or paragraph
// separators, and a sample of the private-use planes and of the noncharacters.
QVector<char32_t> forbiddenInIds()
{
    QVector<char32_t> all;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph: all << c; break;
        default: break;
        }
    }
    all << 0xE000 << 0xF8FF << 0xF0000 << 0xFFFFD << 0x100000 << 0x10FFFD; // private use
    all << 0xFDD0 << 0xFDEF << 0xFFFE << 0xFFFF << 0x1FFFE << 0x10FFFF;    // noncharacters
    return all;
}

Result<PostRecord> parse(const QByteArray &line) { return JsonLinesReader::parseLine(line.chopped(1)); }

} // namespace

TEST_CASE("an id with an invisible, control or private-use character is refused, never rewritten", "[import][ids]")
{
    const QVector<char32_t> forbidden = forbiddenInIds();
    // The format characters must all be there: U+FEFF, the zero-width ones, the direction marks, the tags.
    for (char32_t c : {0x00ADu, 0x061Cu, 0x200Bu, 0x200Du, 0x200Fu, 0x202Eu, 0x2060u, 0x2069u, 0xFEFFu, 0xFFFBu,
                       0xE0001u, 0xE007Fu, 0x0000u, 0x0085u, 0x2028u, 0x2029u})
        REQUIRE(forbidden.contains(c));
    const struct {
        const char *field;
        const char *named;
    } fields[] = {
        {"post_id", "post id"}, {"thread_id", "thread id"}, {"in_reply_to", "reply-to id"}, {"author.id", "author id"}};
    int refused = 0;
    for (const auto &field : fields) {
        for (char32_t c : forbidden) {
            QVector<QByteArray> encodings{escaped(c)};
            if (c >= 0x20 && c != 0x7F) // raw C0 controls are not valid JSON strings anyway
                encodings << utf8(c);
            for (const QByteArray &ch : encodings) {
                for (const QByteArray &raw : {ch + "P-9", QByteArray("P") + ch + "-9", "P-9" + ch, ch}) {
                    const auto post = parse(lineWith(QString::fromLatin1(field.field), raw));
                    INFO(field.field << " " << raw.toStdString());
                    REQUIRE_FALSE(post.ok());
                    // An id of one white-space character (tab, U+2028) is refused as empty first.
                    if (raw == ch && QChar::isSpace(c) && post.error().contains(QLatin1String("must not be empty")))
                        continue;
                    CHECK(post.error().contains(hexName(c)));
                    CHECK(post.error().contains(QLatin1String(field.named)));
                    ++refused;
                }
            }
        }
    }
    CHECK(refused > 4000);
    // White space at either end cannot be seen either; inside an id it is kept.
    CHECK_FALSE(parse(lineWith(QStringLiteral("post_id"), " P-9")).ok());
    CHECK_FALSE(parse(lineWith(QStringLiteral("post_id"), "P-9\xC2\xA0")).ok());
    auto spaced = parse(lineWith(QStringLiteral("author.id"), "Mario Rossi"));
    REQUIRE(spaced.ok());
    CHECK(spaced->author.externalId == QLatin1String("Mario Rossi"));
    // Letters of any script, emoji and characters not yet assigned are ids like any other.
    for (const QByteArray &raw : {QByteArray("\xC3\xA8-1"), QByteArray("\xF0\x9F\x98\x80"),
                                  QByteArray("\\u00e8\\ud83d\\ude00"), QByteArray("\xE4\xB8\xAD\xE6\x96\x87")}) {
        INFO(raw.toStdString());
        CHECK(parse(lineWith(QStringLiteral("post_id"), raw)).ok());
    }
}

TEST_CASE("an unpaired surrogate escape is refused in ids and texts, never merged with the next character",
          "[import][ids][text]")
{
    for (const char *field : {"post_id", "text", "author.name", "author.handle", "language"}) {
        for (uint unit = 0xD800; unit <= 0xDFFF; ++unit) {
            const QByteArray lone = escaped(unit);
            for (const QByteArray &raw : {"A" + lone + "xyz", "A" + lone, lone, lone + lone + "x"}) {
                const auto post = parse(lineWith(QString::fromLatin1(field), raw));
                INFO(field << " " << raw.toStdString());
                REQUIRE_FALSE(post.ok());
                CHECK(post.error().contains(QLatin1String("unpaired surrogate")));
            }
        }
        // The halves the wrong way round, or a high half before a raw character.
        for (const QByteArray &raw : {QByteArray("\\ude00\\ud83dx"), QByteArray("A\\ud800\xC3\xA8x")}) {
            INFO(field << " " << raw.toStdString());
            CHECK_FALSE(parse(lineWith(QString::fromLatin1(field), raw)).ok());
        }
    }
    auto pair = parse(lineWith(QStringLiteral("text"), "A\\ud83d\\ude00x"));
    REQUIRE(pair.ok());
    CHECK(pair->text == QString::fromUtf8("A\xF0\x9F\x98\x80x"));
}

TEST_CASE("a text longer than any platform sends is refused with its size named", "[import][text]")
{
    const QByteArray atLimit(kMaxTextLength, 'a');
    CHECK(parse(lineWith(QStringLiteral("text"), atLimit)).ok());
    // Counted in UTF-16 units, as the limit is: a character outside the BMP counts twice.
    for (const QByteArray &over : {QByteArray(kMaxTextLength + 1, 'a'), atLimit.chopped(1) + "\\ud83d\\ude00"}) {
        const auto post = parse(lineWith(QStringLiteral("text"), over));
        REQUIRE_FALSE(post.ok());
        CHECK(post.errorKind() == ErrorKind::InvalidInput);
        CHECK(post.error().contains(QString::number(kMaxTextLength + 1)));
        CHECK(post.error().contains(QString::number(kMaxTextLength)));
    }
}

TEST_CASE("a NUL escape is refused in every text and id", "[import][text]")
{
    for (const char *field : {"text", "author.name", "author.handle", "language", "post_id", "author.id"}) {
        for (const QByteArray &raw : {QByteArray("A\\u0000B"), QByteArray("\\u0000"), QByteArray("AB\\u0000")}) {
            const auto post = parse(lineWith(QString::fromLatin1(field), raw));
            INFO(field << " " << raw.toStdString());
            REQUIRE_FALSE(post.ok());
            CHECK(post.error().contains(QLatin1String("U+0000")));
        }
    }
}

TEST_CASE("a text keeps its invisible characters exactly, one that starts with U+FEFF is refused, not stripped",
          "[import][text]")
{
    // SQLite drops a U+FEFF at the start of a text it is given (it takes it for a byte order mark),
    // so such a text cannot be stored as it is: refused, raw or escaped, in every text field.
    const QByteArray bom = "\xEF\xBB\xBF";
    for (const char *field : {"text", "author.name", "author.handle", "language"}) {
        for (const QByteArray &raw : {bom + "Ciao", bom + bom + "x", QByteArray("\\ufeffCiao"), bom}) {
            const auto post = parse(lineWith(QString::fromLatin1(field), raw));
            INFO(field << " " << raw.toStdString());
            REQUIRE_FALSE(post.ok());
            CHECK(post.error().contains(QLatin1String("U+FEFF")));
        }
    }
    // Anywhere else, invisible characters are part of the text and are stored exactly.
    TempCache cache;
    const QString bomText = QStringLiteral("Ciao") + QChar(0xFEFF) + QStringLiteral("!");
    const QString emoji = QStringLiteral("Ciao \U0001F469\u200D\U0001F4BB \u2068x\u2069");
    const QByteArray bytes = lineWith(QStringLiteral("text"), "Ciao" + bom + "!", 1) +
                             lineWith(QStringLiteral("text"), emoji.toUtf8(), 2) +
                             lineWith(QStringLiteral("text"), "Ciao\\ufeff!", 3);
    const QString path = writeFile(cache.dir, QStringLiteral("texts.jsonl"), bytes);
    const ImportReport report = importFile(*cache.db, path);
    INFO(issuesText(report));
    REQUIRE(report.ok);
    const auto textOf = [&](const char *id) {
        return value(*cache.db,
                     QStringLiteral("SELECT text FROM posts WHERE external_id = '%1'").arg(QLatin1String(id)))
            .toString();
    };
    CHECK(textOf("fb-p1") == bomText);
    CHECK(textOf("fb-p2") == emoji);
    CHECK(textOf("fb-p3") == bomText);
}

TEST_CASE("an id that differs from a stored one only by an invisible character is refused, not merged", "[import][ids]")
{
    TempCache cache;
    const QString first =
        writeFile(cache.dir, QStringLiteral("first.jsonl"), lineWith(QStringLiteral("post_id"), "P-9"));
    REQUIRE(importFile(*cache.db, first).ok);
    for (const QByteArray &raw : {QByteArray("\xEF\xBB\xBFP-9"), QByteArray("\\ufeffP-9"), QByteArray("\xEF\xBB\xBF"),
                                  QByteArray("\\ufeff"), QByteArray("P-9\xE2\x80\x8B")}) {
        INFO(raw.toStdString());
        const QString path = writeFile(cache.dir, QStringLiteral("second.jsonl"),
                                       validLines(10, 10) + lineWith(QStringLiteral("post_id"), raw, 11));
        const ImportReport report = importFile(*cache.db, path);
        CHECK_FALSE(report.ok);
        CHECK(report.postsAlreadyPresent == 0);
        REQUIRE(report.issues.size() == 1);
        CHECK(report.issues[0].line == 2);
        CHECK(report.issues[0].file == QDir::toNativeSeparators(path));
        CHECK(report.issues[0].reason.contains(QLatin1String("post id")));
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 1);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts WHERE external_id = ''")) == 0);
    }
}

TEST_CASE("the TWCS reader refuses U+FEFF in an author id and at the start of a text, never strips it",
          "[import][twcs][ids]")
{
    TempCache cache;
    const QByteArray date = "Tue Oct 31 22:10:47 +0000 2017";
    const QString bad = writeFile(cache.dir, QStringLiteral("bad.csv"),
                                  kTwcsHeader +
                                      "1,\xEF\xBB\xBF"
                                      "115712,True," +
                                      date + ",ciao,,\n" +
                                      "2,ab\xE2\x80\x8B"
                                      "c,True," +
                                      date + ",ciao,,\n" + "3,115713,True," + date + ",ciao,,\n");
    const ImportReport refused = importFile(*cache.db, bad);
    INFO(issuesText(refused));
    CHECK_FALSE(refused.ok);
    REQUIRE(refused.issues.size() == 2);
    CHECK(refused.issues[0].line == 2);
    CHECK(refused.issues[0].reason.contains(QLatin1String("U+FEFF")));
    CHECK(refused.issues[0].reason.contains(QLatin1String("author id")));
    CHECK(refused.issues[1].line == 3);
    CHECK(refused.issues[1].reason.contains(QLatin1String("U+200B")));
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);

    const QString leading = writeFile(cache.dir, QStringLiteral("leading.csv"),
                                      kTwcsHeader + "1,115712,True," + date +
                                          ",\xEF\xBB\xBF"
                                          "ciao,,\n");
    const ImportReport stripped = importFile(*cache.db, leading);
    CHECK_FALSE(stripped.ok);
    REQUIRE(stripped.issues.size() == 1);
    CHECK(stripped.issues[0].reason.contains(QLatin1String("U+FEFF")));

    const QString kept = writeFile(cache.dir, QStringLiteral("kept.csv"),
                                   kTwcsHeader + "1,115712,True," + date +
                                       ",ci\xEF\xBB\xBF"
                                       "ao,,\n");
    const ImportReport report = importFile(*cache.db, kept);
    INFO(issuesText(report));
    REQUIRE(report.ok);
    CHECK(value(*cache.db, QStringLiteral("SELECT text FROM posts")).toString() ==
          QStringLiteral("ci") + QChar(0xFEFF) + QStringLiteral("ao"));
}

TEST_CASE("the Ingestor refuses what the rules refuse, for every path into the cache", "[ingest][ids][text]")
{
    TempCache cache;
    const qint64 at = utcMs("2026-03-02T09:00:00Z");
    QVector<PostRecord> bad;
    bad << inboundPost(QStringLiteral("T1"), QString(QChar(0xFEFF)) + QStringLiteral("P-9"), at)
        << inboundPost(QString(QChar(0x200B)), QStringLiteral("P-9"), at)
        << inboundPost(QStringLiteral("T1"), QString(), at)
        << inboundPost(QStringLiteral("T1"), QStringLiteral("P-9"), at,
                       QStringLiteral("A") + QChar(0) + QStringLiteral("B"))
        << inboundPost(QStringLiteral("T1"), QStringLiteral("P-9"), at,
                       QStringLiteral("A") + QChar(0xD800) + QStringLiteral("xyz"))
        << inboundPost(QStringLiteral("T1"), QStringLiteral("P-9"), at, QStringLiteral("A") + QChar(0xDC00));
    PostRecord author = inboundPost(QStringLiteral("T1"), QStringLiteral("P-9"), at);
    author.author.externalId = QStringLiteral("cust") + QChar(0x202E);
    bad << author;
    PostRecord name = inboundPost(QStringLiteral("T1"), QStringLiteral("P-9"), at);
    name.author.displayName = QString(QChar(0xDBFF));
    bad << name;
    for (const PostRecord &post : bad) {
        Ingestor ingestor(*cache.db);
        REQUIRE(ingestor.begin().ok());
        const Status added = ingestor.add(post);
        INFO(post.postExternalId.toStdString());
        CHECK_FALSE(added.ok());
        CHECK(added.errorKind() == ErrorKind::InvalidInput);
        REQUIRE(ingestor.commit().ok());
    }
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")) == 0);
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM authors")) == 0);
}

TEST_CASE("dates outside 2000-01-01 to 2100-01-01 UTC are refused with file and line", "[import][dates]")
{
    for (const char *date :
         {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z", "2000-01-01T00:30:00+01:00",
          "2100-01-01T00:00:00Z", "2099-12-31T23:30:00-01:00", "9999-12-31T23:59:59.999-23:59"}) {
        const auto post = parse(lineWith(QStringLiteral("created_at"), date));
        INFO(date);
        REQUIRE_FALSE(post.ok());
        CHECK(post.error().contains(QLatin1String("created_at")));
        CHECK(post.error().contains(QLatin1String("2000-01-01 to 2100-01-01")));
    }
    for (const char *date : {"2000-01-01T00:00:00Z", "2000-01-01T01:00:00+01:00", "2099-12-31T23:59:59.999Z"}) {
        INFO(date);
        CHECK(parse(lineWith(QStringLiteral("created_at"), date)).ok());
    }

    TempCache cache;
    const QString jsonl =
        writeFile(cache.dir, QStringLiteral("dates.jsonl"),
                  validLines(1, 1) + lineWith(QStringLiteral("created_at"), "9999-12-31T23:59:59.999-23:59"));
    const ImportReport report = importFile(*cache.db, jsonl);
    CHECK_FALSE(report.ok);
    REQUIRE(report.issues.size() == 1);
    CHECK(report.issues[0].line == 2);
    CHECK(report.issues[0].reason.contains(QLatin1String("outside")));

    const QString csv = writeFile(cache.dir, QStringLiteral("dates.csv"),
                                  kTwcsHeader + "1,115712,True,Tue Oct 31 22:10:47 +0000 2017,ciao,,\n" +
                                      "2,115712,True,Mon Jan 01 00:00:00 +0000 0001,ciao,,\n" +
                                      "3,115712,True,Fri Dec 31 23:59:59 -2359 9999,ciao,,\n");
    const ImportReport twcs = importFile(*cache.db, csv);
    INFO(issuesText(twcs));
    CHECK_FALSE(twcs.ok);
    REQUIRE(twcs.issues.size() == 2);
    CHECK(twcs.issues[0].line == 3);
    CHECK(twcs.issues[1].line == 4);
    CHECK(twcs.issues[1].reason.contains(QLatin1String("created_at")));
    CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM posts")) == 0);
}

TEST_CASE("a post id already in another thread is reported and creates no empty thread", "[import][threads]")
{
    TempCache cache;
    const QString emptyThreads = QStringLiteral(
        "SELECT count(*) FROM threads t WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id)");
    const QString first =
        writeFile(cache.dir, QStringLiteral("first.jsonl"), jsonLine(validPost(9, QStringLiteral("T1"))));
    REQUIRE(importFile(*cache.db, first).ok);

    SECTION("already stored")
    {
        const QString path =
            writeFile(cache.dir, QStringLiteral("moved.jsonl"),
                      jsonLine(validPost(9, QStringLiteral("T2"))) + jsonLine(validPost(9, QStringLiteral("T1"))));
        const ImportReport report = importFile(*cache.db, path);
        INFO(issuesText(report));
        REQUIRE(report.ok);
        CHECK(report.postsAdded == 0);
        CHECK(report.postsAlreadyPresent == 1);
        CHECK(report.postsInOtherThread == 1);
        REQUIRE(report.otherThreadPosts.size() == 1);
        CHECK(report.otherThreadPosts[0].line == 1);
        CHECK(report.otherThreadPosts[0].reason.contains(QLatin1String("fb-p9")));
        CHECK(report.otherThreadPosts[0].reason.contains(QLatin1String("T1")));
        CHECK(report.otherThreadPosts[0].reason.contains(QLatin1String("T2")));
        CHECK(report.summary().contains(QLatin1String("1 post already in another thread")));
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")) == 1);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads WHERE external_id = 'T2'")) == 0);
    }
    SECTION("repeated in one file under another thread_id")
    {
        const QString path =
            writeFile(cache.dir, QStringLiteral("repeated.jsonl"),
                      jsonLine(validPost(1, QStringLiteral("T3"))) + jsonLine(validPost(1, QStringLiteral("T4"))) +
                          jsonLine(validPost(1, QStringLiteral("T5"))) + jsonLine(validPost(2, QStringLiteral("T4"))));
        const ImportReport report = importFile(*cache.db, path);
        INFO(issuesText(report));
        REQUIRE(report.ok);
        CHECK(report.postsAdded == 2);
        CHECK(report.postsInOtherThread == 2);
        REQUIRE(report.otherThreadPosts.size() == 2);
        CHECK(report.otherThreadPosts[0].line == 2);
        CHECK(report.otherThreadPosts[1].line == 3);
        CHECK(report.threadsTouched == 2);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads WHERE external_id = 'T5'")) == 0);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads")) == 3);
    }
    SECTION("through the Ingestor, as the connectors store")
    {
        Ingestor ingestor(*cache.db);
        REQUIRE(ingestor.begin().ok());
        REQUIRE(ingestor.add(inboundPost(QStringLiteral("T6"), QStringLiteral("fb-p9"), utcMs("2026-03-02T09:00:00Z")))
                    .ok());
        REQUIRE(ingestor.commit().ok());
        CHECK(ingestor.counts().postsAdded == 0);
        CHECK(ingestor.counts().postsInOtherThread == 1);
        CHECK(ingestor.counts().threadsTouched == 0);
        CHECK(count(*cache.db, QStringLiteral("SELECT count(*) FROM threads WHERE external_id = 'T6'")) == 0);
    }
    CHECK(count(*cache.db, emptyThreads) == 0);
}

TEST_CASE("a JSON error is placed at its byte of the line, also after a raw U+FEFF", "[import][jsonl]")
{
    const QByteArray bom = "\xEF\xBB\xBF";
    // The same mistake (a missing comma) after a text of 7 bytes, with and without U+FEFF in it.
    const QByteArray plain = "{\"text\":\"Ciao!!!\" \"channel\":\"x\"}";
    const QByteArray marked = "{\"text\":\"Ciao" + bom + "\" \"channel\":\"x\"}";
    REQUIRE(plain.size() == marked.size());
    const auto a = JsonLinesReader::parseLine(plain);
    const auto b = JsonLinesReader::parseLine(marked);
    REQUIRE_FALSE(a.ok());
    REQUIRE_FALSE(b.ok());
    INFO(str(a.error()) << " / " << str(b.error()));
    CHECK(a.error().contains(QLatin1String("not valid JSON")));
    CHECK(a.error() == b.error());
}
