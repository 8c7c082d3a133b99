#pragma once
// Settings > Routing (team mode): how the team hands out threads (Go > Claim Next Thread, `team next`)
// and which public replies wait for a supervisor. The study's three organisations are the
// presets: skills across departments, a dedicated in-house team, in-house plus outside staff.
// What the page shows is the team's (it came down the feed); a supervisor's change is written to
// the cache and goes up to the whole team with the next sync, like the response policy. Agents
// see it read-only.

#include "common/Result.h"
#include "team/TeamWork.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace sportello {
class Database;
} // namespace sportello

namespace sportello::ui {

class RoutingPage : public QWidget {
    Q_OBJECT
public:
    explicit RoutingPage(Database &database, QWidget *parent = nullptr);

    // Whether this desktop may change them (joined as a supervisor or an administrator).
    bool editable() const { return m_editable; }
    bool changed() const;
    // Writes a change to the cache (it goes up with the next sync); nothing when unchanged.
    Status save();

    QComboBox *presetBox() const { return m_preset; }
    QComboBox *orderBox() const { return m_order; }
    QSpinBox *headStartBox() const { return m_headStart; }
    QCheckBox *approvalFor(const QString &role) const;
    QCheckBox *approvalIn(const QString &category) const;
    team::RoutingConfig routing() const;
    team::ApprovalRule approval() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void show(const team::RoutingConfig &routing, const team::ApprovalRule &approval);
    void updateState();
    void retranslateUi();

    Database &m_database;
    bool m_joined = false;
    bool m_editable = false;
    team::RoutingConfig m_loadedRouting;
    team::ApprovalRule m_loadedApproval;
    QLabel *m_intro;
    QLabel *m_presetLabel;
    QComboBox *m_preset;
    QLabel *m_presetHelp;
    QLabel *m_orderLabel;
    QComboBox *m_order;
    QLabel *m_headStartLabel;
    QSpinBox *m_headStart;
    QLabel *m_departments;
    QLabel *m_approvalTitle;
    QCheckBox *m_approvalExternal;
    QCheckBox *m_approvalAgent;
    QLabel *m_approvalCategoriesTitle;
    QCheckBox *m_approvalComplaint;
    QCheckBox *m_approvalAssistance;
    QCheckBox *m_approvalNonNegative;
    QLabel *m_state;
};

} // namespace sportello::ui
