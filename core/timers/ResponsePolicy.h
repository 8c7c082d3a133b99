#pragma once
// A response policy: the first-response target of each category (optionally per channel),
// counted in business or calendar time on a business calendar, and when a post is "due soon".
// Stored in the database as JSON (docs/policies.md), so a team can share it.

#include "common/Result.h"
#include "domain/Domain.h"
#include "timers/BusinessCalendar.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QVector>
#include <optional>

namespace sportello {

struct ResponseTarget {
    std::optional<Category> category; // nullopt: posts not yet categorised
    std::optional<Channel> channel;   // nullopt: every channel
    qint64 minutes = 60;
    bool businessTime = true;
    // App-store reviews rated at most this many stars (1 to 4); nullopt: every post. A target with
    // a rating never applies to a post without one.
    std::optional<int> maxRating = std::nullopt; // last, so that {category, channel, minutes, clock} still reads
    bool operator==(const ResponseTarget &) const = default;
};

// The timer of one inbound post under a policy.
struct PostTimer {
    qint64 targetMs = 0;
    bool businessTime = true;
    qint64 dueAtMs = 0;
    qint64 dueSoonAtMs = 0; // from this moment on the post is due soon
};

class ResponsePolicy {
public:
    // Every post is answered: non-negative 60 business minutes, complaints and assistance 120.
    static ResponsePolicy systematic();
    // Selected non-negative posts only, 24 calendar hours; a non-negative post closed without
    // reply counts as handled by policy. Complaints and assistance 120 business minutes.
    static ResponsePolicy selective();
    static QStringList presetNames() { return {QStringLiteral("systematic"), QStringLiteral("selective")}; }
    static std::optional<ResponsePolicy> preset(const QString &name);

    QString name;  // identifier, e.g. "systematic"
    QString label; // for people
    double dueSoonFraction = 0.25;
    BusinessCalendar calendar = BusinessCalendar::italianOffice();
    QVector<ResponseTarget> targets;
    // Categories whose posts closed without reply count as handled, not as missed targets.
    QSet<Category> closeWithoutReplyIsHandled;

    // The most specific target of the post's category that applies to it: one with a star rating
    // first (the fewest stars first), then one with its channel, then the category's target on
    // every channel; a post with no category and no such target gets the shortest target.
    // rating: the post's stars (1 to 5), nullopt for a post that is not a rated review.
    ResponseTarget targetFor(std::optional<Category> category, Channel channel,
                             std::optional<int> rating = std::nullopt) const;
    PostTimer timerFor(std::optional<Category> category, Channel channel, qint64 arrivedMs,
                       std::optional<int> rating = std::nullopt) const;

    Status validate() const;
    QJsonObject toJson() const;
    static Result<ResponsePolicy> fromJson(const QJsonObject &json);
    static Result<ResponsePolicy> fromJsonText(const QByteArray &text);

    bool operator==(const ResponsePolicy &other) const;
};

// How an inbound post's first response went against its target.
enum class ResponseOutcome { Waiting, Met, Missed, HandledByPolicy };

// `answeredAtMs` 0 while waiting; `closedWithoutReply` when the answer was a close decision.
ResponseOutcome responseOutcome(const ResponsePolicy &policy, std::optional<Category> category, qint64 dueAtMs,
                                qint64 answeredAtMs, bool closedWithoutReply);

// Calendars as JSON: {"time_zone", "always_open", "italian_holidays", "holidays": [dates],
// "week": {"monday": [["09:00","13:00"], ...], ...}}.
QJsonObject calendarToJson(const BusinessCalendar &calendar);
Result<BusinessCalendar> calendarFromJson(const QJsonObject &json);

} // namespace sportello
