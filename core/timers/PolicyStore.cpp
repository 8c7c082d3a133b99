#include "timers/PolicyStore.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/ResponseTimers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace sportello {

namespace {

const QString kActiveKey = QStringLiteral("active_policy");

Result<ResponsePolicy> loadFrom(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT definition FROM policies WHERE name = ?")); !s)
        return s.failure();
    query.addBindValue(name);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next()) {
        if (auto preset = ResponsePolicy::preset(name))
            return *preset;
        return Error{QCoreApplication::translate("Policy", "There is no policy called \"%1\".").arg(name),
                     ErrorKind::NotFound};
    }
    return ResponsePolicy::fromJsonText(query.value(0).toString().toUtf8());
}

Status store(const QSqlDatabase &db, const ResponsePolicy &policy, qint64 nowMs)
{
    QSqlQuery query(db);
    if (Status s =
            sql::prepare(query, QStringLiteral("INSERT INTO policies(name, definition, updated_at) VALUES(?, ?, ?) "
                                               "ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, "
                                               "updated_at = excluded.updated_at"));
        !s)
        return s;
    query.addBindValue(policy.name);
    query.addBindValue(QString::fromUtf8(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact)));
    query.addBindValue(nowMs);
    return sql::exec(query);
}

Status setActive(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    query.addBindValue(kActiveKey);
    query.addBindValue(name);
    return sql::exec(query);
}

Result<QString> activeNameIn(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(kActiveKey);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toString() : QStringLiteral("systematic");
}

} // namespace

Result<ResponsePolicy> PolicyStore::activeIn(const QSqlDatabase &db)
{
    auto name = activeNameIn(db);
    if (!name)
        return name.failure();
    return loadFrom(db, name.value());
}

Result<ResponsePolicy> PolicyStore::active() const { return activeIn(m_database.connection()); }
Result<QString> PolicyStore::activeName() const { return activeNameIn(m_database.connection()); }
Result<ResponsePolicy> PolicyStore::load(const QString &name) const { return loadFrom(m_database.connection(), name); }

Result<QStringList> PolicyStore::names() const
{
    QSqlQuery query(m_database.connection());
    if (Status s = sql::prepare(query, QStringLiteral("SELECT name FROM policies ORDER BY name")); !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QStringList names;
    while (query.next())
        names << query.value(0).toString();
    for (const QString &preset : ResponsePolicy::presetNames())
        if (!names.contains(preset))
            names << preset;
    return names;
}

Status PolicyStore::saveAndActivate(const ResponsePolicy &policy, qint64 nowMs)
{
    if (Status valid = policy.validate(); !valid)
        return valid;
    const QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    if (Status s = store(db, policy, nowMs); !s)
        return s;
    if (Status s = setActive(db, policy.name); !s)
        return s;
    if (Status s = recomputeDueTimes(db, policy, DueTimeScope::WaitingPosts); !s)
        return s;
    return transaction.commit();
}

Status PolicyStore::activate(const QString &name, qint64 nowMs)
{
    auto policy = load(name);
    if (!policy)
        return policy.failure();
    return saveAndActivate(policy.value(), nowMs);
}

Status recomputeDueTimes(const QSqlDatabase &db, const ResponsePolicy &policy, DueTimeScope scope)
{
    // Read the posts with their current timers, compute in C++ (the calendar), and write back
    // only the timers that changed (a policy edit usually changes one category) with one
    // UPDATE ... FROM over a JSON array: far cheaper than one statement per post. The waiting
    // posts are found through the waiting threads (an index range), not by scanning every post.
    const bool waitingOnly = scope == DueTimeScope::WaitingPosts;
    const QString columns = QStringLiteral(
        "p.id AS id, p.category AS category, p.channel AS channel, p.created_at AS created_at, "
        "p.thread_id AS thread_id, p.target_ms AS target_ms, p.due_at AS due_at, p.due_soon_at AS due_soon_at, "
        "p.business_clock AS business_clock");
    const QString select = waitingOnly
                               ? QStringLiteral("SELECT %1 FROM threads t JOIN posts p ON p.thread_id = t.id "
                                                "AND p.direction = 'inbound' AND p.answered_at IS NULL "
                                                "WHERE t.status = 'waiting'")
                                     .arg(columns)
                               : QStringLiteral("SELECT %1 FROM posts p WHERE p.direction = 'inbound'").arg(columns);
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (Status s = sql::prepare(read, select); !s)
        return s;
    if (Status s = sql::exec(read); !s)
        return s;
    QByteArray timers = "[";
    QSet<qint64> changedThreads;
    const sql::Columns column(read);
    const int cId = column("id"), cCategory = column("category"), cChannel = column("channel"),
              cCreated = column("created_at"), cThread = column("thread_id"), cTarget = column("target_ms"),
              cDue = column("due_at"), cDueSoon = column("due_soon_at"), cBusinessClock = column("business_clock");
    while (read.next()) {
        const std::optional<Category> category =
            read.value(cCategory).isNull() ? std::nullopt : categoryFromId(read.value(cCategory).toString());
        const Channel channel = channelFromId(read.value(cChannel).toString()).value_or(Channel::Facebook);
        const PostTimer timer = policy.timerFor(category, channel, read.value(cCreated).toLongLong());
        const bool unchanged = !read.value(cTarget).isNull() && read.value(cTarget).toLongLong() == timer.targetMs &&
                               read.value(cDue).toLongLong() == timer.dueAtMs &&
                               read.value(cDueSoon).toLongLong() == timer.dueSoonAtMs &&
                               (read.value(cBusinessClock).toInt() != 0) == timer.businessTime;
        if (unchanged)
            continue;
        changedThreads.insert(read.value(cThread).toLongLong());
        if (timers.size() > 1)
            timers += ',';
        timers += '[' + QByteArray::number(read.value(cId).toLongLong()) + ',' + QByteArray::number(timer.targetMs) +
                  ',' + QByteArray::number(timer.dueAtMs) + ',' + QByteArray::number(timer.dueSoonAtMs) + ',' +
                  (timer.businessTime ? '1' : '0') + ']';
    }
    timers += ']';
    read.finish();
    if (!changedThreads.isEmpty()) {
        QSqlQuery write(db);
        if (Status s = sql::prepare(
                write, QStringLiteral(
                           "UPDATE posts SET target_ms = n.target, due_at = n.due, due_soon_at = n.soon, "
                           "business_clock = n.business "
                           "FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS target, "
                           "json_extract(value, '$[2]') AS due, json_extract(value, '$[3]') AS soon, "
                           "json_extract(value, '$[4]') AS business FROM json_each(?)) AS n WHERE posts.id = n.id"));
            !s)
            return s;
        write.addBindValue(QString::fromLatin1(timers));
        if (Status s = sql::exec(write); !s)
            return s;
    }
    // A schema upgrade derives every thread again; otherwise which posts wait has not changed,
    // only when some of them are due.
    if (!waitingOnly)
        return recomputeAllThreads(db);
    return recomputeWaitingThreadTimers(db, QVector<qint64>(changedThreads.cbegin(), changedThreads.cend()));
}

Status installPolicyPresets(const QSqlDatabase &db)
{
    for (const QString &name : ResponsePolicy::presetNames()) {
        if (Status s = store(db, *ResponsePolicy::preset(name), 0); !s)
            return s;
    }
    if (Status s = setActive(db, QStringLiteral("systematic")); !s)
        return s;
    return recomputeDueTimes(db, ResponsePolicy::systematic(), DueTimeScope::AllInboundPosts);
}

} // namespace sportello
