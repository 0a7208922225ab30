// The Qt Linguist files are complete: every message has a translation that
// is not marked unfinished, no translation is empty, and the placeholders
// (%1, %n, %L1) of the source survive in the translation.

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void complete_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *lang : {"ru", "zh_CN"})
            QTest::newRow(lang) << QStringLiteral(MODELATLAS_SOURCE_DIR "/translations/modelatlas_%1.ts").arg(QLatin1String(lang));
    }

    void complete()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        const QList<Message> messages = readMessages(f);
        QVERIFY2(messages.size() > 100, "the app has more strings than that");
        static const QRegularExpression placeholder(QStringLiteral("%L?(\\d+)"));
        QStringList problems;
        for (const Message &m : messages) {
            if (m.type == QLatin1String("obsolete") || m.type == QLatin1String("vanished"))
                continue;   // lupdate keeps these for reference; they are not shipped
            if (m.type == QLatin1String("unfinished")) {
                problems << QStringLiteral("unfinished: %1").arg(m.source);
                continue;
            }
            QSet<QString> wanted;
            for (auto it = placeholder.globalMatch(m.source); it.hasNext();)
                wanted.insert(it.next().captured(1));
            for (const QString &text : m.translations) {
                if (text.trimmed().isEmpty() && !m.source.trimmed().isEmpty()) {
                    problems << QStringLiteral("empty: %1").arg(m.source);
                    continue;
                }
                QSet<QString> got;
                for (auto it = placeholder.globalMatch(text); it.hasNext();)
                    got.insert(it.next().captured(1));
                // %n may be spelled out in a plural form; numbered placeholders may not vanish.
                if (!got.contains(wanted))
                    problems << QStringLiteral("placeholders lost: %1 -> %2").arg(m.source, text);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join(QLatin1Char('\n'))));
    }

private:
    struct Message
    {
        QString source, type;
        QStringList translations;   // one, or one per plural form
    };

    static QList<Message> readMessages(QIODevice &device)
    {
        QList<Message> out;
        QXmlStreamReader xml(&device);
        Message current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("message")) {
                    current = {};
                } else if (xml.name() == QLatin1String("source")) {
                    current.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    current.type = xml.attributes().value(QLatin1String("type")).toString();
                    // Plural messages hold <numerusform> children; others hold the text.
                    QString text;
                    while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                        xml.readNext();
                        if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            current.translations << xml.readElementText();
                        else if (xml.isCharacters())
                            text += xml.text();
                    }
                    if (current.translations.isEmpty())
                        current.translations << text;
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                out << current;
            }
        }
        return out;
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
