-- catruc schema 11: a log of the shifts changed, so that the feeds' in-memory copy of their window
-- (store/feedwindow.go) reads again only the shifts changed since it last looked, not the whole window,
-- after a change. A shift written, deleted, checked in or out logs its id; time off, which changes the
-- absences of any shift, logs 0 (read everything again). The oldest entries are pruned as it grows: a
-- reader that finds its place pruned reads everything again.

CREATE TABLE shift_changes (
    seq      INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL -- 0: every shift (time off changed)
);

CREATE TRIGGER shift_changes_ins AFTER INSERT ON shifts BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (NEW.id);
END;
CREATE TRIGGER shift_changes_upd AFTER UPDATE ON shifts BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (NEW.id);
END;
CREATE TRIGGER shift_changes_del AFTER DELETE ON shifts BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (OLD.id);
END;
CREATE TRIGGER shift_changes_checks_ins AFTER INSERT ON shift_checks BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (NEW.shift_id);
END;
CREATE TRIGGER shift_changes_checks_upd AFTER UPDATE ON shift_checks BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (NEW.shift_id);
END;
CREATE TRIGGER shift_changes_checks_del AFTER DELETE ON shift_checks BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (OLD.shift_id);
END;
CREATE TRIGGER shift_changes_time_off_ins AFTER INSERT ON time_off BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (0);
END;
CREATE TRIGGER shift_changes_time_off_upd AFTER UPDATE ON time_off BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (0);
END;
CREATE TRIGGER shift_changes_time_off_del AFTER DELETE ON time_off BEGIN
    INSERT INTO shift_changes (shift_id) VALUES (0);
END;
CREATE TRIGGER shift_changes_prune AFTER INSERT ON shift_changes WHEN NEW.seq % 1000 = 0 BEGIN
    DELETE FROM shift_changes WHERE seq <= NEW.seq - 20000;
END;
