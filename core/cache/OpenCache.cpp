#include "cache/OpenCache.h"

#include "compose/SavedReplies.h"
#include "timers/PolicyStore.h"

namespace sportello {

Result<std::unique_ptr<Database>> openCache(const QString &path, Database::Options options)
{
    options.seeds[SeedData::PolicyPresets] = &installPolicyPresets;
    options.seeds[SeedData::StarterReplies] = &SavedReplyStore::installStarterLibrary;
    return Database::open(path, std::move(options));
}

} // namespace sportello
