// Erasure and retention in team mode (team schema 8), against a real PostgreSQL 15 (PgServer): a
// person erased through the team database leaves no string of theirs in any table of it nor in the
// feed, a desktop joining afterwards pulls nothing of them from the start, a desktop online at the
// time and one offline apply it (the offline one when it reconnects, before any change that came
// since), their cache files keep no copy, an agent may not erase, one audit entry says who and why.
// The team's retention policy: a dry run that counts and changes nothing, a run with the same
// counts, and the hub that applies it once a day.
#include "catch_compat.h"

#include "CliProcess.h"
#include "TeamDatabaseFixture.h"
#include "TestSupport.h"

#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "net/NetworkStatus.h"
#include "privacy/Erasure.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "team/Hub.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamPrivacy.h"
#include "team/TeamReplica.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <memory>

using namespace sportello;
using namespace sportello::test;
using sportello::team::TeamReplica;

namespace {

const QString kPassword = QStringLiteral("privacy-test-password");
const QString kReason = QStringLiteral("Richiesta dell'interessato, art. 17 GDPR");

// What names or describes the person: none of it may survive the erasure anywhere.
const QStringList kPersonStrings{QStringLiteral("mr-4401"),          QStringLiteral("mario_rossi_x"),
                                 QStringLiteral("Mario Rossi"),      QStringLiteral("RSSMRA80A01H501U"),
                                 QStringLiteral("POL-778899"),       QStringLiteral("fb-zz-9001"),
                                 QStringLiteral("mario.rossi.fb")};

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
constexpr qint64 kDayMs = 24 * 3600 * 1000LL;

// Anna (an admin), three agents, the hub and the data protection officer; Marta connected.
struct Team : TeamDatabaseFixture {
    std::unique_ptr<team::TeamConnection> marta; // an agent

    Team()
        : TeamDatabaseFixture(kPassword,
                              {{QStringLiteral("anna"), QStringLiteral("Anna Bianchi"), team::AgentRole::Admin},
                               {QStringLiteral("marta"), QStringLiteral("Marta Verdi"), team::AgentRole::Agent},
                               {QStringLiteral("luca"), QStringLiteral("Luca Neri"), team::AgentRole::Agent},
                               {QStringLiteral("paolo"), QStringLiteral("Paolo Gialli"), team::AgentRole::Agent},
                               {QStringLiteral("hub1"), QStringLiteral("Hub"), team::AgentRole::Hub},
                               {QStringLiteral("dana"), QStringLiteral("Dana Privacy"), team::AgentRole::Dpo}})
    {
        marta = as(QStringLiteral("marta"));
    }
    static void exec(const QSqlDatabase &db, const QString &statement)
    {
        const Status s = team::teamExec(db, statement);
        INFO(statement.toStdString());
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
    }
    void exec(const QString &statement) const { exec(admin->db(), statement); }
    qint64 count(const QString &statement) const { return scalar(statement).toLongLong(); }
    // As the hub stores it.
    void post(const QString &channel, const QString &thread, const QString &id, const QString &author,
              const QString &handle, const QString &name, const QString &text, qint64 at,
              const QString &direction = QStringLiteral("inbound"), const QString &category = QStringLiteral("assistance")) const
    {
        QSqlQuery q(admin->db());
        REQUIRE(q.prepare(QStringLiteral(
            "INSERT INTO sportello.posts(channel, external_id, thread_external_id, author_external_id, author_handle, "
            "author_name, author_followers, direction, visibility, created_at, text, category) "
            "VALUES (?, ?, ?, ?, ?, ?, 120, ?, 'public', ?, ?, ?)")));
        for (const QVariant &v : QVariantList{channel, id, thread, author, handle, name, direction, at, text, category})
            q.addBindValue(v);
        INFO(q.lastError().text().toStdString());
        REQUIRE(q.exec());
    }
    void decision(const QString &id, const QString &channel, const QString &thread, const QString &kind,
                  const QString &text, qint64 at, const QString &caseReference = QString()) const
    {
        QSqlQuery d(admin->db());
        REQUIRE(d.prepare(QStringLiteral("INSERT INTO sportello.decisions(id, channel, thread_external_id, kind, text, "
                                         "agent_id, agent_name, decided_at) VALUES (?, ?, ?, ?, ?, 'marta', "
                                         "'Marta Verdi', ?)")));
        const QString written = text.isNull() ? QStringLiteral("") : text; // a close has no text, not NULL
        for (const QVariant &v : QVariantList{id, channel, thread, kind, written, at})
            d.addBindValue(v);
        INFO(d.lastError().text().toStdString());
        REQUIRE(d.exec());
        if (kind == QLatin1String("close"))
            return; // nothing to deliver: a close has no outbox entry (OutboxStore enqueues replies and forwards)
        QSqlQuery o(admin->db());
        REQUIRE(o.prepare(QStringLiteral("INSERT INTO sportello.outbox(id, decision_id, idempotency_key, kind, text, "
                                         "created_at, case_reference) VALUES (?, ?, ?, ?, ?, ?, ?)")));
        for (const QVariant &v : QVariantList{QStringLiteral("o-") + id, id, QStringLiteral("k-") + id, kind, written, at,
                                              caseReference.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                                      : QVariant(caseReference)})
            o.addBindValue(v);
        INFO(o.lastError().text().toStdString());
        REQUIRE(o.exec());
    }
    // Every row of every table of the team database, and the feed, as text: where a personal
    // string could hide.
    QString everything() const
    {
        QStringList tables;
        QSqlQuery q(admin->db());
        REQUIRE(q.exec(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = 'sportello' "
                                      "AND table_type = 'BASE TABLE' ORDER BY 1")));
        while (q.next())
            tables << q.value(0).toString();
        REQUIRE(tables.contains(QStringLiteral("changes")));
        QString all;
        for (const QString &table : tables)
            all += scalar(QStringLiteral("SELECT coalesce(string_agg(to_jsonb(t)::text, ' '), '') FROM sportello.%1 t")
                              .arg(table))
                       .toString();
        return all;
    }
};

QStringList foundIn(const QString &haystack, const QStringList &needles)
{
    QStringList found;
    for (const QString &needle : needles)
        if (haystack.contains(needle, Qt::CaseInsensitive))
            found << needle;
    return found;
}

// The cache file, its log and its shared memory, as bytes: what a stolen laptop gives.
QStringList foundInCacheFiles(const QString &path, const QStringList &needles)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(path + suffix);
        if (file.exists()) {
            REQUIRE(file.open(QIODevice::ReadOnly));
            all += file.readAll();
        }
    }
    all = all.toLower();
    QStringList found;
    for (const QString &needle : needles)
        if (all.contains(needle.toLower().toUtf8()))
            found << needle;
    return found;
}

struct Desktop {
    TempCache cache;
    SystemClock clock;
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<TeamReplica> replica;

    Desktop(const Team &team, const QString &login)
    {
        auto joined = TeamReplica::join(*cache.db, team.url(), login, QString(), kPassword, clock.nowMs());
        INFO(joined.error().toStdString());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), kPassword).ok());
        replica = std::make_unique<TeamReplica>(*cache.db, clock, &keychain);
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
    qint64 count(const QString &statement) const { return value(statement).toLongLong(); }
    QStringList inFiles(const QStringList &needles) const { return foundInCacheFiles(cache.path, needles); }
    // Which tables of the cache hold one of these strings (to say where, when a check fails).
    QStringList tablesHolding(const QStringList &needles) const
    {
        QStringList tables, found;
        QSqlQuery q(cache.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")));
        while (q.next())
            tables << q.value(0).toString();
        for (const QString &table : tables) {
            QSqlQuery rows(cache.db->connection());
            REQUIRE(rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)));
            while (rows.next())
                for (int i = 0; i < rows.record().count(); ++i)
                    for (const QString &needle : needles)
                        if (rows.value(i).toString().contains(needle, Qt::CaseInsensitive))
                            found << table + QLatin1Char('.') + rows.record().fieldName(i);
        }
        found.removeDuplicates();
        return found;
    }
};

// Mario Rossi writes on X (mr-4401) and on Facebook (fb-zz-9001, the same customer): a thread of
// his alone on each, with the company's reply, a decision, an outbox entry, a note, a hand-off with
// care's answer, a moderation request; and a post in a thread where Giulia writes too.
void seedPerson(const Team &t)
{
    const qint64 at = nowMs() - 3600'000;
    t.post(QStringLiteral("x"), QStringLiteral("x-t1"), QStringLiteral("x-p1"), QStringLiteral("mr-4401"),
           QStringLiteral("mario_rossi_x"), QStringLiteral("Mario Rossi"),
           QStringLiteral("Sono Mario Rossi, codice fiscale RSSMRA80A01H501U: il sinistro?"), at);
    t.post(QStringLiteral("x"), QStringLiteral("x-t1"), QStringLiteral("x-p2"), QStringLiteral("acme"),
           QStringLiteral("acme_assicura"), QStringLiteral("Acme Assicurazioni"),
           QStringLiteral("Gentile Mario Rossi, le scriviamo in privato"), at + 60'000, QStringLiteral("outbound"));
    t.post(QStringLiteral("facebook"), QStringLiteral("fb-t1"), QStringLiteral("fb-p1"), QStringLiteral("fb-zz-9001"),
           QStringLiteral("mario.rossi.fb"), QStringLiteral("Mario Rossi"),
           QStringLiteral("Qui Mario Rossi, polizza POL-778899"), at + 120'000);
    t.post(QStringLiteral("x"), QStringLiteral("x-t3"), QStringLiteral("x-p3"), QStringLiteral("gb-7711"),
           QStringLiteral("giulia_bianchi"), QStringLiteral("Giulia Bianchi"), QStringLiteral("Buongiorno da Giulia"),
           at + 180'000);
    t.post(QStringLiteral("x"), QStringLiteral("x-t3"), QStringLiteral("x-p4"), QStringLiteral("mr-4401"),
           QStringLiteral("mario_rossi_x"), QStringLiteral("Mario Rossi"), QStringLiteral("Anche io, Mario Rossi"),
           at + 240'000);
    t.decision(QStringLiteral("d-1"), QStringLiteral("x"), QStringLiteral("x-t1"), QStringLiteral("reply_public"),
               QStringLiteral("Gentile Mario Rossi, verifichiamo il sinistro"), at + 300'000);
    t.decision(QStringLiteral("d-2"), QStringLiteral("facebook"), QStringLiteral("fb-t1"), QStringLiteral("forward"),
               QStringLiteral("Cliente Mario Rossi, polizza POL-778899"), at + 310'000, QStringLiteral("CASE-1"));
    t.exec(QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, "
                          "thread_external_id, details) VALUES ('a-1', %1, 'marta', 'Marta Verdi', 'reply_sent', 'x', "
                          "'x-t1', '{\"text\": \"Gentile Mario Rossi\"}')")
               .arg(at + 320'000));
    // Customer card: one customer, both identities, the reference, a note.
    t.exec(QStringLiteral("INSERT INTO sportello.customers(uuid, created_at, policyholder_ref, policyholder_ref_key, "
                          "ref_channel, ref_thread_external_id, ref_set_by, ref_set_at) VALUES ('c-1', %1, "
                          "'POL-778899', 'pol778899', 'x', 'x-t1', 'Marta Verdi', %1)")
               .arg(at));
    t.exec(QStringLiteral("INSERT INTO sportello.customer_links(channel, author_external_id, customer_uuid, linked_by, "
                          "linked_at) VALUES ('x', 'mr-4401', 'c-1', 'Marta Verdi', %1), "
                          "('facebook', 'fb-zz-9001', 'c-1', 'Marta Verdi', %1)")
               .arg(at));
    const QSqlDatabase marta = t.marta->db();
    Team::exec(marta, QStringLiteral("INSERT INTO sportello.customer_notes(id, customer_uuid, at, agent_name, text) "
                                     "VALUES ('cn-1', 'c-1', %1, '', 'Mario Rossi vuole disdire')")
                          .arg(at));
    Team::exec(marta, QStringLiteral("INSERT INTO sportello.notes(id, channel, thread_external_id, author_name, at, "
                                     "text) VALUES ('n-1', 'x', 'x-t1', '', %1, "
                                     "'Mario Rossi ha chiamato, RSSMRA80A01H501U @luca')")
                          .arg(at));
    Team::exec(marta, QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, case_reference, channel, "
                                     "thread_external_id, state, state_at, source, reported_by, answer, recorded_at) "
                                     "VALUES ('h-1', 'o-d-2', '', '', '', 'resolved', %1, 'cli', 'Ufficio sinistri', "
                                     "'Rimborso a Mario Rossi approvato', %1)")
                          .arg(at));
    Team::exec(marta, QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, comment_id, "
                                     "thread_external_id, action, reason, note, requested_at) VALUES ('m-1', "
                                     "'facebook', 'fb-p1', 'fb-t1', 'hide', 'other', 'commento di Mario Rossi', %1)")
                          .arg(at));
}

QStringList keysOf(const QString &channel, const QString &externalId)
{
    return {privacy::authorKey(channel, externalId)};
}

} // namespace

TEST_CASE("A person erased through the team database: tables, feed, a new desktop, an online and an offline one",
          "[team][privacy][erasure]")
{
    Team t;
    seedPerson(t);
    Desktop online(t, QStringLiteral("marta"));
    Desktop offline(t, QStringLiteral("luca"));
    online.sync();
    offline.sync();
    // The caches hold the person now (else the checks below would prove nothing).
    REQUIRE(online.count(QStringLiteral("SELECT count(*) FROM posts WHERE text LIKE '%RSSMRA80A01H501U%'")) == 1);
    REQUIRE(offline.inFiles(kPersonStrings).contains(QStringLiteral("RSSMRA80A01H501U")));
    REQUIRE(online.count(QStringLiteral("SELECT count(*) FROM customers WHERE policyholder_ref = 'POL-778899'")) == 1);
    REQUIRE(foundIn(t.everything(), kPersonStrings).size() == kPersonStrings.size());

    SECTION("an agent may not erase; nothing changes")
    {
        const qint64 feed = t.count(QStringLiteral("SELECT count(*) FROM sportello.changes"));
        auto refused = team::erasePersonInTeam(t.marta->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")),
                                               kReason, QString());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
        auto hub = t.as(QStringLiteral("hub1"));
        auto byHub = team::erasePersonInTeam(hub->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")), kReason,
                                             QString());
        CHECK(byHub.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.erasures")) == 0);
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.changes")) == feed);
        CHECK(foundIn(t.everything(), kPersonStrings).size() == kPersonStrings.size());
    }

    SECTION("the data protection officer may erase, as an admin may")
    {
        auto dana = t.as(QStringLiteral("dana"));
        auto erased = team::erasePersonInTeam(dana->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")),
                                              kReason, QString());
        INFO(erased.error().toStdString());
        REQUIRE(erased.ok());
        CHECK(erased->authors == 2);
        CHECK(t.scalar(QStringLiteral("SELECT agent_id FROM sportello.audit_log WHERE action = 'privacy_erasure'"))
                  .toString() == QLatin1String("dana"));
        CHECK(foundIn(t.everything(), kPersonStrings) == QStringList{});
    }

    SECTION("erased: no string left in the team database or its feed, every desktop applies it")
    {
        auto anna = t.as(QStringLiteral("anna"));
        auto erased = team::erasePersonInTeam(anna->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")),
                                              kReason, QStringLiteral("REQ-2026-031"));
        INFO(erased.error().toStdString());
        REQUIRE(erased.ok());
        CHECK(erased->authors == 2); // the X identity and, through the customer, the Facebook one
        CHECK(erased->threads == 2); // x-t1 and fb-t1; x-t3 has Giulia's post too
        CHECK(erased->posts == 4);   // his three, and the company's reply in his thread
        CHECK(erased->decisions == 2);
        CHECK(erased->outbox == 2);
        CHECK(erased->notes == 1);
        CHECK(erased->customers == 1);
        // Not a string of his anywhere: tables, the feed's rows, the erasure's record.
        const QString all = t.everything();
        CHECK(foundIn(all, kPersonStrings) == QStringList{});
        CHECK(all.contains(QStringLiteral("Buongiorno da Giulia")));
        // Rows stay: posts, threads, decisions (anonymised, never deleted).
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.posts")) == 5);
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.decisions")) == 2);
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE author_external_id LIKE 'erased:%'")) ==
              3);
        CHECK(t.count(QStringLiteral("SELECT count(DISTINCT author_external_id) FROM sportello.posts "
                                     "WHERE author_external_id LIKE 'erased:%'")) == 2);
        // The record holds keys only: both identities' keys.
        CHECK(t.scalar(QStringLiteral("SELECT author_keys @> ARRAY['%1', '%2'] FROM sportello.erasures")
                           .arg(privacy::authorKey(QStringLiteral("x"), QStringLiteral("mr-4401")),
                                privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("fb-zz-9001"))))
                  .toBool());
        // One audit entry: who and why, never what.
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'privacy_erasure'")) == 1);
        CHECK(t.scalar(QStringLiteral("SELECT agent_login || '|' || agent_name || '|' || coalesce(thread_external_id, "
                                      "'-') FROM sportello.audit_log WHERE action = 'privacy_erasure'"))
                  .toString() == QStringLiteral("anna|Anna Bianchi|-"));
        const QString details =
            t.scalar(QStringLiteral("SELECT details FROM sportello.audit_log WHERE action = 'privacy_erasure'")).toString();
        CHECK(details.contains(kReason));
        CHECK(details.contains(QStringLiteral("REQ-2026-031")));
        CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.changes WHERE kind = 'audit' AND "
                                     "row ->> 'action' = 'privacy_erasure'")) == 1);

        // Online at the time: its next pull applies the erasure.
        const team::SyncReport round = online.sync();
        CHECK(round.pull.erasures == 1);
        INFO(online.tablesHolding(kPersonStrings).join(QLatin1Char(',')).toStdString());
        CHECK(online.inFiles(kPersonStrings).join(QLatin1Char(',')).toStdString() == std::string());
        CHECK(online.count(QStringLiteral("SELECT count(*) FROM posts WHERE text = 'Buongiorno da Giulia'")) == 1);
        CHECK(online.count(QStringLiteral("SELECT count(*) FROM customers")) == 0);
        CHECK(online.value(QStringLiteral("SELECT value FROM app_state WHERE key = 'team_erasures_through'")).toString() ==
              QString::number(erased->seq));
        CHECK(online.sync().pull.erasures == 0); // applied once
        // Leaving the team forgets how far it applied this team's erasures (another's count anew).
        {
            TempCache other;
            REQUIRE(TeamReplica::join(*other.db, t.url(), QStringLiteral("marta"), QString(), kPassword, nowMs()).ok());
            REQUIRE(team::applyTeamErasures(*other.db, t.marta->db()).ok());
            REQUIRE(scalar(*other.db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'team_erasures_through'"))
                        .toLongLong() == 1);
            REQUIRE(TeamReplica::leave(*other.db).ok());
            CHECK(scalar(*other.db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = 'team_erasures_through'"))
                      .toLongLong() == 0);
        }

        // A desktop that joins now pulls the feed from the start: nothing of him.
        Desktop fresh(t, QStringLiteral("paolo"));
        const team::SyncReport first = fresh.sync();
        CHECK(first.pull.changes > 0);
        CHECK(fresh.inFiles(kPersonStrings) == QStringList{});
        CHECK(fresh.count(QStringLiteral("SELECT count(*) FROM posts")) == 5);
        CHECK(fresh.count(QStringLiteral("SELECT count(*) FROM decisions")) == 2);
        CHECK(fresh.count(QStringLiteral("SELECT count(*) FROM posts WHERE text = 'Buongiorno da Giulia'")) == 1);

        // Meanwhile he writes again, from the same X account: a new contact for the team.
        t.post(QStringLiteral("x"), QStringLiteral("x-t9"), QStringLiteral("x-p9"), QStringLiteral("mr-4401"),
               QStringLiteral("mr_new"), QStringLiteral("M. R."), QStringLiteral("Sono tornato con una domanda"), nowMs());

        // Offline at the time: at reconnection the erasure goes first, then the feed's changes; so
        // the new post stays readable (applied after, it would have been erased with his old
        // author, whom it would have joined).
        const team::SyncReport back = offline.sync();
        CHECK(back.pull.erasures == 1);
        CHECK(offline.count(QStringLiteral("SELECT count(*) FROM posts WHERE text = 'Sono tornato con una domanda'")) == 1);
        CHECK(offline.count(QStringLiteral("SELECT count(*) FROM authors WHERE external_id = 'mr-4401'")) == 1);
        CHECK(offline.count(QStringLiteral("SELECT count(*) FROM posts p JOIN authors a ON a.id = p.author_id "
                                           "WHERE a.external_id = 'mr-4401'")) == 1);
        QStringList old = kPersonStrings;
        old.removeAll(QStringLiteral("mr-4401")); // his new post carries it again, as a new contact
        CHECK(offline.inFiles(old).join(QLatin1Char(',')).toStdString() == std::string());
        CHECK(offline.count(QStringLiteral("SELECT count(*) FROM posts WHERE text = 'Buongiorno da Giulia'")) == 1);
        CHECK(offline.count(QStringLiteral("SELECT count(*) FROM customers")) == 0);
    }
}

TEST_CASE("An erasure in a team from sportello-cli: online it goes through the team, offline nothing is erased",
          "[team][privacy][erasure][cli]")
{
    Team t;
    seedPerson(t);
    TempCache cache;
    const QString cachePath = cache.path;
    cache.db.reset(); // the command opens it
    const QList<std::pair<QString, QString>> environment{{QStringLiteral("SPORTELLO_TEST_TEAM_PW"), kPassword}};
    CliRun joined = runCli({QStringLiteral("--database"), cachePath, QStringLiteral("team"), QStringLiteral("join"),
                            QStringLiteral("--url"), t.url().toString(), QStringLiteral("--login"),
                            QStringLiteral("anna"), QStringLiteral("--password-env"),
                            QStringLiteral("SPORTELLO_TEST_TEAM_PW")},
                           {}, environment);
    INFO(joined.err.toStdString());
    REQUIRE(joined.exitCode == 0);
    CliRun synced = runCli({QStringLiteral("--database"), cachePath, QStringLiteral("sync"), QStringLiteral("--once")},
                           {}, environment);
    INFO(synced.err.toStdString());
    REQUIRE(synced.exitCode == 0);
    REQUIRE(foundInCacheFiles(cachePath, kPersonStrings).contains(QStringLiteral("POL-778899")));
    const QStringList erase{QStringLiteral("--database"), cachePath,
                            QStringLiteral("privacy"),    QStringLiteral("erase"),
                            QStringLiteral("--author"),   QStringLiteral("x:mr-4401"),
                            QStringLiteral("--reason"),   kReason,
                            QStringLiteral("--agent"),    QStringLiteral("Anna Bianchi"),
                            QStringLiteral("--json")};

    SECTION("offline: refused, nothing erased here or there")
    {
        QString error;
        REQUIRE(t.server->stop(&error));
        CliRun run = runCli(erase, {}, environment);
        CHECK(run.exitCode != 0);
        CHECK(run.err.contains(QStringLiteral("nothing was erased")));
        CHECK(foundInCacheFiles(cachePath, kPersonStrings).contains(QStringLiteral("POL-778899")));
        REQUIRE(t.server->restart(&error));
    }
    SECTION("online: erased in the team database, then here by the replicas' catch-up")
    {
        CliRun run = runCli(erase, {}, environment);
        INFO(run.err.toStdString());
        REQUIRE(run.exitCode == 0);
        CHECK(run.out.contains(QStringLiteral("\"applied_here\":true")));
        CHECK(run.out.contains(QStringLiteral("\"authors\":2")));
        auto admin = team::TeamConnection::open(t.url(), t.server->superuserPassword());
        REQUIRE(admin.ok());
        t.admin = std::move(*admin);
        CHECK(foundIn(t.everything(), kPersonStrings) == QStringList{});
        CHECK(foundInCacheFiles(cachePath, kPersonStrings).join(QLatin1Char(',')).toStdString() == std::string());
    }
}

TEST_CASE("The console applies the team's erasures before it shows anything", "[team][privacy][erasure][console]")
{
    Team t;
    seedPerson(t);
    auto desktop = std::make_unique<Desktop>(t, QStringLiteral("luca"));
    desktop->sync();
    REQUIRE(desktop->count(QStringLiteral("SELECT count(*) FROM posts WHERE text LIKE '%RSSMRA80A01H501U%'")) == 1);
    // Erased while this console was closed.
    auto anna = t.as(QStringLiteral("anna"));
    REQUIRE(team::erasePersonInTeam(anna->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")), kReason,
                                    QString())
                .ok());
    desktop->replica.reset();
    net::NetworkStatus network;
    SessionEnvironment environment;
    environment.clock = &desktop->clock;
    environment.tokens = &desktop->keychain;
    environment.networkStatus = &network;
    environment.tokenLockDirectory = desktop->cache.dir.path();
    ConsoleSession session(std::move(desktop->cache.db), environment, Agent{QStringLiteral("luca"), QStringLiteral("Luca")});
    // Straight after the session is made, before the event loop runs once (the link's first round
    // has not run): what the console would show holds nothing of him.
    CHECK(scalar(session.database(), QStringLiteral("SELECT count(*) FROM posts WHERE text LIKE '%RSSMRA80A01H501U%' "
                                                    "OR text LIKE '%Mario Rossi%'"))
              .toLongLong() == 0);
    CHECK(scalar(session.database(), QStringLiteral("SELECT count(*) FROM customers")).toLongLong() == 0);
    CHECK(scalar(session.database(),
                 QStringLiteral("SELECT value FROM app_state WHERE key = 'team_erasures_through'"))
              .toString() == QStringLiteral("1"));
    session.shutdown();
}

namespace {

// Threads and audit entries of various ages under the policy: 24 months for closed threads, 120
// for complaints and the audit.
void seedAges(const Team &t)
{
    t.exec(QStringLiteral("INSERT INTO sportello.settings(key, value) VALUES ('retention_policy', '{\"closed_threads_"
                          "months\": 24, \"complaint_months\": 120, \"audit_months\": 120, \"access_log_months\": 60}')"));
    const qint64 now = nowMs();
    const qint64 old = now - 30 * 30 * kDayMs; // thirty months ago
    // Expired: closed, thirty months old. Its author has nothing else: anonymised.
    t.post(QStringLiteral("x"), QStringLiteral("o-1"), QStringLiteral("o-1-p"), QStringLiteral("old-1"),
           QStringLiteral("vecchio_cliente"), QStringLiteral("Carla Neri"), QStringLiteral("Vecchia domanda di Carla Neri"),
           old);
    t.decision(QStringLiteral("o-1-d"), QStringLiteral("x"), QStringLiteral("o-1"), QStringLiteral("close"),
               QString(), old + 60'000);
    // Expired too, but its author wrote recently: the post goes, the author stays.
    t.post(QStringLiteral("x"), QStringLiteral("o-2"), QStringLiteral("o-2-p"), QStringLiteral("old-3"),
           QStringLiteral("cliente_fedele"), QStringLiteral("Elena Viola"), QStringLiteral("Domanda di tanto tempo fa"),
           old);
    t.decision(QStringLiteral("o-2-d"), QStringLiteral("x"), QStringLiteral("o-2"), QStringLiteral("close"),
               QString(), old + 60'000);
    t.post(QStringLiteral("x"), QStringLiteral("r-2"), QStringLiteral("r-2-p"), QStringLiteral("old-3"),
           QStringLiteral("cliente_fedele"), QStringLiteral("Elena Viola"), QStringLiteral("Domanda di oggi"),
           now - kDayMs);
    // A complaint of the same age: kept (120 months).
    t.post(QStringLiteral("x"), QStringLiteral("c-1"), QStringLiteral("c-1-p"), QStringLiteral("old-2"),
           QStringLiteral("reclamante"), QStringLiteral("Dario Blu"), QStringLiteral("Reclamo di Dario Blu"), old,
           QStringLiteral("inbound"), QStringLiteral("complaint"));
    t.decision(QStringLiteral("c-1-d"), QStringLiteral("x"), QStringLiteral("c-1"), QStringLiteral("close"),
               QString(), old + 60'000);
    // Closed a month ago: kept.
    t.post(QStringLiteral("x"), QStringLiteral("r-1"), QStringLiteral("r-1-p"), QStringLiteral("new-1"),
           QStringLiteral("cliente_nuovo"), QStringLiteral("Franco Rosa"), QStringLiteral("Domanda recente"),
           now - 30 * kDayMs);
    t.decision(QStringLiteral("r-1-d"), QStringLiteral("x"), QStringLiteral("r-1"), QStringLiteral("close"),
               QString(), now - 29 * kDayMs);
    // An audit entry eleven years old: deleted (120 months).
    t.exec(QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, details) VALUES "
                          "('a-old', %1, 'marta', 'Marta Verdi', 'policy_changed', '{\"old\": true}')")
               .arg(now - 11 * 365 * kDayMs));
}

} // namespace

TEST_CASE("The team's retention policy on the team database: a dry run counts, a run anonymises the same and the feed",
          "[team][privacy][retention]")
{
    Team t;
    seedAges(t);
    auto anna = t.as(QStringLiteral("anna"));
    const qint64 feedBefore = t.count(QStringLiteral("SELECT count(*) FROM sportello.changes"));
    const QString before = t.everything();

    auto dry = team::applyTeamRetention(anna->db(), true);
    INFO(dry.error().toStdString());
    REQUIRE(dry.ok());
    CHECK(dry->policySet);
    CHECK(dry->threads == 2);
    CHECK(dry->posts == 2);
    CHECK(dry->authors == 1);
    CHECK(dry->auditEntries == 1);
    // Nothing changed.
    CHECK(t.everything() == before);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.changes")) == feedBefore);

    // An agent may not.
    CHECK(team::applyTeamRetention(t.marta->db(), true).errorKind() == ErrorKind::RefusedByPolicy);

    auto run = team::applyTeamRetention(anna->db(), false);
    INFO(run.error().toStdString());
    REQUIRE(run.ok());
    CHECK(run->threads == dry->threads);
    CHECK(run->posts == dry->posts);
    CHECK(run->authors == dry->authors);
    CHECK(run->auditEntries == dry->auditEntries);
    const QString after = t.everything();
    CHECK(foundIn(after, {QStringLiteral("Carla Neri"), QStringLiteral("vecchio_cliente"), QStringLiteral("old-1"),
                          QStringLiteral("Domanda di tanto tempo fa"), QStringLiteral("policy_changed")}) ==
          QStringList{});
    CHECK(foundIn(after, {QStringLiteral("Reclamo di Dario Blu"), QStringLiteral("Domanda recente"),
                          QStringLiteral("Domanda di oggi"), QStringLiteral("cliente_fedele")})
              .size() == 4);
    // Rows, threads and decisions stay: the reports' figures do not move.
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.posts")) == 5);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.decisions")) == 4);
    CHECK(t.scalar(QStringLiteral("SELECT status FROM sportello.threads WHERE external_id = 'o-1'")).toString() ==
          QStringLiteral("closed"));
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'privacy_retention'")) == 1);
    // Done: nothing more to do.
    auto again = team::applyTeamRetention(anna->db(), true);
    REQUIRE(again.ok());
    CHECK(again->threads == 0);
    CHECK(again->auditEntries == 0);

    // A desktop joining now pulls nothing of what expired.
    Desktop fresh(t, QStringLiteral("paolo"));
    fresh.sync();
    CHECK(fresh.inFiles({QStringLiteral("Carla Neri"), QStringLiteral("vecchio_cliente")}) == QStringList{});
    CHECK(fresh.count(QStringLiteral("SELECT count(*) FROM posts WHERE text = 'Reclamo di Dario Blu'")) == 1);
}

TEST_CASE("A retention run in batches of one thread comes to the dry run's counts", "[team][privacy][retention]")
{
    Team t;
    seedAges(t);
    auto anna = t.as(QStringLiteral("anna"));
    auto dry = team::applyTeamRetention(anna->db(), true);
    REQUIRE(dry.ok());
    REQUIRE(dry->threads == 2);
    auto run = team::applyTeamRetention(anna->db(), false, 1);
    INFO(run.error().toStdString());
    REQUIRE(run.ok());
    CHECK(run->threads == dry->threads);
    CHECK(run->posts == dry->posts);
    CHECK(run->authors == dry->authors);
    CHECK(run->auditEntries == dry->auditEntries);
    // One transaction per thread, each with its audit entry.
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.audit_log WHERE action = 'privacy_retention'")) == 2);
    CHECK(foundIn(t.everything(), {QStringLiteral("Carla Neri"), QStringLiteral("Domanda di tanto tempo fa")}) ==
          QStringList{});
    auto again = team::applyTeamRetention(anna->db(), true);
    REQUIRE(again.ok());
    CHECK(again->threads == 0);
}

TEST_CASE("The hub applies the team's retention policy once a day", "[team][privacy][retention][hub]")
{
    Team t;
    seedAges(t);
    TempCache hubCache;
    accounts::MemoryTokenStore tokens;
    SystemClock clock;
    QNetworkAccessManager nam;
    auto connection = t.as(QStringLiteral("hub1"));
    team::HubOptions options; // a day between runs, as shipped
    team::Hub hub(*hubCache.db, connection->db(), QStringLiteral("hub-one"), &nam, tokens, clock, options);
    QSignalSpy rounds(&hub, &team::Hub::roundFinished);
    const auto round = [&] {
        REQUIRE(hub.runOnce());
        REQUIRE(rounds.wait(20'000));
        return rounds.takeFirst().at(0).value<team::HubRoundReport>();
    };
    const team::HubRoundReport first = round();
    INFO(first.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(first.retentionRan);
    CHECK(first.retention.threads == 2);
    CHECK(first.retention.auditEntries == 1);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE text LIKE '%Carla Neri%'")) == 0);
    CHECK(t.scalar(QStringLiteral("SELECT last_run_by FROM sportello.retention_schedule")).toString() ==
          QStringLiteral("hub1"));
    // The next round the same day does not run it again.
    const team::HubRoundReport second = round();
    CHECK_FALSE(second.retentionRan);
    // A day later (the turn's time moved back instead of waiting a day), it runs again.
    t.exec(QStringLiteral("UPDATE sportello.retention_schedule SET next_at = next_at - 86400000"));
    const team::HubRoundReport third = round();
    CHECK(third.retentionRan);
    CHECK(third.retention.threads == 0);
}

// What a review found: a customer card an erased author was once linked to (a link undone) is
// someone else's and stays; the moderation notes and hide audit on the person's comment in a thread
// shared with others go, in the tables and the feed; the company's own account is never a person.
TEST_CASE("A team erasure keeps another person's card and the company, and reaches the person's comments in shared threads",
          "[team][privacy][erasure]")
{
    Team t;
    seedPerson(t);
    const qint64 at = nowMs() - 1800'000;
    // Giulia's card; Mario's X identity was linked to it by mistake, then moved back.
    t.exec(QStringLiteral("INSERT INTO sportello.customers(uuid, created_at) VALUES ('c-2', %1)").arg(at));
    t.exec(QStringLiteral("INSERT INTO sportello.customer_links(channel, author_external_id, customer_uuid, linked_by, "
                          "linked_at) VALUES ('x', 'gb-7711', 'c-2', 'Marta Verdi', %1)")
               .arg(at));
    t.exec(QStringLiteral("UPDATE sportello.customer_links SET customer_uuid = 'c-2' WHERE author_external_id = 'mr-4401'"));
    t.exec(QStringLiteral("UPDATE sportello.customer_links SET customer_uuid = 'c-1' WHERE author_external_id = 'mr-4401'"));
    Team::exec(t.marta->db(), QStringLiteral("INSERT INTO sportello.customer_notes(id, customer_uuid, at, agent_name, "
                                             "text) VALUES ('cn-2', 'c-2', %1, '', 'Giulia preferisce la mail')")
                                  .arg(at));
    // Mario's comment under Giulia's Facebook post, hidden with a note naming him.
    t.post(QStringLiteral("facebook"), QStringLiteral("fb-t5"), QStringLiteral("fb-p50"), QStringLiteral("fb-gb"),
           QStringLiteral("giulia.fb"), QStringLiteral("Giulia Bianchi"), QStringLiteral("Post di Giulia"), at);
    t.post(QStringLiteral("facebook"), QStringLiteral("fb-t5"), QStringLiteral("fb-p51"), QStringLiteral("fb-zz-9001"),
           QStringLiteral("mario.rossi.fb"), QStringLiteral("Mario Rossi"), QStringLiteral("Commento di Mario"),
           at + 1000);
    Team::exec(t.marta->db(), QStringLiteral("INSERT INTO sportello.moderation_requests(id, channel, comment_id, "
                                             "thread_external_id, action, reason, note, requested_at) VALUES ('m-2', "
                                             "'facebook', 'fb-p51', 'fb-t5', 'hide', 'personal_data', "
                                             "'nascosto: scrive il codice di Mario Rossi', %1)")
                                  .arg(at + 2000));
    t.exec(QStringLiteral("INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, "
                          "thread_external_id, details) VALUES ('a-h', %1, 'marta', 'Marta Verdi', 'comment_hidden', "
                          "'facebook', 'fb-t5', '{\"post_id\":\"fb-p51\",\"channel\":\"facebook\",\"reason\":"
                          "\"personal_data\",\"note\":\"nascosto: scrive il codice di Mario Rossi\"}')")
               .arg(at + 3000));
    auto anna = t.as(QStringLiteral("anna"));

    // The company's own account: nothing of it is touched.
    const qint64 companyPosts = t.count(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE author_external_id = "
                                                       "'acme' AND text <> ''"));
    REQUIRE(companyPosts > 0);
    auto company = team::erasePersonInTeam(anna->db(), keysOf(QStringLiteral("x"), QStringLiteral("acme")), kReason,
                                           QString());
    INFO(company.error().toStdString());
    REQUIRE(company.ok());
    CHECK(company->authors == 0);
    CHECK(company->posts == 0);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.posts WHERE author_external_id = 'acme' AND text <> "
                                 "''")) == companyPosts);

    auto erased = team::erasePersonInTeam(anna->db(), keysOf(QStringLiteral("x"), QStringLiteral("mr-4401")), kReason,
                                          QString());
    INFO(erased.error().toStdString());
    REQUIRE(erased.ok());
    const QString after = t.everything();
    CHECK(foundIn(after, {QStringLiteral("nascosto: scrive il codice di Mario Rossi"), QStringLiteral("Commento di Mario")}) ==
          QStringList{});
    // Giulia's card, her link and her note stay, in the tables and in the erasure's record.
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.customers WHERE uuid = 'c-2'")) == 1);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.customer_links WHERE customer_uuid = 'c-2' AND "
                                 "author_external_id = 'gb-7711'")) == 1);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.customer_notes WHERE id = 'cn-2'")) == 1);
    CHECK(t.count(QStringLiteral("SELECT count(*) FROM sportello.erasures WHERE 'c-2' = ANY (customer_uuids)")) == 0);
    CHECK(foundIn(after, {QStringLiteral("Giulia preferisce la mail"), QStringLiteral("Post di Giulia")}).size() == 2);
}

// The team's retention keeps what a desktop keeps (a hand-off care has not resolved, a reply still
// to deliver) and lets the team's access records go after access_log_months.
TEST_CASE("Team retention keeps open hand-offs and replies to deliver, and expires old access records",
          "[team][privacy][retention]")
{
    Team t;
    seedAges(t);
    const qint64 old = nowMs() - 30 * 30 * kDayMs;
    // Old and closed, but a forward whose case care has not resolved.
    t.post(QStringLiteral("x"), QStringLiteral("h-1"), QStringLiteral("h-1-p"), QStringLiteral("old-h"),
           QStringLiteral("in_attesa"), QStringLiteral("Ugo Verde"), QStringLiteral("Pratica aperta di Ugo"), old);
    t.decision(QStringLiteral("h-1-d"), QStringLiteral("x"), QStringLiteral("h-1"), QStringLiteral("forward"),
               QStringLiteral("Inoltro"), old + 60'000, QStringLiteral("CASE-H1"));
    t.exec(QStringLiteral("UPDATE sportello.outbox SET state = 'delivered' WHERE decision_id = 'h-1-d'"));
    Team::exec(t.marta->db(), QStringLiteral("INSERT INTO sportello.handoff_updates(id, outbox_id, case_reference, "
                                             "channel, thread_external_id, state, state_at, source, reported_by, answer, "
                                             "recorded_at) VALUES ('hu-1', 'o-h-1-d', '', '', '', 'in_progress', %1, "
                                             "'cli', 'Ufficio sinistri', NULL, %1)")
                                  .arg(old + 120'000));
    // Old and closed, but its reply is still to deliver.
    t.post(QStringLiteral("x"), QStringLiteral("p-1"), QStringLiteral("p-1-p"), QStringLiteral("old-p"),
           QStringLiteral("in_coda"), QStringLiteral("Vera Rosa"), QStringLiteral("Risposta in coda per Vera"), old);
    t.decision(QStringLiteral("p-1-d"), QStringLiteral("x"), QStringLiteral("p-1"), QStringLiteral("reply_public"),
               QStringLiteral("Gentile cliente"), old + 60'000);
    t.exec(QStringLiteral("UPDATE sportello.threads SET status = 'answered' WHERE external_id IN ('h-1', 'p-1')"));
    REQUIRE(t.count(QStringLiteral("SELECT count(*) FROM sportello.handoffs WHERE thread_external_id = 'h-1' AND "
                                   "state = 'in_progress'")) == 1);
    // Access records: one six years old, one recent.
    t.exec(QStringLiteral("INSERT INTO sportello.access_log(id, at, agent_id, agent_name, kind, subject) VALUES "
                          "('acc-old', %1, 'marta', 'Marta Verdi', 'customer_card', 'customer:x'), ('acc-new', %2, "
                          "'marta', 'Marta Verdi', 'customer_card', 'customer:y')")
               .arg(nowMs() - 6 * 365 * kDayMs)
               .arg(nowMs() - kDayMs));
    auto anna = t.as(QStringLiteral("anna"));
    auto dry = team::applyTeamRetention(anna->db(), true);
    INFO(dry.error().toStdString());
    REQUIRE(dry.ok());
    CHECK(dry->threads == 2); // o-1 and o-2 of seedAges, not h-1 nor p-1
    CHECK(dry->accessRecords == 1);
    auto run = team::applyTeamRetention(anna->db(), false);
    REQUIRE(run.ok());
    CHECK(run->accessRecords == 1);
    CHECK(foundIn(t.everything(), {QStringLiteral("Pratica aperta di Ugo"), QStringLiteral("Risposta in coda per Vera")})
              .size() == 2);
    CHECK(t.scalar(QStringLiteral("SELECT string_agg(id, ',') FROM sportello.access_log")).toString() ==
          QLatin1String("acc-new"));
}
