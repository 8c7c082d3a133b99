// The per-text scanners on one long text of 1 KB, 100 KB and 10 MB (UTF-16 units), for the
// figures in BENCHMARKS.md ("Scanners"): each must take time in proportion to the text.
//   bench_scanners [--sizes 1024,102400,10485760] [--repeat N]
// The text is customer prose with the data the guard looks for (phone numbers, dates, amounts,
// e-mail addresses, policy numbers, health words), links and emoji, repeated to the size. The
// guard and the template expander are timed through their scans, below the size limit that
// refuses such texts at the boundary (kMaxTextLength): what is measured is the scan's growth.

#include "classify/Classifier.h"
#include "common/Secrets.h"
#include "compose/ChannelLimits.h"
#include "compose/Guard.h"
#include "compose/ReplyTemplate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>
#include <functional>

using namespace sportello;

namespace {

const char16_t *const kParagraph =
    u"Buongiorno, sono Mario Rossi, nato il 12/03/1985, polizza n. 410/22/1187345 e sinistro 2024/0012345. "
    u"Chiamatemi al 333 123 4567 oppure 02 8765 4321 dalle 10:30, ho pagato 1.250,00 € il 3-4 giugno. "
    u"Scrivete a mario.rossi@example.com o guardate https://www.example.com/pratica?id=42 😡🇮🇹 "
    u"Mio figlio è ricoverato in ospedale con una frattura, targa FB 551 ZX, IBAN IT60 X054 2811 1010 0000 0123 456. "
    u"I can't believe it!!! NEVER again, the app non funziona e nessuno risponde? ";

QString textOf(qsizetype size)
{
    const QString paragraph = QString::fromUtf16(kParagraph);
    QString text;
    text.reserve(size + paragraph.size());
    while (text.size() < size)
        text += paragraph;
    text.truncate(size);
    return text;
}

double timeMs(const std::function<void()> &run, int repeat)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < repeat; ++i)
        run();
    return double(timer.nsecsElapsed()) / 1e6 / repeat;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("sizes"), QStringLiteral("Text sizes in UTF-16 units."), QStringLiteral("list"),
                      QStringLiteral("1024,102400,10485760")});
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("Runs of the smallest size."), QStringLiteral("N"),
                      QStringLiteral("200")});
    parser.process(app);
    const int repeat = parser.value(QStringLiteral("repeat")).toInt();

    const Guard guard;
    const Classifier classifier;
    ReplyContext context;
    context.customerName = QStringLiteral("Mario Rossi");
    context.agentName = QStringLiteral("Giulia");
    context.today = QDate(2026, 3, 6);

    std::printf("%-22s %12s %12s %12s %8s\n", "scanner", "UTF-16 units", "ms", "ms per MB", "found");
    for (const QString &sizeText : parser.value(QStringLiteral("sizes")).split(QLatin1Char(','))) {
        const qsizetype size = sizeText.toLongLong();
        const QString text = textOf(size);
        // A reply template of the same size: the prose with variables and braces between.
        QString body = text;
        body.replace(QStringLiteral("Mario Rossi"), QStringLiteral("{customer_name}"));
        body.replace(QStringLiteral("Buongiorno"), QStringLiteral("{?greeting:Saluto} {{ok}}"));
        const QMap<QString, QString> values{{QStringLiteral("greeting"), QStringLiteral("Salve")}};
        // Few runs of the large sizes: the figure is per run.
        const int runs = std::max(1, int(repeat * 1024 / std::max<qsizetype>(1024, size)));
        const double mb = double(size) / (1024.0 * 1024.0);
        const auto row = [&](const char *name, const std::function<qsizetype()> &scan) {
            qsizetype found = 0;
            const double ms = timeMs([&] { found = scan(); }, runs);
            std::printf("%-22s %12lld %12.2f %12.1f %8lld\n", name, static_cast<long long>(size), ms, ms / mb,
                        static_cast<long long>(found));
            std::fflush(stdout);
        };
        row("guard", [&] { return guard.scan(text).size(); });
        row("classifier", [&] { return qsizetype(classifier.classify(text).cues.size()); });
        row("reply template", [&] { return ReplyTemplate::expand(body, context, values).value().size(); });
        row("X weighted length", [&] { return qsizetype(xWeightedLength(text)); });
        row("channel length (FB)",
            [&] { return qsizetype(checkLength(text, Channel::Facebook, Visibility::Public).length); });
        // The credential detector (every CLI message and every reply): prose, then its worst case,
        // one word of "A"s as long as the text (the X bearer shape starts with a run of them).
        row("credentials", [&] { return qsizetype(credentialSpans(text).size()); });
        const QString runOfA = QString(size - 1, QLatin1Char('A')) + QLatin1Char('!');
        row("credentials, AAAA...", [&] { return qsizetype(credentialSpans(runOfA).size()); });
    }
    return 0;
}
