#pragma once
// The searchable list of saved replies (Ctrl+T in the reply editor): the ones that fit the post's
// language, category and channel first; typing filters by code, title and text; Enter inserts.

#include "compose/SavedReplies.h"

#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace sportello::ui {

class SavedRepliesModel;

class ReplyPicker : public QDialog {
    Q_OBJECT
public:
    // `replies` already ranked, best first.
    ReplyPicker(const QVector<SavedReply> &replies, QWidget *parent = nullptr);

    std::optional<SavedReply> chosen() const;
    QLineEdit *searchField() const { return m_search; }
    QListView *list() const { return m_list; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updatePreview();

    SavedRepliesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QListView *m_list;
    QLabel *m_preview;
};

} // namespace sportello::ui
