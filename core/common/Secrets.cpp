#include "common/Secrets.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cstdio>

namespace sportello {

namespace {

constexpr int kMinRememberedLength = 8;

// Never destroyed: Qt logs from its own global destructors at exit, after this file's statics
// would be gone, and every message comes through printLogMessageHidingCredentials (the sanitizer
// run found a remembered list read after its destruction).
struct SecretsState {
    QMutex mutex;
    QStringList remembered;
    // Whole words only: a token is never glued to other letters or digits, and a path like
    // /home/ada/EAAexports.jsonl is too short to be one.
    const QRegularExpression shapes{QStringLiteral("(?<![A-Za-z0-9])(?:"
                                                   "EAA[A-Za-z0-9]{20,}"
                                                   "|A{20,}[A-Za-z0-9%]{20,}"
                                                   "|[0-9]{1,20}-[A-Za-z0-9]{30,}"
                                                   ")(?![A-Za-z0-9])")};
};

SecretsState &state()
{
    static auto *const kState = new SecretsState;
    return *kState;
}

QStringList rememberedCopy()
{
    const QMutexLocker lock(&state().mutex);
    return state().remembered;
}

} // namespace

QVector<std::pair<int, int>> credentialSpans(const QString &text)
{
    const QRegularExpression &shapes = state().shapes;
    QVector<std::pair<int, int>> spans;
    for (auto it = shapes.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        spans.push_back({int(m.capturedStart()), int(m.capturedEnd())});
    }
    for (const QString &value : rememberedCopy())
        for (qsizetype at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.size()))
            spans.push_back({int(at), int(at + value.size())});
    if (spans.isEmpty())
        return spans;
    // Merge overlaps (a remembered token is usually also a recognised shape).
    std::sort(spans.begin(), spans.end());
    QVector<std::pair<int, int>> merged{spans.first()};
    for (const auto &span : spans) {
        if (span.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, span.second);
        else
            merged.push_back(span);
    }
    return merged;
}

bool containsCredential(const QString &text) { return !credentialSpans(text).isEmpty(); }

QString hiddenCredentialMarker()
{
    return QCoreApplication::translate("Secrets", "[hidden: looks like an access token]");
}

QString hideCredentials(const QString &text)
{
    const auto spans = credentialSpans(text);
    if (spans.isEmpty())
        return text;
    const QString marker = hiddenCredentialMarker();
    QString shown = text;
    for (auto it = spans.crbegin(); it != spans.crend(); ++it)
        shown.replace(it->first, it->second - it->first, marker);
    return shown;
}

void rememberSecret(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.size() < kMinRememberedLength)
        return;
    const QMutexLocker lock(&state().mutex);
    if (!state().remembered.contains(trimmed))
        state().remembered.append(trimmed);
}

void printLogMessageHidingCredentials(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = hideCredentials(qFormatLogMessage(type, context, message)).toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace sportello
