#pragma once
// The posts matching a search, read once from posts_fts, for the search walked in due order
// (QueueQuery): a bit per post id up to the largest id of posts when the search starts (an eighth
// of a byte a post, whatever the number of matches: 125 KB for a million posts), and any id
// beyond it (a post written since, or an index row of a post no longer stored) in a sorted list.
// Testing a post is a bit read, where SQLite's IN (SELECT rowid ...) builds a b-tree of every
// match for each statement that uses it.

#include <QtGlobal>
#include <algorithm>
#include <vector>

namespace sportello {

class MatchingPosts {
public:
    explicit MatchingPosts(qint64 largestPostId)
        : m_end(qMax<qint64>(0, largestPostId) + 1), m_bits(size_t((m_end + kBits - 1) / kBits), 0)
    {}

    void add(qint64 postId)
    {
        ++m_count;
        if (postId >= 0 && postId < m_end)
            m_bits[size_t(postId / kBits)] |= quint64(1) << (postId % kBits);
        else
            m_beyond.push_back(postId);
    }
    // After the last add(), before contains(): FTS5 lists rowids in order, but nothing here
    // depends on it.
    void seal() { std::sort(m_beyond.begin(), m_beyond.end()); }

    bool contains(qint64 postId) const
    {
        if (postId >= 0 && postId < m_end)
            return ((m_bits[size_t(postId / kBits)] >> (postId % kBits)) & 1U) != 0;
        return std::binary_search(m_beyond.cbegin(), m_beyond.cend(), postId);
    }
    // The ids added, each time it was added.
    qint64 count() const { return m_count; }

private:
    static constexpr qint64 kBits = 64;
    qint64 m_end;
    std::vector<quint64> m_bits;
    std::vector<qint64> m_beyond;
    qint64 m_count = 0;
};

} // namespace sportello
