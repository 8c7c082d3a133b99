#include "fileimport/JsonLinesReader.h"

#include "fileimport/DateParsing.h"
#include "fileimport/Importer.h"
#include "fileimport/RecordSink.h"
#include "fileimport/TextInput.h"
#include "ingest/PostRules.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QVarLengthArray>

namespace sportello {

namespace {

bool isBlank(const QByteArray &line)
{
    for (const char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

// Field access with reasons that name the field, as "author.followers".
class Fields {
public:
    Fields(const QJsonObject &object, QString prefix = {}) : m_object(object), m_prefix(std::move(prefix)) {}

    QString name(QLatin1String key) const { return m_prefix + key; }

    // A required string; empty is refused unless allowEmpty.
    Result<QString> requiredString(QLatin1String key, bool allowEmpty = false) const
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return Error{QCoreApplication::translate("Import", "missing required field \"%1\"").arg(name(key)),
                         ErrorKind::InvalidInput};
        if (!v.isString())
            return Error{QCoreApplication::translate("Import", "field \"%1\" must be a string").arg(name(key)),
                         ErrorKind::InvalidInput};
        QString s = v.toString();
        if (!allowEmpty && s.trimmed().isEmpty())
            return Error{QCoreApplication::translate("Import", "field \"%1\" must not be empty").arg(name(key)),
                         ErrorKind::InvalidInput};
        return s;
    }

    // An optional string: absent and null give an empty (not null) string.
    Result<QString> optionalString(QLatin1String key) const
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return QStringLiteral("");
        if (!v.isString())
            return Error{QCoreApplication::translate("Import", "field \"%1\" must be a string or null").arg(name(key)),
                         ErrorKind::InvalidInput};
        return v.toString();
    }

    Result<qint64> optionalCount(QLatin1String key) const
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return qint64(0);
        // JSON numbers are doubles: whole numbers up to 2^53 are exact.
        const double d = v.toDouble();
        // The range first: converting a double outside qint64 is undefined behaviour.
        if (!v.isDouble() || d > 9007199254740992.0 || d < -9007199254740992.0 || d != double(qint64(d)))
            return Error{QCoreApplication::translate("Import", "field \"%1\" must be a whole number").arg(name(key)),
                         ErrorKind::InvalidInput};
        if (d < 0)
            return Error{QCoreApplication::translate("Import", "field \"%1\" must not be negative (it is %2)")
                             .arg(name(key))
                             .arg(qint64(d)),
                         ErrorKind::InvalidInput};
        return qint64(d);
    }

private:
    const QJsonObject &m_object;
    QString m_prefix;
};

template <typename E>
Result<E> enumField(const Fields &fields, QLatin1String key, std::optional<E> (*fromId)(const QString &),
                    const QString &expected)
{
    auto id = fields.requiredString(key);
    if (!id)
        return id.failure();
    if (auto value = fromId(*id))
        return *value;
    return Error{
        QCoreApplication::translate("Import", "unknown %1 \"%2\" (expected %3)").arg(fields.name(key), *id, expected),
        ErrorKind::InvalidInput};
}

QString oneOf(const QStringList &ids) { return ids.join(QLatin1String(", ")); }

} // namespace

JsonLinesReader::JsonLinesReader(QIODevice &device, qint64 timeShiftMs) : m_device(device), m_timeShiftMs(timeShiftMs)
{}

Result<PostRecord> JsonLinesReader::parseLine(const QByteArray &line, qint64 timeShiftMs)
{
    if (const qsizetype bad = firstNonTextByte(line); bad >= 0)
        return Error{
            describeNonText(line[bad], QCoreApplication::translate("Import", "at byte %1 of the line").arg(bad + 1)),
            ErrorKind::InvalidInput};
    // Qt's parser decodes each string with QString::fromUtf8, which drops a U+FEFF written as UTF-8
    // at the start of a string ("\xEF\xBB\xBFP-9" would read as "P-9"). The same character as an
    // escape is kept, so it is handed over as one; the rules below then see it.
    static const QByteArray bom("\xEF\xBB\xBF");
    QByteArray escapedBoms;
    QVarLengthArray<qsizetype, 4> bomsAt; // where each was in the line
    for (qsizetype at = line.indexOf(bom); at >= 0; at = line.indexOf(bom, at + 3))
        bomsAt.append(at);
    if (!bomsAt.isEmpty())
        escapedBoms = QByteArray(line).replace(bom, QByteArrayLiteral("\\ufeff"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(escapedBoms.isNull() ? line : escapedBoms, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (line.trimmed().startsWith('['))
            return Error{
                QCoreApplication::translate(
                    "Import", "not a JSON object: the format wants one JSON object per line, not a JSON array"),
                ErrorKind::InvalidInput};
        // The offset is in the text the parser read, where each escaped U+FEFF is 3 bytes longer.
        qsizetype offset = parseError.offset;
        for (qsizetype k = 0; k < bomsAt.size(); ++k) {
            const qsizetype escapedAt = bomsAt[k] + 3 * k;
            if (parseError.offset >= escapedAt + 6) {
                offset = parseError.offset - 3 * (k + 1);
            } else {
                if (parseError.offset > escapedAt)
                    offset = bomsAt[k];
                break;
            }
        }
        return Error{QCoreApplication::translate("Import", "not valid JSON (%1 at byte %2)")
                         .arg(parseError.errorString(), QString::number(offset + 1)),
                     ErrorKind::InvalidInput};
    }
    if (!document.isObject())
        return Error{QCoreApplication::translate(
                         "Import", "not a JSON object: the format wants one JSON object per line, not a JSON array"),
                     ErrorKind::InvalidInput};
    const QJsonObject object = document.object();
    const Fields fields(object);
    PostRecord post;

    auto channel = enumField<Channel>(fields, QLatin1String("channel"), &channelFromId, oneOf(allChannelIds()));
    if (!channel)
        return channel.failure();
    post.channel = *channel;
    auto thread = fields.requiredString(QLatin1String("thread_id"));
    if (!thread)
        return thread.failure();
    post.threadExternalId = std::move(*thread);
    auto id = fields.requiredString(QLatin1String("post_id"));
    if (!id)
        return id.failure();
    post.postExternalId = std::move(*id);
    auto inReplyTo = fields.optionalString(QLatin1String("in_reply_to"));
    if (!inReplyTo)
        return inReplyTo.failure();
    post.inReplyTo = std::move(*inReplyTo);

    const QJsonValue authorValue = object.value(QLatin1String("author"));
    if (authorValue.isUndefined() || authorValue.isNull())
        return Error{
            QCoreApplication::translate("Import", "missing required field \"%1\"").arg(QLatin1String("author")),
            ErrorKind::InvalidInput};
    if (!authorValue.isObject())
        return Error{
            QCoreApplication::translate("Import", "field \"%1\" must be an object").arg(QLatin1String("author")),
            ErrorKind::InvalidInput};
    const QJsonObject authorObject = authorValue.toObject();
    const Fields author(authorObject, QStringLiteral("author."));
    auto authorId = author.requiredString(QLatin1String("id"));
    if (!authorId)
        return authorId.failure();
    auto handle = author.optionalString(QLatin1String("handle"));
    if (!handle)
        return handle.failure();
    auto name = author.optionalString(QLatin1String("name"));
    if (!name)
        return name.failure();
    auto followers = author.optionalCount(QLatin1String("followers"));
    if (!followers)
        return followers.failure();
    post.author = {std::move(*authorId), std::move(*handle), std::move(*name), *followers};

    auto direction =
        enumField<Direction>(fields, QLatin1String("direction"), &directionFromId, QStringLiteral("inbound, outbound"));
    if (!direction)
        return direction.failure();
    post.direction = *direction;
    auto visibility = enumField<Visibility>(fields, QLatin1String("visibility"), &visibilityFromId,
                                            QStringLiteral("public, private"));
    if (!visibility)
        return visibility.failure();
    post.visibility = *visibility;

    auto createdAtText = fields.requiredString(QLatin1String("created_at"));
    if (!createdAtText)
        return createdAtText.failure();
    auto createdAt = parseIsoDateTime(*createdAtText);
    if (!createdAt)
        return Error{QCoreApplication::translate("Import", "field \"%1\": %2")
                         .arg(QLatin1String("created_at"), createdAt.error()),
                     ErrorKind::InvalidInput};
    post.createdAtMs = *createdAt + timeShiftMs;
    if (!isAcceptedPostTime(post.createdAtMs))
        return Error{QCoreApplication::translate("Import", "field \"%1\": %2")
                         .arg(QLatin1String("created_at"), describeOutOfRange(*createdAtText)),
                     ErrorKind::InvalidInput};

    auto text = fields.requiredString(QLatin1String("text"), true);
    if (!text)
        return text.failure();
    // The product's one limit on a text (domain/Domain.h), counted as it is everywhere else.
    if (text->size() > kMaxTextLength)
        return Error{QCoreApplication::translate("Import", "field \"%1\" is too long: %2 characters, at most %3")
                         .arg(QLatin1String("text"))
                         .arg(text->size())
                         .arg(kMaxTextLength),
                     ErrorKind::InvalidInput};
    post.text = std::move(*text);

    // A category on an outbound post means nothing and is ignored.
    auto categoryId = fields.optionalString(QLatin1String("category"));
    if (!categoryId)
        return categoryId.failure();
    if (!categoryId->isEmpty()) {
        const auto category = categoryFromId(*categoryId);
        if (!category)
            return Error{QCoreApplication::translate("Import", "unknown %1 \"%2\" (expected %3)")
                             .arg(QLatin1String("category"), *categoryId, oneOf(allCategoryIds())),
                         ErrorKind::InvalidInput};
        if (post.direction == Direction::Inbound)
            post.category = category;
    }
    auto language = fields.optionalString(QLatin1String("language"));
    if (!language)
        return language.failure();
    post.language = std::move(*language);
    // The star rating of an app-store review: a whole number 1 to 5, on app_store and google_play
    // only (no other channel rates), and only on the customer's review.
    const QJsonValue ratingValue = object.value(QLatin1String("rating"));
    if (!ratingValue.isUndefined() && !ratingValue.isNull()) {
        auto rating = fields.optionalCount(QLatin1String("rating"));
        if (!rating)
            return rating.failure();
        if (*rating < 1 || *rating > 5)
            return Error{QCoreApplication::translate("Import", "field \"%1\" must be 1 to 5 (it is %2)")
                             .arg(QLatin1String("rating"))
                             .arg(*rating),
                         ErrorKind::InvalidInput};
        if (post.channel != Channel::AppStore && post.channel != Channel::GooglePlay)
            return Error{QCoreApplication::translate("Import", "field \"%1\" is for app_store and google_play reviews "
                                                               "only")
                             .arg(QLatin1String("rating")),
                         ErrorKind::InvalidInput};
        if (post.direction == Direction::Inbound)
            post.rating = int(*rating);
    }
    // Read as given (a string, else none): the in-app inbox, the one reader of it, checks its form.
    post.app = object.value(QLatin1String("app")).toString();
    // Ids without invisible characters, texts without NUL or unpaired surrogates.
    if (Status s = checkPostRecord(post); !s)
        return s.failure();
    return post;
}

Status JsonLinesReader::read(RecordSink &sink)
{
    LineReader lines(m_device, kMaxRecordBytes);
    const qint64 total = m_device.size();
    QByteArray line;
    for (;;) {
        const LineReader::Outcome outcome = lines.next(line);
        if (outcome == LineReader::Outcome::End)
            return {};
        if (outcome == LineReader::Outcome::Error)
            return Error{QCoreApplication::translate("Import", "reading stopped at line %1: %2")
                             .arg(lines.lineNumber() + 1)
                             .arg(lines.errorString()),
                         ErrorKind::Io};
        if (outcome == LineReader::Outcome::TooLong) {
            ++m_records;
            sink.invalid(lines.lineNumber(),
                         QCoreApplication::translate("Import", "line too long (over %1 bytes); it was skipped unread")
                             .arg(kMaxRecordBytes));
        } else if (isBlank(line)) {
            continue;
        } else {
            ++m_records;
            auto post = parseLine(line, m_timeShiftMs);
            if (post) {
                if (Status s = sink.post(*post, lines.lineNumber()); !s)
                    return s;
            } else {
                sink.invalid(lines.lineNumber(), post.error());
            }
        }
        if (m_records % 4096 == 0) {
            if (Status s = sink.progress(m_device.pos(), total); !s)
                return s;
        }
    }
}

} // namespace sportello
