#include "team/TeamLog.h"

namespace sportello::team {
Q_LOGGING_CATEGORY(lcTeam, "sportello.team", QtWarningMsg)
} // namespace sportello::team
