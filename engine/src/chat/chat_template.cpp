// Chat template detection and rendering. Detection markers and the rendered
// formats follow llama.cpp's built-in formatter (src/llama-chat.cpp), which the
// app compares against; tests check each family against its expected string.

#include "modelatlas/engine/chat/chat_template.h"

#include <cctype>

namespace modelatlas::engine {

namespace {

std::string trim(std::string_view s)
{
    size_t b = 0;
    size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
}

struct NamedFamily {
    std::string_view name;
    ChatFamily family;
};

constexpr NamedFamily kNames[] = {
    {"chatml", ChatFamily::ChatML},         {"llama3", ChatFamily::Llama3},
    {"llama2", ChatFamily::Llama2},         {"mistral-v1", ChatFamily::MistralV1},
    {"mistral-v3", ChatFamily::MistralV3},  {"mistral-v3-tekken", ChatFamily::MistralV3Tekken},
    {"mistral-v7", ChatFamily::MistralV7},  {"gemma", ChatFamily::Gemma},
    {"phi3", ChatFamily::Phi3},             {"phi4", ChatFamily::Phi4},
    {"deepseek", ChatFamily::DeepSeek},     {"deepseek2", ChatFamily::DeepSeek2},
    {"deepseek3", ChatFamily::DeepSeek3},   {"zephyr", ChatFamily::Zephyr},
    {"command-r", ChatFamily::CommandR},    {"vicuna", ChatFamily::Vicuna},
};

} // namespace

std::string_view chatFamilyName(ChatFamily family)
{
    for (const auto &n : kNames)
        if (n.family == family)
            return n.name;
    return "plain text";
}

std::string_view ChatTemplate::familyName() const { return chatFamilyName(m_family); }

ChatTemplate ChatTemplate::ofFamily(ChatFamily family)
{
    ChatTemplate t;
    t.m_family = family;
    return t;
}

ChatTemplate ChatTemplate::detect(std::string_view tmpl)
{
    for (const auto &n : kNames)
        if (tmpl == n.name)
            return ofFamily(n.family);
    if (tmpl == "llama2-sys") {
        ChatTemplate t = ofFamily(ChatFamily::Llama2);
        t.m_llama2System = true;
        return t;
    }

    auto has = [&](std::string_view s) { return tmpl.find(s) != std::string_view::npos; };
    if (has("<|im_start|>"))
        return ofFamily(has("<|im_sep|>") ? ChatFamily::Phi4 : ChatFamily::ChatML);
    if (tmpl.rfind("mistral", 0) == 0 || has("[INST]")) {
        if (has("[SYSTEM_PROMPT]"))
            return ofFamily(ChatFamily::MistralV7);
        if (has("' [INST] ' + system_message") || has("[AVAILABLE_TOOLS]")) {
            if (has(" [INST]"))
                return ofFamily(ChatFamily::MistralV1);
            if (has("\"[INST]\""))
                return ofFamily(ChatFamily::MistralV3Tekken);
            return ofFamily(ChatFamily::MistralV3);
        }
        ChatTemplate t = ofFamily(ChatFamily::Llama2);
        t.m_llama2System = has("<<SYS>>");
        t.m_llama2BosInside = has("bos_token + '[INST]");
        t.m_llama2Strip = has("content.strip()");
        if (t.m_llama2Strip || t.m_llama2BosInside)
            t.m_llama2System = true;
        if (t.m_llama2Strip)
            t.m_llama2BosInside = false;
        return t;
    }
    if (has("<|assistant|>") && has("<|end|>"))
        return ofFamily(ChatFamily::Phi3);
    if (has("<|user|>") && has("<|endoftext|>") && !has("<|assistant|>"))
        return ofFamily(ChatFamily::Zephyr);
    if (has("<start_of_turn>"))
        return ofFamily(ChatFamily::Gemma);
    if (has("USER: ") && has("ASSISTANT: "))
        return ofFamily(ChatFamily::Vicuna);
    if (has("### Instruction:") && has("<|EOT|>"))
        return ofFamily(ChatFamily::DeepSeek);
    if (has("<|START_OF_TURN_TOKEN|>") && has("<|USER_TOKEN|>"))
        return ofFamily(ChatFamily::CommandR);
    if (has("<|start_header_id|>") && has("<|end_header_id|>"))
        return ofFamily(ChatFamily::Llama3);
    if (has("'Assistant: ' + message['content'] + eos_token"))
        return ofFamily(ChatFamily::DeepSeek2);
    if (has("<｜Assistant｜>") && has("<｜User｜>") && has("<｜end▁of▁sentence｜>"))
        return ofFamily(ChatFamily::DeepSeek3);
    return ofFamily(ChatFamily::Unknown);
}

ChatPrompt ChatTemplate::render(const std::vector<ChatMessage> &chat, ChatRenderOptions options) const
{
    const bool gen = options.addGenerationPrompt;
    ChatPrompt p;
    p.family = m_family;
    std::string &s = p.text;

    switch (m_family) {
    case ChatFamily::ChatML:
        for (const auto &m : chat)
            s += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
        if (gen)
            s += "<|im_start|>assistant\n";
        break;
    case ChatFamily::Phi4:
        for (const auto &m : chat)
            s += "<|im_start|>" + m.role + "<|im_sep|>" + m.content + "<|im_end|>";
        if (gen)
            s += "<|im_start|>assistant<|im_sep|>";
        break;
    case ChatFamily::Llama3:
        for (const auto &m : chat)
            s += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + trim(m.content) + "<|eot_id|>";
        if (gen)
            s += "<|start_header_id|>assistant<|end_header_id|>\n\n";
        break;
    case ChatFamily::MistralV7:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += "[SYSTEM_PROMPT] " + m.content + "[/SYSTEM_PROMPT]";
            else if (m.role == "user")
                s += "[INST] " + m.content + "[/INST]";
            else
                s += " " + m.content + "</s>";
        }
        break;
    case ChatFamily::MistralV1:
    case ChatFamily::MistralV3:
    case ChatFamily::MistralV3Tekken: {
        const std::string lead = m_family == ChatFamily::MistralV1 ? " " : "";
        const std::string trail = m_family == ChatFamily::MistralV3Tekken ? "" : " ";
        const bool trimAssistant = m_family == ChatFamily::MistralV3;
        bool inTurn = false;
        for (const auto &m : chat) {
            if (!inTurn) {
                s += lead + "[INST]" + trail;
                inTurn = true;
            }
            if (m.role == "system") {
                s += m.content + "\n\n";
            } else if (m.role == "user") {
                s += m.content + lead + "[/INST]";
            } else {
                s += trail + (trimAssistant ? trim(m.content) : m.content) + "</s>";
                inTurn = false;
            }
        }
        break;
    }
    case ChatFamily::Llama2: {
        bool inTurn = true;  // the first [INST] follows BOS, which the tokenizer adds
        s += "[INST] ";
        for (const auto &m : chat) {
            const std::string content = m_llama2Strip ? trim(m.content) : m.content;
            if (!inTurn) {
                inTurn = true;
                s += m_llama2BosInside ? "<s>[INST] " : "[INST] ";
            }
            if (m.role == "system") {
                if (m_llama2System)
                    s += "<<SYS>>\n" + content + "\n<</SYS>>\n\n";
                else
                    s += content + "\n";  // no system support: prepend to the first user turn
            } else if (m.role == "user") {
                s += content + " [/INST]";
            } else {
                s += content + "</s>";
                inTurn = false;
            }
        }
        break;
    }
    case ChatFamily::Phi3:
        for (const auto &m : chat)
            s += "<|" + m.role + "|>\n" + m.content + "<|end|>\n";
        if (gen)
            s += "<|assistant|>\n";
        break;
    case ChatFamily::Zephyr:
        for (const auto &m : chat)
            s += "<|" + m.role + "|>\n" + m.content + "<|endoftext|>\n";
        if (gen)
            s += "<|assistant|>\n";
        break;
    case ChatFamily::Gemma: {
        std::string system;  // Gemma has no system role: merged into the next user turn
        for (const auto &m : chat) {
            if (m.role == "system") {
                system += trim(m.content);
                continue;
            }
            const std::string role = m.role == "assistant" ? "model" : m.role;
            s += "<start_of_turn>" + role + "\n";
            if (!system.empty() && role != "model") {
                s += system + "\n\n";
                system.clear();
            }
            s += trim(m.content) + "<end_of_turn>\n";
        }
        if (gen)
            s += "<start_of_turn>model\n";
        break;
    }
    case ChatFamily::DeepSeek:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += m.content;
            else if (m.role == "user")
                s += "### Instruction:\n" + m.content + "\n";
            else if (m.role == "assistant")
                s += "### Response:\n" + m.content + "\n<|EOT|>\n";
        }
        if (gen)
            s += "### Response:\n";
        break;
    case ChatFamily::DeepSeek2:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += m.content + "\n\n";
            else if (m.role == "user")
                s += "User: " + m.content + "\n\n";
            else if (m.role == "assistant")
                s += "Assistant: " + m.content + "<｜end▁of▁sentence｜>";
        }
        if (gen)
            s += "Assistant:";
        break;
    case ChatFamily::DeepSeek3:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += m.content + "\n\n";
            else if (m.role == "user")
                s += "<｜User｜>" + m.content;
            else if (m.role == "assistant")
                s += "<｜Assistant｜>" + m.content + "<｜end▁of▁sentence｜>";
        }
        if (gen)
            s += "<｜Assistant｜>";
        break;
    case ChatFamily::CommandR:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>" + trim(m.content) + "<|END_OF_TURN_TOKEN|>";
            else if (m.role == "user")
                s += "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>" + trim(m.content) + "<|END_OF_TURN_TOKEN|>";
            else if (m.role == "assistant")
                s += "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>" + trim(m.content) + "<|END_OF_TURN_TOKEN|>";
        }
        if (gen)
            s += "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>";
        break;
    case ChatFamily::Vicuna:
        for (const auto &m : chat) {
            if (m.role == "system")
                s += m.content + "\n\n";
            else if (m.role == "user")
                s += "USER: " + m.content + "\n";
            else if (m.role == "assistant")
                s += "ASSISTANT: " + m.content + "</s>\n";
        }
        if (gen)
            s += "ASSISTANT:";
        break;
    case ChatFamily::Unknown:
        p.fellBack = true;
        p.note = "unsupported chat template; using plain text";
        for (const auto &m : chat) {
            if (m.role == "system")
                s += m.content + "\n\n";
            else if (m.role == "user")
                s += "User: " + m.content + "\n";
            else
                s += "Assistant: " + m.content + "\n";
        }
        if (gen)
            s += "Assistant:";
        break;
    }
    return p;
}

} // namespace modelatlas::engine
