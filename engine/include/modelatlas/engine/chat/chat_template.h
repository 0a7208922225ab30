#pragma once
// Chat templates: turn a conversation into the prompt text a chat model was
// trained on. GGUF files carry the model's Jinja template (tokenizer.chat_template);
// instead of a Jinja interpreter the engine recognises the common families by
// markers in that template (as llama.cpp's built-in formatter does) and renders
// them natively. An unrecognised template falls back to plain text and says so
// (ChatPrompt::fellBack / ChatTemplate::supported()) so the UI can tell the user.
//
// The rendered text contains the control tokens as text ("<|im_start|>"); encode
// it with Tokenizer::encode(text, addSpecial=true, parseSpecial=true). BOS is not
// part of the text: the tokenizer adds it when the vocabulary asks for it.

#include <string>
#include <string_view>
#include <vector>

namespace modelatlas::engine {

struct ChatMessage {
    std::string role;     // "system", "user" or "assistant"
    std::string content;
};

enum class ChatFamily {
    Unknown,        // plain-text fallback
    ChatML,         // <|im_start|>role\n...<|im_end|> (Qwen, Yi, OpenHermes, SmolLM ...)
    Llama3,         // <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>
    Llama2,         // [INST] ... [/INST] (Llama 2 chat, Mistral v0.1/v0.2 and variants)
    MistralV1,      //  [INST] ... [/INST] with a leading space
    MistralV3,      // [INST] ... [/INST] (v3, trims assistant replies)
    MistralV3Tekken,// [INST]...[/INST] without spaces
    MistralV7,      // [SYSTEM_PROMPT] ... [/SYSTEM_PROMPT][INST] ... [/INST]
    Gemma,          // <start_of_turn>user ... <end_of_turn>
    Phi3,           // <|user|>\n...<|end|>\n
    Phi4,           // <|im_start|>role<|im_sep|>...<|im_end|>
    DeepSeek,       // ### Instruction: / ### Response: (deepseek-coder-instruct)
    DeepSeek2,      // User: ... Assistant: (DeepSeek-V2)
    DeepSeek3,      // <｜User｜>...<｜Assistant｜> (DeepSeek-V3, R1)
    Zephyr,         // <|user|>\n...<|endoftext|>
    CommandR,       // <|START_OF_TURN_TOKEN|><|USER_TOKEN|>...
    Vicuna,         // USER: ... ASSISTANT:
};

// Variants of the Llama 2 family the template text asks for.
struct ChatRenderOptions {
    bool addGenerationPrompt = true;  // end with the assistant header so the model answers
};

struct ChatPrompt {
    std::string text;
    ChatFamily family = ChatFamily::Unknown;
    bool fellBack = false;  // true: "unsupported chat template; using plain text"
    std::string note;       // a sentence the UI can show when fellBack
};

class ChatTemplate {
public:
    // Detects the family from a template's text (or a short name: "chatml",
    // "llama3", "llama2", "mistral-v7", "gemma", "phi3", "deepseek3", ...).
    // An empty or unrecognised template gives the plain-text fallback.
    static ChatTemplate detect(std::string_view templateText);
    static ChatTemplate ofFamily(ChatFamily family);

    ChatFamily family() const { return m_family; }
    bool supported() const { return m_family != ChatFamily::Unknown; }
    std::string_view familyName() const;

    ChatPrompt render(const std::vector<ChatMessage> &messages, ChatRenderOptions options = {}) const;

private:
    ChatFamily m_family = ChatFamily::Unknown;
    // Llama 2 variants
    bool m_llama2System = false;     // <<SYS>> block
    bool m_llama2BosInside = false;  // "<s>" before every later [INST]
    bool m_llama2Strip = false;      // content.strip()
};

std::string_view chatFamilyName(ChatFamily family);

} // namespace modelatlas::engine
