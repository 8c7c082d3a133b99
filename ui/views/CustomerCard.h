#pragma once
// The customer card, beside the conversation: everything Sportello knows about the author of the
// thread shown (core/customers, docs/customers.md): the policyholder reference, the linked
// identities with the suggestions to link (never linked by themselves), the customer's other
// threads on every channel (Enter or a double click opens one), open complaints with their
// regulatory deadline, hand-offs and their state, earlier decisions, and notes. Read from the
// cache when a thread opens and after each change made here; nothing is copied beyond what is
// shown (at most kCustomerCardRows rows per list).

#include "customers/Customers.h"

#include <QUrl>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::ui {

class CustomerCard : public QWidget {
    Q_OBJECT
public:
    explicit CustomerCard(const Clock &clock, QWidget *parent = nullptr);
    ~CustomerCard() override;

    // nullptr: no cache open (the card is empty). Not owned.
    void setDatabase(Database *database);
    // Who links, unlinks, writes notes and stores references.
    void setAgent(const Agent &agent);
    // The thread shown; 0 clears the card.
    void setThread(qint64 threadId);
    void reload();
    // Keyboard: to the first list of the card.
    void focusCard();

    // The actions behind the buttons; false with the reason shown on the card when refused.
    bool linkSelectedSuggestion();
    bool unlinkSelectedIdentity();
    bool storeReference();
    bool clearReference();
    bool addNote();
    // Opens the company's CRM on this customer (QDesktopServices), from the template in the cache
    // (customers/CrmLink.h); false with the reason shown when there is none or it cannot be filled.
    bool openInCrm();
    // Writes the data of the person shown (privacy/PersonExport.h) to `path`, HTML or, for a path
    // ending in .json, JSON; false with the reason shown when refused or it failed.
    bool exportPersonData(const QString &path);
    // The address openInCrm() would open (invalid with the reason in `why` otherwise).
    QUrl crmUrl(QString *why = nullptr) const;

    const sportello::CustomerCard &data() const { return m_card; }
    qint64 authorId() const { return m_authorId; }
    QString message() const;
    QString referenceText() const;
    QListWidget *threadList() const { return m_threads; }
    QListWidget *identityList() const { return m_identities; }
    QListWidget *suggestionList() const { return m_suggestions; }
    QListWidget *historyList() const { return m_history; }
    QListWidget *noteList() const { return m_notes; }
    QPushButton *linkButton() const { return m_link; }
    QPushButton *unlinkButton() const { return m_unlink; }
    QLineEdit *referenceInput() const { return m_referenceInput; }
    QPushButton *storeReferenceButton() const { return m_storeReference; }
    QLineEdit *noteInput() const { return m_noteInput; }
    QPushButton *crmButton() const { return m_crm; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *eraseButton() const { return m_erase; }

signals:
    // The agent chose another thread of this customer's.
    void openThreadRequested(qint64 threadId);
    // A reference was stored or cleared: the guard's known references changed.
    void referenceChanged();
    // The agent asked to erase the person shown (authorId()); the window asks why and erases.
    void eraseRequested(qint64 authorId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fill();
    void showMessage(const QString &text, bool error);
    void updateButtons();
    // Asks for a file name, then exportPersonData().
    void exportInteractive();
    // The access record of the card shown (privacy/AccessLog.h), once per thread shown.
    void recordOpened();
    bool applied(const Status &status, const QString &done);

    const Clock &m_clock;
    Database *m_database = nullptr;
    std::unique_ptr<CustomerStore> m_store;
    Agent m_agent;
    qint64 m_threadId = 0;
    bool m_openingRecorded = false; // the thread shown has its access record
    bool m_personalDataAllowed = true;
    bool m_eraseAllowed = true; // alone, or an admin or the data protection officer in a team
    qint64 m_authorId = 0;
    sportello::CustomerCard m_card;
    QVector<IdentitySuggestion> m_suggested;
    QLabel *m_title;
    QLabel *m_placeholder;
    QWidget *m_body;
    QLabel *m_referenceTitle;
    QLabel *m_reference;
    QLineEdit *m_referenceInput;
    QPushButton *m_storeReference;
    QPushButton *m_clearReference;
    QLabel *m_identitiesTitle;
    QListWidget *m_identities;
    QPushButton *m_unlink;
    QLabel *m_suggestionsTitle;
    QListWidget *m_suggestions;
    QPushButton *m_link;
    QLabel *m_threadsTitle;
    QListWidget *m_threads;
    QLabel *m_historyTitle;
    QListWidget *m_history;
    QLabel *m_notesTitle;
    QListWidget *m_notes;
    QLineEdit *m_noteInput;
    QPushButton *m_addNote;
    QPushButton *m_crm;
    QPushButton *m_export;
    QPushButton *m_erase;
    QLabel *m_message;
};

} // namespace sportello::ui
