#pragma once
// What the keychain holds for an account. A token pasted by hand is stored as it is (the form
// every earlier version wrote); a sign-in stores a small JSON object with the access token, the
// refresh token when the platform gave one, when the access token expires and what is needed to
// renew it. Both forms read back as a Credential.
//
// Renewal rotates tokens: X hands out a new refresh token at each renewal and the old one stops
// working. So a renewed credential is written to a second slot ("<key>#next") first, then to the
// account's own slot, and only then is the second slot removed. A process stopped between any two
// of these steps leaves the newest credential in one of the slots, and readCredential picks it.
// See docs/accounts.md, "Renewal".

#include "accounts/TokenStore.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace sportello::accounts {

struct Credential {
    QString accessToken;
    QString refreshToken;   // empty: cannot be renewed, a new sign-in is needed when it expires
    qint64 expiresAtMs = 0; // 0: not known, or it does not expire
    qint64 issuedAtMs = 0;  // when Sportello received it; orders two slots
    QStringList scopes;     // as granted
    QString clientId;       // the app that renews it
    QString tokenUrl;       // where it is renewed

    bool renewable() const { return !refreshToken.isEmpty() && !tokenUrl.isEmpty(); }
    // Pasted tokens are stored bare; anything with more than the access token as JSON, and so is
    // an access token that is a JSON object itself (an App Store Connect or service-account key).
    QString toStored() const;
    // A value read from the keychain. A bare string is a pasted access token, a bare JSON object
    // with a private_key a key stored by an earlier version; a JSON object that is not a
    // credential, or one without an access token, is Corrupt (never quoted: it holds
    // secrets).
    static Result<Credential> fromStored(const QString &stored);
};

// The key of the slot a renewal writes first.
QString nextSlotKey(const QString &accountKey);

// The newest credential of the account, from either slot; a credential found only in the next
// slot (the process stopped in the middle of saving) is moved to the account's slot. NotFound when
// neither slot holds one.
Result<Credential> readCredential(TokenStore &store, const QString &accountKey);
// Next slot, account slot, then the next slot removed (see above). A failed step leaves the
// earlier ones in place: the credential is in at least one slot once the first step succeeded.
Status writeCredential(TokenStore &store, const QString &accountKey, const Credential &credential);
// Both slots.
Status removeCredential(TokenStore &store, const QString &accountKey);

// The same without waiting on the keychain (TokenStore's *Async calls), for the console.
using CredentialDone = std::function<void(const Result<Credential> &)>;
void readCredentialAsync(TokenStore &store, const QString &accountKey, QObject *context, CredentialDone done);
void writeCredentialAsync(TokenStore &store, const QString &accountKey, const Credential &credential, QObject *context,
                          TokenStore::StatusDone done);
void removeCredentialAsync(TokenStore &store, const QString &accountKey, QObject *context, TokenStore::StatusDone done);

} // namespace sportello::accounts
