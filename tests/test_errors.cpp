// Error kinds where errors start (HTTP answers, imports, accounts, tokens, reports), and the
// logging categories: everything on, no line carries a token or a post's text.
#include "catch_compat.h"

#include "ImportHelpers.h"
#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "fileimport/Importer.h"
#include "net/HttpJob.h"
#include "report/CsvWriter.h"
#include "report/PostMeasures.h"
#include "timers/PolicyStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <algorithm>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::test;

namespace {

ErrorKind kindOf(int status, const QByteArray &body = "{}", QNetworkReply::NetworkError error = QNetworkReply::NoError)
{
    HttpRequestSpec spec;
    spec.url = QUrl(QStringLiteral("https://graph.example.test/v19.0/me/feed"));
    ReplyFacts facts;
    facts.error = error;
    facts.httpStatus = status;
    facts.body = body;
    ManualClock clock(1'700'000'000'000);
    return classifyReply(spec, facts, clock).errorKind();
}

// Collects what the sportello.* categories print while it lives; every category on.
class LogCapture {
public:
    LogCapture()
    {
        s_lines = &m_lines;
        QLoggingCategory::setFilterRules(QStringLiteral("sportello.*=true"));
        m_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
        s_lines = nullptr;
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    const QStringList &lines() const { return m_lines; }

private:
    static void handle(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        if (s_lines && context.category && qstrncmp(context.category, "sportello.", 10) == 0)
            s_lines->append(QLatin1String(context.category) + QStringLiteral(": ") + message);
    }

    static inline QStringList *s_lines = nullptr;
    QStringList m_lines;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

TEST_CASE("HTTP answers carry the kind of their failure", "[errors][http]")
{
    CHECK(kindOf(401) == ErrorKind::RefusedByPolicy);
    CHECK(kindOf(403) == ErrorKind::RefusedByPolicy);
    CHECK(kindOf(429) == ErrorKind::Busy);
    CHECK(kindOf(500) == ErrorKind::Network);
    CHECK(kindOf(503) == ErrorKind::Network);
    CHECK(kindOf(404) == ErrorKind::NotFound);
    CHECK(kindOf(409) == ErrorKind::Conflict);
    CHECK(kindOf(400) == ErrorKind::InvalidInput);
    CHECK(kindOf(0, {}, QNetworkReply::ConnectionRefusedError) == ErrorKind::Network);
    CHECK(kindOf(0, {}, QNetworkReply::TimeoutError) == ErrorKind::Network);
    CHECK(kindOf(200, "{\"data\": [") == ErrorKind::Corrupt);
    CHECK(kindOf(200, R"({"error":{"code":190,"message":"expired"}})") == ErrorKind::RefusedByPolicy);
    CHECK(kindOf(400, R"({"error":{"code":506,"message":"Duplicate status message"}})") == ErrorKind::Conflict);
    CHECK(kindOf(200, "{\"data\":[]}") == ErrorKind::Unspecified); // a success is no error
}

TEST_CASE("a refused import says why by its kind", "[errors][import]")
{
    TempCache cache;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());

    const ImportReport missing = importFile(*cache.db, dir.filePath(QStringLiteral("missing.jsonl")));
    CHECK_FALSE(missing.ok);
    CHECK(missing.errorKind == ErrorKind::NotFound);

    QByteArray bad = validLines(1, 1) + "{\"channel\":\"fax\"}\n";
    const ImportReport invalid = importFile(*cache.db, writeFile(dir, QStringLiteral("bad.jsonl"), bad));
    CHECK_FALSE(invalid.ok);
    CHECK(invalid.errorKind == ErrorKind::InvalidInput);

    const ImportReport notText =
        importFile(*cache.db, writeFile(dir, QStringLiteral("blob.bin"), QByteArray("\x01\x00\x02\x00", 4)));
    CHECK_FALSE(notText.ok);
    CHECK(notText.errorKind == ErrorKind::InvalidInput);

    const ImportReport good = importFile(*cache.db, writeFile(dir, QStringLiteral("good.jsonl"), validLines(1, 2)));
    CHECK(good.ok);
    CHECK(good.errorKind == ErrorKind::Unspecified);
}

TEST_CASE("accounts and tokens: unknown is not found, a duplicate a conflict, plain http refused", "[errors][accounts]")
{
    TempCache cache;
    AccountStore store(*cache.db);
    REQUIRE(store.add(Channel::Facebook, QStringLiteral("104523"), {}, {}, 1000).ok());

    const auto twice = store.add(Channel::Facebook, QStringLiteral("104523"), {}, {}, 2000);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.errorKind() == ErrorKind::Conflict);

    const Status removed = store.remove(Channel::Facebook, QStringLiteral("999"));
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.errorKind() == ErrorKind::NotFound);

    CHECK(validateBaseUrl(QStringLiteral("http://graph.facebook.com")).errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(validateBaseUrl(QStringLiteral("not a url")).errorKind() == ErrorKind::InvalidInput);

    MemoryTokenStore tokens;
    CHECK(tokens.read(QStringLiteral("facebook:104523")).errorKind() == ErrorKind::NotFound);
    EnvironmentTokenSource environment;
    CHECK(environment.read(QStringLiteral("SPORTELLO_TEST_NO_SUCH_VARIABLE")).errorKind() == ErrorKind::NotFound);
    CHECK(environment.write(QStringLiteral("SPORTELLO_TEST_NO_SUCH_VARIABLE"), QStringLiteral("x")).errorKind() ==
          ErrorKind::RefusedByPolicy);
}

TEST_CASE("an unknown policy is not found, a report with a bad range is invalid input, a file it cannot write I/O",
          "[errors][timers][report]")
{
    TempCache cache;
    const Status unknown = PolicyStore(*cache.db).activate(QStringLiteral("nonexistent"), 1000);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.errorKind() == ErrorKind::NotFound);

    ReportFilter backwards;
    backwards.from = QDate(2026, 3, 31);
    backwards.to = QDate(2026, 3, 1);
    const Status range = validate(backwards);
    REQUIRE_FALSE(range.ok());
    CHECK(range.errorKind() == ErrorKind::InvalidInput);
    CHECK(parseReportDate(QStringLiteral("31/03/2026"), QStringLiteral("--to")).errorKind() == ErrorKind::InvalidInput);

    QTemporaryDir dir;
    CsvWriter writer(dir.filePath(QStringLiteral("missing/report.csv")), CsvFormat{});
    const Status opened = writer.open();
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.errorKind() == ErrorKind::Io);
}

TEST_CASE("with every sportello category on, no log line carries a token or a post's text", "[errors][logging]")
{
    const QString token = QStringLiteral("EAAGsecretTOKEN0123456789abcdef");
    const QString text = QStringLiteral("Il mio sinistro 774411 per la Panda targata ZZ999ZZ non è stato pagato");
    const QString handle = QStringLiteral("maria.known.handle");
    const QString name = QStringLiteral("Maria Conosciuta");
    LogCapture capture;

    // An HTTP request with the token in a header and in the query (as Graph allows), answered
    // once with a server error and then with a body that holds the post's text.
    LocalHttpServer server;
    REQUIRE(server.listening());
    server.enqueue(QStringLiteral("/v19.0/104523/feed"),
                   CannedResponse::json(500, R"({"error":{"message":"temporary","code":2}})"));
    QJsonObject post{{QStringLiteral("id"), QStringLiteral("1_2")}, {QStringLiteral("message"), text}};
    server.enqueue(QStringLiteral("/v19.0/104523/feed"),
                   CannedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonArray{post}}})
                                                 .toJson(QJsonDocument::Compact)));
    QNetworkAccessManager nam;
    ManualClock clock(1'700'000'000'000);
    HttpRequestSpec spec;
    spec.url = server.url(QStringLiteral("/v19.0/104523/feed?fields=message&access_token=%1").arg(token));
    spec.headers.append({"Authorization", "Bearer " + token.toLatin1()});
    spec.timeoutMs = 2000;
    RetryPolicy fast;
    fast.baseDelayMs = 10;
    fast.maxDelayMs = 20;
    HttpJob job(&nam, clock, spec, fast);
    QSignalSpy finished(&job, &HttpJob::finished);
    job.start();
    REQUIRE(finished.wait(5000));
    CHECK(job.status() == JobStatus::Succeeded);
    CHECK(job.attempts() == 2);

    // An import of a post with that text, author name and handle, into a cache opened here.
    TempCache cache;
    QTemporaryDir dir;
    QJsonObject record = validPost(1);
    record[QStringLiteral("text")] = text;
    record[QStringLiteral("author")] = QJsonObject{{QStringLiteral("id"), QStringLiteral("fbu-9")},
                                                   {QStringLiteral("handle"), handle},
                                                   {QStringLiteral("name"), name},
                                                   {QStringLiteral("followers"), 3}};
    const ImportReport imported =
        importFile(*cache.db, writeFile(dir, QStringLiteral("known.jsonl"), jsonLine(record)));
    REQUIRE(imported.ok);
    // And one refused, whose record holds the text next to a bad field.
    record[QStringLiteral("channel")] = QStringLiteral("fax");
    const ImportReport refused =
        importFile(*cache.db, writeFile(dir, QStringLiteral("refused.jsonl"), jsonLine(record)));
    REQUIRE_FALSE(refused.ok);

    const QStringList &lines = capture.lines();
    INFO(lines.join(QLatin1Char('\n')).toStdString());
    // Something was logged by each part, so the checks below look at real lines.
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const QString &l) { return l.startsWith(QLatin1String("sportello.net")); }));
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const QString &l) { return l.contains(QLatin1String("HTTP 500")); }));
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const QString &l) { return l.startsWith(QLatin1String("sportello.fileimport")); }));
    CHECK(std::any_of(lines.begin(), lines.end(),
                      [](const QString &l) { return l.startsWith(QLatin1String("sportello.storage")); }));
    for (const QString &line : lines) {
        CHECK_FALSE(line.contains(token));
        CHECK_FALSE(line.contains(QStringLiteral("774411")));
        CHECK_FALSE(line.contains(QStringLiteral("ZZ999ZZ")));
        CHECK_FALSE(line.contains(handle));
        CHECK_FALSE(line.contains(name));
    }
}
