#pragma once
// What is at a path, told from its metadata (stat) without opening it. Opening a named pipe for
// reading blocks until a writer comes, and a device or a socket is never a file the user meant:
// everything that takes a file name from the user (the cache, an import, a policy file) asks here
// first and refuses anything that is not a regular file, by name, before it opens anything.

#include "common/Result.h"

#include <QString>

namespace sportello {

enum class PathKind {
    Missing,     // nothing there (a file may be created)
    RegularFile, // a file (a symbolic link is followed)
    Folder,
    Fifo,        // a named pipe
    CharDevice,  // /dev/null, /dev/zero, a terminal
    BlockDevice, // a disk
    Socket,
    BrokenLink,  // a symbolic link to nothing: opening it would create a file elsewhere
    Other,       // anything else that is not a file
    Unreachable, // cannot be looked at: no permission to enter a folder on its way
};

PathKind pathKind(const QString &path);

// "a folder", "a named pipe (FIFO)", "a device", ...: for "%1 is %2, not a file".
QString pathKindDescription(PathKind kind);

// Ok for a regular file and for a missing path; otherwise an error that names the path as shown
// (`shown`) and what it is: InvalidInput for a folder, pipe, device or socket, Io when the path
// cannot be reached. `role` completes "not ..." ("a cache file", "a file to import").
Status requireRegularFileOrMissing(const QString &path, const QString &shown, const QString &role);

} // namespace sportello
