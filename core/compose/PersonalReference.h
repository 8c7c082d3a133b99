#pragma once
// A customer's policyholder reference (core/customers) is personal data known by value: the guard
// blocks it in a public reply and the exports leave it out, however it is written ("AB-123 456",
// "ab123456", "AB 123.456"). A reference is compared by its key: its letters and digits,
// upper-cased; in a text, letters and digits may be split by blanks, dashes, dots, slashes and
// underscores, and the match must not continue a word on either side.

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <utility>

class QSqlDatabase;

namespace sportello {

// Letters and digits of `reference`, upper-cased ("ab-123 456" -> "AB123456").
QString referenceKey(const QString &reference);

// Spans [start, end) of `text` where one of `keys` (referenceKey form) is written; in text order,
// not overlapping (the longer key wins a tie at the same start).
QVector<std::pair<int, int>> findReferences(const QString &text, const QStringList &keys);

// `text` with every span findReferences() reports replaced by `mask`.
QString maskReferences(const QString &text, const QStringList &keys, const QString &mask);

// The keys of every policyholder reference stored on a customer (table `customers`, schema 19),
// each once, in no particular order.
Result<QStringList> storedReferenceKeys(const QSqlDatabase &db);

} // namespace sportello
