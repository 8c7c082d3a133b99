// Fuzzes the insurance guard (core/compose/Guard): the scan of a reply with the default
// configuration and with one read from the fuzz bytes (GuardConfig::fromJson), and the tax code
// and IBAN checks. Findings must lie inside the text, in order, and say what they cover. Also the
// credential detector (core/common/Secrets), which refuses replies carrying a token: its spans lie
// inside the text, in order, apart, and a text with them hidden has none left.
#include "FuzzSupport.h"
#include "common/Secrets.h"
#include "compose/Guard.h"
#include "domain/Domain.h"

using namespace sportello;

namespace {

void checkFindings(const QVector<Finding> &findings, const QString &text)
{
    int previousStart = 0;
    for (const Finding &f : findings) {
        FUZZ_CHECK(f.start >= 0 && f.start < f.end && f.end <= text.size());
        FUZZ_CHECK(f.start >= previousStart);
        FUZZ_CHECK(!f.text.isEmpty());
        previousStart = f.start;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The guard refuses texts over kMaxTextLength (64 Ki UTF-16 units); a reply is far shorter.
    if (size > 32 * 1024)
        return 0;
    fuzz::Bytes bytes(data, size);
    const bool configFromInput = bytes.flag();
    const QByteArray rest = bytes.rest();

    static const Guard defaultGuard;
    if (!configFromInput) {
        const QString text = QString::fromUtf8(rest);
        const Result<QVector<Finding>> findings = defaultGuard.check(text);
        FUZZ_CHECK(findings.ok());
        checkFindings(findings.value(), text);
        (void)Guard::isValidTaxCode(text.left(32));
        (void)Guard::isValidIban(text.left(64));
        (void)Guard::ibanLength(text.left(2));
        int previousEnd = -1;
        for (const auto &[start, end] : credentialSpans(text)) {
            FUZZ_CHECK(start > previousEnd && start < end && end <= text.size());
            previousEnd = end;
        }
        FUZZ_CHECK(!containsCredential(hideCredentials(text)));
        return 0;
    }
    // A configuration, then (after a NUL) a text to scan with it. Company patterns are regular
    // expressions the company writes: a pathological one may be slow, which is the company's
    // choice, so the text is kept short here.
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray json = nul < 0 ? rest : rest.left(nul);
    const Result<GuardConfig> config = GuardConfig::fromJson(json);
    if (!config.ok())
        return 0;
    const Result<GuardConfig> again = GuardConfig::fromJson(config.value().toJson());
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.value() == config.value());
    const QString text = nul < 0 ? QStringLiteral("Polizza 123456789, IBAN IT60X0542811101000000123456, tel 3471234567")
                                 : QString::fromUtf8(rest.mid(nul + 1).left(512));
    const Guard guard(config.value());
    checkFindings(guard.scan(text), text);
    return 0;
}
