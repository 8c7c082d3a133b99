#pragma once
// The customer card in team mode (team schema 4, cache schema 22; docs/team.md "Customers"): what
// goes up from a desktop (customers and their policyholder reference, identity links, customer
// notes) and how the feed's customer changes apply to the cache. Part of TeamReplica, not of the
// module's interface.

#include "common/Result.h"
#include "team/TeamReplicaInternal.h"

#include <QSqlDatabase>
#include <QString>

namespace sportello::team {

struct CustomerPushReport {
    int changes = 0; // customers, links and notes that went up (or were there already)
    int refused = 0; // refused for good (a login that may not share customers): kept on this desktop
};

// Pushes the customers and links noted in team_customer_outgoing and the customer notes marked
// 'to_push', in one transaction of the team database, then, in one of the cache, clears what went
// up from team_customer_outgoing and marks the notes 'pushed'. Pushing again changes nothing in the team database (no feed row either).
Result<CustomerPushReport> pushCustomers(const QSqlDatabase &cache, const QSqlDatabase &team);

// Whether a feed kind is one of the customer card's ("customer", "customer_link", "customer_note").
bool isCustomerKind(const QString &kind);

// Applies one customer change of the feed inside the page's transaction: true once applied (or
// superseded by a change made here that has not gone up yet), false when it cannot apply yet (the
// author or the verifying thread has not come down: the caller defers it). A malformed change is
// Corrupt.
Result<bool> applyCustomerChange(const QSqlDatabase &cache, const FeedChange &change);

} // namespace sportello::team
