#pragma once
// The subcommands of atlas-gguf, one source file each. Every command gets the
// arguments after its name and returns the process exit code: 0 success,
// 1 unreadable/invalid input or failed write, 2 bad arguments.

#include <cstdio>
#include <string>

namespace modelatlas::tools {

int inspectCommand(int argc, char **argv);    // gguf_inspect.cpp
int dumpCommand(int argc, char **argv);       // gguf_inspect.cpp
int tokenizeCommand(int argc, char **argv);   // gguf_tokenize.cpp
int synthCommand(int argc, char **argv);      // gguf_synth.cpp

// "1.23 GiB", "512 B": sizes for people.
std::string humanBytes(unsigned long long n);

} // namespace modelatlas::tools
