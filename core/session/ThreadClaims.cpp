#include "session/ThreadClaims.h"

#include "common/Clock.h"
#include "session/SessionLog.h"
#include "team/TeamLink.h"

#include <QTimer>

namespace sportello {

namespace {

// Runs `work` on the link's thread, or answers the link's Network error at once without one.
template <typename T>
void callLink(team::TeamLink *link, QObject *receiver, std::function<Result<T>(const QSqlDatabase &)> work,
              std::function<void(const Result<T> &)> answer)
{
    if (!link) {
        answer(Result<T>(team::TeamLink::notConnected()));
        return;
    }
    link->call<T>(std::move(work), receiver, std::move(answer));
}

} // namespace

ThreadClaims::ThreadClaims(const Clock &clock, const QString &login, const QString &desktop, QObject *parent)
    : QObject(parent), m_clock(clock), m_login(login), m_desktop(desktop), m_renew(new QTimer(this))
{
    m_renew->setInterval(int(team::kClaimRenewMs));
    // Renews the claim on the open thread; an open thread that could not be claimed is tried again.
    connect(m_renew, &QTimer::timeout, this, [this] {
        if (m_current && !m_pending && !m_unclaimed && standing() != Standing::Colleague)
            claim(false);
    });
}

ThreadClaims::~ThreadClaims() = default;

void ThreadClaims::setLink(team::TeamLink *link)
{
    if (m_link)
        disconnect(m_link, nullptr, this, nullptr);
    m_link = link;
    if (link)
        connect(link, &team::TeamLink::claimsChanged, this, &ThreadClaims::apply);
}

// --- the book ---

QHash<QString, int> ThreadClaims::shownState() const
{
    // Who holds each thread, and whether they type: a take-over changes the first.
    QHash<QString, int> shown;
    const qint64 now = m_clock.nowMs();
    for (auto it = m_book.cbegin(); it != m_book.cend(); ++it)
        if (it->liveAt(now))
            shown.insert(it.key() + QLatin1Char('\n') + it->login, it->typingAt(now) ? 2 : 1);
    return shown;
}

void ThreadClaims::apply(const QVector<team::LiveClaim> &claims)
{
    const std::optional<team::LiveClaim> before = m_current ? liveClaim(*m_current) : std::nullopt;
    const qint64 now = m_clock.nowMs();
    for (const team::LiveClaim &claim : claims) {
        if (claim.liveAt(now))
            m_book.insert(claim.thread.toString(), claim);
        else
            m_book.remove(claim.thread.toString());
    }
    expire();
    const std::optional<team::LiveClaim> after = m_current ? liveClaim(*m_current) : std::nullopt;
    if (before.has_value() != after.has_value() || (before && after && before->login != after->login))
        emit standingChanged();
    // A colleague let go of the thread the agent has open: it is the agent's now.
    if (before && !isMine(*before) && !after && !m_pending && !m_unclaimed)
        claim(false);
}

std::optional<team::LiveClaim> ThreadClaims::liveClaim(const team::TeamThreadRef &thread) const
{
    auto found = m_book.constFind(thread.toString());
    if (found == m_book.cend() || !found->liveAt(m_clock.nowMs()))
        return std::nullopt;
    return *found;
}

bool ThreadClaims::expire()
{
    const std::optional<team::LiveClaim> before = m_current ? liveClaim(*m_current) : std::nullopt;
    const qint64 now = m_clock.nowMs();
    for (auto it = m_book.begin(); it != m_book.end();) {
        if (!it->liveAt(now))
            it = m_book.erase(it);
        else
            ++it;
    }
    QHash<QString, int> shown = shownState();
    if (shown == m_shown)
        return false;
    m_shown = std::move(shown);
    emit claimsChanged();
    // Only the clock moved: a colleague's claim on the open thread that ran out leaves it free.
    if (before && !isMine(*before) && m_current && !liveClaim(*m_current)) {
        emit standingChanged();
        if (!m_pending && !m_unclaimed)
            claim(false);
    }
    return true;
}

// --- the agent's own claim ---

ThreadClaims::Standing ThreadClaims::standing() const
{
    if (!m_current)
        return Standing::None;
    if (const auto live = liveClaim(*m_current))
        return isMine(*live) ? Standing::Mine : Standing::Colleague;
    if (m_unclaimed)
        return Standing::None;
    if (!m_offlineReason.isEmpty() && !m_pending)
        return Standing::Offline;
    return Standing::Pending;
}

std::optional<team::LiveClaim> ThreadClaims::holder() const
{
    if (!m_current)
        return std::nullopt;
    auto live = liveClaim(*m_current);
    if (!live || isMine(*live))
        return std::nullopt;
    return live;
}

void ThreadClaims::open(const std::optional<team::TeamThreadRef> &thread, bool claimIt)
{
    if (thread == m_current) {
        if (claimIt)
            claimOnIntent(); // the agent chose the thread the console had shown
        return;
    }
    releaseCurrent();
    m_current = thread;
    m_offlineReason.clear();
    m_lastTypingMs = -1;
    m_unclaimed = m_current && !claimIt;
    if (!m_current || m_unclaimed) {
        m_renew->stop();
        emit standingChanged();
        return;
    }
    claim(false);
    emit standingChanged();
}

void ThreadClaims::claimOnIntent()
{
    if (!m_current || !m_unclaimed)
        return;
    m_unclaimed = false;
    if (!liveClaim(*m_current)) // a colleague's claim stays theirs: deciding asks for a take-over
        claim(false);
    emit standingChanged();
}

void ThreadClaims::claim(bool takeOver)
{
    if (!m_current)
        return;
    const team::TeamThreadRef thread = *m_current;
    const QString desktop = m_desktop;
    m_pending = true;
    m_renew->start(); // renews, or tries again, while the thread stays open
    callLink<team::TeamClaim>(
        m_link, this,
        [thread, desktop, takeOver](const QSqlDatabase &db) {
            return team::claimThread(db, thread, desktop, takeOver);
        },
        [this, thread, takeOver](const Result<team::TeamClaim> &answer) { onClaimAnswer(thread, takeOver, answer); });
}

void ThreadClaims::onClaimAnswer(const team::TeamThreadRef &thread, bool takeOver,
                                 const Result<team::TeamClaim> &answer)
{
    const bool current = m_current == thread;
    const std::optional<team::LiveClaim> previous = current ? holder() : std::nullopt;
    if (current)
        m_pending = false;
    if (!answer) {
        qCInfo(lcSession) << "claim of" << thread.toString() << "not taken:" << answer.error();
        if (current) {
            if (takeOver)
                emit takeOverFinished(false, previous ? previous->agentName : QString(), answer.error());
            setOffline(answer.failure());
        }
        return;
    }
    const team::TeamClaim &got = *answer;
    if (!current && got.mine) {
        // The agent moved on before the answer came (nothing was released then: the claim was
        // not known yet): let it go now.
        callLink<bool>(
            m_link, this, [thread](const QSqlDatabase &db) { return team::releaseThread(db, thread); },
            [](const Result<bool> &) {});
        return;
    }
    // The answer names the holder at once; the link's next look brings the claim with its times
    // on this desktop's clock (kept as it is when the book knows it already).
    const QString key = thread.toString();
    const auto known = liveClaim(thread);
    if (!known || known->login != got.login) {
        team::LiveClaim claim;
        claim.thread = thread;
        claim.login = got.login;
        claim.agentName = got.agentName;
        claim.how = got.how;
        claim.claimedAtMs = m_clock.nowMs();
        claim.untilMs = m_clock.nowMs() + team::kClaimTtlMs;
        m_book.insert(key, claim);
    }
    if (!current) {
        expire();
        return;
    }
    m_offlineReason.clear();
    expire();
    if (takeOver)
        emit takeOverFinished(got.mine, previous ? previous->agentName : QString(),
                              got.mine ? QString() : got.agentName);
    emit standingChanged();
}

void ThreadClaims::setOffline(const Error &error)
{
    m_offlineReason = error.message.isEmpty() ? team::TeamLink::notConnected().message : error.message;
    m_offlineKind = error.kind;
    emit standingChanged();
}

void ThreadClaims::takeOver()
{
    if (!m_current || m_pending)
        return;
    claim(true);
}

void ThreadClaims::noteTyping()
{
    claimOnIntent(); // typing on a thread the console showed by itself is opening it
    if (standing() != Standing::Mine)
        return;
    const qint64 now = m_clock.nowMs();
    if (m_lastTypingMs >= 0 && now - m_lastTypingMs < kTypingEveryMs)
        return;
    m_lastTypingMs = now;
    ++m_typingReports;
    const team::TeamThreadRef thread = *m_current;
    callLink<bool>(
        m_link, this, [thread](const QSqlDatabase &db) { return team::markTyping(db, thread); },
        [](const Result<bool> &) {}); // "is typing" is a courtesy: a lost report is no harm
}

void ThreadClaims::releaseCurrent()
{
    if (!m_current)
        return;
    const team::TeamThreadRef thread = *m_current;
    const auto live = liveClaim(thread);
    if (!live || !isMine(*live))
        return;
    m_book.remove(thread.toString());
    if (m_link)
        callLink<bool>(
            m_link, this, [thread](const QSqlDatabase &db) { return team::releaseThread(db, thread); },
            [](const Result<bool> &) {}); // best effort: the claim expires anyway
    expire();
}

void ThreadClaims::reconnected()
{
    if (m_current && !m_pending && standing() == Standing::Offline)
        claim(false);
}

void ThreadClaims::next(std::function<void(const Result<team::NextThread> &)> answer)
{
    const QString desktop = m_desktop;
    callLink<team::NextThread>(
        m_link, this, [desktop](const QSqlDatabase &db) { return team::nextThread(db, desktop); }, std::move(answer));
}

} // namespace sportello
