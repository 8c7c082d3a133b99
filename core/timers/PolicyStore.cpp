#include "timers/PolicyStore.h"

#include "storage/Database.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"
#include "storage/Statement.h"
#include "storage/Transaction.h"
#include "timers/ResponseTimers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>
#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

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

// Category and channel ids read as texts, each distinct text converted once.
template <typename T> class IdMemo {
public:
    using Convert = std::optional<T> (*)(const QString &);
    explicit IdMemo(Convert convert) : m_convert(convert) {}
    std::optional<T> operator()(QByteArrayView text)
    {
        for (const auto &[known, value] : m_known)
            if (QByteArrayView(known) == text)
                return value;
        // An empty id is no id (NULL, or a text no enum has).
        std::optional<T> value = text.isEmpty() ? std::nullopt : m_convert(QString::fromUtf8(text));
        m_known.emplace_back(text.toByteArray(), value);
        return value;
    }

private:
    Convert m_convert;
    std::vector<std::pair<QByteArray, std::optional<T>>> m_known;
};

struct PostTimerRow {
    qint64 postId;
    qint64 targetMs;
    qint64 dueAtMs;
    qint64 dueSoonAtMs;
    bool businessTime;
};

struct ThreadTimerRow {
    qint64 threadId;
    qint64 postId;
    qint64 dueAtMs;
    qint64 dueSoonAtMs;
    qint64 createdAtMs; // of the post
    bool postMoved;     // another post than the stored timer's
    // The queue_buckets hours of the stored due and due-soon times.
    qint64 storedDueHour;
    qint64 storedDueSoonHour;
};

// The waiting threads' timers move in bulk (a policy change moves tens of thousands): the bucket
// trigger's six statements per row would cost more than the update itself. With the trigger held
// off (schema 16), each hour's count moves once, by the sum of what the trigger would have added
// and taken away for each row: -1 in the stored hours, +1 in the new ones, in both kinds. A bucket
// a decrement empties goes, as the trigger does it.
Status moveQueueBuckets(const QSqlDatabase &db, const std::vector<ThreadTimerRow> &threads)
{
    std::map<std::pair<int, qint64>, qint64> change;
    for (const ThreadTimerRow &t : threads) {
        --change[{0, t.storedDueHour}];
        ++change[{0, queueBucketHour(t.dueAtMs)}];
        --change[{1, t.storedDueSoonHour}];
        ++change[{1, queueBucketHour(t.dueSoonAtMs)}];
    }
    auto add = sql::Statement::prepare(db, "INSERT INTO queue_buckets(kind, hour, n) VALUES(?1, ?2, ?3) "
                                           "ON CONFLICT(kind, hour) DO UPDATE SET n = n + excluded.n");
    if (!add)
        return add.failure();
    auto dropEmpty = sql::Statement::prepare(db, "DELETE FROM queue_buckets WHERE kind = ?1 AND hour = ?2 AND n = 0");
    if (!dropEmpty)
        return dropEmpty.failure();
    for (const auto &[bucket, delta] : change) {
        if (delta == 0)
            continue;
        if (Status s = add->run({bucket.first, bucket.second, delta}); !s)
            return s;
        if (delta < 0)
            if (Status s = dropEmpty->run({bucket.first, bucket.second}); !s)
                return s;
    }
    return {};
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
    // One pass over the posts through the SQLite API (a QVariant per cell cost more than the
    // calendar): each post's timer is computed in C++, and, for the waiting scope, each waiting
    // thread's timer (its waiting post due first) in the same pass. The changes are written
    // afterwards (a connection must not write the rows it is still reading) by one prepared
    // UPDATE per changed row; a policy edit usually changes one category.
    const bool waitingOnly = scope == DueTimeScope::WaitingPosts;
    // CROSS JOIN keeps the threads in the outer loop, so a thread's waiting posts come in a row
    // (found by the posts_by_thread_direction range, as the thread's timer defines them). The
    // waiting threads come from the queue's index, in due order, one seek into the table each;
    // when more than a third of the threads wait, reading the whole table in its own order costs
    // less (the query takes half the time with 100,000 threads all waiting). Both plans give the
    // same rows, grouped by thread alike; the share only picks the faster one, so the queue's
    // count and the largest id (threads are seldom removed) are close enough for it.
    bool scanThreads = false;
    if (waitingOnly) {
        auto share = sql::scalar(db, QStringLiteral("SELECT 3 * (SELECT coalesce(sum(n), 0) FROM queue_buckets "
                                                    "WHERE kind = 0) > coalesce((SELECT max(id) FROM threads), 0)"));
        if (!share)
            return share.failure();
        scanThreads = share->toBool();
    }
    const char *const statement =
        !waitingOnly  ? "SELECT p.id, p.category, p.channel, p.created_at, p.target_ms, p.due_at, p.due_soon_at, "
                        "p.business_clock, %1 FROM posts p WHERE p.direction = 'inbound'"
        : scanThreads ? "SELECT p.id, p.category, p.channel, p.created_at, p.target_ms, p.due_at, p.due_soon_at, "
                        "p.business_clock, %1, t.id, t.timer_post_id, t.due_at, t.due_soon_at "
                        "FROM threads t NOT INDEXED CROSS JOIN posts p "
                        "WHERE t.status = 'waiting' AND p.thread_id = t.id AND p.direction = 'inbound' "
                        "AND p.created_at > coalesce(t.last_answer_at, -9223372036854775807)"
                      : "SELECT p.id, p.category, p.channel, p.created_at, p.target_ms, p.due_at, p.due_soon_at, "
                        "p.business_clock, %1, t.id, t.timer_post_id, t.due_at, t.due_soon_at "
                        "FROM threads t CROSS JOIN posts p "
                        "WHERE t.status = 'waiting' AND p.thread_id = t.id AND p.direction = 'inbound' "
                        "AND p.created_at > coalesce(t.last_answer_at, -9223372036854775807)";
    // The stars matter only to a policy with a rating's target; the others read none (and the
    // step of schema 4, which runs before posts had a rating, needs none).
    const bool byRating = std::any_of(policy.targets.begin(), policy.targets.end(),
                                      [](const ResponseTarget &t) { return bool(t.maxRating); });
    const QByteArray select =
        QString::fromLatin1(statement).arg(byRating ? QStringLiteral("p.rating") : QStringLiteral("NULL")).toUtf8();
    enum Column {
        cId,
        cCategory,
        cChannel,
        cCreated,
        cTarget,
        cDue,
        cDueSoon,
        cBusinessClock,
        cRating,
        cThread,
        cThreadTimerPost,
        cThreadDue,
        cThreadDueSoon
    };
    const auto storedHour = [](const sql::Statement &read, int column) {
        return queueBucketHour(read.isNull(column) ? std::nullopt : std::optional<qint64>(read.int64(column)));
    };
    std::vector<PostTimerRow> posts;
    std::vector<ThreadTimerRow> threads;
    {
        auto prepared = sql::Statement::prepare(db, select.constData());
        if (!prepared)
            return prepared.failure();
        sql::Statement &read = prepared.value();
        IdMemo<Category> categories(&categoryFromId);
        IdMemo<Channel> channels(&channelFromId);
        ThreadTimerRow thread{};
        bool threadStored = false; // the thread's stored timer, to compare
        ThreadTimerRow stored{};
        auto closeThread = [&] {
            if (thread.threadId == 0)
                return;
            thread.postMoved = !threadStored || thread.postId != stored.postId;
            if (thread.postMoved || thread.dueAtMs != stored.dueAtMs || thread.dueSoonAtMs != stored.dueSoonAtMs)
                threads.push_back(thread);
        };
        for (;;) {
            auto row = read.step();
            if (!row)
                return row.failure();
            if (!*row)
                break;
            const std::optional<Category> category = categories(read.utf8(cCategory));
            const Channel channel = channels(read.utf8(cChannel)).value_or(Channel::Facebook);
            const qint64 created = read.int64(cCreated);
            const std::optional<int> rating =
                read.isNull(cRating) ? std::nullopt : std::optional<int>(int(read.int64(cRating)));
            const PostTimer timer = policy.timerFor(category, channel, created, rating);
            const qint64 postId = read.int64(cId);
            const bool unchanged = !read.isNull(cTarget) && read.int64(cTarget) == timer.targetMs &&
                                   read.int64(cDue) == timer.dueAtMs && read.int64(cDueSoon) == timer.dueSoonAtMs &&
                                   (read.int64(cBusinessClock) != 0) == timer.businessTime;
            if (!unchanged)
                posts.push_back({postId, timer.targetMs, timer.dueAtMs, timer.dueSoonAtMs, timer.businessTime});
            if (!waitingOnly)
                continue;
            const qint64 threadId = read.int64(cThread);
            if (threadId != thread.threadId) {
                closeThread();
                thread = {threadId, postId, timer.dueAtMs, timer.dueSoonAtMs, created, false,
                          storedHour(read, cThreadDue), storedHour(read, cThreadDueSoon)};
                // A stored timer with a NULL part differs from any computed one.
                threadStored = !read.isNull(cThreadTimerPost) && !read.isNull(cThreadDue) &&
                               !read.isNull(cThreadDueSoon);
                stored = {threadId, read.int64(cThreadTimerPost), read.int64(cThreadDue), read.int64(cThreadDueSoon),
                          0, false, 0, 0};
                continue;
            }
            // The thread's timer is its waiting post due first: by (due_at, created_at, id).
            if (std::tie(timer.dueAtMs, created, postId) < std::tie(thread.dueAtMs, thread.createdAtMs, thread.postId)) {
                thread.postId = postId;
                thread.dueAtMs = timer.dueAtMs;
                thread.dueSoonAtMs = timer.dueSoonAtMs;
                thread.createdAtMs = created;
            }
        }
        closeThread();
    }
    // In rowid order the writes touch each table page once.
    std::sort(posts.begin(), posts.end(), [](const auto &a, const auto &b) { return a.postId < b.postId; });
    if (!posts.empty()) {
        auto write = sql::Statement::prepare(db, "UPDATE posts SET target_ms = ?1, due_at = ?2, due_soon_at = ?3, "
                                                 "business_clock = ?4 WHERE id = ?5");
        if (!write)
            return write.failure();
        for (const PostTimerRow &p : posts)
            if (Status s = write->run({p.targetMs, p.dueAtMs, p.dueSoonAtMs, p.businessTime ? 1 : 0, p.postId}); !s)
                return s;
    }
    if (!waitingOnly)
        return recomputeAllThreads(db);
    std::sort(threads.begin(), threads.end(), [](const auto &a, const auto &b) { return a.threadId < b.threadId; });
    if (!threads.empty()) {
        // Setting timer_post_id checks its foreign key (a look-up in posts per row), so only the
        // threads whose timer moved to another post set it; the others only change when it is due.
        auto moveTimer = sql::Statement::prepare(db, "UPDATE threads SET timer_post_id = ?1, due_at = ?2, "
                                                     "due_soon_at = ?3 WHERE id = ?4");
        if (!moveTimer)
            return moveTimer.failure();
        auto shiftTimer = sql::Statement::prepare(db, "UPDATE threads SET due_at = ?1, due_soon_at = ?2 WHERE id = ?3");
        if (!shiftTimer)
            return shiftTimer.failure();
        // The key lives only inside this transaction (a failure rolls it back with the rest).
        auto deferBuckets = sql::Statement::prepare(db, "INSERT OR IGNORE INTO app_state(key, value) VALUES(?1, '1')");
        if (!deferBuckets)
            return deferBuckets.failure();
        auto resumeBuckets = sql::Statement::prepare(db, "DELETE FROM app_state WHERE key = ?1");
        if (!resumeBuckets)
            return resumeBuckets.failure();
        const QString deferredKey = QString::fromLatin1(kQueueBucketsDeferredKey);
        deferBuckets->bind(1, deferredKey);
        if (Status s = deferBuckets->exec(); !s)
            return s;
        for (const ThreadTimerRow &t : threads) {
            Status s = t.postMoved ? moveTimer->run({t.postId, t.dueAtMs, t.dueSoonAtMs, t.threadId})
                                   : shiftTimer->run({t.dueAtMs, t.dueSoonAtMs, t.threadId});
            if (!s)
                return s;
        }
        if (Status s = moveQueueBuckets(db, threads); !s)
            return s;
        resumeBuckets->bind(1, deferredKey);
        if (Status s = resumeBuckets->exec(); !s)
            return s;
    }
    return {};
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
