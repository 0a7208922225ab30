// Chat templates: each family's template text (as published with the models)
// must be recognised and render the conversation exactly as the reference
// formatter (llama.cpp's llama-chat.cpp and test-chat-template.cpp) does.
#include "test_support.h"

#include "modelatlas/engine/chat/chat_template.h"
#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

using namespace modelatlas::engine;

namespace {

const std::vector<ChatMessage> kConversation = {
    {"system", "You are a helpful assistant"},
    {"user", "Hello"},
    {"assistant", "Hi there"},
    {"user", "Who are you"},
    {"assistant", "   I am an assistant   "},
    {"user", "Another question"},
};

struct FamilyCase {
    const char *name;
    const char *templateText;
    ChatFamily family;
    const char *expected;  // with add_generation_prompt
};

void PrintTo(const FamilyCase &c, std::ostream *os) { *os << c.name; }

const FamilyCase kFamilies[] = {
    {"ChatML_OpenHermes",
     "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + "
     "'\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
     ChatFamily::ChatML,
     "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
     "<|im_start|>assistant\nHi there<|im_end|>\n<|im_start|>user\nWho are you<|im_end|>\n"
     "<|im_start|>assistant\n   I am an assistant   <|im_end|>\n<|im_start|>user\nAnother question<|im_end|>\n"
     "<|im_start|>assistant\n"},
    {"Llama3",
     "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
     "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 "
     "%}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{{ "
     "'<|start_header_id|>assistant<|end_header_id|>\n\n' }}",
     ChatFamily::Llama3,
     "<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant<|eot_id|>"
     "<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
     "Hi there<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWho are you<|eot_id|>"
     "<|start_header_id|>assistant<|end_header_id|>\n\nI am an assistant<|eot_id|>"
     "<|start_header_id|>user<|end_header_id|>\n\nAnother question<|eot_id|>"
     "<|start_header_id|>assistant<|end_header_id|>\n\n"},
    {"Mistral_v0_2_Llama2",
     "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ "
     "raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if "
     "message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == "
     "'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles "
     "are supported!') }}{% endif %}{% endfor %}",
     ChatFamily::Llama2,
     "[INST] You are a helpful assistant\nHello [/INST]Hi there</s>[INST] Who are you [/INST]   I am an assistant   "
     "</s>[INST] Another question [/INST]"},
    {"Llama2_SysBos_FusionNet",
     "{%- for idx in range(0, messages|length) -%}\n{%- if messages[idx]['role'] == 'user' -%}\n{%- if idx > 1 "
     "-%}\n{{- bos_token + '[INST] ' + messages[idx]['content'] + ' [/INST]' -}}\n{%- else -%}\n{{- "
     "messages[idx]['content'] + ' [/INST]' -}}\n{%- endif -%}\n{% elif messages[idx]['role'] == 'system' %}\n{{- "
     "'[INST] <<SYS>>\\n' + messages[idx]['content'] + '\\n<</SYS>>\\n\\n' -}}\n{%- elif messages[idx]['role'] == "
     "'assistant' -%}\n{{- ' '  + messages[idx]['content'] + ' ' + eos_token -}}\n{% endif %}\n{% endfor %}",
     ChatFamily::Llama2,
     "[INST] <<SYS>>\nYou are a helpful assistant\n<</SYS>>\n\nHello [/INST]Hi there</s><s>[INST] Who are you "
     "[/INST]   I am an assistant   </s><s>[INST] Another question [/INST]"},
    {"Llama2_SysStrip_Vigogne",
     "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set "
     "system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = "
     "false %}{% endif %}{% for message in loop_messages %}{% if loop.index0 == 0 and system_message != false %}{% set "
     "content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = "
     "message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + content.strip() + ' [/INST]' "
     "}}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}",
     ChatFamily::Llama2,
     "[INST] <<SYS>>\nYou are a helpful assistant\n<</SYS>>\n\nHello [/INST]Hi there</s>[INST] Who are you "
     "[/INST]I am an assistant</s>[INST] Another question [/INST]"},
    {"Gemma_7b_it",
     "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for "
     "message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = "
     "message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + "
     "'<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}",
     ChatFamily::Gemma,
     "<start_of_turn>user\nYou are a helpful assistant\n\nHello<end_of_turn>\n<start_of_turn>model\nHi "
     "there<end_of_turn>\n<start_of_turn>user\nWho are you<end_of_turn>\n<start_of_turn>model\nI am an "
     "assistant<end_of_turn>\n<start_of_turn>user\nAnother question<end_of_turn>\n<start_of_turn>model\n"},
    {"Phi3_mini",
     "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') %}{{'<|user|>' + '\n' + "
     "message['content'] + '<|end|>' + '\n' + '<|assistant|>' + '\n'}}{% elif (message['role'] == 'assistant') "
     "%}{{message['content'] + '<|end|>' + '\n'}}{% endif %}{% endfor %}",
     ChatFamily::Phi3,
     "<|system|>\nYou are a helpful assistant<|end|>\n<|user|>\nHello<|end|>\n<|assistant|>\nHi there<|end|>\n"
     "<|user|>\nWho are you<|end|>\n<|assistant|>\n   I am an assistant   <|end|>\n<|user|>\nAnother "
     "question<|end|>\n<|assistant|>\n"},
    {"DeepSeekCoder_instruct",
     "{%- for message in messages %}\n    {%- if message['role'] == 'system' %}\n{{ message['content'] }}\n    {%- "
     "else %}\n        {%- if message['role'] == 'user' %}\n{{'### Instruction:\\n' + message['content'] + "
     "'\\n'}}\n        {%- else %}\n{{'### Response:\\n' + message['content'] + '\\n<|EOT|>\\n'}}\n        {%- "
     "endif %}\n    {%- endif %}\n{%- endfor %}\n{% if add_generation_prompt %}\n{{'### Response:'}}\n{% endif %}",
     ChatFamily::DeepSeek,
     "You are a helpful assistant### Instruction:\nHello\n### Response:\nHi there\n<|EOT|>\n### Instruction:\nWho are "
     "you\n### Response:\n   I am an assistant   \n<|EOT|>\n### Instruction:\nAnother question\n### Response:\n"},
    {"DeepSeekV3",
     "{% for message in messages %}{% if message['role'] == 'user' %}{{'<｜User｜>' + message['content']}}{% endif "
     "%}{% if message['role'] == 'assistant' %}{{'<｜Assistant｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}{% "
     "endif %}{% endfor %}{% if add_generation_prompt %}{{'<｜Assistant｜>'}}{% endif %}",
     ChatFamily::DeepSeek3,
     "You are a helpful assistant\n\n<｜User｜>Hello<｜Assistant｜>Hi there<｜end▁of▁sentence｜><｜User｜>Who are "
     "you<｜Assistant｜>   I am an assistant   <｜end▁of▁sentence｜><｜User｜>Another question<｜Assistant｜>"},
    {"MistralV7",
     "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'system' %}{{ '[SYSTEM_PROMPT] ' + "
     "message['content'] + '[/SYSTEM_PROMPT]' }}{% elif message['role'] == 'user' %}{{ '[INST] ' + message['content'] "
     "+ '[/INST]' }}{% endif %}{% endfor %}",
     ChatFamily::MistralV7,
     "[SYSTEM_PROMPT] You are a helpful assistant[/SYSTEM_PROMPT][INST] Hello[/INST] Hi there</s>[INST] Who are "
     "you[/INST]    I am an assistant   </s>[INST] Another question[/INST]"},
    {"CommandR",
     "{{ bos_token }}{% if system_message != false %}{{ '<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>' + system_message + "
     "'<|END_OF_TURN_TOKEN|>' }}{% endif %}{% for message in loop_messages %}{% if message['role'] == 'user' %}{{ "
     "'<|START_OF_TURN_TOKEN|><|USER_TOKEN|>' + content.strip() + '<|END_OF_TURN_TOKEN|>' }}{% endif %}{% endfor %}",
     ChatFamily::CommandR,
     "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>You are a helpful assistant<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|>"
     "<|USER_TOKEN|>Hello<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>Hi "
     "there<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>Who are you<|END_OF_TURN_TOKEN|>"
     "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>I am an assistant<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|>"
     "<|USER_TOKEN|>Another question<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>"},
    {"Vicuna",
     "{%- for message in messages %}{%- if message['role'] == 'system' -%}{{- '' + message['content'] + '\n\n' -}}{%- "
     "else -%}{%- if message['role'] == 'user' -%}{{-'USER: ' + message['content'] + '\n'-}}{%- else -%}{{-'ASSISTANT: "
     "' + message['content'] + '</s>\n' -}}{%- endif -%}{%- endif -%}{%- endfor -%}{%- if add_generation_prompt "
     "-%}{{-'ASSISTANT:'-}}{%- endif -%}",
     ChatFamily::Vicuna,
     "You are a helpful assistant\n\nUSER: Hello\nASSISTANT: Hi there</s>\nUSER: Who are you\nASSISTANT:    I am an "
     "assistant   </s>\nUSER: Another question\nASSISTANT:"},
};

class ChatFamilyTest : public ::testing::TestWithParam<FamilyCase> {};

TEST_P(ChatFamilyTest, DetectsAndRendersExactly)
{
    const FamilyCase &c = GetParam();
    const ChatTemplate t = ChatTemplate::detect(c.templateText);
    EXPECT_EQ(t.family(), c.family) << "detected " << t.familyName();
    const ChatPrompt p = t.render(kConversation);
    EXPECT_FALSE(p.fellBack);
    EXPECT_EQ(p.text, c.expected);
}

INSTANTIATE_TEST_SUITE_P(Families, ChatFamilyTest, ::testing::ValuesIn(kFamilies),
                         [](const ::testing::TestParamInfo<FamilyCase> &i) { return std::string(i.param.name); });

TEST(ChatTemplate, GenerationPromptIsOptional)
{
    const auto t = ChatTemplate::ofFamily(ChatFamily::ChatML);
    const auto p = t.render({{"user", "Hi"}}, ChatRenderOptions{false});
    EXPECT_EQ(p.text, "<|im_start|>user\nHi<|im_end|>\n");
    EXPECT_EQ(ChatTemplate::detect("chatml").family(), ChatFamily::ChatML);
    EXPECT_EQ(ChatTemplate::detect("llama3").family(), ChatFamily::Llama3);
}

TEST(ChatTemplate, UnknownTemplateFallsBackToPlainTextAndSaysSo)
{
    for (const char *tmpl : {"", "{{ messages | tojson }}", "{% for m in messages %}{{ m.content }}{% endfor %}"}) {
        const ChatTemplate t = ChatTemplate::detect(tmpl);
        EXPECT_FALSE(t.supported()) << tmpl;
        const ChatPrompt p = t.render({{"system", "Be brief."}, {"user", "Hi"}});
        EXPECT_TRUE(p.fellBack);
        EXPECT_EQ(p.note, "unsupported chat template; using plain text");
        EXPECT_EQ(p.text, "Be brief.\n\nUser: Hi\nAssistant:");
    }
}

// The Phi-3 vocabulary in ../shared carries its real template: it must be
// recognised, and the rendered markers must encode as Phi-3's control tokens.
TEST(ChatTemplate, RealPhi3VocabularyTemplate)
{
    MA_REQUIRE_SHARED_FILE(path, "tokenizer/ggml-vocab-phi-3.gguf");
    auto f = GgufFile::open(path);
    ASSERT_TRUE(f.ok()) << f.message();
    auto tok = Tokenizer::fromGguf(**f);
    ASSERT_TRUE(tok.ok()) << tok.message();
    const ChatTemplate t = ChatTemplate::detect(tok->chatTemplate());
    ASSERT_EQ(t.family(), ChatFamily::Phi3) << tok->chatTemplate();
    const ChatPrompt p = t.render({{"user", "Hello"}});
    EXPECT_EQ(p.text, "<|user|>\nHello<|end|>\n<|assistant|>\n");
    const auto ids = tok->encode(p.text, true, true);
    // <s> <|user|> Hello <|end|> <|assistant|>: Phi-3's special tokens swallow the newline after them.
    ASSERT_GE(ids.size(), 5u);
    EXPECT_EQ(ids[0], tok->bos());
    EXPECT_EQ(ids[1], tok->tokenId("<|user|>"));
    EXPECT_EQ(ids.back(), tok->tokenId("<|assistant|>"));
    EXPECT_TRUE(tok->isEog(tok->tokenId("<|end|>")));
    // SentencePiece puts a space before text that follows a special token; decode
    // strips only the one in front of the first token, as the reference does.
    EXPECT_EQ(tok->decode(ids), " Hello");
}

} // namespace
