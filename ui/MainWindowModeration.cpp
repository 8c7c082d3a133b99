// Comment moderation from the console: which comment, why, and the platform's answer.
// The core does the work (outbox/Moderation.h, through ConsoleSession::moderateComment).

#include "MainWindow.h"

#include "common/AppSettings.h"
#include "dialogs/ModerationDialog.h"
#include "models/ConversationModel.h"
#include "outbox/Moderation.h"
#include "session/ConsoleSession.h"
#include "team/TeamModeration.h"
#include "views/ConversationPane.h"
#include "views/TriagePanel.h"

#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <optional>

namespace sportello::ui {

namespace {

// The thread's posts that moderation may act on: customers' public comments (not the post they
// are under).
QVector<PostView> moderatableComments(const ThreadDetail &thread)
{
    QVector<PostView> comments;
    if (!outbox::channelCanHideComments(thread.channel))
        return comments;
    for (const PostView &p : thread.posts)
        if (p.direction == Direction::Inbound && p.visibility == Visibility::Public && !p.inReplyTo.isEmpty())
            comments.append(p);
    return comments;
}

} // namespace

void MainWindow::connectModeration()
{
    connect(m_panel, &TriagePanel::hideCommentRequested, this, [this] { moderateComment(); });
    QListView *list = m_conversation->listView();
    list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(list, &QListView::customContextMenuRequested, this, [this, list](const QPoint &at) {
        const QModelIndex index = list->indexAt(at);
        const qint64 postId = index.data(ConversationModel::PostIdRole).toLongLong();
        if (!m_session || postId == 0 || !m_conversation->model()->hasThread())
            return;
        const QVector<PostView> comments = moderatableComments(m_conversation->model()->thread());
        const auto it =
            std::find_if(comments.cbegin(), comments.cend(), [postId](const PostView &p) { return p.id == postId; });
        if (it == comments.cend())
            return;
        QMenu menu(this);
        // While the hub has not taken it up, the comment's request can be cancelled instead.
        if (it->moderationState == QLatin1String("pending")) {
            QAction *cancel = menu.addAction(tr("&Cancel the Request to the Hub"));
            connect(cancel, &QAction::triggered, this, [this, postId] { cancelModerationRequest(postId); });
        } else {
            QAction *action = menu.addAction(it->hidden ? tr("&Unhide This Comment…") : tr("&Hide This Comment…"));
            connect(action, &QAction::triggered, this, [this, postId] { moderateComment(postId); });
        }
        menu.exec(list->viewport()->mapToGlobal(at));
    });
}

void MainWindow::moderateComment(qint64 postId)
{
    if (!m_session) {
        statusBar()->showMessage(tr("Open a cache first (File > Open Cache)."), 5000);
        return;
    }
    const ConversationModel *model = m_conversation->model();
    if (!model->hasThread()) {
        statusBar()->showMessage(tr("Select a thread in the queue first."), 5000);
        return;
    }
    const ThreadDetail &thread = model->thread();
    if (!outbox::channelCanHideComments(thread.channel)) {
        QMessageBox::information(this, tr("Hide a Comment"),
                                 tr("Sportello hides comments on Facebook and Instagram only; on %1, do it on the "
                                    "platform itself.")
                                     .arg(label(thread.channel)));
        return;
    }
    const QVector<PostView> comments = moderatableComments(thread);
    if (comments.isEmpty()) {
        QMessageBox::information(this, tr("Hide a Comment"),
                                 tr("This thread has no customer comment that can be hidden: the post the comments "
                                    "are under, the page's own comments and private messages cannot be."));
        return;
    }
    // Which comments expose personal data: the conversation's marker says so.
    QSet<qint64> exposing;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (!index.data(ConversationModel::ExposureRole).toString().isEmpty())
            exposing.insert(index.data(ConversationModel::PostIdRole).toLongLong());
    }
    qint64 chosen = postId;
    if (chosen == 0)
        for (const PostView &p : comments)
            if (exposing.contains(p.id) && !p.hidden) {
                chosen = p.id;
                break;
            }
    if (chosen == 0)
        for (const PostView &p : comments)
            if (p.answeredAtMs == 0 && !p.hidden)
                chosen = p.id; // the newest comment still waiting
    ModerationDialog dialog(thread.channel, comments, exposing, chosen, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applyModeration(dialog.postId(), dialog.action(), dialog.reason(), dialog.note());
}

void MainWindow::applyModeration(qint64 postId, outbox::ModerationAction action, outbox::ModerationReason reason,
                                 const QString &note)
{
    if (!m_session)
        return;
    auto target = outbox::readModerationTarget(m_session->database(), postId);
    if (!target) {
        QMessageBox::warning(this, tr("Hide a Comment"), target.error());
        return;
    }
    outbox::ModerationRequest request;
    request.target = *target;
    request.action = action;
    request.reason = reason;
    request.note = note;
    request.agent = m_settings.agent();
    const bool hide = action == outbox::ModerationAction::Hide;
    const QString platform = label(target->channel);
    statusBar()->showMessage(hide ? tr("Hiding the comment on %1…").arg(platform)
                                  : tr("Showing the comment again on %1…").arg(platform));
    const qint64 threadId = target->threadId;
    const bool team = m_session->isTeamMode();
    QPointer<MainWindow> self(this);
    m_session->moderateComment(request, [self, hide, platform, threadId, team](const Status &status) {
        if (!self)
            return;
        self->statusBar()->clearMessage();
        if (!status) {
            QMessageBox::warning(self, hide ? tr("Comment Not Hidden") : tr("Comment Not Unhidden"), status.error());
            return;
        }
        if (team) // recorded for the hub: the comment shows the request until the feed brings its outcome
            self->statusBar()->showMessage(hide ? tr("Sent to the hub, which hides the comment on %1.").arg(platform)
                                                : tr("Sent to the hub, which shows the comment again on %1.")
                                                      .arg(platform),
                                           8000);
        else
            self->statusBar()->showMessage(hide ? tr("The comment is hidden on %1.").arg(platform)
                                                : tr("The comment is visible again on %1.").arg(platform),
                                           8000);
        if (self->m_currentThreadId == threadId)
            self->reshowCurrentThread();
    });
}

void MainWindow::cancelModerationRequest(qint64 postId)
{
    if (!m_session || !m_session->isTeamMode()) {
        statusBar()->showMessage(tr("Requests to the hub exist in team mode only."), 5000);
        return;
    }
    const ConversationModel *model = m_conversation->model();
    if (!model->hasThread()) {
        statusBar()->showMessage(tr("Select a thread in the queue first."), 5000);
        return;
    }
    // The cache's requests, not the shown thread's: the feed may have brought a hub's claim since.
    const ThreadDetail &thread = model->thread();
    std::optional<team::TeamModerationRequest> pending;
    bool claimed = false;
    for (const PostView &p : moderatableComments(thread)) {
        if (postId != 0 && p.id != postId)
            continue;
        auto request = team::latestModerationRequest(m_session->database(), thread.channel, p.externalId);
        if (!request) {
            showQueryError(request.error());
            return;
        }
        if (!*request)
            continue;
        if ((*request)->state == QLatin1String("pending")) {
            pending = **request;
            break;
        }
        claimed = claimed || (*request)->state == QLatin1String("in_progress");
    }
    if (!pending) {
        statusBar()->showMessage(claimed ? tr("The hub is already performing the request: it can no longer be "
                                              "cancelled.")
                                         : tr("No request to the hub waits on this thread."),
                                 8000);
        return;
    }
    const qint64 threadId = m_currentThreadId;
    QPointer<MainWindow> self(this);
    m_session->cancelModerationRequest(
        pending->id, m_settings.agent().name, [self, threadId](const Result<bool> &cancelled) {
            if (!self)
                return;
            if (!cancelled) {
                QMessageBox::warning(self, tr("Request Not Cancelled"), cancelled.error());
            } else {
                self->statusBar()->showMessage(*cancelled ? tr("The request to the hub is cancelled.")
                                                          : tr("The request was settled meanwhile: nothing to "
                                                               "cancel."),
                                               8000);
            }
            if (self->m_currentThreadId == threadId)
                self->reshowCurrentThread();
        });
}

void MainWindow::announceModerationOutcomes()
{
    if (!m_session || !m_session->isTeamMode())
        return;
    auto requests = team::listModerationRequests(m_session->database(), false, 100);
    if (!requests) {
        showQueryError(requests.error());
        return;
    }
    qint64 newest = m_moderationMark;
    const team::TeamModerationRequest *latest = nullptr; // this desktop's newest outcome
    for (const team::TeamModerationRequest &r : *requests) {
        if (r.open() || r.settledAtMs <= m_moderationMark)
            continue;
        newest = std::max(newest, r.settledAtMs);
        if (r.teamState != QLatin1String("from_team") && (!latest || r.settledAtMs > latest->settledAtMs))
            latest = &r;
    }
    if (newest == m_moderationMark)
        return;
    m_moderationMark = newest;
    // A comment's new state (hidden, or the refusal under it) shows at once in the open thread,
    // a colleague's request as well as this agent's.
    if (m_currentThreadId != 0)
        reshowCurrentThread();
    if (!latest)
        return; // a colleague's: announced to them, not here
    const bool hide = latest->action == outbox::ModerationAction::Hide;
    const QString platform = label(latest->channel);
    if (latest->state == QLatin1String("cancelled")) {
        // Cancelled here (said when it was done), or by a supervisor: the comment shows it.
        statusBar()->showMessage(tr("The request to the hub was cancelled by %1.").arg(latest->explanation), 10000);
        return;
    }
    if (latest->state == QLatin1String("expired")) {
        statusBar()->showMessage(hide ? tr("No hub hid the comment on %1 within a day: the request expired. Ask again "
                                           "if it is still needed.")
                                            .arg(platform)
                                      : tr("No hub showed the comment again on %1 within a day: the request expired. "
                                           "Ask again if it is still needed.")
                                            .arg(platform),
                                 15000);
        return;
    }
    if (latest->state == QLatin1String("done")) {
        statusBar()->showMessage(hide ? tr("The hub hid the comment on %1.").arg(platform)
                                      : tr("The hub showed the comment again on %1.").arg(platform),
                                 10000);
        return;
    }
    // A refusal is the agent's to act on (a permission to grant, a comment to answer privately).
    QMessageBox::warning(this, hide ? tr("Comment Not Hidden") : tr("Comment Not Unhidden"),
                         hide ? tr("The hub could not hide the comment on %1: %2").arg(platform, latest->explanation)
                              : tr("The hub could not show the comment again on %1: %2")
                                    .arg(platform, latest->explanation));
}

} // namespace sportello::ui
