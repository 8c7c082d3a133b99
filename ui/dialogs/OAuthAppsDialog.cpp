#include "dialogs/OAuthAppsDialog.h"

#include "common/Accessible.h"
#include "storage/Database.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sportello::ui {

namespace {

QSpinBox *portField(QWidget *parent, const QString &objectName)
{
    auto *port = new QSpinBox(parent);
    port->setObjectName(objectName);
    port->setRange(0, 65535);
    port->setSpecialValueText(OAuthAppsDialog::tr("Any free port"));
    return port;
}

} // namespace

OAuthAppsDialog::OAuthAppsDialog(Database &database, QWidget *parent) : QDialog(parent), m_database(database)
{
    setObjectName(QStringLiteral("oauthAppsDialog"));
    setWindowTitle(tr("Sign-In Apps"));
    m_intro = new QLabel(tr("Agents sign in to X and Facebook through your company's own apps. Copy their ids "
                            "from the platforms' developer portals. No app secret goes here: Sportello never "
                            "holds one."),
                         this);
    m_intro->setWordWrap(true);

    auto *xBox = new QGroupBox(tr("X"), this);
    m_xClientId = new QLineEdit(xBox);
    m_xClientId->setObjectName(QStringLiteral("xClientId"));
    m_xClientId->setPlaceholderText(tr("The OAuth 2.0 client id"));
    m_xClientId->setAccessibleDescription(tr("The OAuth 2.0 client id of your company's X app"));
    m_xPort = portField(xBox, QStringLiteral("xRedirectPort"));
    m_xPort->setToolTip(tr("X accepts only the callback addresses registered for the app: enter the port of "
                           "http://127.0.0.1:PORT/ as registered"));
    auto *xForm = new QFormLayout(xBox);
    xForm->addRow(tr("Client &id:"), m_xClientId);
    xForm->addRow(tr("&Redirect port:"), m_xPort);

    auto *metaBox = new QGroupBox(tr("Meta (Facebook and Instagram)"), this);
    m_metaAppId = new QLineEdit(metaBox);
    m_metaAppId->setObjectName(QStringLiteral("metaAppId"));
    m_metaAppId->setPlaceholderText(tr("The app id"));
    m_metaAppId->setAccessibleDescription(tr("The id of your company's Meta app"));
    m_metaExchange = new QLineEdit(metaBox);
    m_metaExchange->setObjectName(QStringLiteral("metaExchangeUrl"));
    m_metaExchange->setPlaceholderText(tr("https://… (optional)"));
    m_metaExchange->setToolTip(tr("Your company's endpoint that swaps a short-lived sign-in for a long-lived one "
                                  "(it holds the app secret). Without it, Page tokens last about an hour."));
    m_metaPort = portField(metaBox, QStringLiteral("metaRedirectPort"));
    m_metaPort->setToolTip(tr("The port of http://127.0.0.1:PORT/ registered as the app's redirect address; 0: any "
                              "free port"));
    auto *metaForm = new QFormLayout(metaBox);
    metaForm->addRow(tr("A&pp id:"), m_metaAppId);
    metaForm->addRow(tr("Token &exchange endpoint:"), m_metaExchange);
    metaForm->addRow(tr("Redirect p&ort:"), m_metaPort);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("oauthAppsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorLabelStyle(m_error->palette()));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OAuthAppsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(xBox);
    layout->addWidget(metaBox);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    auto x = accounts::loadOAuthApp(database, accounts::OAuthProvider::X);
    auto meta = accounts::loadOAuthApp(database, accounts::OAuthProvider::Meta);
    if (!x || !meta) {
        showError(tr("The sign-in apps cannot be read from the cache: %1").arg(!x ? x.error() : meta.error()));
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
        return;
    }
    m_x = *x;
    m_meta = *meta;
    m_loaded = true;
    m_xClientId->setText(m_x.clientId);
    m_xPort->setValue(m_x.redirectPort);
    m_metaAppId->setText(m_meta.clientId);
    m_metaExchange->setText(m_meta.exchangeUrl);
    m_metaPort->setValue(m_meta.redirectPort);
}

QString OAuthAppsDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void OAuthAppsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

bool OAuthAppsDialog::save()
{
    if (!m_loaded)
        return false;
    accounts::OAuthApp x = m_x;
    x.clientId = m_xClientId->text().trimmed();
    x.redirectPort = m_xPort->value();
    accounts::OAuthApp meta = m_meta;
    meta.clientId = m_metaAppId->text().trimmed();
    meta.exchangeUrl = m_metaExchange->text().trimmed();
    meta.redirectPort = m_metaPort->value();
    if (Status s = accounts::saveOAuthApp(m_database, x); !s) {
        showError(tr("The X app was not saved: %1").arg(s.error()));
        m_xClientId->setFocus();
        return false;
    }
    if (Status s = accounts::saveOAuthApp(m_database, meta); !s) {
        showError(tr("The Meta app was not saved: %1").arg(s.error()));
        m_metaExchange->setFocus();
        return false;
    }
    m_x = x;
    m_meta = meta;
    showError(QString());
    return true;
}

void OAuthAppsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace sportello::ui
