#include "fileimport/TwcsCsvReader.h"

#include "fileimport/CsvRecordReader.h"
#include "fileimport/DateParsing.h"
#include "fileimport/Importer.h"
#include "fileimport/RecordSink.h"
#include "fileimport/TextInput.h"
#include "ingest/PostRules.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QVarLengthArray>

namespace sportello {

namespace {

// Ids are never negative, so negative values can mark what is not an id.
constexpr qint64 kNoParent = -1;
constexpr qint64 kUnknownRoot = -1;
constexpr qint64 kVisiting = -2;

enum Column { TweetId, AuthorId, Inbound, CreatedAt, Text, Responses, InResponseTo, ColumnCount };
static_assert(ColumnCount == 7);
constexpr const char *kColumnNames[ColumnCount] = {
    "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"};

QString columnName(int column) { return QString::fromLatin1(kColumnNames[column]); }

std::optional<bool> parseInbound(QByteArrayView text)
{
    const QByteArray t = text.trimmed().toByteArray().toLower();
    if (t == "true" || t == "1")
        return true;
    if (t == "false" || t == "0")
        return false;
    return std::nullopt;
}

} // namespace

TwcsCsvReader::TwcsCsvReader(QIODevice &device, qint64 timeShiftMs) : m_device(device), m_timeShiftMs(timeShiftMs) {}

QStringList TwcsCsvReader::requiredColumns()
{
    QStringList names;
    for (int c = 0; c < ColumnCount; ++c)
        names << columnName(c);
    return names;
}

Result<qint64> TwcsCsvReader::parseId(QByteArrayView text)
{
    const QByteArrayView t = text.trimmed();
    qsizetype digitsEnd = 0;
    while (digitsEnd < t.size() && t[digitsEnd] >= '0' && t[digitsEnd] <= '9')
        ++digitsEnd;
    bool whole = digitsEnd > 0;
    // pandas writes ids of a column with gaps as floats: "3.0".
    if (whole && digitsEnd < t.size()) {
        whole = t[digitsEnd] == '.';
        for (qsizetype i = digitsEnd + 1; whole && i < t.size(); ++i)
            whole = t[i] == '0';
    }
    const QString shown = QString::fromUtf8(t.first(std::min<qsizetype>(t.size(), 40)));
    if (!whole)
        return Error{QCoreApplication::translate("Import", "\"%1\" is not a whole-number id").arg(shown),
                     ErrorKind::InvalidInput};
    bool ok = false;
    const qint64 id = t.first(digitsEnd).toByteArray().toLongLong(&ok);
    if (!ok)
        return Error{QCoreApplication::translate("Import", "\"%1\" is too large for an id").arg(shown),
                     ErrorKind::InvalidInput};
    return id;
}

Result<TwcsCsvReader::Columns> TwcsCsvReader::readHeader(CsvRecordReader &records)
{
    Columns columns;
    const CsvRecordReader::Outcome outcome = records.next();
    if (outcome == CsvRecordReader::Outcome::End)
        return columns; // an empty file; the importer says so
    if (outcome == CsvRecordReader::Outcome::Error)
        return Error{QCoreApplication::translate("Import", "reading stopped: %1").arg(records.errorString()),
                     ErrorKind::Io};
    if (outcome == CsvRecordReader::Outcome::Invalid)
        return Error{QCoreApplication::translate("Import", "the header on line %1 cannot be read: %2")
                         .arg(records.line())
                         .arg(records.problem()),
                     ErrorKind::InvalidInput};
    const QVector<QByteArray> &fields = records.fields();
    QStringList found;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (const qsizetype bad = firstNonTextByte(fields[i]); bad >= 0)
            return Error{
                describeNonText(fields[i][bad],
                                QCoreApplication::translate("Import", "in the header on line %1").arg(records.line())),
                ErrorKind::InvalidInput};
        const QString name = QString::fromUtf8(fields[i]).trimmed();
        found << name;
        for (int c = 0; c < ColumnCount; ++c)
            if (columns.index[c] < 0 && name.compare(QLatin1String(kColumnNames[c]), Qt::CaseInsensitive) == 0)
                columns.index[c] = int(i);
    }
    QStringList missing;
    for (int c = 0; c < ColumnCount; ++c)
        if (columns.index[c] < 0)
            missing << columnName(c);
    if (!missing.isEmpty() && fields.size() == 1 && fields[0].contains(';'))
        return Error{QCoreApplication::translate(
                         "Import",
                         "the header on line %1 has its fields separated by semicolons; this format separates "
                         "them with commas, and needs the columns %2")
                         .arg(records.line())
                         .arg(requiredColumns().join(QLatin1String(", "))),
                     ErrorKind::InvalidInput};
    if (!missing.isEmpty())
        return Error{QCoreApplication::translate("Import", "the header on line %1 lacks the column(s) %2 (it has: %3)")
                         .arg(records.line())
                         .arg(missing.join(QLatin1String(", ")), found.join(QLatin1String(", ")).left(300)),
                     ErrorKind::InvalidInput};
    columns.count = fields.size();
    return columns;
}

Result<TwcsCsvReader::Row> TwcsCsvReader::parseRow(const QVector<QByteArray> &fields, const Columns &columns) const
{
    if (fields.size() != columns.count)
        return Error{QCoreApplication::translate("Import", "has %1 fields; the header has %2")
                         .arg(fields.size())
                         .arg(columns.count),
                     ErrorKind::InvalidInput};
    const auto &index = columns.index;
    for (int c = 0; c < ColumnCount; ++c) {
        const QByteArray &field = fields[index[c]];
        if (const qsizetype bad = firstNonTextByte(field); bad >= 0)
            return Error{
                describeNonText(field[bad], QCoreApplication::translate("Import", "in column %1").arg(columnName(c))),
                ErrorKind::InvalidInput};
    }
    const auto columnError = [](int c, const QString &reason) {
        return Error{QCoreApplication::translate("Import", "column %1: %2").arg(columnName(c), reason),
                     ErrorKind::InvalidInput};
    };
    Row row;
    if (fields[index[TweetId]].trimmed().isEmpty())
        return columnError(TweetId, QCoreApplication::translate("Import", "missing"));
    auto id = parseId(fields[index[TweetId]]);
    if (!id)
        return columnError(TweetId, id.error());
    row.id = *id;
    // Decoded with every character: fromUtf8 would drop a leading U+FEFF.
    row.author = utf8Exactly(fields[index[AuthorId]]).trimmed();
    if (row.author.isEmpty())
        return columnError(AuthorId, QCoreApplication::translate("Import", "missing"));
    if (Status s = checkId(row.author, QCoreApplication::translate("Ingest", "the author id")); !s)
        return columnError(AuthorId, s.error());
    const auto inbound = parseInbound(fields[index[Inbound]]);
    if (!inbound)
        return columnError(Inbound, QCoreApplication::translate("Import", "\"%1\" is neither True nor False")
                                        .arg(utf8Exactly(fields[index[Inbound]].left(40))));
    row.inbound = *inbound;
    const QString createdAtText = utf8Exactly(fields[index[CreatedAt]]);
    auto createdAt = parseTwitterDateTime(createdAtText);
    if (!createdAt)
        return columnError(CreatedAt, createdAt.error());
    if (!isAcceptedPostTime(*createdAt + m_timeShiftMs))
        return columnError(CreatedAt, describeOutOfRange(createdAtText));
    row.createdAtMs = *createdAt;
    row.text = utf8Exactly(fields[index[Text]]);
    if (Status s = checkText(row.text, QCoreApplication::translate("Ingest", "the text")); !s)
        return columnError(Text, s.error());
    if (row.text.size() > kMaxTextLength)
        return columnError(Text, QCoreApplication::translate("Import", "too long: %1 characters, at most %2")
                                     .arg(row.text.size())
                                     .arg(kMaxTextLength));
    // response_tweet_id is the reverse of the links; checked, not needed to rebuild threads.
    if (const QByteArray responses = fields[index[Responses]].trimmed(); !responses.isEmpty()) {
        for (const QByteArray &response : responses.split(',')) {
            if (auto responseId = parseId(response); !responseId)
                return columnError(Responses, responseId.error());
        }
    }
    if (!fields[index[InResponseTo]].trimmed().isEmpty()) {
        auto parent = parseId(fields[index[InResponseTo]]);
        if (!parent)
            return columnError(InResponseTo, parent.error());
        row.parent = *parent;
    }
    return row;
}

qint64 TwcsCsvReader::rootOf(qint64 id)
{
    // Walk up the reply links while the parent is in the file, marking the way so that a cycle
    // ends the walk; every post on the way gets the same root.
    QVarLengthArray<qint64, 32> path;
    qint64 current = id;
    qint64 root = id;
    for (;;) {
        const auto link = m_links.find(current);
        if (link == m_links.end()) { // not a valid post of this file
            root = current;
            break;
        }
        if (link->root >= 0) {
            root = link->root;
            break;
        }
        if (link->root == kVisiting) {
            root = current;
            break;
        }
        path.append(current);
        link->root = kVisiting;
        if (link->parent == kNoParent || !m_links.contains(link->parent)) {
            root = current;
            break;
        }
        current = link->parent;
    }
    for (qint64 p : path)
        m_links[p].root = root;
    return root;
}

Status TwcsCsvReader::read(RecordSink &sink)
{
    const qint64 size = m_device.size();
    const qint64 total = 2 * size;
    m_records = 0;
    m_headerSeen = false;
    m_links.clear();

    // First pass: check every record, keep the links.
    Columns columns;
    {
        CsvRecordReader records(m_device, kMaxRecordBytes);
        auto header = readHeader(records);
        if (!header)
            return header.failure();
        columns = *header;
        m_headerSeen = columns.count > 0;
        if (!m_headerSeen)
            return {};
        for (;;) {
            const CsvRecordReader::Outcome outcome = records.next();
            if (outcome == CsvRecordReader::Outcome::End)
                break;
            if (outcome == CsvRecordReader::Outcome::Error)
                return Error{QCoreApplication::translate("Import", "reading stopped after line %1: %2")
                                 .arg(records.line())
                                 .arg(records.errorString()),
                             ErrorKind::Io};
            ++m_records;
            if (outcome == CsvRecordReader::Outcome::Invalid) {
                sink.invalid(records.line(), records.problem());
            } else if (auto row = parseRow(records.fields(), columns); !row) {
                sink.invalid(records.line(), row.error());
            } else if (!m_links.contains(row->id)) {
                m_links.insert(row->id, Link{row->parent, kUnknownRoot});
            }
            if (m_records % 4096 == 0) {
                if (Status s = sink.progress(m_device.pos(), total); !s)
                    return s;
            }
        }
    }
    if (m_links.isEmpty())
        return {};

    // Second pass: the valid records again, now with their threads.
    if (!m_device.seek(0))
        return Error{QCoreApplication::translate("Import", "the file cannot be read a second time: %1")
                         .arg(m_device.errorString()),
                     ErrorKind::Io};
    CsvRecordReader records(m_device, kMaxRecordBytes);
    if (auto header = readHeader(records); !header)
        return header.failure();
    qint64 seen = 0;
    for (;;) {
        const CsvRecordReader::Outcome outcome = records.next();
        if (outcome == CsvRecordReader::Outcome::End)
            return {};
        if (outcome == CsvRecordReader::Outcome::Error)
            return Error{QCoreApplication::translate("Import", "reading stopped after line %1: %2")
                             .arg(records.line())
                             .arg(records.errorString()),
                         ErrorKind::Io};
        if (++seen % 4096 == 0) {
            if (Status s = sink.progress(size + m_device.pos(), total); !s)
                return s;
        }
        if (outcome == CsvRecordReader::Outcome::Invalid)
            continue; // reported in the first pass
        auto row = parseRow(records.fields(), columns);
        if (!row)
            continue;
        PostRecord post;
        post.channel = Channel::X;
        post.threadExternalId = QString::number(rootOf(row->id));
        post.postExternalId = QString::number(row->id);
        if (row->parent != kNoParent)
            post.inReplyTo = QString::number(row->parent);
        // Brands are screen names (AppleSupport), customers anonymised numbers: both are the handle.
        post.author = {row->author, row->author, row->author, 0};
        post.direction = row->inbound ? Direction::Inbound : Direction::Outbound;
        post.visibility = Visibility::Public;
        post.createdAtMs = row->createdAtMs + m_timeShiftMs;
        post.text = std::move(row->text);
        if (Status s = sink.post(post, records.line()); !s)
            return s;
    }
}

} // namespace sportello
