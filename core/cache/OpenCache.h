#pragma once
// Opening the cache as the product does: storage's Database with the data the schema's steps
// install from the modules above it (the response policy presets, the starter saved replies).
// Everything that opens a cache file goes through here.

#include "storage/Database.h"

namespace sportello {

Result<std::unique_ptr<Database>> openCache(const QString &path, Database::Options options = {});

} // namespace sportello
