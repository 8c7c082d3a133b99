// The customer card in team mode, against a real PostgreSQL 15 (PgServer): identity links, notes
// and the policyholder reference go up from one desktop and come down to another (whose guard
// then blocks the reference), unlinking and clearing travel too, concurrent links converge by the
// feed's order, a link waits for its author, a repeated push changes nothing, and the external
// role reads no customer rows at all.
#include "catch_compat.h"

#include "CliProcess.h"
#include "PgServer.h"
#include "TestSupport.h"

#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "compose/Guard.h"
#include "customers/Customers.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <memory>

using namespace sportello;
using namespace sportello::test;
using sportello::team::TeamReplica;

namespace {

const QString kPassword = QStringLiteral("customer-test-password");

// A team database on a server of its own: two agents and an external with the X channel as scope.
struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        auto connection = team::TeamConnection::open(url(), server->superuserPassword());
        INFO(connection.error().toStdString());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        team::AgentProfile xOnly;
        xOnly.scopeChannels = {QStringLiteral("x")};
        for (const auto &[login, name, role, profile] :
             {std::tuple{QStringLiteral("marta"), QStringLiteral("Marta Rossi"), team::AgentRole::Agent,
                         team::AgentProfile{}},
              std::tuple{QStringLiteral("luca"), QStringLiteral("Luca Bianchi"), team::AgentRole::Agent,
                         team::AgentProfile{}},
              std::tuple{QStringLiteral("ext"), QStringLiteral("Outsourcer"), team::AgentRole::External, xOnly}}) {
            team::TeamAgent agent;
            agent.login = login;
            agent.name = name;
            agent.role = role;
            agent.profile = profile;
            const Status added = team::addAgent(admin->db(), agent, kPassword, 1);
            INFO(added.error().toStdString());
            REQUIRE(added.ok());
        }
    }
    team::TeamUrl url() const { return *team::TeamUrl::parse(server->url(QStringLiteral("team"))); }
    void exec(const QString &statement) const
    {
        const Status s = team::teamExec(admin->db(), statement);
        INFO(statement.toStdString());
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    QVariant scalar(const QString &statement) const
    {
        QSqlQuery query(admin->db());
        INFO(statement.toStdString());
        REQUIRE(query.exec(statement));
        REQUIRE(query.next());
        return query.value(0);
    }
    qint64 changes() const { return scalar(QStringLiteral("SELECT count(*) FROM sportello.changes")).toLongLong(); }
    // As the hub stores it: a customer's post.
    void post(const QString &channel, const QString &thread, const QString &author, const QString &visibility) const
    {
        exec(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                            "author_handle, author_name, direction, visibility, created_at, text, category) VALUES("
                            "'%1', '%2-p', '%2', '%3', '%3', 'Mario Rossi', 'inbound', '%4', "
                            "(extract(epoch FROM now()) * 1000)::bigint, 'Buongiorno, una domanda sulla polizza', "
                            "'assistance')")
                 .arg(channel, thread, author, visibility));
    }
};

// One desktop: its cache joined to the team, its replica, and the customer card's store.
struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;
    std::unique_ptr<CustomerStore> store;
    Agent agent;

    Desktop(const Team &team, const QString &login, const QString &name) : agent{login, name}
    {
        auto joined = TeamReplica::join(*cache.db, team.url(), login, QString(), kPassword, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), kPassword).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
        store = std::make_unique<CustomerStore>(*cache.db, clock);
    }
    team::SyncReport sync() const
    {
        auto report = replica->syncOnce();
        INFO(report.error().toStdString());
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->ok());
        return *report;
    }
    QVariant value(const QString &statement) const { return scalar(*cache.db, statement); }
    qint64 author(const QString &externalId) const
    {
        return value(QStringLiteral("SELECT coalesce((SELECT id FROM authors WHERE external_id = '%1'), 0)")
                         .arg(externalId))
            .toLongLong();
    }
    qint64 thread(const QString &externalId) const
    {
        return value(QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId)).toLongLong();
    }
    void link(const QString &a, const QString &b) const
    {
        const Status s = store->link(author(a), author(b), agent);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    void unlink(const QString &a) const
    {
        const Status s = store->unlink(author(a), agent);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    CustomerCard card(const QString &externalId) const
    {
        auto c = store->card(author(externalId));
        INFO(c.error().toStdString());
        REQUIRE(c.ok());
        return *c;
    }
    // Every linked identity as "external id -> customer uuid", sorted: what must converge.
    QStringList links() const
    {
        QStringList all;
        QSqlQuery q(cache.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT a.external_id, c.uuid FROM customer_identities i JOIN authors a ON "
                                      "a.id = i.author_id JOIN customers c ON c.id = i.customer_id")));
        while (q.next())
            all << q.value(0).toString() + QStringLiteral(" -> ") + q.value(1).toString();
        all.sort();
        return all;
    }
};

QStringList teamLinks(const Team &team)
{
    QStringList all;
    QSqlQuery q(team.admin->db());
    REQUIRE(q.exec(QStringLiteral("SELECT author_external_id, customer_uuid FROM sportello.customer_links")));
    while (q.next())
        all << q.value(0).toString() + QStringLiteral(" -> ") + q.value(1).toString();
    all.sort();
    return all;
}

QStringList externalIds(const CustomerCard &card)
{
    QStringList ids;
    for (const CustomerIdentity &i : card.identities)
        ids << i.externalId;
    ids.sort();
    return ids;
}

bool guardBlocks(const Desktop &desktop, const QString &text)
{
    auto config = GuardConfig::load(desktop.cache.db->connection());
    REQUIRE(config.ok());
    auto findings = Guard(*config).check(text);
    REQUIRE(findings.ok());
    return std::any_of(findings->cbegin(), findings->cend(),
                       [](const Finding &f) { return f.kind == FindingKind::PolicyholderRef; });
}

} // namespace

TEST_CASE("links, notes and the policyholder reference made on one desktop reach another, and come back changed",
          "[team][customers]")
{
    Team team;
    team.post(QStringLiteral("facebook"), QStringLiteral("fb-t"), QStringLiteral("fb-mario"), QStringLiteral("public"));
    team.post(QStringLiteral("x"), QStringLiteral("x-t"), QStringLiteral("x-mario"), QStringLiteral("public"));
    team.post(QStringLiteral("instagram"), QStringLiteral("ig-t"), QStringLiteral("ig-mario"),
              QStringLiteral("private"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"));
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"));
    // Local ids differ per cache: another author first on Luca's desktop.
    ingest(*luca.cache.db,
           {inboundPost(QStringLiteral("local-t"), QStringLiteral("local-p"), utcMs("2026-03-01T09:00:00Z"))});
    marta.sync();
    luca.sync();

    marta.link(QStringLiteral("fb-mario"), QStringLiteral("x-mario"));
    marta.link(QStringLiteral("fb-mario"), QStringLiteral("ig-mario"));
    auto note = marta.store->addNote(marta.author(QStringLiteral("x-mario")),
                                     QStringLiteral("Cliente dal 2015, preferisce essere ricontattato in privato."),
                                     marta.agent);
    REQUIRE(note.ok());
    REQUIRE(marta.store
                ->setPolicyholderRef(marta.author(QStringLiteral("ig-mario")), marta.thread(QStringLiteral("ig-t")),
                                     QStringLiteral("PH-2024 77881"), marta.agent)
                .ok());
    const team::SyncReport up = marta.sync();
    CHECK(up.push.customerChanges > 0);
    CHECK(up.push.customerChangesRefused == 0);
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM team_customer_outgoing")).toInt() == 0);
    CHECK(marta.value(QStringLiteral("SELECT team_state FROM customer_notes")).toString() == QStringLiteral("pushed"));
    // The team fills the note's author from the login.
    CHECK(team.scalar(QStringLiteral("SELECT agent_id || '/' || agent_name FROM sportello.customer_notes")).toString() ==
          QStringLiteral("marta/Marta Rossi"));

    luca.sync();
    const CustomerCard card = luca.card(QStringLiteral("fb-mario"));
    CHECK(externalIds(card) ==
          QStringList{QStringLiteral("fb-mario"), QStringLiteral("ig-mario"), QStringLiteral("x-mario")});
    REQUIRE(card.notes.size() == 1);
    CHECK(card.notes.first().text == QStringLiteral("Cliente dal 2015, preferisce essere ricontattato in privato."));
    CHECK(card.notes.first().agentName == QStringLiteral("Marta Rossi"));
    REQUIRE(card.policyholderRef.has_value());
    CHECK(card.policyholderRef->value == QStringLiteral("PH-2024 77881"));
    CHECK(card.policyholderRef->verifiedInThreadId == luca.thread(QStringLiteral("ig-t")));
    CHECK(card.policyholderRef->setBy == QStringLiteral("Marta Rossi"));
    CHECK(luca.links() == marta.links());
    CHECK(luca.links() == teamLinks(team));
    CHECK(luca.author(QStringLiteral("fb-mario")) != marta.author(QStringLiteral("fb-mario")));
    // Luca's guard blocks the reference in a public reply, however it is written.
    CHECK(guardBlocks(luca, QStringLiteral("Gentile cliente, la posizione ph 2024-77881 risulta aperta.")));
    // Nothing came down to go up again.
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM team_customer_outgoing")).toInt() == 0);
    CHECK(luca.value(QStringLiteral("SELECT team_state FROM customer_notes")).toString() == QStringLiteral("from_team"));

    SECTION("a repeated push changes nothing in the team database")
    {
        const qint64 before = team.changes();
        const QString teamState =
            team.scalar(QStringLiteral("SELECT string_agg(c::text, ';' ORDER BY c::text) FROM (SELECT uuid, "
                                       "policyholder_ref, changed_at FROM sportello.customers) c"))
                .toString();
        // Everything noted again, as after a crash between the team's commit and the cache's.
        for (const char *statement :
             {"INSERT OR IGNORE INTO team_customer_outgoing(kind, key) SELECT 'customer', uuid FROM customers",
              "INSERT OR IGNORE INTO team_customer_outgoing(kind, key) SELECT 'customer_link', author_id FROM "
              "customer_identities",
              "UPDATE customer_notes SET team_state = 'to_push'"})
            REQUIRE(sql::exec(marta.cache.db->connection(), QString::fromLatin1(statement)).ok());
        auto again = marta.replica->push();
        REQUIRE(again.ok());
        CHECK(again->customerChanges == 5); // one customer, three links, one note
        CHECK(team.changes() == before);
        CHECK(team.scalar(QStringLiteral("SELECT string_agg(c::text, ';' ORDER BY c::text) FROM (SELECT uuid, "
                                         "policyholder_ref, changed_at FROM sportello.customers) c"))
                  .toString() == teamState);
        CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_notes")).toInt() == 1);
    }

    SECTION("unlinking and clearing the reference on the other desktop reach the first")
    {
        luca.unlink(QStringLiteral("x-mario"));
        const Status cleared = luca.store->clearPolicyholderRef(luca.author(QStringLiteral("fb-mario")), luca.agent);
        REQUIRE(cleared.ok());
        luca.sync();
        marta.sync();
        CHECK(externalIds(marta.card(QStringLiteral("fb-mario"))) ==
              QStringList{QStringLiteral("fb-mario"), QStringLiteral("ig-mario")});
        CHECK(marta.card(QStringLiteral("x-mario")).customerId == 0);
        CHECK_FALSE(marta.card(QStringLiteral("fb-mario")).policyholderRef.has_value());
        CHECK_FALSE(guardBlocks(marta, QStringLiteral("la posizione PH-2024 77881 risulta aperta.")));
        // The note stays with the customer.
        CHECK(marta.card(QStringLiteral("fb-mario")).notes.size() == 1);
        CHECK(marta.links() == luca.links());
        CHECK(marta.links() == teamLinks(team));
    }
}

TEST_CASE("conflicting links made offline on two desktops converge on the team's order", "[team][customers]")
{
    Team team;
    team.post(QStringLiteral("facebook"), QStringLiteral("t-paolo"), QStringLiteral("paolo"), QStringLiteral("public"));
    team.post(QStringLiteral("x"), QStringLiteral("t-quinto"), QStringLiteral("quinto"), QStringLiteral("public"));
    team.post(QStringLiteral("instagram"), QStringLiteral("t-zeta"), QStringLiteral("zeta"), QStringLiteral("public"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"));
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"));
    marta.sync();
    luca.sync();

    // Both offline: Marta links zeta to paolo, Luca links zeta to quinto. Marta's goes up first;
    // Luca's desktop reads the feed before its own link went up: its link is the later one, and
    // stays.
    marta.link(QStringLiteral("paolo"), QStringLiteral("zeta"));
    luca.link(QStringLiteral("quinto"), QStringLiteral("zeta"));
    marta.sync();
    REQUIRE(luca.replica->pull().ok());
    CHECK(luca.store->customerOf(luca.author(QStringLiteral("zeta"))).value() ==
          luca.store->customerOf(luca.author(QStringLiteral("quinto"))).value());
    CHECK(luca.store->customerOf(luca.author(QStringLiteral("paolo"))).value() != 0);
    luca.sync();
    marta.sync();
    CHECK(marta.links() == luca.links());
    CHECK(marta.links() == teamLinks(team));
    // The last writer in the team's order: Luca's.
    for (const Desktop *d : {&marta, &luca}) {
        CHECK(d->store->customerOf(d->author(QStringLiteral("zeta"))).value() ==
              d->store->customerOf(d->author(QStringLiteral("quinto"))).value());
        CHECK(d->store->customerOf(d->author(QStringLiteral("zeta"))).value() !=
              d->store->customerOf(d->author(QStringLiteral("paolo"))).value());
    }

    // An unlink and a link crossing: Marta takes zeta out while Luca, offline, links paolo to zeta
    // (merging quinto's customer into paolo's). Marta's goes up first, Luca's after: linked.
    marta.unlink(QStringLiteral("zeta"));
    luca.link(QStringLiteral("paolo"), QStringLiteral("zeta"));
    marta.sync();
    luca.sync();
    marta.sync();
    CHECK(marta.links() == luca.links());
    CHECK(marta.links() == teamLinks(team));
    CHECK(externalIds(marta.card(QStringLiteral("paolo"))) ==
          QStringList{QStringLiteral("paolo"), QStringLiteral("quinto"), QStringLiteral("zeta")});
    // The customer merged away is gone from both desktops and from the team.
    CHECK(marta.value(QStringLiteral("SELECT count(*) FROM customers")).toInt() ==
          luca.value(QStringLiteral("SELECT count(*) FROM customers")).toInt());
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customers")).toInt() ==
          luca.value(QStringLiteral("SELECT count(*) FROM customers")).toInt());

    // The other way round: Luca unlinks, Marta links, Luca's goes up last: unlinked everywhere.
    luca.unlink(QStringLiteral("quinto"));
    marta.sync();
    luca.sync();
    marta.sync();
    CHECK(marta.store->customerOf(marta.author(QStringLiteral("quinto"))).value() == 0);
    CHECK(marta.links() == luca.links());
}

TEST_CASE("a link for an author a replica has not seen waits for the author's first post", "[team][customers]")
{
    Team team;
    team.post(QStringLiteral("facebook"), QStringLiteral("fb-t"), QStringLiteral("fb-mario"), QStringLiteral("public"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"));
    Desktop luca(team, QStringLiteral("luca"), QStringLiteral("Luca Bianchi"));
    marta.sync();
    luca.sync();
    // Marta's desktop holds posts the team does not have yet (an import of her own).
    PostRecord late = inboundPost(QStringLiteral("x-late"), QStringLiteral("x-late-p"), utcMs("2026-03-01T09:00:00Z"),
                                  QStringLiteral("Buongiorno"), Channel::X);
    late.author = {QStringLiteral("x-mario"), QStringLiteral("mario_x"), QStringLiteral("Mario"), 1};
    PostRecord gone = inboundPost(QStringLiteral("ig-gone"), QStringLiteral("ig-gone-p"), utcMs("2026-03-01T10:00:00Z"),
                                  QStringLiteral("Buongiorno"), Channel::Instagram);
    gone.author = {QStringLiteral("ig-someone"), QStringLiteral("someone"), QStringLiteral("Someone"), 1};
    ingest(*marta.cache.db, {late, gone});
    marta.link(QStringLiteral("fb-mario"), QStringLiteral("x-mario"));
    // Linked and unlinked again before Luca hears of the author: the unlink supersedes the link.
    marta.link(QStringLiteral("fb-mario"), QStringLiteral("ig-someone"));
    marta.sync();
    marta.unlink(QStringLiteral("ig-someone"));
    marta.sync();

    const team::SyncReport waiting = luca.sync();
    CHECK(waiting.pull.deferred == 1);
    CHECK(luca.value(QStringLiteral("SELECT count(*) FROM team_deferred WHERE kind = 'customer_link'")).toInt() == 1);
    CHECK(externalIds(luca.card(QStringLiteral("fb-mario"))) == QStringList{QStringLiteral("fb-mario")});

    // The hub stores the authors' posts: the waiting link applies, the superseded one does not.
    team.post(QStringLiteral("x"), QStringLiteral("x-late"), QStringLiteral("x-mario"), QStringLiteral("public"));
    team.post(QStringLiteral("instagram"), QStringLiteral("ig-gone"), QStringLiteral("ig-someone"),
              QStringLiteral("public"));
    const team::SyncReport arrived = luca.sync();
    CHECK(arrived.pull.deferred == 0);
    CHECK(externalIds(luca.card(QStringLiteral("fb-mario"))) ==
          QStringList{QStringLiteral("fb-mario"), QStringLiteral("x-mario")});
    CHECK(luca.card(QStringLiteral("ig-someone")).customerId == 0);
    CHECK(luca.links() == marta.links());
}

TEST_CASE("the external role reads no customer rows, and its own customer changes stay on its desktop",
          "[team][customers][external]")
{
    Team team;
    team.post(QStringLiteral("x"), QStringLiteral("x-t"), QStringLiteral("x-mario"), QStringLiteral("private"));
    team.post(QStringLiteral("x"), QStringLiteral("x-t2"), QStringLiteral("x-mario2"), QStringLiteral("public"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"));
    marta.sync();
    marta.link(QStringLiteral("x-mario"), QStringLiteral("x-mario2"));
    REQUIRE(marta.store->addNote(marta.author(QStringLiteral("x-mario")), QStringLiteral("Nota"), marta.agent).ok());
    REQUIRE(marta.store
                ->setPolicyholderRef(marta.author(QStringLiteral("x-mario")), marta.thread(QStringLiteral("x-t")),
                                     QStringLiteral("PH-2024 77881"), marta.agent)
                .ok());
    marta.sync();
    REQUIRE(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_links")).toInt() == 2);

    auto ext = team::TeamConnection::open(team.url().withUser(QStringLiteral("ext")), kPassword);
    REQUIRE(ext.ok());
    const QSqlDatabase db = (*ext)->db();
    // No grant: reading the tables is refused.
    for (const char *table : {"customers", "customer_links", "customer_notes"}) {
        QSqlQuery q(db);
        INFO(table);
        CHECK_FALSE(q.exec(QStringLiteral("SELECT count(*) FROM sportello.%1").arg(QLatin1String(table))));
    }
    // The feed carries none of their changes to it (its posts in scope, it does see).
    QSqlQuery feed(db);
    REQUIRE(feed.exec(QStringLiteral("SELECT count(*) FILTER (WHERE kind LIKE 'customer%'), count(*) FILTER (WHERE "
                                     "kind = 'post') FROM sportello.changes")));
    REQUIRE(feed.next());
    CHECK(feed.value(0).toInt() == 0);
    CHECK(feed.value(1).toInt() == 2);
    // Row-level security as well: a blanket grant later still shows it no customer row.
    team.exec(QStringLiteral("GRANT SELECT ON sportello.customers, sportello.customer_links, sportello.customer_notes "
                             "TO sportello_external"));
    for (const char *table : {"customers", "customer_links", "customer_notes"}) {
        QSqlQuery q(db);
        INFO(table);
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sportello.%1").arg(QLatin1String(table))));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 0);
    }

    // The external's desktop links locally: the team refuses it once, the link stays here, and
    // the next push does not try again.
    Desktop outsourcer(team, QStringLiteral("ext"), QStringLiteral("Outsourcer"));
    outsourcer.sync();
    CHECK(outsourcer.value(QStringLiteral("SELECT count(*) FROM customers")).toInt() == 0);
    outsourcer.link(QStringLiteral("x-mario"), QStringLiteral("x-mario2"));
    REQUIRE(outsourcer.store->addNote(outsourcer.author(QStringLiteral("x-mario")), QStringLiteral("Nota esterna"),
                                      outsourcer.agent)
                .ok());
    const team::SyncReport refused = outsourcer.sync();
    CHECK(refused.push.customerChangesRefused > 0);
    CHECK(refused.push.customerChanges == 0);
    CHECK(outsourcer.value(QStringLiteral("SELECT team_state FROM customer_notes")).toString() ==
          QStringLiteral("refused"));
    CHECK(externalIds(outsourcer.card(QStringLiteral("x-mario"))) ==
          QStringList{QStringLiteral("x-mario"), QStringLiteral("x-mario2")});
    CHECK(outsourcer.sync().push.customerChangesRefused == 0);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_notes")).toInt() == 1);
}

TEST_CASE("a customer change the team refuses for good is kept on its desktop and holds back no other",
          "[team][customers]")
{
    Team team;
    team.post(QStringLiteral("x"), QStringLiteral("x-t"), QStringLiteral("x-mario"), QStringLiteral("public"));
    team.post(QStringLiteral("x"), QStringLiteral("x-t2"), QStringLiteral("x-mario2"), QStringLiteral("public"));
    // A rule of the team's the desktop does not know (as a newer team database might have).
    team.exec(QStringLiteral("ALTER TABLE sportello.customer_notes ADD CONSTRAINT no_iban CHECK (text NOT LIKE '%IBAN%')"));
    Desktop marta(team, QStringLiteral("marta"), QStringLiteral("Marta Rossi"));
    marta.sync();
    const qint64 mario = marta.author(QStringLiteral("x-mario"));
    REQUIRE(marta.store->addNote(mario, QStringLiteral("IBAN comunicato al telefono"), marta.agent).ok());
    REQUIRE(marta.store->addNote(mario, QStringLiteral("Richiamare lunedì"), marta.agent).ok());
    marta.link(QStringLiteral("x-mario"), QStringLiteral("x-mario2"));
    const team::SyncReport report = marta.sync();
    CHECK(report.push.customerChangesRefused == 1);
    CHECK(report.push.customerChanges >= 4); // the customer, two links, the other note
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_links")).toInt() == 2);
    CHECK(team.scalar(QStringLiteral("SELECT string_agg(text, '|') FROM sportello.customer_notes")).toString() ==
          QStringLiteral("Richiamare lunedì"));
    CHECK(marta.value(QStringLiteral("SELECT group_concat(team_state, '|') FROM (SELECT team_state FROM "
                                     "customer_notes ORDER BY id)"))
              .toString() == QStringLiteral("refused|pushed"));
    // Not tried again.
    CHECK(marta.sync().push.customerChangesRefused == 0);
    CHECK(marta.card(QStringLiteral("x-mario")).notes.size() == 2);
}

TEST_CASE("cache schema 22 gives existing customers and notes a UUID, and alone nothing is noted for a team",
          "[team][customers][migration]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        Database::Options options;
        options.targetVersion = 20;
        auto old = openCache(path, options);
        REQUIRE(old.ok());
        for (const char *statement :
             {"INSERT INTO authors(id, channel, external_id) VALUES(1, 'x', 'a1'), (2, 'x', 'a2'), (3, 'x', 'a3')",
              "INSERT INTO customers(id, created_at) VALUES(1, 10), (2, 20)",
              "INSERT INTO customer_identities(author_id, customer_id, linked_by, linked_at) VALUES(1, 1, 'Anna', 10), "
              "(2, 1, 'Anna', 10), (3, 2, 'Anna', 20)",
              "INSERT INTO customer_notes(customer_id, at, agent_id, agent_name, text) VALUES(1, 11, 'anna', 'Anna', "
              "'uno'), (2, 21, 'anna', 'Anna', 'due')"})
            REQUIRE(sql::exec((*old)->connection(), QString::fromLatin1(statement)).ok());
    }
    auto db = openCache(path);
    REQUIRE(db.ok());
    const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    for (const char *table : {"customers", "customer_notes"}) {
        INFO(table);
        CHECK(scalar(**db, QStringLiteral("SELECT count(DISTINCT uuid) FROM %1").arg(QLatin1String(table))).toInt() == 2);
        QSqlQuery q((*db)->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT uuid FROM %1").arg(QLatin1String(table))));
        while (q.next())
            CHECK(uuid.match(q.value(0).toString()).hasMatch());
    }
    // Alone, a new customer and note get their UUIDs too, and nothing waits for a push.
    SystemClock clock;
    CustomerStore store(**db, clock);
    REQUIRE(sql::exec((*db)->connection(), QStringLiteral("INSERT INTO authors(id, channel, external_id) "
                                                          "VALUES(4, 'x', 'a4')"))
                .ok());
    REQUIRE(store.addNote(4, QStringLiteral("tre"), Agent{QStringLiteral("anna"), QStringLiteral("Anna")}).ok());
    CHECK(scalar(**db, QStringLiteral("SELECT count(*) FROM customers WHERE uuid IS NULL")).toInt() == 0);
    CHECK(scalar(**db, QStringLiteral("SELECT count(*) FROM customer_notes WHERE uuid IS NULL")).toInt() == 0);
    CHECK(scalar(**db, QStringLiteral("SELECT count(*) FROM customer_notes WHERE team_state IS NOT NULL")).toInt() ==
          0);
    CHECK(scalar(**db, QStringLiteral("SELECT count(*) FROM team_customer_outgoing")).toInt() == 0);
}

TEST_CASE("customer commands in a team go up with sync, and sync says when the team refuses them",
          "[team][customers][cli]")
{
    Team team;
    team.post(QStringLiteral("x"), QStringLiteral("x-t"), QStringLiteral("x-mario"), QStringLiteral("public"));
    team.post(QStringLiteral("x"), QStringLiteral("x-t2"), QStringLiteral("x-mario2"), QStringLiteral("public"));
    qputenv("SPORTELLO_TEST_TEAM_PASSWORD", kPassword.toUtf8());
    const QString url = QStringLiteral("postgresql://127.0.0.1:%1/team").arg(team.server->port());
    QTemporaryDir dir;
    const auto cli = [](const QStringList &arguments) {
        CliRun run = runCli(arguments, {});
        INFO(arguments.join(QLatin1Char(' ')).toStdString());
        INFO(run.err.toStdString());
        REQUIRE(run.exitCode == 0);
        return run;
    };
    int refusedCount = 0;
    for (const QString &login : {QStringLiteral("marta"), QStringLiteral("ext")}) {
        const QString cache = dir.filePath(login + QStringLiteral(".db"));
        cli({QStringLiteral("--database"), cache, QStringLiteral("team"), QStringLiteral("join"), QStringLiteral("--url"),
             url, QStringLiteral("--login"), login, QStringLiteral("--password-env"),
             QStringLiteral("SPORTELLO_TEST_TEAM_PASSWORD")});
        cli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")});
        Database::Options options;
        auto db = openCache(cache, options);
        REQUIRE(db.ok());
        const QString thread = scalar(**db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'x-t'")).toString();
        db->reset();
        cli({QStringLiteral("--database"), cache, QStringLiteral("customer"), QStringLiteral("link"), thread,
             QStringLiteral("x:x-mario2"), QStringLiteral("--agent"), login});
        const CliRun sync = cli({QStringLiteral("--database"), cache, QStringLiteral("sync"), QStringLiteral("--once")});
        if (login == QLatin1String("ext")) {
            CHECK(
                sync.err.contains(QStringLiteral("refused by the team database (this login may not share customers")));
            refusedCount = int(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_links")).toInt());
        } else {
            CHECK_FALSE(sync.err.contains(QStringLiteral("may not share customers")));
            CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.customer_links")).toInt() == 2);
        }
    }
    // The external's link stayed on its desktop: the team holds Marta's two links only.
    CHECK(refusedCount == 2);
    CHECK(team.scalar(QStringLiteral("SELECT count(DISTINCT login) FROM sportello.customer_links")).toInt() == 1);
}
