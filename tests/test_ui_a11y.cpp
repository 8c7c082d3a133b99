// Accessibility of the console (docs/accessibility.md), offscreen on the demo data: every control a
// screen reader reaches through QAccessible has a name and a description, in the main window with
// every pane shown, in each page of the settings, in the report window and in every other dialog;
// every action of the menus says what it does on the status bar; the models' cells that set a
// colour also say it in words or with an icon; and each dialog can be gone through with Tab alone
// and closed with Escape.

#include "catch_compat.h"

#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "accounts/OAuthApps.h"
#include "common/Accessible.h"
#include "common/Format.h"
#include "compose/ReplyTemplate.h"
#include "compose/SavedReplies.h"
#include "dialogs/ModerationDialog.h"
#include "dialogs/OAuthAppsDialog.h"
#include "dialogs/PromptDialog.h"
#include "dialogs/ReplyPicker.h"
#include "dialogs/SettingsDialog.h"
#include "dialogs/SignInDialog.h"
#include "models/ComplaintsModel.h"
#include "models/OutboxModel.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "storage/Database.h"
#include "views/QueuePane.h"
#include "views/ReportWindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QWidget>

#include <algorithm>
#include <cmath>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::SettingsDialog;

namespace {

constexpr qint64 kNow = 1772815800000; // 2026-03-06T16:50:00Z, the screenshots' moment
// Cells are checked in the first rows of each view only: the rest are the same delegate and model.
constexpr int kCellRows = 12;

// Roles that only lay out other controls: a screen reader names what is inside them, not them.
bool isContainer(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::Window:
    case QAccessible::Dialog:
    case QAccessible::Pane:
    case QAccessible::Grouping: // a group box's title is its name; its controls are checked
    case QAccessible::Splitter:
    case QAccessible::ToolBar:
    case QAccessible::MenuBar: // its actions are checked by the menu test below
    case QAccessible::PopupMenu:
    case QAccessible::MenuItem:
    case QAccessible::StatusBar:
    case QAccessible::Separator:
    case QAccessible::Grip:
    case QAccessible::Border:
    case QAccessible::Whitespace:
    case QAccessible::LayeredPane:
    case QAccessible::TitleBar:
    case QAccessible::PageTabList: // its tabs are checked
    case QAccessible::PageTab:     // a tab's name is its text; it only switches pages
    case QAccessible::ScrollBar:   // the platform's scroll bar, described by the view it scrolls
    case QAccessible::Row:         // a table's rows: their cells are checked
        return true;
    default: return false;
    }
}

bool isCell(QAccessible::Role role)
{
    return role == QAccessible::Cell || role == QAccessible::ListItem || role == QAccessible::TreeItem ||
           role == QAccessible::ColumnHeader || role == QAccessible::RowHeader;
}

// A label that names the control beside it (QLabel::setBuddy, or a form's row): the control reads
// it as its own name, the label itself needs nothing more.
bool isBuddyLabel(const QObject *object)
{
    const auto *label = qobject_cast<const QLabel *>(object);
    return label && label->buddy();
}

// OK, Cancel, Close…: the platform's standard buttons of a dialog, which the dialog's title explains;
// their name is still required.
bool isStandardButton(const QObject *object)
{
    const auto *button = qobject_cast<const QAbstractButton *>(object);
    const auto *box = button ? qobject_cast<const QDialogButtonBox *>(button->parent()) : nullptr;
    return box && box->standardButton(const_cast<QAbstractButton *>(button)) != QDialogButtonBox::NoButton;
}

bool inStatusBar(const QObject *object)
{
    for (const QObject *o = object; o; o = o->parent())
        if (qobject_cast<const QStatusBar *>(o))
            return true;
    return false;
}

QString where(QAccessibleInterface *iface, const QString &path)
{
    const QObject *o = iface->object();
    return path + QStringLiteral(" > ") + QString::number(int(iface->role()), 16) + QLatin1Char(' ') +
           (o ? QString::fromLatin1(o->metaObject()->className()) + QLatin1Char('#') + o->objectName() : QString()) +
           QStringLiteral(" \"") + iface->text(QAccessible::Name) + QLatin1Char('"');
}

struct Audit {
    QStringList missing; // one line for each control without a name or a description
    int checked = 0;
};

void walk(QAccessibleInterface *iface, const QString &path, Audit &audit, int depth = 0)
{
    if (!iface || !iface->isValid() || iface->state().invisible || depth > 60)
        return;
    const QAccessible::Role role = iface->role();
    const QObject *object = iface->object();
    const QString name = iface->text(QAccessible::Name).trimmed();
    const QString description = iface->text(QAccessible::Description).trimmed();
    const int children = iface->childCount();
    if (isCell(role)) {
        // Cells read their text (or the model's AccessibleTextRole); a cell that only shows an
        // icon or a colour has none unless the model gives one.
        ++audit.checked;
        if (name.isEmpty())
            audit.missing << where(iface, path) + QStringLiteral(": cell without text");
        return;
    }
    if (role == QAccessible::StaticText) {
        if (isBuddyLabel(object))
            return;
        ++audit.checked;
        const auto *label = qobject_cast<const QLabel *>(object);
        const bool showsSomething = !label || !label->text().isEmpty() || !label->pixmap().isNull();
        if (showsSomething && name.isEmpty())
            audit.missing << where(iface, path) + QStringLiteral(": label without a name");
        // A label's text is read as its name; the status bar's labels carry a state that only
        // makes sense with what it is the state of.
        if (showsSomething && inStatusBar(object) && description.isEmpty())
            audit.missing << where(iface, path) + QStringLiteral(": status without a description");
        return;
    }
    // Qt's own parts, named by Qt: the viewport of a scroll area or item view (the view itself is
    // checked), and the scroll buttons of a tab bar too narrow for its tabs.
    const QString objectName = object ? object->objectName() : QString();
    const bool qtPart =
        objectName == QLatin1String("qt_scrollarea_viewport") ||
        (object && qobject_cast<const QTabBar *>(object->parent()) &&
         (objectName == QLatin1String("ScrollLeftButton") || objectName == QLatin1String("ScrollRightButton")));
    const bool container = qtPart || isContainer(role) || (role == QAccessible::Client && children > 0);
    if (!container) {
        ++audit.checked;
        if (name.isEmpty())
            audit.missing << where(iface, path) + QStringLiteral(": no name");
        if (description.isEmpty() && !isStandardButton(object))
            audit.missing << where(iface, path) + QStringLiteral(": no description");
    }
    const bool itemView = qobject_cast<const QAbstractItemView *>(object) != nullptr;
    int rowsSeen = 0;
    for (int i = 0; i < children; ++i) {
        QAccessibleInterface *child = iface->child(i);
        if (!child)
            continue;
        if (itemView && (child->role() == QAccessible::Row || isCell(child->role())) &&
            child->role() != QAccessible::ColumnHeader && ++rowsSeen > kCellRows * 12)
            break;
        walk(child, path + QLatin1Char('/') + QString::number(i), audit, depth + 1);
    }
}

Audit audit(QWidget *root)
{
    Audit result;
    walk(QAccessible::queryAccessibleInterface(root), QString::fromLatin1(root->metaObject()->className()), result);
    return result;
}

void requireNamed(QWidget *root)
{
    QApplication::processEvents();
    const Audit a = audit(root);
    INFO(a.missing.join(QLatin1Char('\n')).toStdString());
    CHECK(a.checked > 0);
    CHECK(a.missing.isEmpty());
}

// The widgets a person reaches with Tab: enabled, shown, taking the focus by the keyboard. The
// viewport and inner editor of a view or spin box are the view's; the first focus proxy counts.
QSet<QWidget *> tabStops(QWidget *dialog)
{
    QSet<QWidget *> stops;
    for (QWidget *w : dialog->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(dialog) || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        if (qobject_cast<QAbstractItemView *>(w->parentWidget() ? w->parentWidget()->parentWidget() : nullptr))
            continue; // an editor open in a view
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget()))
            continue; // the line edit inside a spin box or an editable combo box: Tab reaches its owner
        stops.insert(w);
    }
    return stops;
}

// Walks the dialog with Tab from its first control, twice round, and names what Tab never reaches.
QStringList unreachedByTab(QWidget *dialog)
{
    const QSet<QWidget *> stops = tabStops(dialog);
    QSet<QWidget *> reached;
    QStringList order; // the focus's way, for the message when something is missed
    dialog->activateWindow();
    QApplication::setActiveWindow(dialog);
    // From the first control of the focus chain that takes Tab.
    for (QWidget *w = dialog->nextInFocusChain(); w && w != dialog; w = w->nextInFocusChain())
        if (stops.contains(w)) {
            w->setFocus(Qt::TabFocusReason);
            break;
        }
    for (int i = 0; i < 2 * stops.size() + 4; ++i) {
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            break;
        order << QString::fromLatin1(focus->metaObject()->className()) + QLatin1Char('#') + focus->objectName();
        // The widget with the focus and what it belongs to (a spin box owns the line edit inside).
        for (QWidget *w = focus; w && w != dialog; w = w->parentWidget())
            reached.insert(w);
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QStringList unreached;
    for (QWidget *w : stops)
        if (!reached.contains(w))
            unreached << QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#') + w->objectName() +
                             QLatin1Char(' ') + QAccessible::queryAccessibleInterface(w)->text(QAccessible::Name);
    unreached.sort();
    if (!unreached.isEmpty())
        unreached << QStringLiteral("reached, in order: ") + order.join(QStringLiteral(", "));
    return unreached;
}

// Every enabled control is reached by Tab, and Escape closes the dialog without accepting it.
void requireKeyboard(QDialog &dialog)
{
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    const QStringList unreached = unreachedByTab(&dialog);
    INFO(unreached.join(QLatin1Char('\n')).toStdString());
    CHECK(unreached.isEmpty());
    QWidget *focus = QApplication::focusWidget();
    REQUIRE(focus);
    QTest::keyClick(focus, Qt::Key_Escape);
    CHECK_FALSE(dialog.isVisible());
    CHECK(dialog.result() == QDialog::Rejected);
}

ConsoleOptions atScreenshotTime()
{
    ConsoleOptions options;
    options.nowMs = kNow;
    return options;
}

struct DemoConsole {
    ConsoleFixture f{std::function<void(Database &)>(), atScreenshotTime()};
    DemoConsole()
    {
        QString error;
        REQUIRE(f.w().openDemo(&error));
        f.w().resize(1400, 850);
        f.w().tick();
    }
    ui::MainWindow &w() { return f.w(); }
};

PostView comment(qint64 id, const char *text)
{
    PostView p;
    p.id = id;
    p.text = QLatin1String(text);
    p.direction = Direction::Inbound;
    p.visibility = Visibility::Public;
    p.authorHandle = QStringLiteral("giulia.m");
    p.createdAtMs = kNow - 3600 * 1000;
    return p;
}

accounts::OAuthApp xApp()
{
    accounts::OAuthApp app;
    app.provider = accounts::OAuthProvider::X;
    app.clientId = QStringLiteral("client");
    app.authorizeUrl = QStringLiteral("https://x.example/authorize");
    app.tokenUrl = QStringLiteral("https://x.example/token");
    return app;
}

} // namespace

TEST_CASE("every control of the console, with every pane shown, has an accessible name and description", "[ui][a11y]")
{
    DemoConsole c;
    c.w().showComplaints(true);
    c.w().showOutbox(true);
    c.w().teamBoardDock()->show();
    c.w().approvalsDock()->show();
    requireNamed(&c.w());
}

TEST_CASE("every page of the settings dialog has accessible names and descriptions", "[ui][a11y]")
{
    DemoConsole c;
    SettingsDialog dialog(c.f.settings, *c.w().database(), c.f.clock, *c.f.tokens, &c.w());
    dialog.show();
    for (const auto page : {SettingsDialog::Page::General, SettingsDialog::Page::Policy, SettingsDialog::Page::Calendar,
                            SettingsDialog::Page::Accounts, SettingsDialog::Page::SavedReplies,
                            SettingsDialog::Page::Team, SettingsDialog::Page::Routing, SettingsDialog::Page::Guard}) {
        INFO("page " << int(page));
        dialog.setCurrentPage(page);
        requireNamed(&dialog);
    }
    SettingsDialog firstRun(c.f.settings, SettingsDialog::Mode::FirstRun);
    firstRun.show();
    requireNamed(&firstRun);
}

TEST_CASE("the report window and the other dialogs have accessible names and descriptions", "[ui][a11y]")
{
    DemoConsole c;
    SECTION("report window")
    {
        ui::ReportWindow *report = c.w().showReports();
        REQUIRE(report);
        REQUIRE(QTest::qWaitFor([report] { return !report->isBusy(); }, 30'000));
        requireNamed(report);
    }
    SECTION("prompt")
    {
        ui::PromptDialog dialog(QStringLiteral("Claim"),
                                {{QStringLiteral("claim_number"), QStringLiteral("Claim number")}});
        dialog.show();
        requireNamed(&dialog);
    }
    SECTION("reply picker")
    {
        auto replies = SavedReplyStore(*c.w().database()).all();
        REQUIRE(replies.ok());
        ui::ReplyPicker dialog(replies.value());
        dialog.show();
        requireNamed(&dialog);
    }
    SECTION("moderation")
    {
        ui::ModerationDialog dialog(Channel::Facebook, {comment(1, "my policy is AS123456789"), comment(2, "thanks")},
                                    {1}, 0);
        dialog.show();
        requireNamed(&dialog);
    }
    SECTION("sign-in")
    {
        ui::SignInDialog dialog(xApp(), *c.w().database(), *c.f.tokens, c.f.clock, [](const QUrl &) { return false; });
        dialog.show();
        requireNamed(&dialog);
    }
    SECTION("OAuth apps")
    {
        ui::OAuthAppsDialog dialog(*c.w().database());
        dialog.show();
        requireNamed(&dialog);
    }
}

TEST_CASE("the audit finds a control that lost its name or its description", "[ui][a11y]")
{
    // The check itself can fail: a button with neither text nor tool tip is reported.
    QWidget root;
    QLineEdit edit(&root);
    edit.setAccessibleName(QStringLiteral("Claim number"));
    edit.setAccessibleDescription(QStringLiteral("The number of the customer's claim"));
    root.show();
    CHECK(audit(&root).missing.isEmpty());
    edit.setAccessibleName(QString());
    CHECK(audit(&root).missing.size() == 1);
    edit.setAccessibleName(QStringLiteral("Claim number"));
    edit.setAccessibleDescription(QString());
    CHECK(audit(&root).missing.size() == 1);
}

TEST_CASE("every action in the menus says on the status bar what it does", "[ui][a11y]")
{
    DemoConsole c;
    QStringList silent;
    const std::function<void(QMenu *)> visit = [&](QMenu *menu) {
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            if (action->menu()) {
                visit(action->menu());
                continue;
            }
            if (action->statusTip().trimmed().isEmpty())
                silent << menu->title() + QStringLiteral(" > ") + action->text();
        }
    };
    for (QAction *top : c.w().menuBar()->actions())
        if (top->menu())
            visit(top->menu());
    INFO(silent.join(QLatin1Char('\n')).toStdString());
    CHECK(silent.isEmpty());
}

TEST_CASE("each cell the console's models colour also says it in words or with an icon", "[ui][a11y]")
{
    DemoConsole c;
    c.w().showOutbox(true);
    c.w().showComplaints(true);
    const QList<QAbstractItemModel *> models{c.w().queueModel(), c.w().findChild<ui::OutboxModel *>(),
                                             c.w().findChild<ui::ComplaintsModel *>()};
    int coloured = 0;
    for (QAbstractItemModel *model : models) {
        REQUIRE(model);
        for (int r = 0; r < qMin(200, model->rowCount()); ++r)
            for (int col = 0; col < model->columnCount(); ++col) {
                const QModelIndex index = model->index(r, col);
                if (!index.data(Qt::ForegroundRole).isValid() && !index.data(Qt::BackgroundRole).isValid())
                    continue;
                ++coloured;
                INFO(model->metaObject()->className() << " row " << r << " column " << col);
                const bool words = !index.data(Qt::DisplayRole).toString().trimmed().isEmpty() ||
                                   !index.data(Qt::AccessibleTextRole).toString().trimmed().isEmpty();
                CHECK((words || index.data(Qt::DecorationRole).isValid()));
            }
    }
    CHECK(coloured > 0);
}

namespace {
// WCAG 2's contrast ratio of two colours (1:1 to 21:1).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
} // namespace

TEST_CASE("the colours of states keep a 4.5:1 contrast on a light and on a dark palette", "[ui][a11y]")
{
    const QPalette before = QApplication::palette();
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1c));
    for (const QPalette &palette : {light, dark}) {
        QApplication::setPalette(palette);
        const QColor base = palette.color(QPalette::Base);
        INFO("base " << base.name().toStdString());
        for (const TimerState state :
             {TimerState::Overdue, TimerState::DueSoon, TimerState::OnTrack, TimerState::OutsideHours}) {
            INFO("timer state " << int(state) << ": " << ui::timerColor(state).name().toStdString());
            CHECK(contrast(ui::timerColor(state), base) >= 4.5);
        }
        CHECK(contrast(ui::errorTextColor(palette), palette.color(QPalette::Window)) >= 4.5);
    }
    QApplication::setPalette(before);
}

TEST_CASE("each dialog is gone through with Tab and closed with Escape", "[ui][a11y]")
{
    DemoConsole c;
    SECTION("settings, every page")
    {
        for (const auto page :
             {SettingsDialog::Page::General, SettingsDialog::Page::Policy, SettingsDialog::Page::Calendar,
              SettingsDialog::Page::Accounts, SettingsDialog::Page::SavedReplies, SettingsDialog::Page::Team,
              SettingsDialog::Page::Routing, SettingsDialog::Page::Guard}) {
            INFO("page " << int(page));
            SettingsDialog dialog(c.f.settings, *c.w().database(), c.f.clock, *c.f.tokens, &c.w());
            dialog.setCurrentPage(page);
            requireKeyboard(dialog);
        }
    }
    SECTION("prompt")
    {
        ui::PromptDialog dialog(QStringLiteral("Claim"),
                                {{QStringLiteral("claim_number"), QStringLiteral("Claim number")},
                                 {QStringLiteral("amount"), QStringLiteral("Amount")}});
        requireKeyboard(dialog);
    }
    SECTION("reply picker")
    {
        auto replies = SavedReplyStore(*c.w().database()).all();
        REQUIRE(replies.ok());
        ui::ReplyPicker dialog(replies.value());
        requireKeyboard(dialog);
    }
    SECTION("moderation")
    {
        ui::ModerationDialog dialog(Channel::Facebook, {comment(1, "my policy is AS123456789"), comment(2, "thanks")},
                                    {1}, 0);
        requireKeyboard(dialog);
    }
    SECTION("sign-in")
    {
        ui::SignInDialog dialog(xApp(), *c.w().database(), *c.f.tokens, c.f.clock, [](const QUrl &) { return false; });
        requireKeyboard(dialog);
    }
    SECTION("OAuth apps")
    {
        ui::OAuthAppsDialog dialog(*c.w().database());
        requireKeyboard(dialog);
    }
}

TEST_CASE("at 1400 px with four panes the queue shows its time left whole, also in a larger font", "[ui][a11y]")
{
    const QFont normal = QApplication::font();
    for (const double scale : {1.0, 1.5}) {
        INFO("font scale " << scale);
        QFont font = normal;
        font.setPointSizeF(normal.pointSizeF() * scale);
        QApplication::setFont(font);
        {
            DemoConsole c; // queue, conversation with notes, customer card, triage: 1400 x 850
            c.w().showOutbox(true);
            QApplication::processEvents();
            QTableView *view = c.w().queuePane()->view();
            const QHeaderView *header = view->horizontalHeader();
            if (auto *splitter = c.w().findChild<QSplitter *>(QStringLiteral("mainSplitter"))) {
                QStringList least;
                for (int i = 0; i < splitter->count(); ++i)
                    least << QString::number(
                        qMax(splitter->widget(i)->minimumWidth(), splitter->widget(i)->minimumSizeHint().width()));
                INFO("the panes' least widths: " << least.join(QStringLiteral(", ")).toStdString());
                // In the usual font the four panes fit in 1400 px; in a font half as large again
                // they ask for more, and the window is wider (the time left still shows whole).
                if (scale == 1.0)
                    CHECK(c.w().width() <= 1400 + 1);
            }
            REQUIRE_FALSE(header->isSectionHidden(ui::QueueModel::TimeLeftColumn));
            const int right = header->sectionViewportPosition(ui::QueueModel::TimeLeftColumn) +
                              header->sectionSize(ui::QueueModel::TimeLeftColumn);
            CHECK(header->sectionViewportPosition(ui::QueueModel::TimeLeftColumn) >= 0);
            CHECK(right <= view->viewport()->width());
            // The post's text keeps a readable width beside the other columns.
            CHECK(header->sectionSize(ui::QueueModel::PostColumn) >= ui::QueuePane::kMinPostWidth);
            // The age, which gives way first, comes back with room.
            c.w().resize(2400, 850);
            QApplication::processEvents();
            CHECK_FALSE(header->isSectionHidden(ui::QueueModel::AgeColumn));
            CHECK(header->sectionViewportPosition(ui::QueueModel::TimeLeftColumn) +
                      header->sectionSize(ui::QueueModel::TimeLeftColumn) <=
                  view->viewport()->width());
        }
        QApplication::setFont(normal);
    }
}

TEST_CASE("Enter in a dialog's field presses its default button", "[ui][a11y]")
{
    SECTION("prompt")
    {
        ui::PromptDialog dialog(QStringLiteral("Claim"),
                                {{QStringLiteral("claim_number"), QStringLiteral("Claim number")}});
        dialog.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dialog));
        auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("prompt_claim_number"));
        REQUIRE(field);
        field->setFocus();
        QTest::keyClicks(field, QStringLiteral("SX-2026-000123"));
        QTest::keyClick(field, Qt::Key_Return);
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(dialog.values().value(QStringLiteral("claim_number")) == QLatin1String("SX-2026-000123"));
    }
    SECTION("moderation")
    {
        ui::ModerationDialog dialog(Channel::Facebook, {comment(1, "my policy is AS123456789")}, {1}, 0);
        dialog.show();
        REQUIRE(QTest::qWaitForWindowExposed(&dialog));
        dialog.noteEdit()->setFocus();
        QTest::keyClick(dialog.noteEdit(), Qt::Key_Return);
        CHECK(dialog.result() == QDialog::Accepted);
    }
}
