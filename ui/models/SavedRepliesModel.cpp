#include "models/SavedRepliesModel.h"

#include "common/Icons.h"

namespace sportello::ui {

SavedRepliesModel::SavedRepliesModel(QObject *parent) : QAbstractTableModel(parent) {}

void SavedRepliesModel::setReplies(QVector<SavedReply> replies)
{
    beginResetModel();
    m_replies = std::move(replies);
    endResetModel();
}

const SavedReply *SavedRepliesModel::replyAt(int row) const
{
    return row >= 0 && row < m_replies.size() ? &m_replies.at(row) : nullptr;
}

int SavedRepliesModel::rowOfId(const QString &id) const
{
    for (int i = 0; i < m_replies.size(); ++i)
        if (m_replies.at(i).id == id)
            return i;
    return -1;
}

int SavedRepliesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_replies.size());
}
int SavedRepliesModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SavedRepliesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedReply &r = m_replies.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CodeColumn: return QStringLiteral("::") + r.code;
        case LanguageColumn: return r.language == QLatin1String("en") ? tr("English") : tr("Italian");
        case TitleColumn: return r.title;
        case CategoryColumn: return r.category ? label(*r.category) : tr("Any");
        case ChannelColumn: return r.channel ? label(*r.channel) : tr("Any");
        }
        return {};
    case Qt::ToolTipRole: return r.body;
    case Qt::DecorationRole:
        if (index.column() == ChannelColumn && r.channel)
            return icons::channel(*r.channel);
        return {};
    case IdRole: return r.id;
    case BodyRole: return r.body;
    case SearchRole: return r.code + QLatin1Char(' ') + r.title + QLatin1Char(' ') + r.body;
    }
    return {};
}

QVariant SavedRepliesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CodeColumn: return tr("Short code");
    case LanguageColumn: return tr("Language");
    case TitleColumn: return tr("Title");
    case CategoryColumn: return tr("Category");
    case ChannelColumn: return tr("Channel");
    }
    return {};
}

} // namespace sportello::ui
