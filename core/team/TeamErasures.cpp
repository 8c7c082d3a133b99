// The replica's side of team erasures (TeamPrivacy.h): kept apart from TeamPrivacy.cpp, which the
// hub links too, because it works on the cache through privacy/Erasure.

#include "team/TeamPrivacy.h"

#include "team/TeamDatabase.h"
#include "team/TeamLog.h"

#include "privacy/Erasure.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace sportello::team {

namespace {

QStringList fromTextArray(QString literal)
{
    literal = literal.trimmed();
    if (literal.startsWith(QLatin1Char('{')))
        literal = literal.mid(1);
    if (literal.endsWith(QLatin1Char('}')))
        literal.chop(1);
    QStringList values = literal.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &value : values)
        value = value.trimmed().remove(QLatin1Char('"'));
    return values;
}

// The mark of the last erasure this cache applied.
constexpr const char *kThroughKey = "team_erasures_through";

Result<qint64> appliedThrough(const QSqlDatabase &cache)
{
    QSqlQuery query(cache);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(QLatin1String(kThroughKey));
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toLongLong() : 0;
}

Status runBound(const QSqlDatabase &db, const QString &statement, const QVariantList &binds)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, statement); !s)
        return s;
    for (const QVariant &bind : binds)
        query.addBindValue(bind);
    return sql::exec(query);
}

struct PendingErasure {
    qint64 seq = 0;
    QStringList keys;
    QStringList customers;
};

// Changes waiting in team_deferred keep their row as the feed had it when it came down: a post, a
// link, a hand-off answer of the person not applied yet would keep what the erasure took out. They
// follow the team's feed, which the erasure rewrote: each takes its row as the team holds it now,
// and goes when the team holds it no more (the erased customers' rows). Read from the team before
// the cache's transaction (refreshDeferred's `rows`), written inside it. Returns how many changed.
Result<QHash<qint64, QString>> teamRowsOfDeferred(const QSqlDatabase &cache, const QSqlDatabase &team,
                                                  QVector<qint64> &seqs)
{
    QSqlQuery local(cache);
    if (Status s = sql::prepare(local, QStringLiteral("SELECT seq FROM team_deferred ORDER BY seq")); !s)
        return s.failure();
    if (Status s = sql::exec(local); !s)
        return s.failure();
    while (local.next())
        seqs.push_back(local.value(0).toLongLong());
    local.finish();
    QHash<qint64, QString> rows;
    if (seqs.isEmpty())
        return rows;
    QStringList list;
    for (qint64 seq : seqs)
        list << QString::number(seq);
    QSqlQuery query(team);
    query.setForwardOnly(true);
    if (Status s = teamPrepare(query, QStringLiteral("SELECT seq, row::text FROM sportello.changes WHERE seq = ANY (?::bigint[])"));
        !s)
        return s.failure();
    query.addBindValue(QLatin1Char('{') + list.join(QLatin1Char(',')) + QLatin1Char('}'));
    if (Status s = teamExec(query); !s)
        return s.failure();
    while (query.next())
        rows.insert(query.value(0).toLongLong(), query.value(1).toString());
    return rows;
}

Result<int> refreshDeferred(const QSqlDatabase &cache, const QVector<qint64> &seqs, const QHash<qint64, QString> &rows)
{
    // A change the feed no longer holds goes; one it holds rewritten takes the new row.
    QSqlQuery remove(cache);
    QSqlQuery rewrite(cache);
    if (Status s = sql::prepare(remove, QStringLiteral("DELETE FROM team_deferred WHERE seq = ?")); !s)
        return s.failure();
    if (Status s =
            sql::prepare(rewrite, QStringLiteral("UPDATE team_deferred SET row = ? WHERE seq = ? AND row IS NOT ?"));
        !s)
        return s.failure();
    int changed = 0;
    for (qint64 seq : seqs) {
        const auto row = rows.constFind(seq);
        QSqlQuery &query = row == rows.cend() ? remove : rewrite;
        if (row != rows.cend())
            query.addBindValue(*row);
        query.addBindValue(seq);
        if (row != rows.cend())
            query.addBindValue(*row);
        if (Status s = sql::exec(query); !s)
            return s.failure();
        changed += query.numRowsAffected() > 0 ? 1 : 0;
    }
    return changed;
}

// The scrub rewrites the file (VACUUM), which another connection reading the cache at that moment
// prevents (the console's own, while the link pulls). The erasure stands all the same (its rows
// are anonymised and committed, with secure_delete); the scrub is owed, noted in app_state, and
// tried again at every pull until it went through.
constexpr const char *kScrubOwedKey = "team_scrub_owed";

void scrub(Database &cache)
{
    const QSqlDatabase db = cache.connection();
    if (Status s = privacy::scrubFreedSpace(cache); !s) {
        qCWarning(lcTeam) << "the cache's free space was not scrubbed after an erasure, tried again at the next pull:"
                          << errorKindName(s.errorKind());
        (void)runBound(db, QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) VALUES(?, '1')"),
                       {QLatin1String(kScrubOwedKey)});
        return;
    }
    (void)runBound(db, QStringLiteral("DELETE FROM app_state WHERE key = ?"), {QLatin1String(kScrubOwedKey)});
}

} // namespace

Result<ErasureCatchUp> applyTeamErasures(Database &cache, const QSqlDatabase &team)
{
    const QSqlDatabase db = cache.connection();
    auto through = appliedThrough(db);
    if (!through)
        return through.failure();
    QVector<PendingErasure> pending;
    {
        QSqlQuery query(team);
        query.setForwardOnly(true);
        if (Status s = teamPrepare(query, QStringLiteral("SELECT seq, author_keys::text, customer_uuids::text "
                                                         "FROM sportello.erasures WHERE seq > ? ORDER BY seq"));
            !s)
            return s.failure();
        query.addBindValue(*through);
        if (Status s = teamExec(query); !s)
            return s.failure();
        while (query.next())
            pending.push_back({query.value(0).toLongLong(), fromTextArray(query.value(1).toString()),
                               fromTextArray(query.value(2).toString())});
    }
    ErasureCatchUp report;
    report.through = *through;
    if (pending.isEmpty()) {
        auto owed = sql::scalar(db, QStringLiteral("SELECT count(*) FROM app_state WHERE key = '%1'")
                                        .arg(QLatin1String(kScrubOwedKey)));
        if (owed && owed->toLongLong() > 0)
            scrub(cache);
        return report;
    }

    QVector<qint64> deferredSeqs;
    auto deferredRows = teamRowsOfDeferred(db, team, deferredSeqs);
    if (!deferredRows)
        return deferredRows.failure();
    QStringList keys;
    QSet<QString> keySet;
    QSet<QString> customerSet;
    bool changedHere = false;
    for (const PendingErasure &erasure : pending) {
        for (const QString &key : erasure.keys)
            if (!keySet.contains(key)) {
                keySet.insert(key);
                keys << key;
            }
        for (const QString &customer : erasure.customers)
            customerSet.insert(customer);
    }
    {
        Transaction transaction(db);
        if (!transaction.started())
            return transaction.startFailure();
        // What the erasure changes is the team's already: the triggers that note this cache's
        // changes for the push (customers, links) leave this transaction's alone.
        if (Status s = sql::exec(db, QStringLiteral("INSERT OR REPLACE INTO app_state(key, value) "
                                                    "VALUES('team_applying', '1')"));
            !s)
            return s.failure();
        auto found = privacy::authorsByKeys(db, keys);
        if (!found)
            return found.failure();
        // The person as this cache knows them: its own links may name identities the team's did
        // not (made offline, not pushed yet).
        QList<qint64> authors;
        for (qint64 author : *found) {
            auto person = privacy::personAuthors(db, author);
            if (!person)
                return person.failure();
            for (qint64 id : *person)
                if (!authors.contains(id))
                    authors << id;
        }
        // The company's own accounts are never a person (the team database leaves them out too).
        {
            QSqlQuery company(db);
            if (Status s = sql::prepare(company, QStringLiteral("SELECT id FROM authors WHERE is_company = 1")); !s)
                return s.failure();
            if (Status s = sql::exec(company); !s)
                return s.failure();
            while (company.next())
                authors.removeAll(company.value(0).toLongLong());
        }
        // Changes of this cache waiting to go up that name the person: a link of theirs would
        // carry the anonymised id up, a customer the erased one.
        if (!authors.isEmpty()) {
            QVector<qint64> ids(authors.begin(), authors.end());
            if (Status s = runBound(db,
                                    QStringLiteral("DELETE FROM team_customer_outgoing WHERE kind = 'customer_link' "
                                                   "AND CAST(key AS INTEGER) IN (SELECT value FROM json_each(?))"),
                                    {sql::jsonIdList(ids)});
                !s)
                return s.failure();
            auto counts = privacy::anonymiseAuthors(db, authors);
            if (!counts)
                return counts.failure();
            report.authors = counts->authors;
            report.posts = counts->posts;
            report.customers = counts->customers;
        }
        // The customers the erasure names that this cache still holds (a link that never came
        // down here, a customer merged away).
        if (!customerSet.isEmpty()) {
            QJsonArray uuids;
            for (const QString &uuid : customerSet)
                uuids.append(uuid);
            const QString list = QString::fromUtf8(QJsonDocument(uuids).toJson(QJsonDocument::Compact));
            const QString ofThem = QStringLiteral("(SELECT id FROM customers WHERE uuid IN (SELECT value FROM json_each(?)))");
            for (const QString &statement :
                 {QStringLiteral("DELETE FROM customer_notes WHERE customer_id IN %1").arg(ofThem),
                  QStringLiteral("DELETE FROM customer_identities WHERE customer_id IN %1").arg(ofThem),
                  QStringLiteral("DELETE FROM team_customer_outgoing WHERE kind = 'customer' AND key IN "
                                 "(SELECT value FROM json_each(?))")}) {
                if (Status s = runBound(db, statement, {list}); !s)
                    return s.failure();
            }
            QSqlQuery removed(db);
            if (Status s = sql::prepare(removed, QStringLiteral("DELETE FROM customers WHERE uuid IN "
                                                                "(SELECT value FROM json_each(?))"));
                !s)
                return s.failure();
            removed.addBindValue(list);
            if (Status s = sql::exec(removed); !s)
                return s.failure();
            report.customers += removed.numRowsAffected();
        }
        auto refreshed = refreshDeferred(db, deferredSeqs, *deferredRows);
        if (!refreshed)
            return refreshed.failure();
        changedHere = *refreshed > 0;
        report.erasures = int(pending.size());
        report.through = pending.back().seq;
        if (Status s = runBound(db,
                                QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                                {QLatin1String(kThroughKey), QString::number(report.through)});
            !s)
            return s.failure();
        if (Status s = sql::exec(db, QStringLiteral("DELETE FROM app_state WHERE key = 'team_applying'")); !s)
            return s.failure();
        if (Status s = transaction.commit(); !s)
            return s.failure();
    }
    // No free page, WAL frame or search segment keeps a readable copy. Only when something here
    // changed: a cache that held nothing of the person has nothing to scrub.
    if (changedHere || report.authors > 0 || report.posts > 0 || report.customers > 0)
        scrub(cache);
    qCInfo(lcTeam) << "applied" << report.erasures << "erasures of the team, through" << report.through << ":"
                   << report.authors << "authors," << report.posts << "posts here";
    return report;
}

} // namespace sportello::team
