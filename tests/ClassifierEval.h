#pragma once
// The classifier's evaluation set (tests/data/classifier_eval.tsv, described in
// tests/data/README.md) and the figures computed on it.
//
// Rows from NonCommercial corpora hold only a reference; their text is read at run time from
// ../shared/data (SPORTELLO_SHARED_DATA_DIR) and never copied into the repository.

#include "domain/Domain.h"

#include <QString>
#include <QVector>
#include <array>
#include <string>

namespace sportello::test {

struct EvalRow {
    int index = 0;  // 0-based data row: even rows are the "dev" half, odd rows the "test" half
    QString source; // own, demo, twcs, sentipolc, qa4faq
    QString ref;
    Category label = Category::NonNegative;
    bool spam = false;
    QString language; // it, en
    QString text;     // inline, or loaded from the shared data
};

struct EvalSet {
    QVector<EvalRow> rows;
    QString error; // empty when every row was read and every reference found
};

// Reads the TSV and resolves the references in the shared data folder.
EvalSet loadEvalSet(const QString &tsvPath, const QString &sharedDataDir);

struct Prediction {
    Category category = Category::NonNegative;
    bool spam = false;
    QString language;
};

class Scores {
public:
    void add(const EvalRow &row, const Prediction &prediction);
    int rows() const { return m_rows; }
    int rows(const QString &language) const;
    double accuracy() const;
    double precision(Category c) const;
    double recall(Category c) const;
    double f1(Category c) const;
    double macroF1() const;
    double languageAccuracy() const;
    double spamPrecision() const;
    double spamRecall() const;

private:
    static int slot(Category c) { return int(c); }
    int m_rows = 0, m_correct = 0, m_languageCorrect = 0, m_it = 0, m_en = 0;
    int m_spamTp = 0, m_spamFp = 0, m_spamFn = 0;
    std::array<int, 3> m_tp{}, m_fp{}, m_fn{};
};

// A Markdown table, one line per named set of scores.
std::string scoreTable(const QVector<QPair<QString, Scores>> &sets);

} // namespace sportello::test
