// sportello-cli classify, run as a separate process with posts on its standard input.

#include "CliProcess.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>

using sportello::test::CliRun;
using sportello::test::outputLines;
using sportello::test::runCli;

namespace {

CliRun classifyCli(const QStringList &arguments, const QByteArray &input)
{
    return runCli(QStringList{QStringLiteral("classify")} + arguments, input);
}

// Four posts, a blank line and a whitespace-only line, Windows line ends on one of them.
const QByteArray kPosts = "Non riesco ad accedere all'app, come faccio?\n"
                          "\n"
                          "Vergogna, tre settimane senza una risposta sul mio sinistro!\r\n"
                          "   \n"
                          "Guadagna 500€ al giorno con Bitcoin, scrivimi in privato bit.ly/abc 💰💰💰💰\n"
                          "Thanks a lot, great service"; // no final line break

} // namespace

TEST_CASE("classify --json prints one object per post with exactly the documented keys", "[classify][cli]")
{
    const CliRun run = classifyCli({QStringLiteral("--json")}, kPosts);
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    const QStringList lines = outputLines(run.out);
    REQUIRE(lines.size() == 4); // blank lines skipped, order kept
    const QSet<QString> keys{QStringLiteral("category"), QStringLiteral("language"), QStringLiteral("confidence"),
                             QStringLiteral("cues"), QStringLiteral("spam")};
    QVector<QJsonObject> objects;
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        INFO(line.toStdString());
        REQUIRE(error.error == QJsonParseError::NoError);
        REQUIRE(document.isObject());
        const QJsonObject object = document.object();
        CHECK(line.toUtf8() == QJsonDocument(object).toJson(QJsonDocument::Compact)); // compact
        const QStringList objectKeys = object.keys();
        CHECK(QSet<QString>(objectKeys.begin(), objectKeys.end()) == keys);
        CHECK(object.value(QStringLiteral("confidence")).isDouble());
        CHECK(object.value(QStringLiteral("cues")).isArray());
        CHECK(object.value(QStringLiteral("spam")).isBool());
        objects.append(object);
    }
    CHECK(objects[0].value(QStringLiteral("category")).toString() == QLatin1String("assistance"));
    CHECK(objects[0].value(QStringLiteral("language")).toString() == QLatin1String("it"));
    CHECK(objects[0].value(QStringLiteral("cues")).toArray().contains(QStringLiteral("non riesco")));
    CHECK(objects[1].value(QStringLiteral("category")).toString() == QLatin1String("complaint"));
    CHECK(objects[1].value(QStringLiteral("cues")).toArray().contains(QStringLiteral("vergogna")));
    CHECK(objects[2].value(QStringLiteral("category")).toString() == QLatin1String("non_negative"));
    CHECK(objects[2].value(QStringLiteral("spam")).toBool());
    CHECK(objects[3].value(QStringLiteral("category")).toString() == QLatin1String("non_negative"));
    CHECK(objects[3].value(QStringLiteral("language")).toString() == QLatin1String("en"));
    for (const QJsonObject &o : objects) {
        const double confidence = o.value(QStringLiteral("confidence")).toDouble();
        CHECK(confidence > 0.0);
        CHECK(confidence <= 1.0);
    }
}

TEST_CASE("classify prints one readable line per post", "[classify][cli]")
{
    const CliRun run = classifyCli({}, kPosts);
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    const QStringList lines = outputLines(run.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].startsWith(QStringLiteral("Assistance request · Italian · confidence ")));
    CHECK(lines[0].contains(QLatin1String("cues: ")));
    CHECK(lines[0].contains(QLatin1String("non riesco")));
    CHECK(lines[1].startsWith(QStringLiteral("Negative feedback / complaint · Italian")));
    CHECK(lines[2].startsWith(QStringLiteral("Non-negative interaction, likely spam · ")));
    CHECK(lines[3].startsWith(QStringLiteral("Non-negative interaction · English")));
}

TEST_CASE("classify with no input prints nothing and refuses arguments", "[classify][cli]")
{
    const CliRun empty = classifyCli({QStringLiteral("--json")}, QByteArray());
    CHECK(empty.exitCode == 0);
    CHECK(empty.out.isEmpty());

    const CliRun blank = classifyCli({}, QByteArray("\n\n  \n"));
    CHECK(blank.exitCode == 0);
    CHECK(blank.out.isEmpty());

    const CliRun extra = classifyCli({QStringLiteral("posts.txt")}, QByteArray("ciao\n"));
    CHECK(extra.exitCode == 2);
    CHECK(extra.out.isEmpty());
    CHECK(extra.err.contains(QLatin1String("standard input")));
}
