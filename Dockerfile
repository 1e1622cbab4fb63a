# xena2archive in a container: the CLI with Ghostscript, Tesseract, the sRGB ICC profile and every Python
# dependency inside, so a conversion needs no network and no install on the machine running it.
#
#   docker build -t xena2archive .
#   docker run --rm --network=none --user "$(id -u):$(id -g)" -v "$PWD:/work" xena2archive backup.zip out/
#   docker run --rm --network=none --user "$(id -u):$(id -g)" -v "$PWD:/work" xena2archive verify out/
#
# BASE is any Debian bookworm image. The default has Python 3.11 already; a bare Debian base
# (e.g. one made with `debootstrap --variant=minbase bookworm` where no registry can be reached,
# as tools/docker-smoke does) gets Debian's python3 (3.11) from apt instead. Either way both stages
# below use the same interpreter path, so the virtual environment built in the first one runs in
# the second.
#
# The Python packages are requirements.lock's exact versions, checked by their hashes: the versions
# `make setup` installs from requirements-test.lock, so the image and a plain install write
# byte-identical bags.
ARG BASE=python:3.11-slim-bookworm

# ---- build: a virtual environment with the package (non-editable) and its dependencies ----------
FROM ${BASE} AS build
ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore
# Debian versions are not pinned: bookworm changes only by security and point releases, as on a host.
# hadolint ignore=DL3008
RUN set -eu; \
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then \
        apt-get update -qq; \
        apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    python3 -m venv /opt/xena2archive
COPY pyproject.toml README.md requirements.lock /src/
COPY schemas/ /src/schemas/
COPY src/ /src/src/
# Only for build hosts behind a TLS-inspecting proxy: a CA bundle mounted into the build.
ARG PIP_CERT
RUN set -eu; \
    /opt/xena2archive/bin/pip install --quiet --require-hashes -r /src/requirements.lock; \
    /opt/xena2archive/bin/pip install --quiet --no-deps /src; \
    /opt/xena2archive/bin/pip check; \
    /opt/xena2archive/bin/pip uninstall --quiet --yes pip setuptools; \
    /opt/xena2archive/bin/python -c 'import xena2archive.cli, lxml, xlsxwriter, msgspec, pikepdf, pikepdf.pdfa, bagit, jsonschema, PIL, img2pdf, pillow_heif, pygfried, extract_msg, charset_normalizer, ocrmypdf, pypdfium2'

# ---- runtime: the base, Ghostscript, the environment from the build stage, a non-root user -------
FROM ${BASE}
LABEL org.opencontainers.image.title="xena2archive" \
      org.opencontainers.image.description="Turns a Xena 'Lokal kopi' backup zip into a checksummed, self-describing BagIt archive." \
      org.opencontainers.image.licenses="MIT"
# The same Debian packages as tools/setup-system installs on a host (Ghostscript 10.0 with its
# sRGB profile; LibreOffice 7.4 without its desktop parts, for office documents; Tesseract 5.3 with
# its Danish and English data, for the text layer of pictures of text; Pango, HarfBuzz and the
# DejaVu fonts for WeasyPrint; python3 only when the base has none), without recommended extras.
# hadolint ignore=DL3008,SC2086
RUN set -eu; \
    need="ghostscript libgs-common libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"; \
    need="$need tesseract-ocr tesseract-ocr-dan tesseract-ocr-eng"; \
    need="$need libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"; \
    command -v python3 >/dev/null 2>&1 || need="$need python3"; \
    apt-get update -qq; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log; \
    test -r /usr/share/color/icc/ghostscript/srgb.icc; \
    groupadd --gid 10001 xena; \
    useradd --uid 10001 --gid xena --no-create-home --home-dir /tmp --shell /usr/sbin/nologin xena
COPY --from=build /opt/xena2archive /opt/xena2archive
# HOME=/tmp: any uid given with --user (which need not exist in /etc/passwd) has a writable home.
ENV PATH=/opt/xena2archive/bin:$PATH \
    HOME=/tmp \
    LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1
RUN xena2archive --version && gs --version && soffice --version && tesseract --list-langs | grep -qx dan && /opt/xena2archive/bin/python -c 'import weasyprint'
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/opt/xena2archive/bin/xena2archive"]
CMD ["--help"]
