// The customer card shared by the team. A desktop's customers and notes have local ids that differ
// per cache: the team knows them by UUID (cache schema 22), an identity by the author as every
// desktop knows it (channel and external id). Concurrent changes converge on every replica by the
// feed's order: the team database keeps the last change it received for a customer's reference
// and for an author's link, and every replica applies the feed in sequence order, so all end where
// the team database is. A change made here that has not gone up yet wins over the feed's older
// ones for the same key: it will go up after them and come back with a higher sequence number.

#include "team/TeamCustomers.h"

#include "team/TeamDatabase.h"
#include "team/TeamLog.h"
#include "team/TeamSchema.h"

#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <QVector>

namespace sportello::team {

namespace {

const QString kCustomer = QStringLiteral("customer");
const QString kLink = QStringLiteral("customer_link");
const QString kNote = QStringLiteral("customer_note");

QVariant nullText() { return QVariant(QMetaType(QMetaType::QString)); }
QVariant nullNumber() { return QVariant(QMetaType(QMetaType::LongLong)); }

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &binds = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : binds)
        query.addBindValue(v);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query;
}

Result<QVector<QSqlRecord>> readAll(const QSqlDatabase &db, const QString &statement)
{
    auto query = run(db, statement);
    if (!query)
        return query.failure();
    QVector<QSqlRecord> rows;
    while (query->next())
        rows.push_back(query->record());
    return rows;
}

// The first column of the first row, or an invalid QVariant when there is none.
Result<QVariant> lookup(const QSqlDatabase &db, const QString &statement, const QVariantList &binds)
{
    auto query = run(db, statement, binds);
    if (!query)
        return query.failure();
    return query->next() ? query->value(0) : QVariant();
}

// `query` is the push's one statement on the team database: it outlives the push's transaction, so
// that a failed statement is not freed inside the aborted transaction (which fails, and says so).
Status teamRun(QSqlQuery &query, const QString &statement, const QVariantList &binds)
{
    if (Status s = teamPrepare(query, statement); !s)
        return s;
    for (const QVariant &v : binds)
        query.addBindValue(v);
    return teamExec(query);
}

QVariant column(const QSqlRecord &row, const char *name) { return row.value(QLatin1String(name)); }

// The customer's row in the team database before anything names it: a link or a note may go up
// before (or without) a change of the customer itself.
Status ensureTeamCustomer(QSqlQuery &team, const QVariant &uuid, const QVariant &createdAt)
{
    return teamRun(team,
                   QStringLiteral("INSERT INTO sportello.customers(uuid, created_at) VALUES (?, ?) "
                                  "ON CONFLICT (uuid) DO NOTHING"),
                   {uuid, createdAt.toLongLong()});
}

// A customer noted here, as the cache holds it now; gone from the cache (merged into another by a
// link), it leaves the team database once nothing there names it any more.
Status pushCustomer(QSqlQuery &team, const QSqlRecord &c)
{
    if (column(c, "created_at").isNull())
        return teamRun(team,
                       QStringLiteral("DELETE FROM sportello.customers c WHERE c.uuid = ? "
                                      "AND NOT EXISTS (SELECT 1 FROM sportello.customer_links l WHERE l.customer_uuid = c.uuid) "
                                      "AND NOT EXISTS (SELECT 1 FROM sportello.customer_notes n WHERE n.customer_uuid = c.uuid)"),
                       {column(c, "key")});
    const bool hasRef = !column(c, "policyholder_ref").isNull();
    // The same values again update nothing, and so write no feed row.
    return teamRun(team,
                   QStringLiteral("INSERT INTO sportello.customers AS c (uuid, created_at, policyholder_ref, "
                                  "policyholder_ref_key, ref_channel, ref_thread_external_id, ref_set_by, ref_set_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
                                  "policyholder_ref = excluded.policyholder_ref, "
                                  "policyholder_ref_key = excluded.policyholder_ref_key, "
                                  "ref_channel = excluded.ref_channel, "
                                  "ref_thread_external_id = excluded.ref_thread_external_id, "
                                  "ref_set_by = excluded.ref_set_by, ref_set_at = excluded.ref_set_at "
                                  "WHERE (c.policyholder_ref, c.policyholder_ref_key, c.ref_channel, "
                                  "c.ref_thread_external_id, c.ref_set_by, c.ref_set_at) IS DISTINCT FROM "
                                  "(excluded.policyholder_ref, excluded.policyholder_ref_key, excluded.ref_channel, "
                                  "excluded.ref_thread_external_id, excluded.ref_set_by, excluded.ref_set_at)"),
                   {column(c, "key"), column(c, "created_at").toLongLong(),
                    hasRef ? column(c, "policyholder_ref") : nullText(),
                    hasRef ? column(c, "policyholder_ref_key") : nullText(),
                    hasRef ? column(c, "ref_channel") : nullText(), hasRef ? column(c, "ref_thread") : nullText(),
                    hasRef ? column(c, "ref_set_by") : nullText(),
                    hasRef ? QVariant(column(c, "ref_set_at").toLongLong()) : nullNumber()});
}

// An author's link as the cache holds it now: to its customer, or none (unlinked).
Status pushLink(QSqlQuery &team, const QSqlRecord &l)
{
    if (column(l, "customer_uuid").isNull())
        return teamRun(team,
                       QStringLiteral("DELETE FROM sportello.customer_links WHERE channel = ? AND author_external_id = ?"),
                       {column(l, "channel"), column(l, "external_id")});
    if (Status s = ensureTeamCustomer(team, column(l, "customer_uuid"), column(l, "customer_created_at")); !s)
        return s;
    return teamRun(team,
                   QStringLiteral("INSERT INTO sportello.customer_links AS l (channel, author_external_id, customer_uuid, "
                                  "linked_by, linked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, "
                                  "author_external_id) DO UPDATE SET customer_uuid = excluded.customer_uuid, "
                                  "linked_by = excluded.linked_by, linked_at = excluded.linked_at "
                                  "WHERE l.customer_uuid IS DISTINCT FROM excluded.customer_uuid"),
                   {column(l, "channel"), column(l, "external_id"), column(l, "customer_uuid"), column(l, "linked_by"),
                    column(l, "linked_at").toLongLong()});
}

// A note goes up by its UUID: again, it changes nothing; moved to another customer (a merge), it
// moves there.
Status pushNote(QSqlQuery &team, const QSqlRecord &n)
{
    if (Status s = ensureTeamCustomer(team, column(n, "customer_uuid"), column(n, "customer_created_at")); !s)
        return s;
    return teamRun(team,
                   QStringLiteral("INSERT INTO sportello.customer_notes AS n (id, customer_uuid, at, agent_name, text) "
                                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET customer_uuid = "
                                  "excluded.customer_uuid WHERE n.customer_uuid IS DISTINCT FROM excluded.customer_uuid"),
                   {column(n, "uuid"), column(n, "customer_uuid"), column(n, "at").toLongLong(), column(n, "agent_name"),
                    column(n, "text")});
}

// The customers and links noted here, with what the cache holds of them now.
const QString kNotedCustomers = QStringLiteral(
    "SELECT o.key AS key, o.changes AS changes, c.created_at AS created_at, c.policyholder_ref AS policyholder_ref, "
    "c.policyholder_ref_key AS policyholder_ref_key, t.channel AS ref_channel, t.external_id AS ref_thread, "
    "c.ref_set_by AS ref_set_by, c.ref_set_at AS ref_set_at FROM team_customer_outgoing o "
    "LEFT JOIN customers c ON c.uuid = o.key LEFT JOIN threads t ON t.id = c.ref_thread_id "
    "WHERE o.kind = 'customer' ORDER BY o.key");
const QString kNotedLinks = QStringLiteral(
    "SELECT o.key AS key, o.changes AS changes, a.channel AS channel, a.external_id AS external_id, c.uuid AS customer_uuid, "
    "c.created_at AS customer_created_at, i.linked_by AS linked_by, i.linked_at AS linked_at "
    "FROM team_customer_outgoing o JOIN authors a ON a.id = CAST(o.key AS INTEGER) "
    "LEFT JOIN customer_identities i ON i.author_id = a.id LEFT JOIN customers c ON c.id = i.customer_id "
    "WHERE o.kind = 'customer_link' ORDER BY a.id");
const QString kPendingNotes = QStringLiteral(
    "SELECT n.id AS id, n.customer_id AS customer_id, n.uuid AS uuid, c.uuid AS customer_uuid, c.created_at AS customer_created_at, n.at AS at, "
    "n.agent_name AS agent_name, n.text AS text FROM customer_notes n JOIN customers c ON c.id = n.customer_id "
    "WHERE n.team_state = 'to_push' ORDER BY n.at, n.id");

// What went up leaves team_customer_outgoing; its notes are 'pushed' (or 'refused' for good).
Status markCustomersPushed(const QSqlDatabase &cache, const QVector<QSqlRecord> &customers,
                           const QVector<QSqlRecord> &links, const QVector<QSqlRecord> &notes,
                           const QSet<qint64> &refusedNotes)
{
    Transaction transaction(cache);
    if (!transaction.started())
        return transaction.startFailure();
    for (const auto &[kind, rows] : {std::pair{&kCustomer, &customers}, std::pair{&kLink, &links}}) {
        for (const QSqlRecord &row : *rows) {
            // A change noted while this push was under way goes up with the next one.
            auto done = run(cache,
                            QStringLiteral("DELETE FROM team_customer_outgoing WHERE kind = ? AND key = ? AND changes = ?"),
                            {*kind, column(row, "key"), column(row, "changes")});
            if (!done)
                return done.failure();
        }
    }
    for (const QSqlRecord &n : notes) {
        // A note moved again meanwhile (another merge) stays 'to_push'.
        auto done = run(cache, QStringLiteral("UPDATE customer_notes SET team_state = ? WHERE id = ? "
                                              "AND team_state = 'to_push' AND customer_id = ?"),
                        {refusedNotes.contains(column(n, "id").toLongLong()) ? QStringLiteral("refused")
                                                                             : QStringLiteral("pushed"),
                         column(n, "id"),
                         column(n, "customer_id")});
        if (!done)
            return done.failure();
    }
    return transaction.commit();
}

Error malformed(const FeedChange &change, const QString &what)
{
    return Error{QCoreApplication::translate("Team", "Change %1 of the team feed (%2) cannot be applied: %3. Nothing "
                                                     "of its page was applied; the next sync tries again.")
                     .arg(change.seq)
                     .arg(change.kind, what),
                 ErrorKind::Corrupt};
}

QVariant rowText(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    return value.isString() ? QVariant(value.toString()) : nullText();
}
QVariant rowNumber(const FeedChange &change, const char *key)
{
    const QJsonValue value = change.row.value(QLatin1String(key));
    return value.isDouble() ? QVariant(qint64(value.toDouble())) : nullNumber();
}

Error missing(const FeedChange &change, const char *key)
{
    return malformed(change, QCoreApplication::translate("Team", "\"%1\" is missing").arg(QLatin1String(key)));
}

// A change made here to the same key that has not gone up yet.
Result<bool> pendingHere(const QSqlDatabase &cache, const QString &kind, const QVariant &key)
{
    auto noted = lookup(cache, QStringLiteral("SELECT 1 FROM team_customer_outgoing WHERE kind = ? AND key = ?"),
                        {kind, key.toString()});
    if (!noted)
        return noted.failure();
    return noted->isValid();
}

// Older changes of the same key waiting in team_deferred (their author or thread had not come
// down) are superseded: applied later they would undo this newer one.
Status supersede(const QSqlDatabase &cache, const FeedChange &change, const QStringList &keys)
{
    QString statement = QStringLiteral("DELETE FROM team_deferred WHERE kind = ? AND seq < ?");
    QVariantList binds{change.kind, change.seq};
    for (const QString &key : keys) {
        statement += QStringLiteral(" AND json_extract(row, '$.%1') = ?").arg(key);
        binds << rowText(change, key.toLatin1().constData());
    }
    auto deleted = run(cache, statement, binds);
    return deleted ? Status() : Status(deleted.failure());
}

// The cache's customer of a team UUID, created (empty) when it has not come down yet.
Result<qint64> localCustomer(const QSqlDatabase &cache, const QVariant &uuid, const QVariant &createdAt)
{
    auto inserted = run(cache, QStringLiteral("INSERT INTO customers(uuid, created_at) VALUES(?, ?) "
                                              "ON CONFLICT(uuid) DO NOTHING"),
                        {uuid, createdAt.isNull() ? QVariant(qint64(0)) : createdAt});
    if (!inserted)
        return inserted.failure();
    auto id = lookup(cache, QStringLiteral("SELECT id FROM customers WHERE uuid = ?"), {uuid});
    if (!id)
        return id.failure();
    return id->toLongLong();
}

Result<QVariant> localAuthor(const QSqlDatabase &cache, const FeedChange &change)
{
    return lookup(cache, QStringLiteral("SELECT id FROM authors WHERE channel = ? AND external_id = ?"),
                  {rowText(change, "channel"), rowText(change, "author_external_id")});
}

Result<bool> applyCustomer(const QSqlDatabase &cache, const FeedChange &change)
{
    const QVariant uuid = rowText(change, "uuid");
    if (uuid.isNull())
        return missing(change, "uuid");
    if (Status s = supersede(cache, change, {QStringLiteral("uuid")}); !s)
        return s.failure();
    auto pending = pendingHere(cache, kCustomer, uuid);
    if (!pending || *pending)
        return pending;
    if (change.op == QLatin1String("delete")) {
        // Merged away on another desktop: gone here too once nothing names it (its identities and
        // notes came down, moved, before this change).
        auto removed = run(cache, QStringLiteral("DELETE FROM customers WHERE uuid = ? "
                                                 "AND NOT EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = customers.id) "
                                                 "AND NOT EXISTS (SELECT 1 FROM customer_notes n WHERE n.customer_id = customers.id)"),
                           {uuid});
        return removed ? Result<bool>(true) : Result<bool>(removed.failure());
    }
    const QVariant createdAt = rowNumber(change, "created_at");
    if (createdAt.isNull())
        return missing(change, "created_at");
    const QVariant reference = rowText(change, "policyholder_ref");
    const QVariant key = rowText(change, "policyholder_ref_key");
    QVariant thread = nullNumber();
    if (!reference.isNull()) {
        if (key.isNull())
            return missing(change, "policyholder_ref_key");
        auto local = lookup(cache, QStringLiteral("SELECT id FROM threads WHERE channel = ? AND external_id = ?"),
                            {rowText(change, "ref_channel"), rowText(change, "ref_thread_external_id")});
        if (!local)
            return local.failure();
        if (!local->isValid())
            return false; // the private conversation that verified it has not come down yet
        thread = *local;
    }
    auto upserted = run(cache,
                        QStringLiteral("INSERT INTO customers(uuid, created_at, policyholder_ref, policyholder_ref_key, "
                                       "ref_thread_id, ref_set_by, ref_set_at) VALUES(?, ?, ?, ?, ?, ?, ?) "
                                       "ON CONFLICT(uuid) DO UPDATE SET policyholder_ref = excluded.policyholder_ref, "
                                       "policyholder_ref_key = excluded.policyholder_ref_key, "
                                       "ref_thread_id = excluded.ref_thread_id, ref_set_by = excluded.ref_set_by, "
                                       "ref_set_at = excluded.ref_set_at"),
                        {uuid, createdAt, reference, key, thread,
                         reference.isNull() ? nullText() : rowText(change, "ref_set_by"),
                         reference.isNull() ? nullNumber() : rowNumber(change, "ref_set_at")});
    if (!upserted)
        return malformed(change, upserted.error());
    return true;
}

Result<bool> applyLink(const QSqlDatabase &cache, const FeedChange &change)
{
    if (rowText(change, "channel").isNull() || rowText(change, "author_external_id").isNull())
        return missing(change, "author_external_id");
    if (Status s = supersede(cache, change, {QStringLiteral("channel"), QStringLiteral("author_external_id")}); !s)
        return s.failure();
    auto author = localAuthor(cache, change);
    if (!author)
        return author.failure();
    const bool unlinked = change.op == QLatin1String("delete");
    if (!author->isValid())
        return unlinked; // an author not here has nothing to unlink; a link waits for its first post
    auto pending = pendingHere(cache, kLink, *author);
    if (!pending || *pending)
        return pending;
    if (unlinked) {
        auto removed = run(cache, QStringLiteral("DELETE FROM customer_identities WHERE author_id = ?"), {*author});
        return removed ? Result<bool>(true) : Result<bool>(removed.failure());
    }
    const QVariant uuid = rowText(change, "customer_uuid");
    const QVariant linkedAt = rowNumber(change, "linked_at");
    if (uuid.isNull() || linkedAt.isNull())
        return missing(change, uuid.isNull() ? "customer_uuid" : "linked_at");
    auto customer = localCustomer(cache, uuid, linkedAt);
    if (!customer)
        return customer.failure();
    auto linked = run(cache,
                      QStringLiteral("INSERT INTO customer_identities(author_id, customer_id, linked_by, linked_at) "
                                     "VALUES(?, ?, ?, ?) ON CONFLICT(author_id) DO UPDATE SET "
                                     "customer_id = excluded.customer_id, linked_by = excluded.linked_by, "
                                     "linked_at = excluded.linked_at"),
                      {*author, *customer, rowText(change, "linked_by").toString(), linkedAt});
    if (!linked)
        return linked.failure();
    return true;
}

Result<bool> applyNote(const QSqlDatabase &cache, const FeedChange &change)
{
    const QVariant uuid = rowText(change, "id");
    if (uuid.isNull())
        return missing(change, "id");
    if (change.op == QLatin1String("delete")) {
        auto removed = run(cache, QStringLiteral("DELETE FROM customer_notes WHERE uuid = ? AND team_state = 'from_team'"),
                           {uuid});
        return removed ? Result<bool>(true) : Result<bool>(removed.failure());
    }
    const QVariant customerUuid = rowText(change, "customer_uuid");
    const QVariant at = rowNumber(change, "at");
    const QVariant text = rowText(change, "text");
    if (customerUuid.isNull() || at.isNull() || text.isNull())
        return malformed(change, QCoreApplication::translate("Team", "customer, time or text missing"));
    auto local = run(cache, QStringLiteral("SELECT id, team_state FROM customer_notes WHERE uuid = ?"), {uuid});
    if (!local)
        return local.failure();
    const bool known = local->next();
    if (known && local->value(1).toString() == QLatin1String("to_push"))
        return true; // moved here by a merge that has not gone up yet
    const QVariant noteId = known ? local->value(0) : QVariant();
    local->finish();
    auto customer = localCustomer(cache, customerUuid, at);
    if (!customer)
        return customer.failure();
    const QVariant login = rowText(change, "agent_id");
    const QString name = rowText(change, "agent_name").toString();
    auto written =
        known ? run(cache,
                    QStringLiteral("UPDATE customer_notes SET customer_id = ?, agent_name = ?, author_login = ? "
                                   "WHERE id = ?"),
                    {*customer, name, login, noteId})
              : run(cache,
                    QStringLiteral("INSERT INTO customer_notes(customer_id, at, agent_id, agent_name, text, uuid, "
                                   "author_login, team_state) VALUES(?, ?, ?, ?, ?, ?, ?, 'from_team')"),
                    {*customer, at, login.toString(), name, text, uuid, login});
    if (!written)
        return written.failure();
    return true;
}

} // namespace

Result<CustomerPushReport> pushCustomers(const QSqlDatabase &cache, const QSqlDatabase &team)
{
    auto customers = readAll(cache, kNotedCustomers);
    if (!customers)
        return customers.failure();
    auto links = readAll(cache, kNotedLinks);
    if (!links)
        return links.failure();
    auto notes = readAll(cache, kPendingNotes);
    if (!notes)
        return notes.failure();
    CustomerPushReport report;
    if (customers->isEmpty() && links->isEmpty() && notes->isEmpty())
        return report;
    QSet<qint64> refusedNotes;
    QString refusal;
    QSqlQuery statement(team);
    {
        TeamTransaction transaction(team);
        if (!transaction.started())
            return transaction.startFailure();
        // The feed's lock before any row's: the rows' triggers take it only after their rows.
        if (Status s = teamExec(team, takeFeedLockStatement()); !s)
            return s.failure();
        // Each row in a savepoint of its own: one the team refuses for good (a login that may not
        // share customers, a value the team does not take) is undone alone and kept on this
        // desktop, said once, instead of holding back the others and every later push.
        const auto pushOne = [&](const QSqlRecord &row, Status (*push)(QSqlQuery &, const QSqlRecord &)) -> Status {
            if (Status s = teamExec(team, QStringLiteral("SAVEPOINT sportello_customer")); !s)
                return s;
            const Status pushed = push(statement, row);
            if (pushed) {
                ++report.changes;
                return teamExec(team, QStringLiteral("RELEASE SAVEPOINT sportello_customer"));
            }
            if (pushed.errorKind() != ErrorKind::RefusedByPolicy && pushed.errorKind() != ErrorKind::InvalidInput)
                return pushed; // tried again at the next push
            if (Status s = teamExec(team, QStringLiteral("ROLLBACK TO SAVEPOINT sportello_customer")); !s)
                return s;
            ++report.refused;
            if (refusal.isEmpty())
                refusal = pushed.error();
            if (row.contains(QStringLiteral("text")))
                refusedNotes.insert(column(row, "id").toLongLong());
            return {};
        };
        // Customers first (their references), then links and notes (which name customers), then
        // the customers merged away here, once nothing names them.
        for (const QSqlRecord &c : *customers)
            if (!column(c, "created_at").isNull())
                if (Status s = pushOne(c, pushCustomer); !s)
                    return s.failure();
        for (const QSqlRecord &l : *links)
            if (Status s = pushOne(l, pushLink); !s)
                return s.failure();
        for (const QSqlRecord &n : *notes)
            if (Status s = pushOne(n, pushNote); !s)
                return s.failure();
        for (const QSqlRecord &c : *customers)
            if (column(c, "created_at").isNull())
                if (Status s = pushOne(c, pushCustomer); !s)
                    return s.failure();
        if (Status s = transaction.commit(); !s)
            return s.failure();
    }
    if (Status s = markCustomersPushed(cache, *customers, *links, *notes, refusedNotes); !s)
        return s.failure();
    qCInfo(lcTeam) << "pushed" << report.changes << "customer changes";
    if (report.refused > 0)
        qCWarning(lcTeam) << report.refused << "customer changes refused by the team database, kept on this desktop:"
                          << refusal;
    return report;
}

bool isCustomerKind(const QString &kind) { return kind == kCustomer || kind == kLink || kind == kNote; }

Result<bool> applyCustomerChange(const QSqlDatabase &cache, const FeedChange &change)
{
    if (change.kind == kCustomer)
        return applyCustomer(cache, change);
    if (change.kind == kLink)
        return applyLink(cache, change);
    return applyNote(cache, change);
}

} // namespace sportello::team
