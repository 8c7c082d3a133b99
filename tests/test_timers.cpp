// Response policies, stored timers, states, the working shown to agents, and the regulatory
// clock, with an injected clock and posts placed around office hours in Europe/Rome.
#include "TestSupport.h"
#include "cache/OpenCache.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "common/LocaleText.h"
#include "queue/QueueQuery.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/Complaints.h"
#include "timers/PolicyStore.h"
#include "timers/ResponseTimers.h"
#include "timers/TimerState.h"
#include "timers/WaitingPosts.h"
#include "triage/TriageService.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace sportello;
using namespace sportello::test;

namespace {

const QTimeZone kRome("Europe/Rome");
constexpr qint64 kMinute = 60 * 1000;
const Agent kAgent{QStringLiteral("agent-1"), QStringLiteral("Luca Neri")};

qint64 rome(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), kRome).toMSecsSinceEpoch();
}

qint64 postValue(Database &db, const char *column, const char *externalId)
{
    return scalar(db, QStringLiteral("SELECT %1 FROM posts WHERE external_id = '%2'")
                          .arg(QLatin1String(column), QLatin1String(externalId)))
        .toLongLong();
}

PostRecord categorised(const char *thread, const char *id, qint64 at, Category category,
                       Channel channel = Channel::Facebook)
{
    auto p = inboundPost(QString::fromLatin1(thread), QString::fromLatin1(id), at, QStringLiteral("testo"), channel);
    p.category = category;
    return p;
}

} // namespace

TEST_CASE("the presets follow the Cetif figures", "[policy]")
{
    const auto systematic = ResponsePolicy::systematic();
    REQUIRE(systematic.validate().ok());
    CHECK(systematic.targetFor(Category::NonNegative, Channel::X).minutes == 60);
    CHECK(systematic.targetFor(Category::Complaint, Channel::X).minutes == 120);
    CHECK(systematic.targetFor(Category::Assistance, Channel::InApp).minutes == 120);
    CHECK(systematic.targetFor(Category::Assistance, Channel::InApp).businessTime);
    CHECK(systematic.closeWithoutReplyIsHandled.isEmpty());

    const auto selective = ResponsePolicy::selective();
    REQUIRE(selective.validate().ok());
    CHECK(selective.targetFor(Category::NonNegative, Channel::Facebook).minutes == 24 * 60);
    CHECK_FALSE(selective.targetFor(Category::NonNegative, Channel::Facebook).businessTime);
    CHECK(selective.targetFor(Category::Complaint, Channel::Facebook).minutes == 120);
    CHECK(selective.dueSoonFraction == 0.25);
    // An uncategorised post gets the strictest target.
    CHECK(selective.targetFor(std::nullopt, Channel::X).minutes == 120);
}

TEST_CASE("a policy whose time zone is empty or not a name is refused, never taken for UTC", "[policy]")
{
    const QByteArray text = QJsonDocument(ResponsePolicy::selective().toJson()).toJson();
    REQUIRE(text.contains("\"time_zone\": \"Europe/Rome\""));
    for (const char *value : {"\"\"", "\"   \"", "null", "0", "true", "[]", "{}"}) {
        INFO(value);
        QByteArray broken = text;
        broken.replace("\"Europe/Rome\"", value);
        auto parsed = ResponsePolicy::fromJsonText(broken);
        CHECK_FALSE(parsed.ok());
        INFO(parsed.error().toStdString());
        CHECK(parsed.error().contains(QLatin1String("time_zone")));
    }
    // Left out, the calendar is Rome's.
    QJsonObject json = ResponsePolicy::selective().toJson();
    QJsonObject calendar = json.value(QStringLiteral("calendar")).toObject();
    REQUIRE(calendar.contains(QStringLiteral("time_zone")));
    calendar.remove(QStringLiteral("time_zone"));
    json.insert(QStringLiteral("calendar"), calendar);
    auto defaulted = ResponsePolicy::fromJsonText(QJsonDocument(json).toJson());
    INFO(defaulted.error().toStdString());
    REQUIRE(defaulted.ok());
    CHECK(defaulted->calendar.timeZone().id() == QByteArray("Europe/Rome"));
}

// Found by fuzz/fuzz_json_imports (UBSan): minutes beyond qint64 were converted before the check.
TEST_CASE("a policy whose target minutes are beyond any integer is refused, naming the range", "[policy]")
{
    const QByteArray text = QJsonDocument(ResponsePolicy::selective().toJson()).toJson(QJsonDocument::Compact);
    REQUIRE(text.contains("\"minutes\":120"));
    for (const char *value : {"1e300", "-1e300", "9223372036854775808", "1e19", "525601"}) {
        INFO(value);
        QByteArray broken = text;
        broken.replace("\"minutes\":120", QByteArray("\"minutes\":") + value);
        auto parsed = ResponsePolicy::fromJsonText(broken);
        REQUIRE_FALSE(parsed.ok());
        INFO(parsed.error().toStdString());
        CHECK(parsed.error().contains(QLatin1String("between 1 and 525600")));
    }
}

TEST_CASE("a policy survives its JSON form, and malformed policies are refused with the reason", "[policy]")
{
    auto policy = ResponsePolicy::selective();
    policy.name = QStringLiteral("acme-care");
    policy.targets.push_back({Category::Complaint, Channel::X, 30, true});
    policy.calendar.setPeriods(3, {{QTime(9, 0), QTime(13, 0)}, {QTime(14, 0), QTime(18, 0)}});
    policy.calendar.setExtraHolidays({QDate(2026, 8, 14)});
    const QByteArray text = QJsonDocument(policy.toJson()).toJson();
    auto back = ResponsePolicy::fromJsonText(text);
    INFO(back.error().toStdString());
    REQUIRE(back.ok());
    CHECK(back.value() == policy);
    CHECK(back->targetFor(Category::Complaint, Channel::X).minutes == 30);
    CHECK(back->targetFor(Category::Complaint, Channel::Facebook).minutes == 120);

    const auto refused = [&](const char *from, const char *to, const char *reason) {
        INFO(from);
        QByteArray broken = text;
        broken.replace(from, to);
        REQUIRE(broken != text);
        auto parsed = ResponsePolicy::fromJsonText(broken);
        CHECK_FALSE(parsed.ok());
        INFO(parsed.error().toStdString());
        CHECK(parsed.error().contains(QString::fromLatin1(reason)));
    };
    refused("\"minutes\": 30", "\"minutes\": -5", "minutes");
    refused("\"minutes\": 30", "\"minutes\": \"soon\"", "minutes");
    refused("\"clock\": \"calendar\"", "\"clock\": \"lunar\"", "clock");
    refused("Europe/Rome", "Europe/Atlantis", "time zone");
    refused("\"13:00\"", "\"25:00\"", "period");
    refused("\"14:00\"", "\"12:00\"", "overlap");
    refused("\"channel\": \"x\"", "\"channel\": \"fax\"", "channel");
    refused("\"name\": \"acme-care\"", "\"name\": \"Acme Care!\"", "name");
    refused("sportello-policy", "something-else", "format");
    refused("2026-08-14", "2026-02-30", "holidays");
    CHECK_FALSE(ResponsePolicy::fromJsonText("{not json").ok());
    CHECK_FALSE(ResponsePolicy::fromJsonText("[1, 2]").ok());
    // A category left without a target on all channels.
    auto missing = policy;
    missing.targets.removeIf([](const ResponseTarget &t) { return t.category == Category::Assistance; });
    CHECK_FALSE(missing.validate().ok());
}

TEST_CASE("stored due times follow the policy and the business calendar", "[timers]")
{
    TempCache cache;
    Database &db = *cache.db;
    ingest(db, {
                   // Friday 17:40: 20 minutes before closing, 100 on Monday from 09:00.
                   categorised("fri", "fri-1", rome(2026, 3, 6, 17, 40), Category::Complaint),
                   // Before, during and after hours on a Tuesday.
                   categorised("early", "early-1", rome(2026, 3, 3, 7, 30), Category::NonNegative),
                   categorised("during", "during-1", rome(2026, 3, 3, 10, 15), Category::NonNegative),
                   categorised("late", "late-1", rome(2026, 3, 3, 19, 0), Category::Assistance),
                   // Easter Monday 2026 is a holiday: the clock starts on Tuesday.
                   categorised("easter", "easter-1", rome(2026, 4, 6, 11, 0), Category::NonNegative),
                   // Across the spring change (Friday UTC+1, Monday UTC+2).
                   categorised("dst", "dst-1", rome(2026, 3, 27, 17, 30), Category::NonNegative),
               });
    CHECK(postValue(db, "due_at", "fri-1") == rome(2026, 3, 9, 10, 40));
    CHECK(postValue(db, "target_ms", "fri-1") == 120 * kMinute);
    CHECK(postValue(db, "due_soon_at", "fri-1") == rome(2026, 3, 9, 10, 10)); // 90 of 120 minutes counted
    CHECK(postValue(db, "due_at", "early-1") == rome(2026, 3, 3, 10, 0));
    CHECK(postValue(db, "due_at", "during-1") == rome(2026, 3, 3, 11, 15));
    CHECK(postValue(db, "due_at", "late-1") == rome(2026, 3, 4, 11, 0));
    CHECK(postValue(db, "due_at", "easter-1") == rome(2026, 4, 7, 10, 0));
    CHECK(postValue(db, "due_at", "dst-1") == rome(2026, 3, 30, 9, 30));
    CHECK(postValue(db, "business_clock", "dst-1") == 1);

    SECTION("they survive a restart unchanged")
    {
        const QString path = db.path();
        const qint64 before = postValue(db, "due_at", "fri-1");
        cache.db.reset();
        auto reopened = openCache(path);
        REQUIRE(reopened.ok());
        CHECK(postValue(*reopened.value(), "due_at", "fri-1") == before);
        CHECK(scalar(*reopened.value(), QStringLiteral("SELECT due_at FROM threads WHERE external_id = 'fri'"))
                  .toLongLong() == before);
    }
    SECTION("a policy change recomputes every waiting post, not the answered ones")
    {
        ingest(db, {categorised("done", "done-1", rome(2026, 3, 3, 10, 0), Category::NonNegative),
                    outboundPost(QStringLiteral("done"), QStringLiteral("done-2"), rome(2026, 3, 3, 10, 20))});
        const qint64 answeredDue = postValue(db, "due_at", "done-1");
        PolicyStore store(db);
        REQUIRE(store.activate(QStringLiteral("selective"), 0).ok());
        CHECK(store.activeName().value() == QLatin1String("selective"));
        // Non-negative: 24 calendar hours.
        CHECK(postValue(db, "due_at", "during-1") == rome(2026, 3, 3, 10, 15) + 24 * 60 * kMinute);
        CHECK(postValue(db, "business_clock", "during-1") == 0);
        CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE external_id = 'during'")).toLongLong() ==
              rome(2026, 3, 4, 10, 15));
        CHECK(postValue(db, "due_at", "fri-1") == rome(2026, 3, 9, 10, 40)); // complaints unchanged
        CHECK(postValue(db, "due_at", "done-1") == answeredDue);
        // A calendar edit: Fridays close at 17:00 now.
        auto policy = store.active().value();
        policy.calendar.setPeriods(5, {{QTime(9, 0), QTime(17, 0)}});
        REQUIRE(store.saveAndActivate(policy, 0).ok());
        CHECK(postValue(db, "due_at", "fri-1") == rome(2026, 3, 9, 11, 0));
        // New posts take the new policy as they arrive.
        ingest(db, {categorised("new", "new-1", rome(2026, 3, 10, 10, 0), Category::NonNegative)});
        CHECK(postValue(db, "due_at", "new-1") == rome(2026, 3, 11, 10, 0));
    }
    SECTION("an agent's category change recomputes the waiting posts' targets")
    {
        ManualClock clock(rome(2026, 3, 3, 10, 20));
        TriageService triage(db, clock, kAgent);
        const qint64 thread =
            scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'during'")).toLongLong();
        REQUIRE(triage.setCategory(thread, Category::Complaint).ok());
        CHECK(postValue(db, "due_at", "during-1") == rome(2026, 3, 3, 12, 15));
        CHECK(
            scalar(db, QStringLiteral("SELECT category_source FROM posts WHERE external_id = 'during-1'")).toString() ==
            QLatin1String("agent"));
        CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE id = %1").arg(thread)).toLongLong() ==
              rome(2026, 3, 3, 12, 15));
    }
}

namespace {

// The stored timers a policy change decides, one text line per row, to compare whole tables.
QStringList rows(Database &db, const QString &statement)
{
    QSqlQuery query(db.connection());
    REQUIRE(query.exec(statement));
    QStringList lines;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.record().count(); ++i)
            cells << (query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
        lines << cells.join(QLatin1Char('|'));
    }
    return lines;
}

QStringList threadTimers(Database &db)
{
    return rows(db, QStringLiteral("SELECT id, status, waiting_post_id, waiting_since, timer_post_id, due_at, "
                                   "due_soon_at FROM threads ORDER BY id"));
}

QStringList queueBuckets(Database &db)
{
    return rows(db, QStringLiteral("SELECT kind, hour, n FROM queue_buckets ORDER BY kind, hour"));
}

QStringList postTimers(Database &db, bool waiting)
{
    return rows(db, QStringLiteral("SELECT id, target_ms, due_at, due_soon_at, business_clock FROM posts "
                                   "WHERE direction = 'inbound' AND answered_at IS %1 NULL ORDER BY id")
                        .arg(waiting ? QString() : QStringLiteral("NOT")));
}

} // namespace

TEST_CASE("a policy change leaves the timers a full recompute gives, on random threads", "[timers][policy]")
{
    TempCache cache;
    Database &db = *cache.db;
    QRandomGenerator random(16);
    const Channel channels[] = {Channel::Facebook, Channel::X, Channel::AppStore, Channel::Instagram};
    const std::optional<Category> categories[] = {Category::NonNegative, Category::Complaint, Category::Assistance,
                                                  std::nullopt};
    // Around both changes of the clocks in Rome (29 March, 25 October 2026), at any hour.
    const qint64 starts[] = {rome(2026, 3, 26, 0, 0), rome(2026, 10, 22, 0, 0)};
    constexpr int kThreads = 120;
    QVector<PostRecord> posts;
    QVector<qint64> lastArrival(kThreads);
    QVector<Channel> threadChannel(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        const QString thread = QStringLiteral("t%1").arg(t);
        const Channel channel = threadChannel[t] = channels[random.bounded(4)];
        qint64 at = starts[t % 2] + random.bounded(6 * 24 * 60) * kMinute;
        const int count = 1 + random.bounded(4);
        for (int n = 0; n < count; ++n) {
            auto p = inboundPost(thread, QStringLiteral("%1-%2").arg(thread).arg(n), at, QStringLiteral("testo"),
                                 channel);
            p.category = categories[random.bounded(3)];
            if (random.bounded(6) == 0)
                p.category = std::nullopt; // the classifier gives one
            posts << p;
            // Some threads have answered posts before the waiting ones.
            if (n == 0 && count > 1 && random.bounded(3) == 0)
                posts << outboundPost(thread, thread + QStringLiteral("-out"), at + 20 * kMinute,
                                      QStringLiteral("Risposta"), channel);
            at += (30 + random.bounded(20 * 60)) * kMinute;
        }
        lastArrival[t] = at;
    }
    ingest(db, posts);
    const auto threadId = [&](int t) {
        return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't%1'").arg(t)).toLongLong();
    };
    // Decisions: answered threads, a public reply still awaiting a supervisor (it answers nothing)
    // and one approved later (it answers at the approval).
    for (int t = 0; t < kThreads; t += 7) {
        ManualClock clock(lastArrival[t]);
        TriageService triage(db, clock, kAgent);
        REQUIRE(triage.decide({threadId(t), DecisionKind::ReplyPublic, QStringLiteral("Eccoci"), {}, {}}).ok());
    }
    const auto review = [&](int t, const char *state, qint64 reviewedAt) {
        REQUIRE(sql::exec(db.connection(),
                          QStringLiteral("UPDATE outbox SET state = '%1', reviewed_at = %2 WHERE decision_id IN "
                                         "(SELECT id FROM decisions WHERE thread_id = %3)")
                              .arg(QLatin1String(state), reviewedAt ? QString::number(reviewedAt) : QStringLiteral("NULL"))
                              .arg(threadId(t)))
                    .ok());
        Transaction transaction(db.connection());
        REQUIRE(recomputeThreads(db.connection(), {threadId(t)}).ok());
        REQUIRE(transaction.commit().ok());
    };
    review(7, "awaiting_approval", 0);
    review(14, "pending", lastArrival[14] + 3 * 60 * kMinute);
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(threadId(7))).toString() ==
          QLatin1String("waiting"));
    // New posts after some of the decisions: waiting again, with answered posts before.
    QVector<PostRecord> later;
    for (int t = 0; t < kThreads; t += 14) {
        const QString thread = QStringLiteral("t%1").arg(t);
        later << inboundPost(thread, thread + QStringLiteral("-again"), lastArrival[t] + 4 * 60 * kMinute,
                             QStringLiteral("ancora"), threadChannel[t]);
    }
    ingest(db, later);

    // The data holds what the test is about.
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM (SELECT thread_id FROM posts WHERE direction = 'inbound' "
                                    "AND answered_at IS NULL GROUP BY thread_id HAVING count(*) > 1)"))
              .toInt() > 20);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE direction = 'inbound' AND answered_at IS NOT NULL"))
              .toInt() > 10);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt() > 90);

    // Calendar against business time, per-channel targets, a shorter week and another due-soon share.
    auto custom = ResponsePolicy::systematic();
    custom.name = QStringLiteral("custom");
    custom.dueSoonFraction = 0.4;
    custom.targets = {{Category::NonNegative, std::nullopt, 90, true},
                      {Category::NonNegative, Channel::X, 6 * 60, false},
                      {Category::Complaint, std::nullopt, 240, true},
                      {Category::Complaint, Channel::AppStore, 30, true},
                      {Category::Assistance, std::nullopt, 45, false}};
    custom.calendar.setPeriods(5, {{QTime(9, 0), QTime(13, 0)}});
    custom.calendar.setPeriods(6, {{QTime(10, 0), QTime(12, 0)}});
    auto allDay = custom;
    allDay.name = QStringLiteral("all-day");
    allDay.calendar = BusinessCalendar::alwaysOpen(kRome);

    PolicyStore store(db);
    int movedTimers = 0;
    const auto changeTo = [&](const ResponsePolicy &policy) {
        INFO(policy.name.toStdString());
        const QStringList threadsBefore = threadTimers(db);
        const QStringList waitingBefore = postTimers(db, true);
        const QStringList answeredBefore = postTimers(db, false);
        REQUIRE(store.saveAndActivate(policy, 0).ok());
        const QStringList threadsAfter = threadTimers(db);
        const QStringList waitingAfter = postTimers(db, true);
        CHECK(waitingAfter != waitingBefore);
        CHECK(threadsAfter != threadsBefore);
        for (int i = 0; i < threadsAfter.size(); ++i)
            movedTimers += threadsAfter[i].section(QLatin1Char('|'), 4, 4) !=
                           threadsBefore[i].section(QLatin1Char('|'), 4, 4);
        // Answered posts keep the timer they were answered against.
        CHECK(postTimers(db, false) == answeredBefore);

        // The oracle: a copy of the cache where every inbound post and every thread is derived again.
        const QString copyPath = cache.dir.filePath(QStringLiteral("oracle-%1.sqlite").arg(policy.name));
        QFile::remove(copyPath);
        REQUIRE(sql::exec(db.connection(), QStringLiteral("VACUUM INTO '%1'").arg(copyPath)).ok());
        auto copy = openCache(copyPath);
        REQUIRE(copy.ok());
        {
            Database &oracle = *copy.value();
            Transaction transaction(oracle.connection());
            REQUIRE(recomputeDueTimes(oracle.connection(), policy, DueTimeScope::AllInboundPosts).ok());
            REQUIRE(transaction.commit().ok());
            CHECK(threadTimers(oracle) == threadsAfter);
            CHECK(postTimers(oracle, true) == waitingAfter);
            // The status bar's buckets, moved once per hour with the trigger held off, are those
            // a full count of the waiting threads gives.
            REQUIRE(sql::exec(oracle.connection(), QStringLiteral("DELETE FROM queue_buckets")).ok());
            for (const QString &fill : fillQueueBuckets())
                REQUIRE(sql::exec(oracle.connection(), fill).ok());
            CHECK(queueBuckets(db) == queueBuckets(oracle));
        }
        // The trigger is held off only inside the change's transaction.
        CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = '%1'")
                             .arg(QLatin1String(kQueueBucketsDeferredKey)))
                  .toInt() == 0);
    };
    // Most threads wait: the change reads the threads table in its own order.
    for (const ResponsePolicy &policy :
         {*ResponsePolicy::preset(QStringLiteral("selective")), custom, allDay, ResponsePolicy::systematic(), custom})
        changeTo(policy);
    // Fewer than a third wait: the change finds them by the queue's index.
    for (int t = 1; t < kThreads; ++t) {
        if (t % 4 == 0 ||
            scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(threadId(t))).toString() !=
                QLatin1String("waiting"))
            continue;
        ManualClock clock(lastArrival[t] + 5 * 60 * kMinute);
        TriageService triage(db, clock, kAgent);
        REQUIRE(triage.decide({threadId(t), DecisionKind::ReplyPublic, QStringLiteral("Eccoci"), {}, {}}).ok());
    }
    REQUIRE(scalar(db, QStringLiteral("SELECT 3 * count(*) < (SELECT max(id) FROM threads) FROM threads "
                                      "WHERE status = 'waiting'"))
                .toBool());
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM threads WHERE status = 'waiting'")).toInt() > 20);
    for (const ResponsePolicy &policy : {*ResponsePolicy::preset(QStringLiteral("selective")), allDay})
        changeTo(policy);
    // Some changes moved a thread's timer to another of its waiting posts.
    CHECK(movedTimers > 5);
}

TEST_CASE("a target spanning several days, with two working periods a day", "[timers]")
{
    TempCache cache;
    Database &db = *cache.db;
    auto policy = ResponsePolicy::systematic();
    policy.name = QStringLiteral("long");
    for (int d = 1; d <= 5; ++d)
        policy.calendar.setPeriods(d, {{QTime(9, 0), QTime(13, 0)}, {QTime(14, 0), QTime(18, 0)}});
    policy.targets = {{Category::NonNegative, std::nullopt, 60, true},
                      {Category::Complaint, std::nullopt, 20 * 60, true}, // 20 business hours
                      {Category::Assistance, std::nullopt, 30, true}};
    REQUIRE(PolicyStore(db).saveAndActivate(policy, 0).ok());
    ingest(db, {categorised("c", "c-1", rome(2026, 3, 2, 12, 30), Category::Complaint),
                categorised("a", "a-1", rome(2026, 3, 2, 12, 45), Category::Assistance)});
    // Mon 12:30-13:00 (0.5 h) + 14:00-18:00 (4) + Tue 8 h + Wed 8 h = 20.5 h: due Wed 17:30.
    CHECK(postValue(db, "due_at", "c-1") == rome(2026, 3, 4, 17, 30));
    // 15 minutes before lunch, 15 after.
    CHECK(postValue(db, "due_at", "a-1") == rome(2026, 3, 2, 14, 15));
}

TEST_CASE("every locale's abbreviated date keeps a day and a month, and the year only when asked", "[timers][locale]")
{
    // The console's languages are Italian and English, but English follows the system's, and the
    // shortening of the long format must not leave a dangling separator in any locale Qt knows.
    static const QRegularExpression loose(QStringLiteral("^[\\s,\u060C]|[\\s,\u060C]$"));
    const QList<QLocale> locales =
        QLocale::matchingLocales(QLocale::AnyLanguage, QLocale::AnyScript, QLocale::AnyTerritory);
    REQUIRE(locales.size() > 100);
    QStringList wrong;
    for (const QLocale &locale : locales) {
        for (const bool withYear : {true, false}) {
            for (const bool weekday : {true, false}) {
                const QString format = abbreviatedDateFormat(locale, withYear, weekday);
                const bool ok = !format.isEmpty() && !loose.match(format).hasMatch() &&
                                format.contains(QLatin1Char('d')) && format.contains(QLatin1Char('M')) &&
                                format.contains(QLatin1Char('y')) == withYear &&
                                format.contains(QLatin1String("ddd")) == weekday &&
                                !locale.toString(QDate(2026, 12, 3), format).trimmed().isEmpty();
                if (!ok)
                    wrong << QStringLiteral("%1 (year %2, weekday %3): \"%4\" from \"%5\"")
                                 .arg(locale.name())
                                 .arg(withYear)
                                 .arg(weekday)
                                 .arg(format, locale.dateFormat(QLocale::LongFormat));
            }
        }
    }
    INFO(wrong.mid(0, 20).join(QLatin1Char('\n')).toStdString());
    CHECK(wrong.isEmpty());
}

TEST_CASE("timer states, including outside hours, and the working shown to agents", "[timers]")
{
    const auto office = BusinessCalendar::italianOffice();
    const qint64 arrived = rome(2026, 3, 6, 17, 40);
    const auto timer = ResponsePolicy::systematic().timerFor(Category::NonNegative, Channel::Facebook, arrived);
    CHECK(timer.dueAtMs == rome(2026, 3, 9, 9, 40));
    CHECK(timerState(rome(2026, 3, 6, 17, 45), timer.dueAtMs, timer.dueSoonAtMs, true, office) == TimerState::OnTrack);
    CHECK(timerState(rome(2026, 3, 7, 11, 0), timer.dueAtMs, timer.dueSoonAtMs, true, office) ==
          TimerState::OutsideHours);
    CHECK(timerState(rome(2026, 3, 9, 9, 30), timer.dueAtMs, timer.dueSoonAtMs, true, office) == TimerState::DueSoon);
    CHECK(timerState(rome(2026, 3, 9, 9, 40), timer.dueAtMs, timer.dueSoonAtMs, true, office) == TimerState::Overdue);
    // A calendar-time target does not stop at night.
    CHECK(timerState(rome(2026, 3, 7, 11, 0), rome(2026, 3, 7, 17, 40), rome(2026, 3, 7, 11, 40), false, office) ==
          TimerState::OnTrack);

    const auto working = explainTimer(arrived, timer.targetMs, timer.dueAtMs, true, office);
    CHECK(working.countedBeforeClosingMs == 20 * kMinute);
    CHECK(working.resumesAtMs == rome(2026, 3, 9, 9, 0));
    const QLocale british(QLocale::English, QLocale::UnitedKingdom);
    CHECK(describeWorking(working, kRome, british) ==
          QStringLiteral("arrived Fri 17:40 · 20 min counted before closing · resumes Mon 09:00 · due Mon 09:40"));
    const auto night = explainTimer(rome(2026, 3, 3, 22, 5), 60 * kMinute, rome(2026, 3, 4, 10, 0), true, office);
    CHECK(describeWorking(night, kRome, british) ==
          QStringLiteral("arrived Tue 22:05 · outside hours, clock starts Wed 09:00 · due Wed 10:00"));
    const auto calendarTime = explainTimer(arrived, 24 * 60 * kMinute, arrived + 24 * 60 * kMinute, false, office);
    CHECK(describeWorking(calendarTime, kRome, british) ==
          QStringLiteral("arrived Fri 17:40 · 1,440 min in calendar time · due Sat 17:40"));
    // The times follow the reader's locale, not one fixed pattern: a 12 hour clock in the United
    // States, Italian day names and digit grouping in Italy (the words stay English here: no
    // translator is installed in this test).
    const QLocale american(QLocale::English, QLocale::UnitedStates);
    CHECK(
        describeWorking(working, kRome, american) ==
        QStringLiteral("arrived Fri 5:40 PM · 20 min counted before closing · resumes Mon 9:00 AM · due Mon 9:40 AM"));
    const QLocale italian(QLocale::Italian, QLocale::Italy);
    CHECK(describeWorking(working, kRome, italian) ==
          QStringLiteral("arrived ven 17:40 · 20 min counted before closing · resumes lun 09:00 · due lun 09:40"));
    CHECK(describeWorking(calendarTime, kRome, italian) ==
          QStringLiteral("arrived ven 17:40 · 1.440 min in calendar time · due sab 17:40"));
}

TEST_CASE("the selective policy counts a non-negative post closed without reply as handled", "[policy]")
{
    const auto selective = ResponsePolicy::selective();
    const auto systematic = ResponsePolicy::systematic();
    const qint64 due = 1000;
    CHECK(responseOutcome(selective, Category::NonNegative, due, 5000, true) == ResponseOutcome::HandledByPolicy);
    CHECK(responseOutcome(systematic, Category::NonNegative, due, 5000, true) == ResponseOutcome::Missed);
    CHECK(responseOutcome(selective, Category::Complaint, due, 5000, true) == ResponseOutcome::Missed);
    CHECK(responseOutcome(selective, Category::NonNegative, due, 900, false) == ResponseOutcome::Met);
    CHECK(responseOutcome(selective, Category::NonNegative, due, 0, false) == ResponseOutcome::Waiting);
}

TEST_CASE("decisions stop the timers they answer, and new posts start new ones", "[timers]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 t0 = rome(2026, 3, 3, 10, 0);
    ingest(db, {categorised("t", "t-1", t0, Category::Assistance),
                categorised("t", "t-2", t0 + 5 * kMinute, Category::Complaint)});
    ManualClock clock(t0 + 30 * kMinute);
    TriageService triage(db, clock, kAgent);
    const qint64 thread = scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 't'")).toLongLong();
    REQUIRE(triage.decide({thread, DecisionKind::ReplyPublic, QStringLiteral("Eccoci"), {}, {}}).ok());
    CHECK(postValue(db, "answered_at", "t-1") == clock.nowMs());
    CHECK(postValue(db, "answered_at", "t-2") == clock.nowMs());
    ingest(db, {categorised("t", "t-3", t0 + 40 * kMinute, Category::NonNegative)});
    CHECK(scalar(db, QStringLiteral("SELECT status FROM threads WHERE id = %1").arg(thread)).toString() ==
          QLatin1String("waiting"));
    CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE id = %1").arg(thread)).toLongLong() ==
          t0 + 100 * kMinute);
    int waiting = 0;
    REQUIRE(forEachWaitingPost(db, clock.nowMs() + 60 * kMinute, [&](const WaitingPost &p) {
                ++waiting;
                CHECK(p.externalId == QLatin1String("t-3"));
            }).ok());
    CHECK(waiting == 1);
}

TEST_CASE("a complaint forwarded to customer care opens the 45-day regulatory clock", "[timers][complaints]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 received = rome(2026, 3, 3, 10, 0);
    ingest(db, {categorised("c", "c-1", received, Category::Complaint),
                categorised("a", "a-1", received, Category::Assistance)});
    ManualClock clock(received + 50 * kMinute);
    TriageService triage(db, clock, kAgent);
    const qint64 complaint = scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'c'")).toLongLong();
    const qint64 request = scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'a'")).toLongLong();
    REQUIRE(triage.decide({complaint, DecisionKind::Forward, QStringLiteral("Reclamo formale"), {}, {}}).ok());
    REQUIRE(triage.decide({request, DecisionKind::Forward, QString(), {}, {}}).ok());

    auto open = openComplaints(db);
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1); // the assistance request carries no regulatory clock
    const OpenComplaint &c = open->front();
    CHECK(c.threadId == complaint);
    CHECK(c.receivedAtMs == received);
    CHECK(c.forwardedAtMs == clock.nowMs());
    CHECK(c.deadlineAtMs == rome(2026, 4, 17, 10, 0)); // 45 days, across the change to summer time
    CHECK(c.forwardedBy == kAgent.name);
    CHECK(complaintDaysLeft(clock.nowMs(), c.deadlineAtMs) == 45);
    CHECK(complaintDaysLeft(rome(2026, 4, 17, 9, 0), c.deadlineAtMs) == 1);
    CHECK(complaintDaysLeft(rome(2026, 4, 18, 10, 0), c.deadlineAtMs) == -1);

    // A forward that confirms the complaint category opens the clock too.
    ingest(db, {categorised("x", "x-1", received, Category::Assistance)});
    const qint64 recategorised =
        scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'x'")).toLongLong();
    REQUIRE(triage.decide({recategorised, DecisionKind::Forward, QString(), {}, Category::Complaint}).ok());
    CHECK(openComplaints(db)->size() == 2);

    CHECK_FALSE(triage.resolveComplaint(request, QString()).ok());
    REQUIRE(triage.resolveComplaint(complaint, QStringLiteral("Risposto per PEC")).ok());
    CHECK(openComplaints(db)->size() == 1);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'complaint_resolved'")).toInt() ==
          1);
}

TEST_CASE("sportello-cli timers and policy", "[timers][cli]")
{
    TempCache cache;
    ingest(*cache.db, {categorised("fri", "fri-1", rome(2026, 3, 6, 17, 40), Category::Complaint)});
    const QString path = cache.db->path();
    cache.db.reset();
    const auto run = [&](const QStringList &args, const QByteArray &input = {}) {
        QProcess p;
        p.start(QStringLiteral(SPORTELLO_CLI_PATH), QStringList{QStringLiteral("--database"), path} + args);
        p.write(input);
        p.closeWriteChannel();
        REQUIRE(p.waitForFinished(30000));
        return std::make_pair(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
    };
    auto [code, output] =
        run({QStringLiteral("timers"), QStringLiteral("--at"), QStringLiteral("2026-03-07T10:00:00Z")});
    INFO(output.toStdString());
    REQUIRE(code == 0);
    const QJsonObject line = QJsonDocument::fromJson(output.trimmed()).object();
    CHECK(line.value(QStringLiteral("channel")).toString() == QLatin1String("facebook"));
    CHECK(line.value(QStringLiteral("external_id")).toString() == QLatin1String("fri-1"));
    CHECK(line.value(QStringLiteral("category")).toString() == QLatin1String("complaint"));
    CHECK(line.value(QStringLiteral("arrived_at")).toString() == QLatin1String("2026-03-06T16:40:00Z"));
    CHECK(line.value(QStringLiteral("due_at")).toString() == QLatin1String("2026-03-09T09:40:00Z"));
    CHECK(line.value(QStringLiteral("state")).toString() == QLatin1String("outside_hours"));
    CHECK(line.value(QStringLiteral("business_minutes_elapsed")).toInt() == 20);
    CHECK(run({QStringLiteral("timers"), QStringLiteral("--at"), QStringLiteral("2026-03-09T09:41:00Z")})
              .second.contains("\"overdue\""));
    CHECK(run({QStringLiteral("timers"), QStringLiteral("--at"), QStringLiteral("yesterday")}).first == 2);

    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("policy.json"));
    REQUIRE(run({QStringLiteral("policy"), QStringLiteral("export"), exported}).first == 0);
    QFile file(exported);
    REQUIRE(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    file.close();
    text.replace("\"systematic\"", "\"ufficio\"");
    text.replace("\"minutes\": 120", "\"minutes\": 30");
    const QString edited = dir.filePath(QStringLiteral("edited.json"));
    QFile out(edited);
    REQUIRE(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    REQUIRE(run({QStringLiteral("policy"), QStringLiteral("import"), edited}).first == 0);
    CHECK(run({QStringLiteral("timers"), QStringLiteral("--at"), QStringLiteral("2026-03-07T10:00:00Z")})
              .second.contains("2026-03-06T16:40:00Z\",\"business_minutes_elapsed\":20,\"category\":\"complaint\","
                               "\"channel\":\"facebook\",\"due_at\":\"2026-03-09T08:10:00Z\""));
    CHECK(run({QStringLiteral("policy"), QStringLiteral("list")}).second.contains("* ufficio"));

    // A malformed file is refused with the reason and changes nothing.
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile bad(broken);
    REQUIRE(bad.open(QIODevice::WriteOnly));
    bad.write(text.replace("\"minutes\": 30", "\"minutes\": 0"));
    bad.close();
    auto [badCode, badOutput] = run({QStringLiteral("policy"), QStringLiteral("import"), broken});
    CHECK(badCode == 1);
    CHECK(badOutput.contains("minutes"));
    CHECK(run({QStringLiteral("policy"), QStringLiteral("list")}).second.contains("* ufficio"));
    CHECK(run({QStringLiteral("policy"), QStringLiteral("use"), QStringLiteral("selective")}).first == 0);
    CHECK(run({QStringLiteral("policy"), QStringLiteral("use"), QStringLiteral("nonexistent")}).first == 1);
    CHECK(run({QStringLiteral("policy"), QStringLiteral("show")}).second.contains("\"name\": \"selective\""));
}

TEST_CASE("a post that arrives without a category gets the classifier's, and its target at once", "[timers][classify]")
{
    TempCache cache;
    Database &db = *cache.db;
    const qint64 at = rome(2026, 3, 3, 10, 0);
    auto complaint = inboundPost(
        QStringLiteral("c"), QStringLiteral("c-1"), at,
        QStringLiteral("Vergogna, aspetto il rimborso da tre settimane e nessuno risponde. Voglio fare reclamo!"));
    auto praise = inboundPost(QStringLiteral("p"), QStringLiteral("p-1"), at,
                              QStringLiteral("Grazie mille, servizio impeccabile!"));
    auto given =
        inboundPost(QStringLiteral("g"), QStringLiteral("g-1"), at, QStringLiteral("Vergogna, voglio fare reclamo!"));
    given.category = Category::Assistance; // a category in the file wins over the suggestion
    ingest(db, {complaint, praise, given});
    CHECK(scalar(db, QStringLiteral("SELECT category || '/' || category_source FROM posts WHERE external_id = 'c-1'"))
              .toString() == QLatin1String("complaint/classifier"));
    CHECK(scalar(db, QStringLiteral("SELECT classifier_confidence FROM posts WHERE external_id = 'c-1'")).toDouble() >
          0.5);
    CHECK(scalar(db, QStringLiteral("SELECT classifier_cues FROM posts WHERE external_id = 'c-1'"))
              .toString()
              .contains(QStringLiteral("reclamo")));
    CHECK(scalar(db, QStringLiteral("SELECT language FROM posts WHERE external_id = 'c-1'")).toString() ==
          QLatin1String("it"));
    CHECK(postValue(db, "due_at", "c-1") == rome(2026, 3, 3, 12, 0)); // complaint: 120 business minutes
    CHECK(scalar(db, QStringLiteral("SELECT category FROM threads WHERE external_id = 'c'")).toString() ==
          QLatin1String("complaint"));
    CHECK(postValue(db, "due_at", "p-1") == rome(2026, 3, 3, 11, 0)); // non-negative: 60
    CHECK(scalar(db, QStringLiteral("SELECT category || '/' || category_source FROM posts WHERE external_id = 'g-1'"))
              .toString() == QLatin1String("assistance/import"));
    CHECK(scalar(db, QStringLiteral("SELECT classifier_confidence IS NULL FROM posts WHERE external_id = 'g-1'"))
              .toInt() == 1);
}

TEST_CASE("targets by star rating: the fewest stars first, then the channel, never for a post without stars",
          "[policy][rating]")
{
    auto policy = ResponsePolicy::systematic();
    policy.name = QStringLiteral("stars");
    ResponseTarget oneOrTwo{Category::Complaint, std::nullopt, 240, true};
    oneOrTwo.maxRating = 2;
    ResponseTarget oneOnPlay{Category::Complaint, Channel::GooglePlay, 30, false};
    oneOnPlay.maxRating = 1;
    policy.targets << oneOrTwo << oneOnPlay << ResponseTarget{Category::Complaint, Channel::GooglePlay, 600, true};
    REQUIRE(policy.validate().ok());
    const auto minutes = [&](Channel channel, std::optional<int> rating) {
        return policy.targetFor(Category::Complaint, channel, rating).minutes;
    };
    CHECK(minutes(Channel::GooglePlay, 1) == 30);             // rating and channel
    CHECK(minutes(Channel::AppStore, 1) == 240);              // a rating on every channel
    CHECK(minutes(Channel::GooglePlay, 2) == 240);            // the rating comes before the channel
    CHECK(minutes(Channel::GooglePlay, 3) == 600);            // too many stars: the channel's target
    CHECK(minutes(Channel::GooglePlay, std::nullopt) == 600); // no stars: never a rating's target
    CHECK(minutes(Channel::Facebook, std::nullopt) == 120);   // the category's own target
    CHECK(minutes(Channel::AppStore, 5) == 120);
    // The other categories are not touched, nor are posts without a category: the strictest
    // target for every post applies to them, never a rated one.
    CHECK(policy.targetFor(Category::Assistance, Channel::GooglePlay, 1).minutes == 120);
    CHECK(policy.targetFor(std::nullopt, Channel::GooglePlay, 1).minutes == 60);

    // The JSON form keeps it; bad values are refused with the range.
    const QByteArray text = QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact);
    REQUIRE(text.contains("\"max_rating\":2"));
    auto back = ResponsePolicy::fromJsonText(text);
    INFO(back.error().toStdString());
    REQUIRE(back.ok());
    CHECK(back.value() == policy);
    for (const char *value : {"0", "5", "-1", "2.5", "\"2\"", "true", "1e300"}) {
        INFO(value);
        QByteArray broken = text;
        broken.replace("\"max_rating\":2", QByteArray("\"max_rating\":") + value);
        auto parsed = ResponsePolicy::fromJsonText(broken);
        REQUIRE_FALSE(parsed.ok());
        INFO(parsed.error().toStdString());
        CHECK(parsed.error().contains(QLatin1String("max_rating")));
    }
    // Two targets for the same category, channel and rating are refused; a rated target does not
    // stand for the category's target on every channel.
    auto twice = policy;
    twice.targets << oneOrTwo;
    CHECK_FALSE(twice.validate().ok());
    auto onlyRated = policy;
    onlyRated.targets.removeIf([](const ResponseTarget &t) { return t.category == Category::Complaint && !t.channel; });
    onlyRated.targets << oneOrTwo;
    REQUIRE_FALSE(onlyRated.validate().ok());
    CHECK(onlyRated.validate().error().contains(QLatin1String("complaint")));
}

TEST_CASE("stored due times follow the review's stars: at arrival, after a policy change and a new category",
          "[timers][rating]")
{
    TempCache cache;
    Database &db = *cache.db;
    auto policy = ResponsePolicy::systematic();
    policy.name = QStringLiteral("stars");
    ResponseTarget lowStars{Category::Complaint, std::nullopt, 30, false};
    lowStars.maxRating = 2;
    policy.targets << lowStars;
    PolicyStore store(db);
    REQUIRE(store.saveAndActivate(policy, 0).ok());

    // Tuesday 3 March 2026, 10:00 in Rome: within office hours.
    const qint64 at = rome(2026, 3, 3, 10, 0);
    QVector<PostRecord> posts;
    for (int stars = 1; stars <= 5; ++stars) {
        const QByteArray id = "r" + QByteArray::number(stars);
        auto review =
            categorised(id.constData(), (id + "-1").constData(), at, Category::Complaint, Channel::GooglePlay);
        review.rating = stars;
        posts << review;
    }
    posts << categorised("fb", "fb-1", at, Category::Complaint);
    auto asked = categorised("ask", "ask-1", at, Category::Assistance, Channel::AppStore);
    asked.rating = 1;
    posts << asked;
    ingest(db, posts);
    CHECK(postValue(db, "target_ms", "r1-1") == 30 * kMinute);
    CHECK(postValue(db, "due_at", "r1-1") == at + 30 * kMinute);
    CHECK(postValue(db, "business_clock", "r1-1") == 0);
    CHECK(postValue(db, "target_ms", "r2-1") == 30 * kMinute);
    CHECK(postValue(db, "target_ms", "r3-1") == 120 * kMinute);
    CHECK(postValue(db, "target_ms", "r5-1") == 120 * kMinute);
    CHECK(postValue(db, "target_ms", "fb-1") == 120 * kMinute);
    CHECK(postValue(db, "target_ms", "ask-1") == 120 * kMinute); // the rated target is the complaints'
    CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE external_id = 'r1'")).toLongLong() ==
          at + 30 * kMinute);

    // One star only, now: the two-star review goes back to the category's target.
    auto stricter = policy;
    stricter.targets.back().maxRating = 1;
    stricter.targets.back().minutes = 15;
    REQUIRE(store.saveAndActivate(stricter, 0).ok());
    CHECK(postValue(db, "target_ms", "r1-1") == 15 * kMinute);
    CHECK(postValue(db, "due_at", "r1-1") == at + 15 * kMinute);
    CHECK(postValue(db, "target_ms", "r2-1") == 120 * kMinute);
    CHECK(scalar(db, QStringLiteral("SELECT due_at FROM threads WHERE external_id = 'r1'")).toLongLong() ==
          at + 15 * kMinute);

    // An agent makes the one-star question a complaint: its waiting post takes the rated target.
    ManualClock clock(at + kMinute);
    TriageService triage(db, clock, kAgent);
    const qint64 thread = scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = 'ask'")).toLongLong();
    REQUIRE(triage.setCategory(thread, Category::Complaint).ok());
    CHECK(postValue(db, "target_ms", "ask-1") == 15 * kMinute);
    CHECK(postValue(db, "due_at", "ask-1") == at + 15 * kMinute);
}
