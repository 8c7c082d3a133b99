// Settings > Accounts signs in to X and Facebook: the real SignInFlow (Qt Network Authorization,
// PKCE, loopback redirect) against the fake X and Meta authorization server on 127.0.0.1, with a
// "browser" that is a QNetworkAccessManager following the consent page's redirect to the loopback.
// Checked: what the sign-in dialog shows, what the table shows, what the keychain holds, and that
// no token reaches the cache, the settings file or the log.
#include "catch_compat.h"

#include "FakeAuthServer.h"
#include "TestSupport.h"

#include "accounts/Credential.h"
#include "accounts/OAuthApps.h"
#include "accounts/TokenStore.h"
#include "common/AppSettings.h"
#include "common/Clock.h"
#include "common/Language.h"
#include "dialogs/AccountsPage.h"
#include "dialogs/OAuthAppsDialog.h"
#include "dialogs/SignInDialog.h"
#include "storage/Database.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUrlQuery>

using namespace sportello;
using namespace sportello::test;
using accounts::OAuthProvider;
using State = ui::SignInDialog::State;
using TokenKind = FakeAuthServer::TokenKind;

namespace {

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message) { g_log << message; }

// Every message logged while it lives, with every sportello category on.
struct LogCapture {
    QtMessageHandler previous;
    LogCapture()
    {
        g_log.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("sportello.*=true"));
        previous = qInstallMessageHandler(captureLog);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;
};

struct SignInFixture {
    TempCache cache;
    QTemporaryDir dir;
    QString settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    ui::AppSettings settings{settingsPath};
    accounts::MemoryTokenStore keychain;
    FakeAuthServer fake;
    ManualClock clock{utcMs("2026-03-02T09:00:00Z")};
    QNetworkAccessManager browser; // follows the consent page's 302 to the loopback, as a browser does
    bool browserWorks = true;
    QList<QUrl> opened;
    ui::AccountsPage page{*cache.db, keychain, settings};

    SignInFixture()
    {
        REQUIRE(fake.server().listening());
        configureApps();
        page.setClock(clock);
        page.setBrowserOpener([this](const QUrl &url) {
            opened << url;
            if (!browserWorks)
                return false;
            QNetworkReply *reply = browser.get(QNetworkRequest(url));
            QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
            return true;
        });
    }

    void configureApps()
    {
        accounts::OAuthApp x = accounts::loadOAuthApp(*cache.db, OAuthProvider::X).value();
        x.clientId = fake.x.clientId;
        x.authorizeUrl = fake.url(fake.paths().xAuthorize).toString();
        x.tokenUrl = fake.url(fake.paths().xToken).toString();
        x.apiUrl = fake.baseUrl() + QStringLiteral("/2");
        REQUIRE(accounts::saveOAuthApp(*cache.db, x).ok());
        accounts::OAuthApp meta = accounts::loadOAuthApp(*cache.db, OAuthProvider::Meta).value();
        meta.clientId = fake.meta.clientId;
        meta.authorizeUrl = fake.url(fake.paths().metaDialog).toString();
        meta.tokenUrl = fake.url(fake.paths().metaAccessToken).toString();
        meta.apiUrl = fake.baseUrl() + QStringLiteral("/v19.0");
        meta.exchangeUrl = fake.url(fake.paths().metaExchange).toString();
        REQUIRE(accounts::saveOAuthApp(*cache.db, meta).ok());
    }

    ui::SignInDialog *dialog() const { return page.signInDialog(); }
    bool waitFor(State state)
    {
        return QTest::qWaitFor([&] { return dialog() && dialog()->state() == state; }, 15'000);
    }
    int rowOf(Channel channel, const QString &id) const
    {
        for (int r = 0; r < page.model()->rowCount(); ++r) {
            const accounts::Account *a = page.model()->accountAt(r);
            if (a->channel == channel && a->accountId == id)
                return r;
        }
        return -1;
    }
    QString cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return page.model()->index(row, column).data(role).toString();
    }
    // Everything the keychain holds: both slots of every account, and nothing else.
    QStringList keychainValues()
    {
        QStringList values;
        auto list = accounts::AccountStore(*cache.db).list();
        REQUIRE(list.ok());
        for (const accounts::Account &a : *list)
            for (const QString &key : {a.tokenKey(), accounts::nextSlotKey(a.tokenKey())})
                if (auto v = keychain.read(key); v.ok())
                    values << *v;
        CHECK(values.size() == keychain.size());
        return values;
    }
    QByteArray cacheBytes() const
    {
        cache.db->connection().close();
        QByteArray bytes = fileBytes(cache.path);
        if (QFile::exists(cache.path + QStringLiteral("-wal")))
            bytes += fileBytes(cache.path + QStringLiteral("-wal"));
        return bytes;
    }
    // No secret the fake issued is in the cache, the settings, the page's table or the log.
    void checkNoSecretsOutsideKeychain()
    {
        page.save();
        settings.sync();
        QStringList shown{page.message()};
        for (int r = 0; r < page.model()->rowCount(); ++r)
            for (int c = 0; c < page.model()->columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    shown << cell(r, c, role);
        const QByteArray settingsFile = fileBytes(settingsPath);
        const QByteArray cacheFile = cacheBytes();
        const QString log = g_log.join(QLatin1Char('\n'));
        REQUIRE_FALSE(fake.issuedSecrets().isEmpty());
        for (const QString &secret : fake.issuedSecrets()) {
            INFO(secret.left(6).toStdString());
            CHECK_FALSE(cacheFile.contains(secret.toUtf8()));
            CHECK_FALSE(settingsFile.contains(secret.toUtf8()));
            CHECK_FALSE(log.contains(secret));
            CHECK_FALSE(shown.join(QLatin1Char('\n')).contains(secret));
        }
    }
};

void saveScreenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SPORTELLO_SIGNIN_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    widget->show();
    widget->adjustSize();
    QApplication::processEvents();
    CHECK(widget->grab().save(QDir(dir).filePath(QString::fromLatin1(name))));
}

QStringList checkedIds(QTreeWidget *tree)
{
    QStringList ids;
    for (QTreeWidgetItemIterator it(tree, QTreeWidgetItemIterator::Checked); *it; ++it)
        ids << (*it)->data(0, Qt::UserRole + 1).toString();
    return ids;
}

} // namespace

TEST_CASE("signing in with X in the browser adds the account, shows who signed in and the missing permission",
          "[ui][accounts][signin]")
{
    LogCapture log;
    SignInFixture f;
    QAbstractItemModelTester tester(f.page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    f.fake.x.untickedScopes = {QStringLiteral("dm.write")};
    // Keyboard: both buttons have a mnemonic and say what they do.
    CHECK(f.page.signInXButton()->text().contains(QLatin1String("&X")));
    CHECK(f.page.signInFacebookButton()->text().contains(QLatin1String("&Facebook")));
    CHECK_FALSE(f.page.signInXButton()->toolTip().isEmpty());
    CHECK(f.page.tokenForm()->isHidden()); // the pasted-token path is folded away

    QTest::mouseClick(f.page.signInXButton(), Qt::LeftButton);
    REQUIRE(f.dialog());
    CHECK(f.dialog()->state() == State::Waiting);
    CHECK(f.dialog()->headline().contains(QLatin1String("Waiting for you to sign in to X in your browser")));
    REQUIRE(f.opened.size() == 1);
    CHECK(f.dialog()->urlField()->text() == f.opened.first().toString(QUrl::FullyEncoded));
    CHECK(f.dialog()->urlField()->isReadOnly());

    REQUIRE(f.waitFor(State::Saved));
    ui::SignInDialog *d = f.dialog();
    CHECK(d->headline().contains(QLatin1String("@TweepyDev")));
    for (const char *scope : {"tweet.read", "users.read", "offline.access"})
        CHECK(d->scopesText().contains(QLatin1String(scope)));
    CHECK_FALSE(d->scopesText().contains(QLatin1String("dm.write")));
    const QString missing = d->missingText();
    CHECK(missing.contains(QLatin1String("dm.write")));
    const auto needs = accounts::missingScopes(OAuthProvider::X, {});
    const auto dm = std::find_if(needs.begin(), needs.end(),
                                 [](const accounts::ScopeNeed &n) { return n.scope == QLatin1String("dm.write"); });
    REQUIRE(dm != needs.end());
    CHECK(missing.contains(dm->withoutIt.toHtmlEscaped()));
    CHECK(d->findChild<QLabel *>(QStringLiteral("signInMissingScopes"))->isVisibleTo(d));
    saveScreenshot(d, "signin-x.png");

    // The table: who signed in, a token that renews itself, ready.
    const QString userId = f.fake.x.id;
    const int row = f.rowOf(Channel::X, userId);
    REQUIRE(row >= 0);
    CHECK(f.cell(row, ui::AccountsModel::SignedInAsColumn) == QLatin1String("@TweepyDev"));
    CHECK(f.cell(row, ui::AccountsModel::ExpiresColumn) == QLatin1String("renews itself"));
    CHECK(f.cell(row, ui::AccountsModel::StatusColumn) == QLatin1String("Ready"));
    CHECK(f.page.model()->headerData(ui::AccountsModel::SignedInAsColumn, Qt::Horizontal).toString() ==
          QLatin1String("Signed in as"));
    CHECK(f.page.model()->headerData(ui::AccountsModel::ExpiresColumn, Qt::Horizontal).toString() ==
          QLatin1String("Token expires"));
    CHECK(f.page.message().contains(QLatin1String("@TweepyDev")));

    // The keychain holds the sign-in's credential: the fake's newest tokens.
    auto credential = accounts::readCredential(f.keychain, accounts::accountTokenKey(Channel::X, userId));
    REQUIRE(credential.ok());
    CHECK(credential->accessToken == f.fake.latest(TokenKind::XAccess));
    CHECK(credential->refreshToken == f.fake.latest(TokenKind::XRefresh));
    CHECK(credential->expiresAtMs == f.clock.nowMs() + 7200 * 1000);
    CHECK(credential->renewable());
    d->close();
    REQUIRE(QTest::qWaitFor([&] { return f.dialog() == nullptr; }));

    // Sign In Again on it: the browser again, the same account with the new tokens, the mark cleared.
    accounts::AccountStore store(*f.cache.db);
    REQUIRE(store.setNeedsSignIn((*store.find(Channel::X, userId))->id, true).ok());
    f.page.model()->reload();
    CHECK(f.cell(f.rowOf(Channel::X, userId), ui::AccountsModel::StatusColumn) == QLatin1String("Needs sign-in"));
    f.fake.x.untickedScopes.clear();
    f.page.view()->selectRow(f.rowOf(Channel::X, userId));
    CHECK(f.page.signInAgainButton()->toolTip().contains(QLatin1String("browser")));
    REQUIRE(f.page.signInSelected());
    REQUIRE(f.waitFor(State::Saved));
    CHECK(f.dialog()->missingText().isEmpty());
    CHECK(f.opened.size() == 2);
    CHECK(f.page.model()->rowCount() == 1);
    CHECK_FALSE((*store.find(Channel::X, userId))->needsSignIn);
    CHECK((*store.find(Channel::X, userId))->grantedScopes.contains(QLatin1String("dm.write")));
    CHECK(accounts::readCredential(f.keychain, accounts::accountTokenKey(Channel::X, userId))->accessToken ==
          f.fake.latest(TokenKind::XAccess));
    f.dialog()->close();
    f.checkNoSecretsOutsideKeychain();
}

TEST_CASE("an X sign-in that cannot renew shows when its token expires, highlighted within a day and once expired",
          "[ui][accounts][signin]")
{
    SignInFixture f;
    f.fake.x.untickedScopes = {QStringLiteral("offline.access")};
    REQUIRE(f.page.signInWith(OAuthProvider::X));
    REQUIRE(f.waitFor(State::Saved));
    CHECK(f.dialog()->missingText().contains(QLatin1String("offline.access")));
    const int row = f.rowOf(Channel::X, f.fake.x.id);
    REQUIRE(row >= 0);
    const qint64 expires = f.clock.nowMs() + 7200 * 1000;
    const QString when =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(expires).toLocalTime(), QLocale::ShortFormat);
    CHECK(f.cell(row, ui::AccountsModel::ExpiresColumn) == when);
    // Two hours left: within a day, so highlighted.
    CHECK(f.page.model()->index(row, ui::AccountsModel::ExpiresColumn).data(Qt::ForegroundRole).isValid());
    CHECK(f.cell(row, ui::AccountsModel::ExpiresColumn, Qt::ToolTipRole).contains(QLatin1String("within a day")));
    f.clock.advanceMs(3 * 3600 * 1000);
    CHECK(f.cell(row, ui::AccountsModel::ExpiresColumn).startsWith(QLatin1String("expired")));
    CHECK(f.page.model()->index(row, ui::AccountsModel::ExpiresColumn).data(Qt::ForegroundRole).isValid());
    CHECK_FALSE(accounts::readCredential(f.keychain, accounts::accountTokenKey(Channel::X, f.fake.x.id))->renewable());
}

TEST_CASE("signing in with Facebook adds the chosen Pages and Instagram accounts with their Page tokens only",
          "[ui][accounts][signin][secrets]")
{
    LogCapture log;
    SignInFixture f;
    f.fake.meta.untickedScopes = {QStringLiteral("pages_messaging")};
    QTest::mouseClick(f.page.signInFacebookButton(), Qt::LeftButton);
    REQUIRE(f.dialog());
    CHECK(f.dialog()->headline().contains(QLatin1String("Waiting for you to sign in to Facebook in your browser")));
    REQUIRE(f.waitFor(State::Succeeded));
    ui::SignInDialog *d = f.dialog();
    CHECK(d->headline().contains(f.fake.meta.name));
    CHECK(d->noticeText().isEmpty()); // the exchange endpoint answered: long-lived tokens
    CHECK(d->missingText().contains(QLatin1String("pages_messaging")));
    QTreeWidget *tree = d->pagesTree();
    REQUIRE(tree->isVisibleTo(d));
    // Every Page and linked Instagram account, each checked.
    QStringList all = checkedIds(tree);
    CHECK(all.size() == tree->topLevelItemCount() + int(f.fake.meta.instagram.size()));
    for (const auto &ig : f.fake.meta.instagram) {
        CHECK(all.contains(ig.pageId));
        CHECK(all.contains(ig.igId));
        const auto found = tree->findItems(QLatin1Char('@') + ig.username, Qt::MatchExactly | Qt::MatchRecursive);
        REQUIRE(found.size() == 1);
        CHECK(found.first()->parent() != nullptr);
        CHECK(found.first()->parent()->data(0, Qt::UserRole + 1).toString() == ig.pageId);
    }
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        CHECK_FALSE(tree->topLevelItem(i)->text(1).isEmpty()); // the category
    saveScreenshot(d, "signin-fb.png");

    // Leave out one Page without Instagram and the second Instagram account.
    QTreeWidgetItem *leftOutPage = nullptr;
    for (int i = 0; i < tree->topLevelItemCount() && !leftOutPage; ++i)
        if (tree->topLevelItem(i)->childCount() == 0)
            leftOutPage = tree->topLevelItem(i);
    REQUIRE(leftOutPage);
    leftOutPage->setCheckState(0, Qt::Unchecked);
    const auto leftOutIg =
        tree->findItems(QLatin1Char('@') + f.fake.meta.instagram.at(1).username, Qt::MatchExactly | Qt::MatchRecursive);
    leftOutIg.first()->setCheckState(0, Qt::Unchecked);
    const QStringList chosen = checkedIds(tree);
    CHECK(chosen.size() == all.size() - 2);
    QTest::mouseClick(d->addSelectedButton(), Qt::LeftButton);
    REQUIRE(f.waitFor(State::Saved));

    CHECK(f.page.model()->rowCount() == chosen.size());
    CHECK(f.rowOf(Channel::Facebook, leftOutPage->data(0, Qt::UserRole + 1).toString()) < 0);
    CHECK(f.rowOf(Channel::Instagram, f.fake.meta.instagram.at(1).igId) < 0);
    const int igRow = f.rowOf(Channel::Instagram, f.fake.meta.instagram.at(0).igId);
    REQUIRE(igRow >= 0);
    CHECK(f.cell(igRow, ui::AccountsModel::SignedInAsColumn) ==
          QLatin1Char('@') + f.fake.meta.instagram.at(0).username);
    CHECK(f.cell(igRow, ui::AccountsModel::ExpiresColumn) == QLatin1String("never"));

    // Page tokens in the keychain, each a token the fake issued for that Page; never a user token.
    const QStringList userTokens{f.fake.latest(TokenKind::MetaShortLived), f.fake.latest(TokenKind::MetaLongLived),
                                 f.fake.latest(TokenKind::MetaCode)};
    for (const QString &t : userTokens)
        REQUIRE_FALSE(t.isEmpty());
    const QStringList values = f.keychainValues();
    CHECK(values.size() == chosen.size());
    for (const QString &value : values) {
        for (const QString &t : userTokens)
            CHECK_FALSE(value.contains(t));
        auto c = accounts::Credential::fromStored(value);
        REQUIRE(c.ok());
        CHECK(f.fake.issuedSecrets().contains(c->accessToken));
        CHECK(f.fake.isCurrent(c->accessToken));
        CHECK(c->refreshToken.isEmpty());
    }
    const QByteArray cache = f.cacheBytes();
    for (const QString &t : userTokens)
        CHECK_FALSE(cache.contains(t.toUtf8()));
    f.checkNoSecretsOutsideKeychain();
}

TEST_CASE("without a token exchange endpoint the Facebook sign-in says the Page tokens will expire",
          "[ui][accounts][signin]")
{
    SignInFixture f;
    accounts::OAuthApp meta = accounts::loadOAuthApp(*f.cache.db, OAuthProvider::Meta).value();
    meta.exchangeUrl.clear();
    REQUIRE(accounts::saveOAuthApp(*f.cache.db, meta).ok());
    REQUIRE(f.page.signInWith(OAuthProvider::Meta));
    REQUIRE(f.waitFor(State::Succeeded));
    CHECK(f.dialog()->noticeText().contains(QLatin1String("exchange")));
    REQUIRE(f.dialog()->addSelected());
    REQUIRE(f.waitFor(State::Saved));
    const int row = f.rowOf(Channel::Facebook, f.fake.meta.instagram.at(0).pageId);
    REQUIRE(row >= 0);
    CHECK(f.cell(row, ui::AccountsModel::ExpiresColumn) ==
          QLocale().toString(QDateTime::fromMSecsSinceEpoch(f.clock.nowMs() + 3600 * 1000).toLocalTime(),
                             QLocale::ShortFormat));
}

TEST_CASE("a sign-in declined in the browser or answered with a wrong state adds nothing", "[ui][accounts][signin]")
{
    SignInFixture f;
    SECTION("declined on X")
    {
        f.fake.x.decision = FakeAuthServer::Decision::Deny;
        REQUIRE(f.page.signInWith(OAuthProvider::X));
        REQUIRE(f.waitFor(State::Failed));
        CHECK(f.dialog()->errorText().contains(QLatin1String("declined in the browser")));
    }
    SECTION("declined on Facebook")
    {
        f.fake.meta.decision = FakeAuthServer::Decision::Deny;
        REQUIRE(f.page.signInWith(OAuthProvider::Meta));
        REQUIRE(f.waitFor(State::Failed));
        CHECK(f.dialog()->errorText().contains(QLatin1String("declined in the browser")));
    }
    SECTION("a wrong state")
    {
        f.fake.x.wrongState = true;
        REQUIRE(f.page.signInWith(OAuthProvider::X));
        REQUIRE(f.waitFor(State::Failed));
        CHECK(f.dialog()->errorText().contains(QLatin1String("state does not match")));
        CHECK(f.fake.counts().xCodeExchanges == 0);
    }
    CHECK(f.dialog()->headline().contains(QLatin1String("did not complete")));
    CHECK(f.page.model()->rowCount() == 0);
    CHECK(f.keychain.size() == 0);
    f.dialog()->close();
    REQUIRE(QTest::qWaitFor([&] { return f.dialog() == nullptr; }));
}

TEST_CASE("when no browser opens, the address is shown and the one the browser ended on can be pasted",
          "[ui][accounts][signin]")
{
    SignInFixture f;
    f.browserWorks = false;
    REQUIRE(f.page.signInWith(OAuthProvider::X));
    ui::SignInDialog *d = f.dialog();
    REQUIRE(d);
    CHECK(d->findChild<QLabel *>(QStringLiteral("signInUrlLabel"))
              ->text()
              .contains(QLatin1String("could not be "
                                      "opened")));
    saveScreenshot(d, "signin-waiting.png");
    const QUrl consent = QUrl::fromEncoded(d->urlField()->text().toLatin1());
    CHECK(consent == f.opened.first());
    CHECK(f.fake.counts().xAuthorizations == 0); // nobody fetched it yet
    d->copyButton()->click();
    CHECK(QApplication::clipboard()->text() == d->urlField()->text());

    // What a person pastes by mistake is refused and the sign-in keeps waiting.
    d->pasteField()->setText(QStringLiteral("https://x.com/home"));
    CHECK_FALSE(d->usePastedAddress());
    CHECK_FALSE(d->errorText().isEmpty());
    CHECK(d->state() == State::Waiting);

    // A browser elsewhere: it gets the consent page and ends on the loopback address, which is pasted.
    QNetworkAccessManager elsewhere;
    QNetworkRequest request(consent);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = elsewhere.get(request);
    REQUIRE(QTest::qWaitFor([&] { return reply->isFinished(); }, 10'000));
    CHECK(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 302);
    const QString location = QString::fromLatin1(reply->rawHeader("Location"));
    reply->deleteLater();
    CHECK(location.startsWith(d->flow()->redirectUri()));
    d->pasteField()->setText(location);
    QTest::mouseClick(d->pasteButton(), Qt::LeftButton);
    REQUIRE(f.waitFor(State::Saved));
    CHECK(f.rowOf(Channel::X, f.fake.x.id) >= 0);
    CHECK(d->pasteField()->text().isEmpty());
}

TEST_CASE("the Apps dialog stores the company's app ids and refuses what is not valid, with the reason",
          "[ui][accounts][signin]")
{
    TempCache cache;
    QTemporaryDir dir;
    ui::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    accounts::MemoryTokenStore keychain;
    ui::AccountsPage page(*cache.db, keychain, settings);
    int opened = 0;
    page.setBrowserOpener([&opened](const QUrl &) {
        ++opened;
        return false;
    });
    // Not configured: the sign-in does not start, the page says what to do.
    CHECK_FALSE(page.signInWith(OAuthProvider::X));
    CHECK(page.messageIsError());
    CHECK(page.message().contains(QLatin1String("No X app is configured")));
    CHECK(page.signInDialog() == nullptr);
    CHECK(opened == 0);

    ui::OAuthAppsDialog apps(*cache.db);
    CHECK(apps.xClientIdField()->text().isEmpty());
    apps.xClientIdField()->setText(QStringLiteral("eC1jbGllbnQtaWQ"));
    apps.xPortField()->setValue(8765);
    apps.metaAppIdField()->setText(QStringLiteral("1234567890123456"));
    apps.metaExchangeField()->setText(QStringLiteral("http://exchange.example.com/token"));
    CHECK_FALSE(apps.save());
    CHECK(apps.errorText().contains(QLatin1String("Meta")));
    saveScreenshot(&apps, "signin-apps.png");
    CHECK(accounts::loadOAuthApp(*cache.db, OAuthProvider::Meta)->clientId.isEmpty());
    apps.metaExchangeField()->setText(QStringLiteral("https://exchange.example.com/token"));
    REQUIRE(apps.save());
    CHECK(apps.errorText().isEmpty());
    const accounts::OAuthApp x = accounts::loadOAuthApp(*cache.db, OAuthProvider::X).value();
    CHECK(x.clientId == QLatin1String("eC1jbGllbnQtaWQ"));
    CHECK(x.redirectPort == 8765);
    CHECK(x.authorizeUrl == QLatin1String("https://x.com/i/oauth2/authorize"));
    const accounts::OAuthApp meta = accounts::loadOAuthApp(*cache.db, OAuthProvider::Meta).value();
    CHECK(meta.clientId == QLatin1String("1234567890123456"));
    CHECK(meta.exchangeUrl == QLatin1String("https://exchange.example.com/token"));
    ui::OAuthAppsDialog again(*cache.db);
    CHECK(again.xClientIdField()->text() == x.clientId);
    CHECK(again.metaExchangeField()->text() == meta.exchangeUrl);
}

TEST_CASE("the accounts page and the sign-in dialog speak Italian", "[ui][accounts][signin][i18n]")
{
    ui::applyLanguage(QStringLiteral("it"));
    {
        SignInFixture f;
        f.fake.x.untickedScopes = {QStringLiteral("dm.write")};
        CHECK(f.page.signInXButton()->text() == QLatin1String("Accedi con &X"));
        CHECK(f.page.signInFacebookButton()->text() == QLatin1String("Accedi con &Facebook"));
        CHECK(f.page.model()->headerData(ui::AccountsModel::SignedInAsColumn, Qt::Horizontal).toString() !=
              QLatin1String("Signed in as"));
        REQUIRE(f.page.signInWith(OAuthProvider::X));
        CHECK_FALSE(f.dialog()->headline().contains(QLatin1String("Waiting")));
        REQUIRE(f.waitFor(State::Saved));
        CHECK_FALSE(f.dialog()->missingText().contains(QLatin1String("Not granted")));
        saveScreenshot(f.dialog(), "signin-x-it.png");
        f.dialog()->close();
        REQUIRE(f.page.signInWith(OAuthProvider::Meta));
        REQUIRE(f.waitFor(State::Succeeded));
        saveScreenshot(f.dialog(), "signin-fb-it.png");
        saveScreenshot(&f.page, "accounts-page-it.png");
    }
    ui::applyLanguage(QStringLiteral("en"));
}

TEST_CASE("the sign-in buttons and the token form are reachable from the keyboard", "[ui][accounts][signin]")
{
    SignInFixture f;
    // Mnemonics: Alt+X, Alt+F, Alt+T (the offscreen platform does not route a simulated Alt+key to
    // the shortcut map, so the bindings are checked, and the buttons pressed with the space bar as
    // after Tab).
    CHECK(f.page.signInXButton()->shortcut() == QKeySequence(Qt::ALT | Qt::Key_X));
    CHECK(f.page.signInFacebookButton()->shortcut() == QKeySequence(Qt::ALT | Qt::Key_F));
    CHECK(f.page.tokenFormToggle()->shortcut() == QKeySequence(Qt::ALT | Qt::Key_T));
    CHECK(f.page.appsButton()->shortcut() == QKeySequence(Qt::ALT | Qt::Key_P));
    for (QWidget *w :
         {static_cast<QWidget *>(f.page.signInXButton()), static_cast<QWidget *>(f.page.signInFacebookButton()),
          static_cast<QWidget *>(f.page.tokenFormToggle())})
        CHECK((w->focusPolicy() & Qt::TabFocus) != 0);
    f.page.show();
    f.page.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&f.page));

    f.page.tokenFormToggle()->setFocus();
    QTest::keyClick(f.page.tokenFormToggle(), Qt::Key_Space);
    CHECK_FALSE(f.page.tokenForm()->isHidden());

    f.page.signInFacebookButton()->setFocus();
    QTest::keyClick(f.page.signInFacebookButton(), Qt::Key_Space);
    REQUIRE(f.dialog());
    CHECK(f.dialog()->provider() == OAuthProvider::Meta);
    REQUIRE(f.waitFor(State::Succeeded));
    QTest::keyClick(f.dialog(), Qt::Key_Escape); // nothing is added without "Add Selected"
    REQUIRE(QTest::qWaitFor([&] { return f.dialog() == nullptr; }));
    CHECK(f.page.model()->rowCount() == 0);
    CHECK(f.keychain.size() == 0);

    f.page.signInXButton()->setFocus();
    QTest::keyClick(f.page.signInXButton(), Qt::Key_Space);
    REQUIRE(f.dialog());
    CHECK(f.dialog()->provider() == OAuthProvider::X);
    REQUIRE(f.waitFor(State::Saved));
    CHECK(f.page.model()->rowCount() == 1);
}
