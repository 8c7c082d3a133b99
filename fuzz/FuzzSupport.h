#pragma once
// Shared by the libFuzzer targets: one QCoreApplication per process, Qt's messages dropped (a
// fuzzer feeds invalid input by design; the modules' warnings about it would only slow it down),
// and a check that aborts, so that the fuzzer reports a broken property like a crash.
#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace sportello::fuzz {

inline void dropMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", message.toLocal8Bit().constData());
        std::abort();
    }
}

// What core needs once per process; every target's LLVMFuzzerInitialize (below).
inline void initialize(int *argc, char ***argv)
{
    qInstallMessageHandler(dropMessages);
    static QCoreApplication app(*argc, *argv);
}

[[noreturn]] inline void fail(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

// Reads the fuzz bytes as small numbers, then the rest as text; past the end every read gives 0.
class Bytes {
public:
    Bytes(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}
    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    uint16_t u16() { return static_cast<uint16_t>(byte() | (byte() << 8)); }
    uint32_t u32() { return static_cast<uint32_t>(u16()) | (static_cast<uint32_t>(u16()) << 16); }
    uint64_t u64() { return static_cast<uint64_t>(u32()) | (static_cast<uint64_t>(u32()) << 32); }
    bool flag() { return (byte() & 1) != 0; }
    QByteArray take(size_t n)
    {
        n = std::min(n, m_size - m_pos);
        QByteArray out(reinterpret_cast<const char *>(m_data + m_pos), static_cast<qsizetype>(n));
        m_pos += n;
        return out;
    }
    QByteArray rest() { return take(m_size - m_pos); }
    size_t left() const { return m_size - m_pos; }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace sportello::fuzz

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::sportello::fuzz::fail(#condition, __FILE__, __LINE__);                                                   \
    } while (false)

// libFuzzer calls this once before the first input. Each target is one translation unit that
// includes this header once, so the definition lives here rather than in every target.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sportello::fuzz::initialize(argc, argv);
    return 0;
}
