#include "ModelDetailsHtml.h"

#include "catalog/CatalogTableModel.h"

#include <QColor>
#include <QCoreApplication>
#include <QStringList>

namespace ModelAtlas::Gui {

using namespace ModelAtlas::Catalog;

namespace {

// The translation context of this file's texts (lupdate reads the macro; a
// free Text::tr() function would file them under a context the lookup never uses).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Gui::ModelDetails)
};

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// Works on light and dark palettes: a saturated orange reads on both.
const char *const conflictColor = "#d35400";

QString conflictMark(const QString &detail)
{
    if (detail.isEmpty())
        return {};
    return QStringLiteral("<span style=\"color:%1\">⚠ %2</span>").arg(QLatin1String(conflictColor), esc(detail));
}

QString sourceLink(const QString &id, const QString &fallbackLabel, const QHash<QString, SourceRow> &sources)
{
    if (id.isEmpty())
        return {};
    const auto it = sources.constFind(id);
    const QString location = it != sources.cend() ? it->location : fallbackLabel;
    const QString title = it != sources.cend() && !it->title.isEmpty() ? it->title : location;
    if (location.startsWith(QLatin1String("http://")) || location.startsWith(QLatin1String("https://")))
        return QStringLiteral("<a href=\"%1\" title=\"%2\">%3</a>").arg(esc(location), esc(title), esc(id));
    return QStringLiteral("<span title=\"%1\">%2</span>").arg(esc(title), esc(id));
}

QString section(const QString &title)
{
    return QStringLiteral("<h3 style=\"margin-top:14px; margin-bottom:4px\">%1</h3>").arg(esc(title));
}

// A table with a header row; cells are already HTML.
class Table
{
public:
    Table(const QStringList &headers, const QString &flagColor)
        : m_flagColor(flagColor)
    {
        m_html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"><tr>");
        for (const QString &h : headers)
            m_html += QStringLiteral("<th align=\"left\" style=\"border-bottom:1px solid gray\">%1</th>").arg(esc(h));
        m_html += QStringLiteral("</tr>");
    }
    void row(const QStringList &cells, bool flagged = false)
    {
        m_html += QStringLiteral("<tr>");
        const QString background = flagged ? QStringLiteral(" bgcolor=\"%1\"").arg(m_flagColor) : QString();
        for (const QString &c : cells)
            m_html += QStringLiteral("<td valign=\"top\"%1>%2</td>").arg(background, c);
        m_html += QStringLiteral("</tr>");
    }
    QString html() const { return m_html + QStringLiteral("</table>"); }

private:
    QString m_flagColor;
    QString m_html;
};

QString commercialText(const QString &value)
{
    if (value == QLatin1String("yes"))
        return Text::tr("allowed");
    if (value == QLatin1String("conditional"))
        return Text::tr("allowed under conditions");
    if (value == QLatin1String("paid"))
        return Text::tr("only with a paid license");
    if (value == QLatin1String("no"))
        return Text::tr("not allowed");
    return value.isEmpty() ? Text::tr("unknown") : value;
}

} // namespace

QString modelDetailsHtml(const ModelDetails &d, const QHash<QString, SourceRow> &sources, const QPalette &palette)
{
    // A faint orange over the view's base colour: visible, and the text keeps its contrast.
    const QColor base = palette.color(QPalette::Base);
    const QColor orange(conflictColor);
    const QString flag = QColor::fromRgbF(base.redF() * 0.82f + orange.redF() * 0.18f, base.greenF() * 0.82f + orange.greenF() * 0.18f,
                                          base.blueF() * 0.82f + orange.blueF() * 0.18f)
                             .name();
    const ModelRow &r = d.row;
    QString html;
    html += QStringLiteral("<h2 style=\"margin-bottom:2px\">%1%2</h2>")
                .arg(esc(r.name), r.hasConflicts ? QStringLiteral(" <span style=\"color:%1\">⚠</span>").arg(QLatin1String(conflictColor))
                                                 : QString());
    QStringList subtitle;
    for (const QString &part : {r.familyName, r.vendorName, r.variant})
        if (!part.isEmpty())
            subtitle << esc(part);
    subtitle << QStringLiteral("<code>%1</code>").arg(esc(r.id));
    html += QStringLiteral("<p style=\"margin-top:0\">%1</p>").arg(subtitle.join(QStringLiteral(" · ")));

    QStringList summary;
    if (r.paramsTotalB)
        summary << Text::tr("<b>%1</b> parameters").arg(CatalogTableModel::formatParams(r.paramsTotalB))
                       + (r.paramsActiveB ? Text::tr(" (%1 active)").arg(CatalogTableModel::formatParams(r.paramsActiveB)) : QString());
    if (r.contextTokens)
        summary << Text::tr("<b>%1</b> context").arg(CatalogTableModel::formatContext(r.contextTokens));
    if (!r.architecture.isEmpty())
        summary << esc(r.architecture == QLatin1String("moe") ? QStringLiteral("MoE") : r.architecture);
    if (!r.releaseDate.isEmpty())
        summary << Text::tr("released %1").arg(esc(r.releaseDate));
    if (!summary.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(summary.join(QStringLiteral(" · ")));
    if (!d.aliases.isEmpty())
        html += QStringLiteral("<p>%1 %2</p>").arg(Text::tr("Also known as:"), esc(d.aliases.join(QStringLiteral(", "))));
    if (!d.baseModel.isEmpty())
        html += QStringLiteral("<p>%1 <code>%2</code></p>").arg(Text::tr("Based on:"), esc(d.baseModel));

    int conflicts = 0;
    for (const FactDetail &f : d.facts)
        conflicts += f.conflict.isEmpty() ? 0 : 1;
    for (const ScoreDetail &s : d.scores)
        conflicts += s.conflict.isEmpty() ? 0 : 1;
    if (conflicts > 0)
        html += QStringLiteral("<p style=\"color:%1\"><b>⚠ %2</b></p>")
                    .arg(QLatin1String(conflictColor),
                         esc(conflicts == 1 ? Text::tr("Sources disagree on 1 value; both are shown below.")
                                            : Text::tr("Sources disagree on %1 values; each is shown below.").arg(conflicts)));

    if (!d.facts.isEmpty()) {
        html += section(Text::tr("Facts"));
        Table t({Text::tr("Field"), Text::tr("Value"), Text::tr("Source"), Text::tr("Note")}, flag);
        for (const FactDetail &f : d.facts) {
            for (qsizetype i = 0; i < f.values.size(); ++i) {
                const SourcedValue &v = f.values[i];
                QString value = esc(v.approx ? QStringLiteral("≈ ") + v.text : v.text);
                if (i == 0 && f.values.size() > 1)
                    value = QStringLiteral("<b>%1</b>").arg(value); // the value used for filtering and sorting
                QString note = esc(v.note.isEmpty() ? v.quote : v.note);
                if (i == 0 && !f.conflict.isEmpty())
                    note = conflictMark(f.conflict) + (note.isEmpty() ? QString() : QStringLiteral("<br>") + note);
                t.row({i == 0 ? esc(Catalog::factLabel(f.field)) : QString(), value, sourceLink(v.src, v.sourceLabel, sources), note},
                      !f.conflict.isEmpty());
            }
        }
        html += t.html();
    }

    if (!d.scores.isEmpty()) {
        html += section(Text::tr("Benchmarks"));
        Table t({Text::tr("Benchmark"), Text::tr("Score"), Text::tr("Setup"), Text::tr("Date"), Text::tr("Source")}, flag);
        for (const ScoreDetail &s : d.scores) {
            QString value = esc((s.value.approx ? QStringLiteral("≈ ") : QString()) + s.value.text
                                + (s.unit.isEmpty() || s.unit == QLatin1String("score") ? QString() : QStringLiteral(" ") + s.unit));
            if (!s.conflict.isEmpty())
                value += QStringLiteral("<br>") + conflictMark(s.conflict);
            t.row({esc(s.benchmarkName), value, esc(s.setup), esc(s.date), sourceLink(s.value.src, s.value.sourceLabel, sources)},
                  !s.conflict.isEmpty());
        }
        html += t.html();
    }

    if (d.license) {
        const LicenseDetail &l = *d.license;
        html += section(Text::tr("License"));
        const QString name = l.url.isEmpty() ? esc(l.name)
                                             : QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(l.url), esc(l.name));
        html += QStringLiteral("<p>%1 · %2 · %3</p>")
                    .arg(name, l.tier ? Text::tr("tier %1").arg(*l.tier) : Text::tr("tier unknown"),
                         Text::tr("commercial use %1").arg(esc(commercialText(l.commercialUse))));
        if (!l.clauses.isEmpty()) {
            Table t({Text::tr("Clause"), Text::tr("Summary"), Text::tr("Source")}, flag);
            for (const ClauseDetail &c : l.clauses) {
                QString text = esc(c.summary);
                if (!c.quote.isEmpty())
                    text += QStringLiteral("<br><i>“%1”</i>").arg(esc(c.quote));
                if (!c.conflict.isEmpty())
                    text += QStringLiteral("<br>") + conflictMark(c.conflict);
                t.row({esc(c.kind), text, sourceLink(c.src, c.sourceLabel, sources)}, !c.conflict.isEmpty());
            }
            html += t.html();
        }
    }

    if (!d.architecture.isEmpty()) {
        html += section(Text::tr("Architecture"));
        Table t({Text::tr("Hyper-parameter"), Text::tr("Value")}, flag);
        for (const auto &[key, value] : d.architecture)
            t.row({esc(Catalog::factLabel(key)), esc(value)});
        html += t.html();
        if (!d.architectureSource.isEmpty())
            html += QStringLiteral("<p>%1 %2</p>").arg(Text::tr("Source:"), sourceLink(d.architectureSource, QString(), sources));
    }

    const auto statements = [&](const QString &title, const QList<StatementDetail> &list) {
        if (list.isEmpty())
            return;
        html += section(title) + QStringLiteral("<ul style=\"margin-top:0\">");
        for (const StatementDetail &s : list)
            html += QStringLiteral("<li>%1 <small>(%2)</small></li>").arg(esc(s.text), sourceLink(s.src, s.sourceLabel, sources));
        html += QStringLiteral("</ul>");
    };
    statements(Text::tr("Hardware"), d.hardware);
    statements(Text::tr("API prices"), d.prices);

    if (!d.note.isEmpty())
        html += section(Text::tr("Your note")) + QStringLiteral("<p>%1</p>").arg(esc(d.note));

    if (!d.sources.isEmpty()) {
        html += section(Text::tr("Sources"));
        Table t({Text::tr("Id"), Text::tr("Where"), Text::tr("Title")}, flag);
        for (const QString &id : d.sources) {
            const auto it = sources.constFind(id);
            if (it == sources.cend()) {
                t.row({esc(id), QString(), QString()});
                continue;
            }
            const QString where = it->location.startsWith(QLatin1String("http"))
                                      ? QStringLiteral("<a href=\"%1\">%1</a>").arg(esc(it->location))
                                      : esc(it->location);
            t.row({esc(id), where, esc(it->title)});
        }
        html += t.html();
    }
    return html;
}

} // namespace ModelAtlas::Gui
