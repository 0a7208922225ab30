#pragma once
// Server-sent events as OpenAI-compatible servers stream them
// (/v1/chat/completions with "stream": true): "data: {json}\n\n" blocks, a
// final "data: [DONE]", comments (": keep-alive") and CRLF line ends. The
// parser is fed whatever arrived from the network, in pieces of any size.

#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ModelAtlas::Runners {

class SseParser final
{
public:
    // Appends received bytes; returns the data of every event completed by them.
    QList<QByteArray> feed(const QByteArray &bytes);
    // Bytes of an event that has not been terminated yet (a cut-off stream leaves some).
    bool hasPartialEvent() const;

private:
    QByteArray m_buffer;  // bytes after the last complete line
    QByteArray m_data;    // data lines of the event being read, joined by '\n'
    bool m_inEvent = false;
};

// One chunk of a streamed chat completion.
struct ChatChunk
{
    bool done = false;         // the "[DONE]" sentinel
    QString content;           // choices[0].delta.content (may be empty)
    QString finishReason;      // choices[0].finish_reason when set ("stop", "length")
    int promptTokens = -1;     // usage.prompt_tokens when the server reports it
    int completionTokens = -1;
};

// Parses one event's data. A server error sent inside the stream
// ({"error": {"message": ...}}) and data that is not a chunk are failures
// whose message quotes the offending data.
Result<ChatChunk> parseChatChunk(const QByteArray &data);

} // namespace ModelAtlas::Runners
