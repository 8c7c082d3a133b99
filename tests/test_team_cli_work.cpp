// The team's work from the command line (issue 14, point 7) against a real PostgreSQL 15
// (tests/PgServer): team next routing threads to agents until none waits or they are at capacity,
// claims and take-overs naming the holder, release, assign, notes with mentions, the routing and
// approval settings, an external's public reply through approval (sent back, resubmitted,
// approved), agent profiles and the board. Every command runs as a separate sportello-cli process
// (tests/CliProcess.h), connected as the login its cache joined with.
#include "catch_compat.h"

#include "CliProcess.h"
#include "PgServer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

using namespace sportello;
using sportello::test::CliRun;
using sportello::test::PgServer;

namespace {

const QString kPassword = QStringLiteral("a long enough password");

// A team database made with `team init`, its agents added with `team agent add`, each agent's
// cache joined with `team join`: the way an administrator and the agents set a team up.
class Team {
public:
    explicit Team(const QString &database)
    {
        QString error;
        m_server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(m_server);
        REQUIRE(m_server->createDatabase(database, &error));
        m_database = database;
        m_url = m_server->url(database);
        REQUIRE(m_dir.isValid());
        const CliRun init = admin({QStringLiteral("init")});
        INFO(init.err.toStdString());
        REQUIRE(init.exitCode == 0);
    }

    // `team ARGUMENTS --url URL` as the administrator (the server's superuser, by PGPASSWORD).
    CliRun admin(QStringList arguments) const
    {
        arguments.prepend(QStringLiteral("team"));
        arguments << QStringLiteral("--url") << m_url;
        return test::runCli(
            arguments, {},
            {{QStringLiteral("PGPASSWORD"), m_server->superuserPassword()}, {QStringLiteral("TEAM_PW"), kPassword}});
    }

    // `team ARGUMENTS` on the cache of `login`: connected as that login, with its own password
    // only (no PGPASSWORD to fall back on).
    CliRun as(const QString &login, QStringList arguments) const
    {
        arguments.prepend(QStringLiteral("team"));
        arguments.prepend(m_dir.filePath(login + QStringLiteral(".sqlite")));
        arguments.prepend(QStringLiteral("--database"));
        return test::runCli(arguments, {},
                            {{QStringLiteral("PGPASSWORD"), QString()}, {QStringLiteral("TEAM_PW"), kPassword}});
    }

    void addAgent(const QString &login, const QString &name, const QString &role, const QStringList &profile = {})
    {
        const CliRun added =
            admin(QStringList{QStringLiteral("agent"), QStringLiteral("add"), QStringLiteral("--login"), login,
                              QStringLiteral("--name"), name, QStringLiteral("--role"), role,
                              QStringLiteral("--password-env"), QStringLiteral("TEAM_PW")} +
                  profile);
        INFO(added.err.toStdString());
        REQUIRE(added.exitCode == 0);
    }

    void join(const QString &login)
    {
        const CliRun joined =
            as(login, {QStringLiteral("join"), QStringLiteral("--url"), m_url, QStringLiteral("--login"), login,
                       QStringLiteral("--password-env"), QStringLiteral("TEAM_PW")});
        INFO(joined.err.toStdString());
        REQUIRE(joined.exitCode == 0);
    }

    // A customer's post, as the hub uploads it (the superuser stands in for the hub).
    void post(const QString &channel, const QString &id, const QString &category, qint64 minutesAgo)
    {
        const qint64 at = QDateTime::currentMSecsSinceEpoch() - minutesAgo * 60 * 1000;
        sql(QStringLiteral("INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, "
                           "direction, visibility, created_at, text, category, language) VALUES ('%1', '%2', '%2', "
                           "'customer-%2', 'inbound', 'public', %3, 'Buongiorno, ho un problema', '%4', 'it')")
                .arg(channel, id)
                .arg(at)
                .arg(category));
    }

    void sql(const QString &statement) const
    {
        QString error;
        INFO(error.toStdString());
        REQUIRE(m_server->exec(statement, &error, m_database));
    }

    // One value as the superuser.
    QString scalar(const QString &statement) const
    {
        QString value;
        {
            QSqlDatabase db = m_server->connect(QStringLiteral("scalar"), m_database);
            REQUIRE(db.isOpen());
            QSqlQuery q(db);
            INFO(statement.toStdString());
            REQUIRE(q.exec(statement));
            REQUIRE(q.next());
            value = q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("scalar"));
        return value;
    }

    // A statement run as an agent's own login (a desktop's push stands in for it).
    void sqlAs(const QString &login, const QString &statement) const
    {
        {
            QSqlDatabase db = m_server->connect(QStringLiteral("as-agent"), m_database, login, kPassword);
            INFO(db.lastError().text().toStdString());
            REQUIRE(db.isOpen());
            QSqlQuery q(db);
            INFO(statement.toStdString());
            INFO(q.lastError().text().toStdString());
            const bool ran = q.exec(statement);
            INFO(q.lastError().text().toStdString());
            REQUIRE(ran);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("as-agent"));
    }

private:
    std::unique_ptr<PgServer> m_server;
    QString m_database;
    QString m_url;
    QTemporaryDir m_dir;
};

QJsonObject jsonLine(const QString &out)
{
    const QStringList lines = test::outputLines(out);
    REQUIRE(lines.size() == 1);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(lines.first().toUtf8(), &error);
    INFO(lines.first().toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    return doc.object();
}

} // namespace

TEST_CASE("sportello-cli team next gives two agents two threads, then says none waits or they are at capacity",
          "[team][cli]")
{
    Team team(QStringLiteral("team_next"));
    team.addAgent(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), QStringLiteral("agent"),
                  {QStringLiteral("--skills-categories"), QStringLiteral("complaint"), QStringLiteral("--capacity"),
                   QStringLiteral("2")});
    team.addAgent(QStringLiteral("paolo"), QStringLiteral("Paolo Neri"), QStringLiteral("agent"),
                  {QStringLiteral("--capacity"), QStringLiteral("1")});
    team.addAgent(QStringLiteral("sara"), QStringLiteral("Sara Bianchi"), QStringLiteral("supervisor"));
    for (const QString &login : {QStringLiteral("marta"), QStringLiteral("paolo"), QStringLiteral("sara")})
        team.join(login);

    // Nothing waits yet: "nothing to do" is its own exit code, not an error.
    const CliRun empty = team.as(QStringLiteral("sara"), {QStringLiteral("next")});
    INFO(empty.err.toStdString());
    CHECK(empty.exitCode == 3);
    CHECK(empty.out.contains(QLatin1String("No thread is waiting for you")));

    team.post(QStringLiteral("x"), QStringLiteral("t1"), QStringLiteral("complaint"), 30);
    team.post(QStringLiteral("x"), QStringLiteral("t2"), QStringLiteral("assistance"), 20);
    team.post(QStringLiteral("x"), QStringLiteral("t3"), QStringLiteral("complaint"), 10);

    // Dedicated routing (the default), most urgent first: the oldest waits longest for its due time.
    const CliRun first = team.as(QStringLiteral("marta"), {QStringLiteral("next"), QStringLiteral("--json")});
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    const QJsonObject martas = jsonLine(first.out);
    CHECK(martas.value(QStringLiteral("outcome")).toString() == QLatin1String("claimed"));
    CHECK(martas.value(QStringLiteral("thread")).toString() == QLatin1String("x:t1"));
    CHECK(martas.value(QStringLiteral("category")).toString() == QLatin1String("complaint"));
    CHECK(martas.value(QStringLiteral("language")).toString() == QLatin1String("it"));
    CHECK(martas.value(QStringLiteral("waiting_since")).toString().endsWith(QLatin1Char('Z')));
    CHECK(martas.value(QStringLiteral("due_at")).toString() > martas.value(QStringLiteral("waiting_since")).toString());
    CHECK(martas.value(QStringLiteral("claim_until")).toString().endsWith(QLatin1Char('Z')));

    const CliRun second = team.as(QStringLiteral("paolo"), {QStringLiteral("next")});
    INFO(second.err.toStdString());
    REQUIRE(second.exitCode == 0);
    CHECK(second.out.startsWith(QLatin1String("Claimed x:t2: assistance, language it, waiting since ")));
    CHECK(second.out.contains(QLatin1String("; yours until ")));
    CHECK(team.scalar(QStringLiteral("SELECT string_agg(thread_external_id || '=' || login, ',' ORDER BY "
                                     "thread_external_id) FROM sportello.claims")) ==
          QLatin1String("t1=marta,t2=paolo"));

    // Paolo holds one thread, his capacity.
    const CliRun full = team.as(QStringLiteral("paolo"), {QStringLiteral("next")});
    CHECK(full.exitCode == 5);
    CHECK(full.err.contains(QLatin1String("as many threads as your capacity allows")));
    const CliRun fullJson = team.as(QStringLiteral("paolo"), {QStringLiteral("next"), QStringLiteral("--json")});
    CHECK(fullJson.exitCode == 5);
    CHECK(jsonLine(fullJson.out).value(QStringLiteral("outcome")).toString() == QLatin1String("at_capacity"));

    const CliRun third = team.as(QStringLiteral("marta"), {QStringLiteral("next"), QStringLiteral("--json")});
    REQUIRE(third.exitCode == 0);
    CHECK(jsonLine(third.out).value(QStringLiteral("thread")).toString() == QLatin1String("x:t3"));
    CHECK(team.as(QStringLiteral("marta"), {QStringLiteral("next")}).exitCode == 5);

    // Every waiting thread is held: the supervisor, with room to spare, has nothing to do.
    const CliRun none = team.as(QStringLiteral("sara"), {QStringLiteral("next"), QStringLiteral("--json")});
    CHECK(none.exitCode == 3);
    CHECK(jsonLine(none.out).value(QStringLiteral("outcome")).toString() == QLatin1String("none_waiting"));

    // Released, a thread is free for the next agent who asks; releasing it again has nothing to do.
    const CliRun released = team.as(QStringLiteral("marta"), {QStringLiteral("release"), QStringLiteral("x:t3")});
    INFO(released.err.toStdString());
    CHECK(released.exitCode == 0);
    CHECK(released.out.contains(QLatin1String("Released x:t3.")));
    const CliRun again = team.as(QStringLiteral("marta"), {QStringLiteral("release"), QStringLiteral("x:t3")});
    CHECK(again.exitCode == 3);
    CHECK(again.out.contains(QLatin1String("nothing to release")));
    const CliRun sarasTurn = team.as(QStringLiteral("sara"), {QStringLiteral("next"), QStringLiteral("--json")});
    REQUIRE(sarasTurn.exitCode == 0);
    CHECK(jsonLine(sarasTurn.out).value(QStringLiteral("thread")).toString() == QLatin1String("x:t3"));

    SECTION("routing by skills gives an agent only the categories they answer")
    {
        const CliRun use =
            team.as(QStringLiteral("sara"), {QStringLiteral("routing"), QStringLiteral("use"), QStringLiteral("skills"),
                                             QStringLiteral("--order"), QStringLiteral("longest-waiting")});
        INFO(use.err.toStdString());
        REQUIRE(use.exitCode == 0);
        const CliRun show = team.as(QStringLiteral("marta"), {QStringLiteral("routing"), QStringLiteral("show")});
        REQUIRE(show.exitCode == 0);
        CHECK(show.out.contains(QLatin1String("Routing: skills\n")));
        CHECK(show.out.contains(QLatin1String("Order: longest-waiting\n")));
        CHECK(show.out.contains(QLatin1String("Outside staff's head start: 30 minute(s)\n")));
        CHECK(show.out.contains(QLatin1String("  claims office: complaint\n")));
        const CliRun json = team.as(QStringLiteral("marta"),
                                    {QStringLiteral("routing"), QStringLiteral("show"), QStringLiteral("--json")});
        CHECK(jsonLine(json.out).value(QStringLiteral("preset")).toString() == QLatin1String("skills"));

        // An assistance thread waits longest, but Marta answers complaints only.
        REQUIRE(team.as(QStringLiteral("marta"), {QStringLiteral("release"), QStringLiteral("x:t1")}).exitCode == 0);
        team.post(QStringLiteral("x"), QStringLiteral("a9"), QStringLiteral("assistance"), 90);
        const CliRun skilled = team.as(QStringLiteral("marta"), {QStringLiteral("next"), QStringLiteral("--json")});
        REQUIRE(skilled.exitCode == 0);
        CHECK(jsonLine(skilled.out).value(QStringLiteral("thread")).toString() == QLatin1String("x:t1"));

        // An agent may not change the team's routing.
        const CliRun refused = team.as(QStringLiteral("marta"),
                                       {QStringLiteral("routing"), QStringLiteral("use"), QStringLiteral("mixed")});
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(QLatin1String("Only a supervisor or an administrator changes the team's routing")));
        const CliRun badOrder =
            team.as(QStringLiteral("sara"), {QStringLiteral("routing"), QStringLiteral("use"), QStringLiteral("mixed"),
                                             QStringLiteral("--order"), QStringLiteral("random")});
        CHECK(badOrder.exitCode == 2);
        CHECK(team.scalar(QStringLiteral("SELECT value::jsonb ->> 'preset' FROM sportello.settings WHERE key = "
                                         "'routing'")) == QLatin1String("skills"));
    }
}

TEST_CASE("sportello-cli team claim names the colleague who holds a thread, and take-over, assign and note",
          "[team][cli]")
{
    Team team(QStringLiteral("team_claim"));
    team.addAgent(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), QStringLiteral("agent"));
    team.addAgent(QStringLiteral("paolo"), QStringLiteral("Paolo Neri"), QStringLiteral("agent"));
    team.addAgent(QStringLiteral("sara"), QStringLiteral("Sara Bianchi"), QStringLiteral("supervisor"));
    for (const QString &login : {QStringLiteral("marta"), QStringLiteral("paolo"), QStringLiteral("sara")})
        team.join(login);
    team.post(QStringLiteral("facebook"), QStringLiteral("f1"), QStringLiteral("complaint"), 5);

    const CliRun mine = team.as(QStringLiteral("marta"), {QStringLiteral("claim"), QStringLiteral("facebook:f1")});
    INFO(mine.err.toStdString());
    REQUIRE(mine.exitCode == 0);
    CHECK(mine.out.startsWith(QLatin1String("facebook:f1 is yours until ")));

    const CliRun held = team.as(QStringLiteral("paolo"), {QStringLiteral("claim"), QStringLiteral("facebook:f1")});
    CHECK(held.exitCode == 1);
    CHECK(held.err.contains(QLatin1String("facebook:f1 is held by Marta Verdi (marta) since ")));
    CHECK(held.err.contains(QLatin1String("--take-over")));
    CHECK(team.scalar(QStringLiteral("SELECT login FROM sportello.claims")) == QLatin1String("marta"));

    const CliRun taken = team.as(QStringLiteral("paolo"), {QStringLiteral("claim"), QStringLiteral("facebook:f1"),
                                                           QStringLiteral("--take-over")});
    INFO(taken.err.toStdString());
    CHECK(taken.exitCode == 0);
    CHECK(team.scalar(QStringLiteral("SELECT login || ' ' || how FROM sportello.claims")) ==
          QLatin1String("paolo taken_over"));
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'claim_taken_over'")) ==
          QLatin1String("1"));
    const CliRun heldJson = team.as(QStringLiteral("marta"),
                                    {QStringLiteral("claim"), QStringLiteral("facebook:f1"), QStringLiteral("--json")});
    CHECK(heldJson.exitCode == 1);
    const QJsonObject claim = jsonLine(heldJson.out);
    CHECK_FALSE(claim.value(QStringLiteral("mine")).toBool());
    CHECK(claim.value(QStringLiteral("login")).toString() == QLatin1String("paolo"));
    CHECK(claim.value(QStringLiteral("name")).toString() == QLatin1String("Paolo Neri"));

    // An agent cannot let go of a colleague's claim; its holder can.
    CHECK(team.as(QStringLiteral("marta"), {QStringLiteral("release"), QStringLiteral("facebook:f1")}).exitCode == 1);
    CHECK(team.as(QStringLiteral("paolo"), {QStringLiteral("release"), QStringLiteral("facebook:f1")}).exitCode == 0);
    // An ended claim stays as a row whose time is up (replicas read what changed), live no more.
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.claims WHERE until_at > "
                                     "(extract(epoch FROM clock_timestamp()) * 1000)::bigint")) == QLatin1String("0"));

    // A supervisor assigns; an agent may not.
    const CliRun assigned = team.as(QStringLiteral("sara"),
                                    {QStringLiteral("assign"), QStringLiteral("facebook:f1"), QStringLiteral("marta")});
    INFO(assigned.err.toStdString());
    CHECK(assigned.exitCode == 0);
    CHECK(assigned.out.contains(QLatin1String("Assigned facebook:f1 to marta.")));
    CHECK(team.scalar(QStringLiteral("SELECT login || ' ' || how FROM sportello.claims")) ==
          QLatin1String("marta assigned"));
    const CliRun notSupervisor = team.as(
        QStringLiteral("paolo"), {QStringLiteral("assign"), QStringLiteral("facebook:f1"), QStringLiteral("paolo")});
    CHECK(notSupervisor.exitCode == 1);
    CHECK(notSupervisor.err.contains(QLatin1String("only a supervisor assigns threads")));

    // Notes: the mentions are the ones the team database read (agents of the team only).
    const CliRun noted = team.as(QStringLiteral("marta"), {QStringLiteral("note"), QStringLiteral("facebook:f1"),
                                                           QStringLiteral("Ask @paolo and @nobody about the claim")});
    INFO(noted.err.toStdString());
    REQUIRE(noted.exitCode == 0);
    CHECK(noted.out.contains(QLatin1String("Added a note to facebook:f1")));
    CHECK(noted.out.contains(QLatin1String("It mentions: paolo\n")));
    const CliRun plain = team.as(QStringLiteral("paolo"), {QStringLiteral("note"), QStringLiteral("facebook:f1"),
                                                           QStringLiteral("Customer"), QStringLiteral("called")});
    REQUIRE(plain.exitCode == 0);
    CHECK(plain.out.contains(QLatin1String("It mentions nobody.")));
    CHECK(team.scalar(QStringLiteral("SELECT string_agg(author_login || ':' || text, '|' ORDER BY author_login) "
                                     "FROM sportello.notes")) ==
          QLatin1String("marta:Ask @paolo and @nobody about the claim|paolo:Customer called"));

    // A thread is written CHANNEL:ID.
    const CliRun bad = team.as(QStringLiteral("marta"), {QStringLiteral("claim"), QStringLiteral("f1")});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains(QLatin1String("CHANNEL:ID")));

    const CliRun board = team.as(QStringLiteral("sara"), {QStringLiteral("board")});
    INFO(board.err.toStdString());
    REQUIRE(board.exitCode == 0);
    CHECK(board.out.contains(QLatin1String("  Marta Verdi (marta, agent): offline, holds 1 of 5: facebook:f1 since ")));
    CHECK(board.out.contains(QLatin1String("  Paolo Neri (paolo, agent): offline, holds 0 of 5\n")));
    CHECK(board.out.contains(QLatin1String("  complaint: 1 waiting, 0 unclaimed, 0 overdue, the oldest since ")));
}

TEST_CASE("sportello-cli team approvals, reject, resubmit and approve an external's public reply, and agent profiles",
          "[team][cli]")
{
    Team team(QStringLiteral("team_approval"));
    team.addAgent(QStringLiteral("sara"), QStringLiteral("Sara Bianchi"), QStringLiteral("supervisor"));
    team.addAgent(QStringLiteral("ext"), QStringLiteral("Agenzia Esterna"), QStringLiteral("external"),
                  {QStringLiteral("--scope-channels"), QStringLiteral("instagram"),
                   QStringLiteral("--skills-languages"), QStringLiteral("it")});
    team.addAgent(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), QStringLiteral("agent"),
                  {QStringLiteral("--skills-categories"), QStringLiteral("complaint,assistance"),
                   QStringLiteral("--capacity"), QStringLiteral("3")});
    team.join(QStringLiteral("sara"));
    team.join(QStringLiteral("ext"));
    team.post(QStringLiteral("instagram"), QStringLiteral("i1"), QStringLiteral("complaint"), 15);

    // The external's public reply, pushed as a desktop pushes it: decision and outbox entry.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    team.sqlAs(QStringLiteral("ext"),
               QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, target_post, kind, "
                              "text, agent_id, agent_name, decided_at) VALUES ('d-ext', 'instagram', 'i1', 'i1', "
                              "'reply_public', 'Ci scusi il ritardo', 'ext', 'Agenzia Esterna', %1)")
                   .arg(now));
    team.sqlAs(QStringLiteral("ext"),
               QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, created_at) "
                              "VALUES ('o-ext', 'd-ext', 'k-ext', 'reply_public', 'Ci scusi il ritardo', %1)")
                   .arg(now));
    CHECK(team.scalar(QStringLiteral("SELECT state FROM sportello.outbox WHERE id = 'o-ext'")) ==
          QLatin1String("awaiting_approval"));

    const CliRun waiting = team.as(QStringLiteral("sara"), {QStringLiteral("approvals")});
    INFO(waiting.err.toStdString());
    REQUIRE(waiting.exitCode == 0);
    const QStringList lines = test::outputLines(waiting.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines.first().startsWith(QLatin1String("o-ext  instagram:i1  Agenzia Esterna (ext)  ")));
    CHECK(lines.first().endsWith(QLatin1String("  Ci scusi il ritardo")));
    const CliRun waitingJson = team.as(QStringLiteral("sara"), {QStringLiteral("approvals"), QStringLiteral("--json")});
    const QJsonObject entry = jsonLine(waitingJson.out);
    CHECK(entry.value(QStringLiteral("entry")).toString() == QLatin1String("o-ext"));
    CHECK(entry.value(QStringLiteral("author_login")).toString() == QLatin1String("ext"));
    CHECK(entry.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));

    // Sent back: a comment is required; the reply leaves the list and waits for its author.
    CHECK(team.as(QStringLiteral("sara"), {QStringLiteral("reject"), QStringLiteral("o-ext")}).exitCode == 2);
    const CliRun rejected =
        team.as(QStringLiteral("sara"), {QStringLiteral("reject"), QStringLiteral("o-ext"), QStringLiteral("--comment"),
                                         QStringLiteral("Add the claim number")});
    INFO(rejected.err.toStdString());
    REQUIRE(rejected.exitCode == 0);
    CHECK(rejected.out.contains(QLatin1String("(state sent_back)")));
    const CliRun afterReject = team.as(QStringLiteral("sara"), {QStringLiteral("approvals")});
    CHECK(afterReject.out == QLatin1String("No reply awaits approval.\n"));
    const CliRun sentBack = team.as(
        QStringLiteral("ext"), {QStringLiteral("approvals"), QStringLiteral("--sent-back"), QStringLiteral("--json")});
    INFO(sentBack.err.toStdString());
    REQUIRE(sentBack.exitCode == 0);
    CHECK(jsonLine(sentBack.out).value(QStringLiteral("review_comment")).toString() ==
          QLatin1String("Add the claim number"));

    // Only its author resubmits it, with the text edited.
    CHECK(team.as(QStringLiteral("ext"), {QStringLiteral("resubmit"), QStringLiteral("o-ext")}).exitCode == 2);
    const CliRun notAuthor = team.as(QStringLiteral("sara"), {QStringLiteral("resubmit"), QStringLiteral("o-ext"),
                                                              QStringLiteral("--text"), QStringLiteral("Other")});
    CHECK(notAuthor.exitCode == 1);
    CHECK(notAuthor.err.contains(QLatin1String("only the reply's author resubmits it")));
    const CliRun resubmitted =
        team.as(QStringLiteral("ext"), {QStringLiteral("resubmit"), QStringLiteral("o-ext"), QStringLiteral("--text"),
                                        QStringLiteral("Ci scusi il ritardo: pratica 123")});
    INFO(resubmitted.err.toStdString());
    REQUIRE(resubmitted.exitCode == 0);
    CHECK(resubmitted.out.contains(QLatin1String("(state awaiting_approval)")));
    const CliRun again = team.as(QStringLiteral("sara"), {QStringLiteral("approvals")});
    CHECK(again.out.contains(QLatin1String("o-ext  instagram:i1  Agenzia Esterna (ext)  ")));
    CHECK(again.out.contains(QLatin1String("Ci scusi il ritardo: pratica 123")));

    // Only a supervisor approves; then the entry is pending, for the hub to deliver.
    const CliRun selfApproved = team.as(QStringLiteral("ext"), {QStringLiteral("approve"), QStringLiteral("o-ext")});
    CHECK(selfApproved.exitCode == 1);
    CHECK(selfApproved.err.contains(QLatin1String("only a supervisor approves replies")));
    const CliRun approved = team.as(QStringLiteral("sara"), {QStringLiteral("approve"), QStringLiteral("o-ext")});
    INFO(approved.err.toStdString());
    REQUIRE(approved.exitCode == 0);
    CHECK(approved.out.contains(QLatin1String("Approved o-ext: the hub delivers it (state pending).")));
    CHECK(team.scalar(QStringLiteral("SELECT state || ' ' || text FROM sportello.outbox WHERE id = 'o-ext'")) ==
          QLatin1String("pending Ci scusi il ritardo: pratica 123"));
    CHECK(team.as(QStringLiteral("sara"), {QStringLiteral("approve"), QStringLiteral("o-ext")}).exitCode == 1);

    // The rule: who waits for approval, in which categories.
    const CliRun rule = team.as(QStringLiteral("sara"), {QStringLiteral("approval"), QStringLiteral("show")});
    CHECK(rule.out.contains(QLatin1String("when their author is: external\n")));
    CHECK(rule.out.contains(QLatin1String("In the categories: all\n")));
    const CliRun set = team.as(QStringLiteral("sara"), {QStringLiteral("approval"), QStringLiteral("set"),
                                                        QStringLiteral("--roles"), QStringLiteral("external,agent"),
                                                        QStringLiteral("--categories"), QStringLiteral("complaint")});
    INFO(set.err.toStdString());
    CHECK(set.exitCode == 0);
    CHECK(team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'approval'")) ==
          QLatin1String("{\"categories\":[\"complaint\"],\"roles\":[\"external\",\"agent\"]}"));
    CHECK(team.as(QStringLiteral("sara"), {QStringLiteral("approval"), QStringLiteral("set"), QStringLiteral("--roles"),
                                           QStringLiteral("boss")})
              .exitCode == 2);

    // Profiles: shown by agent list, changed by agent set (the other fields kept).
    const CliRun list = team.admin({QStringLiteral("agent"), QStringLiteral("list")});
    INFO(list.err.toStdString());
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.contains(QLatin1String("ext  external  Agenzia Esterna  skills: languages it; capacity 5; scope: "
                                          "channels instagram\n")));
    CHECK(list.out.contains(
        QLatin1String("marta  agent  Marta Verdi  skills: categories complaint,assistance; capacity 3\n")));
    const CliRun changed = team.admin({QStringLiteral("agent"), QStringLiteral("set"), QStringLiteral("marta"),
                                       QStringLiteral("--department"), QStringLiteral("claims office"),
                                       QStringLiteral("--capacity"), QStringLiteral("4")});
    INFO(changed.err.toStdString());
    CHECK(changed.exitCode == 0);
    const CliRun listJson = team.admin({QStringLiteral("agent"), QStringLiteral("list"), QStringLiteral("--json")});
    CHECK(listJson.out.contains(QLatin1String(
        "\"department\":\"claims office\",\"login\":\"marta\",\"name\":\"Marta Verdi\",\"role\":\"agent\"")));
    CHECK(listJson.out.contains(QLatin1String("\"capacity\":4")));
    CHECK(listJson.out.contains(QLatin1String("\"skill_categories\":[\"complaint\",\"assistance\"]")));
    CHECK(listJson.out.contains(QLatin1String("\"scope_channels\":[\"instagram\"]")));

    // A scope belongs to outside staff only; an unknown channel is refused.
    const CliRun scoped = team.admin({QStringLiteral("agent"), QStringLiteral("set"), QStringLiteral("marta"),
                                      QStringLiteral("--scope-channels"), QStringLiteral("x")});
    CHECK(scoped.exitCode == 2);
    CHECK(scoped.err.contains(QLatin1String("Only an external login has a scope")));
    const CliRun external =
        team.admin({QStringLiteral("agent"), QStringLiteral("add"), QStringLiteral("--login"), QStringLiteral("ext2"),
                    QStringLiteral("--name"), QStringLiteral("Second agency"), QStringLiteral("--role"),
                    QStringLiteral("external"), QStringLiteral("--scope-channels"), QStringLiteral("x"),
                    QStringLiteral("--password-env"), QStringLiteral("TEAM_PW")});
    INFO(external.err.toStdString());
    CHECK(external.exitCode == 0);
    CHECK(team.scalar(QStringLiteral("SELECT role || ' ' || array_to_string(scope_channels, ',') FROM "
                                     "sportello.agents WHERE login = 'ext2'")) == QLatin1String("external x"));
    const CliRun fax =
        team.admin({QStringLiteral("agent"), QStringLiteral("add"), QStringLiteral("--login"), QStringLiteral("ext3"),
                    QStringLiteral("--name"), QStringLiteral("Third"), QStringLiteral("--role"),
                    QStringLiteral("external"), QStringLiteral("--scope-channels"), QStringLiteral("fax"),
                    QStringLiteral("--password-env"), QStringLiteral("TEAM_PW")});
    CHECK(fax.exitCode == 2);
    CHECK(team.scalar(QStringLiteral("SELECT count(*) FROM sportello.agents WHERE login = 'ext3'")) ==
          QLatin1String("0"));
}
