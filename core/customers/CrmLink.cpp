#include "customers/CrmLink.h"

#include "storage/Sql.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>

namespace sportello {

namespace {

const QString kTemplateKey = QStringLiteral("crm_url_template");

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\{([^{}]*)\})"));
    return pattern;
}

Error badTemplate(const QString &why)
{
    return Error{QCoreApplication::translate("Customers", "The CRM address template cannot be used: %1").arg(why),
                 ErrorKind::InvalidInput};
}

} // namespace

QStringList crmPlaceholders()
{
    return {QStringLiteral("policyholder_ref"), QStringLiteral("handle"), QStringLiteral("name"),
            QStringLiteral("channel"), QStringLiteral("author_id")};
}

Status checkCrmTemplate(const QString &urlTemplate)
{
    const QString t = urlTemplate.trimmed();
    if (t.isEmpty())
        return badTemplate(QCoreApplication::translate("Customers", "it is empty."));
    for (auto it = placeholderPattern().globalMatch(t); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!crmPlaceholders().contains(name))
            return badTemplate(
                QCoreApplication::translate("Customers", "{%1} is not a placeholder Sportello knows "
                                                         "(it knows %2).")
                    .arg(name, QLatin1Char('{') + crmPlaceholders().join(QStringLiteral("}, {")) + QLatin1Char('}')));
    }
    QString sample = t;
    sample.replace(placeholderPattern(), QStringLiteral("x"));
    if (sample.contains(QLatin1Char('{')) || sample.contains(QLatin1Char('}')))
        return badTemplate(QCoreApplication::translate("Customers", "a brace is not closed."));
    const QUrl url(sample, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return badTemplate(QCoreApplication::translate("Customers",
                                                       "it must be an http or https address "
                                                       "(https://crm.example/customers?ref={policyholder_ref})."));
    // The host is the company's CRM: never taken from a customer's handle or name.
    const qsizetype start = t.indexOf(QLatin1String("://"));
    const qsizetype end = t.indexOf(QRegularExpression(QStringLiteral("[/?#]")), start + 3);
    const QString authority = t.mid(start + 3, end < 0 ? -1 : end - start - 3);
    if (url.host().isEmpty() || authority.contains(QLatin1Char('{')))
        return badTemplate(QCoreApplication::translate("Customers", "the address must name the CRM's host, "
                                                                    "without a placeholder in it."));
    return {};
}

Result<QUrl> buildCrmUrl(const QString &urlTemplate, const QMap<QString, QString> &values)
{
    if (Status s = checkCrmTemplate(urlTemplate); !s)
        return s.failure();
    QString t = urlTemplate.trimmed();
    bool anyValue = false;
    for (const QString &name : crmPlaceholders())
        if (t.contains(QLatin1Char('{') + name + QLatin1Char('}')) && !values.value(name).trimmed().isEmpty())
            anyValue = true;
    if (!anyValue)
        return Error{QCoreApplication::translate("Customers", "Nothing to look up in the CRM: the customer has none "
                                                              "of the values its address uses."),
                     ErrorKind::InvalidInput};
    // Query parameters whose whole value is an empty placeholder are left out.
    const qsizetype query = t.indexOf(QLatin1Char('?'));
    if (query >= 0) {
        const qsizetype fragment = t.indexOf(QLatin1Char('#'), query);
        const QString tail = fragment >= 0 ? t.mid(fragment) : QString();
        QStringList kept;
        for (const QString &item :
             t.mid(query + 1, fragment >= 0 ? fragment - query - 1 : -1).split(QLatin1Char('&'))) {
            const auto m = QRegularExpression(QStringLiteral(R"(^[^=]*=\{([^{}]*)\}$)")).match(item);
            if (m.hasMatch() && values.value(m.captured(1)).trimmed().isEmpty())
                continue;
            kept << item;
        }
        t = t.left(query) + (kept.isEmpty() ? QString() : QLatin1Char('?') + kept.join(QLatin1Char('&'))) + tail;
    }
    QString filled;
    qsizetype from = 0;
    for (auto it = placeholderPattern().globalMatch(t); it.hasNext();) {
        const auto m = it.next();
        filled += t.mid(from, m.capturedStart() - from);
        filled += QString::fromLatin1(QUrl::toPercentEncoding(values.value(m.captured(1)).trimmed()));
        from = m.capturedEnd();
    }
    filled += t.mid(from);
    const QUrl url(filled, QUrl::StrictMode);
    if (!url.isValid())
        return badTemplate(url.errorString());
    return url;
}

Result<QString> loadCrmTemplate(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (Status s = sql::prepare(query, QStringLiteral("SELECT value FROM app_state WHERE key = ?")); !s)
        return s.failure();
    query.addBindValue(kTemplateKey);
    if (Status s = sql::exec(query); !s)
        return s.failure();
    return query.next() ? query.value(0).toString() : QString();
}

Status saveCrmTemplate(const QSqlDatabase &db, const QString &urlTemplate)
{
    QSqlQuery query(db);
    const QString t = urlTemplate.trimmed();
    if (t.isEmpty()) {
        if (Status s = sql::prepare(query, QStringLiteral("DELETE FROM app_state WHERE key = ?")); !s)
            return s;
        query.addBindValue(kTemplateKey);
        return sql::exec(query);
    }
    if (Status s = checkCrmTemplate(t); !s)
        return s;
    if (Status s = sql::prepare(query, QStringLiteral("INSERT INTO app_state(key, value) VALUES(?, ?) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        !s)
        return s;
    query.addBindValue(kTemplateKey);
    query.addBindValue(t);
    return sql::exec(query);
}

} // namespace sportello
