// Fuzzes the channel-length counter (core/compose/ChannelLimits): every channel and visibility
// over a text from the fuzz bytes. Lengths are never negative, the X weighted length is 0 only for
// an empty text, and each check agrees with its channel's limit.
#include "FuzzSupport.h"
#include "compose/ChannelLimits.h"

using namespace sportello;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Replies are limited to a few thousand characters; 64 KiB is the longest text core accepts.
    if (size > 64 * 1024)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const int weighted = xWeightedLength(text);
    FUZZ_CHECK(weighted >= 0);
    FUZZ_CHECK(text.isEmpty() == (weighted == 0));
    for (int c = 0; c < 6; ++c) {
        for (const Visibility v : {Visibility::Public, Visibility::Private}) {
            const Channel channel = static_cast<Channel>(c);
            const ChannelLimit limit = channelLimit(channel, v);
            const LengthCheck check = checkLength(text, channel, v);
            FUZZ_CHECK(check.length >= 0);
            FUZZ_CHECK(check.maximum == limit.maximum);
            if (limit.maximum > 0) {
                FUZZ_CHECK(check.remaining == check.maximum - check.length);
                if (check.length > check.maximum)
                    FUZZ_CHECK(!check.sendable && !check.reason.isEmpty());
            }
            if (check.sendable)
                FUZZ_CHECK(check.reason.isEmpty());
        }
    }
    return 0;
}
