#pragma once
// The words of the domain (see SPEC.md, "Words") with their stable identifiers, which are what
// the database, the interchange format and the CLI use, and their translated labels for people.

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace sportello {

enum class Channel { Facebook, Instagram, X, AppStore, GooglePlay, InApp };
enum class Direction { Inbound, Outbound };
enum class Visibility { Public, Private };
enum class Category { NonNegative, Complaint, Assistance };
enum class DecisionKind { ReplyPublic, ReplyPrivate, Forward, Close };
enum class CloseReason { Spam, NoAnswerNeeded, AnsweredElsewhere };
// Where a thread stands in the triage: waiting for a decision, or what was decided last.
enum class ThreadStatus { Waiting, Answered, Forwarded, Closed };

QString toId(Channel);
QString toId(Direction);
QString toId(Visibility);
QString toId(Category);
QString toId(DecisionKind);
QString toId(CloseReason);
QString toId(ThreadStatus);

std::optional<Channel> channelFromId(const QString &);
std::optional<Direction> directionFromId(const QString &);
std::optional<Visibility> visibilityFromId(const QString &);
std::optional<Category> categoryFromId(const QString &);
std::optional<DecisionKind> decisionKindFromId(const QString &);
std::optional<CloseReason> closeReasonFromId(const QString &);
std::optional<ThreadStatus> threadStatusFromId(const QString &);

QStringList allChannelIds();

// Whether the channel has private replies: a store review (App Store, Google Play) is answered
// only by the developer's public reply under it.
bool channelHasPrivateReplies(Channel);
// An app's name on the channel in_app, as the hub's intake path, a record's "app" field and the
// reply destinations take it: 1 to 64 letters, digits, dots, dashes or underscores.
bool isValidInAppName(const QString &name);
QStringList allCategoryIds();

// Labels for people, translated through the application's translator.
QString label(Channel);
// An app-store review's star rating (1 to 5) as text that does not rely on colour or on the star
// glyphs alone: "★★☆☆☆ 2/5"; and in words for screen readers and tooltips: "Rated 2 of 5 stars".
// Both are empty for any other value (no rating).
QString ratingStars(int rating);
QString ratingText(int rating);
QString label(Category);
QString label(DecisionKind);
QString label(CloseReason);
QString label(ThreadStatus);

// The longest text of a post or a reply that Sportello takes, in UTF-16 units (QString::size()):
// 64 KiB, more than any platform sends. The longest are X Premium posts, 25,000 characters (up to
// 50,000 units if every one is an emoji or another character outside the BMP); X direct messages
// take 10,000, Facebook comments 8,000, App Store replies 5,970, Instagram comments 2,200.
// Longer text is refused where it enters (import, the composer, the guard), before any scan.
inline constexpr qsizetype kMaxTextLength = 64 * 1024;
// InvalidInput, naming the text's length and the limit, when `text` is longer than kMaxTextLength.
Status checkTextLength(const QString &text);

} // namespace sportello
