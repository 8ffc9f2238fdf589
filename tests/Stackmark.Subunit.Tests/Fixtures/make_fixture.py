"""Writes tempest-sample.subunit: a Tempest-shaped run written by the real python-subunit.

Per test, as `tempest run --subunit` emits through stestr/testtools: inprogress + timestamp, attachment packets
(skip `reason`, failure `traceback`, captured `pythonlogging:''`), then the final status + timestamp, tagged with the
worker and routed by worker number. One chunk of stray stdout sits between two packets.
Run: PATH=/usr/bin:/bin /usr/bin/python3 make_fixture.py
"""
import datetime

import subunit.iso8601 as iso8601
from subunit.v2 import StreamResultToBytes

UTC = iso8601.Utc()
START = datetime.datetime(2024, 5, 6, 7, 8, 9, 0, UTC)
SERVICES = ["compute.servers", "compute.flavors", "identity.v3", "image.v2", "network", "volume"]

with open("tempest-sample.subunit", "wb") as out:
    w = StreamResultToBytes(out)
    clock = START
    for i in range(120):
        service = SERVICES[i % len(SERVICES)]
        worker = i % 2
        uuid = "%08x-%04x-4%03x-8%03x-%012x" % (i * 7919, i, i, i, i * 104729)
        attrs = "id-%s,smoke" % uuid if i % 5 else "compute,id-%s,network" % uuid
        test_id = "tempest.api.%s.test_case_%d.Case%dTestJSON.test_operation_%d[%s]" % (
            service, i // 6, i // 6, i, attrs)
        tags = {"worker-%d" % worker}
        route = str(worker)
        w.status(test_id=test_id, test_status="inprogress", timestamp=clock, route_code=route)
        w.status(test_id=test_id, file_name="pythonlogging:''", mime_type="text/plain; charset=utf-8",
                 file_bytes=("2024-05-06 07:08:09.123 INFO tempest.lib.common.rest_client [req-%d] "
                             "Request: GET /v2.1/servers 200\n" % i).encode(), eof=True, route_code=route)
        clock += datetime.timedelta(milliseconds=150 + 37 * i)
        if i % 10 == 3:
            w.status(test_id=test_id, file_name="reason", mime_type="text/plain;charset=utf8",
                     file_bytes=b"Feature not enabled in tempest.conf", eof=True, route_code=route)
            outcome = "skip"
        elif i % 17 == 5:
            w.status(test_id=test_id, file_name="traceback", mime_type="text/x-traceback;charset=utf8",
                     file_bytes=("Traceback (most recent call last):\n  File \"tempest/api/x.py\", line %d\n"
                                 "AssertionError: 404 != 200\n" % i).encode(), eof=True, route_code=route)
            outcome = "fail"
        else:
            outcome = "success"
        w.status(test_id=test_id, test_status=outcome, test_tags=tags, timestamp=clock, route_code=route)
        if i == 60:
            out.write(b"WARNING: stray runner output \xc2\xb3 on stdout\n")
