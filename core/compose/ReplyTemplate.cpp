#include "compose/ReplyTemplate.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

namespace sportello {

namespace {

const QString kCaseReference = QStringLiteral("case_reference");

struct Piece {
    enum Kind { Text, Variable, Prompted } kind = Text;
    QString text;  // literal text, or the variable's key
    QString label; // prompted variables only
};

// Splits a body into literal text and variables; an error names the position (1-based).
Result<QVector<Piece>> parse(const QString &body)
{
    QVector<Piece> pieces;
    QString literal;
    const auto flush = [&] {
        if (!literal.isEmpty())
            pieces.push_back({Piece::Text, literal, {}});
        literal.clear();
    };
    for (int i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (c == u'{' && i + 1 < body.size() && body.at(i + 1) == u'{') {
            literal += u'{';
            ++i;
            continue;
        }
        if (c == u'}' && i + 1 < body.size() && body.at(i + 1) == u'}') {
            literal += u'}';
            ++i;
            continue;
        }
        if (c == u'}')
            return Error{
                QCoreApplication::translate(
                    "Compose", "A \"}\" at character %1 closes no variable (write \"}}\" for the brace itself).")
                    .arg(i + 1),
                ErrorKind::InvalidInput};
        if (c != u'{') {
            literal += c;
            continue;
        }
        const int close = body.indexOf(u'}', i + 1);
        const int nextOpen = body.indexOf(u'{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            return Error{QCoreApplication::translate("Compose",
                                                     "The variable opened at character %1 is not closed with \"}\" "
                                                     "(write \"{{\" for the brace itself).")
                             .arg(i + 1),
                         ErrorKind::InvalidInput};
        const QString inside = body.mid(i + 1, close - i - 1);
        flush();
        if (inside.startsWith(u'?')) {
            const int colon = inside.indexOf(u':');
            const QString key = (colon < 0 ? inside.mid(1) : inside.mid(1, colon - 1)).trimmed();
            const QString label = colon < 0 ? key : inside.mid(colon + 1).trimmed();
            static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
            if (!keyPattern.match(key).hasMatch())
                return Error{QCoreApplication::translate(
                                 "Compose", "The prompted variable at character %1 needs a name of lower-case "
                                            "letters, digits and _ , as in {?claim_number:Claim number}.")
                                 .arg(i + 1),
                             ErrorKind::InvalidInput};
            pieces.push_back({Piece::Prompted, key, label.isEmpty() ? key : label});
        } else {
            const QString key = inside.trimmed();
            if (!ReplyTemplate::knownVariables().contains(key))
                return Error{QCoreApplication::translate(
                                 "Compose", "Unknown variable {%1} at character %2: use one of %3, or {?name:Label} "
                                            "for one the agent fills in.")
                                 .arg(key)
                                 .arg(i + 1)
                                 .arg(ReplyTemplate::knownVariables().join(QStringLiteral(", "))),
                             ErrorKind::InvalidInput};
            pieces.push_back({Piece::Variable, key, {}});
        }
        i = close;
    }
    flush();
    return pieces;
}

} // namespace

QStringList ReplyTemplate::knownVariables()
{
    return {QStringLiteral("customer_name"),
            QStringLiteral("customer_handle"),
            QStringLiteral("agent_name"),
            QStringLiteral("channel"),
            kCaseReference,
            QStringLiteral("today")};
}

Status ReplyTemplate::validate(const QString &body)
{
    auto pieces = parse(body);
    if (!pieces)
        return pieces.failure();
    return {};
}

QVector<PromptedVariable> ReplyTemplate::prompts(const QString &body, const ReplyContext &context)
{
    QVector<PromptedVariable> out;
    auto pieces = parse(body);
    if (!pieces)
        return out;
    QSet<QString> keys; // a set: a template with many variables is not searched once per variable
    const auto addOnce = [&out, &keys](const PromptedVariable &v) {
        if (keys.contains(v.key))
            return;
        keys.insert(v.key);
        out.push_back(v);
    };
    for (const Piece &p : pieces.value()) {
        if (p.kind == Piece::Prompted)
            addOnce({p.text, p.label});
        else if (p.kind == Piece::Variable && p.text == kCaseReference && context.caseReference.isEmpty())
            addOnce({kCaseReference, context.language == QLatin1String("en") ? QStringLiteral("Case reference")
                                                                             : QStringLiteral("Riferimento pratica")});
    }
    return out;
}

Result<QString> ReplyTemplate::expand(const QString &body, const ReplyContext &context,
                                      const QMap<QString, QString> &values)
{
    auto pieces = parse(body);
    if (!pieces)
        return pieces.failure();
    QString out;
    for (const Piece &p : pieces.value()) {
        switch (p.kind) {
        case Piece::Text: out += p.text; break;
        case Piece::Prompted: {
            const QString value = values.value(p.text).trimmed();
            if (value.isEmpty())
                return Error{
                    QCoreApplication::translate("Compose", "Fill in “%1” before inserting the reply.").arg(p.label),
                    ErrorKind::InvalidInput};
            out += value;
            break;
        }
        case Piece::Variable:
            if (p.text == QLatin1String("customer_name"))
                out += context.customerName.isEmpty() ? context.customerHandle : context.customerName;
            else if (p.text == QLatin1String("customer_handle"))
                out += context.customerHandle.isEmpty() || context.customerHandle.startsWith(u'@')
                           ? context.customerHandle
                           : QLatin1Char('@') + context.customerHandle;
            else if (p.text == QLatin1String("agent_name"))
                out += context.agentName;
            else if (p.text == QLatin1String("channel"))
                out += channelName(context.channel, context.language);
            else if (p.text == QLatin1String("today"))
                out += formatDate(context.today.isValid() ? context.today : QDate::currentDate(), context.language);
            else if (p.text == kCaseReference) {
                const QString value =
                    context.caseReference.isEmpty() ? values.value(kCaseReference).trimmed() : context.caseReference;
                if (value.isEmpty())
                    return Error{QCoreApplication::translate("Compose",
                                                             "This thread has no case reference yet: fill it in "
                                                             "before inserting the reply."),
                                 ErrorKind::InvalidInput};
                out += value;
            }
            break;
        }
    }
    return out;
}

QString ReplyTemplate::formatDate(const QDate &date, const QString &language)
{
    const QLocale locale(language == QLatin1String("en") ? QLocale::English : QLocale::Italian,
                         language == QLatin1String("en") ? QLocale::UnitedKingdom : QLocale::Italy);
    return locale.toString(date, QStringLiteral("d MMMM yyyy"));
}

QString ReplyTemplate::channelName(Channel channel, const QString &language)
{
    const bool en = language == QLatin1String("en");
    switch (channel) {
    case Channel::Facebook: return QStringLiteral("Facebook");
    case Channel::Instagram: return QStringLiteral("Instagram");
    case Channel::X: return QStringLiteral("X");
    case Channel::AppStore: return QStringLiteral("App Store");
    case Channel::GooglePlay: return QStringLiteral("Google Play");
    case Channel::InApp: return en ? QStringLiteral("our app") : QStringLiteral("la nostra app");
    }
    return {};
}

} // namespace sportello
