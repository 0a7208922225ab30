// libFuzzer target for the GGUF reader: arbitrary bytes are parsed as a GGUF
// file; when they parse, everything a caller may then do is exercised: every
// typed accessor on every key, display rendering, the hyper-parameter reader
// and the tokenizer loader, and dequantisation of every tensor's first row
// (which reads the tensor data in place, so a bounds mistake in the parser
// shows up as an ASan report). Checks: no crash, no sanitizer report, no
// exception, and tensor data lies inside the input.
//
// Seeds: any GGUF files (../shared/models, ../shared/tokenizer). Build with
// cmake -DMODELATLAS_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; run:
//   tests/fuzz/modelatlas-gguf-fuzz -max_total_time=60 -max_len=65536 CORPUS_DIR

#include "modelatlas/engine/gguf/gguf_file.h"
#include "modelatlas/engine/model/config.h"
#include "modelatlas/engine/tensor/dequantize.h"
#include "modelatlas/engine/tokenizer/tokenizer.h"

#include <cstdlib>
#include <span>
#include <vector>

using namespace modelatlas::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto parsed = GgufFile::parse(std::span<const uint8_t>(data, size), "fuzz.gguf");
    if (!parsed) {
        if (parsed.message().empty())
            std::abort();   // every refusal must say why
        return 0;
    }
    const GgufFile &f = *parsed.value();
    for (const GgufKeyValue &kv : f.metadata()) {
        (void)kv.value.toDisplayString(8);
        (void)f.getU32(kv.key);
        (void)f.getI64(kv.key);
        (void)f.getF32(kv.key);
        (void)f.getBool(kv.key);
        (void)f.getString(kv.key);
        (void)f.getUIntInRange(kv.key, 1, 1024);
        (void)f.getStringArray(kv.key);
        (void)f.getF32Array(kv.key);
        (void)f.getI32Array(kv.key);
    }
    (void)readConfig(f);
    (void)Tokenizer::fromGguf(f);

    std::vector<float> row;
    for (const GgufTensorInfo &t : f.tensors()) {
        if (t.data < data || t.data + t.nBytes > data + size)
            std::abort();
        (void)t.shapeString();
        // A tensor with a zero dimension has no first row to read.
        if (!canDequantize(t.type) || t.nElements == 0 || t.ne[0] > (1u << 16))
            continue;
        row.resize(size_t(t.ne[0]));
        (void)dequantize(t.type, t.data, row.data(), t.ne[0]);
    }
    return 0;
}
