#include "cli/AccountSignIn.h"

#include "KeychainTokenStore.h"
#include "accounts/Accounts.h"
#include "accounts/OAuthApps.h"
#include "accounts/SignIn.h"
#include "common/Clock.h"
#include "common/LocaleText.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

namespace sportello::cli {

namespace {

using accounts::OAuthProvider;

// Lines of standard input, read on a thread of their own and handed to the event loop, so that a
// sign-in waits on the loopback redirect and on a pasted address at the same time.
class LineReader : public QObject {
public:
    LineReader()
    {
        QPointer<LineReader> self(this);
        std::thread([self] {
            std::string line;
            while (std::getline(std::cin, line)) {
                const QString text = QString::fromUtf8(line.data(), qsizetype(line.size())).trimmed();
                QMetaObject::invokeMethod(qApp, [self, text] {
                    if (self && self->onLine)
                        self->onLine(text);
                });
            }
            QMetaObject::invokeMethod(qApp, [self] {
                if (self && self->onEnd)
                    self->onEnd();
            });
        }).detach(); // blocked in getline until the process ends; it touches nothing of ours
    }
    std::function<void(const QString &)> onLine;
    std::function<void()> onEnd;
};

std::optional<OAuthProvider> providerFrom(const QString &text)
{
    const QString channel = text.trimmed().toLower();
    if (channel == QLatin1String("x"))
        return OAuthProvider::X;
    if (channel == QLatin1String("facebook") || channel == QLatin1String("instagram"))
        return OAuthProvider::Meta;
    return std::nullopt;
}

// The system's browser, without Qt GUI: the CLI links no GUI library.
bool openInBrowser(const QUrl &url)
{
#if defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("rundll32"),
                                   {QStringLiteral("url.dll,FileProtocolHandler"), url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {url.toString(QUrl::FullyEncoded)});
#else
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
#endif
}

void printScopes(const accounts::SignInResult &result)
{
    out() << QCoreApplication::translate("Cli", "Permissions granted: %1")
                 .arg(result.grantedScopes.isEmpty() ? QCoreApplication::translate("Cli", "(none)")
                                                     : result.grantedScopes.join(QLatin1Char(' ')))
          << Qt::endl;
    for (const accounts::ScopeNeed &need : result.missingScopes)
        out() << QCoreApplication::translate("Cli", "Not granted: %1. %2").arg(need.scope, need.withoutIt) << Qt::endl;
}

QString expiryText(qint64 expiresAtMs, bool renewable)
{
    if (renewable)
        return QCoreApplication::translate("Cli", "it renews itself");
    if (expiresAtMs <= 0)
        return QCoreApplication::translate("Cli", "it does not expire");
    return QCoreApplication::translate("Cli", "it expires on %1")
        .arg(dateTimeText(QDateTime::fromMSecsSinceEpoch(expiresAtMs)));
}

// "all", ids, or 1-based numbers of the list, separated by commas or spaces.
QStringList chosenIds(const QString &answer, const QVector<accounts::ManagedPage> &pages, QString &unknown)
{
    QStringList ids;
    const QStringList parts = answer.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
            for (const auto &p : pages) {
                ids << p.pageId;
                if (!p.instagramId.isEmpty())
                    ids << p.instagramId;
            }
            continue;
        }
        bool number = false;
        const int n = part.toInt(&number);
        if (number && n >= 1 && n <= pages.size() && part.size() <= 3) {
            ids << pages.at(n - 1).pageId;
            if (!pages.at(n - 1).instagramId.isEmpty())
                ids << pages.at(n - 1).instagramId;
            continue;
        }
        bool known = false;
        for (const auto &p : pages)
            known = known || p.pageId == part || p.instagramId == part;
        if (!known) {
            unknown = part;
            return {};
        }
        ids << part;
    }
    ids.removeDuplicates();
    return ids;
}

} // namespace

int accountSignIn(const Invocation &call)
{
    const auto provider = providerFrom(call.parser.value(QStringLiteral("channel")));
    if (!provider)
        return usageError(QCoreApplication::translate("Cli", "account sign-in needs --channel x or --channel facebook "
                                                             "(Instagram accounts come with their Facebook Page)."));
    int waitSeconds = 600;
    if (call.parser.isSet(QStringLiteral("wait"))) {
        bool ok = false;
        waitSeconds = call.parser.value(QStringLiteral("wait")).toInt(&ok);
        if (!ok || waitSeconds < 1)
            return usageError(QCoreApplication::translate("Cli", "--wait needs a number of seconds, 1 or more."));
    }
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    auto app = accounts::loadOAuthApp(*db, *provider);
    if (!app)
        return fail(app.failure());

    const SystemClock clock;
    accounts::SignInFlow flow(*app, clock);
    flow.setWaitTimeoutMs(waitSeconds * 1000);
    const bool browser = !call.parser.isSet(QStringLiteral("no-browser"));
    flow.setBrowserOpener([browser](const QUrl &url) { return browser && openInBrowser(url); });

    LineReader input;
    QEventLoop loop;
    std::optional<Result<accounts::SignInResult>> outcome;
    QObject::connect(&flow, &accounts::SignInFlow::finished, &loop, [&](const Result<accounts::SignInResult> &r) {
        outcome = r;
        loop.quit();
    });
    input.onLine = [&flow](const QString &line) {
        if (line.isEmpty() || !flow.isRunning())
            return;
        if (Status s = flow.acceptRedirect(line); !s)
            err() << s.error() << Qt::endl;
    };
    if (Status s = flow.start(); !s)
        return fail(s.failure());
    const QString name = accounts::providerLabel(*provider);
    out() << (flow.browserOpened()
                  ? QCoreApplication::translate("Cli", "Your browser shows %1's sign-in page. If it did not open, "
                                                       "open this address:")
                        .arg(name)
                  : QCoreApplication::translate("Cli", "Open this address in a browser to sign in to %1:").arg(name))
          << Qt::endl
          << "  " << flow.authorizationUrl().toString(QUrl::FullyEncoded) << Qt::endl
          << QCoreApplication::translate("Cli", "Waiting for the answer on %1. If the browser runs on another "
                                                "machine, paste here the address it ended on (it starts with %1).")
                 .arg(flow.redirectUri())
          << Qt::endl;
    if (!outcome)
        loop.exec();
    if (!outcome || !outcome->ok())
        return outcome ? fail(outcome->failure()) : kFailure;
    const accounts::SignInResult &result = outcome->value();
    accounts::KeychainTokenStore keychain;

    if (*provider == OAuthProvider::X) {
        auto saved = accounts::saveXSignIn(*db, keychain, result, clock.nowMs());
        if (!saved)
            return fail(saved.failure());
        out() << QCoreApplication::translate("Cli", "Signed in to X as %1. The x account %2 is ready; its token is in "
                                                    "the system keychain and %3.")
                     .arg(result.signedInAs(), saved->accountId, expiryText(saved->tokenExpiresAtMs, saved->renewable))
              << Qt::endl;
        printScopes(result);
        return kOk;
    }

    out() << QCoreApplication::translate("Cli", "Signed in to Facebook as %1.").arg(result.userName) << Qt::endl;
    printScopes(result);
    if (!result.notice.isEmpty())
        out() << result.notice << Qt::endl;
    if (result.pages.isEmpty()) {
        err() << QCoreApplication::translate("Cli", "You manage no Facebook Page that Sportello could use: nothing was "
                                                    "added.")
              << Qt::endl;
        return kFailure;
    }
    for (int i = 0; i < result.pages.size(); ++i) {
        const auto &p = result.pages.at(i);
        QString line = QStringLiteral("%1. %2 (%3), page %4").arg(i + 1).arg(p.name, p.category, p.pageId);
        if (!p.instagramId.isEmpty())
            line += QCoreApplication::translate("Cli", "; Instagram @%1 (%2)").arg(p.instagramUsername, p.instagramId);
        out() << "  " << line << Qt::endl;
    }
    QString answer = call.parser.value(QStringLiteral("add"));
    if (!call.parser.isSet(QStringLiteral("add"))) {
        out() << QCoreApplication::translate("Cli", "Which to add? Numbers or ids separated by commas, \"all\", or an "
                                                    "empty line for none:")
              << Qt::endl;
        std::optional<QString> typed;
        input.onLine = [&](const QString &line) {
            typed = line;
            loop.quit();
        };
        input.onEnd = [&] {
            typed = QString();
            loop.quit();
        };
        if (!typed)
            loop.exec();
        answer = typed.value_or(QString());
    }
    QString unknown;
    const QStringList ids = chosenIds(answer, result.pages, unknown);
    if (!unknown.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "\"%1\" is neither a number of the list nor the id of one "
                                                             "of your Pages or Instagram accounts.")
                              .arg(unknown));
    if (ids.isEmpty()) {
        out() << QCoreApplication::translate("Cli", "Nothing added.") << Qt::endl;
        return kOk;
    }
    auto saved = accounts::saveMetaPages(*db, keychain, result, ids, clock.nowMs());
    if (!saved)
        return fail(saved.failure());
    for (const accounts::Account &a : *saved)
        out() << QCoreApplication::translate("Cli", "Added the %1 account %2 (%3); its token is in the system "
                                                    "keychain and %4.")
                     .arg(toId(a.channel), a.accountId, a.signedInAs, expiryText(a.tokenExpiresAtMs, false))
              << Qt::endl;
    return kOk;
}

int accountApp(const Invocation &call)
{
    const auto provider = providerFrom(call.parser.value(QStringLiteral("channel")));
    if (!provider)
        return usageError(QCoreApplication::translate("Cli", "account app needs --channel x or --channel facebook."));
    auto db = openDatabase(call.databasePath, true);
    if (!db)
        return db.exitCode();
    auto app = accounts::loadOAuthApp(*db, *provider);
    if (!app)
        return fail(app.failure());
    struct Setting {
        const char *option;
        QString *value;
    };
    const Setting settings[] = {{"client-id", &app->clientId},
                                {"authorize-url", &app->authorizeUrl},
                                {"token-url", &app->tokenUrl},
                                {"api-url", &app->apiUrl},
                                {"exchange-url", &app->exchangeUrl}};
    bool changed = false;
    for (const Setting &s : settings) {
        const QString option = QLatin1String(s.option);
        if (call.parser.isSet(option)) {
            *s.value = call.parser.value(option).trimmed();
            changed = true;
        }
    }
    if (call.parser.isSet(QStringLiteral("redirect-port"))) {
        bool ok = false;
        app->redirectPort = call.parser.value(QStringLiteral("redirect-port")).toInt(&ok);
        if (!ok)
            return usageError(QCoreApplication::translate("Cli", "--redirect-port needs a port number, or 0 for any "
                                                                 "free port."));
        changed = true;
    }
    if (changed) {
        if (Status s = accounts::saveOAuthApp(*db, *app); !s)
            return fail(s.failure());
    }
    const QString none = QCoreApplication::translate("Cli", "(not set)");
    out() << QCoreApplication::translate("Cli", "client id: %1").arg(app->clientId.isEmpty() ? none : app->clientId)
          << '\n'
          << QCoreApplication::translate("Cli", "consent page: %1").arg(app->authorizeUrl) << '\n'
          << QCoreApplication::translate("Cli", "token endpoint: %1").arg(app->tokenUrl) << '\n'
          << QCoreApplication::translate("Cli", "API: %1").arg(app->apiUrl) << '\n';
    if (*provider == OAuthProvider::Meta)
        out() << QCoreApplication::translate("Cli", "token exchange: %1")
                     .arg(app->exchangeUrl.isEmpty() ? none : app->exchangeUrl)
              << '\n';
    out() << QCoreApplication::translate("Cli", "redirect: http://127.0.0.1:%1/")
                 .arg(app->redirectPort > 0 ? QString::number(app->redirectPort)
                                            : QCoreApplication::translate("Cli", "(any free port)"))
          << Qt::endl;
    return kOk;
}

} // namespace sportello::cli
