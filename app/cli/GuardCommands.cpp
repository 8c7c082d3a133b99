// guard: checks texts read one per line on standard input with the insurance guard, for the
// compliance staff who tune its patterns (docs/guard.md, docs/cli.md).
//
// Every input line gives one output line, blank lines included (no findings), so that outputs
// pair with inputs by line number. Offsets are in Unicode characters (code points), 0-based, the
// end excluded. The patterns are those stored in the cache when it exists, or --config FILE.

#include "cli/Cli.h"

#include "common/Clock.h"
#include "common/FileKind.h"
#include "compose/Guard.h"
#include "storage/Database.h"
#include "report/PostMeasures.h"
#include "triage/GuardOverrideLog.h"
#include "triage/TriageService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace sportello::cli {

namespace {

// QString offsets are UTF-16 units; scripts count characters.
// The code points before each UTF-16 offset, for offsets asked in increasing order (the findings are in
// text order): counted once over the text, not from its start for each finding, which took time
// in the square of the text for a line full of findings.
class CodePointOffsets {
public:
    explicit CodePointOffsets(const QString &text) : m_text(text) {}
    int at(int utf16)
    {
        if (utf16 < m_unit) { // not in order: count again from the start
            m_unit = 0;
            m_count = 0;
        }
        for (; m_unit < utf16 && m_unit < m_text.size(); ++m_unit)
            if (!m_text.at(m_unit).isLowSurrogate())
                ++m_count;
        return m_count;
    }

private:
    const QString &m_text;
    int m_unit = 0;
    int m_count = 0;
};

Result<GuardConfig> readConfigFile(const QString &path)
{
    // A pipe or a device is refused before it is opened (reading a pipe would wait for a writer).
    if (Status regular =
            requireRegularFileOrMissing(path, path, QCoreApplication::translate("Cli", "a guard configuration file"));
        !regular)
        return regular.failure();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("Cli", "Cannot read %1: %2").arg(path, file.errorString()),
                     ErrorKind::Io};
    auto config = GuardConfig::fromJson(file.readAll());
    if (!config)
        return config.failure().withMessage(QStringLiteral("%1: %2").arg(path, config.error()));
    return config;
}

// guard overrides [--since DATE] [--json]: the audit's overrides of the guard, newest first, for
// a supervisor on a desktop alone (in a team, the Team Board lists the team's).
int runGuardOverrides(const Invocation &call)
{
    const QCommandLineParser &parser = call.parser;
    qint64 since = 0;
    if (parser.isSet(QStringLiteral("since"))) {
        auto day = parseReportDate(parser.value(QStringLiteral("since")), QStringLiteral("--since"));
        if (!day)
            return usageError(day.error());
        since = QDateTime(day.value(), QTime(0, 0)).toMSecsSinceEpoch();
    }
    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    auto entries = readGuardOverrides(db->connection(), since);
    if (!entries)
        return fail(entries.failure());
    const bool json = parser.isSet(QStringLiteral("json"));
    for (const GuardOverrideEntry &e : entries.value()) {
        const QString at = QDateTime::fromMSecsSinceEpoch(e.atMs, QTimeZone::utc()).toString(Qt::ISODate);
        if (json) {
            out() << QJsonDocument(QJsonObject{{QStringLiteral("at"), at},
                                               {QStringLiteral("agent"), e.agentName},
                                               {QStringLiteral("agent_id"), e.agentId},
                                               {QStringLiteral("thread"), e.threadId},
                                               {QStringLiteral("channel"), e.channel},
                                               {QStringLiteral("thread_external_id"), e.thread},
                                               {QStringLiteral("kinds"), QJsonArray::fromStringList(e.kinds)},
                                               {QStringLiteral("reason"), e.reason}})
                         .toJson(QJsonDocument::Compact)
                  << '\n';
        } else {
            out() << QCoreApplication::translate("Cli", "%1  %2  thread #%3 (%4)  %5  reason: %6")
                         .arg(at, e.agentName)
                         .arg(e.threadId)
                         .arg(e.channel, e.kinds.join(QStringLiteral(",")), e.reason)
                  << '\n';
        }
    }
    if (!json)
        out() << QCoreApplication::translate("Cli", "%Ln override(s) of the guard.", nullptr, int(entries->size()))
              << '\n';
    out().flush();
    return kOk;
}

int runGuard(const Invocation &call)
{
    if (call.arguments == QStringList{QStringLiteral("overrides")})
        return runGuardOverrides(call);
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli",
                                                      "guard reads the texts on standard input and takes no arguments "
                                                      "(got \"%1\").")
                              .arg(call.arguments.join(QLatin1Char(' '))));
    const QCommandLineParser &parser = call.parser;
    const QString configPath = parser.value(QStringLiteral("config"));
    const QString savePath = parser.value(QStringLiteral("save-config"));

    if (!savePath.isEmpty()) {
        auto config = readConfigFile(savePath);
        if (!config)
            return fail(config.failure());
        // A change of what the guard lets through is audited with who made it.
        QString agentName = parser.value(QStringLiteral("agent")).trimmed();
        if (agentName.isEmpty())
            agentName = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
        if (agentName.isEmpty())
            return usageError(QCoreApplication::translate("Cli",
                                                          "guard --save-config needs --agent NAME: the change is "
                                                          "recorded with it."));
        auto db = openDatabase(call.databasePath, false);
        if (!db)
            return db.exitCode();
        const SystemClock clock;
        TriageService triage(*db, clock, Agent{QStringLiteral("cli:") + agentName, agentName});
        if (Status s = triage.saveGuardConfig(config.value()); !s)
            return fail(s.failure());
        out() << QCoreApplication::translate("Cli",
                                             "The guard configuration from %1 is stored in %2: %3 company patterns, "
                                             "built-in patterns %4.")
                     .arg(savePath, call.databasePath)
                     .arg(config->patterns.size())
                     .arg(config->useDefaultPatterns ? QCoreApplication::translate("Cli", "on")
                                                     : QCoreApplication::translate("Cli", "off"))
              << Qt::endl;
        return kOk;
    }

    GuardConfig config;
    if (!configPath.isEmpty()) {
        auto read = readConfigFile(configPath);
        if (!read)
            return fail(read.failure());
        config = read.value();
    } else if (QFileInfo::exists(call.databasePath)) {
        auto db = openDatabase(call.databasePath, false);
        if (!db)
            return db.exitCode();
        auto stored = GuardConfig::load(db->connection());
        if (!stored)
            return fail(stored.failure());
        config = stored.value();
    }
    if (parser.isSet(QStringLiteral("print-config"))) {
        out() << QString::fromUtf8(config.toJson());
        out().flush();
        return kOk;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    const Guard guard(config);
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        err() << QCoreApplication::translate("Cli", "Cannot read standard input: %1").arg(input.errorString())
              << Qt::endl;
        return kFailure;
    }
    int number = 0;
    bool refused = false;
    for (;;) {
        QByteArray line = input.readLine();
        if (line.isEmpty())
            break;
        if (number == 0 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        ++number;
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        const QString text = QString::fromUtf8(line);
        const auto checked = guard.check(text);
        if (!checked) {
            // Longer than any post or reply (kMaxTextLength): said in this line's place, so that
            // outputs still pair with inputs; the others are checked, and the exit code is 1.
            refused = true;
            if (json)
                out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("line"), number},
                                                                     {QStringLiteral("error"), checked.error()}})
                                               .toJson(QJsonDocument::Compact));
            else
                out() << number << ": " << checked.error();
            out() << Qt::endl;
            continue;
        }
        const QVector<Finding> &findings = checked.value();
        CodePointOffsets offsets(text);
        if (json) {
            QJsonArray list;
            for (const Finding &f : findings) {
                const int start = offsets.at(f.start);
                list.append(QJsonObject{{QStringLiteral("kind"), toId(f.kind)},
                                        {QStringLiteral("start"), start},
                                        {QStringLiteral("end"), offsets.at(f.end)},
                                        {QStringLiteral("text"), f.text}});
            }
            out() << QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("line"), number}, {QStringLiteral("findings"), list}})
                    .toJson(QJsonDocument::Compact));
        } else {
            QStringList parts;
            for (const Finding &f : findings) {
                const int start = offsets.at(f.start);
                parts << QStringLiteral("%1 \"%2\" [%3-%4)").arg(toId(f.kind), f.text).arg(start).arg(offsets.at(f.end));
            }
            out() << number << ": "
                  << (parts.isEmpty() ? QCoreApplication::translate("Cli", "none") : parts.join(QStringLiteral(", ")));
        }
        out() << Qt::endl;
    }
    if (input.error() != QFileDevice::NoError) {
        err() << QCoreApplication::translate("Cli", "Cannot read standard input: %1").arg(input.errorString())
              << Qt::endl;
        return kFailure;
    }
    return refused ? kFailure : kOk;
}

} // namespace

QVector<Command> guardCommands()
{
    return {
        {QStringLiteral("guard"),
         QCoreApplication::translate("Cli",
                                     "Check texts read on standard input, one a line, for personal and policy data "
                                     "(tax codes, IBANs, policy and claim numbers, plates, phones, e-mail, dates of "
                                     "birth, health words); print the findings of each line or \"none\"."),
         QStringLiteral("guard [--json] [--config FILE] [--print-config] [--save-config FILE [--agent NAME]] | "
                        "guard overrides [--since DATE] [--json]"),
         [](QCommandLineParser &parser) {
             parser.addOption(
                 {QStringLiteral("json"),
                  QCoreApplication::translate("Cli", "One JSON object per line: {\"line\":N,\"findings\":[{\"kind\","
                                                     "\"start\",\"end\",\"text\"}]}.")});
             parser.addOption(
                 {QStringLiteral("config"),
                  QCoreApplication::translate("Cli", "Use the guard configuration in FILE (JSON) instead of "
                                                     "the one stored in the cache."),
                  QCoreApplication::translate("Cli", "FILE")});
             parser.addOption(
                 {QStringLiteral("print-config"),
                  QCoreApplication::translate("Cli", "Print the configuration in effect (JSON) and exit.")});
             parser.addOption(
                 {QStringLiteral("agent"),
                  QCoreApplication::translate("Cli", "With --save-config: who makes the change, for the audit "
                                                     "(default: the system user)."),
                  QCoreApplication::translate("Cli", "NAME")});
             parser.addOption(
                 {QStringLiteral("save-config"),
                  QCoreApplication::translate("Cli", "Check FILE and store it in the cache as the team's guard "
                                                     "configuration."),
                  QCoreApplication::translate("Cli", "FILE")});
             parser.addOption(
                 {QStringLiteral("since"),
                  QCoreApplication::translate("Cli", "With overrides: only those made from this day on "
                                                     "(YYYY-MM-DD, local time)."),
                  QCoreApplication::translate("Cli", "DATE")});
         },
         runGuard},
    };
}

} // namespace sportello::cli
