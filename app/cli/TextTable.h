#pragma once

#include <QString>
#include <QStringList>

namespace ModelAtlas::Cli {

// A plain-text table with columns padded to their widest cell, for terminals.
class TextTable final
{
public:
    explicit TextTable(QStringList header);
    void addRow(QStringList cells);
    QString render() const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace ModelAtlas::Cli
