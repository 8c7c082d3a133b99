#include "dialogs/SavedRepliesPage.h"

#include "common/Accessible.h"
#include "common/Clock.h"
#include "common/FileKind.h"
#include "compose/ReplyTemplate.h"
#include "compose/SavedReplies.h"
#include "models/SavedRepliesModel.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace sportello::ui {

SavedRepliesPage::SavedRepliesPage(Database &database, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_database(database), m_clock(clock)
{
    setObjectName(QStringLiteral("savedRepliesPage"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_model = new SavedRepliesModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("savedRepliesView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab goes on to the form, the arrows move in the list
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(SavedRepliesModel::TitleColumn, QHeaderView::Stretch);
    m_view->setMinimumHeight(150);
    m_view->setWordWrap(false);

    m_codeLabel = new QLabel(this);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("replyCode"));
    m_codeLabel->setBuddy(m_code);
    m_titleLabel = new QLabel(this);
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("replyTitle"));
    m_titleLabel->setBuddy(m_title);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("replyLanguage"));
    m_language->addItem(QStringLiteral("Italiano"), QStringLiteral("it"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageLabel->setBuddy(m_language);
    m_categoryLabel = new QLabel(this);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("replyCategory"));
    m_category->addItem(QString(), QString());
    for (const QString &id : allCategoryIds())
        m_category->addItem(QString(), id);
    m_categoryLabel->setBuddy(m_category);
    m_channelLabel = new QLabel(this);
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("replyChannel"));
    m_channel->addItem(QString(), QString());
    for (const QString &id : allChannelIds())
        m_channel->addItem(QString(), id);
    m_channelLabel->setBuddy(m_channel);
    m_bodyLabel = new QLabel(this);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("replyBody"));
    m_body->setTabChangesFocus(true);
    m_body->setMinimumHeight(90);
    m_body->setMaximumHeight(150);
    m_bodyLabel->setBuddy(m_body);
    m_variables = new QLabel(this);
    m_variables->setWordWrap(true);
    m_variables->setForegroundRole(QPalette::PlaceholderText);
    m_variables->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("savedRepliesStatus"));
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_variables->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_new = new QPushButton(this);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveReply"));
    m_delete = new QPushButton(this);
    m_import = new QPushButton(this);
    m_export = new QPushButton(this);
    connect(m_new, &QPushButton::clicked, this, &SavedRepliesPage::newReply);
    connect(m_save, &QPushButton::clicked, this, &SavedRepliesPage::saveReply);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (m_currentId.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Delete Saved Reply"),
                                  tr("Delete the saved reply ::%1?").arg(m_code->text())) == QMessageBox::Yes)
            deleteReply();
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import Saved Replies"), QString(), tr("Saved replies (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Saved Replies"), QStringLiteral("saved-replies.json"), tr("Saved replies (*.json)"));
        if (!path.isEmpty())
            exportFile(path);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showReply(current.row()); });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_languageLabel);
    codeRow->addWidget(m_language);
    form->addRow(m_codeLabel, codeRow);
    form->addRow(m_titleLabel, m_title);
    auto *fitRow = new QHBoxLayout;
    fitRow->addWidget(m_category, 1);
    fitRow->addWidget(m_channelLabel);
    fitRow->addWidget(m_channel, 1);
    form->addRow(m_categoryLabel, fitRow);
    form->addRow(m_bodyLabel, m_body);
    form->addRow(QString(), m_variables);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_import);
    buttons->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_view, 10);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    retranslateUi();
    reload();
}

QString SavedRepliesPage::status() const { return m_status->text(); }

void SavedRepliesPage::showStatus(const QString &message, bool error)
{
    m_status->setText(message);
    m_status->setStyleSheet(error ? errorLabelStyle(m_status->palette()) : QString());
}

void SavedRepliesPage::reload(const QString &selectId)
{
    auto replies = SavedReplyStore(m_database).all();
    if (!replies) {
        showStatus(replies.error(), true);
        return;
    }
    m_model->setReplies(std::move(replies).value());
    const int row = selectId.isEmpty() ? (m_model->rowCount() > 0 ? 0 : -1) : m_model->rowOfId(selectId);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, SavedRepliesModel::CodeColumn));
    else
        newReply();
    for (int c : {int(SavedRepliesModel::CodeColumn), int(SavedRepliesModel::LanguageColumn),
                  int(SavedRepliesModel::CategoryColumn)})
        m_view->resizeColumnToContents(c);
}

void SavedRepliesPage::showReply(int row)
{
    const SavedReply *r = m_model->replyAt(row);
    if (!r)
        return;
    m_currentId = r->id;
    m_code->setText(r->code);
    m_title->setText(r->title);
    m_language->setCurrentIndex(qMax(0, m_language->findData(r->language)));
    m_category->setCurrentIndex(qMax(0, m_category->findData(r->category ? toId(*r->category) : QString())));
    m_channel->setCurrentIndex(qMax(0, m_channel->findData(r->channel ? toId(*r->channel) : QString())));
    m_body->setPlainText(r->body);
    m_delete->setEnabled(true);
}

void SavedRepliesPage::newReply()
{
    m_currentId.clear();
    m_view->clearSelection();
    m_code->clear();
    m_title->clear();
    m_category->setCurrentIndex(0);
    m_channel->setCurrentIndex(0);
    m_body->clear();
    m_delete->setEnabled(false);
    m_code->setFocus();
}

bool SavedRepliesPage::saveReply()
{
    SavedReply r;
    r.id = m_currentId;
    r.code = m_code->text();
    r.title = m_title->text();
    r.language = m_language->currentData().toString();
    r.category = categoryFromId(m_category->currentData().toString());
    r.channel = channelFromId(m_channel->currentData().toString());
    r.body = m_body->toPlainText();
    auto saved = SavedReplyStore(m_database).save(r, m_clock.nowMs());
    if (!saved) {
        showStatus(saved.error(), true);
        return false;
    }
    reload(saved->id);
    showStatus(tr("Saved ::%1.").arg(saved->code), false);
    return true;
}

bool SavedRepliesPage::deleteReply()
{
    if (m_currentId.isEmpty())
        return false;
    const QString code = m_code->text();
    if (Status s = SavedReplyStore(m_database).remove(m_currentId); !s) {
        showStatus(s.error(), true);
        return false;
    }
    reload();
    showStatus(tr("Deleted ::%1.").arg(code), false);
    return true;
}

bool SavedRepliesPage::importFile(const QString &path)
{
    // A pipe or a device is refused before it is opened: reading a pipe would freeze the console.
    if (Status regular = requireRegularFileOrMissing(path, QDir::toNativeSeparators(path), tr("a file to import"));
        !regular) {
        showStatus(regular.error(), true);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    auto summary = SavedReplyStore(m_database).importJson(file.readAll(), m_clock.nowMs());
    if (!summary) {
        showStatus(tr("%1 was not imported: %2").arg(path, summary.error()), true);
        return false;
    }
    reload();
    showStatus(tr("Imported %1: %2 new, %3 replaced.").arg(path).arg(summary->added).arg(summary->replaced), false);
    return true;
}

bool SavedRepliesPage::exportFile(const QString &path)
{
    auto json = SavedReplyStore(m_database).exportJson();
    if (!json) {
        showStatus(json.error(), true);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json.value()) != json->size() || !file.commit()) {
        showStatus(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    showStatus(tr("Exported %Ln saved reply(s) to %1.", nullptr, m_model->rowCount()).arg(path), false);
    return true;
}

void SavedRepliesPage::retranslateUi()
{
    m_intro->setText(
        tr("Saved replies are shared by the team and stored in the cache at once. In the reply editor, type "
           "::code and Space or Tab, or press Ctrl+T to pick one."));
    m_codeLabel->setText(tr("Short &code:"));
    m_code->setPlaceholderText(tr("e.g. ack (typed as ::ack)"));
    m_titleLabel->setText(tr("&Title:"));
    m_languageLabel->setText(tr("&Language:"));
    m_categoryLabel->setText(tr("Fits ca&tegory:"));
    m_category->setItemText(0, tr("Any"));
    for (int i = 1; i < m_category->count(); ++i)
        m_category->setItemText(i, label(*categoryFromId(m_category->itemData(i).toString())));
    m_channelLabel->setText(tr("C&hannel:"));
    m_channel->setItemText(0, tr("Any"));
    for (int i = 1; i < m_channel->count(); ++i)
        m_channel->setItemText(i, label(*channelFromId(m_channel->itemData(i).toString())));
    m_bodyLabel->setText(tr("Te&xt:"));
    m_variables->setText(
        tr("Variables: %1. Asked when inserting: {?name:Label}, e.g. {?claim_number:Claim number}.")
            .arg(QStringLiteral("{customer_name} {customer_handle} {agent_name} {channel} {case_reference} {today}")));
    m_new->setText(tr("&New"));
    m_save->setText(tr("&Save Reply"));
    m_delete->setText(tr("&Delete"));
    m_import->setText(tr("&Import…"));
    m_export->setText(tr("E&xport…"));
    // What a screen reader reads after each control's name.
    setAccessible(m_view, tr("Saved replies"), tr("The team's saved replies; the selected one is edited below"));
    m_code->setAccessibleDescription(tr("Typed as ::code in the reply editor"));
    m_title->setAccessibleDescription(tr("Shown in the list of saved replies"));
    m_language->setAccessibleDescription(tr("The language of the reply's text"));
    m_category->setAccessibleDescription(tr("The reply is offered first for posts of this category"));
    m_channel->setAccessibleDescription(tr("The reply is offered first on this channel"));
    m_body->setAccessibleDescription(m_variables->text());
    m_new->setToolTip(tr("Starts a new saved reply"));
    m_save->setToolTip(tr("Stores the reply for the whole team"));
    m_delete->setToolTip(tr("Deletes the selected saved reply"));
    m_import->setToolTip(tr("Adds saved replies from a JSON file"));
    m_export->setToolTip(tr("Writes every saved reply to a JSON file"));
}

void SavedRepliesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace sportello::ui
