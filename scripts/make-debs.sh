#!/bin/sh
# make deb: the Debian packages libfwpay<SOVERSION>, libfwpay-dev, fwpay and fwpay-sandbox,
# split from a `make install DESTDIR=STAGE prefix=/usr` stage and built by Debian's own tools:
# dpkg-shlibdeps works out the dependencies from the binaries, dpkg-gensymbols writes the
# library's symbols file, dpkg-gencontrol the control files, dpkg-deb the archives.
#   scripts/make-debs.sh STAGE SOVERSION OUT
set -eu
cd "$(dirname "$0")/.."
stage=$(realpath "$1")
soversion=$2
out=$(realpath -m "$3")
version=$(cat VERSION)
debversion="$version-1"
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib="libfwpay$soversion"
work=$(realpath -m build/deb/packages)
rm -rf "$work" "$out"
mkdir -p "$work/debian" "$out"
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH="$epoch"

sed -e "s/@SOVERSION@/$soversion/g" -e "s/@ARCH@/$arch/g" -e "s/@DEBVERSION@/$debversion/g" \
  packaging/debian/control > "$work/debian/control"
cat > "$work/debian/changelog" <<CHANGES
fwpay ($debversion) unstable; urgency=medium

  * Upstream release $version (CHANGELOG.md in the source lists its changes).

 -- The fwpay authors <maintainers@fwpay.dev>  $(date -R -u -d "@$epoch")
CHANGES

# take PACKAGE PATH...: moves paths of the stage into the package's tree.
take() {
  package=$1; shift
  for path in "$@"; do
    mkdir -p "$work/debian/$package/$(dirname "$path")"
    mv "$stage/$path" "$work/debian/$package/$path"
  done
}
libdir="usr/lib/$multiarch"
take "$lib" "$libdir/libfwpay.so.$version" "$libdir/libfwpay.so.$soversion"
take libfwpay-dev usr/include/fwpay.h usr/include/fwpay_ffi.h "$libdir/libfwpay.so" "$libdir/pkgconfig/fwpay.pc" "$libdir/cmake/fwpay"
take fwpay usr/bin/fwpay usr/share/man/man1/fwpay.1.gz usr/share/bash-completion/completions/fwpay \
  usr/share/zsh/vendor-completions/_fwpay usr/share/fish/vendor_completions.d/fwpay.fish usr/share/fwpay
take fwpay-sandbox usr/bin/fwpay-sandbox usr/share/man/man1/fwpay-sandbox.1.gz lib/systemd/system/fwpay-sandbox.service
left=$(find "$stage" -type f -o -type l)
[ -z "$left" ] || { echo "make-debs: files of the stage in no package: $left" >&2; exit 1; }

cd "$work"
for package in "$lib" libfwpay-dev fwpay fwpay-sandbox; do
  root="debian/$package"
  mkdir -p "$root/DEBIAN" "$root/usr/share/doc/$package"
  cp ../../../packaging/debian/copyright "$root/usr/share/doc/$package/copyright"
  gzip -9n < debian/changelog > "$root/usr/share/doc/$package/changelog.Debian.gz"
done
# The library: how other packages depend on it, and the ldconfig trigger.
echo "libfwpay $soversion $lib (>= $version)" > "debian/$lib/DEBIAN/shlibs"
echo "activate-noawait ldconfig" > "debian/$lib/DEBIAN/triggers"
dpkg-gensymbols -q -p"$lib" -P"debian/$lib" -v"$version" -O"debian/$lib/DEBIAN/symbols" -e"debian/$lib/$libdir/libfwpay.so.$version"
sed -i "1a * Build-Depends-Package: libfwpay-dev" "debian/$lib/DEBIAN/symbols"
dpkg-shlibdeps -T"debian/$lib.substvars" "debian/$lib/$libdir/libfwpay.so.$version"
dpkg-shlibdeps -T"debian/fwpay.substvars" debian/fwpay/usr/bin/fwpay
dpkg-shlibdeps -T"debian/fwpay-sandbox.substvars" debian/fwpay-sandbox/usr/bin/fwpay-sandbox
for package in "$lib" libfwpay-dev fwpay fwpay-sandbox; do
  root="debian/$package"
  touch "debian/$package.substvars"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
  find "$root" -type d -exec chmod 755 {} +
  dpkg-gencontrol -p"$package" -P"$root" -T"debian/$package.substvars" -Vmisc:Depends=
  dpkg-deb --root-owner-group -Zxz --build "$root" "$out/${package}_${debversion}_$arch.deb" > /dev/null
done
ls "$out"
