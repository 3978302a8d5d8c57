# Sourced by scripts/run and scripts/test: a .venv on Python 3.12 with the pinned requirements, installed once
# and again only when requirements/*.txt change; and the translation catalogues compiled (locale/*/LC_MESSAGES/*.mo
# are made from the .po files, never committed), again only when a .po file changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
    for candidate in python3.12 python3 python; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.12 is needed (see .python-version); none was found on PATH." >&2
    return 1
}

if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
fi
stamp=.venv/.requirements.sha256
wanted=$(cat requirements/*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
    echo "$wanted" > "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
.venv/bin/python -m cmcoord.core.catalogues
