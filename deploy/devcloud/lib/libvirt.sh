# deploy/devcloud/lib/libvirt.sh - libvirtd and virtlogd for the compute profile with --virt qemu.
# shellcheck shell=bash
# Sourced by lib/compute.sh (start) and stop.sh. Both daemons run as root WITHOUT systemd, in the
# foreground under start_service (pid file, own session), inside the cloud's network namespace, so the
# taps libvirt makes for guests land next to nova-compute, the linuxbridge agent and the guest bridge.
# They listen on UNIX sockets only (/run/libvirt/libvirt-sock, virtlogd-sock; no --listen, no TCP).

VIRSH=(/usr/bin/virsh -q -c qemu:///system)

libvirt_start() {
  # bookworm's libvirt-daemon-driver-qemu without libvirt-daemon-system (which would bring polkit and
  # systemd units) ships no qemu.conf and makes no libvirt-qemu user. libvirtd looks that user up
  # (its compiled-in default) before it reads qemu.conf, so it must exist although qemu runs as root.
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  getent passwd libvirt-qemu >/dev/null || useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
  # qemu.conf's path is compiled in. qemu as root with no DAC/AppArmor relabelling: the guests' disks,
  # config drives and Cinder's volume files are root's files in the state dir.
  if ! grep -q '^# stackmark devcloud' /etc/libvirt/qemu.conf 2>/dev/null; then
    mkdir -p /etc/libvirt
    cat >> /etc/libvirt/qemu.conf <<'EOC'
# stackmark devcloud (deploy/devcloud/lib/libvirt.sh): qemu as root, no relabelling
user = "root"
group = "root"
security_driver = "none"
EOC
  fi
  local L=$ETC/libvirt
  mkdir -p "$L" "$LOGS/libvirt"
  write_file "$L/libvirtd.conf" libvirtd <<EOC
# UNIX sockets only (libvirtd runs without --listen); root only
unix_sock_group = "root"
unix_sock_ro_perms = "0700"
unix_sock_rw_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:$LOGS/libvirt/libvirtd.log"
EOC
  # Nova reads each guest's serial console log through virtlogd
  write_file "$L/virtlogd.conf" virtlogd <<EOC
log_outputs = "3:file:$LOGS/libvirt/virtlogd.log"
EOC
  start_service virtlogd 0 /usr/sbin/virtlogd -f "$L/virtlogd.conf"
  start_service libvirtd 0 /usr/sbin/libvirtd -f "$L/libvirtd.conf"
  local i
  for ((i = 0; i < 120; i++)); do
    "${VIRSH[@]}" version >/dev/null 2>&1 && { log "libvirtd: ready ($("${VIRSH[@]}" version | sed -n 's/.*hypervisor: //ip'))"; return; }
    pid_alive libvirtd || { tail -5 "$LOGS/libvirtd.log" "$LOGS/libvirt/libvirtd.log" >&2 || true; die "libvirtd exited during start"; }
    sleep 0.25
  done
  die "libvirtd does not answer on qemu:///system; see $LOGS/libvirt/libvirtd.log"
}

# libvirt_stop_guests: destroy and undefine every domain (all are this cloud's: Nova names them
# instance-XXXXXXXX), through libvirtd while it runs. qemu runs in a session of its own, not in
# libvirtd's process group, so stopping libvirtd alone would leave the guests running.
libvirt_stop_guests() {
  local d n=0
  if pid_alive libvirtd && "${VIRSH[@]}" version >/dev/null 2>&1; then
    for d in $("${VIRSH[@]}" list --all --name); do
      "${VIRSH[@]}" destroy "$d" >/dev/null 2>&1 || true
      "${VIRSH[@]}" undefine "$d" >/dev/null 2>&1 || true
      n=$((n + 1))
    done
    [ $n = 0 ] || echo "destroyed $n guest(s)"
  fi
}

# libvirt_kill_orphans: after libvirtd is gone (it crashed, or a start was interrupted), guests it
# started may still run. libvirt leaves a pid file per running domain; kill those that are still a
# qemu-system process of a Nova domain.
libvirt_kill_orphans() {
  local f pid
  for f in /run/libvirt/qemu/instance-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null) || continue
    if [ -n "$pid" ] && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -q "qemu-system.*guest=instance-"; then
      kill -KILL "$pid" 2>/dev/null && echo "killed orphaned guest $(basename "$f" .pid) (pid $pid)"
    fi
    rm -f "$f"
  done
  # and the definitions libvirtd would load again at its next start (Nova defines persistent domains)
  if ! pid_alive libvirtd; then
    rm -f /etc/libvirt/qemu/instance-*.xml /run/libvirt/qemu/instance-*.xml
  fi
}
