// Team schema version 7: a moderation request that no hub performs no longer blocks its comment.
// Schema 5 holds one open request per comment (pending or in_progress); a request whose account no
// hub serves, or whose hub is gone, stayed pending for ever and refused every later request on that
// comment. Now the agent who asked (or a supervisor or admin) may cancel it while it is still
// pending, and a pending request nobody claimed within a day expires. docs/team.md, "Moderation
// requests", explains both. Written without version 6 in mind: each step stands on version 5.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

QStringList teamSchemaVersion7()
{
    QStringList s;
    // Two more ways to settle a request: cancelled (explanation: the name of who cancelled it) and
    // expired. Both set settled_at, and the feed carries them like any other settlement.
    s << QStringLiteral("ALTER TABLE sportello.moderation_requests DROP CONSTRAINT moderation_requests_state_check")
      << QStringLiteral("ALTER TABLE sportello.moderation_requests ADD CONSTRAINT moderation_requests_state_check "
                        "CHECK (state IN ('pending', 'in_progress', 'done', 'failed', 'cancelled', 'expired'))")
      // How long a request may wait unclaimed: a day. A hub that serves the account claims a
      // request within a round or two (minutes), and one that is down for a night has the
      // morning to come back; an agent's request older than a working day is stale (the comment
      // was answered, or hidden on the platform by hand) and performing it then would surprise
      // everyone. Long enough, too, that the clocks' skew between desktops and the database does
      // not matter: only the database's clock is read (stored_at is the database's time).
      << QStringLiteral(R"(CREATE FUNCTION sportello.moderation_request_lifetime_ms() RETURNS bigint
            LANGUAGE sql IMMUTABLE AS $$ SELECT 86400000::bigint $$)")
      // Settles as expired the pending requests older than the lifetime: all of them (each hub's
      // round calls it, so it happens even when no hub serves the request's account), or one
      // comment's (the arrival of a new request on that comment, below, so it happens even when
      // no hub runs at all). Returns how many.
      << QStringLiteral(R"(CREATE FUNCTION sportello.expire_moderation_requests(for_channel text DEFAULT NULL,
                                                                       for_comment text DEFAULT NULL)
            RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                expired integer;
            BEGIN
                -- The feed's lock before the rows' (kLockOrder): their feed trigger takes it after.
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                UPDATE sportello.moderation_requests SET state = 'expired', settled_at = @NOW_MS@
                 WHERE state = 'pending' AND stored_at < @NOW_MS@ - sportello.moderation_request_lifetime_ms()
                   AND (for_channel IS NULL OR (channel = for_channel AND comment_id = for_comment));
                GET DIAGNOSTICS expired = ROW_COUNT;
                RETURN expired;
            END $$)")
      // Cancels a pending request: the agent who asked it, or a supervisor or admin (whoever
      // leads the team may unblock a comment for a colleague who is away). One conditional UPDATE,
      // so that a hub's claim (also conditional on pending) and a cancellation cannot both win.
      // Returns 'cancelled'; else why not, for the desktop to word: 'not_found', 'not_yours'
      // (pending, asked by someone else), 'in_progress' (a hub is performing it: too late to
      // cancel) or 'settled' (done, failed, cancelled or expired already).
      // Outside staff and hubs may not call it (no grant); a login not on the team is refused.
      << QStringLiteral(R"(CREATE FUNCTION sportello.cancel_moderation_request(request_id text) RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                who_name text;
                who_role text;
                current_state text;
            BEGIN
                SELECT a.name, a.role INTO who_name, who_role FROM sportello.agents a
                 WHERE a.login = session_user AND a.role IN ('agent', 'supervisor', 'admin');
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'login % may not cancel moderation requests', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                UPDATE sportello.moderation_requests SET state = 'cancelled', explanation = who_name,
                       settled_at = @NOW_MS@
                 WHERE id = request_id AND state = 'pending'
                   AND (requested_by = session_user OR who_role IN ('supervisor', 'admin'));
                IF FOUND THEN
                    RETURN 'cancelled';
                END IF;
                SELECT r.state INTO current_state FROM sportello.moderation_requests r WHERE r.id = request_id;
                IF NOT FOUND THEN
                    RETURN 'not_found';
                END IF;
                RETURN CASE current_state WHEN 'pending' THEN 'not_yours' WHEN 'in_progress' THEN 'in_progress'
                                          ELSE 'settled' END;
            END $$)")
      // A new request on a comment first expires that comment's stale one, which would otherwise
      // refuse it (moderation_requests_one_open). The rest as in version 5.
      << QStringLiteral(R"(CREATE OR REPLACE FUNCTION sportello.moderation_request_arrives() RETURNS trigger
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
                PERFORM sportello.expire_moderation_requests(NEW.channel, NEW.comment_id);
                NEW.state := 'pending';
                NEW.explanation := NULL;
                NEW.hub_id := NULL;
                NEW.claimed_at := NULL;
                NEW.settled_at := NULL;
                NEW.stored_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.moderation_request_lifetime_ms(), "
                        "sportello.expire_moderation_requests(text, text), "
                        "sportello.cancel_moderation_request(text) FROM PUBLIC")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.moderation_request_lifetime_ms() TO @AGENT_ROLE@, "
                        "@SUPERVISOR_ROLE@, @ADMIN_ROLE@, @HUB_ROLE@")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.expire_moderation_requests(text, text) TO @HUB_ROLE@")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.cancel_moderation_request(text) TO @AGENT_ROLE@, "
                        "@SUPERVISOR_ROLE@, @ADMIN_ROLE@");
    return s;
}

} // namespace sportello::team::detail
