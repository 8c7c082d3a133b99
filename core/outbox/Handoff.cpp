#include "outbox/Handoff.h"

#include "accounts/Accounts.h"
#include "common/Clock.h"
#include "customers/Customers.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "timers/Complaints.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <optional>

namespace sportello::outbox {

namespace {

const QString kEndpointKey = QStringLiteral("handoff_endpoint");
const QString kFolderKey = QStringLiteral("handoff_folder");

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

QJsonValue isoOrNull(qint64 ms) { return ms > 0 ? QJsonValue(iso(ms)) : QJsonValue(); }

Status writeState(Database &database, const QString &key, const QString &value)
{
    QSqlQuery q(database.connection());
    const QString statement = value.isEmpty() ? QStringLiteral("DELETE FROM app_state WHERE key = ?")
                                              : QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) ON "
                                                               "CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (Status s = sql::prepare(q, statement); !s)
        return s;
    q.addBindValue(key);
    if (!value.isEmpty())
        q.addBindValue(value);
    return sql::exec(q);
}

// Codes after a keyword: "polizza n. 123456789", "sinistro: 2023/SX/004512", "claim #CL-88231-7".
QStringList findNumbers(const QString &text, const QString &keywords)
{
    const QRegularExpression pattern(
        QStringLiteral("\\b(?:%1)\\b[^\\w\\n]{0,3}(?:(?:n|nr|no|num|numero|number)\\b\\.?[^\\w\\n]{0,3})?"
                       "([A-Z0-9][A-Z0-9/.\\-]{4,18}[A-Z0-9])")
            .arg(keywords),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QStringList found;
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QString code = it.next().captured(1).toUpper();
        int digits = 0;
        for (QChar c : code)
            digits += c.isDigit() ? 1 : 0;
        if (digits >= 5 && !found.contains(code))
            found << code;
    }
    return found;
}

// A link a person in customer care can open; empty where the platform has none we can build.
QString permalink(Channel channel, const QString &threadId, const QString &authorHandle, bool privateThread)
{
    if (privateThread)
        return {};
    switch (channel) {
    case Channel::X:
        return authorHandle.isEmpty() ? QStringLiteral("https://x.com/i/web/status/%1").arg(threadId)
                                      : QStringLiteral("https://x.com/%1/status/%2").arg(authorHandle, threadId);
    case Channel::Facebook: {
        // Page post ids are "{page}_{post}".
        const int underscore = threadId.indexOf(QLatin1Char('_'));
        if (underscore > 0)
            return QStringLiteral("https://www.facebook.com/%1/posts/%2")
                .arg(threadId.left(underscore), threadId.mid(underscore + 1));
        return QStringLiteral("https://www.facebook.com/%1").arg(threadId);
    }
    default: return {}; // Instagram media links need the shortcode, which the cache does not keep
    }
}

// One post of the forwarded thread, as the packet tells it.
struct ThreadPost {
    QString id;
    std::optional<QString> inReplyTo; // not a reply
    QString direction;
    QString visibility;
    qint64 createdAtMs = 0;
    QString text;
    QString authorId;
    QString authorHandle;
    QString authorName;
    qint64 dueAtMs = 0;
    std::optional<qint64> targetMs;
    bool businessClock = false;
    qint64 answeredAtMs = 0; // 0: not answered
};

// Reads the packet's posts by column name, looked up once per query.
class ThreadPostMapper {
public:
    explicit ThreadPostMapper(const QSqlRecord &record)
        : m_id(record.indexOf(QLatin1String("id"))), m_inReplyTo(record.indexOf(QLatin1String("in_reply_to"))),
          m_direction(record.indexOf(QLatin1String("direction"))),
          m_visibility(record.indexOf(QLatin1String("visibility"))),
          m_createdAt(record.indexOf(QLatin1String("created_at"))), m_text(record.indexOf(QLatin1String("text"))),
          m_authorId(record.indexOf(QLatin1String("author_id"))), m_handle(record.indexOf(QLatin1String("handle"))),
          m_displayName(record.indexOf(QLatin1String("display_name"))),
          m_dueAt(record.indexOf(QLatin1String("due_at"))), m_targetMs(record.indexOf(QLatin1String("target_ms"))),
          m_businessClock(record.indexOf(QLatin1String("business_clock"))),
          m_answeredAt(record.indexOf(QLatin1String("answered_at")))
    {}

    ThreadPost operator()(const QSqlQuery &q) const
    {
        ThreadPost p;
        p.id = q.value(m_id).toString();
        const QVariant inReplyTo = q.value(m_inReplyTo);
        if (!inReplyTo.isNull())
            p.inReplyTo = inReplyTo.toString();
        p.direction = q.value(m_direction).toString();
        p.visibility = q.value(m_visibility).toString();
        p.createdAtMs = q.value(m_createdAt).toLongLong();
        p.text = q.value(m_text).toString();
        p.authorId = q.value(m_authorId).toString();
        p.authorHandle = q.value(m_handle).toString();
        p.authorName = q.value(m_displayName).toString();
        p.dueAtMs = q.value(m_dueAt).toLongLong();
        const QVariant target = q.value(m_targetMs);
        if (!target.isNull())
            p.targetMs = target.toLongLong();
        p.businessClock = q.value(m_businessClock).toInt() != 0;
        const QVariant answered = q.value(m_answeredAt);
        p.answeredAtMs = answered.isNull() ? 0 : answered.toLongLong();
        return p;
    }

private:
    int m_id, m_inReplyTo, m_direction, m_visibility, m_createdAt, m_text, m_authorId, m_handle, m_displayName, m_dueAt,
        m_targetMs, m_businessClock, m_answeredAt;
};

} // namespace

Result<HandoffSettings> readHandoffSettings(Database &database)
{
    QSqlQuery q(database.connection());
    if (Status s = sql::prepare(q, QStringLiteral("SELECT key, value FROM app_state WHERE key IN (?, ?)")); !s)
        return s.failure();
    q.addBindValue(kEndpointKey);
    q.addBindValue(kFolderKey);
    if (Status s = sql::exec(q); !s)
        return s.failure();
    HandoffSettings settings;
    while (q.next()) {
        const QString value = q.value(QStringLiteral("value")).toString();
        if (q.value(QStringLiteral("key")).toString() == kEndpointKey)
            settings.endpoint = value;
        else
            settings.folder = value;
    }
    return settings;
}

Status setHandoffEndpoint(Database &database, const QString &endpoint)
{
    const QString text = endpoint.trimmed();
    if (!text.isEmpty()) {
        auto url = accounts::validateBaseUrl(text);
        if (!url)
            return Error{QCoreApplication::translate("Handoff", "Hand-off endpoint: %1").arg(url.error()),
                         ErrorKind::InvalidInput};
    }
    return writeState(database, kEndpointKey, text);
}

Status setHandoffFolder(Database &database, const QString &folder)
{
    const QString text = folder.trimmed();
    if (!text.isEmpty() && !QDir::isAbsolutePath(text))
        return Error{
            QCoreApplication::translate("Handoff", "The hand-off folder must be an absolute path: %1").arg(text),
            ErrorKind::InvalidInput};
    return writeState(database, kFolderKey, text.isEmpty() ? text : QDir::cleanPath(text));
}

QStringList findPolicyNumbers(const QString &text)
{
    return findNumbers(text, QStringLiteral("polizza|polizze|contratto|policy|pol"));
}

QStringList findClaimNumbers(const QString &text)
{
    return findNumbers(text, QStringLiteral("sinistro|sinistri|pratica|claim|denuncia"));
}

namespace {

// `policyholder_ref` (or null) and `linked_identities` (the customer's other identities: channel,
// id, handle, display_name) of the thread's customer.
Result<QJsonObject> handoffCustomerIdentities(Database &database, qint64 threadId, qint64 nowMs)
{
    const ManualClock clock(nowMs);
    const CustomerStore customers(database, clock);
    auto author = customers.threadAuthor(threadId);
    if (!author)
        return author.failure();
    QJsonArray identities;
    QJsonValue reference;
    if (author.value() > 0) {
        auto card = customers.card(author.value(), threadId);
        if (!card)
            return card.failure();
        for (const CustomerIdentity &i : card->identities)
            if (i.authorId != author.value())
                identities.append(QJsonObject{{QStringLiteral("channel"), toId(i.channel)},
                                              {QStringLiteral("id"), i.externalId},
                                              {QStringLiteral("handle"), i.handle},
                                              {QStringLiteral("display_name"), i.displayName}});
        if (card->policyholderRef)
            reference = card->policyholderRef->value;
    }
    return QJsonObject{{QStringLiteral("policyholder_ref"), reference},
                       {QStringLiteral("linked_identities"), identities}};
}

} // namespace

Result<QJsonObject> buildHandoffPacket(Database &database, const OutboxEntry &entry, qint64 nowMs)
{
    if (entry.kind != DecisionKind::Forward)
        return Error{QStringLiteral("buildHandoffPacket: entry %1 is not a forward").arg(entry.id),
                     ErrorKind::InvalidInput};
    const QSqlDatabase db = database.connection();

    QSqlQuery thread(db);
    if (Status s =
            sql::prepare(thread, QStringLiteral("SELECT t.category, d.decided_at FROM threads t JOIN decisions d "
                                                "ON d.thread_id = t.id WHERE d.id = ?"));
        !s)
        return s.failure();
    thread.addBindValue(entry.decisionId);
    if (Status s = sql::exec(thread); !s)
        return s.failure();
    if (!thread.next())
        return Error{QCoreApplication::translate("Handoff", "The thread of forward %1 is no longer in the cache.")
                         .arg(entry.caseReference),
                     ErrorKind::NotFound};
    const QString category = thread.value(QStringLiteral("category")).toString();
    const qint64 decidedAt = thread.value(QStringLiteral("decided_at")).toLongLong();

    QSqlQuery posts(db);
    if (Status s = sql::prepare(
            posts, QStringLiteral("SELECT p.external_id AS id, p.in_reply_to AS in_reply_to, p.direction AS direction, "
                                  "p.visibility AS visibility, p.created_at AS created_at, p.text AS text, "
                                  "a.external_id AS author_id, a.handle AS handle, a.display_name AS display_name, "
                                  "p.due_at AS due_at, p.target_ms AS target_ms, p.business_clock AS business_clock, "
                                  "p.answered_at AS answered_at FROM posts p JOIN authors a ON a.id = p.author_id "
                                  "WHERE p.thread_id = ? ORDER BY p.created_at, p.id"));
        !s)
        return s.failure();
    posts.addBindValue(entry.threadId);
    if (Status s = sql::exec(posts); !s)
        return s.failure();

    QJsonArray postList;
    QJsonObject customer;
    QJsonObject timer;
    QStringList policies, claims;
    bool privateThread = true;
    const ThreadPostMapper postFrom(posts.record());
    while (posts.next()) {
        const ThreadPost post = postFrom(posts);
        const bool inbound = post.direction == QLatin1String("inbound");
        privateThread = privateThread && post.visibility == QLatin1String("private");
        postList.append(QJsonObject{
            {QStringLiteral("id"), post.id},
            {QStringLiteral("in_reply_to"), post.inReplyTo ? QJsonValue(*post.inReplyTo) : QJsonValue()},
            {QStringLiteral("direction"), post.direction},
            {QStringLiteral("visibility"), post.visibility},
            {QStringLiteral("created_at"), iso(post.createdAtMs)},
            {QStringLiteral("author_handle"), post.authorHandle},
            {QStringLiteral("author_name"), post.authorName},
            {QStringLiteral("text"), post.text},
        });
        if (!inbound)
            continue;
        // The customer is the author of the thread's first inbound post.
        if (customer.isEmpty())
            customer = QJsonObject{{QStringLiteral("id"), post.authorId},
                                   {QStringLiteral("handle"), post.authorHandle},
                                   {QStringLiteral("display_name"), post.authorName}};
        for (const QString &n : findPolicyNumbers(post.text))
            if (!policies.contains(n))
                policies << n;
        for (const QString &n : findClaimNumbers(post.text))
            if (!claims.contains(n))
                claims << n;
        // The timer of the latest inbound post at the decision: the one the forward answered.
        if (post.createdAtMs <= decidedAt) {
            const qint64 reference = post.answeredAtMs > 0 ? post.answeredAtMs : nowMs;
            timer = QJsonObject{
                {QStringLiteral("post_id"), post.id},
                {QStringLiteral("arrived_at"), iso(post.createdAtMs)},
                {QStringLiteral("target_minutes"), post.targetMs ? QJsonValue(*post.targetMs / 60'000) : QJsonValue()},
                {QStringLiteral("business_clock"), post.businessClock},
                {QStringLiteral("due_at"), isoOrNull(post.dueAtMs)},
                {QStringLiteral("answered_at"), isoOrNull(post.answeredAtMs)},
                {QStringLiteral("state"),
                 post.dueAtMs <= 0 ? QStringLiteral("no_target")
                 : reference > post.dueAtMs
                     ? (post.answeredAtMs > 0 ? QStringLiteral("breached") : QStringLiteral("overdue"))
                     : (post.answeredAtMs > 0 ? QStringLiteral("met") : QStringLiteral("running"))},
            };
        }
    }
    if (postList.isEmpty())
        return Error{QCoreApplication::translate("Handoff", "The thread of forward %1 has no posts in the cache.")
                         .arg(entry.caseReference),
                     ErrorKind::NotFound};

    QJsonValue complaint;
    auto clock = complaintClock(database, entry.threadId);
    if (!clock)
        return clock.failure();
    if (clock->has_value()) {
        const ComplaintClock &c = **clock;
        complaint = QJsonObject{{QStringLiteral("received_at"), iso(c.receivedAtMs)},
                                {QStringLiteral("forwarded_at"), iso(c.forwardedAtMs)},
                                {QStringLiteral("deadline_at"), iso(c.deadlineAtMs)},
                                {QStringLiteral("days_left"), complaintDaysLeft(nowMs, c.deadlineAtMs)},
                                {QStringLiteral("regulation"), QStringLiteral("ISVAP 24/2008, IVASS: 45 days")}};
    }

    if (!customer.isEmpty()) {
        // The customer card's policyholder reference and the identities linked to this author
        // (docs/customers.md): customer care finds the policyholder without asking again.
        auto linked = handoffCustomerIdentities(database, entry.threadId, nowMs);
        if (!linked)
            return linked.failure();
        for (const QString &key : linked->keys())
            customer.insert(key, linked->value(key));
    }
    const QString handle = customer.value(QStringLiteral("handle")).toString();
    const QString link = permalink(entry.channel, entry.threadExternalId, handle, privateThread);
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("sportello-handoff")},
        {QStringLiteral("version"), kHandoffFormatVersion},
        {QStringLiteral("case_reference"), entry.caseReference},
        {QStringLiteral("idempotency_key"), entry.idempotencyKey},
        {QStringLiteral("created_at"), iso(nowMs)},
        {QStringLiteral("channel"), toId(entry.channel)},
        {QStringLiteral("thread"),
         QJsonObject{{QStringLiteral("id"), entry.threadExternalId},
                     {QStringLiteral("permalink"), link.isEmpty() ? QJsonValue() : QJsonValue(link)},
                     {QStringLiteral("private"), privateThread}}},
        {QStringLiteral("customer"), customer.isEmpty() ? QJsonValue() : QJsonValue(customer)},
        {QStringLiteral("category"), category.isEmpty() ? QJsonValue() : QJsonValue(category)},
        {QStringLiteral("posts"), postList},
        {QStringLiteral("timer"), timer.isEmpty() ? QJsonValue() : QJsonValue(timer)},
        {QStringLiteral("complaint"), complaint},
        {QStringLiteral("agent"),
         QJsonObject{{QStringLiteral("id"), entry.agent.id}, {QStringLiteral("name"), entry.agent.name}}},
        {QStringLiteral("decided_at"), iso(decidedAt)},
        {QStringLiteral("note"), entry.text},
        {QStringLiteral("policy_numbers"), QJsonArray::fromStringList(policies)},
        {QStringLiteral("claim_numbers"), QJsonArray::fromStringList(claims)},
    };
}

Result<FileDelivery> writeHandoffFile(const QString &folder, const QString &caseReference,
                                      const QString &idempotencyKey, const QByteArray &json)
{
    if (folder.isEmpty())
        return Error{QCoreApplication::translate("Handoff", "No hand-off folder is configured."),
                     ErrorKind::InvalidInput};
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9-]+$"));
    if (!safe.match(caseReference).hasMatch())
        return Error{QCoreApplication::translate("Handoff", "The case reference \"%1\" cannot be used as a file name.")
                         .arg(caseReference),
                     ErrorKind::InvalidInput};
    const QFileInfo dir(folder);
    if (!dir.isDir())
        return Error{QCoreApplication::translate("Handoff", "The hand-off folder %1 does not exist or is not a folder.")
                         .arg(QDir::toNativeSeparators(folder)),
                     ErrorKind::Io};
    FileDelivery delivery;
    delivery.path = QDir(folder).filePath(caseReference + QStringLiteral(".json"));
    if (QFile::exists(delivery.path)) {
        QFile existing(delivery.path);
        if (!existing.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("Handoff", "The hand-off file %1 exists but cannot be read: %2")
                             .arg(QDir::toNativeSeparators(delivery.path), existing.errorString()),
                         ErrorKind::Io};
        const QJsonObject there = QJsonDocument::fromJson(existing.readAll()).object();
        if (there.value(QLatin1String("idempotency_key")).toString() == idempotencyKey) {
            delivery.alreadyThere = true; // an earlier attempt wrote it; not written twice
            return delivery;
        }
        return Error{QCoreApplication::translate("Handoff",
                                                 "A different file named %1 is already in the hand-off folder; it "
                                                 "was left as it is.")
                         .arg(QDir::toNativeSeparators(delivery.path)),
                     ErrorKind::Conflict};
    }
    // QSaveFile writes a temporary file and renames it on commit: customer care never sees half a packet.
    QSaveFile file(delivery.path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QCoreApplication::translate("Handoff", "Cannot write the hand-off file %1: %2")
                         .arg(QDir::toNativeSeparators(delivery.path), file.errorString()),
                     ErrorKind::Io};
    if (file.write(json) != json.size() || !file.commit()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error{QCoreApplication::translate("Handoff", "Cannot write the hand-off file %1 (is the disk full?): %2")
                         .arg(QDir::toNativeSeparators(delivery.path), why),
                     ErrorKind::Io};
    }
    return delivery;
}

HandoffSender::HandoffSender(QNetworkAccessManager *network, const Clock &clock, QObject *parent)
    : QObject(parent), m_network(network), m_clock(clock),
      m_random([] { return QRandomGenerator::global()->generateDouble(); })
{}

HandoffSender::~HandoffSender() = default;

void HandoffSender::post(const QUrl &endpoint, const QString &idempotencyKey, const QByteArray &json,
                         std::function<void(const net::HttpOutcome &)> done)
{
    net::HttpRequestSpec spec;
    spec.verb = "POST";
    spec.url = endpoint;
    spec.body = json;
    spec.timeoutMs = m_timeoutMs;
    // The receiver keeps one hand-off per key, so a repeat is harmless and the job may retry.
    spec.idempotent = true;
    spec.expectJson = false;
    spec.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    spec.headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8()});
    auto *job = new net::HttpJob(m_network, m_clock, spec, m_retry, this);
    job->setRandomSource(m_random);
    connect(job, &net::HttpJob::finished, this, [job, done = std::move(done)](const net::HttpOutcome &outcome) {
        job->deleteLater();
        done(outcome);
    });
    job->start();
}

} // namespace sportello::outbox
