"""Keystone-side set-up of the Stackmark dev cloud, run by start.sh with Debian's /usr/bin/python3.

  devcloud.py bootstrap   projects, users, roles, role grants, services and endpoints (idempotent)
  devcloud.py wait        wait until every endpoint in the catalog answers; check the demo user
  devcloud.py clouds      write $STATE/clouds.yaml and merge it into /etc/openstack/clouds.yaml
  devcloud.py forget      remove $STATE's clouds from /etc/openstack/clouds.yaml (stop.sh --wipe)

Everything comes from the environment that start.sh sets: OS_AUTH_URL, REGION, STATE and the
*_PASSWORD variables. Only the keystone REST API is used (one keystoneauth session), which
is much faster than one `openstack` CLI process per call (about 1.5 s each on 2 cores).
"""
import os
import sys
import time

import yaml
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

HOST = os.environ.get("HOST", "127.0.0.1")
AUTH_URL = os.environ.get("OS_AUTH_URL", f"http://{HOST}:5000/v3")
REGION = os.environ.get("REGION", "RegionOne")
STATE = os.environ["STATE"]
SYSTEM_CLOUDS = "/etc/openstack/clouds.yaml"

# user -> (project, password variable, roles on that project)
USERS = {
    "admin": ("admin", "ADMIN_PASSWORD", ["admin"]),
    "demo": ("demo", "DEMO_PASSWORD", ["member"]),
    "alt_demo": ("alt_demo", "ALT_PASSWORD", ["member"]),
    # service users; `service` is the role service tokens are checked for
    "swift": ("service", "SERVICE_PASSWORD", ["admin", "service"]),
    "glance": ("service", "SERVICE_PASSWORD", ["admin", "service"]),
}
# member/reader come with keystone-manage bootstrap; ResellerAdmin and
# swiftoperator are Swift's (reseller_admin_role, operator_roles).
ROLES = ["admin", "member", "reader", "service", "ResellerAdmin", "swiftoperator"]
SERVICES = [
    # (type, name, url)
    ("identity", "keystone", f"http://{HOST}:5000/v3"),
    ("object-store", "swift", f"http://{HOST}:8080/v1/AUTH_%(project_id)s"),
    ("image", "glance", f"http://{HOST}:9292"),
]
INTERFACES = ["public", "internal", "admin"]


def session(user="admin", project=None):
    project = project or USERS[user][0]
    auth = v3.Password(auth_url=AUTH_URL, username=user, password=os.environ[USERS[user][1]],
                       project_name=project, user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth)


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
    for stype, name, url in SERVICES:
        sid = ks.ensure("services", "service", {"type": stype, "name": name, "enabled": True}, type=stype)["id"]
        for iface in INTERFACES:
            ep = ks.find("endpoints", service_id=sid, interface=iface, region_id=REGION)
            if ep is None:
                ks.post("/endpoints", {"endpoint": {"service_id": sid, "interface": iface, "url": url,
                                                    "region_id": REGION, "enabled": True}})
                ks.changed.append(f"endpoint {stype}/{iface}")
            elif ep["url"] != url:
                ks.s.patch(ks._url(f"/endpoints/{ep['id']}"), json={"endpoint": {"url": url}})
                ks.changed.append(f"endpoint {stype}/{iface} url")
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
    # The non-admin users can log in, and the member role is enough for Swift.
    for user in ("demo", "alt_demo"):
        s = session(user)
        r = s.head(s.get_endpoint(service_type="object-store", interface="public"), raise_exc=False)
        if r.status_code not in (200, 204):
            sys.exit(f"{user}: HEAD of its Swift account gave {r.status_code}")
    print("all endpoints answer; demo and alt_demo can use Swift")


def cloud_entry(user):
    project, pw_var, _ = USERS[user]
    return {
        "auth": {"auth_url": AUTH_URL, "username": user, "password": os.environ[pw_var],
                 "project_name": project, "user_domain_name": "Default", "project_domain_name": "Default"},
        "region_name": REGION,
        "interface": "public",
        "identity_api_version": 3,
    }


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
    write_yaml(os.path.join(STATE, "clouds.yaml"), {"clouds": ours}, 0o600)
    # Merge: keep every other cloud and key of an existing file, replace only ours.
    # (Comments in that file are not kept.)
    os.makedirs(os.path.dirname(SYSTEM_CLOUDS), exist_ok=True)
    exists = os.path.exists(SYSTEM_CLOUDS)
    doc = read_yaml(SYSTEM_CLOUDS) if exists else {"clouds": {}}
    if all(doc["clouds"].get(k) == v for k, v in ours.items()):
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


if __name__ == "__main__":
    {"bootstrap": bootstrap, "wait": wait, "clouds": clouds, "forget": forget}[sys.argv[1]]()
