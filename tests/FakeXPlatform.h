#pragma once
// A fake X (API v2) on a LocalHttpServer, as far as delivery uses it: POST /2/tweets creates a
// reply; the account's timeline and the lookup of a customer's post serve the read-back (an entry
// whose outcome is unknown, or one decided offline, is read before it is sent). Shared by the
// hub's tests and the team system's.
//
//   FakeX x;
//   x.tellAbout(QStringLiteral("1234567891"), QStringLiteral("1234567890"));
//   http.setHandler(QStringLiteral("/2/"), [&x](const ReceivedRequest &r) { return x.handle(r); });

#include "LocalHttpServer.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

namespace sportello::test {

struct FakeX {
    struct Tweet {
        QString id, text, replyTo;
        qint64 at = 0;
    };
    QString account = QStringLiteral("2222222222"); // the company's X account: its timeline
    QVector<Tweet> tweets;                          // the replies created, oldest first
    QHash<QString, QByteArray> customerPosts;       // id -> the body of GET /2/tweets/<id>
    int created = 0;
    bool hang = false;                     // the reply is created, the answer never comes
    int answerDelayMs = 0;                 // the reply is created, the answer comes late
    QList<CannedResponse> nextPostAnswers; // answered instead of creating
    int nextId = 1800000000;

    // The lookup of a customer's post answers with it (a post not told about is not found).
    void tellAbout(const QString &id, const QString &conversationId,
                   const QString &text = QStringLiteral("Buongiorno, ho un problema con la polizza"),
                   const QString &authorId = QStringLiteral("2244994945"))
    {
        customerPosts.insert(
            id, QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                           QJsonObject{{QStringLiteral("id"), id},
                                                       {QStringLiteral("text"), text},
                                                       {QStringLiteral("conversation_id"), conversationId},
                                                       {QStringLiteral("author_id"), authorId}}}})
                    .toJson());
    }
    // The same from a file (the X docs' examples).
    void tellAboutFile(const QString &id, const QString &path) { customerPosts.insert(id, fileBytes(path)); }

    // The replies created in answer to `post`.
    int repliesTo(const QString &post) const
    {
        int n = 0;
        for (const Tweet &t : tweets)
            n += t.replyTo == post ? 1 : 0;
        return n;
    }

    static QString isoAt(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }

    CannedResponse handle(const ReceivedRequest &r)
    {
        if (r.method == "POST") {
            if (!nextPostAnswers.isEmpty())
                return nextPostAnswers.takeFirst();
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            ++created;
            Tweet t{
                QString::number(++nextId), body.value(QLatin1String("text")).toString(),
                body.value(QLatin1String("reply")).toObject().value(QLatin1String("in_reply_to_tweet_id")).toString(),
                QDateTime::currentMSecsSinceEpoch()};
            tweets.append(t);
            CannedResponse answer = CannedResponse::json(
                201, QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), t.id},
                                                                                    {QStringLiteral("text"), t.text}}}})
                         .toJson());
            answer.delayMs = hang ? 60'000 : answerDelayMs;
            return answer;
        }
        if (r.path == QLatin1String("/2/users/") + account + QLatin1String("/tweets")) {
            QJsonArray data;
            for (int i = int(tweets.size()) - 1; i >= 0; --i) {
                const Tweet &t = tweets.at(i);
                data.append(QJsonObject{{QStringLiteral("id"), t.id},
                                        {QStringLiteral("text"), QStringLiteral("@customer ") + t.text},
                                        {QStringLiteral("author_id"), account},
                                        {QStringLiteral("created_at"), isoAt(t.at)},
                                        {QStringLiteral("referenced_tweets"),
                                         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("replied_to")},
                                                                {QStringLiteral("id"), t.replyTo}}}}});
            }
            QJsonObject root{{QStringLiteral("meta"), QJsonObject{{QStringLiteral("result_count"), data.size()}}}};
            if (!data.isEmpty())
                root.insert(QStringLiteral("data"), data);
            return CannedResponse::json(200, QJsonDocument(root).toJson());
        }
        const QString lookup = QStringLiteral("/2/tweets/");
        if (r.path.startsWith(lookup)) {
            const auto known = customerPosts.constFind(r.path.mid(lookup.size()));
            if (known != customerPosts.constEnd())
                return CannedResponse::json(200, *known);
        }
        return CannedResponse::json(404, R"({"title":"Not Found"})");
    }
};

} // namespace sportello::test
