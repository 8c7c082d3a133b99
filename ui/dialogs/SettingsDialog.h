#pragma once
// Edit > Settings: who the agent is and the console's language. Also shown on first run, when
// no agent name is stored yet.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sportello::ui {

class AppSettings;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Settings, FirstRun };
    SettingsDialog(AppSettings &settings, Mode mode, QWidget *parent = nullptr);

    // Stores the fields; returns true when the language changed.
    bool save();

    QLineEdit *nameField() const { return m_name; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateOk();

    AppSettings &m_settings;
    Mode m_mode;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_idLabel;
    QLineEdit *m_id;
    QLabel *m_idHelp;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_languageHelp;
    QDialogButtonBox *m_buttons;
};

} // namespace sportello::ui
