// Help > About names the build exactly: the version, the commit and the build date
// (version/BuildInfo.h), as a bug report needs them.

#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "common/LocaleText.h"
#include "version/BuildInfo.h"

#include <QAction>
#include <QDate>
#include <QMessageBox>

using namespace sportello;
using namespace sportello::test;

TEST_CASE("the About box shows the version, the commit and the build date", "[ui][release]")
{
    ConsoleFixture f([](Database &) {});
    QAction *about = nullptr;
    for (QAction *action : f.w().findChildren<QAction *>())
        if (action->menuRole() == QAction::AboutRole)
            about = action;
    REQUIRE(about != nullptr);

    QString shown;
    whenModal(&f.w(), [&shown](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        REQUIRE(box != nullptr);
        shown = box->text();
        box->accept();
    });
    about->trigger();
    INFO(shown.toStdString());
    CHECK(shown.contains(QStringLiteral("<h3>Sportello %1</h3>").arg(versionNumber())));
    // The build date in the reader's date order, not as the build wrote it (YYYY-MM-DD).
    const QDate built = QDate::fromString(buildDate(), QStringLiteral("yyyy-MM-dd"));
    const QString builtText = built.isValid() ? dateText(built, true, QLocale()) : buildDate();
    CHECK(shown.contains(
        QStringLiteral("<p>Version %1, commit %2, built on %3.</p>").arg(versionNumber(), buildCommit(), builtText)));
    if (built.isValid())
        CHECK_FALSE(shown.contains(buildDate()));
}
