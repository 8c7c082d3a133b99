#pragma once
// The saved-reply library as a table: code, language, title, category, channel. Loaded from
// SavedReplyStore (a library holds tens to hundreds of replies, so it is held in memory); the
// settings page edits it, the picker ranks and filters it.

#include "compose/SavedReplies.h"

#include <QAbstractTableModel>

namespace sportello::ui {

class SavedRepliesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CodeColumn, LanguageColumn, TitleColumn, CategoryColumn, ChannelColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // the reply's id
        BodyRole,                  // the template text
        SearchRole,                // code, title and body, for the picker's filter
    };

    explicit SavedRepliesModel(QObject *parent = nullptr);

    void setReplies(QVector<SavedReply> replies);
    const QVector<SavedReply> &replies() const { return m_replies; }
    const SavedReply *replyAt(int row) const;
    int rowOfId(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<SavedReply> m_replies;
};

} // namespace sportello::ui
