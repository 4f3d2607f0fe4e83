#!/usr/bin/env bash
# Sets up, builds and runs `interdict demo` (simulated world -> investigate -> eval).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target interdict
./build/release/src/cli/interdict demo --out "${1:-out/demo}"
