// The customer card in the console (views/CustomerCard): the customer's other threads after a
// link made from the card, opening one by the keyboard, unlinking, the suggestions, and the
// policyholder reference refused on a public thread and stored from a private one (the guard then
// knows it).

#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "customers/CrmLink.h"
#include "customers/Customers.h"
#include "dialogs/GuardPage.h"
#include "dialogs/PolicyEditor.h"
#include "dialogs/SettingsDialog.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamReplica.h"
#include "timers/PolicyStore.h"
#include "views/CustomerCard.h"
#include "views/QueuePane.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QInputDialog>
#include <QMessageBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using CardView = sportello::ui::CustomerCard;
using sportello::ui::AppSettings;
using sportello::ui::MainWindow;
using sportello::ui::SettingsDialog;

// Stands in for the browser: QDesktopServices hands it the https address instead of opening it.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened << url; }
};

namespace {

PostRecord postBy(Channel channel, const char *thread, const char *id, const char *authorId, const char *handle,
                  const char *name, Visibility visibility, const char *at)
{
    PostRecord p = inboundPost(QLatin1String(thread), QLatin1String(id), utcMs(at),
                               QStringLiteral("Buongiorno, una domanda sul rinnovo"), channel);
    p.author = {QLatin1String(authorId), QLatin1String(handle), QLatin1String(name), 10};
    p.visibility = visibility;
    return p;
}

void fill(Database &db)
{
    ingest(db, {postBy(Channel::Facebook, "fb-t1", "fb-p1", "fb-mario", "mario.rossi", "Mario Rossi",
                       Visibility::Public, "2026-03-10T09:00:00Z"),
                postBy(Channel::X, "x-t1", "x-p1", "x-mario", "Mario_Rossi85", "Mario R.", Visibility::Public,
                       "2026-03-10T09:10:00Z"),
                postBy(Channel::Instagram, "ig-t1", "ig-p1", "ig-mario", "m.r_1985", "Mario Rossi", Visibility::Private,
                       "2026-03-10T09:20:00Z"),
                postBy(Channel::Facebook, "fb-t2", "fb-p2", "fb-luca", "luca.verdi", "Luca Verdi", Visibility::Public,
                       "2026-03-10T09:30:00Z")});
}

qint64 threadId(MainWindow &w, const char *external)
{
    return scalar(w.session()->database(),
                  QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(QLatin1String(external)))
        .toLongLong();
}

int rowContaining(QListWidget *list, const QString &text)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text().contains(text))
            return i;
    return -1;
}

// The thread ids the card lists as the customer's other threads.
QVector<qint64> listedThreads(CardView *card)
{
    QVector<qint64> ids;
    for (const CustomerThread &t : card->data().threads)
        ids << t.threadId;
    return ids;
}

} // namespace

TEST_CASE("customer card: link from a suggestion, the other thread listed and opened, unlink", "[ui][customers]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    CardView *card = w.customerCard();
    REQUIRE(card);
    const qint64 fb = threadId(w, "fb-t1"), x = threadId(w, "x-t1");
    REQUIRE(w.queuePane()->selectThread(fb));
    CHECK(card->data().identities.size() == 1);
    CHECK(listedThreads(card).isEmpty());
    // The X and Instagram identities are suggested (handle, name); Luca is not. Nothing is linked.
    CHECK(card->suggestionList()->count() == 2);
    CHECK(rowContaining(card->suggestionList(), QStringLiteral("Luca")) < 0);
    CHECK(scalar(w.session()->database(), QStringLiteral("SELECT count(*) FROM customer_identities")).toInt() == 0);
    CHECK_FALSE(card->linkButton()->isEnabled()); // nothing chosen yet

    const int xRow = rowContaining(card->suggestionList(), QStringLiteral("Mario_Rossi85"));
    REQUIRE(xRow >= 0);
    card->suggestionList()->setCurrentRow(xRow);
    REQUIRE(card->linkButton()->isEnabled());
    QTest::mouseClick(card->linkButton(), Qt::LeftButton);
    CHECK(card->message().contains(QLatin1String("Linked")));
    CHECK(card->data().identities.size() == 2);
    CHECK(listedThreads(card) == QVector<qint64>{x});
    CHECK(card->suggestionList()->count() == 1);

    // Ctrl+Shift+U goes to the card's threads; Enter opens the other thread.
    console.key(Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(QApplication::focusWidget() == card->threadList());
    CHECK(card->threadList()->currentRow() == 0);
    console.key(Qt::Key_Return);
    REQUIRE(w.currentThreadId() == x);
    // The card follows: the Facebook thread is now the other one.
    CHECK(listedThreads(card) == QVector<qint64>{fb});

    // Unlink the Facebook identity from the card.
    const int fbRow = rowContaining(card->identityList(), QStringLiteral("mario.rossi"));
    REQUIRE(fbRow >= 0);
    card->identityList()->setCurrentRow(fbRow);
    REQUIRE(card->unlinkButton()->isEnabled());
    QTest::mouseClick(card->unlinkButton(), Qt::LeftButton);
    CHECK(card->data().identities.size() == 1);
    CHECK(listedThreads(card).isEmpty());
    CHECK(scalar(w.session()->database(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN "
                                                         "('customer_link', 'customer_unlink')"))
              .toInt() == 2);
}

TEST_CASE("customer card: the reference is refused on a public thread and stored from a private one", "[ui][customers]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    CardView *card = w.customerCard();
    REQUIRE(w.queuePane()->selectThread(threadId(w, "fb-t1")));
    card->referenceInput()->setText(QStringLiteral("PH-2024 77881"));
    QTest::mouseClick(card->storeReferenceButton(), Qt::LeftButton);
    CHECK(card->message().contains(QLatin1String("public")));
    CHECK_FALSE(card->data().policyholderRef.has_value());
    CHECK(w.session()->guardConfiguration().policyholderRefs.isEmpty());

    // In Mario's private Instagram conversation, by the keyboard (Enter in the field).
    REQUIRE(w.queuePane()->selectThread(threadId(w, "ig-t1")));
    card->referenceInput()->setFocus();
    console.type(QStringLiteral("PH-2024 77881"));
    console.key(Qt::Key_Return);
    INFO(card->message().toStdString());
    REQUIRE(card->data().policyholderRef.has_value());
    CHECK(card->referenceText().contains(QLatin1String("PH-2024 77881")));
    CHECK(card->referenceText().contains(QLatin1String("Marta Verdi")));
    // The console's guard knows it at once (the composer marks it in a public reply).
    CHECK(w.session()->guardConfiguration().policyholderRefs == QStringList{QStringLiteral("PH202477881")});
    // Settings > Personal Data Guard does not edit references: opened, it has nothing to save.
    ui::SettingsDialog settings(console.settings, w.session()->database(), console.clock, *console.tokens);
    settings.setCurrentPage(ui::SettingsDialog::Page::Guard);
    CHECK_FALSE(settings.guardPage()->changed());
}

TEST_CASE("customer card: the CRM address is built from the template and opened, from the card and by the shortcut",
          "[ui][customers][crm]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    CardView *card = w.customerCard();
    UrlCatcher browser;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
    struct Unset {
        ~Unset() { QDesktopServices::unsetUrlHandler(QStringLiteral("https")); }
    } unset;

    REQUIRE(w.queuePane()->selectThread(threadId(w, "ig-t1")));
    // None configured: said on the card and on the status bar, nothing opened.
    console.key(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(browser.opened.isEmpty());
    CHECK(card->message().contains(QLatin1String("crm-template")));

    REQUIRE(saveCrmTemplate(w.session()->database().connection(),
                            QStringLiteral("https://crm.example/customers?ref={policyholder_ref}&handle={handle}"))
                .ok());
    card->referenceInput()->setText(QStringLiteral("PH-2024 77881"));
    QTest::mouseClick(card->storeReferenceButton(), Qt::LeftButton);
    REQUIRE(card->data().policyholderRef.has_value());
    QTest::mouseClick(card->crmButton(), Qt::LeftButton);
    REQUIRE(browser.opened.size() == 1);
    CHECK(browser.opened.first().toString(QUrl::FullyEncoded) ==
          QLatin1String("https://crm.example/customers?ref=PH-2024%2077881&handle=m.r_1985"));

    // The shortcut, from the queue: Luca has no reference, so only his handle is looked up.
    REQUIRE(w.queuePane()->selectThread(threadId(w, "fb-t2")));
    w.queuePane()->focusQueue();
    CHECK_FALSE(w.openInCrmAction()->shortcut().isEmpty());
    console.key(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(browser.opened.size() == 2);
    CHECK(browser.opened.last().toString(QUrl::FullyEncoded) ==
          QLatin1String("https://crm.example/customers?handle=luca.verdi"));
}

TEST_CASE("settings: the CRM address is checked before anything is stored, shown again, and cleared",
          "[ui][customers][crm]")
{
    TempCache cache;
    QTemporaryDir dir;
    ManualClock clock(utcMs("2026-03-10T12:00:00Z"));
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setAgentName(QStringLiteral("Marta Verdi"));
    accounts::MemoryTokenStore tokens;
    const QSqlDatabase db = cache.db->connection();
    const QString kept = QStringLiteral("https://crm.example/customers?handle={handle}");
    REQUIRE(saveCrmTemplate(db, kept).ok()); // as sportello-cli customer crm-template stores it
    {
        SettingsDialog dialog(settings, *cache.db, clock, tokens);
        REQUIRE(dialog.crmTemplateField() != nullptr);
        CHECK(dialog.crmTemplateField()->text() == kept);
        // Each refused address keeps the dialog open on its page with the reason; nothing is
        // stored, not even another page's change.
        dialog.policyEditor()->dueSoonSpin()->setValue(40);
        for (const char *bad :
             {"javascript:alert(1)", "https://crm.example/c?tax={tax_code}", "https://{handle}.crm.example/",
              "ftp://crm.example/{handle}", "https://crm.example/{handle"}) {
            INFO(bad);
            dialog.setCurrentPage(SettingsDialog::Page::Policy);
            dialog.crmTemplateField()->setText(QString::fromLatin1(bad));
            dialog.accept();
            CHECK(dialog.result() != QDialog::Accepted);
            CHECK(dialog.errorText().contains(QLatin1String("CRM")));
            CHECK(dialog.crmTemplateField()->isVisibleTo(&dialog));
            CHECK(loadCrmTemplate(db).value() == kept);
            CHECK_FALSE(dialog.policyChanged());
            CHECK(PolicyStore(*cache.db).active().value().dueSoonFraction == Approx(0.25));
        }
        dialog.crmTemplateField()->setText(QStringLiteral(" https://crm.example/find?ref={policyholder_ref} "));
        dialog.accept();
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(loadCrmTemplate(db).value() == QLatin1String("https://crm.example/find?ref={policyholder_ref}"));
    }
    {
        SettingsDialog dialog(settings, *cache.db, clock, tokens);
        CHECK(dialog.crmTemplateField()->text() == QLatin1String("https://crm.example/find?ref={policyholder_ref}"));
        dialog.crmTemplateField()->clear();
        dialog.accept();
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(loadCrmTemplate(db).value().isEmpty());
    }
}


TEST_CASE("customer card: what a team round brings about the customer shown appears at once", "[ui][customers][team]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    CardView *card = w.customerCard();
    REQUIRE(card);
    REQUIRE(w.queuePane()->selectThread(threadId(w, "fb-t1")));
    CHECK(card->data().notes.isEmpty());
    // A colleague's note, as the feed writes it into the cache, then the round's report.
    Database &db = w.session()->database();
    const qint64 author = scalar(db, QStringLiteral("SELECT id FROM authors WHERE external_id = 'fb-mario'")).toLongLong();
    SystemClock clock;
    REQUIRE(CustomerStore(db, clock)
                .addNote(author, QStringLiteral("Preferisce il telefono"), Agent{QStringLiteral("luca"),
                                                                                  QStringLiteral("Luca Bianchi")})
                .ok());
    CHECK(card->data().notes.isEmpty());
    team::SyncReport report;
    report.pull.changes = 1;
    emit w.session()->teamChangesArrived(report);
    REQUIRE(card->data().notes.size() == 1);
    CHECK(card->data().notes.first().agentName == QStringLiteral("Luca Bianchi"));
}

// The erasure from the card (docs/privacy.md, "Erasure"): it asks why, asks to confirm, then the
// person (both linked identities) is anonymised and the one audit entry says who and why.
TEST_CASE("customer card: erasing the person asks why and to confirm, then anonymises both identities",
          "[ui][customers][privacy]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-10T12:00:00Z");
    ConsoleFixture console(fill, std::move(options));
    MainWindow &w = console.w();
    CardView *card = w.customerCard();
    Database &db = w.session()->database();
    REQUIRE(w.queuePane()->selectThread(threadId(w, "fb-t1")));
    const int xRow = rowContaining(card->suggestionList(), QStringLiteral("Mario_Rossi85"));
    REQUIRE(xRow >= 0);
    card->suggestionList()->setCurrentRow(xRow);
    REQUIRE(card->linkSelectedSuggestion());
    REQUIRE(card->eraseButton()->isEnabled());

    // Cancelled at the reason: nothing changes.
    whenModal(&w, [](QWidget *modal) {
        auto *input = qobject_cast<QInputDialog *>(modal);
        REQUIRE(input != nullptr);
        input->reject();
    });
    QTest::mouseClick(card->eraseButton(), Qt::LeftButton);
    const QString marioPosts = QStringLiteral(
        "SELECT count(*) FROM posts p JOIN authors a ON a.id = p.author_id WHERE a.external_id IN ('fb-mario', "
        "'x-mario') AND p.text <> ''");
    CHECK(scalar(db, marioPosts).toInt() == 2);

    QString confirmText;
    QString outcome;
    whenModal(&w, [&](QWidget *modal) {
        auto *input = qobject_cast<QInputDialog *>(modal);
        REQUIRE(input != nullptr);
        input->setTextValue(QStringLiteral("GDPR art. 17, request REQ-2026-0042"));
        whenModal(&w, [&](QWidget *next) {
            auto *box = qobject_cast<QMessageBox *>(next);
            REQUIRE(box != nullptr);
            confirmText = box->text();
            QAbstractButton *erase = nullptr;
            for (QAbstractButton *button : box->buttons())
                if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                    erase = button;
            REQUIRE(erase != nullptr);
            // Escape and Enter both keep the data: the default is Cancel.
            CHECK(box->defaultButton() != erase);
            whenModal(&w, [&](QWidget *last) {
                auto *done = qobject_cast<QMessageBox *>(last);
                REQUIRE(done != nullptr);
                outcome = done->text();
                done->accept();
            });
            erase->click();
        });
        input->accept();
    });
    QTest::mouseClick(card->eraseButton(), Qt::LeftButton);
    INFO(outcome.toStdString());
    CHECK(confirmText.contains(QLatin1String("mario.rossi")));
    CHECK(outcome.contains(QLatin1String("Erased")));
    CHECK(scalar(db, marioPosts).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM authors WHERE external_id IN ('fb-mario', 'x-mario') OR "
                                    "handle IN ('mario.rossi', 'Mario_Rossi85')"))
              .toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM posts WHERE text <> ''")).toInt() == 2); // Luca, Instagram
    CHECK(scalar(db, QStringLiteral("SELECT count(*) FROM customers")).toInt() == 0);
    CHECK(scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'privacy_erasure'")).toString() ==
          QLatin1String("{\"reason\":\"GDPR art. 17, request REQ-2026-0042\"}"));
    CHECK(scalar(db, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'privacy_erasure'")).toString() ==
          console.settings.agentName());
}

#include "test_ui_customer.moc"
