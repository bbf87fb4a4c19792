#!/bin/sh
# Installs the Debian packages the pipeline and its tests use, when missing:
#   postgresql       server binaries for the database tests, which start their own
#                    server on a temporary directory and a loopback port;
#   tesseract-ocr    the OCR engine that reads scanned pages (English data included);
#   chromium, chromium-driver
#                    the headless browser (and its WebDriver) the tests of `councilpdf browse` drive.
set -e
missing=""
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
if command -v tesseract >/dev/null 2>&1; then
    tesseract --list-langs 2>/dev/null | grep -qx eng || missing="$missing tesseract-ocr-eng"
else
    missing="$missing tesseract-ocr-eng"
fi
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
[ -n "$missing" ] || exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
