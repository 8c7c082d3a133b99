// Hiding a comment from the console, offscreen: the triage panel offers it where the customer
// exposed personal data in a Facebook comment, Ctrl+Shift+H asks which comment and why, the
// platform's answer is stored and shown (a hidden comment says so), refusals are explained, and
// the dialog's rules hold (a reason "other" needs a note, a comment that cannot be hidden is not
// offered).
#include "ConsoleFixture.h"
#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "MainWindow.h"
#include "accounts/Accounts.h"
#include "accounts/TokenStore.h"
#include "dialogs/ModerationDialog.h"
#include "models/ConversationModel.h"
#include "outbox/Moderation.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/TriagePanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::MainWindow;

namespace {

constexpr qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z
const QString kPage = QStringLiteral("1234567890321");
const QString kPost = QStringLiteral("1234567890321_901097836652708");
const QString kComment = QStringLiteral("901097836652708_900744590021366");
const QString kToken = QStringLiteral("EAAGconsoleMODERATION0123456789");

QString moderationBody(const char *name)
{
    return sharedDataDir() + QStringLiteral("/meta_graph_comment_moderation/") + QLatin1String(name);
}

void fill(Database &db, quint16 port)
{
    REQUIRE(accounts::AccountStore(db)
                .add(Channel::Facebook, kPage, QStringLiteral("http://127.0.0.1:%1").arg(port), QString(), 0)
                .ok());
    PostRecord root = outboundPost(kPost, kPost, kStart, QStringLiteral("Nuova polizza casa"));
    root.author.externalId = kPage;
    PostRecord customer = inboundPost(kPost, kComment, kStart + 60'000,
                                      QStringLiteral("Il mio codice fiscale è RSSMRA85T10A562S, chiamatemi"));
    customer.inReplyTo = kPost;
    customer.moderation = ModerationFlags{false, true};
    PostRecord other = inboundPost(kPost, QStringLiteral("901097836652708_2"), kStart + 90'000,
                                   QStringLiteral("Anche io aspetto una risposta"));
    other.inReplyTo = kPost;
    // An X thread: Sportello does not hide there.
    PostRecord tweet = inboundPost(QStringLiteral("x1"), QStringLiteral("x1"), kStart + 30'000,
                                   QStringLiteral("Codice fiscale RSSMRA85T10A562S"), Channel::X);
    ingest(db, {root, customer, other, tweet});
}

qint64 threadOf(Database &db, const QString &post)
{
    return scalar(db, QStringLiteral("SELECT thread_id FROM posts WHERE external_id = '%1'").arg(post)).toLongLong();
}

qint64 postIdOf(Database &db, const QString &post)
{
    return scalar(db, QStringLiteral("SELECT id FROM posts WHERE external_id = '%1'").arg(post)).toLongLong();
}

bool shownHidden(MainWindow &w, qint64 postId)
{
    const auto *model = w.conversationPane()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex index = model->index(r, 0);
        if (index.data(ui::ConversationModel::PostIdRole).toLongLong() == postId)
            return index.data(ui::ConversationModel::HiddenRole).toBool();
    }
    return false;
}

int hiddenInCache(Database &db, qint64 postId)
{
    return scalar(db, QStringLiteral("SELECT coalesce((SELECT is_hidden FROM post_moderation WHERE post_id = %1), 0)")
                          .arg(postId))
        .toInt();
}

} // namespace

TEST_CASE("the console hides a comment that exposes personal data and shows it hidden", "[ui][moderation]")
{
    LocalHttpServer server;
    REQUIRE(server.listening());
    ConsoleOptions options;
    options.nowMs = kStart + 5 * 60'000;
    ConsoleFixture c([&](Database &db) { fill(db, server.port()); }, std::move(options));
    REQUIRE(c.tokens->write(accounts::accountTokenKey(Channel::Facebook, kPage), kToken).ok());
    MainWindow &w = c.w();
    Database &db = c.db();
    const qint64 comment = postIdOf(db, kComment);
    REQUIRE(w.queuePane()->selectThread(threadOf(db, kPost)));

    // Offered where the guard found the tax code, with its shortcut.
    QPushButton *offer = c.panel().hideCommentButton();
    CHECK(offer->isVisibleTo(&w));
    CHECK(offer->toolTip().contains(QLatin1String("Facebook")));
    CHECK(offer->text().contains(QLatin1String("Ctrl+Shift+H")));
    CHECK(w.moderateAction()->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));

    // Ctrl+Shift+H: the dialog preselects the comment with the tax code; the agent confirms.
    const QString path = QStringLiteral("/v19.0/") + kComment;
    server.enqueue(path, CannedResponse::jsonFile(200, moderationBody("restfb_success_true.json")));
    QString offered;
    bool okEnabled = false;
    whenModal(&w, [&](QWidget *modal) {
        auto *dialog = qobject_cast<ui::ModerationDialog *>(modal);
        REQUIRE(dialog);
        offered = dialog->commentBox()->currentText();
        CHECK(dialog->postId() == comment);
        CHECK(dialog->action() == outbox::ModerationAction::Hide);
        CHECK(dialog->commentBox()->count() == 2); // the two customers' comments, not the page's post
        okEnabled = dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled();
        dialog->accept();
    });
    c.key(Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(okEnabled);
    CHECK(offered.contains(QLatin1String("personal data")));
    REQUIRE(QTest::qWaitFor([&] { return hiddenInCache(db, comment) == 1; }, 10000));
    REQUIRE(QTest::qWaitFor([&] { return shownHidden(w, comment); }, 5000));
    CHECK(server.requests().last().body == "is_hidden=true");
    // Hidden already: nothing is offered any more.
    CHECK_FALSE(offer->isVisibleTo(&w));
    CHECK(scalar(db, QStringLiteral("SELECT json_extract(details, '$.reason') FROM audit_log WHERE action = "
                                    "'comment_hidden'"))
              .toString() == QLatin1String("personal_data"));

    // Shown again from the same place; the dialog now offers to unhide it.
    server.enqueue(path, CannedResponse::jsonFile(200, moderationBody("restfb_success_true.json")));
    w.applyModeration(comment, outbox::ModerationAction::Unhide, outbox::ModerationReason::Other,
                      QStringLiteral("hidden by mistake"));
    REQUIRE(QTest::qWaitFor([&] { return hiddenInCache(db, comment) == 0; }, 10000));
    REQUIRE(QTest::qWaitFor([&] { return !shownHidden(w, comment); }, 5000));

    // A refusal is explained in a message box, and nothing changes.
    server.replace(path, CannedResponse::jsonFile(403, moderationBody("error_code200_requires_pages_manage_engagement_"
                                                                      "RECONSTRUCTED.json")));
    QString refusal;
    whenModal(&w, [&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box);
        refusal = box->text();
        box->accept();
    });
    w.applyModeration(comment, outbox::ModerationAction::Hide, outbox::ModerationReason::PersonalData, QString());
    REQUIRE(QTest::qWaitFor([&] { return !refusal.isEmpty(); }, 10000));
    CHECK(refusal.contains(QLatin1String("pages_manage_engagement")));
    CHECK(hiddenInCache(db, comment) == 0);

    // On X the console says where to do it instead.
    REQUIRE(w.queuePane()->selectThread(threadOf(db, QStringLiteral("x1"))));
    CHECK_FALSE(c.panel().hideCommentButton()->isVisibleTo(&w));
    QString elsewhere;
    whenModal(&w, [&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box);
        elsewhere = box->text();
        box->accept();
    });
    w.moderateComment();
    CHECK(elsewhere.contains(QLatin1String("Facebook and Instagram only")));
}

TEST_CASE("the moderation dialog asks a note for other and refuses what cannot be hidden", "[ui][moderation]")
{
    PostView visible;
    visible.id = 1;
    visible.authorHandle = QStringLiteral("mario");
    visible.text = QStringLiteral("Una lamentela");
    visible.inReplyTo = QStringLiteral("p");
    PostView locked = visible;
    locked.id = 2;
    locked.canHide = false;
    PostView hidden = visible;
    hidden.id = 3;
    hidden.hidden = true;
    ui::ModerationDialog dialog(Channel::Facebook, {visible, locked, hidden}, {1}, 0);
    QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);
    CHECK(dialog.postId() == 1);
    CHECK(ok->isEnabled());
    CHECK(dialog.commentBox()->itemText(0).contains(QLatin1String("personal data")));

    // "Other" needs the agent's words.
    dialog.reasonBox()->setCurrentIndex(dialog.reasonBox()->findData(QStringLiteral("other")));
    CHECK_FALSE(ok->isEnabled());
    dialog.noteEdit()->setText(QStringLiteral("insulti ripetuti"));
    CHECK(ok->isEnabled());
    CHECK(dialog.note() == QLatin1String("insulti ripetuti"));
    CHECK(dialog.reason() == outbox::ModerationReason::Other);
    CHECK(dialog.noteEdit()->maxLength() == outbox::kModerationNoteMax);

    // The platform said it cannot be hidden: not offered, and why.
    dialog.commentBox()->setCurrentIndex(1);
    CHECK_FALSE(ok->isEnabled());
    CHECK(dialog.explanation().contains(QLatin1String("cannot be hidden")));

    // A hidden one is shown again.
    dialog.commentBox()->setCurrentIndex(2);
    CHECK(ok->isEnabled());
    CHECK(dialog.action() == outbox::ModerationAction::Unhide);
    CHECK(ok->text().contains(QLatin1String("Unhide")));
    CHECK(dialog.commentBox()->itemText(2).contains(QLatin1String("hidden")));
}

TEST_CASE("the conversation header keeps its wrapped lines apart under a long unbroken name", "[ui]")
{
    // The customer's name here is one long word (an unbroken handle): it must not widen the
    // header past the pane, or the lines under it are measured too wide and overlap.
    LocalHttpServer server;
    REQUIRE(server.listening());
    ConsoleOptions options;
    options.nowMs = kStart + 5 * 60'000;
    options.size = QSize(1400, 850);
    ConsoleFixture c([&](Database &db) { fill(db, server.port()); }, std::move(options));
    MainWindow &w = c.w();
    REQUIRE(w.queuePane()->selectThread(threadOf(c.db(), kPost)));
    QTest::qWait(100); // the layout settles
    QWidget *header = w.conversationPane()->findChild<QWidget *>(QStringLiteral("conversationHeader"));
    REQUIRE(header);
    CHECK(header->width() <= w.conversationPane()->width());
    int checked = 0;
    for (QLabel *label : header->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(header) || !label->wordWrap() || label->text().isEmpty())
            continue;
        INFO(label->objectName().toStdString() << ": " << label->text().toStdString());
        CHECK(label->geometry().right() <= header->contentsRect().right());
        CHECK(label->height() >= label->heightForWidth(label->width()));
        ++checked;
    }
    CHECK(checked >= 3);
}
