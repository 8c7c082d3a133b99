#pragma once
// The saved-reply library, stored in the cache (table saved_replies): templates per language,
// category and channel, found by short code ("::ack") or ranked for a post, imported from and
// exported to the JSON file described in docs/saved-replies.md.

#include "common/Result.h"
#include "domain/Domain.h"

#include <QByteArray>
#include <QString>
#include <QVector>
#include <optional>

class QSqlDatabase;

namespace sportello {

class Database;

struct SavedReply {
    QString id;   // UUID; empty for a reply not stored yet
    QString code; // short code without the "::", e.g. "ack"
    QString title;
    QString language = QStringLiteral("it"); // "it" or "en"
    std::optional<Category> category;        // none: fits every category
    std::optional<Channel> channel;          // none: fits every channel
    QString body;
    qint64 updatedAtMs = 0;
    bool operator==(const SavedReply &) const = default;
};

struct ImportSummary {
    int added = 0;
    int replaced = 0; // same code and language as a stored reply
};

class SavedReplyStore {
public:
    explicit SavedReplyStore(Database &database) : m_database(database) {}

    Result<QVector<SavedReply>> all() const; // by language, then code
    Result<std::optional<SavedReply>> byCode(const QString &code, const QString &language) const;
    // Checks (code, title, body syntax, no other reply with the same code and language) and
    // stores; a reply without id gets one. Returns the stored reply.
    Result<SavedReply> save(SavedReply reply, qint64 nowMs);
    Status remove(const QString &id);

    // Every reply of the file or none: one transaction.
    Result<ImportSummary> importJson(const QByteArray &json, qint64 nowMs);
    Result<QByteArray> exportJson() const;

    // The replies that fit a post first: its language, then its category, then its channel.
    static void rank(QVector<SavedReply> &replies, const QString &language, std::optional<Category> category,
                     std::optional<Channel> channel);
    static int fitScore(const SavedReply &reply, const QString &language, std::optional<Category> category,
                        std::optional<Channel> channel);

    // Reads a file in the documented format; errors name the reply and the field.
    static Result<QVector<SavedReply>> parseJson(const QByteArray &json);
    static QByteArray toJson(const QVector<SavedReply> &replies);
    static Status validate(const SavedReply &reply);

    // The starter library written for Sportello, Italian and English (installed by migration 7).
    static QVector<SavedReply> starterLibrary();
    static Status installStarterLibrary(const QSqlDatabase &db);

private:
    Database &m_database;
};

} // namespace sportello
