#pragma once
// Leases in the team database (sportello.leases): a hub serves an account (sync and delivery)
// only while it holds the account's lease, and holds it only while it renews it. Every decision
// is one statement on the server with the server's clock, so two hubs whose clocks disagree
// still agree on who holds what. See docs/hub.md.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QSqlDatabase>
#include <QString>

namespace sportello::team {

// "account:<channel>:<account id>", the lease of one channel account.
QString accountLeaseName(Channel channel, const QString &accountId);

class TeamLeases {
public:
    // owner: this hub's id (stable across its restarts, so that a restarted hub takes its own
    // leases back at once). db: a connection of a hub login.
    TeamLeases(QSqlDatabase db, QString owner) : m_db(db), m_owner(std::move(owner)) {}

    // Takes the lease for ttlMs from now (server time) if it is free, expired or already ours;
    // true when this hub holds it afterwards, false when another hub holds it.
    Result<bool> acquire(const QString &name, qint64 ttlMs);
    // Gives the lease up if this hub holds it (a clean stop): another hub may take it at once.
    Status release(const QString &name);
    // Every lease of this hub (a clean stop).
    Status releaseAll();
    // Who holds the lease now (empty when nobody, or it expired).
    Result<QString> holder(const QString &name) const;

    const QString &owner() const { return m_owner; }

private:
    QSqlDatabase m_db;
    QString m_owner;
};

} // namespace sportello::team
