-- catruc schema 15: the roster's version moves once per transaction, not once per row (see the SQLite file
-- of the same number for why). The first trigger of a transaction moves it and notes so in a setting local to
-- the transaction; the others find the note and return.
CREATE OR REPLACE FUNCTION catruc_bump_roster_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('catruc.roster_moved', true) IS DISTINCT FROM 'y' THEN
        UPDATE roster_version SET seq = seq + 1, changed_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
        PERFORM set_config('catruc.roster_moved', 'y', true);
    END IF;
    RETURN NULL;
END;
$$;
