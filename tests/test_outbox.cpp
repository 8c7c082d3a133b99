// The outbox against fake platforms on a local HTTP server: delivery of each kind per channel,
// retries and backoff, rate limits, expired tokens, duplicates, the read-back that keeps a reply
// from being doubled across a dropped connection and a restart, the offline checks, and the
// agent's actions. Real bodies from ../shared/data/ where they exist.
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/Credential.h"
#include "accounts/RenewingTokenStore.h"
#include "accounts/TokenStore.h"
#include "ingest/Ingestor.h"
#include "outbox/ChannelPublisher.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "storage/Sql.h"
#include "triage/TriageService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <functional>
#include <memory>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

const QString kXAccount = QStringLiteral("2222222222");
const QString kPage = QStringLiteral("245628824887810"); // the page in the python-facebook fixtures
const QString kIgUser = QStringLiteral("17841400000000000");
const QByteArray kToken = "OUTBOX-TOKEN-9b7c2e11f0";

QString dataFile(const char *folder, const char *name)
{
    return sharedDataDir() + QLatin1Char('/') + QLatin1String(folder) + QLatin1Char('/') + QLatin1String(name);
}

QString isoAt(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }

QByteArray cacheBytes(const QString &path)
{
    QByteArray bytes = fileBytes(path);
    if (QFile::exists(path + QStringLiteral("-wal")))
        bytes += fileBytes(path + QStringLiteral("-wal"));
    return bytes;
}

// X API v2 as far as the outbox uses it: tweets created by POST /2/tweets (refusing duplicate
// text, as X does), DMs, the target lookup and the account's timeline.
struct FakeX {
    struct Tweet {
        QString id, text, replyTo;
        qint64 at = 0;
    };
    enum class Mode { Normal, CreateThenDrop, CreateThenHang };
    const Clock &clock;
    QVector<Tweet> tweets; // the company's replies on the platform
    int created = 0;
    Mode mode = Mode::Normal;
    bool targetDeleted = false;
    QList<CannedResponse> nextPostAnswers; // answered instead of creating (errors)
    QList<CannedResponse> nextGetAnswers;  // answered instead of reading
    int nextId = 1800000000;
    bool xStyleText = false;      // answer text as X shows it: HTML-escaped, links rewritten to t.co
    int pageSize = 100;           // the timeline's max_results
    int readDelayMs = 0;          // a slow read-back
    std::function<void()> onRead; // runs when a read-back request arrives

    explicit FakeX(const Clock &c) : clock(c) {}

    QString shown(QString text) const
    {
        if (!xStyleText)
            return text;
        text.replace(QRegularExpression(QStringLiteral("https?://\\S+")), QStringLiteral("https://t.co/AbC123xyz"));
        return text.replace(QLatin1Char('&'), QLatin1String("&amp;"))
            .replace(QLatin1Char('<'), QLatin1String("&lt;"))
            .replace(QLatin1Char('>'), QLatin1String("&gt;"));
    }

    CannedResponse handle(const ReceivedRequest &r)
    {
        if (r.method == "POST") {
            if (!nextPostAnswers.isEmpty())
                return nextPostAnswers.takeFirst();
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            const QString text = body.value(QLatin1String("text")).toString();
            const bool dm = r.path.contains(QLatin1String("dm_conversations"));
            bool duplicate = false;
            for (const Tweet &t : tweets)
                duplicate = duplicate || t.text == text;
            CannedResponse answer;
            if (duplicate) {
                answer = CannedResponse::json(
                    403,
                    R"({"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403})");
            } else {
                ++created;
                Tweet t{QString::number(++nextId), text,
                        body.value(QLatin1String("reply"))
                            .toObject()
                            .value(QLatin1String("in_reply_to_tweet_id"))
                            .toString(),
                        clock.nowMs()};
                tweets.append(t);
                answer =
                    dm ? CannedResponse::json(
                             201,
                             QStringLiteral(R"({"data":{"dm_conversation_id":"9999-2222222222","dm_event_id":"%1"}})")
                                 .arg(t.id)
                                 .toUtf8())
                       : CannedResponse::json(
                             201, QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                                             QJsonObject{{QStringLiteral("id"), t.id},
                                                                         {QStringLiteral("text"), t.text}}}})
                                      .toJson());
            }
            if (mode == Mode::CreateThenDrop)
                answer.fault = CannedResponse::Fault::DropAfterRequest;
            else if (mode == Mode::CreateThenHang)
                answer.delayMs = 60'000;
            return answer;
        }
        if (onRead)
            onRead();
        if (!nextGetAnswers.isEmpty())
            return nextGetAnswers.takeFirst();
        if (r.path.endsWith(QLatin1String("/dm_events"))) {
            QJsonArray data;
            for (const Tweet &t : tweets)
                data.append(QJsonObject{{QStringLiteral("id"), t.id},
                                        {QStringLiteral("text"), t.text},
                                        {QStringLiteral("event_type"), QStringLiteral("MessageCreate")},
                                        {QStringLiteral("sender_id"), kXAccount},
                                        {QStringLiteral("created_at"), isoAt(t.at)}});
            return CannedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson());
        }
        if (r.path == QLatin1String("/2/users/") + kXAccount + QLatin1String("/tweets")) {
            // Newest first, pageSize a page, next_token = the offset of the next page.
            const int offset = QUrlQuery(r.query).queryItemValue(QStringLiteral("pagination_token")).toInt();
            QJsonArray data;
            for (int i = int(tweets.size()) - 1 - offset; i >= 0 && data.size() < pageSize; --i) {
                const Tweet &t = tweets.at(i);
                data.append(QJsonObject{{QStringLiteral("id"), t.id},
                                        {QStringLiteral("text"), QStringLiteral("@customer ") + shown(t.text)},
                                        {QStringLiteral("author_id"), kXAccount},
                                        {QStringLiteral("created_at"), isoAt(t.at)},
                                        {QStringLiteral("referenced_tweets"),
                                         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("replied_to")},
                                                                {QStringLiteral("id"), t.replyTo}}}}});
            }
            QJsonObject meta{{QStringLiteral("result_count"), data.size()}};
            if (offset + data.size() < tweets.size())
                meta.insert(QStringLiteral("next_token"), QString::number(offset + data.size()));
            QJsonObject root{{QStringLiteral("meta"), meta}};
            if (!data.isEmpty())
                root.insert(QStringLiteral("data"), data);
            CannedResponse answer = CannedResponse::json(200, QJsonDocument(root).toJson());
            answer.delayMs = readDelayMs;
            return answer;
        }
        if (r.path.startsWith(QLatin1String("/2/tweets/"))) {
            const QString id = r.path.section(QLatin1Char('/'), -1);
            if (targetDeleted)
                return CannedResponse::json(
                    200,
                    QStringLiteral(
                        R"({"errors":[{"value":"%1","detail":"Could not find tweet with id: [%1].","title":"Not Found Error","resource_type":"tweet","parameter":"id","resource_id":"%1","type":"https://api.twitter.com/2/problems/resource-not-found"}]})")
                        .arg(id)
                        .toUtf8());
            // The X docs' lookup example is the target of most tests.
            if (id == QLatin1String("1234567891"))
                return CannedResponse::jsonFile(
                    200, dataFile("x_api_v2_docs_examples", "tweet_lookup_reply_with_conversation_id.json"));
            return CannedResponse::json(200, QStringLiteral(R"({"data":{"id":"%1","text":"Salve"}})").arg(id).toUtf8());
        }
        return CannedResponse::json(404, R"({"title":"Not Found"})");
    }
};

// The Graph API as far as the outbox uses it: comments and replies on objects, page messages.
// Like the real Graph, it creates a comment for every POST (no duplicate refusal).
struct FakeGraph {
    struct Comment {
        QString id, text, from;
        qint64 at = 0;
    };
    const Clock &clock;
    QHash<QString, QVector<Comment>> comments; // by object id
    QSet<QString> deleted;
    int created = 0;
    bool hang = false;
    bool dropAfterCreate = false; // the comment is created, then the connection drops unanswered
    QList<CannedResponse> nextPostAnswers;
    QList<CannedResponse> nextGetAnswers;
    int nextId = 500;
    bool firstFromFixture = true;

    explicit FakeGraph(const Clock &c) : clock(c) {}

    CannedResponse handle(const ReceivedRequest &r)
    {
        const QStringList parts = r.path.split(QLatin1Char('/'), Qt::SkipEmptyParts); // v19.0, object, edge
        const QString object = parts.value(1);
        const QString edge = parts.value(2);
        if (r.method == "POST") {
            if (!nextPostAnswers.isEmpty())
                return nextPostAnswers.takeFirst();
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            ++created;
            CannedResponse answer;
            if (edge == QLatin1String("messages")) {
                const QString id = QStringLiteral("m_%1").arg(++nextId);
                const QString conv = QStringLiteral("t_conv1");
                comments[conv].append(
                    {id, body.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(),
                     object, clock.nowMs()});
                answer = CannedResponse::json(
                    200, QStringLiteral(R"({"recipient_id":"6000","message_id":"%1"})").arg(id).toUtf8());
            } else if (firstFromFixture && edge == QLatin1String("comments")) {
                // The real answer to creating a comment (python-facebook test data).
                firstFromFixture = false;
                answer = CannedResponse::jsonFile(
                    200, dataFile("meta_graph_python_facebook_testdata", "comments_create_resp.json"));
                comments[object].append({QStringLiteral("245778718206154_229887283291835"),
                                         body.value(QLatin1String("message")).toString(), kPage, clock.nowMs()});
            } else {
                const QString id = QStringLiteral("c_%1").arg(++nextId);
                comments[object].append({id, body.value(QLatin1String("message")).toString(),
                                         object.startsWith(QLatin1String("ig")) ? kIgUser : kPage, clock.nowMs()});
                answer = CannedResponse::json(200, QStringLiteral(R"({"id":"%1"})").arg(id).toUtf8());
            }
            if (hang)
                answer.delayMs = 60'000;
            if (dropAfterCreate)
                answer.fault = CannedResponse::Fault::DropAfterRequest;
            return answer;
        }
        if (!nextGetAnswers.isEmpty())
            return nextGetAnswers.takeFirst();
        if (deleted.contains(object))
            return CannedResponse::json(
                400,
                R"({"error":{"message":"Unsupported get request. Object with ID 'x' does not exist, cannot be loaded due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbC"}})");
        QJsonArray data;
        for (const Comment &c : comments.value(object)) {
            const bool ig = edge == QLatin1String("replies");
            QJsonObject item{
                {QStringLiteral("id"), c.id},
                {ig ? QStringLiteral("text") : QStringLiteral("message"), c.text},
                {ig ? QStringLiteral("timestamp") : QStringLiteral("created_time"),
                 QDateTime::fromMSecsSinceEpoch(c.at, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss+0000"))},
                {QStringLiteral("from"),
                 QJsonObject{{QStringLiteral("id"), c.from}, {QStringLiteral("name"), QStringLiteral("Page")}}}};
            data.append(item);
        }
        return CannedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson());
    }
};

struct Fixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    TempCache cache;
    MemoryTokenStore tokens;
    Agent agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")};
    FakeX x{clock};
    FakeGraph graph{clock};
    std::unique_ptr<OutboxDispatcher> dispatcher;
    QStringList errorsSeen;

    Fixture()
    {
        REQUIRE(server.listening());
        server.setHandler(QStringLiteral("/2/"), [this](const ReceivedRequest &r) { return x.handle(r); });
        server.setHandler(QStringLiteral("/v19.0/"), [this](const ReceivedRequest &r) { return graph.handle(r); });
        makeDispatcher();
    }

    // Where the dispatcher reads tokens: the plain store, or one that renews them.
    accounts::TokenStore *tokenSource = &tokens;

    void makeDispatcher()
    {
        dispatcher = std::make_unique<OutboxDispatcher>(*cache.db, &nam, *tokenSource, clock);
        dispatcher->setAutoSchedule(false);
        RetryPolicy retry;
        retry.baseDelayMs = 1000;
        retry.rateLimitBaseMs = 60'000;
        dispatcher->setRetryPolicy(retry);
        dispatcher->setTimeoutMs(3000);
        dispatcher->setRandomSource([] { return 0.5; }); // no jitter: exact waits
    }

    // The process stops: dispatcher and database closed; then the cache file is opened again.
    void restart()
    {
        dispatcher.reset();
        cache.db.reset();
        auto reopened = openCache(cache.path);
        INFO(reopened.error().toStdString());
        REQUIRE(reopened.ok());
        cache.db = std::move(reopened).value();
        makeDispatcher();
    }

    Account addAccount(Channel channel, const QString &id)
    {
        AccountStore store(*cache.db);
        const QString base = channel == Channel::X ? server.url(QStringLiteral("/2")).toString()
                                                   : server.url(QStringLiteral("/")).toString();
        auto added = store.add(channel, id, base, QString(), 1000);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
        REQUIRE(tokens.write(added->tokenKey(), QString::fromLatin1(kToken)).ok());
        return *added;
    }

    PostRecord customerPost(Channel channel, const QString &thread, const QString &id, const QString &inReplyTo,
                            Visibility visibility, const QString &authorId, qint64 at)
    {
        PostRecord p;
        p.channel = channel;
        p.threadExternalId = thread;
        p.postExternalId = id;
        p.inReplyTo = inReplyTo;
        p.author = {authorId, QStringLiteral("customer"), QStringLiteral("Mario Bianchi"), 10};
        p.visibility = visibility;
        p.createdAtMs = at;
        p.text = QStringLiteral("Buongiorno, la polizza n. 1234567 non risulta attiva, sinistro 2023/SX/04512");
        return p;
    }

    qint64 threadId(Channel channel, const QString &externalId)
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE channel = '%1' AND external_id = '%2'")
                                     .arg(toId(channel), externalId))
            .toLongLong();
    }

    QString decide(Channel channel, const QString &thread, DecisionKind kind, const QString &text, bool offline = false,
                   std::optional<Category> category = std::nullopt)
    {
        TriageService triage(*cache.db, clock, agent);
        DecisionRequest request;
        request.threadId = threadId(channel, thread);
        request.kind = kind;
        request.text = text;
        request.decidedOffline = offline;
        request.category = category;
        auto outcome = triage.decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return outcome->outboxId;
    }

    // The Facebook thread used by many tests: comment 1_5 on the page's post, a second ago, and a
    // public reply to it decided; returns the outbox entry.
    QString facebookReply(const QString &text, bool offline = false, qint64 commentAgeMs = 1000)
    {
        addAccount(Channel::Facebook, kPage);
        const QString postId = kPage + QStringLiteral("_1");
        ingest(*cache.db, {customerPost(Channel::Facebook, postId, QStringLiteral("1_5"), postId, Visibility::Public,
                                        QStringLiteral("7001"), clock.nowMs() - commentAgeMs)});
        return decide(Channel::Facebook, postId, DecisionKind::ReplyPublic, text, offline);
    }

    // The X mention used by most tests: the docs' reply example is the customer's post.
    void xThread()
    {
        addAccount(Channel::X, kXAccount);
        ingest(*cache.db, {customerPost(Channel::X, QStringLiteral("1234567890"), QStringLiteral("1234567891"),
                                        QStringLiteral("1234567890"), Visibility::Public, QStringLiteral("2244994945"),
                                        clock.nowMs() - 3'600'000)});
    }

    DrainSummary drain()
    {
        QSignalSpy spy(dispatcher.get(), &OutboxDispatcher::drained);
        dispatcher->drain();
        if (spy.isEmpty())
            REQUIRE(spy.wait(10'000));
        const DrainSummary summary = spy.takeFirst().at(0).value<DrainSummary>();
        errorsSeen << summary.errors;
        return summary;
    }

    OutboxEntry entry(const QString &id)
    {
        auto e = OutboxStore(*cache.db, clock).find(id);
        INFO(e.error().toStdString());
        REQUIRE(e.ok());
        errorsSeen << e->lastError;
        return *e;
    }

    int posts(const QString &pathPrefix, const QByteArray &method = "POST") const
    {
        int n = 0;
        for (const auto &r : server.requests())
            n += r.method == method && r.path.startsWith(pathPrefix) ? 1 : 0;
        return n;
    }
};

} // namespace

TEST_CASE("X public reply and direct message are delivered and stored as outbound posts", "[outbox][x]")
{
    Fixture f;
    f.xThread();
    const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                QStringLiteral("Ci scriva in privato il numero di polizza, grazie."));
    const DrainSummary s = f.drain();
    CHECK(s.delivered == 1);
    CHECK(s.waiting == 0);
    const OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    CHECK(e.attempts == 1);
    CHECK(e.remoteId == f.x.tweets.value(0).id);
    CHECK(e.deliveredAtMs == f.clock.nowMs());
    REQUIRE(f.server.requests().size() == 1);
    const ReceivedRequest &post = f.server.requests().first();
    CHECK(post.path == QStringLiteral("/2/tweets"));
    CHECK(post.header("authorization") == "Bearer " + kToken);
    const QJsonObject body = QJsonDocument::fromJson(post.body).object();
    CHECK(body.value(QStringLiteral("reply")).toObject().value(QStringLiteral("in_reply_to_tweet_id")).toString() ==
          QStringLiteral("1234567891"));
    // The reply is in the cache as the company's post, so the next sync does not add it again.
    CHECK(scalar(*f.cache.db,
                 QStringLiteral(
                     "SELECT direction || ' ' || visibility || ' ' || in_reply_to FROM posts WHERE external_id = '%1'")
                     .arg(e.remoteId))
              .toString() == QStringLiteral("outbound public 1234567891"));

    // Private: a direct message to the customer.
    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567895"), QStringLiteral("1234567895"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 60'000)});
    const QString dm = f.decide(Channel::X, QStringLiteral("1234567895"), DecisionKind::ReplyPrivate,
                                QStringLiteral("Le scriviamo in DM."));
    CHECK(f.drain().delivered == 1);
    CHECK(f.server.requests().last().path == QStringLiteral("/2/dm_conversations/with/2244994945/messages"));
    CHECK(f.entry(dm).remoteId == f.x.tweets.last().id);
    CHECK(scalar(*f.cache.db,
                 QStringLiteral("SELECT visibility FROM posts WHERE external_id = '%1'").arg(f.entry(dm).remoteId))
              .toString() == QStringLiteral("private"));
}

TEST_CASE("Facebook comment reply, Messenger message, private reply to a comment and Instagram reply",
          "[outbox][graph]")
{
    Fixture f;
    f.addAccount(Channel::Facebook, kPage);
    f.addAccount(Channel::Instagram, kIgUser);
    const qint64 at = f.clock.nowMs() - 600'000;
    const QString postId = kPage + QStringLiteral("_245778718206154");
    ingest(*f.cache.db,
           {
               f.customerPost(Channel::Facebook, postId, QStringLiteral("245778718206154_111"), postId,
                              Visibility::Public, QStringLiteral("7001"), at),
               f.customerPost(Channel::Facebook, QStringLiteral("t_conv1"), QStringLiteral("m_in1"), QString(),
                              Visibility::Private, QStringLiteral("6000"), at),
               f.customerPost(Channel::Facebook, kPage + QStringLiteral("_9"), QStringLiteral("9_222"),
                              kPage + QStringLiteral("_9"), Visibility::Public, QStringLiteral("7002"), at),
               f.customerPost(Channel::Instagram, QStringLiteral("ig_media1"), QStringLiteral("ig_c1"),
                              QStringLiteral("ig_media1"), Visibility::Public, QStringLiteral("8001"), at),
           });
    const QString pub = f.decide(Channel::Facebook, postId, DecisionKind::ReplyPublic,
                                 QStringLiteral("Buongiorno, ci scriva in privato."));
    const QString messenger =
        f.decide(Channel::Facebook, QStringLiteral("t_conv1"), DecisionKind::ReplyPrivate, QStringLiteral("Eccoci."));
    const QString privComment = f.decide(Channel::Facebook, kPage + QStringLiteral("_9"), DecisionKind::ReplyPrivate,
                                         QStringLiteral("Le scriviamo."));
    const QString ig =
        f.decide(Channel::Instagram, QStringLiteral("ig_media1"), DecisionKind::ReplyPublic, QStringLiteral("Grazie!"));
    const DrainSummary s = f.drain();
    INFO(s.errors.join(QStringLiteral(" | ")).toStdString());
    CHECK(s.delivered == 4);
    // The real create-comment answer carries the new comment's id.
    CHECK(f.entry(pub).remoteId == QStringLiteral("245778718206154_229887283291835"));
    CHECK(f.entry(messenger).remoteId.startsWith(QStringLiteral("m_")));
    CHECK(f.entry(privComment).state == OutboxState::Delivered);
    CHECK(f.entry(ig).state == OutboxState::Delivered);
    QMultiHash<QString, QJsonObject> bodies;
    for (const auto &r : f.server.requests()) {
        CHECK(r.header("authorization") == "Bearer " + kToken);
        CHECK_FALSE(r.query.contains(QString::fromLatin1(kToken)));
        bodies.insert(r.path, QJsonDocument::fromJson(r.body).object());
    }
    CHECK(bodies.value(QStringLiteral("/v19.0/245778718206154_111/comments"))
              .value(QStringLiteral("message"))
              .toString() == QStringLiteral("Buongiorno, ci scriva in privato."));
    const QList<QJsonObject> messages = bodies.values(QStringLiteral("/v19.0/") + kPage + QStringLiteral("/messages"));
    REQUIRE(messages.size() == 2);
    QStringList recipients;
    for (const QJsonObject &m : messages) {
        const QJsonObject r = m.value(QStringLiteral("recipient")).toObject();
        recipients << (r.contains(QStringLiteral("id"))
                           ? QStringLiteral("id:") + r.value(QStringLiteral("id")).toString()
                           : QStringLiteral("comment:") + r.value(QStringLiteral("comment_id")).toString());
    }
    recipients.sort();
    CHECK(recipients == QStringList{QStringLiteral("comment:9_222"), QStringLiteral("id:6000")});
    CHECK(bodies.contains(QStringLiteral("/v19.0/ig_c1/replies")));
}

TEST_CASE("A 500 leaves the entry unknown with a backoff, then it is read back and sent once", "[outbox][retry]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
    const qint64 t0 = f.clock.nowMs();
    DrainSummary s = f.drain();
    CHECK(s.delivered == 0);
    CHECK(s.waiting == 1);
    OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Unknown);
    CHECK(e.attempts == 1);
    CHECK(e.nextAttemptAtMs == t0 + 1000); // base delay, no jitter
    CHECK(e.lastError.contains(QStringLiteral("500")));

    // Not due yet: nothing is sent.
    f.drain();
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);

    f.clock.advanceMs(1000);
    s = f.drain();
    CHECK(s.delivered == 1);
    e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    CHECK(e.attempts == 2);
    CHECK(f.posts(QStringLiteral("/2/users/"), "GET") == 1); // read back before the resend
    CHECK(f.x.created == 1);
}

TEST_CASE("A signed-in X token is renewed when the lane starts, never between a send and its read-back",
          "[outbox][renewal]")
{
    Fixture f;
    f.xThread();
    // The token endpoint, rotating like X's: each refresh token works once.
    QString currentRefresh = QStringLiteral("refresh-1-abcdefgh");
    int renewals = 0;
    f.server.setHandler(QStringLiteral("/oauth2/token"), [&](const ReceivedRequest &r) {
        const QUrlQuery form(QString::fromUtf8(r.body));
        if (form.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("refresh_token") ||
            form.queryItemValue(QStringLiteral("refresh_token")) != currentRefresh)
            return CannedResponse::json(
                400, R"({"error":"invalid_request","error_description":"Value passed for the token was invalid."})");
        ++renewals;
        currentRefresh = QStringLiteral("refresh-%1-abcdefgh").arg(renewals + 1);
        const QJsonObject answer{
            {QStringLiteral("token_type"), QStringLiteral("bearer")},
            {QStringLiteral("expires_in"), 7200},
            {QStringLiteral("access_token"), QStringLiteral("access-%1-abcdefgh").arg(renewals + 1)},
            {QStringLiteral("refresh_token"), currentRefresh}};
        return CannedResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    });
    const QString key = accounts::accountTokenKey(Channel::X, kXAccount);
    accounts::Credential signedIn;
    signedIn.accessToken = QString::fromLatin1(kToken);
    signedIn.refreshToken = currentRefresh;
    signedIn.expiresAtMs = f.clock.nowMs() + 5 * 60 * 1000; // due: inside the 10 minutes ahead
    signedIn.issuedAtMs = f.clock.nowMs() - 7000 * 1000;
    signedIn.clientId = QStringLiteral("company-x-client");
    signedIn.tokenUrl = f.server.url(QStringLiteral("/oauth2/token")).toString();
    REQUIRE(accounts::writeCredential(f.tokens, key, signedIn).ok());
    QTemporaryDir locks;
    accounts::RenewingTokenStore renewing(f.tokens, f.clock, locks.path());
    f.tokenSource = &renewing;
    f.makeDispatcher();

    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
    f.drain();
    CHECK(f.entry(id).state == OutboxState::Unknown);
    CHECK(renewals == 1); // before the lane's first send
    // The renewed token is the one in the keychain, and the one the send used.
    auto stored = accounts::readCredential(f.tokens, key);
    REQUIRE(stored.ok());
    CHECK(stored->accessToken == QLatin1String("access-2-abcdefgh"));
    CHECK(stored->refreshToken == currentRefresh);

    // Nine minutes later the token is not due: the read-back and the send happen with it, and no
    // renewal comes between the unknown send and its read-back.
    f.clock.advanceMs(9 * 60 * 1000);
    CHECK(f.drain().delivered == 1);
    CHECK(renewals == 1);
    for (const auto &r : f.server.requests()) {
        if (r.path.startsWith(QLatin1String("/2/")))
            CHECK(r.header("authorization") == "Bearer access-2-abcdefgh");
    }
    f.dispatcher.reset(); // before the store it reads from
}

TEST_CASE("X 429 pauses the account until x-rate-limit-reset", "[outbox][ratelimit]")
{
    Fixture f;
    f.clock.setNowMs(1705420770'000); // 30 s before the reset in the X docs headers
    f.xThread();
    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567899"), QStringLiteral("1234567899"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 1000)});
    const QString first =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Uno"));
    f.clock.advanceMs(1); // the queue is oldest first: "first" is sent first
    const QString second =
        f.decide(Channel::X, QStringLiteral("1234567899"), DecisionKind::ReplyPublic, QStringLiteral("Due"));
    CannedResponse limited =
        CannedResponse::jsonFile(429, dataFile("meta_graph_x_error_bodies_from_issues", "x_api_v2_http429_body.json"));
    limited.header("x-rate-limit-limit", "900")
        .header("x-rate-limit-remaining", "0")
        .header("x-rate-limit-reset", "1705420800");
    f.x.nextPostAnswers << limited;
    DrainSummary s = f.drain();
    CHECK(s.delivered == 0);
    CHECK(s.waiting == 2);
    CHECK(f.entry(first).state == OutboxState::Pending); // a 429 created nothing
    CHECK(f.entry(first).nextAttemptAtMs == 1705420800'000);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1); // the second entry waits with its account

    f.clock.setNowMs(1705420790'000);
    f.drain();
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);

    f.clock.setNowMs(1705420800'000);
    s = f.drain();
    CHECK(s.delivered == 2);
    CHECK(f.entry(second).state == OutboxState::Delivered);
    CHECK(f.x.created == 2);
}

TEST_CASE("Graph rate-limit codes back off the account", "[outbox][ratelimit][graph]")
{
    Fixture f;
    const QString id = f.facebookReply(QStringLiteral("Risposta"));
    const char *bodies[] = {"graph_code32_page_request_limit.json", "graph_code4_application_request_limit.json"};
    qint64 expectedWait = 60'000; // the rate-limit row of the table, doubling past the error cap
    for (const char *name : bodies) {
        INFO(name);
        f.graph.nextPostAnswers << CannedResponse::jsonFile(400,
                                                            dataFile("meta_graph_x_error_bodies_from_issues", name));
        const qint64 now = f.clock.nowMs();
        f.drain();
        const OutboxEntry e = f.entry(id);
        CHECK(e.state == OutboxState::Pending);
        CHECK(e.nextAttemptAtMs == now + expectedWait);
        f.clock.setNowMs(e.nextAttemptAtMs);
        expectedWait *= 2;
    }
    CHECK(f.drain().delivered == 1);
    CHECK(f.graph.created == 1);
}

TEST_CASE("An expired token marks the account, the entry waits, and the agent is told", "[outbox][auth]")
{
    Fixture f;
    const QString id = f.facebookReply(QStringLiteral("Risposta"));
    f.graph.nextPostAnswers << CannedResponse::jsonFile(400,
                                                        dataFile("meta_graph_restfb_fixtures", "exampleErrorNew.json"));
    QSignalSpy auth(f.dispatcher.get(), &OutboxDispatcher::authNeeded);
    DrainSummary s = f.drain();
    CHECK(s.failed == 0);
    CHECK(s.waiting == 1);
    REQUIRE(auth.size() == 1);
    CHECK(auth.first().at(0).toString() == QStringLiteral("facebook:") + kPage);
    OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Pending);
    CHECK(e.lastError.contains(QStringLiteral("sign in again")));
    // What happened and what to do, in plain words (subcode 460), instead of the HTTP error.
    CHECK(e.lastError.contains(QStringLiteral("The Facebook password of the person who signed in changed")));
    CHECK(e.lastError.contains(QStringLiteral("Edit > Settings > Accounts")));
    CHECK(e.lastError.contains(QStringLiteral("(Meta error 190, subcode 460)")));
    CHECK_FALSE(e.lastError.contains(QStringLiteral("HTTP 400")));
    CHECK(auth.first().at(1).toString() == e.lastError);
    AccountStore accounts(*f.cache.db);
    auto account = accounts.find(Channel::Facebook, kPage);
    REQUIRE((account.ok() && account->has_value()));
    CHECK((*account)->needsSignIn);

    // While the account needs signing in nothing is sent for it.
    const int before = f.server.requests().size();
    f.drain();
    CHECK(f.server.requests().size() == before);
    // and the entry keeps its explanation.
    CHECK(f.entry(id).lastError == e.lastError);

    REQUIRE(accounts.setNeedsSignIn((*account)->id, false).ok());
    CHECK(f.drain().delivered == 1);
    CHECK(f.graph.created == 1);
}

TEST_CASE("X duplicate-content 403 leads to the read-back, not to a second post", "[outbox][duplicate]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta unica"));
    // The reply is already on X (an earlier attempt whose answer was lost).
    f.x.tweets.append({QStringLiteral("1800000077"), QStringLiteral("Risposta unica"), QStringLiteral("1234567891"),
                       f.clock.nowMs()});
    DrainSummary s = f.drain();
    CHECK(s.delivered == 1);
    const OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    CHECK(e.remoteId == QStringLiteral("1800000077"));
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
    CHECK(f.x.created == 0);

    // A duplicate of some older post, absent from the thread: failed, with what to do.
    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567899"), QStringLiteral("1234567899"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 1000)});
    const QString other =
        f.decide(Channel::X, QStringLiteral("1234567899"), DecisionKind::ReplyPublic, QStringLiteral("Risposta unica"));
    s = f.drain();
    CHECK(s.failed == 1);
    CHECK(f.entry(other).state == OutboxState::Failed);
    INFO(f.entry(other).lastError.toStdString());
    CHECK(f.entry(other).lastError.contains(QStringLiteral("duplicate")));
}

TEST_CASE("Reply accepted, connection dropped, process restarted: exactly one reply on X", "[outbox][exactly-once]")
{
    Fixture f;
    f.xThread();
    const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                QStringLiteral("Ci pensiamo noi."));
    f.x.mode = FakeX::Mode::CreateThenDrop; // the network breaks after each request arrives
    DrainSummary s = f.drain();
    CHECK(s.delivered == 0);
    OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Unknown);
    CHECK(f.x.created == 1);
    // The body is unbuffered: Qt cannot resend the POST by itself after the drop.
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
    const int postsBefore = f.posts(QStringLiteral("/2/tweets"));

    f.restart();
    f.x.mode = FakeX::Mode::Normal;
    f.clock.advanceMs(60'000);
    s = f.drain();
    CHECK(s.delivered == 1);
    e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    CHECK(e.remoteId == f.x.tweets.first().id);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == postsBefore); // no request to create after the restart
    CHECK(f.x.created == 1);
    CHECK(f.x.tweets.size() == 1);
}

TEST_CASE("Process stopped while a reply was being sent: read back after restart, exactly one",
          "[outbox][exactly-once]")
{
    SECTION("X")
    {
        Fixture f;
        f.xThread();
        const QString id =
            f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Eccoci."));
        f.x.mode = FakeX::Mode::CreateThenHang;
        f.dispatcher->drain();
        REQUIRE(QTest::qWaitFor([&] { return f.x.created == 1; }));
        CHECK(f.entry(id).state == OutboxState::Sending); // committed before the request left
        f.restart();                                      // dies with the answer outstanding
        f.x.mode = FakeX::Mode::Normal;
        // Its lease still holds: as far as anyone can tell, another process may be waiting.
        CHECK(f.drain().attempted == 0);
        CHECK(f.entry(id).state == OutboxState::Sending);
        f.clock.advanceMs(60'000); // past the lease (timeout 3 s + 30 s)
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        CHECK(f.entry(id).state == OutboxState::Delivered);
        CHECK(f.entry(id).attempts == 1);
        CHECK(f.x.created == 1);
        CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
    }
    SECTION("Facebook, which refuses no duplicate")
    {
        Fixture f;
        const QString id = f.facebookReply(QStringLiteral("Eccoci."));
        f.graph.hang = true;
        f.dispatcher->drain();
        REQUIRE(QTest::qWaitFor([&] { return f.graph.created == 1; }));
        f.restart();
        f.graph.hang = false;
        f.clock.advanceMs(60'000);
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        CHECK(f.entry(id).remoteId == QStringLiteral("245778718206154_229887283291835"));
        CHECK(f.graph.created == 1);
        CHECK(f.posts(QStringLiteral("/v19.0/1_5/comments")) == 1);
    }
}

TEST_CASE("A reply decided offline is held when the post was deleted or a colleague answered", "[outbox][offline]")
{
    SECTION("X post deleted")
    {
        Fixture f;
        f.xThread();
        const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                    QStringLiteral("Risposta"), true);
        f.x.targetDeleted = true;
        const DrainSummary s = f.drain();
        CHECK(s.held == 1);
        const OutboxEntry e = f.entry(id);
        CHECK(e.state == OutboxState::Held);
        CHECK(e.lastError.contains(QStringLiteral("deleted")));
        CHECK(f.posts(QStringLiteral("/2/tweets")) == 0);
        // The agent confirms: sent without the checks.
        REQUIRE(OutboxStore(*f.cache.db, f.clock).confirmHeld(id, f.agent).ok());
        CHECK(f.drain().delivered == 1);
        CHECK(f.x.created == 1);
    }
    SECTION("Facebook colleague answered after the decision")
    {
        Fixture f;
        const QString postId = kPage + QStringLiteral("_1");
        const QString id = f.facebookReply(QStringLiteral("La mia risposta"), true);
        f.clock.advanceMs(30 * 60'000);
        f.graph.comments[QStringLiteral("1_5")].append(
            {QStringLiteral("1_900"), QStringLiteral("Risposta della collega"), kPage, f.clock.nowMs() - 60'000});
        const DrainSummary s = f.drain();
        CHECK(s.held == 1);
        const OutboxEntry e = f.entry(id);
        CHECK(e.state == OutboxState::Held);
        CHECK(e.lastError.contains(QStringLiteral("colleague")));
        CHECK(e.lastError.contains(QStringLiteral("Risposta della collega")));
        CHECK(f.graph.created == 0);
    }
    SECTION("a missing permission (code 100 without 'does not exist') is not a deleted post")
    {
        Fixture f;
        const QString id = f.facebookReply(QStringLiteral("Risposta"), true);
        f.graph.nextGetAnswers << CannedResponse::jsonFile(
            400, dataFile("meta_graph_python_facebook_testdata", "error.json"));
        const DrainSummary s = f.drain();
        CHECK(s.failed == 1);
        const OutboxEntry e = f.entry(id);
        CHECK(e.state == OutboxState::Failed);
        CHECK(e.lastError.contains(QStringLiteral("Pages Public Content Access")));
        CHECK(f.graph.created == 0);
    }
    SECTION("online decision with no change on the thread is sent without a check")
    {
        Fixture f;
        f.xThread();
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
        CHECK(f.drain().delivered == 1);
        CHECK(f.posts(QStringLiteral("/2/"), "GET") == 0);
    }
}

TEST_CASE("The agent edits, retries, cancels and confirms entries, each audited", "[outbox][agent]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Prima versione"));
    f.x.nextPostAnswers << CannedResponse::jsonFile(
        400, dataFile("x_api_v2_docs_examples", "error_problem_invalid_request.json"));
    CHECK(f.drain().failed == 1);
    OutboxStore store(*f.cache.db, f.clock);
    OutboxEntry e = f.entry(id);
    REQUIRE(e.state == OutboxState::Failed);
    CHECK_FALSE(e.lastError.isEmpty());
    CHECK(store.countWaiting().value() == 1);
    auto listed = store.list();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(listed->first().id == id);

    CHECK_FALSE(store.editText(id, QStringLiteral("   "), f.agent).ok());
    REQUIRE(store.editText(id, QStringLiteral("Seconda versione"), f.agent).ok());
    CHECK(f.entry(id).text == QStringLiteral("Seconda versione"));
    CHECK(f.entry(id).decisionText == QStringLiteral("Prima versione"));
    CHECK_FALSE(store.confirmHeld(id, f.agent).ok()); // not held
    REQUIRE(store.retry(id, f.agent).ok());
    CHECK(f.entry(id).state == OutboxState::Unknown); // sent once before: read back first
    CHECK(f.drain().delivered == 1);
    CHECK(f.x.tweets.first().text == QStringLiteral("Seconda versione"));
    CHECK_FALSE(store.editText(id, QStringLiteral("Terza"), f.agent).ok());
    CHECK_FALSE(store.cancel(id, f.agent).ok());
    CHECK(store.countWaiting().value() == 0);

    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567899"), QStringLiteral("1234567899"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 1000)});
    const QString other =
        f.decide(Channel::X, QStringLiteral("1234567899"), DecisionKind::ReplyPublic, QStringLiteral("Da annullare"));
    REQUIRE(store.cancel(other, f.agent).ok());
    CHECK(f.entry(other).state == OutboxState::Cancelled);
    f.drain();
    CHECK(f.x.created == 1);
    CHECK(
        scalar(*f.cache.db, QStringLiteral("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE "
                                           "action LIKE 'outbox_%' ORDER BY at, rowid)"))
            .toString() == QStringLiteral("outbox_edit,outbox_retry,outbox_cancel"));
    CHECK(scalar(*f.cache.db,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action LIKE 'outbox_%' AND agent_id = 'agent-7'"))
              .toInt() == 3);
}

TEST_CASE("Malformed and empty answers to a reply are never trusted: the thread is read back", "[outbox][errors]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    f.x.nextPostAnswers << CannedResponse::json(201, R"({"data":{"id":"18000)") << CannedResponse::json(201, "");
    f.drain();
    OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Unknown); // a 2xx with malformed JSON may have created the reply
    CHECK(e.lastError.contains(QStringLiteral("malformed")));
    f.clock.advanceMs(e.nextAttemptAtMs - f.clock.nowMs());
    f.drain(); // read back (absent), resent, an empty 201
    e = f.entry(id);
    CHECK(e.state == OutboxState::Unknown);
    CHECK(e.lastError.contains(QStringLiteral("empty")));
    CHECK(e.attempts == 2);
    f.clock.advanceMs(e.nextAttemptAtMs - f.clock.nowMs());
    CHECK(f.drain().delivered == 1);
    CHECK(f.posts(QStringLiteral("/2/users/"), "GET") == 2);
    CHECK(f.x.created == 1);
}

TEST_CASE("No token in the cache file, its WAL, or any message after a dispatch", "[outbox][token]")
{
    Fixture f;
    f.xThread();
    f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Uno"));
    f.x.nextPostAnswers << CannedResponse::json(
        401, R"({"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"})");
    QSignalSpy auth(f.dispatcher.get(), &OutboxDispatcher::authNeeded);
    f.drain();
    REQUIRE(auth.size() == 1);
    AccountStore accounts(*f.cache.db);
    REQUIRE(accounts.setNeedsSignIn(accounts.list()->first().id, false).ok());
    f.x.nextPostAnswers << CannedResponse::json(500, "<html>oops</html>");
    f.drain();
    f.clock.advanceMs(10'000);
    f.drain();
    const QByteArray token = kToken;
    CHECK_FALSE(cacheBytes(f.cache.path).contains(token));
    for (const QString &e : f.errorsSeen)
        CHECK_FALSE(e.contains(QString::fromLatin1(token)));
    CHECK_FALSE(auth.first().at(1).toString().contains(QString::fromLatin1(token)));
    auto all = OutboxStore(*f.cache.db, f.clock).list({true, 100, 0});
    REQUIRE(all.ok());
    for (const OutboxEntry &e : *all)
        CHECK_FALSE(e.lastError.contains(QString::fromLatin1(token)));
}

TEST_CASE("sameReplyText ignores X's leading mentions and white space", "[outbox]")
{
    CHECK(
        sameReplyText(QStringLiteral("Grazie, la contattiamo"), QStringLiteral("@mario_b  Grazie,  la contattiamo ")));
    CHECK_FALSE(sameReplyText(QStringLiteral("Grazie"), QStringLiteral("grazie")));
    CHECK_FALSE(sameReplyText(QString(), QString()));
}

TEST_CASE("A cancel during a slow read-back is never undone and the reply is never sent", "[outbox][race]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"), true);
    f.x.readDelayMs = 300;
    OutboxStore store(*f.cache.db, f.clock);
    bool cancelled = false;
    f.x.onRead = [&] {
        if (!cancelled)
            cancelled = store.cancel(id, f.agent).ok();
    };
    f.drain();
    CHECK(cancelled);
    CHECK(f.entry(id).state == OutboxState::Cancelled);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 0);
    f.drain();
    CHECK(f.x.created == 0);
}

TEST_CASE("An edit during the offline read-back is what gets sent", "[outbox][race]")
{
    Fixture f;
    f.xThread();
    const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                QStringLiteral("Vecchio testo"), true);
    OutboxStore store(*f.cache.db, f.clock);
    bool edited = false;
    f.x.onRead = [&] {
        if (!edited)
            edited = store.editText(id, QStringLiteral("Nuovo testo"), f.agent).ok();
    };
    f.drain();
    REQUIRE(edited);
    f.drain();
    CHECK(f.entry(id).state == OutboxState::Delivered);
    REQUIRE(f.x.tweets.size() == 1);
    CHECK(f.x.tweets.first().text == QStringLiteral("Nuovo testo"));
}

TEST_CASE("Two dispatchers on one database file: the other's entry in flight is left alone", "[outbox][lease]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Una sola"));
    f.x.mode = FakeX::Mode::CreateThenHang;
    QSignalSpy firstDone(f.dispatcher.get(), &OutboxDispatcher::drained);
    f.dispatcher->drain();
    REQUIRE(QTest::qWaitFor([&] { return f.x.created == 1; }));

    // sportello-cli sync --once on the same file, while the console waits for its answer.
    auto other = openCache(f.cache.path);
    REQUIRE(other.ok());
    auto otherDb = std::move(other).value();
    QNetworkAccessManager otherNam;
    OutboxDispatcher cli(*otherDb, &otherNam, f.tokens, f.clock);
    cli.setAutoSchedule(false);
    QSignalSpy cliDone(&cli, &OutboxDispatcher::drained);
    cli.drain();
    REQUIRE((!cliDone.isEmpty() || cliDone.wait(5000)));
    CHECK(cliDone.first().at(0).value<DrainSummary>().attempted == 0);
    CHECK(f.entry(id).state == OutboxState::Sending);
    CHECK(f.posts(QStringLiteral("/2/"), "GET") == 0);
    CHECK(f.x.created == 1);
}

TEST_CASE("Graph: comment created, connection dropped, process restarted: exactly one comment",
          "[outbox][exactly-once][graph]")
{
    Fixture f;
    const QString id = f.facebookReply(QStringLiteral("Una volta sola."));
    f.graph.dropAfterCreate = true;
    f.graph.firstFromFixture = false;
    f.drain();
    CHECK(f.entry(id).state == OutboxState::Unknown);
    CHECK(f.posts(QStringLiteral("/v19.0/1_5/comments")) == 1); // Qt did not resend it by itself
    CHECK(f.graph.created == 1);

    f.restart();
    f.graph.dropAfterCreate = false;
    f.clock.advanceMs(60'000);
    CHECK(f.drain().delivered == 1);
    CHECK(f.graph.created == 1);
    CHECK(f.graph.comments.value(QStringLiteral("1_5")).size() == 1);
    CHECK(f.entry(id).remoteId == f.graph.comments.value(QStringLiteral("1_5")).first().id);
}

TEST_CASE("A read-back that finds our reply twice says so on the entry", "[outbox][exactly-once][graph]")
{
    Fixture f;
    const QString id = f.facebookReply(QStringLiteral("Doppia"));
    f.graph.nextPostAnswers << CannedResponse::json(500, R"({"error":{"message":"oops","code":2}})");
    f.drain();
    REQUIRE(f.entry(id).state == OutboxState::Unknown);
    f.graph.comments[QStringLiteral("1_5")]
        << FakeGraph::Comment{QStringLiteral("c_1"), QStringLiteral("Doppia"), kPage, f.clock.nowMs()}
        << FakeGraph::Comment{QStringLiteral("c_2"), QStringLiteral("Doppia"), kPage, f.clock.nowMs()};
    f.clock.advanceMs(1000);
    const DrainSummary s = f.drain();
    CHECK(s.delivered == 1);
    const OutboxEntry e = f.entry(id);
    CHECK(e.state == OutboxState::Delivered);
    CHECK(e.lastError.contains(QStringLiteral("2 copies")));
    CHECK(e.lastError.contains(QStringLiteral("c_2")));
}

TEST_CASE("X shows '&' escaped and links as t.co: the read-back still recognises the reply", "[outbox][readback]")
{
    Fixture f;
    f.xThread();
    const QString text = QStringLiteral("Polizza & sinistri: https://www.example.it/assistenza?id=1&x=2 <grazie>");
    const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, text);
    f.x.xStyleText = true;
    f.x.nextPostAnswers << CannedResponse::json(503, R"({"title":"Service Unavailable"})");
    f.drain();
    REQUIRE(f.entry(id).state == OutboxState::Unknown);
    // It was created after all (the 503 came from a proxy after X had posted it).
    f.x.tweets.append({QStringLiteral("1800000123"), text, QStringLiteral("1234567891"), f.clock.nowMs()});
    f.clock.advanceMs(1000);
    CHECK(f.drain().delivered == 1);
    CHECK(f.entry(id).remoteId == QStringLiteral("1800000123"));
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
    CHECK(sameReplyText(text, QStringLiteral("@mario Polizza &amp; sinistri: https://t.co/AbC &lt;grazie&gt;")));
}

TEST_CASE("An unknown entry with a different company reply after it is held, never resent", "[outbox][readback]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Testo inviato"));
    f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
    f.drain();
    REQUIRE(f.entry(id).state == OutboxState::Unknown);
    f.x.tweets.append({QStringLiteral("1800000999"), QStringLiteral("Testo riscritto dalla piattaforma"),
                       QStringLiteral("1234567891"), f.clock.nowMs()});
    f.clock.advanceMs(1000);
    CHECK(f.drain().held == 1);
    CHECK(f.entry(id).state == OutboxState::Held);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
}

TEST_CASE("The read-back follows the pages: a reply on page 2 is found", "[outbox][readback]")
{
    Fixture f;
    f.xThread();
    const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                QStringLiteral("Sulla seconda pagina"));
    f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
    f.drain();
    f.x.tweets.append({QStringLiteral("1800000500"), QStringLiteral("Sulla seconda pagina"),
                       QStringLiteral("1234567891"), f.clock.nowMs()});
    for (int i = 0; i < 3; ++i)
        f.x.tweets.append({QString::number(1800000600 + i), QStringLiteral("Altro %1").arg(i),
                           QStringLiteral("77%1").arg(i), f.clock.nowMs() + 1000});
    f.x.pageSize = 2;
    f.clock.advanceMs(1000);
    CHECK(f.drain().delivered == 1);
    CHECK(f.entry(id).remoteId == QStringLiteral("1800000500"));
    CHECK(f.posts(QStringLiteral("/2/users/"), "GET") == 2);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
}

TEST_CASE("A 5xx with Graph usage near the limit after a send is unknown: read back, not resent",
          "[outbox][ratelimit][graph]")
{
    Fixture f;
    const QString id = f.facebookReply(QStringLiteral("Risposta"));
    f.graph.firstFromFixture = false;
    f.graph.nextPostAnswers << CannedResponse::json(500,
                                                    R"({"error":{"message":"An unknown error occurred","code":1}})")
                                   .header("x-app-usage", R"({"call_count":95,"total_cputime":10,"total_time":12})");
    // The comment was created before the 500.
    f.graph.comments[QStringLiteral("1_5")]
        << FakeGraph::Comment{QStringLiteral("c_9"), QStringLiteral("Risposta"), kPage, f.clock.nowMs()};
    f.drain();
    CHECK(f.entry(id).state == OutboxState::Unknown);
    f.clock.advanceMs(10 * 60'000);
    CHECK(f.drain().delivered == 1);
    CHECK(f.entry(id).remoteId == QStringLiteral("c_9"));
    CHECK(f.posts(QStringLiteral("/v19.0/1_5/comments")) == 1);
}

TEST_CASE("A 2xx reporting usage near the limit pauses the account", "[outbox][ratelimit][graph]")
{
    Fixture f;
    f.addAccount(Channel::Facebook, kPage);
    const QString postId = kPage + QStringLiteral("_1");
    ingest(*f.cache.db, {f.customerPost(Channel::Facebook, postId, QStringLiteral("1_5"), postId, Visibility::Public,
                                        QStringLiteral("7001"), f.clock.nowMs() - 1000),
                         f.customerPost(Channel::Facebook, postId, QStringLiteral("1_6"), postId, Visibility::Public,
                                        QStringLiteral("7002"), f.clock.nowMs() - 500)});
    f.decide(Channel::Facebook, postId, DecisionKind::ReplyPublic, QStringLiteral("Prima"));
    f.graph.firstFromFixture = false;
    f.graph.nextPostAnswers << CannedResponse::json(200, R"({"id":"c_1"})")
                                   .header("x-app-usage", R"({"call_count":92,"total_cputime":10,"total_time":12})");
    CHECK(f.drain().delivered == 1);
    ingest(*f.cache.db, {f.customerPost(Channel::Facebook, kPage + QStringLiteral("_2"), QStringLiteral("2_5"),
                                        kPage + QStringLiteral("_2"), Visibility::Public, QStringLiteral("7003"),
                                        f.clock.nowMs() - 100)});
    f.decide(Channel::Facebook, kPage + QStringLiteral("_2"), DecisionKind::ReplyPublic, QStringLiteral("Seconda"));
    f.drain();
    CHECK(f.graph.created == 0); // paused: nothing sent
    f.clock.advanceMs(60'000);
    CHECK(f.drain().delivered == 1);
}

TEST_CASE("Failed read-backs back off like failed sends", "[outbox][retry]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
    f.drain();
    qint64 expected = 1000;
    for (int i = 0; i < 3; ++i) {
        OutboxEntry e = f.entry(id);
        REQUIRE(e.state == OutboxState::Unknown);
        CHECK(e.nextAttemptAtMs == f.clock.nowMs() + expected);
        f.clock.setNowMs(e.nextAttemptAtMs);
        f.x.nextGetAnswers << CannedResponse::json(503, R"({"title":"Service Unavailable"})");
        f.drain();
        expected *= 2;
    }
    CHECK(f.entry(id).checkFailures == 4);
}

TEST_CASE("drain during a pass runs again afterwards, and an entry due at the end of a pass is not forgotten",
          "[outbox][schedule]")
{
    Fixture f;
    f.xThread();
    f.x.readDelayMs = 0;
    f.x.mode = FakeX::Mode::Normal;
    f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Prima"));
    f.x.nextPostAnswers << CannedResponse::json(201, R"({"data":{"id":"1800000001","text":"Prima"}})");
    f.x.nextPostAnswers.first().delayMs = 200;
    QSignalSpy drained(f.dispatcher.get(), &OutboxDispatcher::drained);
    f.dispatcher->drain();
    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567899"), QStringLiteral("1234567899"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 1000)});
    f.decide(Channel::X, QStringLiteral("1234567899"), DecisionKind::ReplyPublic, QStringLiteral("Seconda"));
    f.dispatcher->drain(); // during the pass
    REQUIRE(QTest::qWaitFor([&] { return drained.size() >= 2; }));
    CHECK(drained.at(1).at(0).value<DrainSummary>().delivered == 1);
    CHECK(f.x.created == 1); // the second was created by FakeX; the first by the canned answer
    CHECK(OutboxStore(*f.cache.db, f.clock).countWaiting().value() == 0);

    // With auto-scheduling on, an entry whose wait ran out during a pass is drained at once.
    f.dispatcher->setAutoSchedule(true);
    ingest(*f.cache.db,
           {f.customerPost(Channel::X, QStringLiteral("1234567898"), QStringLiteral("1234567898"), QString(),
                           Visibility::Public, QStringLiteral("2244994945"), f.clock.nowMs() - 1000)});
    const QString late =
        f.decide(Channel::X, QStringLiteral("1234567898"), DecisionKind::ReplyPublic, QStringLiteral("Terza"));
    REQUIRE(sql::exec(f.cache.db->connection(), QStringLiteral("UPDATE outbox SET next_attempt_at = %1 WHERE id = '%2'")
                                                    .arg(f.clock.nowMs() + 500)
                                                    .arg(late))
                .ok());
    f.x.onRead = nullptr;
    const int before = drained.size();
    f.dispatcher->drain(); // nothing due yet; the clock moves past the wait during the pass
    f.clock.advanceMs(1000);
    REQUIRE(QTest::qWaitFor([&] { return f.entry(late).state == OutboxState::Delivered; }, 3000));
    // The entry is committed as delivered before its pass ends and reports.
    CHECK(QTest::qWaitFor([&] { return drained.size() >= before + 2; }, 3000));
    f.dispatcher->setAutoSchedule(false);
}

TEST_CASE("A colleague's reply written before the decision but synced after it counts as unseen", "[outbox][offline]")
{
    Fixture f;
    f.addAccount(Channel::Facebook, kPage);
    const QString postId = kPage + QStringLiteral("_1");
    ingest(*f.cache.db, {f.customerPost(Channel::Facebook, postId, QStringLiteral("1_5"), postId, Visibility::Public,
                                        QStringLiteral("7001"), f.clock.nowMs() - 60'000)});
    const qint64 colleagueAt = f.clock.nowMs() - 10'000; // before the decision, not in this cache yet
    const QString id = f.decide(Channel::Facebook, postId, DecisionKind::ReplyPublic, QStringLiteral("La mia"), true);
    // A sync brings the colleague's reply in later, with its real (earlier) time.
    PostRecord colleague = f.customerPost(Channel::Facebook, postId, QStringLiteral("1_800"), QStringLiteral("1_5"),
                                          Visibility::Public, kPage, colleagueAt);
    colleague.direction = Direction::Outbound;
    colleague.text = QStringLiteral("Risposta della collega");
    ingest(*f.cache.db, {colleague});
    const DrainSummary s = f.drain();
    CHECK(s.held == 1);
    CHECK(f.entry(id).lastError.contains(QStringLiteral("Risposta della collega")));
    CHECK(f.graph.created == 0);
}

TEST_CASE("Destroying the network manager mid-request does not leave the dispatcher stuck", "[outbox][lifetime]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    f.x.mode = FakeX::Mode::CreateThenHang;
    auto *nam = new QNetworkAccessManager;
    OutboxDispatcher d(*f.cache.db, nam, f.tokens, f.clock);
    d.setAutoSchedule(false);
    d.setTimeoutMs(3000);
    QSignalSpy drained(&d, &OutboxDispatcher::drained);
    d.drain();
    REQUIRE(QTest::qWaitFor([&] { return f.x.created == 1; }));
    delete nam;
    REQUIRE((!drained.isEmpty() || drained.wait(5000)));
    CHECK_FALSE(d.isDraining());
    CHECK(f.entry(id).state == OutboxState::Unknown);
    d.drain(); // no manager any more: a clear error, no crash
    REQUIRE(drained.size() == 2);
    CHECK_FALSE(drained.last().at(0).value<DrainSummary>().ok());
}

TEST_CASE("Database errors reach the summary, and a failed check holds the entry", "[outbox][errors]")
{
    SECTION("a reschedule that cannot be written")
    {
        Fixture f;
        f.xThread();
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
        f.x.nextPostAnswers << CannedResponse::json(500, R"({"title":"Internal Error"})");
        REQUIRE(sql::exec(f.cache.db->connection(),
                          QStringLiteral(
                              "CREATE TEMP TRIGGER refuse BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'unknown' "
                              "BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END"))
                    .ok());
        const DrainSummary s = f.drain();
        CHECK_FALSE(s.ok());
        CHECK(s.errors.join(QLatin1Char(' ')).contains(QStringLiteral("disk I/O error (test)")));
    }
    SECTION("the colleague check cannot read the cache")
    {
        Fixture f;
        f.xThread();
        const QString id = f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic,
                                    QStringLiteral("Risposta"), true);
        f.x.onRead = [&] {
            (void)sql::exec(f.cache.db->connection(), QStringLiteral("ALTER TABLE posts RENAME TO posts_away"));
        };
        const DrainSummary s = f.drain();
        CHECK(s.held == 1);
        CHECK_FALSE(s.ok());
        CHECK(f.entry(id).state == OutboxState::Held);
        CHECK(f.posts(QStringLiteral("/2/tweets")) == 0);
    }
}

TEST_CASE("The outbox's refusals carry their kind and leave no audit entry", "[outbox][agent][errors]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Risposta"));
    OutboxStore store(*f.cache.db, f.clock);

    CHECK(store.find(QStringLiteral("no-such-entry")).errorKind() == ErrorKind::NotFound);
    CHECK(store.cancel(QStringLiteral("no-such-entry"), f.agent).errorKind() == ErrorKind::NotFound);
    CHECK(store.cancel(id, Agent{}).errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(store.editText(id, QStringLiteral("   "), f.agent).errorKind() == ErrorKind::InvalidInput);
    CHECK(store.editText(id, QString(300, QLatin1Char('x')), f.agent).errorKind() == ErrorKind::InvalidInput);
    CHECK(store.editText(id, QStringLiteral("Il suo codice fiscale RSSMRA85T10A562S"), f.agent).errorKind() ==
          ErrorKind::RefusedByPolicy);
    // Not failed, not held: nothing to retry or confirm.
    CHECK(store.retry(id, f.agent).errorKind() == ErrorKind::Conflict);
    CHECK(store.confirmHeld(id, f.agent).errorKind() == ErrorKind::Conflict);

    // In flight: try again once the attempt has finished.
    OutboxEntry e = f.entry(id);
    auto sending = store.markSending(e, e.text, QStringLiteral("another-dispatcher"), f.clock.nowMs() + 60'000);
    REQUIRE(sending.ok());
    REQUIRE(*sending);
    CHECK(store.cancel(id, f.agent).errorKind() == ErrorKind::Busy);
    // Delivered is final.
    auto delivered = store.markDelivered(e, QStringLiteral("1999"), f.clock.nowMs());
    REQUIRE(delivered.ok());
    REQUIRE(*delivered);
    CHECK(store.cancel(id, f.agent).errorKind() == ErrorKind::Conflict);
    CHECK(store.editText(id, QStringLiteral("Altro"), f.agent).errorKind() == ErrorKind::Conflict);

    CHECK(f.entry(id).text == QStringLiteral("Risposta"));
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action LIKE 'outbox_%'")).toInt() ==
          0);
}

TEST_CASE("A send gate's refusal leaves the entry alone, unsent, its consent lets it go", "[outbox][gate]")
{
    Fixture f;
    f.xThread();
    const QString id =
        f.decide(Channel::X, QStringLiteral("1234567890"), DecisionKind::ReplyPublic, QStringLiteral("Eccoci."));
    Status answer = Error{QStringLiteral("another hub has it"), ErrorKind::Conflict};
    QStringList asked;
    f.dispatcher->setSendGate([&](const OutboxEntry &entry, const Account &account) {
        asked << entry.id + QLatin1Char('@') + account.accountId;
        CHECK(entry.state == OutboxState::Pending); // asked before the entry is committed as sending
        return answer;
    });
    DrainSummary s = f.drain();
    CHECK(asked == QStringList{id + QLatin1Char('@') + kXAccount});
    CHECK(s.leftAlone == 1);
    CHECK(s.failed == 0);
    CHECK(s.ok()); // someone else's: not an error
    CHECK(f.entry(id).state == OutboxState::Pending);
    CHECK(f.entry(id).attempts == 0);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 0);

    answer = Error{QStringLiteral("the team database is unreachable"), ErrorKind::Network};
    s = f.drain();
    CHECK(s.leftAlone == 1);
    CHECK_FALSE(s.ok()); // could not ask: reported
    CHECK(s.errors.contains(QStringLiteral("the team database is unreachable")));
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 0);

    answer = Status{};
    s = f.drain();
    CHECK(s.delivered == 1);
    CHECK(f.posts(QStringLiteral("/2/tweets")) == 1);
    CHECK(f.entry(id).state == OutboxState::Delivered);
}
