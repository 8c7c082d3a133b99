#pragma once
// Whether the operating system encrypts the disk a file lives on. Sportello does not encrypt its
// cache itself: it requires the operating system's full-disk encryption and checks it
// (docs/privacy.md, "Data at rest", gives the decision and what encrypting the cache would cost).
//
// Linux: the file's block device and every device under it (partitions, LVM, RAID, loop files) in
// sysfs; a dm-crypt device (LUKS or plain) anywhere on each path down to the disks encrypts it, as
// does fscrypt on the file itself. A file in memory (tmpfs) is not at rest at all.
// macOS: FileVault (`fdesetup isactive`). Windows: BitLocker on the file's drive, read through the
// shell's volume property, which needs no administrator rights.
// What cannot be seen (self-encrypting drives, ZFS, a network share) is Unknown, never a guess.

#include <QString>

namespace sportello::platform {

enum class DiskEncryptionState {
    Encrypted,    // the file's disk is encrypted by the operating system
    NotEncrypted, // it is not: a stolen machine gives its data away
    InMemory,     // the file is in memory only (tmpfs): nothing of it is at rest
    Unknown,      // cannot tell (see `how`)
};

struct DiskEncryption {
    DiskEncryptionState state = DiskEncryptionState::Unknown;
    QString how; // translated: what protects the file, what does not, or why it cannot be told
};

// The state of the disk under `path` (a file or a folder; the nearest existing folder is used).
DiskEncryption checkDiskEncryption(const QString &path);

// What the company requires of a desktop's disk, from the system-wide settings its IT deploys
// (`[privacy] diskEncryption=` in /etc/xdg/Sportello/sportello.conf on Linux, the key
// HKLM\Software\Sportello\sportello on Windows, /Library/Preferences on macOS): "warn" (the default: the console and
// `sportello-cli privacy status` say so), "require" (the console does not open a cache on a disk
// that is not encrypted), "off" (no check, e.g. self-encrypting drives the check cannot see).
enum class DiskEncryptionPolicy { Warn, Require, Off };
DiskEncryptionPolicy diskEncryptionPolicy();
DiskEncryptionPolicy diskEncryptionPolicyFrom(const QString &value); // unknown text: Warn

// The message for a cache on a disk the policy does not accept, or empty when it is accepted.
QString diskEncryptionProblem(const DiskEncryption &disk, DiskEncryptionPolicy policy, const QString &cachePath);

namespace detail {
// The Linux walk over a sysfs tree (`sysRoot` is "/sys" outside tests) from a device's number.
DiskEncryption checkLinuxBlockDevice(const QString &sysRoot, unsigned major, unsigned minor);
// The mount a device number belongs to, from /proc/self/mountinfo's text: its filesystem type and
// source (for a filesystem on an anonymous device number: tmpfs, btrfs).
struct MountEntry {
    QString fsType;
    QString source;
};
MountEntry mountOfDevice(const QString &mountInfo, unsigned major, unsigned minor);
} // namespace detail

} // namespace sportello::platform
