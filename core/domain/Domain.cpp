#include "domain/Domain.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <array>
#include <utility>

namespace sportello {
namespace {

template <typename E, std::size_t N>
using IdTable = std::array<std::pair<E, const char *>, N>;

constexpr IdTable<Channel, 6> kChannels{{{Channel::Facebook, "facebook"},
                                         {Channel::Instagram, "instagram"},
                                         {Channel::X, "x"},
                                         {Channel::AppStore, "app_store"},
                                         {Channel::GooglePlay, "google_play"},
                                         {Channel::InApp, "in_app"}}};
constexpr IdTable<Direction, 2> kDirections{{{Direction::Inbound, "inbound"}, {Direction::Outbound, "outbound"}}};
constexpr IdTable<Visibility, 2> kVisibilities{{{Visibility::Public, "public"}, {Visibility::Private, "private"}}};
constexpr IdTable<Category, 3> kCategories{{{Category::NonNegative, "non_negative"},
                                            {Category::Complaint, "complaint"},
                                            {Category::Assistance, "assistance"}}};
constexpr IdTable<DecisionKind, 4> kDecisions{{{DecisionKind::ReplyPublic, "reply_public"},
                                               {DecisionKind::ReplyPrivate, "reply_private"},
                                               {DecisionKind::Forward, "forward"},
                                               {DecisionKind::Close, "close"}}};
constexpr IdTable<CloseReason, 3> kCloseReasons{{{CloseReason::Spam, "spam"},
                                                 {CloseReason::NoAnswerNeeded, "no_answer_needed"},
                                                 {CloseReason::AnsweredElsewhere, "answered_elsewhere"}}};
constexpr IdTable<ThreadStatus, 4> kStatuses{{{ThreadStatus::Waiting, "waiting"},
                                              {ThreadStatus::Answered, "answered"},
                                              {ThreadStatus::Forwarded, "forwarded"},
                                              {ThreadStatus::Closed, "closed"}}};

template <typename E, std::size_t N>
QString idOf(const IdTable<E, N> &table, E value)
{
    for (const auto &[e, id] : table)
        if (e == value)
            return QString::fromLatin1(id);
    return {};
}

template <typename E, std::size_t N>
std::optional<E> fromId(const IdTable<E, N> &table, const QString &id)
{
    for (const auto &[e, name] : table)
        if (id == QLatin1String(name))
            return e;
    return std::nullopt;
}

template <typename E, std::size_t N>
QStringList idsOf(const IdTable<E, N> &table)
{
    QStringList ids;
    for (const auto &entry : table)
        ids << QString::fromLatin1(entry.second);
    return ids;
}

} // namespace

QString toId(Channel v) { return idOf(kChannels, v); }
QString toId(Direction v) { return idOf(kDirections, v); }
QString toId(Visibility v) { return idOf(kVisibilities, v); }
QString toId(Category v) { return idOf(kCategories, v); }
QString toId(DecisionKind v) { return idOf(kDecisions, v); }
QString toId(CloseReason v) { return idOf(kCloseReasons, v); }
QString toId(ThreadStatus v) { return idOf(kStatuses, v); }

std::optional<Channel> channelFromId(const QString &id) { return fromId(kChannels, id); }
std::optional<Direction> directionFromId(const QString &id) { return fromId(kDirections, id); }
std::optional<Visibility> visibilityFromId(const QString &id) { return fromId(kVisibilities, id); }
std::optional<Category> categoryFromId(const QString &id) { return fromId(kCategories, id); }
std::optional<DecisionKind> decisionKindFromId(const QString &id) { return fromId(kDecisions, id); }
std::optional<CloseReason> closeReasonFromId(const QString &id) { return fromId(kCloseReasons, id); }
std::optional<ThreadStatus> threadStatusFromId(const QString &id) { return fromId(kStatuses, id); }

QStringList allChannelIds() { return idsOf(kChannels); }
QStringList allCategoryIds() { return idsOf(kCategories); }

bool channelHasPrivateReplies(Channel v) { return v != Channel::AppStore && v != Channel::GooglePlay; }

bool isValidInAppName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

QString label(Channel v)
{
    switch (v) {
    case Channel::Facebook: return QCoreApplication::translate("Domain", "Facebook");
    case Channel::Instagram: return QCoreApplication::translate("Domain", "Instagram");
    case Channel::X: return QCoreApplication::translate("Domain", "X");
    case Channel::AppStore: return QCoreApplication::translate("Domain", "App Store");
    case Channel::GooglePlay: return QCoreApplication::translate("Domain", "Google Play");
    case Channel::InApp: return QCoreApplication::translate("Domain", "In-app");
    }
    return {};
}

QString label(Category v)
{
    switch (v) {
    case Category::NonNegative: return QCoreApplication::translate("Domain", "Non-negative interaction");
    case Category::Complaint: return QCoreApplication::translate("Domain", "Negative feedback / complaint");
    case Category::Assistance: return QCoreApplication::translate("Domain", "Assistance request");
    }
    return {};
}

QString label(DecisionKind v)
{
    switch (v) {
    case DecisionKind::ReplyPublic: return QCoreApplication::translate("Domain", "Reply publicly");
    case DecisionKind::ReplyPrivate: return QCoreApplication::translate("Domain", "Reply privately");
    case DecisionKind::Forward: return QCoreApplication::translate("Domain", "Forward to customer care");
    case DecisionKind::Close: return QCoreApplication::translate("Domain", "Close without reply");
    }
    return {};
}

QString label(CloseReason v)
{
    switch (v) {
    case CloseReason::Spam: return QCoreApplication::translate("Domain", "Spam");
    case CloseReason::NoAnswerNeeded: return QCoreApplication::translate("Domain", "No answer needed");
    case CloseReason::AnsweredElsewhere: return QCoreApplication::translate("Domain", "Answered elsewhere");
    }
    return {};
}

QString label(ThreadStatus v)
{
    switch (v) {
    case ThreadStatus::Waiting: return QCoreApplication::translate("Domain", "Waiting");
    case ThreadStatus::Answered: return QCoreApplication::translate("Domain", "Answered");
    case ThreadStatus::Forwarded: return QCoreApplication::translate("Domain", "Forwarded");
    case ThreadStatus::Closed: return QCoreApplication::translate("Domain", "Closed");
    }
    return {};
}

Status checkTextLength(const QString &text)
{
    if (text.size() <= kMaxTextLength)
        return {};
    return Error{
        QCoreApplication::translate("Domain", "The text is %1 characters long: a post or a reply can have at most %2.")
            .arg(text.size())
            .arg(kMaxTextLength),
        ErrorKind::InvalidInput};
}

QString ratingStars(int rating)
{
    if (rating < 1 || rating > 5)
        return {};
    return QString(rating, QChar(0x2605)) + QString(5 - rating, QChar(0x2606)) + QStringLiteral(" %1/5").arg(rating);
}

QString ratingText(int rating)
{
    if (rating < 1 || rating > 5)
        return {};
    return QCoreApplication::translate("Domain", "Rated %1 of 5 stars").arg(rating);
}

} // namespace sportello
