#pragma once
// The agent's side of the team's claims (docs/team.md "Claims and presence"), kept out of the
// widgets: the claim on the thread the agent has open ("my current claim") and the book of the
// team's live claims as the link reports them (TeamLink::claimsChanged), by thread.
//
// Opening a thread claims it (renewed every kClaimRenewMs while it stays open); moving to another
// thread, or closing, releases it (best effort: expiry does the rest). A colleague's live claim is
// only replaced by an explicit take-over, which the database audits. Typing in the reply of a
// thread one holds is reported at most every kTypingEveryMs. Claims are live information: they are
// held in memory only, never in the cache, and a claim whose time passed is gone from the book at
// the next look (expire(), on the console's 1 s tick), whether or not an ended row arrived.
//
// Without a connection (no link yet, reconnecting, offline) every call answers at once with the
// link's Network error and the open thread stands Offline: the agent may decide, and the team's
// first-decision rule holds.

#include "common/Result.h"
#include "team/TeamWork.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

class QTimer;

namespace sportello {

class Clock;

namespace team {
class TeamLink;
} // namespace team

class ThreadClaims : public QObject {
    Q_OBJECT
public:
    // Typing is reported at most this often (a colleague's "is typing" lasts kTypingMs).
    static constexpr qint64 kTypingEveryMs = 3000;

    // Where the agent stands on the thread they have open.
    enum class Standing {
        None,      // no thread open, or one shown without a claim (see open())
        Pending,   // the claim was asked for, no answer yet
        Mine,      // the agent holds it
        Colleague, // a colleague holds it (live): deciding needs a take-over
        Offline,   // no team connection: not claimed
    };
    Q_ENUM(Standing)

    // `login`: the agent's team login (whose claims are "mine"); `desktop`: how the claims name
    // this desktop (its host name).
    ThreadClaims(const Clock &clock, const QString &login, const QString &desktop, QObject *parent = nullptr);
    ~ThreadClaims() override;

    // The link the calls go through and whose claims fill the book; nullptr: none (offline).
    void setLink(team::TeamLink *link);
    const QString &login() const { return m_login; }

    // --- the book ---
    // Claims that changed (live or ended, on this desktop's clock), as TeamLink sends them.
    void apply(const QVector<team::LiveClaim> &claims);
    // The live claim on a thread now, if any (mine or a colleague's).
    std::optional<team::LiveClaim> liveClaim(const team::TeamThreadRef &thread) const;
    bool isMine(const team::LiveClaim &claim) const { return claim.login == m_login; }
    // Looks at the clock: ended claims and typing leave the book; claimsChanged() when what a
    // console shows changed. True when it did.
    bool expire();
    int size() const { return int(m_book.size()); }

    // --- the agent's own claim ---
    // The agent opened this thread (nullopt: none): the previous one is released, this one
    // claimed. Opening the thread already open changes nothing. `claim` false: the console
    // showed it by itself (the first row after the queue was read): it is claimed only once the
    // agent acts on it (claimOnIntent: typing, arming a decision, or opening it again).
    void open(const std::optional<team::TeamThreadRef> &thread, bool claim = true);
    // The agent acts on the thread shown without a claim: it is claimed now.
    void claimOnIntent();
    const std::optional<team::TeamThreadRef> &current() const { return m_current; }
    Standing standing() const;
    // The colleague holding the open thread (Standing::Colleague), else nullopt.
    std::optional<team::LiveClaim> holder() const;
    // Why the open thread stands Offline (the link's words), and the kind of that failure: Network
    // when the team is out of reach; another kind when the database refused the claim.
    const QString &offlineReason() const { return m_offlineReason; }
    ErrorKind offlineKind() const { return m_offlineKind; }
    // Takes the open thread over from the colleague who holds it (audited by the database);
    // takeOverFinished() tells how it went.
    void takeOver();
    // The agent typed in the reply of the open thread: "is typing" for colleagues, at most every
    // kTypingEveryMs, and only on a thread the agent holds.
    void noteTyping();
    // How many typing reports were sent (tests).
    int typingReportsSent() const { return m_typingReports; }
    // Lets go of the open thread (the console closes); best effort.
    void releaseCurrent();
    // The link is connected again: an open thread that could not be claimed is claimed now.
    void reconnected();

    // --- the next thread ---
    void next(std::function<void(const Result<team::NextThread> &)> answer);

signals:
    // The book changed as a console shows it (a claim came or went, typing began or ended).
    void claimsChanged();
    // The open thread's standing changed (or its holder).
    void standingChanged();
    // A take-over ended: ok, or the reason it was refused (`previous`: whom it was taken from).
    void takeOverFinished(bool ok, const QString &previous, const QString &message);

private:
    void claim(bool takeOver);
    void onClaimAnswer(const team::TeamThreadRef &thread, bool takeOver, const Result<team::TeamClaim> &answer);
    // What the console shows of each claim now (live, typing), to tell whether expire() changed it.
    QHash<QString, int> shownState() const;
    void setOffline(const Error &error);

    const Clock &m_clock;
    QString m_login;
    QString m_desktop;
    QPointer<team::TeamLink> m_link;
    QHash<QString, team::LiveClaim> m_book; // by TeamThreadRef::toString()
    QHash<QString, int> m_shown;
    std::optional<team::TeamThreadRef> m_current;
    bool m_pending = false;
    bool m_unclaimed = false; // the thread shown was not opened by the agent: not claimed yet
    QString m_offlineReason; // non-empty: the open thread could not be claimed
    ErrorKind m_offlineKind = ErrorKind::Network;
    qint64 m_lastTypingMs = -1;
    int m_typingReports = 0;
    QTimer *m_renew;
};

} // namespace sportello
