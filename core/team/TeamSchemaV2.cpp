// Version 2 of the team database: how a care team works in it (issue 14, docs/team.md "Working as
// a team"). Threads as the team sees them, claims and presence, routing by skills, the external
// role confined by row-level security, approval of public replies, and internal notes.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

namespace {

// kLockOrder. Decisions take the feed's advisory lock (version 1, "SPOR") first (decision_arrives),
// then lock their thread's row, then its claim's. Every other writer keeps that order: whatever
// writes the feed and a thread or a claim takes the feed's lock before any row lock (a post, a
// policy change, a take-over or release that is audited, a review). Claims themselves are not
// in the feed, so claiming, renewing, typing and next never wait for the feed's lock: they lock
// a thread's row, then its claim's, and nothing after. The search of next_thread takes no row
// lock at all: it marks the thread it is taking with an advisory try-lock of its own key space
// (kThreadLocks, "SPOS"), which never waits.
constexpr const char *kThreadLocks = "1397772115";

// Every table whose rows reach a replica (through the feed or a direct read) hides from an
// external login what lies outside its scope. For the others the expression is true at once:
// pg_has_role is answered from PostgreSQL's membership cache.
const QString kNotExternal = QStringLiteral("NOT pg_catalog.pg_has_role(session_user, '@EXTERNAL_ROLE@', 'MEMBER')");

QStringList threadsAndClaims()
{
    QStringList s;
    // Agents gain a department, skills (an empty list: any), a capacity of open claims, and for
    // the external role a scope (accounts, channels, categories; an external with no scope at all
    // sees nothing).
    s << QStringLiteral("ALTER TABLE sportello.agents DROP CONSTRAINT agents_role_check")
      << QStringLiteral("ALTER TABLE sportello.agents ADD CONSTRAINT agents_role_check "
                        "CHECK (role IN ('agent', 'supervisor', 'admin', 'hub', 'external'))")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN department text NOT NULL DEFAULT ''")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN skill_categories text[] NOT NULL DEFAULT '{}'")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN skill_channels text[] NOT NULL DEFAULT '{}'")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN skill_languages text[] NOT NULL DEFAULT '{}'")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN capacity integer NOT NULL DEFAULT 5 "
                        "CHECK (capacity BETWEEN 1 AND 1000)")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN scope_accounts text[] NOT NULL DEFAULT '{}'")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN scope_channels text[] NOT NULL DEFAULT '{}'")
      << QStringLiteral("ALTER TABLE sportello.agents ADD COLUMN scope_categories text[] NOT NULL DEFAULT '{}'");

    // The account whose sync brought a post (accounts.id), when the hub knows it: an external's
    // scope may name accounts.
    s << QStringLiteral("ALTER TABLE sportello.posts ADD COLUMN account_id text")
      << QStringLiteral("CREATE INDEX posts_by_thread ON sportello.posts(channel, thread_external_id, created_at)");

    // Threads as the team sees them, kept by triggers on posts and decisions: whether a thread
    // waits, since when, and when it is due under the active policy. Routing and scope read it;
    // replicas keep their own threads and never receive this table.
    s << QStringLiteral(R"(CREATE TABLE sportello.threads(
            channel text NOT NULL,
            external_id text NOT NULL,
            account_id text,
            category text,
            language text,
            status text NOT NULL CHECK (status IN ('waiting', 'answered', 'forwarded', 'closed')),
            handled_status text NOT NULL DEFAULT 'answered',
            last_inbound_at bigint,
            last_handled_at bigint,
            waiting_since bigint,
            due_at bigint,
            PRIMARY KEY (channel, external_id)))")
      << QStringLiteral("CREATE INDEX threads_waiting_since ON sportello.threads(waiting_since) WHERE status = 'waiting'")
      << QStringLiteral("CREATE INDEX threads_due_at ON sportello.threads(due_at) WHERE status = 'waiting'");

    // The active policy's targets as rows, kept by policy_moves_due: every post that arrives
    // looks its target up here (parsing the policy's JSON per post cost the hub's upload most of
    // its throughput).
    s << QStringLiteral(R"(CREATE TABLE sportello.policy_targets(
            category text,
            channel text,
            minutes bigint NOT NULL))")
      << QStringLiteral(R"(CREATE FUNCTION sportello.refresh_policy_targets() RETURNS void
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DELETE FROM sportello.policy_targets;
            INSERT INTO sportello.policy_targets(category, channel, minutes)
            SELECT t ->> 'category', t ->> 'channel', (t ->> 'minutes')::bigint
              FROM sportello.settings s
              JOIN sportello.policies p ON p.name = s.value
              CROSS JOIN LATERAL jsonb_array_elements(p.definition::jsonb -> 'targets') t
             WHERE s.key = 'active_policy' $$)");

    // The first-response target of a category on a channel under the active policy, in
    // milliseconds: the most specific target, as ResponsePolicy::targetFor picks it. Routing
    // ranks by it in calendar time (docs/team.md says why that is close enough for an order).
    s << QStringLiteral(R"(CREATE FUNCTION sportello.target_ms(p_category text, p_channel text) RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            SELECT coalesce(
                (SELECT t.minutes * 60000 FROM sportello.policy_targets t
                  WHERE t.category IS NOT DISTINCT FROM p_category
                    AND (t.channel IS NULL OR t.channel = p_channel)
                  ORDER BY t.channel IS NULL LIMIT 1),
                (SELECT min(t.minutes) * 60000 FROM sportello.policy_targets t),
                3600000) $$)");

    // Recomputes one thread's state from its posts and what handled it last.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.settle_thread(p_channel text, p_thread text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                th sportello.threads;
                since bigint;
            BEGIN
                SELECT * INTO th FROM sportello.threads WHERE channel = p_channel AND external_id = p_thread;
                IF NOT FOUND THEN RETURN; END IF;
                SELECT min(created_at) INTO since FROM sportello.posts
                 WHERE channel = p_channel AND thread_external_id = p_thread AND direction = 'inbound'
                   AND created_at > coalesce(th.last_handled_at, -1);
                UPDATE sportello.threads
                   SET status = CASE WHEN since IS NULL THEN handled_status ELSE 'waiting' END,
                       waiting_since = since,
                       due_at = CASE WHEN since IS NULL THEN NULL
                                     ELSE since + sportello.target_ms(category, channel) END
                 WHERE channel = p_channel AND external_id = p_thread;
            END $$)");

    s << QStringLiteral(R"(CREATE FUNCTION sportello.post_reaches_thread() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                INSERT INTO sportello.threads AS t (channel, external_id, account_id, category, language, status,
                                                    last_inbound_at, last_handled_at)
                VALUES (NEW.channel, NEW.thread_external_id, NEW.account_id, NEW.category, NEW.language,
                        'answered',
                        CASE WHEN NEW.direction = 'inbound' THEN NEW.created_at END,
                        CASE WHEN NEW.direction = 'outbound' THEN NEW.created_at END)
                ON CONFLICT (channel, external_id) DO UPDATE SET
                    account_id = coalesce(t.account_id, excluded.account_id),
                    category = coalesce(t.category, excluded.category),
                    language = coalesce(t.language, excluded.language),
                    last_inbound_at = greatest(t.last_inbound_at, excluded.last_inbound_at),
                    last_handled_at = greatest(t.last_handled_at, excluded.last_handled_at),
                    handled_status = CASE WHEN excluded.last_handled_at > coalesce(t.last_handled_at, -1)
                                          THEN 'answered' ELSE t.handled_status END;
                PERFORM sportello.settle_thread(NEW.channel, NEW.thread_external_id);
                RETURN NULL;
            END $$)")
      << QStringLiteral("CREATE TRIGGER post_reaches_thread AFTER INSERT ON sportello.posts "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.post_reaches_thread()");

    // Claims: who is on a thread, until when (renewed while the thread stays open on their
    // desktop), and until when they are typing a reply. An expired claim is no claim: nobody has
    // to clean up after a desktop that crashed; a claim that ends is expired, not deleted, so a
    // replica reading "what changed since" sees its end too.
    //
    // Claims are not in the feed: they change every few seconds per agent (renewals, typing),
    // are worth nothing once expired, and would hold the feed's lock through a durable commit
    // each (the feed's order is its commit order). Replicas read the claims changed since their
    // last look, with an overlap (sportello::team::readClaimsSince), woken by the same
    // notification as the feed.
    s << QStringLiteral(R"(CREATE TABLE sportello.claims(
            channel text NOT NULL,
            thread_external_id text NOT NULL,
            login text NOT NULL,
            agent_name text NOT NULL,
            desktop text NOT NULL DEFAULT '',
            how text NOT NULL CHECK (how IN ('opened', 'next', 'taken_over', 'assigned')),
            claimed_at bigint NOT NULL,
            until_at bigint NOT NULL,
            typing_until bigint,
            changed_at bigint NOT NULL DEFAULT @NOW_MS@,
            PRIMARY KEY (channel, thread_external_id)))")
      << QStringLiteral("CREATE INDEX claims_by_login ON sportello.claims(login, until_at)")
      << QStringLiteral("CREATE INDEX claims_by_change ON sportello.claims(changed_at)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.claim_changes() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.changed_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER claim_changes BEFORE INSERT OR UPDATE ON sportello.claims "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.claim_changes()")
      << QStringLiteral(R"(CREATE FUNCTION sportello.claims_wake() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('@FEED_CHANNEL@', '');
                RETURN NULL;
            END $$)")
      << QStringLiteral("CREATE TRIGGER claims_wake AFTER INSERT OR UPDATE ON sportello.claims "
                        "FOR EACH STATEMENT EXECUTE FUNCTION sportello.claims_wake()");

    // Whether a decision's reply waits for a supervisor (the team's setting 'approval': the
    // author's role, and the thread's category when the rule names categories).
    s << QStringLiteral(R"(CREATE FUNCTION sportello.needs_approval(d sportello.decisions) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                rule jsonb;
                author_role text;
                thread_category text;
            BEGIN
                IF d.kind <> 'reply_public' OR d.state <> 'accepted' OR d.follows IS NOT NULL THEN RETURN false; END IF;
                SELECT s.value::jsonb INTO rule FROM sportello.settings s WHERE s.key = 'approval';
                IF rule IS NULL THEN RETURN false; END IF;
                SELECT a.role INTO author_role FROM sportello.agents a WHERE a.login = d.agent_login;
                SELECT t.category INTO thread_category FROM sportello.threads t
                 WHERE t.channel = d.channel AND t.external_id = d.thread_external_id;
                thread_category := coalesce(d.category_after, thread_category, '');
                RETURN coalesce(rule -> 'roles', '[]') ? coalesce(author_role, '')
                   AND (jsonb_array_length(coalesce(rule -> 'categories', '[]')) = 0
                        OR rule -> 'categories' ? thread_category);
            END $$)");

    // A decision accepted on a thread settles it (a reply answers it, a forward forwards it, a
    // close closes it, unless a newer post waits) and ends its claim: the work is done. A reply
    // that waits for approval settles nothing yet: the thread keeps waiting, its due time stands
    // and its claim with it, until a supervisor approves (review_reply).
    s << QStringLiteral(R"(CREATE FUNCTION sportello.settle_by_decision(d sportello.decisions) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                handled text := CASE d.kind WHEN 'forward' THEN 'forwarded' WHEN 'close' THEN 'closed'
                                            ELSE 'answered' END;
            BEGIN
                INSERT INTO sportello.threads AS t (channel, external_id, category, status, handled_status,
                                                    last_handled_at)
                VALUES (d.channel, d.thread_external_id, d.category_after, handled, handled, d.decided_at)
                ON CONFLICT (channel, external_id) DO UPDATE SET
                    category = coalesce(excluded.category, t.category),
                    handled_status = CASE WHEN excluded.last_handled_at >= coalesce(t.last_handled_at, -1)
                                          THEN excluded.handled_status ELSE t.handled_status END,
                    last_handled_at = greatest(t.last_handled_at, excluded.last_handled_at);
                PERFORM sportello.settle_thread(d.channel, d.thread_external_id);
                UPDATE sportello.claims SET until_at = @NOW_MS@, typing_until = NULL
                 WHERE channel = d.channel AND thread_external_id = d.thread_external_id AND until_at > @NOW_MS@;
            END $$)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.decision_settles_thread() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                IF NEW.state = 'accepted' AND NEW.follows IS NULL AND NOT sportello.needs_approval(NEW) THEN
                    PERFORM sportello.settle_by_decision(NEW);
                END IF;
                RETURN NULL;
            END $$)")
      << QStringLiteral("CREATE TRIGGER decision_settles_thread AFTER INSERT ON sportello.decisions "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.decision_settles_thread()");

    // A new active policy, or a changed one, moves every waiting thread's due time.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.policy_moves_due() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                IF TG_TABLE_NAME = 'settings' AND to_jsonb(NEW) ->> 'key' <> 'active_policy' THEN RETURN NULL; END IF;
                -- Another policy than the active one changes nothing that waits.
                IF TG_TABLE_NAME = 'policies' AND NOT EXISTS (SELECT 1 FROM sportello.settings s
                      WHERE s.key = 'active_policy' AND s.value = to_jsonb(NEW) ->> 'name') THEN
                    RETURN NULL;
                END IF;
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                PERFORM sportello.refresh_policy_targets();
                UPDATE sportello.threads SET due_at = waiting_since + sportello.target_ms(category, channel)
                 WHERE status = 'waiting';
                RETURN NULL;
            END $$)")
      << QStringLiteral("CREATE TRIGGER policy_moves_due AFTER INSERT OR UPDATE ON sportello.settings "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.policy_moves_due()")
      << QStringLiteral("CREATE TRIGGER policy_moves_due AFTER INSERT OR UPDATE ON sportello.policies "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.policy_moves_due()")
      // A database upgraded from version 1 has its active policy already.
      << QStringLiteral("SELECT sportello.refresh_policy_targets()");

    // Threads of a database upgraded from version 1.
    s << QStringLiteral(R"(INSERT INTO sportello.threads(channel, external_id, category, language, status,
                                                  last_inbound_at, last_handled_at)
            SELECT p.channel, p.thread_external_id,
                   (array_agg(p.category ORDER BY p.created_at) FILTER (WHERE p.category IS NOT NULL))[1],
                   (array_agg(p.language ORDER BY p.created_at) FILTER (WHERE p.language IS NOT NULL))[1],
                   'answered',
                   max(p.created_at) FILTER (WHERE p.direction = 'inbound'),
                   greatest(max(p.created_at) FILTER (WHERE p.direction = 'outbound'),
                            (SELECT max(d.decided_at) FROM sportello.decisions d
                              WHERE d.channel = p.channel AND d.thread_external_id = p.thread_external_id
                                AND d.state = 'accepted' AND d.follows IS NULL))
              FROM sportello.posts p GROUP BY p.channel, p.thread_external_id)")
      << QStringLiteral("SELECT sportello.settle_thread(channel, external_id) FROM sportello.threads");
    return s;
}

// Who calls: the caller's agents row, or an error naming what is wrong.
const char *kCaller = R"(
                SELECT * INTO me FROM sportello.agents WHERE login = session_user;
                IF NOT FOUND OR me.role = 'hub' THEN
                    RAISE EXCEPTION 'login % is not an agent of this team', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;)";

QStringList scope()
{
    QStringList s;
    // Whether an agent's scope covers a thread of this channel, account and category. Everyone
    // but an external sees everything.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.scope_covers(a sportello.agents, p_channel text,
                                                          p_account text, p_category text) RETURNS boolean
            LANGUAGE sql STABLE AS $$
            SELECT a.role <> 'external' OR (
                cardinality(a.scope_accounts) + cardinality(a.scope_channels) + cardinality(a.scope_categories) > 0
                AND (cardinality(a.scope_accounts) = 0 OR p_account = ANY (a.scope_accounts))
                AND (cardinality(a.scope_channels) = 0 OR p_channel = ANY (a.scope_channels))
                AND (cardinality(a.scope_categories) = 0 OR p_category = ANY (a.scope_categories))) $$)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.external_sees_thread(p_channel text, p_thread text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            SELECT EXISTS (SELECT 1 FROM sportello.agents a
                             JOIN sportello.threads t ON t.channel = p_channel AND t.external_id = p_thread
                            WHERE a.login = session_user
                              AND sportello.scope_covers(a, t.channel, t.account_id, t.category)) $$)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.external_sees_account(p_id text, p_channel text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            SELECT EXISTS (SELECT 1 FROM sportello.agents a
                            WHERE a.login = session_user AND a.role = 'external'
                              AND cardinality(a.scope_accounts) + cardinality(a.scope_channels) > 0
                              AND (cardinality(a.scope_accounts) = 0 OR p_id = ANY (a.scope_accounts))
                              AND (cardinality(a.scope_channels) = 0 OR p_channel = ANY (a.scope_channels))) $$)")
      // The feed's rows, by kind, for an external login.
      << QStringLiteral(R"(CREATE FUNCTION sportello.external_sees_change(p_kind text, p_row jsonb) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                d record;
            BEGIN
                CASE p_kind
                WHEN 'post', 'decision', 'claim', 'note' THEN
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

    const QString byThread = QStringLiteral("(%1 OR sportello.external_sees_thread(channel, %2))");
    struct Scoped {
        const char *table;
        QString visible;
    };
    const QVector<Scoped> scoped{
        {"posts", byThread.arg(kNotExternal, QStringLiteral("thread_external_id"))},
        {"decisions", byThread.arg(kNotExternal, QStringLiteral("thread_external_id"))},
        {"claims", byThread.arg(kNotExternal, QStringLiteral("thread_external_id"))},
        {"notes", byThread.arg(kNotExternal, QStringLiteral("thread_external_id"))},
        {"threads", byThread.arg(kNotExternal, QStringLiteral("external_id"))},
        {"audit_log", QStringLiteral("(%1 OR (thread_external_id IS NULL AND agent_login = session_user) "
                                     "OR sportello.external_sees_thread(channel, thread_external_id))")
                          .arg(kNotExternal)},
        {"outbox", QStringLiteral("(%1 OR EXISTS (SELECT 1 FROM sportello.decisions d WHERE d.id = decision_id))")
                       .arg(kNotExternal)},
        {"accounts", QStringLiteral("(%1 OR sportello.external_sees_account(id, channel))").arg(kNotExternal)},
        {"agents", QStringLiteral("(%1 OR login = session_user)").arg(kNotExternal)},
        {"changes", QStringLiteral("(%1 OR sportello.external_sees_change(kind, row))").arg(kNotExternal)},
    };
    for (const Scoped &t : scoped) {
        s << QStringLiteral("ALTER TABLE sportello.%1 ENABLE ROW LEVEL SECURITY").arg(QLatin1String(t.table))
          << QStringLiteral("CREATE POLICY team_scope ON sportello.%1 USING %2 WITH CHECK %2")
                 .arg(QLatin1String(t.table), t.visible);
    }
    return s;
}

QStringList notes()
{
    QStringList s;
    // Internal notes: never delivered, never in the outbox. Mentions (@login of an agent of the
    // team) are read from the text by the database, so every replica sees the same ones.
    s << QStringLiteral(R"(CREATE TABLE sportello.notes(
            id text PRIMARY KEY,
            channel text NOT NULL,
            thread_external_id text NOT NULL,
            author_login text NOT NULL DEFAULT session_user,
            author_name text NOT NULL,
            at bigint NOT NULL,
            text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 4000),
            mentions text[] NOT NULL DEFAULT '{}',
            stored_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral("CREATE INDEX notes_by_thread ON sportello.notes(channel, thread_external_id, at)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.note_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                NEW.author_login := session_user;
                SELECT a.name INTO NEW.author_name FROM sportello.agents a WHERE a.login = session_user;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'login % is not an agent of this team', session_user
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM sportello.threads t WHERE t.channel = NEW.channel
                                  AND t.external_id = NEW.thread_external_id) THEN
                    RAISE EXCEPTION 'the team holds no thread %:%', NEW.channel, NEW.thread_external_id
                        USING ERRCODE = 'no_data_found';
                END IF;
                NEW.stored_at := @NOW_MS@;
                SELECT coalesce(array_agg(DISTINCT a.login ORDER BY a.login), '{}') INTO NEW.mentions
                  FROM regexp_matches(lower(NEW.text), '(?:^|[^[:alnum:]_.@-])@([a-z][a-z0-9_.-]*[a-z0-9_])', 'g') m
                  JOIN sportello.agents a ON a.login = m[1] AND a.role <> 'hub';
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER note_arrives BEFORE INSERT ON sportello.notes "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.note_arrives()")
      << QStringLiteral("CREATE TRIGGER notes_feed AFTER INSERT OR UPDATE OR DELETE ON sportello.notes "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.record_change('note')");
    return s;
}

QStringList claimFunctions()
{
    QStringList s;
    // Claims a thread for the caller: a new claim, the caller's own renewed, an expired one
    // replaced; a colleague's live claim only with take_over, which is audited. Returns the
    // claim as it stands afterwards (mine = false: a colleague holds it).
    s << QStringLiteral(R"(CREATE FUNCTION sportello.claim_thread(p_channel text, p_thread text, p_desktop text,
                                                          p_ttl_ms bigint, p_take_over boolean)
            RETURNS TABLE(mine boolean, login text, agent_name text, how text, claimed_at bigint, until_at bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            #variable_conflict use_column
            DECLARE
                me sportello.agents;
                now_ms bigint := @NOW_MS@;
                before sportello.claims;
                got sportello.claims;
            BEGIN
                @CALLER@
                IF p_take_over THEN
                    PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder: a take-over is audited
                END IF;
                IF p_ttl_ms < 1000 OR p_ttl_ms > 3600000 THEN
                    RAISE EXCEPTION 'a claim lasts between a second and an hour' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM sportello.threads t WHERE t.channel = p_channel AND t.external_id = p_thread
                                 AND sportello.scope_covers(me, t.channel, t.account_id, t.category)) THEN
                    RAISE EXCEPTION 'thread %:% is not one this login may take', p_channel, p_thread
                        USING ERRCODE = 'no_data_found';
                END IF;
                SELECT * INTO before FROM sportello.claims c
                 WHERE c.channel = p_channel AND c.thread_external_id = p_thread FOR UPDATE;
                INSERT INTO sportello.claims AS c (channel, thread_external_id, login, agent_name, desktop, how,
                                                   claimed_at, until_at)
                VALUES (p_channel, p_thread, me.login, me.name, coalesce(p_desktop, ''),
                        CASE WHEN p_take_over THEN 'taken_over' ELSE 'opened' END, now_ms, now_ms + p_ttl_ms)
                ON CONFLICT (channel, thread_external_id) DO UPDATE SET
                    login = excluded.login, agent_name = excluded.agent_name, desktop = excluded.desktop,
                    how = CASE WHEN c.login = excluded.login AND c.until_at > now_ms THEN c.how ELSE excluded.how END,
                    claimed_at = CASE WHEN c.login = excluded.login AND c.until_at > now_ms THEN c.claimed_at
                                      ELSE excluded.claimed_at END,
                    until_at = excluded.until_at,
                    typing_until = CASE WHEN c.login = excluded.login THEN c.typing_until END
                WHERE c.login = excluded.login OR c.until_at <= now_ms OR p_take_over
                RETURNING c.* INTO got;
                IF got.login IS NULL THEN
                    RETURN QUERY SELECT false, c.login, c.agent_name, c.how, c.claimed_at, c.until_at
                                   FROM sportello.claims c
                                  WHERE c.channel = p_channel AND c.thread_external_id = p_thread;
                    RETURN;
                END IF;
                IF p_take_over AND before.login IS NOT NULL AND before.login <> me.login AND before.until_at > now_ms THEN
                    INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, thread_external_id, details)
                    VALUES (gen_random_uuid()::text, now_ms, me.login, me.name, 'claim_taken_over', p_channel, p_thread,
                            jsonb_build_object('from_login', before.login, 'from_name', before.agent_name,
                                               'held_since', before.claimed_at)::text);
                END IF;
                RETURN QUERY SELECT true, got.login, got.agent_name, got.how, got.claimed_at, got.until_at;
            END $$)");

    // Lets go of a thread: the caller's own claim, or (supervisors and admins, audited) anyone's.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.release_thread(p_channel text, p_thread text, p_reason text)
            RETURNS boolean
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                me sportello.agents;
                gone sportello.claims;
            BEGIN
                @CALLER@
                IF me.role IN ('supervisor', 'admin') THEN
                    PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder: releasing a colleague's is audited
                END IF;
                SELECT * INTO gone FROM sportello.claims c WHERE c.channel = p_channel AND c.thread_external_id = p_thread
                   AND c.until_at > @NOW_MS@ AND (c.login = me.login OR me.role IN ('supervisor', 'admin'))
                   FOR UPDATE;
                IF gone.login IS NOT NULL THEN
                    UPDATE sportello.claims c SET until_at = @NOW_MS@, typing_until = NULL
                     WHERE c.channel = p_channel AND c.thread_external_id = p_thread;
                END IF;
                IF gone.login IS NULL THEN
                    IF EXISTS (SELECT 1 FROM sportello.claims c WHERE c.channel = p_channel
                                  AND c.thread_external_id = p_thread AND c.until_at > @NOW_MS@) THEN
                        RAISE EXCEPTION 'only a supervisor releases a colleague''s claim'
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN false;
                END IF;
                IF gone.login <> me.login THEN
                    INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, thread_external_id, details)
                    VALUES (gen_random_uuid()::text, @NOW_MS@, me.login, me.name, 'claim_released', p_channel, p_thread,
                            jsonb_build_object('from_login', gone.login, 'from_name', gone.agent_name,
                                               'reason', coalesce(p_reason, ''))::text);
                END IF;
                RETURN true;
            END $$)");

    // A supervisor gives a thread to an agent (replacing any claim on it), audited.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.assign_thread(p_channel text, p_thread text, p_login text,
                                                           p_ttl_ms bigint)
            RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                me sportello.agents;
                them sportello.agents;
                before sportello.claims;
            BEGIN
                @CALLER@
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                IF me.role NOT IN ('supervisor', 'admin') THEN
                    RAISE EXCEPTION 'only a supervisor assigns threads' USING ERRCODE = 'insufficient_privilege';
                END IF;
                SELECT * INTO them FROM sportello.agents a WHERE a.login = p_login AND a.role <> 'hub';
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no agent % on this team', p_login USING ERRCODE = 'no_data_found';
                END IF;
                IF NOT EXISTS (SELECT 1 FROM sportello.threads t WHERE t.channel = p_channel AND t.external_id = p_thread
                                 AND sportello.scope_covers(them, t.channel, t.account_id, t.category)) THEN
                    RAISE EXCEPTION 'thread %:% is not one % may take', p_channel, p_thread, p_login
                        USING ERRCODE = 'no_data_found';
                END IF;
                SELECT * INTO before FROM sportello.claims c
                 WHERE c.channel = p_channel AND c.thread_external_id = p_thread FOR UPDATE;
                INSERT INTO sportello.claims AS c (channel, thread_external_id, login, agent_name, desktop, how,
                                                   claimed_at, until_at)
                VALUES (p_channel, p_thread, them.login, them.name, '', 'assigned', @NOW_MS@, @NOW_MS@ + p_ttl_ms)
                ON CONFLICT (channel, thread_external_id) DO UPDATE SET
                    login = excluded.login, agent_name = excluded.agent_name, desktop = '', how = 'assigned',
                    claimed_at = excluded.claimed_at, until_at = excluded.until_at, typing_until = NULL;
                INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, thread_external_id, details)
                VALUES (gen_random_uuid()::text, @NOW_MS@, me.login, me.name, 'claim_assigned', p_channel, p_thread,
                        jsonb_build_object('to_login', them.login, 'to_name', them.name,
                                           'from_login', CASE WHEN before.until_at > @NOW_MS@ THEN before.login END)::text);
            END $$)");

    // "Is typing a reply": on the caller's live claim only, for the next few seconds.
    s << QStringLiteral(R"(CREATE FUNCTION sportello.mark_typing(p_channel text, p_thread text, p_for_ms bigint)
            RETURNS boolean
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                UPDATE sportello.claims c SET typing_until = @NOW_MS@ + least(greatest(p_for_ms, 0), 60000)
                 WHERE c.channel = p_channel AND c.thread_external_id = p_thread
                   AND c.login = session_user AND c.until_at > @NOW_MS@;
                RETURN FOUND;
            END $$)");
    return s;
}

QStringList routing()
{
    QStringList s;
    // The team's routing, a setting like the others (`team routing use`, Settings > Team):
    // {"preset": "skills"|"dedicated"|"mixed", "order": "most_urgent"|"longest_waiting",
    //  "departments": {department: [categories]}, "external_first_minutes": n}.
    s << QStringLiteral(R"(INSERT INTO sportello.settings(key, value) VALUES ('routing',
            '{"preset":"dedicated","order":"most_urgent","departments":{},"external_first_minutes":30}')
            ON CONFLICT (key) DO NOTHING)")
      << QStringLiteral(R"(INSERT INTO sportello.settings(key, value) VALUES ('approval',
            '{"roles":["external"],"categories":[]}') ON CONFLICT (key) DO NOTHING)");

    // Whether routing gives this thread to this agent under the preset: skills (own skills, else
    // the categories of the agent's department), dedicated (every in-house agent takes every
    // thread; outside staff are not routed), mixed (outside staff take what their scope covers by
    // skills; in-house agents everything, but a thread an external may take only once it has
    // waited external_first_minutes).
    s << QStringLiteral(R"(CREATE FUNCTION sportello.routes_to(a sportello.agents, t sportello.threads, p_routing jsonb,
                                                       p_now bigint) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                preset text := coalesce(p_routing ->> 'preset', 'dedicated');
                categories text[];
            BEGIN
                IF NOT sportello.scope_covers(a, t.channel, t.account_id, t.category) THEN RETURN false; END IF;
                IF preset = 'dedicated' THEN RETURN a.role <> 'external'; END IF;
                IF preset = 'mixed' AND a.role <> 'external' THEN
                    RETURN t.waiting_since <= p_now - coalesce((p_routing ->> 'external_first_minutes')::bigint, 30) * 60000
                        OR NOT EXISTS (SELECT 1 FROM sportello.agents x WHERE x.role = 'external'
                                          AND sportello.scope_covers(x, t.channel, t.account_id, t.category));
                END IF;
                categories := a.skill_categories;
                IF cardinality(categories) = 0 AND preset = 'skills' AND a.department <> ''
                   AND p_routing -> 'departments' ? a.department THEN
                    SELECT coalesce(array_agg(c), '{}') INTO categories
                      FROM jsonb_array_elements_text(p_routing -> 'departments' -> a.department) c;
                END IF;
                RETURN (cardinality(categories) = 0 OR t.category = ANY (categories))
                   AND (cardinality(a.skill_channels) = 0 OR t.channel = ANY (a.skill_channels))
                   AND (cardinality(a.skill_languages) = 0 OR t.language = ANY (a.skill_languages));
            END $$)");

    // The next thread for the caller: the most urgent (or longest waiting) waiting thread that
    // routing gives them and nobody holds, claimed in the same transaction.
    //
    // Two callers never get the same thread: the search takes no row lock but a per-thread
    // advisory try-lock (never waits: a thread another caller is taking at this instant is
    // skipped), and the claim itself is written under the feed's lock with a fresh look at the
    // claims, so a claim that committed while the search ran is seen and the next candidate
    // tried. See kLockOrder.
    // outcome: 'claimed', 'at_capacity' or 'none'.
    const QString search = QStringLiteral(R"(
                        SELECT * INTO cand FROM sportello.threads t
                         WHERE t.status = 'waiting'
                           AND CASE WHEN sportello.routes_to(me, t, routing, now_ms)
                                     AND NOT EXISTS (SELECT 1 FROM sportello.claims c WHERE c.channel = t.channel
                                                        AND c.thread_external_id = t.external_id
                                                        AND c.until_at > now_ms)
                                    THEN pg_try_advisory_xact_lock(@THREAD_LOCKS@, hashtext(t.channel || ':' || t.external_id))
                                    ELSE false END
                         ORDER BY %1, t.channel, t.external_id LIMIT 1;)");
    s << QStringLiteral(R"(CREATE FUNCTION sportello.next_thread(p_desktop text, p_ttl_ms bigint)
            RETURNS TABLE(outcome text, channel text, thread_external_id text, category text, language text,
                          waiting_since bigint, due_at bigint, until_at bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            #variable_conflict use_column
            DECLARE
                me sportello.agents;
                now_ms bigint := @NOW_MS@;
                routing jsonb;
                held integer;
                cand sportello.threads;
                got sportello.claims;
                tries integer := 0;
            BEGIN
                @CALLER@
                IF p_ttl_ms < 1000 OR p_ttl_ms > 3600000 THEN
                    RAISE EXCEPTION 'a claim lasts between a second and an hour' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                SELECT count(*) INTO held FROM sportello.claims c WHERE c.login = me.login AND c.until_at > now_ms;
                IF held >= me.capacity THEN
                    RETURN QUERY SELECT 'at_capacity'::text, NULL::text, NULL::text, NULL::text, NULL::text,
                                        NULL::bigint, NULL::bigint, NULL::bigint;
                    RETURN;
                END IF;
                SELECT s.value::jsonb INTO routing FROM sportello.settings s WHERE s.key = 'routing';
                LOOP
                    tries := tries + 1;
                    IF coalesce(routing ->> 'order', 'most_urgent') = 'longest_waiting' THEN
                        %1
                    ELSE
                        %2
                    END IF;
                    IF NOT FOUND THEN
                        RETURN QUERY SELECT 'none'::text, NULL::text, NULL::text, NULL::text, NULL::text,
                                            NULL::bigint, NULL::bigint, NULL::bigint;
                        RETURN;
                    END IF;
                    -- Fresh looks with the thread's row locked: the search's snapshot may predate a
                    -- claim or a decision that committed since (a thread claimed, answered and let
                    -- go); the lock holds a decision on it back until this transaction ends.
                    now_ms := @NOW_MS@;
                    got := NULL;
                    PERFORM 1 FROM sportello.threads t WHERE t.channel = cand.channel
                       AND t.external_id = cand.external_id AND t.status = 'waiting' FOR UPDATE OF t;
                    IF FOUND AND NOT EXISTS (SELECT 1 FROM sportello.claims c WHERE c.channel = cand.channel
                                      AND c.thread_external_id = cand.external_id AND c.until_at > now_ms) THEN
                        INSERT INTO sportello.claims AS c (channel, thread_external_id, login, agent_name, desktop,
                                                           how, claimed_at, until_at)
                        VALUES (cand.channel, cand.external_id, me.login, me.name, coalesce(p_desktop, ''), 'next',
                                now_ms, now_ms + p_ttl_ms)
                        ON CONFLICT ON CONSTRAINT claims_pkey DO UPDATE SET
                            login = excluded.login, agent_name = excluded.agent_name, desktop = excluded.desktop,
                            how = 'next', claimed_at = excluded.claimed_at, until_at = excluded.until_at,
                            typing_until = NULL
                        WHERE c.until_at <= now_ms
                        RETURNING c.* INTO got;
                    END IF;
                    IF got.login IS NOT NULL THEN
                        RETURN QUERY SELECT 'claimed'::text, cand.channel, cand.external_id, cand.category,
                                            cand.language, cand.waiting_since, cand.due_at, got.until_at;
                        RETURN;
                    END IF;
                    IF tries >= 50 THEN
                        RAISE EXCEPTION 'no thread could be claimed after % tries, try again', tries
                            USING ERRCODE = 'lock_not_available';
                    END IF;
                END LOOP;
            END $$)")
             .arg(search.arg(QStringLiteral("t.waiting_since")), search.arg(QStringLiteral("t.due_at")));
    return s;
}

QStringList approval()
{
    QStringList s;
    // Approval of public replies: the entry waits in 'awaiting_approval' (the hub delivers only
    // 'pending'); a supervisor approves it (as it is, or edited) or sends it back with a comment,
    // and its author resubmits it edited. Each step is audited by the database.
    s << QStringLiteral("ALTER TABLE sportello.outbox DROP CONSTRAINT outbox_state_check")
      << QStringLiteral("ALTER TABLE sportello.outbox ADD CONSTRAINT outbox_state_check CHECK (state IN ("
                        "'pending', 'sending', 'unknown', 'delivered', 'failed', 'held', 'cancelled', "
                        "'awaiting_approval', 'sent_back'))")
      << QStringLiteral("ALTER TABLE sportello.outbox ADD COLUMN review_comment text")
      << QStringLiteral("ALTER TABLE sportello.outbox ADD COLUMN reviewed_by text")
      << QStringLiteral("ALTER TABLE sportello.outbox ADD COLUMN reviewed_at bigint")
      << QStringLiteral(R"(CREATE OR REPLACE FUNCTION sportello.outbox_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                dec sportello.decisions;
            BEGIN
                SELECT * INTO dec FROM sportello.decisions d WHERE d.id = NEW.decision_id;
                NEW.state := CASE WHEN dec.state = 'held' THEN 'held' ELSE 'pending' END;
                NEW.last_error := CASE WHEN dec.state = 'held' THEN 'conflict:' || dec.held_because END;
                NEW.attempts := 0;
                NEW.sent_at := NULL; NEW.sent_text := NULL; NEW.delivered_at := NULL;
                NEW.remote_id := NULL; NEW.lease_owner := NULL; NEW.revision := 0;
                NEW.review_comment := NULL; NEW.reviewed_by := NULL; NEW.reviewed_at := NULL;
                NEW.updated_at := @NOW_MS@;
                IF NEW.state = 'pending' AND sportello.needs_approval(dec) THEN
                    NEW.state := 'awaiting_approval';
                END IF;
                RETURN NEW;
            END $$)")
      << QStringLiteral(R"(CREATE FUNCTION sportello.review_reply(p_entry text, p_verdict text, p_text text,
                                                          p_comment text)
            RETURNS sportello.outbox
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                me sportello.agents;
                entry sportello.outbox;
                dec sportello.decisions;
                edited boolean;
            BEGIN
                @CALLER@
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                SELECT * INTO entry FROM sportello.outbox o WHERE o.id = p_entry FOR UPDATE;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'no outbox entry %', p_entry USING ERRCODE = 'no_data_found';
                END IF;
                SELECT * INTO dec FROM sportello.decisions d WHERE d.id = entry.decision_id;
                IF p_verdict = 'resubmit' THEN
                    IF dec.agent_login <> me.login THEN
                        RAISE EXCEPTION 'only the reply''s author resubmits it' USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    IF entry.state <> 'sent_back' THEN
                        RAISE EXCEPTION 'the reply is %, not sent back', entry.state USING ERRCODE = 'object_not_in_prerequisite_state';
                    END IF;
                ELSE
                    IF me.role NOT IN ('supervisor', 'admin') THEN
                        RAISE EXCEPTION 'only a supervisor approves replies' USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    IF entry.state <> 'awaiting_approval' THEN
                        RAISE EXCEPTION 'the reply is %, not awaiting approval', entry.state USING ERRCODE = 'object_not_in_prerequisite_state';
                    END IF;
                END IF;
                IF p_text IS NOT NULL AND length(btrim(p_text)) = 0 THEN
                    RAISE EXCEPTION 'a reply cannot be empty' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF p_verdict = 'send_back' AND length(btrim(coalesce(p_comment, ''))) = 0 THEN
                    RAISE EXCEPTION 'say why the reply goes back' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                edited := p_text IS NOT NULL AND p_text IS DISTINCT FROM entry.text;
                UPDATE sportello.outbox o SET
                    state = CASE p_verdict WHEN 'approve' THEN 'pending' WHEN 'send_back' THEN 'sent_back'
                                           WHEN 'resubmit' THEN 'awaiting_approval' END,
                    text = CASE WHEN edited THEN p_text ELSE o.text END,
                    review_comment = CASE p_verdict WHEN 'send_back' THEN p_comment WHEN 'approve' THEN p_comment
                                                    ELSE o.review_comment END,
                    reviewed_by = CASE WHEN p_verdict = 'resubmit' THEN o.reviewed_by ELSE me.name END,
                    reviewed_at = CASE WHEN p_verdict = 'resubmit' THEN o.reviewed_at ELSE @NOW_MS@ END,
                    revision = o.revision + 1, updated_at = @NOW_MS@
                 WHERE o.id = p_entry RETURNING o.* INTO entry;
                -- Approved: now the reply answers its thread (its timer ran until this moment).
                IF p_verdict = 'approve' THEN
                    PERFORM sportello.settle_by_decision(dec);
                END IF;
                INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel, thread_external_id,
                                                decision_id, details)
                VALUES (gen_random_uuid()::text, @NOW_MS@, me.login, me.name,
                        CASE p_verdict WHEN 'approve' THEN 'reply_approved' WHEN 'send_back' THEN 'reply_sent_back'
                                       ELSE 'reply_resubmitted' END,
                        dec.channel, dec.thread_external_id, dec.id,
                        jsonb_build_object('outbox_id', entry.id, 'edited', edited,
                                           'comment', coalesce(p_comment, ''))::text);
                RETURN entry;
            END $$)")
      ;
    return s;
}

QStringList presence()
{
    QStringList s;
    // Who is online: each desktop says so every few seconds. Not in the feed (the board reads it
    // directly): it would fill the feed with heartbeats.
    s << QStringLiteral(R"(CREATE TABLE sportello.presence(
            login text PRIMARY KEY,
            agent_name text NOT NULL,
            desktop text NOT NULL DEFAULT '',
            seen_at bigint NOT NULL))")
      << QStringLiteral(R"(CREATE FUNCTION sportello.heartbeat(p_desktop text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                me sportello.agents;
            BEGIN
                @CALLER@
                INSERT INTO sportello.presence(login, agent_name, desktop, seen_at)
                VALUES (me.login, me.name, coalesce(p_desktop, ''), @NOW_MS@)
                ON CONFLICT (login) DO UPDATE SET agent_name = excluded.agent_name, desktop = excluded.desktop,
                                                  seen_at = excluded.seen_at;
            END $$)")
      << QStringLiteral("ALTER TABLE sportello.presence ENABLE ROW LEVEL SECURITY")
      << QStringLiteral("CREATE POLICY team_scope ON sportello.presence USING (%1 OR login = session_user)")
             .arg(kNotExternal);
    return s;
}

QStringList grants()
{
    QStringList s;
    const QString everyone = QStringLiteral("@AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, @HUB_ROLE@, @EXTERNAL_ROLE@");
    s << QStringLiteral("GRANT USAGE ON SCHEMA sportello TO @EXTERNAL_ROLE@")
      << QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA sportello TO %1").arg(everyone)
      << QStringLiteral("GRANT INSERT ON sportello.decisions, sportello.outbox, sportello.audit_log, sportello.notes "
                        "TO @EXTERNAL_ROLE@, @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.claim_thread(text, text, text, bigint, boolean), "
                        "sportello.release_thread(text, text, text), sportello.assign_thread(text, text, text, bigint), "
                        "sportello.mark_typing(text, text, bigint), sportello.next_thread(text, bigint), "
                        "sportello.review_reply(text, text, text, text), sportello.heartbeat(text) FROM PUBLIC")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.claim_thread(text, text, text, bigint, boolean), "
                        "sportello.release_thread(text, text, text), sportello.assign_thread(text, text, text, bigint), "
                        "sportello.mark_typing(text, text, bigint), sportello.next_thread(text, bigint), "
                        "sportello.review_reply(text, text, text, text), sportello.heartbeat(text) "
                        "TO @EXTERNAL_ROLE@, @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@")
      // An admin sets agents' skills, departments, capacity and scope.
      << QStringLiteral("GRANT UPDATE ON sportello.agents TO @ADMIN_ROLE@");
    return s;
}

} // namespace

QStringList teamSchemaVersion2()
{
    QStringList s;
    s << QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '@EXTERNAL_ROLE@') THEN "
                        "CREATE ROLE @EXTERNAL_ROLE@ NOLOGIN; END IF; END $$");
    s << threadsAndClaims() << notes() << scope() << claimFunctions() << routing() << approval() << presence()
      << grants();
    for (QString &statement : s)
        statement.replace(QLatin1String("@CALLER@"), QLatin1String(kCaller))
            .replace(QLatin1String("@THREAD_LOCKS@"), QLatin1String(kThreadLocks));
    return s;
}

} // namespace sportello::team::detail
