#include "dialogs/ReplyPicker.h"

#include "common/Accessible.h"
#include "models/SavedRepliesModel.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {
// Shows "::code  Title (language)" in the list's one column.
class PickerProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole) {
            const QModelIndex source = mapToSource(index);
            const QAbstractItemModel *m = sourceModel();
            return QStringLiteral("%1   %2  (%3)")
                .arg(m->index(source.row(), SavedRepliesModel::CodeColumn).data().toString(),
                     m->index(source.row(), SavedRepliesModel::TitleColumn).data().toString(),
                     m->index(source.row(), SavedRepliesModel::LanguageColumn).data().toString());
        }
        return QSortFilterProxyModel::data(index, role);
    }
};
} // namespace

ReplyPicker::ReplyPicker(const QVector<SavedReply> &replies, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("replyPicker"));
    setWindowTitle(tr("Insert a Saved Reply"));
    m_model = new SavedRepliesModel(this);
    m_model->setReplies(replies);
    m_proxy = new PickerProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(SavedRepliesModel::SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("pickerSearch"));
    m_search->setPlaceholderText(tr("Type to filter by short code, title or text"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("pickerList"));
    m_list->setModel(m_proxy);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    setAccessible(m_search, tr("Search saved replies"), tr("Filters the list by short code, title or text"));
    setAccessible(m_list, tr("Saved replies"),
                  tr("Those that fit the post's language and category first; Enter inserts"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("pickerPreview"));
    m_preview->setWordWrap(true);
    m_preview->setMinimumHeight(70);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_preview->setStyleSheet(
        // The palette's colours: a fixed light background under the palette's (light) text would
        // hide the preview on a dark palette.
        QStringLiteral(
            "QLabel { background: palette(alternate-base); border: 1px solid palette(mid); border-radius: 5px; "
            "padding: 6px; }"));
    auto *hint = new QLabel(
        tr("The replies that fit this post's language and category come first. Enter inserts, Esc closes."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListView::activated, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_preview);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(560, 460);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterRegularExpression(
            QRegularExpression(QRegularExpression::escape(text.trimmed()), QRegularExpression::CaseInsensitiveOption));
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ReplyPicker::updatePreview);
    m_list->setCurrentIndex(m_proxy->index(0, 0));
    updatePreview();
    m_search->setFocus();
}

bool ReplyPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down move in the list while the search field keeps the keys.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row =
                qBound(0, m_list->currentIndex().row() + (key == Qt::Key_Down ? 1 : -1), m_proxy->rowCount() - 1);
            m_list->setCurrentIndex(m_proxy->index(row, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ReplyPicker::updatePreview()
{
    const QModelIndex current = m_list->currentIndex();
    m_preview->setText(current.isValid() ? current.data(SavedRepliesModel::BodyRole).toString()
                                         : tr("No saved reply matches."));
}

std::optional<SavedReply> ReplyPicker::chosen() const
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const SavedReply *r = m_model->replyAt(m_proxy->mapToSource(current).row());
    return r ? std::optional<SavedReply>(*r) : std::nullopt;
}

} // namespace sportello::ui
