#include "accounts/SignIn.h"

#include "accounts/Accounts.h"
#include "accounts/AccountsLog.h"
#include "accounts/OAuthReplies.h"
#include "accounts/TokenStore.h"
#include "common/Clock.h"
#include "common/Secrets.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace sportello::accounts {

namespace {

constexpr int kMaxPagesOfPages = 50;

QString label(OAuthProvider provider) { return providerLabel(provider); }

// A Graph or X error body, in words; never the token.
QString apiProblem(QNetworkReply *reply, const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString text;
    if (o.value(QStringLiteral("error")).isObject())
        text = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    else if (o.contains(QStringLiteral("detail")))
        text = o.value(QStringLiteral("detail")).toString();
    else if (o.contains(QStringLiteral("title")))
        text = o.value(QStringLiteral("title")).toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return QCoreApplication::translate("Accounts", "%1 did not answer.").arg(reply->url().host());
    return QCoreApplication::translate("Accounts", "%1 answered HTTP %2 %3")
        .arg(reply->url().host())
        .arg(status)
        .arg(hideCredentials(text.simplified().left(300)));
}

} // namespace

QString SignInResult::signedInAs() const
{
    if (provider == OAuthProvider::X && !userHandle.isEmpty())
        return QLatin1Char('@') + userHandle;
    return userName;
}

QString pkceVerifier()
{
    // 48 random bytes: 64 characters of base64url, inside RFC 7636's 43 to 128.
    QByteArray bytes(48, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString pkceChallenge(const QString &verifier)
{
    const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

SignInFlow::SignInFlow(OAuthApp app, const Clock &clock, QObject *parent)
    : QObject(parent), m_app(std::move(app)), m_clock(clock)
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, [this] {
        fail(Error{QCoreApplication::translate("Accounts", "The sign-in to %1 was not completed within %2 minutes: "
                                                           "start it again when you are ready.")
                       .arg(label(m_app.provider))
                       .arg(m_waitTimeoutMs / 60'000),
                   ErrorKind::Busy});
    });
}

SignInFlow::~SignInFlow() = default;

QString SignInFlow::redirectUri() const { return m_handler ? m_handler->callback() : QString(); }

Status SignInFlow::start()
{
    if (m_running)
        return Error{QCoreApplication::translate("Accounts", "A sign-in is already under way."), ErrorKind::Busy};
    if (m_app.clientId.trimmed().isEmpty())
        return Error{
            m_app.provider == OAuthProvider::X
                ? QCoreApplication::translate("Accounts", "No X app is configured: enter your company's OAuth 2.0 "
                                                          "client id in Settings > Accounts (or sportello-cli account "
                                                          "app --channel x --client-id ID). See docs/accounts.md.")
                : QCoreApplication::translate("Accounts", "No Meta app is configured: enter your company's app id in "
                                                          "Settings > Accounts (or sportello-cli account app --channel "
                                                          "facebook --client-id ID). See docs/accounts.md."),
            ErrorKind::InvalidInput};
    m_handler = new LoopbackReplyHandler(quint16(m_app.redirectPort), this);
    if (!m_handler->isListening()) {
        delete m_handler;
        m_handler = nullptr;
        return Error{QCoreApplication::translate("Accounts", "Sportello cannot receive the sign-in's answer: port %1 "
                                                             "on 127.0.0.1 is in use. Close what uses it, or set "
                                                             "another redirect port.")
                         .arg(m_app.redirectPort),
                     ErrorKind::Busy};
    }
    m_handler->setCallbackText(QCoreApplication::translate("Accounts", "Signed in. You can close this page and go "
                                                                       "back to Sportello."));
    m_network = new QNetworkAccessManager(this);
    m_network->setTransferTimeout(m_requestTimeoutMs);
    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setClientIdentifier(m_app.clientId.trimmed());
    m_flow->setAuthorizationUrl(QUrl(m_app.authorizeUrl));
    m_flow->setAccessTokenUrl(QUrl(m_app.tokenUrl));
    m_flow->setScope(m_app.scopes.join(m_app.provider == OAuthProvider::X ? QLatin1Char(' ') : QLatin1Char(',')));
    m_flow->setReplyHandler(m_handler);
    // Qt 6.4's own state is 8 characters; 32 random bytes cannot be guessed.
    m_flow->setState(pkceVerifier().left(43));
    m_verifier = pkceVerifier();
    const QString challenge = pkceChallenge(m_verifier);
    const QString verifier = m_verifier;
    m_flow->setModifyParametersFunction(
        [challenge, verifier](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                parameters->insert(QStringLiteral("code_challenge"), challenge);
                parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                parameters->insert(QStringLiteral("code_verifier"), verifier);
            }
        });
    // Checked here as well as by Qt: Qt 6.4 ignores a wrong state or a refusal without a word.
    connect(m_flow, &QAbstractOAuth2::authorizationCallbackReceived, this, &SignInFlow::onCallback);
    connect(m_flow, &QAbstractOAuth::granted, this, &SignInFlow::onGranted);
    m_handler->onAnswer = [this](const TokenAnswer &answer) {
        if (!m_running)
            return;
        if (answer.granted()) {
            m_tokenValues = answer.values;
            return;
        }
        fail(Error{QCoreApplication::translate("Accounts", "%1 did not complete the sign-in: %2")
                       .arg(label(m_app.provider), answer.message),
                   answer.kind == TokenAnswer::Kind::Network ? ErrorKind::Network : ErrorKind::RefusedByPolicy});
    };
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, [this](const QUrl &url) {
        m_authorizationUrl = url;
        m_browserOpened = m_opener && m_opener(url);
    });
    m_running = true;
    m_result = SignInResult{};
    m_result.provider = m_app.provider;
    // Accounts keep Graph's root; the connector adds the version (AccountStore::graphApiVersion).
    m_result.accountBaseUrl = m_app.apiUrl;
    if (m_app.provider == OAuthProvider::Meta)
        m_result.accountBaseUrl.remove(QRegularExpression(QStringLiteral("/v[0-9]+\\.[0-9]+/?$")));
    m_wait.start(m_waitTimeoutMs);
    m_flow->grant();
    emit progress(QCoreApplication::translate("Accounts", "Waiting for you to sign in to %1 in the browser.")
                      .arg(label(m_app.provider)));
    return Status::success();
}

Status SignInFlow::acceptRedirect(const QString &pastedUrl)
{
    if (!m_running || !m_handler)
        return Error{QCoreApplication::translate("Accounts", "No sign-in is waiting for an answer."),
                     ErrorKind::InvalidInput};
    const QUrl url(pastedUrl.trimmed(), QUrl::StrictMode);
    const QUrlQuery query(url);
    if (!url.isValid() || (!query.hasQueryItem(QStringLiteral("code")) && !query.hasQueryItem(QStringLiteral("error"))))
        return Error{QCoreApplication::translate("Accounts", "That is not the address the browser ended on after the "
                                                             "sign-in: it should start with %1 and carry a code.")
                         .arg(redirectUri()),
                     ErrorKind::InvalidInput};
    QVariantMap data;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        data.insert(name, value);
    // The same way in as the loopback redirect.
    emit m_handler->callbackReceived(data);
    return Status::success();
}

void SignInFlow::cancel()
{
    if (m_running)
        fail(Error{QCoreApplication::translate("Accounts", "The sign-in was cancelled."), ErrorKind::Conflict});
}

void SignInFlow::onCallback(const QVariantMap &data)
{
    if (!m_running)
        return;
    const QString error = data.value(QStringLiteral("error")).toString();
    const bool hasCode = data.contains(QStringLiteral("code"));
    if (error.isEmpty() && !hasCode)
        return; // the browser asking for something else (a favicon): not the answer
    if (data.value(QStringLiteral("state")).toString() != m_flow->state()) {
        fail(Error{QCoreApplication::translate("Accounts", "The answer that reached Sportello does not belong to the "
                                                           "sign-in it started (its state does not match), so it was "
                                                           "refused. Start the sign-in again."),
                   ErrorKind::RefusedByPolicy});
        return;
    }
    if (!error.isEmpty()) {
        const QString description =
            hideCredentials(data.value(QStringLiteral("error_description")).toString().left(300));
        fail(Error{error == QLatin1String("access_denied")
                       ? QCoreApplication::translate("Accounts", "The sign-in to %1 was declined in the browser: "
                                                                 "nothing was added.")
                             .arg(label(m_app.provider))
                       : QCoreApplication::translate("Accounts", "%1 refused the sign-in: %2 %3")
                             .arg(label(m_app.provider), error, description),
                   ErrorKind::RefusedByPolicy});
        return;
    }
    emit progress(QCoreApplication::translate("Accounts", "Signed in; completing with %1.").arg(label(m_app.provider)));
}

void SignInFlow::onGranted()
{
    if (!m_running)
        return;
    const qint64 now = m_clock.nowMs();
    Credential &c = m_result.credential;
    c.accessToken = m_flow->token();
    c.refreshToken = m_flow->refreshToken();
    const int expiresIn = m_tokenValues.value(QStringLiteral("expires_in")).toInt();
    c.expiresAtMs = expiresIn > 0 ? now + qint64(expiresIn) * 1000 : 0;
    c.issuedAtMs = now;
    c.clientId = m_app.clientId.trimmed();
    c.tokenUrl = m_app.tokenUrl;
    rememberSecret(c.accessToken);
    rememberSecret(c.refreshToken);
    const QString scope = m_tokenValues.value(QStringLiteral("scope")).toString();
    c.scopes = scope.split(QRegularExpression(QStringLiteral("[ ,]")), Qt::SkipEmptyParts);
    if (m_app.provider == OAuthProvider::X) {
        m_result.grantedScopes = c.scopes;
        xWho();
    } else {
        // A Meta user token is not renewed with a refresh token: it is swapped, see metaExchange.
        c.refreshToken.clear();
        metaExchange();
    }
}

void SignInFlow::getJson(const QUrl &url, const QString &failure,
                         const std::function<bool(const QJsonObject &)> &usable,
                         const std::function<void(const QJsonObject &)> &then)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_result.credential.accessToken.toUtf8());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, failure, usable, then] {
        reply->deleteLater();
        if (!m_running)
            return;
        const QByteArray body = reply->readAll();
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        if (reply->error() != QNetworkReply::NoError || !usable(object)) {
            fail(Error{failure.arg(apiProblem(reply, body)), ErrorKind::Network});
            return;
        }
        then(object);
    });
}

void SignInFlow::xWho()
{
    getJson(
        QUrl(m_app.apiUrl + QStringLiteral("/users/me")),
        QCoreApplication::translate("Accounts", "Signed in, but X did not say who you are: %1"),
        [](const QJsonObject &o) {
            return !o.value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toString().isEmpty();
        },
        [this](const QJsonObject &o) {
            const QJsonObject data = o.value(QStringLiteral("data")).toObject();
            m_result.userId = data.value(QStringLiteral("id")).toString();
            m_result.userName = data.value(QStringLiteral("name")).toString();
            m_result.userHandle = data.value(QStringLiteral("username")).toString();
            m_result.missingScopes = missingScopes(OAuthProvider::X, m_result.grantedScopes);
            succeed();
        });
}

void SignInFlow::metaExchange()
{
    if (m_app.exchangeUrl.isEmpty()) {
        m_result.notice = QCoreApplication::translate(
            "Accounts", "No token exchange endpoint is configured, so the Page tokens last only about an hour, like "
                        "the sign-in. Ask your IT to set one up (docs/accounts.md) for tokens that do not expire.");
        metaWho();
        return;
    }
    emit progress(QCoreApplication::translate("Accounts", "Getting a long-lived token."));
    QNetworkRequest request{QUrl(m_app.exchangeUrl)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("fb_exchange_token"));
    form.addQueryItem(QStringLiteral("client_id"), m_app.clientId.trimmed());
    form.addQueryItem(QStringLiteral("fb_exchange_token"),
                      QString::fromLatin1(QUrl::toPercentEncoding(m_result.credential.accessToken)));
    QNetworkReply *reply = m_network->post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_running)
            return;
        const TokenAnswer answer = readTokenAnswer(reply);
        if (!answer.granted()) {
            // The short-lived token still works: go on, and say why the Pages' tokens will expire.
            m_result.notice = QCoreApplication::translate("Accounts", "The company's token exchange did not answer "
                                                                      "as expected (%1), so the Page tokens last "
                                                                      "only about an hour.")
                                  .arg(answer.message);
            metaWho();
            return;
        }
        Credential &c = m_result.credential;
        c.accessToken = answer.values.value(QStringLiteral("access_token")).toString();
        const int expiresIn = answer.values.value(QStringLiteral("expires_in")).toInt();
        c.expiresAtMs = expiresIn > 0 ? m_clock.nowMs() + qint64(expiresIn) * 1000 : 0;
        m_result.longLived = true;
        metaWho();
    });
}

void SignInFlow::metaWho()
{
    QUrl url(m_app.apiUrl + QStringLiteral("/me"));
    url.setQuery(QStringLiteral("fields=id,name"));
    getJson(
        url, QCoreApplication::translate("Accounts", "Signed in, but Facebook did not say who you are: %1"),
        [](const QJsonObject &o) { return !o.value(QStringLiteral("id")).toString().isEmpty(); },
        [this](const QJsonObject &me) {
            m_result.userId = me.value(QStringLiteral("id")).toString();
            m_result.userName = me.value(QStringLiteral("name")).toString();
            metaPermissions();
        });
}

void SignInFlow::metaPermissions()
{
    getJson(
        QUrl(m_app.apiUrl + QStringLiteral("/me/permissions")),
        QCoreApplication::translate("Accounts", "Signed in, but Facebook did not list the permissions granted: %1"),
        [](const QJsonObject &o) { return o.value(QStringLiteral("data")).isArray(); },
        [this](const QJsonObject &o) {
            for (const QJsonValue &p : o.value(QStringLiteral("data")).toArray()) {
                const QJsonObject permission = p.toObject();
                if (permission.value(QStringLiteral("status")).toString() == QLatin1String("granted"))
                    m_result.grantedScopes << permission.value(QStringLiteral("permission")).toString();
            }
            m_result.credential.scopes = m_result.grantedScopes;
            m_result.missingScopes = missingScopes(OAuthProvider::Meta, m_result.grantedScopes);
            QUrl url(m_app.apiUrl + QStringLiteral("/me/accounts"));
            url.setQuery(QStringLiteral("fields=id,name,category,access_token,tasks,"
                                        "instagram_business_account%7Bid,username%7D&limit=100"));
            emit progress(QCoreApplication::translate("Accounts", "Reading the Pages you manage."));
            metaPages(url, 1);
        });
}

void SignInFlow::metaPages(const QUrl &url, int page)
{
    getJson(
        url, QCoreApplication::translate("Accounts", "Signed in, but Facebook did not list your Pages: %1"),
        [](const QJsonObject &o) { return o.value(QStringLiteral("data")).isArray(); },
        [this, page](const QJsonObject &o) {
            for (const QJsonValue &item : o.value(QStringLiteral("data")).toArray()) {
                const QJsonObject p = item.toObject();
                ManagedPage mp;
                mp.pageId = p.value(QStringLiteral("id")).toString();
                mp.name = p.value(QStringLiteral("name")).toString();
                mp.category = p.value(QStringLiteral("category")).toString();
                mp.pageToken = p.value(QStringLiteral("access_token")).toString();
                for (const QJsonValue &t : p.value(QStringLiteral("tasks")).toArray())
                    mp.tasks << t.toString();
                const QJsonObject ig = p.value(QStringLiteral("instagram_business_account")).toObject();
                mp.instagramId = ig.value(QStringLiteral("id")).toString();
                mp.instagramUsername = ig.value(QStringLiteral("username")).toString();
                if (mp.pageId.isEmpty() || mp.pageToken.isEmpty())
                    continue; // a Page without a token cannot be synced by this person
                rememberSecret(mp.pageToken);
                m_result.pages << mp;
            }
            // Graph's next link carries the user token in its query: it is read, never shown,
            // and the token goes in the header instead.
            QUrl next(o.value(QStringLiteral("paging")).toObject().value(QStringLiteral("next")).toString());
            const QUrl api(m_app.apiUrl);
            if (next.isValid() && !next.isEmpty() && page < kMaxPagesOfPages && next.host() == api.host() &&
                next.port() == api.port()) {
                QUrlQuery q(next);
                q.removeAllQueryItems(QStringLiteral("access_token"));
                next.setQuery(q);
                metaPages(next, page + 1);
                return;
            }
            succeed();
        });
}

void SignInFlow::fail(const Error &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_wait.stop();
    if (m_handler)
        m_handler->close();
    qCInfo(lcAccounts) << "sign-in to" << providerId(m_app.provider) << "ended:" << errorKindName(error.kind);
    emit finished(Result<SignInResult>(error));
}

void SignInFlow::succeed()
{
    if (m_app.provider == OAuthProvider::Meta) {
        // The Pages are read: the person's own token is not needed any more, and is not kept.
        m_result.credential.accessToken.clear();
        m_flow->setToken(QString());
    }
    m_running = false;
    m_wait.stop();
    if (m_handler)
        m_handler->close();
    qCInfo(lcAccounts) << "signed in to" << providerId(m_app.provider);
    emit finished(Result<SignInResult>(m_result));
}

Result<Account> saveXSignIn(Database &database, TokenStore &keychain, const SignInResult &signIn, qint64 nowMs)
{
    AccountStore store(database);
    auto existing = store.find(Channel::X, signIn.userId);
    if (!existing)
        return existing.failure();
    Account account;
    if (existing->has_value()) {
        account = **existing;
    } else {
        auto added = store.add(Channel::X, signIn.userId, signIn.accountBaseUrl, QString(), nowMs);
        if (!added)
            return added.failure();
        account = *added;
    }
    if (Status s = writeCredential(keychain, account.tokenKey(), signIn.credential); !s)
        return s.failure();
    AccountStore::TokenInfo info;
    info.signedInAs = signIn.signedInAs();
    info.grantedScopes = signIn.grantedScopes;
    info.expiresAtMs = signIn.credential.expiresAtMs;
    info.renewable = signIn.credential.renewable();
    if (Status s = store.setTokenInfo(account.id, info); !s)
        return s.failure();
    if (Status s = store.setNeedsSignIn(account.id, false); !s)
        return s.failure();
    auto saved = store.find(Channel::X, signIn.userId);
    if (!saved || !saved->has_value())
        return Error{QCoreApplication::translate("Accounts", "The X account was saved but cannot be read back."),
                     ErrorKind::Corrupt};
    return **saved;
}

Result<QVector<Account>> saveMetaPages(Database &database, TokenStore &keychain, const SignInResult &signIn,
                                       const QStringList &chosenIds, qint64 nowMs)
{
    AccountStore store(database);
    QVector<Account> saved;
    for (const ManagedPage &page : signIn.pages) {
        struct Target {
            Channel channel;
            QString id;
            QString name;
        };
        QVector<Target> targets;
        if (chosenIds.contains(page.pageId))
            targets.push_back({Channel::Facebook, page.pageId, page.name});
        if (!page.instagramId.isEmpty() && chosenIds.contains(page.instagramId))
            targets.push_back(
                {Channel::Instagram, page.instagramId,
                 page.instagramUsername.isEmpty() ? page.name : QLatin1Char('@') + page.instagramUsername});
        for (const Target &t : targets) {
            auto existing = store.find(t.channel, t.id);
            if (!existing)
                return existing.failure();
            Account account;
            if (existing->has_value()) {
                account = **existing;
            } else {
                auto added = store.add(t.channel, t.id, signIn.accountBaseUrl, QString(), nowMs);
                if (!added)
                    return added.failure();
                account = *added;
            }
            Credential c;
            c.accessToken = page.pageToken;
            // A Page token from a long-lived user token does not expire; from a short-lived one it
            // lasts as long as the user token.
            c.expiresAtMs = signIn.longLived ? 0 : signIn.credential.expiresAtMs;
            c.issuedAtMs = nowMs;
            c.scopes = signIn.grantedScopes;
            if (Status s = writeCredential(keychain, account.tokenKey(), c); !s)
                return s.failure();
            AccountStore::TokenInfo info;
            info.signedInAs = t.name;
            info.grantedScopes = signIn.grantedScopes;
            info.expiresAtMs = c.expiresAtMs;
            if (Status s = store.setTokenInfo(account.id, info); !s)
                return s.failure();
            if (Status s = store.setNeedsSignIn(account.id, false); !s)
                return s.failure();
            auto back = store.find(t.channel, t.id);
            if (back && back->has_value())
                saved << **back;
        }
    }
    return saved;
}

} // namespace sportello::accounts
