// Reports and their CSV exports, read back with a CSV reader written here (not the importer's),
// in both locales; medians and percentiles against hand-made and real (TWCS) data; failed
// exports; LibreOffice reading an Italian export.

#include "ImportHelpers.h"

#include "common/Clock.h"
#include "report/CsvWriter.h"
#include "report/MeasureStore.h"
#include "report/ReportData.h"
#include "report/ReportExport.h"
#include "timers/PolicyStore.h"
#include "triage/TriageService.h"

#include <QDirIterator>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QXmlStreamReader>
#include <algorithm>
#include <map>
#include <cmath>

using namespace sportello;
using namespace sportello::test;

namespace {

using Rows = QVector<QStringList>;

// RFC 4180 as a spreadsheet reads it: fields split by `delimiter`, a quoted field may hold the
// delimiter, doubled quotes and line breaks; records end with CRLF or LF.
Rows readCsv(QByteArray bytes, char delimiter, bool *hadBom = nullptr)
{
    const bool bom = bytes.startsWith("\xEF\xBB\xBF");
    if (hadBom)
        *hadBom = bom;
    if (bom)
        bytes.remove(0, 3);
    Rows rows;
    QStringList record;
    QByteArray field;
    bool quoted = false, inQuotes = false, any = false;
    const auto endField = [&] {
        record << QString::fromUtf8(field);
        field.clear();
        quoted = false;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        any = true;
        if (inQuotes) {
            if (c == '"' && i + 1 < bytes.size() && bytes.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.isEmpty() && !quoted) {
            inQuotes = quoted = true;
        } else if (c == delimiter) {
            endField();
        } else if (c == '\r' && i + 1 < bytes.size() && bytes.at(i + 1) == '\n') {
            continue;
        } else if (c == '\n') {
            endField();
            rows << record;
            record.clear();
            any = false;
        } else {
            field += c;
        }
    }
    REQUIRE_FALSE(inQuotes);
    if (any) {
        endField();
        rows << record;
    }
    return rows;
}

QHash<QString, QStringList> byColumn(const Rows &rows, const QString &key, int *keyColumn = nullptr)
{
    QHash<QString, QStringList> map;
    const int k = int(rows.at(0).indexOf(key));
    REQUIRE(k >= 0);
    for (qsizetype r = 1; r < rows.size(); ++r)
        map.insert(rows.at(r).at(k), rows.at(r));
    if (keyColumn)
        *keyColumn = k;
    return map;
}

QString cell(const Rows &rows, const QStringList &row, const char *column)
{
    const qsizetype c = rows.at(0).indexOf(QLatin1String(column));
    INFO(column);
    REQUIRE(c >= 0);
    return row.at(c);
}

// Texts that break naive CSV writers and spreadsheets.
const QStringList &trickyTexts()
{
    static const QStringList texts{
        QStringLiteral("Grazie mille 🙏🏻 ottimo servizio 👍"),
        QStringLiteral("Ha detto \"subito\", poi niente; ancora \"nulla\""),
        QStringLiteral("riga uno\nriga due\r\nriga tre\rfine"),
        QStringLiteral("مرحبا، لدي مشكلة في البوليصة رقم 123"),
        QStringLiteral("שלום, אני צריך עזרה"),
        QStringLiteral("=HYPERLINK(\"http://evil.example\",\"clic\")"),
        QStringLiteral("+39 333 1234567"),
        QStringLiteral("-2+3 cmd|' /C calc'!A0"),
        QStringLiteral("@SUM(1+1)*cmd|' /C calc'!A0"),
        QStringLiteral("\tcon tab davanti"),
        QStringLiteral("\rcon ritorno a capo davanti"),
        QStringLiteral("virgola, punto e virgola; tab\tfine"),
        QStringLiteral("plain"),
    };
    return texts;
}

// What a guarded text field must read back as.
QString guarded(const QString &text)
{
    static const QString triggers = QStringLiteral("=+-@\t\r");
    return !text.isEmpty() && triggers.contains(text.front()) ? QLatin1Char('\'') + text : text;
}

qint64 threadId(Database &db, const QString &externalId)
{
    return count(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId));
}

ReportFilter march2026()
{
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    return filter;
}

// Marks the outbox entry of the thread's decision delivered, as the dispatcher does.
void deliver(Database &db, const QString &thread, qint64 atMs)
{
    QSqlQuery update(db.connection());
    REQUIRE(update.exec(QStringLiteral("UPDATE outbox SET state = 'delivered', delivered_at = %1 WHERE decision_id IN "
                                       "(SELECT id FROM decisions WHERE thread_id = %2)")
                            .arg(atMs)
                            .arg(threadId(db, thread))));
    REQUIRE(update.numRowsAffected() == 1);
}

// A small cache: answered, waiting, decided, delivered, undelivered, closed and forwarded posts,
// long numeric ids, and every tricky text.
void buildSample(Database &db)
{
    QVector<PostRecord> posts;
    // Monday 2 March 2026, 10:00 in Rome (UTC+1): answered by the company 20 minutes later.
    PostRecord a = inboundPost(QStringLiteral("t-a"), QStringLiteral("p-a"), utcMs("2026-03-02T09:00:00Z"));
    a.category = Category::NonNegative;
    a.author = {QStringLiteral("u-a"), QStringLiteral("giulia.b"), QStringLiteral("=Giulia \"G\" Bianchi"), 10};
    posts << a << outboundPost(QStringLiteral("t-a"), QStringLiteral("r-a"), utcMs("2026-03-02T09:20:00Z"));
    // Friday 6 March, 17:40 in Rome: decided on Monday at 09:40, 60 business minutes later.
    PostRecord b = inboundPost(QStringLiteral("t-b"), QStringLiteral("p-b"), utcMs("2026-03-06T16:40:00Z"),
                               QStringLiteral("@AssicuraSerena ciao, sono @giulia.b"));
    b.category = Category::Assistance;
    b.author = {QStringLiteral("u-b"), QStringLiteral("mario_r"), QStringLiteral("Mario Rossi"), 10};
    posts << b;
    // A complaint forwarded to customer care half an hour after it arrived.
    PostRecord c = inboundPost(QStringLiteral("t-c"), QStringLiteral("p-c"), utcMs("2026-03-03T10:00:00Z"));
    c.category = Category::Complaint;
    c.author = {QStringLiteral("u-a"), QStringLiteral("giulia.b"), QStringLiteral("=Giulia \"G\" Bianchi"), 10};
    posts << c;
    // Assistance: a public reply decided ten minutes later, still in the outbox (not delivered).
    PostRecord d = inboundPost(QStringLiteral("t-d"), QStringLiteral("p-d"), utcMs("2026-03-05T09:00:00Z"));
    d.category = Category::Assistance;
    posts << d;
    // Non-negative, closed without reply five minutes later.
    PostRecord e = inboundPost(QStringLiteral("t-e"), QStringLiteral("p-e"), utcMs("2026-03-05T10:00:00Z"));
    e.category = Category::NonNegative;
    posts << e;
    // A complaint answered by a company post, then forwarded at a later post of its thread.
    PostRecord f = inboundPost(QStringLiteral("t-f"), QStringLiteral("p-f1"), utcMs("2026-03-05T11:00:00Z"));
    f.category = Category::Complaint;
    posts << f << outboundPost(QStringLiteral("t-f"), QStringLiteral("r-f"), utcMs("2026-03-05T11:10:00Z"));
    PostRecord f2 = inboundPost(QStringLiteral("t-f"), QStringLiteral("p-f2"), utcMs("2026-03-05T11:30:00Z"));
    f2.category = Category::Complaint;
    posts << f2;
    // X ids of 19 digits, which a spreadsheet would round to 1.23E+18.
    PostRecord g = inboundPost(QStringLiteral("1234567890123456780"), QStringLiteral("1234567890123456789"),
                               utcMs("2026-03-05T12:00:00Z"), QStringLiteral("ciao"), Channel::X);
    posts << g;
    // Every tricky text, waiting.
    for (int i = 0; i < trickyTexts().size(); ++i) {
        PostRecord p = inboundPost(QStringLiteral("t-x%1").arg(i), QStringLiteral("p-x%1").arg(i),
                                   utcMs("2026-03-04T08:00:00Z") + i * 60000, trickyTexts().at(i));
        p.author = {QStringLiteral("u-x%1").arg(i), QStringLiteral("x%1").arg(i), trickyTexts().at(i), 1};
        posts << p;
    }
    ingest(db, posts);
    ManualClock clock(utcMs("2026-03-09T08:40:00Z"));
    TriageService triage(db, clock, Agent{QStringLiteral("agent-1"), QStringLiteral("Marta Verdi")});
    auto decided = triage.decide({threadId(db, QStringLiteral("t-b")), DecisionKind::ReplyPrivate,
                                  QStringLiteral("Le scriviamo in privato"), std::nullopt, Category::Assistance});
    INFO(decided.error().toStdString());
    REQUIRE(decided.ok());
    clock.setNowMs(utcMs("2026-03-03T10:30:00Z"));
    auto forwarded = triage.decide({threadId(db, QStringLiteral("t-c")), DecisionKind::Forward,
                                    QStringLiteral("Reclamo sul sinistro"), std::nullopt, Category::Complaint});
    INFO(forwarded.error().toStdString());
    REQUIRE(forwarded.ok());
    clock.setNowMs(utcMs("2026-03-05T09:10:00Z"));
    REQUIRE(triage
                .decide({threadId(db, QStringLiteral("t-d")), DecisionKind::ReplyPublic, QStringLiteral("Eccoci"),
                         std::nullopt, Category::Assistance})
                .ok());
    clock.setNowMs(utcMs("2026-03-05T10:05:00Z"));
    REQUIRE(triage
                .decide({threadId(db, QStringLiteral("t-e")), DecisionKind::Close, QString(),
                         CloseReason::NoAnswerNeeded, Category::NonNegative})
                .ok());
    clock.setNowMs(utcMs("2026-03-05T12:00:00Z"));
    REQUIRE(triage
                .decide({threadId(db, QStringLiteral("t-f")), DecisionKind::Forward, QStringLiteral("Reclamo"),
                         std::nullopt, Category::Complaint})
                .ok());
    // The outbox delivered b's private reply on Monday at 09:45 in Rome and c's hand-off at 10:35Z;
    // d's reply stays in the outbox.
    deliver(db, QStringLiteral("t-b"), utcMs("2026-03-09T08:45:00Z"));
    deliver(db, QStringLiteral("t-c"), utcMs("2026-03-03T10:35:00Z"));
}

ResponsePolicy activePolicy(Database &db)
{
    auto policy = PolicyStore(db).active();
    INFO(policy.error().toStdString());
    REQUIRE(policy.ok());
    return policy.value();
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    REQUIRE(process.waitForStarted(30000));
    REQUIRE(process.waitForFinished(120000));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

CliRun runCli(const QStringList &arguments) { return runProgram(QStringLiteral(SPORTELLO_CLI_PATH), arguments); }

QStringList filesIn(const QString &dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System); }

double quantile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double h = (double(values.size()) - 1) * q;
    const size_t lo = size_t(std::floor(h));
    const double next = lo + 1 < values.size() ? values[lo + 1] : values[lo];
    return values[lo] + (h - double(lo)) * (next - values[lo]);
}

} // namespace

TEST_CASE("CSV writer: every tricky text and number reads back in both locales", "[report][csv]")
{
    QTemporaryDir dir;
    for (const char *language : {"it", "en", "tab"}) {
        DYNAMIC_SECTION(language)
        {
            CsvFormat format = CsvFormat::forLanguage(QLatin1String(language));
            if (QByteArray(language) == "tab")
                format.delimiter = '\t';
            const QString path = dir.filePath(QStringLiteral("tricky-%1.csv").arg(QLatin1String(language)));
            CsvWriter csv(path, format);
            REQUIRE(csv.open().ok());
            IsoTimeFormatter times(QTimeZone("Europe/Rome"));
            for (const QString &text : trickyTexts()) {
                csv.text(text);
                csv.integer(-42);
                csv.decimal(1234.5678, 2);
                csv.minutesFromMs(3723000); // 62.05 minutes
                csv.timestamp(utcMs("2026-07-01T10:00:00Z"), times);
                csv.null();
                REQUIRE(csv.endRow().ok());
            }
            REQUIRE(csv.commit().ok());
            bool bom = false;
            const Rows rows = readCsv(fileBytes(path), format.delimiter, &bom);
            CHECK(bom);
            REQUIRE(rows.size() == trickyTexts().size());
            const bool comma = format.decimalComma;
            for (int i = 0; i < rows.size(); ++i) {
                INFO(trickyTexts().at(i).toStdString());
                REQUIRE(rows.at(i).size() == 6);
                CHECK(rows.at(i).at(0) == guarded(trickyTexts().at(i)));
                CHECK(rows.at(i).at(1) == QLatin1String("-42")); // numbers are never guarded
                CHECK(rows.at(i).at(2) == (comma ? QLatin1String("1234,57") : QLatin1String("1234.57")));
                CHECK(rows.at(i).at(3) == (comma ? QLatin1String("62,05") : QLatin1String("62.05")));
                CHECK(rows.at(i).at(4) == QLatin1String("2026-07-01T12:00:00+02:00"));
                CHECK(rows.at(i).at(5).isEmpty());
            }
        }
    }
    CHECK(CsvWriter::encodeText(QStringLiteral("a;b"), ';') == "\"a;b\"");
    CHECK(CsvWriter::encodeText(QStringLiteral("a;b"), ',') == "a;b");
    CHECK(CsvWriter::encodeText(QStringLiteral("-1"), ',') == "'-1");
    CHECK(CsvFormat::parseDelimiter(QStringLiteral("tab")) == '\t');
    CHECK_FALSE(CsvFormat::parseDelimiter(QStringLiteral("|")).has_value());
}

TEST_CASE("ISO 8601 times carry the zone's offset across daylight-saving changes", "[report][csv]")
{
    IsoTimeFormatter rome(QTimeZone("Europe/Rome"));
    CHECK(rome.format(utcMs("2026-03-29T00:59:59Z")) == QLatin1String("2026-03-29T01:59:59+01:00"));
    CHECK(rome.format(utcMs("2026-03-29T01:00:00Z")) == QLatin1String("2026-03-29T03:00:00+02:00"));
    CHECK(rome.format(utcMs("2026-10-25T00:30:00Z")) == QLatin1String("2026-10-25T02:30:00+02:00"));
    CHECK(rome.format(utcMs("2026-10-25T01:30:00Z")) == QLatin1String("2026-10-25T02:30:00+01:00"));
    CHECK(rome.format(utcMs("1999-12-31T23:00:00Z")) == QLatin1String("2000-01-01T00:00:00+01:00"));
    IsoTimeFormatter utc{QTimeZone::utc()};
    CHECK(utc.format(utcMs("2024-02-29T23:59:59Z")) == QLatin1String("2024-02-29T23:59:59Z"));
    IsoTimeFormatter kolkata(QTimeZone("Asia/Kolkata"));
    CHECK(kolkata.format(utcMs("2026-01-01T00:00:00Z")) == QLatin1String("2026-01-01T05:30:00+05:30"));
}

TEST_CASE("post-level log: every value of every row, Italian and English", "[report][export]")
{
    TempCache cache;
    Database &db = *cache.db;
    buildSample(db);
    const ResponsePolicy policy = activePolicy(db);
    for (const char *language : {"it", "en"}) {
        DYNAMIC_SECTION(language)
        {
            ExportOptions options;
            options.format = CsvFormat::forLanguage(QLatin1String(language));
            options.pseudonymise = false; // every value as stored: handles, names, ids
            const QString path = cache.dir.filePath(QStringLiteral("log-%1.csv").arg(QLatin1String(language)));
            auto written = exportPostLog(db, policy, march2026(), utcMs("2026-03-10T12:00:00Z"), path, options);
            INFO(written.error().toStdString());
            REQUIRE(written.ok());
            CHECK(written.value() == 8 + trickyTexts().size());
            bool bom = false;
            const Rows rows = readCsv(fileBytes(path), options.format.delimiter, &bom);
            CHECK(bom);
            CHECK(rows.at(0) == postLogColumns());
            REQUIRE(rows.size() == 1 + written.value());
            for (const QStringList &row : rows)
                CHECK(row.size() == postLogColumns().size());
            const auto posts = byColumn(rows, QStringLiteral("post_id"));

            const QStringList a = posts.value(QStringLiteral("p-a"));
            CHECK(cell(rows, a, "thread_id") == QLatin1String("t-a"));
            CHECK(cell(rows, a, "channel") == QLatin1String("facebook"));
            CHECK(cell(rows, a, "author_handle") == QLatin1String("giulia.b"));
            CHECK(cell(rows, a, "author_name") == QLatin1String("'=Giulia \"G\" Bianchi"));
            CHECK(cell(rows, a, "arrived_at") == QLatin1String("2026-03-02T10:00:00+01:00"));
            CHECK(cell(rows, a, "category") == QLatin1String("non_negative"));
            CHECK(cell(rows, a, "decision") == QLatin1String("reply_public"));
            CHECK(cell(rows, a, "decision_source") == QLatin1String("outbound_post"));
            CHECK(cell(rows, a, "agent").isEmpty());
            CHECK(cell(rows, a, "first_response_at") == QLatin1String("2026-03-02T10:20:00+01:00"));
            CHECK(cell(rows, a, "first_response_kind") == QLatin1String("reply"));
            CHECK(cell(rows, a, "first_response_business_min") == QLatin1String("20"));
            CHECK(cell(rows, a, "first_response_calendar_min") == QLatin1String("20"));
            CHECK(cell(rows, a, "target_min") == QLatin1String("60"));
            CHECK(cell(rows, a, "target_clock") == QLatin1String("business"));
            CHECK(cell(rows, a, "due_at") == QLatin1String("2026-03-02T11:00:00+01:00"));
            CHECK(cell(rows, a, "outcome") == QLatin1String("met"));
            CHECK(cell(rows, a, "complaint_deadline_at").isEmpty());

            const QStringList b = posts.value(QStringLiteral("p-b"));
            CHECK(cell(rows, b, "arrived_at") == QLatin1String("2026-03-06T17:40:00+01:00"));
            CHECK(cell(rows, b, "decision") == QLatin1String("reply_private"));
            CHECK(cell(rows, b, "decision_source") == QLatin1String("decision"));
            CHECK(cell(rows, b, "agent") == QLatin1String("Marta Verdi"));
            CHECK(cell(rows, b, "decided_at") == QLatin1String("2026-03-09T09:40:00+01:00"));
            // The customer saw the reply when the outbox delivered it, five minutes after the decision:
            // 20 minutes before Friday's closing, 45 on Monday morning; 64 h 5 min on the clock.
            CHECK(cell(rows, b, "delivered_at") == QLatin1String("2026-03-09T09:45:00+01:00"));
            CHECK(cell(rows, b, "first_response_at") == QLatin1String("2026-03-09T09:45:00+01:00"));
            CHECK(cell(rows, b, "first_response_kind") == QLatin1String("reply"));
            CHECK(cell(rows, b, "first_response_business_min") == QLatin1String("65"));
            CHECK(cell(rows, b, "first_response_calendar_min") == QLatin1String("3845"));
            CHECK(cell(rows, b, "target_min") == QLatin1String("120"));
            CHECK(cell(rows, b, "outcome") == QLatin1String("met"));
            CHECK(cell(rows, b, "text") == QLatin1String("'@AssicuraSerena ciao, sono @giulia.b"));

            const QStringList c = posts.value(QStringLiteral("p-c"));
            CHECK(cell(rows, c, "decision") == QLatin1String("forward"));
            // Handled when the hand-off reached customer care, not when it was decided.
            CHECK(cell(rows, c, "first_response_calendar_min") == QLatin1String("35"));
            CHECK(cell(rows, c, "first_response_kind") == QLatin1String("handoff"));
            CHECK(cell(rows, c, "outcome") == QLatin1String("met"));
            CHECK(cell(rows, c, "complaint_deadline_at") == QLatin1String("2026-04-17T11:00:00+02:00"));

            // Decided, not delivered: no first response yet, and past its due time.
            const QStringList d = posts.value(QStringLiteral("p-d"));
            CHECK(cell(rows, d, "decision") == QLatin1String("reply_public"));
            CHECK(cell(rows, d, "decided_at") == QLatin1String("2026-03-05T10:10:00+01:00"));
            CHECK(cell(rows, d, "delivered_at").isEmpty());
            CHECK(cell(rows, d, "first_response_at").isEmpty());
            CHECK(cell(rows, d, "first_response_kind").isEmpty());
            CHECK(cell(rows, d, "first_response_business_min").isEmpty());
            CHECK(cell(rows, d, "outcome") == QLatin1String("missed"));

            // Closed without reply: no response, neither met nor missed (systematic policy).
            const QStringList e = posts.value(QStringLiteral("p-e"));
            CHECK(cell(rows, e, "decision") == QLatin1String("close"));
            CHECK(cell(rows, e, "first_response_at").isEmpty());
            CHECK(cell(rows, e, "first_response_calendar_min").isEmpty());
            CHECK(cell(rows, e, "outcome") == QLatin1String("closed"));

            // Answered by a company post, its thread forwarded as a complaint later: the deadline shows.
            const QStringList f1 = posts.value(QStringLiteral("p-f1"));
            CHECK(cell(rows, f1, "decision_source") == QLatin1String("outbound_post"));
            CHECK(cell(rows, f1, "first_response_calendar_min") == QLatin1String("10"));
            CHECK_FALSE(cell(rows, f1, "complaint_deadline_at").isEmpty());
            CHECK(cell(rows, f1, "complaint_deadline_at") ==
                  cell(rows, posts.value(QStringLiteral("p-f2")), "complaint_deadline_at"));

            // Digits-only ids are marked as text for spreadsheets.
            const QStringList g = posts.value(QStringLiteral("'1234567890123456789"));
            REQUIRE(g.size() == postLogColumns().size());
            CHECK(cell(rows, g, "thread_id") == QLatin1String("'1234567890123456780"));
            CHECK(cell(rows, posts.value(QStringLiteral("p-a")), "thread_id") == QLatin1String("t-a"));

            for (int i = 0; i < trickyTexts().size(); ++i) {
                const QStringList x = posts.value(QStringLiteral("p-x%1").arg(i));
                INFO(trickyTexts().at(i).toStdString());
                REQUIRE(x.size() == postLogColumns().size());
                CHECK(cell(rows, x, "text") == guarded(trickyTexts().at(i)));
                CHECK(cell(rows, x, "author_name") == guarded(trickyTexts().at(i)));
                CHECK(cell(rows, x, "decision").isEmpty());
                CHECK(cell(rows, x, "first_response_business_min").isEmpty());
                // Waiting past the due time at the report's moment: a missed target.
                CHECK(cell(rows, x, "outcome") == QLatin1String("missed"));
            }
        }
    }
}

TEST_CASE("pseudonymised export: no handle or name left, stable within one export only", "[report][export]")
{
    TempCache cache;
    Database &db = *cache.db;
    buildSample(db);
    const ResponsePolicy policy = activePolicy(db);
    ExportOptions options;
    options.pseudonymise = true;
    const QString first = cache.dir.filePath(QStringLiteral("p1.csv"));
    const QString second = cache.dir.filePath(QStringLiteral("p2.csv"));
    REQUIRE(exportPostLog(db, policy, march2026(), 0, first, options).ok());
    REQUIRE(exportPostLog(db, policy, march2026(), 0, second, options).ok());
    const QByteArray bytes = fileBytes(first);
    // Platform ids lead back to the author's post: they are hashed too.
    for (const char *secret : {"giulia.b", "Giulia", "mario_r", "Mario Rossi", "p-a", "t-a", "p-b", "t-c",
                               "1234567890123456789", "1234567890123456780"})
        CHECK_FALSE(bytes.contains(secret));
    const Rows rows = readCsv(bytes, ',');
    const auto posts = byColumn(rows, QStringLiteral("arrived_at"));
    const QStringList a = posts.value(QStringLiteral("2026-03-02T10:00:00+01:00"));
    const QStringList b = posts.value(QStringLiteral("2026-03-06T17:40:00+01:00"));
    const QStringList c = posts.value(QStringLiteral("2026-03-03T11:00:00+01:00"));
    const QStringList f1 = posts.value(QStringLiteral("2026-03-05T12:00:00+01:00"));
    const QStringList f2 = posts.value(QStringLiteral("2026-03-05T12:30:00+01:00"));
    const QString alias = cell(rows, a, "author_handle");
    CHECK(alias.startsWith(QLatin1String("user-")));
    CHECK(alias.size() == 21);
    const QString postAlias = cell(rows, a, "post_id");
    CHECK(postAlias.startsWith(QLatin1String("id-")));
    CHECK(postAlias.size() == 19);
    CHECK(cell(rows, a, "thread_id").startsWith(QLatin1String("id-")));
    CHECK(cell(rows, a, "thread_id") != postAlias);
    // One thread, one pseudonym; another thread, another.
    CHECK(cell(rows, f1, "thread_id") == cell(rows, f2, "thread_id"));
    CHECK(cell(rows, f1, "post_id") != cell(rows, f2, "post_id"));
    CHECK(cell(rows, c, "thread_id") != cell(rows, a, "thread_id"));
    // The same author in another thread, and in a mention, has the same pseudonym.
    CHECK(cell(rows, c, "author_handle") == alias);
    CHECK(cell(rows, a, "author_name") == alias);
    CHECK(cell(rows, b, "text").endsWith(QLatin1String("sono @") + alias));
    CHECK(cell(rows, b, "author_handle") != alias);
    // Another export, another key.
    const Rows again = readCsv(fileBytes(second), ',');
    const QStringList againA =
        byColumn(again, QStringLiteral("arrived_at")).value(QStringLiteral("2026-03-02T10:00:00+01:00"));
    CHECK(cell(again, againA, "author_handle") != alias);
    CHECK(cell(again, againA, "post_id") != postAlias);
}

TEST_CASE("grouped figures: counts, shares, interpolated median and 90th percentile", "[report][aggregate]")
{
    TempCache cache;
    Database &db = *cache.db;
    QVector<PostRecord> posts;
    // Tuesday 3 March 2026, office hours: answered after 10, 20, 30 and 40 minutes; one waits.
    const int minutes[] = {10, 20, 30, 40};
    for (int i = 0; i < 4; ++i) {
        const QString t = QStringLiteral("t%1").arg(i);
        PostRecord p = inboundPost(t, t + QStringLiteral("-in"), utcMs("2026-03-03T09:00:00Z") + i * 3600000);
        p.category = Category::Complaint;
        posts << p << outboundPost(t, t + QStringLiteral("-out"), p.createdAtMs + minutes[i] * 60000);
    }
    PostRecord waiting = inboundPost(QStringLiteral("tw"), QStringLiteral("tw-in"), utcMs("2026-03-04T09:00:00Z"),
                                     QStringLiteral("ciao"), Channel::X);
    waiting.category = Category::NonNegative;
    posts << waiting;
    ingest(db, posts);
    auto data = ReportData::build(db, activePolicy(db), march2026(), utcMs("2026-03-04T09:30:00Z"));
    INFO(data.error().toStdString());
    REQUIRE(data.ok());
    CHECK(data.value()->postCount() == 5);

    auto all = data.value()->grouped({});
    REQUIRE(all.ok());
    REQUIRE(all->rows.size() == 1);
    const auto v = [&](const ReportTable &t, int row, const char *column) {
        return t.rows.at(row).at(t.column(QLatin1String(column)));
    };
    CHECK(v(*all, 0, "posts").toLongLong() == 5);
    CHECK(v(*all, 0, "answered").toLongLong() == 4);
    CHECK(v(*all, 0, "mean_calendar_min").toDouble() == Approx(25));
    CHECK(v(*all, 0, "median_calendar_min").toDouble() == Approx(25));
    CHECK(v(*all, 0, "p90_calendar_min").toDouble() == Approx(37)); // 30 + 0.7 * 10
    CHECK(v(*all, 0, "median_business_min").toDouble() == Approx(25));
    CHECK(v(*all, 0, "met").toLongLong() == 4);
    CHECK(v(*all, 0, "missed").toLongLong() == 0); // the waiting post is not due yet
    CHECK(v(*all, 0, "share_within_target").toDouble() == Approx(1));

    auto byCategory = data.value()->grouped({GroupField::Category, GroupField::Channel});
    REQUIRE(byCategory.ok());
    REQUIRE(byCategory->rows.size() == 2);
    CHECK(v(*byCategory, 0, "category").toString() == QLatin1String("complaint"));
    CHECK(v(*byCategory, 0, "channel").toString() == QLatin1String("facebook"));
    CHECK(v(*byCategory, 0, "share").toDouble() == Approx(0.8));
    CHECK(v(*byCategory, 1, "category").toString() == QLatin1String("non_negative"));
    CHECK(v(*byCategory, 1, "channel").toString() == QLatin1String("x"));
    CHECK(v(*byCategory, 1, "median_calendar_min").isNull());

    auto byDay = data.value()->grouped({GroupField::Day});
    REQUIRE(byDay.ok());
    REQUIRE(byDay->rows.size() == 2);
    CHECK(v(*byDay, 0, "day").toString() == QLatin1String("2026-03-03"));
    CHECK(v(*byDay, 1, "posts").toLongLong() == 1);

    auto cetif = data.value()->cetif();
    REQUIRE(cetif.ok());
    REQUIRE(cetif->rows.size() == 3);
    CHECK(v(*cetif, 1, "category").toString() == QLatin1String("complaint"));
    CHECK(v(*cetif, 1, "share_reply_public").toDouble() == Approx(1));
    CHECK(v(*cetif, 1, "median_calendar_min").toDouble() == Approx(25));
    CHECK(v(*cetif, 1, "study_selective_low_min").toLongLong() == 10);
    CHECK(v(*cetif, 1, "study_selective_high_min").toLongLong() == 120);
    CHECK(v(*cetif, 1, "mean_within_selective_range").toLongLong() == 1);
    CHECK(v(*cetif, 1, "study_systematic_low_min").toLongLong() == 10);
    CHECK(v(*cetif, 1, "study_systematic_high_min").toLongLong() == 120);
    CHECK(v(*cetif, 0, "share_no_decision").toDouble() == Approx(1));
    CHECK(v(*cetif, 0, "study_policy").toString() == QLatin1String("systematic"));
    // Non-negative posts: both practices the study saw, side by side, whatever the active policy.
    CHECK(v(*cetif, 0, "study_selective_low_min").toLongLong() == 30);
    CHECK(v(*cetif, 0, "study_selective_high_min").toLongLong() == 2880);
    CHECK(v(*cetif, 0, "study_systematic_low_min").toLongLong() == 8);
    CHECK(v(*cetif, 0, "study_systematic_high_min").toLongLong() == 60);
    CHECK(v(*cetif, 0, "mean_within_selective_range").isNull()); // nothing answered

    auto purposes = data.value()->purposes();
    REQUIRE(purposes.ok());
    CHECK(v(*purposes, 0, "purpose").toString() == QLatin1String("engagement"));
    CHECK(v(*purposes, 0, "posts").toLongLong() == 1);
    CHECK(v(*purposes, 2, "posts").toLongLong() == 4);
    CHECK(v(*purposes, 2, "share").toDouble() == Approx(0.8));

    auto histogram = data.value()->histogram();
    REQUIRE(histogram.ok());
    qint64 binned = 0;
    for (int r = 0; r < histogram->rows.size(); ++r)
        binned += v(*histogram, r, "posts").toLongLong();
    CHECK(binned == 4);

    // Aggregated tables export with numbers as numbers.
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("it"));
    const QString path = cache.dir.filePath(QStringLiteral("grouped.csv"));
    REQUIRE(exportTable(all.value(), path, options).ok());
    const Rows rows = readCsv(fileBytes(path), ';');
    REQUIRE(rows.size() == 2);
    CHECK(cell(rows, rows.at(1), "p90_calendar_min") == QLatin1String("37"));
    CHECK(cell(rows, rows.at(1), "share") == QLatin1String("1"));
    CHECK(cell(rows, rows.at(1), "posts") == QLatin1String("5"));
}

TEST_CASE("grouped by star rating: each review counts under its own rating, other posts under none",
          "[report][aggregate]")
{
    TempCache cache;
    Database &db = *cache.db;
    QVector<PostRecord> posts;
    const qint64 start = utcMs("2026-03-03T09:00:00Z");
    // Ratings of store reviews, two of them answered (after 10 and 30 minutes).
    const std::pair<Channel, int> reviews[] = {{Channel::GooglePlay, 1},
                                               {Channel::GooglePlay, 1},
                                               {Channel::AppStore, 1},
                                               {Channel::AppStore, 2},
                                               {Channel::GooglePlay, 5}};
    int i = 0;
    for (const auto &[channel, stars] : reviews) {
        const QString t = QStringLiteral("r%1").arg(i);
        PostRecord p =
            inboundPost(t, t + QStringLiteral("-in"), start + i * 60000, QStringLiteral("App lenta"), channel);
        p.rating = stars;
        posts << p;
        if (i < 2)
            posts << outboundPost(t, t + QStringLiteral("-out"), p.createdAtMs + (i == 0 ? 10 : 30) * 60000,
                                  QStringLiteral("Ci scusi"), channel);
        ++i;
    }
    // The 2-star review, edited later to 4 stars: the new version counts under 4, the old under 2.
    PostRecord edited = inboundPost(QStringLiteral("r3"), QStringLiteral("r3-in-v2"), start + 3600000,
                                    QStringLiteral("Ora va meglio"), Channel::AppStore);
    edited.rating = 4;
    posts << edited;
    // Posts without a rating.
    posts << inboundPost(QStringLiteral("f1"), QStringLiteral("f1-in"), start)
          << inboundPost(QStringLiteral("x1"), QStringLiteral("x1-in"), start, QStringLiteral("ciao"), Channel::X);
    ingest(db, posts);

    auto data = ReportData::build(db, activePolicy(db), march2026(), utcMs("2026-03-04T09:30:00Z"));
    INFO(data.error().toStdString());
    REQUIRE(data.ok());
    auto byRating = data.value()->grouped({GroupField::Rating});
    INFO(byRating.error().toStdString());
    REQUIRE(byRating.ok());
    const auto v = [&](const ReportTable &t, int row, const char *column) {
        return t.rows.at(row).at(t.column(QLatin1String(column)));
    };
    std::map<QString, qint64> counts;
    for (int r = 0; r < byRating->rows.size(); ++r)
        counts[v(*byRating, r, "rating").toString()] = v(*byRating, r, "posts").toLongLong();
    const std::map<QString, qint64> expected{{QStringLiteral("1"), 3},
                                             {QStringLiteral("2"), 1},
                                             {QStringLiteral("4"), 1},
                                             {QStringLiteral("5"), 1},
                                             {QStringLiteral("none"), 2}};
    CHECK(counts == expected);
    REQUIRE(v(*byRating, 0, "rating").toString() == QLatin1String("1"));
    CHECK(v(*byRating, 0, "answered").toLongLong() == 2);
    CHECK(v(*byRating, 0, "median_calendar_min").toDouble() == Approx(20));

    // Nested with the channel, through the same rows.
    auto byChannel = data.value()->grouped({GroupField::Channel, GroupField::Rating});
    REQUIRE(byChannel.ok());
    std::map<std::pair<QString, QString>, qint64> nested;
    for (int r = 0; r < byChannel->rows.size(); ++r)
        nested[{v(*byChannel, r, "channel").toString(), v(*byChannel, r, "rating").toString()}] =
            v(*byChannel, r, "posts").toLongLong();
    CHECK(nested[{QStringLiteral("google_play"), QStringLiteral("1")}] == 2);
    CHECK(nested[{QStringLiteral("app_store"), QStringLiteral("1")}] == 1);
    CHECK(nested[{QStringLiteral("app_store"), QStringLiteral("4")}] == 1);
    CHECK(nested[{QStringLiteral("facebook"), QStringLiteral("none")}] == 1);
    CHECK(byChannel->rows.size() == 7);

    auto parsed = parseGroupFields(QStringLiteral("channel, Rating"));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == QVector<GroupField>{GroupField::Channel, GroupField::Rating});
}

TEST_CASE("business-minute quantiles differ from calendar ones across closing time", "[report][aggregate]")
{
    TempCache cache;
    Database &db = *cache.db;
    // Office calendar, Rome (UTC+1 in March), 09:00-18:00 on weekdays. Arrival and answer in
    // local time, then the business and calendar minutes between them.
    struct Case {
        const char *arrived;
        const char *answered;
        int business;
        int calendar;
    };
    const Case cases[] = {
        {"2026-03-04T09:00:00Z", "2026-03-04T09:10:00Z", 10, 10},   // Wed 10:00 -> 10:10
        {"2026-03-04T16:50:00Z", "2026-03-05T08:10:00Z", 20, 920},  // Wed 17:50 -> Thu 09:10
        {"2026-03-04T16:30:00Z", "2026-03-05T08:30:00Z", 60, 960},  // Wed 17:30 -> Thu 09:30
        {"2026-03-05T10:00:00Z", "2026-03-05T10:40:00Z", 40, 40},   // Thu 11:00 -> 11:40
        {"2026-03-06T16:45:00Z", "2026-03-09T08:15:00Z", 30, 3810}, // Fri 17:45 -> Mon 09:15
    };
    QVector<PostRecord> posts;
    int i = 0;
    for (const Case &c : cases) {
        const QString t = QStringLiteral("q%1").arg(i++);
        PostRecord p = inboundPost(t, t + QStringLiteral("-in"), utcMs(c.arrived));
        p.category = Category::Assistance;
        posts << p << outboundPost(t, t + QStringLiteral("-out"), utcMs(c.answered));
    }
    ingest(db, posts);
    auto data = ReportData::build(db, activePolicy(db), march2026(), utcMs("2026-03-31T12:00:00Z"));
    REQUIRE(data.ok());
    auto all = data.value()->grouped({});
    REQUIRE(all.ok());
    const auto v = [&](const char *column) {
        return all->rows.at(0).at(all->column(QLatin1String(column))).toDouble();
    };
    std::vector<double> business, calendar;
    for (const Case &c : cases) {
        business.push_back(c.business);
        calendar.push_back(c.calendar);
    }
    // Business 10, 20, 30, 40, 60; calendar 10, 40, 920, 960, 3810.
    CHECK(v("answered") == 5);
    CHECK(v("mean_business_min") == Approx(32));
    CHECK(v("median_business_min") == Approx(30));
    CHECK(v("p90_business_min") == Approx(52)); // 40 + 0.6 * 20
    CHECK(v("median_business_min") == Approx(quantile(business, 0.5)));
    CHECK(v("p90_business_min") == Approx(quantile(business, 0.9)));
    CHECK(v("mean_calendar_min") == Approx(1148));
    CHECK(v("median_calendar_min") == Approx(920));
    CHECK(v("p90_calendar_min") == Approx(2670)); // 960 + 0.6 * 2850
    CHECK(v("p90_calendar_min") == Approx(quantile(calendar, 0.9)));

    // Per day of arrival: Wednesday's three posts, business and calendar apart.
    auto byDay = data.value()->grouped({GroupField::Day});
    REQUIRE(byDay.ok());
    REQUIRE(byDay->rows.size() == 3);
    const auto d = [&](int row, const char *column) {
        return byDay->rows.at(row).at(byDay->column(QLatin1String(column)));
    };
    CHECK(d(0, "day").toString() == QLatin1String("2026-03-04"));
    CHECK(d(0, "median_business_min").toDouble() == Approx(20));
    CHECK(d(0, "median_calendar_min").toDouble() == Approx(920));
    CHECK(d(0, "p90_business_min").toDouble() == Approx(52));  // 20 + 0.8 * 40
    CHECK(d(0, "p90_calendar_min").toDouble() == Approx(952)); // 920 + 0.8 * 40
}

TEST_CASE("days, weeks and date ranges follow Rome time across daylight-saving changes", "[report][aggregate]")
{
    TempCache cache;
    Database &db = *cache.db;
    // 22:30Z and 23:30Z: on 24 October (UTC+2) they are 00:30 and 01:30 of the 25th in Rome;
    // on 25 October (after the change back to UTC+1) 23:30 of the 25th and 00:30 of the 26th.
    // 28 March, 22:30Z is 23:30 of the 28th (UTC+1, the night before the change).
    const struct {
        const char *at;
        const char *day;
        const char *week;
    } posts[] = {
        {"2026-10-24T22:30:00Z", "2026-10-25", "2026-10-19"}, {"2026-10-24T23:30:00Z", "2026-10-25", "2026-10-19"},
        {"2026-10-25T22:30:00Z", "2026-10-25", "2026-10-19"}, {"2026-10-25T23:30:00Z", "2026-10-26", "2026-10-26"},
        {"2026-03-28T22:30:00Z", "2026-03-28", "2026-03-23"},
    };
    QVector<PostRecord> records;
    int i = 0;
    for (const auto &p : posts) {
        const QString t = QStringLiteral("dst%1").arg(i++);
        records << inboundPost(t, t, utcMs(p.at));
    }
    ingest(db, records);
    const ResponsePolicy policy = activePolicy(db);
    QHash<QString, QPair<QString, QString>> expected;
    for (const auto &p : posts)
        expected.insert(QString::number(utcMs(p.at)), {QLatin1String(p.day), QLatin1String(p.week)});

    ReportFilter october;
    october.from = QDate(2026, 10, 25);
    october.to = QDate(2026, 10, 25);
    int seen = 0;
    MeasureOptions options;
    options.filter = october;
    REQUIRE(forEachPostMeasure(db, policy, options, [&](const PostMeasure &m) {
                ++seen;
                const auto want = expected.value(QString::number(m.arrivedMs));
                INFO(m.postExternalId.toStdString());
                CHECK(m.day.toString(Qt::ISODate) == want.first);
                CHECK(m.week.toString(Qt::ISODate) == want.second);
                return true;
            }).ok());
    CHECK(seen == 3); // the 25th in Rome, a 25-hour day: not 23:30Z of the 25th (the 26th)

    october.to = QDate(2026, 10, 26);
    auto data = ReportData::build(db, policy, october, utcMs("2026-11-01T00:00:00Z"));
    REQUIRE(data.ok());
    auto byDay = data.value()->grouped({GroupField::Day});
    REQUIRE(byDay.ok());
    REQUIRE(byDay->rows.size() == 2);
    CHECK(byDay->rows.at(0).at(0).toString() == QLatin1String("2026-10-25"));
    CHECK(byDay->rows.at(0).at(1).toLongLong() == 3);
    CHECK(byDay->rows.at(1).at(0).toString() == QLatin1String("2026-10-26"));
    auto byWeek = data.value()->grouped({GroupField::Week});
    REQUIRE(byWeek.ok());
    REQUIRE(byWeek->rows.size() == 2);
    CHECK(byWeek->rows.at(0).at(0).toString() == QLatin1String("2026-10-19"));
    CHECK(byWeek->rows.at(0).at(1).toLongLong() == 3);
    CHECK(byWeek->rows.at(1).at(0).toString() == QLatin1String("2026-10-26"));

    // --from 2026-10-24 --to 2026-10-24: nothing (both October evenings are the 25th in Rome).
    ReportFilter the24th;
    the24th.from = the24th.to = QDate(2026, 10, 24);
    auto none = ReportData::build(db, policy, the24th, 0);
    REQUIRE(none.ok());
    CHECK(none.value()->postCount() == 0);
    // March: 22:30Z of the 28th is still the 28th; the 29th (23 hours) holds nothing.
    ReportFilter march;
    march.from = march.to = QDate(2026, 3, 28);
    auto the28th = ReportData::build(db, policy, march, 0);
    REQUIRE(the28th.ok());
    CHECK(the28th.value()->postCount() == 1);
    march.from = march.to = QDate(2026, 3, 29);
    auto the29th = ReportData::build(db, policy, march, 0);
    REQUIRE(the29th.ok());
    CHECK(the29th.value()->postCount() == 0);
}

TEST_CASE("TWCS: median and 90th percentile of first response match an independent count", "[report][twcs]")
{
    const QString path = sharedDataDir() + QStringLiteral("/twcs/twcs_whole_threads.csv");
    REQUIRE(QFileInfo::exists(path));
    // Independent: the file read by this test's reader, threads rebuilt from reply links, and for
    // each customer tweet the first company tweet of its thread at or after it.
    const Rows rows = readCsv(fileBytes(path), ',');
    const QStringList header = rows.at(0);
    const int cId = int(header.indexOf(QStringLiteral("tweet_id")));
    const int cInbound = int(header.indexOf(QStringLiteral("inbound")));
    const int cCreated = int(header.indexOf(QStringLiteral("created_at")));
    const int cParent = int(header.indexOf(QStringLiteral("in_response_to_tweet_id")));
    QHash<qint64, qint64> parent;
    QHash<qint64, qint64> created;
    QHash<qint64, bool> inbound;
    QLocale c(QLocale::C);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        const qint64 id = qint64(row.at(cId).toDouble());
        const QDateTime at = c.toDateTime(row.at(cCreated), QStringLiteral("ddd MMM dd HH:mm:ss +0000 yyyy"));
        REQUIRE(at.isValid());
        created.insert(id, QDateTime(at.date(), at.time(), Qt::UTC).toMSecsSinceEpoch());
        inbound.insert(id, row.at(cInbound) == QLatin1String("True"));
        parent.insert(id, row.at(cParent).isEmpty() ? -1 : qint64(row.at(cParent).toDouble()));
    }
    QHash<qint64, QVector<qint64>> threads;
    for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
        qint64 root = it.key();
        for (int steps = 0; parent.contains(parent.value(root)) && steps < parent.size(); ++steps)
            root = parent.value(root);
        threads[root] << it.key();
    }
    std::vector<double> expected;
    for (const QVector<qint64> &members : threads) {
        for (qint64 id : members) {
            if (!inbound.value(id))
                continue;
            qint64 first = -1;
            for (qint64 other : members)
                if (!inbound.value(other) && created.value(other) >= created.value(id) &&
                    (first < 0 || created.value(other) < first))
                    first = created.value(other);
            if (first >= 0)
                expected.push_back(double(first - created.value(id)) / 60000.0);
        }
    }
    REQUIRE(expected.size() > 1000);

    TempCache cache;
    const ImportReport imported = importFile(*cache.db, path);
    INFO(issuesText(imported));
    REQUIRE(imported.ok);
    ReportFilter filter;
    filter.from = QDate(2000, 1, 1);
    filter.to = QDate(2030, 12, 31);
    auto data = ReportData::build(*cache.db, activePolicy(*cache.db), filter, utcMs("2030-01-01T00:00:00Z"));
    REQUIRE(data.ok());
    auto all = data.value()->grouped({});
    REQUIRE(all.ok());
    const auto value = [&](const char *column) {
        return all->rows.at(0).at(all->column(QLatin1String(column))).toDouble();
    };
    CHECK(qint64(value("answered")) == qint64(expected.size()));
    CHECK(value("median_calendar_min") == Approx(quantile(expected, 0.5)).margin(1e-6));
    CHECK(value("p90_calendar_min") == Approx(quantile(expected, 0.9)).margin(1e-6));
    WARN("TWCS first response: " << expected.size() << " answered, median " << quantile(expected, 0.5) << " min, p90 "
                                 << quantile(expected, 0.9) << " min");
}

TEST_CASE("sportello-cli report: bad input is refused with a usage error", "[report][cli]")
{
    TempCache cache;
    buildSample(*cache.db);
    const QString out = cache.dir.filePath(QStringLiteral("out.csv"));
    const QStringList base{QStringLiteral("--database"), cache.path, QStringLiteral("report"), QStringLiteral("--out"),
                           out};
    struct Case {
        QStringList arguments;
        const char *message;
    };
    const std::vector<Case> cases{
        {{QStringLiteral("--from"), QStringLiteral("2026-02-30"), QStringLiteral("--to"), QStringLiteral("2026-03-31")},
         "--from needs a date"},
        {{QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"), QStringLiteral("31/03/2026")},
         "--to needs a date"},
        {{QStringLiteral("--from"), QStringLiteral("2026-04-01"), QStringLiteral("--to"), QStringLiteral("2026-03-01")},
         "is after the last date"},
        {{QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"), QStringLiteral("2026-03-31"),
          QStringLiteral("--group-by"), QStringLiteral("category,mood")},
         "Unknown group-by field \"mood\""},
        {{QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"), QStringLiteral("2026-03-31"),
          QStringLiteral("--delimiter"), QStringLiteral("|")},
         "Unknown delimiter"},
        {{QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"), QStringLiteral("2026-03-31"),
          QStringLiteral("--locale"), QStringLiteral("fr")},
         "Unknown locale"},
        {{QStringLiteral("--from"), QStringLiteral("2026-03-01")}, "needs --from DATE, --to DATE"},
    };
    for (const Case &c : cases) {
        const CliRun run = runCli(base + c.arguments);
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 2);
        CHECK(run.err.contains(QLatin1String(c.message)));
    }
    CHECK_FALSE(QFileInfo::exists(out));

    // And a good run, grouped, in Italian with a tab.
    const CliRun good =
        runCli(base + QStringList{QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"),
                                  QStringLiteral("2026-03-31"), QStringLiteral("--group-by"),
                                  QStringLiteral("category,week"), QStringLiteral("--locale"), QStringLiteral("it"),
                                  QStringLiteral("--delimiter"), QStringLiteral("tab"), QStringLiteral("--no-bom")});
    INFO(good.err.toStdString());
    REQUIRE(good.exitCode == 0);
    bool bom = true;
    const Rows rows = readCsv(fileBytes(out), '\t', &bom);
    CHECK_FALSE(bom);
    CHECK(rows.at(0).mid(0, 3) ==
          QStringList{QStringLiteral("category"), QStringLiteral("week"), QStringLiteral("posts")});
    // One row per category the sample's posts have, all in the week of 2 March.
    CHECK(rows.size() ==
          1 + count(*cache.db, QStringLiteral("SELECT count(DISTINCT coalesce(category, 'none')) FROM posts "
                                              "WHERE direction = 'inbound'")));
    CHECK(rows.at(1).at(1) == QLatin1String("2026-03-02"));
}

TEST_CASE("a failed export leaves no file, says why and exits non-zero", "[report][cli][failure]")
{
    TempCache cache;
    buildSample(*cache.db);
    QTemporaryDir outDir;
    const QStringList base{QStringLiteral("--database"), cache.path,
                           QStringLiteral("report"),     QStringLiteral("--from"),
                           QStringLiteral("2026-03-01"), QStringLiteral("--to"),
                           QStringLiteral("2026-03-31")};
    SECTION("a folder that cannot be written, even by root")
    {
        const CliRun run =
            runCli(base + QStringList{QStringLiteral("--out"), QStringLiteral("/proc/sportello-report.csv")});
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("Cannot write")));
        CHECK(run.err.contains(QLatin1String("/proc/sportello-report.csv")));
        CHECK_FALSE(QFileInfo::exists(QStringLiteral("/proc/sportello-report.csv")));
    }
    SECTION("a folder that does not exist")
    {
        const QString out = outDir.filePath(QStringLiteral("missing/report.csv"));
        const CliRun run = runCli(base + QStringList{QStringLiteral("--out"), out});
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("does not exist")));
    }
    SECTION("the disk fills up half-way")
    {
        // A file-size limit of 4 KiB makes writes fail the way a full disk does (EFBIG), without
        // mounting anything. The export is bigger than that.
        const QString sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
        REQUIRE_FALSE(sh.isEmpty());
        const QString out = outDir.filePath(QStringLiteral("report.csv"));
        QStringList arguments = base + QStringList{QStringLiteral("--out"), out};
        for (QString &a : arguments)
            a = QLatin1Char('\'') + a + QLatin1Char('\'');
        // Bigger than the limit: 200 copies of the sample's posts.
        for (int i = 0; i < 40; ++i) {
            QVector<PostRecord> more;
            for (int j = 0; j < 10; ++j)
                more << inboundPost(QStringLiteral("big%1-%2").arg(i).arg(j), QStringLiteral("big%1-%2").arg(i).arg(j),
                                    utcMs("2026-03-05T10:00:00Z"), QString(200, QLatin1Char('x')));
            ingest(*cache.db, more);
        }
        const CliRun run = runProgram(
            sh, {QStringLiteral("-c"), QStringLiteral("trap '' XFSZ; ulimit -f 4; exec '%1' %2")
                                           .arg(QStringLiteral(SPORTELLO_CLI_PATH), arguments.join(QLatin1Char(' ')))});
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("Cannot write")));
        CHECK(run.err.contains(QLatin1String("Nothing was saved")));
        CHECK(filesIn(outDir.path()).isEmpty()); // neither the file nor a temporary one
    }
    SECTION("a device that is always full")
    {
        // Linux, where CI runs. Written in place: a device is never replaced by a renamed file.
        REQUIRE(QFileInfo(QStringLiteral("/dev/full")).exists());
        REQUIRE_FALSE(QFileInfo(QStringLiteral("/dev/full")).isFile());
        const CliRun run = runCli(base + QStringList{QStringLiteral("--out"), QStringLiteral("/dev/full")});
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QLatin1String("Cannot write")));
        CHECK(QFileInfo(QStringLiteral("/dev/full")).isFile() == false);
    }
}

TEST_CASE("LibreOffice reads an Italian export into the right columns, numbers as numbers", "[report][libreoffice]")
{
    // Installed by scripts/common.sh (libreoffice-calc-nogui), so CI always runs this.
    QString soffice = QStandardPaths::findExecutable(QStringLiteral("soffice"));
    if (soffice.isEmpty())
        soffice = QStandardPaths::findExecutable(QStringLiteral("libreoffice"));
    if (soffice.isEmpty())
        FAIL("LibreOffice (soffice) is not installed: see the package list in scripts/common.sh");

    TempCache cache;
    Database &db = *cache.db;
    buildSample(db);
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("it"));
    options.pseudonymise = false; // the values as stored go through LibreOffice
    const QString csvPath = cache.dir.filePath(QStringLiteral("rapporto.csv"));
    auto written = exportPostLog(db, activePolicy(db), march2026(), utcMs("2026-03-10T12:00:00Z"), csvPath, options);
    REQUIRE(written.ok());
    // An aggregated export with decimals: on 10 March an assistance request answered after 62.05
    // minutes and two complaints waiting, so the shares are 1/3 and 2/3.
    {
        PostRecord answered = inboundPost(QStringLiteral("t-h"), QStringLiteral("p-h"), utcMs("2026-03-10T09:00:00Z"));
        answered.category = Category::Assistance;
        QVector<PostRecord> more{answered, outboundPost(QStringLiteral("t-h"), QStringLiteral("r-h"),
                                                        utcMs("2026-03-10T09:00:00Z") + 3723000)};
        for (int i = 0; i < 2; ++i) {
            PostRecord waiting = inboundPost(QStringLiteral("t-w%1").arg(i), QStringLiteral("p-w%1").arg(i),
                                             utcMs("2026-03-10T10:00:00Z") + i * 60000);
            waiting.category = Category::Complaint;
            more << waiting;
        }
        ingest(db, more);
    }
    ReportFilter tenth;
    tenth.from = tenth.to = QDate(2026, 3, 10);
    auto tenthData = ReportData::build(db, activePolicy(db), tenth, utcMs("2026-03-10T12:00:00Z"));
    REQUIRE(tenthData.ok());
    auto grouped = tenthData.value()->grouped({GroupField::Category});
    REQUIRE(grouped.ok());
    const QString groupedPath = cache.dir.filePath(QStringLiteral("gruppi.csv"));
    REQUIRE(exportTable(grouped.value(), groupedPath, options).ok());
    CHECK(fileBytes(groupedPath).contains(";62,05;"));

    // A fresh profile, Italian settings: ';' separator, '"' quotes, UTF-8 (76), from line 1,
    // language 1040 (it-IT), so "62,05" is a number. The result is flat ODS (XML) to read here.
    QTemporaryDir profile;
    QTemporaryDir outDir;
    QProcess process;
    process.start(soffice,
                  {QStringLiteral("-env:UserInstallation=") + QUrl::fromLocalFile(profile.path()).toString(),
                   QStringLiteral("--headless"), QStringLiteral("--norestore"),
                   QStringLiteral("--infilter=CSV:59,34,76,1,,1040,false,true"), QStringLiteral("--convert-to"),
                   QStringLiteral("fods"), QStringLiteral("--outdir"), outDir.path(), csvPath, groupedPath});
    REQUIRE(process.waitForStarted(30000));
    if (!process.waitForFinished(180000)) {
        process.kill();
        FAIL("LibreOffice did not finish within 3 minutes");
    }
    INFO(process.readAllStandardError().toStdString());
    REQUIRE(process.exitCode() == 0);
    const QString fods = outDir.filePath(QStringLiteral("rapporto.fods"));
    REQUIRE(QFileInfo::exists(fods));

    // Cells as LibreOffice typed them: (type, value or text).
    struct Cell {
        QString type;
        QString value;
    };
    using Sheet = QVector<QVector<Cell>>;
    const auto readSheet = [](const QString &path) {
        Sheet sheet;
        QFile file(path);
        REQUIRE(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("table-row")) {
                sheet.push_back({});
            } else if (xml.name() == QLatin1String("table-cell") && !sheet.isEmpty()) {
                const auto attributes = xml.attributes();
                const int repeat =
                    std::max(1, attributes.value(QLatin1String("table:number-columns-repeated")).toInt());
                Cell c{attributes.value(QLatin1String("office:value-type")).toString(),
                       attributes.value(QLatin1String("office:value")).toString()};
                // The text of the cell's paragraphs (the file is indented: whitespace between
                // elements is not content).
                QString text;
                int depth = 1;
                int paragraph = 0;
                bool first = true;
                while (depth > 0 && !xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement()) {
                        ++depth;
                        if (xml.name() == QLatin1String("p")) {
                            if (!first)
                                text += QLatin1Char('\n');
                            first = false;
                            ++paragraph;
                        }
                        if (xml.name() == QLatin1String("s"))
                            text += QString(std::max(1, xml.attributes().value(QLatin1String("text:c")).toInt()),
                                            QLatin1Char(' '));
                        if (xml.name() == QLatin1String("tab"))
                            text += QLatin1Char('\t');
                    } else if (xml.isEndElement()) {
                        --depth;
                        if (xml.name() == QLatin1String("p"))
                            --paragraph;
                    } else if (xml.isCharacters() && paragraph > 0) {
                        text += xml.text();
                    }
                }
                if (c.value.isEmpty())
                    c.value = text;
                for (int i = 0; i < std::min(repeat, 64); ++i)
                    sheet.back().push_back(c);
            }
        }
        REQUIRE_FALSE(xml.hasError());
        return sheet;
    };
    const Sheet sheet = readSheet(fods);
    REQUIRE(sheet.size() >= 1 + written.value());
    const QStringList columns = postLogColumns();
    for (int i = 0; i < columns.size(); ++i)
        CHECK(sheet.at(0).value(i).value == columns.at(i));
    const auto column = [&](const char *name) { return int(columns.indexOf(QLatin1String(name))); };
    int found = 0;
    for (qsizetype r = 1; r <= written.value(); ++r) {
        const QVector<Cell> &row = sheet.at(r);
        const QString id = row.value(column("post_id")).value;
        if (id == QLatin1String("p-b")) {
            ++found;
            CHECK(row.value(column("first_response_business_min")).type == QLatin1String("float"));
            CHECK(row.value(column("first_response_business_min")).value == QLatin1String("65"));
            CHECK(row.value(column("first_response_calendar_min")).value == QLatin1String("3845"));
            CHECK(row.value(column("agent")).value == QLatin1String("Marta Verdi"));
            CHECK(row.value(column("text")).type == QLatin1String("string"));
            CHECK(row.value(column("text")).value == QLatin1String("'@AssicuraSerena ciao, sono @giulia.b"));
        }
        if (id == QLatin1String("p-a")) {
            ++found;
            CHECK(row.value(column("author_name")).type == QLatin1String("string"));
            CHECK(row.value(column("author_name")).value == QLatin1String("'=Giulia \"G\" Bianchi"));
            CHECK(row.value(column("target_min")).type == QLatin1String("float"));
            CHECK(row.value(column("outcome")).value == QLatin1String("met"));
        }
        for (int i = 0; i < trickyTexts().size(); ++i) {
            if (id != QStringLiteral("p-x%1").arg(i))
                continue;
            ++found;
            INFO(trickyTexts().at(i).toStdString());
            const Cell text = row.value(column("text"));
            CHECK(text.type == QLatin1String("string")); // never a formula, never a number
            // LibreOffice turns CR and CRLF inside a cell into paragraph breaks.
            QString expected = guarded(trickyTexts().at(i));
            expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
                .replace(QLatin1Char('\r'), QLatin1Char('\n'));
            CHECK(text.value == expected);
            CHECK(row.value(column("outcome")).value == QLatin1String("missed"));
        }
    }
    CHECK(found == 2 + trickyTexts().size());
    // A 19-digit X id arrives whole, as text (a number would have become 1.23457E+18).
    bool longId = false;
    for (qsizetype r = 1; r <= written.value(); ++r) {
        const Cell id = sheet.at(r).value(column("post_id"));
        if (id.value.endsWith(QLatin1String("1234567890123456789"))) {
            longId = true;
            CHECK(id.type == QLatin1String("string"));
            CHECK(id.value == QLatin1String("'1234567890123456789"));
            CHECK(sheet.at(r).value(column("thread_id")).type == QLatin1String("string"));
        }
    }
    CHECK(longId);

    // The aggregated table: decimal minutes and shares read as numbers with Italian settings.
    const QString groupedFods = outDir.filePath(QStringLiteral("gruppi.fods"));
    REQUIRE(QFileInfo::exists(groupedFods));
    const Sheet table = readSheet(groupedFods);
    REQUIRE(table.size() >= 3);
    const QStringList header{table.at(0).value(0).value, table.at(0).value(1).value, table.at(0).value(2).value};
    CHECK(header == QStringList{QStringLiteral("category"), QStringLiteral("posts"), QStringLiteral("share")});
    const auto at = [&](int row, const QString &id) {
        for (int c = 0; c < table.at(0).size(); ++c)
            if (table.at(0).at(c).value == id)
                return table.at(row).value(c);
        FAIL("no column " << id.toStdString());
        return Cell{};
    };
    // Rows by category: assistance, then complaint.
    CHECK(at(1, QStringLiteral("category")).value == QLatin1String("assistance"));
    CHECK(at(1, QStringLiteral("mean_calendar_min")).type == QLatin1String("float"));
    CHECK(at(1, QStringLiteral("mean_calendar_min")).value == QLatin1String("62.05"));
    CHECK(at(1, QStringLiteral("median_business_min")).value == QLatin1String("62.05"));
    CHECK(at(1, QStringLiteral("share")).type == QLatin1String("float"));
    CHECK(at(1, QStringLiteral("share")).value == QLatin1String("0.3333"));
    CHECK(at(2, QStringLiteral("share")).value == QLatin1String("0.6667"));
    CHECK(at(2, QStringLiteral("posts")).type == QLatin1String("float"));
    CHECK(at(2, QStringLiteral("posts")).value == QLatin1String("2"));
}

namespace {

// The figures of one group, counted from each post's own measures (forEachPostMeasure): what the
// stored measures and their SQL must give.
struct GroupCount {
    qint64 posts = 0, met = 0, missed = 0, handoffs = 0;
    std::vector<qint64> business, calendar;
};

QVariant meanMinutes(const std::vector<qint64> &values)
{
    if (values.empty())
        return {};
    qint64 sum = 0;
    for (qint64 v : values)
        sum += v;
    return double(sum) / double(values.size()) / 60000.0;
}

// PERCENTILE.INC, as a spreadsheet computes it.
QVariant quantileMinutes(std::vector<qint64> values, double q)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    const double h = double(values.size() - 1) * q;
    const auto lo = size_t(h);
    double v = double(values[lo]) * (1 - (h - double(lo)));
    if (lo + 1 < values.size())
        v += double(values[lo + 1]) * (h - double(lo));
    return v / 60000.0;
}

void requireSame(const QVariant &actual, const QVariant &expected, const QString &where)
{
    INFO(where.toStdString() << ": " << actual.toString().toStdString() << " against "
                             << expected.toString().toStdString());
    REQUIRE(actual.isNull() == expected.isNull());
    if (expected.isNull())
        return;
    if (expected.typeId() == QMetaType::Double)
        REQUIRE(actual.toDouble() == Approx(expected.toDouble()).epsilon(1e-12));
    else
        REQUIRE(actual.toString() == expected.toString());
}

// Every table of the report window, against the posts' own measures counted here.
void checkReportAgainstPosts(Database &db, const ResponsePolicy &policy, const ReportFilter &filter, qint64 now)
{
    MeasureOptions options;
    options.filter = filter;
    options.nowMs = now;
    options.withText = false;
    std::map<QString, GroupCount> byCategory, byDay;
    std::map<QString, std::map<QString, qint64>> decisions;
    std::map<QString, std::map<qint64, qint64>> bins;
    qint64 total = 0;
    REQUIRE(forEachPostMeasure(db, policy, options, [&](const PostMeasure &m) {
        const QString category = m.category.isEmpty() ? QStringLiteral("none") : m.category;
        for (GroupCount *g : {&byCategory[category], &byDay[m.day.toString(Qt::ISODate)]}) {
            ++g->posts;
            g->met += m.outcome == Outcome::Met;
            g->missed += m.outcome == Outcome::Missed;
            g->handoffs += m.responseKind == QLatin1String("handoff");
            if (m.responseBusinessMs >= 0)
                g->business.push_back(m.responseBusinessMs);
            if (m.responseCalendarMs >= 0)
                g->calendar.push_back(m.responseCalendarMs);
        }
        ++decisions[category][m.decision ? toId(*m.decision) : QStringLiteral("none")];
        if (m.responseBusinessMs >= 0) {
            qint64 bin = 0;
            for (int edge : histogramEdgesMinutes())
                if (m.responseBusinessMs >= qint64(edge) * 60000)
                    bin = edge;
            ++bins[category][bin];
        }
        ++total;
        return true;
    }));

    auto data = ReportData::build(db, policy, filter, now);
    INFO(data.error().toStdString());
    REQUIRE(data.ok());
    REQUIRE(data.value()->postCount() == total);
    for (const auto &[field, expected] : {std::pair{GroupField::Category, &byCategory}, std::pair{GroupField::Day, &byDay}}) {
        auto table = data.value()->grouped({field});
        INFO(table.error().toStdString());
        REQUIRE(table.ok());
        REQUIRE(table->rows.size() == qsizetype(expected->size()));
        int r = 0;
        for (const auto &[key, g] : *expected) {
            const QVector<QVariant> &row = table->rows.at(r++);
            const QString where = key + QLatin1Char(' ');
            const auto cell = [&](const char *column) { return row.at(table->column(QLatin1String(column))); };
            requireSame(row.at(0), key, where + QStringLiteral("key"));
            requireSame(cell("posts"), g.posts, where + QStringLiteral("posts"));
            requireSame(cell("share"), double(g.posts) / double(total), where + QStringLiteral("share"));
            requireSame(cell("answered"), qint64(g.calendar.size()), where + QStringLiteral("answered"));
            requireSame(cell("mean_business_min"), meanMinutes(g.business), where + QStringLiteral("mean business"));
            requireSame(cell("median_business_min"), quantileMinutes(g.business, 0.5), where + QStringLiteral("median b"));
            requireSame(cell("p90_business_min"), quantileMinutes(g.business, 0.9), where + QStringLiteral("p90 business"));
            requireSame(cell("mean_calendar_min"), meanMinutes(g.calendar), where + QStringLiteral("mean calendar"));
            requireSame(cell("median_calendar_min"), quantileMinutes(g.calendar, 0.5), where + QStringLiteral("median c"));
            requireSame(cell("p90_calendar_min"), quantileMinutes(g.calendar, 0.9), where + QStringLiteral("p90 calendar"));
            requireSame(cell("met"), g.met, where + QStringLiteral("met"));
            requireSame(cell("missed"), g.missed, where + QStringLiteral("missed"));
            requireSame(cell("share_within_target"),
                        g.met + g.missed > 0 ? QVariant(double(g.met) / double(g.met + g.missed)) : QVariant(),
                        where + QStringLiteral("within target"));
            requireSame(cell("handed_off"), g.handoffs, where + QStringLiteral("handed off"));
        }
        // The generic tables (window functions over the same rows) agree with the indexed ones.
        auto viaWindows = data.value()->grouped({field, GroupField::Channel});
        REQUIRE(viaWindows.ok());
        qint64 posts = 0;
        for (const auto &row : viaWindows->rows)
            posts += row.at(viaWindows->column(QStringLiteral("posts"))).toLongLong();
        REQUIRE(posts == total);
    }
    auto histogram = data.value()->histogram();
    REQUIRE(histogram.ok());
    qsizetype binRows = 0;
    for (const auto &[category, counts] : bins)
        binRows += qsizetype(counts.size());
    REQUIRE(histogram->rows.size() == binRows);
    for (const auto &row : histogram->rows)
        REQUIRE(row.at(3).toLongLong() == bins[row.at(0).toString()][row.at(1).toLongLong()]);
    auto cetif = data.value()->cetif();
    REQUIRE(cetif.ok());
    for (const auto &row : cetif->rows) {
        const QString category = row.at(0).toString();
        const qint64 posts = byCategory.count(category) ? byCategory[category].posts : 0;
        REQUIRE(row.at(1).toLongLong() == posts);
        if (posts > 0)
            requireSame(row.at(cetif->column(QStringLiteral("share_forward"))),
                        double(decisions[category][toId(DecisionKind::Forward)]) / double(posts),
                        category + QStringLiteral(" forward share"));
    }
}

ReportFilter allTime()
{
    ReportFilter filter;
    filter.from = QDate(2000, 1, 1);
    filter.to = QDate(2030, 12, 31);
    return filter;
}

} // namespace

TEST_CASE("stored measures: every table equals a count over each post's own measures", "[report][measures]")
{
    TempCache cache;
    Database &db = *cache.db;
    SECTION("the sample, then each event that changes a measure")
    {
        buildSample(db);
        const qint64 now = utcMs("2026-03-31T12:00:00Z");
        checkReportAgainstPosts(db, activePolicy(db), march2026(), now);
        REQUIRE(staleMeasureThreads(db, activePolicy(db)).value() == 0);
        // d's reply is delivered; a company post answers the waiting x0; a colleague forwards x1;
        // x2 changes category. Each marks its thread, and only its thread.
        deliver(db, QStringLiteral("t-d"), utcMs("2026-03-05T09:12:00Z"));
        ingest(db, {outboundPost(QStringLiteral("t-x0"), QStringLiteral("r-x0"), utcMs("2026-03-04T08:30:00Z"))});
        ManualClock clock(utcMs("2026-03-06T08:00:00Z"));
        TriageService triage(db, clock, Agent{QStringLiteral("agent-2"), QStringLiteral("Paolo Neri")});
        REQUIRE(triage
                    .decide({threadId(db, QStringLiteral("t-x1")), DecisionKind::Forward, QStringLiteral("Reclamo"),
                             std::nullopt, Category::Complaint})
                    .ok());
        REQUIRE(triage.setCategory(threadId(db, QStringLiteral("t-x2")), Category::Assistance).ok());
        REQUIRE(staleMeasureThreads(db, activePolicy(db)).value() == 4);
        checkReportAgainstPosts(db, activePolicy(db), march2026(), now);
        // A waiting post misses its target once its due time passes, with nothing recomputed.
        checkReportAgainstPosts(db, activePolicy(db), march2026(), utcMs("2026-03-04T08:05:00Z"));
        // Another policy (calendar, targets): every thread is recomputed, and says so.
        const ResponsePolicy selective = ResponsePolicy::selective();
        REQUIRE(staleMeasureThreads(db, selective).value() == scalar(db, QStringLiteral("SELECT count(*) FROM threads")).toLongLong());
        checkReportAgainstPosts(db, selective, march2026(), now);
        checkReportAgainstPosts(db, activePolicy(db), march2026(), now);
    }
    SECTION("the TWCS data")
    {
        const ImportReport imported = importFile(db, sharedDataDir() + QStringLiteral("/twcs/twcs_whole_threads.csv"));
        REQUIRE(imported.ok);
        checkReportAgainstPosts(db, activePolicy(db), allTime(), utcMs("2030-01-01T00:00:00Z"));
    }
    SECTION("the demo data")
    {
        const qint64 now = utcMs("2026-03-20T10:00:00Z");
        const ImportReport imported =
            importDemo(db, testDataDir() + QStringLiteral("/../../resources/demo/demo_threads.jsonl"), now);
        INFO(issuesText(imported));
        REQUIRE(imported.ok);
        checkReportAgainstPosts(db, activePolicy(db), allTime(), now);
    }
    SECTION("a cache that cannot be written computes them for the report alone")
    {
        buildSample(db);
        REQUIRE(sql::exec(db.connection(), QStringLiteral("DROP TABLE post_measures")).ok());
        checkReportAgainstPosts(db, activePolicy(db), march2026(), utcMs("2026-03-31T12:00:00Z"));
    }
}
