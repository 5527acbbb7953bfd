-- catruc schema 7 (PostgreSQL): the roster's version moves with posts and guards added or removed and time off.

CREATE TRIGGER posts_ins AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER posts_del AFTER DELETE ON posts FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER guards_ins AFTER INSERT ON guards FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER guards_del AFTER DELETE ON guards FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER time_off_ins AFTER INSERT ON time_off FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER time_off_upd AFTER UPDATE ON time_off FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER time_off_del AFTER DELETE ON time_off FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
CREATE TRIGGER events_del AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION catruc_bump_roster_version();
