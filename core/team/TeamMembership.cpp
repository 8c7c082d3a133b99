#include "team/TeamMembership.h"

#include "accounts/TokenStore.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace sportello::team {

namespace {

// The app_state keys; team_url's presence is what marks new decisions for the push (schema
// version 10's triggers), so it is written last and removed first.
const QString kUrl = QStringLiteral("team_url");
const QString kLogin = QStringLiteral("team_login");
const QString kTeamId = QStringLiteral("team_id");
const QString kPasswordEnv = QStringLiteral("team_password_env");
const QString kFeedPosition = QStringLiteral("team_feed_position");
const QString kJoinedAt = QStringLiteral("team_joined_at");

Status put(const QSqlDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    query.addBindValue(key);
    query.addBindValue(value);
    return sql::exec(query);
}

} // namespace

Result<std::optional<TeamMembership>> TeamMembership::load(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT key, value FROM app_state WHERE key LIKE 'team\\_%' "
                                                      "ESCAPE '\\'"));
        !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QHash<QString, QString> values;
    while (query.next())
        values.insert(query.value(0).toString(), query.value(1).toString());
    if (!values.contains(kUrl))
        return std::optional<TeamMembership>();
    auto url = TeamUrl::parse(values.value(kUrl));
    if (!url)
        return Error{QCoreApplication::translate("Team", "The team database stored in this cache is not readable: %1 "
                                                         "Leave the team and join it again.")
                         .arg(url.error()),
                     ErrorKind::Corrupt};
    TeamMembership m;
    m.url = *url;
    m.login = values.value(kLogin, url->user);
    m.teamId = values.value(kTeamId);
    m.passwordEnv = values.value(kPasswordEnv);
    m.feedPosition = values.value(kFeedPosition).toLongLong();
    m.joinedAtMs = values.value(kJoinedAt).toLongLong();
    return std::optional<TeamMembership>(m);
}

Status TeamMembership::save(const QSqlDatabase &db) const
{
    for (const auto &[key, value] :
         {std::pair{kLogin, login}, std::pair{kTeamId, teamId}, std::pair{kFeedPosition, QString::number(feedPosition)},
          std::pair{kJoinedAt, QString::number(joinedAtMs)}}) {
        if (Status s = put(db, key, value); !s)
            return s;
    }
    QSqlQuery env(db);
    if (passwordEnv.isEmpty()) {
        if (Status s = sql::prepare(env, QStringLiteral("DELETE FROM app_state WHERE key = ?")); !s)
            return s;
        env.addBindValue(kPasswordEnv);
        if (Status s = sql::exec(env); !s)
            return s;
    } else if (Status s = put(db, kPasswordEnv, passwordEnv); !s) {
        return s;
    }
    return put(db, kUrl, url.toString());
}

Status TeamMembership::clear(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("DELETE FROM app_state WHERE key IN (?, ?, ?, ?, ?, ?)")); !s)
        return s;
    for (const QString &key : {kUrl, kLogin, kTeamId, kPasswordEnv, kFeedPosition, kJoinedAt})
        query.addBindValue(key);
    return sql::exec(query);
}

Status TeamMembership::saveFeedPosition(const QSqlDatabase &db, qint64 seq)
{
    return put(db, kFeedPosition, QString::number(seq));
}

Result<QString> TeamMembership::password(accounts::TokenStore *keychain) const
{
    if (!passwordEnv.isEmpty()) {
        const QByteArray value = qgetenv(passwordEnv.toLocal8Bit().constData());
        if (value.isEmpty())
            return Error{QCoreApplication::translate("Team", "The environment variable %1, which holds the team "
                                                             "password of %2, is empty or not set.")
                             .arg(passwordEnv, login),
                         ErrorKind::RefusedByPolicy};
        return QString::fromUtf8(value);
    }
    if (keychain) {
        auto stored = keychain->read(passwordKey(url));
        if (stored)
            return *stored;
        // Nothing stored: libpq's own sources may have it.
        if (stored.errorKind() != ErrorKind::NotFound)
            return stored.failure();
    }
    return QString();
}

Result<std::unique_ptr<TeamConnection>> TeamMembership::connect(accounts::TokenStore *keychain) const
{
    auto secret = password(keychain);
    if (!secret)
        return secret.failure();
    return TeamConnection::open(url, *secret);
}

} // namespace sportello::team
