#!/bin/sh
# Install the Debian packages named on the command line that are missing:
# as root with apt-get, otherwise print the one line that would do it.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "sanctwatch: missing Debian packages; run as root: apt-get install$missing" >&2
	exit 1
fi
echo "sanctwatch: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# An old or empty package list finds nothing: refresh it once first.
apt-get update -qq >&2 || exit 1
apt-get install -y -qq --no-install-recommends $missing >&2
