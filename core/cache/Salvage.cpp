#include "cache/Salvage.h"

#include "cache/CacheLog.h"
#include "cache/OpenCache.h"
#include "storage/Migrations.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPair>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVector>

#include <algorithm>

namespace sportello {

bool SalvageReport::complete() const
{
    return std::all_of(tables.cbegin(), tables.cend(),
                       [](const SalvagedTable &t) { return t.problem.isEmpty() && t.skipped == 0; });
}

namespace {

// The new cache's own tables, in the order they were created (parents before children); the
// full-text index and its shadow tables, and the tables derived from the others, are left out
// (rebuilt from what was saved: a copy would still count the rows that could not be saved).
Result<QStringList> tablesOf(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                   "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'posts_fts%' "
                                   "ORDER BY rowid")))
        return Error{sql::describe(query.lastError()), sql::errorKind(query.lastError())};
    QStringList names;
    const QStringList derived = derivedTables();
    while (query.next())
        if (!derived.contains(query.value(0).toString()))
            names << query.value(0).toString();
    return names;
}

// The derived tables again, from the saved rows: the status bar's buckets from the threads; the
// reports' measures are recomputed by the first report (their policy and last post forgotten).
Status rebuildDerived(const QSqlDatabase &db)
{
    QStringList statements{QStringLiteral("DELETE FROM queue_buckets")};
    statements << fillQueueBuckets();
    statements << QStringLiteral("DELETE FROM post_measures") << QStringLiteral("DELETE FROM measure_company_starts")
               << QStringLiteral("DELETE FROM measure_stale_threads")
               << QStringLiteral("DELETE FROM app_state WHERE key IN ('measures_policy', 'measures_through_post')");
    for (const QString &statement : statements)
        if (Status s = sql::exec(db, statement); !s)
            return s;
    return {};
}

QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    QStringList columns;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table)))
        return columns;
    while (query.next())
        columns << query.value(1).toString();
    return columns;
}

QString quoted(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out << QLatin1Char('"') + name + QLatin1Char('"');
    return out.join(QStringLiteral(", "));
}

SalvagedTable copyTable(const QSqlDatabase &from, const QSqlDatabase &to, const QString &table)
{
    SalvagedTable copied;
    copied.name = table;
    QStringList columns;
    const QStringList readable = columnsOf(from, table);
    for (const QString &column : columnsOf(to, table))
        if (readable.contains(column))
            columns << column;
    if (columns.isEmpty()) {
        copied.problem = QCoreApplication::translate("Salvage", "the table cannot be read");
        return copied;
    }
    QSqlQuery read(from);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM \"%2\"").arg(quoted(columns), table))) {
        copied.problem = sql::describe(read.lastError());
        return copied;
    }
    QStringList marks;
    for (int i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery write(to);
    // Replaces what the new cache's schema installed (the policy presets, the starter replies).
    if (!write.prepare(QStringLiteral("INSERT OR REPLACE INTO \"%1\"(%2) VALUES(%3)")
                           .arg(table, quoted(columns), marks.join(QStringLiteral(", "))))) {
        copied.problem = sql::describe(write.lastError());
        return copied;
    }
    while (read.next()) {
        for (int i = 0; i < columns.size(); ++i)
            write.bindValue(i, read.value(i));
        if (write.exec())
            ++copied.copied;
        else
            ++copied.skipped;
    }
    if (read.lastError().isValid())
        copied.problem = sql::describe(read.lastError());
    return copied;
}

// Removes the rows whose parent row could not be saved (a post whose thread was lost), so that
// the new cache is sound; counted as skipped in their table.
void dropOrphans(const QSqlDatabase &db, QVector<SalvagedTable> &tables)
{
    for (int round = 0; round < 16; ++round) {
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return;
        QVector<QPair<QString, qint64>> orphans;
        while (check.next())
            orphans.append({check.value(0).toString(), check.value(1).toLongLong()});
        check.finish();
        if (orphans.isEmpty())
            return;
        for (const auto &[table, rowid] : orphans) {
            QSqlQuery remove(db);
            remove.prepare(QStringLiteral("DELETE FROM \"%1\" WHERE rowid = ?").arg(table));
            remove.addBindValue(rowid);
            if (remove.exec() && remove.numRowsAffected() > 0)
                for (SalvagedTable &t : tables)
                    if (t.name == table) {
                        --t.copied;
                        ++t.skipped;
                    }
        }
    }
}

} // namespace

Result<SalvageReport> salvageCache(const QString &source, const QString &target)
{
    const QString shownTarget = QDir::toNativeSeparators(target);
    if (QFileInfo::exists(target) || QFileInfo(target).isSymLink())
        return Error{
            QCoreApplication::translate("Salvage", "%1 already exists: salvage into a new file.").arg(shownTarget),
            ErrorKind::Conflict};
    if (QFileInfo(source).absoluteFilePath() == QFileInfo(target).absoluteFilePath())
        return Error{QCoreApplication::translate("Salvage", "Salvage into another file than the damaged one."),
                     ErrorKind::InvalidInput};
    Database::Options readOptions;
    readOptions.createIfMissing = false;
    readOptions.readOnlyIfDamaged = true;
    auto from = openCache(source, readOptions);
    if (!from)
        return from.failure();
    auto to = openCache(target);
    if (!to)
        return to.failure();

    SalvageReport report;
    report.source = from.value()->path();
    report.target = to.value()->path();
    report.damage = from.value()->damage();
    const QSqlDatabase in = from.value()->connection();
    QSqlDatabase out = to.value()->connection();
    auto tables = tablesOf(out);
    if (!tables)
        return tables.failure();
    if (Status s = sql::exec(out, QStringLiteral("PRAGMA foreign_keys=OFF")); !s)
        return s.failure();
    if (!out.transaction())
        return Error{sql::describe(out.lastError()), sql::errorKind(out.lastError())};
    for (const QString &table : *tables)
        report.tables << copyTable(in, out, table);
    dropOrphans(out, report.tables);
    // The full-text rows of the saved posts, as the Ingestor writes them.
    if (Status s = sql::exec(out, QStringLiteral("INSERT INTO posts_fts(rowid, text, author) SELECT p.id, p.text, "
                                                 "a.handle || ' ' || a.display_name FROM posts p "
                                                 "JOIN authors a ON a.id = p.author_id"));
        !s) {
        out.rollback();
        return s.failure();
    }
    if (Status s = rebuildDerived(out); !s) {
        out.rollback();
        return s.failure();
    }
    if (!out.commit())
        return Error{sql::describe(out.lastError()), sql::errorKind(out.lastError())};
    if (Status s = sql::exec(out, QStringLiteral("PRAGMA foreign_keys=ON")); !s)
        return s.failure();
    qCInfo(lcCache) << "salvaged" << report.tables.size() << "tables, complete:" << report.complete();
    return report;
}

} // namespace sportello
