#include "compose/PersonalReference.h"

#include "storage/Sql.h"

#include <QSqlQuery>

#include <algorithm>

namespace sportello {

namespace {

// What may split a reference's letters and digits where a customer writes it.
bool isSeparator(QChar c)
{
    switch (c.unicode()) {
    case u'-':
    case u'.':
    case u'/':
    case u'_':
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
    case 0x2014: // em dash
        return true;
    default: return c.isSpace();
    }
}

} // namespace

QString referenceKey(const QString &reference)
{
    QString key;
    key.reserve(reference.size());
    for (const QChar c : reference)
        if (c.isLetterOrNumber())
            key.append(c.toUpper());
    return key;
}

QVector<std::pair<int, int>> findReferences(const QString &text, const QStringList &keys)
{
    QVector<std::pair<int, int>> spans;
    if (keys.isEmpty() || text.isEmpty())
        return spans;
    // The text's letters and digits, upper-cased, with the offset each came from; anything else
    // that is not a separator is a barrier (U+0000) no key can cross.
    QString compact;
    QVector<int> offsets;
    compact.reserve(text.size());
    offsets.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLetterOrNumber()) {
            compact.append(c.toUpper());
            offsets.push_back(i);
        } else if (!isSeparator(c)) {
            compact.append(QChar(0));
            offsets.push_back(i);
        }
    }
    const auto isWordChar = [&text](int i) { return i >= 0 && i < text.size() && text.at(i).isLetterOrNumber(); };
    QVector<std::pair<int, int>> found;
    for (const QString &key : keys) {
        if (key.isEmpty())
            continue;
        for (qsizetype at = compact.indexOf(key); at >= 0; at = compact.indexOf(key, at + 1)) {
            const int start = offsets.at(at);
            const int end = offsets.at(at + key.size() - 1) + 1;
            // Not the tail or head of a longer word: "XAB123456" is not "AB123456".
            if (isWordChar(start - 1) || isWordChar(end))
                continue;
            found.push_back({start, end});
        }
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    for (const auto &span : found)
        if (spans.isEmpty() || span.first >= spans.constLast().second)
            spans.push_back(span);
    return spans;
}

QString maskReferences(const QString &text, const QStringList &keys, const QString &mask)
{
    const auto spans = findReferences(text, keys);
    if (spans.isEmpty())
        return text;
    QString out;
    int from = 0;
    for (const auto &[start, end] : spans) {
        out += QStringView(text).mid(from, start - from);
        out += mask;
        from = end;
    }
    out += QStringView(text).mid(from);
    return out;
}

Result<QStringList> storedReferenceKeys(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT DISTINCT policyholder_ref_key FROM customers "
                                                      "WHERE policyholder_ref_key IS NOT NULL"));
        !s)
        return s.failure();
    if (Status s = sql::exec(query); !s)
        return s.failure();
    QStringList keys;
    while (query.next())
        keys << query.value(0).toString();
    return keys;
}

} // namespace sportello
