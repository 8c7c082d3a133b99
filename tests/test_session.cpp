// ConsoleSession without widgets: one open cache and what lives with it, as the console uses it.
#include "DamagedCache.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "accounts/TokenStore.h"
#include "cache/OpenCache.h"
#include "common/Clock.h"
#include "net/NetworkStatus.h"
#include "report/MeasureStore.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "timers/PolicyStore.h"
#include "timers/TimerNotifications.h"
#include "timers/TimerWatch.h"

#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>

using namespace sportello;
using namespace sportello::test;

namespace {

const Agent kAgent{QStringLiteral("agent-7"), QStringLiteral("Marta Verdi")};
const qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z, a Monday

qint64 threadId(Database &db, const char *externalId)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(externalId)))
        .toLongLong();
}

// A session over a fresh cache with two waiting threads, and what the application would inject.
struct SessionFixture {
    ManualClock clock{kStart + 20 * 60000};
    accounts::MemoryTokenStore tokens;
    net::NetworkStatus network;
    TempCache cache;
    std::unique_ptr<ConsoleSession> session;

    SessionFixture()
    {
        ingest(*cache.db, {inboundPost(QStringLiteral("a"), QStringLiteral("a1"), kStart),
                           inboundPost(QStringLiteral("b"), QStringLiteral("b1"), kStart + 60000)});
        session = std::make_unique<ConsoleSession>(std::move(cache.db), environment(), kAgent);
        REQUIRE(session->open().ok());
    }
    SessionEnvironment environment()
    {
        SessionEnvironment e;
        e.clock = &clock;
        e.tokens = &tokens;
        e.networkStatus = &network;
        return e;
    }
    Database &db() { return session->database(); }
    DecisionRequest reply(const char *thread)
    {
        DecisionRequest request;
        request.threadId = threadId(db(), thread);
        request.kind = DecisionKind::ReplyPrivate;
        request.text = QStringLiteral("Ci scusiamo, le scriviamo in privato per verificare la pratica.");
        request.category = Category::Assistance;
        return request;
    }
};

} // namespace

TEST_CASE("a session decides through its cache, and the counts follow", "[session]")
{
    SessionFixture f;
    QSignalSpy counts(f.session.get(), &ConsoleSession::countsChanged);
    REQUIRE(f.session->recount().ok());
    REQUIRE(counts.size() == 1);
    CHECK(f.session->counts().waiting == 2);

    const DecisionRequest request = f.reply("a");
    auto outcome = f.session->decide(request);
    INFO(outcome.error().toStdString());
    REQUIRE(outcome.ok());
    CHECK_FALSE(outcome->outboxId.isEmpty());
    CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM decisions WHERE thread_id = %1").arg(request.threadId))
              .toInt() == 1);
    // Nothing proved the network there: the entry is checked again before delivery.
    CHECK(scalar(f.db(), QStringLiteral("SELECT decided_offline FROM outbox WHERE id = '%1'").arg(outcome->outboxId))
              .toInt() == 1);
    auto outbox = f.session->outboxCounts();
    REQUIRE(outbox.ok());
    CHECK(outbox->waiting == 1);
    CHECK(outbox->needAgent == 0);

    REQUIRE(f.session->recount().ok());
    CHECK(counts.size() == 2);
    CHECK(counts.last().first().value<QueueCounts>().waiting == 1);

    // An answer lately: the network is known to be there, and the decision is not marked offline.
    f.network.reportSuccess();
    auto online = f.session->decide(f.reply("b"));
    REQUIRE(online.ok());
    CHECK(scalar(f.db(), QStringLiteral("SELECT decided_offline FROM outbox WHERE id = '%1'").arg(online->outboxId))
              .toInt() == 0);
}

TEST_CASE("a decision the core refuses comes back as an error and writes nothing", "[session]")
{
    SessionFixture f;
    DecisionRequest close;
    close.threadId = threadId(f.db(), "a");
    close.kind = DecisionKind::Close; // without the reason a close requires
    auto refused = f.session->decide(close);
    CHECK_FALSE(refused.ok());
    CHECK_FALSE(refused.error().isEmpty());
    CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM outbox")).toInt() == 0);
}

TEST_CASE("the session owns the guard configuration and says when the stored one changed", "[session][guard]")
{
    SessionFixture f;
    QSignalSpy changed(f.session.get(), &ConsoleSession::guardConfigurationChanged);
    CHECK(f.session->guardConfiguration() == GuardConfig::defaults());
    REQUIRE(f.session->reloadGuardConfiguration().ok());
    CHECK(changed.isEmpty()); // nothing changed: nothing said

    // The CLI or a colleague stores another configuration in the cache.
    GuardConfig stored = GuardConfig::defaults();
    stored.ownDomains << QStringLiteral("assicuraserena.it");
    REQUIRE(GuardConfig::save(f.db().connection(), stored).ok());
    REQUIRE(f.session->reloadGuardConfiguration().ok());
    REQUIRE(changed.size() == 1);
    CHECK(changed.first().first().value<GuardConfig>() == stored);
    CHECK(f.session->guardConfiguration() == stored);
    REQUIRE(f.session->reloadGuardConfiguration().ok());
    CHECK(changed.size() == 1);

    // A new session over the same cache starts from the stored configuration.
    const QString path = f.session->path();
    f.session.reset();
    auto reopened = openCache(path);
    REQUIRE(reopened.ok());
    ConsoleSession again(std::move(reopened).value(), f.environment(), kAgent);
    REQUIRE(again.open().ok());
    CHECK(again.guardConfiguration() == stored);
}

TEST_CASE("replacing a session closes its cache and removes the folder it kept", "[session]")
{
    SessionFixture f;
    const QString connection = f.db().connection().connectionName();
    REQUIRE(QSqlDatabase::contains(connection));
    auto folder = std::make_unique<QTemporaryDir>();
    REQUIRE(folder->isValid());
    const QString folderPath = folder->path();
    f.session->keepFolder(std::move(folder));
    REQUIRE(f.session->backgroundSync() != nullptr);

    f.session.reset();
    CHECK_FALSE(QSqlDatabase::contains(connection));
    CHECK_FALSE(QDir(folderPath).exists());
}

TEST_CASE("drafts are kept per thread, and a sync without accounts starts nothing", "[session]")
{
    SessionFixture f;
    const qint64 a = threadId(f.db(), "a");
    REQUIRE(f.session->saveDraft(a, QStringLiteral("Buongiorno"), DecisionKind::ReplyPublic).ok());
    auto draft = f.session->loadDraft(a);
    REQUIRE(draft.ok());
    REQUIRE(draft->has_value());
    CHECK(draft->value().text == QLatin1String("Buongiorno"));
    CHECK(draft->value().armed == DecisionKind::ReplyPublic);
    auto none = f.session->loadDraft(threadId(f.db(), "b"));
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());

    QSignalSpy started(f.session.get(), &ConsoleSession::syncStarted);
    auto sync = f.session->syncNow(true);
    REQUIRE(sync.ok());
    CHECK(*sync == ConsoleSession::SyncStart::NoAccounts);
    CHECK(started.isEmpty());
    CHECK_FALSE(f.session->isSyncing());
}

TEST_CASE("the session watches the response timers: each crossing reported once, the watch re-armed after a "
          "decision and a category change",
          "[session][timers]")
{
    SessionFixture f;
    TimerWatch &watch = f.session->timerWatch();
    int reports = 0;
    int crossedThreads = 0;
    QObject::connect(&watch, &TimerWatch::crossed,
                     [&](const QVector<TimerCrossing> &, int overdue, int dueSoon, qint64) {
                         ++reports;
                         crossedThreads += overdue + dueSoon;
                     });
    // Opened, the watch sleeps until the first thread's next change.
    REQUIRE(watch.isArmed());
    const qint64 first = watch.nextChangeMs();
    REQUIRE(first > f.clock.nowMs());

    // The moment passes: one report; looking again at the same moment reports nothing new.
    f.clock.setNowMs(first);
    watch.poll(f.clock.nowMs());
    CHECK(reports == 1);
    CHECK(crossedThreads >= 1);
    watch.poll(f.clock.nowMs());
    watch.rescan();
    CHECK(reports == 1);

    // The next change is b's; b answered, the session re-arms the watch for a's next one itself.
    const qint64 before = watch.nextChangeMs();
    REQUIRE(f.session->decide(f.reply("b")).ok());
    auto expected = TimerNotifications(f.db()).nextStateChangeAfter(f.clock.nowMs());
    REQUIRE(expected.ok());
    CHECK(watch.nextChangeMs() == *expected);
    CHECK(watch.nextChangeMs() != before);

    // Hours later, before any tick, a category change: the session looks again without being
    // asked, and a's crossing into overdue is reported.
    const int reportsBefore = reports;
    f.clock.advanceMs(6LL * 3600 * 1000);
    REQUIRE(f.session->setCategory(threadId(f.db(), "a"), Category::Complaint).ok());
    CHECK(reports == reportsBefore + 1);
}

TEST_CASE("a damaged cache opens read-only in the console session: nothing is decided, imported, synced or saved",
          "[session][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString sound = dir.filePath(QStringLiteral("sound.sqlite"));
    writeSoundCache(sound);
    const QByteArray original = fileBytes(sound);
    const QString importFileName =
        QDir::cleanPath(testDataDir() + QStringLiteral("/../../resources/demo/demo_threads.jsonl"));
    ManualClock clock{kStart};
    accounts::MemoryTokenStore tokens;
    net::NetworkStatus network;
    SessionEnvironment environment;
    environment.clock = &clock;
    environment.tokens = &tokens;
    environment.networkStatus = &network;
    for (const auto &[offset, value] : headerDamages(original)) {
        if (offset < 32)
            continue; // the freelist's fields: every table stays readable
        INFO("offset " << offset << " value " << int(value));
        const QString path = dir.filePath(QStringLiteral("damaged-%1-%2.sqlite").arg(offset).arg(value));
        const QByteArray damaged = withByte(original, offset, value);
        writeBytes(path, damaged);
        {
            Database::Options options;
            options.readOnlyIfDamaged = true;
            auto opened = openCache(path, options);
            REQUIRE(opened.ok());
            ConsoleSession session(std::move(opened).value(), environment, kAgent);
            session.open().ok(); // the guard configuration is read; a failure is not the point here
            CHECK(session.isReadOnly());
            CHECK(session.readOnlyMessage().contains(QLatin1String("read-only")));
            CHECK(session.readOnlyMessage().contains(QLatin1String("alvage")));
            CHECK(session.outboxDispatcher() == nullptr);
            CHECK(session.backgroundSync() == nullptr);
            const qint64 thread =
                scalar(session.database(), QStringLiteral("SELECT min(id) FROM threads")).toLongLong();
            REQUIRE(session.threadCount().ok());
            CHECK(*session.threadCount() == 3);
            DecisionRequest request;
            request.threadId = thread;
            request.kind = DecisionKind::Close;
            request.closeReason = CloseReason::Spam;
            auto decided = session.decide(request);
            CHECK_FALSE(decided.ok());
            CHECK(decided.errorKind() == ErrorKind::Corrupt);
            CHECK_FALSE(session.saveDraft(thread, QStringLiteral("bozza"), std::nullopt).ok());
            CHECK_FALSE(session.setCategory(thread, Category::Complaint).ok());
            CHECK_FALSE(session.importFile(importFileName, ImportOptions{}).ok);
            CHECK_FALSE(session.syncNow(true).ok());
        }
        CHECK(fileBytes(path) == damaged);
    }
}

TEST_CASE("a corruption met during work turns the session read-only at that moment", "[session][damaged]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    writeSoundCache(path);
    // The table a decision writes first is wrecked; the header and the schema are sound, so the
    // open-time check lets the cache in.
    wreckTable(path, QStringLiteral("decisions"));
    ManualClock clock{kStart};
    accounts::MemoryTokenStore tokens;
    net::NetworkStatus network;
    SessionEnvironment environment;
    environment.clock = &clock;
    environment.tokens = &tokens;
    environment.networkStatus = &network;
    Database::Options options;
    options.readOnlyIfDamaged = true;
    auto opened = openCache(path, options);
    REQUIRE(opened.ok());
    ConsoleSession session(std::move(opened).value(), environment, kAgent);
    REQUIRE(session.open().ok());
    REQUIRE_FALSE(session.isReadOnly());
    QSignalSpy switched(&session, &ConsoleSession::switchedReadOnly);
    const qint64 thread = scalar(session.database(), QStringLiteral("SELECT min(id) FROM threads")).toLongLong();
    DecisionRequest request;
    request.threadId = thread;
    request.kind = DecisionKind::ReplyPrivate;
    request.text = QStringLiteral("Ci scusiamo, le scriviamo in privato per verificare la pratica.");
    request.category = Category::Assistance;
    auto decided = session.decide(request);
    INFO(decided.error().toStdString());
    REQUIRE_FALSE(decided.ok());
    CHECK(decided.errorKind() == ErrorKind::Corrupt);
    CHECK(session.isReadOnly());
    CHECK(switched.size() == 1);
    CHECK(session.outboxDispatcher() == nullptr);
    const QByteArray after = fileBytes(path);
    CHECK_FALSE(session.saveDraft(thread, QStringLiteral("bozza"), std::nullopt).ok());
    CHECK_FALSE(session.setCategory(thread, Category::Complaint).ok());
    CHECK_FALSE(session.syncNow(true).ok());
    CHECK(fileBytes(path) == after);
    CHECK(switched.size() == 1);
}

TEST_CASE("a change of policy recomputes the reports' stored figures in the background, and the session's end "
          "stops it",
          "[session][report]")
{
    SessionFixture f;
    REQUIRE(f.session->decide(f.reply("a")).ok());
    auto before = PolicyStore(f.db()).active();
    REQUIRE(before.ok());
    REQUIRE(refreshPostMeasures(f.db(), before.value()).ok());
    REQUIRE(staleMeasureThreads(f.db(), before.value()).value() == 0);

    REQUIRE(PolicyStore(f.db()).activate(QStringLiteral("selective"), f.clock.nowMs()).ok());
    auto after = PolicyStore(f.db()).active();
    REQUIRE(after.ok());
    REQUIRE(staleMeasureThreads(f.db(), after.value()).value() == 2); // every conversation

    QSignalSpy done(f.session.get(), &ConsoleSession::reportFiguresRecomputed);
    f.session->recomputeReportFigures();
    REQUIRE(f.session->recomputingReportFigures());
    REQUIRE(done.wait(60000));
    CHECK(done.first().first().toString().isEmpty());
    CHECK_FALSE(f.session->recomputingReportFigures());
    CHECK(staleMeasureThreads(f.db(), after.value()).value() == 0);
    CHECK(scalar(f.db(), QStringLiteral("SELECT count(*) FROM post_measures")).toInt() == 2);

    // Back to the first policy, and the session ends at once: the work stops with it, nothing waits.
    REQUIRE(PolicyStore(f.db()).activate(before->name, f.clock.nowMs()).ok());
    f.session->recomputeReportFigures();
    f.session.reset();
}
