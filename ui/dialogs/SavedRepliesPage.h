#pragma once
// Settings > Saved Replies: the library as a table (model/view), the selected reply's fields
// beneath, and New, Save, Delete, Import and Export. Each action is stored in the cache at once
// (the library is the team's, like the policies).

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace sportello {
class Clock;
class Database;
} // namespace sportello

namespace sportello::ui {

class SavedRepliesModel;

class SavedRepliesPage : public QWidget {
    Q_OBJECT
public:
    SavedRepliesPage(Database &database, const Clock &clock, QWidget *parent = nullptr);

    SavedRepliesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *codeField() const { return m_code; }
    QLineEdit *titleField() const { return m_title; }
    QComboBox *languageCombo() const { return m_language; }
    QPlainTextEdit *bodyField() const { return m_body; }
    QString status() const;

    // The actions behind the buttons; the file ones take a path (the buttons ask for it).
    void newReply();
    bool saveReply();
    bool deleteReply();
    bool importFile(const QString &path);
    bool exportFile(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload(const QString &selectId = {});
    void showReply(int row);
    void showStatus(const QString &message, bool error);
    void retranslateUi();

    Database &m_database;
    const Clock &m_clock;
    SavedRepliesModel *m_model;
    QTableView *m_view;
    QString m_currentId;
    QLabel *m_intro;
    QLabel *m_codeLabel;
    QLineEdit *m_code;
    QLabel *m_titleLabel;
    QLineEdit *m_title;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_categoryLabel;
    QComboBox *m_category;
    QLabel *m_channelLabel;
    QComboBox *m_channel;
    QLabel *m_bodyLabel;
    QPlainTextEdit *m_body;
    QLabel *m_variables;
    QLabel *m_status;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_delete;
    QPushButton *m_import;
    QPushButton *m_export;
};

} // namespace sportello::ui
