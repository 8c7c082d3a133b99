#pragma once
// What SQLite would put next to a cache (its journal, write-ahead log and shared-memory index),
// noted before a test acts and compared after: a file left there earlier by something else (next
// to /dev/null, say) is not taken for one this test made, and one this test made or rewrote is
// found.

#include <QDateTime>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QVector>

namespace sportello::test {

class FilesBeside {
public:
    explicit FilesBeside(const QString &path) : m_path(path)
    {
        for (const QString &suffix : suffixes())
            m_before << state(suffix);
    }

    // The files that appeared, changed or went since the constructor.
    QStringList changed() const
    {
        QStringList names;
        const QStringList all = suffixes();
        for (int i = 0; i < all.size(); ++i)
            if (state(all.at(i)) != m_before.at(i))
                names << m_path + all.at(i);
        return names;
    }

private:
    static QStringList suffixes()
    {
        return {QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")};
    }
    QString state(const QString &suffix) const
    {
        const QFileInfo info(m_path + suffix);
        if (!info.exists())
            return QString();
        return QStringLiteral("%1 %2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    }

    QString m_path;
    QStringList m_before;
};

} // namespace sportello::test
