-- catruc schema 10: check-ins and check-outs move the roster's version too: the shift lists show them and are
-- cached per version (incidents move it since schema 9).

CREATE TRIGGER shift_checks_ins AFTER INSERT ON shift_checks BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER shift_checks_upd AFTER UPDATE ON shift_checks BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
CREATE TRIGGER shift_checks_del AFTER DELETE ON shift_checks BEGIN
    UPDATE roster_version SET seq = seq + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;
