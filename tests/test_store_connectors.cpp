// The app-store review channels against a local HTTP server on 127.0.0.1 replaying the public
// bodies of ../shared/data (google_play_reviews, app_store_connect_reviews; see their SOURCE.md):
// the Google Play and App Store Connect connectors, their publishers (reply, replace, delete,
// read back) and the App Store Connect JWT sign-in, verified with the key's public half.
#include "catch_compat.h"

#include "AppStoreTestKeys.h"
#include "GoogleServiceAccountTestKeys.h"
#include "GoogleTokenEndpoint.h"
#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/AppStoreJwt.h"
#include "accounts/Credential.h"
#include "accounts/GoogleServiceAccount.h"
#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "compose/ChannelLimits.h"
#include "domain/Agent.h"
#include "ingest/Ingestor.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/StorePublishers.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "sync/StoreConnectors.h"
#include "sync/SyncRunner.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <memory>
#include <optional>

using namespace sportello;
using namespace sportello::sync;
using namespace sportello::net;
using namespace sportello::outbox;
using namespace sportello::accounts;
using namespace sportello::test;

namespace {

const QString kPackage = QStringLiteral("com.example.insurance");
const QString kReviews = QStringLiteral("/androidpublisher/v3/applications/com.example.insurance/reviews");
const QString kAppId = QStringLiteral("682658836");
const QString kCustomerReviews = QStringLiteral("/v1/apps/682658836/customerReviews");
const QString kAppleReview = QStringLiteral("00000028-b08c-0014-729e-fbd500000000");

AppStoreKey testKey()
{
    AppStoreKey key;
    key.issuerId = QStringLiteral("57246542-96fe-1a63-e053-0824d011072a");
    key.keyId = QStringLiteral("2X9R4HXF34");
    key.privateKeyPem = kTestKey;
    return key;
}

QString play(const char *name) { return sharedDataDir() + QStringLiteral("/google_play_reviews/") + QLatin1String(name); }
QString apple(const char *name)
{
    return sharedDataDir() + QStringLiteral("/app_store_connect_reviews/") + QLatin1String(name);
}
QJsonObject jsonFile(const QString &path) { return QJsonDocument::fromJson(fileBytes(path)).object(); }
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

struct Fixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{1700000000'000};
    TempCache cache;
    AccountStore store{*cache.db};
    Account account;
    Channel channel;
    QString secret; // what the keychain holds, when not the default token or key

    explicit Fixture(Channel c) : channel(c)
    {
        REQUIRE(server.listening());
        const bool googlePlay = c == Channel::GooglePlay;
        auto added = store.add(c, googlePlay ? kPackage : kAppId,
                               server.url(googlePlay ? QStringLiteral("/androidpublisher/v3") : QString()).toString(),
                               QString(), 1000);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
        account = *added;
    }

    QString token() const
    {
        if (!secret.isEmpty())
            return secret;
        return channel == Channel::GooglePlay ? QStringLiteral("ya29.play-token-s3cr3t") : testKey().toSecret();
    }

    ConnectorContext context()
    {
        ConnectorContext c;
        c.network = &nam;
        c.database = cache.db.get();
        c.clock = &clock;
        c.account = account;
        c.token = token();
        c.retry.maxAttempts = 2;
        c.retry.baseDelayMs = 10;
        c.retry.maxDelayMs = 50;
        c.retry.rateLimitBaseMs = 20;
        c.retry.maxRateLimitDelayMs = 50;
        c.timeoutMs = 2000;
        return c;
    }

    SyncResult sync()
    {
        // Through the runner's factory: the channel's connector is the one a real sync uses.
        std::unique_ptr<Connector> connector = defaultConnectorFactory()(context(), SyncOptions{});
        REQUIRE(connector);
        REQUIRE(qobject_cast<StoreConnector *>(connector.get()));
        QSignalSpy finished(connector.get(), &Connector::finished);
        connector->start();
        if (finished.isEmpty())
            REQUIRE(finished.wait(5000));
        REQUIRE(finished.size() == 1);
        return finished.first().first().value<SyncResult>();
    }

    std::unique_ptr<ChannelPublisher> publisher()
    {
        PublisherContext c;
        c.network = &nam;
        c.clock = &clock;
        c.account = account;
        c.token = token();
        c.timeoutMs = 2000;
        auto created = ChannelPublisher::create(c);
        REQUIRE(created.ok());
        return std::move(*created);
    }

    PublishResult publish(const OutboundReply &reply)
    {
        auto p = publisher();
        std::optional<PublishResult> result;
        p->publish(reply, [&](const PublishResult &r) { result = r; });
        for (int i = 0; i < 500 && !result; ++i)
            QTest::qWait(10);
        REQUIRE(result.has_value());
        return *result;
    }

    ReadBackResult readBack(const OutboundReply &reply)
    {
        auto p = publisher();
        std::optional<ReadBackResult> result;
        p->readBack(reply, [&](const ReadBackResult &r) { result = r; });
        for (int i = 0; i < 500 && !result; ++i)
            QTest::qWait(10);
        REQUIRE(result.has_value());
        return *result;
    }

    OutboundReply reply(const QString &reviewId, const QString &text) const
    {
        OutboundReply r;
        r.channel = channel;
        r.visibility = Visibility::Public;
        r.threadExternalId = reviewId;
        r.targetPostId = reviewId;
        r.text = text;
        r.decidedAtMs = clock.nowMs();
        return r;
    }

    Account stored()
    {
        auto found = store.find(channel, account.accountId);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        return **found;
    }
    qint64 count(const QString &statement) { return scalar(*cache.db, statement).toLongLong(); }
    QVariant value(const QString &statement) { return scalar(*cache.db, statement); }
};

QString threadStatus(Fixture &f, const QString &reviewId)
{
    return f.value(QStringLiteral("SELECT status FROM threads WHERE external_id = '%1'").arg(reviewId)).toString();
}

// The JWT's signature, r||s, as the DER sequence `openssl dgst -verify` reads: written here by
// hand, independently of the product's conversion.
QByteArray derFromRaw(const QByteArray &raw)
{
    auto integer = [](QByteArray n) {
        while (n.size() > 1 && n.at(0) == '\0' && !(static_cast<unsigned char>(n.at(1)) & 0x80))
            n.remove(0, 1);
        if (static_cast<unsigned char>(n.at(0)) & 0x80)
            n.prepend('\0');
        return QByteArray(1, '\x02') + char(n.size()) + n;
    };
    const QByteArray body = integer(raw.left(32)) + integer(raw.mid(32));
    return QByteArray(1, '\x30') + char(body.size()) + body;
}

} // namespace

// ------------------------------------------------------------------------------ Google Play

TEST_CASE("Google Play connector follows nextPageToken to the last page and stores reviews and replies",
          "[store][google_play]")
{
    Fixture f(Channel::GooglePlay);
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("docs_reviews_list_page_with_nextPageToken.json")));
    f.server.enqueue(kReviews,
                     CannedResponse::jsonFile(200, play("captured_reviews_list_v2_page_with_real_nextPageToken.json")));
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
    const SyncResult r = f.sync();
    INFO(r.error.toStdString());
    REQUIRE(r.ok);
    CHECK(r.pages == 3);
    // 7 reviews, 3 of them answered by the developer.
    CHECK(r.postsAdded == 10);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM threads WHERE channel = 'google_play'")) == 7);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE direction = 'outbound'")) == 3);

    const auto &requests = f.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(!QUrlQuery(requests[0].query).hasQueryItem(QStringLiteral("token")));
    CHECK(QUrlQuery(requests[1].query).queryItemValue(QStringLiteral("token")) == QLatin1String("12334566"));
    CHECK(QUrlQuery(requests[2].query).queryItemValue(QStringLiteral("token")).startsWith(QLatin1String("AGkSnOzx")));
    CHECK(requests[0].header("authorization") == "Bearer ya29.play-token-s3cr3t");
    CHECK(f.stored().syncCursor.isEmpty()); // complete: the next sync reads the window again

    // The leading tab of a review without title is gone; the reply is the company's post.
    CHECK(f.value(QStringLiteral("SELECT text FROM posts WHERE external_id = "
                                 "'gp:AOqpTOF7bz5d5Ayl_JKXfgZoM6vWdyotacP4tjOf3bLPjurTtasHgn4XVdnRtWNgio8whIq3zIlD0BK"
                                 "llZM9Pg@1582791383'"))
              .toString() == QStringLiteral("Belum bisa login nih, tampilan udah bagus. Lanjutkannnnn"));
    CHECK(f.value(QStringLiteral("SELECT a.external_id FROM posts p JOIN authors a ON a.id = p.author_id "
                                 "WHERE p.external_id = '11223344:reply@1423101467'"))
              .toString() == kPackage);
    CHECK(f.value(QStringLiteral("SELECT created_at FROM posts WHERE external_id = '12345678@1443676826'"))
              .toLongLong() == 1443676826'713);
    // The star rating is kept with the review, not with the reply.
    CHECK(f.value(QStringLiteral("SELECT rating FROM posts WHERE external_id = '12345678@1443676826'")).toInt() == 5);
    CHECK(f.value(QStringLiteral("SELECT rating FROM posts WHERE external_id = "
                                 "'gp:AOqpTOHuBWkHxXjy1yYfvFwghdiPP555FdBLQwyFO6fnkVfGGvi_IRhp8YZ2erg1DjqMUsKtyF2TnBWDJBHkFac@"
                                 "1533601272'"))
              .toInt() == 3);
    CHECK(f.value(QStringLiteral("SELECT rating FROM posts WHERE external_id = '11223344:reply@1423101467'")).isNull());
    // Answered by the developer after the review: not waiting.
    CHECK(threadStatus(f, QStringLiteral("11223344")) == QLatin1String("answered"));
    CHECK(threadStatus(f, QStringLiteral("12345678")) == QLatin1String("waiting"));

    // The same window again: nothing new, nothing doubled.
    f.server.replace(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
    const SyncResult again = f.sync();
    REQUIRE(again.ok);
    CHECK(again.postsAdded == 0);
    CHECK(again.postsAlreadyPresent == 6);
}

TEST_CASE("Google Play connector takes an empty window ({}) as the end", "[store][google_play]")
{
    Fixture f(Channel::GooglePlay);
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_empty.json")));
    const SyncResult r = f.sync();
    REQUIRE(r.ok);
    CHECK(r.pages == 1);
    CHECK(r.postsAdded == 0);
    CHECK(f.server.requestCount(kReviews) == 1);
}

TEST_CASE("Google Play connector maps every error body to a clear outcome", "[store][google_play]")
{
    struct Case {
        const char *file;
        int status;
        OutcomeKind outcome;
        ErrorKind kind;
        bool needsSignIn;
        const char *says;
    };
    const Case cases[] = {
        {"error_401_permissionDenied_v1_envelope.json", 401, OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy,
         true, "Play Console"},
        {"error_403_PERMISSION_DENIED_caller_no_permission_WRAPPED.json", 403, OutcomeKind::AuthExpired,
         ErrorKind::RefusedByPolicy, true, "The caller does not have permission"},
        // Quota exhaustion comes as 403 PERMISSION_DENIED: a rate limit, not a sign-in problem.
        {"error_403_quota_rateLimitExceeded_TRUNCATED_COMPLETED.json", 403, OutcomeKind::RateLimited, ErrorKind::Busy,
         false, "quota"},
        {"error_429_RESOURCE_EXHAUSTED_generic_google_api.json", 429, OutcomeKind::RateLimited, ErrorKind::Busy, false,
         "quota"},
        {"error_500_on_reviews_reply.json", 500, OutcomeKind::Retryable, ErrorKind::Network, false, "HTTP 500"},
        {"error_400_reply_too_long_RECONSTRUCTED.json", 400, OutcomeKind::Failed, ErrorKind::InvalidInput, false,
         "HTTP 400"},
        {"error_403_PERMISSION_DENIED_text_too_long_WRAPPED.json", 403, OutcomeKind::AuthExpired,
         ErrorKind::RefusedByPolicy, true, "too long"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.file)
        {
            Fixture f(Channel::GooglePlay);
            f.server.enqueue(kReviews, CannedResponse::jsonFile(c.status, play(c.file)));
            const SyncResult r = f.sync();
            INFO(r.error.toStdString());
            CHECK_FALSE(r.ok);
            CHECK(r.lastOutcome == c.outcome);
            CHECK(r.errorKind == c.kind);
            CHECK(r.error.contains(QLatin1String(c.says)));
            CHECK(f.stored().needsSignIn == c.needsSignIn);
            CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM posts")) == 0);
        }
    }
}

TEST_CASE("Google Play review edited after it was answered is a new version and waits again", "[store][google_play]")
{
    Fixture f(Channel::GooglePlay);
    // The docs' answered review (11223344): review at 141582134 s, reply at 1423101467 s.
    const QJsonObject page = jsonFile(play("docs_reviews_list_page_with_nextPageToken.json"));
    QJsonObject review = page.value(QLatin1String("reviews")).toArray().at(1).toObject();
    f.server.enqueue(kReviews, CannedResponse::json(200, compact(QJsonObject{{QStringLiteral("reviews"),
                                                                              QJsonArray{review}}})));
    REQUIRE(f.sync().ok);
    CHECK(threadStatus(f, QStringLiteral("11223344")) == QLatin1String("answered"));

    // The customer edits the review after the reply: new text, one star, a later lastModified.
    QJsonArray comments = review.value(QLatin1String("comments")).toArray();
    QJsonObject user = comments.at(0).toObject().value(QLatin1String("userComment")).toObject();
    user.insert(QStringLiteral("text"), QStringLiteral("\tSince the update I cannot open my policy."));
    user.insert(QStringLiteral("starRating"), 1);
    user.insert(QStringLiteral("lastModified"),
                QJsonObject{{QStringLiteral("seconds"), QStringLiteral("1423200000")}, {QStringLiteral("nanos"), 0}});
    comments.replace(0, QJsonObject{{QStringLiteral("userComment"), user}});
    review.insert(QStringLiteral("comments"), comments);
    f.server.replace(kReviews, CannedResponse::json(200, compact(QJsonObject{{QStringLiteral("reviews"),
                                                                              QJsonArray{review}}})));
    const SyncResult r = f.sync();
    REQUIRE(r.ok);
    CHECK(r.postsAdded == 1); // the new version; the unchanged reply is already there
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id "
                                 "WHERE t.external_id = '11223344' AND p.direction = 'inbound'")) == 2);
    CHECK(f.value(QStringLiteral("SELECT text FROM posts WHERE external_id = '11223344@1423200000'")).toString() ==
          QLatin1String("Since the update I cannot open my policy."));
    CHECK(f.value(QStringLiteral("SELECT rating FROM posts WHERE external_id = '11223344@1423200000'")).toInt() == 1);
    // The earlier version stays as it was, and the thread waits for an answer again.
    CHECK(f.value(QStringLiteral("SELECT text FROM posts WHERE external_id = '11223344@141582134'")).toString() ==
          QLatin1String("I love using this app!"));
    CHECK(threadStatus(f, QStringLiteral("11223344")) == QLatin1String("waiting"));
}

TEST_CASE("Google Play reply over 350 characters is refused before anything is sent", "[store][google_play]")
{
    Fixture f(Channel::GooglePlay);
    const QString path = kReviews + QStringLiteral("/12345678:reply");
    f.server.enqueue(path, CannedResponse::jsonFile(200, play("docs_reviews_reply_response.json")));

    const LengthCheck limit = checkLength(QString(351, QLatin1Char('a')), Channel::GooglePlay, Visibility::Public);
    CHECK_FALSE(limit.sendable);
    CHECK(limit.maximum == 350);

    const PublishResult refused = f.publish(f.reply(QStringLiteral("12345678"), QString(351, QLatin1Char('a'))));
    CHECK(refused.outcome.kind == OutcomeKind::Failed);
    CHECK(refused.outcome.message.contains(QLatin1String("350")));
    CHECK(refused.remoteId.isEmpty());
    CHECK(f.server.requests().isEmpty());

    // 350 characters, counted as characters (an emoji is one): sent.
    const QString text = QString(348, QLatin1Char('a')) + QStringLiteral("\U0001F44D\U0001F44D");
    const PublishResult sent = f.publish(f.reply(QStringLiteral("12345678"), text));
    INFO(sent.outcome.message.toStdString());
    CHECK(sent.outcome.kind == OutcomeKind::Success);
    REQUIRE(f.server.requests().size() == 1);
    CHECK(f.server.requests()[0].method == "POST");
    CHECK(QJsonDocument::fromJson(f.server.requests()[0].body).object() ==
          QJsonObject{{QStringLiteral("replyText"), text}});
}

TEST_CASE("Google Play reply is sent and read back from the review's developerComment", "[store][google_play]")
{
    Fixture f(Channel::GooglePlay);
    f.server.enqueue(kReviews + QStringLiteral("/12345678:reply"),
                     CannedResponse::jsonFile(200, play("docs_reviews_reply_response.json")));
    const PublishResult sent = f.publish(f.reply(QStringLiteral("12345678"), QStringLiteral("Thanks for your feedback!")));
    INFO(sent.outcome.message.toStdString());
    REQUIRE(sent.outcome.kind == OutcomeKind::Success);
    // The id the next sync gives the developerComment, so the reply is not stored twice.
    CHECK(sent.remoteId == QLatin1String("12345678:reply@1453978803"));
    CHECK(f.server.requests()[0].header("authorization") == "Bearer ya29.play-token-s3cr3t");

    // Read back: the captured review whose developerComment is 349 characters long.
    const QJsonObject captured = jsonFile(play("captured_review_object_with_long_developerComment.json"));
    const QString reviewId = captured.value(QLatin1String("reviewId")).toString();
    const QString replyText = captured.value(QLatin1String("comments"))
                                  .toArray()
                                  .at(1)
                                  .toObject()
                                  .value(QLatin1String("developerComment"))
                                  .toObject()
                                  .value(QLatin1String("text"))
                                  .toString();
    REQUIRE(replyText.size() == 349);
    f.server.enqueue(kReviews + QLatin1Char('/') + reviewId,
                     CannedResponse::jsonFile(200, play("captured_review_object_with_long_developerComment.json")));
    const ReadBackResult back = f.readBack(f.reply(reviewId, replyText));
    INFO(back.outcome.message.toStdString());
    REQUIRE(back.outcome.kind == OutcomeKind::Success);
    CHECK_FALSE(back.targetGone);
    REQUIRE(back.companyReplies.size() == 1);
    CHECK(sameReplyText(replyText, back.companyReplies[0].text));
    CHECK(back.companyReplies[0].id.startsWith(reviewId + QStringLiteral(":reply@")));

    // A review without reply: nothing found; a review that is gone: said so.
    f.server.enqueue(kReviews + QStringLiteral("/87654321"), CannedResponse::jsonFile(200, play("docs_reviews_get.json")));
    const ReadBackResult none = f.readBack(f.reply(QStringLiteral("87654321"), QStringLiteral("Hi")));
    CHECK(none.outcome.kind == OutcomeKind::Success);
    CHECK(none.companyReplies.isEmpty());
    f.server.enqueue(kReviews + QStringLiteral("/404040"),
                     CannedResponse::json(404, R"({"error":{"code":404,"message":"Review not found."}})"));
    const ReadBackResult gone = f.readBack(f.reply(QStringLiteral("404040"), QStringLiteral("Hi")));
    CHECK(gone.targetGone);
}

TEST_CASE("Google Play publisher maps the reply error bodies", "[store][google_play]")
{
    struct Case {
        const char *file;
        int status;
        OutcomeKind outcome;
        ErrorKind kind;
    };
    const Case cases[] = {
        {"error_400_reply_too_long_RECONSTRUCTED.json", 400, OutcomeKind::Failed, ErrorKind::InvalidInput},
        // A 500 to a reply may come after the reply was made: read back, never resent blindly.
        {"error_500_on_reviews_reply.json", 500, OutcomeKind::UnknownDelivery, ErrorKind::Network},
        {"error_403_quota_rateLimitExceeded_TRUNCATED_COMPLETED.json", 403, OutcomeKind::RateLimited, ErrorKind::Busy},
        {"error_403_PERMISSION_DENIED_text_too_long_WRAPPED.json", 403, OutcomeKind::Failed,
         ErrorKind::RefusedByPolicy},
        {"error_401_permissionDenied_v1_envelope.json", 401, OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.file)
        {
            Fixture f(Channel::GooglePlay);
            f.server.enqueue(kReviews + QStringLiteral("/12345678:reply"), CannedResponse::jsonFile(c.status, play(c.file)));
            const PublishResult r = f.publish(f.reply(QStringLiteral("12345678"), QStringLiteral("Thank you!")));
            INFO(r.outcome.message.toStdString());
            CHECK(r.outcome.kind == c.outcome);
            CHECK(r.outcome.errorKind() == c.kind);
            CHECK(r.remoteId.isEmpty());
            CHECK(f.server.requests().size() == 1);
        }
    }
}

TEST_CASE("Google Play reply through the outbox: answer lost, review read back, exactly one reply",
          "[store][google_play][exactly-once]")
{
    Fixture f(Channel::GooglePlay);
    MemoryTokenStore tokens;
    REQUIRE(tokens.write(f.account.tokenKey(), f.token()).ok());
    // The docs' review 12345678, an hour old, waiting.
    const QJsonObject review = jsonFile(play("docs_reviews_get.json"));
    REQUIRE(review.value(QLatin1String("reviewId")).toString() == QLatin1String("87654321"));
    const QString reviewId = QStringLiteral("87654321");
    PostRecord post;
    post.channel = Channel::GooglePlay;
    post.threadExternalId = reviewId;
    post.postExternalId = outbox::googlePlayReviewPostId(reviewId, 1452114723);
    post.author = {reviewId, QStringLiteral(""), QStringLiteral("Joan Smith"), 0};
    post.createdAtMs = f.clock.nowMs() - 3'600'000;
    post.text = QStringLiteral("This app is awesome!");
    post.rating = 5;
    ingest(*f.cache.db, {post});

    // A store with state: the reply is recorded when its POST arrives, and the first answer is lost.
    QString developerReply;
    qint64 repliedSecs = 0;
    int replies = 0;
    f.server.setHandler(kReviews, [&](const ReceivedRequest &r) {
        if (r.method == "POST" && r.path.endsWith(QLatin1String(":reply"))) {
            ++replies;
            developerReply = QJsonDocument::fromJson(r.body).object().value(QLatin1String("replyText")).toString();
            repliedSecs = f.clock.nowMs() / 1000;
            CannedResponse answer = CannedResponse::json(
                200, compact(QJsonObject{
                         {QStringLiteral("result"),
                          QJsonObject{{QStringLiteral("replyText"), developerReply},
                                      {QStringLiteral("lastEdited"),
                                       QJsonObject{{QStringLiteral("seconds"), QString::number(repliedSecs)},
                                                   {QStringLiteral("nanos"), 0}}}}}}));
            if (replies == 1)
                answer.fault = CannedResponse::Fault::DropAfterRequest;
            return answer;
        }
        QJsonObject current = review;
        if (!developerReply.isEmpty()) {
            QJsonArray comments = current.value(QLatin1String("comments")).toArray();
            comments.append(QJsonObject{
                {QStringLiteral("developerComment"),
                 QJsonObject{{QStringLiteral("text"), developerReply},
                             {QStringLiteral("lastModified"),
                              QJsonObject{{QStringLiteral("seconds"), QString::number(repliedSecs)},
                                          {QStringLiteral("nanos"), 0}}}}}});
            current.insert(QStringLiteral("comments"), comments);
        }
        return CannedResponse::json(200, compact(current));
    });

    TriageService triage(*f.cache.db, f.clock, Agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")});
    DecisionRequest request;
    request.threadId =
        f.value(QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(reviewId)).toLongLong();
    request.kind = DecisionKind::ReplyPublic;
    // Over Google Play's 350 characters: the decision itself is refused, nothing is queued.
    request.text = QString(351, QLatin1Char('a'));
    auto tooLong = triage.decide(request);
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.errorKind() == ErrorKind::InvalidInput);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM outbox")) == 0);
    request.text = QStringLiteral("Thank you, Joan! We are glad the app helps.");
    auto decided = triage.decide(request);
    INFO(decided.error().toStdString());
    REQUIRE(decided.ok());

    OutboxDispatcher dispatcher(*f.cache.db, &f.nam, tokens, f.clock);
    dispatcher.setAutoSchedule(false);
    dispatcher.setTimeoutMs(3000);
    dispatcher.setRandomSource([] { return 0.5; });
    auto drain = [&] {
        QSignalSpy spy(&dispatcher, &OutboxDispatcher::drained);
        dispatcher.drain();
        if (spy.isEmpty())
            REQUIRE(spy.wait(10'000));
        return spy.takeFirst().at(0).value<DrainSummary>();
    };
    auto entry = [&] {
        auto e = OutboxStore(*f.cache.db, f.clock).find(decided->outboxId);
        REQUIRE(e.ok());
        return *e;
    };
    drain();
    CHECK(replies == 1);
    CHECK(entry().state == OutboxState::Unknown); // sent, answer lost

    f.clock.advanceMs(60'000);
    const DrainSummary second = drain();
    INFO(entry().lastError.toStdString());
    CHECK(second.delivered == 1);
    CHECK(entry().state == OutboxState::Delivered);
    CHECK(replies == 1); // found by the read-back, never sent again
    CHECK(entry().remoteId == outbox::googlePlayReplyPostId(reviewId, repliedSecs));
    // The reply is the company's post in the thread, under the id the next sync gives it.
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE direction = 'outbound' AND external_id = '%1'")
                      .arg(outbox::googlePlayReplyPostId(reviewId, repliedSecs))) == 1);
}

// ------------------------------------------------------------------------ App Store Connect

TEST_CASE("App Store Connect connector follows links.next to the end, with the responses included",
          "[store][app_store]")
{
    Fixture f(Channel::AppStore);
    f.server.enqueue(kCustomerReviews,
                     CannedResponse::jsonFile(200, apple("apps_customerReviews_include_response_RECONSTRUCTED.json")));
    f.server.enqueue(kCustomerReviews, CannedResponse::jsonFile(200, apple("docs_apps_customerReviews_page_with_next.json")));
    // The last page: Apple's per-version example without its next link (no published page ends).
    QJsonObject last = jsonFile(apple("docs_appStoreVersions_customerReviews_page_with_next.json"));
    QJsonObject links = last.value(QLatin1String("links")).toObject();
    links.remove(QStringLiteral("next"));
    last.insert(QStringLiteral("links"), links);
    f.server.enqueue(kCustomerReviews, CannedResponse::json(200, compact(last)));

    const SyncResult r = f.sync();
    INFO(r.error.toStdString());
    REQUIRE(r.ok);
    CHECK(r.pages == 3);
    // Two reviews (the first one twice) and the first one's response.
    CHECK(r.postsAdded == 3);
    CHECK(r.postsAlreadyPresent == 1);
    const auto &requests = f.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(QUrlQuery(requests[0].query).queryItemValue(QStringLiteral("include")) == QLatin1String("response"));
    // links.next is followed as given, on the configured host (the token never goes elsewhere).
    CHECK(QUrlQuery(requests[1].query).queryItemValue(QStringLiteral("cursor")) == QLatin1String("AQ.AMt2C-U"));
    CHECK(requests[1].path == kCustomerReviews);
    CHECK(f.stored().syncCursor.isEmpty());

    // Every page signed with a fresh ES256 token that the key's public half verifies.
    for (const ReceivedRequest &request : requests) {
        const QByteArray auth = request.header("authorization");
        REQUIRE(auth.startsWith("Bearer "));
        auto claims = verifyEs256Jwt(auth.mid(7), kTestPublicKey);
        INFO(claims.error().toStdString());
        CHECK(claims.ok());
    }

    CHECK(f.value(QStringLiteral("SELECT text FROM posts WHERE external_id = '%1'").arg(kAppleReview)).toString() ==
          QLatin1String("Awesome!!!\nIt's a really fantastic app!"));
    // createdDate has a -08:00 offset.
    CHECK(f.value(QStringLiteral("SELECT created_at FROM posts WHERE external_id = '%1'").arg(kAppleReview))
              .toLongLong() == utcMs("2017-11-15T16:10:34Z"));
    CHECK(f.value(QStringLiteral("SELECT a.display_name FROM posts p JOIN authors a ON a.id = p.author_id "
                                 "WHERE p.external_id = '%1'")
                      .arg(kAppleReview))
              .toString() == QLatin1String("Anne Johnson"));
    CHECK(f.value(QStringLiteral("SELECT rating FROM posts WHERE external_id = '%1'").arg(kAppleReview)).toInt() == 5);
    CHECK(f.value(QStringLiteral("SELECT direction FROM posts WHERE external_id = 'reconstructed-response-0001'"))
              .toString() == QLatin1String("outbound"));
    CHECK(threadStatus(f, kAppleReview) == QLatin1String("answered"));
}

TEST_CASE("App Store Connect connector maps every error body to a clear outcome", "[store][app_store]")
{
    struct Case {
        const char *file;
        int status;
        OutcomeKind outcome;
        ErrorKind kind;
        bool needsSignIn;
        const char *says;
    };
    const Case cases[] = {
        {"error_401_NOT_AUTHORIZED.json", 401, OutcomeKind::AuthExpired, ErrorKind::RefusedByPolicy, true,
         "Authentication credentials are missing or invalid."},
        {"error_403_FORBIDDEN_ERROR_on_POST_customerReviewResponses.json", 403, OutcomeKind::Failed,
         ErrorKind::RefusedByPolicy, false, "The API key in use does not allow this request"},
        {"error_403_FORBIDDEN_agreement_missing.json", 403, OutcomeKind::Failed, ErrorKind::RefusedByPolicy, false,
         "agreement"},
        {"error_403_FORBIDDEN_ERROR_membership_expired_placeholders.json", 403, OutcomeKind::Failed,
         ErrorKind::RefusedByPolicy, false, "refused access"},
        {"error_409_STATE_ERROR_with_associatedErrors.json", 409, OutcomeKind::Failed, ErrorKind::Conflict, false,
         "Submit for review errors found."},
        {"error_409_ENTITY_ERROR_RELATIONSHIP_INVALID_source_pointer.json", 409, OutcomeKind::Failed,
         ErrorKind::Conflict, false, "HTTP 409"},
        {"error_429_RATE_LIMIT_EXCEEDED_RECONSTRUCTED.json", 429, OutcomeKind::RateLimited, ErrorKind::Busy, false,
         "quota"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.file)
        {
            Fixture f(Channel::AppStore);
            f.server.enqueue(kCustomerReviews, CannedResponse::jsonFile(c.status, apple(c.file)));
            const SyncResult r = f.sync();
            INFO(r.error.toStdString());
            CHECK_FALSE(r.ok);
            CHECK(r.lastOutcome == c.outcome);
            CHECK(r.errorKind == c.kind);
            CHECK(r.error.contains(QLatin1String(c.says)));
            CHECK(f.stored().needsSignIn == c.needsSignIn);
            CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM posts")) == 0);
        }
    }
}

TEST_CASE("App Store Connect reply replaces the existing response: delete, then create", "[store][app_store]")
{
    Fixture f(Channel::AppStore);
    const QString responsePath = QStringLiteral("/v1/customerReviews/%1/response").arg(kAppleReview);
    const QString created = apple("customerReviewResponses_create_201_response_RECONSTRUCTED.json");
    const QString createdId = jsonFile(created).value(QLatin1String("data")).toObject().value(QLatin1String("id")).toString();
    REQUIRE_FALSE(createdId.isEmpty());

    SECTION("no response yet: created at once")
    {
        f.server.enqueue(responsePath, CannedResponse::json(404, fileBytes(apple("error_401_NOT_AUTHORIZED.json"))
                                                                     .replace("401", "404")
                                                                     .replace("NOT_AUTHORIZED", "NOT_FOUND")));
        f.server.enqueue(QStringLiteral("/v1/customerReviews/") + kAppleReview,
                         CannedResponse::jsonFile(200, apple("docs_apps_customerReviews_page_with_next.json")));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses"), CannedResponse::jsonFile(201, created));
        const PublishResult r = f.publish(f.reply(kAppleReview, QStringLiteral("Thank you for the kind words!")));
        INFO(r.outcome.message.toStdString());
        REQUIRE(r.outcome.kind == OutcomeKind::Success);
        CHECK(r.remoteId == createdId);
        const auto &requests = f.server.requests();
        REQUIRE(requests.size() == 3);
        CHECK(requests[2].method == "POST");
        // The JSON:API body the schema fixes (the reconstructed request, with our text).
        QJsonObject expected = jsonFile(apple("customerReviewResponses_create_request_RECONSTRUCTED.json"));
        QJsonObject data = expected.value(QLatin1String("data")).toObject();
        data.insert(QStringLiteral("attributes"),
                    QJsonObject{{QStringLiteral("responseBody"), QStringLiteral("Thank you for the kind words!")}});
        QJsonObject relationships = data.value(QLatin1String("relationships")).toObject();
        relationships.insert(QStringLiteral("review"),
                             QJsonObject{{QStringLiteral("data"),
                                          QJsonObject{{QStringLiteral("type"), QStringLiteral("customerReviews")},
                                                      {QStringLiteral("id"), kAppleReview}}}});
        data.insert(QStringLiteral("relationships"), relationships);
        expected.insert(QStringLiteral("data"), data);
        CHECK(QJsonDocument::fromJson(requests[2].body).object() == expected);
    }
    SECTION("an existing response: deleted first")
    {
        f.server.enqueue(responsePath, CannedResponse::jsonFile(200, created));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses/") + createdId, CannedResponse::json(204, {}));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses"), CannedResponse::jsonFile(201, created));
        const PublishResult r = f.publish(f.reply(kAppleReview, QStringLiteral("A better answer.")));
        INFO(r.outcome.message.toStdString());
        REQUIRE(r.outcome.kind == OutcomeKind::Success);
        const auto &requests = f.server.requests();
        REQUIRE(requests.size() == 3);
        CHECK(requests[0].method == "GET");
        CHECK(requests[1].method == "DELETE");
        CHECK(requests[1].path == QStringLiteral("/v1/customerReviewResponses/") + createdId);
        CHECK(requests[2].method == "POST");
    }
    SECTION("the key may not reply: refused with Apple's reason")
    {
        f.server.enqueue(responsePath, CannedResponse::json(404, R"({"errors":[{"status":"404","code":"NOT_FOUND"}]})"));
        f.server.enqueue(QStringLiteral("/v1/customerReviews/") + kAppleReview,
                         CannedResponse::jsonFile(200, apple("docs_apps_customerReviews_page_with_next.json")));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses"),
                         CannedResponse::jsonFile(403, apple("error_403_FORBIDDEN_ERROR_on_POST_customerReviewResponses.json")));
        const PublishResult r = f.publish(f.reply(kAppleReview, QStringLiteral("Thanks")));
        CHECK(r.outcome.kind == OutcomeKind::Failed);
        CHECK(r.outcome.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(r.outcome.message.contains(QLatin1String("The API key in use does not allow this request")));
    }
    SECTION("a 409 to the create is a conflict")
    {
        f.server.enqueue(responsePath, CannedResponse::jsonFile(200, created));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses/") + createdId, CannedResponse::json(204, {}));
        f.server.enqueue(QStringLiteral("/v1/customerReviewResponses"),
                         CannedResponse::jsonFile(409, apple("error_409_ENTITY_ERROR_RELATIONSHIP_INVALID_source_pointer.json")));
        const PublishResult r = f.publish(f.reply(kAppleReview, QStringLiteral("Thanks")));
        CHECK(r.outcome.kind == OutcomeKind::Failed);
        CHECK(r.outcome.errorKind() == ErrorKind::Conflict);
    }
}

TEST_CASE("App Store Connect reply is read back through the review's response, and deleted", "[store][app_store]")
{
    Fixture f(Channel::AppStore);
    const QString responsePath = QStringLiteral("/v1/customerReviews/%1/response").arg(kAppleReview);
    const QString created = apple("customerReviewResponses_create_201_response_RECONSTRUCTED.json");
    const QJsonObject attributes =
        jsonFile(created).value(QLatin1String("data")).toObject().value(QLatin1String("attributes")).toObject();
    const QString createdId = jsonFile(created).value(QLatin1String("data")).toObject().value(QLatin1String("id")).toString();

    f.server.enqueue(responsePath, CannedResponse::jsonFile(200, created));
    const QString text = attributes.value(QLatin1String("responseBody")).toString();
    const ReadBackResult back = f.readBack(f.reply(kAppleReview, text));
    INFO(back.outcome.message.toStdString());
    REQUIRE(back.outcome.kind == OutcomeKind::Success);
    REQUIRE(back.companyReplies.size() == 1);
    CHECK(back.companyReplies[0].id == createdId);
    CHECK(sameReplyText(text, back.companyReplies[0].text));
    CHECK(back.companyReplies[0].createdAtMs > 0);

    // The review is gone: its response 404, the review 404.
    f.server.replace(responsePath, CannedResponse::json(404, R"({"errors":[{"status":"404","code":"NOT_FOUND"}]})"));
    f.server.enqueue(QStringLiteral("/v1/customerReviews/") + kAppleReview,
                     CannedResponse::json(404, R"({"errors":[{"status":"404","code":"NOT_FOUND"}]})"));
    const ReadBackResult gone = f.readBack(f.reply(kAppleReview, text));
    CHECK(gone.outcome.kind == OutcomeKind::Success);
    CHECK(gone.targetGone);
    CHECK(gone.companyReplies.isEmpty());

    // Deletion: the response found, then DELETE answered 204 with no body.
    Fixture d(Channel::AppStore);
    d.server.enqueue(responsePath, CannedResponse::jsonFile(200, created));
    d.server.enqueue(QStringLiteral("/v1/customerReviewResponses/") + createdId, CannedResponse::json(204, {}));
    auto publisher = d.publisher();
    auto *appStore = qobject_cast<AppStorePublisher *>(publisher.get());
    REQUIRE(appStore);
    std::optional<HttpOutcome> deleted;
    appStore->deleteResponse(kAppleReview, [&](const HttpOutcome &o) { deleted = o; });
    for (int i = 0; i < 500 && !deleted; ++i)
        QTest::qWait(10);
    REQUIRE(deleted.has_value());
    INFO(deleted->message.toStdString());
    CHECK(deleted->kind == OutcomeKind::Success);
    REQUIRE(d.server.requests().size() == 2);
    CHECK(d.server.requests()[1].method == "DELETE");
}

TEST_CASE("App Store Connect reply over its limit is refused before anything is sent", "[store][app_store]")
{
    Fixture f(Channel::AppStore);
    const int maximum = channelLimit(Channel::AppStore, Visibility::Public).maximum;
    REQUIRE(maximum > 0);
    const PublishResult r = f.publish(f.reply(kAppleReview, QString(maximum + 1, QLatin1Char('x'))));
    CHECK(r.outcome.kind == OutcomeKind::Failed);
    CHECK(f.server.requests().isEmpty());
}

// ------------------------------------------------------------------------------ star rating

TEST_CASE("The queue filters app-store reviews by their latest star rating, in SQL", "[store][queue]")
{
    TempCache cache;
    Ingestor ingest(*cache.db);
    REQUIRE(ingest.begin().ok());
    auto add = [&](Channel channel, const QString &thread, const QString &id, qint64 at, std::optional<int> rating) {
        PostRecord p;
        p.channel = channel;
        p.threadExternalId = thread;
        p.postExternalId = id;
        p.author.externalId = thread;
        p.author.handle = QStringLiteral("");
        p.author.displayName = QStringLiteral("Reviewer");
        p.createdAtMs = at;
        p.text = QStringLiteral("Review %1").arg(id);
        p.rating = rating;
        const Status added = ingest.add(p);
        INFO(added.error().toStdString());
        REQUIRE(added.ok());
    };
    const qint64 t0 = utcMs("2026-03-02T09:00:00Z");
    add(Channel::GooglePlay, QStringLiteral("r1"), QStringLiteral("r1@1"), t0, 1);
    add(Channel::AppStore, QStringLiteral("r2"), QStringLiteral("r2"), t0 + 1000, 2);
    add(Channel::GooglePlay, QStringLiteral("r3"), QStringLiteral("r3@1"), t0 + 2000, 3);
    add(Channel::AppStore, QStringLiteral("r4"), QStringLiteral("r4"), t0 + 3000, 5);
    // Edited from 5 stars to 1: the latest version counts.
    add(Channel::GooglePlay, QStringLiteral("r5"), QStringLiteral("r5@1"), t0 + 4000, 5);
    add(Channel::GooglePlay, QStringLiteral("r5"), QStringLiteral("r5@2"), t0 + 5000, 1);
    add(Channel::Facebook, QStringLiteral("fb"), QStringLiteral("fb-1"), t0 + 6000, std::nullopt);
    REQUIRE(ingest.commit().ok());

    QueueQuery query(*cache.db);
    auto listed = [&](std::optional<int> min, std::optional<int> max) {
        QueueFilter filter;
        filter.status.reset();
        filter.minRating = min;
        filter.maxRating = max;
        auto rows = query.page(filter, QueueSort::Age, true, 0, 50);
        REQUIRE(rows.ok());
        QStringList threads;
        for (const QueueRow &row : *rows)
            threads << row.externalId + QLatin1Char('=') + QString::number(row.rating);
        threads.sort();
        return threads.join(QLatin1Char(' ')).toStdString();
    };
    CHECK(listed(std::nullopt, std::nullopt) == std::string("fb=0 r1=1 r2=2 r3=3 r4=5 r5=1"));
    CHECK(listed(1, 2) == std::string("r1=1 r2=2 r5=1"));
    CHECK(listed(3, 3) == std::string("r3=3"));
    CHECK(listed(4, 5) == std::string("r4=5"));
    CHECK(listed(std::nullopt, 1) == std::string("r1=1 r5=1"));

    // The conversation carries each version's rating.
    auto threadId = scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'r5'")).toLongLong();
    auto detail = query.thread(threadId);
    REQUIRE(detail.ok());
    REQUIRE(detail->posts.size() == 2);
    CHECK(detail->posts[0].rating == 5);
    CHECK(detail->posts[1].rating == 1);

    CHECK(ratingStars(2) == QStringLiteral("\u2605\u2605\u2606\u2606\u2606 2/5"));
    CHECK(ratingText(2) == QLatin1String("Rated 2 of 5 stars"));
    CHECK(ratingStars(0).isEmpty());
    CHECK(ratingStars(6).isEmpty());

    // A rating outside 1 to 5 never reaches the cache.
    Ingestor refused(*cache.db);
    REQUIRE(refused.begin().ok());
    PostRecord bad;
    bad.channel = Channel::GooglePlay;
    bad.threadExternalId = QStringLiteral("r9");
    bad.postExternalId = QStringLiteral("r9@1");
    bad.author.externalId = QStringLiteral("r9");
    bad.createdAtMs = t0;
    bad.rating = 6;
    CHECK(refused.add(bad).errorKind() == ErrorKind::InvalidInput);
}

TEST_CASE("Schema 17 keeps the accounts, accepts app-store accounts and adds the posts' rating", "[store][migration]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v16.sqlite"));
    {
        Database::Options options;
        options.targetVersion = 16;
        auto old = openCache(path, options);
        REQUIRE(old.ok());
        QSqlDatabase c = old.value()->connection();
        REQUIRE(sql::exec(c, QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, token_env, "
                                            "needs_sign_in, sync_cursor, created_at, signed_in_as, granted_scopes, "
                                            "sign_in_expires_at, renewable) VALUES('a1', 'x', '2222', "
                                            "'https://api.x.com/2', 'X_TOKEN', 1, '1850', 1000, '@serena', "
                                            "'tweet.read', 99000, 1)"))
                    .ok());
        // Before 17 the cache refuses an app-store account.
        CHECK_FALSE(sql::exec(c, QStringLiteral("INSERT INTO accounts(id, channel, account_id, base_url, created_at) "
                                                "VALUES('a2', 'google_play', 'com.example', 'https://h', 0)"))
                        .ok());
    }
    auto db = openCache(path);
    INFO(db.error().toStdString());
    REQUIRE(db.ok());
    Database &migrated = *db.value();
    CHECK(migrated.schemaVersion() >= 17);
    AccountStore store(migrated);
    auto x = store.find(Channel::X, QStringLiteral("2222"));
    REQUIRE(x.ok());
    REQUIRE(x->has_value());
    const Account &kept = **x;
    CHECK(kept.tokenEnv == QLatin1String("X_TOKEN"));
    CHECK(kept.needsSignIn);
    CHECK(kept.syncCursor == QLatin1String("1850"));
    CHECK(kept.signedInAs == QLatin1String("@serena"));
    CHECK(kept.tokenExpiresAtMs == 99000);
    CHECK(kept.renewable);
    CHECK(store.add(Channel::GooglePlay, kPackage, QString(), QString(), 2000).ok());
    CHECK(store.add(Channel::AppStore, kAppId, QString(), QString(), 2000).ok());
    CHECK_FALSE(store.add(Channel::InApp, QStringLiteral("app"), QString(), QString(), 2000).ok());
    auto play = store.find(Channel::GooglePlay, kPackage);
    REQUIRE(play.ok());
    REQUIRE(play->has_value());
    CHECK((*play)->baseUrl == QLatin1String("https://androidpublisher.googleapis.com/androidpublisher/v3"));
    // The rating column: NULL allowed, 1 to 5 only.
    QSqlDatabase c = migrated.connection();
    REQUIRE(sql::exec(c, QStringLiteral("INSERT INTO authors(id, channel, external_id, handle, display_name) "
                                        "VALUES(1, 'google_play', 'r1', '', 'Anna')"))
                .ok());
    REQUIRE(sql::exec(c, QStringLiteral("INSERT INTO threads(id, channel, external_id, created_at) "
                                        "VALUES(1, 'google_play', 'r1', 1000)"))
                .ok());
    const QString insert = QStringLiteral("INSERT INTO posts(thread_id, channel, external_id, author_id, direction, "
                                          "visibility, created_at, text, rating) VALUES(1, 'google_play', '%1', 1, "
                                          "'inbound', 'public', 1000, 'ok', %2)");
    CHECK(sql::exec(c, insert.arg(QStringLiteral("p1"), QStringLiteral("NULL"))).ok());
    CHECK(sql::exec(c, insert.arg(QStringLiteral("p2"), QStringLiteral("4"))).ok());
    CHECK_FALSE(sql::exec(c, insert.arg(QStringLiteral("p3"), QStringLiteral("0"))).ok());
    CHECK_FALSE(sql::exec(c, insert.arg(QStringLiteral("p4"), QStringLiteral("6"))).ok());
}

// -------------------------------------------------------------------------------------- JWT

TEST_CASE("App Store Connect JWT is ES256-signed and verifies with the public key", "[store][jwt]")
{
    const qint64 now = 1700000000;
    auto jwt = makeAppStoreJwt(testKey(), now);
    INFO(jwt.error().toStdString());
    REQUIRE(jwt.ok());
    const QList<QByteArray> parts = jwt->split('.');
    REQUIRE(parts.size() == 3);
    const auto decode = [](const QByteArray &p) {
        return QByteArray::fromBase64(p, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QJsonObject header = QJsonDocument::fromJson(decode(parts[0])).object();
    CHECK(header == QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")},
                                {QStringLiteral("kid"), QStringLiteral("2X9R4HXF34")},
                                {QStringLiteral("typ"), QStringLiteral("JWT")}});
    const QByteArray signature = decode(parts[2]);
    CHECK(signature.size() == 64); // r||s, not DER

    auto claims = verifyEs256Jwt(*jwt, kTestPublicKey);
    INFO(claims.error().toStdString());
    REQUIRE(claims.ok());
    const QJsonObject c = QJsonDocument::fromJson(*claims).object();
    CHECK(c.value(QLatin1String("iss")).toString() == QLatin1String("57246542-96fe-1a63-e053-0824d011072a"));
    CHECK(c.value(QLatin1String("aud")).toString() == QLatin1String("appstoreconnect-v1"));
    CHECK(qint64(c.value(QLatin1String("iat")).toDouble()) == now);
    const qint64 exp = qint64(c.value(QLatin1String("exp")).toDouble());
    CHECK(exp > now);
    CHECK(exp - now <= 20 * 60);

    // A token changed after signing does not verify.
    QByteArray tampered = *jwt;
    tampered[parts[0].size() + 5] = tampered[parts[0].size() + 5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(verifyEs256Jwt(tampered, kTestPublicKey).ok());
    // Nor with another key.
    CHECK_FALSE(verifyEs256Jwt(*jwt, kP384Key).ok());
    // Longer than Apple allows: refused.
    CHECK_FALSE(makeAppStoreJwt(testKey(), now, 20 * 60 + 1).ok());
}

TEST_CASE("App Store Connect JWT verifies with the openssl command on the DER form of its signature", "[store][jwt]")
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        WARN("openssl command not found; the in-process verification above still ran");
        return;
    }
    auto jwt = makeAppStoreJwt(testKey(), 1700000000);
    REQUIRE(jwt.ok());
    const QList<QByteArray> parts = jwt->split('.');
    const QByteArray raw =
        QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("pub.pem"), kTestPublicKey);
    write(QStringLiteral("sig.der"), derFromRaw(raw));
    write(QStringLiteral("input"), parts[0] + '.' + parts[1]);
    QProcess verify;
    verify.start(openssl, {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                           dir.filePath(QStringLiteral("pub.pem")), QStringLiteral("-signature"),
                           dir.filePath(QStringLiteral("sig.der")), dir.filePath(QStringLiteral("input"))});
    REQUIRE(verify.waitForFinished(20000));
    INFO(verify.readAllStandardError().toStdString());
    CHECK(verify.exitCode() == 0);
    CHECK(verify.readAllStandardOutput().contains("Verified OK"));
}

TEST_CASE("App Store Connect key problems give a clear error", "[store][jwt]")
{
    AppStoreKey key = testKey();
    SECTION("damaged")
    {
        key.privateKeyPem = QByteArray(kTestKey).replace("q2svAbT0", "q2sv!!T0");
        auto jwt = makeAppStoreJwt(key, 1700000000);
        REQUIRE_FALSE(jwt.ok());
        CHECK(jwt.error().contains(QLatin1String("not a PEM private key")));
        CHECK(jwt.errorKind() == ErrorKind::InvalidInput);
    }
    SECTION("not a key at all")
    {
        key.privateKeyPem = "issuer: 57246542";
        CHECK(checkAppStorePrivateKey(key.privateKeyPem).error().contains(QLatin1String("not a PEM private key")));
    }
    SECTION("Ed25519: not an elliptic-curve key for ES256")
    {
        auto jwt = makeAppStoreJwt(key, 0);
        REQUIRE(jwt.ok());
        key.privateKeyPem = kEd25519Key;
        const Status checked = checkAppStorePrivateKey(key.privateKeyPem);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().contains(QLatin1String("not an elliptic-curve key")));
        CHECK_FALSE(makeAppStoreJwt(key, 0).ok());
    }
    SECTION("P-384: the wrong curve")
    {
        key.privateKeyPem = kP384Key;
        const Status checked = checkAppStorePrivateKey(key.privateKeyPem);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().contains(QLatin1String("not P-256")));
    }
    SECTION("a keychain entry that is not an API key")
    {
        auto parsed = AppStoreKey::fromSecret(QStringLiteral("ya29.just-a-token"));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().contains(QLatin1String("issuer id, key id and .p8 key")));
        auto header = appStoreAuthorization(QStringLiteral("ya29.just-a-token"), 0);
        CHECK_FALSE(header.ok());
    }
    SECTION("the connector stops with the key's error and sends nothing")
    {
        Fixture f(Channel::AppStore);
        AppStoreKey bad = testKey();
        bad.privateKeyPem = kEd25519Key;
        ConnectorContext c = f.context();
        c.token = bad.toSecret();
        StoreConnector connector(c);
        QSignalSpy finished(&connector, &Connector::finished);
        connector.start();
        REQUIRE(finished.size() == 1);
        const SyncResult r = finished.first().first().value<SyncResult>();
        CHECK_FALSE(r.ok);
        CHECK(r.error.contains(QLatin1String("not an elliptic-curve key")));
        CHECK(f.server.requests().isEmpty());
    }
}

// --------------------------------------------------- Google Play signed in as a service account

namespace {

const QString kTokenPath = QStringLiteral("/oauth2/token");

// The keychain entry of the test service account, its token_uri at path on the fixture's server.
QString serviceAccountSecret(Fixture &f, const QString &path = kTokenPath, const QByteArray &pem = kTestRsaKey)
{
    auto key = GoogleServiceAccountKey::fromJson(serviceAccountJson(f.server.url(path).toString(), pem));
    INFO(key.error().toStdString());
    REQUIRE(key.ok());
    return key->toSecret();
}

// A Google Play fixture whose keychain holds the service account's key, and the token endpoint.
struct ServiceAccountFixture : Fixture {
    GoogleTokenEndpoint endpoint;
    ServiceAccountFixture() : Fixture(Channel::GooglePlay)
    {
        clearGoogleAccessTokens(); // no token kept from another test
        endpoint.install(server, kTokenPath, clock);
        secret = serviceAccountSecret(*this);
    }
    ~ServiceAccountFixture() { clearGoogleAccessTokens(); }
    QList<QByteArray> reviewAuthorizations() const
    {
        QList<QByteArray> seen;
        for (const ReceivedRequest &r : server.requests())
            if (r.path.startsWith(kReviews))
                seen << r.header("authorization");
        return seen;
    }
};

} // namespace

TEST_CASE("Google Play service account: the RS256 assertion is exchanged at token_uri and the reviews list carries "
          "its bearer token, reused while it lives",
          "[store][google_play][service_account]")
{
    ServiceAccountFixture f;
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("docs_reviews_list_page_with_nextPageToken.json")));
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
    const SyncResult r = f.sync();
    INFO(r.error.toStdString());
    INFO(f.endpoint.refusals.join(QStringLiteral("; ")).toStdString());
    REQUIRE(r.ok);
    CHECK(r.pages == 2);
    CHECK(f.endpoint.issued == 1); // one exchange for both pages
    CHECK(f.endpoint.refusals.isEmpty());
    CHECK(f.reviewAuthorizations() == QList<QByteArray>{"Bearer ya29.sa-token-1", "Bearer ya29.sa-token-1"});
    // The claims Google asks for, at the clock's time.
    REQUIRE(f.endpoint.claims.size() == 1);
    const QJsonObject c = f.endpoint.claims.first();
    CHECK(qint64(c.value(QLatin1String("iat")).toDouble()) == f.clock.nowMs() / 1000);
    CHECK(qint64(c.value(QLatin1String("exp")).toDouble()) == f.clock.nowMs() / 1000 + 3600);
    // The token request is a form POST; the key never leaves in it, only the signed assertion.
    const ReceivedRequest &exchange = f.server.requests().first();
    CHECK(exchange.path == kTokenPath);
    CHECK_FALSE(exchange.body.contains("PRIVATE"));

    // A second sync and a reply, half an hour later: the same token, no new exchange.
    f.clock.advanceMs(30 * 60'000);
    f.server.replace(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
    REQUIRE(f.sync().ok);
    f.server.enqueue(kReviews + QStringLiteral("/12345678:reply"),
                     CannedResponse::jsonFile(200, play("docs_reviews_reply_response.json")));
    const PublishResult sent = f.publish(f.reply(QStringLiteral("12345678"), QStringLiteral("Thanks!")));
    INFO(sent.outcome.message.toStdString());
    CHECK(sent.outcome.kind == OutcomeKind::Success);
    CHECK(f.endpoint.issued == 1);
    for (const QByteArray &header : f.reviewAuthorizations())
        CHECK(header == "Bearer ya29.sa-token-1");
}

TEST_CASE("Google Play service account: the token is asked for again a minute before it expires",
          "[store][google_play][service_account]")
{
    ServiceAccountFixture f;
    f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_empty.json")));
    REQUIRE(f.sync().ok);
    CHECK(f.endpoint.issued == 1);
    // 3600 s to live: at 3539 s it still has more than a minute.
    f.clock.advanceMs(3539'000);
    REQUIRE(f.sync().ok);
    CHECK(f.endpoint.issued == 1);
    // At 3541 s it has less: a new assertion, signed now, and a new token.
    f.clock.advanceMs(2'000);
    REQUIRE(f.sync().ok);
    CHECK(f.endpoint.issued == 2);
    REQUIRE(f.endpoint.claims.size() == 2);
    CHECK(qint64(f.endpoint.claims[1].value(QLatin1String("iat")).toDouble()) == f.clock.nowMs() / 1000);
    CHECK(f.reviewAuthorizations() ==
          QList<QByteArray>{"Bearer ya29.sa-token-1", "Bearer ya29.sa-token-1", "Bearer ya29.sa-token-2"});

    // A short-lived answer (expires_in 30 s, under the minute's margin) is used once, then renewed.
    f.endpoint.expiresInSecs = 30;
    f.clock.advanceMs(3600'000);
    REQUIRE(f.sync().ok);
    REQUIRE(f.sync().ok);
    CHECK(f.endpoint.issued == 4);
}

TEST_CASE("Google Play service account: a 401 renews the token once, then the account waits for a sign-in",
          "[store][google_play][service_account]")
{
    ServiceAccountFixture f;
    SECTION("the sync")
    {
        f.server.enqueue(kReviews, CannedResponse::json(401, R"({"error":{"code":401,"message":"Token revoked."}})"));
        f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
        const SyncResult renewed = f.sync();
        INFO(renewed.error.toStdString());
        CHECK(renewed.ok);
        CHECK(f.endpoint.issued == 2);
        CHECK(f.reviewAuthorizations() == QList<QByteArray>{"Bearer ya29.sa-token-1", "Bearer ya29.sa-token-2"});
        CHECK_FALSE(f.stored().needsSignIn);

        // Refused with the new token as well: no third exchange, the account needs its key again.
        f.server.replace(kReviews, CannedResponse::json(401, R"({"error":{"code":401,"message":"Denied."}})"));
        const SyncResult refused = f.sync();
        CHECK_FALSE(refused.ok);
        CHECK(refused.lastOutcome == OutcomeKind::AuthExpired);
        CHECK(f.endpoint.issued == 3);
        CHECK(f.server.requestCount(kReviews) == 4);
        CHECK(f.stored().needsSignIn);
    }
    SECTION("a reply")
    {
        const QString path = kReviews + QStringLiteral("/12345678:reply");
        f.server.enqueue(path, CannedResponse::json(401, R"({"error":{"code":401,"message":"Token revoked."}})"));
        f.server.enqueue(path, CannedResponse::jsonFile(200, play("docs_reviews_reply_response.json")));
        const PublishResult sent = f.publish(f.reply(QStringLiteral("12345678"), QStringLiteral("Thanks!")));
        INFO(sent.outcome.message.toStdString());
        CHECK(sent.outcome.kind == OutcomeKind::Success);
        CHECK(f.server.requestCount(path) == 2);
        CHECK(f.reviewAuthorizations() == QList<QByteArray>{"Bearer ya29.sa-token-1", "Bearer ya29.sa-token-2"});
    }
}

TEST_CASE("Google Play service account: a token_uri that fails says why and loses nothing",
          "[store][google_play][service_account]")
{
    Fixture f(Channel::GooglePlay);
    clearGoogleAccessTokens();
    const QString failing = QStringLiteral("/failing/token");
    f.secret = serviceAccountSecret(f, failing);
    REQUIRE(f.store.setSyncCursor(f.account.id, QStringLiteral("12334566")).ok());
    struct Case {
        const char *name;
        CannedResponse answer;
        OutcomeKind outcome;
        const char *says;
    };
    CannedResponse dropped = CannedResponse::json(200, "{}");
    dropped.fault = CannedResponse::Fault::DropAfterRequest;
    const Case cases[] = {
        {"500", CannedResponse::json(500, R"({"error":"internal_failure"})"), OutcomeKind::Retryable, "HTTP 500"},
        {"broken JSON", CannedResponse::json(200, R"({"access_token": "ya29.)"), OutcomeKind::Retryable,
         "without a usable access token"},
        {"no access_token", CannedResponse::json(200, R"({"expires_in":3600,"token_type":"Bearer"})"),
         OutcomeKind::Retryable, "without a usable access token"},
        {"network drop", dropped, OutcomeKind::Retryable, "did not answer"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            f.server.replace(failing, c.answer);
            const SyncResult r = f.sync();
            INFO(r.error.toStdString());
            CHECK_FALSE(r.ok);
            CHECK(r.lastOutcome == c.outcome);
            CHECK(r.error.contains(QLatin1String(c.says)));
            CHECK(r.error.contains(QLatin1String("/failing/token")));
            // Nothing was asked of the API and nothing changed: the next sync goes on from the cursor.
            CHECK(f.server.requestCount(kReviews) == 0);
            CHECK_FALSE(f.stored().needsSignIn);
            CHECK(f.stored().syncCursor == QLatin1String("12334566"));

            // A reply: not sent, and the outcome is one the outbox tries again later.
            const PublishResult sent = f.publish(f.reply(QStringLiteral("12345678"), QStringLiteral("Thanks!")));
            CHECK(sent.outcome.kind == c.outcome);
            CHECK(sent.outcome.message.contains(QLatin1String(c.says)));
            CHECK(f.server.requestCount(kReviews + QStringLiteral("/12345678:reply")) == 0);

            // Once the endpoint answers again, the sync resumes from the stored cursor.
            GoogleTokenEndpoint endpoint;
            endpoint.install(f.server, failing, f.clock);
            f.server.enqueue(kReviews, CannedResponse::jsonFile(200, play("captured_reviews_list_last_page_id_ID.json")));
            const SyncResult later = f.sync();
            INFO(later.error.toStdString());
            CHECK(later.ok);
            REQUIRE(f.server.requestCount(kReviews) == 1);
            CHECK(QUrlQuery(f.server.requests().last().query).queryItemValue(QStringLiteral("token")) ==
                  QLatin1String("12334566"));
            CHECK(f.server.requests().last().header("authorization") == "Bearer ya29.sa-token-1");
            clearGoogleAccessTokens();
        }
    }
}

TEST_CASE("Google Play service account: invalid_grant names the cause and the account waits for its key",
          "[store][google_play][service_account]")
{
    ServiceAccountFixture f;
    // A key the endpoint does not know: its signature does not verify, Google answers invalid_grant.
    f.secret = serviceAccountSecret(f, kTokenPath, kOtherRsaKey);
    const SyncResult r = f.sync();
    INFO(r.error.toStdString());
    CHECK_FALSE(r.ok);
    CHECK(r.lastOutcome == OutcomeKind::AuthExpired);
    CHECK(r.errorKind == ErrorKind::RefusedByPolicy);
    CHECK(r.error.contains(QLatin1String("invalid_grant: Invalid JWT Signature.")));
    CHECK(r.error.contains(kTestClientEmail));
    CHECK(f.endpoint.refusals == QStringList{QStringLiteral("Invalid JWT Signature.")});
    CHECK(f.server.requestCount(kReviews) == 0);
    CHECK(f.stored().needsSignIn);

    // Through the outbox: the reply is kept, waiting for the sign-in, never failed.
    REQUIRE(f.store.setNeedsSignIn(f.account.id, false).ok());
    MemoryTokenStore tokens;
    Credential keychainEntry; // as `account add` stores it
    keychainEntry.accessToken = f.secret;
    REQUIRE(writeCredential(tokens, f.account.tokenKey(), keychainEntry).ok());
    PostRecord post;
    post.channel = Channel::GooglePlay;
    post.threadExternalId = QStringLiteral("87654321");
    post.postExternalId = outbox::googlePlayReviewPostId(post.threadExternalId, 1452114723);
    post.author = {post.threadExternalId, QStringLiteral(""), QStringLiteral("Joan Smith"), 0};
    post.createdAtMs = f.clock.nowMs() - 3'600'000;
    post.text = QStringLiteral("This app is awesome!");
    post.rating = 5;
    ingest(*f.cache.db, {post});
    TriageService triage(*f.cache.db, f.clock, Agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")});
    DecisionRequest request;
    request.threadId =
        f.value(QStringLiteral("SELECT id FROM threads WHERE external_id = '87654321'")).toLongLong();
    request.kind = DecisionKind::ReplyPublic;
    request.text = QStringLiteral("Thank you, Joan!");
    auto decided = triage.decide(request);
    REQUIRE(decided.ok());
    OutboxDispatcher dispatcher(*f.cache.db, &f.nam, tokens, f.clock);
    dispatcher.setAutoSchedule(false);
    dispatcher.setTimeoutMs(3000);
    QSignalSpy spy(&dispatcher, &OutboxDispatcher::drained);
    dispatcher.drain();
    if (spy.isEmpty())
        REQUIRE(spy.wait(10'000));
    auto entry = OutboxStore(*f.cache.db, f.clock).find(decided->outboxId);
    REQUIRE(entry.ok());
    INFO(entry->lastError.toStdString());
    CHECK(entry->state == OutboxState::Pending);
    CHECK(entry->lastError.contains(QLatin1String("invalid_grant")));
    CHECK(f.server.requestCount(kReviews + QStringLiteral("/87654321:reply")) == 0);
    CHECK(f.stored().needsSignIn);
}

TEST_CASE("Google Play service account: the assertion is RS256 and verifies with the openssl command",
          "[store][google_play][service_account][jwt]")
{
    auto key = GoogleServiceAccountKey::fromJson(serviceAccountJson(QStringLiteral("https://oauth2.googleapis.com/token")));
    REQUIRE(key.ok());
    const qint64 now = 1700000000;
    auto jwt = makeGoogleServiceJwt(*key, now);
    INFO(jwt.error().toStdString());
    REQUIRE(jwt.ok());
    const QList<QByteArray> parts = jwt->split('.');
    REQUIRE(parts.size() == 3);
    const auto decode = [](const QByteArray &p) {
        return QByteArray::fromBase64(p, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    CHECK(QJsonDocument::fromJson(decode(parts[0])).object() ==
          QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")},
                      {QStringLiteral("kid"), kTestPrivateKeyId},
                      {QStringLiteral("typ"), QStringLiteral("JWT")}});
    CHECK(QJsonDocument::fromJson(decode(parts[1])).object() ==
          QJsonObject{{QStringLiteral("iss"), kTestClientEmail},
                      {QStringLiteral("scope"), QStringLiteral("https://www.googleapis.com/auth/androidpublisher")},
                      {QStringLiteral("aud"), QStringLiteral("https://oauth2.googleapis.com/token")},
                      {QStringLiteral("iat"), now},
                      {QStringLiteral("exp"), now + 3600}});
    CHECK(decode(parts[2]).size() == 256); // a 2048-bit RSA signature
    CHECK(verifyRs256Jwt(*jwt, kTestRsaPublicKey).ok());
    CHECK_FALSE(verifyRs256Jwt(*jwt, kOtherRsaKey).ok());
    CHECK_FALSE(makeGoogleServiceJwt(*key, now, 3601).ok());

    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        WARN("openssl command not found; the in-process verification above still ran");
        return;
    }
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("pub.pem"), kTestRsaPublicKey);
    write(QStringLiteral("sig"), decode(parts[2]));
    write(QStringLiteral("input"), parts[0] + '.' + parts[1]);
    QProcess verify;
    verify.start(openssl, {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                           dir.filePath(QStringLiteral("pub.pem")), QStringLiteral("-signature"),
                           dir.filePath(QStringLiteral("sig")), dir.filePath(QStringLiteral("input"))});
    REQUIRE(verify.waitForFinished(20000));
    INFO(verify.readAllStandardError().toStdString());
    CHECK(verify.exitCode() == 0);
    CHECK(verify.readAllStandardOutput().contains("Verified OK"));
}

TEST_CASE("Google Play service-account key files are checked strictly, with an error that says what is wrong",
          "[store][google_play][service_account]")
{
    const QString tokenUri = QStringLiteral("https://oauth2.googleapis.com/token");
    QJsonObject good = QJsonDocument::fromJson(serviceAccountJson(tokenUri)).object();
    auto error = [](const QByteArray &json) {
        auto key = GoogleServiceAccountKey::fromJson(json);
        REQUIRE_FALSE(key.ok());
        CHECK(key.errorKind() == ErrorKind::InvalidInput);
        CHECK_FALSE(key.error().contains(QLatin1String("MIIE"))); // never quotes the key
        return key.error();
    };
    auto with = [&](const QString &field, const QJsonValue &value) {
        QJsonObject o = good;
        if (value.isUndefined())
            o.remove(field);
        else
            o.insert(field, value);
        return QJsonDocument(o).toJson();
    };
    CHECK(GoogleServiceAccountKey::fromJson(QJsonDocument(good).toJson()).ok());
    CHECK(error("-----BEGIN PRIVATE KEY-----\nMIIE").contains(QLatin1String("not JSON")));
    CHECK(error("[1, 2]").contains(QLatin1String("not a JSON object")));
    CHECK(error(with(QStringLiteral("type"), QStringLiteral("authorized_user")))
              .contains(QLatin1String("\"authorized_user\", not \"service_account\"")));
    CHECK(error(with(QStringLiteral("type"), QJsonValue::Undefined)).contains(QLatin1String("no \"type\"")));
    CHECK(error(with(QStringLiteral("client_email"), QJsonValue::Undefined)).contains(QLatin1String("lacks client_email")));
    QJsonObject bare{{QStringLiteral("type"), QStringLiteral("service_account")}};
    CHECK(error(QJsonDocument(bare).toJson())
              .contains(QLatin1String("lacks client_email, private_key, private_key_id, token_uri")));
    CHECK(error(with(QStringLiteral("client_email"), QStringLiteral("reviews"))).contains(QLatin1String("not an address")));
    CHECK(error(with(QStringLiteral("private_key"), QStringLiteral("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END "
                                                                  "PRIVATE KEY-----\n")))
              .contains(QLatin1String("not a PEM private key")));
    CHECK(error(with(QStringLiteral("private_key"), QString::fromLatin1(kTestKey)))
              .contains(QLatin1String("not an RSA key")));
    CHECK(error(with(QStringLiteral("token_uri"), QStringLiteral("http://oauth2.googleapis.com/token")))
              .contains(QLatin1String("not an https address")));
    CHECK(error(with(QStringLiteral("token_uri"), QStringLiteral("https://user:pw@oauth2.googleapis.com/token")))
              .contains(QLatin1String("not an https address")));
    CHECK(error(with(QStringLiteral("token_uri"), QStringLiteral("token"))).contains(QLatin1String("https")));
    // Plain http only to this computer (a test server).
    CHECK(GoogleServiceAccountKey::fromJson(with(QStringLiteral("token_uri"), QStringLiteral("http://127.0.0.1:9/t"))).ok());
    CHECK(GoogleServiceAccountKey::fromJson(with(QStringLiteral("token_uri"), QStringLiteral("http://[::1]:9/t"))).ok());

    // From a file: the keychain entry keeps the five fields only; errors name the file.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("play-key.json"));
    {
        QFile out(file);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(good).toJson());
    }
    auto secret = googlePlaySecretFromKeyFile(file, 1700000000);
    INFO(secret.error().toStdString());
    REQUIRE(secret.ok());
    CHECK(isGoogleServiceAccountSecret(*secret));
    CHECK_FALSE(isGoogleServiceAccountSecret(QStringLiteral("ya29.pasted")));
    CHECK(QJsonDocument::fromJson(secret->toUtf8()).object().keys() ==
          QStringList{QStringLiteral("client_email"), QStringLiteral("private_key"), QStringLiteral("private_key_id"),
                      QStringLiteral("token_uri"), QStringLiteral("type")});
    auto missing = googlePlaySecretFromKeyFile(dir.filePath(QStringLiteral("absent.json")), 1700000000);
    CHECK_FALSE(missing.ok());
    CHECK(missing.error().contains(QLatin1String("absent.json")));
    {
        QFile out(file);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(with(QStringLiteral("type"), QStringLiteral("external_account")));
    }
    auto wrongType = googlePlaySecretFromKeyFile(file, 1700000000);
    CHECK_FALSE(wrongType.ok());
    CHECK(wrongType.error().contains(QLatin1String("play-key.json")));
    CHECK(wrongType.error().contains(QLatin1String("external_account")));
}

TEST_CASE("An API key or service-account key kept in the keychain reads back whole, also one stored bare earlier",
          "[store][keychain]")
{
    MemoryTokenStore keychain;
    Account account;
    account.channel = Channel::AppStore;
    account.accountId = kAppId;
    const auto roundTrip = [&](const QString &secret) {
        Credential entry;
        entry.accessToken = secret;
        REQUIRE(writeCredential(keychain, account.tokenKey(), entry).ok());
        auto read = tokenFor(account, keychain);
        INFO(read.error().toStdString());
        REQUIRE(read.ok());
        return *read;
    };
    const QString appStore = testKey().toSecret();
    CHECK(roundTrip(appStore) == appStore);
    // Written in the credential form, so reading it back needs no guess.
    CHECK(keychain.read(account.tokenKey()).value().contains(QLatin1String("sportello.credential")));
    auto key = GoogleServiceAccountKey::fromJson(serviceAccountJson(QStringLiteral("https://oauth2.googleapis.com/token")));
    REQUIRE(key.ok());
    CHECK(roundTrip(key->toSecret()) == key->toSecret());
    CHECK(roundTrip(QStringLiteral("ya29.pasted")) == QLatin1String("ya29.pasted"));
    CHECK(keychain.read(account.tokenKey()).value() == QLatin1String("ya29.pasted")); // a pasted token stays bare
    // An App Store key an earlier version wrote bare.
    REQUIRE(keychain.write(account.tokenKey(), appStore).ok());
    CHECK(tokenFor(account, keychain).value() == appStore);
}
