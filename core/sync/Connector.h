#pragma once
// One interface for every channel's connector: fetch what is new for one account into the cache.
// Pages are fetched in order; each page's posts and the cursor after them are stored in one
// transaction (through the Ingestor), so an interrupted sync resumes where the last committed
// page ended and never stores a post twice. Everything runs asynchronously on the thread that
// owns the QNetworkAccessManager.

#include "accounts/Accounts.h"
#include "net/HttpJob.h"

#include <QObject>
#include <QStringList>

class QNetworkAccessManager;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::sync {

struct SyncProgress {
    QString account; // "channel:account_id"
    int pages = 0;
    int postsAdded = 0;
    qint64 storeMs = 0; // how long the last page's transaction (posts + cursor) took
};

struct SyncResult {
    bool ok = false;
    QString error; // why the sync stopped, for a person (no token in it)
    net::OutcomeKind lastOutcome = net::OutcomeKind::Success;
    ErrorKind errorKind = ErrorKind::Unspecified; // of the error: Network, RefusedByPolicy (sign in), Busy...
    int pages = 0;
    int postsAdded = 0;
    int postsAlreadyPresent = 0;
    QStringList partialErrors; // errors the platform returned next to data (kept, not fatal)
    qint64 longestStoreMs = 0; // the longest page transaction: it runs on the caller's thread
    bool stopped = false;      // ended by stop() after a stored page, before the account was complete
};

struct ConnectorContext {
    QNetworkAccessManager *network = nullptr;
    Database *database = nullptr;
    const Clock *clock = nullptr;
    accounts::Account account;
    QString token;           // from the TokenStore; sent in a header, never in a printed URL
    QString graphApiVersion; // Facebook and Instagram
    net::RetryPolicy retry;
    int timeoutMs = 30000;
    int pageSize = 100;
    int maxPages = 1000; // a safety bound for one sync
};

class Connector : public QObject {
    Q_OBJECT
public:
    explicit Connector(ConnectorContext context, QObject *parent = nullptr)
        : QObject(parent), m_context(std::move(context))
    {}
    ~Connector() override = default;

    virtual void start() = 0;
    // Ends the sync after the page being fetched is stored (its cursor with it): finished() then
    // reports stopped. Safe to call at any time, also before start().
    void stop() { m_stopRequested = true; }
    bool stopRequested() const { return m_stopRequested; }
    const ConnectorContext &context() const { return m_context; }

signals:
    void progress(const sportello::sync::SyncProgress &progress);
    void finished(const sportello::sync::SyncResult &result);

protected:
    ConnectorContext m_context;
    bool m_stopRequested = false;
};

} // namespace sportello::sync

Q_DECLARE_METATYPE(sportello::sync::SyncProgress)
Q_DECLARE_METATYPE(sportello::sync::SyncResult)
