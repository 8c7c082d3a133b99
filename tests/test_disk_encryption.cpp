// The check of the operating system's disk encryption (issue 19, docs/privacy.md "Data at
// rest"): the Linux walk over a sysfs tree, built here for each way a disk is put together, the
// mount table's reading, the policy, and the check on this machine's own disk.

#include "DiskEncryption.h"

#include "catch_compat.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace sportello::platform;

namespace {

#if defined(Q_OS_UNIX)
// A fake /sys: devices under devices/, each with its dm/uuid, partition, slaves/ and loop
// backing file as the kernel shows them, and dev/block/MAJOR:MINOR links to them.
class FakeSysfs {
public:
    FakeSysfs() { REQUIRE(m_dir.isValid()); }
    QString root() const { return m_dir.path(); }

    // Adds a device at `path` (relative to devices/) with the number `number`.
    QString device(const QString &path, const QString &number)
    {
        const QString folder = m_dir.filePath(QStringLiteral("devices/") + path);
        REQUIRE(QDir().mkpath(folder));
        REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("dev/block"))));
        REQUIRE(QFile::link(folder, m_dir.filePath(QStringLiteral("dev/block/") + number)));
        return folder;
    }
    static void write(const QString &file, const QByteArray &text)
    {
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile f(file);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    static void partition(const QString &folder) { write(folder + QStringLiteral("/partition"), "1\n"); }
    static void dmUuid(const QString &folder, const QByteArray &uuid)
    {
        write(folder + QStringLiteral("/dm/uuid"), uuid + '\n');
    }
    static void slave(const QString &folder, const QString &below)
    {
        QDir().mkpath(folder + QStringLiteral("/slaves"));
        REQUIRE(QFile::link(below, folder + QStringLiteral("/slaves/") + QFileInfo(below).fileName()));
    }

private:
    QTemporaryDir m_dir;
};

DiskEncryptionState stateOf(const FakeSysfs &sys, unsigned major, unsigned minor)
{
    return detail::checkLinuxBlockDevice(sys.root(), major, minor).state;
}
#endif

} // namespace

#if defined(Q_OS_UNIX)
TEST_CASE("disk encryption: every way a disk is put together is read from sysfs", "[privacy][atrest]")
{
    FakeSysfs sys;
    // A bare disk, its partition, a LUKS device on another partition, LVM on LUKS, LVM on a bare
    // partition, a RAID of one encrypted and one bare member, and plain dm-crypt.
    const QString vda = sys.device(QStringLiteral("pci0/block/vda"), QStringLiteral("252:0"));
    const QString vda1 = sys.device(QStringLiteral("pci0/block/vda/vda1"), QStringLiteral("252:1"));
    FakeSysfs::partition(vda1);
    const QString vda2 = sys.device(QStringLiteral("pci0/block/vda/vda2"), QStringLiteral("252:2"));
    FakeSysfs::partition(vda2);
    const QString vda3 = sys.device(QStringLiteral("pci0/block/vda/vda3"), QStringLiteral("252:3"));
    FakeSysfs::partition(vda3);

    const QString luks = sys.device(QStringLiteral("virtual/block/dm-0"), QStringLiteral("254:0"));
    FakeSysfs::dmUuid(luks, "CRYPT-LUKS2-0b1e6d2c9f5a4e7b8c3d2e1f0a9b8c7d-vda2_crypt");
    FakeSysfs::slave(luks, vda2);
    const QString lvOnLuks = sys.device(QStringLiteral("virtual/block/dm-1"), QStringLiteral("254:1"));
    FakeSysfs::dmUuid(lvOnLuks, "LVM-abcdefABCDEF0123456789");
    FakeSysfs::slave(lvOnLuks, luks);
    const QString lvOnBare = sys.device(QStringLiteral("virtual/block/dm-2"), QStringLiteral("254:2"));
    FakeSysfs::dmUuid(lvOnBare, "LVM-zyxwvuZYXWVU9876543210");
    FakeSysfs::slave(lvOnBare, vda3);
    const QString plainCrypt = sys.device(QStringLiteral("virtual/block/dm-3"), QStringLiteral("254:3"));
    FakeSysfs::dmUuid(plainCrypt, "CRYPT-PLAIN-swap");
    const QString raid = sys.device(QStringLiteral("virtual/block/md0"), QStringLiteral("9:0"));
    FakeSysfs::slave(raid, luks);
    FakeSysfs::slave(raid, vda3);
    const QString raidOfCrypt = sys.device(QStringLiteral("virtual/block/md1"), QStringLiteral("9:1"));
    FakeSysfs::slave(raidOfCrypt, luks);
    FakeSysfs::slave(raidOfCrypt, plainCrypt);

    CHECK(stateOf(sys, 252, 0) == DiskEncryptionState::NotEncrypted);
    CHECK(stateOf(sys, 252, 1) == DiskEncryptionState::NotEncrypted);
    CHECK(stateOf(sys, 254, 0) == DiskEncryptionState::Encrypted);
    CHECK(stateOf(sys, 254, 1) == DiskEncryptionState::Encrypted);
    CHECK(stateOf(sys, 254, 2) == DiskEncryptionState::NotEncrypted);
    CHECK(stateOf(sys, 254, 3) == DiskEncryptionState::Encrypted);
    CHECK(stateOf(sys, 9, 0) == DiskEncryptionState::NotEncrypted); // one bare member gives it away
    CHECK(stateOf(sys, 9, 1) == DiskEncryptionState::Encrypted);
    CHECK(stateOf(sys, 8, 0) == DiskEncryptionState::Unknown); // no such device

    // What the check says names the device and the kind of encryption.
    const DiskEncryption lv = detail::checkLinuxBlockDevice(sys.root(), 254, 1);
    CHECK(lv.how.contains(QLatin1String("LUKS2")));
    CHECK(lv.how.contains(QLatin1String("dm-1")));
    CHECK(detail::checkLinuxBlockDevice(sys.root(), 254, 2).how.contains(QLatin1String("vda")));
}

TEST_CASE("disk encryption: a device built on itself does not loop for ever", "[privacy][atrest]")
{
    FakeSysfs sys;
    const QString a = sys.device(QStringLiteral("virtual/block/dm-7"), QStringLiteral("254:7"));
    FakeSysfs::slave(a, a);
    CHECK(stateOf(sys, 254, 7) == DiskEncryptionState::Unknown);
}

TEST_CASE("disk encryption: a loop device is as the disk of its backing file", "[privacy][atrest]")
{
    FakeSysfs sys;
    QTemporaryDir backing;
    const QString loop = sys.device(QStringLiteral("virtual/block/loop0"), QStringLiteral("7:0"));
    FakeSysfs::write(loop + QStringLiteral("/loop/backing_file"), backing.filePath(QStringLiteral("image")).toUtf8());
    const DiskEncryption viaLoop = detail::checkLinuxBlockDevice(sys.root(), 7, 0);
    // The backing file's own disk is this machine's: whatever it is, the loop reports the same.
    CHECK(viaLoop.state == checkDiskEncryption(backing.path()).state);
    CHECK(viaLoop.how.contains(QLatin1String("loop0")));
}
#endif

TEST_CASE("disk encryption: the mount table gives the filesystem of an anonymous device", "[privacy][atrest]")
{
    const QString mountInfo = QStringLiteral(
        "22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
        "25 22 0:22 / /run rw,nosuid shared:5 - tmpfs tmpfs rw,size=1000k\n"
        "26 22 0:23 / /home rw shared:6 master:2 - btrfs /dev/mapper/home rw,space_cache\n"
        "27 22 0:24 / /mnt/share rw - cifs //server/share rw\n"
        "28 22 0:22 / /run/again rw - tmpfs none rw\n");
    CHECK(detail::mountOfDevice(mountInfo, 0, 23).fsType == QLatin1String("btrfs"));
    CHECK(detail::mountOfDevice(mountInfo, 0, 23).source == QLatin1String("/dev/mapper/home"));
    CHECK(detail::mountOfDevice(mountInfo, 0, 24).fsType == QLatin1String("cifs"));
    CHECK(detail::mountOfDevice(mountInfo, 0, 22).source == QLatin1String("none")); // the last mount wins
    CHECK(detail::mountOfDevice(mountInfo, 0, 99).fsType.isEmpty());
    CHECK(detail::mountOfDevice(QStringLiteral("garbage\n\n1 2\n- - -\n"), 0, 22).fsType.isEmpty());
}

TEST_CASE("disk encryption: the policy and the message for a cache", "[privacy][atrest]")
{
    CHECK(diskEncryptionPolicyFrom(QStringLiteral("require")) == DiskEncryptionPolicy::Require);
    CHECK(diskEncryptionPolicyFrom(QStringLiteral(" Require ")) == DiskEncryptionPolicy::Require);
    CHECK(diskEncryptionPolicyFrom(QStringLiteral("off")) == DiskEncryptionPolicy::Off);
    CHECK(diskEncryptionPolicyFrom(QStringLiteral("warn")) == DiskEncryptionPolicy::Warn);
    CHECK(diskEncryptionPolicyFrom(QStringLiteral("sometimes")) == DiskEncryptionPolicy::Warn);
    CHECK(diskEncryptionPolicyFrom(QString()) == DiskEncryptionPolicy::Warn);

    const DiskEncryption bare{DiskEncryptionState::NotEncrypted, QStringLiteral("vda is not encrypted")};
    const DiskEncryption luks{DiskEncryptionState::Encrypted, QStringLiteral("dm-crypt (LUKS2) on dm-0")};
    const DiskEncryption memory{DiskEncryptionState::InMemory, QStringLiteral("in memory (tmpfs)")};
    const DiskEncryption unknown{DiskEncryptionState::Unknown, QStringLiteral("a cifs filesystem")};
    for (const auto policy : {DiskEncryptionPolicy::Warn, DiskEncryptionPolicy::Require}) {
        CHECK(diskEncryptionProblem(luks, policy, QStringLiteral("cache.sqlite")).isEmpty());
        CHECK(diskEncryptionProblem(memory, policy, QStringLiteral("cache.sqlite")).isEmpty());
        const QString problem = diskEncryptionProblem(bare, policy, QStringLiteral("cache.sqlite"));
        CHECK(problem.contains(QLatin1String("cache.sqlite")));
        CHECK(problem.contains(QLatin1String("vda is not encrypted")));
        CHECK(diskEncryptionProblem(unknown, policy, QStringLiteral("c")).contains(QLatin1String("cifs")));
    }
    CHECK(diskEncryptionProblem(bare, DiskEncryptionPolicy::Off, QStringLiteral("c")).isEmpty());
}

TEST_CASE("disk encryption: this machine's disk gives an answer with its reason", "[privacy][atrest]")
{
    QTemporaryDir dir;
    // A file not made yet is checked in the nearest folder that exists.
    const DiskEncryption disk = checkDiskEncryption(dir.filePath(QStringLiteral("not/yet/cache.sqlite")));
    CHECK_FALSE(disk.how.isEmpty());
#if defined(Q_OS_LINUX)
    // /proc/self/mountinfo tells what /dev/shm is when the machine has it: memory.
    if (QFileInfo(QStringLiteral("/dev/shm")).isWritable()) {
        const DiskEncryption shm = checkDiskEncryption(QStringLiteral("/dev/shm/sportello-cache.sqlite"));
        CHECK(shm.state == DiskEncryptionState::InMemory);
    }
#endif
}
