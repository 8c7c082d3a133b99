#include "timers/ResponsePolicy.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace sportello {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
// The longest target a policy may set: one year.
constexpr qint64 kMaxTargetMinutes = 60 * 24 * 365;
const char *const kDayKeys[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

Error policyError(const QString &detail)
{
    return Error{QCoreApplication::translate("Policy", "The policy is not valid: %1").arg(detail),
                 ErrorKind::InvalidInput};
}

QString timeText(const QTime &t)
{
    return t == QTime(23, 59, 59, 999) ? QStringLiteral("24:00") : t.toString(QStringLiteral("HH:mm"));
}

std::optional<QTime> parseTime(const QString &text)
{
    if (text == QLatin1String("24:00"))
        return QTime(23, 59, 59, 999);
    const QTime t = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!t.isValid())
        return std::nullopt;
    return t;
}

} // namespace

ResponsePolicy ResponsePolicy::systematic()
{
    ResponsePolicy p;
    p.name = QStringLiteral("systematic");
    p.label = QStringLiteral("Systematic");
    p.targets = {{Category::NonNegative, std::nullopt, 60, true},
                 {Category::Complaint, std::nullopt, 120, true},
                 {Category::Assistance, std::nullopt, 120, true}};
    return p;
}

ResponsePolicy ResponsePolicy::selective()
{
    ResponsePolicy p;
    p.name = QStringLiteral("selective");
    p.label = QStringLiteral("Selective");
    p.targets = {{Category::NonNegative, std::nullopt, 24 * 60, false},
                 {Category::Complaint, std::nullopt, 120, true},
                 {Category::Assistance, std::nullopt, 120, true}};
    p.closeWithoutReplyIsHandled = {Category::NonNegative};
    return p;
}

std::optional<ResponsePolicy> ResponsePolicy::preset(const QString &name)
{
    if (name == QLatin1String("systematic"))
        return systematic();
    if (name == QLatin1String("selective"))
        return selective();
    return std::nullopt;
}

ResponseTarget ResponsePolicy::targetFor(std::optional<Category> category, Channel channel,
                                         std::optional<int> rating) const
{
    // Specificity: a rating condition (the fewer stars, the more specific), then a channel; among
    // equals the first in the list, as before ratings existed.
    const auto rank = [](const ResponseTarget &t) {
        return std::pair{t.maxRating ? 6 - *t.maxRating : 0, t.channel ? 1 : 0};
    };
    const ResponseTarget *best = nullptr;
    for (const ResponseTarget &t : targets) {
        if (t.category != category || (t.channel && *t.channel != channel))
            continue;
        if (t.maxRating && (!rating || *rating > *t.maxRating))
            continue;
        if (!best || rank(t) > rank(*best))
            best = &t;
    }
    if (best)
        return *best;
    // No target for this case: the strictest one applies, so nothing waits longer than it should
    // (of the targets for every post: a rated one is for a few reviews, not a default).
    ResponseTarget shortest{category, std::nullopt, 60, true};
    bool found = false;
    for (const ResponseTarget &t : targets) {
        if (t.maxRating)
            continue;
        if (!found || t.minutes < shortest.minutes) {
            shortest = {category, std::nullopt, t.minutes, t.businessTime};
            found = true;
        }
    }
    return shortest;
}

PostTimer ResponsePolicy::timerFor(std::optional<Category> category, Channel channel, qint64 arrivedMs,
                                   std::optional<int> rating) const
{
    const ResponseTarget target = targetFor(category, channel, rating);
    PostTimer timer;
    timer.targetMs = target.minutes * kMinuteMs;
    timer.businessTime = target.businessTime;
    const qint64 beforeDueSoon = qint64(std::llround(double(timer.targetMs) * (1.0 - dueSoonFraction)));
    if (target.businessTime && !calendar.isAlwaysOpen()) {
        timer.dueAtMs = calendar.addBusinessTime(arrivedMs, timer.targetMs);
        timer.dueSoonAtMs = calendar.addBusinessTime(arrivedMs, beforeDueSoon);
        // A calendar with no working time at all was refused by validate(); be safe anyway.
        if (timer.dueAtMs < 0 || timer.dueSoonAtMs < 0) {
            timer.dueAtMs = arrivedMs + timer.targetMs;
            timer.dueSoonAtMs = arrivedMs + beforeDueSoon;
        }
    } else {
        timer.dueAtMs = arrivedMs + timer.targetMs;
        timer.dueSoonAtMs = arrivedMs + beforeDueSoon;
    }
    return timer;
}

Status ResponsePolicy::validate() const
{
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    if (!namePattern.match(name).hasMatch())
        return policyError(QCoreApplication::translate("Policy", "the name \"%1\" must be 1 to 64 lower-case letters, "
                                                                 "digits, '-' or '_'.")
                               .arg(name));
    if (!(dueSoonFraction > 0.0 && dueSoonFraction < 1.0))
        return policyError(
            QCoreApplication::translate("Policy", "due_soon_fraction must be between 0 and 1 (for example 0.25)."));
    if (targets.isEmpty())
        return policyError(QCoreApplication::translate("Policy", "it has no targets."));
    for (int i = 0; i < targets.size(); ++i) {
        const ResponseTarget &t = targets.at(i);
        if (t.minutes <= 0 || t.minutes > kMaxTargetMinutes)
            return policyError(
                QCoreApplication::translate("Policy", "target %1: minutes must be between 1 and 525600.").arg(i + 1));
        if (t.maxRating && (*t.maxRating < 1 || *t.maxRating > 4))
            return policyError(
                QCoreApplication::translate("Policy", "target %1: max_rating must be 1, 2, 3 or 4 stars.").arg(i + 1));
        for (int j = 0; j < i; ++j)
            if (targets.at(j).category == t.category && targets.at(j).channel == t.channel &&
                targets.at(j).maxRating == t.maxRating)
                return policyError(QCoreApplication::translate(
                                       "Policy", "target %1 repeats the category, channel and rating of target %2.")
                                       .arg(i + 1)
                                       .arg(j + 1));
    }
    for (Category c : {Category::NonNegative, Category::Complaint, Category::Assistance}) {
        const bool covered = std::any_of(targets.begin(), targets.end(), [c](const ResponseTarget &t) {
            return t.category == c && !t.channel && !t.maxRating;
        });
        if (!covered)
            return policyError(
                QCoreApplication::translate("Policy", "there is no target for the category %1 on all channels.")
                    .arg(toId(c)));
    }
    if (Status s = calendar.validate(); !s)
        return policyError(s.error());
    return {};
}

ResponseOutcome responseOutcome(const ResponsePolicy &policy, std::optional<Category> category, qint64 dueAtMs,
                                qint64 answeredAtMs, bool closedWithoutReply)
{
    if (answeredAtMs <= 0)
        return ResponseOutcome::Waiting;
    // Under the selective policy, not answering a non-negative post is a choice, not a miss.
    if (closedWithoutReply && category && policy.closeWithoutReplyIsHandled.contains(*category))
        return ResponseOutcome::HandledByPolicy;
    return answeredAtMs <= dueAtMs ? ResponseOutcome::Met : ResponseOutcome::Missed;
}

QJsonObject calendarToJson(const BusinessCalendar &calendar)
{
    QJsonObject week;
    for (int d = 1; d <= 7; ++d) {
        QJsonArray periods;
        for (const WorkingPeriod &p : calendar.periods(d))
            periods.append(QJsonArray{timeText(p.start), timeText(p.end)});
        week.insert(QLatin1String(kDayKeys[d - 1]), periods);
    }
    QStringList dates;
    for (const QDate &d : calendar.extraHolidays())
        dates << d.toString(Qt::ISODate);
    dates.sort();
    return {{QStringLiteral("time_zone"), QString::fromLatin1(calendar.timeZone().id())},
            {QStringLiteral("always_open"), calendar.isAlwaysOpen()},
            {QStringLiteral("italian_holidays"), calendar.closesOnItalianHolidays()},
            {QStringLiteral("holidays"), QJsonArray::fromStringList(dates)},
            {QStringLiteral("week"), week}};
}

Result<BusinessCalendar> calendarFromJson(const QJsonObject &json)
{
    const auto error = [](const QString &detail) {
        return Error{QCoreApplication::translate("Policy", "The calendar is not valid: %1").arg(detail),
                     ErrorKind::InvalidInput};
    };
    // Missing: Europe/Rome. Given: a zone's name; an empty or non-text value is refused, not taken
    // for UTC.
    const QJsonValue zoneValue = json.value(QStringLiteral("time_zone"));
    if (!zoneValue.isUndefined() && (!zoneValue.isString() || zoneValue.toString().trimmed().isEmpty()))
        return error(QCoreApplication::translate("Policy", "time_zone must name a time zone, such as Europe/Rome."));
    const QString zoneId = zoneValue.toString(QStringLiteral("Europe/Rome"));
    const QTimeZone zone(zoneId.toUtf8());
    if (!zone.isValid())
        return error(QCoreApplication::translate("Policy", "unknown time zone \"%1\".").arg(zoneId));
    BusinessCalendar calendar(zone);
    if (json.contains(QStringLiteral("always_open")) && !json.value(QStringLiteral("always_open")).isBool())
        return error(QCoreApplication::translate("Policy", "always_open must be true or false."));
    calendar.setAlwaysOpen(json.value(QStringLiteral("always_open")).toBool(false));
    if (json.contains(QStringLiteral("italian_holidays")) && !json.value(QStringLiteral("italian_holidays")).isBool())
        return error(QCoreApplication::translate("Policy", "italian_holidays must be true or false."));
    calendar.setClosesOnItalianHolidays(json.value(QStringLiteral("italian_holidays")).toBool(false));
    QSet<QDate> holidays;
    for (const QJsonValue &v : json.value(QStringLiteral("holidays")).toArray()) {
        const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
        if (!d.isValid())
            return error(QCoreApplication::translate("Policy", "\"%1\" in holidays is not a date like 2026-08-14.")
                             .arg(v.toVariant().toString()));
        holidays.insert(d);
    }
    calendar.setExtraHolidays(holidays);
    const QJsonObject week = json.value(QStringLiteral("week")).toObject();
    for (auto it = week.begin(); it != week.end(); ++it) {
        if (std::none_of(std::begin(kDayKeys), std::end(kDayKeys),
                         [&](const char *k) { return it.key() == QLatin1String(k); }))
            return error(
                QCoreApplication::translate("Policy", "\"%1\" is not a day of the week (use monday ... sunday).")
                    .arg(it.key()));
    }
    for (int d = 1; d <= 7; ++d) {
        const QJsonValue day = week.value(QLatin1String(kDayKeys[d - 1]));
        if (!day.isUndefined() && !day.isArray())
            return error(QCoreApplication::translate("Policy", "%1 must be a list of [\"HH:mm\", \"HH:mm\"] periods.")
                             .arg(QLatin1String(kDayKeys[d - 1])));
        QVector<WorkingPeriod> periods;
        for (const QJsonValue &p : day.toArray()) {
            const QJsonArray pair = p.toArray();
            const auto start = parseTime(pair.at(0).toString());
            const auto end = parseTime(pair.at(1).toString());
            if (pair.size() != 2 || !start || !end)
                return error(
                    QCoreApplication::translate("Policy", "%1 has a period that is not [\"HH:mm\", \"HH:mm\"].")
                        .arg(QLatin1String(kDayKeys[d - 1])));
            periods.push_back({*start, *end});
        }
        calendar.setPeriods(d, periods);
    }
    if (Status s = calendar.validate(); !s)
        return error(s.error());
    return calendar;
}

QJsonObject ResponsePolicy::toJson() const
{
    QJsonArray targetArray;
    for (const ResponseTarget &t : targets) {
        QJsonObject o{
            {QStringLiteral("category"), t.category ? toId(*t.category) : QJsonValue()},
            {QStringLiteral("minutes"), t.minutes},
            {QStringLiteral("clock"), t.businessTime ? QStringLiteral("business") : QStringLiteral("calendar")}};
        if (t.channel)
            o.insert(QStringLiteral("channel"), toId(*t.channel));
        if (t.maxRating)
            o.insert(QStringLiteral("max_rating"), *t.maxRating);
        targetArray.append(o);
    }
    QStringList handled;
    for (Category c : closeWithoutReplyIsHandled)
        handled << toId(c);
    handled.sort();
    return {{QStringLiteral("format"), QStringLiteral("sportello-policy")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("name"), name},
            {QStringLiteral("label"), label},
            {QStringLiteral("due_soon_fraction"), dueSoonFraction},
            {QStringLiteral("close_without_reply_is_handled"), QJsonArray::fromStringList(handled)},
            {QStringLiteral("calendar"), calendarToJson(calendar)},
            {QStringLiteral("targets"), targetArray}};
}

Result<ResponsePolicy> ResponsePolicy::fromJson(const QJsonObject &json)
{
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("sportello-policy"))
        return policyError(QCoreApplication::translate("Policy", "\"format\" must be \"sportello-policy\"."));
    if (json.value(QStringLiteral("version")).toInt(-1) != 1)
        return policyError(
            QCoreApplication::translate("Policy", "this version of Sportello reads policy format version 1."));
    ResponsePolicy p;
    p.name = json.value(QStringLiteral("name")).toString();
    p.label = json.value(QStringLiteral("label")).toString(p.name);
    const QJsonValue fraction = json.value(QStringLiteral("due_soon_fraction"));
    if (!fraction.isUndefined() && !fraction.isDouble())
        return policyError(QCoreApplication::translate("Policy", "due_soon_fraction must be a number."));
    p.dueSoonFraction = fraction.toDouble(0.25);
    for (const QJsonValue &v : json.value(QStringLiteral("close_without_reply_is_handled")).toArray()) {
        const auto c = categoryFromId(v.toString());
        if (!c)
            return policyError(QCoreApplication::translate("Policy", "unknown category \"%1\".").arg(v.toString()));
        p.closeWithoutReplyIsHandled.insert(*c);
    }
    const QJsonValue calendar = json.value(QStringLiteral("calendar"));
    if (!calendar.isObject())
        return policyError(QCoreApplication::translate("Policy", "\"calendar\" is missing."));
    auto parsedCalendar = calendarFromJson(calendar.toObject());
    if (!parsedCalendar)
        return parsedCalendar.failure();
    p.calendar = parsedCalendar.value();
    const QJsonValue targets = json.value(QStringLiteral("targets"));
    if (!targets.isArray())
        return policyError(QCoreApplication::translate("Policy", "\"targets\" must be a list."));
    for (const QJsonValue &v : targets.toArray()) {
        const QJsonObject o = v.toObject();
        ResponseTarget t;
        const QJsonValue category = o.value(QStringLiteral("category"));
        if (!category.isNull() && !category.isUndefined()) {
            t.category = categoryFromId(category.toString());
            if (!t.category)
                return policyError(QCoreApplication::translate("Policy", "unknown category \"%1\".")
                                       .arg(category.toVariant().toString()));
        }
        if (o.contains(QStringLiteral("channel"))) {
            t.channel = channelFromId(o.value(QStringLiteral("channel")).toString());
            if (!t.channel)
                return policyError(QCoreApplication::translate("Policy", "unknown channel \"%1\".")
                                       .arg(o.value(QStringLiteral("channel")).toVariant().toString()));
        }
        const QJsonValue maxRating = o.value(QStringLiteral("max_rating"));
        if (!maxRating.isUndefined() && !maxRating.isNull()) {
            // A whole number; anything else is kept as 0, which validate() refuses with the range.
            const double stars = maxRating.isDouble() ? maxRating.toDouble() : 0;
            t.maxRating = stars == std::floor(stars) && stars >= 0 && stars <= 5 ? int(stars) : 0;
        }
        const QJsonValue minutes = o.value(QStringLiteral("minutes"));
        if (!minutes.isDouble() || minutes.toDouble() != std::floor(minutes.toDouble()))
            return policyError(QCoreApplication::translate("Policy", "every target needs whole \"minutes\"."));
        // A value outside qint64 cannot be converted (undefined behaviour): anything out of the range
        // that validate() accepts is kept as 0, which validate() then refuses, naming the range.
        const double value = minutes.toDouble();
        t.minutes = value >= 1 && value <= double(kMaxTargetMinutes) ? qint64(value) : 0;
        const QString clock = o.value(QStringLiteral("clock")).toString(QStringLiteral("business"));
        if (clock != QLatin1String("business") && clock != QLatin1String("calendar"))
            return policyError(
                QCoreApplication::translate("Policy", "\"clock\" must be \"business\" or \"calendar\"."));
        t.businessTime = clock == QLatin1String("business");
        p.targets.push_back(t);
    }
    if (Status s = p.validate(); !s)
        return s.failure();
    return p;
}

Result<ResponsePolicy> ResponsePolicy::fromJsonText(const QByteArray &text)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return policyError(QCoreApplication::translate("Policy", "not JSON (%1 at character %2).")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    if (!doc.isObject())
        return policyError(QCoreApplication::translate("Policy", "the file must hold one JSON object."));
    return fromJson(doc.object());
}

bool ResponsePolicy::operator==(const ResponsePolicy &other) const
{
    return name == other.name && label == other.label && dueSoonFraction == other.dueSoonFraction &&
           calendar == other.calendar && targets == other.targets &&
           closeWithoutReplyIsHandled == other.closeWithoutReplyIsHandled;
}

} // namespace sportello
