// Team schema version 9: access to personal data (docs/privacy.md, "Access to personal data";
// docs/team.md, "Access records"). Every desktop pushes what its agent opened or exported (a
// customer's card, a report, a person's data) to sportello.access_log, as its own login, the way
// it pushes audit entries; only the new data protection role (sportello_dpo) reads them. The
// records never reach the feed: a desktop has no use for its colleagues' accesses, and the fewer
// copies of who looked at whom, the better. Version 8's erasure is granted to the new role too,
// and the team's retention expires the records (expire_access_records).

#include "team/TeamSchema.h"

namespace sportello::team::detail {

QStringList teamSchemaVersion9()
{
    QStringList s;
    s << QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '@DPO_ROLE@') THEN "
                        "CREATE ROLE @DPO_ROLE@ NOLOGIN; END IF; END $$")
      << QStringLiteral("ALTER TABLE sportello.agents DROP CONSTRAINT agents_role_check")
      << QStringLiteral("ALTER TABLE sportello.agents ADD CONSTRAINT agents_role_check "
                        "CHECK (role IN ('agent', 'supervisor', 'admin', 'hub', 'external', 'dpo'))");

    // One row per access; agent_login is the database's, whatever the desktop sends, and
    // stored_at the database's clock (a desktop's clock may be wrong: `at` is what it said).
    s << QStringLiteral(R"(CREATE TABLE sportello.access_log(
            id text PRIMARY KEY,
            at bigint NOT NULL,
            agent_id text NOT NULL,
            agent_name text NOT NULL,
            agent_login text NOT NULL DEFAULT session_user,
            kind text NOT NULL CHECK (kind IN ('customer_card', 'report_export', 'person_export')),
            subject text NOT NULL,
            stored_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral("CREATE INDEX access_log_by_time ON sportello.access_log(at)")
      << QStringLiteral("CREATE INDEX access_log_by_login ON sportello.access_log(agent_login, at)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.access_arrives() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.agent_login := session_user;
                NEW.stored_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER access_arrives BEFORE INSERT ON sportello.access_log "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.access_arrives()");

    // Every login that can open a card or export writes its own records through this function,
    // and never reads, changes or deletes one, not even its own: no grant on the table at all (an
    // INSERT ... ON CONFLICT, which a repeated push needs, would want SELECT on it). The function
    // runs as the schema's owner; the trigger above still takes session_user, the caller's login.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.record_access(p_id text, p_at bigint, p_agent_id text,
                                                           p_agent_name text, p_kind text, p_subject text)
            RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
                INSERT INTO sportello.access_log(id, at, agent_id, agent_name, kind, subject)
                VALUES (p_id, p_at, p_agent_id, p_agent_name, p_kind, p_subject)
                ON CONFLICT (id) DO NOTHING
            $$)")
      << QStringLiteral("REVOKE ALL ON sportello.access_log FROM PUBLIC")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.record_access(text, bigint, text, text, text, text) "
                        "FROM PUBLIC")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.record_access(text, bigint, text, text, text, text) TO "
                        "@AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, @EXTERNAL_ROLE@, @DPO_ROLE@")
      // The data protection officer: reads everything the team holds (a person's data, to answer
      // an access request; the audit log; the access records, which no one else reads), writes
      // audit entries and its own access records, and takes no decision, claim or note (no
      // grant on those). Its desktop is a replica like any other: the feed, the heartbeat.
      << QStringLiteral("GRANT USAGE ON SCHEMA sportello TO @DPO_ROLE@")
      << QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA sportello TO @DPO_ROLE@")
      << QStringLiteral("GRANT INSERT ON sportello.audit_log TO @DPO_ROLE@")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.heartbeat(text) TO @DPO_ROLE@")
      // The retention policy's access_log_months for the team's copy, the one the data
      // protection officer reads (no role may delete from the table: this function does, as its
      // owner). Run with the team's retention (applyTeamRetention) by the hub and team-retention.
      << QStringLiteral(R"(CREATE FUNCTION sportello.expire_access_records(p_dry_run boolean) RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                months int;
                cut bigint;
                n bigint;
            BEGIN
                SELECT (s.value::jsonb ->> 'access_log_months')::int INTO months FROM sportello.settings s
                 WHERE s.key = 'retention_policy';
                IF months IS NULL THEN
                    RETURN 0;
                END IF;
                cut := (extract(epoch FROM now() - make_interval(months => months)) * 1000)::bigint;
                IF p_dry_run THEN
                    SELECT count(*) INTO n FROM sportello.access_log WHERE at < cut;
                ELSE
                    DELETE FROM sportello.access_log WHERE at < cut;
                    GET DIAGNOSTICS n = ROW_COUNT;
                END IF;
                RETURN n;
            END $$)")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.expire_access_records(boolean) FROM PUBLIC")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.expire_access_records(boolean) TO @ADMIN_ROLE@, @HUB_ROLE@")
      // A person's erasure (schema 8) is the data protection officer's act as much as the
      // administrator's.
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.erase_person(text[], text, text) TO @DPO_ROLE@");
    return s;
}

} // namespace sportello::team::detail
