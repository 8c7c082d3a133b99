#include "KeychainTokenStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>

namespace sportello::accounts {

namespace {

struct JobResult {
    QKeychain::Error error = QKeychain::OtherError;
    QString detail;
    QString text;
    bool timedOut = false;
};

// Runs the job to its end (or the timeout) in a local event loop. A job that times out is left to
// finish on its own and deletes itself then.
JobResult runJob(QKeychain::Job *job, int timeoutMs, const std::function<QString(QKeychain::Job *)> &take = {})
{
    JobResult result;
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never plaintext
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool done = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *j) {
        done = true;
        result.error = j->error();
        result.detail = j->errorString();
        if (take && j->error() == QKeychain::NoError)
            result.text = take(j);
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    job->start();
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!done) {
        result.timedOut = true;
        QObject::disconnect(job, nullptr, &loop, nullptr);
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
    } else {
        job->deleteLater();
    }
    return result;
}

// Starts the job and calls done once, from the event loop, with its result or a timeout. No
// nested event loop: the caller's loop keeps running (and taking the user's input).
void startJob(QKeychain::Job *job, int timeoutMs, QObject *context, std::function<QString(QKeychain::Job *)> take,
              std::function<void(const JobResult &)> done)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never plaintext
    auto finished = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    const QPointer<QObject> alive(context);
    QObject::connect(timer, &QTimer::timeout, job, [finished, done, alive, job] {
        if (*finished)
            return;
        *finished = true;
        // The job finishes on its own later and deletes itself then.
        QObject::connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
        JobResult r;
        r.timedOut = true;
        if (alive)
            done(r);
    });
    QObject::connect(job, &QKeychain::Job::finished, job, [finished, done, alive, take](QKeychain::Job *j) {
        if (*finished)
            return;
        *finished = true;
        JobResult r;
        r.error = j->error();
        r.detail = j->errorString();
        if (take && j->error() == QKeychain::NoError)
            r.text = take(j);
        j->deleteLater();
        if (alive)
            done(r);
    });
    timer->start(timeoutMs);
    job->start();
}

QString unavailable(const JobResult &r, int timeoutMs)
{
    const QString why =
        r.timedOut
            ? QCoreApplication::translate("Accounts", "no answer within %1 s").arg(timeoutMs / 1000)
            : (r.detail.isEmpty() ? QCoreApplication::translate("Accounts", "no keychain service found") : r.detail);
    return QCoreApplication::translate("Accounts", "The system keychain is not available (%1)").arg(why);
}

// Denied is a refusal; a keychain that did not answer in time may answer later (busy); a
// missing or broken keychain service is an I/O failure of the system around us.
Error failure(const JobResult &r, int timeoutMs, const QString &key)
{
    if (r.timedOut)
        return Error{unavailable(r, timeoutMs), ErrorKind::Busy};
    switch (r.error) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error{QCoreApplication::translate("Accounts", "Access to the system keychain was denied for %1 (%2)")
                         .arg(key, r.detail),
                     ErrorKind::RefusedByPolicy};
    default: return Error{unavailable(r, timeoutMs), ErrorKind::Io};
    }
}

} // namespace

QString KeychainTokenStore::serviceName() { return QStringLiteral("Sportello"); }

Result<QString> KeychainTokenStore::read(const QString &accountKey)
{
    if (auto it = m_cache.constFind(accountKey); it != m_cache.constEnd())
        return *it;
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(accountKey);
    const JobResult r = runJob(
        job, m_timeoutMs, [](QKeychain::Job *j) { return static_cast<QKeychain::ReadPasswordJob *>(j)->textData(); });
    if (!r.timedOut && r.error == QKeychain::NoError) {
        m_cache.insert(accountKey, r.text);
        return r.text;
    }
    if (!r.timedOut && r.error == QKeychain::EntryNotFound)
        return Error{QCoreApplication::translate("Accounts",
                                                 "The system keychain holds no token for %1: add the account "
                                                 "again to store one.")
                         .arg(accountKey),
                     ErrorKind::NotFound};
    return failure(r, m_timeoutMs, accountKey);
}

Status KeychainTokenStore::write(const QString &accountKey, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(accountKey);
    job->setTextData(token);
    const JobResult r = runJob(job, m_timeoutMs);
    m_cache.remove(accountKey);
    if (!r.timedOut && r.error == QKeychain::NoError) {
        m_cache.insert(accountKey, token);
        return Status::success();
    }
    return failure(r, m_timeoutMs, accountKey);
}

Status KeychainTokenStore::remove(const QString &accountKey)
{
    m_cache.remove(accountKey);
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(accountKey);
    const JobResult r = runJob(job, m_timeoutMs);
    if (!r.timedOut && (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound))
        return Status::success();
    return failure(r, m_timeoutMs, accountKey);
}

void KeychainTokenStore::readAsync(const QString &accountKey, QObject *context, ReadDone done)
{
    if (auto it = m_cache.constFind(accountKey); it != m_cache.constEnd()) {
        done(*it);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(accountKey);
    const int timeoutMs = m_timeoutMs;
    // The store outlives the sync and the dialog that ask (it belongs to the main window).
    startJob(
        job, timeoutMs, context,
        [](QKeychain::Job *j) { return static_cast<QKeychain::ReadPasswordJob *>(j)->textData(); },
        [this, accountKey, timeoutMs, done](const JobResult &r) {
            if (!r.timedOut && r.error == QKeychain::NoError) {
                m_cache.insert(accountKey, r.text);
                done(r.text);
            } else if (!r.timedOut && r.error == QKeychain::EntryNotFound) {
                done(Error{QCoreApplication::translate("Accounts", "The system keychain holds no token for %1: add "
                                                                   "the account again to store one.")
                               .arg(accountKey),
                           ErrorKind::NotFound});
            } else {
                done(failure(r, timeoutMs, accountKey));
            }
        });
}

void KeychainTokenStore::writeAsync(const QString &accountKey, const QString &token, QObject *context, StatusDone done)
{
    m_cache.remove(accountKey);
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(accountKey);
    job->setTextData(token);
    const int timeoutMs = m_timeoutMs;
    startJob(job, timeoutMs, context, {}, [this, accountKey, token, timeoutMs, done](const JobResult &r) {
        if (!r.timedOut && r.error == QKeychain::NoError) {
            m_cache.insert(accountKey, token);
            done(Status::success());
        } else {
            done(failure(r, timeoutMs, accountKey));
        }
    });
}

void KeychainTokenStore::removeAsync(const QString &accountKey, QObject *context, StatusDone done)
{
    m_cache.remove(accountKey);
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(accountKey);
    const int timeoutMs = m_timeoutMs;
    startJob(job, timeoutMs, context, {}, [accountKey, timeoutMs, done](const JobResult &r) {
        if (!r.timedOut && (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound))
            done(Status::success());
        else
            done(failure(r, timeoutMs, accountKey));
    });
}

} // namespace sportello::accounts
