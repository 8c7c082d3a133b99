#pragma once
// A cache a team's agents decided in, for the reports' team groupings and the outside-staff
// rules (test_report, test_ui_report). Six inbound posts in March 2026 (Rome, business calendar
// irrelevant: only calendar minutes and counts are checked):
//
//   post  agent (login)          department     skills                   reply delivered after
//   p1    Marta Verdi (marta)    claims office  complaint, assistance    20 min
//   p2    Marta Verdi (marta)    claims office  complaint, assistance    40 min
//   p3    Paolo Neri (paolo)     sales          none                     10 min
//   p4    Elia Conti (elia)      (none)         assistance               not delivered
//   p5    Gino Ghost (ghost)     not in team_agents                      not delivered
//   p6    undecided
//
// With withTeamAgents false the cache has the same decisions and no team_agents rows (a desktop
// alone). joinAs() writes the cache's membership as that login.

#include "TestSupport.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "team/TeamMembership.h"
#include "triage/TriageService.h"

#include <QSqlQuery>

namespace sportello::test {

inline qint64 teamSampleThread(Database &db, const QString &externalId)
{
    return scalar(db, QStringLiteral("SELECT id FROM threads WHERE external_id = '%1'").arg(externalId)).toLongLong();
}

inline void buildTeamSample(Database &db, bool withTeamAgents)
{
    QVector<PostRecord> posts;
    const char *const arrivals[] = {"2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "2026-03-03T09:00:00Z",
                                    "2026-03-03T10:00:00Z", "2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z"};
    for (int i = 0; i < 6; ++i) {
        PostRecord p = inboundPost(QStringLiteral("tt-%1").arg(i + 1), QStringLiteral("tp-%1").arg(i + 1),
                                   utcMs(arrivals[i]));
        p.category = Category::Assistance;
        posts << p;
    }
    ingest(db, posts);
    struct Decided {
        int post;
        Agent agent;
        qint64 deliveredAfterMin; // -1: still in the outbox
    };
    const std::vector<Decided> decided{
        {1, {QStringLiteral("marta"), QStringLiteral("Marta Verdi")}, 20},
        {2, {QStringLiteral("marta"), QStringLiteral("Marta Verdi")}, 40},
        {3, {QStringLiteral("paolo"), QStringLiteral("Paolo Neri")}, 10},
        {4, {QStringLiteral("elia"), QStringLiteral("Elia Conti")}, -1},
        {5, {QStringLiteral("ghost"), QStringLiteral("Gino Ghost")}, -1},
    };
    for (const Decided &d : decided) {
        const qint64 arrived = utcMs(arrivals[d.post - 1]);
        ManualClock clock(arrived + 5 * 60000);
        TriageService triage(db, clock, d.agent);
        const qint64 thread = teamSampleThread(db, QStringLiteral("tt-%1").arg(d.post));
        auto result = triage.decide({thread, DecisionKind::ReplyPublic, QStringLiteral("Eccoci"), std::nullopt,
                                     Category::Assistance});
        INFO(result.error().toStdString());
        REQUIRE(result.ok());
        if (d.deliveredAfterMin >= 0) {
            QSqlQuery update(db.connection());
            REQUIRE(update.exec(QStringLiteral("UPDATE outbox SET state = 'delivered', delivered_at = %1 WHERE "
                                               "decision_id IN (SELECT id FROM decisions WHERE thread_id = %2)")
                                    .arg(arrived + d.deliveredAfterMin * 60000)
                                    .arg(thread)));
            REQUIRE(update.numRowsAffected() == 1);
        }
    }
    if (!withTeamAgents)
        return;
    QSqlQuery insert(db.connection());
    REQUIRE(insert.exec(QStringLiteral(
        "INSERT INTO team_agents(login, name, role, department, skill_categories) VALUES "
        "('marta', 'Marta Verdi', 'agent', 'claims office', '[\"complaint\",\"assistance\"]'), "
        "('paolo', 'Paolo Neri', 'supervisor', 'sales', '[]'), "
        "('elia', 'Elia Conti', 'external', '', '[\"assistance\"]')")));
}

// The cache joins the team as `login` (its row of team_agents is the sample's).
inline void joinTeamAs(Database &db, const QString &login)
{
    team::TeamMembership membership;
    auto url = team::TeamUrl::parse(QStringLiteral("postgresql://%1@localhost:5432/team").arg(login));
    INFO(url.error().toStdString());
    REQUIRE(url.ok());
    membership.url = url.value();
    membership.login = login;
    membership.teamId = QStringLiteral("team-test");
    Status saved = membership.save(db.connection());
    INFO(saved.error().toStdString());
    REQUIRE(saved.ok());
}

} // namespace sportello::test
