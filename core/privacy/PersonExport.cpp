#include "privacy/PersonExport.h"

#include "common/LocaleText.h"
#include "domain/Domain.h"
#include "privacy/AccessLog.h"
#include "privacy/PrivacyLog.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "team/TeamRoles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlQuery>
#include <QStringList>

namespace sportello::privacy {

namespace {

// The ids as a list for IN (...): integers from the cache itself, never text from outside.
QString idList(const QVector<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Status s = sql::prepare(query, statement); !s)
        return s.failure();
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query;
}

Result<QVector<PersonPost>> readPosts(const QSqlDatabase &db, const QString &statement)
{
    auto query = run(db, statement);
    if (!query)
        return query.failure();
    QVector<PersonPost> posts;
    while (query->next())
        posts.push_back({query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString(),
                         query->value(3).toString()});
    return posts;
}

QString iso(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

QString channelText(const QString &id)
{
    const auto channel = channelFromId(id);
    return channel ? label(*channel) : id;
}

QString visibilityText(const QString &id)
{
    return id == QLatin1String("private") ? QCoreApplication::translate("Privacy", "private message")
                                          : QCoreApplication::translate("Privacy", "public");
}

} // namespace

QString personalDataRefusedMessage()
{
    return QCoreApplication::translate(
        "Privacy", "Personal data leaves the team only through a supervisor, an admin or the data protection officer: "
                   "ask one of them for this export.");
}

Result<qint64> findAuthor(const QSqlDatabase &db, const QString &channelAndId)
{
    const qsizetype colon = channelAndId.indexOf(QLatin1Char(':'));
    const auto channel = colon > 0 ? channelFromId(channelAndId.left(colon)) : std::nullopt;
    if (!channel || colon + 1 >= channelAndId.size())
        return Error{
            QCoreApplication::translate("Privacy", "\"%1\" is not CHANNEL:AUTHOR_ID (for example x:1551234567).")
                .arg(channelAndId),
            ErrorKind::InvalidInput};
    auto query = run(db, QStringLiteral("SELECT id FROM authors WHERE channel = ? AND external_id = ?"),
                     {toId(*channel), channelAndId.mid(colon + 1)});
    if (!query)
        return query.failure();
    if (!query->next())
        return Error{QCoreApplication::translate("Privacy", "No author %1 in this cache.").arg(channelAndId),
                     ErrorKind::NotFound};
    return query->value(0).toLongLong();
}

Result<PersonData> collectPersonData(const QSqlDatabase &db, qint64 authorId)
{
    PersonData data;
    qint64 customerId = 0;
    {
        auto customer = run(db,
                            QStringLiteral("SELECT c.id, c.uuid, c.policyholder_ref FROM customer_identities i "
                                           "JOIN customers c ON c.id = i.customer_id WHERE i.author_id = ?"),
                            {authorId});
        if (!customer)
            return customer.failure();
        if (customer->next()) {
            customerId = customer->value(0).toLongLong();
            data.customerUuid = customer->value(1).toString();
            data.policyholderRef = customer->value(2).toString();
        }
    }
    // The person: the author and, through the customer, every author linked to it.
    QVector<qint64> authors{authorId};
    {
        auto linked = run(db,
                          QStringLiteral("SELECT author_id FROM customer_identities WHERE customer_id = ? "
                                         "AND author_id <> ? ORDER BY author_id"),
                          {customerId, authorId});
        if (!linked)
            return linked.failure();
        while (linked->next())
            authors.push_back(linked->value(0).toLongLong());
    }
    const QString ids = idList(authors);
    {
        auto identities = run(db,
                              QStringLiteral("SELECT channel, external_id, handle, display_name FROM authors "
                                             "WHERE id IN (%1) ORDER BY id = ? DESC, id")
                                  .arg(ids),
                              {authorId});
        if (!identities)
            return identities.failure();
        while (identities->next())
            data.identities.push_back({identities->value(0).toString(), identities->value(1).toString(),
                                       identities->value(2).toString(), identities->value(3).toString()});
    }
    // "+direction": the person's few posts come by author (posts_by_author); the index on
    // direction and time would walk every inbound post of the cache (a second on a million).
    auto posts = readPosts(db, QStringLiteral("SELECT created_at, channel, visibility, text FROM posts "
                                              "WHERE author_id IN (%1) AND +direction = 'inbound' "
                                              "ORDER BY created_at, id")
                                   .arg(ids));
    if (!posts)
        return posts.failure();
    data.posts = std::move(posts).value();
    // Conversations that are the person's alone: every customer post in them is theirs. A public
    // thread where others wrote too is the person's only where the company answered them.
    const QString ownThreads =
        QStringLiteral(
            "SELECT DISTINCT p.thread_id FROM posts p WHERE p.author_id IN (%1) AND +p.direction = 'inbound' "
            "AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.thread_id = p.thread_id "
            "AND q.direction = 'inbound' AND q.author_id NOT IN (%1))")
            .arg(ids);
    auto replies = readPosts(
        db, QStringLiteral("SELECT o.created_at, o.channel, o.visibility, o.text FROM posts o "
                           "WHERE +o.direction = 'outbound' AND o.thread_id IN (SELECT thread_id FROM posts "
                           "WHERE author_id IN (%1) AND +direction = 'inbound') "
                           "AND (o.thread_id IN (%2) OR EXISTS (SELECT 1 FROM posts r WHERE r.channel = o.channel "
                           "AND r.external_id = o.in_reply_to AND r.author_id IN (%1))) "
                           "ORDER BY o.created_at, o.id")
                .arg(ids, ownThreads));
    if (!replies)
        return replies.failure();
    data.replies = std::move(replies).value();
    if (customerId > 0) {
        auto notes = run(db,
                         QStringLiteral("SELECT at, agent_name, text FROM customer_notes WHERE customer_id = ? "
                                        "ORDER BY at, id"),
                         {customerId});
        if (!notes)
            return notes.failure();
        while (notes->next())
            data.notes.push_back(
                {notes->value(0).toLongLong(), notes->value(1).toString(), notes->value(2).toString()});
    }
    auto complaints = run(db, QStringLiteral("SELECT received_at, deadline_at, coalesce(resolved_at, 0), "
                                             "coalesce(resolution_note, '') FROM complaints WHERE thread_id IN (%1) "
                                             "ORDER BY received_at, thread_id")
                                  .arg(ownThreads));
    if (!complaints)
        return complaints.failure();
    while (complaints->next())
        data.complaints.push_back({complaints->value(0).toLongLong(), complaints->value(1).toLongLong(),
                                   complaints->value(2).toLongLong(), complaints->value(3).toString()});
    return data;
}

QByteArray personDataHtml(const PersonData &data, const QLocale &locale, qint64 generatedAtMs)
{
    const auto e = [](const QString &text) { return text.toHtmlEscaped(); };
    // With its year: the file is read long after (dateTimeText, "3 dic 2026 14:30").
    const auto when = [&locale](qint64 ms) {
        return dateTimeText(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), locale).toHtmlEscaped();
    };
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta charset=\"utf-8\">\n<title>%2</title>\n")
             .arg(e(locale.bcp47Name()),
                  e(QCoreApplication::translate("Privacy", "Personal data held by customer care")));
    // Self-contained: no script, no image, no link to anything outside the file.
    h += QStringLiteral("<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
                        "th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}"
                        "td.text{white-space:pre-wrap}th{background:#eee}</style>\n</head>\n<body>\n");
    h += QStringLiteral("<h1>%1</h1>\n<p>%2</p>\n")
             .arg(e(QCoreApplication::translate("Privacy", "Personal data held by customer care")),
                  e(QCoreApplication::translate("Privacy", "Prepared on %1.")).arg(when(generatedAtMs)));

    h += QStringLiteral("<h2>%1</h2>\n<table>\n<tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>\n")
             .arg(e(QCoreApplication::translate("Privacy", "Identities")),
                  e(QCoreApplication::translate("Privacy", "Channel")),
                  e(QCoreApplication::translate("Privacy", "Account id")),
                  e(QCoreApplication::translate("Privacy", "Handle")),
                  e(QCoreApplication::translate("Privacy", "Name")));
    for (const PersonIdentity &i : data.identities)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                 .arg(e(channelText(i.channel)), e(i.externalId), e(i.handle), e(i.displayName));
    h += QStringLiteral("</table>\n");

    h += QStringLiteral("<h2>%1</h2>\n<p>").arg(e(QCoreApplication::translate("Privacy", "Customer")));
    if (data.customerUuid.isEmpty())
        h += e(QCoreApplication::translate("Privacy", "Not linked to a customer record."));
    else
        h += e(QCoreApplication::translate("Privacy", "Customer record %1.")).arg(e(data.customerUuid));
    h += QStringLiteral(" ");
    h += data.policyholderRef.isEmpty()
             ? e(QCoreApplication::translate("Privacy", "No policyholder reference stored."))
             : e(QCoreApplication::translate("Privacy", "Policyholder reference: %1.")).arg(e(data.policyholderRef));
    h += QStringLiteral("</p>\n");

    const auto postTable = [&](const QString &title, const QVector<PersonPost> &posts, const QString &none) {
        h += QStringLiteral("<h2>%1 (%2)</h2>\n").arg(e(title)).arg(posts.size());
        if (posts.isEmpty()) {
            h += QStringLiteral("<p>%1</p>\n").arg(e(none));
            return;
        }
        h += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>\n")
                 .arg(e(QCoreApplication::translate("Privacy", "When")),
                      e(QCoreApplication::translate("Privacy", "Channel")),
                      e(QCoreApplication::translate("Privacy", "Visibility")),
                      e(QCoreApplication::translate("Privacy", "Text")));
        for (const PersonPost &p : posts)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"text\">%4</td></tr>\n")
                     .arg(when(p.atMs), e(channelText(p.channel)), e(visibilityText(p.visibility)), e(p.text));
        h += QStringLiteral("</table>\n");
    };
    postTable(QCoreApplication::translate("Privacy", "Your messages"), data.posts,
              QCoreApplication::translate("Privacy", "None."));
    postTable(QCoreApplication::translate("Privacy", "Our replies to you"), data.replies,
              QCoreApplication::translate("Privacy", "None."));

    h += QStringLiteral("<h2>%1 (%2)</h2>\n")
             .arg(e(QCoreApplication::translate("Privacy", "Notes about you")))
             .arg(data.notes.size());
    if (data.notes.isEmpty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(e(QCoreApplication::translate("Privacy", "None.")));
    } else {
        h += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th></tr>\n")
                 .arg(e(QCoreApplication::translate("Privacy", "When")),
                      e(QCoreApplication::translate("Privacy", "Written by")),
                      e(QCoreApplication::translate("Privacy", "Text")));
        for (const PersonNote &n : data.notes)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=\"text\">%3</td></tr>\n")
                     .arg(when(n.atMs), e(n.agentName), e(n.text));
        h += QStringLiteral("</table>\n");
    }

    h += QStringLiteral("<h2>%1 (%2)</h2>\n")
             .arg(e(QCoreApplication::translate("Privacy", "Complaints")))
             .arg(data.complaints.size());
    if (data.complaints.isEmpty()) {
        h += QStringLiteral("<p>%1</p>\n").arg(e(QCoreApplication::translate("Privacy", "None.")));
    } else {
        h += QStringLiteral("<table>\n<tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>\n")
                 .arg(e(QCoreApplication::translate("Privacy", "Received")),
                      e(QCoreApplication::translate("Privacy", "Answer due by")),
                      e(QCoreApplication::translate("Privacy", "Resolved")),
                      e(QCoreApplication::translate("Privacy", "Resolution")));
        for (const PersonComplaint &c : data.complaints)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"text\">%4</td></tr>\n")
                     .arg(when(c.receivedAtMs), when(c.deadlineAtMs),
                          c.resolvedAtMs > 0 ? when(c.resolvedAtMs) : e(QCoreApplication::translate("Privacy", "open")),
                          e(c.resolutionNote));
        h += QStringLiteral("</table>\n");
    }
    h += QStringLiteral("</body>\n</html>\n");
    return h.toUtf8();
}

QByteArray personDataJson(const PersonData &data, qint64 generatedAtMs)
{
    QJsonArray identities, posts, replies, notes, complaints;
    for (const PersonIdentity &i : data.identities)
        identities.append(QJsonObject{{QStringLiteral("channel"), i.channel},
                                      {QStringLiteral("account_id"), i.externalId},
                                      {QStringLiteral("handle"), i.handle},
                                      {QStringLiteral("name"), i.displayName}});
    const auto postJson = [](const PersonPost &p) {
        return QJsonObject{{QStringLiteral("at"), iso(p.atMs)},
                           {QStringLiteral("channel"), p.channel},
                           {QStringLiteral("visibility"), p.visibility},
                           {QStringLiteral("text"), p.text}};
    };
    for (const PersonPost &p : data.posts)
        posts.append(postJson(p));
    for (const PersonPost &p : data.replies)
        replies.append(postJson(p));
    for (const PersonNote &n : data.notes)
        notes.append(QJsonObject{{QStringLiteral("at"), iso(n.atMs)},
                                 {QStringLiteral("written_by"), n.agentName},
                                 {QStringLiteral("text"), n.text}});
    for (const PersonComplaint &c : data.complaints)
        complaints.append(QJsonObject{
            {QStringLiteral("received_at"), iso(c.receivedAtMs)},
            {QStringLiteral("deadline_at"), iso(c.deadlineAtMs)},
            {QStringLiteral("resolved_at"), c.resolvedAtMs > 0 ? QJsonValue(iso(c.resolvedAtMs)) : QJsonValue()},
            {QStringLiteral("resolution_note"), c.resolutionNote}});
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("sportello-person-export/1")},
        {QStringLiteral("generated_at"), iso(generatedAtMs)},
        {QStringLiteral("customer"), data.customerUuid.isEmpty() ? QJsonValue() : QJsonValue(data.customerUuid)},
        {QStringLiteral("policyholder_ref"),
         data.policyholderRef.isEmpty() ? QJsonValue() : QJsonValue(data.policyholderRef)},
        {QStringLiteral("identities"), identities},
        {QStringLiteral("posts"), posts},
        {QStringLiteral("replies"), replies},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("complaints"), complaints}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<PersonExportResult> exportPersonData(const QSqlDatabase &db, qint64 authorId, const QString &path,
                                            PersonExportFormat format, const QLocale &locale, const Agent &by,
                                            qint64 nowMs)
{
    auto own = team::ownTeamRole(db);
    if (!own)
        return own.failure();
    if (!team::mayExportPersonalData(own.value()))
        return Error{personalDataRefusedMessage(), ErrorKind::RefusedByPolicy};
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo target(path);
    if (target.isDir())
        return Error{QCoreApplication::translate("Privacy", "Cannot write %1: it is a folder.").arg(shown),
                     ErrorKind::Io};
    if (!target.absoluteDir().exists())
        return Error{QCoreApplication::translate("Privacy", "Cannot write %1: the folder %2 does not exist.")
                         .arg(shown, QDir::toNativeSeparators(target.absolutePath())),
                     ErrorKind::Io};
    // Read and record in one transaction: the record commits only once the file is in place.
    Transaction transaction(db);
    if (!transaction.started())
        return transaction.startFailure();
    auto data = collectPersonData(db, authorId);
    if (!data)
        return data.failure();
    auto subject = personSubject(db, authorId);
    if (!subject)
        return subject.failure();
    if (Status s = recordAccess(db, nowMs, by, AccessKind::PersonExport, *subject); !s)
        return s.failure();
    const QByteArray bytes =
        format == PersonExportFormat::Json ? personDataJson(*data, nowMs) : personDataHtml(*data, locale, nowMs);
    // A temporary file beside the target, renamed over it when complete: a failure leaves no
    // partial file (and an earlier file of that name as it was).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QCoreApplication::translate("Privacy", "Cannot write %1: %2").arg(shown, file.errorString()),
                     ErrorKind::Io};
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error{QCoreApplication::translate("Privacy", "Cannot write %1: %2").arg(shown, reason), ErrorKind::Io};
    }
    if (!file.commit())
        return Error{QCoreApplication::translate("Privacy", "Cannot write %1: %2").arg(shown, file.errorString()),
                     ErrorKind::Io};
    if (Status s = transaction.commit(); !s) {
        // The export is not recorded: it must not stay either.
        QFile::remove(path);
        return s.failure();
    }
    qCInfo(lcPrivacy) << "person export written:" << data->posts.size() << "posts," << data->replies.size()
                      << "replies";
    return PersonExportResult{int(data->posts.size()), int(data->replies.size())};
}

} // namespace sportello::privacy
