#include "ingest/PostRules.h"

#include <QChar>
#include <QCoreApplication>

namespace sportello {

namespace {

QString codePointName(char32_t c)
{
    return QStringLiteral("U+%1").arg(QString::number(uint(c), 16).toUpper(), 4, QLatin1Char('0'));
}

bool isNoncharacter(char32_t c) { return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; }

// Walks the code points of `s`; an unpaired surrogate is reported as itself, never merged with its
// neighbour (SQLite would take the next unit as its other half and store a different text).
template <typename Visit>
bool forEachCodePoint(QStringView s, Visit visit)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            if (!visit(QChar::surrogateToUcs4(c, s[i + 1]), false))
                return false;
            ++i;
        } else if (!visit(char32_t(c.unicode()), c.isSurrogate())) {
            return false;
        }
    }
    return true;
}

Error invalid(const QString &message) { return Error{message, ErrorKind::InvalidInput}; }

} // namespace

Status checkId(QStringView id, const QString &what)
{
    if (id.isEmpty())
        return invalid(QCoreApplication::translate("Ingest", "%1 is empty").arg(what));
    QString reason;
    forEachCodePoint(id, [&](char32_t c, bool unpaired) {
        // Named only when refused: most ids are checked and stored, and naming costs an allocation.
        const auto code = [c] { return codePointName(c); };
        if (unpaired)
            reason = QCoreApplication::translate("Ingest", "unpaired surrogate %1 in %2").arg(code(), what);
        else if (isNoncharacter(c))
            reason = QCoreApplication::translate("Ingest", "noncharacter %1 in %2").arg(code(), what);
        else
            switch (QChar::category(c)) {
            case QChar::Other_Control:
                reason = QCoreApplication::translate("Ingest", "control character %1 in %2").arg(code(), what);
                break;
            case QChar::Other_Format:
                reason = QCoreApplication::translate("Ingest", "invisible character %1 in %2").arg(code(), what);
                break;
            case QChar::Separator_Line:
            case QChar::Separator_Paragraph:
                reason = QCoreApplication::translate("Ingest", "line break %1 in %2").arg(code(), what);
                break;
            case QChar::Other_PrivateUse:
                reason = QCoreApplication::translate("Ingest", "private-use character %1 in %2").arg(code(), what);
                break;
            default: break;
            }
        return reason.isEmpty();
    });
    if (!reason.isEmpty())
        return invalid(reason);
    if (id.front().isSpace() || id.back().isSpace())
        return invalid(QCoreApplication::translate("Ingest", "%1 starts or ends with white space").arg(what));
    return {};
}

Status checkText(QStringView text, const QString &what)
{
    QString reason;
    forEachCodePoint(text, [&](char32_t c, bool unpaired) {
        if (unpaired)
            reason = QCoreApplication::translate("Ingest", "unpaired surrogate %1 in %2").arg(codePointName(c), what);
        else if (c == 0)
            reason = QCoreApplication::translate("Ingest", "NUL character (U+0000) in %1").arg(what);
        return reason.isEmpty();
    });
    if (!reason.isEmpty())
        return invalid(reason);
    // SQLite takes a U+FEFF at the start of a text for a byte order mark and drops it.
    if (text.startsWith(QChar(0xFEFF)))
        return invalid(QCoreApplication::translate("Ingest", "%1 starts with the invisible character U+FEFF (a byte "
                                                             "order mark), which the cache cannot store")
                           .arg(what));
    return {};
}

Status checkPostRecord(const PostRecord &post)
{
    if (Status s = checkId(post.threadExternalId, QCoreApplication::translate("Ingest", "the thread id")); !s)
        return s;
    if (Status s = checkId(post.postExternalId, QCoreApplication::translate("Ingest", "the post id")); !s)
        return s;
    if (!post.inReplyTo.isEmpty()) {
        if (Status s = checkId(post.inReplyTo, QCoreApplication::translate("Ingest", "the reply-to id")); !s)
            return s;
    }
    // X leaves a tweet's author out at times (a withheld or suspended account): no author id is
    // allowed here; the import formats require one.
    if (!post.author.externalId.isEmpty()) {
        if (Status s = checkId(post.author.externalId, QCoreApplication::translate("Ingest", "the author id")); !s)
            return s;
    }
    if (Status s = checkText(post.author.handle, QCoreApplication::translate("Ingest", "the author's handle")); !s)
        return s;
    if (Status s = checkText(post.author.displayName, QCoreApplication::translate("Ingest", "the author's name")); !s)
        return s;
    if (Status s = checkText(post.text, QCoreApplication::translate("Ingest", "the text")); !s)
        return s;
    // Longer than any platform sends: refused with its size named, before any scanner reads it.
    if (Status s = checkTextLength(post.text); !s)
        return s;
    if (post.rating && (*post.rating < 1 || *post.rating > 5))
        return Error{QCoreApplication::translate("Ingest", "The star rating %1 is not between 1 and 5.").arg(*post.rating),
                     ErrorKind::InvalidInput};
    return checkText(post.language, QCoreApplication::translate("Ingest", "the language"));
}

QString acceptedPostTimeRange()
{
    return QCoreApplication::translate("Ingest", "%1 to %2 UTC")
        .arg(QStringLiteral("2000-01-01"), QStringLiteral("2100-01-01"));
}

} // namespace sportello
