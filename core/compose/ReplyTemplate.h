#pragma once
// Saved-reply bodies with variables (docs/saved-replies.md):
//   {customer_name} {customer_handle} {agent_name} {channel} {case_reference} {today}
// filled from the thread and the agent, in the customer's language; and prompted variables
//   {?claim_number:Claim number}
// that the agent fills in when inserting. {{ and }} write literal braces.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QDate>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace sportello {

struct ReplyContext {
    QString language = QStringLiteral("it"); // the customer's: "it" or "en"
    QString customerName;
    QString customerHandle;
    QString agentName;
    Channel channel = Channel::Facebook;
    QString caseReference; // of the thread's forward to customer care, empty when there is none
    QDate today;
};

struct PromptedVariable {
    QString key;   // "claim_number"
    QString label; // "Claim number", as written in the template
    bool operator==(const PromptedVariable &) const = default;
};

class ReplyTemplate {
public:
    static QStringList knownVariables();

    // Checks the syntax and the variable names; the error says what and where.
    static Status validate(const QString &body);
    // What the agent must fill in, in order of first use: the prompted variables, and
    // {case_reference} when the thread has none.
    static QVector<PromptedVariable> prompts(const QString &body, const ReplyContext &context);
    // The text to insert. `values` holds the prompted variables by key; a missing one is an error.
    static Result<QString> expand(const QString &body, const ReplyContext &context,
                                  const QMap<QString, QString> &values = {});

    // Today's date as the customer reads it: "2 marzo 2026", "2 March 2026".
    static QString formatDate(const QDate &date, const QString &language);
    // The channel's name for the customer.
    static QString channelName(Channel channel, const QString &language);
};

} // namespace sportello
