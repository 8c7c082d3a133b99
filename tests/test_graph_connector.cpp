// GraphConnector against a local HTTP server on 127.0.0.1 replaying real Graph API bodies from
// ../shared/data (python-facebook test data, RestFB fixtures, rate-limit bodies from issues).
// The only change to a body is its paging links: https://graph.facebook.com becomes the local
// server, keeping their access_token so that the test proves it is stripped.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "net/PlatformTime.h"
#include "sync/GraphConnector.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <optional>

using namespace sportello;
using namespace sportello::sync;
using namespace sportello::net;
using namespace sportello::accounts;
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
    void serveFile(const QString &path, const QString &file, int status = 200) { serve(path, fileBytes(file), status); }

    Account account()
    {
        AccountStore store(*cache.db);
        auto found = store.find(channel, accountId);
        REQUIRE(found.ok());
        REQUIRE(found.value().has_value());
        return *found.value();
    }

    // stopAfterPages > 0: Connector::stop() once that many pages are stored (an interrupted pass).
    SyncResult sync(int stopAfterPages = 0)
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
        if (stopAfterPages > 0)
            QObject::connect(&connector, &Connector::progress, [&](const SyncProgress &p) {
                if (p.pages >= stopAfterPages)
                    connector.stop();
            });
        connector.start();
        REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
        return *result;
    }

    QString postField(const QString &externalId, const char *column)
    {
        return scalar(*cache.db, QStringLiteral("SELECT %1 FROM posts WHERE external_id = '%2'")
                                     .arg(QLatin1String(column), externalId))
            .toString();
    }
    QString threadOf(const QString &externalId)
    {
        return scalar(*cache.db,
                      QStringLiteral("SELECT t.external_id FROM posts p JOIN threads t ON t.id = p.thread_id "
                                     "WHERE p.external_id = '%1'")
                          .arg(externalId))
            .toString();
    }
    int postCount() { return scalar(*cache.db, QStringLiteral("SELECT COUNT(*) FROM posts")).toInt(); }
    GraphCursor cursor() { return GraphCursor::parse(account().syncCursor); }
    void setLookbackDays(int days) { REQUIRE(AccountStore(*cache.db).setGraphLookbackDays(days).ok()); }
    QList<ReceivedRequest> requestsTo(const QString &path, int from = 0) const
    {
        QList<ReceivedRequest> found;
        for (int i = from; i < server.requests().size(); ++i)
            if (server.requests().at(i).path == path)
                found.append(server.requests().at(i));
        return found;
    }

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
    CHECK(parseGraphTime(QStringLiteral("2017-10-02T08:57:21+0000")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(parseGraphTime(QStringLiteral("2017-10-02T10:57:21+0200")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(parseGraphTime(QStringLiteral("2017-10-02T08:57:21Z")) == utcMs("2017-10-02T08:57:21Z"));
    CHECK(parseGraphTime(QStringLiteral("yesterday")) == -1);
    const QUrl stripped = GraphConnector::withoutToken(
        QUrl(QStringLiteral("https://graph.facebook.com/v11.0/1/comments?access_token=abc&limit=10&after=after")));
    CHECK(stripped.toString() == QStringLiteral("https://graph.facebook.com/v11.0/1/comments?limit=10&after=after"));
}

TEST_CASE("A Facebook page: posts and real comments paged to the end, threads rebuilt, token only in the header",
          "[graph]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    serveFacebookPage(f);

    const SyncResult result = f.sync();
    INFO(result.error.toStdString());
    REQUIRE(result.ok);
    // Each page was asked for once: nothing was retried or waited out.
    QSet<QString> asked;
    for (const ReceivedRequest &r : f.server.requests())
        asked << r.path + QLatin1Char('?') + r.query;
    CHECK(asked.size() == f.server.requests().size());
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

    // The cursor: when the complete pass started (the clock's now), in Unix seconds.
    CHECK(f.account().syncCursor == QStringLiteral("1700000000"));

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
    // The feed is read back over the look-back window (14 days by default).
    const QString since = QStringLiteral("since=%1").arg(1'700'000'000 - 14 * 86400);
    const ReceivedRequest &feed = f.server.requests().at(before);
    CHECK(feed.path == QLatin1String("/v19.0/19292868552/feed"));
    CHECK(feed.query.contains(since));
    INFO(feed.query.toStdString());
    CHECK(QUrlQuery(feed.query).queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded) ==
          QLatin1String("id,message,created_time,updated_time,from"));
    CHECK(QUrlQuery(feed.query).queryItemValue(QStringLiteral("limit")) == QLatin1String("25"));
    // These posts are older than the window and carry no updated_time: no comments are read.
    CHECK(f.requestsTo(QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.first()), before).isEmpty());
    f.checkRequestsCarryTokenOnlyInHeader();
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
                                             "WHERE p.external_id = '45672463272_3527532723'"))
              .toString() == QLatin1String("Test Users"));
}

TEST_CASE("Messenger conversations are private, the page's own messages are outbound", "[graph]")
{
    // The RestFB conversation (two participants); the page is "Participant Two".
    GraphFixture f(Channel::Facebook, QStringLiteral("120042743874449"));
    f.serve(QStringLiteral("/v19.0/120042743874449/feed"), R"({"data":[]})");
    const QByteArray conversation = fileBytes(restFb("conversation.json"));
    f.serve(QStringLiteral("/v19.0/120042743874449/conversations"), "{\"data\":[" + conversation + "]}");
    // Its nested messages.paging.next (no older messages here; see the two-page test).
    f.serve(QStringLiteral("/t_id.378684585412435/messages"), R"({"data":[]})");

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
            CHECK(QUrlQuery(r.query).queryItemValue(QStringLiteral("fields"), QUrl::FullyDecoded) ==
                  QLatin1String("id,updated_time,messages{id,message,created_time,from,to}"));
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
    // No pass completed; the stored state resumes with the failed request.
    CHECK(f.cursor().sinceSec == 0);
    REQUIRE(f.cursor().inProgress());
    CHECK(f.cursor().pending.first().url.path() == QLatin1String("/v19.0/17846368219941692/comments"));
}

TEST_CASE("Truncated JSON stores nothing from that page and keeps the cursor, a rerun stores everything once",
          "[graph]")
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
    CHECK(f.cursor().sinceSec == 0);
    CHECK(f.cursor().inProgress());
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(*) FROM posts WHERE external_id LIKE '10158407654328553_%'"))
              .toInt() == 0);

    const SyncResult rerun = f.sync();
    INFO(rerun.error.toStdString());
    REQUIRE(rerun.ok);
    CHECK(rerun.postsAdded == 15);
    CHECK(f.postCount() == 20);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(DISTINCT external_id) FROM posts")).toInt() == 20);
    CHECK(f.account().syncCursor == QStringLiteral("1700000000"));
}

TEST_CASE("Graph code 190 marks the account as needing sign-in", "[graph]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    f.serveFile(QStringLiteral("/v19.0/19292868552/feed"), restFb("exampleErrorNew.json"), 400);
    const SyncResult result = f.sync();
    CHECK_FALSE(result.ok);
    CHECK(result.lastOutcome == OutcomeKind::AuthExpired);
    // Subcode 460, explained in plain words with what to do (test_token_problems has every body).
    CHECK(result.error.contains(QLatin1String("Facebook password of the person who signed in changed")));
    CHECK(result.error.contains(QLatin1String("account sign-in --channel facebook")));
    CHECK(result.error.contains(QLatin1String("(Meta error 190, subcode 460)")));
    CHECK(f.account().needsSignIn);
    CHECK(f.postCount() == 0);
    CHECK(f.server.requestCount(QStringLiteral("/v19.0/19292868552/conversations")) == 0);
    f.checkTokenNotStored(result);
}

TEST_CASE("Graph rate-limit codes 4, 17 and 32 surface as rate limited", "[graph]")
{
    const char *file =
        GENERATE("graph_code4_application_request_limit.json", "graph_code17_user_request_limit_RECONSTRUCTED.json",
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

namespace {

QJsonObject jsonFile(const QString &path) { return QJsonDocument::fromJson(fileBytes(path)).object(); }
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
QString graphTime(const char *isoUtc)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs(isoUtc), Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss+0000"));
}

// The python-facebook feed page with updated_time added (the field the connector asks for):
// the first post was last commented at `firstUpdated`, the others not since they were made.
QByteArray feedWithUpdatedTime(const char *firstUpdated)
{
    QJsonObject page = jsonFile(pyFb("posts_feed_fields_p1.json"));
    QJsonArray data = page.value(QStringLiteral("data")).toArray();
    for (int i = 0; i < data.size(); ++i) {
        QJsonObject post = data.at(i).toObject();
        post.insert(QStringLiteral("updated_time"),
                    i == 0 ? graphTime(firstUpdated) : post.value(QStringLiteral("created_time")));
        data.replace(i, post);
    }
    page.insert(QStringLiteral("data"), data);
    page.remove(QStringLiteral("paging"));
    return compact(page);
}

} // namespace

TEST_CASE("A new comment on an older post arrives in an incremental sync and a second sync adds nothing",
          "[graph][incremental]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    f.setLookbackDays(60); // the posts are from early July, the comments from mid-August
    const QString firstComments = QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.first());

    // Pass 1 on 13 August: the real comments page 1 as it was then (its next link not yet there).
    f.clock.setNowMs(utcMs("2021-08-13T00:00:00Z"));
    QJsonObject commentsThen = jsonFile(pyFb("comments_comments_p1.json"));
    commentsThen.insert(QStringLiteral("paging"), QJsonObject{});
    f.serve(QStringLiteral("/v19.0/19292868552/feed"), feedWithUpdatedTime("2021-08-12T18:30:51Z"));
    f.serve(firstComments, compact(commentsThen));
    for (int i = 1; i < kFeedPosts.size(); ++i)
        f.serve(QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.at(i)), R"({"data":[]})");
    f.serve(QStringLiteral("/v19.0/19292868552/conversations"), R"({"data":[]})");
    const SyncResult first = f.sync();
    INFO(first.error.toStdString());
    REQUIRE(first.ok);
    CHECK(first.postsAdded == 5 + 10);
    const qint64 pass1 = utcMs("2021-08-13T00:00:00Z") / 1000;
    CHECK(f.account().syncCursor == QString::number(pass1));

    // Pass 2 on 15 August: the feed (by creation time, nothing new) shows the first post
    // commented since; the comments edge answers with what came after the cursor (page 2).
    f.clock.setNowMs(utcMs("2021-08-15T00:00:00Z"));
    f.server.replace(QStringLiteral("/v19.0/19292868552/feed"),
                     CannedResponse::json(200, feedWithUpdatedTime("2021-08-14T07:24:42Z")));
    f.server.replace(firstComments, CannedResponse::json(200, f.local(fileBytes(pyFb("comments_comments_p2.json")))));
    int before = f.server.requests().size();
    const SyncResult second = f.sync();
    INFO(second.error.toStdString());
    REQUIRE(second.ok);
    CHECK(second.postsAdded == 5);
    CHECK(f.postCount() == 5 + 15);
    CHECK(f.threadOf(QStringLiteral("10158407654328553_10158414644018553")) == kFeedPosts.first());
    const qint64 threshold = pass1 - GraphConnector::kOverlapSec;
    const QList<ReceivedRequest> feed = f.requestsTo(QStringLiteral("/v19.0/19292868552/feed"), before);
    REQUIRE(feed.size() == 1);
    CHECK(QUrlQuery(feed.first().query).queryItemValue(QStringLiteral("since")) ==
          QString::number(qMin(threshold, utcMs("2021-08-15T00:00:00Z") / 1000 - 60 * 86400)));
    // Only the post whose updated_time moved is read again, newest comments first, since the cursor.
    const QList<ReceivedRequest> comments = f.requestsTo(firstComments, before);
    REQUIRE(comments.size() == 1);
    const QUrlQuery q(comments.first().query);
    CHECK(q.queryItemValue(QStringLiteral("since")) == QString::number(threshold));
    CHECK(q.queryItemValue(QStringLiteral("order")) == QLatin1String("reverse_chronological"));
    CHECK(q.queryItemValue(QStringLiteral("filter")) == QLatin1String("stream"));
    for (int i = 1; i < kFeedPosts.size(); ++i)
        CHECK(f.requestsTo(QStringLiteral("/v19.0/%1/comments").arg(kFeedPosts.at(i)), before).isEmpty());
    CHECK(f.account().syncCursor == QString::number(utcMs("2021-08-15T00:00:00Z") / 1000));

    // Pass 3: nothing commented since pass 2 began: no comments request, nothing new.
    f.clock.setNowMs(utcMs("2021-08-15T01:00:00Z"));
    before = f.server.requests().size();
    const SyncResult third = f.sync();
    REQUIRE(third.ok);
    CHECK(third.postsAdded == 0);
    CHECK(f.postCount() == 20);
    CHECK(f.requestsTo(firstComments, before).isEmpty());
    f.checkRequestsCarryTokenOnlyInHeader();
}

TEST_CASE("Instagram media inside the look-back window are read again and older ones are not", "[graph][incremental]")
{
    GraphFixture f(Channel::Instagram, QStringLiteral("17841400000000000"));
    const QString recent = QStringLiteral("17846368219941692");
    const QString old = QStringLiteral("17846368219900000");
    // Newest first, with a next page that an incremental pass must not need.
    const QByteArray media =
        R"({"data":[{"id":"17846368219941692","timestamp":"2020-05-30T08:00:00+0000"},)"
        R"({"id":"17846368219900000","timestamp":"2020-01-10T08:00:00+0000"}],)"
        R"("paging":{"cursors":{"after":"after"},"next":"https://graph.facebook.com/v19.0/17841400000000000/media?access_token=access_token&limit=25&after=after"}})";
    const QString mediaPath = QStringLiteral("/v19.0/17841400000000000/media");
    f.serve(mediaPath, media);
    f.serve(mediaPath, R"({"data":[]})"); // the next page
    f.clock.setNowMs(utcMs("2020-06-01T12:00:00Z"));
    f.serveFile(QStringLiteral("/v19.0/%1/comments").arg(recent), pyFb("ig_medias_comments_p1.json"));
    f.serveFile(QStringLiteral("/v11.0/%1/comments").arg(recent), pyFb("ig_medias_comments_p2.json"));
    f.serve(QStringLiteral("/v19.0/%1/comments").arg(old), R"({"data":[]})");
    const SyncResult first = f.sync();
    INFO(first.error.toStdString());
    REQUIRE(first.ok);
    CHECK(first.postsAdded == 4);
    CHECK(f.requestsTo(QStringLiteral("/v19.0/%1/comments").arg(old)).size() == 1); // a first pass reads all

    f.clock.setNowMs(utcMs("2020-06-02T12:00:00Z"));
    f.server.replace(mediaPath, CannedResponse::json(200, f.local(media)));
    f.serve(mediaPath, R"({"data":[]})");
    const int before = f.server.requests().size();
    const SyncResult second = f.sync();
    REQUIRE(second.ok);
    CHECK(second.postsAdded == 0);
    CHECK(f.requestsTo(QStringLiteral("/v19.0/%1/comments").arg(recent), before).size() == 1);
    CHECK(f.requestsTo(QStringLiteral("/v19.0/%1/comments").arg(old), before).isEmpty());
    // The media list went back past the window on its first page: its next page is not read.
    CHECK(f.requestsTo(mediaPath, before).size() == 1);
}

namespace {

// A second page of the RestFB conversation's messages: the python-facebook Messenger messages
// (real shape, from the `?ids=` form turned into a list), dated just before the first page.
QByteArray olderMessagesPage()
{
    const QJsonObject byId = jsonFile(pyFb("messages_messages_info.json"));
    QJsonArray data;
    const char *times[] = {"2012-04-10T17:30:00Z", "2012-04-10T17:20:00Z"};
    int i = 0;
    for (const QString &key : byId.keys()) {
        QJsonObject m = byId.value(key).toObject();
        m.insert(QStringLiteral("created_time"), graphTime(times[i++ % 2]));
        m.insert(QStringLiteral("message"), QStringLiteral("older message %1").arg(i));
        data.append(m);
    }
    return compact(QJsonObject{{QStringLiteral("data"), data}});
}

} // namespace

TEST_CASE("A Messenger conversation with two pages of messages is read entirely and then only to the cursor",
          "[graph][incremental]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("120042743874449"));
    f.clock.setNowMs(utcMs("2012-04-10T18:00:00Z"));
    f.serve(QStringLiteral("/v19.0/120042743874449/feed"), R"({"data":[]})");
    const QByteArray conversation = fileBytes(restFb("conversation.json"));
    f.serve(QStringLiteral("/v19.0/120042743874449/conversations"), "{\"data\":[" + conversation + "]}");
    const QString nested = QStringLiteral("/t_id.378684585412435/messages");
    f.serve(nested, olderMessagesPage());

    const SyncResult first = f.sync();
    INFO(first.error.toStdString());
    REQUIRE(first.ok);
    CHECK(first.postsAdded == 4);
    CHECK(
        scalar(*f.cache.db, QStringLiteral("SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id "
                                           "WHERE t.external_id = 't_id.378684585488220' AND p.visibility = 'private'"))
            .toInt() == 4);
    // The nested link went out without its token and without the Graph Explorer's JSONP callback.
    const QList<ReceivedRequest> paged = f.requestsTo(nested);
    REQUIRE(paged.size() == 1);
    CHECK(QUrlQuery(paged.first().query).queryItemValue(QStringLiteral("until")) == QLatin1String("1334079538"));
    CHECK_FALSE(paged.first().query.contains(QLatin1String("callback")));
    f.checkRequestsCarryTokenOnlyInHeader();
    f.checkTokenNotStored(first);

    // Later, two new messages push the old ones to the nested next page: that page is read (it
    // holds the new ones' predecessors) and paging stops there, at the cursor.
    f.clock.setNowMs(utcMs("2012-04-11T10:00:00Z"));
    QJsonObject conv = QJsonDocument::fromJson(conversation).object();
    QJsonObject messages = conv.value(QStringLiteral("messages")).toObject();
    QJsonArray fresh;
    const char *times[] = {"2012-04-11T09:10:00Z", "2012-04-11T09:05:00Z"};
    for (int i = 0; i < 2; ++i) {
        QJsonObject m = messages.value(QStringLiteral("data")).toArray().at(i).toObject();
        m.insert(QStringLiteral("id"), QStringLiteral("m_id.new%1").arg(i));
        m.insert(QStringLiteral("created_time"), graphTime(times[i]));
        fresh.append(m);
    }
    const QJsonArray oldPage = messages.value(QStringLiteral("data")).toArray();
    messages.insert(QStringLiteral("data"), fresh);
    conv.insert(QStringLiteral("messages"), messages);
    f.server.replace(
        QStringLiteral("/v19.0/120042743874449/conversations"),
        CannedResponse::json(200, f.local(compact(QJsonObject{{QStringLiteral("data"), QJsonArray{conv}}}))));
    QJsonObject page2{{QStringLiteral("data"), oldPage},
                      {QStringLiteral("paging"),
                       QJsonObject{{QStringLiteral("next"),
                                    f.base() + QStringLiteral("/t_id.378684585412435/messages3?access_token=x")}}}};
    f.server.replace(nested, CannedResponse::json(200, compact(page2)));
    const int before = f.server.requests().size();
    const SyncResult second = f.sync();
    INFO(second.error.toStdString());
    REQUIRE(second.ok);
    CHECK(second.postsAdded == 2);
    CHECK(f.requestsTo(nested, before).size() == 1);
    CHECK(f.requestsTo(QStringLiteral("/t_id.378684585412435/messages3")).isEmpty());
    CHECK(f.postField(QStringLiteral("m_id.new0"), "visibility") == QLatin1String("private"));
}

TEST_CASE("An interrupted sync resumes with the requests it had left and stores nothing twice", "[graph][incremental]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    serveFacebookPage(f);
    // Pages: feed p1, feed p2, conversations, comments p1 of the first post; then stop.
    const SyncResult stopped = f.sync(4);
    CHECK_FALSE(stopped.ok);
    CHECK(stopped.stopped);
    CHECK(f.postCount() == 5 + 10);
    const GraphCursor state = f.cursor();
    REQUIRE(state.inProgress());
    CHECK(state.startedSec == 1'700'000'000);
    CHECK(state.sinceSec == 0);
    REQUIRE(state.pending.size() == 5); // comments p2 of the first post, then the other four posts
    CHECK(state.pending.first().url.path() == QLatin1String("/v11.0/19292868552_10158407654328553/comments"));
    CHECK_FALSE(f.account().syncCursor.contains(QLatin1String("access_token")));
    CHECK_FALSE(f.account().syncCursor.contains(QLatin1String("127.0.0.1")));

    f.clock.advanceMs(3'600'000);
    const int before = f.server.requests().size();
    const SyncResult resumed = f.sync();
    INFO(resumed.error.toStdString());
    REQUIRE(resumed.ok);
    CHECK(resumed.postsAdded == 5);
    CHECK(resumed.postsAlreadyPresent == 0);
    CHECK(f.postCount() == 20);
    REQUIRE(f.server.requests().size() > before);
    CHECK(f.server.requests().at(before).path == QLatin1String("/v11.0/19292868552_10158407654328553/comments"));
    CHECK(f.requestsTo(QStringLiteral("/v19.0/19292868552/feed"), before).isEmpty());
    // The completed pass counts from when it began, before the interruption.
    CHECK(f.account().syncCursor == QStringLiteral("1700000000"));
    f.checkRequestsCarryTokenOnlyInHeader();
}

TEST_CASE("A malformed page in the middle stores nothing of that page and the rerun starts there",
          "[graph][incremental]")
{
    GraphFixture f(Channel::Facebook, QStringLiteral("19292868552"));
    serveFacebookPage(f);
    const QString page2 = QStringLiteral("/v11.0/19292868552_10158407654328553/comments");
    const QByteArray real = f.local(fileBytes(pyFb("comments_comments_p2.json")));
    f.server.replace(page2, CannedResponse::json(200, real.left(real.size() - 40)));

    const SyncResult broken = f.sync();
    CHECK_FALSE(broken.ok);
    CHECK(broken.error.contains(QLatin1String("nothing from this page was stored")));
    CHECK(f.postCount() == 5 + 10); // the pages before it
    CHECK(scalar(*f.cache.db,
                 QStringLiteral("SELECT COUNT(*) FROM posts WHERE external_id = '10158407654328553_10158414644018553'"))
              .toInt() == 0);
    REQUIRE(f.cursor().inProgress());
    CHECK(f.cursor().pending.first().url.path() == page2);

    f.server.replace(page2, CannedResponse::json(200, real));
    const int before = f.server.requests().size();
    const SyncResult rerun = f.sync();
    INFO(rerun.error.toStdString());
    REQUIRE(rerun.ok);
    CHECK(f.server.requests().at(before).path == page2);
    CHECK(rerun.postsAdded == 5);
    CHECK(f.postCount() == 20);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT COUNT(DISTINCT external_id) FROM posts")).toInt() == 20);
}

TEST_CASE("The Graph cursor reads the old plain form and round-trips its resumable form", "[graph]")
{
    CHECK(GraphCursor::parse(QStringLiteral("1628925882")).sinceSec == 1628925882);
    CHECK_FALSE(GraphCursor::parse(QStringLiteral("1628925882")).inProgress());
    CHECK(GraphCursor::parse(QString()).sinceSec == 0);
    GraphCursor c;
    c.sinceSec = 100;
    c.startedSec = 200;
    c.pending.append({GraphTask::Edge::ConversationMessages,
                      QUrl(QStringLiteral("http://127.0.0.1:1/t_1/messages?limit=25&after=x%2By")),
                      QStringLiteral("t_1"), 90});
    const GraphCursor back = GraphCursor::parse(c.toString());
    CHECK(back.sinceSec == 100);
    CHECK(back.startedSec == 200);
    REQUIRE(back.pending.size() == 1);
    CHECK(back.pending.first().edge == GraphTask::Edge::ConversationMessages);
    CHECK(back.pending.first().url.toString() == QLatin1String("/t_1/messages?limit=25&after=x%2By"));
    CHECK(back.pending.first().parentId == QLatin1String("t_1"));
    CHECK(back.pending.first().stopBeforeSec == 90);
    c.pending.clear();
    CHECK(c.toString() == QLatin1String("100"));
}

TEST_CASE("A stored Graph cursor keeps only tasks that are a path and a query", "[graph]")
{
    // What the connector writes is the path and query of each pending page. An entry with a host
    // of its own ("//host/x", a full URL), a fragment, no path or a relative path is not something it
    // wrote; resolved against the base URL it could send the token to another server. Each is
    // dropped, and what is kept writes back the same (the fuzzer found "//FIUk" kept when read,
    // then lost when written, so the cursor read back was no longer in progress).
    const QStringList refused{QStringLiteral("//FIUk"),
                              QStringLiteral("//evil.example/v19.0/1/feed"),
                              QStringLiteral("https://evil.example/v19.0/1/feed"),
                              QStringLiteral("http:/v19.0/1/feed"),
                              QStringLiteral("v19.0/1/feed"),
                              QStringLiteral("?after=x"),
                              QStringLiteral("/v19.0/1/feed#after"),
                              QString()};
    for (const QString &url : refused) {
        INFO(url.toStdString());
        const QJsonObject task{{QStringLiteral("edge"), QStringLiteral("feed")}, {QStringLiteral("url"), url}};
        const QJsonObject stored{{QStringLiteral("since"), 10},
                                 {QStringLiteral("started"), 20},
                                 {QStringLiteral("pending"), QJsonArray{task}}};
        const GraphCursor cursor =
            GraphCursor::parse(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
        CHECK(cursor.pending.isEmpty());
        CHECK_FALSE(cursor.inProgress());
        CHECK(cursor.sinceSec == 10);
    }
    const QJsonObject kept{{QStringLiteral("edge"), QStringLiteral("comments")},
                           {QStringLiteral("url"), QStringLiteral("/v19.0/1_2/comments?limit=25&after=a%2Bb")},
                           {QStringLiteral("parent"), QStringLiteral("1_2")}};
    const QJsonObject stored{{QStringLiteral("since"), 10},
                             {QStringLiteral("started"), 20},
                             {QStringLiteral("pending"), QJsonArray{kept}}};
    const GraphCursor cursor = GraphCursor::parse(QString::fromUtf8(QJsonDocument(stored).toJson()));
    REQUIRE(cursor.pending.size() == 1);
    const GraphCursor again = GraphCursor::parse(cursor.toString());
    REQUIRE(again.pending.size() == 1);
    CHECK(again.pending.first().url == cursor.pending.first().url);
    CHECK(again.toString() == cursor.toString());
}

// parseGraphPage: the connector's page reading on its own, no server and no database.
namespace {

const QString kPageId = QStringLiteral("120042743874449");

GraphPageContext pageContext(Channel channel = Channel::Facebook, qint64 thresholdSec = 0)
{
    GraphPageContext c;
    c.channel = channel;
    c.accountId = kPageId;
    c.thresholdSec = thresholdSec;
    c.activeSinceSec = thresholdSec;
    c.base = QUrl(QStringLiteral("https://graph.facebook.com/"));
    c.version = QStringLiteral("v19.0");
    c.pageSize = 25;
    c.token = kToken;
    return c;
}

GraphTask pageTask(GraphTask::Edge edge, const QString &parent = QString())
{
    const GraphPageContext c = pageContext();
    return {edge, graphEdgeUrl(c, parent.isEmpty() ? kPageId : parent, QStringLiteral("edge"), {}, 0), parent, 0};
}

// One item of each edge that the parser keeps as a post or a child request.
QJsonObject itemOf(GraphTask::Edge edge, int n)
{
    const QString id = QStringLiteral("%1_%2").arg(kPageId).arg(1000 + n);
    QJsonObject item{{QStringLiteral("id"), id}};
    const QString time = graphTime("2024-03-01T10:00:00Z");
    switch (edge) {
    case GraphTask::Edge::IgMedia:
    case GraphTask::Edge::IgComments:
        item.insert(QStringLiteral("timestamp"), time);
        item.insert(QStringLiteral("text"), QStringLiteral("ciao %1").arg(n));
        break;
    default:
        item.insert(QStringLiteral("created_time"), time);
        item.insert(QStringLiteral("updated_time"), time); // a conversation's only time
        item.insert(QStringLiteral("message"), QStringLiteral("ciao %1").arg(n));
    }
    return item;
}

QString hostOf(const GraphTask &t) { return t.url.host(); }

} // namespace

TEST_CASE("parseGraphPage follows a paging link only on the base URL's server, without its token", "[graph][page]")
{
    const GraphPageContext context = pageContext();
    for (const auto edge : {GraphTask::Edge::Feed, GraphTask::Edge::PostComments, GraphTask::Edge::Conversations,
                            GraphTask::Edge::ConversationMessages, GraphTask::Edge::IgMedia,
                            GraphTask::Edge::IgComments}) {
        const bool parented = edge == GraphTask::Edge::PostComments || edge == GraphTask::Edge::IgComments ||
                              edge == GraphTask::Edge::ConversationMessages;
        GraphTask task = pageTask(edge, parented ? QStringLiteral("%1_77").arg(kPageId) : QString());
        task.stopBeforeSec = 1234;
        const auto pageWith = [&](const QString &next, bool withItems = true) {
            QJsonArray data;
            if (withItems)
                data = QJsonArray{itemOf(edge, 1), itemOf(edge, 2)};
            return QJsonObject{{QStringLiteral("data"), data},
                               {QStringLiteral("paging"), QJsonObject{{QStringLiteral("next"), next}}}};
        };
        INFO("edge " << int(edge));

        const GraphPage ours = parseGraphPage(
            context, task,
            pageWith(QStringLiteral("https://graph.facebook.com/v19.0/x/edge?access_token=%1&callback=cb&after=QVFI")
                         .arg(kToken)));
        REQUIRE(ours.next.size() == 1);
        const GraphTask &next = ours.next.first();
        CHECK(next.edge == edge);
        CHECK(next.parentId == task.parentId);
        CHECK(next.stopBeforeSec == task.stopBeforeSec);
        CHECK(hostOf(next) == QLatin1String("graph.facebook.com"));
        CHECK(QUrlQuery(next.url).queryItemValue(QStringLiteral("after")) == QLatin1String("QVFI"));
        CHECK_FALSE(QUrlQuery(next.url).hasQueryItem(QStringLiteral("access_token")));
        CHECK_FALSE(QUrlQuery(next.url).hasQueryItem(QStringLiteral("callback")));
        CHECK(ours.partialErrors.isEmpty());

        // Another host, another scheme, another port: not followed, and said once.
        for (const char *elsewhere : {"https://evil.example/v19.0/x/edge?after=QVFI",
                                      "http://graph.facebook.com/v19.0/x/edge?after=QVFI",
                                      "https://graph.facebook.com:8443/v19.0/x/edge?after=QVFI", "/v19.0/x/edge"}) {
            INFO(elsewhere);
            const GraphPage theirs = parseGraphPage(context, task, pageWith(QLatin1String(elsewhere)));
            CHECK(theirs.next.isEmpty());
            REQUIRE(theirs.partialErrors.size() == 1);
            CHECK(theirs.partialErrors.first().contains(QLatin1String("another server")));
            CHECK(theirs.times.size() == 2); // the items are read all the same
        }

        // An empty page ends paging whatever its link says.
        const GraphPage empty =
            parseGraphPage(context, task, pageWith(QStringLiteral("https://graph.facebook.com/v19.0/x/edge"), false));
        CHECK(empty.next.isEmpty());
        CHECK(empty.posts.isEmpty());
        CHECK(empty.partialErrors.isEmpty());
    }
}

TEST_CASE("parseGraphPage: a feed page gives public posts and one comments request per active post", "[graph][page]")
{
    const QByteArray body = fileBytes(pyFb("posts_feed_fields_p1.json"));
    const Result<GraphPage> page = parseGraphPage(pageContext(), pageTask(GraphTask::Edge::Feed), body);
    REQUIRE(page.ok());
    const QJsonArray data = QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).toArray();
    REQUIRE(page->posts.size() == data.size());
    REQUIRE(page->children.size() == data.size()); // a first pass reads every post's comments
    REQUIRE(page->times.size() == data.size());
    for (int i = 0; i < data.size(); ++i) {
        const PostRecord &p = page->posts.at(i);
        const QString id = data.at(i).toObject().value(QStringLiteral("id")).toString();
        CHECK(p.postExternalId == id);
        CHECK(p.threadExternalId == id);
        CHECK(p.visibility == Visibility::Public);
        CHECK(p.direction == Direction::Inbound); // no "from": the shared unknown author
        CHECK(p.author.externalId == QLatin1String("unknown"));
        const GraphTask &child = page->children.at(i);
        CHECK(child.edge == GraphTask::Edge::PostComments);
        CHECK(child.parentId == id);
        CHECK(child.url.toString(QUrl::FullyEncoded).startsWith(QStringLiteral("https://graph.facebook.com/v19.0/") +
                                                                 id + QStringLiteral("/comments?")));
        CHECK(QUrlQuery(child.url).queryItemValue(QStringLiteral("limit")) == QLatin1String("25"));
        if (i > 0)
            CHECK(page->times.at(i) <= page->times.at(i - 1));
    }
    // Its real next link, once on graph.facebook.com, is followed without the token.
    REQUIRE(page->next.size() == 1);
    CHECK_FALSE(page->next.first().url.toString().contains(QLatin1String("access_token")));
}

TEST_CASE("parseGraphPage: conversations give private messages and nested next pages after the page's own",
          "[graph][page]")
{
    // Two real conversations (the second a copy with other ids), each with a nested next page.
    const QJsonObject first = jsonFile(restFb("conversation.json"));
    QJsonObject second = first;
    second.insert(QStringLiteral("id"), QStringLiteral("t_id.2"));
    QJsonObject messages = second.value(QStringLiteral("messages")).toObject();
    QJsonArray renamed;
    for (const QJsonValue &m : messages.value(QStringLiteral("data")).toArray()) {
        QJsonObject o = m.toObject();
        o.insert(QStringLiteral("id"), o.value(QStringLiteral("id")).toString() + QStringLiteral(".2"));
        renamed.append(o);
    }
    messages.insert(QStringLiteral("data"), renamed);
    QJsonObject paging = messages.value(QStringLiteral("paging")).toObject();
    paging.insert(QStringLiteral("next"), QStringLiteral("https://graph.facebook.com/t_id.2/messages?limit=25"));
    messages.insert(QStringLiteral("paging"), paging);
    second.insert(QStringLiteral("messages"), messages);
    const QJsonObject root{
        {QStringLiteral("data"), QJsonArray{first, second}},
        {QStringLiteral("paging"),
         QJsonObject{{QStringLiteral("next"), QStringLiteral("https://graph.facebook.com/v19.0/p/conversations?after=C")}}}};

    const GraphTask task = pageTask(GraphTask::Edge::Conversations);
    const GraphPage page = parseGraphPage(pageContext(), task, root);
    const int nestedCount = first.value(QStringLiteral("messages")).toObject().value(QStringLiteral("data")).toArray().size();
    REQUIRE(page.posts.size() == 2 * nestedCount);
    for (const PostRecord &p : page.posts) {
        CHECK(p.visibility == Visibility::Private);
        CHECK((p.threadExternalId == QLatin1String("t_id.378684585488220") || p.threadExternalId == QLatin1String("t_id.2")));
        CHECK(p.direction == (p.author.externalId == kPageId ? Direction::Outbound : Direction::Inbound));
    }
    CHECK(page.times.size() == 2); // the conversations' updated_time, not their messages'
    // The page's next link first, then the nested pages, the last conversation's first: each
    // conversation is read to its end before the next one.
    REQUIRE(page.next.size() == 3);
    CHECK(page.next.at(0).edge == GraphTask::Edge::Conversations);
    CHECK(page.next.at(0).url.path() == QLatin1String("/v19.0/p/conversations"));
    CHECK(page.next.at(1).edge == GraphTask::Edge::ConversationMessages);
    CHECK(page.next.at(1).parentId == QLatin1String("t_id.2"));
    CHECK(page.next.at(2).parentId == QLatin1String("t_id.378684585488220"));
    for (const GraphTask &t : page.next) {
        CHECK(hostOf(t) == QLatin1String("graph.facebook.com"));
        CHECK_FALSE(QUrlQuery(t.url).hasQueryItem(QStringLiteral("access_token")));
        CHECK_FALSE(QUrlQuery(t.url).hasQueryItem(QStringLiteral("callback")));
    }
    CHECK(page.children.isEmpty());
    CHECK(page.partialErrors.isEmpty());

    // A nested link on another server is reported, and the messages read are kept.
    QJsonObject elsewhere = first;
    QJsonObject m = elsewhere.value(QStringLiteral("messages")).toObject();
    m.insert(QStringLiteral("paging"),
             QJsonObject{{QStringLiteral("next"), QStringLiteral("https://evil.example/t/messages")}});
    elsewhere.insert(QStringLiteral("messages"), m);
    const GraphPage other =
        parseGraphPage(pageContext(), task, QJsonObject{{QStringLiteral("data"), QJsonArray{elsewhere}}});
    CHECK(other.posts.size() == nestedCount);
    CHECK(other.next.isEmpty());
    REQUIRE(other.partialErrors.size() == 1);
    CHECK(other.partialErrors.first().contains(QLatin1String("evil.example")));
}

TEST_CASE("parseGraphPage: a comment without an id is named by its permalink, or skipped and reported",
          "[graph][page]")
{
    const QString post = QStringLiteral("%1_555").arg(kPageId);
    for (const auto edge : {GraphTask::Edge::PostComments, GraphTask::Edge::IgComments}) {
        INFO("edge " << int(edge));
        const GraphTask task = pageTask(edge, post);
        const auto comment = [](const QString &permalink) {
            return QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")},
                               {QStringLiteral("permalink_url"), permalink}};
        };
        const QJsonArray data{
            comment(QStringLiteral("https://www.facebook.com/%1/posts/555/?comment_id=81").arg(kPageId)),
            comment(QStringLiteral("https://www.facebook.com/%1/posts/555/?comment_id=81&reply_comment_id=82")
                        .arg(kPageId)),
            comment(QStringLiteral("https://www.facebook.com/photo.php?fbid=9&comment_id=83")), // no posts/ segment
            comment(QStringLiteral("https://www.facebook.com/%1/posts/555/").arg(kPageId)),     // nothing names it
            QJsonObject{{QStringLiteral("message"), QStringLiteral("no link at all")}},
        };
        const GraphPage page = parseGraphPage(pageContext(), task, QJsonObject{{QStringLiteral("data"), data}});
        REQUIRE(page.posts.size() == 3);
        CHECK(page.posts.at(0).postExternalId == QLatin1String("555_81"));
        CHECK(page.posts.at(0).inReplyTo == post);
        CHECK(page.posts.at(1).postExternalId == QLatin1String("555_82"));
        CHECK(page.posts.at(1).inReplyTo == QLatin1String("555_81"));
        CHECK(page.posts.at(2).postExternalId == QLatin1String("555_83")); // the task's object part
        for (const PostRecord &p : page.posts)
            CHECK(p.threadExternalId == post);
        REQUIRE(page.partialErrors.size() == 2);
        for (const QString &e : page.partialErrors)
            CHECK(e.contains(QLatin1String("without an id")));
    }
}

TEST_CASE("parseGraphPage: error objects become partial errors without the token, the other items are kept",
          "[graph][page]")
{
    const QJsonObject error{{QStringLiteral("code"), 10},
                            {QStringLiteral("message"), QStringLiteral("Permission denied for token %1").arg(kToken)}};
    for (const auto edge : {GraphTask::Edge::Feed, GraphTask::Edge::PostComments, GraphTask::Edge::Conversations,
                            GraphTask::Edge::ConversationMessages, GraphTask::Edge::IgMedia,
                            GraphTask::Edge::IgComments}) {
        INFO("edge " << int(edge));
        const GraphTask task = pageTask(edge, QStringLiteral("%1_9").arg(kPageId));
        const QJsonObject root{{QStringLiteral("data"), QJsonArray{itemOf(edge, 1),
                                                                   QJsonObject{{QStringLiteral("error"), error}},
                                                                   itemOf(edge, 2)}},
                               {QStringLiteral("error"), error}};
        const GraphPage page = parseGraphPage(pageContext(), task, root);
        REQUIRE(page.partialErrors.size() == 2); // the page's error, then the item's
        for (const QString &e : page.partialErrors) {
            CHECK(e.contains(QLatin1String("(#10) Permission denied")));
            CHECK(e.contains(QLatin1String("REDACTED")));
            CHECK_FALSE(e.contains(kToken));
        }
        CHECK(page.times.size() == 2);
    }
}

TEST_CASE("parseGraphPage on a body: anything but a JSON object with a data list is refused", "[graph][page]")
{
    const GraphTask task = pageTask(GraphTask::Edge::Feed);
    for (const char *body : {"", "null", "[]", "{\"data\":{}}", "{\"error\":{\"code\":1}}", "{\"data\":[", "\xff"}) {
        INFO(body);
        const Result<GraphPage> page = parseGraphPage(pageContext(), task, QByteArray(body));
        REQUIRE_FALSE(page.ok());
        CHECK(page.errorKind() == ErrorKind::Corrupt);
        CHECK(page.error().contains(QLatin1String("\"data\"")));
    }
    const Result<GraphPage> empty = parseGraphPage(pageContext(), task, QByteArrayLiteral("{\"data\":[]}"));
    REQUIRE(empty.ok());
    CHECK(empty->posts.isEmpty());
}
