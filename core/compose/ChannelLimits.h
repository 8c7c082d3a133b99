#pragma once
// How long a reply may be on each channel, counted as the platform counts (docs/channel-limits.md).
// X counts a weighted length (twitter-text v3 rules: NFC, most Latin, Greek, Cyrillic, Hebrew,
// Arabic, Indic and general punctuation weigh 1, everything else 2 - CJK and emoji included - and
// every URL 23); Meta and the app stores count characters (code points), Instagram's messages
// UTF-8 bytes.

#include "domain/Domain.h"

#include <QString>

namespace sportello {

enum class LengthUnit { XWeighted, CodePoints, Utf8Bytes };

struct ChannelLimit {
    int maximum = 0; // 0: the channel sets no limit we know of
    LengthUnit unit = LengthUnit::CodePoints;
    QString what; // "X post", "Messenger message"... for messages, translated
};

struct LengthCheck {
    int length = 0;    // in the limit's unit
    int maximum = 0;   // 0 when there is no limit
    int remaining = 0; // maximum - length (negative when over); 0 when there is no limit
    bool sendable = false;
    QString reason; // why it cannot be sent, for the agent; empty when it can
};

// The limit of a reply on `channel`: public (a comment, a post, a review reply) or private.
ChannelLimit channelLimit(Channel channel, Visibility visibility);

// twitter-text's weighted length: each URL 23, each emoji sequence 2, other code points 1 or 2.
int xWeightedLength(const QString &text);

LengthCheck checkLength(const QString &text, Channel channel, Visibility visibility);

} // namespace sportello
