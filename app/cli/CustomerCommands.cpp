// customer: the customer card from the command line (docs/customers.md, docs/cli.md): show,
// suggest, link, unlink, note, set-ref, clear-ref, crm-template, crm-url.

#include "cli/AccessCommands.h"
#include "cli/Cli.h"

#include "common/Clock.h"
#include "customers/CrmLink.h"
#include "customers/Customers.h"
#include "privacy/AccessLog.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "timers/Complaints.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace sportello::cli {

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "Cli", "customer takes: show THREAD, suggest THREAD, link THREAD CHANNEL:AUTHOR_ID, unlink CHANNEL:AUTHOR_ID, "
               "note THREAD TEXT, set-ref THREAD REFERENCE, clear-ref THREAD, crm-template [URL], crm-url THREAD.");
}

QString iso(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }

Result<qint64> parseThread(const QString &text)
{
    bool ok = false;
    const qint64 thread = text.toLongLong(&ok);
    if (!ok || thread <= 0)
        return Error{QCoreApplication::translate("Cli", "\"%1\" is not a thread number.").arg(text),
                     ErrorKind::InvalidInput};
    return thread;
}

// An author as CHANNEL:AUTHOR_ID, the platform's id ("x:1551234567", "facebook:10223").
Result<qint64> parseAuthor(Database &db, const QString &text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const auto channel = colon > 0 ? channelFromId(text.left(colon)) : std::nullopt;
    if (!channel)
        return Error{
            QCoreApplication::translate("Cli", "\"%1\" is not CHANNEL:AUTHOR_ID (for example x:1551234567).").arg(text),
            ErrorKind::InvalidInput};
    QSqlQuery query(db.connection());
    if (Status s = sql::prepare(query, QStringLiteral("SELECT id FROM authors WHERE channel = ? AND external_id = ?"));
        !s)
        return s.failure();
    query.addBindValue(toId(*channel));
    query.addBindValue(text.mid(colon + 1));
    if (Status s = sql::exec(query); !s)
        return s.failure();
    if (!query.next())
        return Error{QCoreApplication::translate("Cli", "No author %1 in this cache.").arg(text), ErrorKind::NotFound};
    return query.value(0).toLongLong();
}

QJsonObject identityJson(const CustomerIdentity &i)
{
    return {{QStringLiteral("author"), toId(i.channel) + QLatin1Char(':') + i.externalId},
            {QStringLiteral("handle"), i.handle},
            {QStringLiteral("display_name"), i.displayName},
            {QStringLiteral("linked_by"), i.linkedBy}};
}

QJsonObject cardJson(const CustomerCard &card, qint64 nowMs)
{
    QJsonArray identities, threads, decisions, complaints, handoffs, notes;
    for (const CustomerIdentity &i : card.identities)
        identities.append(identityJson(i));
    for (const CustomerThread &t : card.threads)
        threads.append(QJsonObject{{QStringLiteral("thread"), t.threadId},
                                   {QStringLiteral("channel"), toId(t.channel)},
                                   {QStringLiteral("external_id"), t.externalId},
                                   {QStringLiteral("status"), toId(t.status)},
                                   {QStringLiteral("private"), t.isPrivate},
                                   {QStringLiteral("last_activity_at"), iso(t.lastActivityMs)}});
    for (const CustomerDecision &d : card.decisions)
        decisions.append(QJsonObject{{QStringLiteral("thread"), d.threadId},
                                     {QStringLiteral("kind"), toId(d.kind)},
                                     {QStringLiteral("agent"), d.agentName},
                                     {QStringLiteral("decided_at"), iso(d.decidedAtMs)}});
    for (const CustomerComplaint &c : card.openComplaints)
        complaints.append(QJsonObject{{QStringLiteral("thread"), c.threadId},
                                      {QStringLiteral("deadline_at"), iso(c.deadlineAtMs)},
                                      {QStringLiteral("days_left"), complaintDaysLeft(nowMs, c.deadlineAtMs)}});
    for (const CustomerHandoff &h : card.handoffs)
        handoffs.append(QJsonObject{{QStringLiteral("thread"), h.threadId},
                                    {QStringLiteral("case_reference"), h.caseReference},
                                    {QStringLiteral("state"), h.state}});
    for (const CustomerNote &n : card.notes)
        notes.append(QJsonObject{{QStringLiteral("at"), iso(n.atMs)},
                                 {QStringLiteral("agent"), n.agentName},
                                 {QStringLiteral("text"), n.text}});
    QJsonValue reference;
    if (card.policyholderRef)
        reference = QJsonObject{{QStringLiteral("value"), card.policyholderRef->value},
                                {QStringLiteral("verified_in_thread"), card.policyholderRef->verifiedInThreadId},
                                {QStringLiteral("set_by"), card.policyholderRef->setBy},
                                {QStringLiteral("set_at"), iso(card.policyholderRef->setAtMs)}};
    return {{QStringLiteral("identities"), identities},
            {QStringLiteral("threads"), threads},
            {QStringLiteral("more_threads"), card.moreThreads},
            {QStringLiteral("decisions"), decisions},
            {QStringLiteral("open_complaints"), complaints},
            {QStringLiteral("handoffs"), handoffs},
            {QStringLiteral("notes"), notes},
            {QStringLiteral("policyholder_ref"), reference}};
}

int runCustomer(const Invocation &call)
{
    const QStringList &a = call.arguments;
    if (a.isEmpty())
        return usageError(usage());
    const QString action = a.first();
    const auto arity = [&](qsizetype n) { return a.size() == n; };
    const bool known =
        (action == QLatin1String("show") && arity(2)) || (action == QLatin1String("suggest") && arity(2)) ||
        (action == QLatin1String("link") && arity(3)) || (action == QLatin1String("unlink") && arity(2)) ||
        (action == QLatin1String("note") && arity(3)) || (action == QLatin1String("set-ref") && arity(3)) ||
        (action == QLatin1String("clear-ref") && arity(2)) ||
        (action == QLatin1String("crm-template") && (arity(1) || arity(2))) ||
        (action == QLatin1String("crm-url") && arity(2));
    if (!known)
        return usageError(usage());
    const bool writes = action == QLatin1String("link") || action == QLatin1String("unlink") ||
                        action == QLatin1String("note") || action == QLatin1String("set-ref") ||
                        action == QLatin1String("clear-ref");
    const QString agentName = call.parser.value(QStringLiteral("agent")).trimmed();
    if (writes && agentName.isEmpty())
        return usageError(
            QCoreApplication::translate("Cli", "customer %1 needs --agent NAME: every change is audited.").arg(action));
    const Agent agent{QStringLiteral("cli:") + agentName, agentName};

    auto db = openDatabase(call.databasePath, false);
    if (!db)
        return db.exitCode();
    const SystemClock clock;
    CustomerStore store(*db, clock);
    const bool json = call.parser.isSet(QStringLiteral("json"));

    if (action == QLatin1String("crm-template")) {
        if (arity(2) || call.parser.isSet(QStringLiteral("clear"))) {
            if (Status s = saveCrmTemplate(db->connection(), arity(2) ? a.at(1) : QString()); !s)
                return fail(s.failure());
            out() << (arity(2) ? QCoreApplication::translate("Cli", "The CRM address template is set.")
                               : QCoreApplication::translate("Cli", "The CRM address template is removed."))
                  << Qt::endl;
            return kOk;
        }
        auto stored = loadCrmTemplate(db->connection());
        if (!stored)
            return fail(stored.failure());
        out() << stored.value() << Qt::endl;
        return kOk;
    }
    // The commands on a thread's customer and on an author.
    qint64 author = 0;
    qint64 thread = 0;
    if (action == QLatin1String("unlink")) {
        auto parsed = parseAuthor(*db, a.at(1));
        if (!parsed)
            return parsed.errorKind() == ErrorKind::InvalidInput ? usageError(parsed.error()) : fail(parsed.failure());
        author = parsed.value();
    } else {
        auto parsed = parseThread(a.at(1));
        if (!parsed)
            return usageError(parsed.error());
        thread = parsed.value();
        auto found = store.threadAuthor(thread);
        if (!found)
            return fail(found.failure());
        if (found.value() == 0)
            return fail(
                Error{QCoreApplication::translate("Cli", "Thread %1 has no customer's post in this cache.").arg(thread),
                      ErrorKind::NotFound});
        author = found.value();
    }

    if (action == QLatin1String("show")) {
        auto card = store.card(author, thread);
        if (!card)
            return fail(card.failure());
        // Opening a card is an access to the customer's data (docs/privacy.md): recorded
        // before it is shown, so that nothing shown goes unrecorded.
        auto subject = privacy::personSubject(db->connection(), author);
        if (!subject)
            return fail(subject.failure());
        if (Status s = privacy::recordAccess(db->connection(), clock.nowMs(), accessAgent(*db, agentName),
                                             privacy::AccessKind::CustomerCard, *subject);
            !s)
            return fail(s.failure());
        out() << QJsonDocument(cardJson(card.value(), clock.nowMs()))
                     .toJson(json ? QJsonDocument::Compact : QJsonDocument::Indented);
        if (json)
            out() << '\n';
        out().flush();
        return kOk;
    }
    if (action == QLatin1String("suggest")) {
        auto suggested = store.suggestions(author);
        if (!suggested)
            return fail(suggested.failure());
        for (const IdentitySuggestion &s : suggested.value()) {
            QJsonObject o = identityJson(s.identity);
            o.remove(QStringLiteral("linked_by"));
            o.insert(QStringLiteral("handle_matches"), s.handleMatches);
            o.insert(QStringLiteral("name_matches"), s.nameMatches);
            out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        }
        out().flush();
        return suggested->isEmpty() ? int(kNothingToDo) : int(kOk);
    }
    if (action == QLatin1String("crm-url")) {
        QString why;
        auto stored = loadCrmTemplate(db->connection());
        if (!stored)
            return fail(stored.failure());
        if (stored->isEmpty())
            return fail(Error{QCoreApplication::translate("Cli", "No CRM address template is set (customer "
                                                                 "crm-template URL)."),
                              ErrorKind::NotFound});
        auto card = store.card(author, thread);
        if (!card)
            return fail(card.failure());
        const CustomerIdentity &self = card->identities.first();
        auto url = buildCrmUrl(stored.value(), {{QStringLiteral("policyholder_ref"),
                                                 card->policyholderRef ? card->policyholderRef->value : QString()},
                                                {QStringLiteral("handle"), self.handle},
                                                {QStringLiteral("name"), self.displayName},
                                                {QStringLiteral("channel"), toId(self.channel)},
                                                {QStringLiteral("author_id"), self.externalId}});
        if (!url)
            return fail(url.failure());
        out() << url->toString(QUrl::FullyEncoded) << Qt::endl;
        return kOk;
    }

    Status done;
    QString message;
    if (action == QLatin1String("link")) {
        auto other = parseAuthor(*db, a.at(2));
        if (!other)
            return other.errorKind() == ErrorKind::InvalidInput ? usageError(other.error()) : fail(other.failure());
        done = store.link(author, other.value(), agent);
        message =
            QCoreApplication::translate("Cli", "Linked %1 to the customer of thread %2.").arg(a.at(2)).arg(thread);
    } else if (action == QLatin1String("unlink")) {
        done = store.unlink(author, agent);
        message = QCoreApplication::translate("Cli", "Unlinked %1.").arg(a.at(1));
    } else if (action == QLatin1String("note")) {
        auto added = store.addNote(author, a.at(2), agent);
        done = added ? Status() : Status(added.failure());
        message = QCoreApplication::translate("Cli", "Note added to the customer of thread %1.").arg(thread);
    } else if (action == QLatin1String("set-ref")) {
        done = store.setPolicyholderRef(author, thread, a.at(2), agent);
        message =
            QCoreApplication::translate("Cli", "Policyholder reference stored, verified in thread %1.").arg(thread);
    } else {
        done = store.clearPolicyholderRef(author, agent);
        message = QCoreApplication::translate("Cli", "Policyholder reference cleared.");
    }
    if (!done)
        return fail(done.failure());
    out() << message << Qt::endl;
    return kOk;
}

} // namespace

QVector<Command> customerCommands()
{
    return {
        {QStringLiteral("customer"),
         QCoreApplication::translate("Cli", "The customer behind a thread: show the card, suggest, link and unlink "
                                            "identities, notes, the policyholder reference, the CRM address."),
         QStringLiteral("customer show|suggest THREAD | link THREAD CHANNEL:AUTHOR_ID | unlink CHANNEL:AUTHOR_ID | "
                        "note THREAD TEXT | set-ref THREAD REFERENCE | clear-ref THREAD | crm-template [URL|--clear] "
                        "| crm-url THREAD"),
         [](QCommandLineParser &parser) {
             parser.addOption(
                 {QStringLiteral("json"), QCoreApplication::translate("Cli", "One JSON object on one line.")});
             parser.addOption({QStringLiteral("agent"),
                               QCoreApplication::translate("Cli", "Who records the change (show: who opens the card; "
                                                                  "default the system's user)."),
                               QCoreApplication::translate("Cli", "NAME")});
             parser.addOption(
                 {QStringLiteral("clear"), QCoreApplication::translate("Cli", "Remove the CRM address template.")});
         },
         runCustomer},
    };
}

} // namespace sportello::cli
