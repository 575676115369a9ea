#!/usr/bin/env bash
# Installs (or checks) what the tests need beyond npm: Debian's Chromium for end-to-end tests and
# GDAL to prove our GeoTIFFs open in real GIS software, poppler to read our PDFs, ffmpeg's ffprobe to decode
# our animations with another program than the one that wrote them, R as a reference,
# PostgreSQL with PostGIS for the team workspace. Never downloads a browser of its own.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v gdalinfo >/dev/null 2>&1 || need+=(gdal-bin)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
# R's survival package is the reference our Turnbull estimator is checked against.
Rscript -e 'library(survival)' >/dev/null 2>&1 || need+=(r-base-core r-cran-survival)
# A real PostgreSQL 15 with PostGIS for the team workspace's tests (each test starts its own cluster).
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client-15)

if [ ${#need[@]} -eq 0 ]; then
  echo "ensure-deps: chromium, gdal-bin, poppler-utils, ffmpeg, R survival and PostgreSQL 15 with PostGIS are present."
  exit 0
fi

echo "ensure-deps: installing ${need[*]} from Debian's packages…"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "ensure-deps: cannot install ${need[*]}: run 'sudo apt-get install -y ${need[*]}' and try again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
echo "ensure-deps: done."
