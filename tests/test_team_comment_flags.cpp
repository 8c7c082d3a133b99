// Comment flags in team mode (team schema 6, cache schema 25) against a real PostgreSQL 15
// (PgServer): a hub's round reads comments as Graph describes them (bodies replayed from
// ../shared/data/meta_graph_comment_moderation through the connector's own page parser and the
// ingest path), sends their hidden / may-be-hidden flags up, and the feed brings them to a
// replica: a comment hidden on the platform shows hidden there, shown again shows visible, and
// one the platform will not let be hidden is refused on the desktop before anything goes up, in
// the words it has alone. A read older than a moderation outcome, arriving after it, is left out.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "ingest/Ingestor.h"
#include "outbox/Moderation.h"
#include "storage/Database.h"
#include "sync/Connector.h"
#include "sync/GraphPage.h"
#include "team/Hub.h"
#include "team/HubUpload.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamModeration.h"
#include "team/TeamReplica.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <memory>

using namespace sportello;
using namespace sportello::outbox;
using namespace sportello::team;
using namespace sportello::test;

namespace {

const QString kPage = QStringLiteral("1234567890321");
const QString kPost = QStringLiteral("1234567890321_901097836652708");
const QString kComment = QStringLiteral("901097836652708_900744590021366");
const QString kToken = QStringLiteral("EAAGteamFlagsSECRET0123");
const QString kHubPassword = QStringLiteral("hub-password-0123456789");
const QString kMartaPassword = QStringLiteral("marta-password-1");
const QString kGraphPath = QStringLiteral("/v19.0/") + kComment;

bool exec(Database &db, const QString &statement)
{
    QSqlQuery q(db.connection());
    const bool ran = q.exec(statement);
    INFO(q.lastError().text().toStdString());
    CHECK(ran);
    return ran;
}

QString moderationBody(const QString &name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_comment_moderation/") + name;
}

// A comment as Graph describes it in one of the stored bodies, moved onto the customer's comment
// of the page's post below.
QJsonObject platformComment(const char *file)
{
    QJsonObject comment = QJsonDocument::fromJson(fileBytes(moderationBody(QLatin1String(file)))).object();
    comment.insert(QStringLiteral("id"), kComment);
    comment.insert(QStringLiteral("from"), QJsonObject{{QStringLiteral("id"), QStringLiteral("cust-") + kPost},
                                                       {QStringLiteral("name"), QStringLiteral("Cliente ") + kPost}});
    comment.insert(QStringLiteral("created_time"), QStringLiteral("2026-11-30T09:01:00+0000"));
    return comment;
}

// Graph's comments edge of the page's post, read by the connector's parser and stored by the
// ingest path, as the Graph connector does with a page.
Status storeCommentsPage(Database &db, const QJsonArray &comments)
{
    sync::GraphPageContext context;
    context.channel = Channel::Facebook;
    context.accountId = kPage;
    context.base = QUrl(QStringLiteral("http://127.0.0.1:1/"));
    context.version = QStringLiteral("v19.0");
    sync::GraphTask task;
    task.edge = sync::GraphTask::Edge::PostComments;
    task.parentId = kPost;
    const sync::GraphPage page = sync::parseGraphPage(context, task, QJsonObject{{QStringLiteral("data"), comments}});
    Ingestor ingestor(db);
    if (Status s = ingestor.begin(); !s)
        return s;
    for (const PostRecord &post : page.posts)
        if (Status s = ingestor.add(post); !s)
            return s;
    return ingestor.commit();
}

// Stands for the Graph connector in a hub's round: stores the comments the "platform" shows now.
class PlatformConnector : public sync::Connector {
public:
    PlatformConnector(sync::ConnectorContext context, const QJsonArray *platform)
        : Connector(std::move(context)), m_platform(platform)
    {}
    void start() override
    {
        QTimer::singleShot(0, this, [this] {
            sync::SyncResult result;
            const Status stored = storeCommentsPage(*m_context.database, *m_platform);
            result.ok = stored.ok();
            result.error = stored.error();
            result.pages = 1;
            emit finished(result);
        });
    }

private:
    const QJsonArray *m_platform;
};

// The page's post and the customer's comment, no flags yet: what the hub first stored.
void fillPage(Database &db)
{
    const qint64 t = utcMs("2026-11-30T09:00:00Z");
    PostRecord root = outboundPost(kPost, kPost, t, QStringLiteral("Nuova polizza casa"));
    root.author.externalId = kPage;
    PostRecord customer =
        inboundPost(kPost, kComment, t + 60'000, QStringLiteral("Il mio codice fiscale è RSSMRA85T10A562S"));
    customer.inReplyTo = kPost;
    ingest(db, {root, customer});
}

struct Team {
    std::unique_ptr<PgServer> server;
    TeamUrl url;
    std::unique_ptr<TeamConnection> admin;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *TeamUrl::parse(server->url(QStringLiteral("team")));
        auto opened = TeamConnection::open(url, server->superuserPassword());
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        admin = std::move(opened).value();
        auto init = initTeamSchema(admin->db());
        INFO(init.error().toStdString());
        REQUIRE(init.ok());
        const struct {
            const char *login;
            const char *name;
            AgentRole role;
            QString password;
        } logins[] = {{"hub1", "Hub one", AgentRole::Hub, kHubPassword},
                      {"hub2", "Hub two", AgentRole::Hub, kHubPassword},
                      {"marta", "Marta Rossi", AgentRole::Agent, kMartaPassword},
                      {"esterno", "Perito esterno", AgentRole::External, kMartaPassword}};
        for (const auto &l : logins) {
            TeamAgent agent{QLatin1String(l.login), QLatin1String(l.name), l.role};
            const Status added = addAgent(admin->db(), agent, l.password, 1000);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }

    std::unique_ptr<TeamConnection> login(const char *name, const QString &password) const
    {
        auto opened = TeamConnection::open(url.withUser(QLatin1String(name)), password);
        INFO(opened.error().toStdString());
        REQUIRE(opened.ok());
        return std::move(opened).value();
    }

    QVariant value(const QString &statement) const
    {
        QSqlQuery q(admin->db());
        INFO(statement.toStdString());
        REQUIRE(q.exec(statement));
        REQUIRE(q.next());
        return q.value(0);
    }
    int flagChanges() const
    {
        return value(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'comment_flags'")).toInt();
    }
    qint64 nowMs() const
    {
        return value(QStringLiteral("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")).toLongLong();
    }
};

// A hub with its cache, its login and a whole Hub; `platform` is what Graph shows of the post's
// comments at its next round.
struct HubSide {
    TempCache cache;
    accounts::MemoryTokenStore tokens;
    std::unique_ptr<TeamConnection> connection;
    std::unique_ptr<Hub> hub;
    QJsonArray platform;

    HubSide(const Team &team, const char *login, LocalHttpServer &graph, QNetworkAccessManager &nam, const Clock &clock)
    {
        REQUIRE(
            accounts::AccountStore(*cache.db)
                .add(Channel::Facebook, kPage, QStringLiteral("http://127.0.0.1:%1").arg(graph.port()), QString(), 0)
                .ok());
        REQUIRE(tokens.write(accounts::accountTokenKey(Channel::Facebook, kPage), kToken).ok());
        fillPage(*cache.db);
        connection = team.login(login, kHubPassword);
        auto id = hubIdentity(*cache.db);
        REQUIRE(id.ok());
        HubOptions options;
        options.sync.timeoutMs = 3000;
        options.sync.retry.maxAttempts = 1;
        hub = std::make_unique<Hub>(*cache.db, connection->db(), *id, &nam, tokens, clock, options);
        hub->setConnectorFactory([this](sync::ConnectorContext context, const sync::SyncOptions &) {
            return std::make_unique<PlatformConnector>(std::move(context), &platform);
        });
    }

    HubRoundReport round()
    {
        QSignalSpy rounds(hub.get(), &Hub::roundFinished);
        REQUIRE(hub->runOnce());
        REQUIRE(rounds.wait(20'000));
        const HubRoundReport report = rounds.takeFirst().at(0).value<HubRoundReport>();
        INFO(report.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(report.ok());
        return report;
    }
};

struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;

    Desktop(const Team &team, const QString &login, const QString &password)
    {
        auto joined = TeamReplica::join(*cache.db, team.url, login, QString(), password, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(passwordKey(joined->url), password).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
    }
    SyncReport sync() const
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    qint64 post(const QString &externalId) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(externalId))
            .toLongLong();
    }
    // "hidden|can_hide" as post_moderation holds them ("-" for no row, "" for a NULL can_hide).
    QString flags(const QString &externalId) const
    {
        return scalar(*cache.db, QStringLiteral("SELECT coalesce((SELECT is_hidden || '|' || coalesce(can_hide, '') "
                                                "FROM post_moderation WHERE post_id = %1), '-')")
                                     .arg(post(externalId)))
            .toString();
    }
    Result<QString> request(const QString &externalId, ModerationAction action = ModerationAction::Hide) const
    {
        auto target = readModerationTarget(*cache.db, post(externalId));
        INFO(target.error().toStdString());
        REQUIRE(target.ok());
        ModerationRequest request;
        request.target = *target;
        request.action = action;
        request.reason = ModerationReason::PersonalData;
        request.agent = Agent{QStringLiteral("marta"), QStringLiteral("Marta R.")};
        return requestModerationThroughHub(*cache.db, request, clock.nowMs());
    }
};

struct Fixture {
    Team team;
    LocalHttpServer graph;
    QNetworkAccessManager nam;
    SystemClock clock;
    std::unique_ptr<HubSide> one;
    std::unique_ptr<Desktop> marta;

    Fixture()
    {
        REQUIRE(graph.listening());
        one = std::make_unique<HubSide>(team, "hub1", graph, nam, clock);
        // A first round stores nothing new: the posts go up, then reach the desktop.
        one->round();
        marta = std::make_unique<Desktop>(team, QStringLiteral("marta"), kMartaPassword);
        marta->sync();
        REQUIRE(marta->post(kComment) != 0);
        REQUIRE(marta->flags(kComment) == QLatin1String("-"));
    }
};

} // namespace

TEST_CASE("a comment hidden on the platform shows hidden on a replica after the hub's sync, and visible once shown "
          "again",
          "[team][moderation][flags]")
{
    Fixture f;
    CHECK(f.team.flagChanges() == 0);

    // Hidden directly on Facebook (is_hidden true, no can_hide): the hub's next round reads it.
    f.one->platform = QJsonArray{platformComment("restfb_comment_is_hidden_true_no_can_hide.json")};
    const HubRoundReport hidden = f.one->round();
    CHECK(hidden.posts.flags == 1);
    CHECK(f.team
              .value(QStringLiteral("SELECT is_hidden || '|' || coalesce(can_hide::text, 'null') || '|' || "
                                    "stored_by FROM sportello.comment_flags WHERE external_id = '%1'")
                         .arg(kComment))
              .toString() == QStringLiteral("true|null|hub1"));
    CHECK(f.team.flagChanges() == 1);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("1|"));
    // Sportello did not hide it: who last hid it from Sportello stays empty.
    CHECK(scalar(*f.marta->cache.db,
                 QStringLiteral("SELECT coalesce(changed_by, 'nobody') FROM post_moderation WHERE post_id = %1")
                     .arg(f.marta->post(kComment)))
              .toString() == QStringLiteral("nobody"));
    // The desktop knows it is hidden: hiding it is refused there, as alone, and nothing goes up.
    const auto again = f.marta->request(kComment);
    CHECK(again.errorKind() == ErrorKind::Conflict);
    CHECK(scalar(*f.marta->cache.db, QStringLiteral("SELECT count(*) FROM moderation_requests")).toInt() == 0);

    // A round that reads the same flags sends nothing and adds nothing to the feed.
    CHECK(f.one->round().posts.flags == 0);
    CHECK(f.team.flagChanges() == 1);

    // Shown again on Facebook (is_hidden false, can_hide true): the change goes up and down.
    f.one->platform = QJsonArray{platformComment("restfb_comment_can_hide_true_is_hidden_false.json")};
    CHECK(f.one->round().posts.flags == 1);
    CHECK(f.team.flagChanges() == 2);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("0|1"));
    CHECK(f.marta->request(kComment, ModerationAction::Unhide).errorKind() == ErrorKind::Conflict);

    // Outside staff are not given the flags, neither the table nor the kind in their feed.
    auto external = f.team.login("esterno", kMartaPassword);
    QSqlQuery read(external->db());
    CHECK_FALSE(read.exec(QStringLiteral("SELECT count(*) FROM sportello.comment_flags")));
    QSqlQuery feed(external->db());
    REQUIRE(feed.exec(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'comment_flags'")));
    REQUIRE(feed.next());
    CHECK(feed.value(0).toInt() == 0);
    // Nor may a desktop's login write them: only hubs run syncs.
    auto agent = f.team.login("marta", kMartaPassword);
    QSqlQuery write(agent->db());
    CHECK_FALSE(write.exec(QStringLiteral("UPDATE sportello.comment_flags SET is_hidden = true")));
}

TEST_CASE("a comment the platform will not let be hidden is refused on the desktop before anything goes up, as alone",
          "[team][moderation][flags]")
{
    Fixture f;
    f.one->platform = QJsonArray{platformComment("restfb_comment_can_hide_false_can_remove_true.json")};
    CHECK(f.one->round().posts.flags == 1);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("0|0"));

    // The same comment read alone: the explanation the desktop gives without a team.
    TempCache alone;
    fillPage(*alone.db);
    REQUIRE(storeCommentsPage(*alone.db, f.one->platform).ok());
    const qint64 alonePost =
        scalar(*alone.db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(kComment)).toLongLong();
    auto aloneTarget = readModerationTarget(*alone.db, alonePost);
    REQUIRE(aloneTarget.ok());
    const Status aloneRefusal = checkModeration(*aloneTarget, ModerationAction::Hide);
    REQUIRE_FALSE(aloneRefusal.ok());

    const auto refused = f.marta->request(kComment);
    CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
    CHECK(refused.error() == aloneRefusal.error());
    CHECK(refused.error().contains(QLatin1String("cannot be hidden")));
    // Nothing recorded, nothing pushed, nothing for the hub to perform.
    CHECK(scalar(*f.marta->cache.db, QStringLiteral("SELECT count(*) FROM moderation_requests")).toInt() == 0);
    CHECK(f.marta->sync().push.moderation == 0);
    CHECK(f.team.value(QStringLiteral("SELECT count(*) FROM sportello.moderation_requests")).toInt() == 0);
    f.one->round();
    CHECK(f.graph.requests().isEmpty());
}

TEST_CASE("flags read before a moderation outcome and arriving after it are left out, a later read applies",
          "[team][moderation][flags][race]")
{
    Fixture f;
    // A second hub, which served the page before, began a sync pass and read the comment visible,
    // then paused before sending it up.
    HubSide two(f.team, "hub2", f.graph, f.nam, f.clock);
    REQUIRE(HubUpload(*two.cache.db, two.connection->db()).uploadPosts().ok());
    const qint64 readBefore = f.team.nowMs();
    REQUIRE(storeCommentsPage(*two.cache.db,
                              QJsonArray{platformComment("restfb_comment_can_hide_true_is_hidden_false.json")})
                .ok());

    // Meanwhile Marta asks, and the first hub hides the comment.
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    const HubRoundReport performed = f.one->round();
    CHECK(performed.moderation.done == 1);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("1|1"));
    const qint64 settledAt =
        f.team.value(QStringLiteral("SELECT settled_at FROM sportello.moderation_requests")).toLongLong();
    REQUIRE(readBefore <= settledAt);

    // The second hub's older read arrives now, after the outcome: the feed carries it (the team
    // held no flags of the comment), and the replica leaves it out: the later fact, the hide, wins.
    auto late = HubUpload(*two.cache.db, two.connection->db()).uploadCommentFlags(readBefore);
    INFO(late.error().toStdString());
    REQUIRE(late.ok());
    CHECK(*late == 1);
    CHECK(f.team.flagChanges() == 1);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("1|1"));
    CHECK(
        scalar(*f.marta->cache.db,
               QStringLiteral("SELECT changed_by FROM post_moderation WHERE post_id = %1").arg(f.marta->post(kComment)))
            .toString() == QStringLiteral("Marta Rossi"));
    // Unhiding is allowed (the desktop knows it is hidden), hiding again is not.
    CHECK(f.marta->request(kComment).errorKind() == ErrorKind::Conflict);

    // The first hub's next round sends its own state up (its cache holds the hide): a read that
    // began after the outcome, so it applies, and the team no longer holds the older read.
    CHECK(f.one->round().posts.flags == 1);
    CHECK(f.team.value(QStringLiteral("SELECT is_hidden FROM sportello.comment_flags")).toBool());
    // An older read sent again is kept out by the team database itself.
    REQUIRE(exec(*two.cache.db, QStringLiteral("DELETE FROM team_comment_flags")));
    CHECK(HubUpload(*two.cache.db, two.connection->db()).uploadCommentFlags(readBefore).value() == 1);
    CHECK(f.team.value(QStringLiteral("SELECT is_hidden FROM sportello.comment_flags")).toBool());
    CHECK(f.team.flagChanges() == 2);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("1|1"));

    // Shown again directly on Facebook later: that read began after the outcome, and applies.
    f.one->platform = QJsonArray{platformComment("restfb_comment_can_hide_true_is_hidden_false.json")};
    CHECK(f.one->round().posts.flags == 1);
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("0|1"));
    // Who last hid it from Sportello stays, as alone after a sync.
    CHECK(
        scalar(*f.marta->cache.db,
               QStringLiteral("SELECT changed_by FROM post_moderation WHERE post_id = %1").arg(f.marta->post(kComment)))
            .toString() == QStringLiteral("Marta Rossi"));
}

TEST_CASE("a comment shown again on the platform after the hub hid it shows visible on a replica",
          "[team][moderation][flags]")
{
    Fixture f;
    // The hub's sync read the comment visible, and sent that up.
    f.one->platform = QJsonArray{platformComment("restfb_comment_can_hide_true_is_hidden_false.json")};
    f.one->round();
    f.one->round();
    f.marta->sync();
    REQUIRE(f.marta->flags(kComment) == QStringLiteral("0|1"));

    // Marta asks, the hub hides it: the outcome is the comment's flags on the team too.
    REQUIRE(f.marta->request(kComment).ok());
    f.marta->sync();
    f.graph.enqueue(kGraphPath,
                    CannedResponse::jsonFile(200, moderationBody(QStringLiteral("restfb_success_true.json"))));
    CHECK(f.one->round().moderation.done == 1);
    CHECK(f.team.value(QStringLiteral("SELECT is_hidden FROM sportello.comment_flags")).toBool());
    CHECK(f.team.value(QStringLiteral("SELECT read_at FROM sportello.comment_flags")).toLongLong() ==
          f.team.value(QStringLiteral("SELECT settled_at FROM sportello.moderation_requests")).toLongLong());
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("1|1"));

    // Before the hub's next sync a page admin shows it again on Facebook: that read goes up.
    f.one->platform = QJsonArray{platformComment("restfb_comment_can_hide_true_is_hidden_false.json")};
    CHECK(f.one->round().posts.flags == 1);
    CHECK_FALSE(f.team.value(QStringLiteral("SELECT is_hidden FROM sportello.comment_flags")).toBool());
    f.marta->sync();
    CHECK(f.marta->flags(kComment) == QStringLiteral("0|1"));
}
