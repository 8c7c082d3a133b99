// Comment moderation (outbox/Moderation.h): the Graph flags read by the connector's page parser,
// stored by the Ingestor, the checks before any request, every moderation body in
// ../shared/data/meta_graph_comment_moderation explained, the request against a local server,
// and sportello-cli moderate as a separate process.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "ingest/Ingestor.h"
#include "outbox/Moderation.h"
#include "queue/QueueQuery.h"
#include "sync/GraphPage.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

const QString kToken = QStringLiteral("EAAGmoderationSECRET0123456789");
const QString kPage = QStringLiteral("1234567890321");
const QString kPost = QStringLiteral("1234567890321_901097836652708");
const QString kComment = QStringLiteral("901097836652708_900744590021366");

QString moderationBody(const QString &name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_comment_moderation/") + name;
}

// A page post with a customer's comment (and the page's own answer) on `channel`.
void fillThread(Database &db, Channel channel = Channel::Facebook, const QString &post = kPost,
                const QString &comment = kComment)
{
    const qint64 t = utcMs("2026-11-30T09:00:00Z");
    PostRecord root = outboundPost(post, post, t, QStringLiteral("Nuova polizza casa"), channel);
    root.author.externalId = kPage;
    PostRecord customer = inboundPost(post, comment, t + 60'000,
                                      QStringLiteral("Il mio codice fiscale è RSSMRA85T10A562S, chiamatemi"), channel);
    customer.inReplyTo = post;
    PostRecord answer = outboundPost(post, post + QStringLiteral("_answer"), t + 120'000,
                                     QStringLiteral("Le scriviamo in privato"), channel);
    answer.inReplyTo = comment;
    answer.author.externalId = kPage;
    ingest(db, {root, customer, answer});
}

qint64 postId(Database &db, const QString &externalId)
{
    return scalar(db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(externalId)).toLongLong();
}

// The outcome HttpJob gives for this answer.
net::HttpOutcome answered(int status, const QByteArray &body)
{
    net::HttpRequestSpec spec;
    spec.verb = "POST";
    net::ReplyFacts facts;
    facts.httpStatus = status;
    facts.body = body;
    const ManualClock clock(0);
    return net::classifyReply(spec, facts, clock);
}

} // namespace

TEST_CASE("the Graph page parser reads whether a comment is hidden and may be hidden", "[moderation][sync]")
{
    using sync::GraphTask;
    sync::GraphPageContext context;
    context.accountId = kPage;
    context.base = QUrl(QStringLiteral("http://127.0.0.1:1/"));
    context.version = QStringLiteral("v19.0");
    auto pageOf = [&](Channel channel, GraphTask::Edge edge, const QStringList &files) {
        context.channel = channel;
        GraphTask task;
        task.edge = edge;
        task.parentId = QStringLiteral("parent_1");
        QJsonArray data;
        for (const QString &file : files)
            data.append(QJsonDocument::fromJson(fileBytes(moderationBody(file))).object());
        return sync::parseGraphPage(context, task, QJsonObject{{QStringLiteral("data"), data}});
    };
    const sync::GraphPage facebook = pageOf(Channel::Facebook, GraphTask::Edge::PostComments,
                                            {QStringLiteral("restfb_comment_can_hide_true_is_hidden_false.json"),
                                             QStringLiteral("restfb_comment_is_hidden_true_no_can_hide.json"),
                                             QStringLiteral("restfb_comment_can_hide_false_can_remove_true.json"),
                                             QStringLiteral("pyfb_comment_real_can_hide_can_reply_privately.json")});
    REQUIRE(facebook.posts.size() == 4);
    const auto &visible = facebook.posts.at(0).moderation;
    REQUIRE(visible.has_value());
    CHECK_FALSE(visible->hidden);
    CHECK(visible->canHide == true);
    // Hidden, with no can_hide key: hidden, and "may be hidden" unknown rather than false.
    const auto &hidden = facebook.posts.at(1).moderation;
    REQUIRE(hidden.has_value());
    CHECK(hidden->hidden);
    CHECK_FALSE(hidden->canHide.has_value());
    CHECK(facebook.posts.at(2).moderation->canHide == false);
    CHECK(facebook.posts.at(3).moderation->canHide == true);

    // Instagram names the flag "hidden" and says nothing of can_hide.
    const sync::GraphPage instagram = pageOf(Channel::Instagram, GraphTask::Edge::IgComments,
                                             {QStringLiteral("restfb_ig_comment_hidden_false.json"),
                                              QStringLiteral("pyfb_ig_comment_hidden_false_with_replies.json")});
    REQUIRE(instagram.posts.size() == 2);
    for (const PostRecord &p : instagram.posts) {
        REQUIRE(p.moderation.has_value());
        CHECK_FALSE(p.moderation->hidden);
        CHECK_FALSE(p.moderation->canHide.has_value());
    }

    // A comment that carries neither key says nothing (an older cursor's field list).
    QJsonObject bare =
        QJsonDocument::fromJson(
            fileBytes(moderationBody(QStringLiteral("restfb_comment_can_hide_true_is_hidden_false.json"))))
            .object();
    bare.remove(QStringLiteral("can_hide"));
    bare.remove(QStringLiteral("is_hidden"));
    context.channel = Channel::Facebook;
    GraphTask task;
    task.edge = GraphTask::Edge::PostComments;
    task.parentId = QStringLiteral("parent_1");
    const sync::GraphPage none =
        sync::parseGraphPage(context, task, QJsonObject{{QStringLiteral("data"), QJsonArray{bare}}});
    REQUIRE(none.posts.size() == 1);
    CHECK_FALSE(none.posts.first().moderation.has_value());

    // The comments are asked for with the flags.
    sync::GraphPageContext postContext = context;
    GraphTask feed;
    feed.edge = GraphTask::Edge::Feed;
    const sync::GraphPage withChildren = sync::parseGraphPage(
        postContext, feed,
        QJsonObject{
            {QStringLiteral("data"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), kPost},
                                    {QStringLiteral("message"), QStringLiteral("post")},
                                    {QStringLiteral("created_time"), QStringLiteral("2026-11-30T09:00:00+0000")},
                                    {QStringLiteral("from"), QJsonObject{{QStringLiteral("id"), kPage}}}}}}});
    REQUIRE(withChildren.children.size() == 1);
    const QString fields = QUrlQuery(withChildren.children.first().url).queryItemValue(QStringLiteral("fields"));
    CHECK(fields.contains(QLatin1String("is_hidden")));
    CHECK(fields.contains(QLatin1String("can_hide")));
}

TEST_CASE("the Ingestor stores what the platform said of hiding, for new and stored comments", "[moderation]")
{
    TempCache cache;
    fillThread(*cache.db);
    const qint64 comment = postId(*cache.db, kComment);
    // Posts read without the flags (an import) have no row.
    CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM post_moderation")).toInt() == 0);

    PostRecord again = inboundPost(kPost, kComment, utcMs("2026-11-30T09:01:00Z"),
                                   QStringLiteral("Il mio codice fiscale è RSSMRA85T10A562S, chiamatemi"));
    again.inReplyTo = kPost;
    again.moderation = ModerationFlags{true, std::nullopt};
    ingest(*cache.db, {again});
    CHECK(scalar(*cache.db, QStringLiteral("SELECT is_hidden FROM post_moderation WHERE post_id = %1").arg(comment))
              .toInt() == 1);
    CHECK(scalar(*cache.db,
                 QStringLiteral("SELECT can_hide IS NULL FROM post_moderation WHERE post_id = %1").arg(comment))
              .toInt() == 1);
    // Unhidden on the platform since: the next sync says so.
    again.moderation = ModerationFlags{false, true};
    ingest(*cache.db, {again});
    CHECK(scalar(*cache.db, QStringLiteral("SELECT is_hidden || '/' || can_hide FROM post_moderation WHERE "
                                           "post_id = %1")
                                .arg(comment))
              .toString() == QLatin1String("0/1"));
    // A new comment with its flags.
    PostRecord fresh = inboundPost(kPost, QStringLiteral("901097836652708_2"), utcMs("2026-11-30T10:00:00Z"));
    fresh.inReplyTo = kPost;
    fresh.moderation = ModerationFlags{false, false};
    ingest(*cache.db, {fresh});
    CHECK(scalar(*cache.db, QStringLiteral("SELECT m.can_hide FROM post_moderation m JOIN posts p ON p.id = "
                                           "m.post_id WHERE p.external_id = '901097836652708_2'"))
              .toInt() == 0);
    // The thread as the console reads it carries the flags.
    auto thread = QueueQuery(*cache.db).thread(
        scalar(*cache.db, QStringLiteral("SELECT thread_id FROM posts WHERE id = %1").arg(comment)).toLongLong());
    REQUIRE(thread.ok());
    int flagged = 0;
    for (const PostView &p : thread->posts)
        if (p.externalId == QLatin1String("901097836652708_2")) {
            CHECK(p.canHide == false);
            CHECK(p.inReplyTo == kPost);
            ++flagged;
        }
    CHECK(flagged == 1);
}

TEST_CASE("moderation refuses before any request what cannot be asked", "[moderation]")
{
    TempCache cache;
    fillThread(*cache.db);
    auto target = [&](const QString &id) {
        auto t = readModerationTarget(*cache.db, postId(*cache.db, id));
        REQUIRE(t.ok());
        return *t;
    };
    const ModerationTarget comment = target(kComment);
    CHECK(checkModeration(comment, ModerationAction::Hide).ok());
    // Not hidden: nothing to unhide.
    CHECK(checkModeration(comment, ModerationAction::Unhide).errorKind() == ErrorKind::Conflict);

    struct Case {
        const char *what;
        std::function<void(ModerationTarget &)> change;
        ModerationAction action;
        ErrorKind kind;
    };
    const Case cases[] = {
        {"a channel without comment moderation (X)", [](ModerationTarget &t) { t.channel = Channel::X; },
         ModerationAction::Hide, ErrorKind::RefusedByPolicy},
        {"a store review", [](ModerationTarget &t) { t.channel = Channel::GooglePlay; }, ModerationAction::Hide,
         ErrorKind::RefusedByPolicy},
        {"a private message", [](ModerationTarget &t) { t.visibility = Visibility::Private; }, ModerationAction::Hide,
         ErrorKind::RefusedByPolicy},
        {"the post the comments are under", [](ModerationTarget &t) { t.inReplyTo.clear(); }, ModerationAction::Hide,
         ErrorKind::RefusedByPolicy},
        {"the page's own comment", [](ModerationTarget &t) { t.direction = Direction::Outbound; },
         ModerationAction::Hide, ErrorKind::RefusedByPolicy},
        {"a comment the platform said cannot be hidden", [](ModerationTarget &t) { t.canHide = false; },
         ModerationAction::Hide, ErrorKind::RefusedByPolicy},
        {"a comment already hidden", [](ModerationTarget &t) { t.hidden = true; }, ModerationAction::Hide,
         ErrorKind::Conflict},
    };
    for (const Case &c : cases) {
        INFO(c.what);
        ModerationTarget t = comment;
        c.change(t);
        const Status checked = checkModeration(t, c.action);
        CHECK(checked.errorKind() == c.kind);
        CHECK_FALSE(checked.error().isEmpty());
    }
    // A hidden comment the platform says cannot be hidden may still be shown again.
    ModerationTarget hiddenForGood = comment;
    hiddenForGood.hidden = true;
    hiddenForGood.canHide = false;
    CHECK(checkModeration(hiddenForGood, ModerationAction::Unhide).ok());
    // The stored roles: the page's answer and the post are refused from the cache's own rows.
    CHECK(checkModeration(target(kPost), ModerationAction::Hide).errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(checkModeration(target(kPost + QStringLiteral("_answer")), ModerationAction::Hide).errorKind() ==
          ErrorKind::RefusedByPolicy);

    // The request's own rules: "other" needs a note, a note has a bound.
    ModerationRequest request;
    request.target = comment;
    request.reason = ModerationReason::Other;
    CHECK(checkModerationRequest(request).errorKind() == ErrorKind::InvalidInput);
    request.note = QStringLiteral("   ");
    CHECK(checkModerationRequest(request).errorKind() == ErrorKind::InvalidInput);
    request.note = QStringLiteral("insulti");
    CHECK(checkModerationRequest(request).ok());
    request.note = QString(kModerationNoteMax + 1, QLatin1Char('x'));
    CHECK(checkModerationRequest(request).errorKind() == ErrorKind::InvalidInput);
}

TEST_CASE("every moderation answer in the shared data is explained to the agent", "[moderation]")
{
    struct Case {
        const char *file;
        int status;
        bool ok;
        ErrorKind kind;
        const char *says; // a phrase the agent reads
    };
    const Case cases[] = {
        {"metadocs_comment_update_success.json", 200, true, ErrorKind::Unspecified, ""},
        {"restfb_success_true.json", 200, true, ErrorKind::Unspecified, ""},
        // 200 with success false is a refusal, not a success.
        {"restfb_success_false.json", 200, false, ErrorKind::RefusedByPolicy, "not hidden"},
        {"error_code200_requires_pages_manage_engagement_RECONSTRUCTED.json", 403, false, ErrorKind::RefusedByPolicy,
         "pages_manage_engagement"},
        {"error_code283_requires_pages_read_engagement.json", 400, false, ErrorKind::RefusedByPolicy,
         "lacks the permission"},
        {"error_code33_object_does_not_exist_or_not_supported_CONVERTED.json", 400, false, ErrorKind::RefusedByPolicy,
         "cannot hide this comment"},
        {"metadocs_error_unsupported_post_request_code100_subcode33.json", 400, false, ErrorKind::RefusedByPolicy,
         "cannot hide this comment"},
        {"restfb_batch_body_extracted_GraphMethodException_code100.json", 400, false, ErrorKind::RefusedByPolicy,
         "cannot hide this comment"},
        {"restfb_error_with_is_transient_and_user_msg.json", 400, false, ErrorKind::InvalidInput, "refused to hide"},
    };
    for (const Case &c : cases) {
        INFO(c.file);
        const net::HttpOutcome outcome = answered(c.status, fileBytes(moderationBody(QLatin1String(c.file))));
        const Status status = moderationAnswer(outcome, Channel::Facebook, ModerationAction::Hide);
        CHECK(status.ok() == c.ok);
        if (!c.ok) {
            CHECK(status.errorKind() == c.kind);
            CHECK(status.error().contains(QLatin1String(c.says)));
            CHECK_FALSE(status.error().contains(kToken));
        }
    }
    // A refused token, a limit, no answer: what to do next, and that nothing changed.
    CHECK(moderationAnswer(answered(400, R"({"error":{"message":"expired","type":"OAuthException","code":190}})"),
                           Channel::Facebook, ModerationAction::Hide)
              .error()
              .contains(QLatin1String("sign in")));
    CHECK(moderationAnswer(answered(400, R"({"error":{"message":"limit","code":4}})"), Channel::Facebook,
                           ModerationAction::Hide)
              .errorKind() == ErrorKind::Busy);
    net::HttpOutcome dropped;
    dropped.kind = net::OutcomeKind::Retryable;
    dropped.message = QStringLiteral("connection closed");
    CHECK(moderationAnswer(dropped, Channel::Instagram, ModerationAction::Unhide)
              .error()
              .contains(QLatin1String("Nothing was changed")));
    // Instagram's permission is its own.
    CHECK(moderationAnswer(answered(403, fileBytes(moderationBody(QStringLiteral(
                                             "error_code200_requires_pages_manage_engagement_RECONSTRUCTED.json")))),
                           Channel::Instagram, ModerationAction::Hide)
              .error()
              .contains(QLatin1String("instagram_manage_comments")));
    // A 200 that is not JSON at all is no success either, and no damaged cache.
    const Status unreadable =
        moderationAnswer(answered(200, "<html>ok</html>"), Channel::Facebook, ModerationAction::Hide);
    CHECK(unreadable.errorKind() == ErrorKind::Network);
}

namespace {

struct ModerationFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{1'765'000'000'000};
    TempCache cache;
    accounts::MemoryTokenStore tokens;

    explicit ModerationFixture(Channel channel = Channel::Facebook)
    {
        REQUIRE(server.listening());
        accounts::AccountStore store(*cache.db);
        REQUIRE(store.add(channel, kPage, QStringLiteral("http://127.0.0.1:%1").arg(server.port()), QString(), 0).ok());
        REQUIRE(tokens.write(accounts::accountTokenKey(channel, kPage), kToken).ok());
        fillThread(*cache.db, channel);
    }

    Status run(ModerationAction action, ModerationReason reason = ModerationReason::PersonalData,
               const QString &note = {})
    {
        auto target = readModerationTarget(*cache.db, postId(*cache.db, kComment));
        REQUIRE(target.ok());
        ModerationRequest request;
        request.target = *target;
        request.action = action;
        request.reason = reason;
        request.note = note;
        request.agent = Agent{QStringLiteral("marta"), QStringLiteral("Marta Verdi")};
        CommentModerator moderator(*cache.db, &nam, tokens, clock);
        moderator.setTimeoutMs(2000);
        net::RetryPolicy quick;
        quick.maxAttempts = 2;
        quick.baseDelayMs = 10;
        quick.maxDelayMs = 10;
        quick.rateLimitBaseMs = 10;
        quick.maxWaitMs = 100;
        moderator.setRetryPolicy(quick);
        std::optional<Status> result;
        moderator.moderate(request, [&](const Status &s) { result = s; });
        REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        return *result;
    }
    int audits()
    {
        return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action LIKE 'comment_%'"))
            .toInt();
    }
    int hidden()
    {
        return scalar(*cache.db,
                      QStringLiteral("SELECT coalesce((SELECT is_hidden FROM post_moderation WHERE post_id = %1), 0)")
                          .arg(postId(*cache.db, kComment)))
            .toInt();
    }
};

} // namespace

TEST_CASE("a comment is hidden and shown again through Graph, audited with the reason", "[moderation]")
{
    ModerationFixture f;
    const QString path = QStringLiteral("/v19.0/") + kComment;
    f.server.enqueue(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    REQUIRE(f.run(ModerationAction::Hide).ok());
    REQUIRE(f.server.requests().size() == 1);
    const ReceivedRequest &sent = f.server.requests().first();
    CHECK(sent.method == "POST");
    CHECK(sent.path == path);
    CHECK(sent.body == "is_hidden=true");
    CHECK(sent.header("authorization") == "Bearer " + kToken.toUtf8());
    CHECK_FALSE(QString::fromUtf8(sent.target).contains(kToken)); // never in the URL
    CHECK(f.hidden() == 1);
    const QJsonObject details =
        QJsonDocument::fromJson(scalar(*f.cache.db, QStringLiteral("SELECT details FROM audit_log WHERE action = "
                                                                   "'comment_hidden'"))
                                    .toString()
                                    .toUtf8())
            .object();
    CHECK(details.value(QStringLiteral("reason")).toString() == QLatin1String("personal_data"));
    CHECK(details.value(QStringLiteral("post_id")).toString() == kComment);
    // The audit never holds what the customer wrote.
    CHECK_FALSE(scalar(*f.cache.db, QStringLiteral("SELECT group_concat(details) FROM audit_log"))
                    .toString()
                    .contains(QLatin1String("RSSMRA85T10A562S")));
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'comment_hidden'"))
              .toString() == QLatin1String("Marta Verdi"));

    // Shown again, with the agent's note.
    f.server.enqueue(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    REQUIRE(f.run(ModerationAction::Unhide, ModerationReason::Other, QStringLiteral("hidden by mistake")).ok());
    CHECK(f.server.requests().last().body == "is_hidden=false");
    CHECK(f.hidden() == 0);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT json_extract(details, '$.note') FROM audit_log WHERE action = "
                                             "'comment_unhidden'"))
              .toString() == QLatin1String("hidden by mistake"));
}

TEST_CASE("a refused or unanswered moderation changes nothing and says why", "[moderation]")
{
    ModerationFixture f;
    const QString path = QStringLiteral("/v19.0/") + kComment;
    // Missing permission (403), a comment that cannot be hidden (100/33), success false, a
    // dropped connection: no state, no audit entry.
    f.server.enqueue(path, CannedResponse::jsonFile(
                               403, moderationBody(QStringLiteral("error_code200_requires_pages_manage_engagement_"
                                                                  "RECONSTRUCTED.json"))));
    Status s = f.run(ModerationAction::Hide);
    CHECK(s.error().contains(QLatin1String("pages_manage_engagement")));
    f.server.replace(path, CannedResponse::jsonFile(
                               400, moderationBody(QStringLiteral("metadocs_error_unsupported_post_request_code100_"
                                                                  "subcode33.json"))));
    s = f.run(ModerationAction::Hide);
    CHECK(s.error().contains(QLatin1String("cannot hide this comment")));
    f.server.replace(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_false.json"))));
    CHECK(f.run(ModerationAction::Hide).errorKind() == ErrorKind::RefusedByPolicy);
    CannedResponse drop;
    drop.fault = CannedResponse::Fault::DropAfterRequest;
    f.server.replace(path, drop);
    s = f.run(ModerationAction::Hide);
    CHECK(s.errorKind() == ErrorKind::Network);
    CHECK(f.hidden() == 0);
    CHECK(f.audits() == 0);

    // A dropped answer is retried (setting the flag twice is harmless): the second try lands.
    f.server.replace(path, drop);
    f.server.enqueue(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    CHECK(f.run(ModerationAction::Hide).ok());
    CHECK(f.hidden() == 1);
    CHECK(f.audits() == 1);
}

TEST_CASE("an Instagram comment is hidden with Instagram's own parameter", "[moderation]")
{
    ModerationFixture f(Channel::Instagram);
    const QString path = QStringLiteral("/v19.0/") + kComment;
    f.server.enqueue(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    REQUIRE(f.run(ModerationAction::Hide).ok());
    CHECK(f.server.requests().first().body == "hide=true");
    CHECK(f.hidden() == 1);
}

TEST_CASE("moderation without an account or with a token to renew sends nothing", "[moderation]")
{
    ModerationFixture f;
    {
        accounts::AccountStore store(*f.cache.db);
        auto account = store.find(Channel::Facebook, kPage);
        REQUIRE(account.ok());
        REQUIRE(store.setNeedsSignIn(account.value()->id, true).ok());
    }
    CHECK(f.run(ModerationAction::Hide).error().contains(QLatin1String("Sign in again")));
    REQUIRE(accounts::AccountStore(*f.cache.db).remove(Channel::Facebook, kPage).ok());
    CHECK(f.run(ModerationAction::Hide).errorKind() == ErrorKind::NotFound);
    CHECK(f.server.requests().isEmpty());
    CHECK(f.audits() == 0);
}

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runModerateCli(const QStringList &arguments, const QString &cache)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    environment.insert(QStringLiteral("SPORTELLO_MODERATION_TOKEN"), kToken);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  QStringList{QStringLiteral("--database"), cache, QStringLiteral("moderate")} + arguments);
    REQUIRE(process.waitForStarted(30000));
    // The local server answers from this process's event loop.
    REQUIRE(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("sportello-cli moderate hides and unhides a comment, with exit codes for scripts", "[moderation][cli]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    TempCache cache;
    REQUIRE(accounts::AccountStore(*cache.db)
                .add(Channel::Facebook, kPage, QStringLiteral("http://127.0.0.1:%1").arg(server.port()),
                     QStringLiteral("SPORTELLO_MODERATION_TOKEN"), 0)
                .ok());
    fillThread(*cache.db);
    const QString path = QStringLiteral("/v19.0/") + kComment;
    server.enqueue(path, CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));

    CliResult run =
        runModerateCli({QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("personal-data"),
                        QStringLiteral("--agent"), QStringLiteral("Bulk moderator")},
                       cache.path);
    INFO(run.out.toStdString() << run.err.toStdString());
    CHECK(run.exitCode == 0);
    CHECK(run.out.contains(QLatin1String("is hidden on Facebook")));
    CHECK(server.requests().size() == 1);
    CHECK(scalar(*cache.db, QStringLiteral("SELECT agent_id FROM audit_log WHERE action = 'comment_hidden'"))
              .toString() == QLatin1String("cli:Bulk moderator"));

    // Again: already hidden, nothing to do (3), no request.
    run = runModerateCli({QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("spam"),
                          QStringLiteral("--agent"), QStringLiteral("Bulk moderator")},
                         cache.path);
    CHECK(run.exitCode == 3);
    CHECK(server.requests().size() == 1);

    // Refused by the platform: 1, and the reason.
    server.replace(path, CannedResponse::jsonFile(
                             403, moderationBody(QStringLiteral("error_code200_requires_pages_manage_engagement_"
                                                                "RECONSTRUCTED.json"))));
    run = runModerateCli({QStringLiteral("unhide"), kComment, QStringLiteral("--reason"), QStringLiteral("other"),
                          QStringLiteral("--note"), QStringLiteral("hidden by mistake"), QStringLiteral("--agent"),
                          QStringLiteral("Bulk moderator")},
                         cache.path);
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("pages_manage_engagement")));
    CHECK_FALSE(run.err.contains(kToken));

    // Usage errors (2): unknown verb, reason, channel; "other" without a note; no reason. An
    // unknown comment is 1.
    const QList<QStringList> usage{
        {QStringLiteral("delete"), kComment, QStringLiteral("--reason"), QStringLiteral("spam")},
        {QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("boredom")},
        {QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("spam"),
         QStringLiteral("--channel"), QStringLiteral("x")},
        {QStringLiteral("hide"), kComment, QStringLiteral("--reason"), QStringLiteral("other")},
        {QStringLiteral("hide"), kComment},
        {QStringLiteral("hide")},
    };
    for (const QStringList &arguments : usage) {
        INFO(arguments.join(QLatin1Char(' ')).toStdString());
        CHECK(runModerateCli(arguments + QStringList{QStringLiteral("--agent"), QStringLiteral("a")}, cache.path)
                  .exitCode == 2);
    }
    CHECK(runModerateCli({QStringLiteral("hide"), QStringLiteral("404_404"), QStringLiteral("--reason"),
                          QStringLiteral("spam"), QStringLiteral("--agent"), QStringLiteral("a")},
                         cache.path)
              .exitCode == 1);
    CHECK(server.requests().size() == 2);
}
