#!/usr/bin/env bash
# CI: pyflakes (Debian's python3-pyflakes) over the tracked Python files under tools/ and tests/: unused imports
# and variables, undefined names, redefinitions, f-strings without placeholders. Any finding fails the step.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DEBIAN_FRONTEND=noninteractive
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends python3-pyflakes >/dev/null

mapfile -t files < <(git ls-files 'tools/*.py' 'tests/*.py')
if [[ ${#files[@]} -eq 0 ]]; then
    echo "python_lint: no Python files under tools/ or tests/" >&2
    exit 1
fi
/usr/bin/python3 -m pyflakes "${files[@]}"
echo "python_lint: ${#files[@]} files, no findings"
