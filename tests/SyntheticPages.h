#pragma once
// X API v2 mentions pages made up for tests and benchmarks, in the shape of the real ones
// (../shared/data/x_api_v2_docs_examples/user_mentions_timeline_includes_users_next_token.json):
// data (id, text, author_id, created_at, conversation_id), includes.users, meta (newest_id,
// oldest_id, result_count, next_token). Newest first, like X.

#include <QByteArray>
#include <QString>
#include <QVector>

namespace sportello::test {

struct SyntheticMentions {
    int pages = 1;
    int perPage = 10;
    qint64 firstTweetId = 1'800'000'000'000'000'000; // the newest tweet of the first page
    qint64 newestCreatedAtMs = 0;                    // created_at of the newest tweet
    qint64 spacingMs = 60'000;                       // between consecutive tweets, going back
    QString textPrefix = QStringLiteral("Buongiorno, la mia pratica di sinistro è ferma da giorni");

    // Page n (0-based); every page but the last carries a next_token.
    QByteArray page(int n) const;
    QVector<QByteArray> allPages() const;
    // The tweet ids of page n, newest first.
    QVector<QString> ids(int n) const;
};

} // namespace sportello::test
