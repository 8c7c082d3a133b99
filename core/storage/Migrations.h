#pragma once
// The schema's history: one step per version, applied in order, each in its own transaction.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <vector>

namespace sportello {

struct Migration {
    int version; // the user_version this step produces
    QStringList statements;
    // A step that needs more than SQL (computing due times on a calendar) runs this after the
    // statements, in the same transaction.
    Status (*after)(const QSqlDatabase &db) = nullptr;
};

const std::vector<Migration> &schemaMigrations();

} // namespace sportello
