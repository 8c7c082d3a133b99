#pragma once
// The schema's history: one step per version, applied in order, each in its own transaction.

#include <QStringList>
#include <vector>

namespace sportello {

struct Migration {
    int version;          // the user_version this step produces
    QStringList statements;
};

const std::vector<Migration> &schemaMigrations();

} // namespace sportello
