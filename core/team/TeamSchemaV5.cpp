// Team schema version 5: comment moderation through the hub. Only the hub holds the platforms'
// tokens (docs/hub.md), so a desktop asks, the hub performs, and the outcome comes back down the
// feed as the kind 'moderation'. docs/team.md, "Moderation requests", explains the states and the
// grants.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

QStringList teamSchemaVersion5()
{
    QStringList s;
    // One row per request, by the desktop's UUID (a push repeated after a crash adds nothing).
    // state: pending (as it arrives), in_progress (claimed by one hub, hub_id, before its Graph
    // call), done or failed (settled_at; failed with the platform's explanation, worded for the
    // agent by the same code as alone).
    s << QStringLiteral(R"(CREATE TABLE sportello.moderation_requests(
            id text PRIMARY KEY,
            channel text NOT NULL CHECK (channel IN ('facebook', 'instagram')),
            comment_id text NOT NULL,
            thread_external_id text NOT NULL,
            action text NOT NULL CHECK (action IN ('hide', 'unhide')),
            reason text NOT NULL CHECK (reason IN ('personal_data', 'offensive', 'spam', 'other')),
            note text CHECK (note IS NULL OR length(note) <= 200),
            agent_name text NOT NULL DEFAULT '',
            requested_by text NOT NULL DEFAULT session_user,
            requested_at bigint NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_progress', 'done', 'failed')),
            explanation text,
            hub_id text,
            claimed_at bigint,
            settled_at bigint,
            stored_at bigint NOT NULL DEFAULT @NOW_MS@,
            CHECK (reason <> 'other' OR length(btrim(coalesce(note, ''))) > 0)))")
      << QStringLiteral("CREATE INDEX moderation_requests_open ON sportello.moderation_requests(requested_at) "
                        "WHERE state IN ('pending', 'in_progress')")
      // One open request per comment, whoever asks: two desktops that each asked before seeing
      // the other's request (a hide and an unhide) must not both be performed, in an order
      // nobody chose. The later push is refused (unique_violation), kept on its desktop as failed.
      << QStringLiteral("CREATE UNIQUE INDEX moderation_requests_one_open ON sportello.moderation_requests("
                        "channel, comment_id) WHERE state IN ('pending', 'in_progress')")
      // Who asked is the login, as for notes: a desktop cannot ask in a colleague's name, nor
      // push a request that is already claimed or settled.
      << QStringLiteral(R"(CREATE FUNCTION sportello.moderation_request_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                NEW.requested_by := session_user;
                SELECT a.name INTO NEW.agent_name FROM sportello.agents a
                 WHERE a.login = session_user AND a.role IN ('agent', 'supervisor', 'admin');
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'login % may not ask the hub to moderate comments', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM sportello.threads t WHERE t.channel = NEW.channel
                                  AND t.external_id = NEW.thread_external_id) THEN
                    -- A class 23 error: the push refuses this request alone, for good, and goes on.
                    RAISE EXCEPTION 'the team holds no thread %:%', NEW.channel, NEW.thread_external_id
                        USING ERRCODE = 'foreign_key_violation';
                END IF;
                NEW.state := 'pending';
                NEW.explanation := NULL;
                NEW.hub_id := NULL;
                NEW.claimed_at := NULL;
                NEW.settled_at := NULL;
                NEW.stored_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER moderation_request_arrives BEFORE INSERT ON sportello.moderation_requests "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.moderation_request_arrives()")
      << QStringLiteral("CREATE TRIGGER moderation_requests_feed AFTER INSERT OR UPDATE OR DELETE ON "
                        "sportello.moderation_requests FOR EACH ROW EXECUTE FUNCTION "
                        "sportello.record_change('moderation')")
      // Agents, supervisors and admins ask; the hub reads and settles (only the state's columns).
      // Externals neither ask nor see: hiding a comment changes what the public sees on the
      // company's page, a decision for the company's own staff; and external_sees_change() keeps
      // the kind out of their feed (an unknown kind is not theirs).
      << QStringLiteral("GRANT SELECT ON sportello.moderation_requests TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, "
                        "@ADMIN_ROLE@, @HUB_ROLE@")
      << QStringLiteral("GRANT INSERT ON sportello.moderation_requests TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, "
                        "@ADMIN_ROLE@")
      << QStringLiteral("GRANT UPDATE (state, explanation, hub_id, claimed_at, settled_at) ON "
                        "sportello.moderation_requests TO @HUB_ROLE@");
    return s;
}

} // namespace sportello::team::detail
