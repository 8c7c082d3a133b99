#include "views/CustomerCard.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "customers/CrmLink.h"
#include "outbox/HandoffStatus.h"
#include "outbox/Outbox.h"
#include "privacy/AccessLog.h"
#include "privacy/PersonExport.h"
#include "privacy/PrivacyLog.h"
#include "storage/Database.h"
#include "team/TeamRoles.h"
#include "timers/Complaints.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <initializer_list>

namespace sportello::ui {

namespace {

constexpr int kThreadRole = Qt::UserRole + 1;
constexpr int kAuthorRole = Qt::UserRole + 2;

QString identityText(const CustomerIdentity &i)
{
    const QString handle = formatHandle(i.handle);
    QString who = i.displayName.isEmpty() ? handle
                  : handle.isEmpty()      ? i.displayName
                                          : QStringLiteral("%1 (%2)").arg(i.displayName, handle);
    return QStringLiteral("%1 · %2").arg(label(i.channel), who);
}

QListWidget *makeList(QWidget *parent, const char *name, int rows)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(QLatin1String(name));
    list->setWordWrap(true);
    list->setUniformItemSizes(false);
    // Room for a few rows; each list scrolls by itself and gives up height first.
    list->setMaximumHeight(list->fontMetrics().height() * rows + 12);
    list->setMinimumHeight(list->fontMetrics().height() + 8);
    list->setMinimumWidth(60);
    return list;
}

QLabel *makeTitle(QWidget *parent, QWidget *buddy)
{
    auto *title = new QLabel(parent);
    title->setStyleSheet(QStringLiteral("QLabel { font-weight: 600; margin-top: 6px; }"));
    title->setBuddy(buddy);
    title->setWordWrap(true);
    return title;
}

} // namespace

CustomerCard::CustomerCard(const Clock &clock, QWidget *parent) : QWidget(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("customerCard"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("customerTitle"));
    m_title->setStyleSheet(QStringLiteral("QLabel { font-size: 11pt; font-weight: 600; }"));
    m_title->setWordWrap(true);
    m_placeholder = new QLabel(this);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);

    m_body = new QWidget;
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(3);

    m_reference = new QLabel(m_body);
    m_reference->setObjectName(QStringLiteral("policyholderReference"));
    m_reference->setWordWrap(true);
    m_reference->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_referenceInput = new QLineEdit(m_body);
    m_referenceInput->setObjectName(QStringLiteral("referenceInput"));
    m_referenceInput->setMinimumWidth(60);
    m_referenceTitle = makeTitle(m_body, m_referenceInput);
    m_storeReference = new QPushButton(m_body);
    m_storeReference->setObjectName(QStringLiteral("storeReference"));
    m_clearReference = new QPushButton(m_body);
    m_clearReference->setObjectName(QStringLiteral("clearReference"));
    body->addWidget(m_referenceTitle);
    body->addWidget(m_reference);
    auto *refRow = new QHBoxLayout;
    refRow->addWidget(m_referenceInput, 1);
    refRow->addWidget(m_storeReference);
    refRow->addWidget(m_clearReference);
    body->addLayout(refRow);

    m_identities = makeList(m_body, "customerIdentities", 4);
    m_identitiesTitle = makeTitle(m_body, m_identities);
    m_unlink = new QPushButton(m_body);
    m_unlink->setObjectName(QStringLiteral("unlinkIdentity"));
    body->addWidget(m_identitiesTitle);
    body->addWidget(m_identities);
    body->addWidget(m_unlink, 0, Qt::AlignRight);

    m_suggestions = makeList(m_body, "identitySuggestions", 3);
    m_suggestionsTitle = makeTitle(m_body, m_suggestions);
    m_suggestionsTitle->setWordWrap(true);
    m_link = new QPushButton(m_body);
    m_link->setObjectName(QStringLiteral("linkIdentity"));
    body->addWidget(m_suggestionsTitle);
    body->addWidget(m_suggestions);
    body->addWidget(m_link, 0, Qt::AlignRight);

    m_threads = makeList(m_body, "customerThreads", 5);
    m_threadsTitle = makeTitle(m_body, m_threads);
    body->addWidget(m_threadsTitle);
    body->addWidget(m_threads);

    m_history = makeList(m_body, "customerHistory", 5);
    m_history->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyTitle = makeTitle(m_body, m_history);
    body->addWidget(m_historyTitle);
    body->addWidget(m_history);

    m_notes = makeList(m_body, "customerNotes", 4);
    m_notesTitle = makeTitle(m_body, m_notes);
    m_noteInput = new QLineEdit(m_body);
    m_noteInput->setObjectName(QStringLiteral("customerNoteInput"));
    m_noteInput->setMaxLength(kMaxCustomerNoteLength);
    m_noteInput->setMinimumWidth(60);
    m_addNote = new QPushButton(m_body);
    m_addNote->setObjectName(QStringLiteral("addCustomerNote"));
    body->addWidget(m_notesTitle);
    body->addWidget(m_notes);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteInput, 1);
    noteRow->addWidget(m_addNote);
    body->addLayout(noteRow);

    m_crm = new QPushButton(m_body);
    m_crm->setObjectName(QStringLiteral("openInCrm"));
    m_export = new QPushButton(m_body);
    m_export->setObjectName(QStringLiteral("exportPersonData"));
    // One under the other: side by side they would widen the card past the queue's room.
    body->addWidget(m_crm, 0, Qt::AlignLeft);
    body->addWidget(m_export, 0, Qt::AlignLeft);
    m_erase = new QPushButton(m_body);
    m_erase->setObjectName(QStringLiteral("erasePersonData"));
    body->addWidget(m_erase, 0, Qt::AlignLeft);

    m_message = new QLabel(m_body);
    m_message->setObjectName(QStringLiteral("customerMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    body->addWidget(m_message);
    body->addStretch(1);

    // No scroll area: the lists scroll by themselves and give up height first, and the card
    // stays as narrow as its longest word (a scroll area lays its body out at its preferred width,
    // which took the queue's last column at the default window size).
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_body, 1);
    m_body->setVisible(false);

    connect(m_threads, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const qint64 thread = item->data(kThreadRole).toLongLong(); thread > 0)
            emit openThreadRequested(thread);
    });
    connect(m_history, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const qint64 thread = item->data(kThreadRole).toLongLong(); thread > 0 && thread != m_threadId)
            emit openThreadRequested(thread);
    });
    connect(m_link, &QPushButton::clicked, this, &CustomerCard::linkSelectedSuggestion);
    connect(m_unlink, &QPushButton::clicked, this, &CustomerCard::unlinkSelectedIdentity);
    connect(m_storeReference, &QPushButton::clicked, this, &CustomerCard::storeReference);
    connect(m_referenceInput, &QLineEdit::returnPressed, this, &CustomerCard::storeReference);
    connect(m_clearReference, &QPushButton::clicked, this, &CustomerCard::clearReference);
    connect(m_addNote, &QPushButton::clicked, this, &CustomerCard::addNote);
    connect(m_crm, &QPushButton::clicked, this, &CustomerCard::openInCrm);
    connect(m_export, &QPushButton::clicked, this, &CustomerCard::exportInteractive);
    connect(m_erase, &QPushButton::clicked, this, [this] {
        if (m_authorId > 0)
            emit eraseRequested(m_authorId);
    });
    connect(m_noteInput, &QLineEdit::returnPressed, this, &CustomerCard::addNote);
    connect(m_identities, &QListWidget::currentRowChanged, this, &CustomerCard::updateButtons);
    connect(m_suggestions, &QListWidget::currentRowChanged, this, &CustomerCard::updateButtons);
    retranslate();
    setThread(0);
}

CustomerCard::~CustomerCard() = default;

void CustomerCard::setDatabase(Database *database)
{
    m_database = database;
    m_store = database ? std::make_unique<CustomerStore>(*database, m_clock) : nullptr;
    // Exporting a person's data is for those who lead the team (docs/privacy.md); the core
    // refuses it too (exportPersonData).
    m_personalDataAllowed = true;
    m_eraseAllowed = true;
    if (database) {
        auto own = team::ownTeamRole(database->connection());
        m_personalDataAllowed = own && team::mayExportPersonalData(own.value());
        m_eraseAllowed = own && team::mayErasePerson(own.value());
    }
    setThread(0);
}

void CustomerCard::setAgent(const Agent &agent) { m_agent = agent; }

void CustomerCard::setThread(qint64 threadId)
{
    m_threadId = m_store ? threadId : 0;
    m_openingRecorded = false;
    m_message->hide();
    m_referenceInput->clear();
    m_noteInput->clear();
    reload();
}

void CustomerCard::reload()
{
    m_authorId = 0;
    m_card = {};
    m_suggested.clear();
    if (m_store && m_threadId > 0) {
        auto author = m_store->threadAuthor(m_threadId);
        if (author && author.value() > 0) {
            m_authorId = author.value();
            auto card = m_store->card(m_authorId, m_threadId);
            if (card) {
                m_card = std::move(card).value();
                auto suggested = m_store->suggestions(m_authorId);
                if (suggested)
                    m_suggested = std::move(suggested).value();
                else
                    showMessage(suggested.error(), true);
                recordOpened();
            } else {
                m_authorId = 0;
                showMessage(card.error(), true);
            }
        } else if (!author) {
            showMessage(author.error(), true);
        }
    }
    fill();
}

void CustomerCard::fill()
{
    const bool shown = m_authorId > 0;
    m_placeholder->setVisible(!shown);
    m_body->setVisible(shown);
    const qint64 now = m_clock.nowMs();

    if (shown && !m_card.identities.isEmpty()) {
        const CustomerIdentity &self = m_card.identities.first();
        m_title->setText(self.displayName.isEmpty() ? formatHandle(self.handle) : self.displayName);
    } else {
        m_title->setText(tr("Customer"));
    }
    m_title->setAccessibleName(tr("Customer: %1").arg(m_title->text()));

    if (m_card.policyholderRef) {
        const PolicyholderReference &r = *m_card.policyholderRef;
        m_reference->setText(
            tr("%1\nVerified in a private conversation by %2, %3").arg(r.value, r.setBy, formatDateTime(r.setAtMs)));
    } else {
        m_reference->setText(tr("None stored. Verify it with the customer in a private conversation first."));
    }
    m_reference->setAccessibleName(tr("Policyholder reference: %1").arg(m_reference->text()));
    m_clearReference->setEnabled(m_card.policyholderRef.has_value());

    m_identities->clear();
    for (const CustomerIdentity &i : m_card.identities) {
        QString text = identityText(i);
        if (i.authorId == m_authorId)
            text = tr("%1 (this conversation)").arg(text);
        else if (!i.linkedBy.isEmpty())
            text = tr("%1, linked by %2").arg(text, i.linkedBy);
        auto *item = new QListWidgetItem(text, m_identities);
        item->setData(kAuthorRole, i.authorId);
    }

    m_suggestions->clear();
    for (const IdentitySuggestion &s : m_suggested) {
        const QString why = s.handleMatches && s.nameMatches ? tr("same handle and name")
                            : s.handleMatches                ? tr("same handle")
                                                             : tr("same name");
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(identityText(s.identity), why), m_suggestions);
        item->setData(kAuthorRole, s.identity.authorId);
    }

    m_threads->clear();
    for (const CustomerThread &t : m_card.threads) {
        QString text = tr("%1 · %2 · %3 · %4")
                           .arg(label(t.channel), t.isPrivate ? tr("private") : tr("public"), label(t.status),
                                formatTime(t.lastActivityMs, now));
        if (t.category)
            text += QStringLiteral(" · ") + label(*t.category);
        auto *item = new QListWidgetItem(text, m_threads);
        item->setData(kThreadRole, t.threadId);
        item->setToolTip(tr("Enter or double click opens this conversation."));
    }
    if (m_card.moreThreads)
        new QListWidgetItem(tr("… and earlier threads (the latest %1 are listed)").arg(kCustomerCardRows), m_threads);
    if (m_card.threads.isEmpty())
        new QListWidgetItem(tr("No other conversation."), m_threads);

    // What needs the agent's eye first: complaints by deadline, then hand-offs, then decisions.
    m_history->clear();
    for (const CustomerComplaint &c : m_card.openComplaints) {
        const int days = complaintDaysLeft(now, c.deadlineAtMs);
        auto *item =
            new QListWidgetItem(tr("Open complaint (%1): %2, deadline %3")
                                    .arg(label(c.channel), formatDaysLeft(days), formatDateTime(c.deadlineAtMs)),
                                m_history);
        item->setData(kThreadRole, c.threadId);
        if (days <= 5) {
            // The deadline's icon as well as the colour: the colour alone says nothing to some.
            item->setForeground(errorTextColor(m_history->palette()));
            item->setIcon(icons::timer(days < 0 ? TimerState::Overdue : TimerState::DueSoon));
        }
    }
    for (const CustomerHandoff &h : m_card.handoffs) {
        const auto state = outbox::outboxStateFromId(h.state);
        QString text = tr("Hand-off %1 (%2): %3")
                           .arg(h.caseReference.isEmpty() ? tr("without reference") : h.caseReference, label(h.channel),
                                state ? outbox::label(*state) : h.state);
        // What customer care last reported, once it has.
        if (const auto care = outbox::reportedHandoffStateFromId(h.careState))
            text += tr(", customer care: %1").arg(outbox::label(*care));
        auto *item = new QListWidgetItem(text, m_history);
        item->setData(kThreadRole, h.threadId);
    }
    for (const CustomerDecision &d : m_card.decisions) {
        auto *item = new QListWidgetItem(
            tr("%1 on %2, by %3, %4").arg(label(d.kind), label(d.channel), d.agentName, formatTime(d.decidedAtMs, now)),
            m_history);
        item->setData(kThreadRole, d.threadId);
    }
    if (m_history->count() == 0)
        new QListWidgetItem(tr("No decision, complaint or hand-off yet."), m_history);

    m_notes->clear();
    for (const CustomerNote &n : m_card.notes)
        new QListWidgetItem(tr("%1, %2: %3").arg(n.agentName, formatTime(n.atMs, now), n.text), m_notes);

    const bool writable = m_database && !m_database->isReadOnly();
    for (QWidget *w : std::initializer_list<QWidget *>{m_referenceInput, m_storeReference, m_noteInput, m_addNote})
        w->setEnabled(writable);
    m_clearReference->setEnabled(writable && m_card.policyholderRef.has_value());
    updateButtons();
}

void CustomerCard::updateButtons()
{
    const bool writable = m_database && !m_database->isReadOnly();
    const QListWidgetItem *identity = m_identities->currentItem();
    m_unlink->setEnabled(writable && identity && m_card.identities.size() > 1);
    m_link->setEnabled(writable && m_suggestions->currentItem() != nullptr);
    // The export writes its access record in the cache: not on a read-only one.
    m_export->setEnabled(writable && m_authorId > 0 && m_personalDataAllowed);
    m_export->setToolTip(m_personalDataAllowed
                             ? tr("Writes everything kept about this person (their messages, our replies, notes, "
                                  "complaints) to a file, for a request of access to their data.")
                             : tr("A person's data is exported by a supervisor, an admin or the data protection "
                                  "officer."));
    m_erase->setEnabled(writable && m_authorId > 0 && m_eraseAllowed);
    m_erase->setToolTip(m_eraseAllowed
                            ? tr("Erases this person's data on their request: their messages, identities, card and "
                                 "the texts of the conversations that were theirs alone. Decisions and the audit stay, "
                                 "without the data.")
                            : tr("A person's data is erased by an admin or the data protection officer."));
}

void CustomerCard::recordOpened()
{
    if (m_openingRecorded || !m_database || m_authorId <= 0)
        return;
    m_openingRecorded = true;
    // A cache opened read-only (damaged, being salvaged) cannot keep the record; the card still
    // shows, as the conversation beside it does, and the log says what was not recorded.
    if (m_database->isReadOnly()) {
        qCWarning(lcPrivacy) << "customer card shown on a read-only cache: no access record";
        return;
    }
    auto subject = privacy::personSubject(m_database->connection(), m_authorId);
    Status recorded = subject ? privacy::recordAccess(m_database->connection(), m_clock.nowMs(), m_agent,
                                                      privacy::AccessKind::CustomerCard, *subject)
                              : Status(subject.failure());
    if (!recorded)
        showMessage(tr("Opening this card could not be recorded: %1").arg(recorded.error()), true);
}

bool CustomerCard::exportPersonData(const QString &path)
{
    if (!m_database || m_authorId <= 0)
        return false;
    const auto format = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? privacy::PersonExportFormat::Json
                                                                                   : privacy::PersonExportFormat::Html;
    auto written = privacy::exportPersonData(m_database->connection(), m_authorId, path, format, QLocale(), m_agent,
                                             m_clock.nowMs());
    if (!written) {
        showMessage(written.error(), true);
        return false;
    }
    showMessage(tr("Saved this person's data to %1.").arg(QDir::toNativeSeparators(path)), false);
    return true;
}

void CustomerCard::exportInteractive()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(tr("personal-data") + QStringLiteral(".html"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export this person's data"), suggested,
                                                      tr("Web page (*.html);;JSON (*.json)"));
    if (!path.isEmpty())
        exportPersonData(path);
}

void CustomerCard::focusCard()
{
    if (m_authorId > 0) {
        m_threads->setFocus(Qt::ShortcutFocusReason);
        if (m_threads->currentRow() < 0 && m_threads->count() > 0)
            m_threads->setCurrentRow(0);
    }
}

bool CustomerCard::applied(const Status &status, const QString &done)
{
    if (!status) {
        showMessage(status.error(), true);
        return false;
    }
    reload();
    showMessage(done, false);
    return true;
}

bool CustomerCard::linkSelectedSuggestion()
{
    const QListWidgetItem *item = m_suggestions->currentItem();
    if (!m_store || !item || m_authorId == 0)
        return false;
    return applied(m_store->link(m_authorId, item->data(kAuthorRole).toLongLong(), m_agent),
                   tr("Linked: the customer's threads on that channel are listed here now."));
}

bool CustomerCard::unlinkSelectedIdentity()
{
    const QListWidgetItem *item = m_identities->currentItem();
    if (!m_store || !item || m_authorId == 0)
        return false;
    return applied(m_store->unlink(item->data(kAuthorRole).toLongLong(), m_agent), tr("Unlinked."));
}

bool CustomerCard::storeReference()
{
    if (!m_store || m_authorId == 0)
        return false;
    if (!applied(m_store->setPolicyholderRef(m_authorId, m_threadId, m_referenceInput->text(), m_agent),
                 tr("Reference stored. The guard now blocks it in public replies.")))
        return false;
    m_referenceInput->clear();
    emit referenceChanged();
    return true;
}

bool CustomerCard::clearReference()
{
    if (!m_store || m_authorId == 0)
        return false;
    if (!applied(m_store->clearPolicyholderRef(m_authorId, m_agent), tr("Reference cleared.")))
        return false;
    emit referenceChanged();
    return true;
}

bool CustomerCard::addNote()
{
    if (!m_store || m_authorId == 0)
        return false;
    auto added = m_store->addNote(m_authorId, m_noteInput->text(), m_agent);
    if (!applied(added ? Status() : Status(added.failure()), tr("Note added.")))
        return false;
    m_noteInput->clear();
    return true;
}

QUrl CustomerCard::crmUrl(QString *why) const
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return QUrl();
    };
    if (!m_database || m_authorId == 0 || m_card.identities.isEmpty())
        return fail(tr("Open a conversation first."));
    auto stored = loadCrmTemplate(m_database->connection());
    if (!stored)
        return fail(stored.error());
    if (stored->isEmpty())
        return fail(
            tr("No CRM address is configured: set one in Settings (Agent and Language), or with sportello-cli customer "
               "crm-template URL."));
    const CustomerIdentity &self = m_card.identities.first();
    const QMap<QString, QString> values{
        {QStringLiteral("policyholder_ref"), m_card.policyholderRef ? m_card.policyholderRef->value : QString()},
        {QStringLiteral("handle"), self.handle},
        {QStringLiteral("name"), self.displayName},
        {QStringLiteral("channel"), toId(self.channel)},
        {QStringLiteral("author_id"), self.externalId}};
    auto url = buildCrmUrl(stored.value(), values);
    if (!url)
        return fail(url.error());
    return url.value();
}

bool CustomerCard::openInCrm()
{
    QString why;
    const QUrl url = crmUrl(&why);
    if (!url.isValid()) {
        showMessage(why, true);
        return false;
    }
    if (!QDesktopServices::openUrl(url)) {
        showMessage(tr("The browser could not be started for the CRM."), true);
        return false;
    }
    showMessage(tr("Opened the customer in the CRM."), false);
    return true;
}

void CustomerCard::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setAccessibleName(text);
    m_message->setStyleSheet(error ? errorLabelStyle(m_message->palette()) : QString());
    m_message->setVisible(!text.isEmpty());
}

QString CustomerCard::message() const { return m_message->isHidden() ? QString() : m_message->text(); }
QString CustomerCard::referenceText() const { return m_reference->text(); }

void CustomerCard::retranslate()
{
    m_placeholder->setText(tr("The customer behind the conversation appears here."));
    m_referenceTitle->setText(tr("Policyholder reference"));
    m_referenceInput->setPlaceholderText(tr("Verified reference"));
    m_referenceInput->setAccessibleName(tr("Policyholder reference to store"));
    m_referenceInput->setToolTip(tr("Store it only after verifying it with the customer in this private "
                                    "conversation: it is personal data, never shown in a public reply."));
    m_storeReference->setText(tr("Store"));
    m_storeReference->setAccessibleName(tr("Store the policyholder reference"));
    m_clearReference->setText(tr("Clear"));
    m_clearReference->setAccessibleName(tr("Clear the policyholder reference"));
    m_identitiesTitle->setText(tr("Identities"));
    m_identities->setAccessibleName(tr("The customer's linked identities"));
    m_unlink->setText(tr("Unlink"));
    m_unlink->setAccessibleName(tr("Unlink the selected identity"));
    m_suggestionsTitle->setText(tr("Perhaps the same person (link only if you know it is)"));
    m_suggestions->setAccessibleName(tr("Identities with the same handle or name"));
    m_link->setText(tr("Link"));
    m_link->setAccessibleName(tr("Link the selected identity to this customer"));
    m_threadsTitle->setText(tr("Other threads"));
    m_threads->setAccessibleName(tr("The customer's other threads on every channel"));
    m_historyTitle->setText(tr("Complaints, hand-offs and decisions"));
    m_history->setAccessibleName(tr("The customer's open complaints, hand-offs and earlier decisions"));
    m_notesTitle->setText(tr("Customer notes"));
    m_notes->setAccessibleName(tr("Notes on the customer"));
    m_noteInput->setPlaceholderText(tr("A note on the customer"));
    m_noteInput->setAccessibleName(tr("New note on the customer"));
    m_addNote->setText(tr("Add"));
    m_addNote->setAccessibleName(tr("Add the note on the customer"));
    m_crm->setText(tr("Open in CRM"));
    m_crm->setAccessibleName(tr("Open this customer in the company's CRM"));
    m_crm->setToolTip(tr("Opens the CRM's page on this customer in the browser (Ctrl+Shift+M)."));
    m_export->setText(tr("Export this person's data…"));
    m_export->setAccessibleName(tr("Export this person's data"));
    m_erase->setText(tr("Erase this person's data…"));
    m_erase->setAccessibleName(tr("Erase this person's data"));
    setAccessibleName(tr("Customer card"));
    // What each control does, read after its name by a screen reader.
    m_storeReference->setAccessibleDescription(tr("Stores the reference; the guard then blocks it in public replies"));
    m_clearReference->setAccessibleDescription(tr("Removes the stored reference"));
    m_identities->setAccessibleDescription(tr("The accounts on other channels known to be this customer"));
    m_unlink->setAccessibleDescription(tr("Removes the selected identity from this customer"));
    m_suggestions->setAccessibleDescription(tr("Link one only if you know it is the same person"));
    m_link->setAccessibleDescription(tr("Adds the selected identity to this customer"));
    m_threads->setAccessibleDescription(tr("Enter opens the selected conversation"));
    m_history->setAccessibleDescription(tr("Enter opens the conversation of the selected line"));
    m_notes->setAccessibleDescription(tr("Notes agents wrote on this customer"));
    m_noteInput->setAccessibleDescription(tr("A note kept with the customer for every agent"));
    m_addNote->setAccessibleDescription(tr("Adds the note to the customer"));
    fill();
}

void CustomerCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
