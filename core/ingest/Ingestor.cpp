#include "ingest/Ingestor.h"

#include "ingest/PostRules.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/PolicyStore.h"
#include "timers/ResponseTimers.h"

#include <QCoreApplication>

namespace sportello {

namespace {
QString key(Channel channel, const QString &externalId) { return toId(channel) + QChar(0x1f) + externalId; }
} // namespace

Ingestor::Ingestor(Database &database) : m_database(database) {}

Ingestor::~Ingestor() { rollback(); }

Status Ingestor::begin()
{
    const QSqlDatabase db = m_database.connection();
    m_transaction = std::make_unique<Transaction>(db);
    if (!m_transaction->started())
        return m_transaction->startFailure();
    m_insertAuthor = QSqlQuery(db);
    m_findAuthor = QSqlQuery(db);
    m_insertThread = QSqlQuery(db);
    m_findThread = QSqlQuery(db);
    m_findPost = QSqlQuery(db);
    m_insertPost = QSqlQuery(db);
    for (auto [query, statement] : {
             std::pair{&m_insertAuthor,
                       "INSERT INTO authors(channel, external_id, handle, display_name, follower_count, is_company) "
                       "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(channel, external_id) DO UPDATE SET "
                       "handle = excluded.handle, display_name = excluded.display_name, "
                       "follower_count = excluded.follower_count RETURNING id"},
             std::pair{&m_findAuthor, "SELECT id FROM authors WHERE channel = ? AND external_id = ?"},
             std::pair{&m_insertThread, "INSERT INTO threads(channel, external_id, created_at) VALUES(?, ?, ?) "
                                        "ON CONFLICT(channel, external_id) DO NOTHING"},
             std::pair{&m_findThread, "SELECT id FROM threads WHERE channel = ? AND external_id = ?"},
             std::pair{&m_findPost, "SELECT t.external_id AS thread_external_id FROM posts p "
                                    "JOIN threads t ON t.id = p.thread_id WHERE p.channel = ? AND p.external_id = ?"},
             std::pair{&m_insertPost,
                       "INSERT INTO posts(thread_id, channel, external_id, in_reply_to, author_id, direction, "
                       "visibility, created_at, text, category, category_source, language, target_ms, due_at, "
                       "due_soon_at, business_clock, classifier_confidence, classifier_cues, likely_spam) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(channel, external_id) DO NOTHING"},
         }) {
        if (Status s = sql::prepare(*query, QString::fromLatin1(statement)); !s) {
            rollback();
            return s;
        }
    }
    // Each inbound post gets its timer from the active policy as it arrives.
    auto policy = PolicyStore::activeIn(db);
    if (!policy) {
        rollback();
        return policy.failure();
    }
    m_policy = std::move(policy).value();
    m_counts = {};
    m_touchedThreads.clear();
    return {};
}

Result<qint64> Ingestor::authorId(const PostRecord &post)
{
    const QString k = key(post.channel, post.author.externalId);
    if (auto it = m_authorIds.constFind(k); it != m_authorIds.constEnd())
        return *it;
    // Upsert: the newest handle, name and reach win.
    m_insertAuthor.addBindValue(toId(post.channel));
    m_insertAuthor.addBindValue(post.author.externalId);
    m_insertAuthor.addBindValue(post.author.handle);
    m_insertAuthor.addBindValue(post.author.displayName);
    m_insertAuthor.addBindValue(post.author.followerCount);
    m_insertAuthor.addBindValue(post.direction == Direction::Outbound ? 1 : 0);
    if (Status s = sql::exec(m_insertAuthor); !s)
        return s.failure();
    if (!m_insertAuthor.next())
        return Error{
            QCoreApplication::translate("Ingest", "The author %1 could not be stored.").arg(post.author.externalId),
            ErrorKind::Conflict};
    const qint64 id = m_insertAuthor.value(0).toLongLong();
    m_insertAuthor.finish();
    m_authorIds.insert(k, id);
    return id;
}

Result<qint64> Ingestor::threadId(const PostRecord &post)
{
    const QString k = key(post.channel, post.threadExternalId);
    if (auto it = m_threadIds.constFind(k); it != m_threadIds.constEnd())
        return *it;
    m_insertThread.addBindValue(toId(post.channel));
    m_insertThread.addBindValue(post.threadExternalId);
    m_insertThread.addBindValue(post.createdAtMs);
    if (Status s = sql::exec(m_insertThread); !s)
        return s.failure();
    qint64 id = m_insertThread.numRowsAffected() > 0 ? m_insertThread.lastInsertId().toLongLong() : -1;
    if (id < 0) {
        m_findThread.addBindValue(toId(post.channel));
        m_findThread.addBindValue(post.threadExternalId);
        if (Status s = sql::exec(m_findThread); !s)
            return s.failure();
        if (!m_findThread.next())
            return Error{
                QCoreApplication::translate("Ingest", "The thread %1 could not be stored.").arg(post.threadExternalId),
                ErrorKind::Conflict};
        id = m_findThread.value(0).toLongLong();
        m_findThread.finish();
    }
    m_threadIds.insert(k, id);
    return id;
}

Status Ingestor::add(const PostRecord &post)
{
    if (!m_transaction || !m_transaction->started())
        return Error{QCoreApplication::translate("Ingest", "No import is in progress."), ErrorKind::Conflict};
    if (Status s = checkPostRecord(post); !s)
        return s;
    // A post already stored stays as and where it is. Looked up before its thread is created, so
    // that a post id repeated under another thread id leaves no empty thread behind.
    m_findPost.addBindValue(toId(post.channel));
    m_findPost.addBindValue(post.postExternalId);
    if (Status s = sql::exec(m_findPost); !s)
        return s;
    if (m_findPost.next()) {
        const QString storedThread = m_findPost.value(QStringLiteral("thread_external_id")).toString();
        m_findPost.finish();
        if (storedThread == post.threadExternalId) {
            ++m_counts.postsAlreadyPresent;
            m_lastAdded = {Added::AlreadyPresent, storedThread};
        } else {
            ++m_counts.postsInOtherThread;
            m_lastAdded = {Added::InOtherThread, storedThread};
        }
        return {};
    }
    m_findPost.finish();
    auto author = authorId(post);
    if (!author)
        return author.failure();
    auto thread = threadId(post);
    if (!thread)
        return thread.failure();

    const bool inbound = post.direction == Direction::Inbound;
    m_insertPost.addBindValue(*thread);
    m_insertPost.addBindValue(toId(post.channel));
    m_insertPost.addBindValue(post.postExternalId);
    m_insertPost.addBindValue(sql::nullableText(post.inReplyTo));
    m_insertPost.addBindValue(*author);
    m_insertPost.addBindValue(toId(post.direction));
    m_insertPost.addBindValue(toId(post.visibility));
    m_insertPost.addBindValue(post.createdAtMs);
    m_insertPost.addBindValue(post.text);
    // An inbound post without a category gets the classifier's suggestion, so the target of
    // that category applies from the moment it arrives; the agent confirms or corrects it.
    std::optional<Category> category = post.category;
    QString categorySource = category ? QStringLiteral("import") : QString();
    QString language = post.language;
    std::optional<Classification> suggestion;
    if (inbound && !category) {
        suggestion = m_classifier.classify(post.text);
        category = suggestion->category;
        categorySource = QStringLiteral("classifier");
        if (language.isEmpty() && !suggestion->languageGuessed)
            language = suggestion->language;
    }
    const QVariant noText{QMetaType(QMetaType::QString)};
    m_insertPost.addBindValue(category ? QVariant(toId(*category)) : noText);
    m_insertPost.addBindValue(sql::nullableText(categorySource));
    m_insertPost.addBindValue(sql::nullableText(language));
    const PostTimer timer = inbound ? m_policy.timerFor(category, post.channel, post.createdAtMs) : PostTimer{};
    m_insertPost.addBindValue(sql::nullableInt(timer.targetMs, !inbound));
    m_insertPost.addBindValue(sql::nullableInt(timer.dueAtMs, !inbound));
    m_insertPost.addBindValue(sql::nullableInt(timer.dueSoonAtMs, !inbound));
    m_insertPost.addBindValue(timer.businessTime && inbound ? 1 : 0);
    m_insertPost.addBindValue(suggestion ? QVariant(suggestion->confidence) : QVariant(QMetaType(QMetaType::Double)));
    m_insertPost.addBindValue(suggestion ? QVariant(suggestion->cues.join(QLatin1Char('\x1f'))) : noText);
    m_insertPost.addBindValue(suggestion && suggestion->spam ? 1 : 0);
    if (Status s = sql::exec(m_insertPost); !s)
        return s;
    if (m_insertPost.numRowsAffected() > 0) {
        ++m_counts.postsAdded;
        m_touchedThreads.insert(*thread);
        m_lastAdded = {Added::New, post.threadExternalId};
    } else {
        ++m_counts.postsAlreadyPresent;
        m_lastAdded = {Added::AlreadyPresent, post.threadExternalId};
    }
    return {};
}

Status Ingestor::commit()
{
    if (!m_transaction || !m_transaction->started())
        return Error{QCoreApplication::translate("Ingest", "No import is in progress."), ErrorKind::Conflict};
    const QSqlDatabase db = m_database.connection();
    const QVector<qint64> touched(m_touchedThreads.cbegin(), m_touchedThreads.cend());
    // A thread's category follows its newest categorised inbound post, unless an agent set it.
    QSqlQuery category(db);
    if (Status s = sql::prepare(
            category,
            QStringLiteral(
                "UPDATE threads SET category = (SELECT p.category FROM posts p WHERE p.thread_id = threads.id "
                "AND p.direction = 'inbound' AND p.category IS NOT NULL ORDER BY p.created_at DESC LIMIT 1) "
                "WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM posts a "
                "WHERE a.thread_id = threads.id AND a.category_source = 'agent')"));
        !s)
        return s;
    category.addBindValue(sql::jsonIdList(touched));
    if (Status s = sql::exec(category); !s)
        return s;
    if (Status s = recomputeThreads(db, touched); !s)
        return s;
    m_counts.threadsTouched = touched.size();
    releaseQueries();
    Status committed = m_transaction->commit();
    m_transaction.reset();
    return committed;
}

void Ingestor::releaseQueries()
{
    for (QSqlQuery *query :
         {&m_insertAuthor, &m_findAuthor, &m_insertThread, &m_findThread, &m_findPost, &m_insertPost})
        *query = QSqlQuery();
}

void Ingestor::rollback()
{
    releaseQueries();
    if (m_transaction)
        m_transaction->rollback();
    m_transaction.reset();
    // Cached ids may refer to rows that were rolled back.
    m_authorIds.clear();
    m_threadIds.clear();
    m_touchedThreads.clear();
}

} // namespace sportello
