#include "ClassifierEval.h"

#include "fileimport/CsvRecordReader.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QSet>

namespace sportello::test {
namespace {

constexpr qint64 kMaxRecord = 1024 * 1024;
const QStringList kColumns{QStringLiteral("source"), QStringLiteral("ref"),      QStringLiteral("label"),
                           QStringLiteral("spam"),   QStringLiteral("language"), QStringLiteral("text")};

// tweet_id -> text for the wanted ids of twcs_whole_threads.csv.
QString loadTwcs(const QString &path, const QSet<QString> &wanted, QHash<QString, QString> &texts)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    CsvRecordReader records(file, kMaxRecord);
    if (records.next() != CsvRecordReader::Outcome::Record)
        return QStringLiteral("%1: no header").arg(path);
    const qsizetype idColumn = records.fields().indexOf("tweet_id");
    const qsizetype textColumn = records.fields().indexOf("text");
    if (idColumn < 0 || textColumn < 0)
        return QStringLiteral("%1: no tweet_id or text column").arg(path);
    for (;;) {
        const auto outcome = records.next();
        if (outcome == CsvRecordReader::Outcome::End)
            return {};
        if (outcome == CsvRecordReader::Outcome::Error)
            return QStringLiteral("%1: %2").arg(path, records.errorString());
        if (outcome != CsvRecordReader::Outcome::Record || records.fields().size() <= textColumn)
            continue;
        const QString id = QString::fromUtf8(records.fields()[idColumn]);
        if (wanted.contains(id))
            texts.insert(id, QString::fromUtf8(records.fields()[textColumn]));
    }
}

// SENTIPOLC: the record whose first field is the quoted id, on one line; the text is field 9.
// (The gold file has records that a CSV reader splits wrongly; the referenced ones are sound.)
QString loadSentipolc(const QString &path, const QString &prefix, const QSet<QString> &wanted,
                      QHash<QString, QString> &texts)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (!line.startsWith('"'))
            continue;
        const qsizetype close = line.indexOf('"', 1);
        if (close < 0 || !wanted.contains(prefix + QString::fromUtf8(line.mid(1, close - 1))))
            continue;
        const QString ref = prefix + QString::fromUtf8(line.mid(1, close - 1));
        QBuffer buffer(&line);
        buffer.open(QIODevice::ReadOnly);
        CsvRecordReader record(buffer, kMaxRecord);
        if (record.next() != CsvRecordReader::Outcome::Record || record.fields().size() != 9)
            return QStringLiteral("%1: the record of %2 does not have 9 fields").arg(path, ref);
        texts.insert(ref, QString::fromUtf8(record.fields()[8]));
    }
    return {};
}

// QA4FAQ questions: "id<TAB>text" lines.
QString loadQa4faq(const QString &path, QHash<QString, QString> &texts)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype tab = line.indexOf(QLatin1Char('\t'));
        if (tab > 0)
            texts.insert(line.left(tab), line.mid(tab + 1));
    }
    return {};
}

QString percent(double v) { return QString::number(v * 100, 'f', 1); }

} // namespace

EvalSet loadEvalSet(const QString &tsvPath, const QString &sharedDataDir)
{
    EvalSet set;
    QFile file(tsvPath);
    if (!file.open(QIODevice::ReadOnly)) {
        set.error = QStringLiteral("%1: %2").arg(tsvPath, file.errorString());
        return set;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (lines.value(0).trimmed().split(QLatin1Char('\t')) != kColumns) {
        set.error = QStringLiteral("%1: the header is not %2").arg(tsvPath, kColumns.join(QLatin1Char(' ')));
        return set;
    }
    QHash<QString, QSet<QString>> wanted; // source -> refs whose text lives in the shared data
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const QStringList f = line.split(QLatin1Char('\t'));
        const auto label = categoryFromId(f.value(2));
        if (f.size() != kColumns.size() || !label || (f[3] != QLatin1String("0") && f[3] != QLatin1String("1"))) {
            set.error = QStringLiteral("%1:%2: expected %3 fields with a category id and a 0/1 spam flag")
                            .arg(tsvPath)
                            .arg(i + 1)
                            .arg(kColumns.size());
            return set;
        }
        EvalRow row{int(set.rows.size()), f[0], f[1], *label, f[3] == QLatin1String("1"), f[4], f[5]};
        if (row.text.isEmpty())
            wanted[row.source].insert(row.ref);
        set.rows.append(row);
    }

    const QString dir = sharedDataDir;
    QHash<QString, QString> twcs, sentipolc, qa4faq;
    const QSet<QString> sentipolcRefs = wanted.value(QStringLiteral("sentipolc"));
    const QString problems[] = {
        loadTwcs(dir + QStringLiteral("/twcs/twcs_whole_threads.csv"), wanted.value(QStringLiteral("twcs")), twcs),
        loadSentipolc(dir + QStringLiteral("/it_sentipolc2016/sentipolc16_officialdistrib_train.csv"),
                      QStringLiteral("train:"), sentipolcRefs, sentipolc),
        loadSentipolc(dir + QStringLiteral("/it_sentipolc2016/sentipolc16_gold2000_text.csv"), QStringLiteral("gold:"),
                      sentipolcRefs, sentipolc),
        loadQa4faq(dir + QStringLiteral("/it_qa4faq2016/qa4faq_test_questions.tsv"), qa4faq),
    };
    for (const QString &problem : problems) {
        if (!problem.isEmpty()) {
            set.error = problem;
            return set;
        }
    }
    const QHash<QString, const QHash<QString, QString> *> bySource{{QStringLiteral("twcs"), &twcs},
                                                                   {QStringLiteral("sentipolc"), &sentipolc},
                                                                   {QStringLiteral("qa4faq"), &qa4faq}};
    for (EvalRow &row : set.rows) {
        if (!row.text.isEmpty())
            continue;
        if (const auto *texts = bySource.value(row.source))
            row.text = texts->value(row.ref);
        if (row.text.isEmpty()) {
            set.error = QStringLiteral("row %1: no text for %2 %3 in %4").arg(row.index).arg(row.source, row.ref, dir);
            return set;
        }
    }
    return set;
}

void Scores::add(const EvalRow &row, const Prediction &p)
{
    ++m_rows;
    (row.language == QLatin1String("en") ? m_en : m_it) += 1;
    m_languageCorrect += p.language == row.language ? 1 : 0;
    if (p.category == row.label) {
        ++m_correct;
        ++m_tp[slot(p.category)];
    } else {
        ++m_fp[slot(p.category)];
        ++m_fn[slot(row.label)];
    }
    m_spamTp += p.spam && row.spam ? 1 : 0;
    m_spamFp += p.spam && !row.spam ? 1 : 0;
    m_spamFn += !p.spam && row.spam ? 1 : 0;
}

int Scores::rows(const QString &language) const { return language == QLatin1String("en") ? m_en : m_it; }

static double ratio(int a, int b) { return b == 0 ? 0.0 : double(a) / b; }

double Scores::accuracy() const { return ratio(m_correct, m_rows); }
double Scores::precision(Category c) const { return ratio(m_tp[slot(c)], m_tp[slot(c)] + m_fp[slot(c)]); }
double Scores::recall(Category c) const { return ratio(m_tp[slot(c)], m_tp[slot(c)] + m_fn[slot(c)]); }
double Scores::f1(Category c) const
{
    const double p = precision(c), r = recall(c);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
double Scores::macroF1() const
{
    return (f1(Category::NonNegative) + f1(Category::Complaint) + f1(Category::Assistance)) / 3;
}
double Scores::languageAccuracy() const { return ratio(m_languageCorrect, m_rows); }
double Scores::spamPrecision() const { return ratio(m_spamTp, m_spamTp + m_spamFp); }
double Scores::spamRecall() const { return ratio(m_spamTp, m_spamTp + m_spamFn); }

std::string scoreTable(const QVector<QPair<QString, Scores>> &sets)
{
    QString table =
        QStringLiteral("| set | rows (it / en) | accuracy | macro-F1 | non_negative P / R | complaint P / R | "
                       "assistance P / R | language | spam P / R |\n|---|---|---|---|---|---|---|---|---|\n");
    for (const auto &[name, s] : sets) {
        QStringList cells{name,
                          QStringLiteral("%1 (%2 / %3)")
                              .arg(s.rows())
                              .arg(s.rows(QStringLiteral("it")))
                              .arg(s.rows(QStringLiteral("en"))),
                          percent(s.accuracy()), QString::number(s.macroF1(), 'f', 3)};
        for (const Category c : {Category::NonNegative, Category::Complaint, Category::Assistance})
            cells << QStringLiteral("%1 / %2").arg(percent(s.precision(c)), percent(s.recall(c)));
        cells << percent(s.languageAccuracy())
              << QStringLiteral("%1 / %2").arg(percent(s.spamPrecision()), percent(s.spamRecall()));
        table += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return table.toStdString();
}

} // namespace sportello::test
