#!/bin/bash
# deploy/devcloud/lib/guest-image.sh - the guest disk image of the compute profile with --virt qemu,
# built from Debian bookworm packages only (apt-get download from the configured mirror; nothing else
# is fetched).
#
#   lib/guest-image.sh OUT.qcow2
#
# What boots: an MBR disk with one FAT16 partition holding SYSLINUX, Debian's cloud kernel and an
# initramfs that IS the root filesystem (busybox-static, dropbear, util-linux's lsblk; it runs from
# RAM, so the disk is never written and a snapshot of it is the same image). /etc/rc.sh at boot:
#   - loads the virtio, CD-ROM, iso9660/vfat and ACPI-button modules (the cloud kernel has them as
#     modules, and no ahci: the guest must use Nova's default i440fx machine);
#   - reads Nova's config drive (label config-2; the cloud sets force_config_drive = true):
#     hostname and public keys from meta_data.json, the fixed IPv4 address, netmask and gateway from
#     network_data.json (the cloud has no DHCP and no metadata service);
#   - starts dropbear on port 22 (keys only; user root, and user cirros with the same keys) and
#     busybox acpid, so that an ACPI power-button press (Nova's stop and soft reboot) powers off
#     within seconds instead of waiting out Nova's shutdown_timeout;
#   - prints "DEVCLOUD-GUEST-READY ..." on the serial console (console log).
# Nothing is mounted and no loop device is used: the disk is put together in a plain file with
# sfdisk, mkfs.fat --offset, syslinux --offset and mtools, so this also runs where loop devices are
# not available. About 10 s; the qcow2 is about 15 MB.
#
# Limits (a test guest, not an OS): one NIC is configured (the first IPv4 network of
# network_data.json); hot-plugged NICs stay down; the root filesystem is lost on reboot
# (it is RAM), which Tempest's tests do not mind.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

OUT=$(realpath -m "${1:?usage: guest-image.sh OUT.qcow2}")
KERNEL_META=linux-image-cloud-amd64
WORK=$(mktemp -d /tmp/devcloud-guest.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
T0=$(date +%s)
say() { echo "guest-image: [$(( $(date +%s) - T0 ))s] $*"; }

for tool in dpkg-deb depmod modprobe cpio zstd sfdisk mkfs.fat mcopy syslinux qemu-img readelf; do
  command -v "$tool" >/dev/null || { echo "guest-image.sh: $tool is missing (install.sh --profile compute --virt qemu installs it)" >&2; exit 1; }
done

# ------------------------------------------------------------------ packages --
# The kernel package the meta package points at today (e.g. linux-image-6.1.0-57-cloud-amd64).
KPKG=$(apt-cache depends "$KERNEL_META" | awk '/Depends: linux-image-/ {print $2; exit}')
[ -n "$KPKG" ] || { echo "guest-image.sh: cannot resolve $KERNEL_META (apt-get update?)" >&2; exit 1; }
KVER=${KPKG#linux-image-}
# dropbear-bin and lsblk are dynamic: their libraries come from these .debs too, never from the host.
PKGS=("$KPKG" busybox-static dropbear-bin libtomcrypt1 libtommath1 libgmp10 libc6 libcrypt1 zlib1g
      util-linux libblkid1 libmount1 libsmartcols1 libudev1 libselinux1 libpcre2-8-0)
mkdir -p "$WORK/debs" "$WORK/x"
# APT::Sandbox::User=root: _apt may not write to the temporary directory
(cd "$WORK/debs" && apt-get -q -o APT::Sandbox::User=root download "${PKGS[@]}" >/dev/null)
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done
X=$WORK/x
say "downloaded and unpacked ${#PKGS[@]} packages (kernel $KVER)"

# -------------------------------------------------------------------- rootfs --
R=$WORK/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,lib/x86_64-linux-gnu,lib64,etc/dropbear,etc/acpi/PWRF,proc,sys,dev,run,tmp,mnt/config,root/.ssh,home/cirros/.ssh}
chmod 1777 "$R/tmp"; chmod 700 "$R/root" "$R/root/.ssh" "$R/home/cirros" "$R/home/cirros/.ssh"
install -m 755 "$X/bin/busybox" "$R/bin/busybox"
# every applet as a symlink at its usual place (sbin/init, bin/sh, usr/bin/awk, ...)
"$R/bin/busybox" --list-full | while read -r applet; do
  [ -e "$R/$applet" ] || ln -s /bin/busybox "$R/$applet"
done
ln -s /bin/busybox "$R/init"
install -m 755 "$X/usr/sbin/dropbear" "$R/usr/sbin/dropbear"
# Tempest's volume-attach tests run `lsblk -lb --nodeps` in the guest; busybox has no lsblk.
install -m 755 "$X/bin/lsblk" "$R/bin/lsblk"

# copy_libs BINARY: its shared libraries (recursively), taken from the unpacked .debs
copy_libs() {
  local lib src
  for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p'); do
    [ -e "$R/lib/x86_64-linux-gnu/$lib" ] && continue
    src=$(find "$X/lib/x86_64-linux-gnu" "$X/usr/lib/x86_64-linux-gnu" -name "$lib" 2>/dev/null | head -1)
    [ -n "$src" ] || { echo "guest-image.sh: library $lib not in the downloaded packages" >&2; exit 1; }
    cp -L "$src" "$R/lib/x86_64-linux-gnu/$lib"
    copy_libs "$R/lib/x86_64-linux-gnu/$lib"
  done
}
copy_libs "$R/usr/sbin/dropbear"
copy_libs "$R/bin/lsblk"
cp -L "$X/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$R/lib/x86_64-linux-gnu/"
ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$R/lib64/ld-linux-x86-64.so.2"

# Host keys, made once here: every guest has the same ones (Tempest does not check host keys).
for t in ed25519 ecdsa rsa; do
  LD_LIBRARY_PATH=$R/lib/x86_64-linux-gnu "$X/usr/bin/dropbearkey" -t $t -f "$R/etc/dropbear/dropbear_${t}_host_key" >/dev/null 2>&1
done

# Kernel modules and what they depend on, in load order (modprobe resolves it against the unpacked
# kernel; a module the kernel has built in or lacks prints nothing).
MODULES=(virtio_pci virtio_blk virtio_net virtio_scsi virtio_rng ata_piix sd_mod sr_mod iso9660 vfat nls_cp437 nls_ascii button)
depmod -b "$X" "$KVER"
for m in "${MODULES[@]}"; do
  modprobe -d "$X" -S "$KVER" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}' || true
done | awk '!seen[$0]++' | while read -r ko; do
  rel=${ko#"$X"}
  mkdir -p "$R$(dirname "$rel")"; cp "$ko" "$R$rel"
  echo "$rel" >> "$R/etc/modules.order"
done

printf 'root:x:0:0:root:/root:/bin/sh\ncirros:x:1000:1000:cirros:/home/cirros:/bin/sh\n' > "$R/etc/passwd"
printf 'root:*:19000:0:99999:7:::\ncirros:*:19000:0:99999:7:::\n' > "$R/etc/shadow"; chmod 600 "$R/etc/shadow"
printf 'root:x:0:\ntty:x:5:\ncirros:x:1000:\n' > "$R/etc/group"
printf '/bin/sh\n' > "$R/etc/shells"   # dropbear refuses users whose shell is not listed here
printf '127.0.0.1 localhost\n' > "$R/etc/hosts"

# busybox init: rc.sh once, then dropbear and acpid kept running
cat > "$R/etc/inittab" <<'EOF'
::sysinit:/etc/rc.sh
::respawn:/usr/sbin/dropbear -F -E -s -p 22 -r /etc/dropbear/dropbear_ed25519_host_key -r /etc/dropbear/dropbear_ecdsa_host_key -r /etc/dropbear/dropbear_rsa_host_key
::respawn:/sbin/acpid -f -c /etc/acpi
::ctrlaltdel:/sbin/reboot
EOF
# busybox acpid runs /etc/acpi/PWRF/* on the ACPI power-button event (virsh shutdown, Nova's stop)
printf '#!/bin/sh\nexec /sbin/poweroff\n' > "$R/etc/acpi/PWRF/poweroff"; chmod 755 "$R/etc/acpi/PWRF/poweroff"
# Some tests run `sudo CMD` over SSH; the SSH user is root, so sudo just runs CMD.
printf '#!/bin/sh\nwhile [ "${1#-}" != "$1" ]; do shift; done\nexec "$@"\n' > "$R/usr/bin/sudo"; chmod 755 "$R/usr/bin/sudo"

cat > "$R/etc/rc.sh" <<'EOF'
#!/bin/sh
# devcloud guest: runs once at boot (busybox init's sysinit)
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts; mount -t devpts -o gid=5,mode=620 devpts /dev/pts; mount -t tmpfs tmpfs /run
say() { echo "devcloud-guest: $*" > /dev/console; }
while read -r ko; do insmod "$ko" 2>/dev/null; done < /etc/modules.order
ip link set lo up

# The config drive appears a moment after the modules load: wait up to 10 s for it.
CFG=
for i in $(seq 100); do
  dev=$(findfs LABEL=config-2 2>/dev/null)
  if [ -n "$dev" ] && { mount -o ro -t iso9660 "$dev" /mnt/config || mount -o ro -t vfat "$dev" /mnt/config; } 2>/dev/null; then
    CFG=/mnt/config/openstack/latest; break
  fi
  sleep 0.1
done
[ -n "$CFG" ] || say "no config drive"
# No JSON parser in busybox, and none is needed: Nova writes these files with json.dumps, so a string
# value holds no quote and follows its key as `"key": "value"`; awk cuts out every value of one key.
json_strings() { # KEY FILE
  awk -v k="\"$1\": \"" '{ n = split($0, part, k); for (i = 2; i <= n; i++) { v = part[i]; sub(/".*/, "", v); print v } }' "$2"
}
HN=$( [ -z "$CFG" ] || json_strings hostname "$CFG/meta_data.json" | head -1)
HN=${HN%%.*}; hostname "${HN:-guest}"         # "name.novalocal" -> "name": Tempest compares it with the server name
echo "127.0.1.1 $(hostname)" >> /etc/hosts
if [ -n "$CFG" ]; then
  # "keys": [{"name": ..., "type": "ssh", "data": "ssh-rsa AAAA... Generated-by-Nova\n"}]
  json_strings data "$CFG/meta_data.json" | awk '{ sub(/\\n$/, "") } /^(ssh-|ecdsa-)/ && !seen[$0]++' > /root/.ssh/authorized_keys
  cp /root/.ssh/authorized_keys /home/cirros/.ssh/authorized_keys
  chown -R 1000:1000 /home/cirros; chmod 600 /root/.ssh/authorized_keys /home/cirros/.ssh/authorized_keys
fi

# Static IPv4 of the first network, on eth0 (the cloud's subnet has DHCP off, so Nova writes
# type "ipv4" with ip_address/netmask and the default route's gateway).
ip link set eth0 up
if [ -n "$CFG" ] && [ -f "$CFG/network_data.json" ]; then
  IP=$(json_strings ip_address "$CFG/network_data.json" | head -1)
  MASK=$(json_strings netmask "$CFG/network_data.json" | head -1)
  GW=$(json_strings gateway "$CFG/network_data.json" | head -1)
  MTU=$(sed -n 's/.*"mtu": \([0-9]*\).*/\1/p' "$CFG/network_data.json" | head -1)
  [ -n "$MTU" ] && ip link set eth0 mtu "$MTU"
  [ -n "$IP" ] && ifconfig eth0 "$IP" netmask "${MASK:-255.255.255.0}" up
  [ -n "$GW" ] && ip route replace default via "$GW" dev eth0
fi
umount /mnt/config 2>/dev/null
say "hostname=$(hostname) ip=${IP:-none} keys=$(wc -l < /root/.ssh/authorized_keys)"
echo "DEVCLOUD-GUEST-READY uptime=$(cut -d' ' -f1 /proc/uptime)" > /dev/console
EOF
chmod 755 "$R/etc/rc.sh"

# ------------------------------------------------------- initramfs and disk --
# cpio --owner +0:+0: every file root-owned (rc.sh chowns cirros' home at boot)
(cd "$R" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=+0:+0 --quiet | zstd -q -19 -T0) > "$WORK/initrd.img"
cp "$X/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
cat > "$WORK/syslinux.cfg" <<'EOF'
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL /vmlinuz
  INITRD /initrd.img
  APPEND console=tty0 console=ttyS0,115200n8 panic=5 quiet
EOF
# partition: kernel + initramfs + 4 MiB, at least 24 MiB (FAT16's minimum cluster count)
mib=$(( ( $(stat -c %s "$WORK/vmlinuz") + $(stat -c %s "$WORK/initrd.img") ) / 1048576 + 4 ))
[ $mib -ge 24 ] || mib=24
RAW=$WORK/disk.raw
truncate -s $(( (mib + 1) * 1048576 )) "$RAW"
echo 'start=2048, type=e, bootable' | sfdisk -q "$RAW"          # one FAT16 partition at 1 MiB
mkfs.fat -F 16 -n DEVCLOUD --offset 2048 "$RAW" $(( mib * 1024 )) >/dev/null
syslinux --install --offset 1048576 "$RAW"
mcopy -i "$RAW@@1M" "$WORK/vmlinuz" "$WORK/initrd.img" "$WORK/syslinux.cfg" ::/
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$RAW" bs=440 count=1 conv=notrunc status=none
mkdir -p "$(dirname "$OUT")"
qemu-img convert -f raw -O qcow2 -c "$RAW" "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
echo "$KVER" > "$OUT.kernel"
say "$OUT: $(stat -c %s "$OUT") bytes (virtual $(( mib + 1 )) MiB)"
