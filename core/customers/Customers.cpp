#include "customers/Customers.h"

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "compose/PersonalReference.h"
#include "customers/CustomersLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QVariantList>
#include <algorithm>
#include <utility>

namespace sportello {

namespace {

constexpr int kMinMatchKeyLength = 4;
constexpr int kMinReferenceKeyLength = 4;
constexpr int kMaxReferenceLength = 40;
// Authors indexed for suggestions per transaction: a large cache's first look is spread over
// short transactions instead of one long one.
constexpr int kMatchKeyBatch = 20000;

QString marks(qsizetype n)
{
    QStringList m;
    for (qsizetype i = 0; i < n; ++i)
        m << QStringLiteral("?");
    return m.join(QStringLiteral(", "));
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &binds)
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

QVariantList toVariants(const QVector<qint64> &ids)
{
    QVariantList list;
    for (qint64 id : ids)
        list << id;
    return list;
}

Error noAgent()
{
    return Error{QCoreApplication::translate("Customers", "Say who you are (the agent's name) before changing a "
                                                          "customer."),
                 ErrorKind::InvalidInput};
}

Error authorNotFound(qint64 authorId)
{
    return Error{QCoreApplication::translate("Customers", "There is no author %1 in this cache.").arg(authorId),
                 ErrorKind::NotFound};
}

CustomerIdentity readIdentity(const QSqlQuery &q, const sql::Columns &columns)
{
    CustomerIdentity i;
    i.authorId = q.value(columns("author_id")).toLongLong();
    i.channel = channelFromId(q.value(columns("channel")).toString()).value_or(Channel::Facebook);
    i.externalId = q.value(columns("external_id")).toString();
    i.handle = q.value(columns("handle")).toString();
    i.displayName = q.value(columns("display_name")).toString();
    i.linkedBy = q.value(columns("linked_by")).toString();
    i.linkedAtMs = q.value(columns("linked_at")).toLongLong();
    return i;
}

Status audit(const QSqlDatabase &db, qint64 nowMs, const Agent &agent, const char *action, qint64 threadId,
             const QJsonObject &details)
{
    return appendAudit(db, {nowMs, agent, QLatin1String(action), threadId, QString(), details});
}

} // namespace

QString identityMatchKey(const QString &handleOrName)
{
    // Compatibility decomposition splits accented letters into letter and mark (and full-width or
    // styled letters into plain ones); the marks are dropped with everything else that is not a
    // letter or digit.
    const QString decomposed = handleOrName.normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    // A digits suffix tells accounts of one person apart ("mario.rossi" and "mariorossi85").
    while (!key.isEmpty() && key.back().isDigit())
        key.chop(1);
    int letters = 0;
    for (const QChar c : key)
        letters += c.isLetter() ? 1 : 0;
    return letters >= kMinMatchKeyLength ? key : QString();
}

CustomerStore::CustomerStore(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Result<qint64> CustomerStore::threadAuthor(qint64 threadId) const
{
    auto q = run(m_database.connection(),
                 QStringLiteral("SELECT author_id FROM posts WHERE thread_id = ? AND direction = 'inbound' "
                                "ORDER BY created_at, id LIMIT 1"),
                 {threadId});
    if (!q)
        return q.failure();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Result<qint64> CustomerStore::customerOf(qint64 authorId) const
{
    auto q = run(m_database.connection(),
                 QStringLiteral("SELECT customer_id FROM customer_identities WHERE author_id = ?"), {authorId});
    if (!q)
        return q.failure();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Result<QVector<qint64>> CustomerStore::identityIds(qint64 authorId) const
{
    auto customer = customerOf(authorId);
    if (!customer)
        return customer.failure();
    if (customer.value() == 0)
        return QVector<qint64>{authorId};
    auto q = run(m_database.connection(),
                 QStringLiteral("SELECT author_id FROM customer_identities WHERE customer_id = ? ORDER BY author_id"),
                 {customer.value()});
    if (!q)
        return q.failure();
    QVector<qint64> ids;
    while (q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

Result<CustomerCard> CustomerStore::card(qint64 authorId, qint64 shownThreadId) const
{
    const QSqlDatabase db = m_database.connection();
    CustomerCard card;
    auto customer = customerOf(authorId);
    if (!customer)
        return customer.failure();
    card.customerId = customer.value();

    // The identities: the customer's, or the author alone.
    const QString identityColumns = QStringLiteral(
        "SELECT a.id AS author_id, a.channel AS channel, a.external_id AS external_id, a.handle AS handle, "
        "a.display_name AS display_name, ");
    auto identities =
        card.customerId != 0
            ? run(db,
                  identityColumns + QStringLiteral("ci.linked_by AS linked_by, ci.linked_at AS linked_at FROM "
                                                   "customer_identities ci JOIN authors a ON a.id = ci.author_id "
                                                   "WHERE ci.customer_id = ? ORDER BY a.channel, a.handle, a.id"),
                  {card.customerId})
            : run(db, identityColumns + QStringLiteral("'' AS linked_by, 0 AS linked_at FROM authors a WHERE a.id = ?"),
                  {authorId});
    if (!identities)
        return identities.failure();
    {
        const sql::Columns columns(identities.value());
        while (identities->next())
            card.identities << readIdentity(identities.value(), columns);
    }
    const auto self = std::find_if(card.identities.begin(), card.identities.end(),
                                   [authorId](const CustomerIdentity &i) { return i.authorId == authorId; });
    if (self == card.identities.end())
        return authorNotFound(authorId);
    std::rotate(card.identities.begin(), self, self + 1);

    QVector<qint64> ids;
    for (const CustomerIdentity &i : card.identities)
        ids << i.authorId;
    const QVariantList idBinds = toVariants(ids);
    // Every thread one of the identities wrote in (posts_by_author).
    const QString customerThreads =
        QStringLiteral("SELECT p.thread_id FROM posts p WHERE p.author_id IN (%1)").arg(marks(ids.size()));

    auto threads = run(db,
                       QStringLiteral("SELECT t.id AS thread_id, min(p.author_id) AS author_id, t.channel AS channel, "
                                      "t.external_id AS external_id, t.status AS status, t.category AS category, "
                                      "coalesce(t.last_activity_at, t.created_at) AS activity, "
                                      "NOT EXISTS(SELECT 1 FROM posts v WHERE v.thread_id = t.id AND v.visibility = "
                                      "'public') AS is_private "
                                      "FROM posts p JOIN threads t ON t.id = p.thread_id "
                                      "WHERE p.author_id IN (%1) AND t.id <> ? GROUP BY t.id "
                                      "ORDER BY activity DESC, t.id DESC LIMIT %2")
                           .arg(marks(ids.size()))
                           .arg(kCustomerCardRows + 1),
                       idBinds + QVariantList{shownThreadId});
    if (!threads)
        return threads.failure();
    {
        const sql::Columns c(threads.value());
        while (threads->next()) {
            if (card.threads.size() == kCustomerCardRows) {
                card.moreThreads = true;
                break;
            }
            CustomerThread t;
            t.threadId = threads->value(c("thread_id")).toLongLong();
            t.authorId = threads->value(c("author_id")).toLongLong();
            t.channel = channelFromId(threads->value(c("channel")).toString()).value_or(Channel::Facebook);
            t.externalId = threads->value(c("external_id")).toString();
            t.status = threadStatusFromId(threads->value(c("status")).toString()).value_or(ThreadStatus::Waiting);
            t.category = categoryFromId(threads->value(c("category")).toString());
            t.lastActivityMs = threads->value(c("activity")).toLongLong();
            t.isPrivate = threads->value(c("is_private")).toBool();
            card.threads << t;
        }
    }

    auto decisions =
        run(db,
            QStringLiteral("SELECT d.id AS id, d.thread_id AS thread_id, t.channel AS channel, d.kind AS "
                           "kind, d.close_reason AS close_reason, d.agent_name AS agent_name, "
                           "d.decided_at AS decided_at FROM decisions d JOIN threads t ON t.id = "
                           "d.thread_id WHERE d.thread_id IN (%1) ORDER BY d.decided_at DESC, d.id LIMIT %2")
                .arg(customerThreads)
                .arg(kCustomerCardRows),
            idBinds);
    if (!decisions)
        return decisions.failure();
    {
        const sql::Columns c(decisions.value());
        while (decisions->next()) {
            CustomerDecision d;
            d.decisionId = decisions->value(c("id")).toString();
            d.threadId = decisions->value(c("thread_id")).toLongLong();
            d.channel = channelFromId(decisions->value(c("channel")).toString()).value_or(Channel::Facebook);
            d.kind = decisionKindFromId(decisions->value(c("kind")).toString()).value_or(DecisionKind::Close);
            d.closeReason = closeReasonFromId(decisions->value(c("close_reason")).toString());
            d.agentName = decisions->value(c("agent_name")).toString();
            d.decidedAtMs = decisions->value(c("decided_at")).toLongLong();
            card.decisions << d;
        }
    }

    auto complaints = run(db,
                          QStringLiteral("SELECT c.thread_id AS thread_id, t.channel AS channel, c.received_at AS "
                                         "received_at, c.deadline_at AS deadline_at FROM complaints c JOIN threads t "
                                         "ON t.id = c.thread_id WHERE c.resolved_at IS NULL AND c.thread_id IN (%1) "
                                         "ORDER BY c.deadline_at, c.thread_id")
                              .arg(customerThreads),
                          idBinds);
    if (!complaints)
        return complaints.failure();
    {
        const sql::Columns c(complaints.value());
        while (complaints->next()) {
            CustomerComplaint k;
            k.threadId = complaints->value(c("thread_id")).toLongLong();
            k.channel = channelFromId(complaints->value(c("channel")).toString()).value_or(Channel::Facebook);
            k.receivedAtMs = complaints->value(c("received_at")).toLongLong();
            k.deadlineAtMs = complaints->value(c("deadline_at")).toLongLong();
            card.openComplaints << k;
        }
    }

    // Hand-offs: the forwards, their outbox entries and what customer care last reported
    // (`handoffs`, schema 18; no row while care has said nothing).
    auto handoffs = run(db,
                        QStringLiteral("SELECT d.id AS id, d.thread_id AS thread_id, t.channel AS channel, "
                                       "o.case_reference AS case_reference, o.state AS state, d.decided_at AS "
                                       "decided_at, h.state AS care_state FROM decisions d JOIN outbox o ON "
                                       "o.decision_id = d.id JOIN threads t ON t.id = d.thread_id LEFT JOIN handoffs "
                                       "h ON h.outbox_id = o.id WHERE d.kind = 'forward' AND d.thread_id IN (%1) "
                                       "ORDER BY d.decided_at DESC, d.id LIMIT %2")
                            .arg(customerThreads)
                            .arg(kCustomerCardRows),
                        idBinds);
    if (!handoffs)
        return handoffs.failure();
    {
        const sql::Columns c(handoffs.value());
        while (handoffs->next()) {
            CustomerHandoff h;
            h.decisionId = handoffs->value(c("id")).toString();
            h.threadId = handoffs->value(c("thread_id")).toLongLong();
            h.channel = channelFromId(handoffs->value(c("channel")).toString()).value_or(Channel::Facebook);
            h.caseReference = handoffs->value(c("case_reference")).toString();
            h.state = handoffs->value(c("state")).toString();
            h.decidedAtMs = handoffs->value(c("decided_at")).toLongLong();
            h.careState = handoffs->value(c("care_state")).toString();
            card.handoffs << h;
        }
    }

    if (card.customerId != 0) {
        auto notes = run(db,
                         QStringLiteral("SELECT id, at, agent_name, text FROM customer_notes WHERE customer_id = ? "
                                        "ORDER BY at, id"),
                         {card.customerId});
        if (!notes)
            return notes.failure();
        const sql::Columns c(notes.value());
        while (notes->next())
            card.notes << CustomerNote{notes->value(c("id")).toLongLong(), notes->value(c("at")).toLongLong(),
                                       notes->value(c("agent_name")).toString(), notes->value(c("text")).toString()};
        auto ref = run(db,
                       QStringLiteral("SELECT policyholder_ref, ref_thread_id, ref_set_by, ref_set_at FROM customers "
                                      "WHERE id = ? AND policyholder_ref IS NOT NULL"),
                       {card.customerId});
        if (!ref)
            return ref.failure();
        if (ref->next())
            card.policyholderRef = PolicyholderReference{ref->value(0).toString(), ref->value(1).toLongLong(),
                                                         ref->value(2).toString(), ref->value(3).toLongLong()};
    }
    return card;
}

Status CustomerStore::indexMatchKeys()
{
    if (m_database.isReadOnly())
        return {};
    const QSqlDatabase db = m_database.connection();
    for (;;) {
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        auto authors = run(db,
                           QStringLiteral("SELECT id, handle, display_name, is_company FROM authors WHERE id > "
                                          "(SELECT coalesce(max(author_id), 0) FROM author_match_keys) ORDER BY id "
                                          "LIMIT %1")
                               .arg(kMatchKeyBatch),
                           {});
        if (!authors)
            return authors.failure();
        QSqlQuery insert(db);
        if (Status s = sql::prepare(insert, QStringLiteral("INSERT INTO author_match_keys(author_id, handle_key, "
                                                           "name_key) VALUES(?, ?, ?)"));
            !s)
            return s;
        int count = 0;
        while (authors->next()) {
            ++count;
            // A company's own accounts are never suggested as a customer's.
            const bool company = authors->value(3).toBool();
            insert.addBindValue(authors->value(0).toLongLong());
            // '' (never NULL) for no key: nothing is looked up by it.
            const QString none = QStringLiteral("");
            const QString handleKey = company ? none : identityMatchKey(authors->value(1).toString());
            const QString nameKey = company ? none : identityMatchKey(authors->value(2).toString());
            insert.addBindValue(handleKey.isNull() ? none : handleKey);
            insert.addBindValue(nameKey.isNull() ? none : nameKey);
            if (Status s = sql::exec(insert); !s)
                return s;
        }
        authors->finish();
        if (Status s = transaction.commit(); !s)
            return s;
        if (count > 0)
            qCInfo(lcCustomers) << "indexed" << count << "authors for suggestions";
        if (count < kMatchKeyBatch)
            return {};
    }
}

Result<QVector<IdentitySuggestion>> CustomerStore::suggestions(qint64 authorId, int limit)
{
    if (Status s = indexMatchKeys(); !s)
        return s.failure();
    auto current = card(authorId);
    if (!current)
        return current.failure();
    QSet<QString> handles;
    QSet<QString> names;
    QVector<qint64> own;
    for (const CustomerIdentity &i : current->identities) {
        own << i.authorId;
        if (const QString key = identityMatchKey(i.handle); !key.isEmpty())
            handles.insert(key);
        if (const QString key = identityMatchKey(i.displayName); !key.isEmpty())
            names.insert(key);
    }
    QSet<QString> keys = handles;
    keys.unite(names);
    if (keys.isEmpty())
        return QVector<IdentitySuggestion>();
    const QStringList keyList(keys.cbegin(), keys.cend());
    QVariantList binds;
    for (const QString &k : keyList)
        binds << k;
    const QVariantList keyBinds = binds;
    binds += keyBinds;
    binds += toVariants(own);
    auto q = run(m_database.connection(),
                 QStringLiteral("SELECT a.id AS author_id, a.channel AS channel, a.external_id AS external_id, "
                                "a.handle AS handle, a.display_name AS display_name, '' AS linked_by, 0 AS linked_at "
                                "FROM authors a WHERE a.id IN (SELECT author_id FROM author_match_keys WHERE "
                                "handle_key IN (%1) UNION SELECT author_id FROM author_match_keys WHERE name_key IN "
                                "(%1)) AND a.is_company = 0 AND a.id NOT IN (%2) ORDER BY a.channel, a.handle, a.id")
                     .arg(marks(keyList.size()), marks(own.size())),
                 binds);
    if (!q)
        return q.failure();
    QVector<IdentitySuggestion> out;
    const sql::Columns columns(q.value());
    while (q->next() && out.size() < limit) {
        IdentitySuggestion s;
        s.identity = readIdentity(q.value(), columns);
        // The keys were indexed when the author was first met; a renamed author is checked again
        // against its current handle and name.
        const QString handleKey = identityMatchKey(s.identity.handle);
        const QString nameKey = identityMatchKey(s.identity.displayName);
        s.handleMatches = !handleKey.isEmpty() && handles.contains(handleKey);
        s.handleMatches = s.handleMatches || (!nameKey.isEmpty() && handles.contains(nameKey));
        s.nameMatches =
            (!nameKey.isEmpty() && names.contains(nameKey)) || (!handleKey.isEmpty() && names.contains(handleKey));
        if (s.handleMatches || s.nameMatches)
            out << s;
    }
    return out;
}

Result<qint64> CustomerStore::ensureCustomer(qint64 authorId, const Agent &agent, qint64 nowMs)
{
    auto existing = customerOf(authorId);
    if (!existing || existing.value() != 0)
        return existing;
    const QSqlDatabase db = m_database.connection();
    auto created = run(db, QStringLiteral("INSERT INTO customers(created_at) VALUES(?) RETURNING id"), {nowMs});
    if (!created)
        return created.failure();
    if (!created->next())
        return Error{QCoreApplication::translate("Customers", "The customer could not be created."),
                     ErrorKind::Unspecified};
    const qint64 id = created->value(0).toLongLong();
    created->finish();
    auto linked = run(db,
                      QStringLiteral("INSERT INTO customer_identities(author_id, customer_id, linked_by, linked_at) "
                                     "VALUES(?, ?, ?, ?)"),
                      {authorId, id, agent.name, nowMs});
    if (!linked)
        return linked.failure();
    return id;
}

Status CustomerStore::link(qint64 authorId, qint64 otherAuthorId, const Agent &agent)
{
    if (agent.id.isEmpty())
        return noAgent();
    if (authorId == otherAuthorId)
        return Error{QCoreApplication::translate("Customers", "An identity cannot be linked to itself."),
                     ErrorKind::InvalidInput};
    const QSqlDatabase db = m_database.connection();
    for (qint64 id : {authorId, otherAuthorId}) {
        auto a = run(db, QStringLiteral("SELECT is_company FROM authors WHERE id = ?"), {id});
        if (!a)
            return a.failure();
        if (!a->next())
            return authorNotFound(id);
        if (a->value(0).toBool())
            return Error{QCoreApplication::translate("Customers", "Author %1 is one of the company's own accounts, "
                                                                  "not a customer.")
                             .arg(id),
                         ErrorKind::InvalidInput};
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto target = customerOf(authorId);
    if (!target)
        return target.failure();
    auto other = customerOf(otherAuthorId);
    if (!other)
        return other.failure();
    if (target.value() != 0 && target.value() == other.value())
        return Error{QCoreApplication::translate("Customers", "These identities are already linked."),
                     ErrorKind::Conflict};
    if (target.value() != 0 && other.value() != 0) {
        auto refs =
            run(db, QStringLiteral("SELECT count(DISTINCT policyholder_ref_key) FROM customers WHERE id IN (?, ?)"),
                {target.value(), other.value()});
        if (!refs)
            return refs.failure();
        if (refs->next() && refs->value(0).toInt() > 1)
            return Error{QCoreApplication::translate("Customers", "Both identities belong to customers with "
                                                                  "different policyholder references: they are not "
                                                                  "the same person. Clear the wrong reference first."),
                         ErrorKind::Conflict};
    }
    auto customer = ensureCustomer(authorId, agent, now);
    if (!customer)
        return customer.failure();
    const qint64 id = customer.value();
    QJsonObject details{{QStringLiteral("customer_id"), id},
                        {QStringLiteral("author_id"), authorId},
                        {QStringLiteral("linked_author_id"), otherAuthorId}};
    if (other.value() != 0) {
        // The other identity's customer joins this one with everything it has.
        const qint64 merged = other.value();
        // (Row-value assignment, no UPDATE ... FROM: the console may run on an older SQLite.)
        const std::pair<const char *, QVariantList> statements[] = {
            {"UPDATE customers SET (policyholder_ref, policyholder_ref_key, ref_thread_id, ref_set_by, ref_set_at) = "
             "(SELECT policyholder_ref, policyholder_ref_key, ref_thread_id, ref_set_by, ref_set_at FROM customers "
             "WHERE id = ?) WHERE id = ? AND policyholder_ref IS NULL",
             {merged, id}},
            {"UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?", {id, merged}},
            {"UPDATE customer_notes SET customer_id = ? WHERE customer_id = ?", {id, merged}},
            {"DELETE FROM customers WHERE id = ?", {merged}}};
        for (const auto &[statement, binds] : statements) {
            auto q = run(db, QString::fromLatin1(statement), binds);
            if (!q)
                return q.failure();
        }
        details.insert(QStringLiteral("merged_customer_id"), merged);
    } else {
        auto linked = run(db,
                          QStringLiteral("INSERT INTO customer_identities(author_id, customer_id, linked_by, "
                                         "linked_at) VALUES(?, ?, ?, ?)"),
                          {otherAuthorId, id, agent.name, now});
        if (!linked)
            return linked.failure();
    }
    if (Status s = audit(db, now, agent, "customer_link", 0, details); !s)
        return s;
    return transaction.commit();
}

Status CustomerStore::unlink(qint64 authorId, const Agent &agent)
{
    if (agent.id.isEmpty())
        return noAgent();
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto customer = customerOf(authorId);
    if (!customer)
        return customer.failure();
    auto others =
        run(db, QStringLiteral("SELECT count(*) FROM customer_identities WHERE customer_id = ? AND author_id <> ?"),
            {customer.value(), authorId});
    if (!others)
        return others.failure();
    if (customer.value() == 0 || !others->next() || others->value(0).toInt() == 0)
        return Error{QCoreApplication::translate("Customers", "This identity is not linked to another one."),
                     ErrorKind::InvalidInput};
    others->finish();
    auto verifiedHere = run(db,
                            QStringLiteral("SELECT 1 FROM customers c JOIN posts p ON p.thread_id = c.ref_thread_id "
                                           "WHERE c.id = ? AND c.policyholder_ref IS NOT NULL AND p.author_id = ? "
                                           "LIMIT 1"),
                            {customer.value(), authorId});
    if (!verifiedHere)
        return verifiedHere.failure();
    if (verifiedHere->next())
        return Error{QCoreApplication::translate("Customers", "The policyholder reference was verified in a "
                                                              "conversation with this identity: clear the reference "
                                                              "before unlinking it, or it would stay with the wrong "
                                                              "person."),
                     ErrorKind::RefusedByPolicy};
    verifiedHere->finish();
    const qint64 now = m_clock.nowMs();
    auto removed = run(db, QStringLiteral("DELETE FROM customer_identities WHERE author_id = ?"), {authorId});
    if (!removed)
        return removed.failure();
    if (Status s = audit(db, now, agent, "customer_unlink", 0,
                         {{QStringLiteral("customer_id"), customer.value()}, {QStringLiteral("author_id"), authorId}});
        !s)
        return s;
    return transaction.commit();
}

Result<qint64> CustomerStore::addNote(qint64 authorId, const QString &text, const Agent &agent)
{
    if (agent.id.isEmpty())
        return noAgent();
    const QString note = text.trimmed();
    if (note.isEmpty())
        return Error{QCoreApplication::translate("Customers", "A note cannot be empty."), ErrorKind::InvalidInput};
    if (note.size() > kMaxCustomerNoteLength)
        return Error{QCoreApplication::translate("Customers", "The note is %1 characters long: keep it within %2.")
                         .arg(note.size())
                         .arg(kMaxCustomerNoteLength),
                     ErrorKind::InvalidInput};
    const QSqlDatabase db = m_database.connection();
    auto exists = run(db, QStringLiteral("SELECT 1 FROM authors WHERE id = ?"), {authorId});
    if (!exists)
        return exists.failure();
    if (!exists->next())
        return authorNotFound(authorId);
    exists->finish();
    const qint64 now = m_clock.nowMs();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto customer = ensureCustomer(authorId, agent, now);
    if (!customer)
        return customer.failure();
    auto inserted = run(db,
                        QStringLiteral("INSERT INTO customer_notes(customer_id, at, agent_id, agent_name, text) "
                                       "VALUES(?, ?, ?, ?, ?) RETURNING id"),
                        {customer.value(), now, agent.id, agent.name, note});
    if (!inserted)
        return inserted.failure();
    const qint64 id = inserted->next() ? inserted->value(0).toLongLong() : 0;
    inserted->finish();
    // The note's length only: its text may name the customer.
    if (Status s = audit(db, now, agent, "customer_note", 0,
                         {{QStringLiteral("customer_id"), customer.value()},
                          {QStringLiteral("note_id"), id},
                          {QStringLiteral("length"), note.size()}});
        !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    return id;
}

Status CustomerStore::setPolicyholderRef(qint64 authorId, qint64 shownThreadId, const QString &reference,
                                         const Agent &agent)
{
    if (agent.id.isEmpty())
        return noAgent();
    const QString value = reference.simplified();
    const QString key = referenceKey(value);
    const bool allowed = std::all_of(value.cbegin(), value.cend(), [](QChar c) {
        return (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char(' ') || c == QLatin1Char('-') ||
               c == QLatin1Char('.') || c == QLatin1Char('/');
    });
    if (!allowed || value.size() > kMaxReferenceLength || key.size() < kMinReferenceKeyLength)
        return Error{QCoreApplication::translate("Customers", "A policyholder reference is %1 to %2 characters: "
                                                              "letters, digits, spaces, '-', '.' or '/'.")
                         .arg(kMinReferenceKeyLength)
                         .arg(kMaxReferenceLength),
                     ErrorKind::InvalidInput};
    const QSqlDatabase db = m_database.connection();
    // Verified only where nobody else reads along: every post of the thread shown is private.
    auto visibility = run(db,
                          QStringLiteral("SELECT count(*), coalesce(sum(visibility = 'public'), 0) FROM posts WHERE "
                                         "thread_id = ?"),
                          {shownThreadId});
    if (!visibility)
        return visibility.failure();
    if (!visibility->next() || visibility->value(0).toInt() == 0)
        return Error{
            QCoreApplication::translate("Customers", "There is no thread %1 in this cache.").arg(shownThreadId),
            ErrorKind::NotFound};
    if (visibility->value(1).toInt() > 0)
        return Error{QCoreApplication::translate("Customers", "The conversation shown is public: a policyholder "
                                                              "reference is stored only once you have verified it with "
                                                              "the customer in a private conversation. Open the "
                                                              "private conversation and store it there."),
                     ErrorKind::RefusedByPolicy};
    visibility->finish();
    auto ids = identityIds(authorId);
    if (!ids)
        return ids.failure();
    auto wrote = run(db,
                     QStringLiteral("SELECT 1 FROM posts WHERE thread_id = ? AND direction = 'inbound' AND author_id "
                                    "IN (%1) LIMIT 1")
                         .arg(marks(ids->size())),
                     QVariantList{shownThreadId} + toVariants(ids.value()));
    if (!wrote)
        return wrote.failure();
    if (!wrote->next())
        return Error{QCoreApplication::translate("Customers", "This private conversation is not with this customer: "
                                                              "verify the reference in a conversation of theirs."),
                     ErrorKind::RefusedByPolicy};
    wrote->finish();
    const qint64 now = m_clock.nowMs();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto customer = ensureCustomer(authorId, agent, now);
    if (!customer)
        return customer.failure();
    auto updated = run(db,
                       QStringLiteral("UPDATE customers SET policyholder_ref = ?, policyholder_ref_key = ?, "
                                      "ref_thread_id = ?, ref_set_by = ?, ref_set_at = ? WHERE id = ?"),
                       {value, key, shownThreadId, agent.name, now, customer.value()});
    if (!updated)
        return updated.failure();
    // Never the reference itself: the audit is read by more people than the card.
    if (Status s = audit(db, now, agent, "customer_ref_set", shownThreadId,
                         {{QStringLiteral("customer_id"), customer.value()}});
        !s)
        return s;
    return transaction.commit();
}

Status CustomerStore::clearPolicyholderRef(qint64 authorId, const Agent &agent)
{
    if (agent.id.isEmpty())
        return noAgent();
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto customer = customerOf(authorId);
    if (!customer)
        return customer.failure();
    auto updated = run(db,
                       QStringLiteral("UPDATE customers SET policyholder_ref = NULL, policyholder_ref_key = NULL, "
                                      "ref_thread_id = NULL, ref_set_by = NULL, ref_set_at = NULL WHERE id = ? AND "
                                      "policyholder_ref IS NOT NULL"),
                       {customer.value()});
    if (!updated)
        return updated.failure();
    if (updated->numRowsAffected() == 0)
        return Error{QCoreApplication::translate("Customers", "This customer has no policyholder reference."),
                     ErrorKind::NotFound};
    if (Status s = audit(db, m_clock.nowMs(), agent, "customer_ref_cleared", 0,
                         {{QStringLiteral("customer_id"), customer.value()}});
        !s)
        return s;
    return transaction.commit();
}

} // namespace sportello
