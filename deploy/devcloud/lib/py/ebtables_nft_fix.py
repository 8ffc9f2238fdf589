"""Neutron Zed's linuxbridge agent on bookworm's ebtables-nft: imported by the agent's start command
(deploy/devcloud/lib/compute.sh), after the agent module and before main(); no installed file changes.

The agent's MAC-spoofing protection (arp_protect) deletes a tap's old `--among-src` rule by its spec
when the tap is seen again as "updated" (libvirt re-creates the tap within one polling interval on a
hard reboot, stop/start or rebuild). ebtables-nft 1.8.9 refuses that delete ("RULE_DELETE failed
(Invalid argument)"); the agent then retries its whole device batch forever, wires no new tap, and
new guests stay paused until Nova's vif_plugging_timeout. The legacy ebtables is no alternative: this
kernel has no legacy nat table.

Instead: flush the tap's chain and put its final DROP back (what upstream does for the ARP chain);
the agent then adds the new RETURN rule in front of it as usual.
"""
from neutron.plugins.ml2.drivers.linuxbridge.agent import arp_protect


def _delete_vif_mac_rules(vif, current_rules):
    if any(f'-i {vif}' in rule and '--among-src' in rule for rule in current_rules):
        chain = arp_protect._mac_chain_name(vif)
        arp_protect.ebtables(['-F', chain])
        arp_protect.ebtables(['-A', chain, '-j', 'DROP'])


arp_protect._delete_vif_mac_rules = _delete_vif_mac_rules
