#include "ConsoleStatusBar.h"

#include "common/Accessible.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "net/NetworkStatus.h"
#include "session/ConsoleSession.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QStatusBar>

namespace sportello::ui {

ConsoleStatusBar::ConsoleStatusBar(QStatusBar *bar, QWidget *owner) : QObject(owner)
{
    auto iconLabel = [owner](TimerState state) {
        auto *label = new QLabel(owner);
        label->setPixmap(icons::timer(state).pixmap(14, 14));
        return label;
    };
    m_waiting = new QLabel(owner);
    m_dueSoonIcon = iconLabel(TimerState::DueSoon);
    m_dueSoon = new QLabel(owner);
    m_overdueIcon = iconLabel(TimerState::Overdue);
    m_overdue = new QLabel(owner);
    m_cache = new QLabel(owner);
    m_cache->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_agent = new QLabel(owner);
    m_sync = new QLabel(owner);
    m_sync->setObjectName(QStringLiteral("syncLabel"));
    m_network = new QLabel(owner);
    m_network->setObjectName(QStringLiteral("networkLabel"));
    m_outbox = new QLabel(owner);
    m_outbox->setObjectName(QStringLiteral("outboxLabel"));
    m_team = new QLabel(owner);
    m_team->setObjectName(QStringLiteral("teamLabel"));
    m_team->hide();
    m_atRest = new QLabel(owner);
    m_atRest->setObjectName(QStringLiteral("atRestLabel"));
    m_atRest->hide();
    retranslateUi();

    auto *counts = new QWidget(owner);
    auto *layout = new QHBoxLayout(counts);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(5);
    layout->addWidget(m_waiting);
    layout->addSpacing(10);
    layout->addWidget(m_dueSoonIcon);
    layout->addWidget(m_dueSoon);
    layout->addSpacing(10);
    layout->addWidget(m_overdueIcon);
    layout->addWidget(m_overdue);
    bar->addPermanentWidget(m_atRest);
    bar->addPermanentWidget(m_sync);
    bar->addPermanentWidget(m_team);
    bar->addPermanentWidget(m_network);
    bar->addPermanentWidget(m_outbox);
    bar->addPermanentWidget(counts);
    bar->addPermanentWidget(m_agent);
    bar->addPermanentWidget(m_cache);
}

// The names and descriptions screen readers give the status bar's indicators; the counts' icons are
// named too (a picture alone says nothing to them).
void ConsoleStatusBar::retranslateUi()
{
    setAccessible(m_dueSoonIcon, tr("Due soon"), tr("Icon of the threads due soon"));
    setAccessible(m_overdueIcon, tr("Overdue"), tr("Icon of the overdue threads"));
    m_waiting->setAccessibleDescription(tr("Threads waiting for a decision"));
    m_dueSoon->setAccessibleDescription(tr("Threads with a quarter or less of their response target left"));
    m_overdue->setAccessibleDescription(tr("Threads past their response target"));
    m_cache->setAccessibleDescription(tr("The cache file the console works on"));
    m_agent->setAccessibleDescription(tr("The name your decisions are signed with (Edit > Settings)"));
    m_agent->setToolTip(m_agent->accessibleDescription());
    m_sync->setAccessibleDescription(tr("The last sync with the accounts (File > Sync Now)"));
    m_network->setAccessibleDescription(tr("Whether the console can reach the network"));
    m_outbox->setAccessibleDescription(tr("Decisions waiting for delivery (Go > Outbox)"));
    m_team->setAccessibleDescription(tr("The connection to the team database"));
    m_atRest->setAccessibleDescription(tr("Whether the disk under the cache is encrypted"));
}

void ConsoleStatusBar::showAtRestProblem(const QString &problem, bool cannotTell)
{
    m_atRest->setVisible(!problem.isEmpty());
    m_atRest->setText(cannotTell ? tr("⚠ Disk encryption unknown") : tr("⚠ Disk not encrypted"));
    m_atRest->setToolTip(problem);
    m_atRest->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: 600; }")
                                .arg(timerColor(TimerState::Overdue).name()));
}

void ConsoleStatusBar::showCounts(const QueueCounts &counts)
{
    m_waiting->setText(tr("Waiting: %1").arg(formatCount(counts.waiting)));
    m_waiting->setToolTip(tr("Threads waiting for a decision"));
    m_dueSoon->setText(tr("Due soon: %1").arg(formatCount(counts.dueSoon)));
    m_dueSoon->setToolTip(tr("Threads with a quarter or less of their response target left"));
    m_overdue->setText(tr("Overdue: %1").arg(formatCount(counts.overdue)));
    m_overdue->setToolTip(tr("Threads past their response target"));
    // Style sheets re-polish the label: set them only when the emphasis changes.
    const QString bold = QStringLiteral("QLabel { color: %1; font-weight: 600; }");
    const QString dueSoonStyle = counts.dueSoon > 0 ? bold.arg(timerColor(TimerState::DueSoon).name()) : QString();
    const QString overdueStyle = counts.overdue > 0 ? bold.arg(timerColor(TimerState::Overdue).name()) : QString();
    if (m_dueSoon->styleSheet() != dueSoonStyle)
        m_dueSoon->setStyleSheet(dueSoonStyle);
    if (m_overdue->styleSheet() != overdueStyle)
        m_overdue->setStyleSheet(overdueStyle);
}

void ConsoleStatusBar::clearCounts()
{
    m_waiting->clear();
    m_dueSoon->clear();
    m_overdue->clear();
}

void ConsoleStatusBar::showCountsError(const QString &error)
{
    m_waiting->setText(tr("Counts unavailable"));
    m_waiting->setToolTip(error);
}

void ConsoleStatusBar::showCache(const ConsoleSession *session)
{
    if (!session) {
        m_cache->setText(tr("No cache open"));
        m_cache->setToolTip(QString());
        return;
    }
    const QString path = QDir::toNativeSeparators(session->path());
    const QString description = session->description();
    m_cache->setText(tr("Cache: %1").arg(description.isEmpty() ? path : description));
    m_cache->setToolTip(path);
}

void ConsoleStatusBar::showAgent(const QString &name)
{
    m_agent->setText(name.isEmpty() ? tr("No agent name set") : tr("Agent: %1").arg(name));
}

void ConsoleStatusBar::showNetwork(const net::NetworkStatus &status)
{
    const bool online = status.isOnline();
    m_network->setText(online ? tr("Online") : tr("Offline"));
    m_network->setToolTip(online ? status.reason()
                                 : status.reason() + QLatin1Char('\n') +
                                       tr("Everything keeps working from the cache; decisions wait in the outbox "
                                          "and are checked before they are sent."));
    const QString style = online ? QString() : errorLabelStyle(m_network->palette());
    if (m_network->styleSheet() != style)
        m_network->setStyleSheet(style);
}

void ConsoleStatusBar::showTeam(const ConsoleSession *session)
{
    if (!session || !session->isTeamMode()) {
        m_team->hide();
        return;
    }
    QString state;
    QString color;
    switch (session->teamState()) {
    case team::TeamLink::State::Connected: state = tr("Team: connected"); break;
    case team::TeamLink::State::Connecting: state = tr("Team: connecting…"); break;
    case team::TeamLink::State::Reconnecting:
        state = tr("Team: reconnecting…");
        color = QStringLiteral("#b26a00");
        break;
    case team::TeamLink::State::Offline:
        state = tr("Team: offline");
        color = errorTextColor(m_team->palette()).name();
        break;
    }
    const auto waiting = session->decisionsToPush();
    const auto held = session->heldDecisions();
    QStringList parts{state};
    if (waiting && *waiting > 0)
        parts << tr("%Ln decision(s) to send up", nullptr, *waiting);
    if (held && *held > 0)
        parts << tr("%Ln held", nullptr, *held);
    m_team->setText(parts.join(QStringLiteral(" · ")));
    QString tip =
        tr("Team database: %1 as %2").arg(session->teamMembership()->url.toString(), session->teamMembership()->login);
    if (!session->teamStateMessage().isEmpty())
        tip += QLatin1Char('\n') + session->teamStateMessage();
    if (session->teamState() != team::TeamLink::State::Connected)
        tip += QLatin1Char('\n') + tr("You can keep reviewing and deciding: decisions go up when the team database "
                                      "is reachable again, and a decision a colleague took first is held for you.");
    if (held && *held > 0)
        tip += QLatin1Char('\n') + tr("Held decisions are in Go > Outbox, beside the colleague's decision.");
    m_team->setToolTip(tip);
    const QString style =
        color.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; font-weight: 600; }").arg(color);
    if (m_team->styleSheet() != style)
        m_team->setStyleSheet(style);
    m_team->show();
}

void ConsoleStatusBar::showOutbox(const ConsoleSession *session)
{
    if (!session) {
        m_outbox->clear();
        return;
    }
    auto counts = session->outboxCounts();
    if (!counts) {
        m_outbox->setText(tr("Outbox unavailable"));
        m_outbox->setToolTip(counts.error());
        return;
    }
    m_outbox->setText(
        counts->needAgent > 0
            ? tr("%1 in outbox (%2 need you)").arg(formatCount(counts->waiting), formatCount(counts->needAgent))
            : tr("%1 in outbox").arg(formatCount(counts->waiting)));
    m_outbox->setToolTip(tr("Decisions waiting for delivery, or for you when they failed or were held (Go > Outbox)"));
}

} // namespace sportello::ui
