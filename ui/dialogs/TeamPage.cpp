#include "dialogs/TeamPage.h"

#include "accounts/TokenStore.h"
#include "common/Accessible.h"
#include "common/Clock.h"
#include "storage/Database.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sportello::ui {

TeamPage::TeamPage(Database &database, const Clock &clock, accounts::TokenStore &tokens, QWidget *parent)
    : QWidget(parent), m_database(database), m_clock(clock), m_tokens(tokens)
{
    setObjectName(QStringLiteral("teamPage"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("teamState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel = new QLabel(this);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("teamUrl"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://db.example.com:5432/sportello?sslmode=verify-full"));
    m_urlLabel->setBuddy(m_url);
    m_loginLabel = new QLabel(this);
    m_login = new QLineEdit(this);
    m_login->setObjectName(QStringLiteral("teamLogin"));
    m_loginLabel->setBuddy(m_login);
    m_passwordLabel = new QLabel(this);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("teamPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel->setBuddy(m_password);
    m_join = new QPushButton(this);
    m_join->setObjectName(QStringLiteral("teamJoin"));
    m_leave = new QPushButton(this);
    m_leave->setObjectName(QStringLiteral("teamLeave"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("teamStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_loginLabel, m_login);
    form->addRow(m_passwordLabel, m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_join);
    buttons->addWidget(m_leave);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_state);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch(1);

    connect(m_join, &QPushButton::clicked, this, [this] { join(); });
    connect(m_leave, &QPushButton::clicked, this, [this] { leave(); });
    for (QLineEdit *field : {m_url, m_login, m_password})
        connect(field, &QLineEdit::textChanged, this, &TeamPage::updateButtons);
    retranslateUi();
    showMembership();
}

QString TeamPage::status() const { return m_status->text(); }

void TeamPage::showMembership()
{
    auto membership = team::TeamMembership::load(m_database.connection());
    m_joined = membership && membership->has_value();
    if (!membership) {
        m_state->setText(tr("The cache's team settings cannot be read: %1").arg(membership.error()));
    } else if (!m_joined) {
        m_state->setText(tr("This cache works alone: it syncs the accounts of Settings > Accounts itself."));
    } else {
        const team::TeamMembership &member = membership->value();
        m_state->setText(tr("This cache is a replica of the team database %1, as %2. It holds the team's changes up "
                            "to number %3.")
                             .arg(member.url.toString(), member.login)
                             .arg(member.feedPosition));
        m_url->setText(member.url.toString());
        m_login->setText(member.login);
    }
    for (QLineEdit *field : {m_url, m_login, m_password})
        field->setEnabled(!m_joined);
    updateButtons();
}

void TeamPage::updateButtons()
{
    m_join->setEnabled(!m_joined && !m_url->text().trimmed().isEmpty() && !m_login->text().trimmed().isEmpty());
    m_leave->setEnabled(m_joined);
}

void TeamPage::showStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? errorLabelStyle(m_status->palette()) : QString());
}

bool TeamPage::join()
{
    auto url = team::TeamUrl::parse(m_url->text());
    if (!url) {
        showStatus(url.error(), true);
        m_url->setFocus();
        return false;
    }
    const QString login = m_login->text().trimmed();
    const QString password = m_password->text();
    // The server answers within its connect timeout (10 s by default); the page waits for it.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto joined = team::TeamReplica::join(m_database, *url, login, QString(), password, m_clock.nowMs());
    QApplication::restoreOverrideCursor();
    if (!joined) {
        showStatus(joined.error(), true);
        return false;
    }
    m_password->clear();
    m_changed = true;
    showMembership();
    showStatus(tr("Joined. The console opens the cache as the team's replica when this dialog closes; the team's "
                  "queue arrives in the background."),
               false);
    if (!password.isEmpty()) {
        QPointer<TeamPage> self(this);
        m_tokens.writeAsync(team::passwordKey(joined->url), password, this, [self](const Status &stored) {
            if (self && !stored)
                self->showStatus(tr("Joined, but the password could not be kept in the system keychain (%1): the "
                                    "console will not be able to connect by itself. Set the environment variable "
                                    "named with sportello-cli team join --password-env instead.")
                                     .arg(stored.error()),
                                 true);
        });
    }
    return true;
}

bool TeamPage::leave(bool confirmed)
{
    if (!confirmed) {
        const auto answer = QMessageBox::question(
            this, tr("Leave the Team"),
            tr("This cache stops following the team: it stays readable, but colleagues' decisions no longer arrive "
               "and decisions taken here that have not gone up yet are never sent. Leave the team?"));
        if (answer != QMessageBox::Yes)
            return false;
    }
    auto left = team::TeamReplica::leave(m_database);
    if (!left) {
        showStatus(left.error(), true);
        return false;
    }
    m_changed = true;
    showMembership();
    showStatus(*left > 0 ? tr("Left the team. %Ln decision(s) taken here had not gone up and will not be sent.", nullptr,
                              *left)
                         : tr("Left the team. The cache stays as it was and works alone from now on."),
               *left > 0);
    return true;
}

void TeamPage::retranslateUi()
{
    m_intro->setText(tr("In a team, every desktop's cache is a replica of the team's PostgreSQL database: the hub "
                        "talks to the platforms, colleagues' decisions arrive live, and reviewing and deciding go "
                        "on offline. Ask your administrator for the address and your login."));
    m_urlLabel->setText(tr("Team &database:"));
    m_loginLabel->setText(tr("&Login:"));
    m_passwordLabel->setText(tr("Pass&word:"));
    m_join->setText(tr("&Join Team"));
    m_leave->setText(tr("Lea&ve Team"));
    m_url->setAccessibleDescription(tr("The address of the team's PostgreSQL database, given by your administrator"));
    m_login->setAccessibleDescription(tr("Your login on the team database"));
    m_password->setAccessibleDescription(tr("Kept in the system keychain, never in the cache"));
    m_join->setToolTip(tr("Makes this cache a replica of the team database"));
    m_leave->setToolTip(tr("This cache stops following the team and works alone"));
    showMembership();
}

void TeamPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
