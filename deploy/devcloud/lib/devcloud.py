"""Keystone-side set-up of the Stackmark dev cloud, run by start.sh with Debian's /usr/bin/python3.

  devcloud.py bootstrap   projects, users, roles, role grants, services and endpoints (idempotent)
  devcloud.py wait        wait until every endpoint in the catalog answers; check the demo user
  devcloud.py clouds      write $STATE/clouds.yaml and merge it into /etc/openstack/clouds.yaml;
                          write $STATE/accounts.yaml (Tempest's format: the member accounts)
  devcloud.py forget      remove $STATE's clouds from /etc/openstack/clouds.yaml (stop.sh --wipe)
  devcloud.py compute-up  (profile compute) wait for nova-compute and the neutron agent to report in
  devcloud.py resources   (profile compute) flavors, two images, the public network (and with
                          VIRT=qemu the guests' flat network); then wait for a hypervisor and
                          Cinder's pool

Everything comes from the environment that start.sh sets: OS_AUTH_URL, REGION, STATE, TLS, REGIONS,
TLS_CA and the *_PASSWORD variables. Only the keystone REST API is used (one keystoneauth session), which
is much faster than one `openstack` CLI process per call (about 1.5 s each on 2 cores).
"""
import os
import subprocess
import sys
import tempfile
import time

import yaml
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

HOST = os.environ.get("HOST", "127.0.0.1")
AUTH_URL = os.environ.get("OS_AUTH_URL", f"http://{HOST}:5000/v3")
REGION = os.environ.get("REGION", "RegionOne")
STATE = os.environ["STATE"]
PROFILE = os.environ.get("PROFILE", "storage")
VIRT = os.environ.get("VIRT", "fake")
SYSTEM_CLOUDS = "/etc/openstack/clouds.yaml"
# start.sh --tls: public endpoints on the HTTPS front (port + 10000, lib/tls.sh), trusted through TLS_CA
TLS = os.environ.get("TLS", "off") == "on"
TLS_CA = os.environ.get("TLS_CA", "")
REGIONS = int(os.environ.get("REGIONS", "1"))
REGION_TWO = "RegionTwo"

# user -> (project, password variable, roles on that project)
USERS = {
    "admin": ("admin", "ADMIN_PASSWORD", ["admin"]),
    "demo": ("demo", "DEMO_PASSWORD", ["member"]),
    "alt_demo": ("alt_demo", "ALT_PASSWORD", ["member"]),
    # accounts.yaml: two more member accounts (two workers each lock a primary and an alternate) and
    # Swift's reseller admin, which the account-quota tests need beside an operator
    "demo3": ("demo3", "DEMO3_PASSWORD", ["member"]),
    "demo4": ("demo4", "DEMO4_PASSWORD", ["member"]),
    # only ResellerAdmin: Tempest picks the 'operator' of those tests by the member role, and must
    # not take the one reseller for it
    "reseller": ("reseller", "RESELLER_PASSWORD", ["ResellerAdmin"]),
    # a second one: the two account-quota test classes may run at once on two workers, and Tempest fails a
    # class rather than wait for a locked account
    "reseller2": ("reseller2", "RESELLER2_PASSWORD", ["ResellerAdmin"]),
    # service users; `service` is the role service tokens are checked for
    "swift": ("service", "SERVICE_PASSWORD", ["admin", "service"]),
    "glance": ("service", "SERVICE_PASSWORD", ["admin", "service"]),
}
if PROFILE == "compute":
    # Nova sends its own token as X-Service-Token to Neutron, Cinder and Placement, whose
    # keystonemiddleware wants the "service" role on it (service_token_roles_required).
    for _svc in ("placement", "neutron", "nova", "cinder"):
        USERS[_svc] = ("service", "SERVICE_PASSWORD", ["admin", "service"])
# member/reader come with keystone-manage bootstrap; ResellerAdmin and
# swiftoperator are Swift's (reseller_admin_role, operator_roles).
ROLES = ["admin", "member", "reader", "service", "ResellerAdmin", "swiftoperator"]
ACCOUNTS = ["demo", "alt_demo", "demo3", "demo4", "reseller", "reseller2"]
SERVICES = [
    # (type, name, port, path)
    ("identity", "keystone", 5000, "/v3"),
    ("object-store", "swift", 8080, "/v1/AUTH_%(project_id)s"),
    ("image", "glance", 9292, ""),
]
if PROFILE == "compute":
    SERVICES += [
        ("placement", "placement", 8778, ""),
        ("network", "neutron", 9696, ""),
        ("compute", "nova", 8774, "/v2.1"),
        ("volumev3", "cinderv3", 8776, "/v3/%(project_id)s"),
        ("block-storage", "cinder", 8776, "/v3/%(project_id)s"),
    ]
# RegionTwo (start.sh --regions 2, lib/region-two.sh): its own Swift proxy and Glance; Keystone is global
REGION_TWO_SERVICES = [
    ("identity", "keystone", 5000, "/v3"),
    ("object-store", "swift", 8090, "/v1/AUTH_%(project_id)s"),
    ("image", "glance", 9392, ""),
]


def url(port, path, interface):
    """The public interface goes through the HTTPS front when TLS is on; internal and admin stay plain."""
    if TLS and interface == "public":
        return f"https://{HOST}:{port + 10000}{path}"
    return f"http://{HOST}:{port}{path}"


PUBLIC_AUTH_URL = url(5000, "/v3", "public")

# What a certification needs and Stackmark will not create: two flavors (flavor_ref and
# flavor_ref_alt), two images (image_ref, image_ref_alt), an external network.
FLAVORS = [  # id, name, ram MB, disk GB, vcpus
    ("42", "m1.nano", 128, 1, 1),
    ("84", "m1.micro", 192, 1, 1),
]
IMAGES = ["devcloud-blank-1", "devcloud-blank-2"]
# VIRT=qemu: Tempest's image_ref and image_ref_alt are the guest image lib/guest-image.sh built, and
# carry what a runner needs to log in: os_type (a Linux guest, so validation can be on) and
# os_admin_user (the SSH user: root, key-only; user cirros has the same keys). os_distro/os_version
# name where the kernel and userland come from (Debian 12 packages: kernel, busybox, dropbear).
GUEST_IMAGES = ["devcloud-guest-1", "devcloud-guest-2"]
GUEST_IMAGE_FILE = os.path.join(STATE, "data", "guest", "devcloud-guest.qcow2")
GUEST_IMAGE_PROPERTIES = {
    "os_type": "linux", "os_distro": "debian", "os_version": "12", "os_admin_user": "root",
    # the guest's kernel has virtio drivers (and no ahci: Nova's default i440fx machine it is)
    "hw_disk_bus": "virtio", "hw_vif_model": "virtio",
    "description": "Stackmark devcloud guest: Debian's cloud kernel, busybox and dropbear in an "
                   "initramfs (deploy/devcloud/lib/guest-image.sh); SSH as root with the server's key pair",
}
GUEST_NET = os.environ.get("GUEST_NET", "guests")
GUEST_PHYSNET = os.environ.get("GUEST_PHYSNET", "guests")
GUEST_CIDR = os.environ.get("GUEST_CIDR", "10.77.0.0/24")
GUEST_GW = os.environ.get("GUEST_GW", "10.77.0.1")
PUBLIC_NET, PUBLIC_CIDR, PUBLIC_GW = "public", "172.24.4.0/24", "172.24.4.1"
INTERFACES = ["public", "internal", "admin"]


def session(user="admin", project=None):
    project = project or USERS[user][0]
    auth = v3.Password(auth_url=AUTH_URL, username=user, password=os.environ[USERS[user][1]],
                       project_name=project, user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth, verify=TLS_CA if TLS else True)


class Keystone:
    """The few identity v3 calls needed, each create preceded by a lookup."""

    def __init__(self, sess):
        self.s = sess
        self.changed = []

    def _url(self, path):
        return AUTH_URL.rstrip("/") + path

    def get(self, path, **params):
        return self.s.get(self._url(path), params=params).json()

    def post(self, path, body):
        return self.s.post(self._url(path), json=body).json()

    def find(self, coll, **params):
        items = self.get(f"/{coll}", **params)[coll]
        return items[0] if items else None

    def ensure(self, coll, key, body, **params):
        found = self.find(coll, **params)
        if found:
            return found
        self.changed.append(f"{key} {body.get('name', '')}")
        return self.post(f"/{coll}", {key: body})[key]

    def grant(self, project_id, user_id, role_id, label):
        path = self._url(f"/projects/{project_id}/users/{user_id}/roles/{role_id}")
        if self.s.head(path, raise_exc=False).status_code == 204:
            return
        self.s.put(path)
        self.changed.append(f"grant {label}")


def bootstrap():
    ks = Keystone(session())
    roles = {r: ks.ensure("roles", "role", {"name": r}, name=r)["id"] for r in ROLES}
    projects = {}
    for p in sorted({proj for proj, _, _ in USERS.values()}):
        projects[p] = ks.ensure("projects", "project",
                                {"name": p, "domain_id": "default", "description": "stackmark devcloud"},
                                name=p, domain_id="default")["id"]
    for user, (project, pw_var, user_roles) in USERS.items():
        uid = ks.ensure("users", "user",
                        {"name": user, "domain_id": "default", "password": os.environ[pw_var],
                         "default_project_id": projects[project]},
                        name=user, domain_id="default")["id"]
        for r in user_roles:
            ks.grant(projects[project], uid, roles[r], f"{user}/{project}/{r}")
    regions = [(REGION, SERVICES)] + ([(REGION_TWO, REGION_TWO_SERVICES)] if REGIONS == 2 else [])
    if REGIONS == 2 and ks.s.get(ks._url(f"/regions/{REGION_TWO}"), raise_exc=False).status_code == 404:
        ks.post("/regions", {"region": {"id": REGION_TWO, "description": "stackmark devcloud"}})
        ks.changed.append(f"region {REGION_TWO}")
    for region, services in regions:
        for stype, name, port, path in services:
            sid = ks.ensure("services", "service", {"type": stype, "name": name, "enabled": True}, type=stype)["id"]
            for iface in INTERFACES:
                want = url(port, path, iface)
                ep = ks.find("endpoints", service_id=sid, interface=iface, region_id=region)
                if ep is None:
                    ks.post("/endpoints", {"endpoint": {"service_id": sid, "interface": iface, "url": want,
                                                        "region_id": region, "enabled": True}})
                    ks.changed.append(f"endpoint {region} {stype}/{iface}")
                elif ep["url"] != want:
                    ks.s.patch(ks._url(f"/endpoints/{ep['id']}"), json={"endpoint": {"url": want}})
                    ks.changed.append(f"endpoint {region} {stype}/{iface} url")
    if REGIONS == 1:  # --regions 1 after 2: RegionTwo's endpoints go (its services were stopped)
        for ep in ks.get("/endpoints", region_id=REGION_TWO)["endpoints"]:
            ks.s.delete(ks._url(f"/endpoints/{ep['id']}"))
            ks.changed.append(f"endpoint {REGION_TWO} {ep['interface']} removed")
    print("keystone: " + (", ".join(ks.changed) if ks.changed else "nothing to change"))


def wait(timeout=float(os.environ.get("WAIT_TIMEOUT", "120"))):
    """Every endpoint of the catalog must give an HTTP answer below 500 (auth'd as admin)."""
    deadline = time.monotonic() + timeout
    sess = session()
    project_id = sess.get_project_id()
    pending = {}
    for svc in sess.auth.get_access(sess).service_catalog.catalog:
        for ep in svc["endpoints"]:
            url = ep["url"].replace("%(project_id)s", project_id).replace("$(project_id)s", project_id)
            pending[url] = f"{svc['type']}/{ep['interface']}"
    while pending:
        for url in list(pending):
            try:
                r = sess.get(url, raise_exc=False, timeout=5)
                if r.status_code < 500:
                    del pending[url]
            except ks_exc.ConnectionError:
                pass
        if pending and time.monotonic() > deadline:
            sys.exit("endpoints not answering after %ds: %s" % (timeout, ", ".join(
                f"{v} {k}" for k, v in pending.items())))
        if pending:
            time.sleep(1)
    # The non-admin users can log in, and the member role is enough for Swift (in every region,
    # through the public endpoints: over HTTPS with the cloud's CA when TLS is on).
    for user in ACCOUNTS:
        s = session(user)
        for region in [REGION] + ([REGION_TWO] if REGIONS == 2 else []):
            r = s.head(s.get_endpoint(service_type="object-store", interface="public", region_name=region),
                       raise_exc=False)
            if r.status_code not in (200, 204):
                sys.exit(f"{user}: HEAD of its Swift account in {region} gave {r.status_code}")
    print(f"all endpoints answer; {', '.join(ACCOUNTS)} can use Swift" + (" over HTTPS" if TLS else ""))


def cloud_entry(user, region=REGION):
    project, pw_var, _ = USERS[user]
    entry = {
        "auth": {"auth_url": PUBLIC_AUTH_URL, "username": user, "password": os.environ[pw_var],
                 "project_name": project, "user_domain_name": "Default", "project_domain_name": "Default"},
        "region_name": region,
        "interface": "public",
        "identity_api_version": 3,
    }
    if TLS:
        entry["cacert"] = TLS_CA
    return entry


def accounts_yaml():
    """Tempest's accounts.yaml (tempest/lib/common/preprov_creds.py reads it): the member accounts a
    vendor would hand a certification, none with the admin role, one with ResellerAdmin."""
    out = []
    for user in ACCOUNTS:
        project, pw_var, roles = USERS[user]
        out.append({"username": user, "project_name": project, "password": os.environ[pw_var],
                    "user_domain_name": "Default", "project_domain_name": "Default",
                    "roles": roles})
    return out


def read_yaml(path):
    with open(path) as fh:
        doc = yaml.safe_load(fh) or {}
    if not isinstance(doc, dict):
        sys.exit(f"{path} is not a YAML mapping; not touching it")
    if not isinstance(doc.get("clouds"), dict):
        doc["clouds"] = {}
    return doc


def write_yaml(path, doc, mode):
    tmp = f"{path}.tmp.{os.getpid()}"
    with open(tmp, "w") as fh:
        os.fchmod(fh.fileno(), mode)
        yaml.safe_dump(doc, fh, default_flow_style=False, sort_keys=False)
    os.replace(tmp, path)


def clouds():
    ours = {"devcloud": cloud_entry("demo"), "devcloud-admin": cloud_entry("admin"),
            "devcloud-alt": cloud_entry("alt_demo")}
    if REGIONS == 2:
        ours.update({f"{k}-r2": cloud_entry(u, REGION_TWO) for k, u in
                     (("devcloud", "demo"), ("devcloud-admin", "admin"), ("devcloud-alt", "alt_demo"))})
    write_yaml(os.path.join(STATE, "clouds.yaml"), {"clouds": ours}, 0o600)
    write_yaml(os.path.join(STATE, "accounts.yaml"), accounts_yaml(), 0o600)
    # Merge: keep every other cloud and key of an existing file, replace only ours.
    # (Comments in that file are not kept.)
    os.makedirs(os.path.dirname(SYSTEM_CLOUDS), exist_ok=True)
    exists = os.path.exists(SYSTEM_CLOUDS)
    doc = read_yaml(SYSTEM_CLOUDS) if exists else {"clouds": {}}
    stale = [k for k in ("devcloud-r2", "devcloud-admin-r2", "devcloud-alt-r2") if k not in ours and k in doc["clouds"]]
    for k in stale:  # --regions 1 after 2
        del doc["clouds"][k]
    if not stale and all(doc["clouds"].get(k) == v for k, v in ours.items()):
        print(f"{SYSTEM_CLOUDS}: up to date")
        return
    doc["clouds"].update(ours)
    write_yaml(SYSTEM_CLOUDS, doc, os.stat(SYSTEM_CLOUDS).st_mode & 0o777 if exists else 0o644)
    print(f"{SYSTEM_CLOUDS}: wrote {', '.join(ours)}")


def forget():
    """Drop this state dir's clouds from the system file, only where they are still ours."""
    mine = os.path.join(STATE, "clouds.yaml")
    if not (os.path.exists(mine) and os.path.exists(SYSTEM_CLOUDS)):
        return
    ours = read_yaml(mine)["clouds"]
    doc = read_yaml(SYSTEM_CLOUDS)
    gone = [k for k, v in ours.items() if doc["clouds"].get(k) == v]
    if gone:
        for k in gone:
            del doc["clouds"][k]
        write_yaml(SYSTEM_CLOUDS, doc, os.stat(SYSTEM_CLOUDS).st_mode & 0o777)
        print(f"{SYSTEM_CLOUDS}: removed {', '.join(gone)}")


def _until(what, check, timeout=180, step=1.0):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            sys.exit(f"timed out after {timeout}s waiting for {what}")
        time.sleep(step)


def compute_up():
    """nova-compute is up in os-services and the linuxbridge agent is alive (ports can be bound)."""
    sess = session()
    ep = {"service_type": "compute", "interface": "public", "region_name": REGION}
    net = {"service_type": "network", "interface": "public", "region_name": REGION}

    def nova_compute():
        r = sess.get("/os-services?binary=nova-compute", endpoint_filter=ep, raise_exc=False)
        return r.status_code == 200 and any(s["state"] == "up" for s in r.json()["services"])

    def agent():
        r = sess.get("/v2.0/agents?agent_type=Linux+bridge+agent", endpoint_filter=net, raise_exc=False)
        return r.status_code == 200 and any(a["alive"] for a in r.json()["agents"])

    _until("nova-compute to report up", nova_compute)
    _until("the neutron linuxbridge agent to report alive", agent)
    print("nova-compute up; linuxbridge agent alive")


def build_image(path):
    """A tiny qcow2 disk made here (qemu-img), nothing downloaded. It boots nothing: the fake
    virt driver never reads it. No os_type/os_distro: it is no Linux guest."""
    subprocess.run(["/usr/bin/qemu-img", "create", "-q", "-f", "qcow2", path, "64M"], check=True)


def guest_network(sess, network):
    """The shared flat network every guest boots on (VIRT=qemu). Tempest finds it by name
    ([compute] fixed_network_name, [validation] network_for_ssh) and SSHes to the fixed address.
    DHCP off: then Nova's config drive carries the static address (with DHCP on it says only
    "ipv4_dhcp", and there is no DHCP agent)."""
    done = []
    nets = sess.get(f"/v2.0/networks?name={GUEST_NET}", endpoint_filter=network).json()["networks"]
    if nets:
        net = nets[0]
    else:
        net = sess.post("/v2.0/networks", endpoint_filter=network, json={"network": {
            "name": GUEST_NET, "shared": True, "provider:network_type": "flat",
            "provider:physical_network": GUEST_PHYSNET}}).json()["network"]
        done.append(f"network {GUEST_NET}")
    if not net.get("subnets"):
        prefix = GUEST_CIDR.rsplit(".", 1)[0]
        sess.post("/v2.0/subnets", endpoint_filter=network, json={"subnet": {
            "name": f"{GUEST_NET}-subnet", "network_id": net["id"], "ip_version": 4, "cidr": GUEST_CIDR,
            "gateway_ip": GUEST_GW, "enable_dhcp": False,
            "allocation_pools": [{"start": f"{prefix}.10", "end": f"{prefix}.250"}]}})
        done.append(f"subnet {GUEST_CIDR}")
    return done


def resources():
    sess = session()
    compute = {"service_type": "compute", "interface": "public", "region_name": REGION}
    image = {"service_type": "image", "interface": "public", "region_name": REGION}
    network = {"service_type": "network", "interface": "public", "region_name": REGION}
    volume = {"service_type": "volumev3", "interface": "public", "region_name": REGION}
    done = []

    have = {f["id"] for f in sess.get("/flavors?is_public=None", endpoint_filter=compute).json()["flavors"]}
    for fid, name, ram, disk, vcpus in FLAVORS:
        if fid not in have:
            sess.post("/flavors", endpoint_filter=compute, json={"flavor": {
                "id": fid, "name": name, "ram": ram, "disk": disk, "vcpus": vcpus, "os-flavor-access:is_public": True}})
            done.append(f"flavor {name}")

    for name in (GUEST_IMAGES if VIRT == "qemu" else IMAGES):
        found = sess.get(f"/v2/images?name={name}", endpoint_filter=image).json()["images"]
        if any(i["status"] == "active" for i in found):
            continue
        for i in found:  # an upload interrupted earlier
            sess.delete(f"/v2/images/{i['id']}", endpoint_filter=image)
        body = {"name": name, "disk_format": "qcow2", "container_format": "bare", "visibility": "public"}
        if VIRT == "qemu":
            body.update(GUEST_IMAGE_PROPERTIES)
        img = sess.post("/v2/images", endpoint_filter=image, json=body).json()
        with tempfile.TemporaryDirectory() as tmp:
            path = GUEST_IMAGE_FILE if VIRT == "qemu" else os.path.join(tmp, "disk.qcow2")
            if VIRT != "qemu":
                build_image(path)
            with open(path, "rb") as fh:
                sess.put(f"/v2/images/{img['id']}/file", endpoint_filter=image, data=fh.read(),
                         headers={"Content-Type": "application/octet-stream"})
        done.append(f"image {name}")

    nets = sess.get(f"/v2.0/networks?name={PUBLIC_NET}", endpoint_filter=network).json()["networks"]
    if nets:
        net = nets[0]
    else:
        net = sess.post("/v2.0/networks", endpoint_filter=network, json={"network": {
            "name": PUBLIC_NET, "router:external": True, "provider:network_type": "local"}}).json()["network"]
        done.append(f"network {PUBLIC_NET}")
    if not net.get("subnets"):
        sess.post("/v2.0/subnets", endpoint_filter=network, json={"subnet": {
            "name": f"{PUBLIC_NET}-subnet", "network_id": net["id"], "ip_version": 4, "cidr": PUBLIC_CIDR,
            "gateway_ip": PUBLIC_GW, "enable_dhcp": False}})
        done.append(f"subnet {PUBLIC_CIDR}")
    if VIRT == "qemu":
        done += guest_network(sess, network)
    print("resources: " + (", ".join(done) if done else "nothing to change"))

    # The scheduler can place a server once the hypervisor is in a cell and has reported to
    # placement; cinder's scheduler answers "No valid backend" until cinder-volume published
    # its pool stats (the first report comes up to 60 s after the start).
    def hypervisor():
        r = sess.get("/os-hypervisors/detail", endpoint_filter=compute, raise_exc=False)
        return r.status_code == 200 and [h for h in r.json()["hypervisors"] if h.get("state") == "up"]

    hv = _until("a hypervisor", hypervisor)

    def pools():
        r = sess.get("/scheduler-stats/get_pools", endpoint_filter=volume, raise_exc=False)
        return r.status_code == 200 and [p["name"] for p in r.json()["pools"]]

    pool = _until("cinder-volume's pool stats", pools, timeout=180, step=2)
    print(f"hypervisor {hv[0]['hypervisor_hostname']} ({hv[0]['hypervisor_type']}), cinder pool {pool[0]}")


if __name__ == "__main__":
    {"bootstrap": bootstrap, "wait": wait, "clouds": clouds, "forget": forget,
     "compute-up": compute_up, "resources": resources}[sys.argv[1]]()
