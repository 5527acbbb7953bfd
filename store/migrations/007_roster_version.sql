-- catruc schema 7: the roster's version moves with every change that the shift lists, the coverage and the
-- feeds show, so that answers cached per version are never stale: posts added or removed (a new post's
-- requirements are a gap), guards added or removed, and time off however it is written (the store also
-- moves it by hand when it writes time off; twice is harmless).

CREATE TRIGGER posts_ins AFTER INSERT ON posts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER posts_del AFTER DELETE ON posts BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER guards_ins AFTER INSERT ON guards BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER guards_del AFTER DELETE ON guards BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER time_off_ins AFTER INSERT ON time_off BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER time_off_upd AFTER UPDATE ON time_off BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER time_off_del AFTER DELETE ON time_off BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER events_del AFTER DELETE ON events BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
