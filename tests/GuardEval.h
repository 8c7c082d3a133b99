#pragma once
// Runs the insurance guard over an evaluation set and counts, per kind of finding, what it found
// that was expected, what it found that was not, and what it missed. tests/data/guard_eval.tsv
// labels spans (a match: same kind, overlapping span); tests/data/guard_heldout.tsv labels each
// line with the set of kinds it holds (a match: the kind is in the line's set).

#include "compose/Guard.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace sportello::test {

struct GuardCounts {
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    double precision() const
    {
        return truePositives + falsePositives == 0 ? 1.0 : double(truePositives) / (truePositives + falsePositives);
    }
    double recall() const
    {
        return truePositives + falseNegatives == 0 ? 1.0 : double(truePositives) / (truePositives + falseNegatives);
    }
    void add(const GuardCounts &o)
    {
        truePositives += o.truePositives;
        falsePositives += o.falsePositives;
        falseNegatives += o.falseNegatives;
    }
};

struct GuardEvaluation {
    int rows = 0;
    int rowsWithFindings = 0;
    QMap<QString, int> rowsBy; // "it", "en", "post", "reply"
    GuardCounts total;
    QMap<QString, GuardCounts> byKind;  // finding kind id
    QMap<QString, GuardCounts> bySlice; // "it", "en", "post", "reply"
    QStringList mistakes;               // "row 12: missed phone "333 ..."" for the report
    double microsPerRow = 0;
};

GuardEvaluation evaluateGuard(const Guard &guard, const QString &tsvPath, QString *error);
QString formatGuardEvaluation(const GuardEvaluation &evaluation);

} // namespace sportello::test
