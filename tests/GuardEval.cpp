#include "GuardEval.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>

namespace sportello::test {

namespace {

struct Expected {
    FindingKind kind;
    int start;
    int end;
    QString text;
};

} // namespace

GuardEvaluation evaluateGuard(const Guard &guard, const QString &tsvPath, QString *error)
{
    GuardEvaluation eval;
    QFile file(tsvPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return eval;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    qint64 nanos = 0;
    QElapsedTimer timer;
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1String("id\t")))
            continue;
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() != 5) {
            *error = QStringLiteral("malformed row: %1").arg(line);
            return eval;
        }
        const QString id = cols[0], language = cols[1], source = cols[2], text = cols[4];
        // The held-out set labels each line with the set of kinds it holds ("email,phone" or
        // "none"), not spans: a kind found is right when the line holds that kind.
        if (cols[3] == QLatin1String("none") ||
            (cols[3] != QLatin1String("-") && !cols[3].contains(QLatin1Char('=')))) {
            QSet<QString> expectedKinds;
            if (cols[3] != QLatin1String("none")) {
                for (const QString &kind : cols[3].split(QLatin1Char(','))) {
                    if (!findingKindFromId(kind)) {
                        *error = QStringLiteral("row %1: unknown kind \"%2\"").arg(id, kind);
                        return eval;
                    }
                    expectedKinds.insert(kind);
                }
            }
            ++eval.rows;
            eval.rowsBy[language]++;
            eval.rowsBy[source]++;
            if (!expectedKinds.isEmpty())
                ++eval.rowsWithFindings;
            timer.start();
            const QVector<Finding> found = guard.check(text).value();
            nanos += timer.nsecsElapsed();
            QMap<QString, QStringList> foundKinds;
            for (const Finding &f : found)
                foundKinds[toId(f.kind)] << f.text;
            QMap<QString, GuardCounts> rowCounts;
            for (auto it = foundKinds.cbegin(); it != foundKinds.cend(); ++it) {
                if (expectedKinds.contains(it.key())) {
                    rowCounts[it.key()].truePositives++;
                } else {
                    rowCounts[it.key()].falsePositives++;
                    eval.mistakes << QStringLiteral("row %1: unexpected %2 \"%3\"")
                                         .arg(id, it.key(), it.value().join(QStringLiteral("\", \"")));
                }
            }
            for (const QString &kind : expectedKinds) {
                if (!foundKinds.contains(kind)) {
                    rowCounts[kind].falseNegatives++;
                    eval.mistakes << QStringLiteral("row %1: missed %2 in \"%3\"").arg(id, kind, text);
                }
            }
            for (auto it = rowCounts.cbegin(); it != rowCounts.cend(); ++it) {
                eval.byKind[it.key()].add(it.value());
                eval.total.add(it.value());
                eval.bySlice[language].add(it.value());
                eval.bySlice[source].add(it.value());
            }
            continue;
        }
        QVector<Expected> expected;
        if (cols[3] != QLatin1String("-")) {
            for (const QString &item : cols[3].split(QLatin1Char(';'))) {
                const int eq = item.indexOf(QLatin1Char('='));
                const auto kind = findingKindFromId(item.left(eq));
                const QString value = item.mid(eq + 1);
                const int at = text.indexOf(value);
                if (!kind || at < 0) {
                    *error = QStringLiteral("row %1: bad expectation \"%2\"").arg(id, item);
                    return eval;
                }
                expected.push_back({*kind, at, int(at + value.size()), value});
            }
        }
        ++eval.rows;
        eval.rowsBy[language]++;
        eval.rowsBy[source]++;
        if (!expected.isEmpty())
            ++eval.rowsWithFindings;
        timer.start();
        const QVector<Finding> found = guard.check(text).value();
        nanos += timer.nsecsElapsed();

        QVector<bool> matched(expected.size(), false);
        QMap<QString, GuardCounts> rowCounts;
        for (const Finding &f : found) {
            bool hit = false;
            for (int i = 0; i < expected.size(); ++i) {
                if (!matched[i] && expected[i].kind == f.kind && f.start < expected[i].end &&
                    expected[i].start < f.end) {
                    matched[i] = true;
                    hit = true;
                    break;
                }
            }
            if (hit) {
                rowCounts[toId(f.kind)].truePositives++;
            } else {
                rowCounts[toId(f.kind)].falsePositives++;
                eval.mistakes << QStringLiteral("row %1: unexpected %2 \"%3\"").arg(id, toId(f.kind), f.text);
            }
        }
        for (int i = 0; i < expected.size(); ++i) {
            if (!matched[i]) {
                rowCounts[toId(expected[i].kind)].falseNegatives++;
                eval.mistakes
                    << QStringLiteral("row %1: missed %2 \"%3\"").arg(id, toId(expected[i].kind), expected[i].text);
            }
        }
        for (auto it = rowCounts.cbegin(); it != rowCounts.cend(); ++it) {
            eval.byKind[it.key()].add(it.value());
            eval.total.add(it.value());
            eval.bySlice[language].add(it.value());
            eval.bySlice[source].add(it.value());
        }
    }
    eval.microsPerRow = eval.rows ? nanos / 1000.0 / eval.rows : 0;
    return eval;
}

QString formatGuardEvaluation(const GuardEvaluation &e)
{
    auto pr = [](const GuardCounts &c) {
        return QStringLiteral("%1 / %2").arg(c.precision() * 100, 0, 'f', 1).arg(c.recall() * 100, 0, 'f', 1);
    };
    QString out;
    out += QStringLiteral("rows %1 (it %2, en %3; posts %4, replies %5), %6 with findings; %7 µs a row\n")
               .arg(e.rows)
               .arg(e.rowsBy.value(QStringLiteral("it")))
               .arg(e.rowsBy.value(QStringLiteral("en")))
               .arg(e.rowsBy.value(QStringLiteral("post")))
               .arg(e.rowsBy.value(QStringLiteral("reply")))
               .arg(e.rowsWithFindings)
               .arg(e.microsPerRow, 0, 'f', 1);
    out += QStringLiteral("| slice | expected | TP | FP | FN | P / R |\n|---|---|---|---|---|---|\n");
    auto row = [&](const QString &name, const GuardCounts &c) {
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                   .arg(name)
                   .arg(c.truePositives + c.falseNegatives)
                   .arg(c.truePositives)
                   .arg(c.falsePositives)
                   .arg(c.falseNegatives)
                   .arg(pr(c));
    };
    row(QStringLiteral("**all**"), e.total);
    for (const QString &slice :
         {QStringLiteral("it"), QStringLiteral("en"), QStringLiteral("post"), QStringLiteral("reply")})
        row(slice, e.bySlice.value(slice));
    for (const QString &kind : allFindingKindIds())
        row(kind, e.byKind.value(kind));
    if (!e.mistakes.isEmpty())
        out += QStringLiteral("\nMistakes:\n") + e.mistakes.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return out;
}

} // namespace sportello::test
