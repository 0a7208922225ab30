#include "TextTable.h"

namespace ModelAtlas::Cli {

TextTable::TextTable(QStringList header)
    : m_header(std::move(header))
{
}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_header.size())
        cells << QString();
    m_rows << cells;
}

QString TextTable::render() const
{
    QList<qsizetype> widths;
    for (const QString &h : m_header)
        widths << h.size();
    for (const QStringList &row : m_rows)
        for (qsizetype i = 0; i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    const auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype i = 0; i < widths.size(); ++i)
            padded << (i + 1 == widths.size() ? cells[i] : cells[i].leftJustified(widths[i]));
        QString text = padded.join(QStringLiteral("  "));
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QString out = line(m_header);
    QStringList rule;
    for (qsizetype w : widths)
        rule << QString(w, QLatin1Char('-'));
    out += rule.join(QStringLiteral("  ")) + QLatin1Char('\n');
    for (const QStringList &row : m_rows)
        out += line(row);
    return out;
}

} // namespace ModelAtlas::Cli
