"""One service per aggregate: a session per call, frozen dataclasses out, a `changed` signal."""
