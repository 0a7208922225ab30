#include "SseParser.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

namespace ModelAtlas::Runners {

namespace {
// The translation context of this file's messages (lupdate reads the macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ModelAtlas::Runners::SseParser)
};

// Enough of bad data for the user to recognise it, not a page of it.
QString quoted(const QByteArray &data)
{
    constexpr int kMax = 120;
    const QString s = QString::fromUtf8(data.left(kMax));
    return data.size() > kMax ? s + QStringLiteral("…") : s;
}
} // namespace

QList<QByteArray> SseParser::feed(const QByteArray &bytes)
{
    QList<QByteArray> events;
    m_buffer += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', start);
        if (nl < 0)
            break;
        QByteArray line = m_buffer.mid(start, nl - start);
        start = nl + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {  // a blank line ends the event
            if (m_inEvent)
                events.append(m_data);
            m_data.clear();
            m_inEvent = false;
            continue;
        }
        if (line.startsWith(':'))  // a comment: keep-alives
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (field == "data") {
            if (m_inEvent)
                m_data += '\n';
            m_data += value;
            m_inEvent = true;
        }
        // "event", "id" and "retry" carry nothing a chat completion needs.
    }
    m_buffer.remove(0, start);
    return events;
}

bool SseParser::hasPartialEvent() const
{
    return m_inEvent || !m_buffer.trimmed().isEmpty();
}

Result<ChatChunk> parseChatChunk(const QByteArray &data)
{
    using R = Result<ChatChunk>;
    ChatChunk chunk;
    if (data.trimmed() == "[DONE]") {
        chunk.done = true;
        return chunk;
    }
    const auto j = nlohmann::json::parse(data.constData(), data.constData() + data.size(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return R::failure(Text::tr("The server sent an event that is not JSON: %1").arg(quoted(data)));
    if (const auto e = j.find("error"); e != j.end()) {
        QString message = quoted(QByteArray::fromStdString(e->dump()));
        if (e->is_object() && e->contains("message") && (*e)["message"].is_string())
            message = QString::fromStdString((*e)["message"].get<std::string>());
        else if (e->is_string())
            message = QString::fromStdString(e->get<std::string>());
        return R::failure(Text::tr("The server reported an error: %1").arg(message));
    }
    if (const auto u = j.find("usage"); u != j.end() && u->is_object()) {
        if (u->contains("prompt_tokens") && (*u)["prompt_tokens"].is_number_integer())
            chunk.promptTokens = (*u)["prompt_tokens"].get<int>();
        if (u->contains("completion_tokens") && (*u)["completion_tokens"].is_number_integer())
            chunk.completionTokens = (*u)["completion_tokens"].get<int>();
    }
    const auto choices = j.find("choices");
    if (choices == j.end() || !choices->is_array())
        return R::failure(Text::tr("The server sent an event without \"choices\": %1").arg(quoted(data)));
    if (choices->empty())
        return chunk;  // the usage-only chunk at the end
    const auto &choice = (*choices)[0];
    if (!choice.is_object())
        return R::failure(Text::tr("The server sent a malformed choice: %1").arg(quoted(data)));
    if (const auto d = choice.find("delta"); d != choice.end() && d->is_object()) {
        if (const auto c = d->find("content"); c != d->end() && c->is_string())
            chunk.content = QString::fromStdString(c->get<std::string>());
    }
    if (const auto f = choice.find("finish_reason"); f != choice.end() && f->is_string())
        chunk.finishReason = QString::fromStdString(f->get<std::string>());
    return chunk;
}

} // namespace ModelAtlas::Runners
