#include "KeychainTokenStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <functional>
#include <qt6keychain/keychain.h>

namespace sportello::sync {

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

QString unavailable(const JobResult &r, int timeoutMs)
{
    const QString why = r.timedOut
        ? QCoreApplication::translate("Accounts", "no answer within %1 s").arg(timeoutMs / 1000)
        : (r.detail.isEmpty() ? QCoreApplication::translate("Accounts", "no keychain service found") : r.detail);
    return QCoreApplication::translate("Accounts", "The system keychain is not available (%1)").arg(why);
}

QString failure(const JobResult &r, int timeoutMs, const QString &key)
{
    switch (r.error) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QCoreApplication::translate("Accounts", "Access to the system keychain was denied for %1 (%2)").arg(key, r.detail);
    default:
        return unavailable(r, timeoutMs);
    }
}

} // namespace

QString KeychainTokenStore::serviceName() { return QStringLiteral("Sportello"); }

Result<QString> KeychainTokenStore::read(const QString &accountKey)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(accountKey);
    const JobResult r = runJob(job, m_timeoutMs, [](QKeychain::Job *j) {
        return static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
    });
    if (!r.timedOut && r.error == QKeychain::NoError)
        return r.text;
    if (!r.timedOut && r.error == QKeychain::EntryNotFound)
        return Error{QCoreApplication::translate("Accounts", "The system keychain holds no token for %1: add the account "
                                                             "again to store one.").arg(accountKey)};
    return Error{failure(r, m_timeoutMs, accountKey)};
}

Status KeychainTokenStore::write(const QString &accountKey, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(accountKey);
    job->setTextData(token);
    const JobResult r = runJob(job, m_timeoutMs);
    if (!r.timedOut && r.error == QKeychain::NoError)
        return Status::success();
    return Error{failure(r, m_timeoutMs, accountKey)};
}

Status KeychainTokenStore::remove(const QString &accountKey)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(accountKey);
    const JobResult r = runJob(job, m_timeoutMs);
    if (!r.timedOut && (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound))
        return Status::success();
    return Error{failure(r, m_timeoutMs, accountKey)};
}

} // namespace sportello::sync
