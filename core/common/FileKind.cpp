#include "common/FileKind.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#endif

namespace sportello {

PathKind pathKind(const QString &path)
{
    if (path.isEmpty())
        return PathKind::Missing;
#ifdef Q_OS_UNIX
    struct stat st {};
    const QByteArray name = QFile::encodeName(path);
    if (::stat(name.constData(), &st) != 0) {
        if (errno == EACCES)
            return PathKind::Unreachable;
        struct stat link {};
        if (::lstat(name.constData(), &link) == 0 && S_ISLNK(link.st_mode))
            return PathKind::BrokenLink;
        return PathKind::Missing;
    }
    if (S_ISREG(st.st_mode))
        return PathKind::RegularFile;
    if (S_ISDIR(st.st_mode))
        return PathKind::Folder;
    if (S_ISFIFO(st.st_mode))
        return PathKind::Fifo;
    if (S_ISCHR(st.st_mode))
        return PathKind::CharDevice;
    if (S_ISBLK(st.st_mode))
        return PathKind::BlockDevice;
    if (S_ISSOCK(st.st_mode))
        return PathKind::Socket;
    return PathKind::Other;
#else
    const QFileInfo info(path);
    if (!info.exists())
        return info.isSymLink() ? PathKind::BrokenLink : PathKind::Missing;
    if (info.isDir())
        return PathKind::Folder;
    return info.isFile() ? PathKind::RegularFile : PathKind::Other;
#endif
}

QString pathKindDescription(PathKind kind)
{
    switch (kind) {
    case PathKind::Folder: return QCoreApplication::translate("Files", "a folder");
    case PathKind::Fifo: return QCoreApplication::translate("Files", "a named pipe (FIFO)");
    case PathKind::CharDevice:
    case PathKind::BlockDevice: return QCoreApplication::translate("Files", "a device");
    case PathKind::Socket: return QCoreApplication::translate("Files", "a socket");
    case PathKind::BrokenLink: return QCoreApplication::translate("Files", "a symbolic link to a missing file");
    case PathKind::Missing:
    case PathKind::RegularFile:
    case PathKind::Other:
    case PathKind::Unreachable: break;
    }
    return QCoreApplication::translate("Files", "something other than a regular file");
}

Status requireRegularFileOrMissing(const QString &path, const QString &shown, const QString &role)
{
    const PathKind kind = pathKind(path);
    switch (kind) {
    case PathKind::Missing:
    case PathKind::RegularFile: return {};
    case PathKind::Unreachable:
        return Error{QCoreApplication::translate("Files", "%1 cannot be reached: no permission to enter the folder %2 "
                                                          "(or one on its way).")
                         .arg(shown, QDir::toNativeSeparators(QFileInfo(path).absolutePath())),
                     ErrorKind::Io};
    case PathKind::Folder:
    case PathKind::Fifo:
    case PathKind::CharDevice:
    case PathKind::BlockDevice:
    case PathKind::Socket:
    case PathKind::BrokenLink:
    case PathKind::Other: break;
    }
    return Error{QCoreApplication::translate("Files", "%1 is %2, not %3. Nothing was opened.")
                     .arg(shown, pathKindDescription(kind), role),
                 ErrorKind::InvalidInput};
}

} // namespace sportello
