// Access to personal data (docs/privacy.md, "Access to personal data"), without a team database:
// the access records each path writes (the customer card's `customer show`, a report's export, a
// person's export) and `privacy access-log`; the export of one person's data (exactly theirs,
// escaped, whole or not at all); report exports pseudonymised unless personal data is asked for,
// and only by the roles allowed.
#include "catch_compat.h"

#include "CliProcess.h"
#include "ReportTeamSample.h"
#include "TestSupport.h"

#include "common/Clock.h"
#include "customers/Customers.h"
#include "privacy/AccessLog.h"
#include "privacy/Erasure.h"
#include "privacy/PersonExport.h"
#include "report/ReportExport.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"
#include "timers/PolicyStore.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace sportello;
using namespace sportello::test;

namespace {

const Agent kAnna{QStringLiteral("agent-1"), QStringLiteral("Anna Neri")};
const qint64 kNow = 1775000000000; // 2026-03-31, after every post of the team sample

PostRecord postBy(Channel channel, const QString &thread, const QString &id, const QString &authorId,
                  const QString &handle, const QString &name, Visibility visibility, const char *at,
                  const QString &text)
{
    PostRecord p = inboundPost(thread, id, utcMs(at), text, channel);
    p.author = {authorId, handle, name, 10};
    p.visibility = visibility;
    return p;
}

PostRecord replyTo(Channel channel, const QString &thread, const QString &id, const QString &inReplyTo,
                   Visibility visibility, const char *at, const QString &text)
{
    PostRecord p = outboundPost(thread, id, utcMs(at), text, channel);
    p.inReplyTo = inReplyTo;
    p.visibility = visibility;
    return p;
}

qint64 idOf(Database &db, const char *table, const char *externalId)
{
    return scalar(db, QStringLiteral("SELECT id FROM %1 WHERE external_id = '%2'")
                          .arg(QLatin1String(table), QLatin1String(externalId)))
        .toLongLong();
}

void run(Database &db, const QString &statement)
{
    QSqlQuery query(db.connection());
    INFO(statement.toStdString());
    const bool done = query.exec(statement);
    INFO(query.lastError().text().toStdString());
    REQUIRE(done);
}

// Mario on Facebook (public, in a thread Laura wrote in too) and on Instagram (a private
// conversation), linked as one customer with a note, a reference and a complaint; Laura, another
// customer, with her own private conversation, note and complaint. The texts carry HTML.
struct People {
    TempCache cache;
    ManualClock clock{utcMs("2026-03-10T12:00:00Z")};
    CustomerStore store{*cache.db, clock};
    qint64 mario = 0, marioIg = 0, laura = 0;

    People()
    {
        Database &db = *cache.db;
        ingest(db, {
                       postBy(Channel::Facebook, QStringLiteral("fb-shared"), QStringLiteral("fb-m1"),
                              QStringLiteral("fb-mario"), QStringLiteral("mario.rossi"), QStringLiteral("Mario Rossi"),
                              Visibility::Public, "2026-03-02T09:00:00Z",
                              QStringLiteral("Sinistro <script>alert('x')</script> & \"urgente\"")),
                       postBy(Channel::Facebook, QStringLiteral("fb-shared"), QStringLiteral("fb-l1"),
                              QStringLiteral("fb-laura"), QStringLiteral("laura.b"), QStringLiteral("Laura Bianchi"),
                              Visibility::Public, "2026-03-02T09:30:00Z", QStringLiteral("LAURA-PUBBLICO anch'io")),
                       replyTo(Channel::Facebook, QStringLiteral("fb-shared"), QStringLiteral("fb-r-m"),
                               QStringLiteral("fb-m1"), Visibility::Public, "2026-03-02T10:00:00Z",
                               QStringLiteral("RISPOSTA-A-MARIO ci scriva in privato")),
                       replyTo(Channel::Facebook, QStringLiteral("fb-shared"), QStringLiteral("fb-r-l"),
                               QStringLiteral("fb-l1"), Visibility::Public, "2026-03-02T10:05:00Z",
                               QStringLiteral("RISPOSTA-A-LAURA ci scriva in privato")),
                       postBy(Channel::Instagram, QStringLiteral("ig-mario"), QStringLiteral("ig-m1"),
                              QStringLiteral("ig-mario"), QStringLiteral("m.r_1985"), QStringLiteral("Mario R."),
                              Visibility::Private, "2026-03-03T09:00:00Z",
                              QStringLiteral("MARIO-PRIVATO il mio codice contraente è PH-2024 77881")),
                       replyTo(Channel::Instagram, QStringLiteral("ig-mario"), QStringLiteral("ig-r1"), QString(),
                               Visibility::Private, "2026-03-03T09:30:00Z",
                               QStringLiteral("RISPOSTA-PRIVATA-MARIO grazie, verifichiamo")),
                       postBy(Channel::Instagram, QStringLiteral("ig-laura"), QStringLiteral("ig-l1"),
                              QStringLiteral("ig-laura"), QStringLiteral("laura.b"), QStringLiteral("Laura B."),
                              Visibility::Private, "2026-03-04T09:00:00Z", QStringLiteral("LAURA-PRIVATO reclamo")),
                       replyTo(Channel::Instagram, QStringLiteral("ig-laura"), QStringLiteral("ig-r2"), QString(),
                               Visibility::Private, "2026-03-04T09:30:00Z", QStringLiteral("RISPOSTA-PRIVATA-LAURA")),
                   });
        mario = idOf(db, "authors", "fb-mario");
        marioIg = idOf(db, "authors", "ig-mario");
        laura = idOf(db, "authors", "fb-laura");
        REQUIRE(store.link(mario, marioIg, kAnna).ok());
        REQUIRE(store.addNote(mario, QStringLiteral("NOTA-MARIO <b>richiamare</b>"), kAnna).ok());
        REQUIRE(
            store.setPolicyholderRef(marioIg, idOf(db, "threads", "ig-mario"), QStringLiteral("PH-2024 77881"), kAnna)
                .ok());
        const qint64 lauraIg = idOf(db, "authors", "ig-laura");
        REQUIRE(store.addNote(lauraIg, QStringLiteral("NOTA-LAURA"), kAnna).ok());
        // A complaint on each one's private conversation.
        for (const auto &[thread, note] :
             {std::pair{"ig-mario", "RECLAMO-MARIO chiuso"}, std::pair{"ig-laura", "RECLAMO-LAURA aperto"}}) {
            const qint64 t = idOf(db, "threads", thread);
            run(db, QStringLiteral("INSERT INTO decisions(id, thread_id, kind, agent_id, agent_name, decided_at) "
                                   "VALUES('d-%1', %1, 'forward', 'agent-1', 'Anna Neri', %2)")
                        .arg(t)
                        .arg(utcMs("2026-03-05T09:00:00Z")));
            run(db, QStringLiteral("INSERT INTO complaints(thread_id, decision_id, received_at, forwarded_at, "
                                   "deadline_at, resolved_at, resolution_note) VALUES(%1, 'd-%1', %2, %2, %3, %4, "
                                   "'%5')")
                        .arg(t)
                        .arg(utcMs("2026-03-05T09:00:00Z"))
                        .arg(utcMs("2026-04-19T09:00:00Z"))
                        .arg(utcMs("2026-03-20T09:00:00Z"))
                        .arg(QLatin1String(note)));
        }
    }

    qint64 accessRecords(const char *kind)
    {
        return scalar(*cache.db,
                      QStringLiteral("SELECT count(*) FROM access_log WHERE kind = '%1'").arg(QLatin1String(kind)))
            .toLongLong();
    }
};

QString text(const QString &path) { return QString::fromUtf8(fileBytes(path)); }

} // namespace

TEST_CASE("a person's export holds exactly that person's data, linked accounts included", "[privacy][export]")
{
    People p;
    auto data = privacy::collectPersonData(p.cache.db->connection(), p.mario);
    INFO(data.error().toStdString());
    REQUIRE(data.ok());
    REQUIRE(data->identities.size() == 2);
    CHECK(data->identities.at(0).externalId == QLatin1String("fb-mario"));
    CHECK(data->identities.at(1).externalId == QLatin1String("ig-mario"));
    CHECK(data->policyholderRef == QLatin1String("PH-2024 77881"));
    CHECK_FALSE(data->customerUuid.isEmpty());
    QStringList posts, replies;
    for (const privacy::PersonPost &post : data->posts)
        posts << post.text.section(QLatin1Char(' '), 0, 0);
    for (const privacy::PersonPost &post : data->replies)
        replies << post.text.section(QLatin1Char(' '), 0, 0);
    CHECK(posts == QStringList{QStringLiteral("Sinistro"), QStringLiteral("MARIO-PRIVATO")});
    // The reply to him in the shared public thread and the one in his private conversation; not
    // the reply to Laura in the same public thread.
    CHECK(replies == QStringList{QStringLiteral("RISPOSTA-A-MARIO"), QStringLiteral("RISPOSTA-PRIVATA-MARIO")});
    REQUIRE(data->notes.size() == 1);
    CHECK(data->notes.at(0).text.startsWith(QLatin1String("NOTA-MARIO")));
    REQUIRE(data->complaints.size() == 1);
    CHECK(data->complaints.at(0).resolutionNote == QLatin1String("RECLAMO-MARIO chiuso"));

    // The files: every piece of Mario's, nothing of Laura's, HTML escaped.
    const QString html = p.cache.dir.filePath(QStringLiteral("mario.html"));
    auto written =
        privacy::exportPersonData(p.cache.db->connection(), p.marioIg, html, privacy::PersonExportFormat::Html,
                                  QLocale(QLocale::Italian), kAnna, p.clock.nowMs());
    INFO(written.error().toStdString());
    REQUIRE(written.ok());
    CHECK(written->posts == 2);
    CHECK(written->replies == 2);
    const QString page = text(html);
    for (const char *his : {"mario.rossi", "m.r_1985", "Mario Rossi", "MARIO-PRIVATO", "RISPOSTA-A-MARIO",
                            "RISPOSTA-PRIVATA-MARIO", "NOTA-MARIO", "RECLAMO-MARIO", "PH-2024 77881"})
        CHECK(page.contains(QLatin1String(his)));
    for (const char *hers : {"LAURA", "laura.b", "Laura"})
        CHECK_FALSE(page.contains(QLatin1String(hers)));
    CHECK(page.contains(QLatin1String("Sinistro &lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;urgente&quot;")));
    CHECK(page.contains(QLatin1String("NOTA-MARIO &lt;b&gt;richiamare&lt;/b&gt;")));
    CHECK_FALSE(page.contains(QLatin1String("<script>")));
    CHECK_FALSE(page.contains(QLatin1String("<b>richiamare")));
    CHECK(page.startsWith(QLatin1String("<!DOCTYPE html>")));
    CHECK(page.contains(QLatin1String("<html lang=\"it")));

    const QString json = p.cache.dir.filePath(QStringLiteral("mario.json"));
    REQUIRE(privacy::exportPersonData(p.cache.db->connection(), p.mario, json, privacy::PersonExportFormat::Json,
                                      QLocale(), kAnna, p.clock.nowMs())
                .ok());
    const QJsonObject root = QJsonDocument::fromJson(fileBytes(json)).object();
    CHECK(root.value(QStringLiteral("posts")).toArray().size() == 2);
    CHECK(root.value(QStringLiteral("replies")).toArray().size() == 2);
    CHECK(root.value(QStringLiteral("posts")).toArray().at(0).toObject().value(QStringLiteral("text")).toString() ==
          QLatin1String("Sinistro <script>alert('x')</script> & \"urgente\""));
    CHECK(root.value(QStringLiteral("posts")).toArray().at(0).toObject().value(QStringLiteral("at")).toString() ==
          QLatin1String("2026-03-02T09:00:00.000Z"));
    CHECK_FALSE(text(json).contains(QLatin1String("LAURA")));

    // Laura's export, the other way round.
    const QString hers = p.cache.dir.filePath(QStringLiteral("laura.html"));
    REQUIRE(privacy::exportPersonData(p.cache.db->connection(), p.laura, hers, privacy::PersonExportFormat::Html,
                                      QLocale(), kAnna, p.clock.nowMs())
                .ok());
    CHECK(text(hers).contains(QLatin1String("LAURA-PUBBLICO")));
    CHECK(text(hers).contains(QLatin1String("RISPOSTA-A-LAURA")));
    CHECK_FALSE(text(hers).contains(QLatin1String("MARIO")));
    CHECK_FALSE(text(hers).contains(QLatin1String("Sinistro")));
    // Laura's Instagram account is not linked to her Facebook one: not hers, as far as the cache knows.
    CHECK_FALSE(text(hers).contains(QLatin1String("LAURA-PRIVATO")));

    // Three exports, three records, naming the customer by its UUID or the author by its key.
    CHECK(p.accessRecords("person_export") == 3);
    CHECK(
        scalar(*p.cache.db,
               QStringLiteral("SELECT count(*) FROM access_log WHERE subject = 'customer:%1'").arg(data->customerUuid))
            .toLongLong() == 2);
    CHECK(scalar(*p.cache.db, QStringLiteral("SELECT subject FROM access_log WHERE subject LIKE 'author:%'"))
              .toString() ==
          QStringLiteral("author:") + privacy::authorKey(QStringLiteral("facebook"), QStringLiteral("fb-laura")));
    CHECK(scalar(*p.cache.db, QStringLiteral("SELECT count(*) FROM access_log WHERE subject LIKE '%laura%' "
                                             "OR subject LIKE '%mario%'"))
              .toLongLong() == 0);
}

TEST_CASE("a person's export that cannot be written says why, leaves no file and no record", "[privacy][export]")
{
    People p;
    const auto failed = [&](const QString &path) {
        auto written = privacy::exportPersonData(p.cache.db->connection(), p.mario, path,
                                                 privacy::PersonExportFormat::Html, QLocale(), kAnna, p.clock.nowMs());
        CHECK(written.errorKind() == ErrorKind::Io);
        CHECK(written.error().contains(QLatin1String("Cannot write")));
        CHECK(written.error().contains(path));
        CHECK_FALSE(QFileInfo(path).isFile());
        return written.error();
    };
    // /proc takes no new file, even from root; a missing folder; a folder in the file's place.
    failed(QStringLiteral("/proc/sportello-person.html"));
    CHECK(
        failed(p.cache.dir.filePath(QStringLiteral("missing/person.html"))).contains(QLatin1String("does not exist")));
    CHECK(failed(p.cache.dir.path()).contains(QLatin1String("folder")));
    CHECK(QDir(p.cache.dir.path()).entryList({QStringLiteral("*.html*")}, QDir::Files).isEmpty());
    CHECK(p.accessRecords("person_export") == 0);

    // The CLI says it on stderr and exits 1.
    const QString db = p.cache.path;
    p.cache.db.reset();
    const CliRun run = runCli({QStringLiteral("--database"), db, QStringLiteral("privacy"), QStringLiteral("export"),
                               QStringLiteral("--author"), QStringLiteral("facebook:fb-mario"), QStringLiteral("--out"),
                               QStringLiteral("/proc/sportello-person.html")},
                              {});
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("Cannot write /proc/sportello-person.html")));
}

TEST_CASE("sportello-cli: customer show, privacy export and report each leave an access record",
          "[privacy][cli][access]")
{
    People p;
    const QString db = p.cache.path;
    const QString fbThread = QString::number(idOf(*p.cache.db, "threads", "fb-shared"));
    p.cache.db.reset(); // the CLI opens it itself
    const auto cli = [&](QStringList arguments) {
        arguments.prepend(db);
        arguments.prepend(QStringLiteral("--database"));
        const CliRun run = runCli(arguments, {});
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 0);
        return run;
    };
    cli({QStringLiteral("customer"), QStringLiteral("show"), fbThread, QStringLiteral("--agent"),
         QStringLiteral("Anna Neri")});
    const QString out = QFileInfo(db).dir().filePath(QStringLiteral("export.html"));
    cli({QStringLiteral("privacy"), QStringLiteral("export"), QStringLiteral("--author"),
         QStringLiteral("instagram:ig-mario"), QStringLiteral("--out"), out, QStringLiteral("--agent"),
         QStringLiteral("Bruno Galli")});
    CHECK(text(out).contains(QLatin1String("MARIO-PRIVATO")));
    const QString csv = QFileInfo(db).dir().filePath(QStringLiteral("report.csv"));
    cli({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"),
         QStringLiteral("2026-03-31"), QStringLiteral("--channel"), QStringLiteral("facebook"), QStringLiteral("--out"),
         csv});
    cli({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("2026-03-01"), QStringLiteral("--to"),
         QStringLiteral("2026-03-31"), QStringLiteral("--table"), QStringLiteral("cetif"), QStringLiteral("--out"),
         csv});

    const CliRun log = cli({QStringLiteral("privacy"), QStringLiteral("access-log"), QStringLiteral("--json")});
    const QJsonArray records = QJsonDocument::fromJson(log.out.toUtf8()).array();
    REQUIRE(records.size() == 4);
    // Newest first; all four were written within the same run of seconds, so by kind.
    QStringList kinds;
    for (const QJsonValue &r : records)
        kinds << r.toObject().value(QStringLiteral("kind")).toString();
    kinds.sort();
    CHECK(kinds == QStringList{QStringLiteral("customer_card"), QStringLiteral("person_export"),
                               QStringLiteral("report_export"), QStringLiteral("report_export")});
    QJsonObject card, person, postLog;
    for (const QJsonValue &v : records) {
        const QJsonObject r = v.toObject();
        const QString kind = r.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("customer_card"))
            card = r;
        else if (kind == QLatin1String("person_export"))
            person = r;
        else if (r.value(QStringLiteral("subject")).toString().contains(QLatin1String("post_log")))
            postLog = r;
    }
    CHECK(card.value(QStringLiteral("agent_name")).toString() == QLatin1String("Anna Neri"));
    CHECK(card.value(QStringLiteral("subject")).toString().startsWith(QLatin1String("customer:")));
    CHECK(person.value(QStringLiteral("agent_name")).toString() == QLatin1String("Bruno Galli"));
    CHECK(person.value(QStringLiteral("subject")) == card.value(QStringLiteral("subject"))); // the same customer
    const QJsonObject report =
        QJsonDocument::fromJson(postLog.value(QStringLiteral("subject")).toString().toUtf8()).object();
    CHECK(report.value(QStringLiteral("table")).toString() == QLatin1String("post_log"));
    CHECK(report.value(QStringLiteral("from")).toString() == QLatin1String("2026-03-01"));
    CHECK(report.value(QStringLiteral("to")).toString() == QLatin1String("2026-03-31"));
    CHECK(report.value(QStringLiteral("channel")).toString() == QLatin1String("facebook"));
    CHECK(report.value(QStringLiteral("pseudonymised")).toBool());

    // Filters: by agent (alone: the name or id given), by day.
    const CliRun anna = cli({QStringLiteral("privacy"), QStringLiteral("access-log"), QStringLiteral("--agent"),
                             QStringLiteral("Anna Neri")});
    CHECK(anna.out.count(QLatin1Char('\n')) == 1);
    CHECK(anna.out.contains(QLatin1String("customer_card")));
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    CHECK(cli({QStringLiteral("privacy"), QStringLiteral("access-log"), QStringLiteral("--since"), tomorrow})
              .out.isEmpty());
    CHECK(cli({QStringLiteral("privacy"), QStringLiteral("access-log"), QStringLiteral("--since"), today,
               QStringLiteral("--until"), today})
              .out.count(QLatin1Char('\n')) == 4);
    CHECK(cli({QStringLiteral("privacy"), QStringLiteral("access-log"), QStringLiteral("--until"),
               QDate::currentDate().addDays(-1).toString(Qt::ISODate)})
              .out.isEmpty());
    const CliRun bad = runCli({QStringLiteral("--database"), db, QStringLiteral("privacy"),
                               QStringLiteral("access-log"), QStringLiteral("--since"), QStringLiteral("yesterday")},
                              {});
    CHECK(bad.exitCode == 2);
}

TEST_CASE("report exports are pseudonymised unless personal data is asked for", "[privacy][report][cli]")
{
    People p;
    auto policy = PolicyStore(*p.cache.db).active();
    REQUIRE(policy.ok());
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    const QString path = p.cache.dir.filePath(QStringLiteral("core.csv"));
    ExportOptions byDefault;
    CHECK(byDefault.pseudonymise);
    REQUIRE(exportPostLog(*p.cache.db, policy.value(), filter, p.clock.nowMs(), path, byDefault).ok());
    for (const char *personal : {"mario.rossi", "Mario Rossi", "laura.b", "fb-m1"})
        CHECK_FALSE(text(path).contains(QLatin1String(personal)));

    const QString db = p.cache.path;
    p.cache.db.reset();
    const QString out = QFileInfo(db).dir().filePath(QStringLiteral("cli.csv"));
    const QStringList base{QStringLiteral("--database"),
                           db,
                           QStringLiteral("report"),
                           QStringLiteral("--from"),
                           QStringLiteral("2026-03-01"),
                           QStringLiteral("--to"),
                           QStringLiteral("2026-03-31"),
                           QStringLiteral("--out"),
                           out};
    for (const QStringList &pseudonymised : {QStringList{}, QStringList{QStringLiteral("--pseudonymise")}}) {
        const CliRun run = runCli(base + pseudonymised, {});
        INFO(run.err.toStdString());
        REQUIRE(run.exitCode == 0);
        CHECK_FALSE(text(out).contains(QLatin1String("mario.rossi")));
        CHECK_FALSE(text(out).contains(QLatin1String("Laura Bianchi")));
    }
    const CliRun personal = runCli(base + QStringList{QStringLiteral("--personal-data")}, {});
    INFO(personal.err.toStdString());
    REQUIRE(personal.exitCode == 0);
    CHECK(text(out).contains(QLatin1String("mario.rossi")));
    CHECK(text(out).contains(QLatin1String("Laura Bianchi")));
    // The reference only with personal data, and only when asked.
    CHECK_FALSE(text(out).contains(QLatin1String("77881")));
    REQUIRE(
        runCli(base + QStringList{QStringLiteral("--personal-data"), QStringLiteral("--include-policyholder-ref")}, {})
            .exitCode == 0);
    CHECK(text(out).contains(QLatin1String("77881")));

    for (const QStringList &wrong : {QStringList{QStringLiteral("--pseudonymise"), QStringLiteral("--personal-data")},
                                     QStringList{QStringLiteral("--include-policyholder-ref")}}) {
        const CliRun run = runCli(base + wrong, {});
        CHECK(run.exitCode == 2);
    }
}

TEST_CASE("personal data leaves a team only through a supervisor, an admin or the DPO", "[privacy][report][team]")
{
    TempCache cache;
    buildTeamSample(*cache.db, true);
    run(*cache.db, QStringLiteral("INSERT INTO team_agents(login, name, role) VALUES('dana', 'Dana Privacy', 'dpo'), "
                                  "('ada', 'Ada Admin', 'admin')"));
    const qint64 author = scalar(*cache.db, QStringLiteral("SELECT min(author_id) FROM posts WHERE direction = "
                                                           "'inbound'"))
                              .toLongLong();
    auto policy = PolicyStore(*cache.db).active();
    REQUIRE(policy.ok());
    ReportFilter filter;
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 3, 31);
    const QString out = cache.dir.filePath(QStringLiteral("out.csv"));
    const QString person = cache.dir.filePath(QStringLiteral("person.html"));
    ExportOptions personal;
    personal.pseudonymise = false;

    for (const auto &[login, allowed] : {std::pair{"marta", false}, std::pair{"elia", false}, std::pair{"paolo", true},
                                         std::pair{"ada", true}, std::pair{"dana", true}}) {
        DYNAMIC_SECTION(login)
        {
            joinTeamAs(*cache.db, QLatin1String(login));
            auto own = team::ownTeamRole(cache.db->connection());
            REQUIRE(own.ok());
            CHECK(team::mayExportPersonalData(own.value()) == allowed);
            auto rows = exportPostLog(*cache.db, policy.value(), filter, kNow, out, personal);
            auto file = privacy::exportPersonData(cache.db->connection(), author, person,
                                                  privacy::PersonExportFormat::Html, QLocale(), kAnna, kNow);
            if (allowed) {
                INFO(rows.error().toStdString());
                CHECK(rows.ok());
                CHECK(file.ok());
            } else {
                CHECK(rows.errorKind() == ErrorKind::RefusedByPolicy);
                CHECK(file.errorKind() == ErrorKind::RefusedByPolicy);
                CHECK(file.error() == privacy::personalDataRefusedMessage());
                CHECK_FALSE(QFileInfo::exists(out));
                CHECK_FALSE(QFileInfo::exists(person));
                CHECK(scalar(*cache.db, QStringLiteral("SELECT count(*) FROM access_log")).toLongLong() == 0);
            }
        }
    }

    // The CLI: an agent's --personal-data is refused with the policy, no file; pseudonymised goes.
    QFile::remove(out); // from an allowed section's run
    joinTeamAs(*cache.db, QStringLiteral("marta"));
    cache.db.reset();
    const QStringList base{QStringLiteral("--database"),
                           cache.path,
                           QStringLiteral("report"),
                           QStringLiteral("--from"),
                           QStringLiteral("2026-03-01"),
                           QStringLiteral("--to"),
                           QStringLiteral("2026-03-31"),
                           QStringLiteral("--out"),
                           out};
    const CliRun refused = runCli(base + QStringList{QStringLiteral("--personal-data")}, {});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QLatin1String("supervisor, an admin or the data protection officer")));
    CHECK_FALSE(QFileInfo::exists(out));
    const CliRun pseudonymised = runCli(base, {});
    INFO(pseudonymised.err.toStdString());
    CHECK(pseudonymised.exitCode == 0);
    CHECK(QFileInfo::exists(out));
    // In a team the record is signed by the cache's login.
    auto db = Database::open(cache.path);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("SELECT agent_id || '/' || agent_name || '/' || team_state FROM "
                                             "access_log WHERE kind = 'report_export'"))
              .toString() == QLatin1String("marta/Marta Verdi/to_push"));
    // And the access records are the DPO's to read: refused before any connection is tried.
    const CliRun log =
        runCli({QStringLiteral("--database"), cache.path, QStringLiteral("privacy"), QStringLiteral("access-log")}, {});
    CHECK(log.exitCode == 1);
    CHECK(log.err.contains(QLatin1String("data protection officer (role dpo) alone")));
}
