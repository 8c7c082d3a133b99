#include "storage/Migrations.h"

#include <limits>

namespace sportello {

namespace {

// Version 1: the domain tables. Times are epoch milliseconds, UTC.
QStringList version1()
{
    return {
        QStringLiteral(R"(CREATE TABLE authors(
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            external_id TEXT NOT NULL,
            handle TEXT NOT NULL DEFAULT '',
            display_name TEXT NOT NULL DEFAULT '',
            follower_count INTEGER NOT NULL DEFAULT 0,
            is_company INTEGER NOT NULL DEFAULT 0,
            UNIQUE(channel, external_id)))"),
        QStringLiteral(R"(CREATE TABLE threads(
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            external_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'waiting'
                CHECK(status IN ('waiting','answered','forwarded','closed')),
            category TEXT CHECK(category IN ('non_negative','complaint','assistance')),
            UNIQUE(channel, external_id)))"),
        QStringLiteral(R"(CREATE TABLE posts(
            id INTEGER PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            channel TEXT NOT NULL,
            external_id TEXT NOT NULL,
            in_reply_to TEXT,
            author_id INTEGER NOT NULL REFERENCES authors(id),
            direction TEXT NOT NULL CHECK(direction IN ('inbound','outbound')),
            visibility TEXT NOT NULL CHECK(visibility IN ('public','private')),
            created_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            category TEXT CHECK(category IN ('non_negative','complaint','assistance')),
            language TEXT,
            UNIQUE(channel, external_id)))"),
        QStringLiteral("CREATE INDEX posts_by_thread ON posts(thread_id, created_at)"),
        QStringLiteral(R"(CREATE TABLE decisions(
            id TEXT PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            kind TEXT NOT NULL CHECK(kind IN ('reply_public','reply_private','forward','close')),
            close_reason TEXT,
            text TEXT NOT NULL DEFAULT '',
            category_before TEXT,
            category_after TEXT,
            agent_id TEXT NOT NULL,
            agent_name TEXT NOT NULL,
            decided_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX decisions_by_thread ON decisions(thread_id, decided_at)"),
        QStringLiteral(R"(CREATE TABLE audit_log(
            id TEXT PRIMARY KEY,
            at INTEGER NOT NULL,
            agent_id TEXT NOT NULL,
            agent_name TEXT NOT NULL,
            action TEXT NOT NULL,
            thread_id INTEGER REFERENCES threads(id),
            decision_id TEXT REFERENCES decisions(id),
            details TEXT NOT NULL DEFAULT '{}'))"),
        QStringLiteral("CREATE INDEX audit_by_thread ON audit_log(thread_id, at)"),
        QStringLiteral(R"(CREATE TABLE outbox(
            id TEXT PRIMARY KEY,
            decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
            idempotency_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL DEFAULT 'pending',
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT))"),
        QStringLiteral("CREATE INDEX outbox_by_state ON outbox(state, created_at)"),
    };
}

// Version 2: full-text search over post text and author names. The index is contentless
// (posts are never edited in place), keyed by posts.id, and filled by a trigger (until version 13).
QStringList version2()
{
    return {
        QStringLiteral("CREATE VIRTUAL TABLE posts_fts USING fts5(text, author, content='', "
                       "tokenize='unicode61 remove_diacritics 2')"),
        QStringLiteral(R"(CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
            INSERT INTO posts_fts(rowid, text, author)
            SELECT new.id, new.text, a.handle || ' ' || a.display_name FROM authors a WHERE a.id = new.author_id;
            END)"),
        QStringLiteral(R"(INSERT INTO posts_fts(rowid, text, author)
            SELECT p.id, p.text, a.handle || ' ' || a.display_name FROM posts p JOIN authors a ON a.id = p.author_id)"),
    };
}

// Version 3: stored response timers. Each inbound post keeps its due time and the time it was
// answered; each thread keeps a summary of its waiting state so the queue is one indexed query.
// The default target here is the foundation's 60 minutes (3,600,000 ms).
QStringList version3()
{
    return {
        // Answer and waiting look-ups seek by (thread, direction, time): linear in a thread's size.
        QStringLiteral("CREATE INDEX posts_by_thread_direction ON posts(thread_id, direction, created_at)"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN due_at INTEGER"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN answered_at INTEGER"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN last_answer_at INTEGER"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN waiting_post_id INTEGER REFERENCES posts(id)"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN waiting_since INTEGER"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN due_at INTEGER"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN last_activity_at INTEGER"),
        QStringLiteral("UPDATE posts SET due_at = created_at + 3600000 WHERE direction = 'inbound'"),
        QStringLiteral(R"(UPDATE threads SET last_answer_at = (
            SELECT max(t) FROM (
              SELECT max(created_at) AS t FROM posts WHERE thread_id = threads.id AND direction = 'outbound'
              UNION ALL SELECT max(decided_at) FROM decisions WHERE thread_id = threads.id)))"),
        QStringLiteral(R"(UPDATE posts SET answered_at = (
            SELECT min(t) FROM (
              SELECT min(o.created_at) AS t FROM posts o WHERE o.thread_id = posts.thread_id
                AND o.direction = 'outbound' AND o.created_at >= posts.created_at
              UNION ALL SELECT min(d.decided_at) FROM decisions d WHERE d.thread_id = posts.thread_id
                AND d.decided_at >= posts.created_at))
            WHERE direction = 'inbound')"),
        QStringLiteral(R"(UPDATE threads SET waiting_post_id = (
            SELECT p.id FROM posts p WHERE p.thread_id = threads.id AND p.direction = 'inbound'
              AND p.created_at > coalesce(threads.last_answer_at, -9223372036854775807)
            ORDER BY p.created_at, p.id LIMIT 1),
            last_activity_at = (SELECT max(created_at) FROM posts WHERE thread_id = threads.id))"),
        QStringLiteral(R"(UPDATE threads SET
            waiting_since = (SELECT created_at FROM posts WHERE id = threads.waiting_post_id),
            due_at = (SELECT due_at FROM posts WHERE id = threads.waiting_post_id),
            status = CASE WHEN waiting_post_id IS NOT NULL THEN 'waiting'
                          WHEN status = 'waiting' THEN 'answered' ELSE status END)"),
        QStringLiteral("CREATE INDEX threads_queue ON threads(status, due_at)"),
        QStringLiteral("CREATE INDEX threads_queue_by_channel ON threads(status, channel, due_at)"),
        QStringLiteral("CREATE INDEX threads_queue_by_category ON threads(status, category, due_at)"),
        QStringLiteral("CREATE INDEX threads_by_activity ON threads(status, last_activity_at)"),
    };
}

// Version 4: response policies and business calendars in the database, per-post timers under
// them (target, due soon, business or calendar clock), the regulatory clock of complaints
// forwarded to customer care, and the record of timer notifications already shown.
QStringList version4()
{
    return {
        QStringLiteral(R"(CREATE TABLE policies(
            name TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE TABLE app_state(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN target_ms INTEGER"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN due_soon_at INTEGER"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN business_clock INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN category_source TEXT"),
        // The classifier's suggestion for posts that arrive without a category.
        QStringLiteral("ALTER TABLE posts ADD COLUMN classifier_confidence REAL"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN classifier_cues TEXT"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN likely_spam INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE posts SET category_source = 'import' WHERE category IS NOT NULL"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN timer_post_id INTEGER REFERENCES posts(id)"),
        QStringLiteral("ALTER TABLE threads ADD COLUMN due_soon_at INTEGER"),
        QStringLiteral("CREATE INDEX threads_due_soon ON threads(status, due_soon_at)"),
        // Timers now change in bulk (policy changes); the due-time index alone serves the
        // channel and category filters (a few rows scanned per row shown), so these two indexes
        // only cost upkeep.
        QStringLiteral("DROP INDEX threads_queue_by_channel"),
        QStringLiteral("DROP INDEX threads_queue_by_category"),
        QStringLiteral(R"(CREATE TABLE complaints(
            thread_id INTEGER PRIMARY KEY REFERENCES threads(id),
            decision_id TEXT NOT NULL REFERENCES decisions(id),
            received_at INTEGER NOT NULL,
            forwarded_at INTEGER NOT NULL,
            deadline_at INTEGER NOT NULL,
            resolved_at INTEGER,
            resolved_by TEXT,
            resolution_note TEXT))"),
        QStringLiteral("CREATE INDEX complaints_open ON complaints(resolved_at, deadline_at)"),
        QStringLiteral(R"(CREATE TABLE timer_notifications(
            post_id INTEGER NOT NULL REFERENCES posts(id),
            state TEXT NOT NULL,
            notified_at INTEGER NOT NULL,
            PRIMARY KEY(post_id, state)) WITHOUT ROWID)"),
    };
}

// Version 5: the channel accounts to sync. Tokens are never stored here: an account's token lives
// in the system keychain, or in the environment variable named by token_env. The Graph API
// version is configuration, pinned in app_state.
QStringList version5()
{
    return {
        QStringLiteral(R"(CREATE TABLE accounts(
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL CHECK(channel IN ('facebook','instagram','x')),
            account_id TEXT NOT NULL,
            base_url TEXT NOT NULL,
            token_env TEXT,
            needs_sign_in INTEGER NOT NULL DEFAULT 0,
            sync_cursor TEXT,
            created_at INTEGER NOT NULL,
            UNIQUE(channel, account_id)))"),
        QStringLiteral("INSERT OR IGNORE INTO app_state(key, value) VALUES('graph_api_version', 'v19.0')"),
    };
}

// Version 6: the outbox becomes a delivery queue. An entry carries the text it will send (the
// agent may edit it before a retry; the decision keeps what was decided), when it may next be
// tried, when a request for it last left (an entry in state 'sending' after a crash has an unknown
// outcome and is read back before any resend), when and as what it was delivered, and whether it
// was decided while offline (checked against the thread before it is sent).
// States: pending, sending, unknown, delivered, failed, held, cancelled.
QStringList version6()
{
    return {
        QStringLiteral("ALTER TABLE outbox ADD COLUMN text TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN decided_offline INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN sent_at INTEGER"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN delivered_at INTEGER"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN remote_id TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN case_reference TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN updated_at INTEGER"),
        QStringLiteral("UPDATE outbox SET text = (SELECT d.text FROM decisions d WHERE d.id = outbox.decision_id), "
                       "updated_at = created_at"),
        QStringLiteral("CREATE INDEX outbox_by_next_attempt ON outbox(state, next_attempt_at)"),
        // What the last request carried: the read-back compares the platform's copy with this.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN sent_text TEXT"),
        // The customer's post the reply answers, fixed at the decision.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN target_post_id TEXT"),
        // Offline decisions: JSON list of the thread's outbound post ids the agent's cache showed.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN seen_outbound TEXT"),
        // Consecutive failed requests (sends and read-backs) since the last success: the backoff.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN check_failures INTEGER NOT NULL DEFAULT 0"),
        // The hand-off packet, built at the first attempt and resent byte for byte.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN packet BLOB"),
        // Bumped by every change: a dispatcher's transition applies only to the revision it read.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN revision INTEGER NOT NULL DEFAULT 0"),
        // The dispatcher (process) that has a request in flight, and until when its claim holds.
        QStringLiteral("ALTER TABLE outbox ADD COLUMN lease_owner TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN lease_until INTEGER"),
        QStringLiteral("CREATE UNIQUE INDEX outbox_case_reference ON outbox(case_reference)"),
    };
}

// Version 7: the reply composer. Saved replies (templates per language, category and channel,
// found by short code; the starter library is installed by this step) and the drafts of unsent
// replies, one per thread, which the queue shows with a marker.
QStringList version7()
{
    return {
        QStringLiteral(R"(CREATE TABLE saved_replies(
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            title TEXT NOT NULL,
            language TEXT NOT NULL CHECK(language IN ('it','en')),
            category TEXT CHECK(category IN ('non_negative','complaint','assistance')),
            channel TEXT CHECK(channel IN ('facebook','instagram','x','app_store','google_play','in_app')),
            body TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE(code, language)))"),
        QStringLiteral(R"(CREATE TABLE drafts(
            thread_id INTEGER PRIMARY KEY REFERENCES threads(id),
            text TEXT NOT NULL,
            decision TEXT CHECK(decision IN ('reply_public','reply_private','forward','close')),
            updated_at INTEGER NOT NULL))"),
    };
}

// Version 8: reports. A report reads the inbound posts of a date range in arrival order; without
// this index SQLite scans and sorts the whole posts table for it.
QStringList version8()
{
    return {
        QStringLiteral("CREATE INDEX posts_by_direction_created ON posts(direction, created_at)"),
    };
}

// Version 9: what the accounts page shows about a signed-in account, none of it secret: who signed
// in, which scopes the platform granted, when the access token expires (NULL: not known or never)
// and whether Sportello can renew it by itself. The tokens stay in the keychain.
QStringList version9()
{
    return {
        QStringLiteral("ALTER TABLE accounts ADD COLUMN signed_in_as TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE accounts ADD COLUMN granted_scopes TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE accounts ADD COLUMN sign_in_expires_at INTEGER"),
        QStringLiteral("ALTER TABLE accounts ADD COLUMN renewable INTEGER NOT NULL DEFAULT 0"),
    };
}

// Version 10: the cache as a replica of a team database (core/team, docs/team.md). A decision
// names the customer's post it answers (the thread's waiting post when it was taken: the team
// database takes the first decision per post) and, for a forward's message to the customer, the
// forward it follows. team_state says where a decision or an audit entry stands with the team:
// NULL not in a team; 'to_push' written here and not yet in the team database; 'pushed' and
// then 'accepted' or 'held' (a colleague decided first: held_because names that decision);
// 'from_team' for what came down the feed. Changes of the feed that cannot apply yet (a decision
// on a thread whose posts have not arrived) wait in team_deferred and are retried on every pull.
QStringList version10()
{
    return {
        QStringLiteral("ALTER TABLE decisions ADD COLUMN target_post TEXT"),
        QStringLiteral("ALTER TABLE decisions ADD COLUMN follows TEXT"),
        QStringLiteral("ALTER TABLE decisions ADD COLUMN team_state TEXT "
                       "CHECK(team_state IN ('to_push','pushed','accepted','held'))"),
        QStringLiteral("ALTER TABLE decisions ADD COLUMN held_because TEXT"),
        QStringLiteral("ALTER TABLE audit_log ADD COLUMN team_state TEXT "
                       "CHECK(team_state IN ('to_push','pushed','from_team'))"),
        QStringLiteral("CREATE INDEX decisions_team_state ON decisions(team_state, decided_at) "
                       "WHERE team_state IS NOT NULL"),
        QStringLiteral("CREATE INDEX audit_team_state ON audit_log(team_state, at) WHERE team_state IS NOT NULL"),
        QStringLiteral(R"(CREATE TABLE team_agents(
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE team_deferred(
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            op TEXT NOT NULL,
            row TEXT NOT NULL))"),
        // Whatever writes a decision or an audit entry (the triage, the outbox, a script) while
        // the cache is joined to a team marks it for the push; rows from the feed come with their
        // team_state set and are left alone.
        QStringLiteral(R"(CREATE TRIGGER decisions_to_push AFTER INSERT ON decisions
            WHEN new.team_state IS NULL AND EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')
            BEGIN UPDATE decisions SET team_state = 'to_push' WHERE id = new.id; END)"),
        QStringLiteral(R"(CREATE TRIGGER audit_to_push AFTER INSERT ON audit_log
            WHEN new.team_state IS NULL AND EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')
            BEGIN UPDATE audit_log SET team_state = 'to_push' WHERE id = new.id; END)"),
    };
}

// Version 11: what the team shares, changed on this desktop (a supervisor's policy, the guard
// configuration, a saved reply), goes up with the next push. Triggers note each change made here
// while the cache is in a team; changes the feed applies are not noted (the applier marks its
// transaction with app_state 'team_applying').
QStringList version11()
{
    const QString inTeamNotApplying =
        QStringLiteral("EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url') AND "
                       "NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying')");
    QStringList s{QStringLiteral(R"(CREATE TABLE team_outgoing(
            kind TEXT NOT NULL CHECK(kind IN ('policy','saved_reply','setting')),
            key TEXT NOT NULL,
            PRIMARY KEY(kind, key)) WITHOUT ROWID)")};
    const QString note = QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3 WHEN %4%5 BEGIN "
                                        "INSERT OR IGNORE INTO team_outgoing(kind, key) VALUES ('%6', %7); END");
    for (const char *event : {"INSERT", "UPDATE", "DELETE"}) {
        const QString row = QLatin1String(event) == QLatin1String("DELETE") ? QStringLiteral("OLD")
                                                                             : QStringLiteral("NEW");
        const QString suffix = QString::fromLatin1(event).toLower();
        s << note.arg(QStringLiteral("policies_%1_to_team").arg(suffix), QLatin1String(event),
                      QStringLiteral("policies"), inTeamNotApplying, QString(), QStringLiteral("policy"),
                      row + QStringLiteral(".name"))
          << note.arg(QStringLiteral("saved_replies_%1_to_team").arg(suffix), QLatin1String(event),
                      QStringLiteral("saved_replies"), inTeamNotApplying, QString(), QStringLiteral("saved_reply"),
                      row + QStringLiteral(".id"))
          << note.arg(QStringLiteral("settings_%1_to_team").arg(suffix), QLatin1String(event),
                      QStringLiteral("app_state"), inTeamNotApplying,
                      QStringLiteral(" AND %1.key IN ('active_policy', 'guard_config')").arg(row),
                      QStringLiteral("setting"), row + QStringLiteral(".key"));
    }
    return s;
}

QString teamSettingTrigger(const char *event, const char *row)
{
    return QStringLiteral("CREATE TRIGGER team_settings_%1_to_team AFTER %2 ON app_state WHEN "
                          "%3.key IN ('team_routing', 'team_approval') AND "
                          "EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url') AND "
                          "NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying') BEGIN "
                          "INSERT OR IGNORE INTO team_outgoing(kind, key) VALUES ('setting', %3.key); END")
        .arg(QString::fromLatin1(event).toLower(), QLatin1String(event), QLatin1String(row));
}

// Version 12: how a team works, as the cache follows it (team schema 2, docs/team.md). Claims
// are not here: they are live-only, held in memory by the console's TeamLink. Internal notes on a
// thread (never in the outbox, never exported), written here ('to_push' while in a team, NULL
// alone) or from the team; an outbox entry's review (approval of public replies); the agents'
// department, skills, capacity and scope. A note the team refuses for good (a login outside its
// scope) is 'refused' and stays on this desktop instead of blocking every later push.
QStringList version12()
{
    return {
        QStringLiteral(R"(CREATE TABLE notes(
            id TEXT PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            author_login TEXT,
            author_name TEXT NOT NULL,
            at INTEGER NOT NULL,
            text TEXT NOT NULL,
            mentions TEXT NOT NULL DEFAULT '[]',
            team_state TEXT CHECK(team_state IN ('to_push','pushed','from_team','refused'))))"),
        QStringLiteral("CREATE INDEX notes_by_thread ON notes(thread_id, at)"),
        QStringLiteral("CREATE INDEX notes_team_state ON notes(team_state, at) WHERE team_state IS NOT NULL"),
        QStringLiteral(R"(CREATE TRIGGER notes_to_push AFTER INSERT ON notes
            WHEN new.team_state IS NULL AND EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')
            BEGIN UPDATE notes SET team_state = 'to_push' WHERE id = new.id; END)"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN review_comment TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN reviewed_by TEXT"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN reviewed_at INTEGER"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN department TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN skill_categories TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN skill_channels TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN skill_languages TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN capacity INTEGER"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN scope_accounts TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN scope_channels TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE team_agents ADD COLUMN scope_categories TEXT NOT NULL DEFAULT '[]'"),
        // A supervisor's routing and approval settings (Settings > Routing) go up like the
        // response policy (version 11); the feed's own writes are not noted.
        teamSettingTrigger("INSERT", "NEW"),
        teamSettingTrigger("UPDATE", "NEW"),
        teamSettingTrigger("DELETE", "OLD"),
    };
}

// Version 13: the posts' full-text rows are written by the one writer of posts (the Ingestor)
// and by salvage, not by a trigger. A trigger's FTS5 insert runs inside a statement savepoint,
// which flushes FTS5's pending terms to disk: one tiny segment per post, 3 to 5 times slower
// imports. Existing rows of posts_fts stay as they are.
QStringList version13()
{
    return {
        QStringLiteral("DROP TRIGGER IF EXISTS posts_fts_insert"),
    };
}

// Version 14: reports read each inbound post's first-response measures from post_measures
// (docs/reports.md "Stored measures"), computed by core/report/MeasureStore. The triggers note the threads whose
// measures an event changed, for every writer (the console, the CLI, a replica's feed); posts
// added since the last refresh are found by id (measures_through_post), so an import pays for
// no trigger. A waiting post's outcome is judged against its stored due_at when the report runs.
// A due time depends on the post's time, category and channel (triggers) and on the policy,
// whose change makes every measure stale (MeasureStore): so a policy change that moves the due
// times of 100,000 waiting posts fires no trigger.
QStringList version14()
{
    const auto stale = [](const char *name, const char *event, const char *thread, const char *when = "") {
        return QStringLiteral("CREATE TRIGGER measures_%1 AFTER %2 %3 BEGIN "
                              "INSERT OR IGNORE INTO measure_stale_threads(thread_id) SELECT %4 WHERE %4 IS NOT NULL; END")
            .arg(QLatin1String(name), QLatin1String(event), QLatin1String(when), QLatin1String(thread));
    };
    QStringList statements = measureTables(QStringLiteral("main"));
    statements << QStringList{
        stale("decision_added", "INSERT ON decisions", "NEW.thread_id"),
        stale("decision_changed_old", "UPDATE ON decisions", "OLD.thread_id"),
        stale("decision_changed_new", "UPDATE ON decisions", "NEW.thread_id"),
        stale("decision_removed", "DELETE ON decisions", "OLD.thread_id"),
        stale("delivery_added", "INSERT ON outbox", "(SELECT thread_id FROM decisions WHERE id = NEW.decision_id)",
              "WHEN NEW.delivered_at IS NOT NULL"),
        stale("delivery_changed", "UPDATE OF delivered_at, decision_id ON outbox",
              "(SELECT thread_id FROM decisions WHERE id = NEW.decision_id)"),
        stale("delivery_removed", "DELETE ON outbox", "(SELECT thread_id FROM decisions WHERE id = OLD.decision_id)",
              "WHEN OLD.delivered_at IS NOT NULL"),
        stale("post_moved_old", "UPDATE OF thread_id, created_at, direction, visibility, category, channel ON posts",
              "OLD.thread_id"),
        stale("post_moved_new", "UPDATE OF thread_id, created_at, direction, visibility, category, channel ON posts",
              "NEW.thread_id"),
        // An answered post is met or missed against its due time (a waiting one's: see above).
        stale("post_due_changed", "UPDATE OF due_at ON posts", "NEW.thread_id",
              "WHEN NEW.answered_at IS NOT NULL OR OLD.answered_at IS NOT NULL"),
        QStringLiteral(R"(CREATE TRIGGER measures_post_removed AFTER DELETE ON posts BEGIN
            DELETE FROM post_measures WHERE post_id = OLD.id;
            INSERT OR IGNORE INTO measure_stale_threads(thread_id) VALUES(OLD.thread_id);
            UPDATE app_state SET value = min(CAST(value AS INTEGER), OLD.id - 1) WHERE key = 'measures_through_post';
            END)"),
    };
    return statements;
}

// Version 15: the status-bar counts from buckets. Waiting threads are counted per hour of their
// due time (kind 0) and of their due-soon time (kind 1), kept by triggers on threads whatever
// the writer (sync, import, replica, command line): a count at any moment is a sum over the hours
// before it plus an index range inside its hour, not a walk of every waiting thread.
QString bucketHour(const char *column)
{
    // Floor division, so that times before 1970 still fall in the hour they belong to; a
    // thread without the time is counted in a last bucket no moment reaches.
    return QStringLiteral("CASE WHEN %1 IS NULL THEN 9223372036854775807 WHEN %1 >= 0 THEN %1 / 3600000 "
                          "ELSE (%1 + 1) / 3600000 - 1 END")
        .arg(QLatin1String(column));
}

QString bucketUpdate(const char *row, int delta)
{
    // One row's bucket moves by delta in both kinds; empty buckets go.
    const QString r = QLatin1String(row);
    QString body;
    const char *columns[] = {"due_at", "due_soon_at"};
    for (int kind = 0; kind < 2; ++kind) {
        const QString hour = bucketHour(qPrintable(r + QLatin1Char('.') + QLatin1String(columns[kind])));
        body += QStringLiteral("INSERT INTO queue_buckets(kind, hour, n) SELECT %1, %2, %3 WHERE %4.status = "
                               "'waiting' ON CONFLICT(kind, hour) DO UPDATE SET n = n + excluded.n; ")
                    .arg(kind)
                    .arg(hour)
                    .arg(delta)
                    .arg(r);
        if (delta < 0)
            body += QStringLiteral("DELETE FROM queue_buckets WHERE kind = %1 AND hour = %2 AND n = 0; ")
                        .arg(kind)
                        .arg(hour);
    }
    return body;
}

// Only a change that moves a waiting thread between buckets touches them (an update of last
// activity, the preview post or the category does not). `guard` comes first in the WHEN clause.
QString queueBucketsUpdateTrigger(const QString &guard)
{
    return QStringLiteral("CREATE TRIGGER queue_buckets_update AFTER UPDATE OF status, due_at, due_soon_at ON threads "
                          "WHEN %1(old.status = 'waiting' OR new.status = 'waiting') AND (old.status IS NOT new.status "
                          "OR old.due_at IS NOT new.due_at OR old.due_soon_at IS NOT new.due_soon_at) "
                          "BEGIN %2%3END")
        .arg(guard, bucketUpdate("old", -1), bucketUpdate("new", 1));
}

QStringList version15()
{
    QStringList steps{
        QStringLiteral(R"(CREATE TABLE queue_buckets(
            kind INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY(kind, hour)) WITHOUT ROWID)"),
    };
    steps << fillQueueBuckets();
    steps << QStringList{
        QStringLiteral("CREATE TRIGGER queue_buckets_insert AFTER INSERT ON threads WHEN new.status = 'waiting' "
                       "BEGIN %1END")
            .arg(bucketUpdate("new", 1)),
        QStringLiteral("CREATE TRIGGER queue_buckets_delete AFTER DELETE ON threads WHEN old.status = 'waiting' "
                       "BEGIN %1END")
            .arg(bucketUpdate("old", -1)),
        queueBucketsUpdateTrigger(QString()),
    };
    return steps;
}

// Version 16: a policy change moves the timers of tens of thousands of waiting threads in one
// transaction; the update trigger's six statements per row took a third of its time. The writer of
// such a bulk change (core/timers/PolicyStore.cpp) marks its transaction with the app_state key
// 'queue_buckets_deferred' and applies the net change of every hour's count itself, once per hour.
QStringList version16()
{
    return {
        QStringLiteral("DROP TRIGGER queue_buckets_update"),
        queueBucketsUpdateTrigger(QStringLiteral("NOT EXISTS (SELECT 1 FROM app_state WHERE key = '%1') AND ")
                                      .arg(QLatin1String(kQueueBucketsDeferredKey))),
    };
}

// Version 17: the app stores as channels. Accounts may be Google Play apps (package name) and
// App Store Connect apps (app id): SQLite cannot widen a CHECK, so the table is rebuilt with
// every column it has since version 9. A post carries the star rating of an app-store review
// (1 to 5; NULL on other channels), which the queue can filter on.
QStringList version17()
{
    return {
        QStringLiteral(R"(CREATE TABLE accounts_v17(
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL CHECK(channel IN ('facebook','instagram','x','google_play','app_store')),
            account_id TEXT NOT NULL,
            base_url TEXT NOT NULL,
            token_env TEXT,
            needs_sign_in INTEGER NOT NULL DEFAULT 0,
            sync_cursor TEXT,
            created_at INTEGER NOT NULL,
            signed_in_as TEXT NOT NULL DEFAULT '',
            granted_scopes TEXT NOT NULL DEFAULT '',
            sign_in_expires_at INTEGER,
            renewable INTEGER NOT NULL DEFAULT 0,
            UNIQUE(channel, account_id)))"),
        QStringLiteral("INSERT INTO accounts_v17(id, channel, account_id, base_url, token_env, needs_sign_in, "
                       "sync_cursor, created_at, signed_in_as, granted_scopes, sign_in_expires_at, renewable) "
                       "SELECT id, channel, account_id, base_url, token_env, needs_sign_in, sync_cursor, created_at, "
                       "signed_in_as, granted_scopes, sign_in_expires_at, renewable FROM accounts"),
        QStringLiteral("DROP TABLE accounts"),
        QStringLiteral("ALTER TABLE accounts_v17 RENAME TO accounts"),
        QStringLiteral("ALTER TABLE posts ADD COLUMN rating INTEGER CHECK(rating BETWEEN 1 AND 5)"),
    };
}

// Version 18: the loop back from customer care (docs/handoff.md, "Customer care's answer"). A
// hand-off's state as care reports it, the latest per case in `handoffs` (the reports and the
// conversation header read one row), and every report kept in `handoff_updates`: a case can be
// reopened, and who said what, when, must stay readable.
QStringList version18()
{
    return {
        QStringLiteral(R"(CREATE TABLE handoffs(
            outbox_id TEXT PRIMARY KEY REFERENCES outbox(id),
            case_reference TEXT NOT NULL UNIQUE,
            thread_id INTEGER NOT NULL REFERENCES threads(id),
            state TEXT NOT NULL CHECK(state IN ('received','in_progress','resolved')),
            state_at INTEGER NOT NULL,
            source TEXT NOT NULL CHECK(source IN ('endpoint','status_file','cli')),
            reported_by TEXT,
            answer TEXT,
            resolved_at INTEGER,
            recorded_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX handoffs_by_thread ON handoffs(thread_id)"),
        QStringLiteral(R"(CREATE TABLE handoff_updates(
            id INTEGER PRIMARY KEY,
            outbox_id TEXT NOT NULL REFERENCES outbox(id),
            state TEXT NOT NULL CHECK(state IN ('received','in_progress','resolved')),
            state_at INTEGER NOT NULL,
            source TEXT NOT NULL CHECK(source IN ('endpoint','status_file','cli')),
            reported_by TEXT,
            answer TEXT,
            recorded_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX handoff_updates_by_outbox ON handoff_updates(outbox_id, id)"),
    };
}

// Version 19: the customer behind the posts (core/customers, docs/customers.md). A customer groups
// the author identities an agent linked (one author belongs to one customer at most; an author
// with none is a customer of its own), with notes and the policyholder reference verified in a
// private conversation (kept with its key, the letters and digits upper-cased, which the guard
// and the exports match, and the thread that verified it). Suggestions read normalised handles
// and names from author_match_keys, filled by the customers module for authors as it meets them.
QStringList version19()
{
    return {
        QStringLiteral(R"(CREATE TABLE customers(
            id INTEGER PRIMARY KEY,
            created_at INTEGER NOT NULL,
            policyholder_ref TEXT,
            policyholder_ref_key TEXT,
            ref_thread_id INTEGER REFERENCES threads(id),
            ref_set_by TEXT,
            ref_set_at INTEGER,
            CHECK((policyholder_ref IS NULL) = (policyholder_ref_key IS NULL)),
            CHECK(policyholder_ref IS NULL OR ref_thread_id IS NOT NULL)))"),
        QStringLiteral("CREATE INDEX customers_by_ref_key ON customers(policyholder_ref_key) "
                       "WHERE policyholder_ref_key IS NOT NULL"),
        QStringLiteral(R"(CREATE TABLE customer_identities(
            author_id INTEGER PRIMARY KEY REFERENCES authors(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            linked_by TEXT NOT NULL,
            linked_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX customer_identities_by_customer ON customer_identities(customer_id)"),
        QStringLiteral(R"(CREATE TABLE customer_notes(
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            at INTEGER NOT NULL,
            agent_id TEXT NOT NULL,
            agent_name TEXT NOT NULL,
            text TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX customer_notes_by_customer ON customer_notes(customer_id, at)"),
        QStringLiteral(R"(CREATE TABLE author_match_keys(
            author_id INTEGER PRIMARY KEY REFERENCES authors(id),
            handle_key TEXT NOT NULL,
            name_key TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX author_match_keys_by_handle ON author_match_keys(handle_key)"),
        QStringLiteral("CREATE INDEX author_match_keys_by_name ON author_match_keys(name_key)"),
        // A customer's threads are those where one of its authors wrote.
        QStringLiteral("CREATE INDEX posts_by_author ON posts(author_id, thread_id)"),
    };
}

// Version 20: comment moderation (docs/network.md, "Moderation"). What the platform said of a
// comment (hidden, may be hidden) and who last hid or unhid it from Sportello, apart from `posts`,
// whose rows are never rewritten: a sync that reads the flags again updates this row alone.
QStringList version20()
{
    return {
        QStringLiteral(R"(CREATE TABLE post_moderation(
            post_id INTEGER PRIMARY KEY REFERENCES posts(id),
            is_hidden INTEGER NOT NULL DEFAULT 0 CHECK(is_hidden IN (0, 1)),
            can_hide INTEGER CHECK(can_hide IN (0, 1)),
            changed_at INTEGER,
            changed_by TEXT))"),
    };
}

// Version 21: hand-off reports shared with a team (team schema 3, docs/team.md "Hand-off
// updates"). Each report gets the id it is known by across the team (a UUID, made by the cache
// that records it; NULL on reports recorded before this version) and where it stands with the
// team, as notes do: NULL alone, 'to_push' recorded here while in a team, 'pushed', 'from_team'
// for what came down the feed, 'refused' when the team refused it for good (a login outside its
// scope). Reports the feed applies are not marked (the applier marks its transaction).
QStringList version21()
{
    return {
        QStringLiteral("ALTER TABLE handoff_updates ADD COLUMN team_id TEXT"),
        QStringLiteral("ALTER TABLE handoff_updates ADD COLUMN team_state TEXT "
                       "CHECK(team_state IN ('to_push','pushed','from_team','refused'))"),
        QStringLiteral("CREATE UNIQUE INDEX handoff_updates_by_team_id ON handoff_updates(team_id) "
                       "WHERE team_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX handoff_updates_to_push ON handoff_updates(id) WHERE team_state = 'to_push'"),
        QStringLiteral(R"(CREATE TRIGGER handoff_updates_to_push AFTER INSERT ON handoff_updates
            WHEN new.team_state IS NULL AND EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')
                AND NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying')
            BEGIN UPDATE handoff_updates SET team_state = 'to_push' WHERE id = new.id; END)"),
    };
}

// Version 22: the customer card in team mode (team schema 4, docs/team.md "Customers"). Local
// customer and note ids differ per cache: each customer and each customer note gets a UUID, the
// key the team knows it by (existing rows get theirs here, new ones from a trigger, for every
// writer). A note carries its `team_state` like a thread's note (schema 12) and the login the team
// knows its author by. Changes of customers and identity links made here while in a team are
// noted in team_customer_outgoing (the customer's UUID, the author's local id) for the next push;
// the feed's own page transactions (app_state 'team_applying') are not noted.
QStringList version22()
{
    // A random (version 4) UUID in SQLite's own terms.
    const QString uuid = QStringLiteral(
        "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))");
    const QString inTeam = QStringLiteral("EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')");
    const QString notApplying = QStringLiteral("NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying')");
    QStringList s{
        QStringLiteral("ALTER TABLE customers ADD COLUMN uuid TEXT"),
        QStringLiteral("UPDATE customers SET uuid = %1").arg(uuid),
        QStringLiteral("CREATE UNIQUE INDEX customers_by_uuid ON customers(uuid)"),
        QStringLiteral("ALTER TABLE customer_notes ADD COLUMN uuid TEXT"),
        QStringLiteral("ALTER TABLE customer_notes ADD COLUMN author_login TEXT"),
        QStringLiteral("ALTER TABLE customer_notes ADD COLUMN team_state TEXT "
                       "CHECK(team_state IN ('to_push','pushed','from_team','refused'))"),
        QStringLiteral("UPDATE customer_notes SET uuid = %1").arg(uuid),
        QStringLiteral("CREATE UNIQUE INDEX customer_notes_by_uuid ON customer_notes(uuid)"),
        QStringLiteral("CREATE INDEX customer_notes_team_state ON customer_notes(team_state, at) "
                       "WHERE team_state IS NOT NULL"),
        QStringLiteral(R"(CREATE TABLE team_customer_outgoing(
            kind TEXT NOT NULL CHECK(kind IN ('customer','customer_link')),
            key TEXT NOT NULL,
            changes INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY(kind, key)) WITHOUT ROWID)"),
        QStringLiteral("CREATE TRIGGER customers_uuid AFTER INSERT ON customers WHEN new.uuid IS NULL "
                       "BEGIN UPDATE customers SET uuid = %1 WHERE id = new.id; END")
            .arg(uuid),
        // A note written here while in a team goes up; the feed's come with their state set.
        QStringLiteral("CREATE TRIGGER customer_notes_uuid AFTER INSERT ON customer_notes "
                       "WHEN new.uuid IS NULL OR (new.team_state IS NULL AND %2) BEGIN UPDATE customer_notes SET "
                       "uuid = coalesce(uuid, %1), team_state = CASE WHEN team_state IS NULL AND %2 AND %3 "
                       "THEN 'to_push' ELSE team_state END WHERE id = new.id; END")
            .arg(uuid, inTeam, notApplying),
        // A note that moves to another customer (a link that merges two) goes up again.
        QStringLiteral("CREATE TRIGGER customer_notes_move_to_team AFTER UPDATE OF customer_id ON customer_notes "
                       "WHEN old.customer_id <> new.customer_id AND %1 AND %2 "
                       "BEGIN UPDATE customer_notes SET team_state = 'to_push' WHERE id = new.id; END")
            .arg(inTeam, notApplying),
    };
    // `changes` counts the changes noted: the push clears a note only if no change came while it
    // was going up.
    const QString note = QStringLiteral("CREATE TRIGGER %1 AFTER %2 ON %3 WHEN %4 AND %5%6 BEGIN "
                                        "INSERT INTO team_customer_outgoing(kind, key) VALUES ('%7', %8) "
                                        "ON CONFLICT(kind, key) DO UPDATE SET changes = changes + 1; END");
    for (const char *event : {"INSERT", "UPDATE", "DELETE"}) {
        const bool isDelete = QLatin1String(event) == QLatin1String("DELETE");
        const QString row = isDelete ? QStringLiteral("old") : QStringLiteral("new");
        const QString suffix = QString::fromLatin1(event).toLower();
        // A customer inserted here has no UUID yet: its trigger's update (above) notes it.
        s << note.arg(QStringLiteral("customers_%1_to_team").arg(suffix), QLatin1String(event),
                      QStringLiteral("customers"), inTeam, notApplying,
                      QStringLiteral(" AND %1.uuid IS NOT NULL").arg(row), QStringLiteral("customer"),
                      row + QStringLiteral(".uuid"))
          << note.arg(QStringLiteral("customer_identities_%1_to_team").arg(suffix), QLatin1String(event),
                      QStringLiteral("customer_identities"), inTeam, notApplying, QString(),
                      QStringLiteral("customer_link"), row + QStringLiteral(".author_id"));
    }
    return s;
}

// Version 23: the CRM address (core/customers/CrmLink) is the team's, like the guard's
// configuration: set on a supervisor's desktop, it goes up with the next push and the feed brings
// it to every desktop. Noted like the settings of version 11, for every writer.
QStringList version23()
{
    QStringList s;
    for (const char *event : {"INSERT", "UPDATE", "DELETE"}) {
        const QString row =
            QLatin1String(event) == QLatin1String("DELETE") ? QStringLiteral("OLD") : QStringLiteral("NEW");
        s << QStringLiteral("CREATE TRIGGER crm_template_%1_to_team AFTER %2 ON app_state WHEN "
                            "%3.key = 'crm_url_template' AND "
                            "EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url') AND "
                            "NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying') BEGIN "
                            "INSERT OR IGNORE INTO team_outgoing(kind, key) VALUES ('setting', %3.key); END")
                 .arg(QString::fromLatin1(event).toLower(), QLatin1String(event), row);
    }
    return s;
}

// Version 24: comment moderation in team mode. Only the hub holds the platforms' tokens, so a
// desktop in a team records a request here (team_state 'to_push'); it goes up with the next push,
// the hub performs it and the feed brings its outcome back (state, the platform's explanation).
// Colleagues' requests come down too ('from_team'), so every console shows a comment's pending
// request. See docs/network.md, "Moderation".
QStringList version24()
{
    return {
        QStringLiteral(R"(CREATE TABLE moderation_requests(
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL CHECK(channel IN ('facebook', 'instagram')),
            comment_id TEXT NOT NULL,
            thread_external_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK(action IN ('hide', 'unhide')),
            reason TEXT NOT NULL,
            note TEXT,
            agent_id TEXT,
            agent_name TEXT NOT NULL DEFAULT '',
            requested_by TEXT,
            requested_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending', 'in_progress', 'done', 'failed')),
            explanation TEXT,
            hub_id TEXT,
            settled_at INTEGER,
            team_state TEXT NOT NULL CHECK(team_state IN ('to_push', 'pushed', 'refused', 'from_team'))))"),
        QStringLiteral("CREATE INDEX moderation_requests_by_comment ON moderation_requests(channel, comment_id, "
                       "requested_at)"),
        QStringLiteral("CREATE INDEX moderation_requests_to_push ON moderation_requests(requested_at) "
                       "WHERE team_state = 'to_push'"),
    };
}

// Version 25: comment flags in team mode (team schema 6). What the team database holds of a
// comment's flags as far as this cache knows: what a hub last sent up, or what the feed last
// brought down, with the time of the read they come from. A hub sends up only the comments whose
// post_moderation differs from this row (a sync's reading, or its own moderation outcome); a
// replica leaves out a read older than the one it holds.
QStringList version25()
{
    return {
        QStringLiteral(R"(CREATE TABLE team_comment_flags(
            post_id INTEGER PRIMARY KEY REFERENCES posts(id),
            is_hidden INTEGER NOT NULL CHECK(is_hidden IN (0, 1)),
            can_hide INTEGER CHECK(can_hide IN (0, 1)),
            read_at INTEGER NOT NULL))"),
    };
}

// Version 26: a moderation request that no hub performs no longer blocks its comment (team schema
// 7, docs/team.md "Moderation requests"). `state` gains cancelled (by the agent who asked, or a
// supervisor; explanation: who) and expired (unclaimed for a day), as the feed brings them, and
// `team_state` gains withdrawn: a request cancelled on this desktop before it went up, which never
// goes up. SQLite cannot change a CHECK in place: the table is rebuilt, rowids kept (they order
// requests asked in the same millisecond).
QStringList version26()
{
    return {
        QStringLiteral(R"(CREATE TABLE moderation_requests_v26(
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL CHECK(channel IN ('facebook', 'instagram')),
            comment_id TEXT NOT NULL,
            thread_external_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK(action IN ('hide', 'unhide')),
            reason TEXT NOT NULL,
            note TEXT,
            agent_id TEXT,
            agent_name TEXT NOT NULL DEFAULT '',
            requested_by TEXT,
            requested_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK(state IN ('pending', 'in_progress', 'done', 'failed', 'cancelled', 'expired')),
            explanation TEXT,
            hub_id TEXT,
            settled_at INTEGER,
            team_state TEXT NOT NULL CHECK(team_state IN ('to_push', 'pushed', 'refused', 'from_team', 'withdrawn'))))"),
        QStringLiteral("INSERT INTO moderation_requests_v26(rowid, id, channel, comment_id, thread_external_id, "
                       "action, reason, note, agent_id, agent_name, requested_by, requested_at, state, explanation, "
                       "hub_id, settled_at, team_state) SELECT rowid, id, channel, comment_id, thread_external_id, "
                       "action, reason, note, agent_id, agent_name, requested_by, requested_at, state, explanation, "
                       "hub_id, settled_at, team_state FROM moderation_requests"),
        QStringLiteral("DROP TABLE moderation_requests"),
        QStringLiteral("ALTER TABLE moderation_requests_v26 RENAME TO moderation_requests"),
        QStringLiteral("CREATE INDEX moderation_requests_by_comment ON moderation_requests(channel, comment_id, "
                       "requested_at)"),
        QStringLiteral("CREATE INDEX moderation_requests_to_push ON moderation_requests(requested_at) "
                       "WHERE team_state = 'to_push'"),
    };
}

// In-app messages of several apps (docs/import.md, "In-app inbox"; docs/hub.md, "Intake"): the app
// each in-app thread belongs to, stamped by the first record an app sent for it, so that another
// app's record for the same thread id is refused; and a reply destination of an app's own, used
// instead of app_state's inapp_reply_webhook/inapp_reply_folder (the default) for its threads.
// Keyed by the thread's external id, not its row: the cache's threads are unique by channel and
// external id, and the stamp must outlive a thread row that is made again (a replica's reset).
QStringList version27()
{
    return {
        QStringLiteral(R"(CREATE TABLE inapp_thread_apps(
            thread_external_id TEXT PRIMARY KEY,
            app TEXT NOT NULL) WITHOUT ROWID)"),
        QStringLiteral(R"(CREATE TABLE inapp_reply_routes(
            app TEXT PRIMARY KEY,
            webhook TEXT,
            folder TEXT,
            CHECK((webhook IS NULL) <> (folder IS NULL))) WITHOUT ROWID)"),
    };
}

// Version 29: access to personal data (docs/privacy.md, "Access to personal data"): who opened
// which customer card, who exported which report or which person's data. `kind` says which;
// `subject` names it without copying it: a customer's UUID (or, for an author with no customer
// row, "author:" and the team key of the author, a hash), a report's description (range, filter,
// pseudonymised or not), a person export's target as a customer UUID or author key too.
// team_state as a note's: NULL alone, 'to_push' recorded here in a team, 'pushed' once up. The
// records never come down the feed (only the data protection role reads them, from the team
// database): there is no 'from_team'. The rows are kept as long as the retention policy's
// access_log_months says (core/privacy retention).
QStringList version29()
{
    return {
        QStringLiteral(R"(CREATE TABLE access_log(
            id TEXT PRIMARY KEY,
            at INTEGER NOT NULL,
            agent_id TEXT NOT NULL,
            agent_name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK(kind IN ('customer_card', 'report_export', 'person_export')),
            subject TEXT NOT NULL,
            team_state TEXT CHECK(team_state IN ('to_push', 'pushed'))))"),
        QStringLiteral("CREATE INDEX access_log_by_time ON access_log(at)"),
        QStringLiteral("CREATE INDEX access_log_to_push ON access_log(at) WHERE team_state = 'to_push'"),
        QStringLiteral(R"(CREATE TRIGGER access_log_to_push AFTER INSERT ON access_log
            WHEN new.team_state IS NULL AND EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url')
            BEGIN UPDATE access_log SET team_state = 'to_push' WHERE id = new.id; END)"),
    };
}

// Version 30: the retention policy (core/privacy/Retention, docs/privacy.md "Retention") is the
// team's, like the guard's configuration and the CRM address: set on a supervisor's desktop, it
// goes up with the next push and the feed brings it to every desktop (the team's settings table
// takes any key). Retention deletes the audit entries older than its limit once a day: an index
// by time makes that a range instead of a walk of the whole trail.
QStringList version30()
{
    QStringList s;
    for (const char *event : {"INSERT", "UPDATE", "DELETE"}) {
        const QString row =
            QLatin1String(event) == QLatin1String("DELETE") ? QStringLiteral("OLD") : QStringLiteral("NEW");
        s << QStringLiteral("CREATE TRIGGER retention_policy_%1_to_team AFTER %2 ON app_state WHEN "
                            "%3.key = 'retention_policy' AND "
                            "EXISTS (SELECT 1 FROM app_state WHERE key = 'team_url') AND "
                            "NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'team_applying') BEGIN "
                            "INSERT OR IGNORE INTO team_outgoing(kind, key) VALUES ('setting', %3.key); END")
                 .arg(QString::fromLatin1(event).toLower(), QLatin1String(event), row);
    }
    s << QStringLiteral("CREATE INDEX audit_by_time ON audit_log(at)");
    return s;
}

} // namespace

qint64 queueBucketHour(std::optional<qint64> ms)
{
    constexpr qint64 kHourMs = 3'600'000;
    if (!ms)
        return std::numeric_limits<qint64>::max();
    return *ms >= 0 ? *ms / kHourMs : (*ms + 1) / kHourMs - 1;
}

QStringList fillQueueBuckets()
{
    return {
        QStringLiteral("INSERT INTO queue_buckets(kind, hour, n) SELECT 0, %1, count(*) FROM threads "
                       "WHERE status = 'waiting' GROUP BY 2")
            .arg(bucketHour("due_at")),
        QStringLiteral("INSERT INTO queue_buckets(kind, hour, n) SELECT 1, %1, count(*) FROM threads "
                       "WHERE status = 'waiting' GROUP BY 2")
            .arg(bucketHour("due_soon_at")),
    };
}

QStringList derivedTables()
{
    return {QStringLiteral("queue_buckets"), QStringLiteral("post_measures"), QStringLiteral("measure_company_starts"),
            QStringLiteral("measure_stale_threads")};
}

QStringList measureTables(const QString &schema)
{
    QStringList statements{
        QStringLiteral(R"(CREATE TABLE %1.post_measures(
            post_id INTEGER PRIMARY KEY,
            thread_id INTEGER NOT NULL,
            day INTEGER NOT NULL,
            week INTEGER NOT NULL,
            category TEXT NOT NULL,
            channel TEXT NOT NULL,
            decision TEXT NOT NULL,
            decision_source TEXT,
            agent_name TEXT NOT NULL,
            agent_id TEXT,
            response_kind TEXT NOT NULL,
            business_ms INTEGER,
            calendar_ms INTEGER,
            outcome TEXT,
            due_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX %1.post_measures_by_thread ON post_measures(thread_id)"),
        // Each report table reads one index in its own order: GROUP BY needs no sort, and a
        // quantile is an OFFSET into its group's values.
        QStringLiteral("CREATE INDEX %1.post_measures_by_category ON post_measures(category, business_ms, day, "
                       "channel, decision, outcome, due_at, response_kind, calendar_ms)"),
        QStringLiteral("CREATE INDEX %1.post_measures_by_category_calendar ON post_measures(category, calendar_ms, "
                       "day, channel)"),
        QStringLiteral("CREATE INDEX %1.post_measures_by_day ON post_measures(day, business_ms, category, channel, "
                       "decision, outcome, due_at, response_kind, calendar_ms)"),
        QStringLiteral("CREATE INDEX %1.post_measures_by_day_calendar ON post_measures(day, calendar_ms, category, "
                       "channel)"),
        // Threads the company started (their first post is outbound): the report's promotion count.
        QStringLiteral("CREATE TABLE %1.measure_company_starts(thread_id INTEGER PRIMARY KEY, "
                       "created_at INTEGER NOT NULL, channel TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX %1.measure_company_starts_by_time ON measure_company_starts(created_at, channel)"),
        QStringLiteral("CREATE TABLE %1.measure_stale_threads(thread_id INTEGER PRIMARY KEY)"),
    };
    for (QString &statement : statements)
        statement = statement.arg(schema);
    return statements;
}

const std::vector<Migration> &schemaMigrations()
{
    static const std::vector<Migration> migrations{
        {1, version1()},
        {2, version2()},
        {3, version3()},
        {4, version4(), SeedData::PolicyPresets},
        {5, version5()},
        {6, version6()},
        {7, version7(), SeedData::StarterReplies},
        {8, version8()},
        {9, version9()},
        {10, version10()},
        {11, version11()},
        {12, version12()},
        {13, version13()},
        {14, version14()},
        {15, version15()},
        {16, version16()},
        {17, version17()},
        {18, version18()},
        {19, version19()},
        {20, version20()},
        {21, version21()},
        {22, version22()},
        {23, version23()},
        {24, version24()},
        {25, version25()},
        {26, version26()},
        {27, version27()},
        // 28: reserved for the erasure, which needed no schema change.
        {29, version29()},
        {30, version30()},
    };
    return migrations;
}

} // namespace sportello
