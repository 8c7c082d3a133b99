#include "ingest/Ingestor.h"

#include "ingest/PostRules.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "timers/PolicyStore.h"
#include "timers/ResponseTimers.h"

#include <QCoreApplication>
#include <QSqlQuery>

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
    for (auto [statement, text] : {
             std::pair{&m_insertAuthor,
                       "INSERT INTO authors(channel, external_id, handle, display_name, follower_count, is_company) "
                       "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(channel, external_id) DO UPDATE SET "
                       "handle = excluded.handle, display_name = excluded.display_name, "
                       "follower_count = excluded.follower_count RETURNING id, handle || ' ' || display_name"},
             std::pair{&m_insertThread, "INSERT INTO threads(channel, external_id, created_at) VALUES(?, ?, ?) "
                                        "ON CONFLICT(channel, external_id) DO NOTHING"},
             std::pair{&m_findThread, "SELECT id FROM threads WHERE channel = ? AND external_id = ?"},
             std::pair{&m_findPost, "SELECT t.external_id FROM posts p "
                                    "JOIN threads t ON t.id = p.thread_id WHERE p.channel = ? AND p.external_id = ?"},
             std::pair{&m_insertPost,
                       "INSERT INTO posts(thread_id, channel, external_id, in_reply_to, author_id, direction, "
                       "visibility, created_at, text, category, category_source, language, target_ms, due_at, "
                       "due_soon_at, business_clock, classifier_confidence, classifier_cues, likely_spam, rating) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(channel, external_id) DO NOTHING"},
             // The full-text rows of new posts (no trigger since schema version 13), see flushFts().
             std::pair{&m_insertFts, "INSERT INTO posts_fts(rowid, text, author) VALUES(?, ?, ?)"},
             // The platform's word on hiding wins over what the cache last knew; who last hid or
             // unhid it from Sportello stays.
             std::pair{&m_noteModeration,
                       "INSERT INTO post_moderation(post_id, is_hidden, can_hide) SELECT id, ?, ? FROM posts "
                       "WHERE channel = ? AND external_id = ? ON CONFLICT(post_id) DO UPDATE SET "
                       "is_hidden = excluded.is_hidden, can_hide = excluded.can_hide"},
         }) {
        auto prepared = sql::Statement::prepare(db, text);
        if (!prepared) {
            rollback();
            return prepared.failure();
        }
        *statement = std::move(prepared).value();
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

Result<Ingestor::StoredAuthor> Ingestor::author(const PostRecord &post)
{
    const QString k = key(post.channel, post.author.externalId);
    if (auto it = m_authors.constFind(k); it != m_authors.constEnd())
        return *it;
    // Upsert: the newest handle, name and reach win.
    const QString channel = toId(post.channel);
    m_insertAuthor.bind(1, channel);
    m_insertAuthor.bind(2, post.author.externalId);
    m_insertAuthor.bind(3, post.author.handle);
    m_insertAuthor.bind(4, post.author.displayName);
    m_insertAuthor.bind(5, post.author.followerCount);
    m_insertAuthor.bind(6, post.direction == Direction::Outbound ? 1 : 0);
    auto row = m_insertAuthor.step();
    StoredAuthor stored;
    if (row && *row)
        stored = {m_insertAuthor.int64(0), m_insertAuthor.text(1)};
    m_insertAuthor.reset();
    if (!row)
        return row.failure();
    if (stored.id < 0)
        return Error{
            QCoreApplication::translate("Ingest", "The author %1 could not be stored.").arg(post.author.externalId),
            ErrorKind::Conflict};
    m_authors.insert(k, stored);
    return stored;
}

Result<qint64> Ingestor::threadId(const PostRecord &post)
{
    const QString k = key(post.channel, post.threadExternalId);
    if (auto it = m_threadIds.constFind(k); it != m_threadIds.constEnd())
        return *it;
    const QString channel = toId(post.channel);
    m_insertThread.bind(1, channel);
    m_insertThread.bind(2, post.threadExternalId);
    m_insertThread.bind(3, post.createdAtMs);
    if (Status s = m_insertThread.exec(); !s)
        return s.failure();
    qint64 id = m_insertThread.changes() > 0 ? m_insertThread.lastInsertRowId() : -1;
    if (id < 0) {
        m_findThread.bind(1, channel);
        m_findThread.bind(2, post.threadExternalId);
        auto row = m_findThread.step();
        if (row && *row)
            id = m_findThread.int64(0);
        m_findThread.reset();
        if (!row)
            return row.failure();
        if (id < 0)
            return Error{
                QCoreApplication::translate("Ingest", "The thread %1 could not be stored.").arg(post.threadExternalId),
                ErrorKind::Conflict};
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
    if (Status s = addPost(post); !s)
        return s;
    return post.moderation ? noteModeration(post) : Status{};
}

Status Ingestor::noteModeration(const PostRecord &post)
{
    const QString channel = toId(post.channel);
    m_noteModeration.bind(1, post.moderation->hidden ? 1 : 0);
    if (post.moderation->canHide)
        m_noteModeration.bind(2, *post.moderation->canHide ? 1 : 0);
    else
        m_noteModeration.bindNull(2);
    m_noteModeration.bind(3, channel);
    m_noteModeration.bind(4, post.postExternalId);
    return m_noteModeration.exec();
}

Status Ingestor::addPost(const PostRecord &post)
{
    const QString channel = toId(post.channel);
    // A post already stored stays as and where it is, and its author and thread are not written.
    // When this batch has already stored both, the INSERT below can find that out by itself (it
    // does nothing on a conflict); otherwise the post is looked up first, so that a post id
    // repeated under another thread id leaves no empty thread behind and no author changed.
    const bool authorAndThreadKnown = m_authors.contains(key(post.channel, post.author.externalId)) &&
                                      m_threadIds.contains(key(post.channel, post.threadExternalId));
    if (!authorAndThreadKnown) {
        auto stored = storedThreadOf(channel, post);
        if (!stored)
            return stored.failure();
        if (*stored)
            return {};
    }
    auto storedAuthor = author(post);
    if (!storedAuthor)
        return storedAuthor.failure();
    const StoredAuthor &writer = *storedAuthor;
    auto thread = threadId(post);
    if (!thread)
        return thread.failure();

    const bool inbound = post.direction == Direction::Inbound;
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
    const PostTimer timer =
        inbound ? m_policy.timerFor(category, post.channel, post.createdAtMs, post.rating) : PostTimer{};
    // Texts are bound without a copy: each must live until the statement has run.
    const QString direction = toId(post.direction);
    const QString visibility = toId(post.visibility);
    const QString categoryId = category ? toId(*category) : QString();
    const QString cues = suggestion ? suggestion->cues.join(QLatin1Char('\x1f')) : QString();
    sql::Statement &insert = m_insertPost;
    insert.bind(1, *thread);
    insert.bind(2, channel);
    insert.bind(3, post.postExternalId);
    insert.bind(4, post.inReplyTo, true);
    insert.bind(5, writer.id);
    insert.bind(6, direction);
    insert.bind(7, visibility);
    insert.bind(8, post.createdAtMs);
    insert.bind(9, post.text);
    insert.bind(10, categoryId, true);
    insert.bind(11, categorySource, true);
    insert.bind(12, language, true);
    if (inbound) {
        insert.bind(13, timer.targetMs);
        insert.bind(14, timer.dueAtMs);
        insert.bind(15, timer.dueSoonAtMs);
    } // unbound parameters are NULL
    insert.bind(16, timer.businessTime && inbound ? 1 : 0);
    if (suggestion) {
        insert.bind(17, suggestion->confidence);
        insert.bind(18, cues, true);
    }
    insert.bind(19, suggestion && suggestion->spam ? 1 : 0);
    if (post.rating)
        insert.bind(20, *post.rating);
    else
        insert.bindNull(20);
    if (Status s = insert.exec(); !s)
        return s;
    if (insert.changes() > 0) {
        m_pendingFts.append({insert.lastInsertRowId(), post.text, writer.ftsText});
        if (m_pendingFts.size() >= kFtsChunk)
            if (Status s = flushFts(); !s)
                return s;
        ++m_counts.postsAdded;
        m_touchedThreads.insert(*thread);
        m_lastAdded = {Added::New, post.threadExternalId};
        return {};
    }
    auto stored = storedThreadOf(channel, post);
    if (!stored)
        return stored.failure();
    if (!*stored) { // the INSERT did nothing, so the post was there (as before this batch's lookup)
        ++m_counts.postsAlreadyPresent;
        m_lastAdded = {Added::AlreadyPresent, post.threadExternalId};
    }
    return {};
}

Result<bool> Ingestor::storedThreadOf(const QString &channel, const PostRecord &post)
{
    m_findPost.bind(1, channel);
    m_findPost.bind(2, post.postExternalId);
    auto found = m_findPost.step();
    const QString storedThread = found && *found ? m_findPost.text(0) : QString();
    m_findPost.reset();
    if (!found)
        return found.failure();
    if (!*found)
        return false;
    if (storedThread == post.threadExternalId) {
        ++m_counts.postsAlreadyPresent;
        m_lastAdded = {Added::AlreadyPresent, storedThread};
    } else {
        ++m_counts.postsInOtherThread;
        m_lastAdded = {Added::InOtherThread, storedThread};
    }
    return true;
}

Status Ingestor::flushFts()
{
    for (const PendingFts &row : std::as_const(m_pendingFts)) {
        m_insertFts.bind(1, row.postId);
        m_insertFts.bind(2, row.text);
        m_insertFts.bind(3, row.author);
        if (Status s = m_insertFts.exec(); !s)
            return s;
    }
    m_pendingFts.clear();
    return {};
}

Status Ingestor::commit()
{
    if (!m_transaction || !m_transaction->started())
        return Error{QCoreApplication::translate("Ingest", "No import is in progress."), ErrorKind::Conflict};
    if (Status s = flushFts(); !s)
        return s;
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
    for (sql::Statement *statement :
         {&m_insertAuthor, &m_insertThread, &m_findThread, &m_findPost, &m_insertPost, &m_insertFts, &m_noteModeration})
        *statement = sql::Statement();
}

void Ingestor::rollback()
{
    releaseQueries();
    if (m_transaction)
        m_transaction->rollback();
    m_transaction.reset();
    // Cached ids may refer to rows that were rolled back.
    m_authors.clear();
    m_pendingFts.clear();
    m_threadIds.clear();
    m_touchedThreads.clear();
}

} // namespace sportello
