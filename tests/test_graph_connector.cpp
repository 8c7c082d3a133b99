// GraphConnector against a local HTTP server on 127.0.0.1 replaying real Graph API bodies from
// ../shared/data (python-facebook test data, RestFB fixtures, rate-limit bodies from issues).
// The only change to a body is its paging links: https://graph.facebook.com becomes the local
// server, keeping their access_token so that the test proves it is stripped.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "sync/Accounts.h"
#include "sync/GraphConnector.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>
#include <optional>

using namespace sportello;
using namespace sportello::sync;
using namespace sportello::test;

namespace {

const QString kToken = QStringLiteral("EAAGtestSECRETtoken0123456789");

QString pyFb(const char *name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_python_facebook_testdata/") + QLatin1String(name);
}
QString restFb(const char *name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_restfb_fixtures/") + QLatin1String(name);
}
QString errorBodies(const char *name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_x_error_bodies_from_issues/") + QLatin1String(name);
}

struct GraphFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{1'700'000'000'000};
    TempCache cache;
    Channel channel;
    QString accountId;

    GraphFixture(Channel ch, const QString &id) : channel(ch), accountId(id)
    {
        REQUIRE(server.listening());
        AccountStore store(*cache.db);
        auto added = store.add(ch, id, base(), QString(), 0);
        REQUIRE(added.ok());
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(server.port()); }

    // A real body with its paging links pointed at the local server (access_token kept).
    QByteArray local(QByteArray body) const
    {
        body.replace("https://graph.facebook.com", base().toUtf8());
        return body;
    }
    void serve(const QString &path, const QByteArray &body, int status = 200)
    {
        server.enqueue(path, CannedResponse::json(status, local(body)));
    }
    void serveFile(const QString &path, const QString &file, int status = 200)
    {
        serve(path, fileBytes(file), status);
    }

    Account account()
    {
        AccountStore store(*cache.db);
        auto found = store.find(channel, accountId);
        REQUIRE(found.ok());
        REQUIRE(found.value().has_value());
        return *found.value();
    }

    SyncResult sync()
    {
        ConnectorContext ctx;
        ctx.network = &nam;
        ctx.database = cache.db.get();
        ctx.clock = &clock;
        ctx.account = account();
        ctx.token = kToken;
        ctx.graphApiVersion = QStringLiteral("v19.0");
        ctx.retry.maxAttempts = 1;
        ctx.retry.baseDelayMs = 10;
        ctx.retry.rateLimitBaseMs = 10;
        ctx.timeoutMs = 1000;
        ctx.pageSize = 25;
        GraphConnector connector(ctx);
        std::optional<SyncResult> result;
        QObject::connect(&connector, &Connector::finished, [&](const SyncResult &r) { result = r; });
        connector.start();
        REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
        return *result;
    }

    QString postField(const QString &externalId, const char *column)
    {
        return scalar(*cache.db, QStringLiteral("SELECT %1 FROM posts WHERE external_id = '%2'")
                                     .arg(QLatin1String(column), externalId)).toString();
    }
    QString threadOf(const QString &externalId)
    {
        return scalar(*cache.db, QStringLiteral("SELECT t.external_id FROM posts p JOIN threads t ON t.id = p.thread_id "
                                                "WHERE p.external_id = '%1'").arg(externalId)).toString();
    }
    int postCount() { return scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM posts")).toInt(); }

    // Every request carried the token in the Authorization header and nowhere else.
    void checkRequestsCarryTokenOnlyInHeader()
    {
        REQUIRE(!server.requests().isEmpty());
        for (const ReceivedRequest &r : server.requests()) {
            INFO(r.path.toStdString() + "?" + r.query.toStdString());
            CHECK(r.header("authorization") == "Bearer " + kToken.toUtf8());
            CHECK_FALSE(r.query.contains(QLatin1String("access_token")));
            CHECK_FALSE(r.query.contains(kToken));
            CHECK_FALSE(r.path.contains(kToken));
        }
    }
    void checkTokenNotStored(const SyncResult &result)
    {
        CHECK_FALSE(account().syncCursor.contains(kToken));
        CHECK_FALSE(account().syncCursor.contains(QLatin1String("access_token")));
        CHECK_FALSE(result.error.contains(kToken));
        for (const QString &e : result.partialErrors)
            CHECK_FALSE(e.contains(kToken));
        cache.db->connection().close(); // flush nothing pending; read the file as it is on disk
        const QByteArray bytes = fileBytes(cache.path);
        CHECK_FALSE(bytes.isEmpty());
        CHECK_FALSE(bytes.contains(kToken.toUtf8()));
        CHECK_FALSE(bytes.contains("access_token"));
        cache.db->connection().open();
    }
};

const QStringList kFeedPosts{QStringLiteral("4_10113477241177441"), QStringLiteral("4_10113449068715281"),
                             QStringLiteral("4_10113400535556121"), QStringLiteral("4_10113332572050531"),
                             QStringLiteral("4_10113319652002411")};

// The page feed (python-facebook posts p1 -> p2), the real comments p1 -> p2 on the first post,
// no comments on the others, an empty inbox.
void serveFacebookPage(GraphFixture &f, const QByteArray &firstCommentsAnswer = {})
{
    f.serveFile(QStringLiteral("/v19.0/19292868552/feed"), pyFb("posts_feed_fields_p1.json"));
    f.serveFile(QStringLiteral("/v10.0/4/posts"), pyFb("posts_feed_fields_p2.json"));
    const QString firstComments = QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.first());
    if (!firstCommentsAnswer.isNull())
        f.server.enqueue(firstComments, CannedResponse::json(200, firstCommentsAnswer));
    f.serveFile(firstComments, pyFb("comments_comments_p1.json"));
    f.serveFile(QStringLiteral("/v11.0/19292868552_10158407654328553/comments"), pyFb("comments_comments_p2.json"));
    for (int i = 1; i < kFeedPosts.size(); ++i)
        f.serve(QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.at(i)), R"({"data":[]})");
    f.serve(QStringLiteral("/v19.0/19292868552/conversations"), R"({"data":[]})");
}

} // namespace

TEST_CASE("Graph times are parsed in their +0000 form", "[graph]")
{
    CHECK(GraphConnector::parseGraphTime(QStringLiteral("2017-10-02T08:57:21+0000")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(GraphConnector::parseGraphTime(QStringLiteral("2017-10-02T10:57:21+0200")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(GraphConnector::parseGraphTime(QStringLiteral("2017-10-02T08:57:21Z")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(GraphConnector::parseGraphTime(QStringLiteral("yesterday")) == -1);
    const QUrl stripped = GraphConnector::withoutToken(QUrl(QStringLiteral(
        "https://graph.facebook.com/v11.0/1/comments?access_token=abc&limit=10&after=after")));
    CHECK(stripped.toString() == QStringLiteral("https://graph.facebook.com/v11.0/1/comments?limit=10&after=after"));
}

TEST_CASE("A Facebook page: posts and real comments paged to the end, threads rebuilt, token only in the header", "[graph]")
{
    QElapsedTimer timer;
    timer.start();
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    serveFacebookPage(f);

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    CHECK(result.postsAdded == 5 + 15);
    CHECK(f.postCount() == 20);
    // Both feed pages and both comment pages were fetched (paging to the end).
    CHECK(f.server.requestCount(QStringLiteral("/v10.0/4/posts")) == 1);
    CHECK(f.server.requestCount(QStringLiteral("/v11.0/19292868552_10158407654328553/comments")) == 1);

    // A customer's support request, and the replies under it, in the post's thread.
    const QString request = QStringLiteral("10158407654328553_10158407903973553");
    const QString pageReply = QStringLiteral("10158407654328553_10158409983033553");
    const QString customerReply = QStringLiteral("10158407654328553_10158409984053553");
    CHECK(f.threadOf(request) == kFeedPosts.first());
    CHECK(f.postField(request, "in_reply_to") == kFeedPosts.first());
    CHECK(f.postField(pageReply, "in_reply_to") == request);
    CHECK(f.postField(customerReply, "in_reply_to") == request);
    CHECK(f.threadOf(customerReply) == kFeedPosts.first());
    CHECK(f.postField(request, "direction") == QLatin1String("inbound"));
    CHECK(f.postField(request, "visibility") == QLatin1String("public"));
    CHECK(f.postField(request, "created_at").toLongLong() == utcMs("2021-08-10T19:38:44Z"));

    // The cursor: the newest created_time seen (the last comment of page 2), in Unix seconds.
    CHECK(f.account().syncCursor == QString::number(utcMs("2021-08-14T07:24:42Z") / 1000));

    // Paging links went out without their access_token; the requests used the header.
    bool sawCursor = false;
    for (const ReceivedRequest &r : f.server.requests())
        if (r.path == QLatin1String("/v11.0/19292868552_10158407654328553/comments"))
            sawCursor = r.query.contains(QLatin1String("after=after"));
    CHECK(sawCursor);
    f.checkRequestsCarryTokenOnlyInHeader();
    f.checkTokenNotStored(result);

    // An incremental sync sends since= and stores nothing twice.
    const int before = f.server.requests().size();
    const SyncResult again = f.sync();
    REQUIRE(again.ok);
    CHECK(again.postsAdded == 0);
    CHECK(again.postsAlreadyPresent > 0);
    CHECK(f.postCount() == 20);
    const QString since = QStringLiteral("since=%1").arg(utcMs("2021-08-14T07:24:42Z") / 1000);
    const ReceivedRequest &feed = f.server.requests().at(before);
    CHECK(feed.path == QLatin1String("/v19.0/19292868552/feed"));
    CHECK(feed.query.contains(since));
    INFO(feed.query.toStdString());
    CHECK(QUrlQuery(feed.query).queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded)
          == QLatin1String("id,message,created_time,from"));
    CHECK(QUrlQuery(feed.query).queryItemValue(QStringLiteral("limit")) == QLatin1String("25"));
    f.checkRequestsCarryTokenOnlyInHeader();
    CHECK(timer.elapsed() < 2000);
}

TEST_CASE("Comments by the page itself are outbound, customers' comments inbound", "[graph]")
{
    // The RestFB post and photo with their embedded comments: each "comments" object is served
    // as that object's /comments edge (same shape). The page is the author of the post's comment.
    GraphFixture f(Channel::Facebook, QStringLiteral("987654321"));
    const QJsonObject post = QJsonDocument::fromJson(fileBytes(restFb("v5_0_post-with-comment.json"))).object();
    const QJsonObject photo = QJsonDocument::fromJson(fileBytes(restFb("v2_5_photo-comments.json"))).object();
    QJsonArray feed;
    for (const QJsonObject &o : {post, photo})
        feed.append(QJsonObject{{QStringLiteral("id"), o.value(QStringLiteral("id"))}});
    f.serve(QStringLiteral("/v19.0/987654321/feed"),
            QJsonDocument(QJsonObject{{QStringLiteral("data"), feed}}).toJson(QJsonDocument::Compact));
    for (const QJsonObject &o : {post, photo})
        f.serve(QStringLiteral("/v19.0/%1/comments").arg(o.value(QStringLiteral("id")).toString()),
                QJsonDocument(o.value(QStringLiteral("comments")).toObject()).toJson(QJsonDocument::Compact));
    f.serve(QStringLiteral("/v19.0/987654321/conversations"), R"({"data":[]})");

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    CHECK(result.postsAdded == 4);
    CHECK(f.postField(QStringLiteral("123456789_9876543"), "direction") == QLatin1String("outbound"));
    CHECK(f.threadOf(QStringLiteral("123456789_9876543")) == QLatin1String("1234567890123_456789012345"));
    CHECK(f.postField(QStringLiteral("45672463272_3527532723"), "direction") == QLatin1String("inbound"));
    CHECK(f.postField(QStringLiteral("45672463272_3527532723"), "in_reply_to") == QLatin1String("12345678943537"));
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT handle FROM authors a JOIN posts p ON p.author_id = a.id "
                                             "WHERE p.external_id = '45672463272_3527532723'")).toString()
          == QLatin1String("Test Users"));
}

TEST_CASE("Messenger conversations are private; the page's own messages are outbound", "[graph]")
{
    // The RestFB conversation (two participants); the page is "Participant Two".
    GraphFixture f(Channel::Facebook, QStringLiteral("120042743874449"));
    f.serve(QStringLiteral("/v19.0/120042743874449/feed"), R"({"data":[]})");
    const QByteArray conversation = fileBytes(restFb("conversation.json"));
    f.serve(QStringLiteral("/v19.0/120042743874449/conversations"), "{\"data\":[" + conversation + "]}");

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    CHECK(result.postsAdded == 2);
    CHECK(f.threadOf(QStringLiteral("m_id.291856400815314")) == QLatin1String("t_id.378684585488220"));
    CHECK(f.postField(QStringLiteral("m_id.291856400815314"), "direction") == QLatin1String("inbound"));
    CHECK(f.postField(QStringLiteral("m_id.378684585454124"), "direction") == QLatin1String("outbound"));
    CHECK(f.postField(QStringLiteral("m_id.291856400815314"), "visibility") == QLatin1String("private"));
    CHECK(f.postField(QStringLiteral("m_id.378684585454124"), "visibility") == QLatin1String("private"));
    CHECK(f.postField(QStringLiteral("m_id.291856400815314"), "text") == QLatin1String("Well, well."));
    for (const ReceivedRequest &r : f.server.requests())
        if (r.path.endsWith(QLatin1String("/conversations")))
            CHECK(QUrlQuery(r.query).queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded)
                  == QLatin1String("id,updated_time,messages{id,message,created_time,from,to}"));
    f.checkRequestsCarryTokenOnlyInHeader();
    f.checkTokenNotStored(result);
}

TEST_CASE("Instagram media comments, two pages", "[graph]")
{
    GraphFixture f(Channel::Instagram, QStringLiteral("17841400000000000"));
    // No real /media list was captured: one media, the one whose comments are in the fixtures.
    f.serve(QStringLiteral("/v19.0/17841400000000000/media"), R"({"data":[{"id":"17846368219941692"}]})");
    f.serveFile(QStringLiteral("/v19.0/17846368219941692/comments"), pyFb("ig_medias_comments_p1.json"));
    f.serveFile(QStringLiteral("/v11.0/17846368219941692/comments"), pyFb("ig_medias_comments_p2.json"));

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    CHECK(result.postsAdded == 4);
    CHECK(f.threadOf(QStringLiteral("17892250648466172")) == QLatin1String("17846368219941692"));
    CHECK(f.postField(QStringLiteral("17892250648466172"), "text") == QLatin1String("@ikroskun  Hey, guys"));
    CHECK(f.postField(QStringLiteral("17858154961981086"), "visibility") == QLatin1String("public"));
    CHECK(f.postField(QStringLiteral("17858154961981086"), "created_at").toLongLong() == utcMs("2020-06-01T10:56:52Z"));
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(*) FROM posts WHERE channel = 'instagram'")).toInt() == 4);
    f.checkRequestsCarryTokenOnlyInHeader();
    f.checkTokenNotStored(result);
}

TEST_CASE("A page with data and an error object keeps the data and records the error", "[graph]")
{
    GraphFixture f(Channel::Instagram, QStringLiteral("17841400000000000"));
    f.serve(QStringLiteral("/v19.0/17841400000000000/media"), R"({"data":[{"id":"17846368219941692"}]})");
    // The last real comments page with the real code-100 error object next to its data.
    QJsonObject page = QJsonDocument::fromJson(fileBytes(pyFb("ig_medias_comments_p2.json"))).object();
    page.insert(QStringLiteral("error"),
                QJsonDocument::fromJson(fileBytes(pyFb("error.json"))).object().value(QStringLiteral("error")));
    f.serve(QStringLiteral("/v19.0/17846368219941692/comments"), QJsonDocument(page).toJson(QJsonDocument::Compact));

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    CHECK(result.postsAdded == 2);
    REQUIRE(result.partialErrors.size() == 1);
    CHECK(result.partialErrors.first().contains(QLatin1String("(#100)")));
    CHECK(result.partialErrors.first().contains(QLatin1String("Pages Public Content Access")));
    CHECK_FALSE(f.account().syncCursor.isEmpty());
}

TEST_CASE("An empty body is a clear error: nothing stored, cursor unchanged", "[graph]")
{
    GraphFixture f(Channel::Instagram, QStringLiteral("17841400000000000"));
    f.serve(QStringLiteral("/v19.0/17841400000000000/media"), R"({"data":[{"id":"17846368219941692"}]})");
    f.serve(QStringLiteral("/v19.0/17846368219941692/comments"), "");
    const SyncResult result = f.sync();
    CHECK_FALSE(result.ok);
    CHECK(result.lastOutcome == OutcomeKind::Failed);
    CHECK(result.error.contains(QLatin1String("nothing from this page was stored")));
    CHECK(result.error.contains(QLatin1String("empty")));
    CHECK(f.postCount() == 0);
    CHECK(f.account().syncCursor.isEmpty());
}

TEST_CASE("Truncated JSON stores nothing from that page and keeps the cursor; a rerun stores everything once", "[graph]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    const QByteArray real = f.local(fileBytes(pyFb("comments_comments_p1.json")));
    serveFacebookPage(f, real.left(real.size() / 2));

    const SyncResult broken = f.sync();
    CHECK_FALSE(broken.ok);
    CHECK(broken.lastOutcome == OutcomeKind::Failed);
    CHECK(broken.error.contains(QLatin1String("nothing from this page was stored")));
    CHECK_FALSE(broken.error.contains(kToken));
    CHECK(f.postCount() == 5); // the feed page before it was committed
    CHECK(f.account().syncCursor.isEmpty());
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(*) FROM posts WHERE external_id LIKE '10158407654328553_%'")).toInt() == 0);

    const SyncResult rerun = f.sync();
    INFO(rerun.error.toStdString());
    REQUIRE(rerun.ok);
    CHECK(rerun.postsAdded == 15);
    CHECK(f.postCount() == 20);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(DISTINCT external_id) FROM posts")).toInt() == 20);
    CHECK_FALSE(f.account().syncCursor.isEmpty());
}

TEST_CASE("Graph code 190 marks the account as needing sign-in", "[graph]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    f.serveFile(QStringLiteral("/v19.0/19292868552/feed"), restFb("exampleErrorNew.json"), 400);
    const SyncResult result = f.sync();
    CHECK_FALSE(result.ok);
    CHECK(result.lastOutcome == OutcomeKind::AuthExpired);
    CHECK(result.error.contains(QLatin1String("sign in again")));
    CHECK(f.account().needsSignIn);
    CHECK(f.postCount() == 0);
    CHECK(f.server.requestCount(QStringLiteral("/v19.0/19292868552/conversations")) == 0);
    f.checkTokenNotStored(result);
}

TEST_CASE("Graph rate-limit codes 4, 17 and 32 surface as rate limited", "[graph]")
{
    const char *file = GENERATE("graph_code4_application_request_limit.json",
                                "graph_code17_user_request_limit_RECONSTRUCTED.json",
                                "graph_code32_page_request_limit.json");
    INFO(file);
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    f.serveFile(QStringLiteral("/v19.0/19292868552/feed"), errorBodies(file), 400);
    const SyncResult result = f.sync();
    CHECK_FALSE(result.ok);
    CHECK(result.lastOutcome == OutcomeKind::RateLimited);
    CHECK(result.error.contains(QLatin1String("rate limit")));
    CHECK_FALSE(f.account().needsSignIn);
    CHECK(f.account().syncCursor.isEmpty());
    f.checkRequestsCarryTokenOnlyInHeader();
}
