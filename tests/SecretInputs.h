#pragma once
// The inputs a token can be pasted into, for the tests that check it never comes back out
// (test_secrets for the CLI, test_ui_sync for the console's accounts page).

#include <QString>
#include <QStringList>

namespace sportello::test {

// Every form of a base URL that can carry a token: user name, password, ";" parameter, query
// (named and bare), fragment; on https, on plain http elsewhere than this computer, on another
// scheme; and the token pasted alone.
inline QStringList baseUrlsCarrying(const QString &token)
{
    return {
        QStringLiteral("https://graph.facebook.com/#access_token=") + token,
        QStringLiteral("https://graph.facebook.com/v19.0#") + token,
        QStringLiteral("https://") + token + QStringLiteral("@graph.facebook.com/"),
        QStringLiteral("https://page:") + token + QStringLiteral("@graph.facebook.com/"),
        QStringLiteral("https://graph.facebook.com/v19.0;access_token=") + token,
        QStringLiteral("https://graph.facebook.com/v19.0;") + token + QStringLiteral("/me"),
        QStringLiteral("https://graph.facebook.com/v19.0?access_token=") + token,
        QStringLiteral("https://graph.facebook.com/?") + token,
        QStringLiteral("https://graph.facebook.com/?page=") + token,
        QStringLiteral("http://graph.facebook.com/;access_token=") + token,
        QStringLiteral("http://127.0.0.1:9/?t=") + token,
        QStringLiteral("ftp://graph.facebook.com/#") + token,
        token,
        QStringLiteral(" ") + token + QStringLiteral(" "),
    };
}

} // namespace sportello::test
