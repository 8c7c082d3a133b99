// classify: suggests a category for posts read one per line on standard input.
//
// Every non-blank input line gives one output line, in input order; blank lines (empty or only
// spaces) are skipped, so a script that needs to pair inputs and outputs removes them first.
// The cache is not opened: --database is ignored.

#include "cli/Cli.h"

#include "classify/Classifier.h"
#include "common/LocaleText.h"
#include "domain/Domain.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstdio>

namespace sportello::cli {

namespace {

const QString kLanguageGuessCue = QStringLiteral("lang:guess");

double rounded(double confidence) { return std::round(confidence * 100) / 100; }

QByteArray jsonLine(const Classification &c)
{
    QJsonObject object;
    object.insert(QStringLiteral("category"), toId(c.category));
    object.insert(QStringLiteral("language"), c.language);
    object.insert(QStringLiteral("confidence"), rounded(c.confidence));
    object.insert(QStringLiteral("cues"), QJsonArray::fromStringList(c.cues));
    object.insert(QStringLiteral("spam"), c.spam);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString languageName(const Classification &c)
{
    const QString name = c.language == QLatin1String("en") ? QCoreApplication::translate("Cli", "English")
                                                           : QCoreApplication::translate("Cli", "Italian");
    return c.languageGuessed ? QCoreApplication::translate("Cli", "%1 (guessed)").arg(name) : name;
}

QString humanLine(const Classification &c)
{
    QStringList cues = c.cues;
    cues.removeAll(kLanguageGuessCue); // shown as "(guessed)" after the language instead
    QString category = label(c.category);
    if (c.spam)
        category = QCoreApplication::translate("Cli", "%1, likely spam").arg(category);
    const QString cueText = cues.isEmpty()
                                ? QCoreApplication::translate("Cli", "no cues")
                                : QCoreApplication::translate("Cli", "cues: %1").arg(cues.join(QStringLiteral(", ")));
    return QCoreApplication::translate("Cli", "%1 · %2 · confidence %3 · %4")
        .arg(category, languageName(c), percentText(double(std::lround(c.confidence * 100)), 0), cueText);
}

int runClassify(const Invocation &call)
{
    if (!call.arguments.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "classify reads the posts on standard input and takes no "
                                                             "arguments (got \"%1\").")
                              .arg(call.arguments.join(QLatin1Char(' '))));
    const bool json = call.parser.isSet(QStringLiteral("json"));
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        err() << QCoreApplication::translate("Cli", "Cannot read standard input: %1").arg(input.errorString())
              << Qt::endl;
        return kFailure;
    }
    const Classifier classifier;
    bool first = true;
    for (;;) {
        QByteArray line = input.readLine();
        if (line.isEmpty())
            break; // end of input (a blank line still holds its '\n')
        if (first && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3); // a UTF-8 byte-order mark
        first = false;
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        const QString text = QString::fromUtf8(line);
        if (text.trimmed().isEmpty())
            continue;
        const Classification result = classifier.classify(text);
        if (json)
            out() << QString::fromUtf8(jsonLine(result));
        else
            out() << humanLine(result);
        out() << Qt::endl; // one line at a time, so that a pipe sees each answer at once
    }
    if (input.error() != QFileDevice::NoError) {
        err() << QCoreApplication::translate("Cli", "Cannot read standard input: %1").arg(input.errorString())
              << Qt::endl;
        return kFailure;
    }
    return kOk;
}

} // namespace

QVector<Command> classifyCommands()
{
    return {
        {QStringLiteral("classify"),
         QCoreApplication::translate("Cli",
                                     "Suggest a category, the language and the cues for each post read on standard "
                                     "input, one post a line (UTF-8). Blank lines are skipped."),
         QStringLiteral("classify [--json]"),
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("json"),
                               QCoreApplication::translate("Cli", "One JSON object per post, with the keys category, "
                                                                  "language, confidence, cues and spam.")});
         },
         runClassify},
    };
}

} // namespace sportello::cli
