#include "common/Icons.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <functional>

namespace sportello::ui::icons {

namespace {

constexpr int kSize = 32; // drawn at 32 px, shown at 16 px on normal screens and 32 px on HiDPI

QIcon draw(const std::function<void(QPainter &)> &paint)
{
    QIcon icon;
    for (int size : {16, kSize}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / double(kSize), size / double(kSize));
        paint(p);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon cached(const QString &key, const std::function<void(QPainter &)> &paint)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, draw(paint));
    return *it;
}

void drawLetters(QPainter &p, const QString &letters, const QColor &color)
{
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(letters.size() > 1 ? 14 : 20);
    p.setFont(font);
    p.setPen(color);
    p.drawText(QRectF(0, 0, kSize, kSize), Qt::AlignCenter, letters);
}

} // namespace

QColor channelColor(Channel channel)
{
    switch (channel) {
    case Channel::Facebook: return QColor(0x18, 0x77, 0xf2);
    case Channel::Instagram: return QColor(0xc1, 0x35, 0x84);
    case Channel::X: return QColor(0x14, 0x17, 0x1a);
    case Channel::AppStore: return QColor(0x0a, 0x84, 0xff);
    case Channel::GooglePlay: return QColor(0x01, 0x87, 0x5f);
    case Channel::InApp: return QColor(0x5b, 0x4b, 0xc4);
    }
    return Qt::gray;
}

QIcon channel(Channel channel)
{
    static const QHash<int, QString> letters{
        {int(Channel::Facebook), QStringLiteral("f")},    {int(Channel::Instagram), QStringLiteral("IG")},
        {int(Channel::X), QStringLiteral("X")},           {int(Channel::AppStore), QStringLiteral("A")},
        {int(Channel::GooglePlay), QStringLiteral("GP")}, {int(Channel::InApp), QStringLiteral("in")}};
    return cached(QStringLiteral("channel-") + toId(channel), [channel](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(channelColor(channel));
        p.drawRoundedRect(QRectF(1, 1, kSize - 2, kSize - 2), 7, 7);
        drawLetters(p, letters.value(int(channel)), Qt::white);
    });
}

QIcon timer(TimerState state)
{
    return timer(state, QGuiApplication::palette().color(QPalette::Window).lightness() < 128);
}

QIcon timer(TimerState state, bool onDarkBackground)
{
    // Drawn in the text's colour for the same background (common/Format.h).
    const QString key =
        QStringLiteral("timer-") + toId(state) + (onDarkBackground ? QStringLiteral("-dark") : QString());
    return cached(key, [state, onDarkBackground](QPainter &p) {
        const QColor color = timerColor(state, onDarkBackground);
        switch (state) {
        case TimerState::Overdue: {
            // A filled warning triangle with an exclamation mark.
            QPainterPath triangle;
            triangle.moveTo(16, 2);
            triangle.lineTo(31, 29);
            triangle.lineTo(1, 29);
            triangle.closeSubpath();
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawPath(triangle);
            p.setBrush(Qt::white);
            p.drawRoundedRect(QRectF(14, 10, 4, 11), 2, 2);
            p.drawEllipse(QRectF(14, 23, 4, 4));
            break;
        }
        case TimerState::DueSoon: {
            // A clock face.
            p.setPen(QPen(color, 3.5));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QRectF(3, 3, 26, 26));
            p.setPen(QPen(color, 3.5, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(16, 16), QPointF(16, 8));
            p.drawLine(QPointF(16, 16), QPointF(22, 19));
            break;
        }
        case TimerState::OnTrack: {
            // A hollow circle: waiting, nothing to worry about yet.
            p.setPen(QPen(color, 3.5));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QRectF(5, 5, 22, 22));
            break;
        }
        case TimerState::OutsideHours: {
            // A pause sign in a filled disc: the business clock is stopped.
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawEllipse(QRectF(2, 2, 28, 28));
            p.setBrush(Qt::white);
            p.drawRoundedRect(QRectF(10.5, 9, 4, 14), 1.5, 1.5);
            p.drawRoundedRect(QRectF(17.5, 9, 4, 14), 1.5, 1.5);
            break;
        }
        }
    });
}

QIcon visibility(Visibility visibility)
{
    return cached(QStringLiteral("visibility-") + toId(visibility), [visibility](QPainter &p) {
        if (visibility == Visibility::Private) {
            const QColor color(0x6a, 0x3d, 0xb8);
            p.setPen(QPen(color, 3.5));
            p.setBrush(Qt::NoBrush);
            p.drawArc(QRectF(9, 3, 14, 16), 0, 180 * 16);
            p.drawLine(QPointF(9, 11), QPointF(9, 15));
            p.drawLine(QPointF(23, 11), QPointF(23, 15));
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawRoundedRect(QRectF(5, 14, 22, 16), 3, 3);
            p.setBrush(Qt::white);
            p.drawEllipse(QRectF(14, 19, 4, 4));
        } else {
            const QColor color(0x1b, 0x6e, 0x3a);
            p.setPen(QPen(color, 2.5));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QRectF(3, 3, 26, 26));
            p.drawEllipse(QRectF(10, 3, 12, 26));
            p.drawLine(QPointF(3, 16), QPointF(29, 16));
            p.drawLine(QPointF(6, 9), QPointF(26, 9));
            p.drawLine(QPointF(6, 23), QPointF(26, 23));
        }
    });
}

QIcon decision(DecisionKind kind)
{
    if (kind == DecisionKind::ReplyPublic)
        return visibility(Visibility::Public);
    if (kind == DecisionKind::ReplyPrivate)
        return visibility(Visibility::Private);
    return cached(QStringLiteral("decision-") + toId(kind), [kind](QPainter &p) {
        if (kind == DecisionKind::Forward) {
            const QColor color(0x0b, 0x5c, 0xad);
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            QPainterPath arrow;
            arrow.moveTo(2, 12);
            arrow.lineTo(18, 12);
            arrow.lineTo(18, 4);
            arrow.lineTo(31, 16);
            arrow.lineTo(18, 28);
            arrow.lineTo(18, 20);
            arrow.lineTo(2, 20);
            arrow.closeSubpath();
            p.drawPath(arrow);
        } else {
            const QColor color(0x5f, 0x63, 0x68);
            p.setPen(QPen(color, 3.5));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(QRectF(3, 3, 26, 26));
            p.setPen(QPen(color, 3.5, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(11, 11), QPointF(21, 21));
            p.drawLine(QPointF(21, 11), QPointF(11, 21));
        }
    });
}

QIcon draft()
{
    return cached(QStringLiteral("draft"), [](QPainter &p) {
        const QColor color(0x8a, 0x5a, 0x00);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        QPainterPath pencil;
        pencil.moveTo(6, 26);
        pencil.lineTo(8, 19);
        pencil.lineTo(22, 5);
        pencil.lineTo(27, 10);
        pencil.lineTo(13, 24);
        pencil.closeSubpath();
        p.drawPath(pencil);
        p.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(4, 29), QPointF(28, 29));
    });
}

QIcon guard()
{
    return cached(QStringLiteral("guard"), [](QPainter &p) {
        const QColor color(0xb4, 0x23, 0x18);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        QPainterPath shield;
        shield.moveTo(16, 2);
        shield.lineTo(28, 7);
        shield.cubicTo(28, 19, 23, 26, 16, 30);
        shield.cubicTo(9, 26, 4, 19, 4, 7);
        shield.closeSubpath();
        p.drawPath(shield);
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(14.5, 8, 3.5, 12), 1.5, 1.5);
        p.drawEllipse(QRectF(14.3, 22, 4, 4));
    });
}

} // namespace sportello::ui::icons
