// Fuzzes the two JSON imports an agent can feed a file to: a response policy
// (ResponsePolicy::fromJsonText, core/timers) and the saved replies (SavedReplyStore::parseJson,
// core/compose, the parsing step of importJson; storing is ordinary SQL). What is accepted must
// write back to JSON that reads the same.
#include "FuzzSupport.h"
#include "compose/SavedReplies.h"
#include "timers/ResponsePolicy.h"
#include <QJsonDocument>

using namespace sportello;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A policy file is a few KiB, a saved-reply library a few hundred KiB at most.
    if (size > 256 * 1024)
        return 0;
    const QByteArray json(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const Result<ResponsePolicy> policy = ResponsePolicy::fromJsonText(json);
    if (policy.ok()) {
        const QByteArray written = QJsonDocument(policy.value().toJson()).toJson(QJsonDocument::Compact);
        const Result<ResponsePolicy> again = ResponsePolicy::fromJsonText(written);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value() == policy.value());
    }

    const Result<QVector<SavedReply>> replies = SavedReplyStore::parseJson(json);
    if (replies.ok()) {
        const Result<QVector<SavedReply>> again = SavedReplyStore::parseJson(SavedReplyStore::toJson(replies.value()));
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value().size() == replies.value().size());
        for (const SavedReply &reply : replies.value())
            (void)SavedReplyStore::validate(reply);
    }
    return 0;
}
