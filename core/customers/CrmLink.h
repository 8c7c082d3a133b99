#pragma once
// The CRM lookup (docs/customers.md): a URL template the company configures, for example
// https://crm.example/customers?ref={policyholder_ref}&handle={handle}, filled with the customer
// of the card and opened in the browser. Kept in the cache (app_state "crm_url_template").

#include "common/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

class QSqlDatabase;

namespace sportello {

// {policyholder_ref}, {handle}, {name}, {channel}, {author_id}.
QStringList crmPlaceholders();

// http or https, a host, and only known placeholders (InvalidInput, naming the problem).
Status checkCrmTemplate(const QString &urlTemplate);

// The template with every placeholder replaced by its value, percent-encoded. A query parameter
// whose whole value is a placeholder with no value is left out (`?ref=&handle=x` would search
// the CRM for an empty reference); elsewhere an empty value leaves the place empty. Refused
// like checkCrmTemplate, or when no placeholder has a value (the CRM's start page is no lookup).
Result<QUrl> buildCrmUrl(const QString &urlTemplate, const QMap<QString, QString> &values);

// Empty when none is configured.
Result<QString> loadCrmTemplate(const QSqlDatabase &db);
// Checked first; an empty template removes it.
Status saveCrmTemplate(const QSqlDatabase &db, const QString &urlTemplate);

} // namespace sportello
