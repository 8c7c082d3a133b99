// The insurance guard: every detector with valid and invalid check digits, the company's
// configuration, and the measured precision and recall on tests/data/guard_eval.tsv.
#include "GuardEval.h"
#include "TestSupport.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "compose/Guard.h"
#include "domain/Domain.h"
#include "storage/Database.h"

#include <QFile>
#include <iostream>

using namespace sportello;
using namespace sportello::test;

namespace {

QStringList kindsOf(const QVector<Finding> &findings)
{
    QStringList kinds;
    for (const Finding &f : findings)
        kinds << toId(f.kind) + QLatin1Char('=') + f.text;
    return kinds;
}

QStringList check(const QString &text, const GuardConfig &config = GuardConfig::defaults())
{
    return kindsOf(Guard(config).check(text).value());
}

GuardConfig evalConfig()
{
    QFile file(testDataDir() + QStringLiteral("/guard_eval_config.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto config = GuardConfig::fromJson(file.readAll());
    INFO(config.error().toStdString());
    REQUIRE(config.ok());
    return config.value();
}

} // namespace

TEST_CASE("the guard's precision and recall on the evaluation set are at least 0.95", "[guard][eval]")
{
    const Guard guard(evalConfig());
    QString error;
    const GuardEvaluation eval = evaluateGuard(guard, testDataDir() + QStringLiteral("/guard_eval.tsv"), &error);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE(eval.rows >= 200);
    const QString report = formatGuardEvaluation(eval);
    std::cout << report.toStdString() << std::endl;
    INFO(report.toStdString());
    CHECK(eval.total.precision() >= 0.95);
    CHECK(eval.total.recall() >= 0.95);
}

TEST_CASE("tax codes are findings only with the right check character, omocodia included", "[guard]")
{
    CHECK(Guard::isValidTaxCode(QStringLiteral("RSSMRA85T10A562S")));
    CHECK(Guard::isValidTaxCode(QStringLiteral("rssmra85t10a562s")));
    CHECK_FALSE(Guard::isValidTaxCode(QStringLiteral("RSSMRA85T10A562X")));
    // Homocodic: digits replaced by L M N P Q R S T U V, with the check character recomputed.
    CHECK(Guard::isValidTaxCode(QStringLiteral("RSSMRA85T10A56NH")));
    CHECK(Guard::isValidTaxCode(QStringLiteral("VRDLCU90A41F2LRV")));
    CHECK_FALSE(Guard::isValidTaxCode(QStringLiteral("VRDLCU90A41F2LRW")));
    // A month letter that does not exist (Z) or a day out of range is not a tax code.
    CHECK_FALSE(Guard::isValidTaxCode(QStringLiteral("RSSMRA85Z10A562S")));
    CHECK(check(QStringLiteral("CF: RSSMRA85T10A562S grazie")) ==
          QStringList{QStringLiteral("tax_code=RSSMRA85T10A562S")});
    CHECK(check(QStringLiteral("CF: RSSMRA85T10A562X grazie")).isEmpty());
    const QVector<Finding> f = Guard().check(QStringLiteral("CF: RSSMRA85T10A562S")).value();
    REQUIRE(f.size() == 1);
    CHECK(f[0].start == 4);
    CHECK(f[0].end == 20);
}

TEST_CASE("IBANs need their country's length and mod-97 check digits, spaced or not", "[guard]")
{
    for (const char *valid :
         {"IT25O0306909606100000012345", "DE89370400440532013000", "GB29NWBK60161331926819",
          "FR1420041010050500013M02606", "ES9121000418450200051332", "SM07U0854009803000030174419"}) {
        INFO(valid);
        CHECK(Guard::isValidIban(QString::fromLatin1(valid)));
    }
    CHECK_FALSE(Guard::isValidIban(QStringLiteral("IT25O0306909606100000012346"))); // one digit changed
    CHECK_FALSE(Guard::isValidIban(QStringLiteral("GB29NWBK60161331926818")));
    CHECK_FALSE(Guard::isValidIban(QStringLiteral("IT25O030690960610000001234"))); // too short for Italy
    CHECK(Guard::ibanLength(QStringLiteral("IT")) == 27);
    CHECK(Guard::ibanLength(QStringLiteral("NO")) == 15);
    CHECK(check(QStringLiteral("IBAN IT25 O030 6909 6061 0000 0012 345 grazie")) ==
          QStringList{QStringLiteral("iban=IT25 O030 6909 6061 0000 0012 345")});
    CHECK(check(QStringLiteral("IBAN IT25O0306909606100000012346")).isEmpty());
    // The digits of a failed IBAN are not read as a phone number either.
    CHECK(check(QStringLiteral("conto DE89370400440532013001")).isEmpty());
}

TEST_CASE("policy and claim numbers follow the keyword patterns and the company's own", "[guard]")
{
    CHECK(check(QStringLiteral("la polizza n. 40012345678 è scaduta")) ==
          QStringList{QStringLiteral("policy_number=40012345678")});
    CHECK(check(QStringLiteral("policy number: 55012345")) == QStringList{QStringLiteral("policy_number=55012345")});
    CHECK(check(QStringLiteral("sinistro n. 2024/0012345 fermo")) ==
          QStringList{QStringLiteral("claim_number=2024/0012345")});
    CHECK(check(QStringLiteral("Claim #4471239 open")) == QStringList{QStringLiteral("claim_number=4471239")});
    CHECK(check(QStringLiteral("polizza del 2019, sinistro di tre giorni fa")).isEmpty());
    // Without the company's pattern a bare contract number is not recognised; with it, it is.
    CHECK(check(QStringLiteral("AS204518832 è il mio contratto")).isEmpty());
    GuardConfig company;
    company.patterns.push_back(
        {FindingKind::PolicyNumber, QStringLiteral("\\bAS\\d{9}\\b"), QStringLiteral("contracts")});
    CHECK(check(QStringLiteral("AS204518832 è il mio contratto"), company) ==
          QStringList{QStringLiteral("policy_number=AS204518832")});
    company.useDefaultPatterns = false;
    CHECK(check(QStringLiteral("polizza n. 40012345678"), company).isEmpty());
}

TEST_CASE("plates, phones, e-mail addresses and dates of birth", "[guard]")
{
    CHECK(check(QStringLiteral("auto targata FB 123 CD")) == QStringList{QStringLiteral("plate=FB 123 CD")});
    CHECK(check(QStringLiteral("targa ex482kl")) == QStringList{QStringLiteral("plate=ex482kl")});
    CHECK(check(QStringLiteral("plate AB 123 CO")).isEmpty()); // O is never used on plates
    CHECK(check(QStringLiteral("chiamatemi al 347 555 0199")) == QStringList{QStringLiteral("phone=347 555 0199")});
    CHECK(check(QStringLiteral("call +44 7700 900123")) == QStringList{QStringLiteral("phone=+44 7700 900123")});
    CHECK(check(QStringLiteral("fisso 06 5566 7788")) == QStringList{QStringLiteral("phone=06 5566 7788")});
    // Amounts, times, dates, service numbers and the company's own number are not personal phones.
    CHECK(check(QStringLiteral("ho pagato 1.250,00 € e poi € 3.400, dalle 9:00 alle 18:00")).isEmpty());
    CHECK(check(QStringLiteral("il sinistro del 03/05/2023 e il regolamento 24/2008")).isEmpty());
    CHECK(check(QStringLiteral("numero verde 800 123 456")).isEmpty());
    GuardConfig company;
    company.ownPhones << QStringLiteral("0287654321");
    company.ownDomains << QStringLiteral("assicuraserena.it");
    CHECK(check(QStringLiteral("chiamate lo 02 8765 4321"), company).isEmpty());
    CHECK(check(QStringLiteral("scrivete a reclami@assicuraserena.it"), company).isEmpty());
    CHECK(check(QStringLiteral("scrivete a mario.rossi85@gmail.com")) ==
          QStringList{QStringLiteral("email=mario.rossi85@gmail.com")});
    CHECK(check(QStringLiteral("sono nata il 12/03/1985")) == QStringList{QStringLiteral("birth_date=12/03/1985")});
    CHECK(check(QStringLiteral("born on 5 June 1988")) == QStringList{QStringLiteral("birth_date=5 June 1988")});
    CHECK(check(QStringLiteral("My date of birth is March 3, 1979")) ==
          QStringList{QStringLiteral("birth_date=March 3, 1979")});
    // A date that is not next to a birth word, a year alone, or a date in the future is not one.
    CHECK(check(QStringLiteral("il sinistro del 12/03/2024")).isEmpty());
    CHECK(check(QStringLiteral("I was born in 1985")).isEmpty());
    CHECK(check(QStringLiteral("nato il 12/03/2999")).isEmpty());
}

TEST_CASE("health words in Italian and English, and what is not health data", "[guard]")
{
    CHECK(check(QStringLiteral("Ho il diabete")) == QStringList{QStringLiteral("health=diabete")});
    CHECK(check(QStringLiteral("è ricoverato in terapia intensiva")) ==
          QStringList{QStringLiteral("health=ricoverato"), QStringLiteral("health=in terapia intensiva")});
    CHECK(check(QStringLiteral("Con la mia disabilità")) == QStringList{QStringLiteral("health=disabilità")});
    CHECK(check(QStringLiteral("I was diagnosed with cancer")) ==
          QStringList{QStringLiteral("health=diagnosed"), QStringLiteral("health=cancer")});
    CHECK(check(QStringLiteral("she is PREGNANT")) == QStringList{QStringLiteral("health=PREGNANT")});
    CHECK(check(QStringLiteral("Salute! La polizza salute copre le visite? Health insurance quote please")).isEmpty());
}

TEST_CASE("the guard configuration reads its JSON with clear errors and is stored in the cache", "[guard]")
{
    CHECK(GuardConfig::fromJson("{").error().contains(QLatin1String("not valid JSON")));
    CHECK(GuardConfig::fromJson(R"({"patterns":[{"kind":"phone","pattern":"x"}]})")
              .error()
              .contains(QLatin1String("patterns[0]")));
    CHECK(GuardConfig::fromJson(R"({"patterns":[{"kind":"policy_number","pattern":"(unclosed"}]})")
              .error()
              .contains(QLatin1String("not a valid regular expression")));
    CHECK(GuardConfig::fromJson(R"({"patterns":[{"kind":"claim_number","pattern":"\\d*"}]})")
              .error()
              .contains(QLatin1String("empty text")));
    const GuardConfig config = evalConfig();
    CHECK(config.patterns.size() == 2);
    auto again = GuardConfig::fromJson(config.toJson());
    REQUIRE(again.ok());
    CHECK(again.value() == config);

    TempCache cache;
    auto loaded = GuardConfig::load(cache.db->connection());
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == GuardConfig::defaults());
    REQUIRE(GuardConfig::save(cache.db->connection(), config).ok());
    loaded = GuardConfig::load(cache.db->connection());
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == config);
}

TEST_CASE("a class of merit with a date is not a date of birth", "[guard]")
{
    CHECK(check(QStringLiteral("classe di merito 1 dal 01/03/2020")).isEmpty());
    CHECK(check(QStringLiteral("sono in classe 14 dal 12/03/1985, nato a Roma")).size() == 1);
}

TEST_CASE("phones after cell. and tel: , tax codes in groups, IBANs with dashes and non-breaking spaces", "[guard]")
{
    CHECK(check(QStringLiteral("cell.3475550199")) == QStringList{QStringLiteral("phone=3475550199")});
    CHECK(check(QStringLiteral("tel:+39 347 555 0199")) == QStringList{QStringLiteral("phone=+39 347 555 0199")});
    CHECK(check(QStringLiteral("Tel.06 5566 7788")) == QStringList{QStringLiteral("phone=06 5566 7788")});
    // An amount or a version after a dot is still not a phone.
    CHECK(check(QStringLiteral("v.3 costa 3475550199.50")).isEmpty());

    CHECK(check(QStringLiteral("CF RSS MRA 85T10 A562S grazie")) ==
          QStringList{QStringLiteral("tax_code=RSS MRA 85T10 A562S")});
    CHECK(check(QStringLiteral("cf: RSSMRA 85T10 A562S")) ==
          QStringList{QStringLiteral("tax_code=RSSMRA 85T10 A562S")});
    CHECK(check(QStringLiteral("CF RSS MRA 85T10 A562X")).isEmpty()); // wrong check character

    CHECK(check(QStringLiteral("IBAN IT25-O030-6909-6061-0000-0012-345")) ==
          QStringList{QStringLiteral("iban=IT25-O030-6909-6061-0000-0012-345")});
    const QString nbsp = QStringLiteral("IT25\u00A0O030\u00A06909\u00A06061\u00A00000\u00A00012\u00A0345");
    CHECK(check(QStringLiteral("IBAN ") + nbsp) == QStringList{QStringLiteral("iban=") + nbsp});
    CHECK(check(QStringLiteral("IBAN IT25  O030  6909  6061  0000  0012  345")) ==
          QStringList{QStringLiteral("iban=IT25  O030  6909  6061  0000  0012  345")});
}

TEST_CASE("the IBAN registry's newer countries have their lengths", "[guard]")
{
    const std::pair<const char *, int> lengths[] = {{"BY", 28}, {"RU", 33}, {"LC", 32}, {"SC", 31}, {"ST", 25},
                                                    {"SV", 28}, {"IQ", 23}, {"LY", 25}, {"SD", 18}, {"TL", 23},
                                                    {"BI", 27}, {"DJ", 27}, {"MN", 20}, {"NI", 28}, {"SO", 23},
                                                    {"FK", 18}, {"OM", 23}, {"YE", 30}, {"HN", 28}};
    for (const auto &[country, length] : lengths) {
        INFO(country);
        CHECK(Guard::ibanLength(QString::fromLatin1(country)) == length);
    }
    // The registry's examples (check digits included).
    CHECK(Guard::isValidIban(QStringLiteral("BY13NBRB3600900000002Z00AB00")));
    CHECK(Guard::isValidIban(QStringLiteral("SC18SSCB11010000000000001497USD")));
    CHECK(Guard::isValidIban(QStringLiteral("LC55HEMM000100010012001200023015")));
    CHECK(Guard::isValidIban(QStringLiteral("TL380080012345678910157")));
}

TEST_CASE("health words with an everyday sense need their context", "[guard]")
{
    // Not health: a service-level agreement, a verb, an account, a car's diagnosis, luck, a mood,
    // a hospital as a landmark, the surgery's opening hours.
    for (const char *text : {"Lo SLA di risposta è di 24 ore", "This app aids drivers after a crash",
                             "My account is disabled since yesterday", "La diagnosi del guasto dell'auto costa 80 euro",
                             "A stroke of luck", "Sono depresso dal vostro servizio", "Incidente vicino all'ospedale",
                             "Your surgery opening hours?", "Mi fate venire un infarto con queste bollette",
                             "La polizza copre il covid?"}) {
        INFO(text);
        CHECK(check(QString::fromUtf8(text)).isEmpty());
    }
    // Health: the same words where they tell something about a person.
    CHECK(check(QStringLiteral("mio padre è malato di SLA")) == QStringList{QStringLiteral("health=malato di SLA")});
    CHECK(check(QStringLiteral("he has AIDS")) == QStringList{QStringLiteral("health=AIDS")});
    CHECK(check(QStringLiteral("I'm disabled and need help")) == QStringList{QStringLiteral("health=I'm disabled")});
    CHECK(check(QStringLiteral("Mia madre è in ospedale")) == QStringList{QStringLiteral("health=è in ospedale")});
    CHECK(check(QStringLiteral("she was taken to hospital")) == QStringList{QStringLiteral("health=to hospital")});
    CHECK(check(QStringLiteral("ho la legge 104 per mio figlio")) == QStringList{QStringLiteral("health=legge 104")});
    CHECK(check(QStringLiteral("ho avuto il covid a marzo")) == QStringList{QStringLiteral("health=avuto il covid")});
    CHECK(check(QStringLiteral("sono portatore di handicap")) == QStringList{QStringLiteral("health=handicap")});
    CHECK(check(QStringLiteral("mia moglie è malata")) == QStringList{QStringLiteral("health=malata")});
    CHECK(check(QStringLiteral("sono stato operato all'anca")) ==
          QStringList{QStringLiteral("health=operato all'anca")});
    CHECK(check(QStringLiteral("operata al ginocchio")) == QStringList{QStringLiteral("health=operata al ginocchio")});
    CHECK(check(QStringLiteral("he had a stroke last year")) == QStringList{QStringLiteral("health=a stroke")});
}

TEST_CASE("dates of birth are judged against the injected clock", "[guard]")
{
    // 1 January 2001: a birth date in 2005 is in the future, whatever the computer's date.
    ManualClock clock(QDateTime(QDate(2001, 1, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());
    const Guard guard(GuardConfig::defaults(), &clock);
    CHECK(guard.check(QStringLiteral("sono nato il 12/03/2005")).value().isEmpty());
    CHECK(guard.check(QStringLiteral("sono nato il 12/03/1985")).value().size() == 1);
    clock.setNowMs(QDateTime(QDate(2010, 1, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch());
    CHECK(guard.check(QStringLiteral("sono nato il 12/03/2005")).value().size() == 1);
}

TEST_CASE("the guard's precision and recall on the held-out set written by another author", "[guard][eval][heldout]")
{
    // Written to its own rules (guard_heldout_rules.md) without the detector's code; labels are
    // per line. Reported, not tuned to: the figure goes to BENCHMARKS.md as measured.
    QFile file(testDataDir() + QStringLiteral("/guard_heldout_config.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto config = GuardConfig::fromJson(file.readAll());
    REQUIRE(config.ok());
    QString error;
    const GuardEvaluation eval =
        evaluateGuard(Guard(config.value()), testDataDir() + QStringLiteral("/guard_heldout.tsv"), &error);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE(eval.rows >= 200);
    std::cout << "Held-out set:\n" << formatGuardEvaluation(eval).toStdString() << std::endl;
    // A floor well under the original set's, so that a regression shows without tuning to it.
    CHECK(eval.total.precision() >= 0.80);
    CHECK(eval.total.recall() >= 0.80);
}

// Issue 15's fresh sets (tests/data/guard_fresh_*.README.md): each was measured once, before any
// rule was changed for it (first-contact figures in BENCHMARKS.md); the general rules were then
// fixed on A to G, which are development sets from then on. Their floors catch a regression.
TEST_CASE("the guard's precision and recall on the fresh sets A to G", "[guard][eval][fresh]")
{
    QFile file(testDataDir() + QStringLiteral("/guard_fresh_config.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto config = GuardConfig::fromJson(file.readAll());
    REQUIRE(config.ok());
    for (const char *set : {"guard_fresh_a.tsv", "guard_fresh_b.tsv", "guard_fresh_c.tsv", "guard_fresh_d.tsv",
                            "guard_fresh_e.tsv", "guard_fresh_f.tsv", "guard_fresh_g.tsv"}) {
        QString error;
        const GuardEvaluation eval = evaluateGuard(
            Guard(config.value()), testDataDir() + QLatin1Char('/') + QString::fromLatin1(set), &error);
        INFO(set);
        INFO(error.toStdString());
        REQUIRE(error.isEmpty());
        REQUIRE(eval.rows >= 300);
        std::cout << set << ":\n" << formatGuardEvaluation(eval).toStdString() << std::endl;
        CHECK(eval.total.precision() >= 0.95);
        CHECK(eval.total.recall() >= 0.95);
    }
}

// Issue 15's final set, measured once and not tuned to (guard_fresh_h.first_contact.md: 0.989 /
// 0.942). Reported; the floors sit under the measured figure so that a regression shows.
TEST_CASE("the guard's precision and recall on the held-out fresh set H", "[guard][eval][fresh][heldout]")
{
    QFile file(testDataDir() + QStringLiteral("/guard_fresh_config.json"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto config = GuardConfig::fromJson(file.readAll());
    REQUIRE(config.ok());
    QString error;
    const GuardEvaluation eval =
        evaluateGuard(Guard(config.value()), testDataDir() + QStringLiteral("/guard_fresh_h.tsv"), &error);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE(eval.rows >= 700);
    std::cout << "Fresh set H (held out):\n" << formatGuardEvaluation(eval).toStdString() << std::endl;
    CHECK(eval.total.precision() >= 0.95);
    CHECK(eval.total.recall() >= 0.90);
}

TEST_CASE(
    "numbers in groups, IBANs split by their parts, plates with dashes, obfuscated and personal company addresses",
    "[guard]")
{
    CHECK(check(QStringLiteral("Numero di polizza AU-2023-0045871, grazie")) ==
          QStringList{QStringLiteral("policy_number=AU-2023-0045871")});
    CHECK(check(QStringLiteral("polizza nr. 410/22/1187345 disdetta")) ==
          QStringList{QStringLiteral("policy_number=410/22/1187345")});
    CHECK(check(QStringLiteral("my policy number is LA20230091234")) ==
          QStringList{QStringLiteral("policy_number=LA20230091234")});
    CHECK(check(QStringLiteral("certificato di assicurazione n. 2023CA0918273")) ==
          QStringList{QStringLiteral("policy_number=2023CA0918273")});
    CHECK(check(QStringLiteral("Claim reference 88120934, any update?")) ==
          QStringList{QStringLiteral("claim_number=88120934")});
    // Dates and amounts after the word are not numbers of a file.
    CHECK(check(QStringLiteral("il sinistro del 03/05/2023, sinistro 12.500,00 €")).isEmpty());

    CHECK(check(QStringLiteral("IBAN IT 25 O 03069 09606 100000012345")) ==
          QStringList{QStringLiteral("iban=IT 25 O 03069 09606 100000012345")});
    CHECK(check(QStringLiteral("targa CB-218-NH")) == QStringList{QStringLiteral("plate=CB-218-NH")});
    CHECK(check(QStringLiteral("mi ha tamponato fb551zx")) == QStringList{QStringLiteral("plate=fb551zx")});
    CHECK(check(QStringLiteral("km 123 da Roma, FG482KL7")).isEmpty());

    CHECK(check(QStringLiteral("scrivimi: laura_ferri chiocciola hotmail.it")) ==
          QStringList{QStringLiteral("email=laura_ferri chiocciola hotmail.it")});
    CHECK(check(QStringLiteral("anna.k.schmidt [at] gmx.de")) ==
          QStringList{QStringLiteral("email=anna.k.schmidt [at] gmx.de")});
    GuardConfig company;
    company.ownDomains << QStringLiteral("assicuraserena.it");
    CHECK(check(QStringLiteral("reclami@assicuraserena.it o customer.care@assicuraserena.it"), company).isEmpty());
    CHECK(check(QStringLiteral("la collega giulia.moretti@assicuraserena.it"), company) ==
          QStringList{QStringLiteral("email=giulia.moretti@assicuraserena.it")});

    CHECK(
        check(QStringLiteral("P.IVA 04719230654, VAT number IT 09182736450, payment reference 3924718830")).isEmpty());
    CHECK(check(QStringLiteral("born 2nd February 1988")) ==
          QStringList{QStringLiteral("birth_date=2nd February 1988")});
    CHECK(check(QStringLiteral("Invalida civile al 75%")) == QStringList{QStringLiteral("health=Invalida civile")});
}

TEST_CASE("a text longer than any post or reply is refused with its size before the guard reads it", "[guard][size]")
{
    const QString longest(kMaxTextLength, QLatin1Char('a'));
    const auto fits = Guard().check(longest);
    REQUIRE(fits.ok());
    CHECK(fits->isEmpty());
    const QString tooLong = longest + QStringLiteral(" chiamami al 347 555 0199");
    const auto refused = Guard().check(tooLong);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.failure().kind == ErrorKind::InvalidInput);
    CHECK(refused.error().contains(QString::number(tooLong.size())));
    CHECK(refused.error().contains(QString::number(kMaxTextLength)));
    // The scan itself has no limit (the benchmark reads 10 MB with it).
    CHECK(kindsOf(Guard().scan(tooLong)) == QStringList{QStringLiteral("phone=347 555 0199")});
    CHECK_FALSE(checkTextLength(tooLong).ok());
    CHECK(checkTextLength(longest).ok());
}

TEST_CASE("what the guard finds in a long text does not depend on how far back it looks", "[guard][size]")
{
    // The words that make a number not a phone are looked for just before it, across any run of
    // blanks inside them ("partita    iva").
    const QString blanks(300, QLatin1Char(' '));
    CHECK(check(QStringLiteral("partita") + blanks + QStringLiteral("iva 0471923065")).isEmpty());
    CHECK(check(QStringLiteral("codice") + blanks + QStringLiteral("fiscale: 0471923065")).isEmpty());
    CHECK(check(QStringLiteral("codice fiscale") + blanks + QStringLiteral("0471923065")) ==
          QStringList{QStringLiteral("phone=0471923065")});
    CHECK(check(QStringLiteral("riferimento ") + QString(100, QLatin1Char('x')) + QStringLiteral(" 0471923065")) ==
          QStringList{QStringLiteral("phone=0471923065")});
    // A keyword then a page of blanks: still no finding, and the same one after it.
    CHECK(check(QStringLiteral("polizza") + QString(20000, QLatin1Char(' ')) + QStringLiteral("n. 40012345678")) ==
          QStringList{QStringLiteral("policy_number=40012345678")});
    CHECK(check(QStringLiteral("targa") + QString(20000, QLatin1Char(' ')) + QStringLiteral("FB 123 CD")) ==
          QStringList{QStringLiteral("plate=FB 123 CD")});

    // Many findings and many birth words: each found once, in text order.
    QString text;
    QStringList expected;
    for (int i = 0; i < 1200; ++i) { // 61,200 characters, within the limit
        const QString phone = QStringLiteral("347 555 %1").arg(1000 + i);
        text += QStringLiteral("chiamami al %1, sono nato il 12/03/1985. ").arg(phone);
        expected << QStringLiteral("phone=") + phone << QStringLiteral("birth_date=12/03/1985");
    }
    REQUIRE(text.size() <= kMaxTextLength);
    CHECK(check(text) == expected);
    // A birth word 40 characters before the date, or 25 after it, and not one more.
    CHECK(check(QStringLiteral("nato") + QString(40, QLatin1Char('.')) + QStringLiteral("12/03/1985")).size() == 1);
    CHECK(check(QStringLiteral("nato") + QString(41, QLatin1Char('.')) + QStringLiteral("12/03/1985")).isEmpty());
    CHECK(check(QStringLiteral("12/03/1985") + QString(25, QLatin1Char('.')) + QStringLiteral("nato")).size() == 1);
    CHECK(check(QStringLiteral("12/03/1985") + QString(26, QLatin1Char('.')) + QStringLiteral("nato")).isEmpty());
}

// Issue 15: the guard reads context (docs/guard.md, "Context"). Each case is a class of wording,
// with texts on both sides.
TEST_CASE("a health word is a finding only when the text says whose condition it is", "[guard][context]")
{
    // Someone's condition: the writer, a relative, the addressee, a named person, an event.
    for (const char *text :
         {"ho il diabete da quando avevo 12 anni", "I was diagnosed with epilepsy in May",
          "mio figlio ha l'asma e la scuola vuole un certificato", "my husband had a stroke on the motorway",
          "Gentile cliente, ci dispiace per la sua frattura al polso", "sorry to hear about your whiplash, Tom",
          "Paolo ha avuto un infarto durante il viaggio", "è stato ricoverato per tre giorni dopo lo scontro",
          "Recovering from chemotherapy and your app logs me out every day",
          "la risonanza al ginocchio mi ha costretto a fermarmi", "sono invalido civile al 67%",
          "my daughter is registered 80% disabled", "I suffer from anxiety since the accident",
          "broke my wrist falling off the scooter", "Still have headaches two weeks after the crash",
          "mi hanno tolto l'appendice a luglio", "gamba ingessata e 30 giorni di prognosi - chi paga?",
          "Week 2 on crutches and no word from the claims team", "my sister has had tendinitis for months",
          "a mio padre hanno diagnosticato una fibromialgia", "Gentile Sig.ra Neri, il day hospital del 3 marzo rientra nella diaria",
          "so sorry about your husband's stroke, Ann", "Type 2 diabetic here and your form will not accept it",
          "the whiplash of the young driver is covered by our client's policy", "mia zia, 80 anni, è allettata da maggio",
          "mia mamma, nata nel 1949, è invalida al 100% e non può firmare", "I have sleep apnoea and use a CPAP machine"}) {
        INFO(text);
        const QStringList found = check(QString::fromUtf8(text));
        CHECK(std::any_of(found.begin(), found.end(),
                          [](const QString &f) { return f.startsWith(QLatin1String("health=")); }));
    }
    // No one's: covers and products explained, generic and hypothetical questions, campaigns,
    // pets, a hospital as a workplace or a place.
    for (const char *text :
         {"La garanzia Grandi Interventi rimborsa l'intervento chirurgico e la degenza in ospedale.",
          "The hospital cash benefit pays 80 euro a night for every night in hospital.",
          "la polizza copre il parto e la gravidanza a rischio?", "does the plan cover physiotherapy after a fracture?",
          "se vengo ricoverato all'estero chi paga?", "if you are hospitalised abroad, call the assistance line",
          "sconti per chi ha la 104 sulla polizza auto?", "is type 1 diabetes a pre-existing condition for the life cover?",
          "Novembre è il mese della prevenzione del diabete 💙 #GiornataMondialeDiabete",
          "World Heart Day: a heart attack can happen at any age #WorldHeartDay",
          "il mio cane ha fatto un intervento al femore, la polizza pet rimborsa?",
          "lavoro in ospedale come infermiera, c'è uno sconto?", "my car was hit in the hospital car park",
          "Franchigia del 5% sull'invalidità permanente da infortunio.", "esiste il pronto soccorso stradale?",
          "this hold music gives me a headache", "your chatbot is giving me a migraine",
          "la vostra app è malata, si blocca sempre", "il vostro call center è da ricovero",
          "i miei ricordi e la nostalgia di quando rispondevate", "is a pacemaker a pre-existing condition for your life policy?",
          "Ottobre rosa: bella la vostra campagna sulla prevenzione del tumore al seno",
          "la vostra app è in coma da stamattina", "ci hanno fatto un aumento da infarto"}) {
        INFO(text);
        const QStringList found = check(QString::fromUtf8(text));
        CHECK(std::none_of(found.begin(), found.end(),
                           [](const QString &f) { return f.startsWith(QLatin1String("health=")); }));
    }
}

TEST_CASE("policy and claim numbers in the wordings people use, and numbers without that role",
          "[guard][context]")
{
    CHECK(check(QStringLiteral("pol. 771204556 disdetta?")) == QStringList{QStringLiteral("policy_number=771204556")});
    CHECK(check(QStringLiteral("pol.nr 771204556")) == QStringList{QStringLiteral("policy_number=771204556")});
    CHECK(check(QStringLiteral("POL 771204556 rinnovata")) == QStringList{QStringLiteral("policy_number=771204556")});
    CHECK(check(QStringLiteral("la mia polizza vita è la 3300912877")) ==
          QStringList{QStringLiteral("policy_number=3300912877")});
    CHECK(check(QStringLiteral("my home policy is 88301922")) == QStringList{QStringLiteral("policy_number=88301922")});
    CHECK(check(QStringLiteral("claim ref. 2025-MT-44120 still open")) ==
          QStringList{QStringLiteral("claim_number=2025-MT-44120")});
    CHECK(check(QStringLiteral("il sinistro è il 25/009/004411")) ==
          QStringList{QStringLiteral("claim_number=25/009/004411")});
    CHECK(check(QStringLiteral("sin. n. 5512093 del mese scorso")) ==
          QStringList{QStringLiteral("claim_number=5512093")});
    // Not those roles: a year, a legal reference, a police report, a word that merely starts "pol".
    CHECK(check(QStringLiteral("la polizza 2025 costa di più")).isEmpty());
    CHECK(check(QStringLiteral("la polizza è la stessa dell'anno scorso")).isEmpty());
    CHECK(check(QStringLiteral("polizia locale, verbale 2025/33180")).isEmpty());
}

TEST_CASE("e-mail addresses and phones spelled out or spaced, and what only looks like them", "[guard][context]")
{
    const QStringList spelled{QStringLiteral("scrivetemi a paolo punto verdi chiocciola tiscali punto it"),
                              QStringLiteral("it's k dot ward at yahoo dot co dot uk"),
                              QStringLiteral("mail: m.gallo [at] libero [dot] it"),
                              QStringLiteral("scrivete a elena . costa @ gmail . com"),
                              QStringLiteral("dan.price @ outlook.com please")};
    for (const QString &text : spelled) {
        INFO(text.toStdString());
        const QStringList found = check(text);
        REQUIRE(found.size() == 1);
        CHECK(found.first().startsWith(QLatin1String("email=")));
    }
    // A handle, a bare domain, "at" between ordinary words.
    CHECK(check(QStringLiteral("seguite @paolo.verdi.77 su Instagram")).isEmpty());
    CHECK(check(QStringLiteral("write to me at the office tomorrow")).isEmpty());
    CHECK(check(QStringLiteral("tutto su assicuraserena.it")).isEmpty());
    // The company's own mailbox spelled out is still the company's.
    GuardConfig config;
    config.ownDomains = {QStringLiteral("assicuraserena.it")};
    CHECK(check(QStringLiteral("reclami chiocciola assicuraserena punto it"), config).isEmpty());

    // Phones in words, Italian and English, and the company's own number in words.
    CHECK(check(QStringLiteral("il mio numero è tre due nove, uno uno quattro, sette sette otto zero")) ==
          QStringList{QStringLiteral("phone=tre due nove, uno uno quattro, sette sette otto zero")});
    CHECK(check(QStringLiteral("ring me: three two eight five five one nine nine zero four")).size() == 1);
    config.ownPhones = {QStringLiteral("0287654321")};
    CHECK(check(QStringLiteral("chiamate lo zero due otto sette sei cinque quattro tre due uno"), config).isEmpty());
    CHECK(check(QStringLiteral("ne ho tre, due sono rotti")).isEmpty());
}

TEST_CASE("dates of birth need a person born, and format hints are not findings", "[guard][context]")
{
    CHECK(check(QStringLiteral("mio figlio è nato il 3 aprile 2019")) ==
          QStringList{QStringLiteral("birth_date=3 aprile 2019")});
    CHECK(check(QStringLiteral("my birthday is 2 March, can I get the discount?")) ==
          QStringList{QStringLiteral("birth_date=2 March")});
    CHECK(check(QStringLiteral("sono del 21 ottobre 1988 e pago troppo")) ==
          QStringList{QStringLiteral("birth_date=21 ottobre 1988")});
    // A company, an agency, an app; a date in a format hint.
    CHECK(check(QStringLiteral("La compagnia è nata il 5 maggio 1921 a Trieste")).isEmpty());
    CHECK(check(QStringLiteral("Our Verona agency was born on 2 June 1990")).isEmpty());
    CHECK(check(QStringLiteral("Happy birthday to our Padova branch, born on 2 June 1990!")).isEmpty());
    CHECK(check(QStringLiteral("data di nascita 12.11.1975, l'app non la accetta")) ==
          QStringList{QStringLiteral("birth_date=12.11.1975")});
    CHECK(check(QStringLiteral("Data di nascita nel formato GG/MM/AAAA, ad esempio 05/09/1975")).isEmpty());
    // Plates written as a format hint.
    CHECK(check(QStringLiteral("scriva la targa così: AA000AA")).isEmpty());
    CHECK(check(QStringLiteral("plate format ZZ 999 ZZ")).isEmpty());
    CHECK(check(QStringLiteral("la targa è FG 482 KL")) == QStringList{QStringLiteral("plate=FG 482 KL")});
}

TEST_CASE("digits inside a mistyped IBAN, a VAT number and the company's offices are not phones", "[guard][context]")
{
    // The Italian IBAN below has wrong check digits: no IBAN, and its digits are not a landline.
    CHECK(check(QStringLiteral("IBAN IT 99 J 05584 01603 CC0123456789 per il rimborso")).isEmpty());
    CHECK(check(QStringLiteral("La partita IVA della nostra società di Milano è 01234560157")).isEmpty());
    CHECK(check(QStringLiteral("Il CF della mia ditta è 01234560157")).isEmpty());
    CHECK(check(QStringLiteral("l'agenzia di Bari risponde allo 080 521 4470 dalle 9")).isEmpty());
    CHECK(check(QStringLiteral("si rivolga alla nostra agenzia di Bari, tel. 080 521 4470")).isEmpty());
    // A person's numbers stay findings: the customer's office line, an adjuster's mobile.
    CHECK(check(QStringLiteral("chiamatemi in ufficio allo 080 521 4470")).size() == 1);
    CHECK(check(QStringLiteral("il perito dell'agenzia la chiamerà dal 347 220 1893")).size() == 1);
}

TEST_CASE("the company's own patterns apply before the built-in ones", "[guard][context]")
{
    // The built-in pattern reads "polizza PZ12345678" as a policy; this company's PZ numbers are
    // claim files, and its pattern wins the overlap.
    GuardConfig config;
    config.patterns = {{FindingKind::ClaimNumber, QStringLiteral("\\bPZ\\d{8}\\b"), QStringLiteral("claims")}};
    CHECK(check(QStringLiteral("polizza PZ12345678 ferma da mesi")) ==
          QStringList{QStringLiteral("policy_number=PZ12345678")});
    CHECK(check(QStringLiteral("polizza PZ12345678 ferma da mesi"), config) ==
          QStringList{QStringLiteral("claim_number=PZ12345678")});
}
