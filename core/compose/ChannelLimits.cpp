#include "compose/ChannelLimits.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace sportello {

namespace {

// twitter-text v3: code points in these ranges weigh 100 (one character), all others 200; the
// limit is 280 at a scale of 100. URLs count 23 whatever their length; emoji 2.
constexpr char32_t kLightRanges[][2] = {{0x0000, 0x10FF}, {0x2000, 0x200D}, {0x2010, 0x201F}, {0x2032, 0x2037}};
constexpr int kXMaximum = 280;
constexpr int kXUrlLength = 23;

bool isLight(char32_t cp)
{
    for (const auto &range : kLightRanges)
        if (cp >= range[0] && cp <= range[1])
            return true;
    return false;
}

// Pictographs that start an emoji: the emoji blocks, dingbats and symbols often drawn as emoji.
bool isEmojiBase(char32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
           (cp >= 0x2300 && cp <= 0x23FF) || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 ||
           cp == 0x2122 || cp == 0x2139 || (cp >= 0x2194 && cp <= 0x21AA) || cp == 0x24C2 || cp == 0x25B6 ||
           cp == 0x25C0 || (cp >= 0x25AA && cp <= 0x25FE) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 ||
           cp == 0x3299;
}
// twemoji-parser (which twitter-text v3 uses) takes these as emoji only when U+FE0F follows; alone
// they are text and weigh as their range says (© and ® 1, ™ 2).
bool needsEmojiSelector(char32_t cp) { return cp == 0x00A9 || cp == 0x00AE || cp == 0x2122 || cp == 0x265F; }
bool isRegionalIndicator(char32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }
// Parts that join or modify an emoji and add nothing to its count. U+FE0E (text presentation) is
// not one: twitter-text weighs it on its own, by range.
bool isEmojiContinuation(char32_t cp)
{
    return cp == 0xFE0F || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

// Top-level domains a bare domain ("assicuraserena.it") may end with to count as a link: every
// country code, and the generic ones seen in Italian customer care. twitter-text knows the whole
// IANA list; a generic domain missing here is counted by its characters.
const char *const kCountryTlds =
    "ac|ad|ae|af|ag|ai|al|am|ao|aq|ar|as|at|au|aw|ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bl|bm|bn|bo|bq|br|bs|bt|bv|bw|by|bz|"
    "ca|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|co|cr|cu|cv|cw|cx|cy|cz|de|dj|dk|dm|do|dz|ec|ee|eg|eh|er|es|et|eu|fi|fj|fk|fm|fo|"
    "fr|ga|gb|gd|ge|gf|gg|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|hu|id|ie|il|im|in|io|iq|ir|is|it|je|jm|"
    "jo|jp|ke|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|ls|lt|lu|lv|ly|ma|mc|md|me|mf|mg|mh|mk|ml|mm|mn|mo|mp|mq|"
    "mr|ms|mt|mu|mv|mw|mx|my|mz|na|nc|ne|nf|ng|ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|pm|pn|pr|ps|pt|pw|py|qa|re|"
    "ro|rs|ru|rw|sa|sb|sc|sd|se|sg|sh|si|sj|sk|sl|sm|sn|so|sr|ss|st|su|sv|sx|sy|sz|tc|td|tf|tg|th|tj|tk|tl|tm|tn|to|tr|"
    "tt|tv|tw|tz|ua|ug|uk|um|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw";
const char *const kGenericTlds =
    "com|net|org|info|biz|gov|edu|int|mil|app|dev|io|ai|shop|store|online|site|website|web|tech|cloud|digital|"
    "insurance|insure|bank|finance|financial|money|credit|legal|law|health|care|auto|car|cars|casa|house|home|"
    "travel|news|blog|live|life|world|global|group|company|services|support|help|email|link|page|click|media|"
    "studio|agency|consulting|solutions|network|center|space|xyz|top|club|pro|name|mobi|tel|eus|cat|roma|milano|"
    "moda|bio|eco|green|energy|amazon|google|apple|microsoft";

// URLs as twitter-text finds them, simplified: a scheme, www., or a bare domain with a common
// top-level domain; trailing punctuation is not part of the link.
const QRegularExpression &urlPattern()
{
    static const QRegularExpression re(QStringLiteral("(?<![\\w@.-])(?:https?://[^\\s<>\"]+|www\\.[^\\s<>\"]+|"
                                                      "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:%1|%2)(?![a-z0-9@+-])"
                                                      "(?:/[^\\s<>\"]*)?)(?<![.,;:!?)'\"])")
                                           .arg(QString::fromLatin1(kGenericTlds), QString::fromLatin1(kCountryTlds)),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

int codePoints(const QString &text) { return int(text.toUcs4().size()); }

} // namespace

int xWeightedLength(const QString &input)
{
    const QString text = input.normalized(QString::NormalizationForm_C);
    int weight = 0; // in hundredths
    int pos = 0;
    auto urls = urlPattern().globalMatch(text);
    QVector<std::pair<int, int>> urlSpans;
    while (urls.hasNext()) {
        const auto m = urls.next();
        urlSpans.push_back({int(m.capturedStart()), int(m.capturedEnd())});
    }
    int nextUrl = 0;
    while (pos < text.size()) {
        if (nextUrl < urlSpans.size() && pos == urlSpans[nextUrl].first) {
            weight += kXUrlLength * 100;
            pos = urlSpans[nextUrl].second;
            ++nextUrl;
            continue;
        }
        char32_t cp = text.at(pos).unicode();
        int units = 1;
        if (QChar::isHighSurrogate(cp) && pos + 1 < text.size() && text.at(pos + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(pos), text.at(pos + 1));
            units = 2;
        }
        const auto codePointAt = [&text](int p, int *len) -> char32_t {
            char32_t c = text.at(p).unicode();
            *len = 1;
            if (QChar::isHighSurrogate(c) && p + 1 < text.size() && text.at(p + 1).isLowSurrogate()) {
                c = QChar::surrogateToUcs4(text.at(p), text.at(p + 1));
                *len = 2;
            }
            return c;
        };
        // An emoji sequence (a flag, a keycap, a ZWJ family with skin tones) counts as one emoji.
        const bool keycap =
            (cp == u'#' || cp == u'*' || (cp >= u'0' && cp <= u'9')) && pos + 1 < text.size() &&
            (text.at(pos + 1).unicode() == 0x20E3 ||
             (text.at(pos + 1).unicode() == 0xFE0F && pos + 2 < text.size() && text.at(pos + 2).unicode() == 0x20E3));
        int nextLength = 0;
        const char32_t next = pos + units < text.size() ? codePointAt(pos + units, &nextLength) : 0;
        const bool textPresentation = (needsEmojiSelector(cp) && next != 0xFE0F) || (cp < 0x10000 && next == 0xFE0E);
        if ((isEmojiBase(cp) && !textPresentation) || isRegionalIndicator(cp) || keycap) {
            int p = pos + units;
            if (isRegionalIndicator(cp) && p < text.size()) {
                int len = 0;
                if (isRegionalIndicator(codePointAt(p, &len)))
                    p += len;
            }
            while (p < text.size()) {
                int len = 0;
                const char32_t following = codePointAt(p, &len);
                if (isEmojiContinuation(following)) {
                    p += len;
                } else if (following == 0x200D && p + 1 < text.size()) {
                    int len2 = 0;
                    codePointAt(p + 1, &len2);
                    p += 1 + len2; // the joiner and the pictograph it joins
                } else {
                    break;
                }
            }
            weight += 200;
            pos = p;
            continue;
        }
        weight += isLight(cp) ? 100 : 200;
        pos += units;
    }
    return weight / 100;
}

ChannelLimit channelLimit(Channel channel, Visibility visibility)
{
    const bool isPublic = visibility == Visibility::Public;
    switch (channel) {
    case Channel::X:
        return isPublic
                   ? ChannelLimit{kXMaximum, LengthUnit::XWeighted, QCoreApplication::translate("Compose", "X post")}
                   : ChannelLimit{10000, LengthUnit::CodePoints,
                                  QCoreApplication::translate("Compose", "X direct message")};
    case Channel::Facebook:
        return isPublic ? ChannelLimit{8000, LengthUnit::CodePoints,
                                       QCoreApplication::translate("Compose", "Facebook comment")}
                        : ChannelLimit{2000, LengthUnit::CodePoints,
                                       QCoreApplication::translate("Compose", "Messenger message")};
    case Channel::Instagram:
        return isPublic ? ChannelLimit{2200, LengthUnit::CodePoints,
                                       QCoreApplication::translate("Compose", "Instagram comment")}
                        : ChannelLimit{1000, LengthUnit::Utf8Bytes,
                                       QCoreApplication::translate("Compose", "Instagram message")};
    case Channel::AppStore:
        return {5970, LengthUnit::CodePoints, QCoreApplication::translate("Compose", "App Store review reply")};
    case Channel::GooglePlay:
        return {350, LengthUnit::CodePoints, QCoreApplication::translate("Compose", "Google Play review reply")};
    case Channel::InApp: return {0, LengthUnit::CodePoints, QCoreApplication::translate("Compose", "in-app message")};
    }
    return {};
}

LengthCheck checkLength(const QString &text, Channel channel, Visibility visibility)
{
    const ChannelLimit limit = channelLimit(channel, visibility);
    LengthCheck check;
    // Longer than any platform takes, on any channel (kMaxTextLength): refused before counting.
    if (Status size = checkTextLength(text); !size) {
        check.length = int(text.size());
        check.maximum = limit.maximum;
        check.remaining = limit.maximum == 0 ? 0 : limit.maximum - check.length;
        check.reason = size.error();
        return check;
    }
    switch (limit.unit) {
    case LengthUnit::XWeighted: check.length = xWeightedLength(text); break;
    case LengthUnit::CodePoints: check.length = codePoints(text.normalized(QString::NormalizationForm_C)); break;
    case LengthUnit::Utf8Bytes: check.length = int(text.toUtf8().size()); break;
    }
    check.maximum = limit.maximum;
    if (limit.maximum == 0) {
        check.sendable = true;
        return check;
    }
    check.remaining = limit.maximum - check.length;
    check.sendable = check.remaining >= 0;
    if (!check.sendable) {
        check.reason = limit.unit == LengthUnit::Utf8Bytes
                           ? QCoreApplication::translate(
                                 "Compose", "Too long: %1 bytes over the limit of %2 for this channel (%3).")
                                 .arg(-check.remaining)
                                 .arg(limit.maximum)
                                 .arg(limit.what)
                           : QCoreApplication::translate(
                                 "Compose", "Too long: %1 characters over the limit of %2 for this channel (%3).")
                                 .arg(-check.remaining)
                                 .arg(limit.maximum)
                                 .arg(limit.what);
    }
    return check;
}

} // namespace sportello
