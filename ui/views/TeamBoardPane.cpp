#include "views/TeamBoardPane.h"

#include "common/Format.h"
#include "compose/Guard.h"
#include "team/TeamLink.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace sportello::ui {

namespace {

QString roleLabel(const QString &role)
{
    if (role == QLatin1String("supervisor"))
        return TeamBoardPane::tr("Supervisor");
    if (role == QLatin1String("admin"))
        return TeamBoardPane::tr("Administrator");
    if (role == QLatin1String("external"))
        return TeamBoardPane::tr("External");
    return TeamBoardPane::tr("Agent");
}

QString categoryLabel(const QString &category)
{
    if (category == QLatin1String("complaint"))
        return TeamBoardPane::tr("Complaints");
    if (category == QLatin1String("assistance"))
        return TeamBoardPane::tr("Assistance");
    if (category == QLatin1String("non_negative"))
        return TeamBoardPane::tr("Non-negative");
    return TeamBoardPane::tr("Not yet categorised");
}

qint64 longestHoldMs(const team::BoardAgent &agent, qint64 nowMs)
{
    qint64 longest = 0;
    for (const auto &held : agent.holding)
        longest = std::max(longest, nowMs - held.sinceMs);
    return longest;
}

} // namespace

BoardAgentsModel::BoardAgentsModel(QObject *parent) : QAbstractTableModel(parent) {}

void BoardAgentsModel::setBoard(const team::Board &board)
{
    beginResetModel();
    m_board = board;
    endResetModel();
}

const team::BoardAgent *BoardAgentsModel::agentAt(int row) const
{
    return row >= 0 && row < m_board.agents.size() ? &m_board.agents[row] : nullptr;
}

int BoardAgentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_board.agents.size());
}

int BoardAgentsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BoardAgentsModel::data(const QModelIndex &index, int role) const
{
    const team::BoardAgent *agent = agentAt(index.row());
    if (!agent || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole))
        return {};
    // The board's times are the server's; its own clock reading (atMs) measures them.
    const qint64 now = m_board.atMs;
    switch (index.column()) {
    case Name: return agent->name;
    case Role: return roleLabel(agent->role);
    case Department: return agent->department.isEmpty() ? tr("—") : agent->department;
    case Status:
        if (agent->online)
            return tr("Online");
        return agent->seenAtMs ? tr("Offline, last seen %1 ago").arg(formatDuration(now - agent->seenAtMs))
                               : tr("Offline");
    case Holding: return tr("%1 of %2").arg(agent->holding.size()).arg(agent->capacity);
    case LongestHold: return agent->holding.isEmpty() ? tr("—") : formatDuration(longestHoldMs(*agent, now));
    case Typing: {
        const bool typing = std::any_of(agent->holding.begin(), agent->holding.end(),
                                        [](const auto &held) { return held.typing; });
        return typing ? tr("Typing a reply") : QString();
    }
    default: return {};
    }
}

QVariant BoardAgentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Agent");
    case Role: return tr("Role");
    case Department: return tr("Department");
    case Status: return tr("Status");
    case Holding: return tr("Threads held");
    case LongestHold: return tr("Longest held");
    case Typing: return tr("Now");
    default: return {};
    }
}

BoardQueueModel::BoardQueueModel(QObject *parent) : QAbstractTableModel(parent) {}

void BoardQueueModel::setBoard(const team::Board &board)
{
    beginResetModel();
    m_rows.clear();
    for (const team::BoardQueue &queue : board.byCategory)
        m_rows.push_back({categoryLabel(queue.group), queue});
    for (const team::BoardQueue &queue : board.byDepartment)
        m_rows.push_back({tr("Department: %1").arg(queue.group), queue});
    // Ages measured on the server's clock, like the queue's times.
    for (Row &row : m_rows)
        row.queue.oldestWaitingSinceMs = row.queue.oldestWaitingSinceMs ? board.atMs - row.queue.oldestWaitingSinceMs : 0;
    endResetModel();
}

int BoardQueueModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int BoardQueueModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BoardQueueModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    if (role == Qt::TextAlignmentRole && index.column() != Group)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Group: return row.label;
    case Waiting: return row.queue.waiting;
    case Unclaimed: return row.queue.unclaimed;
    // A breach is said in words too, not only by a number.
    case Overdue: return row.queue.overdue ? tr("%Ln overdue", nullptr, row.queue.overdue) : tr("none");
    case Oldest: return row.queue.oldestWaitingSinceMs ? formatDuration(row.queue.oldestWaitingSinceMs) : tr("—");
    default: return {};
    }
}

QVariant BoardQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Group: return tr("Queue");
    case Waiting: return tr("Waiting");
    case Unclaimed: return tr("Not taken");
    case Overdue: return tr("Past due");
    case Oldest: return tr("Oldest waits");
    default: return {};
    }
}

BoardOverridesModel::BoardOverridesModel(QObject *parent) : QAbstractTableModel(parent) {}

void BoardOverridesModel::setBoard(const team::Board &board)
{
    beginResetModel();
    m_rows = board.guardOverrides;
    endResetModel();
}

int BoardOverridesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BoardOverridesModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BoardOverridesModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_rows.size())
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    const GuardOverrideEntry &row = m_rows[index.row()];
    switch (index.column()) {
    case When: return formatDateTime(row.atMs);
    case Agent: return row.agentName;
    case Thread: return QStringLiteral("%1 · %2").arg(row.channel, row.thread);
    case Kinds: {
        QStringList kinds;
        for (const QString &id : row.kinds)
            kinds << (findingKindFromId(id) ? label(*findingKindFromId(id)) : id);
        return kinds.join(QStringLiteral(", "));
    }
    case Reason: return row.reason;
    default: return {};
    }
}

QVariant BoardOverridesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When: return tr("When");
    case Agent: return tr("Agent");
    case Thread: return tr("Thread");
    case Kinds: return tr("Marked not personal data");
    case Reason: return tr("Reason");
    default: return {};
    }
}

TeamBoardPane::TeamBoardPane(QWidget *parent)
    : QWidget(parent), m_agents(new BoardAgentsModel(this)), m_queue(new BoardQueueModel(this)),
      m_overrides(new BoardOverridesModel(this)), m_overridesTitle(new QLabel(this)),
      m_overridesView(new QTableView(this)), m_summary(new QLabel(this)), m_agentsTitle(new QLabel(this)),
      m_queueTitle(new QLabel(this)), m_message(new QLabel(this)), m_agentsView(new QTableView(this)),
      m_queueView(new QTableView(this)), m_release(new QPushButton(this)), m_reassign(new QPushButton(this)),
      m_refresh(new QPushButton(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("teamBoard"));
    m_summary->setObjectName(QStringLiteral("boardSummary"));
    m_message->setObjectName(QStringLiteral("boardMessage"));
    m_message->setWordWrap(true);
    for (QTableView *view : {m_agentsView, m_queueView, m_overridesView}) {
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->setAlternatingRowColors(true);
        view->setTabKeyNavigation(false);
    }
    m_agentsView->setModel(m_agents);
    m_queueView->setModel(m_queue);
    m_agentsTitle->setBuddy(m_agentsView);
    m_queueTitle->setBuddy(m_queueView);
    m_overridesView->setModel(m_overrides);
    m_overridesView->setObjectName(QStringLiteral("boardGuardOverrides"));
    m_overridesTitle->setBuddy(m_overridesView);
    m_overridesTitle->hide();
    m_overridesView->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_release);
    buttons->addWidget(m_reassign);
    buttons->addStretch();
    buttons->addWidget(m_refresh);
    auto *tables = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(m_agentsTitle);
    left->addWidget(m_agentsView);
    left->addLayout(buttons);
    auto *right = new QVBoxLayout;
    right->addWidget(m_queueTitle);
    right->addWidget(m_queueView);
    tables->addLayout(left, 3);
    tables->addLayout(right, 2);
    // The agents and the queue come first; the overrides take what the supervisor gives them
    // (a splitter), not half of a short dock.
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(tables);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_overridesTitle);
    bottomLayout->addWidget(m_overridesView);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("boardSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    bottom->hide(); // shown to the roles that see the overrides
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(m_release, &QPushButton::clicked, this, &TeamBoardPane::promptRelease);
    connect(m_reassign, &QPushButton::clicked, this, &TeamBoardPane::promptReassign);
    connect(m_refresh, &QPushButton::clicked, this, &TeamBoardPane::refresh);
    connect(m_agentsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TeamBoardPane::updateButtons);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &TeamBoardPane::refresh);
    retranslate();
    updateButtons();
}

void TeamBoardPane::setTeamLink(team::TeamLink *link)
{
    m_link = link;
    m_board = {};
    m_agents->setBoard(m_board);
    m_queue->setBoard(m_board);
    m_overrides->setBoard(m_board);
    retranslate();
    updateButtons();
    if (isVisible())
        refresh();
}

void TeamBoardPane::refresh()
{
    if (!m_link) {
        showMessage(tr("The board shows a team's work: this cache is not joined to a team (Settings > Team)."));
        return;
    }
    if (m_reading)
        return; // one read at a time; the timer comes back
    m_reading = true;
    m_link->call<team::Board>([](const QSqlDatabase &db) { return team::readBoard(db); }, this,
                              [this](const Result<team::Board> &board) {
                                  m_reading = false;
                                  if (!board) {
                                      showMessage(board.error());
                                  } else {
                                      showBoard(*board);
                                      showMessage(QString());
                                  }
                                  emit refreshed();
                              });
}

void TeamBoardPane::showBoard(const team::Board &board)
{
    // Keep the selected agent selected across a refresh.
    const team::BoardAgent *before = m_agents->agentAt(m_agentsView->currentIndex().row());
    const QString selectedLogin = before ? before->login : QString();
    m_board = board;
    m_agents->setBoard(board);
    m_queue->setBoard(board);
    m_overrides->setBoard(board);
    m_overridesTitle->setVisible(board.seesGuardOverrides);
    m_overridesView->setVisible(board.seesGuardOverrides);
    m_overridesView->parentWidget()->setVisible(board.seesGuardOverrides); // the splitter's lower pane
    m_overridesView->resizeColumnsToContents();
    for (int row = 0; row < m_agents->rowCount(); ++row)
        if (m_agents->agentAt(row)->login == selectedLogin)
            m_agentsView->selectRow(row);
    m_agentsView->resizeColumnsToContents();
    m_queueView->resizeColumnsToContents();
    retranslate();
    updateButtons();
}

QString TeamBoardPane::summaryText() const { return m_summary->text(); }

QString TeamBoardPane::message() const { return m_message->text(); }

void TeamBoardPane::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

std::optional<team::TeamThreadRef> TeamBoardPane::selectedHeldThread() const
{
    const team::BoardAgent *agent = m_agents->agentAt(m_agentsView->currentIndex().row());
    if (!agent || agent->holding.isEmpty())
        return std::nullopt;
    // The thread held longest: the one a supervisor most likely needs to move.
    const auto oldest = std::min_element(agent->holding.begin(), agent->holding.end(),
                                         [](const auto &a, const auto &b) { return a.sinceMs < b.sinceMs; });
    return oldest->thread;
}

void TeamBoardPane::releaseSelected(const QString &reason)
{
    const auto thread = selectedHeldThread();
    if (!thread || !m_link)
        return;
    const team::TeamThreadRef ref = *thread;
    m_link->call<bool>([ref, reason](const QSqlDatabase &db) { return team::releaseThread(db, ref, reason); }, this,
                       [this, ref](const Result<bool> &released) {
                           showMessage(released ? tr("Released %1.").arg(ref.toString()) : released.error());
                           refresh();
                       });
}

void TeamBoardPane::reassignSelected(const QString &login)
{
    const auto thread = selectedHeldThread();
    if (!thread || !m_link || login.isEmpty())
        return;
    const team::TeamThreadRef ref = *thread;
    m_link->callStatus([ref, login](const QSqlDatabase &db) { return team::assignThread(db, ref, login); }, this,
                       [this, ref, login](const Status &assigned) {
                           showMessage(assigned ? tr("%1 now holds %2.").arg(login, ref.toString())
                                                : assigned.error());
                           refresh();
                       });
}

void TeamBoardPane::promptRelease()
{
    const auto thread = selectedHeldThread();
    if (!thread)
        return;
    bool ok = false;
    const QString reason =
        QInputDialog::getText(this, tr("Release a Thread"),
                              tr("Why is %1 released? The reason is kept in the audit log.").arg(thread->toString()),
                              QLineEdit::Normal, QString(), &ok);
    if (ok)
        releaseSelected(reason);
}

void TeamBoardPane::promptReassign()
{
    const auto thread = selectedHeldThread();
    if (!thread)
        return;
    QStringList logins;
    for (const team::BoardAgent &agent : std::as_const(m_board.agents))
        logins << agent.login;
    bool ok = false;
    const QString login = QInputDialog::getItem(this, tr("Reassign a Thread"),
                                                tr("Give %1 to:").arg(thread->toString()), logins, 0, false, &ok);
    if (ok)
        reassignSelected(login);
}

void TeamBoardPane::updateButtons()
{
    const bool held = selectedHeldThread().has_value();
    m_release->setEnabled(m_link && held);
    m_reassign->setEnabled(m_link && held);
    m_refresh->setEnabled(m_link != nullptr);
}

void TeamBoardPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    refresh();
}

void TeamBoardPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void TeamBoardPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TeamBoardPane::retranslate()
{
    int online = 0;
    for (const team::BoardAgent &agent : std::as_const(m_board.agents))
        online += agent.online ? 1 : 0;
    m_summary->setText(m_board.atMs == 0 ? tr("Reading the team's board…")
                                         : tr("%1 of %2 agents online · %3 awaiting approval · %4 sent back · "
                                              "as of %5")
                                               .arg(formatCount(online), formatCount(m_board.agents.size()),
                                                    formatCount(m_board.awaitingApproval),
                                                    formatCount(m_board.sentBack), formatDateTime(m_board.atMs)));
    m_agentsTitle->setText(tr("&Agents"));
    m_queueTitle->setText(tr("&Queue"));
    m_overridesTitle->setText(tr("Guard &overrides: findings agents marked as not personal data"));
    m_overridesView->setAccessibleName(tr("Guard overrides"));
    m_overridesView->setAccessibleDescription(
        tr("When, who, on which thread, the kinds marked as not personal data and the reason"));
    m_release->setText(tr("Re&lease…"));
    m_release->setToolTip(tr("Release the thread the selected agent has held longest (audited)"));
    m_reassign->setText(tr("Rea&ssign…"));
    m_reassign->setToolTip(tr("Give the thread the selected agent has held longest to a colleague (audited)"));
    m_refresh->setText(tr("Re&fresh"));
    m_refresh->setToolTip(tr("Reads the team's board again now"));
    m_agentsView->setAccessibleName(tr("Agents"));
    m_agentsView->setAccessibleDescription(tr("Who is online, what each holds and for how long"));
    m_queueView->setAccessibleName(tr("Queue"));
    m_queueView->setAccessibleDescription(tr("Waiting threads by category and department, with those past due"));
    m_release->setAccessibleName(m_release->text().remove(QLatin1Char('&')));
    m_reassign->setAccessibleName(m_reassign->text().remove(QLatin1Char('&')));
    m_refresh->setAccessibleName(m_refresh->text().remove(QLatin1Char('&')));
}

} // namespace sportello::ui
