#pragma once
// What this build is: the version (project(Sportello VERSION ...) in the top CMakeLists.txt, the
// one place it is written), the commit it was built from and that commit's date. The commit and
// date are computed at build time (cmake/BuildInfo.cmake), so a build after a new commit says so
// without running CMake again.

#include <QString>

namespace sportello {

// "0.1.0".
QString versionNumber();
// `git describe --always --dirty` ("8afa59a", "v0.1.0", "8afa59a-dirty"), $SPORTELLO_COMMIT for a
// build from a tarball, or "unknown".
QString buildCommit();
// The commit's date (or $SOURCE_DATE_EPOCH) as YYYY-MM-DD in UTC, or "unknown".
QString buildDate();
// One line for --version: "sportello-cli 0.1.0 (commit 8afa59a, built 2026-12-07)". Not
// translated: scripts and bug reports read it.
QString versionLine(const QString &program);

} // namespace sportello
