#!/usr/bin/env bash
# The CUDA backend's checks and benchmarks on a lent GPU machine (the `device`
# tool; docs/PERFORMANCE.md, "Engine (CUDA)"), built to fit its short lease:
#
#   scripts/gpu-verify.sh pack          here: an optimised CUDA build of the engine's tests
#                                       and tools, stripped, plus ../shared's models and
#                                       goldens, into .gpu/ (git-ignored, under 64 MiB)
#   scripts/gpu-verify.sh tests         there: every GPU test, on the carried files
#   scripts/gpu-verify.sh bench TYPE    there: a Llama-3-8B-shaped TYPE file (F16, Q8_0,
#                                       Q4_K_M), then pp512/tg128, decode at 8K context
#                                       with an f16 and a q8_0 KV cache, and TTFT
#   scripts/gpu-verify.sh profile TYPE  there: Nsight Compute's speed-of-light figures for
#                                       the decode and prefill matrix kernels and attention
#
# Each `device` run carries .gpu (carry: [".gpu"]) and calls one of the last two,
# each within one call's 10 minutes. Results go to $OUT (JSON lines and logs)
# and a table at the end of the output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pack="$root/.gpu"
out="${OUT:-/tmp/gpu-verify}"

die() { echo "gpu-verify: $*" >&2; exit 1; }

pack() {
  local build="$root/build-gpu" shared="${MODELATLAS_SHARED_DIR:-$root/../shared}"
  [ -d "$shared/models" ] || die "no $shared/models: set MODELATLAS_SHARED_DIR to the shared test inputs"
  # RelWithDebInfo (-O2, as CI builds) then stripped: GCC 12 at -O3 raises a false
  # -Wstringop-overflow in gguf_writer.cpp, which -Werror turns into a failure.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMODELATLAS_ENGINE_ONLY=ON \
    -DMODELATLAS_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90 -DMODELATLAS_WERROR=ON
  ninja -C "$build" modelatlas_engine_tests atlas-bench atlas-run atlas-gguf
  rm -rf "$pack"
  mkdir -p "$pack/bin" "$pack/shared"
  strip -o "$pack/bin/modelatlas_engine_tests" "$build/tests/engine/modelatlas_engine_tests"
  for tool in atlas-bench atlas-run atlas-gguf; do
    strip -o "$pack/bin/$tool" "$build/engine/$tool"
  done
  cp -r "$shared/models" "$shared/golden" "$pack/shared/"
  local exclude
  exclude="$(git -C "$root" rev-parse --git-path info/exclude)"
  mkdir -p "$(dirname "$exclude")"
  grep -qx '/.gpu/' "$exclude" 2>/dev/null || echo '/.gpu/' >>"$exclude"
  du -sh "$pack"
}

require_pack() {
  [ -x "$pack/bin/atlas-bench" ] || die "no $pack/bin: run 'scripts/gpu-verify.sh pack' here and carry .gpu"
  mkdir -p "$out"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv | tee "$out/gpu.csv"
  else
    echo "gpu-verify: no nvidia-smi here; the GPU tests will skip and --backend cuda will fail" | tee "$out/gpu.csv"
  fi
}

tests() {
  require_pack
  # GPU tests only: some others need more tools at this machine's build paths, and run in CI anyway.
  # The GPU tests that synthesise a model use the carried atlas-gguf.
  set +e
  MODELATLAS_SHARED_DIR="$pack/shared" MODELATLAS_ATLAS_GGUF_EXE="$pack/bin/atlas-gguf" \
    "$pack/bin/modelatlas_engine_tests" \
    --gtest_filter='*Cuda*:*BackendChoice*:*FirstUsable*' --gtest_output="json:$out/tests.json" \
    >"$out/tests.log" 2>&1
  local status=$?
  set -e
  # The counts, then every failure by name (skips are listed in tests.log).
  grep -E '^\[==========\] [0-9]+ tests? from .* ran|^\[  (PASSED  |SKIPPED |FAILED  )\] [0-9]+ tests?' "$out/tests.log"
  grep -E '^\[  FAILED  \] [A-Za-z]' "$out/tests.log" | sort -u | head -60 || true
  return $status
}

bench() {
  local type="$1" file="/tmp/llama8b-$1.gguf" bench="$pack/bin/atlas-bench" results="$out/bench-$1.jsonl"
  require_pack
  [ -f "$file" ] || "$pack/bin/atlas-gguf" synth --preset llama-3-8b --type "$type" -o "$file"
  : >"$results"
  "$bench" "$file" --backend cuda -p 512 -n 128 -r 3 --json | tee -a "$results"
  "$bench" "$file" --backend cuda -p 0 -n 64 -d 8192 -r 2 --json | tee -a "$results"
  "$bench" "$file" --backend cuda -p 0 -n 64 -d 8192 -r 2 --kv-type q8_0 --json | tee -a "$results"
  # TTFT: a 512-token prompt (ids 1..512), then 16 greedy tokens.
  "$pack/bin/atlas-run" "$file" --backend cuda --ids "$(seq -s, 1 512)" -n 16 --ignore-eos --json \
    >"$out/ttft-$type.json"
  python3 - "$results" "$out/ttft-$type.json" <<'EOF'
import json, sys
print(f"{'kv':5} {'depth':>6} {'pp tok/s':>10} {'tg tok/s':>10} {'roofline':>9} {'of roof':>7} "
      f"{'weights MiB':>11} {'KV MiB':>8} {'device MiB':>10} {'context MiB':>11}")
for line in open(sys.argv[1]):
    r = json.loads(line)
    mib = lambda k: r.get(k, 0) / 1048576
    share = r["tg_tok_s"] / r["tg_roofline_tok_s"] if r.get("tg_roofline_tok_s") else 0
    print(f"{r['kv_type']:5} {r['depth']:6d} {r['pp_tok_s']:10.1f} {r['tg_tok_s']:10.2f} "
          f"{r['tg_roofline_tok_s']:9.2f} {share:7.1%} {mib('weight_bytes'):11.1f} {mib('kv_cache_bytes'):8.1f} "
          f"{mib('device_used_bytes'):10.1f} {mib('context_bytes'):11.1f}")
run = json.load(open(sys.argv[2]))['stats']
print(f"TTFT {run['ttft_ms']:.1f} ms for {run['prompt_tokens']} prompt tokens; load {run['load_ms']:.0f} ms")
EOF
}

profile() {
  local type="$1" file="/tmp/llama8b-$1.gguf"
  require_pack
  command -v ncu >/dev/null || die "no ncu (Nsight Compute) here"
  [ -f "$file" ] || "$pack/bin/atlas-gguf" synth --preset llama-3-8b --type "$type" -o "$file"
  # Past the first layers' launches (warm-up), a few of each kernel: prefill's
  # tensor-core matMul, decode's warp kernel and attention, prefill's tiled attention.
  # Reports stay in /tmp: only 8 files come back from $OUT, and these are large.
  local reports=/tmp/gpu-verify-profile
  mkdir -p "$reports"
  for kernel in mmaMatMul matMulKernel attentionSplitKernel tiledAttentionKernel; do
    ncu --kernel-name "regex:$kernel" --launch-skip 40 --launch-count 4 --section SpeedOfLight \
      -o "$reports/$type-$kernel" -f "$pack/bin/atlas-bench" "$file" --backend cuda -p 512 -n 16 -r 1 \
      >"$reports/$type-$kernel.log" 2>&1 || { tail -5 "$reports/$type-$kernel.log"; continue; }
    ncu -i "$reports/$type-$kernel.ncu-rep" --page details | tee "$out/profile-$type-$kernel.txt" |
      grep -E 'mmaMatMul|matMulKernel|attentionSplit|tiledAttention|Duration|DRAM Throughput|Compute \(SM\) Throughput|Memory Throughput'
  done
}

case "${1:-}" in
  pack) pack ;;
  tests) tests ;;
  bench) [ $# -eq 2 ] || die "usage: gpu-verify.sh bench F16|Q8_0|Q4_K_M"; bench "$2" ;;
  profile) [ $# -eq 2 ] || die "usage: gpu-verify.sh profile F16|Q8_0|Q4_K_M"; profile "$2" ;;
  *) die "usage: gpu-verify.sh pack | tests | bench TYPE | profile TYPE" ;;
esac
