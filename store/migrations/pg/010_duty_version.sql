-- catruc schema 10 (PostgreSQL): check-ins and check-outs move the roster's version too.

CREATE TRIGGER shift_checks_ins AFTER INSERT ON shift_checks FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER shift_checks_upd AFTER UPDATE ON shift_checks FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER shift_checks_del AFTER DELETE ON shift_checks FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
