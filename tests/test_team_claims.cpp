// ThreadClaims without a GUI or a team database: the book of the team's live claims (expiry by the
// clock, own and colleagues', typing), the agent's standing on the thread open, and the typing
// reports' throttle. Without a link every call answers at once with the link's Network error,
// which is the offline case.
#include "catch_compat.h"

#include "common/Clock.h"
#include "session/ThreadClaims.h"
#include "team/TeamLink.h"

#include <QSignalSpy>

using namespace sportello;
using sportello::team::LiveClaim;
using sportello::team::TeamThreadRef;

namespace {

const qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z
const TeamThreadRef kThread{QStringLiteral("x"), QStringLiteral("t7")};
const TeamThreadRef kOther{QStringLiteral("x"), QStringLiteral("t8")};

LiveClaim claimOf(const TeamThreadRef &thread, const QString &login, const QString &name, qint64 untilMs,
                  qint64 typingUntilMs = 0)
{
    LiveClaim claim;
    claim.thread = thread;
    claim.login = login;
    claim.agentName = name;
    claim.how = QStringLiteral("opened");
    claim.claimedAtMs = kStart;
    claim.untilMs = untilMs;
    claim.typingUntilMs = typingUntilMs;
    return claim;
}

} // namespace

TEST_CASE("The claims book: a colleague's claim shows until its time passes, then leaves by itself",
          "[team][claims][book]")
{
    ManualClock clock(kStart);
    ThreadClaims claims(clock, QStringLiteral("pneri"), QStringLiteral("desk"));
    QSignalSpy changed(&claims, &ThreadClaims::claimsChanged);

    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart + 60'000)});
    CHECK(changed.count() == 1);
    auto live = claims.liveClaim(kThread);
    REQUIRE(live);
    CHECK(live->agentName == QLatin1String("Marta Verdi"));
    CHECK_FALSE(claims.isMine(*live));
    CHECK_FALSE(claims.liveClaim(kOther));

    // Nothing changes while the clock stays within the claim: no signal, no work for the views.
    clock.advanceMs(59'000);
    CHECK_FALSE(claims.expire());
    CHECK(changed.count() == 1);
    CHECK(claims.liveClaim(kThread));

    // The desktop that held it crashed: no ended row ever comes, the clock ends it.
    clock.advanceMs(1'000);
    CHECK(claims.expire());
    CHECK(changed.count() == 2);
    CHECK_FALSE(claims.liveClaim(kThread));
    CHECK(claims.size() == 0);

    SECTION("an ended claim from the link leaves at once")
    {
        claims.apply({claimOf(kOther, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), clock.nowMs() + 60'000)});
        REQUIRE(claims.liveClaim(kOther));
        claims.apply({claimOf(kOther, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), clock.nowMs())});
        CHECK_FALSE(claims.liveClaim(kOther));
        CHECK(changed.count() == 4);
    }
}

TEST_CASE("The claims book: typing shows for its few seconds and ends while the claim stays", "[team][claims][book]")
{
    ManualClock clock(kStart);
    ThreadClaims claims(clock, QStringLiteral("pneri"), QStringLiteral("desk"));
    QSignalSpy changed(&claims, &ThreadClaims::claimsChanged);
    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart + 180'000)});
    REQUIRE(changed.count() == 1);
    CHECK_FALSE(claims.liveClaim(kThread)->typingAt(clock.nowMs()));

    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart + 180'000,
                          kStart + team::kTypingMs)});
    CHECK(changed.count() == 2);
    CHECK(claims.liveClaim(kThread)->typingAt(clock.nowMs()));

    clock.advanceMs(team::kTypingMs);
    CHECK(claims.expire());
    CHECK(changed.count() == 3);
    REQUIRE(claims.liveClaim(kThread));
    CHECK_FALSE(claims.liveClaim(kThread)->typingAt(clock.nowMs()));
}

TEST_CASE("The agent's standing: offline without the team, a colleague's thread, one's own", "[team][claims]")
{
    ManualClock clock(kStart);
    ThreadClaims claims(clock, QStringLiteral("pneri"), QStringLiteral("desk"));
    QSignalSpy standing(&claims, &ThreadClaims::standingChanged);
    CHECK(claims.standing() == ThreadClaims::Standing::None);

    // No link: the claim is answered at once with the link's Network error.
    claims.open(kThread);
    CHECK(claims.standing() == ThreadClaims::Standing::Offline);
    CHECK(claims.offlineReason() == team::TeamLink::notConnected().message);
    CHECK(claims.offlineKind() == ErrorKind::Network);
    CHECK(standing.count() >= 1);
    CHECK_FALSE(claims.holder());

    // A colleague's claim on the open thread: deciding needs a take-over.
    standing.clear();
    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart + 60'000)});
    CHECK(claims.standing() == ThreadClaims::Standing::Colleague);
    REQUIRE(claims.holder());
    CHECK(claims.holder()->agentName == QLatin1String("Marta Verdi"));
    CHECK(standing.count() == 1);

    // Taking over without the team fails and says why; nothing changes.
    QSignalSpy tookOver(&claims, &ThreadClaims::takeOverFinished);
    claims.takeOver();
    REQUIRE(tookOver.count() == 1);
    CHECK_FALSE(tookOver.at(0).at(0).toBool());
    CHECK(tookOver.at(0).at(1).toString() == QLatin1String("Marta Verdi"));

    // The colleague's claim runs out: the thread is the agent's to claim (offline here).
    clock.advanceMs(60'000);
    claims.expire();
    CHECK_FALSE(claims.holder());
    CHECK(claims.standing() == ThreadClaims::Standing::Offline);

    // One's own claim (another desktop of the same login, or this one's before a restart).
    claims.apply({claimOf(kThread, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"), clock.nowMs() + 180'000)});
    CHECK(claims.standing() == ThreadClaims::Standing::Mine);
    CHECK_FALSE(claims.holder());

    // Closing the thread: nothing open.
    claims.open(std::nullopt);
    CHECK(claims.standing() == ThreadClaims::Standing::None);
}

TEST_CASE("Typing is reported at most every three seconds, and only on a thread the agent holds", "[team][claims]")
{
    ManualClock clock(kStart);
    ThreadClaims claims(clock, QStringLiteral("pneri"), QStringLiteral("desk"));
    claims.open(kThread);
    // Not held (offline): nothing is reported.
    claims.noteTyping();
    CHECK(claims.typingReportsSent() == 0);

    claims.apply({claimOf(kThread, QStringLiteral("pneri"), QStringLiteral("Paolo Neri"), kStart + 180'000)});
    REQUIRE(claims.standing() == ThreadClaims::Standing::Mine);
    // A keystroke every 500 ms for 7 s: reports at 0, 3 and 6 s.
    for (int i = 0; i < 15; ++i) {
        claims.noteTyping();
        clock.advanceMs(500);
    }
    CHECK(claims.typingReportsSent() == 3);

    // A colleague's thread: never.
    claims.open(kOther);
    claims.apply({claimOf(kOther, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), clock.nowMs() + 180'000)});
    REQUIRE(claims.standing() == ThreadClaims::Standing::Colleague);
    clock.advanceMs(10'000);
    claims.noteTyping();
    CHECK(claims.typingReportsSent() == 3);
}

TEST_CASE("A thread the console showed by itself is claimed only once the agent acts on it", "[team][claims]")
{
    ManualClock clock(kStart);
    ThreadClaims claims(clock, QStringLiteral("pneri"), QStringLiteral("desk"));
    // The first row after the queue was read: shown, not claimed (no claim was even tried).
    claims.open(kThread, false);
    CHECK(claims.standing() == ThreadClaims::Standing::None);
    CHECK(claims.offlineReason().isEmpty());
    // A colleague's claim on it still shows, and still gates a decision.
    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart + 60'000)});
    CHECK(claims.standing() == ThreadClaims::Standing::Colleague);
    claims.apply({claimOf(kThread, QStringLiteral("mverdi"), QStringLiteral("Marta Verdi"), kStart)});
    // Released: still not claimed by itself.
    CHECK(claims.standing() == ThreadClaims::Standing::None);
    CHECK(claims.offlineReason().isEmpty());

    SECTION("typing is acting on it")
    {
        claims.noteTyping();
        CHECK(claims.standing() == ThreadClaims::Standing::Offline); // tried, without the team
    }
    SECTION("so is arming a decision, or choosing the same row")
    {
        claims.open(kThread, true);
        CHECK(claims.standing() == ThreadClaims::Standing::Offline);
    }
}
