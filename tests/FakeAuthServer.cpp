#include "FakeAuthServer.h"

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QUrlQuery>
#include <algorithm>
#include <utility>

namespace sportello::test {

// ---------------------------------------------------------------------------------------------
// JsonEdit

namespace {

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

qsizetype skipSpace(const QByteArray &t, qsizetype i)
{
    while (i < t.size() && isSpace(t[i]))
        ++i;
    return i;
}

// One past the string starting at t[i] == '"', or -1.
qsizetype skipString(const QByteArray &t, qsizetype i)
{
    if (i >= t.size() || t[i] != '"')
        return -1;
    for (++i; i < t.size(); ++i) {
        if (t[i] == '\\')
            ++i;
        else if (t[i] == '"')
            return i + 1;
    }
    return -1;
}

// One past the value starting at t[i] (no leading space), or -1.
qsizetype skipValue(const QByteArray &t, qsizetype i)
{
    if (i >= t.size())
        return -1;
    const char c = t[i];
    if (c == '"')
        return skipString(t, i);
    if (c == '{' || c == '[') {
        const char close = c == '{' ? '}' : ']';
        i = skipSpace(t, i + 1);
        if (i < t.size() && t[i] == close)
            return i + 1;
        for (;;) {
            if (c == '{') {
                i = skipString(t, skipSpace(t, i));
                if (i < 0)
                    return -1;
                i = skipSpace(t, i);
                if (i >= t.size() || t[i] != ':')
                    return -1;
                ++i;
            }
            i = skipValue(t, skipSpace(t, i));
            if (i < 0)
                return -1;
            i = skipSpace(t, i);
            if (i >= t.size())
                return -1;
            if (t[i] == ',') {
                ++i;
                continue;
            }
            return t[i] == close ? i + 1 : -1;
        }
    }
    while (i < t.size() && !isSpace(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']')
        ++i; // number, true, false, null
    return i;
}

QString decodeString(const QByteArray &literal)
{
    return QJsonDocument::fromJson("[" + literal + "]").array().at(0).toString();
}

bool validJson(const QByteArray &json)
{
    QJsonParseError error{};
    QJsonDocument::fromJson("[" + json + "]", &error);
    return error.error == QJsonParseError::NoError;
}

[[noreturn]] void editFailed(const char *what, const QStringList &path)
{
    qFatal("JsonEdit: %s at %s", what, qPrintable(path.join(QLatin1Char('/'))));
}

} // namespace

JsonEdit::JsonEdit(QByteArray text) : m_text(std::move(text))
{
    QJsonParseError error{};
    QJsonDocument::fromJson(m_text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("JsonEdit: not JSON: %s", qPrintable(error.errorString()));
}

JsonEdit JsonEdit::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("JsonEdit: cannot read %s", qPrintable(path));
    return JsonEdit(file.readAll());
}

QByteArray JsonEdit::quoted(const QString &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact); // ["..."]
    return array.mid(1, array.size() - 2);
}

std::optional<JsonEdit::Span> JsonEdit::find(const QStringList &path) const
{
    const QByteArray &t = m_text;
    Span span;
    span.valueStart = span.memberStart = skipSpace(t, 0);
    span.valueEnd = skipValue(t, span.valueStart);
    for (const QString &segment : path) {
        const qsizetype open = span.valueStart;
        if (open < 0 || open >= t.size() || (t[open] != '{' && t[open] != '['))
            return std::nullopt;
        const bool object = t[open] == '{';
        bool isIndex = false;
        const int wanted = segment.toInt(&isIndex);
        if (!object && !isIndex)
            return std::nullopt;
        qsizetype i = skipSpace(t, open + 1);
        if (t[i] == (object ? '}' : ']'))
            return std::nullopt;
        bool found = false;
        for (int index = 0; !found; ++index) {
            Span member;
            member.memberStart = i = skipSpace(t, i);
            QString key;
            if (object) {
                member.keyEnd = skipString(t, i);
                if (member.keyEnd < 0)
                    return std::nullopt;
                key = decodeString(t.mid(i, member.keyEnd - i));
                i = skipSpace(t, member.keyEnd) + 1; // past ':'
            }
            member.valueStart = skipSpace(t, i);
            member.valueEnd = skipValue(t, member.valueStart);
            if (member.valueEnd < 0)
                return std::nullopt;
            if (object ? key == segment : index == wanted) {
                span = member;
                found = true;
                break;
            }
            i = skipSpace(t, member.valueEnd);
            if (i >= t.size() || t[i] != ',')
                return std::nullopt;
            ++i;
        }
    }
    return span;
}

std::optional<QByteArray> JsonEdit::raw(const QStringList &path) const
{
    const auto span = find(path);
    if (!span)
        return std::nullopt;
    return m_text.mid(span->valueStart, span->valueEnd - span->valueStart);
}

int JsonEdit::size(const QStringList &path) const
{
    const auto value = raw(path);
    if (!value)
        return 0;
    const QJsonValue parsed = QJsonDocument::fromJson("[" + *value + "]").array().at(0);
    return parsed.isArray() ? int(parsed.toArray().size()) : int(parsed.toObject().size());
}

QStringList JsonEdit::keys(const QStringList &path) const
{
    QStringList keys;
    const auto span = find(path);
    if (!span || m_text[span->valueStart] != '{')
        return keys;
    const QByteArray &t = m_text;
    qsizetype i = skipSpace(t, span->valueStart + 1);
    while (i < t.size() && t[i] == '"') {
        const qsizetype keyEnd = skipString(t, i);
        keys << decodeString(t.mid(i, keyEnd - i));
        i = skipSpace(t, skipValue(t, skipSpace(t, skipSpace(t, keyEnd) + 1)));
        if (i < t.size() && t[i] == ',')
            i = skipSpace(t, i + 1);
    }
    return keys;
}

JsonEdit &JsonEdit::setRaw(const QStringList &path, const QByteArray &json)
{
    if (!validJson(json))
        editFailed("not one JSON value", path);
    const auto span = find(path);
    if (!span)
        editFailed("no such path", path);
    m_text.replace(span->valueStart, span->valueEnd - span->valueStart, json);
    return *this;
}

JsonEdit &JsonEdit::setString(const QStringList &path, const QString &value) { return setRaw(path, quoted(value)); }

JsonEdit &JsonEdit::setNumber(const QStringList &path, qint64 value) { return setRaw(path, QByteArray::number(value)); }

JsonEdit &JsonEdit::compact()
{
    QByteArray out;
    out.reserve(m_text.size());
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        if (m_text[i] == '"') {
            const qsizetype end = skipString(m_text, i);
            out += m_text.mid(i, end - i);
            i = end - 1;
        } else if (!isSpace(m_text[i])) {
            out += m_text[i];
        }
    }
    m_text = out;
    return *this;
}

JsonEdit &JsonEdit::remove(const QStringList &path)
{
    const auto span = find(path);
    if (!span || path.isEmpty())
        editFailed("no such path", path);
    const QByteArray &t = m_text;
    const qsizetype after = skipSpace(t, span->valueEnd);
    if (after < t.size() && t[after] == ',') {
        // Not the last member: drop it up to the start of the next one.
        m_text.remove(span->memberStart, skipSpace(t, after + 1) - span->memberStart);
        return *this;
    }
    qsizetype before = span->memberStart - 1;
    while (before >= 0 && isSpace(t[before]))
        --before;
    if (before >= 0 && t[before] == ',') // the last of several: drop it from the comma before it
        m_text.remove(before, span->valueEnd - before);
    else // the only one
        m_text.remove(span->memberStart, span->valueEnd - span->memberStart);
    return *this;
}

JsonEdit &JsonEdit::insert(const QStringList &objectPath, const QString &key, const QByteArray &json,
                           const QString &afterKey)
{
    if (!validJson(json))
        editFailed("not one JSON value", objectPath);
    const auto object = find(objectPath);
    if (!object || m_text[object->valueStart] != '{')
        editFailed("not an object", objectPath);
    const QStringList existing = keys(objectPath);
    if (existing.isEmpty()) {
        m_text.insert(object->valueStart + 1, quoted(key) + ':' + json);
        return *this;
    }
    const QString anchor = afterKey.isEmpty() ? existing.last() : afterKey;
    const auto member = find(objectPath + QStringList{anchor});
    if (!member)
        editFailed("no such member to insert after", objectPath + QStringList{anchor});
    // Same layout as the anchor: the space before it and the text between its key and its value.
    qsizetype lineStart = member->memberStart;
    while (lineStart > 0 && isSpace(m_text[lineStart - 1]))
        --lineStart;
    const QByteArray lead = m_text.mid(lineStart, member->memberStart - lineStart);
    const QByteArray colon = m_text.mid(member->keyEnd, member->valueStart - member->keyEnd);
    m_text.insert(member->valueEnd, ',' + lead + quoted(key) + colon + json);
    return *this;
}

// ---------------------------------------------------------------------------------------------
// FakeAuthServer

namespace {

const QByteArray kXJson = "application/json;charset=UTF-8";
const QByteArray kGraphJson = "application/json; charset=UTF-8";

QString xFile(const char *name) { return sharedDataDir() + QStringLiteral("/oauth_x/") + QLatin1String(name); }
QString metaFile(const char *name) { return sharedDataDir() + QStringLiteral("/oauth_meta/") + QLatin1String(name); }

QByteArray randomChars(int n, const char *alphabet)
{
    const auto size = int(qstrlen(alphabet));
    QByteArray out(n, '\0');
    for (char &c : out)
        c = alphabet[QRandomGenerator::global()->bounded(size)];
    return out;
}
const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const char kUrlSafe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// A real X OAuth 2.0 secret: base64url (unpadded) of "<45 random>:<ms>:1:0:<at|rt|ac>:1", 91 characters.
QString xSecret(const char *kind)
{
    const QByteArray plain =
        randomChars(45, kAlnum) + ':' + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ":1:0:" + kind + ":1";
    return QString::fromLatin1(plain.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// application/x-www-form-urlencoded (a query string or a form body): '+' is a space. First value wins.
QHash<QString, QString> decodeForm(const QByteArray &encoded)
{
    QHash<QString, QString> out;
    for (QByteArray part : encoded.split('&')) {
        if (part.isEmpty())
            continue;
        part.replace('+', ' ');
        const qsizetype eq = part.indexOf('=');
        const QString name = QString::fromUtf8(QByteArray::fromPercentEncoding(part.left(eq < 0 ? part.size() : eq)));
        const QString value = eq < 0 ? QString() : QString::fromUtf8(QByteArray::fromPercentEncoding(part.mid(eq + 1)));
        if (!out.contains(name))
            out.insert(name, value);
    }
    return out;
}

QHash<QString, QString> queryOf(const ReceivedRequest &r)
{
    const qsizetype q = r.target.indexOf('?');
    return q < 0 ? QHash<QString, QString>() : decodeForm(r.target.mid(q + 1));
}

bool isForm(const ReceivedRequest &r)
{
    return r.header("content-type").toLower().startsWith("application/x-www-form-urlencoded");
}

// http://127.0.0.1:<port>/<anything>
bool isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() && url.scheme() == QLatin1String("http") && url.host() == QLatin1String("127.0.0.1") &&
           url.port() > 0 && url.path().startsWith(QLatin1Char('/')) && url.fragment().isNull() &&
           url.userInfo().isEmpty();
}

QByteArray pct(const QString &value) { return QUrl::toPercentEncoding(value); }

CannedResponse redirect(const QString &redirectUri, const QByteArray &query, const QByteArray &fragment = {})
{
    const QByteArray base = QUrl(redirectUri).toEncoded();
    CannedResponse r;
    r.status = 302;
    r.header("Location", base + (base.contains('?') ? '&' : '?') + query + fragment);
    r.header("Content-Type", "text/html; charset=utf-8");
    return r;
}

// Constructed: the authorize pages' 400 answers are HTML for a browser; no capture was found.
CannedResponse badRequestPage(const QStringList &problems)
{
    CannedResponse r;
    r.status = 400;
    r.header("Content-Type", "text/html; charset=utf-8");
    r.body = "<!DOCTYPE html><html><head><title>Something went wrong</title></head><body><p>Something went wrong. "
             "This request is invalid: " +
             problems.join(QStringLiteral(", ")).toHtmlEscaped().toUtf8() + "</p></body></html>";
    return r;
}

CannedResponse jsonAnswer(int status, const QByteArray &body, const QByteArray &contentType)
{
    CannedResponse r;
    r.status = status;
    r.body = body;
    r.header("Content-Type", contentType);
    return r;
}

QByteArray fileBody(const QString &path) { return JsonEdit::fromFile(path).text(); }

QStringList splitScopes(const QString &scope, bool commas)
{
    QString s = scope;
    if (commas)
        s.replace(QLatin1Char(','), QLatin1Char(' '));
    return s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList minus(const QStringList &requested, const QStringList &unticked)
{
    QStringList out;
    for (const QString &s : requested)
        if (!unticked.contains(s) && !out.contains(s))
            out << s;
    return out;
}

QString bearer(const ReceivedRequest &r)
{
    const QByteArray auth = r.header("authorization");
    if (auth.size() > 7 && auth.left(7).toLower() == "bearer ")
        return QString::fromLatin1(auth.mid(7).trimmed());
    return {};
}

// Graph's `fields`: top-level names, each with its {sub,fields} (empty when none).
QHash<QString, QStringList> parseFields(const QString &fields)
{
    QHash<QString, QStringList> out;
    int depth = 0;
    QString current;
    const auto flush = [&out](const QString &f) {
        const QString t = f.trimmed();
        if (t.isEmpty())
            return;
        const qsizetype brace = t.indexOf(QLatin1Char('{'));
        if (brace < 0) {
            out.insert(t, {});
            return;
        }
        out.insert(t.left(brace).trimmed(),
                   t.mid(brace + 1, t.size() - brace - 2).split(QLatin1Char(','), Qt::SkipEmptyParts));
    };
    for (const QChar c : fields) {
        if (c == QLatin1Char('{'))
            ++depth;
        else if (c == QLatin1Char('}'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            flush(current);
            current.clear();
        } else {
            current += c;
        }
    }
    flush(current);
    return out;
}

} // namespace

FakeAuthServer::FakeAuthServer() : FakeAuthServer(Paths{}) {}

FakeAuthServer::FakeAuthServer(Paths paths) : m_paths(std::move(paths))
{
    const auto route = [this](const QString &path, CannedResponse (FakeAuthServer::*handler)(const ReceivedRequest &),
                              bool subpaths = false) {
        m_server.setHandler(path, [this, path, handler, subpaths](const ReceivedRequest &r) {
            if (r.path != path && !(subpaths && r.path.startsWith(path + QLatin1Char('/'))))
                return CannedResponse::json(404, R"({"error":"not found"})");
            return (this->*handler)(r);
        });
    };
    route(m_paths.xAuthorize, &FakeAuthServer::xAuthorize);
    route(m_paths.xToken, &FakeAuthServer::xToken);
    route(m_paths.xUsersMe, &FakeAuthServer::xUsersMe);
    route(m_paths.metaDialog, &FakeAuthServer::metaDialog);
    route(m_paths.metaAccessToken, &FakeAuthServer::metaAccessToken);
    route(m_paths.metaExchange, &FakeAuthServer::metaExchange);
    route(m_paths.metaMe, &FakeAuthServer::metaMe, true);
}

QString FakeAuthServer::baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()); }

QString FakeAuthServer::issue(TokenKind kind, const QStringList &requested, const QStringList &granted)
{
    QString secret;
    switch (kind) {
    case TokenKind::XCode: secret = xSecret("ac"); break;
    case TokenKind::XAccess: secret = xSecret("at"); break;
    case TokenKind::XRefresh: secret = xSecret("rt"); break;
    case TokenKind::MetaCode: secret = QString::fromLatin1("AQ" + randomChars(342, kUrlSafe)); break;
    case TokenKind::MetaShortLived:
    case TokenKind::MetaLongLived:
    case TokenKind::MetaPage: secret = QString::fromLatin1("EAAG" + randomChars(180, kAlnum)); break;
    }
    if (kind != TokenKind::XCode && kind != TokenKind::MetaCode)
        m_tokens.insert(secret, Token{kind, requested, granted});
    m_issued << secret;
    return secret;
}

QString FakeAuthServer::latest(TokenKind kind) const
{
    for (auto it = m_issued.crbegin(); it != m_issued.crend(); ++it) {
        if (const auto t = m_tokens.constFind(*it); t != m_tokens.cend() && t->kind == kind)
            return *it;
        if (const auto c = m_codes.constFind(*it); c != m_codes.cend() && c->kind == kind)
            return *it;
    }
    return {};
}

bool FakeAuthServer::isCurrent(const QString &token) const
{
    if (const auto c = m_codes.constFind(token); c != m_codes.cend())
        return !c->used;
    const auto t = m_tokens.constFind(token);
    if (t == m_tokens.cend() || t->revoked || t->spent)
        return false;
    return t->kind == TokenKind::XRefresh || !t->expired;
}

bool FakeAuthServer::currentAccess(const QString &token, TokenKind kind) const
{
    const auto t = m_tokens.constFind(token);
    return t != m_tokens.cend() && t->kind == kind && isCurrent(token);
}

const FakeAuthServer::Token *FakeAuthServer::metaUserToken(const QString &token) const
{
    const auto t = m_tokens.constFind(token);
    if (t == m_tokens.cend() || (t->kind != TokenKind::MetaShortLived && t->kind != TokenKind::MetaLongLived) ||
        !isCurrent(token))
        return nullptr;
    return &*t;
}

void FakeAuthServer::revokeAll()
{
    for (Token &t : m_tokens)
        t.revoked = true;
    for (Code &c : m_codes)
        c.used = true;
}

void FakeAuthServer::expireAccessTokens()
{
    for (Token &t : m_tokens)
        if (t.kind != TokenKind::XRefresh)
            t.expired = true;
}

void FakeAuthServer::dropNextTokenRequests(DropWhen when, int count)
{
    m_drop = when;
    m_dropCount = count;
}
void FakeAuthServer::delayNextTokenRequest(int delayMs) { m_delayMs = delayMs; }

void FakeAuthServer::clearFaults()
{
    m_drop.reset();
    m_dropCount = 0;
    m_delayMs = 0;
}

CannedResponse FakeAuthServer::withTokenFault(const std::function<CannedResponse()> &work)
{
    if (m_drop && m_dropCount > 0) {
        const DropWhen when = *m_drop;
        if (--m_dropCount == 0)
            m_drop.reset();
        CannedResponse dropped = when == DropWhen::AfterProcessing ? work() : CannedResponse{};
        dropped.fault = CannedResponse::Fault::DropAfterRequest;
        return dropped;
    }
    CannedResponse answer = work();
    answer.delayMs = std::exchange(m_delayMs, 0);
    return answer;
}

// --- X ---------------------------------------------------------------------------------------

CannedResponse FakeAuthServer::xAuthorize(const ReceivedRequest &r)
{
    ++m_counts.xAuthorizations;
    const auto q = queryOf(r);
    AuthorizeRequest a;
    a.url = url(QString::fromLatin1(r.target));
    a.responseType = q.value(QStringLiteral("response_type"));
    a.clientId = q.value(QStringLiteral("client_id"));
    a.redirectUri = q.value(QStringLiteral("redirect_uri"));
    a.scope = q.value(QStringLiteral("scope"));
    a.state = q.value(QStringLiteral("state"));
    a.codeChallenge = q.value(QStringLiteral("code_challenge"));
    a.codeChallengeMethod = q.value(QStringLiteral("code_challenge_method"));
    QStringList problems;
    if (r.method != "GET")
        problems << QStringLiteral("method");
    if (a.responseType != QLatin1String("code"))
        problems << QStringLiteral("response_type");
    if (a.clientId != x.clientId)
        problems << QStringLiteral("client_id");
    if (!isLoopbackRedirect(a.redirectUri))
        problems << QStringLiteral("redirect_uri");
    if (splitScopes(a.scope, false).isEmpty())
        problems << QStringLiteral("scope");
    if (a.state.isEmpty())
        problems << QStringLiteral("state");
    if (a.codeChallenge.isEmpty())
        problems << QStringLiteral("code_challenge");
    if (a.codeChallengeMethod != QLatin1String("S256"))
        problems << QStringLiteral("code_challenge_method");
    a.accepted = problems.isEmpty();
    m_lastX = a;
    if (!a.accepted)
        return badRequestPage(problems);

    const QString state = x.wrongState ? QString::fromLatin1(randomChars(32, kUrlSafe)) : a.state;
    if (x.decision == Decision::Deny) // constructed: no capture of X's denial redirect was found
        return redirect(a.redirectUri, "error=access_denied&error_description=" +
                                           pct(QStringLiteral("The user denied the authorization request.")) +
                                           "&state=" + pct(state));
    const QString code = issue(TokenKind::XCode);
    const QStringList requested = splitScopes(a.scope, false);
    m_codes.insert(code, Code{TokenKind::XCode, a.clientId, a.redirectUri, a.codeChallenge, requested,
                              minus(requested, x.untickedScopes)});
    return redirect(a.redirectUri, "state=" + pct(state) + "&code=" + pct(code));
}

CannedResponse FakeAuthServer::xTokenAnswer(const QString &file, const QStringList &requested,
                                            const QStringList &granted)
{
    JsonEdit body = JsonEdit::fromFile(file);
    body.setNumber({QStringLiteral("expires_in")}, x.expiresIn);
    body.setString({QStringLiteral("access_token")}, issue(TokenKind::XAccess, requested, granted));
    body.setString({QStringLiteral("scope")}, granted.join(QLatin1Char(' ')));
    if (granted.contains(QLatin1String("offline.access")))
        body.setString({QStringLiteral("refresh_token")}, issue(TokenKind::XRefresh, requested, granted));
    else
        body.remove({QStringLiteral("refresh_token")});
    return jsonAnswer(200, body.text(), kXJson);
}

CannedResponse FakeAuthServer::xToken(const ReceivedRequest &r)
{
    return withTokenFault([this, &r] {
        const auto refused = [this](const char *file) {
            ++m_counts.xTokenRefusals;
            return jsonAnswer(400, fileBody(xFile(file)), kXJson);
        };
        const auto p = decodeForm(r.body);
        const QString grant = p.value(QStringLiteral("grant_type"));
        if (r.method != "POST" || !isForm(r) ||
            (grant != QLatin1String("authorization_code") && grant != QLatin1String("refresh_token"))) {
            // Constructed (no capture): X's shape with the RFC 6749 error for the grant.
            ++m_counts.xTokenRefusals;
            JsonEdit body = JsonEdit::fromFile(xFile("token_400_invalid_request_token_was_invalid.json"));
            body.setString({QStringLiteral("error")}, QStringLiteral("unsupported_grant_type"));
            body.setString({QStringLiteral("error_description")}, QStringLiteral("Grant type is not supported."));
            return jsonAnswer(400, body.text(), kXJson);
        }
        if (grant == QLatin1String("authorization_code")) {
            const auto code = m_codes.find(p.value(QStringLiteral("code")));
            if (code == m_codes.end() || code->kind != TokenKind::XCode || code->used ||
                code->clientId != p.value(QStringLiteral("client_id")) ||
                code->redirectUri != p.value(QStringLiteral("redirect_uri")) ||
                s256(p.value(QStringLiteral("code_verifier"))) != code->challenge)
                return refused("token_400_invalid_request_authorization_code_was_invalid.json");
            code->used = true; // only a successful exchange spends the code
            ++m_counts.xCodeExchanges;
            const Code spent = *code;
            return xTokenAnswer(xFile("token_200_authorization_code_bk-rs.json"), spent.requested, spent.granted);
        }
        ++m_counts.xRefreshAttempts;
        const QString refresh = p.value(QStringLiteral("refresh_token"));
        if (!currentAccess(refresh, TokenKind::XRefresh) || p.value(QStringLiteral("client_id")) != x.clientId)
            return refused("token_400_invalid_request_token_was_invalid.json");
        Token &old = m_tokens[refresh];
        old.spent = true; // rotation: the old refresh token is refused from now on
        ++m_counts.xRefreshes;
        const Token grantCopy = old;
        return xTokenAnswer(xFile("token_200_refresh_token_openintegrations_REDACTED.json"), grantCopy.requested,
                            grantCopy.granted);
    });
}

CannedResponse FakeAuthServer::xUsersMe(const ReceivedRequest &r)
{
    if (!currentAccess(bearer(r), TokenKind::XAccess))
        return jsonAnswer(401, fileBody(xFile("api_401_unauthorized_raw.json")), "application/problem+json");
    JsonEdit body = JsonEdit::fromFile(xFile("users_me_200_minimal_tweepy.json"));
    body.setString({QStringLiteral("data"), QStringLiteral("id")}, x.id);
    body.setString({QStringLiteral("data"), QStringLiteral("name")}, x.name);
    body.setString({QStringLiteral("data"), QStringLiteral("username")}, x.username);
    return jsonAnswer(200, body.text(), "application/json; charset=utf-8");
}

// --- Meta ------------------------------------------------------------------------------------

CannedResponse FakeAuthServer::graph190(const QString &token) const
{
    const char *file = "error_190_463_expired_blynk.json";
    if (!m_tokens.contains(token))
        return jsonAnswer(400, fileBody(metaFile("error_190_could_not_be_decrypted_bk-rs.json")), kGraphJson);
    switch (meta.invalidTokenError) {
    case Graph190::Expired463: break;
    case Graph190::PasswordChanged460: file = "error_190_460_password_changed_TRANSCRIBED.json"; break;
    case Graph190::LoggedOut467: file = "error_190_467_logged_out_RECONSTRUCTED.json"; break;
    case Graph190::AppRemoved458: file = "error_190_458_app_not_authorized_airbyte.json"; break;
    }
    return jsonAnswer(400, fileBody(metaFile(file)), kGraphJson);
}

// Constructed Graph errors (no capture of these cases), in the shape of a real code-100 body.
CannedResponse FakeAuthServer::graphError(int status, int code, std::optional<int> subcode,
                                          const QString &message) const
{
    JsonEdit body = JsonEdit::fromFile(metaFile("debug_token_400_100_missing_app_token.json"));
    body.setString({QStringLiteral("error"), QStringLiteral("message")}, message);
    body.setNumber({QStringLiteral("error"), QStringLiteral("code")}, code);
    if (subcode)
        body.insert({QStringLiteral("error")}, QStringLiteral("error_subcode"), QByteArray::number(*subcode),
                    QStringLiteral("code"));
    body.setString({QStringLiteral("error"), QStringLiteral("fbtrace_id")},
                   QString::fromLatin1(randomChars(23, kUrlSafe)));
    return jsonAnswer(status, body.text(), kGraphJson);
}

CannedResponse FakeAuthServer::metaDialog(const ReceivedRequest &r)
{
    ++m_counts.metaDialogs;
    const auto q = queryOf(r);
    AuthorizeRequest a;
    a.url = url(QString::fromLatin1(r.target));
    a.responseType = q.value(QStringLiteral("response_type"), QStringLiteral("code"));
    a.clientId = q.value(QStringLiteral("client_id"));
    a.redirectUri = q.value(QStringLiteral("redirect_uri"));
    a.scope = q.value(QStringLiteral("scope"));
    a.state = q.value(QStringLiteral("state"));
    a.codeChallenge = q.value(QStringLiteral("code_challenge"));
    a.codeChallengeMethod = q.value(QStringLiteral("code_challenge_method"));
    QStringList problems;
    if (r.method != "GET")
        problems << QStringLiteral("method");
    if (a.responseType != QLatin1String("code"))
        problems << QStringLiteral("response_type");
    if (a.clientId != meta.clientId)
        problems << QStringLiteral("client_id");
    if (!isLoopbackRedirect(a.redirectUri))
        problems << QStringLiteral("redirect_uri");
    if (!a.codeChallenge.isEmpty() && a.codeChallengeMethod != QLatin1String("S256"))
        problems << QStringLiteral("code_challenge_method");
    a.accepted = problems.isEmpty();
    m_lastMeta = a;
    if (!a.accepted)
        return badRequestPage(problems);

    const QString state = meta.wrongState ? QString::fromLatin1(randomChars(32, kUrlSafe)) : a.state;
    const QByteArray stateItem = q.contains(QStringLiteral("state")) ? "&state=" + pct(state) : QByteArray();
    // Facebook appends "#_=_" to the redirect; a browser does not send the fragment to the loopback server.
    if (meta.decision == Decision::Deny)
        return redirect(a.redirectUri,
                        "error=access_denied&error_reason=user_denied&error_description=Permissions+error" + stateItem,
                        "#_=_");
    const QString code = issue(TokenKind::MetaCode);
    const QStringList requested = splitScopes(a.scope, true);
    m_codes.insert(code, Code{TokenKind::MetaCode, a.clientId, a.redirectUri, a.codeChallenge, requested,
                              minus(requested, meta.untickedScopes)});
    return redirect(a.redirectUri, "code=" + pct(code) + stateItem, "#_=_");
}

CannedResponse FakeAuthServer::metaAccessToken(const ReceivedRequest &r)
{
    return withTokenFault([this, &r] {
        auto p = queryOf(r);
        if (r.method == "POST" && isForm(r)) {
            const auto form = decodeForm(r.body);
            for (auto it = form.cbegin(); it != form.cend(); ++it)
                p.insert(it.key(), it.value());
        }
        const auto refused = [this](const CannedResponse &answer) {
            ++m_counts.metaTokenRefusals;
            return answer;
        };
        // Constructed messages: Graph's wording for these cases, no capture in shared/data.
        if (p.value(QStringLiteral("grant_type")) == QLatin1String("fb_exchange_token"))
            return refused(p.value(QStringLiteral("client_secret")).isEmpty()
                               ? graphError(400, 101, std::nullopt, QStringLiteral("Missing client_secret parameter."))
                               : graphError(400, 1, std::nullopt, QStringLiteral("Error validating client secret.")));
        if (p.value(QStringLiteral("client_id")) != meta.clientId)
            return refused(graphError(400, 101, std::nullopt,
                                      QStringLiteral("Error validating application. Invalid application ID.")));
        const auto code = m_codes.find(p.value(QStringLiteral("code")));
        if (code == m_codes.end() || code->kind != TokenKind::MetaCode)
            return refused(graphError(400, 100, std::nullopt, QStringLiteral("Invalid verification code format.")));
        if (code->used)
            return refused(graphError(400, 100, 36009, QStringLiteral("This authorization code has been used.")));
        if (code->redirectUri != p.value(QStringLiteral("redirect_uri")))
            return refused(graphError(400, 100, 36008,
                                      QStringLiteral("Error validating verification code. Please make sure your "
                                                     "redirect_uri is identical to the one you used in the OAuth "
                                                     "dialog request")));
        if (code->challenge.isEmpty()) // without PKCE the exchange needs the app secret, which the app does not hold
            return refused(graphError(400, 101, std::nullopt, QStringLiteral("Missing client_secret parameter.")));
        if (s256(p.value(QStringLiteral("code_verifier"))) != code->challenge)
            return refused(graphError(400, 100, std::nullopt, QStringLiteral("Invalid code verifier.")));
        code->used = true;
        ++m_counts.metaCodeExchanges;
        const Code grant = *code;
        JsonEdit body = JsonEdit::fromFile(metaFile("fb_exchange_token_200_python-facebook.json"));
        body.setString({QStringLiteral("access_token")},
                       issue(TokenKind::MetaShortLived, grant.requested, grant.granted));
        body.setNumber({QStringLiteral("expires_in")}, meta.shortLivedExpiresIn);
        return jsonAnswer(200, body.text(), kGraphJson);
    });
}

CannedResponse FakeAuthServer::metaExchange(const ReceivedRequest &r)
{
    return withTokenFault([this, &r] {
        const auto refused = [this](const CannedResponse &answer) {
            ++m_counts.metaTokenRefusals;
            return answer;
        };
        // A GET would put the user token in the URL (and so in access logs): the endpoint takes a form only.
        if (r.method != "POST" || !isForm(r))
            return refused(graphError(400, 100, std::nullopt, QStringLiteral("Unsupported request: POST a form.")));
        const auto p = decodeForm(r.body);
        if (p.value(QStringLiteral("grant_type")) != QLatin1String("fb_exchange_token"))
            return refused(graphError(400, 100, std::nullopt, QStringLiteral("Unsupported grant_type.")));
        if (p.value(QStringLiteral("client_id")) != meta.clientId)
            return refused(graphError(400, 101, std::nullopt,
                                      QStringLiteral("Error validating application. Invalid application ID.")));
        const QString presented = p.value(QStringLiteral("fb_exchange_token"));
        const Token *user = metaUserToken(presented);
        if (!user)
            return refused(graph190(presented));
        ++m_counts.metaExchanges;
        const Token grant = *user;
        const QString token = issue(TokenKind::MetaLongLived, grant.requested, grant.granted);
        JsonEdit body =
            JsonEdit::fromFile(meta.longLivedWithoutExpiresIn ? metaFile("fb_exchange_token_200_no_expires_in.json")
                                                              : metaFile("fb_exchange_token_200_python-facebook.json"));
        body.setString({QStringLiteral("access_token")}, token);
        if (!meta.longLivedWithoutExpiresIn)
            body.setNumber({QStringLiteral("expires_in")}, meta.longLivedExpiresIn);
        return jsonAnswer(200, body.text(), kGraphJson);
    });
}

CannedResponse FakeAuthServer::metaMe(const ReceivedRequest &r)
{
    const auto q = queryOf(r);
    QString token = bearer(r);
    if (token.isEmpty())
        token = q.value(QStringLiteral("access_token"));
    const Token *user = metaUserToken(token);
    if (!user)
        return graph190(token);
    const QString edge = r.path.mid(m_paths.metaMe.size());
    if (edge.isEmpty()) { // constructed: {"id","name"} as Graph answers, only the fields asked for
        const auto fields = parseFields(q.value(QStringLiteral("fields"), QStringLiteral("id,name")));
        QJsonObject me;
        if (fields.contains(QStringLiteral("id")))
            me.insert(QStringLiteral("id"), meta.id);
        if (fields.contains(QStringLiteral("name")))
            me.insert(QStringLiteral("name"), meta.name);
        return jsonAnswer(200, QJsonDocument(me).toJson(QJsonDocument::Compact), kGraphJson);
    }
    if (edge == QLatin1String("/permissions")) { // constructed from the grant
        QJsonArray data;
        for (const QString &scope : user->requested)
            data.append(
                QJsonObject{{QStringLiteral("permission"), scope},
                            {QStringLiteral("status"),
                             user->granted.contains(scope) ? QStringLiteral("granted") : QStringLiteral("declined")}});
        return jsonAnswer(
            200, QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson(QJsonDocument::Compact), kGraphJson);
    }
    if (edge == QLatin1String("/accounts"))
        return metaAccounts(r, token);
    return graphError(
        400, 100, std::nullopt,
        QStringLiteral("(#100) Tried accessing nonexisting field (%1) on node type (User)").arg(edge.mid(1)));
}

CannedResponse FakeAuthServer::metaAccounts(const ReceivedRequest &r, const QString &userToken)
{
    const auto q = queryOf(r);
    const QString after = q.value(QStringLiteral("after"));
    const QString before = q.value(QStringLiteral("before"));
    const char *file = "me_accounts_200_page1_next_summary.json";
    if (meta.singlePageAccounts)
        file = "me_accounts_200_cursors_only_utf8_category.json";
    else if (!after.isEmpty() && m_cursors.value(after) == userToken)
        file = "me_accounts_200_page2_previous.json";
    else if (!after.isEmpty() || (!before.isEmpty() && m_cursors.value(before) != userToken))
        return graphError(400, 100, std::nullopt, QStringLiteral("(#100) The cursor is not valid."));
    JsonEdit body = JsonEdit::fromFile(metaFile(file));

    const QString fieldsParam = q.value(QStringLiteral("fields"));
    const auto fields = parseFields(fieldsParam);
    const QStringList data{QStringLiteral("data")};
    for (int i = 0; i < body.size(data); ++i) {
        const QStringList item = data + QStringList{QString::number(i)};
        const QString pageId = decodeString(*body.raw(item + QStringList{QStringLiteral("id")}));
        QString &pageToken = m_pageTokens[userToken + QLatin1Char('/') + pageId];
        if (pageToken.isEmpty())
            pageToken = issue(TokenKind::MetaPage);
        body.setString(item + QStringList{QStringLiteral("access_token")}, pageToken);
        if (fieldsParam.isEmpty())
            continue;
        for (const QString &key : body.keys(item))
            if (!fields.contains(key))
                body.remove(item + QStringList{key});
        if (!fields.contains(QStringLiteral("instagram_business_account")))
            continue;
        for (const auto &ig : meta.instagram) {
            if (ig.pageId != pageId)
                continue;
            // The linked account's shape from a real page body; username only when asked for.
            const JsonEdit page = JsonEdit::fromFile(metaFile("page_instagram_business_account_200_restfb.json"));
            JsonEdit account(*page.raw({QStringLiteral("instagram_business_account")}));
            account.setString({QStringLiteral("id")}, ig.igId);
            const QStringList sub = fields.value(QStringLiteral("instagram_business_account"));
            if (sub.contains(QStringLiteral("username")))
                account.insert({}, QStringLiteral("username"), JsonEdit::quoted(ig.username));
            body.insert(item, QStringLiteral("instagram_business_account"), account.compact().text());
        }
    }
    if (meta.singlePageAccounts)
        return jsonAnswer(200, body.text(), kGraphJson);

    // Fresh cursors, and links back to this server with the caller's token (Graph puts it there too).
    const QStringList cursors{QStringLiteral("paging"), QStringLiteral("cursors")};
    const QString newBefore = QString::fromLatin1(randomChars(40, kUrlSafe));
    const QString newAfter = QString::fromLatin1(randomChars(40, kUrlSafe));
    body.setString(cursors + QStringList{QStringLiteral("before")}, newBefore);
    body.setString(cursors + QStringList{QStringLiteral("after")}, newAfter);
    for (const QString &link : {QStringLiteral("next"), QStringLiteral("previous")}) {
        const QStringList path{QStringLiteral("paging"), link};
        if (!body.has(path))
            continue;
        QUrl u(decodeString(*body.raw(path)));
        const QUrl local = url(m_paths.metaMe + QStringLiteral("/accounts"));
        u.setScheme(local.scheme());
        u.setHost(local.host());
        u.setPort(local.port());
        u.setPath(local.path());
        QUrlQuery query(u);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
        for (auto &item : items) {
            if (item.first == QLatin1String("access_token"))
                item.second = userToken;
            else if (item.first == QLatin1String("after") || item.first == QLatin1String("before"))
                item.second = item.first == QLatin1String("after") ? newAfter : newBefore;
        }
        // Graph keeps the request's other parameters (fields, ...) in its links.
        const auto asked =
            QUrlQuery(QString::fromLatin1(r.target.mid(r.target.indexOf('?') + 1))).queryItems(QUrl::FullyDecoded);
        for (const auto &item : asked) {
            const bool known = std::any_of(items.cbegin(), items.cend(),
                                           [&item](const auto &have) { return have.first == item.first; });
            if (!known && item.first != QLatin1String("access_token") && item.first != QLatin1String("after") &&
                item.first != QLatin1String("before"))
                items.insert(items.size() - 1, item); // before the cursor, which comes last
        }
        query.setQueryItems(items);
        u.setQuery(query);
        body.setString(path, u.toString(QUrl::FullyEncoded));
        m_cursors.insert(link == QLatin1String("next") ? newAfter : newBefore, userToken);
    }
    return jsonAnswer(200, body.text(), kGraphJson);
}

} // namespace sportello::test
