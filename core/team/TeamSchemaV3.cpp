// Version 3 of the team database (issue 17, docs/team.md "App stores, ratings and hand-offs"): the
// app stores as channels the team serves, an app-store review's star rating on the team's posts,
// customer care's reports on hand-offs shared by every cache, and a decision on a thread that
// comes back from customer care.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

namespace {

const QString kNotExternal = QStringLiteral("NOT pg_catalog.pg_has_role(session_user, '@EXTERNAL_ROLE@', 'MEMBER')");

QStringList storesAndRatings()
{
    QStringList s;
    // Every channel an account of the cache may have (cache schema 17). In-app messages have no
    // account: they reach the hub through its intake, so the cache's accounts refuse them too and
    // a replica could not store such a row.
    s << QStringLiteral("ALTER TABLE sportello.accounts DROP CONSTRAINT accounts_channel_check")
      << QStringLiteral("ALTER TABLE sportello.accounts ADD CONSTRAINT accounts_channel_check "
                        "CHECK (channel IN ('facebook', 'instagram', 'x', 'google_play', 'app_store'))")
      // An app-store review's stars, as the cache keeps them (posts.rating); NULL elsewhere.
      << QStringLiteral("ALTER TABLE sportello.posts ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5)");
    return s;
}

QStringList handoffUpdates()
{
    QStringList s;
    // Every report of customer care on a hand-off, from whichever cache recorded it (the hub's,
    // for the endpoint's answers and the status files of its hand-off folder; any, for the command
    // line), by the UUID that cache gave it: pushing it again changes nothing. The forward's case
    // and thread are the team's, read from the outbox entry it names; the login is the database's.
    s << QStringLiteral(R"(CREATE TABLE sportello.handoff_updates(
            id text PRIMARY KEY,
            outbox_id text NOT NULL REFERENCES sportello.outbox(id),
            case_reference text NOT NULL,
            channel text NOT NULL,
            thread_external_id text NOT NULL,
            state text NOT NULL CHECK (state IN ('received', 'in_progress', 'resolved')),
            state_at bigint NOT NULL,
            source text NOT NULL CHECK (source IN ('endpoint', 'status_file', 'cli')),
            reported_by text CHECK (length(reported_by) <= 200),
            answer text CHECK (length(answer) <= 8000),
            recorded_at bigint NOT NULL,
            recorded_by text NOT NULL DEFAULT session_user,
            stored_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral("CREATE INDEX handoff_updates_by_outbox ON sportello.handoff_updates(outbox_id, stored_at)");

    // The latest state of each hand-off, as a cache keeps it (outbox/HandoffStatus.cpp): states
    // move forward, a resolved case may be reopened as in_progress, the same state with another
    // answer replaces it, anything else backwards is a report that crossed a newer one and moves
    // nothing. Replicas apply the reports in the feed's order by those same rules; the decision
    // rule below reads this table. Not in the feed.
    s << QStringLiteral(R"(CREATE TABLE sportello.handoffs(
            outbox_id text PRIMARY KEY REFERENCES sportello.outbox(id),
            channel text NOT NULL,
            thread_external_id text NOT NULL,
            update_id text NOT NULL,
            state text NOT NULL,
            state_at bigint NOT NULL,
            answer text,
            recorded_at bigint NOT NULL))")
      << QStringLiteral("CREATE INDEX handoffs_by_thread ON sportello.handoffs(channel, thread_external_id)");

    s << QStringLiteral(R"(CREATE FUNCTION sportello.handoff_update_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                rank_of jsonb := '{"received": 1, "in_progress": 2, "resolved": 3}';
                before sportello.handoffs;
            BEGIN
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                -- A report pushed again (its cache did not learn that it went up) changes nothing:
                -- a BEFORE trigger runs before ON CONFLICT, so it must not touch the latest state.
                IF EXISTS (SELECT 1 FROM sportello.handoff_updates u WHERE u.id = NEW.id) THEN
                    RETURN NULL;
                END IF;
                -- Only the hub hears care's endpoint (the answer to its POST, the intake's callback).
                IF NEW.source = 'endpoint' AND NOT pg_has_role(session_user, '@HUB_ROLE@', 'MEMBER') THEN
                    RAISE EXCEPTION 'only a hub records what customer care''s endpoint answered'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                NEW.recorded_by := session_user;
                NEW.stored_at := @NOW_MS@;
                SELECT o.case_reference, d.channel, d.thread_external_id
                  INTO NEW.case_reference, NEW.channel, NEW.thread_external_id
                  FROM sportello.outbox o JOIN sportello.decisions d ON d.id = o.decision_id
                 WHERE o.id = NEW.outbox_id AND o.case_reference IS NOT NULL;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'hand-off report % names %, which is no forward the team database holds',
                        NEW.id, NEW.outbox_id USING ERRCODE = 'foreign_key_violation';
                END IF;
                SELECT * INTO before FROM sportello.handoffs h WHERE h.outbox_id = NEW.outbox_id FOR UPDATE;
                IF before.outbox_id IS NOT NULL AND (
                       (before.state = NEW.state AND (coalesce(NEW.answer, '') = ''
                                                      OR NEW.answer = coalesce(before.answer, '')))
                    OR ((rank_of ->> NEW.state)::int < (rank_of ->> before.state)::int
                        AND NOT (before.state = 'resolved' AND NEW.state = 'in_progress'))) THEN
                    RETURN NEW;
                END IF;
                INSERT INTO sportello.handoffs AS h (outbox_id, channel, thread_external_id, update_id, state,
                                                     state_at, answer, recorded_at)
                VALUES (NEW.outbox_id, NEW.channel, NEW.thread_external_id, NEW.id, NEW.state, NEW.state_at,
                        NULLIF(NEW.answer, ''), NEW.recorded_at)
                ON CONFLICT (outbox_id) DO UPDATE SET
                    update_id = excluded.update_id, state = excluded.state, state_at = excluded.state_at,
                    answer = CASE WHEN excluded.answer IS NOT NULL THEN excluded.answer
                                  WHEN h.state = excluded.state THEN h.answer END,
                    recorded_at = excluded.recorded_at;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER handoff_update_arrives BEFORE INSERT ON sportello.handoff_updates "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.handoff_update_arrives()")
      << QStringLiteral(
             "CREATE TRIGGER handoff_updates_feed AFTER INSERT OR UPDATE OR DELETE ON "
             "sportello.handoff_updates FOR EACH ROW EXECUTE FUNCTION sportello.record_change('handoff_update')");

    // An external login reports only on the threads of its scope, and sees only those (like notes).
    const QString visible =
        QStringLiteral("(%1 OR sportello.external_sees_thread(channel, thread_external_id))").arg(kNotExternal);
    for (const char *table : {"handoff_updates", "handoffs"})
        s << QStringLiteral("ALTER TABLE sportello.%1 ENABLE ROW LEVEL SECURITY").arg(QLatin1String(table))
          << QStringLiteral("CREATE POLICY team_scope ON sportello.%1 USING %2 WITH CHECK %2")
                 .arg(QLatin1String(table), visible);

    // The feed's rows for an external login: version 2's rule with the new kind, by its thread.
    s << QStringLiteral(
        R"(CREATE OR REPLACE FUNCTION sportello.external_sees_change(p_kind text, p_row jsonb) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                d record;
            BEGIN
                CASE p_kind
                WHEN 'post', 'decision', 'claim', 'note', 'handoff_update' THEN
                    RETURN sportello.external_sees_thread(p_row ->> 'channel', p_row ->> 'thread_external_id');
                WHEN 'audit' THEN
                    IF p_row ->> 'thread_external_id' IS NULL THEN
                        RETURN p_row ->> 'agent_login' = session_user;
                    END IF;
                    RETURN sportello.external_sees_thread(p_row ->> 'channel', p_row ->> 'thread_external_id');
                WHEN 'outbox' THEN
                    SELECT channel, thread_external_id INTO d FROM sportello.decisions WHERE id = p_row ->> 'decision_id';
                    RETURN FOUND AND sportello.external_sees_thread(d.channel, d.thread_external_id);
                WHEN 'account' THEN
                    RETURN sportello.external_sees_account(p_row ->> 'id', p_row ->> 'channel');
                WHEN 'agent' THEN
                    RETURN p_row ->> 'login' = session_user;
                WHEN 'policy', 'saved_reply', 'setting' THEN
                    RETURN true;
                ELSE
                    RETURN false;
                END CASE;
            END $$)");
    return s;
}

QStringList backFromCare()
{
    QStringList s;
    // A decision on a thread back from customer care: the forward whose resolved hand-off let it
    // through. Such a decision answers a post already decided (the forward's) or none at all, so
    // the first-decision index leaves it out; the trigger still serves decisions one at a time.
    s << QStringLiteral("ALTER TABLE sportello.decisions ADD COLUMN back_from_care text")
      << QStringLiteral("DROP INDEX sportello.decisions_first_on_post")
      << QStringLiteral("CREATE UNIQUE INDEX decisions_first_on_post ON sportello.decisions"
                        "(channel, thread_external_id, coalesce(target_post, '')) "
                        "WHERE state = 'accepted' AND follows IS NULL AND back_from_care IS NULL");

    // The rule of a desktop alone (TriageService's readWaitingThread with outbox::handoffAwaitsAgent):
    // a thread whose last handling was a forward takes a decision again once customer care
    // resolved one of its hand-offs and no decision was taken on it since. Here "since" is after
    // the time the resolution was recorded (by whichever cache recorded it; a replica keeps that
    // time too), and the decision itself must come after it: one decided before (offline, say)
    // did not see care's answer. Returns the forward's outbox entry, or NULL.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.back_from_care(d sportello.decisions) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            SELECT h.outbox_id FROM sportello.handoffs h
              JOIN sportello.threads t ON t.channel = h.channel AND t.external_id = h.thread_external_id
             WHERE h.channel = d.channel AND h.thread_external_id = d.thread_external_id
               AND t.handled_status = 'forwarded' AND h.state = 'resolved' AND h.recorded_at < d.decided_at
               AND NOT EXISTS (SELECT 1 FROM sportello.decisions x
                                WHERE x.channel = d.channel AND x.thread_external_id = d.thread_external_id
                                  AND x.state = 'accepted' AND x.id <> d.id AND x.decided_at > h.recorded_at)
             ORDER BY h.recorded_at DESC LIMIT 1 $$)");

    // Version 1's trigger with that rule. A decision that names no customer's post comes from a
    // desktop where the thread waited on none: one that saw it handled already (forwarded, say),
    // whose triage refuses a decision unless care resolved the hand-off. Without that resolution
    // it is held behind the thread's latest decision, as the triage of a desktop alone refuses it.
    s << QStringLiteral(R"(CREATE OR REPLACE FUNCTION sportello.decision_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                first_id text;
            BEGIN
                -- The same lock as the feed: two desktops pushing a decision on one post are
                -- served one after the other, and the second sees the first.
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                NEW.agent_login := session_user;
                NEW.pushed_at := @NOW_MS@;
                NEW.back_from_care := NULL;
                IF NEW.follows IS NOT NULL THEN
                    SELECT d.state, d.held_because INTO NEW.state, NEW.held_because
                      FROM sportello.decisions d WHERE d.id = NEW.follows;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'decision % follows % which the team database does not hold', NEW.id, NEW.follows
                            USING ERRCODE = 'foreign_key_violation';
                    END IF;
                    RETURN NEW;
                END IF;
                NEW.back_from_care := sportello.back_from_care(NEW);
                IF NEW.back_from_care IS NOT NULL THEN
                    NEW.state := 'accepted';
                    NEW.held_because := NULL;
                    RETURN NEW;
                END IF;
                SELECT d.id INTO first_id FROM sportello.decisions d
                 WHERE d.channel = NEW.channel AND d.thread_external_id = NEW.thread_external_id
                   AND coalesce(d.target_post, '') = coalesce(NEW.target_post, '')
                   AND d.state = 'accepted' AND d.follows IS NULL AND d.id <> NEW.id
                 ORDER BY d.decided_at DESC LIMIT 1;
                IF first_id IS NULL AND NEW.target_post IS NULL THEN
                    SELECT d.id INTO first_id FROM sportello.decisions d
                     WHERE d.channel = NEW.channel AND d.thread_external_id = NEW.thread_external_id
                       AND d.state = 'accepted' AND d.follows IS NULL AND d.id <> NEW.id
                     ORDER BY d.decided_at DESC LIMIT 1;
                END IF;
                IF first_id IS NULL THEN
                    NEW.state := 'accepted';
                    NEW.held_because := NULL;
                ELSE
                    NEW.state := 'held';
                    NEW.held_because := first_id;
                END IF;
                RETURN NEW;
            END $$)");
    return s;
}

QStringList grants()
{
    QStringList s;
    s << QStringLiteral("GRANT SELECT ON sportello.handoff_updates, sportello.handoffs TO @AGENT_ROLE@, "
                        "@SUPERVISOR_ROLE@, @ADMIN_ROLE@, @HUB_ROLE@, @EXTERNAL_ROLE@")
      // Whoever may record care's report: any agent's desktop (the command line), the hub (the
      // endpoint's answers, the status files); an external within its scope (row-level security).
      << QStringLiteral("GRANT INSERT ON sportello.handoff_updates TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, "
                        "@HUB_ROLE@, @EXTERNAL_ROLE@")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.back_from_care(sportello.decisions) FROM PUBLIC");
    return s;
}

} // namespace

// A response target may apply to app-store reviews of few stars only (`max_rating`,
// docs/policies.md). Routing ranks every thread of a category by one target, so it reads the
// category's own targets and leaves the rated ones out: they would stand for the whole category.
QStringList ratedTargetsLeftOut()
{
    return {QStringLiteral(R"(CREATE OR REPLACE FUNCTION sportello.refresh_policy_targets() RETURNS void
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DELETE FROM sportello.policy_targets;
            INSERT INTO sportello.policy_targets(category, channel, minutes)
            SELECT t ->> 'category', t ->> 'channel', (t ->> 'minutes')::bigint
              FROM sportello.settings s
              JOIN sportello.policies p ON p.name = s.value
              CROSS JOIN LATERAL jsonb_array_elements(p.definition::jsonb -> 'targets') t
             WHERE s.key = 'active_policy' AND t ->> 'max_rating' IS NULL $$)")};
}

QStringList teamSchemaVersion3()
{
    QStringList s;
    s << storesAndRatings() << handoffUpdates() << backFromCare() << grants() << ratedTargetsLeftOut();
    return s;
}

} // namespace sportello::team::detail
