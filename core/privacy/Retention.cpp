#include "privacy/Retention.h"

#include "audit/AuditLog.h"
#include "privacy/Erasure.h"
#include "privacy/PrivacyLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace sportello::privacy {

namespace {

struct Field {
    const char *key;
    int RetentionPolicy::*member;
};
constexpr Field kFields[] = {
    {"closed_threads_months", &RetentionPolicy::closedThreadsMonths},
    {"complaint_months", &RetentionPolicy::complaintMonths},
    {"audit_months", &RetentionPolicy::auditMonths},
    {"access_log_months", &RetentionPolicy::accessLogMonths},
};

Error invalid(const QString &message) { return Error{message, ErrorKind::InvalidInput}; }

QString keyList()
{
    QStringList keys;
    for (const Field &f : kFields)
        keys << QLatin1String(f.key);
    return keys.join(QStringLiteral(", "));
}

qint64 monthsBefore(qint64 nowMs, int months)
{
    return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).addMonths(-months).toMSecsSinceEpoch();
}

// The selection of expired threads (Retention.h, expiredThreads). The range on last_activity_at
// below the later limit, per status other than 'waiting', is an index range of
// threads_by_activity(status, last_activity_at); everything else is checked per thread found
// there with primary-key and index look-ups (complaints by thread, posts_by_thread,
// decisions_by_thread, the outbox by decision). A thread's last answer or decision may be later
// than its last post (closed without a reply): the later of the two is its last activity.
// %1 narrows the selection (a batch's ids, checked again inside the batch's transaction).
const char *const kExpiredThreads = R"(
    SELECT t.id AS id FROM threads t
    WHERE t.status IN ('answered', 'forwarded', 'closed') AND t.last_activity_at < :upper %1
      AND max(t.last_activity_at, coalesce(t.last_answer_at, t.last_activity_at)) <
          CASE WHEN t.category = 'complaint' OR EXISTS (SELECT 1 FROM complaints c WHERE c.thread_id = t.id)
               THEN :complaints ELSE :closed END
      AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.thread_id = t.id AND c.resolved_at IS NULL)
      AND EXISTS (SELECT 1 FROM posts p WHERE p.thread_id = t.id AND p.text <> '')
      AND NOT EXISTS (SELECT 1 FROM decisions d JOIN outbox o ON o.decision_id = d.id
                      WHERE d.thread_id = t.id AND o.state IN ('pending', 'sending', 'unknown', 'held'))
    ORDER BY t.id)";

Result<QList<qint64>> selectExpired(const QSqlDatabase &db, const RetentionCutoffs &cutoffs, const QString &narrow,
                                    const QList<qint64> &ids)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QString::fromLatin1(kExpiredThreads).arg(narrow)); !s)
        return s.failure();
    query.bindValue(QStringLiteral(":upper"), std::max(cutoffs.closedThreads, cutoffs.complaints));
    query.bindValue(QStringLiteral(":complaints"), cutoffs.complaints);
    query.bindValue(QStringLiteral(":closed"), cutoffs.closedThreads);
    if (!narrow.isEmpty())
        query.bindValue(QStringLiteral(":ids"), sql::jsonIdList(ids));
    query.setForwardOnly(true);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QList<qint64> found;
    while (query.next())
        found << query.value(0).toLongLong();
    return found;
}

Result<qint64> countWith(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toLongLong() : 0;
}

// Set while a run's scrub of the freed space could not run (the cache was in use): the next run
// scrubs even when it changes nothing.
const char *const kScrubPendingKey = "retention_scrub_pending";

// Audit entries and access records still to push to the team are kept until they went up: the
// team's copy is the one the data protection officer reads, and the team applies its own limit.
const char *const kExpiredAudit = "audit_log WHERE at < ? AND team_state IS NOT 'to_push'";
const char *const kExpiredAccess = "access_log WHERE at < ? AND team_state IS NOT 'to_push'";

// Authors of the threads in temp.retention_threads who would have no readable post left: the
// company's own accounts are not counted (anonymiseThreads never anonymises them).
// posts_by_author finds an author's other posts.
const char *const kAuthorsLeft = R"(
    SELECT count(*) FROM authors a
    WHERE a.id IN (SELECT p.author_id FROM temp.retention_threads r JOIN posts p ON p.thread_id = r.id)
      AND a.is_company = 0
      AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.author_id = a.id AND q.text <> ''
                      AND q.thread_id NOT IN (SELECT id FROM temp.retention_threads)))";

} // namespace

Result<RetentionPolicy> parseRetentionPolicy(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QCoreApplication::translate("Privacy", "The retention policy is not valid JSON: %1 (at "
                                                              "character %2).")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!document.isObject())
        return invalid(QCoreApplication::translate("Privacy", "The retention policy must be a JSON object, such as "
                                                              "{\"closed_threads_months\": 24}."));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool known = std::any_of(std::begin(kFields), std::end(kFields),
                                       [&](const Field &f) { return it.key() == QLatin1String(f.key); });
        if (!known)
            return invalid(QCoreApplication::translate("Privacy", "Unknown key \"%1\" in the retention policy: the "
                                                                  "keys are %2.")
                               .arg(it.key(), keyList()));
    }
    RetentionPolicy policy;
    for (const Field &f : kFields) {
        const QJsonValue value = object.value(QLatin1String(f.key));
        if (value.isUndefined())
            continue;
        const double number = value.toDouble(std::nan(""));
        // Whole numbers only, within int before the range check below says what is allowed.
        if (!value.isDouble() || std::floor(number) != number || std::fabs(number) > 1e9)
            return invalid(QCoreApplication::translate("Privacy", "%1 must be a whole number of months.")
                               .arg(QLatin1String(f.key)));
        policy.*f.member = static_cast<int>(number);
    }
    if (Status s = validateRetentionPolicy(policy); !s)
        return s.failure();
    return policy;
}

Status validateRetentionPolicy(const RetentionPolicy &policy)
{
    for (const Field &f : kFields) {
        const int months = policy.*f.member;
        if (months < 1 || months > kMaxRetentionMonths)
            return invalid(QCoreApplication::translate("Privacy", "%1 must be from 1 to %2 months, not %3.")
                               .arg(QLatin1String(f.key))
                               .arg(kMaxRetentionMonths)
                               .arg(months));
    }
    if (policy.complaintMonths < policy.closedThreadsMonths)
        return invalid(QCoreApplication::translate("Privacy", "complaint_months (%1) must not be shorter than "
                                                              "closed_threads_months (%2): complaints are kept at "
                                                              "least as long as other closed threads.")
                           .arg(policy.complaintMonths)
                           .arg(policy.closedThreadsMonths));
    return {};
}

QJsonObject retentionPolicyObject(const RetentionPolicy &policy)
{
    QJsonObject object;
    for (const Field &f : kFields)
        object.insert(QLatin1String(f.key), policy.*f.member);
    return object;
}

QByteArray retentionPolicyJson(const RetentionPolicy &policy)
{
    // QJsonObject orders its keys alphabetically; the policy reads better in the order of kFields.
    QStringList parts;
    for (const Field &f : kFields)
        parts << QStringLiteral("\"%1\": %2").arg(QLatin1String(f.key)).arg(policy.*f.member);
    return (QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}')).toUtf8();
}

Result<bool> retentionPolicyStored(const QSqlDatabase &db)
{
    auto n = countWith(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = ?"),
                       {QLatin1String(kRetentionPolicyKey)});
    if (!n)
        return n.failure();
    return *n > 0;
}

Result<RetentionPolicy> readRetentionPolicy(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(QLatin1String(kRetentionPolicyKey));
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return RetentionPolicy{};
    auto policy = parseRetentionPolicy(query.value(0).toString().toUtf8());
    if (!policy)
        return Error{
            QCoreApplication::translate("Privacy", "The stored retention policy is damaged: %1").arg(policy.error()),
            ErrorKind::Corrupt};
    return policy;
}

Status writeRetentionPolicy(const QSqlDatabase &db, const RetentionPolicy &policy, const Agent &by, qint64 nowMs)
{
    if (Status s = validateRetentionPolicy(policy); !s)
        return s;
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto before = readRetentionPolicy(db);
    auto stored = retentionPolicyStored(db);
    if (!stored)
        return stored.failure();
    QSqlQuery write(db);
    if (Status s = sql::prepare(write, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    write.addBindValue(QLatin1String(kRetentionPolicyKey));
    write.addBindValue(QString::fromUtf8(retentionPolicyJson(policy)));
    if (Status s = sql::exec(write); !s)
        return s;
    // "before" says "defaults" when none was stored, and "unreadable" for a damaged one.
    const QJsonValue previous = !before   ? QJsonValue(QStringLiteral("unreadable"))
                                : *stored ? QJsonValue(retentionPolicyObject(*before))
                                          : QJsonValue(QStringLiteral("defaults"));
    const QJsonObject details{{QStringLiteral("before"), previous},
                              {QStringLiteral("after"), retentionPolicyObject(policy)}};
    if (Status s = appendAudit(db, {nowMs, by, QStringLiteral("retention_policy_changed"), 0, QString(), details}); !s)
        return s;
    return transaction.commit();
}

RetentionCutoffs retentionCutoffs(const RetentionPolicy &policy, qint64 nowMs)
{
    return {monthsBefore(nowMs, policy.closedThreadsMonths), monthsBefore(nowMs, policy.complaintMonths),
            monthsBefore(nowMs, policy.auditMonths), monthsBefore(nowMs, policy.accessLogMonths)};
}

QJsonObject RetentionCounts::toJson() const
{
    QJsonObject object{{QStringLiteral("threads"), threads},
                       {QStringLiteral("posts"), posts},
                       {QStringLiteral("authors"), authors},
                       {QStringLiteral("audit_entries"), auditEntries}};
    // No access records table (a cache older than schema 29): nothing to count, said as null.
    object.insert(QStringLiteral("access_records"), accessRecords);
    return object;
}

Result<QList<qint64>> expiredThreads(const QSqlDatabase &db, const RetentionPolicy &policy, qint64 nowMs)
{
    return selectExpired(db, retentionCutoffs(policy, nowMs), QString(), {});
}

QString expiredThreadsStatement() { return QString::fromLatin1(kExpiredThreads).arg(QString()); }

Result<RetentionCounts> dryRunRetention(const QSqlDatabase &db, const RetentionPolicy &policy, qint64 nowMs)
{
    const RetentionCutoffs cutoffs = retentionCutoffs(policy, nowMs);
    // One read transaction: the counts describe one state of the cache. The temporary table of
    // the selected threads lives in the connection's temp schema: the cache file is not written.
    Transaction snapshot(db);
    if (!snapshot.started())
        return snapshot.startFailure();
    auto threads = selectExpired(db, cutoffs, QString(), {});
    if (!threads)
        return threads.failure();
    RetentionCounts counts;
    counts.threads = threads->size();
    for (const char *statement : {"CREATE TEMP TABLE IF NOT EXISTS retention_threads(id INTEGER PRIMARY KEY)",
                                  "DELETE FROM temp.retention_threads"})
        if (Status s = sql::exec(db, QLatin1String(statement)); !s)
            return s.failure();
    {
        QSqlQuery fill(db);
        if (Status s = sql::prepare(fill, QStringLiteral("INSERT INTO temp.retention_threads(id) "
                                                         "SELECT value FROM json_each(?)"));
            !s)
            return s.failure();
        fill.addBindValue(sql::jsonIdList(*threads));
        if (Status s = sql::exec(fill); !s)
            return s.failure();
    }
    auto posts = countWith(db,
                           QStringLiteral("SELECT count(*) FROM temp.retention_threads r "
                                          "JOIN posts p ON p.thread_id = r.id"),
                           {});
    if (!posts)
        return posts.failure();
    counts.posts = *posts;
    auto authors = countWith(db, QLatin1String(kAuthorsLeft), {});
    if (!authors)
        return authors.failure();
    counts.authors = *authors;
    if (Status s = sql::exec(db, QStringLiteral("DROP TABLE temp.retention_threads")); !s)
        return s.failure();
    auto audit =
        countWith(db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(kExpiredAudit)), {cutoffs.audit});
    if (!audit)
        return audit.failure();
    counts.auditEntries = *audit;
    auto access = countWith(db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(kExpiredAccess)),
                            {cutoffs.accessLog});
    if (!access)
        return access.failure();
    counts.accessRecords = *access;
    snapshot.rollback();
    return counts;
}

Status markScrubPending(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) VALUES(?, '1')")); !s)
        return s;
    query.addBindValue(QString::fromLatin1(kScrubPendingKey));
    return sql::exec(query);
}

Result<RetentionCounts> runRetention(Database &database, const RetentionPolicy &policy, qint64 nowMs, const Agent &by,
                                     const RetentionRunOptions &options)
{
    if (Status s = validateRetentionPolicy(policy); !s)
        return s.failure();
    const QSqlDatabase db = database.connection();
    const RetentionCutoffs cutoffs = retentionCutoffs(policy, nowMs);
    auto expired = selectExpired(db, cutoffs, QString(), {});
    if (!expired)
        return expired.failure();
    RetentionCounts counts;
    const int batchSize = std::max(1, options.batchThreads);
    const qsizetype readAhead = std::max<qsizetype>(batchSize, options.readAheadThreads);
    IndexedTerms indexed;
    qsizetype readUntil = 0;
    for (qsizetype from = 0; from < expired->size(); from += batchSize) {
        if (options.cancelled && options.cancelled->load())
            break;
        const QList<qint64> batch = expired->mid(from, batchSize);
        // The full-text terms of the next threads' posts, read before their transactions (one pass
        // over the whole index for many batches, and none with the write lock held).
        if (from >= readUntil) {
            auto terms = readIndexedTerms(db, expired->mid(from, readAhead));
            if (!terms)
                return terms.failure();
            indexed = std::move(terms).value();
            readUntil = from + readAhead;
        }
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        // A thread may have changed since the selection (a new post, a reply queued): only the
        // batch's threads that still qualify are anonymised.
        auto still =
            selectExpired(db, cutoffs, QStringLiteral("AND t.id IN (SELECT value FROM json_each(:ids))"), batch);
        if (!still)
            return still.failure();
        if (still->isEmpty())
            continue;
        auto changed = anonymiseThreads(db, *still, &indexed);
        if (!changed)
            return changed.failure();
        if (Status s = transaction.commit(); !s)
            return s.failure();
        counts.threads += changed->threads;
        counts.posts += changed->posts;
        counts.authors += changed->authors;
    }

    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    QSqlQuery remove(db);
    if (Status s = sql::prepare(remove, QStringLiteral("DELETE FROM %1").arg(QLatin1String(kExpiredAudit))); !s)
        return s.failure();
    remove.addBindValue(cutoffs.audit);
    if (Status s = sql::exec(remove); !s)
        return s.failure();
    counts.auditEntries = remove.numRowsAffected();
    if (Status s = sql::prepare(remove, QStringLiteral("DELETE FROM %1").arg(QLatin1String(kExpiredAccess))); !s)
        return s.failure();
    remove.addBindValue(cutoffs.accessLog);
    if (Status s = sql::exec(remove); !s)
        return s.failure();
    counts.accessRecords = remove.numRowsAffected();
    // The run's record: counts and the policy only, never what was anonymised.
    QJsonObject details = counts.toJson();
    details.insert(QStringLiteral("policy"), retentionPolicyObject(policy));
    if (Status s = appendAudit(db, {nowMs, by, QStringLiteral("retention_run"), 0, QString(), details}); !s)
        return s.failure();
    if (Status s = transaction.commit(); !s)
        return s.failure();
    qCInfo(lcPrivacy) << "retention run:" << counts.threads << "threads," << counts.posts << "posts," << counts.authors
                      << "authors anonymised;" << counts.auditEntries << "audit entries," << counts.accessRecords
                      << "access records deleted";

    const bool changedAnything = counts.threads > 0 || counts.auditEntries > 0 || counts.accessRecords > 0;
    auto pending = countWith(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = ?"),
                             {QLatin1String(kScrubPendingKey)});
    if (!pending)
        return pending.failure();
    if (!options.scrubFreedSpace || (!changedAnything && *pending == 0))
        return counts;
    // No VACUUM once the cache has had one: every connection zeroes what it deletes.
    Status scrubbed = scrubFreedSpace(database, Vacuum::UntilDone);
    if (!scrubbed && scrubbed.errorKind() != ErrorKind::Busy)
        return scrubbed.failure();
    // Busy: another connection has the cache open (the console's, for a scheduled run). The rows
    // were rewritten with secure_delete on; the rest of the scrub waits for the next run.
    counts.scrubbed = scrubbed.ok();
    const QString remember = counts.scrubbed ? QStringLiteral("DELETE FROM app_state WHERE key = ?")
                                             : QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) "
                                                              "VALUES(?, '1')");
    QSqlQuery note(db);
    if (Status s = sql::prepare(note, remember); !s)
        return s.failure();
    note.addBindValue(QLatin1String(kScrubPendingKey));
    if (Status s = sql::exec(note); !s)
        return s.failure();
    if (!counts.scrubbed)
        qCInfo(lcPrivacy) << "retention: the scrub of the freed space waits for the next run:" << scrubbed.error();
    return counts;
}

} // namespace sportello::privacy
