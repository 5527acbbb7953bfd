-- catruc schema 14 (issue 14, operations), PostgreSQL's dialect of ../014_ops.sql: API tokens of the new role
-- "metrics", and each job's last successful run.

ALTER TABLE tokens DROP CONSTRAINT IF EXISTS tokens_role_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('admin', 'manager', 'guard', 'viewer', 'metrics'));

ALTER TABLE job_runs ADD COLUMN last_success TEXT;
UPDATE job_runs SET last_success = last_run WHERE last_error = '';
CREATE FUNCTION job_runs_success() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.last_error = '' THEN
        NEW.last_success := NEW.last_run;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER job_runs_success BEFORE INSERT OR UPDATE ON job_runs FOR EACH ROW EXECUTE FUNCTION job_runs_success();
