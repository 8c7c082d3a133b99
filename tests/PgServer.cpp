#include "PgServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLockFile>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

extern char **environ; // for posix_spawn: the test process's environment

namespace sportello::test {

namespace {

constexpr int kProcessTimeoutMs = 120000;
constexpr int kPgCtlWaitSeconds = 60;

QString binDir()
{
    const QString fromEnv = qEnvironmentVariable("SPORTELLO_PG_BIN_DIR");
    return fromEnv.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : fromEnv;
}

QString bin(const QString &name)
{
    return binDir() + QLatin1Char('/') + name;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// The postgres user's ids, for the files root writes where the server reads them.
bool postgresIds(uid_t *uid, gid_t *gid)
{
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return false;
    *uid = pw->pw_uid;
    *gid = pw->pw_gid;
    return true;
}

// Hands a path root created over to postgres; nothing to do when not root (the files are ours).
bool giveToPostgres(const QString &path, QString *error)
{
    if (!isRoot())
        return true;
    uid_t uid = 0;
    gid_t gid = 0;
    if (!postgresIds(&uid, &gid)) {
        *error = QStringLiteral("running as root, but there is no `postgres` user to run the server as "
                                "(install Debian's postgresql package)");
        return false;
    }
    if (::chown(QFile::encodeName(path).constData(), uid, gid) != 0) {
        *error = QStringLiteral("cannot give %1 to the postgres user: %2")
                     .arg(path, QString::fromLocal8Bit(::strerror(errno)));
        return false;
    }
    return true;
}

// runuser lives in /usr/sbin, which a root shell's PATH may lack (su without -, some CI images).
QString runuserPath()
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (!found.isEmpty())
        return found;
    return QStandardPaths::findExecutable(QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
}

} // namespace

// Runs a program to completion, with posix_spawn rather than QProcess: ThreadSanitizer (Clang 14)
// fails an internal check when Qt forks with clone(), and the team tests run under it; glibc's
// posix_spawn starts the child without passing through TSan's fork handling. Output is stdout and
// stderr together, through a temporary file.
bool runProgram(const QString &program, const QStringList &arguments, const QString &workDir, QString *output,
                QString *error)
{
    const QString commandLine = program + QLatin1Char(' ') + arguments.join(QLatin1Char(' '));
    QTemporaryFile captured(QDir::tempPath() + QStringLiteral("/sportello-pg-output-XXXXXX"));
    if (!captured.open()) {
        *error = QStringLiteral("cannot run %1: no temporary file for its output").arg(commandLine);
        return false;
    }
    std::vector<QByteArray> words{QFile::encodeName(program)};
    for (const QString &argument : arguments)
        words.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, captured.handle(), 1);
    posix_spawn_file_actions_adddup2(&actions, captured.handle(), 2);
    const QByteArray directory = QFile::encodeName(workDir);
    if (!workDir.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, directory.constData());
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        *error = QStringLiteral("cannot run %1: %2").arg(commandLine, QString::fromLocal8Bit(::strerror(spawned)));
        return false;
    }
    // pg_ctl start leaves the server running with its own log file, so the wait ends when pg_ctl does.
    QElapsedTimer clock;
    clock.start();
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR) {
            *error = QStringLiteral("cannot wait for %1: %2").arg(commandLine, QString::fromLocal8Bit(::strerror(errno)));
            return false;
        }
        if (clock.elapsed() > kProcessTimeoutMs) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            *error = QStringLiteral("%1 did not finish within %2 s").arg(commandLine).arg(kProcessTimeoutMs / 1000);
            return false;
        }
        QThread::msleep(5);
    }
    captured.seek(0);
    const QString out = QString::fromLocal8Bit(captured.readAll()).trimmed();
    if (output)
        *output = out;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        *error = QStringLiteral("%1 failed (exit code %2): %3")
                     .arg(commandLine)
                     .arg(WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                     .arg(out);
        return false;
    }
    return true;
}

namespace {

// Runs a program to completion. asServer: as the postgres user when root (runuser), since the
// server and initdb refuse to run as root. Output is stdout and stderr together.
bool run(const QString &program, const QStringList &arguments, bool asServer, const QString &workDir,
         QString *output, QString *error)
{
    if (asServer && isRoot())
        return runProgram(runuserPath(),
                          QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
                              arguments,
                          workDir, output, error);
    return runProgram(program, arguments, workDir, output, error);
}

bool writeFile(const QString &path, const QByteArray &bytes, QFile::Permissions permissions, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()
        || !file.setPermissions(permissions)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString randomPassword()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

// A port nobody listens on right now. Another process may take it before the server binds it:
// start() retries with another port then.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// One -c setting for pg_ctl -o, which hands the options to the server through /bin/sh.
QString setting(const QString &name, const QString &value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QStringLiteral("-c '%1=%2'").arg(name, quoted);
}

// Where the initdb result is kept: per uid (ownership differs) and per PostgreSQL build.
QString templateDirectory()
{
    const QString fromEnv = qEnvironmentVariable("SPORTELLO_PG_TEMPLATE_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QFileInfo postgres(bin(QStringLiteral("postgres")));
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(bin(QStringLiteral("initdb")).toUtf8());
    hash.addData(QByteArray::number(postgres.size()));
    hash.addData(QByteArray::number(postgres.lastModified().toMSecsSinceEpoch()));
    return QDir::tempPath()
        + QStringLiteral("/sportello-pg-template-%1-%2")
              .arg(::geteuid())
              .arg(QString::fromLatin1(hash.result().toHex().left(12)));
}

const QString kPasswordFile = QStringLiteral("superuser-password");
const QString kReadyFile = QStringLiteral("ready"); // written last: the template is complete

// Makes the template (initdb) if it is not there yet, under a lock so that parallel test processes
// make it once. Returns its superuser password.
bool ensureTemplate(const QString &dir, QString *password, QString *error)
{
    QLockFile lock(dir + QStringLiteral(".lock"));
    lock.setStaleLockTime(0); // a dead holder's lock is stale; a live holder may take a while
    if (!lock.tryLock(kProcessTimeoutMs)) {
        *error = QStringLiteral("cannot lock %1.lock (error %2)").arg(dir).arg(int(lock.error()));
        return false;
    }
    const QString passwordPath = dir + QLatin1Char('/') + kPasswordFile;
    if (!QFileInfo::exists(dir + QLatin1Char('/') + kReadyFile)) {
        // Whatever is there was left half-made by a process that died.
        QDir(dir).removeRecursively();
        if (!QDir().mkpath(dir)) {
            *error = QStringLiteral("cannot create %1").arg(dir);
            return false;
        }
        if (!giveToPostgres(dir, error) || !QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)
            || !writeFile(passwordPath, randomPassword().toLatin1(), QFile::ReadOwner | QFile::WriteOwner, error)
            || !giveToPostgres(passwordPath, error))
            return false;
        const QStringList arguments{
            QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("--auth=scram-sha-256"),
            QStringLiteral("--username=sportello_superuser"), QStringLiteral("--pwfile=") + passwordPath,
            QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C.UTF-8"),
            // Each server works on a copy; a crash of the machine here only costs a new initdb.
            QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")};
        if (!run(bin(QStringLiteral("initdb")), arguments, true, dir, nullptr, error))
            return false;
        if (!writeFile(dir + QLatin1Char('/') + kReadyFile, {}, QFile::ReadOwner | QFile::WriteOwner, error))
            return false;
    }
    QFile file(passwordPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(passwordPath, file.errorString());
        return false;
    }
    *password = QString::fromLatin1(file.readAll()).trimmed();
    return true;
}

// A CA and a server certificate for localhost and 127.0.0.1 signed by it (EC keys: quick to make).
bool makeCertificates(const QString &dir, QString *error)
{
    const QString caConfig = dir + QStringLiteral("/ca.cnf");
    const QString serverExtensions = dir + QStringLiteral("/server.ext");
    if (!writeFile(caConfig,
                   "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = Sportello test CA\n"
                   "[v3_ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n"
                   "subjectKeyIdentifier = hash\n",
                   QFile::ReadOwner | QFile::WriteOwner, error)
        || !writeFile(serverExtensions,
                      "basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\n"
                      "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:localhost, IP:127.0.0.1\n"
                      "authorityKeyIdentifier = keyid\n",
                      QFile::ReadOwner | QFile::WriteOwner, error))
        return false;
    const QString openssl = QStringLiteral("openssl");
    const QStringList ecKey{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    if (!run(openssl,
             QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"), caConfig,
                         QStringLiteral("-extensions"), QStringLiteral("v3_ca"), QStringLiteral("-days"),
                         QStringLiteral("7"), QStringLiteral("-keyout"), dir + QStringLiteral("/ca.key"),
                         QStringLiteral("-out"), dir + QStringLiteral("/ca.crt")}
                 + ecKey,
             false, dir, nullptr, error)
        || !run(openssl,
                QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-subj"),
                            QStringLiteral("/CN=localhost"), QStringLiteral("-keyout"),
                            dir + QStringLiteral("/server.key"), QStringLiteral("-out"),
                            dir + QStringLiteral("/server.csr")}
                    + ecKey,
                false, dir, nullptr, error)
        || !run(openssl,
                QStringList{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                            dir + QStringLiteral("/server.csr"), QStringLiteral("-CA"), dir + QStringLiteral("/ca.crt"),
                            QStringLiteral("-CAkey"), dir + QStringLiteral("/ca.key"), QStringLiteral("-set_serial"),
                            QString::number(QRandomGenerator::system()->bounded(1, 1 << 30)), QStringLiteral("-days"),
                            QStringLiteral("7"), QStringLiteral("-extfile"), serverExtensions,
                            QStringLiteral("-out"), dir + QStringLiteral("/server.crt")},
                false, dir, nullptr, error))
        return false;
    // The server refuses a key others can read; it reads it as postgres.
    const QString key = dir + QStringLiteral("/server.key");
    if (!QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("cannot restrict %1").arg(key);
        return false;
    }
    return giveToPostgres(key, error) && giveToPostgres(dir + QStringLiteral("/server.crt"), error);
}

QString quotedIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

std::unique_ptr<PgServer> PgServer::start(const Options &options, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    std::unique_ptr<PgServer> server(new PgServer);
    if (!server->prepare(options, error))
        return nullptr;
    // The free port can be taken between the probe and the server's bind: try another.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = freePort();
        if (port == 0) {
            *error = QStringLiteral("no free TCP port on 127.0.0.1");
            return nullptr;
        }
        bool portTaken = false;
        error->clear();
        if (server->startOn(port, error, &portTaken))
            return server;
        if (!portTaken)
            return nullptr;
    }
    return nullptr;
}

bool PgServer::prepare(const Options &options, QString *error)
{
    m_options = options;
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    const QString templateDir = templateDirectory();
    if (!ensureTemplate(templateDir, &m_password, error))
        return false;
    // Ownership (postgres) and the data directory's 0700 come with the copy.
    if (!giveToPostgres(m_dir.path(), error)
        || !run(QStringLiteral("cp"),
                QStringList{QStringLiteral("-a"), templateDir + QStringLiteral("/data"), dataDirectory()}, false,
                m_dir.path(), nullptr, error))
        return false;

    QByteArray hba = "local all all scram-sha-256\n";
    if (options.tls) {
        const QString tlsDir = m_dir.path() + QStringLiteral("/tls");
        if (!QDir().mkpath(tlsDir) || !makeCertificates(tlsDir, error))
            return false;
        hba += "hostssl all all 127.0.0.1/32 scram-sha-256\n";
    }
    hba += "host all all 127.0.0.1/32 scram-sha-256\n";
    const QString hbaPath = dataDirectory() + QStringLiteral("/pg_hba.conf");
    return writeFile(hbaPath, hba, QFile::ReadOwner | QFile::WriteOwner, error) && giveToPostgres(hbaPath, error);
}

bool PgServer::startOn(quint16 port, QString *error, bool *portTaken)
{
    *portTaken = false;
    QStringList settings{setting(QStringLiteral("listen_addresses"), host()),
                         setting(QStringLiteral("port"), QString::number(port)),
                         setting(QStringLiteral("unix_socket_directories"), socketDirectory())};
    if (!m_options.durable) {
        // Tests only: a crash of the machine may lose or corrupt the data, which tests throw away.
        for (const char *name : {"fsync", "synchronous_commit", "full_page_writes"})
            settings << setting(QString::fromLatin1(name), QStringLiteral("off"));
    }
    if (m_options.tls) {
        settings << setting(QStringLiteral("ssl"), QStringLiteral("on"))
                 << setting(QStringLiteral("ssl_cert_file"), m_dir.path() + QStringLiteral("/tls/server.crt"))
                 << setting(QStringLiteral("ssl_key_file"), m_dir.path() + QStringLiteral("/tls/server.key"));
    }
    const QString logPath = m_dir.path() + QStringLiteral("/server.log");
    const qint64 logSizeBefore = QFileInfo(logPath).size();
    QString output;
    if (!run(bin(QStringLiteral("pg_ctl")),
             QStringList{QStringLiteral("start"), QStringLiteral("-D"), dataDirectory(), QStringLiteral("-l"), logPath,
                         QStringLiteral("-w"), QStringLiteral("-t"), QString::number(kPgCtlWaitSeconds),
                         QStringLiteral("-o"), settings.join(QLatin1Char(' '))},
             true, m_dir.path(), &output, error)) {
        const QString tail = logTail(logSizeBefore);
        *portTaken = tail.contains(QLatin1String("could not bind")) || tail.contains(QLatin1String("Address already in use"));
        *error += QStringLiteral("\nserver log (last lines):\n") + tail;
        // pg_ctl gave up waiting, or the server is half up: make sure nothing keeps running.
        QString ignored;
        pgCtlStop(QStringLiteral("immediate"), &ignored);
        return false;
    }
    m_port = port;
    m_running = true;
    return true;
}

bool PgServer::pgCtlStop(const QString &mode, QString *error)
{
    return run(bin(QStringLiteral("pg_ctl")),
               QStringList{QStringLiteral("stop"), QStringLiteral("-D"), dataDirectory(), QStringLiteral("-m"), mode,
                           QStringLiteral("-w"), QStringLiteral("-t"), QString::number(kPgCtlWaitSeconds)},
               true, m_dir.path(), nullptr, error);
}

PgServer::~PgServer()
{
    if (m_running)
        kill();
}

QString PgServer::socketDirectory() const
{
    return m_dir.path();
}

QString PgServer::dataDirectory() const
{
    return m_dir.path() + QStringLiteral("/data");
}

QString PgServer::caCertificatePath() const
{
    return m_options.tls ? m_dir.path() + QStringLiteral("/tls/ca.crt") : QString();
}

QString PgServer::logText() const
{
    return logTail(0, -1);
}

QString PgServer::logTail(qint64 from, int lineCount) const
{
    QFile file(m_dir.path() + QStringLiteral("/server.log"));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    if (lineCount < 0)
        return text;
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() > lineCount)
        lines = lines.mid(lines.size() - lineCount);
    return lines.isEmpty() ? QStringLiteral("(empty)") : lines.join(QLatin1Char('\n'));
}

QSqlDatabase PgServer::connect(const QString &connectionName, const QString &database, const QString &user,
                               const QString &password, const QString &connectOptions) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(host());
    db.setPort(m_port);
    db.setDatabaseName(database);
    db.setUserName(user.isEmpty() ? superuser() : user);
    db.setPassword(user.isEmpty() && password.isEmpty() ? m_password : password);
    db.setConnectOptions(connectOptions);
    db.open(); // on failure the caller reads db.lastError()
    return db;
}

QString PgServer::url(const QString &database, const QString &user) const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user.isEmpty() ? superuser() : user);
    url.setHost(host());
    url.setPort(m_port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString(QUrl::FullyEncoded);
}

bool PgServer::createDatabase(const QString &name, QString *error)
{
    return exec(QStringLiteral("CREATE DATABASE ") + quotedIdentifier(name), error);
}

bool PgServer::exec(const QString &sql, QString *error, const QString &database)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const QString name = QStringLiteral("sportello-pg-exec-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = connect(name, database);
        if (!db.isOpen()) {
            *error = QStringLiteral("cannot connect to %1: %2").arg(url(database), db.lastError().text());
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool PgServer::stop(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!m_running)
        return true;
    if (!pgCtlStop(QStringLiteral("fast"), error)) {
        *error += QStringLiteral("\nserver log (last lines):\n") + logTail();
        return false;
    }
    m_running = false;
    return true;
}

bool PgServer::restart(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    bool portTaken = false;
    return stop(error) && startOn(m_port, error, &portTaken);
}

bool PgServer::kill()
{
    if (!m_running)
        return true;
    QString error;
    const bool ok = pgCtlStop(QStringLiteral("immediate"), &error);
    if (ok)
        m_running = false;
    return ok;
}

} // namespace sportello::test
