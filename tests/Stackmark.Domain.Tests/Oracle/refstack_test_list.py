#!/usr/bin/python3
"""Independent oracle for RefStack's /v1/guidelines/{v}/tests list (refstack/api/guidelines.py, as documented).

Reads the raw guideline JSON with Python's json module and applies RefStack's rules: target -> components,
type filter over component status lists, flagged filter on the test entry's "flagged" key, aliases with the
same id, "name[id]" lines (bare names for schema 1.2), sorted. Duplicates are dropped, as Stackmark does.
Prints one JSON object: {"file|target|types|alias|flag": [lines...]}.
"""
import itertools
import json
import os
import sys

TYPES = ["required", "advisory", "deprecated", "removed"]
PROGRAMS = {"platform": "OpenStack Powered Platform", "compute": "OpenStack Powered Compute", "object": "OpenStack Powered Storage"}


def capabilities(d, target, types):
    schema = d.get("metadata", {}).get("schema") or d.get("schema")
    caps = []
    if schema >= "2.0":
        if "platforms" in d:
            comps = [c["name"] for c in d["platforms"][PROGRAMS[target]]["components"]]
        else:
            comps = ["os_powered_" + target]
        for c in comps:
            for status, names in d["components"][c]["capabilities"].items():
                if status in types:
                    caps.extend(names)
    else:
        comps = d["platform"]["required"] if target == "platform" else [target]
        for c in comps:
            for status in types:
                caps.extend(d["components"][c].get(status, []))
    return schema, set(caps)


def test_list(d, target, types, alias, flag):
    schema, caps = capabilities(d, target, types)
    out = set()
    for cap, details in d["capabilities"].items():
        if cap not in caps:
            continue
        if schema == "1.2":
            for t in details["tests"]:
                if flag or t not in details.get("flagged", []):
                    out.add(t)
            continue
        for t, td in details["tests"].items():
            if td.get("flagged") and not flag:
                continue
            out.add("%s[%s]" % (t, td.get("idempotent_id", "")))
            if alias:
                for a in td.get("aliases", []):
                    out.add("%s[%s]" % (a, td.get("idempotent_id", "")))
    return sorted(out)


def main(root):
    result = {}
    files = sorted(f for f in os.listdir(root) if f.endswith(".json"))
    files += sorted("add-ons/" + f for f in os.listdir(os.path.join(root, "add-ons")) if f.endswith(".json"))
    for f in files:
        with open(os.path.join(root, f)) as fh:
            d = json.load(fh)
        if f.startswith("add-ons/"):
            targets = [os.path.basename(f).split(".")[0]]
        else:
            targets = ["platform", "compute", "object"]
        type_sets = [TYPES, ["required"], ["advisory"], ["required", "advisory"], ["deprecated", "removed"]]
        for target, types, alias, flag in itertools.product(targets, type_sets, [True, False], [True, False]):
            key = "|".join([f, target, ",".join(types), str(alias).lower(), str(flag).lower()])
            result[key] = test_list(d, target, types, alias, flag)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
