#pragma once
// Help > Access Records…: who opened which customer's card and who exported which report or
// which person's data (docs/privacy.md, "Access to personal data"). Alone, this desktop's records;
// in a team, the team's, for the data protection officer only (the team database grants them to
// that role alone). A table over AccessLogModel, paged from SQL.

#include "privacy/AccessLog.h"

#include <QWidget>
#include <memory>

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace sportello::team {
class TeamConnection;
}

namespace sportello::ui {

class AccessLogModel;

class AccessLogWindow : public QWidget {
    Q_OBJECT
public:
    // Reads `db` (the cache, or a team connection that `owned` keeps open for the window's life).
    AccessLogWindow(const QSqlDatabase &db, privacy::AccessLogSource source,
                    std::unique_ptr<team::TeamConnection> owned = nullptr, QWidget *parent = nullptr);
    ~AccessLogWindow() override;

    // The filter's fields, then the records again.
    void setRange(const QDate &since, const QDate &until);
    void setAgentFilter(const QString &agent);
    void applyFilter();

    AccessLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summary() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // Sizes the columns to the rows read; the subject takes the room left (a header's own
    // stretch is lost at each reset of the model).
    void fitColumns();
    void retranslate();
    void updateSummary();

    std::unique_ptr<team::TeamConnection> m_connection;
    AccessLogModel *m_model;
    QLabel *m_sinceLabel;
    QDateEdit *m_since;
    QLabel *m_untilLabel;
    QDateEdit *m_until;
    QLabel *m_agentLabel;
    QLineEdit *m_agent;
    QPushButton *m_apply;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_note;
    privacy::AccessLogSource m_source;
};

} // namespace sportello::ui
