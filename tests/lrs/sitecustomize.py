# Loaded by the Ralph server the tests start (tests/lrs/serve.py puts this folder on PYTHONPATH),
# in every process it spawns. It fixes two bugs of Ralph 5.1.0's `fs` backend, and nothing else:
#
# 1. Statements are written with the data backend's default operation, CREATE, which refuses to
#    write to a file that exists: every POST after the first fails with "500 Statements bulk
#    indexation failed" ("fs_lrs.jsonl already exists and overwrite is not allowed"). An LRS on
#    one JSON Lines file must append.
# 2. GET /statements?activity=IRI never matches: the router turns the parameter into an `IRI`
#    model, which the backend compares with the statement's plain string id (always unequal),
#    so every activity-filtered query returns no statement. The filter gets the string.
try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    _by_activity = FSLRSBackend._add_filter_by_activity

    def _by_activity_str(filters, object_id, related):
        while object_id is not None and hasattr(object_id, "root"):
            object_id = object_id.root
        return _by_activity(filters, None if object_id is None else str(object_id), related)

    FSLRSBackend._add_filter_by_activity = staticmethod(_by_activity_str)
except ImportError:
    pass
