#include "DiskEncryption.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>

#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#endif

namespace sportello::platform {

namespace {

DiskEncryption unknown(const QString &why) { return {DiskEncryptionState::Unknown, why}; }

// The nearest folder of `path` that exists (a cache about to be made is checked where it will be).
QString existingFolder(const QString &path)
{
    QFileInfo info(path);
    if (info.exists())
        return info.absoluteFilePath();
    QDir dir = info.absoluteDir();
    while (!dir.exists() && dir.cdUp()) {
    }
    return dir.absolutePath();
}

QString readLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

// One device in sysfs: encrypted when it is a dm-crypt device, or when everything it is built on
// is; a partition is as its disk; a loop device is as the disk of its backing file.
DiskEncryption checkDeviceFolder(const QString &folder, int depth)
{
    if (depth > 16)
        return unknown(
            QCoreApplication::translate("DiskEncryption", "the devices under the disk nest too deep to follow"));
    const QString name = QFileInfo(folder).fileName();
    const QString dmUuid = readLine(folder + QStringLiteral("/dm/uuid"));
    if (dmUuid.startsWith(QLatin1String("CRYPT-")))
        return {DiskEncryptionState::Encrypted, QCoreApplication::translate("DiskEncryption", "dm-crypt (%1) on %2")
                                                    .arg(dmUuid.section(QLatin1Char('-'), 1, 1), name)};
    const QString backingFile = readLine(folder + QStringLiteral("/loop/backing_file"));
    if (!backingFile.isEmpty()) {
        DiskEncryption backing = checkDiskEncryption(backingFile);
        backing.how =
            QCoreApplication::translate("DiskEncryption", "%1, through the loop device %2").arg(backing.how, name);
        return backing;
    }
    // A partition's folder sits in its disk's folder, and the disk holds what is under it.
    if (QFileInfo::exists(folder + QStringLiteral("/partition")))
        return checkDeviceFolder(QFileInfo(folder).absolutePath(), depth + 1);
    const QStringList slaves =
        QDir(folder + QStringLiteral("/slaves")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    if (slaves.isEmpty())
        return {DiskEncryptionState::NotEncrypted,
                QCoreApplication::translate("DiskEncryption", "%1 is not encrypted").arg(name)};
    DiskEncryption all{DiskEncryptionState::Encrypted, {}};
    QStringList hows;
    for (const QString &slave : slaves) {
        const QString slaveFolder = QFileInfo(folder + QStringLiteral("/slaves/") + slave).canonicalFilePath();
        if (slaveFolder.isEmpty())
            return unknown(QCoreApplication::translate("DiskEncryption", "%1 is built on %2, which cannot be read")
                               .arg(name, slave));
        const DiskEncryption below = checkDeviceFolder(slaveFolder, depth + 1);
        if (below.state != DiskEncryptionState::Encrypted)
            return {below.state, QCoreApplication::translate("DiskEncryption", "%1, under %2").arg(below.how, name)};
        hows << below.how;
    }
    all.how = QCoreApplication::translate("DiskEncryption", "%1, under %2").arg(hows.join(QStringLiteral("; ")), name);
    return all;
}

#if defined(Q_OS_LINUX)
DiskEncryption checkLinux(const QString &folder)
{
    const QByteArray native = QFile::encodeName(folder);
    struct statx sx {};
    if (::statx(AT_FDCWD, native.constData(), 0, STATX_BASIC_STATS, &sx) != 0)
        return unknown(QCoreApplication::translate("DiskEncryption", "%1 cannot be examined")
                           .arg(QDir::toNativeSeparators(folder)));
    // fscrypt encrypts the folder's files whatever the disk below.
    if ((sx.stx_attributes_mask & STATX_ATTR_ENCRYPTED) && (sx.stx_attributes & STATX_ATTR_ENCRYPTED))
        return {DiskEncryptionState::Encrypted, QCoreApplication::translate("DiskEncryption", "fscrypt on the folder")};
    unsigned major = sx.stx_dev_major;
    unsigned minor = sx.stx_dev_minor;
    if (major == 0) {
        // An anonymous device number: a filesystem without a block device of its own (tmpfs,
        // overlay, a network share) or one that numbers its subvolumes (btrfs).
        const detail::MountEntry mount =
            detail::mountOfDevice(readLine(QStringLiteral("/proc/self/mountinfo")) + QLatin1Char('\n'), major, minor);
        if (mount.fsType == QLatin1String("tmpfs") || mount.fsType == QLatin1String("ramfs"))
            return {DiskEncryptionState::InMemory,
                    QCoreApplication::translate("DiskEncryption", "in memory (%1): nothing is stored on a disk")
                        .arg(mount.fsType)};
        struct stat source {};
        if (!mount.source.startsWith(QLatin1String("/dev/")) ||
            ::stat(QFile::encodeName(mount.source).constData(), &source) != 0 || !S_ISBLK(source.st_mode))
            return unknown(QCoreApplication::translate("DiskEncryption", "a %1 filesystem, whose disk cannot be told")
                               .arg(mount.fsType.isEmpty() ? QCoreApplication::translate("DiskEncryption", "virtual")
                                                           : mount.fsType));
        major = ::major(source.st_rdev);
        minor = ::minor(source.st_rdev);
    }
    return detail::checkLinuxBlockDevice(QStringLiteral("/sys"), major, minor);
}
#endif

#if defined(Q_OS_MACOS)
DiskEncryption checkMac()
{
    QProcess fdesetup;
    fdesetup.start(QStringLiteral("/usr/bin/fdesetup"), {QStringLiteral("isactive")});
    if (!fdesetup.waitForFinished(5000))
        return unknown(QCoreApplication::translate("DiskEncryption", "fdesetup did not answer"));
    const QString answer = QString::fromUtf8(fdesetup.readAllStandardOutput()).trimmed();
    if (answer == QLatin1String("true"))
        return {DiskEncryptionState::Encrypted, QCoreApplication::translate("DiskEncryption", "FileVault is on")};
    if (answer == QLatin1String("false"))
        return {DiskEncryptionState::NotEncrypted, QCoreApplication::translate("DiskEncryption", "FileVault is off")};
    return unknown(QCoreApplication::translate("DiskEncryption", "fdesetup answered \"%1\"").arg(answer));
}
#endif

#if defined(Q_OS_WIN)
DiskEncryption checkWindows(const QString &folder)
{
    const QString drive = QDir::toNativeSeparators(folder).left(2);
    if (drive.size() != 2 || drive.at(1) != QLatin1Char(':'))
        return unknown(QCoreApplication::translate("DiskEncryption", "%1 is not on a local drive")
                           .arg(QDir::toNativeSeparators(folder)));
    // The shell's System.Volume.BitLockerProtection property: readable without administrator rights.
    QProcess shell;
    shell.start(QStringLiteral("powershell.exe"),
                {QStringLiteral("-NoProfile"), QStringLiteral("-NonInteractive"), QStringLiteral("-Command"),
                 QStringLiteral("(New-Object -ComObject Shell.Application).NameSpace('%1').Self."
                                "ExtendedProperty('System.Volume.BitLockerProtection')")
                     .arg(drive)});
    if (!shell.waitForFinished(10000))
        return unknown(
            QCoreApplication::translate("DiskEncryption", "Windows did not say whether BitLocker protects %1")
                .arg(drive));
    bool number = false;
    const int value = QString::fromUtf8(shell.readAllStandardOutput()).trimmed().toInt(&number);
    if (!number)
        return unknown(
            QCoreApplication::translate("DiskEncryption", "Windows did not say whether BitLocker protects %1")
                .arg(drive));
    switch (value) {
    case 1: // on
    case 3: // encrypting: what is written now is written encrypted
    case 6: // on, locked
        return {DiskEncryptionState::Encrypted,
                QCoreApplication::translate("DiskEncryption", "BitLocker protects %1").arg(drive)};
    case 5: // suspended: the key is kept in the clear
        return {DiskEncryptionState::NotEncrypted,
                QCoreApplication::translate("DiskEncryption", "BitLocker is suspended on %1").arg(drive)};
    default:
        return {DiskEncryptionState::NotEncrypted,
                QCoreApplication::translate("DiskEncryption", "BitLocker is off on %1").arg(drive)};
    }
}
#endif

} // namespace

DiskEncryption checkDiskEncryption(const QString &path)
{
    const QString folder = existingFolder(path);
#if defined(Q_OS_LINUX)
    return checkLinux(folder);
#elif defined(Q_OS_MACOS)
    Q_UNUSED(folder)
    return checkMac();
#elif defined(Q_OS_WIN)
    return checkWindows(folder);
#else
    Q_UNUSED(folder)
    return unknown(
        QCoreApplication::translate("DiskEncryption", "this operating system's disk encryption cannot be checked"));
#endif
}

DiskEncryptionPolicy diskEncryptionPolicyFrom(const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("require"))
        return DiskEncryptionPolicy::Require;
    if (v == QLatin1String("off"))
        return DiskEncryptionPolicy::Off;
    return DiskEncryptionPolicy::Warn;
}

DiskEncryptionPolicy diskEncryptionPolicy()
{
    // The system scope only: an agent's own settings cannot lift what the company requires.
    const QSettings system(QSettings::SystemScope, QCoreApplication::organizationName(),
                           QCoreApplication::applicationName());
    return diskEncryptionPolicyFrom(system.value(QStringLiteral("privacy/diskEncryption")).toString());
}

QString diskEncryptionProblem(const DiskEncryption &disk, DiskEncryptionPolicy policy, const QString &cachePath)
{
    if (policy == DiskEncryptionPolicy::Off || disk.state == DiskEncryptionState::Encrypted ||
        disk.state == DiskEncryptionState::InMemory)
        return {};
    const QString where = QDir::toNativeSeparators(cachePath);
    if (disk.state == DiskEncryptionState::NotEncrypted)
        return QCoreApplication::translate(
                   "DiskEncryption",
                   "The disk under %1 is not encrypted (%2). Customers' personal data would be readable from a lost "
                   "or stolen computer: turn on the operating system's disk encryption (BitLocker, FileVault, "
                   "LUKS).")
            .arg(where, disk.how);
    return QCoreApplication::translate(
               "DiskEncryption",
               "Whether the disk under %1 is encrypted cannot be told (%2). Check that the operating system's disk "
               "encryption is on.")
        .arg(where, disk.how);
}

namespace detail {

DiskEncryption checkLinuxBlockDevice(const QString &sysRoot, unsigned major, unsigned minor)
{
    const QString link = sysRoot + QStringLiteral("/dev/block/%1:%2").arg(major).arg(minor);
    const QString folder = QFileInfo(link).canonicalFilePath();
    if (folder.isEmpty())
        return unknown(QCoreApplication::translate("DiskEncryption", "the device %1:%2 is not known to the system")
                           .arg(major)
                           .arg(minor));
    return checkDeviceFolder(folder, 0);
}

MountEntry mountOfDevice(const QString &mountInfo, unsigned major, unsigned minor)
{
    // mountinfo: "36 35 98:0 /root /mnt rw,noatime master:1 - ext3 /dev/root rw,errors=continue";
    // optional fields end at " - ", after which come the type and the source.
    const QString device = QStringLiteral("%1:%2").arg(major).arg(minor);
    MountEntry found;
    for (const QStringView line : QStringView(mountInfo).split(QLatin1Char('\n'))) {
        const auto fields = line.split(QLatin1Char(' '));
        if (fields.size() < 3 || fields.at(2) != device)
            continue;
        const qsizetype dash = fields.indexOf(QStringView(u"-"));
        if (dash < 0 || dash + 2 >= fields.size())
            continue;
        // Later mounts of the same device hide earlier ones: the last line wins.
        found = {fields.at(dash + 1).toString(), fields.at(dash + 2).toString()};
    }
    return found;
}

} // namespace detail

} // namespace sportello::platform
