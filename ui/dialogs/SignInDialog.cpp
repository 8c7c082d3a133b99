#include "dialogs/SignInDialog.h"

#include "accounts/Accounts.h"
#include "accounts/Credential.h"
#include "accounts/TokenStore.h"
#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/Icons.h"
#include "storage/Database.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

enum StackPage { WaitingPage, ResultPage, FailedPage };
constexpr int kIdRole = Qt::UserRole + 1;

// A warning that stands out on any palette: dark text on a pale amber box with a strong edge.
const char *const kWarningStyle = "QLabel { background: #fff4e5; color: #4a2800; border: 1px solid #e65100; "
                                  "border-left: 4px solid #e65100; padding: 6px; }";

QLabel *wrappingLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SignInDialog::SignInDialog(accounts::OAuthApp app, Database &database, accounts::TokenStore &tokens, const Clock &clock,
                           accounts::SignInFlow::BrowserOpener opener, QWidget *parent)
    : QDialog(parent), m_app(std::move(app)), m_database(database), m_tokens(tokens), m_clock(clock)
{
    setObjectName(QStringLiteral("signInDialog"));
    m_flow = new accounts::SignInFlow(m_app, clock, this);
    m_flow->setBrowserOpener(std::move(opener));
    connect(m_flow, &accounts::SignInFlow::finished, this, &SignInDialog::onFinished);

    m_stack = new QStackedWidget(this);

    // Waiting for the browser.
    auto *waiting = new QWidget(m_stack);
    m_waitTitle = wrappingLabel(waiting, "signInTitle");
    QFont title = m_waitTitle->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_waitTitle->setFont(title);
    m_progress = wrappingLabel(waiting, "signInProgress");
    m_urlLabel = wrappingLabel(waiting, "signInUrlLabel");
    m_url = new QLineEdit(waiting);
    m_url->setObjectName(QStringLiteral("signInUrl"));
    m_url->setReadOnly(true); // selectable, never edited
    m_urlLabel->setBuddy(m_url);
    m_copy = new QPushButton(waiting);
    m_copy->setObjectName(QStringLiteral("copySignInUrl"));
    m_pasteLabel = wrappingLabel(waiting, "signInPasteLabel");
    m_paste = new QLineEdit(waiting);
    m_paste->setObjectName(QStringLiteral("signInPaste"));
    m_pasteLabel->setBuddy(m_paste);
    m_usePaste = new QPushButton(waiting);
    m_usePaste->setObjectName(QStringLiteral("useSignInPaste"));
    m_usePaste->setEnabled(false);
    m_pasteError = wrappingLabel(waiting, "signInPasteError");
    m_pasteError->setStyleSheet(errorLabelStyle(m_pasteError->palette()));
    m_pasteError->hide();
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copy);
    auto *pasteRow = new QHBoxLayout;
    pasteRow->addWidget(m_paste, 1);
    pasteRow->addWidget(m_usePaste);
    auto *waitLayout = new QVBoxLayout(waiting);
    waitLayout->setContentsMargins(0, 0, 0, 0);
    waitLayout->addWidget(m_waitTitle);
    waitLayout->addWidget(m_progress);
    waitLayout->addSpacing(8);
    waitLayout->addWidget(m_urlLabel);
    waitLayout->addLayout(urlRow);
    waitLayout->addSpacing(8);
    waitLayout->addWidget(m_pasteLabel);
    waitLayout->addLayout(pasteRow);
    waitLayout->addWidget(m_pasteError);
    waitLayout->addStretch(1);

    // Signed in: who, the permissions, the Pages.
    auto *result = new QWidget(m_stack);
    m_who = wrappingLabel(result, "signInWho");
    m_who->setFont(title);
    m_scopes = wrappingLabel(result, "signInScopes");
    m_missing = wrappingLabel(result, "signInMissingScopes");
    m_missing->setTextFormat(Qt::RichText);
    m_missing->setStyleSheet(QLatin1String(kWarningStyle));
    m_missing->hide();
    m_notice = wrappingLabel(result, "signInNotice");
    m_notice->setStyleSheet(QLatin1String(kWarningStyle));
    m_notice->hide();
    m_pagesLabel = wrappingLabel(result, "signInPagesLabel");
    m_pages = new QTreeWidget(result);
    m_pages->setObjectName(QStringLiteral("signInPages"));
    m_pages->setColumnCount(2);
    m_pages->setRootIsDecorated(false);
    m_pages->setItemsExpandable(false);
    m_pages->setIndentation(24);
    m_pages->setUniformRowHeights(true);
    m_pages->header()->setStretchLastSection(true);
    m_pages->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_pagesLabel->setBuddy(m_pages);
    m_pagesLabel->hide();
    m_pages->hide();
    m_outcome = wrappingLabel(result, "signInOutcome");
    m_outcome->hide();
    auto *resultLayout = new QVBoxLayout(result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_who);
    resultLayout->addWidget(m_scopes);
    resultLayout->addWidget(m_missing);
    resultLayout->addWidget(m_notice);
    resultLayout->addWidget(m_pagesLabel);
    resultLayout->addWidget(m_pages, 1);
    resultLayout->addWidget(m_outcome);
    resultLayout->addStretch(0);

    // Failed.
    auto *failed = new QWidget(m_stack);
    m_errorTitle = wrappingLabel(failed, "signInErrorTitle");
    m_errorTitle->setFont(title);
    m_errorLabel = wrappingLabel(failed, "signInError");
    m_errorLabel->setStyleSheet(errorLabelStyle(m_errorLabel->palette()));
    auto *failedLayout = new QVBoxLayout(failed);
    failedLayout->setContentsMargins(0, 0, 0, 0);
    failedLayout->addWidget(m_errorTitle);
    failedLayout->addWidget(m_errorLabel);
    failedLayout->addStretch(1);

    m_stack->insertWidget(WaitingPage, waiting);
    m_stack->insertWidget(ResultPage, result);
    m_stack->insertWidget(FailedPage, failed);

    // Beside the button box, not in it: the box hands the keyboard focus to one of its buttons, and
    // a hidden one (before the Pages are listed) left Tab stuck before Cancel.
    m_addSelected = new QPushButton(this);
    m_addSelected->setObjectName(QStringLiteral("addSelectedAccounts"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_addSelected->hide();
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_addSelected, &QPushButton::clicked, this, &SignInDialog::addSelected);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_url->text());
        m_flowProgress = true;
        m_progress->setText(tr("The address is copied: paste it into a browser's address bar."));
    });
    connect(m_paste, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_usePaste->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_paste, &QLineEdit::returnPressed, this, &SignInDialog::usePastedAddress);
    connect(m_usePaste, &QPushButton::clicked, this, &SignInDialog::usePastedAddress);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_addSelected);
    buttons->addWidget(m_buttons);
    layout->addLayout(buttons);
    setMinimumWidth(560);
    retranslateUi();
}

SignInDialog::~SignInDialog() = default;

Status SignInDialog::start()
{
    Status started = m_flow->start();
    if (!started)
        return started;
    // From here on: the first message ("waiting for you...") is the dialog's title already.
    connect(m_flow, &accounts::SignInFlow::progress, this, [this](const QString &what) {
        m_flowProgress = true;
        m_progress->setText(what);
    });
    m_url->setText(m_flow->authorizationUrl().toString(QUrl::FullyEncoded));
    m_url->setCursorPosition(0);
    setState(State::Waiting);
    return started;
}

QString SignInDialog::headline() const
{
    switch (m_state) {
    case State::Waiting: return m_waitTitle->text();
    case State::Failed: return m_errorTitle->text();
    default: return m_who->text();
    }
}

QString SignInDialog::statusText() const { return m_state == State::Waiting ? m_progress->text() : m_outcome->text(); }
QString SignInDialog::errorText() const
{
    if (m_state == State::Failed)
        return m_errorLabel->text();
    if (m_state == State::Waiting)
        return m_pasteError->isHidden() ? QString() : m_pasteError->text();
    return m_error;
}
QString SignInDialog::scopesText() const { return m_scopes->text(); }
QString SignInDialog::missingText() const { return m_missing->isHidden() ? QString() : m_missing->text(); }
QString SignInDialog::noticeText() const { return m_notice->isHidden() ? QString() : m_notice->text(); }

bool SignInDialog::usePastedAddress()
{
    if (m_state != State::Waiting)
        return false;
    const QString pasted = m_paste->text().trimmed();
    if (pasted.isEmpty())
        return false;
    Status accepted = m_flow->acceptRedirect(pasted);
    if (!accepted) {
        m_pasteError->setText(accepted.error());
        m_pasteError->show();
        m_paste->setFocus();
        return false;
    }
    m_pasteError->hide();
    return true;
}

void SignInDialog::onFinished(const Result<accounts::SignInResult> &result)
{
    m_paste->clear(); // it carried a code, spent or not
    if (!result) {
        m_errorLabel->setText(result.error());
        setState(State::Failed);
        return;
    }
    m_result = result.value();
    showResult();
    if (m_app.provider == accounts::OAuthProvider::X)
        saveX();
}

void SignInDialog::showResult()
{
    const accounts::SignInResult &r = m_result;
    m_pages->clear();
    if (r.provider == accounts::OAuthProvider::Meta) {
        const QString ig = tr("Instagram business account");
        m_pages->blockSignals(true);
        for (const accounts::ManagedPage &page : r.pages) {
            auto *item = new QTreeWidgetItem(m_pages, {page.name, page.category});
            item->setIcon(0, icons::channel(Channel::Facebook));
            item->setData(0, kIdRole, page.pageId);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(0, Qt::Checked);
            if (!page.instagramId.isEmpty()) {
                const QString name =
                    page.instagramUsername.isEmpty() ? page.instagramId : QLatin1Char('@') + page.instagramUsername;
                auto *child = new QTreeWidgetItem(item, {name, ig});
                child->setIcon(0, icons::channel(Channel::Instagram));
                child->setData(0, kIdRole, page.instagramId);
                child->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                child->setCheckState(0, Qt::Checked);
            }
        }
        m_pages->expandAll();
        m_pages->blockSignals(false);
    }
    setState(State::Succeeded);
}

bool SignInDialog::addSelected()
{
    if (m_state != State::Succeeded || m_app.provider != accounts::OAuthProvider::Meta)
        return false;
    const qint64 now = m_clock.nowMs();
    QVector<Target> targets;
    for (const accounts::ManagedPage &page : m_result.pages) {
        accounts::Credential c;
        c.accessToken = page.pageToken;
        // A Page token from a long-lived user token does not expire; from a short-lived one it
        // lasts as long as the user token (as saveMetaPages, SignIn.cpp).
        c.expiresAtMs = m_result.longLived ? 0 : m_result.credential.expiresAtMs;
        c.issuedAtMs = now;
        c.scopes = m_result.grantedScopes;
        for (QTreeWidgetItemIterator it(m_pages, QTreeWidgetItemIterator::Checked); *it; ++it) {
            const QTreeWidgetItem *item = *it;
            const QString id = item->data(0, kIdRole).toString();
            if (id == page.pageId)
                targets.push_back({Channel::Facebook, page.pageId, page.name, c});
            else if (!page.instagramId.isEmpty() && id == page.instagramId)
                targets.push_back(
                    {Channel::Instagram, page.instagramId,
                     page.instagramUsername.isEmpty() ? page.name : QLatin1Char('@') + page.instagramUsername, c});
        }
    }
    if (targets.isEmpty()) {
        m_error = tr("Tick the Pages and Instagram accounts to add.");
        m_outcome->setText(m_error);
        m_outcome->setStyleSheet(errorLabelStyle(m_outcome->palette()));
        m_outcome->show();
        return false;
    }
    m_queue = targets;
    m_savedKeys.clear();
    m_savedNames.clear();
    saveNext();
    return true;
}

void SignInDialog::saveX()
{
    m_queue = {Target{Channel::X, m_result.userId, m_result.signedInAs(), m_result.credential}};
    m_savedKeys.clear();
    m_savedNames.clear();
    saveNext();
}

void SignInDialog::saveNext()
{
    if (m_queue.isEmpty()) {
        finishSaving();
        return;
    }
    const Target target = m_queue.constFirst();
    m_error.clear();
    setState(State::Saving);
    QPointer<SignInDialog> self(this);
    accounts::writeCredentialAsync(m_tokens, accounts::accountTokenKey(target.channel, target.id), target.credential,
                                   this, [self, target](const Status &stored) {
                                       if (!self)
                                           return;
                                       if (!stored) {
                                           self->fail(tr("%1. The %2 account %3 was not added.")
                                                          .arg(stored.error(), label(target.channel), target.shownAs));
                                           return;
                                       }
                                       self->targetStored(target);
                                   });
}

void SignInDialog::targetStored(const Target &target)
{
    // Recorded only once its credential is in the keychain: without one, nothing is added.
    accounts::AccountStore store(m_database);
    auto existing = store.find(target.channel, target.id);
    if (!existing) {
        fail(existing.error());
        return;
    }
    accounts::Account account;
    if (existing->has_value()) {
        account = **existing;
    } else {
        auto added = store.add(target.channel, target.id, m_result.accountBaseUrl, QString(), m_clock.nowMs());
        if (!added) {
            fail(added.error());
            return;
        }
        account = *added;
    }
    accounts::AccountStore::TokenInfo info;
    info.signedInAs = target.shownAs;
    info.grantedScopes = m_result.grantedScopes;
    info.expiresAtMs = target.credential.expiresAtMs;
    info.renewable = target.credential.renewable();
    if (Status s = store.setTokenInfo(account.id, info); !s) {
        fail(s.error());
        return;
    }
    if (Status s = store.setNeedsSignIn(account.id, false); !s) {
        fail(s.error());
        return;
    }
    m_savedKeys << account.tokenKey();
    m_savedNames << QStringLiteral("%1 %2").arg(label(target.channel), target.shownAs);
    m_queue.removeFirst();
    saveNext();
}

void SignInDialog::fail(const QString &message)
{
    // What was stored stays stored (and is in the table); the rest can be tried again.
    m_queue.clear();
    m_error = m_savedNames.isEmpty()
                  ? message
                  : tr("%1 Added before the error: %2.").arg(message, m_savedNames.join(QStringLiteral(", ")));
    m_outcome->setText(m_error);
    m_outcome->setStyleSheet(errorLabelStyle(m_outcome->palette()));
    m_outcome->show();
    if (!m_savedNames.isEmpty())
        emit accountsSaved(m_error);
    setState(State::Succeeded);
}

void SignInDialog::finishSaving()
{
    const QString names = m_savedNames.join(QStringLiteral(", "));
    const QString message = m_savedNames.size() == 1
                                ? tr("Added %1. Its posts arrive with the next sync (F5).").arg(names)
                                : tr("Added %1. Their posts arrive with the next sync (F5).").arg(names);
    // The Facebook user token and the Page tokens are in memory only until here.
    m_result.credential = accounts::Credential{};
    for (accounts::ManagedPage &page : m_result.pages)
        page.pageToken.clear();
    m_outcome->setText(message);
    m_outcome->setStyleSheet(QString());
    m_outcome->show();
    setState(State::Saved);
    emit accountsSaved(message);
}

void SignInDialog::reject()
{
    if (m_state == State::Saving)
        return; // the keychain answers within its timeout; closing now would leave an account half-added
    if (m_flow->isRunning())
        m_flow->cancel();
    QDialog::reject();
}

void SignInDialog::setState(State state)
{
    m_state = state;
    m_stack->setCurrentIndex(state == State::Waiting ? WaitingPage : state == State::Failed ? FailedPage : ResultPage);
    const bool meta = m_app.provider == accounts::OAuthProvider::Meta;
    const bool choosing = meta && (state == State::Succeeded || state == State::Saving);
    m_addSelected->setVisible(choosing);
    m_addSelected->setEnabled(state == State::Succeeded);
    m_pages->setEnabled(state == State::Succeeded);
    if (state == State::Saving) {
        m_outcome->setText(tr("Storing the sign-in in the system keychain…"));
        m_outcome->setStyleSheet(QString());
        m_outcome->show();
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(state != State::Saving);
    retranslateUi();
    if (choosing && state == State::Succeeded)
        m_addSelected->setDefault(true);
}

void SignInDialog::retranslateUi()
{
    const QString platform = accounts::providerLabel(m_app.provider);
    setWindowTitle(tr("Sign In to %1").arg(platform));
    m_waitTitle->setText(tr("Waiting for you to sign in to %1 in your browser…").arg(platform));
    if (!m_flowProgress)
        m_progress->setText(m_flow->browserOpened()
                                ? tr("Sign in on the page that opened in your browser and allow Sportello's access. "
                                     "This window continues by itself once you have.")
                                : tr("Open the address below in a browser, sign in and allow Sportello's access. This "
                                     "window continues by itself once you have."));
    if (m_flow->browserOpened()) {
        m_urlLabel->setText(tr("If the page did not open, copy this &address into a browser:"));
        m_urlLabel->setStyleSheet(QString());
    } else {
        m_urlLabel->setText(tr("The browser could not be opened. Copy this &address into a browser on this "
                               "computer:"));
        m_urlLabel->setStyleSheet(QLatin1String(kWarningStyle));
    }
    m_copy->setText(tr("&Copy"));
    m_copy->setToolTip(tr("Copy the sign-in page's address to the clipboard"));
    m_url->setAccessibleDescription(tr("The address of the sign-in page, to open in a browser"));
    m_paste->setAccessibleDescription(tr("The address the browser ended on, when it could not be reached"));
    m_pages->setAccessibleDescription(tr("Tick the Pages and Instagram accounts to add"));
    m_pasteLabel->setText(
        tr("If the browser ended on a page that could not be reached (its address starts with "
           "%1), &paste that address here:")
            .arg(m_flow->redirectUri().isEmpty() ? QStringLiteral("http://127.0.0.1") : m_flow->redirectUri()));
    m_paste->setPlaceholderText(tr("http://127.0.0.1:…/?code=…&state=…"));
    m_usePaste->setText(tr("C&ontinue"));
    m_usePaste->setToolTip(tr("Complete the sign-in with the address pasted here"));

    const accounts::SignInResult &r = m_result;
    if (r.provider == accounts::OAuthProvider::X)
        m_who->setText(r.userName.isEmpty() || r.userName == r.userHandle
                           ? tr("Signed in to X as %1.").arg(r.signedInAs())
                           : tr("Signed in to X as %1 (%2).").arg(r.signedInAs(), r.userName));
    else
        m_who->setText(tr("Signed in to Facebook as %1.").arg(r.userName));
    m_scopes->setText(r.grantedScopes.isEmpty()
                          ? tr("No permissions were granted.")
                          : tr("Permissions granted: %1.").arg(r.grantedScopes.join(QStringLiteral(", "))));
    if (r.missingScopes.isEmpty()) {
        m_missing->clear();
        m_missing->hide();
    } else {
        QString html = QStringLiteral("<b>%1</b><ul style=\"margin-left: 12px; -qt-list-indent: 0;\">")
                           .arg(tr("Not granted, so some things will not work:").toHtmlEscaped());
        for (const accounts::ScopeNeed &need : r.missingScopes)
            html += QStringLiteral("<li><b>%1</b>: %2</li>")
                        .arg(need.scope.toHtmlEscaped(), need.withoutIt.toHtmlEscaped());
        html += QStringLiteral("</ul>%1").arg(
            tr("To grant them, sign in again and allow them on %1's page.").arg(platform).toHtmlEscaped());
        m_missing->setText(html);
        m_missing->show();
    }
    m_notice->setText(r.notice);
    m_notice->setVisible(!r.notice.isEmpty());
    const bool meta =
        r.provider == accounts::OAuthProvider::Meta && m_state != State::Waiting && m_state != State::Failed;
    m_pagesLabel->setVisible(meta);
    m_pages->setVisible(meta);
    m_pagesLabel->setText(r.pages.isEmpty()
                              ? tr("You manage no Pages that Sportello could use with this sign-in.")
                              : tr("The &Pages you manage and their Instagram business accounts; the ticked ones "
                                   "are added:"));
    m_pages->setHeaderLabels({tr("Account"), tr("Category")});
    m_addSelected->setText(tr("&Add Selected"));
    m_addSelected->setToolTip(tr("Add the ticked Pages and Instagram accounts; their tokens go to the system "
                                 "keychain"));
    m_errorTitle->setText(tr("The sign-in to %1 did not complete").arg(platform));
    const bool done = m_state == State::Saved || m_state == State::Failed || (m_state == State::Succeeded && !meta);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(done ? tr("Close") : tr("Cancel"));
}

void SignInDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace sportello::ui
