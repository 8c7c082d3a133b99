// What the console paints when it paints from caches: the queue's text cells (CachedTextDelegate)
// against the style's own painting, pixel for pixel, and after resizes and data changes.
#include "TestSupport.h"
#include "catch_compat.h"

#include "common/Clock.h"
#include "common/TimerContext.h"
#include "models/QueueModel.h"
#include "queue/QueueQuery.h"
#include "triage/TriageService.h"
#include "views/CachedTextDelegate.h"
#include "views/ConversationDelegate.h"
#include "views/ConversationPane.h"
#include "views/QueuePane.h"
#include "views/WrappingLabel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QListView>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>
#include <functional>
#include <vector>

using namespace sportello;
using namespace sportello::test;
using sportello::ui::CachedTextDelegate;
using sportello::ui::QueueModel;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kStart = 1772438400000; // 2026-03-02T08:00:00Z

// Threads that exercise the text cells: short and long previews (elided), emoji (a colour font),
// private posts (an icon before the text), long author names, overdue (bold, red) and on-track
// times.
void fillVaried(Database &db)
{
    const QList<Channel> channels{Channel::Facebook, Channel::Instagram,  Channel::X,
                                  Channel::AppStore, Channel::GooglePlay, Channel::InApp};
    const QStringList texts{
        QStringLiteral("Buongiorno"),
        QStringLiteral("🔥 Airdrop crypto GRATIS per i clienti, cliccate qui subito prima che finisca 🚀🚀"),
        QStringLiteral("Ho fatto il bonifico per il rinnovo ma ho sbagliato la causale, ho scritto la targa invece del "
                       "numero di polizza. Devo rifarlo?"),
        QStringLiteral("Grazie mille 🙏 gentilissimi"),
        QStringLiteral("Does your home insurance cover hail damage to the roof and the solar panels?"),
        QStringLiteral("Sinistro n. 4471 — perizia fissata? «urgente»"),
    };
    QVector<PostRecord> posts;
    for (int i = 0; i < 60; ++i) {
        const QString thread = QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0'));
        PostRecord p = inboundPost(thread, thread + QStringLiteral("-1"), kStart + i * 7 * kMinute,
                                   texts.at(i % texts.size()), channels.at(i % channels.size()));
        p.visibility = i % 4 == 1 ? Visibility::Private : Visibility::Public;
        p.author.handle = QStringLiteral("user%1").arg(i);
        p.author.displayName = i % 3 == 0 ? QStringLiteral("Maria Giovanna Bianchi Lombardi") : p.author.handle;
        p.category = i % 5 == 0 ? std::optional<Category>{} : std::optional<Category>{Category::Assistance};
        posts << p;
    }
    ingest(db, posts);
}

// The view as painted now, and as QStyledItemDelegate paints the same cells.
std::pair<QImage, QImage> paintBoth(QTableView *view)
{
    QAbstractItemDelegate *cached = view->itemDelegate();
    const QImage withCache = view->grab().toImage();
    QStyledItemDelegate plain;
    view->setItemDelegate(&plain);
    const QImage withStyle = view->grab().toImage();
    view->setItemDelegate(cached);
    return {withCache, withStyle};
}

// How many pixels differ, and where (for the failure message).
int differingPixels(const QImage &a, const QImage &b, QRect *where)
{
    if (a.size() != b.size())
        return -1;
    int count = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y)) {
                ++count;
                *where |= QRect(x, y, 1, 1);
            }
    return count;
}

// The texts the delegate drew, cell by cell, for the rows in view.
QStringList shownTexts(QTableView *view, const CachedTextDelegate &delegate)
{
    QStringList texts;
    const int top = view->rowAt(0);
    const int bottom = view->rowAt(view->viewport()->height() - 1);
    for (int r = top; r >= 0 && r <= (bottom >= 0 ? bottom : view->model()->rowCount() - 1); ++r)
        for (int c = QueueModel::AuthorColumn; c < QueueModel::ColumnCount; ++c) {
            const QModelIndex index = view->model()->index(r, c);
            // The focused cell is the style's to paint (its focus frame goes over the text).
            if (index != view->currentIndex() || !view->hasFocus())
                texts << delegate.shownText(index);
        }
    return texts;
}

// The same cells painted by a delegate with nothing cached.
QStringList freshTexts(QTableView *view)
{
    CachedTextDelegate fresh(QueueModel::ThreadIdRole);
    QAbstractItemDelegate *current = view->itemDelegate();
    view->setItemDelegate(&fresh);
    view->grab();
    const QStringList texts = shownTexts(view, fresh);
    view->setItemDelegate(current);
    return texts;
}

} // namespace

TEST_CASE("the queue's cached text cells paint what the style paints, after resizes and data changes", "[ui][paint]")
{
    TempCache cache;
    fillVaried(*cache.db);
    ManualClock clock(kStart + 6 * 60 * kMinute);
    ui::TimerContext timers(clock);
    QueueModel model(timers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDatabase(cache.db.get());
    ui::QueuePane pane(&model);
    pane.resize(900, 520);
    pane.show();
    REQUIRE(QTest::qWaitForWindowExposed(&pane));
    QTableView *view = pane.view();
    auto *delegate = qobject_cast<CachedTextDelegate *>(view->itemDelegate());
    REQUIRE(delegate);
    pane.selectRow(2);
    pane.focusQueue();

    const auto check = [&](const char *when) {
        INFO(when);
        const auto [cached, styled] = paintBoth(view);
        QRect where;
        const int differing = differingPixels(cached, styled, &where);
        INFO("differing pixels within x " << where.x() << " y " << where.y() << " w " << where.width() << " h "
                                          << where.height());
        // SPORTELLO_PAINT_DIFF_DIR=dir keeps both pictures of a paint that differs, to look at.
        if (const QString dir = qEnvironmentVariable("SPORTELLO_PAINT_DIFF_DIR"); differing != 0 && !dir.isEmpty()) {
            cached.save(dir + QStringLiteral("/cached-%1.png").arg(QLatin1String(when).left(12)));
            styled.save(dir + QStringLiteral("/styled-%1.png").arg(QLatin1String(when).left(12)));
        }
        CHECK(differing == 0);
        // The cache did the painting (the text columns are not left to the style), and a fresh
        // delegate draws the same texts: nothing stale is kept.
        const QStringList shown = shownTexts(view, *delegate);
        CHECK(shown.count(QString()) < shown.size() / 4);
        CHECK(shown.join(QChar(0x1f)).toStdString() == freshTexts(view).join(QChar(0x1f)).toStdString());
    };

    check("first paint");
    // Elided previews are among the cells drawn.
    CHECK(delegate->shownText(model.index(1, QueueModel::PostColumn)).endsWith(QChar(0x2026)));

    const QString elidedBefore = delegate->shownText(model.index(1, QueueModel::PostColumn));
    pane.resize(1200, 520); // the post column stretches: the elided previews get longer
    QCoreApplication::processEvents();
    check("after the pane widened");
    CHECK(delegate->shownText(model.index(1, QueueModel::PostColumn)).size() > elidedBefore.size());

    view->horizontalHeader()->resizeSection(QueueModel::AuthorColumn, 60);
    QCoreApplication::processEvents();
    check("after a column narrowed");

    clock.advanceMs(3 * 60 * kMinute); // times left change, more rows become overdue (bold, red)
    pane.refreshVisibleTimes();
    QCoreApplication::processEvents();
    check("after the times changed");

    model.setDraftMarker(model.threadIdAt(3), true); // an icon now comes before the preview
    QCoreApplication::processEvents();
    check("after a draft marker");

    // A decision takes row 0 out: every row below moves up (and its alternate background flips),
    // keeping its cached cells; only the row that comes into view at the bottom is laid out.
    view->grab();
    const int madeBefore = delegate->cellsMade();
    const qint64 first = model.threadIdAt(0);
    TriageService triage(*cache.db, clock, {QStringLiteral("a1"), QStringLiteral("Marta Verdi")});
    REQUIRE(triage.decide({first, DecisionKind::Close, {}, CloseReason::Spam, {}}).ok());
    REQUIRE(model.refreshThread(first));
    QCoreApplication::processEvents();
    view->grab();
    CHECK(delegate->cellsMade() - madeBefore <= QueueModel::ColumnCount);
    check("after a row left");
}

TEST_CASE("the conversation's items keep the sizes a fresh delegate gives, after resizes and data changes",
          "[ui][paint]")
{
    TempCache cache;
    const QString longText =
        QStringLiteral("Ho fatto il bonifico per il rinnovo ma ho sbagliato la causale, ho scritto la "
                       "targa invece del numero di polizza. Devo rifarlo? 🙏 Grazie mille");
    ingest(*cache.db, {inboundPost(QStringLiteral("c1"), QStringLiteral("c1-1"), kStart, longText),
                       outboundPost(QStringLiteral("c1"), QStringLiteral("c1-2"), kStart + 30 * kMinute),
                       inboundPost(QStringLiteral("c1"), QStringLiteral("c1-3"), kStart + 60 * kMinute,
                                   QStringLiteral("Ecco la ricevuta."))});
    ManualClock clock(kStart + 90 * kMinute);
    ui::TimerContext timers(clock);
    ui::ConversationPane pane(timers);
    auto detail = QueueQuery(*cache.db).thread(1);
    REQUIRE(detail);
    pane.setThread(*detail);
    pane.resize(700, 600);
    pane.show();
    REQUIRE(QTest::qWaitForWindowExposed(&pane));
    QListView *list = pane.listView();
    auto *delegate = qobject_cast<ui::ConversationDelegate *>(list->itemDelegate());
    REQUIRE(delegate);
    REQUIRE(list->model()->rowCount() >= 3);

    const auto sizes = [&](const QAbstractItemDelegate &d) {
        QStringList all;
        QStyleOptionViewItem option;
        option.initFrom(list);
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QSize size = d.sizeHint(option, list->model()->index(r, 0));
            all << QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        }
        return all.join(QLatin1Char(' ')).toStdString();
    };
    const auto check = [&](const char *when) {
        INFO(when);
        QCoreApplication::processEvents();
        list->grab(); // paints through the delegate, filling what it keeps
        const ui::ConversationDelegate fresh(clock, list);
        CHECK(sizes(*delegate) == sizes(fresh));
    };
    check("first paint");
    const std::string wide = sizes(*delegate);
    pane.resize(420, 600); // the long post wraps on more lines
    check("after the pane narrowed");
    CHECK(sizes(*delegate) != wide);
    pane.resize(700, 600);
    check("after the pane widened again");
    CHECK(sizes(*delegate) == wide);

    detail->posts[0].text = longText + QLatin1Char(' ') + longText; // a longer text at the same width
    pane.setThread(*detail);
    check("after the text changed");
    CHECK(sizes(*delegate) != wide);
}

TEST_CASE("a wrapping label gives the hints QLabel gives, measuring each text and width once", "[ui][paint]")
{
    QWidget window;
    window.setStyleSheet(QStringLiteral("QLabel#probe { color: #57606a; }"));
    auto *cached = new ui::WrappingLabel(&window);
    auto *plain = new QLabel(&window);
    for (QLabel *label : {static_cast<QLabel *>(cached), plain}) {
        label->setObjectName(QStringLiteral("probe"));
        label->setWordWrap(true);
    }
    const QStringList texts{
        QString(),
        QStringLiteral("ok"),
        QStringLiteral(
            "Arrivato ven 17:40 · 20 min contati prima della chiusura · riprende lun 09:00 · scade lun 09:40"),
        QStringLiteral("unaparolamoltolungasenzaspazichenonsipuòandareacapoinnessunmodo_unaparolamoltolunga"),
        QStringLiteral("<b>Reclamo</b> inoltrato: scadenza <i>45 giorni</i>"),
        QStringLiteral("Grazie 🙏 per la pazienza, la contatteremo in privato ❤️ entro oggi"),
        QStringLiteral("riga uno\nriga due\nriga tre"),
    };
    const QList<int> widths{0, 1, 60, 180, 420, 5000};
    const auto same = [&](const char *what) {
        INFO(what << " text: " << cached->text().toStdString());
        CHECK(cached->sizeHint() == plain->sizeHint());
        CHECK(cached->minimumSizeHint() == plain->minimumSizeHint());
        for (int width : widths) {
            INFO("width " << width);
            CHECK(cached->heightForWidth(width) == plain->heightForWidth(width));
        }
    };
    const auto both = [&](const std::function<void(QLabel *)> &change) {
        change(cached);
        change(plain);
    };
    for (const QString &text : texts) {
        both([&](QLabel *l) { l->setText(text); });
        same("plain");
        // Asked again with nothing changed (as a layout pass does, for one or two widths): nothing
        // is measured again.
        const auto ask = [&] {
            (void)cached->sizeHint();
            (void)cached->minimumSizeHint();
            (void)cached->heightForWidth(180);
            (void)cached->heightForWidth(420);
        };
        ask();
        const int measured = cached->measured();
        ask();
        CHECK(cached->measured() == measured);
    }
    // Everything the hints depend on, changed one at a time, measures again.
    const QString text = texts.at(2);
    both([&](QLabel *l) { l->setText(text); });
    same("reset");
    const std::vector<std::pair<const char *, std::function<void(QLabel *)>>> changes{
        {"selectable", [](QLabel *l) { l->setTextInteractionFlags(Qt::TextSelectableByMouse); }},
        {"font",
         [](QLabel *l) {
             QFont f = l->font();
             f.setPointSizeF(f.pointSizeF() * 1.5);
             l->setFont(f);
         }},
        {"margins", [](QLabel *l) { l->setContentsMargins(19, 3, 7, 2); }},
        {"margin", [](QLabel *l) { l->setMargin(4); }},
        {"indent", [](QLabel *l) { l->setIndent(12); }},
        {"alignment", [](QLabel *l) { l->setAlignment(Qt::AlignRight | Qt::AlignBottom); }},
        {"format", [](QLabel *l) { l->setTextFormat(Qt::RichText); }},
        {"maximum width", [](QLabel *l) { l->setMaximumWidth(150); }},
        {"size policy", [](QLabel *l) { l->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed); }},
        {"no wrap", [](QLabel *l) { l->setWordWrap(false); }},
        {"wrap", [](QLabel *l) { l->setWordWrap(true); }},
        {"style sheet", [](QLabel *l) { l->setStyleSheet(QStringLiteral("font-size: 15pt; padding: 3px;")); }},
    };
    for (const auto &[what, change] : changes) {
        const int measured = cached->measured();
        both(change);
        same(what);
        CHECK(cached->measured() > measured);
    }
}
