#include "LicenseLabels.h"

#include <QCoreApplication>

#include <cstring>

namespace ModelAtlas::Gui {

namespace {

struct Label {
    const char *id;
    const char *text;
};

constexpr Label kLabels[] = {
    // Organisation types
    {"individual", QT_TRANSLATE_NOOP("ProfileChoices", "Individual")},
    {"startup", QT_TRANSLATE_NOOP("ProfileChoices", "Startup")},
    {"company", QT_TRANSLATE_NOOP("ProfileChoices", "Company")},
    {"non_profit", QT_TRANSLATE_NOOP("ProfileChoices", "Non-profit")},
    {"academic", QT_TRANSLATE_NOOP("ProfileChoices", "University or research institute")},
    {"government", QT_TRANSLATE_NOOP("ProfileChoices", "Public authority")},
    // Use modes
    {"internal", QT_TRANSLATE_NOOP("ProfileChoices", "Internal tool")},
    {"saas", QT_TRANSLATE_NOOP("ProfileChoices", "SaaS / API for customers")},
    {"on_device", QT_TRANSLATE_NOOP("ProfileChoices", "On-device / shipped in an app")},
    {"redistribute_weights", QT_TRANSLATE_NOOP("ProfileChoices", "Redistributing the weights")},
    {"distribute_derivative", QT_TRANSLATE_NOOP("ProfileChoices", "Distributing a fine-tuned model")},
    {"train_on_outputs", QT_TRANSLATE_NOOP("ProfileChoices", "Training other models on its outputs")},
    // Domains
    {"general", QT_TRANSLATE_NOOP("ProfileChoices", "General purpose")},
    {"military", QT_TRANSLATE_NOOP("ProfileChoices", "Military, defence")},
    {"weapons", QT_TRANSLATE_NOOP("ProfileChoices", "Weapons")},
    {"medical", QT_TRANSLATE_NOOP("ProfileChoices", "Medical")},
    {"biometric_identification", QT_TRANSLATE_NOOP("ProfileChoices", "Biometric identification")},
    {"legal_decisions", QT_TRANSLATE_NOOP("ProfileChoices", "Decisions on legal rights")},
    {"critical_infrastructure", QT_TRANSLATE_NOOP("ProfileChoices", "Critical infrastructure")},
    {"law_enforcement", QT_TRANSLATE_NOOP("ProfileChoices", "Law enforcement, justice, migration")},
    {"surveillance", QT_TRANSLATE_NOOP("ProfileChoices", "Surveillance, profiling")},
    {"employment", QT_TRANSLATE_NOOP("ProfileChoices", "Hiring, employment")},
    {"credit", QT_TRANSLATE_NOOP("ProfileChoices", "Credit, insurance, housing")},
};

constexpr Label kObligationKinds[] = {
    {"attribution", QT_TRANSLATE_NOOP("ObligationKinds", "Attribution")},
    {"aup_passthrough", QT_TRANSLATE_NOOP("ObligationKinds", "Pass on the use policy")},
    {"copy_of_license", QT_TRANSLATE_NOOP("ObligationKinds", "Ship a copy of the license")},
    {"license_request", QT_TRANSLATE_NOOP("ObligationKinds", "Request a license")},
    {"naming", QT_TRANSLATE_NOOP("ObligationKinds", "Naming rules")},
    {"notice", QT_TRANSLATE_NOOP("ObligationKinds", "Notices")},
    {"other", QT_TRANSLATE_NOOP("ObligationKinds", "Other")},
};

} // namespace

QString obligationKindLabel(const QString &kind)
{
    const QByteArray id = kind.toUtf8();
    for (const Label &l : kObligationKinds)
        if (id == l.id)
            return QCoreApplication::translate("ObligationKinds", l.text);
    return kind;
}

QString profileChoiceLabel(const char *id)
{
    for (const Label &l : kLabels)
        if (std::strcmp(l.id, id) == 0)
            return QCoreApplication::translate("ProfileChoices", l.text);
    return QString::fromUtf8(id);
}

} // namespace ModelAtlas::Gui
