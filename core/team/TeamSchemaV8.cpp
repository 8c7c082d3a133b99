// Team schema version 8: erasing one person's personal data, and the team's retention policy
// (issue 19; docs/team.md, "Erasure and retention (schema 8)"; docs/privacy.md, "Team mode").
//
// Both anonymise rather than delete: posts, threads, decisions and outbox entries keep their rows
// (ids, times, channel, direction, category, states), so the team's timers, routing and reports
// keep their figures; only the text and the authors' identities go. Customers, their links and
// notes of an erased person are deleted.
//
// The feed is the hard part: it keeps every row as JSON and is never pruned, so a desktop that
// joins tomorrow would pull the person's posts from the start. Both functions therefore rewrite
// the feed's rows that carry what they anonymise (and delete those of what they delete), and the
// changes their own statements write to the feed are taken out again before they commit: the
// replicas learn of an erasure from sportello.erasures (read before every pull, by keys only) and
// apply it to their own cache by its own rules, and each desktop applies the retention policy to
// its cache itself. Position numbers left unused are harmless (docs/team.md, "The feed").

#include "team/TeamSchema.h"

namespace sportello::team::detail {

namespace {

// Internal, owner's only (no grant): fills the temporary tables the two public functions share
// with what to anonymise, then anonymises it in the tables and in the feed. Its input:
//   pg_temp.erase_threads(channel, external_id): threads whose every personal field goes (the
//       posts' text, decisions' text, outbox texts, notes, care's answers, moderation notes, the
//       details of their audit entries);
//   pg_temp.erase_authors(channel, external_id, new_external_id): authors whose every post loses
//       its text and its author (handle, name, followers; the platform's id becomes
//       new_external_id, 'erased:' and a random UUID), and whose customer links are deleted;
//   pg_temp.erase_customers(uuid): customers deleted with their links and notes.
// Returns how many rows of each it changed.
QString anonymiseFunction()
{
    return QStringLiteral(R"(CREATE FUNCTION sportello.anonymise_marked(
                OUT posts bigint, OUT decisions bigint, OUT outbox bigint, OUT notes bigint, OUT customers bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                mark bigint;
                n bigint;
            BEGIN
                -- kLockOrder: the feed's lock before any row's. Held to the commit, so every change
                -- numbered above `mark` from here on is this transaction's own.
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                SELECT coalesce(max(seq), 0) INTO mark FROM sportello.changes;
                CREATE TEMP TABLE IF NOT EXISTS erase_decisions(id text PRIMARY KEY) ON COMMIT DROP;
                TRUNCATE pg_temp.erase_decisions;
                INSERT INTO pg_temp.erase_decisions
                SELECT d.id FROM sportello.decisions d JOIN pg_temp.erase_threads t
                  ON t.channel = d.channel AND t.external_id = d.thread_external_id;

                -- The person's own posts by their platform ids, in whatever thread (a shared one
                -- included): the moderation notes and hide/unhide audit details on them go too.
                CREATE TEMP TABLE IF NOT EXISTS erase_posts(channel text, external_id text,
                                                            PRIMARY KEY (channel, external_id)) ON COMMIT DROP;
                TRUNCATE pg_temp.erase_posts;
                INSERT INTO pg_temp.erase_posts
                SELECT p.channel, p.external_id FROM sportello.posts p JOIN pg_temp.erase_authors a
                  ON p.channel = a.channel AND p.author_external_id = a.external_id
                ON CONFLICT DO NOTHING;
                UPDATE sportello.moderation_requests m SET note = NULL FROM pg_temp.erase_posts e
                 WHERE m.channel = e.channel AND m.comment_id = e.external_id AND m.note IS NOT NULL;
                UPDATE sportello.audit_log l SET details = '{"personal_data_erased":true}'
                 WHERE l.action IN ('comment_hidden', 'comment_unhidden')
                   AND l.details <> '{"personal_data_erased":true}'
                   AND (l.channel, CASE WHEN l.details ~ '^\s*\{' THEN l.details::jsonb ->> 'post_id' END)
                       IN (SELECT channel, external_id FROM pg_temp.erase_posts);

                UPDATE sportello.posts p SET text = '', author_external_id = a.new_external_id, author_handle = '',
                       author_name = '', author_followers = 0
                  FROM pg_temp.erase_authors a
                 WHERE p.channel = a.channel AND p.author_external_id = a.external_id;
                GET DIAGNOSTICS posts = ROW_COUNT;
                UPDATE sportello.posts p SET text = ''
                  FROM pg_temp.erase_threads t
                 WHERE p.channel = t.channel AND p.thread_external_id = t.external_id AND p.text <> '';
                GET DIAGNOSTICS n = ROW_COUNT;
                posts := posts + n;
                UPDATE sportello.decisions d SET text = '' FROM pg_temp.erase_decisions e
                 WHERE d.id = e.id AND d.text <> '';
                GET DIAGNOSTICS decisions = ROW_COUNT;
                UPDATE sportello.outbox o SET text = CASE WHEN o.text IS NULL THEN NULL ELSE '' END, sent_text = NULL,
                       review_comment = NULL, last_error = NULL
                  FROM pg_temp.erase_decisions e
                 WHERE o.decision_id = e.id AND (coalesce(o.text, '') <> '' OR o.sent_text IS NOT NULL
                       OR o.review_comment IS NOT NULL OR o.last_error IS NOT NULL);
                GET DIAGNOSTICS outbox = ROW_COUNT;
                UPDATE sportello.notes x SET text = '', mentions = '{}' FROM pg_temp.erase_threads t
                 WHERE x.channel = t.channel AND x.thread_external_id = t.external_id AND x.text <> '';
                GET DIAGNOSTICS notes = ROW_COUNT;
                UPDATE sportello.handoff_updates u SET answer = NULL FROM pg_temp.erase_threads t
                 WHERE u.channel = t.channel AND u.thread_external_id = t.external_id AND u.answer IS NOT NULL;
                UPDATE sportello.handoffs h SET answer = NULL FROM pg_temp.erase_threads t
                 WHERE h.channel = t.channel AND h.thread_external_id = t.external_id AND h.answer IS NOT NULL;
                UPDATE sportello.moderation_requests m SET note = NULL FROM pg_temp.erase_threads t
                 WHERE m.channel = t.channel AND m.thread_external_id = t.external_id AND m.note IS NOT NULL;
                UPDATE sportello.audit_log l SET details = '{"personal_data_erased":true}' FROM pg_temp.erase_threads t
                 WHERE l.channel = t.channel AND l.thread_external_id = t.external_id
                   AND l.details <> '{"personal_data_erased":true}';

                -- Customers: the erased ones whole, and any link that names an erased author.
                DELETE FROM sportello.customer_notes c USING pg_temp.erase_customers e WHERE c.customer_uuid = e.uuid;
                DELETE FROM sportello.customer_links l
                 WHERE l.customer_uuid IN (SELECT uuid FROM pg_temp.erase_customers)
                    OR (l.channel, l.author_external_id) IN (SELECT channel, external_id FROM pg_temp.erase_authors);
                DELETE FROM sportello.customers c USING pg_temp.erase_customers e WHERE c.uuid = e.uuid;
                GET DIAGNOSTICS customers = ROW_COUNT;

                -- The feed: the rows that carried what went above, rewritten as it is now. One pass
                -- over the feed for each of the two statements.
                UPDATE sportello.changes c SET row = CASE c.kind
                    WHEN 'post' THEN c.row || jsonb_build_object('text', '') || coalesce(
                        (SELECT jsonb_build_object('author_external_id', a.new_external_id, 'author_handle', '',
                                                   'author_name', '', 'author_followers', 0)
                           FROM pg_temp.erase_authors a
                          WHERE a.channel = c.row ->> 'channel' AND a.external_id = c.row ->> 'author_external_id'),
                        '{}'::jsonb)
                    WHEN 'decision' THEN c.row || jsonb_build_object('text', '')
                    WHEN 'outbox' THEN c.row || jsonb_build_object(
                        'text', CASE WHEN jsonb_typeof(c.row -> 'text') = 'string' THEN '' END,
                        'sent_text', NULL, 'review_comment', NULL, 'last_error', NULL)
                    WHEN 'note' THEN c.row || jsonb_build_object('text', '', 'mentions', '[]'::jsonb)
                    WHEN 'handoff_update' THEN c.row || jsonb_build_object('answer', NULL)
                    WHEN 'moderation' THEN c.row || jsonb_build_object('note', NULL)
                    WHEN 'audit' THEN c.row || jsonb_build_object('details', '{"personal_data_erased":true}')
                    ELSE c.row END
                 WHERE c.seq <= mark AND (
                       (c.kind IN ('post', 'decision', 'note', 'handoff_update', 'moderation', 'audit')
                        AND (c.row ->> 'channel', c.row ->> 'thread_external_id')
                            IN (SELECT channel, external_id FROM pg_temp.erase_threads))
                    OR (c.kind = 'post' AND (c.row ->> 'channel', c.row ->> 'author_external_id')
                            IN (SELECT channel, external_id FROM pg_temp.erase_authors))
                    OR (c.kind = 'moderation' AND (c.row ->> 'channel', c.row ->> 'comment_id')
                            IN (SELECT channel, external_id FROM pg_temp.erase_posts))
                    OR (c.kind = 'audit' AND c.row ->> 'action' IN ('comment_hidden', 'comment_unhidden')
                        AND (c.row ->> 'channel', CASE WHEN c.row ->> 'details' ~ '^\s*\{'
                                                       THEN (c.row ->> 'details')::jsonb ->> 'post_id' END)
                            IN (SELECT channel, external_id FROM pg_temp.erase_posts))
                    OR (c.kind = 'outbox' AND c.row ->> 'decision_id' IN (SELECT id FROM pg_temp.erase_decisions)));
                DELETE FROM sportello.changes c
                 WHERE c.seq > mark
                    OR (c.kind IN ('customer', 'customer_note')
                        AND coalesce(c.row ->> 'customer_uuid', c.row ->> 'uuid') IN (SELECT uuid FROM pg_temp.erase_customers))
                    OR (c.kind = 'customer_link'
                        AND (c.row ->> 'customer_uuid' IN (SELECT uuid FROM pg_temp.erase_customers)
                             OR (c.row ->> 'channel', c.row ->> 'author_external_id')
                                IN (SELECT channel, external_id FROM pg_temp.erase_authors)));
            END $$)");
}

QString marksTables()
{
    return QStringLiteral(R"(
                CREATE TEMP TABLE IF NOT EXISTS erase_threads(channel text, external_id text,
                                                              PRIMARY KEY (channel, external_id)) ON COMMIT DROP;
                CREATE TEMP TABLE IF NOT EXISTS erase_authors(channel text, external_id text, new_external_id text,
                                                              PRIMARY KEY (channel, external_id)) ON COMMIT DROP;
                CREATE TEMP TABLE IF NOT EXISTS erase_customers(uuid text PRIMARY KEY) ON COMMIT DROP;
                TRUNCATE pg_temp.erase_threads, pg_temp.erase_authors, pg_temp.erase_customers;)");
}

// The erasure of one person: see the file's comment and docs/privacy.md, "Team mode".
//
// The person comes as author keys (lower-case hex SHA-256 of channel, a line feed, and the
// platform's user id): the call, the server's statement log and sportello.erasures never hold a
// platform id, though the posts the database holds do until this function runs; it finds the
// person's authors by computing the same keys over the authors of its posts and of its customer
// links. The person is those authors and every author linked to the same customers.
QString eraseFunction()
{
    return QStringLiteral(R"(CREATE FUNCTION sportello.erase_person(p_author_keys text[], p_reason text,
                                                         p_request text DEFAULT NULL)
            RETURNS TABLE(erasure_id text, erasure_seq bigint, authors bigint, posts bigint, threads bigint,
                          decisions bigint, outbox bigint, notes bigint, customers bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                who_name text;
                keys text[];
                done record;
                new_id text := gen_random_uuid()::text;
                new_seq bigint;
                n_authors bigint;
                n_threads bigint;
            BEGIN
                IF p_reason IS NULL OR length(btrim(p_reason)) = 0 THEN
                    RAISE EXCEPTION 'say why the person''s data is erased' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF length(p_reason) > 500 OR length(coalesce(p_request, '')) > 200 THEN
                    RAISE EXCEPTION 'the reason (500 characters) or the request''s reference (200) is too long'
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF coalesce(cardinality(p_author_keys), 0) = 0 OR EXISTS (
                       SELECT 1 FROM unnest(p_author_keys) k WHERE k IS NULL OR k !~ '^[0-9a-f]{64}$') THEN
                    RAISE EXCEPTION 'an author key is 64 lower-case hexadecimal digits' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                SELECT a.name INTO who_name FROM sportello.agents a WHERE a.login = session_user;
                who_name := coalesce(who_name, session_user);
                -- One erasure at a time, and no feed writer in between (kLockOrder).
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                @MARKS@
                INSERT INTO pg_temp.erase_authors(channel, external_id, new_external_id)
                SELECT x.channel, x.external_id, 'erased:' || gen_random_uuid()::text
                  FROM (SELECT p.channel, p.author_external_id AS external_id FROM sportello.posts p
                        UNION SELECT l.channel, l.author_external_id FROM sportello.customer_links l) x
                 WHERE x.external_id NOT LIKE 'erased:%'
                   AND encode(sha256(convert_to(x.channel || E'\n' || x.external_id, 'UTF8')), 'hex') = ANY (p_author_keys)
                   -- The company's own accounts (they write the outbound posts) are not a person.
                   AND NOT EXISTS (SELECT 1 FROM sportello.posts o WHERE o.channel = x.channel
                                      AND o.author_external_id = x.external_id AND o.direction = 'outbound');
                -- Their customers, and every identity linked to them: the same person.
                INSERT INTO pg_temp.erase_customers(uuid)
                SELECT DISTINCT l.customer_uuid FROM sportello.customer_links l
                  JOIN pg_temp.erase_authors a ON a.channel = l.channel AND a.external_id = l.author_external_id;
                INSERT INTO pg_temp.erase_authors(channel, external_id, new_external_id)
                SELECT l.channel, l.author_external_id, 'erased:' || gen_random_uuid()::text
                  FROM sportello.customer_links l JOIN pg_temp.erase_customers c ON c.uuid = l.customer_uuid
                ON CONFLICT DO NOTHING;
                -- Customers the person's links named before a merge moved them: the feed still
                -- carries those customers' rows (their reference, their notes).
                INSERT INTO pg_temp.erase_customers(uuid)
                SELECT DISTINCT c.row ->> 'customer_uuid' FROM sportello.changes c
                 WHERE c.kind = 'customer_link' AND c.row ->> 'customer_uuid' IS NOT NULL
                   AND (c.row ->> 'channel', c.row ->> 'author_external_id')
                       IN (SELECT channel, external_id FROM pg_temp.erase_authors)
                   -- A customer someone else is linked to now is that other person's (a link
                   -- made by mistake and undone, a merge away): it stays.
                   AND NOT EXISTS (SELECT 1 FROM sportello.customer_links o
                                    WHERE o.customer_uuid = c.row ->> 'customer_uuid'
                                      AND (o.channel, o.author_external_id)
                                          NOT IN (SELECT channel, external_id FROM pg_temp.erase_authors))
                ON CONFLICT DO NOTHING;
                SELECT count(*) INTO n_authors FROM pg_temp.erase_authors;
                -- The threads where every customer's post is the person's: everything in them is
                -- about the person (our replies name them). In a thread with others' posts only
                -- the person's own posts go.
                INSERT INTO pg_temp.erase_threads(channel, external_id)
                SELECT DISTINCT p.channel, p.thread_external_id FROM sportello.posts p
                  JOIN pg_temp.erase_authors a ON a.channel = p.channel AND a.external_id = p.author_external_id
                 WHERE NOT EXISTS (SELECT 1 FROM sportello.posts q
                                    WHERE q.channel = p.channel AND q.thread_external_id = p.thread_external_id
                                      AND q.direction = 'inbound'
                                      AND (q.channel, q.author_external_id)
                                          NOT IN (SELECT channel, external_id FROM pg_temp.erase_authors));
                SELECT count(*) INTO n_threads FROM pg_temp.erase_threads;
                SELECT * INTO done FROM sportello.anonymise_marked();
                -- The replicas find the person by keys: the ones asked for (a desktop may hold an
                -- author the team never saw) and those of every author found here.
                SELECT array_agg(DISTINCT k ORDER BY k) INTO keys FROM (
                    SELECT unnest(p_author_keys) AS k
                    UNION SELECT encode(sha256(convert_to(a.channel || E'\n' || a.external_id, 'UTF8')), 'hex')
                      FROM pg_temp.erase_authors a) x;
                new_seq := nextval('sportello.erasure_seq');
                INSERT INTO sportello.erasures(seq, id, author_keys, customer_uuids, erased_at, erased_by)
                VALUES (new_seq, new_id, keys,
                        coalesce((SELECT array_agg(uuid ORDER BY uuid) FROM pg_temp.erase_customers), '{}'),
                        @NOW_MS@, session_user);
                -- One audit entry: who, when and why, never what. In the feed like any other.
                INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, details)
                VALUES (gen_random_uuid()::text, @NOW_MS@, session_user, who_name, 'privacy_erasure',
                        jsonb_strip_nulls(jsonb_build_object('reason', p_reason, 'request', NULLIF(btrim(p_request), ''),
                                                             'erasure', new_id))::text);
                RETURN QUERY SELECT new_id, new_seq, n_authors, done.posts, n_threads, done.decisions, done.outbox,
                                    done.notes, done.customers;
            END $$)")
        .replace(QLatin1String("@MARKS@"), marksTables());
}

// The team's retention policy (the setting 'retention_policy', the same JSON as a desktop's:
// closed_threads_months, complaint_months, audit_months, access_log_months) applied to the team
// database: threads not waiting whose last activity is older than their limit (a complaint's
// is complaint_months) are anonymised, their authors too once no readable post of theirs is
// left, and audit entries older than audit_months are deleted. p_dry_run counts and changes
// nothing. p_max_threads (NULL: all) takes the oldest threads first and stops there: a large
// backlog goes in several transactions, each holding the feed's lock for a moment only, and the
// caller calls again until fewer came back. access_log_months is for the access records of
// schema 9. Without a policy nothing expires (the function says so: policy_set false).
QString retentionFunction()
{
    return QStringLiteral(
               R"(CREATE FUNCTION sportello.apply_retention(p_dry_run boolean, p_max_threads integer DEFAULT NULL)
            RETURNS TABLE(policy_set boolean, threads bigint, posts bigint, authors bigint, audit_entries bigint)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                policy jsonb;
                now_ms bigint := @NOW_MS@;
                closed_cut bigint;
                complaint_cut bigint;
                audit_cut bigint;
                who_name text;
                mark bigint;
                n_threads bigint;
                n_posts bigint;
                n_authors bigint;
                n_audit bigint;
            BEGIN
                SELECT s.value::jsonb INTO policy FROM sportello.settings s WHERE s.key = 'retention_policy';
                IF policy IS NULL THEN
                    RETURN QUERY SELECT false, 0::bigint, 0::bigint, 0::bigint, 0::bigint;
                    RETURN;
                END IF;
                closed_cut := (extract(epoch FROM now() - make_interval(months => (policy ->> 'closed_threads_months')::int)) * 1000)::bigint;
                complaint_cut := (extract(epoch FROM now() - make_interval(months => (policy ->> 'complaint_months')::int)) * 1000)::bigint;
                audit_cut := (extract(epoch FROM now() - make_interval(months => (policy ->> 'audit_months')::int)) * 1000)::bigint;
                IF NOT p_dry_run THEN
                    PERFORM pg_advisory_xact_lock(@FEED_LOCK@); -- kLockOrder
                END IF;
                @MARKS@
                -- Expired: not waiting, and nothing happened since the limit. Threads already
                -- anonymised (no text left) are not counted again.
                INSERT INTO pg_temp.erase_threads(channel, external_id)
                SELECT t.channel, t.external_id FROM sportello.threads t
                 WHERE t.status <> 'waiting'
                   AND greatest(coalesce(t.last_inbound_at, 0), coalesce(t.last_handled_at, 0))
                       < CASE WHEN t.category = 'complaint' THEN complaint_cut ELSE closed_cut END
                   AND EXISTS (SELECT 1 FROM sportello.posts p WHERE p.channel = t.channel
                                  AND p.thread_external_id = t.external_id AND p.text <> '')
                   -- Kept, as a desktop keeps them: a hand-off care has not resolved (a complaint
                   -- still open), and a reply still to deliver.
                   AND NOT EXISTS (SELECT 1 FROM sportello.handoffs h WHERE h.channel = t.channel
                                      AND h.thread_external_id = t.external_id AND h.state <> 'resolved')
                   AND NOT EXISTS (SELECT 1 FROM sportello.decisions d JOIN sportello.outbox o ON o.decision_id = d.id
                                    WHERE d.channel = t.channel AND d.thread_external_id = t.external_id
                                      AND o.state IN ('pending', 'sending', 'unknown', 'held', 'awaiting_approval',
                                                      'sent_back'))
                 ORDER BY greatest(coalesce(t.last_inbound_at, 0), coalesce(t.last_handled_at, 0)), t.channel,
                          t.external_id
                 LIMIT p_max_threads;
                SELECT count(*) INTO n_threads FROM pg_temp.erase_threads;
                SELECT count(*) INTO n_posts FROM sportello.posts p JOIN pg_temp.erase_threads t
                    ON t.channel = p.channel AND t.external_id = p.thread_external_id WHERE p.text <> '';
                -- Customers' authors of those threads with no readable post left elsewhere.
                INSERT INTO pg_temp.erase_authors(channel, external_id, new_external_id)
                SELECT DISTINCT p.channel, p.author_external_id, 'erased:' || gen_random_uuid()::text
                  FROM sportello.posts p JOIN pg_temp.erase_threads t
                    ON t.channel = p.channel AND t.external_id = p.thread_external_id
                 WHERE p.direction = 'inbound' AND p.author_external_id NOT LIKE 'erased:%'
                   AND NOT EXISTS (SELECT 1 FROM sportello.posts q
                                    WHERE q.channel = p.channel AND q.author_external_id = p.author_external_id
                                      AND q.text <> ''
                                      AND (q.channel, q.thread_external_id)
                                          NOT IN (SELECT channel, external_id FROM pg_temp.erase_threads))
                ON CONFLICT DO NOTHING;
                SELECT count(*) INTO n_authors FROM pg_temp.erase_authors;
                SELECT count(*) INTO n_audit FROM sportello.audit_log l WHERE l.at < audit_cut;
                IF p_dry_run THEN
                    RETURN QUERY SELECT true, n_threads, n_posts, n_authors, n_audit;
                    RETURN;
                END IF;
                -- A customer left with no link once its anonymised authors' go is deleted too.
                INSERT INTO pg_temp.erase_customers(uuid)
                SELECT DISTINCT l.customer_uuid FROM sportello.customer_links l
                  JOIN pg_temp.erase_authors a ON a.channel = l.channel AND a.external_id = l.author_external_id
                 WHERE NOT EXISTS (SELECT 1 FROM sportello.customer_links o
                                    WHERE o.customer_uuid = l.customer_uuid
                                      AND (o.channel, o.author_external_id)
                                          NOT IN (SELECT channel, external_id FROM pg_temp.erase_authors));
                -- Each step reads the whole feed: skipped when it has nothing to do (the daily run
                -- once the backlog is gone, a run's batches after the first for the audit).
                IF n_threads > 0 THEN
                    PERFORM sportello.anonymise_marked();
                END IF;
                -- Audit entries past their limit, and their rows in the feed, with the rows that
                -- deleting them writes (each holds the deleted entry): all of them above `mark`.
                IF n_audit > 0 THEN
                    SELECT coalesce(max(seq), 0) INTO mark FROM sportello.changes;
                    DELETE FROM sportello.audit_log l WHERE l.at < audit_cut;
                    DELETE FROM sportello.changes c
                     WHERE c.seq > mark OR (c.kind = 'audit' AND (c.row ->> 'at')::bigint < audit_cut);
                END IF;
                IF n_threads + n_audit > 0 THEN
                    SELECT a.name INTO who_name FROM sportello.agents a WHERE a.login = session_user;
                    INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, details)
                    VALUES (gen_random_uuid()::text, now_ms, session_user, coalesce(who_name, session_user),
                            'privacy_retention',
                            jsonb_build_object('threads', n_threads, 'posts', n_posts, 'authors', n_authors,
                                               'audit_entries', n_audit)::text);
                END IF;
                RETURN QUERY SELECT true, n_threads, n_posts, n_authors, n_audit;
            END $$)")
        .replace(QLatin1String("@MARKS@"), marksTables());
}

} // namespace

QStringList teamSchemaVersion8()
{
    QStringList s;
    // Anonymised rows must fit the tables: a note's text may now be empty (an insert still may
    // not: the check moves to a trigger, with the same error class, so a push refuses it alike),
    // and a moderation request of reason 'other' may lose its note.
    s << QStringLiteral("ALTER TABLE sportello.notes DROP CONSTRAINT notes_text_check")
      << QStringLiteral("ALTER TABLE sportello.notes ADD CONSTRAINT notes_text_check CHECK (length(btrim(text)) <= 4000)")
      << QStringLiteral("ALTER TABLE sportello.moderation_requests DROP CONSTRAINT moderation_requests_check")
      << QStringLiteral(R"(CREATE FUNCTION sportello.text_required() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                fields jsonb := to_jsonb(NEW); -- the tables' columns differ
            BEGIN
                IF TG_TABLE_NAME = 'notes' AND length(btrim(fields ->> 'text')) = 0 THEN
                    RAISE EXCEPTION 'a note cannot be empty' USING ERRCODE = 'check_violation';
                END IF;
                IF TG_TABLE_NAME = 'moderation_requests' AND fields ->> 'reason' = 'other'
                   AND length(btrim(coalesce(fields ->> 'note', ''))) = 0 THEN
                    RAISE EXCEPTION 'a request for another reason says which' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER text_required BEFORE INSERT ON sportello.notes "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.text_required()")
      << QStringLiteral("CREATE TRIGGER text_required BEFORE INSERT ON sportello.moderation_requests "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.text_required()")
      // An erasure finds a person's posts by author.
      << QStringLiteral("CREATE INDEX posts_by_author ON sportello.posts(channel, author_external_id)");

    // The erasures, in the order they committed (they take the feed's lock before their number),
    // for the replicas: keys and customers' UUIDs only, never a name, an id or a reason (the
    // reason is in the audit entry). Everyone reads it, outside staff included: their caches hold
    // posts too, and a key reveals nobody.
    s << QStringLiteral("CREATE SEQUENCE sportello.erasure_seq")
      << QStringLiteral(R"(CREATE TABLE sportello.erasures(
            seq bigint PRIMARY KEY,
            id text NOT NULL UNIQUE,
            author_keys text[] NOT NULL,
            customer_uuids text[] NOT NULL DEFAULT '{}',
            erased_at bigint NOT NULL,
            erased_by text NOT NULL))")
      << anonymiseFunction() << eraseFunction() << retentionFunction()
      // When the hubs apply the retention policy next: one row, taken by one conditional UPDATE,
      // so that with several hubs it runs once a day, and a restarted hub does not run it again.
      << QStringLiteral(R"(CREATE TABLE sportello.retention_schedule(
            id integer PRIMARY KEY CHECK (id = 1),
            next_at bigint NOT NULL,
            last_run_at bigint,
            last_run_by text))")
      << QStringLiteral("INSERT INTO sportello.retention_schedule(id, next_at) VALUES (1, 0)")
      << QStringLiteral("GRANT SELECT, UPDATE ON sportello.retention_schedule TO @ADMIN_ROLE@, @HUB_ROLE@")
      << QStringLiteral("REVOKE ALL ON FUNCTION sportello.anonymise_marked(), sportello.erase_person(text[], text, text), "
                        "sportello.apply_retention(boolean, integer), sportello.text_required() FROM PUBLIC")
      << QStringLiteral("GRANT SELECT ON sportello.erasures TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, "
                        "@HUB_ROLE@, @EXTERNAL_ROLE@")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.erase_person(text[], text, text) TO @ADMIN_ROLE@")
      << QStringLiteral("GRANT EXECUTE ON FUNCTION sportello.apply_retention(boolean, integer) TO @ADMIN_ROLE@, @HUB_ROLE@");
    return s;
}

} // namespace sportello::team::detail
