// The loop back from customer care (docs/handoff.md, "Customer care's answer"): a hand-off's
// state reported by the POST's answer, by a status file in the hand-off folder and through the
// API the CLI uses; the order of states; bad reports refused and put aside; the answer as a draft;
// the complaint clock stopped; the report's counts.
#include "catch_compat.h"

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "compose/Drafts.h"
#include "outbox/Handoff.h"
#include "outbox/HandoffStatus.h"
#include "outbox/Outbox.h"
#include "outbox/OutboxDispatcher.h"
#include "queue/QueueQuery.h"
#include "report/ReportData.h"
#include "storage/Sql.h"
#include "timers/Complaints.h"
#include "timers/PolicyStore.h"
#include "triage/TriageService.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>

using namespace sportello;
using namespace sportello::net;
using namespace sportello::accounts;
using namespace sportello::outbox;
using namespace sportello::test;

namespace {

constexpr qint64 kMinuteMs = 60'000;

struct LoopFixture {
    LocalHttpServer server;
    QNetworkAccessManager nam;
    ManualClock clock{utcMs("2024-01-16T10:00:00Z")};
    TempCache cache;
    MemoryTokenStore tokens;
    Agent agent{QStringLiteral("agent-7"), QStringLiteral("Giulia Rossi")};
    OutboxDispatcher dispatcher{*cache.db, &nam, tokens, clock};
    QTemporaryDir folder;

    LoopFixture()
    {
        REQUIRE(server.listening());
        REQUIRE(folder.isValid());
        dispatcher.setAutoSchedule(false);
        dispatcher.setRandomSource([] { return 0.5; });
        dispatcher.setTimeoutMs(3000);
    }

    qint64 threadId(const QString &externalId)
    {
        return scalar(*cache.db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId))
            .toLongLong();
    }

    // A new thread forwarded as `category`; returns its case reference.
    QString forward(const QString &thread, Category category = Category::Complaint,
                    Visibility visibility = Visibility::Public)
    {
        PostRecord p = inboundPost(thread, thread + QStringLiteral("-P1"), clock.nowMs() - 3'600'000,
                                   QStringLiteral("Reclamo: il sinistro 2023/SX/04512 e' fermo da mesi"));
        p.visibility = visibility;
        ingest(*cache.db, {p});
        TriageService triage(*cache.db, clock, agent);
        DecisionRequest request;
        request.threadId = threadId(thread);
        request.kind = DecisionKind::Forward;
        request.text = QStringLiteral("Da richiamare");
        request.category = category;
        auto outcome = triage.decide(request);
        INFO(outcome.error().toStdString());
        REQUIRE(outcome.ok());
        return outcome->caseReference;
    }

    DrainSummary drain()
    {
        QSignalSpy spy(&dispatcher, &OutboxDispatcher::drained);
        dispatcher.drain();
        if (spy.isEmpty())
            REQUIRE(spy.wait(10'000));
        return spy.takeFirst().at(0).value<DrainSummary>();
    }

    // Forwards and delivers into the hand-off folder.
    QString delivered(const QString &thread, Category category = Category::Complaint,
                      Visibility visibility = Visibility::Public)
    {
        REQUIRE(setHandoffFolder(*cache.db, folder.path()).ok());
        const QString reference = forward(thread, category, visibility);
        REQUIRE(drain().delivered == 1);
        return reference;
    }

    Result<HandoffUpdateResult> report(const QString &reference, HandoffState state, const QString &answer = {},
                                       qint64 atMs = 0)
    {
        HandoffUpdate update;
        update.caseReference = reference;
        update.state = state;
        update.answer = answer;
        update.source = HandoffSource::Cli;
        update.atMs = atMs;
        return HandoffLoop(*cache.db, clock).apply(update);
    }

    HandoffStatus status(const QString &reference)
    {
        auto s = HandoffLoop(*cache.db, clock).status(reference);
        INFO(s.error().toStdString());
        REQUIRE(s.ok());
        REQUIRE(s->has_value());
        return **s;
    }

    void drop(const QString &name, const QByteArray &bytes)
    {
        QFile file(QDir(folder.path()).filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.write(bytes) == bytes.size());
    }

    QStringList files(const QString &sub = {})
    {
        return QDir(sub.isEmpty() ? folder.path() : QDir(folder.path()).filePath(sub)).entryList(QDir::Files);
    }

    int historyRows() { return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM handoff_updates")).toInt(); }
    int audited()
    {
        return scalar(*cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff_update'"))
            .toInt();
    }
};

QByteArray statusJson(const QString &reference, const char *status, const QString &answer = {},
                      const char *at = nullptr)
{
    QJsonObject o{{QStringLiteral("format"), QStringLiteral("sportello-handoff-status")},
                  {QStringLiteral("version"), 1},
                  {QStringLiteral("case_reference"), reference},
                  {QStringLiteral("status"), QLatin1String(status)},
                  {QStringLiteral("by"), QStringLiteral("Ufficio reclami")}};
    if (!answer.isEmpty())
        o.insert(QStringLiteral("answer"), answer);
    if (at)
        o.insert(QStringLiteral("at"), QLatin1String(at));
    return QJsonDocument(o).toJson();
}

} // namespace

TEST_CASE("Status files in the hand-off folder move the hand-off to resolved, and are put away", "[handoff][loop]")
{
    LoopFixture f;
    const QString reference = f.delivered(QStringLiteral("T1"));
    const qint64 thread = f.threadId(QStringLiteral("T1"));
    CHECK(f.status(reference).state == HandoffState::Sent);
    QSignalSpy updated(&f.dispatcher, &OutboxDispatcher::handoffUpdated);

    f.drop(reference + QStringLiteral(".status.json"), statusJson(reference, "received"));
    DrainSummary s = f.drain();
    CHECK(s.handoffUpdates == 1);
    CHECK(s.errors.isEmpty());
    CHECK(f.status(reference).state == HandoffState::Received);
    CHECK(f.status(reference).source == HandoffSource::StatusFile);
    CHECK(f.status(reference).reportedBy == QStringLiteral("Ufficio reclami"));
    CHECK(f.files(QStringLiteral("processed")) == QStringList{reference + QStringLiteral(".status.json")});
    CHECK(f.files() == QStringList{reference + QStringLiteral(".json")}); // the packet stays
    REQUIRE(updated.size() == 1);
    CHECK(updated.takeFirst().at(0).toLongLong() == thread);

    // The same name again (care reuses it): the earlier file is not overwritten.
    f.drop(reference + QStringLiteral(".status.json"), statusJson(reference, "in_progress"));
    CHECK(f.drain().handoffUpdates == 1);
    CHECK(f.status(reference).state == HandoffState::InProgress);
    CHECK(f.files(QStringLiteral("processed")).size() == 2);

    // In progress, the thread is still with customer care: the agent cannot decide on it.
    TriageService triage(*f.cache.db, f.clock, f.agent);
    DecisionRequest early;
    early.threadId = thread;
    early.kind = DecisionKind::ReplyPublic;
    early.text = QStringLiteral("Ci siamo quasi");
    CHECK(triage.decide(early).errorKind() == ErrorKind::Conflict);

    const QString answer = QStringLiteral("Gentile cliente, il sinistro e' stato liquidato oggi.");
    f.drop(reference + QStringLiteral(".status.json"),
           statusJson(reference, "resolved", answer, "2024-01-20T15:30:00+01:00"));
    CHECK(f.drain().handoffUpdates == 1);
    const HandoffStatus resolved = f.status(reference);
    CHECK(resolved.state == HandoffState::Resolved);
    CHECK(resolved.resolvedAtMs == utcMs("2024-01-20T14:30:00Z"));
    CHECK(resolved.answer == answer);
    CHECK(resolved.needsAgent);

    // The answer is the thread's draft, not armed on a public thread: the agent chooses.
    auto draft = DraftStore(*f.cache.db).load(thread);
    REQUIRE(draft.ok());
    REQUIRE(draft->has_value());
    CHECK((*draft)->text == answer);
    CHECK_FALSE((*draft)->armed.has_value());

    // The complaint's clock stopped at the resolution, and the complaint left the open list.
    auto clock = complaintClock(*f.cache.db, thread);
    REQUIRE(clock.ok());
    REQUIRE(clock->has_value());
    CHECK((*clock)->resolvedAtMs == utcMs("2024-01-20T14:30:00Z"));
    CHECK((*clock)->resolvedBy == QStringLiteral("Ufficio reclami"));
    auto open = openComplaints(*f.cache.db);
    REQUIRE(open.ok());
    CHECK(open->isEmpty());

    // Every report kept, in order, and audited without the answer's text.
    auto history = HandoffLoop(*f.cache.db, f.clock).history(reference);
    REQUIRE(history.ok());
    REQUIRE(history->size() == 3);
    CHECK(history->at(0).state == HandoffState::Received);
    CHECK(history->at(1).state == HandoffState::InProgress);
    CHECK(history->at(2).state == HandoffState::Resolved);
    CHECK(f.audited() == 3);
    CHECK(scalar(*f.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE '%liquidato%'"))
              .toInt() == 0);

    // Back with the agent: the forwarded thread takes a reply (care's answer), and then it has
    // been seen.
    f.clock.advanceMs(kMinuteMs);
    auto detail = QueueQuery(*f.cache.db).thread(thread);
    REQUIRE(detail.ok());
    CHECK(detail->status == ThreadStatus::Forwarded);
    CHECK(detail->backFromCare);
    DecisionRequest reply;
    reply.threadId = thread;
    reply.kind = DecisionKind::ReplyPublic;
    reply.text = answer;
    auto replied = triage.decide(reply);
    INFO(replied.error().toStdString());
    REQUIRE(replied.ok());
    CHECK_FALSE(f.status(reference).needsAgent);
    CHECK_FALSE(QueueQuery(*f.cache.db).thread(thread)->backFromCare);
    CHECK(QueueQuery(*f.cache.db).thread(thread)->status == ThreadStatus::Answered);
    // Once is enough: the thread is no longer open to decisions.
    CHECK(triage.decide(reply).errorKind() == ErrorKind::Conflict);
}

TEST_CASE("Bad status files are refused with the reason, moved aside and never stop the others", "[handoff][loop]")
{
    LoopFixture f;
    const QString reference = f.delivered(QStringLiteral("T1"));
    const QString other = QStringLiteral("SPT-20240116-ZZZZZZ");

    struct Bad {
        const char *what;
        QString name;
        QByteArray bytes;
        const char *reason;
    };
    QByteArray huge = statusJson(reference, "received");
    huge.insert(1, QByteArray(" \"pad\": \"") + QByteArray(kHandoffStatusFileMaxBytes, 'x') + "\",");
    const QByteArray full = statusJson(reference, "received");
    QJsonObject tooLong{{QStringLiteral("status"), QStringLiteral("resolved")},
                        {QStringLiteral("answer"), QString(kHandoffAnswerMaxChars + 1, QLatin1Char('a'))}};
    const QVector<Bad> bad{
        {"malformed", QStringLiteral("a-malformed"), "status: received", "not valid JSON"},
        {"partial (still being written)", QStringLiteral("b-partial"), full.left(full.size() / 2), "not valid JSON"},
        {"not an object", QStringLiteral("c-array"), "[\"received\"]", "must be a JSON object"},
        {"oversized", QStringLiteral("d-oversized"), huge, "larger than 64 KiB"},
        {"unknown status", QStringLiteral("e-status"), R"({"status":"closed"})", "Unknown status \"closed\""},
        {"no status", QStringLiteral("f-nostatus"), R"({"case_reference":"x"})", "is about x"},
        {"missing status", QStringLiteral("g-missing"), R"({"by":"me"})", "has no \"status\""},
        {"bad time", QStringLiteral("h-time"), R"({"status":"received","at":"20/01/2024"})", "\"at\" must be"},
        {"local time", QStringLiteral("i-local"), R"({"status":"received","at":"2024-01-20T10:00:00"})",
         "\"at\" must be"},
        {"wrong format", QStringLiteral("j-format"), R"({"format":"other","status":"received"})", "\"format\""},
        {"newer version", QStringLiteral("k-version"), R"({"version":2,"status":"received"})", "version 2"},
        {"answer too long", QStringLiteral("l-long"), QJsonDocument(tooLong).toJson(), "at most 8000"},
        {"answer not text", QStringLiteral("m-type"), R"({"status":"resolved","answer":42})", "must be a string"},
    };
    // Each file is named like a case reference; its content is refused before any case is looked up.
    for (const Bad &b : bad)
        f.drop(reference.left(13) + b.name + QStringLiteral(".status.json"), b.bytes);
    // Well formed, but about a case the cache does not know.
    f.drop(other + QStringLiteral(".status.json"), statusJson(other, "received"));
    // A file being staged under a hidden name is not read.
    f.drop(QStringLiteral(".") + reference + QStringLiteral(".status.json"), full.left(10));
    // A good file among them is still recorded.
    f.drop(reference + QStringLiteral(".status.json"), statusJson(reference, "received"));

    const DrainSummary s = f.drain();
    CHECK(s.handoffUpdates == 1);
    CHECK(f.status(reference).state == HandoffState::Received);
    const QStringList rejected = f.files(QStringLiteral("rejected"));
    CHECK(rejected.size() == 2 * (bad.size() + 1)); // each file and its reason
    CHECK(f.files() == QStringList{reference + QStringLiteral(".json")});
    CHECK(QFile::exists(
        QDir(f.folder.path()).filePath(QStringLiteral(".") + reference + QStringLiteral(".status.json"))));
    CHECK(f.historyRows() == 1);

    const QDir rejectedDir(QDir(f.folder.path()).filePath(QStringLiteral("rejected")));
    for (const Bad &b : bad) {
        INFO(b.what);
        const QString name = reference.left(13) + b.name + QStringLiteral(".status.json");
        CHECK(rejected.contains(name)); // not lost
        const QString why = QString::fromUtf8(fileBytes(rejectedDir.filePath(name + QStringLiteral(".error.txt"))));
        CHECK(why.contains(QLatin1String(b.reason)));
        CHECK(s.errors.join(QLatin1Char('\n')).contains(name));
    }
    // The unknown case is named as such.
    const QString why = QString::fromUtf8(
        fileBytes(rejectedDir.filePath(other + QStringLiteral(".status.json") + QStringLiteral(".error.txt"))));
    CHECK(why.contains(QStringLiteral("No hand-off has the case reference SPT-20240116-ZZZZZZ")));

    // A second round finds nothing more to do.
    const DrainSummary again = f.drain();
    CHECK(again.handoffUpdates == 0);
    CHECK(again.errors.isEmpty());
}

TEST_CASE("The answer to the hand-off POST may already carry its state", "[handoff][loop][endpoint]")
{
    LoopFixture f;
    REQUIRE(setHandoffEndpoint(*f.cache.db, f.server.url(QStringLiteral("/care/handoffs")).toString()).ok());

    SECTION("a state in the answer is recorded")
    {
        const QString reference = f.forward(QStringLiteral("T1"));
        f.server.enqueue(QStringLiteral("/care/handoffs"),
                         CannedResponse::json(201, R"({"status":"received","by":"Sportello reclami"})"));
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        CHECK(s.handoffUpdates == 1);
        const HandoffStatus h = f.status(reference);
        CHECK(h.state == HandoffState::Received);
        CHECK(h.source == HandoffSource::Endpoint);
        CHECK(h.reportedBy == QStringLiteral("Sportello reclami"));
        CHECK(h.stateAtMs == f.clock.nowMs());
    }
    SECTION("an acknowledgement without a state leaves it sent")
    {
        const QString reference = f.forward(QStringLiteral("T1"));
        f.server.enqueue(QStringLiteral("/care/handoffs"), CannedResponse::json(201, R"({"received":true})"));
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        CHECK(s.errors.isEmpty());
        CHECK(f.status(reference).state == HandoffState::Sent);
    }
    SECTION("a state that cannot be read is told, and the delivery stands")
    {
        const QString reference = f.forward(QStringLiteral("T1"));
        f.server.enqueue(QStringLiteral("/care/handoffs"), CannedResponse::json(201, R"({"status":"archived"})"));
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        REQUIRE(s.errors.size() == 1);
        CHECK(s.errors.first().contains(reference));
        CHECK(s.errors.first().contains(QStringLiteral("Unknown status \"archived\"")));
        CHECK(f.status(reference).state == HandoffState::Sent);
        CHECK(f.historyRows() == 0);
    }
    SECTION("an answer about another case is refused")
    {
        const QString reference = f.forward(QStringLiteral("T1"));
        f.server.enqueue(QStringLiteral("/care/handoffs"),
                         CannedResponse::json(201, R"({"status":"resolved","case_reference":"SPT-20240116-ZZZZZZ"})"));
        const DrainSummary s = f.drain();
        CHECK(s.delivered == 1);
        REQUIRE(s.errors.size() == 1);
        CHECK(s.errors.first().contains(QStringLiteral("not %1").arg(reference)));
        CHECK(f.status(reference).state == HandoffState::Sent);
    }
}

TEST_CASE("States move forward, a resolved case can be reopened, repeats change nothing", "[handoff][loop]")
{
    LoopFixture f;
    const QString reference = f.delivered(QStringLiteral("T1"));
    const qint64 thread = f.threadId(QStringLiteral("T1"));
    const qint64 deadline = (*complaintClock(*f.cache.db, thread).value()).deadlineAtMs;

    REQUIRE(f.report(reference, HandoffState::InProgress).ok());
    // Late: received after in progress.
    auto late = f.report(reference, HandoffState::Received);
    REQUIRE_FALSE(late.ok());
    CHECK(late.errorKind() == ErrorKind::Conflict);
    CHECK(late.error().contains(QStringLiteral("goes backwards")));
    // The same report twice: nothing recorded the second time.
    auto repeat = f.report(reference, HandoffState::InProgress);
    REQUIRE(repeat.ok());
    CHECK_FALSE(repeat->changed);
    CHECK(f.historyRows() == 1);
    CHECK(f.audited() == 1);

    auto resolved = f.report(reference, HandoffState::Resolved, {}, f.clock.nowMs() + 60 * kMinuteMs);
    REQUIRE(resolved.ok());
    CHECK(resolved->complaintStopped);
    CHECK(resolved->draft == HandoffUpdateResult::Draft::None); // no answer, no draft
    CHECK(f.report(reference, HandoffState::Received).errorKind() == ErrorKind::Conflict);

    // Reopened: the complaint's clock runs again, to the same deadline.
    auto reopened = f.report(reference, HandoffState::InProgress);
    REQUIRE(reopened.ok());
    CHECK(reopened->complaintReopened);
    const ComplaintClock running = *complaintClock(*f.cache.db, thread).value();
    CHECK(running.resolvedAtMs == 0);
    CHECK(running.deadlineAtMs == deadline);
    CHECK(f.status(reference).resolvedAtMs == 0);
    CHECK(f.historyRows() == 3);
}

TEST_CASE("Reports on unknown or undelivered hand-offs are refused", "[handoff][loop]")
{
    LoopFixture f;
    auto unknown = f.report(QStringLiteral("SPT-20240116-ZZZZZZ"), HandoffState::Received);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.errorKind() == ErrorKind::NotFound);
    CHECK(unknown.error().contains(QStringLiteral("No hand-off has the case reference SPT-20240116-ZZZZZZ")));

    // Forwarded with nothing configured: the packet never left.
    const QString reference = f.forward(QStringLiteral("T1"));
    CHECK(f.drain().failed == 1);
    auto undelivered = f.report(reference, HandoffState::Received);
    REQUIRE_FALSE(undelivered.ok());
    CHECK(undelivered.errorKind() == ErrorKind::InvalidInput);
    CHECK(undelivered.error().contains(QStringLiteral("has not been delivered")));
    auto none = HandoffLoop(*f.cache.db, f.clock).status(reference);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    CHECK(f.historyRows() == 0);

    auto tooLong = f.report(reference, HandoffState::Resolved, QString(kHandoffAnswerMaxChars + 1, QLatin1Char('a')));
    CHECK(tooLong.errorKind() == ErrorKind::InvalidInput);
}

TEST_CASE("Care's answer keeps the draft the agent had typed", "[handoff][loop][draft]")
{
    LoopFixture f;
    const QString reference = f.delivered(QStringLiteral("T1"), Category::Assistance, Visibility::Private);
    const qint64 thread = f.threadId(QStringLiteral("T1"));
    const QString typed = QStringLiteral("Buongiorno, stiamo verificando");
    REQUIRE(DraftStore(*f.cache.db).save(thread, typed, DecisionKind::ReplyPublic, f.clock.nowMs()).ok());

    const QString answer = QStringLiteral("La pratica e' chiusa, il rimborso arriva entro 10 giorni.");
    auto resolved = f.report(reference, HandoffState::Resolved, answer);
    REQUIRE(resolved.ok());
    CHECK(resolved->draft == HandoffUpdateResult::Draft::Appended);
    CHECK_FALSE(resolved->complaintStopped); // an assistance request has no regulatory clock
    auto draft = DraftStore(*f.cache.db).load(thread);
    REQUIRE(draft.ok());
    REQUIRE(draft->has_value());
    CHECK((*draft)->text == typed + QStringLiteral("\n\n") + answer);
    CHECK((*draft)->armed == DecisionKind::ReplyPublic); // the agent's choice is theirs

    // The same answer again: not added twice.
    auto repeat = f.report(reference, HandoffState::Resolved, answer);
    REQUIRE(repeat.ok());
    CHECK_FALSE(repeat->changed);
    CHECK((*DraftStore(*f.cache.db).load(thread).value()).text == typed + QStringLiteral("\n\n") + answer);

    // On a private conversation without a draft, the answer is armed as a private reply.
    const QString second = f.delivered(QStringLiteral("T2"), Category::Assistance, Visibility::Private);
    REQUIRE(f.report(second, HandoffState::Resolved, answer).ok());
    const Draft made = *DraftStore(*f.cache.db).load(f.threadId(QStringLiteral("T2"))).value();
    CHECK(made.text == answer);
    CHECK(made.armed == DecisionKind::ReplyPrivate);
}

TEST_CASE("The report counts hand-offs by state and their time to resolution", "[handoff][loop][report]")
{
    LoopFixture f;
    const qint64 t0 = f.clock.nowMs(); // every forward at 10:00Z on 16 January
    const QString sent = f.delivered(QStringLiteral("A"));
    const QString received = f.delivered(QStringLiteral("B"), Category::Assistance);
    const QString fast = f.delivered(QStringLiteral("C"));
    const QString slow = f.delivered(QStringLiteral("D"), Category::Assistance);
    const QString late = f.delivered(QStringLiteral("E"));
    (void)sent;
    REQUIRE(f.report(received, HandoffState::Received).ok());
    REQUIRE(f.report(fast, HandoffState::Resolved, {}, t0 + 60 * kMinuteMs).ok());
    REQUIRE(f.report(slow, HandoffState::Resolved, {}, t0 + 120 * kMinuteMs).ok());
    // Resolved after its 45-day deadline: counted, but not in time.
    REQUIRE(f.report(late, HandoffState::Resolved, {}, t0 + 50LL * 24 * 60 * kMinuteMs).ok());
    // A forward that never reached care is not a hand-off yet.
    REQUIRE(setHandoffFolder(*f.cache.db, QString()).ok());
    f.forward(QStringLiteral("F"));
    CHECK(f.drain().failed == 1);

    auto policy = PolicyStore(*f.cache.db).active();
    REQUIRE(policy.ok());
    ReportFilter filter;
    filter.from = filter.to = QDate(2024, 1, 16);
    auto data = ReportData::build(*f.cache.db, *policy, filter, t0 + 60LL * 24 * 60 * kMinuteMs);
    REQUIRE(data.ok());
    auto table = data.value()->handoffs();
    INFO(table.error().toStdString());
    REQUIRE(table.ok());
    REQUIRE(table->rows.size() == 4);
    const auto row = [&](int r, const char *column) {
        return table->rows.at(r).at(table->column(QLatin1String(column)));
    };
    CHECK(row(0, "state").toString() == QStringLiteral("sent"));
    CHECK(row(0, "handoffs").toLongLong() == 1);
    CHECK(row(0, "complaints").toLongLong() == 1);
    CHECK(row(0, "mean_resolution_min").isNull());
    CHECK(row(1, "state").toString() == QStringLiteral("received"));
    CHECK(row(1, "handoffs").toLongLong() == 1);
    CHECK(row(1, "complaints").toLongLong() == 0);
    CHECK(row(2, "state").toString() == QStringLiteral("in_progress"));
    CHECK(row(2, "handoffs").toLongLong() == 0);
    CHECK(row(3, "state").toString() == QStringLiteral("resolved"));
    CHECK(row(3, "handoffs").toLongLong() == 3);
    CHECK(row(3, "complaints").toLongLong() == 2);
    CHECK(row(3, "complaints_resolved_in_time").toLongLong() == 1);
    // 60, 120 and 72,000 minutes: the mean 24,060, the median 120.
    CHECK(row(3, "mean_resolution_min").toDouble() == Approx(24'060.0));
    CHECK(row(3, "median_resolution_min").toDouble() == Approx(120.0));

    // The report's filter applies: only assistance requests.
    filter.category = QStringLiteral("assistance");
    auto assistance = ReportData::build(*f.cache.db, *policy, filter, t0);
    REQUIRE(assistance.ok());
    auto byState = assistance.value()->handoffs();
    REQUIRE(byState.ok());
    CHECK(byState->rows.at(1).at(1).toLongLong() == 1);
    CHECK(byState->rows.at(3).at(1).toLongLong() == 1);
    CHECK(byState->rows.at(3).at(byState->column(QStringLiteral("median_resolution_min"))).toDouble() == Approx(120.0));
    // Another day: nothing.
    filter.category.clear();
    filter.from = filter.to = QDate(2024, 1, 17);
    auto nextDay = ReportData::build(*f.cache.db, *policy, filter, t0);
    REQUIRE(nextDay.ok());
    auto empty = nextDay.value()->handoffs();
    REQUIRE(empty.ok());
    for (const auto &r : empty->rows)
        CHECK(r.at(1).toLongLong() == 0);
}
