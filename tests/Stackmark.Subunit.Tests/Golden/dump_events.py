"""Decodes a subunit v2 stream from stdin with the real python-subunit and prints one JSON line per event.

InteropTests compares this with what SubunitReader produces for the same bytes.
"""
import json
import sys

from subunit.v2 import ByteStreamToStreamResult


class Dump(object):
    def status(self, test_id=None, test_status=None, test_tags=None, runnable=True, file_name=None,
               file_bytes=None, eof=False, mime_type=None, route_code=None, timestamp=None):
        print(json.dumps({
            "id": test_id, "status": test_status, "tags": sorted(test_tags) if test_tags else [],
            "runnable": runnable, "file": file_name,
            "bytes": bytes(file_bytes).hex() if file_bytes is not None else "",
            "eof": eof, "mime": mime_type, "route": route_code,
            "time": timestamp.strftime("%Y-%m-%dT%H:%M:%S.%f") if timestamp else None,
        }, sort_keys=True))


ByteStreamToStreamResult(sys.stdin.buffer, non_subunit_name="stdout").run(Dump())
