#pragma once
// Secrets never echo: what looks like a platform access token, and the tokens this process has
// read, are hidden from every message a user or a log can see. A user pastes a token anywhere:
// as a file name, a thread or account id, an option's value, a reply. One detector serves the
// messages (hideCredentials) and the refusal of replies that would send a token out
// (containsCredential).

#include <QString>
#include <QVector>
#include <utility>

namespace sportello {

// The shapes recognised, each a whole word (no letter or digit right before or after it):
// Meta's Graph tokens (EAA then 20 or more letters and digits), X's app bearer tokens (a run of
// 20 or more "A" then letters, digits and %-escapes), X's OAuth 1.0a access tokens (the user's
// number, a dash, 30 or more letters and digits); and any token remembered below.
// [start, end) spans in UTF-16 units, in text order, not overlapping.
QVector<std::pair<int, int>> credentialSpans(const QString &text);
bool containsCredential(const QString &text);

// The text with each credential replaced by hiddenCredentialMarker(); the rest is unchanged, so
// an ordinary path or id is still shown in full.
QString hideCredentials(const QString &text);
// "[hidden: looks like an access token]", translated.
QString hiddenCredentialMarker();

// A token this process read (from an environment variable or the keychain): hidden wherever it
// appears from now on, whatever its shape. Values shorter than 8 characters are ignored (they
// would hide ordinary words). Thread-safe.
void rememberSecret(const QString &value);

// A Qt message handler for the programs' main(): Qt's format (QT_MESSAGE_PATTERN) on stderr, with
// credentials hidden. Log lines quote paths and ids the user typed.
void printLogMessageHidingCredentials(QtMsgType type, const QMessageLogContext &context, const QString &message);

} // namespace sportello
