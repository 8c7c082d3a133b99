#pragma once
// The insurance guard: finds personal and policy data in a text before it goes public, and in the
// public posts where customers exposed their own data. Detectors (see docs/guard.md):
// codice fiscale (check character, omocodia), IBAN (country length, mod-97), policy and claim
// numbers (the company's patterns), Italian number plates, phone numbers, e-mail addresses, dates
// of birth (a date next to a birth word), and health words in Italian and English.
// A number that fails its checksum is not a finding.
//
// Cheap to copy; check() is const and safe to call from several threads.

#include "common/Result.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

class QSqlDatabase;

namespace sportello {
class Clock;
}

namespace sportello {

// PolicyholderRef: a policyholder reference stored on a customer (core/customers), found by value
// in any formatting (compose/PersonalReference.h).
enum class FindingKind {
    TaxCode,
    Iban,
    PolicyNumber,
    ClaimNumber,
    Plate,
    Phone,
    Email,
    BirthDate,
    Health,
    PolicyholderRef
};

QString toId(FindingKind);
std::optional<FindingKind> findingKindFromId(const QString &);
QStringList allFindingKindIds();
QString label(FindingKind);

// What was found and where: [start, end) in UTF-16 units of the text checked.
struct Finding {
    FindingKind kind = FindingKind::Phone;
    int start = 0;
    int end = 0;
    QString text;
    bool operator==(const Finding &) const = default;
};

// A company's pattern for its policy or claim numbers: a regular expression (Perl syntax,
// case-insensitive); when it has a group named "number", only that group is the finding.
struct GuardPattern {
    FindingKind kind = FindingKind::PolicyNumber; // PolicyNumber or ClaimNumber
    QString pattern;
    QString description;
    bool operator==(const GuardPattern &) const = default;
};

// What a company configures: its number patterns, and its own e-mail domains and phone numbers,
// which are not personal data in a reply ("write to reclami@company.it").
struct GuardConfig {
    // The built-in keyword-anchored patterns (policy / polizza / sinistro / claim + number) run
    // unless a company turns them off; `patterns` are the company's own, on top of them.
    bool useDefaultPatterns = true;
    QVector<GuardPattern> patterns;
    QStringList ownDomains; // lower case, e.g. "assicuraserena.it"
    QStringList ownPhones;  // digits only, e.g. "0287654321"
    // The keys (referenceKey) of the policyholder references stored on customers: personal data
    // known by value. Not part of the JSON form: load() reads them from the customers' table, so
    // they never travel with the configuration (team, `guard export`).
    QStringList policyholderRefs;
    bool operator==(const GuardConfig &) const = default;

    // The built-in patterns on, no company patterns, no own domains or phones.
    static GuardConfig defaults() { return {}; }
    // Keyword-anchored patterns that fit most Italian insurers (docs/guard.md).
    static QVector<GuardPattern> defaultPatterns();
    // The JSON form (docs/guard.md); errors name the field and the problem.
    static Result<GuardConfig> fromJson(const QByteArray &json);
    QByteArray toJson() const;

    // Stored in the cache (app_state "guard_config"); defaults when none is stored. Also reads
    // the stored policyholder references into policyholderRefs.
    static Result<GuardConfig> load(const QSqlDatabase &db);
    static Status save(const QSqlDatabase &db, const GuardConfig &config);
};

class Guard {
public:
    // `clock` (not owned, outlives the guard) says what today is for dates of birth; nullptr:
    // the system's date.
    explicit Guard(const GuardConfig &config = GuardConfig::defaults(), const Clock *clock = nullptr);

    // Findings in text order; overlapping candidates keep the most specific detector's.
    // A text longer than kMaxTextLength (domain/Domain.h) is refused (InvalidInput, its length
    // named) before it is read: no platform sends one.
    Result<QVector<Finding>> check(const QString &text) const;
    // The scan itself, without the size limit; its time is linear in the text (docs/guard.md).
    QVector<Finding> scan(const QString &text) const;

    static bool isValidTaxCode(const QString &code);
    static bool isValidIban(const QString &iban);
    // The IBAN length of a country (ISO 3166 code), 0 when unknown.
    static int ibanLength(const QString &country);

private:
    struct Compiled {
        FindingKind kind;
        QRegularExpression regex;
        bool company = false; // the company's own pattern, not a built-in one
    };
    const Clock *m_clock = nullptr;
    QVector<Compiled> m_patterns;
    QStringList m_ownDomains;
    QStringList m_ownPhones;
    QStringList m_policyholderRefs;
};

} // namespace sportello
