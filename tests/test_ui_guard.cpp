// Settings > Personal Data Guard (offscreen): the company's configuration of the insurance guard
// with a live preview of a sample text; an invalid pattern or domain keeps OK from saving and says
// why; OK stores the configuration with its audit entry and the console applies it at once; in a
// team (a real PostgreSQL 15, tests/PgServer) a supervisor's change reaches the team and an
// agent's desktop shows it read-only.
#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "PgServer.h"
#include "TestSupport.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Language.h"
#include "compose/Guard.h"
#include "dialogs/GuardPage.h"
#include "dialogs/SettingsDialog.h"
#include "domain/Agent.h"
#include "session/ConsoleSession.h"
#include "storage/Database.h"
#include "team/TeamAgents.h"
#include "team/TeamDatabase.h"
#include "team/TeamMembership.h"
#include "team/TeamReplica.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

using namespace sportello;
using namespace sportello::test;
using sportello::test::PgServer;
using sportello::ui::GuardPage;
using sportello::ui::SettingsDialog;

namespace {

const QString kSample = QStringLiteral("Per il contratto AS123456789 scriva a reclami@assicuraserena.it "
                                       "o chiami lo 02 8765 4321.");

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

// Waits for the preview's pause to pass (it runs on its own once the typing stops).
QStringList previewOf(GuardPage *page)
{
    REQUIRE(waitFor([page] { return !page->previewPending(); }));
    return page->previewFindings();
}

bool finds(const QStringList &findings, FindingKind kind, const QString &text)
{
    QString kindLabel = label(kind);
    kindLabel[0] = kindLabel.at(0).toUpper();
    return findings.contains(QStringLiteral("%1: %2").arg(kindLabel, text));
}

int auditEntries(Database &db)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'guard_config_changed'")).toInt();
}

struct Dialog {
    TempCache cache;
    ManualClock clock{utcMs("2026-03-02T08:00:00Z")};
    ui::AppSettings settings{cache.dir.filePath(QStringLiteral("settings.ini"))};
    accounts::MemoryTokenStore tokens;
    std::unique_ptr<SettingsDialog> dialog;

    Dialog()
    {
        ui::applyLanguage(QStringLiteral("en"));
        settings.setAgentName(QStringLiteral("Marta Verdi"));
        dialog = std::make_unique<SettingsDialog>(settings, *cache.db, clock, tokens);
        dialog->setCurrentPage(SettingsDialog::Page::Guard);
    }
    GuardPage *page() const { return dialog->guardPage(); }
};

} // namespace

TEST_CASE("Settings > Personal Data Guard: the preview follows the edits and an own domain's address is no "
          "finding once the domain is added",
          "[ui][guard]")
{
    Dialog d;
    GuardPage *page = d.page();
    REQUIRE(page != nullptr);
    CHECK(page->editable());
    CHECK_FALSE(page->joined());
    CHECK(page->stateText().isEmpty());
    CHECK(page->defaultsBox()->isChecked());
    CHECK(page->previewStatus().contains(QLatin1String("Type or paste")));

    page->sampleField()->setPlainText(kSample);
    CHECK(page->previewPending()); // not at every keystroke: after the pause
    QStringList found = previewOf(page);
    INFO(found.join(QLatin1Char('\n')).toStdString());
    CHECK(finds(found, FindingKind::PolicyNumber, QStringLiteral("AS123456789")));
    CHECK(finds(found, FindingKind::Email, QStringLiteral("reclami@assicuraserena.it")));
    CHECK(finds(found, FindingKind::Phone, QStringLiteral("02 8765 4321")));
    CHECK(page->sampleField()->extraSelections().size() == found.size());
    CHECK(page->previewStatus().contains(QLatin1String("finds 3")));

    // The company's own domain, as someone types it: its function address is no finding.
    page->domainsField()->setPlainText(QStringLiteral("  @AssicuraSerena.IT "));
    found = previewOf(page);
    CHECK_FALSE(finds(found, FindingKind::Email, QStringLiteral("reclami@assicuraserena.it")));
    CHECK(finds(found, FindingKind::Phone, QStringLiteral("02 8765 4321")));
    // Its own number, written another way.
    page->phonesField()->setPlainText(QStringLiteral("02-8765-4321"));
    found = previewOf(page);
    CHECK_FALSE(finds(found, FindingKind::Phone, QStringLiteral("02 8765 4321")));

    // Without the built-in patterns the contract number is not found, with the company's own it is.
    page->defaultsBox()->setChecked(false);
    found = previewOf(page);
    CHECK(found.isEmpty());
    CHECK(page->previewStatus().contains(QLatin1String("finds nothing")));
    page->addPattern({FindingKind::ClaimNumber, QStringLiteral(R"(\bAS\d{9}\b)"), QStringLiteral("contracts")});
    found = previewOf(page);
    CHECK(finds(found, FindingKind::ClaimNumber, QStringLiteral("AS123456789")));
    page->kindBox(0)->setCurrentIndex(page->kindBox(0)->findData(toId(FindingKind::PolicyNumber)));
    found = previewOf(page);
    CHECK(finds(found, FindingKind::PolicyNumber, QStringLiteral("AS123456789")));

    // Nothing is stored until OK.
    auto stored = GuardConfig::load(d.cache.db->connection());
    REQUIRE(stored.ok());
    CHECK(stored.value() == GuardConfig::defaults());
    CHECK(page->changed());
}

TEST_CASE("Settings > Personal Data Guard: an invalid pattern or domain keeps OK from saving with the reason, "
          "OK stores the configuration with its audit entry",
          "[ui][guard]")
{
    Dialog d;
    GuardPage *page = d.page();
    Database &db = *d.cache.db;
    page->sampleField()->setPlainText(kSample);

    // An unbalanced bracket: the row says what QRegularExpression says, and OK refuses.
    const QString broken = QStringLiteral(R"(\bAS(\d{9}\b)");
    const QString message = QRegularExpression(broken).errorString();
    REQUIRE_FALSE(message.isEmpty());
    page->addPattern({FindingKind::PolicyNumber, broken, QStringLiteral("contracts")});
    const QString problem = page->patternTable()->item(0, GuardPage::ProblemColumn)->text();
    INFO(problem.toStdString());
    CHECK(problem.contains(message));
    // The preview goes on without it.
    CHECK(finds(previewOf(page), FindingKind::PolicyNumber, QStringLiteral("AS123456789")));
    CHECK(page->previewStatus().contains(QLatin1String("left out")));
    d.dialog->accept();
    CHECK(d.dialog->result() != QDialog::Accepted);
    CHECK(d.dialog->errorText().contains(QLatin1String("Pattern 1")));
    CHECK(d.dialog->errorText().contains(message));
    CHECK(auditEntries(db) == 0);

    // A pattern that matches empty text would find something everywhere.
    page->patternTable()->item(0, GuardPage::PatternColumn)->setText(QStringLiteral(R"((?:AS)?\d*)"));
    CHECK(d.dialog->errorText().isEmpty()); // an edit clears the old reason
    d.dialog->accept();
    CHECK(d.dialog->result() != QDialog::Accepted);
    CHECK(d.dialog->errorText().contains(QLatin1String("empty text")));

    // A line that is not a domain.
    page->patternTable()->item(0, GuardPage::PatternColumn)->setText(QStringLiteral(R"(\bAS\d{9}\b)"));
    page->domainsField()->setPlainText(QStringLiteral("assicuraserena.it\nreclami at assicuraserena"));
    d.dialog->accept();
    CHECK(d.dialog->result() != QDialog::Accepted);
    CHECK(d.dialog->errorText().contains(QLatin1String("line 2")));
    CHECK(d.dialog->errorText().contains(QLatin1String("reclami at assicuraserena")));
    CHECK(auditEntries(db) == 0);
    CHECK(GuardConfig::load(db.connection()).value() == GuardConfig::defaults());

    // Put right: stored as edited, domains in lower case, numbers as digits, with its audit entry.
    page->domainsField()->setPlainText(QStringLiteral("AssicuraSerena.it\n\nserena-assistenza.com, assicuraserena.it"));
    page->phonesField()->setPlainText(QStringLiteral("02 8765 4321\n+39 (02) 1234.5678"));
    page->addPattern({FindingKind::ClaimNumber, QStringLiteral(R"(\bSX-\d{4}-\d{6}\b)"), QStringLiteral("claims")});
    page->addPattern({}); // an empty row is left out
    auto edited = page->config();
    INFO(edited.error().toStdString());
    REQUIRE(edited.ok());
    d.dialog->accept();
    INFO(d.dialog->errorText().toStdString());
    CHECK(d.dialog->result() == QDialog::Accepted);
    CHECK(d.dialog->guardConfigChanged());

    GuardConfig expected;
    expected.patterns = {{FindingKind::PolicyNumber, QStringLiteral(R"(\bAS\d{9}\b)"), QStringLiteral("contracts")},
                         {FindingKind::ClaimNumber, QStringLiteral(R"(\bSX-\d{4}-\d{6}\b)"), QStringLiteral("claims")}};
    expected.ownDomains = {QStringLiteral("assicuraserena.it"), QStringLiteral("serena-assistenza.com")};
    expected.ownPhones = {QStringLiteral("0287654321"), QStringLiteral("390212345678")};
    auto stored = GuardConfig::load(db.connection());
    REQUIRE(stored.ok());
    CHECK(stored.value() == expected);
    CHECK(edited.value() == expected);
    REQUIRE(auditEntries(db) == 1);
    const QJsonObject details =
        QJsonDocument::fromJson(
            scalar(db, QStringLiteral("SELECT details FROM audit_log WHERE action = 'guard_config_changed'"))
                .toString()
                .toUtf8())
            .object();
    CHECK(details.value(QStringLiteral("after")).toObject().value(QStringLiteral("own_domains")).toArray().size() == 2);
    CHECK(details.value(QStringLiteral("before")).toObject().value(QStringLiteral("patterns")).toArray().isEmpty());
    CHECK(scalar(db, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'guard_config_changed'"))
              .toString() == QLatin1String("Marta Verdi"));

    // The same dialog again: what is stored, and OK without a change writes nothing.
    SettingsDialog again(d.settings, db, d.clock, d.tokens);
    CHECK(again.guardPage()->config().value() == expected);
    CHECK_FALSE(again.guardPage()->changed());
    again.accept();
    CHECK_FALSE(again.guardConfigChanged());
    CHECK(auditEntries(db) == 1);
}

TEST_CASE("Settings > Personal Data Guard: the console applies a saved configuration at once", "[ui][guard]")
{
    ConsoleOptions options;
    options.nowMs = utcMs("2026-03-02T08:00:00Z");
    ConsoleFixture console([](Database &) {}, std::move(options));
    ui::MainWindow &w = console.w();
    REQUIRE(w.session() != nullptr);
    REQUIRE(w.session()->guardConfiguration().ownDomains.isEmpty());
    bool shown = false;
    whenModal(&w, [&](QWidget *modal) {
        auto *dialog = qobject_cast<SettingsDialog *>(modal);
        REQUIRE(dialog != nullptr);
        dialog->setCurrentPage(SettingsDialog::Page::Guard);
        shown = dialog->guardPage()->isVisible();
        dialog->guardPage()->domainsField()->setPlainText(QStringLiteral("assicuraserena.it"));
        dialog->accept();
        if (dialog->isVisible()) // should not happen: close it so the test goes on
            dialog->reject();
    });
    w.showSettings();
    CHECK(shown);
    CHECK(w.session()->guardConfiguration().ownDomains == QStringList{QStringLiteral("assicuraserena.it")});
    CHECK(auditEntries(console.db()) == 1);
}

namespace {

const QString kPassword = QStringLiteral("a long enough password");

// A team database with a supervisor and an agent.
struct Team {
    std::unique_ptr<PgServer> server;
    std::unique_ptr<team::TeamConnection> admin;
    team::TeamUrl url;

    Team()
    {
        QString error;
        server = PgServer::start({}, &error);
        INFO(error.toStdString());
        REQUIRE(server);
        REQUIRE(server->createDatabase(QStringLiteral("team"), &error));
        url = *team::TeamUrl::parse(server->url(QStringLiteral("team")));
        auto connection = team::TeamConnection::open(url, server->superuserPassword());
        REQUIRE(connection.ok());
        admin = std::move(*connection);
        REQUIRE(team::initTeamSchema(admin->db()).ok());
        add(QStringLiteral("sara"), QStringLiteral("Sara Neri"), team::AgentRole::Supervisor);
        add(QStringLiteral("marta"), QStringLiteral("Marta Verdi"), team::AgentRole::Agent);
    }
    void add(const QString &login, const QString &name, team::AgentRole role) const
    {
        team::TeamAgent agent;
        agent.login = login;
        agent.name = name;
        agent.role = role;
        REQUIRE(team::addAgent(admin->db(), agent, kPassword, 1).ok());
    }
    QString scalar(const QString &statement) const
    {
        QSqlQuery q(admin->db());
        REQUIRE(q.exec(statement));
        return q.next() ? q.value(0).toString() : QString();
    }
};

// A desktop's cache joined to the team as `login`, synced once.
struct Desktop {
    TempCache cache;
    ManualClock clock{QDateTime::currentMSecsSinceEpoch()};
    accounts::MemoryTokenStore keychain;
    std::unique_ptr<team::TeamReplica> replica;

    Desktop(const Team &team, const QString &login)
    {
        auto joined =
            team::TeamReplica::join(*cache.db, team.url.withUser(login), login, QString(), kPassword, clock.nowMs());
        REQUIRE(joined.ok());
        REQUIRE(keychain.write(team::passwordKey(joined->url), kPassword).ok());
        replica = std::make_unique<team::TeamReplica>(*cache.db, clock, &keychain);
        sync();
    }
    void sync() const
    {
        auto report = replica->syncOnce();
        REQUIRE(report.ok());
        INFO(report->errors.join(QLatin1Char('\n')).toStdString());
        REQUIRE(report->errors.isEmpty());
    }
};

} // namespace

TEST_CASE("Settings > Personal Data Guard in a team: a supervisor's change reaches the team, an agent sees it "
          "read-only",
          "[ui][guard][team]")
{
    ui::applyLanguage(QStringLiteral("en"));
    Team team;
    Desktop supervisor(team, QStringLiteral("sara"));
    GuardPage page(*supervisor.cache.db);
    REQUIRE(page.joined());
    REQUIRE(page.editable());
    CHECK(page.stateText().isEmpty());
    page.domainsField()->setPlainText(QStringLiteral("assicuraserena.it"));
    page.addPattern({FindingKind::PolicyNumber, QStringLiteral(R"(\bAS\d{9}\b)"), QStringLiteral("contracts")});
    REQUIRE(page.save(Agent{QStringLiteral("some-desktop-id"), QStringLiteral("Sara")}, supervisor.clock).ok());
    // Recorded with the team login.
    CHECK(scalar(*supervisor.cache.db,
                 QStringLiteral("SELECT agent_id FROM audit_log WHERE action = 'guard_config_changed'"))
              .toString() == QLatin1String("sara"));
    supervisor.sync();
    const QString teamValue =
        team.scalar(QStringLiteral("SELECT value FROM sportello.settings WHERE key = 'guard_config'"));
    auto pushed = GuardConfig::fromJson(teamValue.toUtf8());
    REQUIRE(pushed.ok());
    CHECK(pushed->ownDomains == QStringList{QStringLiteral("assicuraserena.it")});
    CHECK(pushed->patterns.size() == 1);

    // An agent's desktop has the team's configuration, read-only, and can still try a sample.
    Desktop agent(team, QStringLiteral("marta"));
    GuardPage agentPage(*agent.cache.db);
    CHECK(agentPage.joined());
    CHECK_FALSE(agentPage.editable());
    CHECK(agentPage.stateText().contains(QLatin1String("supervisor or an administrator")));
    CHECK(agentPage.domainsField()->isReadOnly());
    CHECK_FALSE(agentPage.defaultsBox()->isEnabled());
    CHECK_FALSE(agentPage.kindBox(0)->isEnabled());
    CHECK(agentPage.patternTable()->editTriggers() == QAbstractItemView::NoEditTriggers);
    CHECK(agentPage.config().value() == pushed.value());
    agentPage.sampleField()->setPlainText(kSample);
    const QStringList found = previewOf(&agentPage);
    CHECK(finds(found, FindingKind::PolicyNumber, QStringLiteral("AS123456789")));
    CHECK_FALSE(finds(found, FindingKind::Email, QStringLiteral("reclami@assicuraserena.it")));
    // Nothing to save: an edit made anyway (the fields are read-only) is not stored.
    agentPage.domainsField()->setPlainText(QStringLiteral("altro.it"));
    CHECK(agentPage.save(Agent{QStringLiteral("marta"), QStringLiteral("Marta")}, agent.clock).ok());
    CHECK(scalar(*agent.cache.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                                 "'guard_config_changed' AND agent_id = 'marta'"))
              .toInt() == 0);
    CHECK(GuardConfig::load(agent.cache.db->connection()).value() == pushed.value());
}
