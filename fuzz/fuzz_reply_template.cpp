// Fuzzes the reply-template expander (core/compose/ReplyTemplate): validate, prompts and expand
// of a body from the fuzz bytes, with prompted values filled in. A body that validates and has
// every prompt answered must expand.
#include "FuzzSupport.h"
#include "compose/ReplyTemplate.h"

using namespace sportello;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Saved replies are a few hundred characters; 16 KiB covers any body an agent would keep.
    if (size > 16 * 1024)
        return 0;
    fuzz::Bytes bytes(data, size);
    ReplyContext context;
    context.language = bytes.flag() ? QStringLiteral("en") : QStringLiteral("it");
    context.channel = static_cast<Channel>(bytes.byte() % 6);
    context.customerName = QStringLiteral("Maria {customer_name} }}");
    context.customerHandle = QStringLiteral("@maria");
    context.agentName = QStringLiteral("Luca");
    if (bytes.flag())
        context.caseReference = QStringLiteral("SC-2026-000123");
    const int day = bytes.u32() % 3652059; // days from 1 January of year 1 to 31 December 9999
    context.today = bytes.flag() ? QDate(1, 1, 1).addDays(day) : QDate();
    const QString body = QString::fromUtf8(bytes.rest());

    const Status valid = ReplyTemplate::validate(body);
    const QVector<PromptedVariable> prompts = ReplyTemplate::prompts(body, context);
    QMap<QString, QString> values;
    for (const PromptedVariable &p : prompts) {
        FUZZ_CHECK(!p.key.isEmpty());
        values.insert(p.key, QStringLiteral("{x}"));
    }
    const Result<QString> expanded = ReplyTemplate::expand(body, context, values);
    if (valid.ok() && context.today.isValid())
        FUZZ_CHECK(expanded.ok());
    (void)ReplyTemplate::expand(body, context);
    return 0;
}
