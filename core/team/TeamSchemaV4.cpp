// Version 4 of the team database: the customer card shared by the team (docs/team.md,
// "Customers"). A customer is known by its UUID (a desktop's own ids differ per cache), an
// identity link by the author as every desktop knows it (channel and external id), a customer's
// note by its UUID. Personal data: the external role reads none of it.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

QStringList teamSchemaVersion4()
{
    // kNotExternal of version 2: true at once for every login but an external one.
    const QString notExternal =
        QStringLiteral("NOT pg_catalog.pg_has_role(session_user, '@EXTERNAL_ROLE@', 'MEMBER')");
    QStringList s;
    // A customer, and the policyholder reference verified on it, with the private thread that
    // verified it as the team knows threads. The last writer (in the feed's order) wins.
    s << QStringLiteral(R"(CREATE TABLE sportello.customers(
            uuid text PRIMARY KEY,
            created_at bigint NOT NULL,
            policyholder_ref text,
            policyholder_ref_key text,
            ref_channel text,
            ref_thread_external_id text,
            ref_set_by text,
            ref_set_at bigint,
            changed_by text NOT NULL DEFAULT session_user,
            changed_at bigint NOT NULL DEFAULT @NOW_MS@,
            CHECK ((policyholder_ref IS NULL) = (policyholder_ref_key IS NULL)),
            CHECK (policyholder_ref IS NULL OR (ref_channel IS NOT NULL AND ref_thread_external_id IS NOT NULL))))")
      // An identity linked to a customer; unlinking deletes the row. One customer per author, as in
      // the cache; the customer's row exists before its first link (the push writes it first), but
      // no foreign key ties them: a customer merged away on one desktop leaves the team only when
      // nothing names it (a colleague's offline link to it would otherwise fail its push for good).
      << QStringLiteral(R"(CREATE TABLE sportello.customer_links(
            channel text NOT NULL,
            author_external_id text NOT NULL,
            customer_uuid text NOT NULL,
            linked_by text NOT NULL,
            linked_at bigint NOT NULL,
            login text NOT NULL DEFAULT session_user,
            PRIMARY KEY (channel, author_external_id)))")
      << QStringLiteral("CREATE INDEX customer_links_by_customer ON sportello.customer_links(customer_uuid)")
      // Notes on a customer go up by their UUID; the author is the login's, as the team knows it.
      << QStringLiteral(R"(CREATE TABLE sportello.customer_notes(
            id text PRIMARY KEY,
            customer_uuid text NOT NULL,
            at bigint NOT NULL,
            agent_id text NOT NULL DEFAULT session_user,
            agent_name text NOT NULL,
            text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 2000),
            stored_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral("CREATE INDEX customer_notes_by_customer ON sportello.customer_notes(customer_uuid, at)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.customer_note_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                NEW.agent_id := session_user;
                SELECT a.name INTO NEW.agent_name FROM sportello.agents a WHERE a.login = session_user;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'login % is not an agent of this team', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                NEW.stored_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER customer_note_arrives BEFORE INSERT ON sportello.customer_notes "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.customer_note_arrives()")
      // Who changed a customer or a link is the database's login, not what the desktop says.
      << QStringLiteral(R"(CREATE FUNCTION sportello.customer_changes() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'customers' THEN
                    NEW.changed_by := session_user;
                    NEW.changed_at := @NOW_MS@;
                ELSE
                    NEW.login := session_user;
                END IF;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER customer_changes BEFORE INSERT OR UPDATE ON sportello.customers "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.customer_changes()")
      << QStringLiteral("CREATE TRIGGER customer_changes BEFORE INSERT OR UPDATE ON sportello.customer_links "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.customer_changes()");
    for (const auto &[table, kind] : {std::pair{"customers", "customer"}, std::pair{"customer_links", "customer_link"},
                                      std::pair{"customer_notes", "customer_note"}}) {
        s << QStringLiteral("CREATE TRIGGER %1_feed AFTER INSERT OR UPDATE OR DELETE ON sportello.%1 "
                            "FOR EACH ROW EXECUTE FUNCTION sportello.record_change('%2')")
                 .arg(QLatin1String(table), QLatin1String(kind))
          // The external role reads no customer rows at all: no grant (below), and row-level
          // security as well, so that a later blanket grant on the schema cannot open them. Its
          // feed leaves these kinds out already (external_sees_change knows no customer kind).
          << QStringLiteral("ALTER TABLE sportello.%1 ENABLE ROW LEVEL SECURITY").arg(QLatin1String(table))
          << QStringLiteral("CREATE POLICY team_scope ON sportello.%1 USING (%2) WITH CHECK (%2)")
                 .arg(QLatin1String(table), notExternal)
          << QStringLiteral("REVOKE ALL ON sportello.%1 FROM @EXTERNAL_ROLE@").arg(QLatin1String(table))
          << QStringLiteral("GRANT SELECT ON sportello.%1 TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, @HUB_ROLE@")
                 .arg(QLatin1String(table));
    }
    // Every agent links, unlinks, notes and verifies references (as alone); a note is never
    // rewritten but moves with its customer when a link merges two.
    s << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON sportello.customers, sportello.customer_links TO "
                        "@AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@")
      << QStringLiteral("GRANT INSERT, UPDATE (customer_uuid) ON sportello.customer_notes TO "
                        "@AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@");
    return s;
}

} // namespace sportello::team::detail
