"""Prints one golden subunit v2 packet per flag/field as `name hex` lines, written by the real python-subunit.

Run with Debian's interpreter: PATH=/usr/bin:/bin /usr/bin/python3 golden.py
GoldenBytesTests embeds this output and, when python3-subunit is installed, re-runs this script to compare.
"""
import datetime
import io

import subunit.iso8601 as iso8601
from subunit.v2 import StreamResultToBytes

UTC = iso8601.Utc()
CASES = [
    ("empty", {}),
    ("not_runnable", {"runnable": False}),
    ("test_id", {"test_id": "foo"}),
    ("test_id_unicode", {"test_id": "t\u00ebst\u00b3"}),
    ("status_exists", {"test_id": "t", "test_status": "exists"}),
    ("status_inprogress", {"test_id": "t", "test_status": "inprogress"}),
    ("status_success", {"test_id": "t", "test_status": "success"}),
    ("status_uxsuccess", {"test_id": "t", "test_status": "uxsuccess"}),
    ("status_skip", {"test_id": "t", "test_status": "skip"}),
    ("status_fail", {"test_id": "t", "test_status": "fail"}),
    ("status_xfail", {"test_id": "t", "test_status": "xfail"}),
    ("timestamp", {"timestamp": datetime.datetime(2020, 6, 1, 12, 34, 56, 789012, UTC)}),
    ("timestamp_whole_second", {"timestamp": datetime.datetime(2001, 2, 3, 4, 5, 6, 0, UTC)}),
    ("tags", {"test_tags": {"worker-0"}}),
    ("mime_type", {"mime_type": "text/plain;charset=utf8"}),
    ("file", {"file_name": "traceback", "file_bytes": b"boom\n"}),
    ("file_empty", {"file_name": "reason", "file_bytes": b""}),
    ("eof", {"file_name": "stdout", "file_bytes": b"x", "eof": True}),
    ("route_code", {"route_code": "0/1"}),
    ("length_62", {"file_name": "f", "file_bytes": b"a" * 51}),
    ("length_63", {"file_name": "f", "file_bytes": b"a" * 52}),
    ("length_2_bytes", {"file_name": "f", "file_bytes": b"a" * 53}),
    ("file_length_64", {"file_name": "f", "file_bytes": bytes(range(64))}),
    ("length_3_bytes", {"file_name": "f", "file_bytes": b"z" * 20000}),
    ("everything", {
        "test_id": "tempest.api.compute.test_x.T.test_y[id-6f0a4e5b-1c2d-4e3f-8a9b-0c1d2e3f4a5b,smoke]",
        "test_status": "fail", "test_tags": {"worker-1"}, "runnable": True,
        "file_name": "traceback", "file_bytes": b"Traceback (most recent call last):\n",
        "eof": True, "mime_type": "text/x-traceback;charset=utf8", "route_code": "1",
        "timestamp": datetime.datetime(2024, 2, 29, 23, 59, 59, 999999, UTC)}),
]

for name, kwargs in CASES:
    buffer = io.BytesIO()
    StreamResultToBytes(buffer).status(**kwargs)
    print(name, buffer.getvalue().hex())
