#!/bin/sh
# make image: the sandbox's OCI image, built by buildah from packaging/oci/Containerfile without
# a Docker engine or a registry, stored in the local containers storage as
# fwpay-sandbox:VERSION (podman sees it) and written as dist/fwpay-sandbox-VERSION.oci.tar
# (`podman load -i`, `docker load -i`, `skopeo copy oci-archive:...` to a registry).
set -eu
cd "$(dirname "$0")/.."
version=$(cat VERSION)
context=build/oci
rm -rf "$context"
mkdir -p "$context/rootfs/usr/bin" "$context/rootfs/etc/ssl/certs" "$context/rootfs/tmp" "$context/data"
cp dist/fwpay-sandbox "$context/rootfs/usr/bin/fwpay-sandbox"
# The libraries the sandbox links and theirs, at the paths the dynamic linker looks in.
ldd dist/fwpay-sandbox | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | while read -r library; do
  cp -L --parents "$library" "$context/rootfs"
done
cp -L /etc/ssl/certs/ca-certificates.crt "$context/rootfs/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$context/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$context/rootfs/etc/group"
chmod 1777 "$context/rootfs/tmp"
created=$(date -u -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)" +%Y-%m-%dT%H:%M:%SZ)
buildah build --quiet --layers=false -f packaging/oci/Containerfile -t "fwpay-sandbox:$version" \
  --label org.opencontainers.image.title=fwpay-sandbox \
  --label org.opencontainers.image.description="A local, stateful implementation of Flywire's Payments API" \
  --label org.opencontainers.image.version="$version" --label org.opencontainers.image.licenses=MIT \
  --label org.opencontainers.image.created="$created" \
  --label org.opencontainers.image.source=https://github.com/fwpay/fwpay "$context" > /dev/null
rm -f "dist/fwpay-sandbox-$version.oci.tar"
buildah push --quiet "fwpay-sandbox:$version" "oci-archive:dist/fwpay-sandbox-$version.oci.tar:fwpay-sandbox:$version"
echo "make-image: fwpay-sandbox:$version, dist/fwpay-sandbox-$version.oci.tar ($(du -m "dist/fwpay-sandbox-$version.oci.tar" | cut -f1) MB)"
