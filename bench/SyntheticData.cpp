#include "SyntheticData.h"

#include "cache/OpenCache.h"
#include "ingest/Ingestor.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>

#include <QStringList>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#elif defined(Q_OS_WIN)
#include <psapi.h>
#include <windows.h>
#endif

namespace sportello::bench {

namespace {
const QStringList kOpeningIt{
    QStringLiteral("Buongiorno, ho aperto un sinistro"),    QStringLiteral("Salve, la mia polizza auto"),
    QStringLiteral("Ciao, non riesco ad accedere all'app"), QStringLiteral("Vorrei un preventivo per la casa"),
    QStringLiteral("Il rimborso della polizza salute"),     QStringLiteral("Ho pagato la rata ma"),
    QStringLiteral("Complimenti al vostro perito"),         QStringLiteral("La carrozzeria convenzionata"),
    QStringLiteral("Disdetta inviata da settimane e"),      QStringLiteral("Il rinnovo della polizza viaggio")};
const QStringList kMiddleIt{
    QStringLiteral("non ho ancora ricevuto risposta"), QStringLiteral("mi chiedono di nuovo i documenti"),
    QStringLiteral("il codice OTP non arriva"),        QStringLiteral("l'addebito risulta doppio"),
    QStringLiteral("il perito non si è presentato"),   QStringLiteral("la franchigia è più alta del previsto"),
    QStringLiteral("aspetto da tre settimane"),        QStringLiteral("siete stati velocissimi"),
    QStringLiteral("la pratica risulta sospesa"),      QStringLiteral("il numero verde è sempre occupato")};
const QStringList kOpeningEn{QStringLiteral("Hi, I filed a claim"),
                             QStringLiteral("My car insurance renewal"),
                             QStringLiteral("I can't log in to the app"),
                             QStringLiteral("Looking for a home insurance quote"),
                             QStringLiteral("The travel policy refund"),
                             QStringLiteral("I paid the premium but"),
                             QStringLiteral("Thanks to your claims adjuster"),
                             QStringLiteral("Your repair shop partner")};
const QStringList kMiddleEn{QStringLiteral("and nobody has called me back"),
                            QStringLiteral("you keep asking for the same documents"),
                            QStringLiteral("the verification code never arrives"),
                            QStringLiteral("I was charged twice"),
                            QStringLiteral("the excess is higher than quoted"),
                            QStringLiteral("it has been three weeks"),
                            QStringLiteral("you were amazingly quick"),
                            QStringLiteral("the claim shows as on hold")};
const QStringList kClosing{QStringLiteral("Grazie."),           QStringLiteral("Potete aiutarmi?"),
                           QStringLiteral("Pessimo servizio!"), QStringLiteral("Please help."),
                           QStringLiteral("Any update?"),       QStringLiteral("😡"),
                           QStringLiteral("Ottimo lavoro 👍"),   QStringLiteral("Ref. 4120-778812")};
const QStringList kReplies{QStringLiteral("Ci scusiamo, ci scriva in privato con il numero di polizza."),
                           QStringLiteral("Sorry to hear that, please send us a DM with your claim number."),
                           QStringLiteral("Grazie per il messaggio, verifichiamo subito la pratica."),
                           QStringLiteral("Thanks, we have passed this on to our claims team.")};
const QStringList kNames{QStringLiteral("Giulia"), QStringLiteral("Marco"), QStringLiteral("Francesca"),
                         QStringLiteral("Luca"),   QStringLiteral("Emma"),  QStringLiteral("James"),
                         QStringLiteral("Chiara"), QStringLiteral("Paolo"), QStringLiteral("Sofia"),
                         QStringLiteral("Oliver")};
const QStringList kSurnames{QStringLiteral("Rossi"),   QStringLiteral("Bianchi"), QStringLiteral("Esposito"),
                            QStringLiteral("Smith"),   QStringLiteral("Ferrari"), QStringLiteral("Romano"),
                            QStringLiteral("Colombo"), QStringLiteral("Brown"),   QStringLiteral("Ricci"),
                            QStringLiteral("Greco")};
constexpr Channel kChannels[] = {Channel::Facebook, Channel::Instagram,  Channel::X,
                                 Channel::AppStore, Channel::GooglePlay, Channel::InApp};
constexpr Category kCategories[] = {Category::NonNegative, Category::Complaint, Category::Assistance};
} // namespace

QString SyntheticPosts::sentence()
{
    const bool italian = m_random.bounded(10) < 6;
    const QStringList &open = italian ? kOpeningIt : kOpeningEn;
    const QStringList &middle = italian ? kMiddleIt : kMiddleEn;
    return open.at(m_random.bounded(open.size())) + QLatin1Char(' ') + middle.at(m_random.bounded(middle.size())) +
           QLatin1Char(' ') + kClosing.at(m_random.bounded(kClosing.size()));
}

QVector<PostRecord> SyntheticPosts::thread(int threadIndex, int postCount, qint64 startMs, double waitingShare)
{
    const Channel channel = kChannels[threadIndex % 6];
    const QString threadId = QStringLiteral("t%1").arg(threadIndex);
    const int person = int(m_random.bounded(200000));
    AuthorRecord customer{QStringLiteral("u%1").arg(person),
                          QStringLiteral("%1_%2%3")
                              .arg(kNames.at(person % 10).toLower(), kSurnames.at((person / 10) % 10).toLower())
                              .arg(person),
                          kNames.at(person % 10) + QLatin1Char(' ') + kSurnames.at((person / 10) % 10),
                          qint64(m_random.bounded(5000))};
    const AuthorRecord company{QStringLiteral("company"), QStringLiteral("AssicuraSerena"),
                               QStringLiteral("Assicura Serena"), 50000};
    const bool waiting = m_random.generateDouble() < waitingShare;
    QVector<PostRecord> posts;
    qint64 at = startMs;
    for (int i = 0; i < postCount; ++i) {
        // Alternate customer and company; a waiting thread ends on the customer.
        const bool inbound = waiting ? ((postCount - 1 - i) % 2 == 0) : ((postCount - i) % 2 == 0);
        PostRecord p;
        p.channel = channel;
        p.threadExternalId = threadId;
        p.postExternalId = QStringLiteral("%1-%2").arg(threadId).arg(i);
        p.inReplyTo = i > 0 ? QStringLiteral("%1-%2").arg(threadId).arg(i - 1) : QString();
        p.author = inbound ? customer : company;
        p.direction = inbound ? Direction::Inbound : Direction::Outbound;
        p.visibility =
            (channel == Channel::InApp || m_random.bounded(4) == 0) ? Visibility::Private : Visibility::Public;
        p.createdAtMs = at;
        p.text = inbound ? sentence() : kReplies.at(m_random.bounded(kReplies.size()));
        if (inbound)
            p.category = kCategories[m_random.bounded(3)];
        posts << p;
        at += 60000 * (1 + m_random.bounded(90));
    }
    return posts;
}

double peakResidentMiB()
{
#if defined(Q_OS_UNIX)
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
#if defined(Q_OS_MACOS)
    return usage.ru_maxrss / (1024.0 * 1024.0); // bytes on macOS
#else
    return usage.ru_maxrss / 1024.0; // KiB on Linux
#endif
#elif defined(Q_OS_WIN)
    PROCESS_MEMORY_COUNTERS counters{};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters))
        return -1;
    return counters.PeakWorkingSetSize / (1024.0 * 1024.0);
#else
    return -1;
#endif
}

bool buildSyntheticCache(Database &db, int threads, int posts, qint64 nowMs)
{
    SyntheticPosts synthetic;
    const int perThread = std::max(1, posts / threads);
    Ingestor ingestor(db);
    QElapsedTimer timer;
    timer.start();
    int batch = 0;
    if (!ingestor.begin().ok())
        return false;
    for (int t = 0; t < threads; ++t) {
        // Threads start over the last 30 days; the newest are still within their target.
        const qint64 start =
            nowMs - qint64(30) * 24 * 3600 * 1000 + qint64(t) * (qint64(30) * 24 * 3600 * 1000 / threads);
        for (const PostRecord &p : synthetic.thread(t, perThread, start, 0.5)) {
            if (Status s = ingestor.add(p); !s) {
                std::fprintf(stderr, "%s\n", qPrintable(s.error()));
                return false;
            }
        }
        if (++batch == 5000) { // commit in batches so the WAL stays small
            if (Status s = ingestor.commit(); !s || !ingestor.begin().ok())
                return false;
            batch = 0;
        }
    }
    if (Status s = ingestor.commit(); !s)
        return false;
    std::printf("build_cache_s=%.1f posts=%d threads=%d\n", timer.elapsed() / 1000.0, threads * perThread, threads);
    return true;
}

void addSyntheticCacheOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("posts"), QStringLiteral("Posts to generate."), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads to generate."), QStringLiteral("N"),
                      QStringLiteral("250000")});
    parser.addOption(
        {QStringLiteral("cache"), QStringLiteral("Use (or build and keep) this cache file."), QStringLiteral("PATH")});
}

std::unique_ptr<Database> openSyntheticCache(const QCommandLineParser &parser, const QTemporaryDir &dir, qint64 nowMs)
{
    const QString path = parser.isSet(QStringLiteral("cache")) ? parser.value(QStringLiteral("cache"))
                                                               : dir.filePath(QStringLiteral("bench.sqlite"));
    const bool existed = QFile::exists(path);
    auto opened = openCache(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return nullptr;
    }
    std::unique_ptr<Database> db = std::move(opened).value();
    if (!existed && !buildSyntheticCache(*db, parser.value(QStringLiteral("threads")).toInt(),
                                         parser.value(QStringLiteral("posts")).toInt(), nowMs))
        return nullptr;
    return db;
}

} // namespace sportello::bench
