// When the guard is wrong (issue 15, point 4): the agent marks findings of a public reply as not
// personal data with a reason; the core checks the marks against what it finds, refuses them for
// tax codes and IBANs, audits the override with the kinds and the reason only, and the reports
// count overrides per agent.
#include "TestSupport.h"
#include "catch_compat.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "compose/Guard.h"
#include "report/ReportData.h"
#include "report/ReportExport.h"
#include "timers/PolicyStore.h"
#include "triage/GuardOverrideLog.h"
#include "triage/TriageService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace sportello;
using namespace sportello::test;

namespace {
constexpr qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z
const Agent kMarta{QStringLiteral("a1"), QStringLiteral("Marta Verdi")};
const Agent kLuca{QStringLiteral("a2"), QStringLiteral("Luca Bianchi")};

// A landline the company has not configured as its own: a phone finding the agent knows is the
// office's number. Leading blanks: spans are counted in the trimmed text.
const QString kOfficeReply = QStringLiteral("  Risponde lo 06 4567 8901 dalle 9 alle 18, chieda di Roma.");
const QString kOfficeNumber = QStringLiteral("06 4567 8901");

qint64 threadOf(Database &db, const QString &external)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(external)).toLongLong();
}

GuardOverride overrideOf(const QString &text, FindingKind kind)
{
    const auto findings = Guard().check(text.trimmed()).value();
    for (const Finding &f : findings)
        if (f.kind == kind)
            return {f.kind, f.start, f.end};
    FAIL("no finding of the kind");
    return {};
}

QJsonObject detailsOf(Database &db, const QString &action)
{
    return QJsonDocument::fromJson(
               scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = '%1'").arg(action))
                   .toString()
                   .toUtf8())
        .object();
}
} // namespace

TEST_CASE("an overridden finding lets the public reply go and is audited with kinds only", "[guard][override]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart, QStringLiteral("Che orari avete?"))});
    const qint64 t1 = threadOf(db, QStringLiteral("t1"));
    ManualClock clock(kStart + 60000);
    TriageService triage(db, clock, kMarta);

    // Without the override the guard refuses the reply.
    REQUIRE_FALSE(triage.decide({t1, DecisionKind::ReplyPublic, kOfficeReply, {}, {}}).ok());

    DecisionRequest request{t1, DecisionKind::ReplyPublic, kOfficeReply, {}, {}};
    const GuardOverride phone = overrideOf(kOfficeReply, FindingKind::Phone);
    CHECK(phone.start == kOfficeReply.trimmed().indexOf(kOfficeNumber));
    request.overrides.findings = {phone};
    request.overrides.reason = QStringLiteral("  the office's own number  ");
    auto decided = triage.decide(request);
    INFO(decided.error().toStdString());
    REQUIRE(decided.ok());
    CHECK_FALSE(decided->outboxId.isEmpty());

    const QJsonObject details = detailsOf(db, QStringLiteral("guard_overridden"));
    CHECK(details.value(QStringLiteral("decision")).toString() == QLatin1String("reply_public"));
    CHECK(details.value(QStringLiteral("kinds")).toArray() == QJsonArray{QStringLiteral("phone")});
    CHECK(details.value(QStringLiteral("reason")).toString() == QLatin1String("the office's own number"));
    CHECK(scalar(db, QStringLiteral("SELECT thread_id FROM audit_log WHERE action = 'guard_overridden'")).toLongLong() ==
          t1);
    CHECK(scalar(db, QStringLiteral("SELECT decision_id FROM audit_log WHERE action = 'guard_overridden'")).toString() ==
          decided->decisionId);
    // Never the finding's text nor the reply's, in any entry.
    const QString audit = scalar(db, QStringLiteral("SELECT group_concat(details, ' ') FROM audit_log")).toString();
    INFO(audit.toStdString());
    CHECK_FALSE(audit.contains(kOfficeNumber));
    CHECK_FALSE(audit.contains(QLatin1String("4567")));
    CHECK_FALSE(audit.contains(QLatin1String("Risponde")));
    // The refused attempt before it, and the decision itself.
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_refused'")).toInt() == 1);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'decision'")).toInt() == 1);
}

TEST_CASE("an override of a tax code or an IBAN in public is refused, naming the kind", "[guard][override]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart)});
    const qint64 t1 = threadOf(db, QStringLiteral("t1"));
    ManualClock clock(kStart + 60000);
    TriageService triage(db, clock, kMarta);

    for (const auto &[text, kind, name] :
         {std::tuple{QStringLiteral("Il codice RSSMRA85T10A562S risulta aggiornato."), FindingKind::TaxCode, "tax code"},
          std::tuple{QStringLiteral("Accredito sul conto IT60X0542811101000000123456."), FindingKind::Iban, "IBAN"}}) {
        DecisionRequest request{t1, DecisionKind::ReplyPublic, text, {}, {}};
        request.overrides.findings = {overrideOf(text, kind)};
        request.overrides.reason = QStringLiteral("it is an example");
        auto refused = triage.decide(request);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(refused.error().contains(QLatin1String(name)));
        CHECK(refused.error().contains(QLatin1String("checksum")));
        CHECK_FALSE(canOverride(kind));
    }
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_overridden'")).toInt() == 0);
}

TEST_CASE("an override needs a bounded reason and must match a finding's kind and span", "[guard][override]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart)});
    const qint64 t1 = threadOf(db, QStringLiteral("t1"));
    ManualClock clock(kStart + 60000);
    TriageService triage(db, clock, kMarta);
    const GuardOverride phone = overrideOf(kOfficeReply, FindingKind::Phone);

    DecisionRequest request{t1, DecisionKind::ReplyPublic, kOfficeReply, {}, {}};
    request.overrides.findings = {phone};
    SECTION("no reason")
    {
        request.overrides.reason = QStringLiteral("   ");
        auto refused = triage.decide(request);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::InvalidInput);
        CHECK(refused.error().contains(QLatin1String("reason")));
    }
    SECTION("a reason over the limit")
    {
        request.overrides.reason = QString(kMaxOverrideReasonLength + 1, QLatin1Char('x'));
        CHECK(triage.decide(request).errorKind() == ErrorKind::InvalidInput);
    }
    SECTION("a span counted in the untrimmed text")
    {
        request.overrides.reason = QStringLiteral("office number");
        request.overrides.findings = {{FindingKind::Phone, phone.start + 2, phone.end + 2}};
        auto refused = triage.decide(request);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::InvalidInput);
        CHECK(refused.error().contains(QLatin1String("phone number")));
    }
    SECTION("the right span with another kind")
    {
        request.overrides.reason = QStringLiteral("office number");
        request.overrides.findings = {{FindingKind::Plate, phone.start, phone.end}};
        CHECK(triage.decide(request).errorKind() == ErrorKind::InvalidInput);
    }
    SECTION("one finding marked, another not")
    {
        request.text = kOfficeReply + QStringLiteral(" Oppure scriva a giulia.moretti@gmail.com");
        request.overrides.reason = QStringLiteral("office number");
        auto refused = triage.decide(request);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.errorKind() == ErrorKind::RefusedByPolicy);
        CHECK(refused.error().contains(QLatin1String("e-mail")));
        CHECK_FALSE(refused.error().contains(QLatin1String("phone")));
    }
    SECTION("marks on a private reply")
    {
        request.kind = DecisionKind::ReplyPrivate;
        request.overrides.reason = QStringLiteral("office number");
        CHECK(triage.decide(request).errorKind() == ErrorKind::InvalidInput);
    }
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_overridden'")).toInt() == 0);
}

TEST_CASE("a forward's public message to the customer can carry an override", "[guard][override]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), kStart)});
    const qint64 t1 = threadOf(db, QStringLiteral("t1"));
    ManualClock clock(kStart + 60000);
    TriageService triage(db, clock, kMarta);
    DecisionRequest request{t1, DecisionKind::Forward, QStringLiteral("Per il back office"), {}, {}};
    request.customerKind = DecisionKind::ReplyPublic;
    request.customerText = kOfficeReply;
    request.overrides.findings = {overrideOf(kOfficeReply, FindingKind::Phone)};
    request.overrides.reason = QStringLiteral("office number");
    auto decided = triage.decide(request);
    INFO(decided.error().toStdString());
    REQUIRE(decided.ok());
    CHECK(scalar(db, QStringLiteral("SELECT decision_id FROM audit_log WHERE action = 'guard_overridden'")).toString() ==
          decided->customerDecisionId);
    CHECK(detailsOf(db, QStringLiteral("guard_overridden")).value(QStringLiteral("decision")).toString() ==
          QLatin1String("reply_public"));
}

TEST_CASE("overrides are counted per agent in the report and its CSV, and listed for supervisors",
          "[guard][override][report]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 day1 = utcMs("2026-03-02T09:00:00Z"), day3 = utcMs("2026-03-04T09:00:00Z");
    ingest(db, {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), day1),
                inboundPost(QStringLiteral("t2"), QStringLiteral("p2"), day1 + 1000),
                inboundPost(QStringLiteral("t3"), QStringLiteral("p3"), day1 + 2000),
                inboundPost(QStringLiteral("t4"), QStringLiteral("p4"), day1 + 3000)});
    ManualClock clock(day1 + 60000);
    TriageService marta(db, clock, kMarta);
    TriageService luca(db, clock, kLuca);
    auto overridden = [&](TriageService &triage, const char *thread) {
        DecisionRequest request{threadOf(db, QString::fromLatin1(thread)), DecisionKind::ReplyPublic, kOfficeReply, {},
                                {}};
        request.overrides.findings = {overrideOf(kOfficeReply, FindingKind::Phone)};
        request.overrides.reason = QStringLiteral("office number");
        REQUIRE(triage.decide(request).ok());
    };
    overridden(marta, "t1");
    overridden(marta, "t2");
    REQUIRE(luca.decide({threadOf(db, QStringLiteral("t3")), DecisionKind::ReplyPublic,
                         QStringLiteral("Grazie, le rispondiamo subito."), {}, {}})
                .ok());
    // An override two days later: outside a report of the first day.
    clock.setNowMs(day3);
    overridden(luca, "t4");

    auto policy = PolicyStore(db).active();
    REQUIRE(policy.ok());
    ReportFilter filter;
    filter.from = QDate(2026, 3, 2);
    filter.to = QDate(2026, 3, 2);
    auto data = ReportData::build(db, policy.value(), filter, day3 + 60000);
    REQUIRE(data.ok());
    auto byAgent = data.value()->grouped({GroupField::Agent});
    REQUIRE(byAgent.ok());
    const int overrides = byAgent->column(QStringLiteral("guard_overrides"));
    REQUIRE(overrides >= 0);
    CHECK(byAgent->columnLabel(overrides) == QLatin1String("Guard overrides"));
    const int agent = byAgent->column(QStringLiteral("agent"));
    QMap<QString, qint64> counts;
    for (const auto &row : byAgent->rows)
        counts[row.at(agent).toString()] = row.at(overrides).toLongLong();
    CHECK(counts.value(QStringLiteral("Marta Verdi")) == 2);
    CHECK(counts.value(QStringLiteral("Luca Bianchi")) == 0);
    // Other groupings have no such column: overrides are counted by agent only.
    auto byCategory = data.value()->grouped({GroupField::Category});
    REQUIRE(byCategory.ok());
    CHECK(byCategory->column(QStringLiteral("guard_overrides")) < 0);

    // The whole period: Luca's override of the third day counts.
    filter.to = QDate(2026, 3, 4);
    auto longer = ReportData::build(db, policy.value(), filter, day3 + 60000);
    REQUIRE(longer.ok());
    auto all = longer.value()->grouped({GroupField::Agent});
    REQUIRE(all.ok());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agents.csv"));
    ExportOptions options;
    options.format = CsvFormat::forLanguage(QStringLiteral("en"));
    options.format.byteOrderMark = false;
    REQUIRE(exportTable(all.value(), path, options).ok());
    const QString csv = QString::fromUtf8(fileBytes(path));
    INFO(csv.toStdString());
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].endsWith(QLatin1String(",guard_overrides")));
    CHECK(lines[1].startsWith(QLatin1String("Luca Bianchi,")));
    CHECK(lines[1].endsWith(QLatin1String(",1")));
    CHECK(lines[2].startsWith(QLatin1String("Marta Verdi,")));
    CHECK(lines[2].endsWith(QLatin1String(",2")));

    // The list a supervisor reads on a desktop alone: newest first, since a time.
    auto listed = readGuardOverrides(db.connection(), 0);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 3);
    CHECK(listed->at(0).agentName == QLatin1String("Luca Bianchi"));
    CHECK(listed->at(0).atMs == day3);
    CHECK(listed->at(0).kinds == QStringList{QStringLiteral("phone")});
    CHECK(listed->at(0).reason == QLatin1String("office number"));
    CHECK(listed->at(0).thread == QLatin1String("t4"));
    auto recent = readGuardOverrides(db.connection(), day3);
    REQUIRE(recent.ok());
    CHECK(recent->size() == 1);
}
