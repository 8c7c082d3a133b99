// sportello-cli guard, run as a separate process with texts on its standard input.

#include "CliProcess.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "cache/OpenCache.h"
#include "compose/Guard.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace sportello;
using namespace sportello::test;

namespace {

CliRun guardCli(const QStringList &arguments, const QByteArray &input)
{
    return runCli(QStringList{QStringLiteral("guard")} + arguments, input);
}

const QByteArray kTexts = "Il mio CF è RSSMRA85T10A562S, chiamatemi al 347 555 0199\n"
                          "\n"
                          "\xF0\x9F\x98\x80 scrivete a mario.rossi85@gmail.com\r\n"
                          "IBAN IT25O0306909606100000012346 (sbagliato)\n"
                          "AS204518832"; // no final line break

} // namespace

TEST_CASE("guard --json prints one object per input line with the findings' kind, span and text", "[guard][cli]")
{
    QTemporaryDir dir;
    const CliRun run = guardCli(
        {QStringLiteral("--json"), QStringLiteral("--database"), dir.filePath(QStringLiteral("none.sqlite"))}, kTexts);
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    const QStringList lines = outputLines(run.out);
    REQUIRE(lines.size() == 5); // blank lines too, so outputs pair with inputs
    QVector<QJsonObject> objects;
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i].toUtf8());
        REQUIRE(doc.isObject());
        CHECK(doc.object().value(QStringLiteral("line")).toInt() == i + 1);
        CHECK(doc.object().keys() == QStringList({QStringLiteral("findings"), QStringLiteral("line")}));
        objects << doc.object();
    }
    const QJsonArray first = objects[0].value(QStringLiteral("findings")).toArray();
    REQUIRE(first.size() == 2);
    CHECK(first[0].toObject() == QJsonObject{{QStringLiteral("kind"), QStringLiteral("tax_code")},
                                             {QStringLiteral("start"), 12},
                                             {QStringLiteral("end"), 28},
                                             {QStringLiteral("text"), QStringLiteral("RSSMRA85T10A562S")}});
    CHECK(first[1].toObject().value(QStringLiteral("kind")).toString() == QLatin1String("phone"));
    CHECK(objects[1].value(QStringLiteral("findings")).toArray().isEmpty());
    // Offsets count characters: the emoji is one.
    const QJsonObject email = objects[2].value(QStringLiteral("findings")).toArray().at(0).toObject();
    CHECK(email.value(QStringLiteral("start")).toInt() == 13);
    CHECK(email.value(QStringLiteral("text")).toString() == QLatin1String("mario.rossi85@gmail.com"));
    // A wrong check digit is not a finding; a company pattern is not known without its configuration.
    CHECK(objects[3].value(QStringLiteral("findings")).toArray().isEmpty());
    CHECK(objects[4].value(QStringLiteral("findings")).toArray().isEmpty());
}

TEST_CASE("guard refuses a line longer than any post in its place, checks the others and exits 1", "[guard][cli]")
{
    QTemporaryDir dir;
    const QByteArray longLine = QByteArray(1024 * 1024, 'a') + " 347 555 0199";
    const QByteArray input = "chiamatemi al 347 555 0199\n" + longLine + "\nGrazie!\n";
    for (const bool json : {false, true}) {
        QStringList arguments{QStringLiteral("--database"), dir.filePath(QStringLiteral("none.sqlite"))};
        if (json)
            arguments << QStringLiteral("--json");
        const CliRun run = guardCli(arguments, input);
        INFO(run.err.toStdString());
        CHECK(run.exitCode == 1);
        const QStringList lines = outputLines(run.out);
        REQUIRE(lines.size() == 3); // outputs still pair with inputs
        CHECK(lines[0].contains(QLatin1String("347 555 0199")));
        CHECK(lines[1].contains(QString::number(longLine.size())));
        CHECK(lines[1].contains(QLatin1String("65536")));
        CHECK_FALSE(lines[1].contains(QLatin1String("phone")));
        CHECK(lines[2].contains(json ? QLatin1String("[]") : QLatin1String("none")));
    }
}

TEST_CASE("guard uses a configuration file, stores it in the cache and reports bad files", "[guard][cli]")
{
    TempCache cache;
    const QString config = testDataDir() + QStringLiteral("/guard_eval_config.json");
    CliRun run = guardCli({QStringLiteral("--config"), config}, "AS204518832 è il contratto\nniente\n");
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    CHECK(outputLines(run.out) ==
          QStringList({QStringLiteral("1: policy_number \"AS204518832\" [0-11)"), QStringLiteral("2: none")}));

    cache.db.reset(); // the CLI opens the file itself
    run = guardCli({QStringLiteral("--database"), cache.path, QStringLiteral("--save-config"), config,
                    QStringLiteral("--agent"), QStringLiteral("Compliance")},
                   {});
    REQUIRE(run.exitCode == 0);
    {
        // Who changed the guard, and what it was before and after.
        auto database = openCache(cache.path);
        REQUIRE(database.ok());
        Database &opened = *database.value();
        CHECK(scalar(opened, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'guard_config_changed'"))
                  .toString() == QLatin1String("Compliance"));
        const QJsonObject details =
            QJsonDocument::fromJson(scalar(opened, QStringLiteral("SELECT details FROM audit_log WHERE "
                                                                  "action = 'guard_config_changed'"))
                                        .toString()
                                        .toUtf8())
                .object();
        CHECK(details.value(QStringLiteral("before")).toObject().value(QStringLiteral("patterns")).toArray().isEmpty());
        CHECK(details.value(QStringLiteral("after")).toObject().value(QStringLiteral("patterns")).toArray().size() ==
              2);
    }
    run = guardCli({QStringLiteral("--database"), cache.path}, "AS204518832\n");
    CHECK(outputLines(run.out) == QStringList({QStringLiteral("1: policy_number \"AS204518832\" [0-11)")}));

    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(R"({"patterns":[{"kind":"policy_number","pattern":"(AS"}]})");
    file.close();
    run = guardCli({QStringLiteral("--config"), bad}, "x\n");
    CHECK(run.exitCode == 1);
    CHECK(run.err.contains(QLatin1String("patterns[0]")));
    CHECK(run.err.contains(QLatin1String("not a valid regular expression")));
    CHECK(guardCli({QStringLiteral("extra")}, {}).exitCode == 2);
}

TEST_CASE("decide --public with a tax code is refused with exit 1 and the refusal is audited without the text",
          "[guard][cli]")
{
    TempCache cache;
    ingest(*cache.db,
           {inboundPost(QStringLiteral("t1"), QStringLiteral("p1"), 1772438400000, QStringLiteral("Rimborso?"))});
    const QString thread = scalar(*cache.db, QStringLiteral("SELECT id FROM threads")).toString();
    cache.db.reset(); // the CLI opens the file itself
    QProcess process;
    process.start(QStringLiteral(SPORTELLO_CLI_PATH),
                  {QStringLiteral("--database"), cache.path, QStringLiteral("decide"), thread,
                   QStringLiteral("--public"), QStringLiteral("--text"),
                   QStringLiteral("Il suo codice RSSMRA85T10A562S è aggiornato"), QStringLiteral("--agent"),
                   QStringLiteral("Marta")});
    REQUIRE(process.waitForFinished(60000));
    CHECK(process.exitCode() == 1);
    CHECK(QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("tax code")));
    auto database = openCache(cache.path);
    REQUIRE(database.ok());
    Database &opened = *database.value();
    CHECK(scalar(opened, QStringLiteral("SELECT count(*) FROM decisions")).toInt() == 0);
    const QString details =
        scalar(opened, QStringLiteral("SELECT details FROM audit_log WHERE action = 'guard_refused'")).toString();
    CHECK(QJsonDocument::fromJson(details.toUtf8()).object().value(QStringLiteral("kinds")).toArray() ==
          QJsonArray{QStringLiteral("tax_code")});
    CHECK_FALSE(details.contains(QLatin1String("RSSMRA85T10A562S")));
    CHECK(
        scalar(opened, QStringLiteral("SELECT agent_name FROM audit_log WHERE action = 'guard_refused'")).toString() ==
        QLatin1String("Marta"));
}
