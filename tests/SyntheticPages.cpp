#include "SyntheticPages.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sportello::test {

QVector<QString> SyntheticMentions::ids(int n) const
{
    QVector<QString> list;
    for (int i = 0; i < perPage; ++i)
        list << QString::number(firstTweetId - qint64(n) * perPage - i);
    return list;
}

QByteArray SyntheticMentions::page(int n) const
{
    QJsonArray data;
    QJsonArray users;
    const QVector<QString> pageIds = ids(n);
    for (int i = 0; i < perPage; ++i) {
        const int k = n * perPage + i; // 0 is the newest tweet overall
        const QString author = QString::number(500'000 + k);
        const qint64 at = newestCreatedAtMs - qint64(k) * spacingMs;
        data.append(QJsonObject{
            {QStringLiteral("id"), pageIds.at(i)},
            {QStringLiteral("text"), QStringLiteral("%1 (%2)").arg(textPrefix).arg(k)},
            {QStringLiteral("author_id"), author},
            {QStringLiteral("created_at"), QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("conversation_id"), pageIds.at(i)},
            {QStringLiteral("lang"), QStringLiteral("it")},
        });
        users.append(QJsonObject{{QStringLiteral("id"), author},
                                 {QStringLiteral("username"), QStringLiteral("cliente%1").arg(k)},
                                 {QStringLiteral("name"), QStringLiteral("Cliente %1").arg(k)}});
    }
    QJsonObject meta{{QStringLiteral("newest_id"), pageIds.first()},
                     {QStringLiteral("oldest_id"), pageIds.last()},
                     {QStringLiteral("result_count"), perPage}};
    if (n + 1 < pages)
        meta.insert(QStringLiteral("next_token"), QStringLiteral("page%1token").arg(n + 1));
    const QJsonObject root{{QStringLiteral("data"), data},
                           {QStringLiteral("includes"), QJsonObject{{QStringLiteral("users"), users}}},
                           {QStringLiteral("meta"), meta}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QVector<QByteArray> SyntheticMentions::allPages() const
{
    QVector<QByteArray> list;
    for (int n = 0; n < pages; ++n)
        list << page(n);
    return list;
}

} // namespace sportello::test
