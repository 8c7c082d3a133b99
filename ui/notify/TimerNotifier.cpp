#include "notify/TimerNotifier.h"

#include "common/Format.h"

namespace sportello::ui {

namespace {
QString who(const TimerCrossing &c)
{
    const QString handle = formatHandle(c.authorHandle);
    return c.authorName.isEmpty() ? handle : c.authorName;
}
} // namespace

TimerNotifier::TimerNotifier(QObject *parent) : QObject(parent) {}

void TimerNotifier::setWatch(TimerWatch *watch)
{
    if (m_watch)
        disconnect(m_watch, nullptr, this, nullptr);
    m_watch = watch;
    if (!m_watch)
        return;
    connect(m_watch, &TimerWatch::crossed, this, &TimerNotifier::announce);
    connect(m_watch, &TimerWatch::failed, this, &TimerNotifier::failed);
}

void TimerNotifier::announce(const QVector<TimerCrossing> &first, int overdue, int dueSoon, qint64 nowMs)
{
    const Text text = describe(first, overdue, dueSoon, nowMs);
    emit announced(text.title, text.message, overdue, dueSoon,
                   overdue + dueSoon == 1 && !first.isEmpty() ? first.constFirst().threadId : 0, text.summary);
}

TimerNotifier::Text TimerNotifier::describe(const QVector<TimerCrossing> &crossings, qint64 nowMs)
{
    const int overdue = int(std::count_if(crossings.begin(), crossings.end(),
                                          [](const TimerCrossing &c) { return c.state == TimerState::Overdue; }));
    return describe(crossings, overdue, int(crossings.size()) - overdue, nowMs);
}

TimerNotifier::Text TimerNotifier::describe(const QVector<TimerCrossing> &crossings, int overdue, int dueSoon,
                                            qint64 nowMs)
{
    Text text;
    if (crossings.isEmpty())
        return text;
    if (overdue + dueSoon == 1) {
        const TimerCrossing &c = crossings.constFirst();
        const QString category = c.category ? shortLabel(*c.category) : tr("No category");
        if (c.state == TimerState::Overdue) {
            text.title = tr("Overdue: %1 on %2").arg(who(c), label(c.channel));
            text.message = tr("%1 · the answer was due at %2.").arg(category, formatTime(c.dueAtMs, nowMs));
        } else {
            text.title = tr("Due soon: %1 on %2").arg(who(c), label(c.channel));
            text.message = tr("%1 · the answer is due at %2.").arg(category, formatTime(c.dueAtMs, nowMs));
        }
        text.summary = tr("%1 — %2").arg(text.title, text.message);
        return text;
    }
    // Overdue first (the crossings come overdue first), then the rest in one line.
    if (overdue > 0) {
        text.title = overdue == 1 ? tr("1 thread is now overdue") : tr("%1 threads are now overdue").arg(overdue);
        if (dueSoon > 0)
            text.message = dueSoon == 1 ? tr("1 more is due soon.") : tr("%1 more are due soon.").arg(dueSoon);
    } else {
        text.title = tr("%1 threads are now due soon").arg(dueSoon);
    }
    text.summary = text.message.isEmpty() ? text.title + QLatin1Char('.') : tr("%1. %2").arg(text.title, text.message);
    QStringList names;
    for (int i = 0; i < crossings.size() && names.size() < kNamesShown; ++i)
        names << who(crossings.at(i));
    const int more = overdue + dueSoon - int(names.size());
    QString list = names.join(QStringLiteral(", "));
    if (more > 0)
        list = more == 1 ? tr("%1 and 1 more").arg(list) : tr("%1 and %2 more").arg(list).arg(more);
    text.message = text.message.isEmpty() ? list : text.message + QLatin1Char('\n') + list;
    return text;
}

} // namespace sportello::ui
