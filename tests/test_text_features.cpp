// The classifier's text features on long texts: counted in one pass, the same as on short ones.
#include "catch_compat.h"

#include "classify/TextFeatures.h"

using namespace sportello;

TEST_CASE("the text features of a long text count every link, elision, contraction and accent once", "[classifier]")
{
    // Counted by single passes (a count per match, or a replace per link, re-read the rest of the
    // text each time); the counts are those of the short text, times the repetitions.
    const QString unit = QStringLiteral("L'app di www.esempio.it non va, perché? I can't log in, it's 𝐀's fault. ");
    const classify::TextFeatures one = classify::analyse(unit);
    REQUIRE(one.links == 1);
    REQUIRE(one.italianElisions == 1);
    REQUIRE(one.englishContractions == 3); // can't, it's, 𝐀's (a letter outside the BMP)
    REQUIRE(one.graveAccents == 1);
    QString text;
    for (int i = 0; i < 3000; ++i)
        text += unit;
    const classify::TextFeatures many = classify::analyse(text);
    CHECK(many.links == 3000);
    CHECK(many.italianElisions == 3000);
    CHECK(many.englishContractions == 3 * 3000);
    CHECK(many.graveAccents == 3000);
    CHECK(many.tokens.size() == one.tokens.size() * 3000);
}
