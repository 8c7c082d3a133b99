#include "team/TeamSchema.h"

namespace sportello::team {

namespace {

// The key of the transaction-level advisory lock every writer of the feed takes before its first
// change gets a sequence number ("SPOR"). Held until the writer's commit is visible, it makes
// sequence order and commit order the same, so a replica that remembers the highest number it
// holds never skips a change that commits late (docs/team.md, "The feed").
constexpr const char *kFeedLock = "1397772114";

// Epoch milliseconds now, the unit every time in Sportello is stored in.
constexpr const char *kNowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

// The statements below write @FEED_LOCK@ and @NOW_MS@ for the two above.
QStringList filledIn(QStringList statements)
{
    for (QString &statement : statements)
        statement.replace(QLatin1String("@FEED_LOCK@"), QLatin1String(kFeedLock))
            .replace(QLatin1String("@NOW_MS@"), QLatin1String(kNowMs))
            .replace(QLatin1String("@FEED_CHANNEL@"), QLatin1String(kFeedChannel))
            .replace(QLatin1String("@AGENT_ROLE@"), QLatin1String(kAgentRole))
            .replace(QLatin1String("@SUPERVISOR_ROLE@"), QLatin1String(kSupervisorRole))
            .replace(QLatin1String("@ADMIN_ROLE@"), QLatin1String(kAdminRole))
            .replace(QLatin1String("@HUB_ROLE@"), QLatin1String(kHubRole))
            .replace(QLatin1String("@EXTERNAL_ROLE@"), QLatin1String(kExternalRole))
            .replace(QLatin1String("@DPO_ROLE@"), QLatin1String(kDpoRole));
    return statements;
}

QStringList roles()
{
    QStringList statements;
    for (const char *role : {kAgentRole, kSupervisorRole, kAdminRole, kHubRole}) {
        statements << QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN "
                                     "CREATE ROLE %1 NOLOGIN; END IF; END $$")
                          .arg(QLatin1String(role));
    }
    return statements;
}

// Version 1: the shared tables, the feed and its triggers, the first-decision rule, the roles and
// their grants.
QStringList version1()
{
    QStringList s;
    s << QStringLiteral("CREATE SCHEMA sportello")
      << QStringLiteral("REVOKE ALL ON SCHEMA sportello FROM PUBLIC")
      << QStringLiteral("CREATE TABLE sportello.team_meta(key text PRIMARY KEY, value text NOT NULL)")
      << QStringLiteral("INSERT INTO sportello.team_meta(key, value) VALUES ('application', 'sportello-team'), "
                        "('team_id', gen_random_uuid()::text), ('created_at', @NOW_MS@::text)");

    // The feed. Every change to a shared table is a row here, in commit order (see the lock
    // above); `row` is the changed row as JSON, as the table has it after the change (before it,
    // for a delete).
    s << QStringLiteral("CREATE SEQUENCE sportello.change_seq")
      << QStringLiteral(R"(CREATE TABLE sportello.changes(
            seq bigint PRIMARY KEY,
            at bigint NOT NULL,
            kind text NOT NULL,
            op text NOT NULL CHECK (op IN ('upsert', 'delete')),
            row jsonb NOT NULL))")
      << QStringLiteral(R"(CREATE FUNCTION sportello.record_change() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                changed jsonb;
            BEGIN
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
                INSERT INTO sportello.changes(seq, at, kind, op, row)
                VALUES (nextval('sportello.change_seq'), @NOW_MS@, TG_ARGV[0],
                        CASE TG_OP WHEN 'DELETE' THEN 'delete' ELSE 'upsert' END, changed);
                -- Only wakes the replicas: one notification per transaction (PostgreSQL folds
                -- identical ones), and a replica that misses it still catches up by position.
                PERFORM pg_notify('@FEED_CHANNEL@', '');
                RETURN NULL;
            END $$)");

    // Who is on the team: one row per login (the login itself is a PostgreSQL role).
    s << QStringLiteral(R"(CREATE TABLE sportello.agents(
            login text PRIMARY KEY,
            name text NOT NULL,
            role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin', 'hub')),
            created_at bigint NOT NULL))");

    // The channel accounts the hub serves. No token: tokens stay on the hub.
    s << QStringLiteral(R"(CREATE TABLE sportello.accounts(
            id text PRIMARY KEY,
            channel text NOT NULL CHECK (channel IN ('facebook', 'instagram', 'x')),
            account_id text NOT NULL,
            base_url text NOT NULL,
            created_at bigint NOT NULL,
            UNIQUE (channel, account_id)))");

    // Posts as the connectors (through the hub) or an import hand them in: the same fields as
    // the cache's ingest path takes, author included, so a replica stores them by that path.
    s << QStringLiteral(R"(CREATE TABLE sportello.posts(
            channel text NOT NULL,
            external_id text NOT NULL,
            thread_external_id text NOT NULL,
            in_reply_to text,
            author_external_id text NOT NULL,
            author_handle text NOT NULL DEFAULT '',
            author_name text NOT NULL DEFAULT '',
            author_followers bigint NOT NULL DEFAULT 0,
            direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
            visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
            created_at bigint NOT NULL,
            text text NOT NULL,
            category text CHECK (category IN ('non_negative', 'complaint', 'assistance')),
            language text,
            stored_by text NOT NULL DEFAULT session_user,
            stored_at bigint NOT NULL DEFAULT @NOW_MS@,
            PRIMARY KEY (channel, external_id)))");

    // Decisions come up from the desktops by their UUID. The first decision on a post is
    // accepted; a later one on the same post (decided offline, or in the same second) is held
    // with the first one's id, and never delivered. `follows` links a forward's message to the
    // customer to its forward, whose fate it shares.
    s << QStringLiteral(R"(CREATE TABLE sportello.decisions(
            id text PRIMARY KEY,
            channel text NOT NULL,
            thread_external_id text NOT NULL,
            target_post text,
            follows text REFERENCES sportello.decisions(id),
            kind text NOT NULL CHECK (kind IN ('reply_public', 'reply_private', 'forward', 'close')),
            close_reason text,
            text text NOT NULL DEFAULT '',
            category_before text,
            category_after text,
            agent_id text NOT NULL,
            agent_name text NOT NULL,
            agent_login text NOT NULL DEFAULT session_user,
            decided_at bigint NOT NULL,
            decided_offline boolean NOT NULL DEFAULT false,
            state text NOT NULL DEFAULT 'accepted' CHECK (state IN ('accepted', 'held')),
            held_because text,
            pushed_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral("CREATE UNIQUE INDEX decisions_first_on_post ON sportello.decisions"
                        "(channel, thread_external_id, coalesce(target_post, '')) "
                        "WHERE state = 'accepted' AND follows IS NULL")
      << QStringLiteral(R"(CREATE FUNCTION sportello.decision_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                first_id text;
            BEGIN
                -- The same lock as the feed: two desktops pushing a decision on one post are
                -- served one after the other, and the second sees the first.
                PERFORM pg_advisory_xact_lock(@FEED_LOCK@);
                NEW.agent_login := session_user;
                NEW.pushed_at := @NOW_MS@;
                IF NEW.follows IS NOT NULL THEN
                    SELECT d.state, d.held_because INTO NEW.state, NEW.held_because
                      FROM sportello.decisions d WHERE d.id = NEW.follows;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'decision % follows % which the team database does not hold', NEW.id, NEW.follows
                            USING ERRCODE = 'foreign_key_violation';
                    END IF;
                    RETURN NEW;
                END IF;
                SELECT d.id INTO first_id FROM sportello.decisions d
                 WHERE d.channel = NEW.channel AND d.thread_external_id = NEW.thread_external_id
                   AND coalesce(d.target_post, '') = coalesce(NEW.target_post, '')
                   AND d.state = 'accepted' AND d.follows IS NULL AND d.id <> NEW.id
                 LIMIT 1;
                IF first_id IS NULL THEN
                    NEW.state := 'accepted';
                    NEW.held_because := NULL;
                ELSE
                    NEW.state := 'held';
                    NEW.held_because := first_id;
                END IF;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER decision_arrives BEFORE INSERT ON sportello.decisions "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.decision_arrives()");

    // The team's outbox: the hub delivers from here only. An entry arrives pending (held when its
    // decision is held); its delivery columns are the hub's to write.
    s << QStringLiteral(R"(CREATE TABLE sportello.outbox(
            id text PRIMARY KEY,
            decision_id text NOT NULL UNIQUE REFERENCES sportello.decisions(id),
            idempotency_key text NOT NULL UNIQUE,
            state text NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'unknown', 'delivered', 'failed', 'held', 'cancelled')),
            kind text NOT NULL,
            text text,
            case_reference text UNIQUE,
            created_at bigint NOT NULL,
            decided_offline boolean NOT NULL DEFAULT false,
            seen_outbound text,
            target_post_id text,
            attempts integer NOT NULL DEFAULT 0,
            sent_at bigint,
            sent_text text,
            delivered_at bigint,
            remote_id text,
            last_error text,
            revision integer NOT NULL DEFAULT 0,
            lease_owner text,
            updated_at bigint NOT NULL DEFAULT @NOW_MS@))")
      << QStringLiteral(R"(CREATE FUNCTION sportello.outbox_arrives() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            DECLARE
                decision_state text;
                first_id text;
            BEGIN
                SELECT d.state, d.held_because INTO decision_state, first_id
                  FROM sportello.decisions d WHERE d.id = NEW.decision_id;
                NEW.state := CASE WHEN decision_state = 'held' THEN 'held' ELSE 'pending' END;
                NEW.last_error := CASE WHEN decision_state = 'held' THEN 'conflict:' || first_id END;
                NEW.attempts := 0;
                NEW.sent_at := NULL; NEW.sent_text := NULL; NEW.delivered_at := NULL;
                NEW.remote_id := NULL; NEW.lease_owner := NULL; NEW.revision := 0;
                NEW.updated_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER outbox_arrives BEFORE INSERT ON sportello.outbox "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.outbox_arrives()")
      << QStringLiteral("CREATE INDEX outbox_by_state ON sportello.outbox(state, created_at)");

    // The audit log: appended by desktops and the hub, never rewritten (no role may update or
    // delete it). The login is the database's, not what the desktop says.
    s << QStringLiteral(R"(CREATE TABLE sportello.audit_log(
            id text PRIMARY KEY,
            at bigint NOT NULL,
            agent_id text NOT NULL,
            agent_name text NOT NULL,
            agent_login text NOT NULL DEFAULT session_user,
            action text NOT NULL,
            channel text,
            thread_external_id text,
            decision_id text,
            details text NOT NULL DEFAULT '{}'))")
      << QStringLiteral(R"(CREATE FUNCTION sportello.audit_arrives() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.agent_login := session_user;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER audit_arrives BEFORE INSERT ON sportello.audit_log "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.audit_arrives()")
      // A held decision is audited by the database itself, whoever pushed it.
      << QStringLiteral(R"(CREATE FUNCTION sportello.audit_held_decision() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                IF NEW.state = 'held' AND NEW.follows IS NULL THEN
                    INSERT INTO sportello.audit_log(id, at, agent_id, agent_name, action, channel,
                                                    thread_external_id, decision_id, details)
                    VALUES (gen_random_uuid()::text, @NOW_MS@, NEW.agent_id, NEW.agent_name,
                            'decision_held', NEW.channel, NEW.thread_external_id, NEW.id,
                            jsonb_build_object('first_decision', NEW.held_because,
                                               'decided_offline', NEW.decided_offline)::text);
                END IF;
                RETURN NULL;
            END $$)")
      << QStringLiteral("CREATE TRIGGER audit_held_decision AFTER INSERT ON sportello.decisions "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.audit_held_decision()");

    // What the whole team shares: response policies, saved replies, and settings (the active
    // policy, the guard configuration, the Graph API version) as the cache's app_state keeps them.
    s << QStringLiteral(R"(CREATE TABLE sportello.policies(
            name text PRIMARY KEY,
            definition text NOT NULL,
            updated_at bigint NOT NULL))")
      << QStringLiteral(R"(CREATE TABLE sportello.saved_replies(
            id text PRIMARY KEY,
            code text NOT NULL,
            title text NOT NULL,
            language text NOT NULL CHECK (language IN ('it', 'en')),
            category text,
            channel text,
            body text NOT NULL,
            updated_at bigint NOT NULL,
            UNIQUE (code, language)))")
      << QStringLiteral(R"(CREATE TABLE sportello.settings(
            key text PRIMARY KEY,
            value text NOT NULL,
            updated_at bigint NOT NULL DEFAULT @NOW_MS@))");

    // Who serves what: a hub holds a lease per account (sync and delivery) and renews it while
    // it works; another hub takes over once it expired.
    s << QStringLiteral(R"(CREATE TABLE sportello.leases(
            name text PRIMARY KEY,
            owner text NOT NULL,
            owner_login text NOT NULL DEFAULT session_user,
            until_at bigint NOT NULL))");

    for (const char *table : {"agents", "accounts", "posts", "decisions", "outbox", "audit_log", "policies",
                              "saved_replies", "settings"}) {
        const QString name = QLatin1String(table);
        const QString kind = name == QLatin1String("audit_log")       ? QStringLiteral("audit")
                             : name == QLatin1String("saved_replies") ? QStringLiteral("saved_reply")
                             : name == QLatin1String("policies")      ? QStringLiteral("policy")
                             : name == QLatin1String("outbox")        ? QStringLiteral("outbox")
                                                                      : name.chopped(1);
        s << QStringLiteral("CREATE TRIGGER %1_feed AFTER INSERT OR UPDATE OR DELETE ON sportello.%1 "
                            "FOR EACH ROW EXECUTE FUNCTION sportello.record_change('%2')")
                 .arg(name, kind);
    }

    // Grants. Every role reads the shared tables and the feed.
    s << roles();
    const QString everyone = QStringLiteral("%1, %2, %3, %4")
                                 .arg(QLatin1String(kAgentRole), QLatin1String(kSupervisorRole),
                                      QLatin1String(kAdminRole), QLatin1String(kHubRole));
    s << QStringLiteral("GRANT USAGE ON SCHEMA sportello TO %1").arg(everyone)
      << QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA sportello TO %1").arg(everyone)
      // Agents push their decisions, outbox entries and audit entries; nothing else.
      << QStringLiteral("GRANT INSERT ON sportello.decisions, sportello.outbox, sportello.audit_log TO %1").arg(everyone)
      // Supervisors also set what the team shares.
      << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON sportello.policies, sportello.saved_replies, "
                        "sportello.settings TO %1, %2")
             .arg(QLatin1String(kSupervisorRole), QLatin1String(kAdminRole))
      // Admins also manage the accounts and the agents' rows (the logins need CREATEROLE).
      << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON sportello.accounts, sportello.agents TO %1")
             .arg(QLatin1String(kAdminRole))
      // The hub stores posts, delivers the outbox and holds leases; the accounts it serves are
      // configured where their tokens are, on the hub (account add --team).
      << QStringLiteral("GRANT INSERT ON sportello.posts TO %1").arg(QLatin1String(kHubRole))
      << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON sportello.accounts TO %1").arg(QLatin1String(kHubRole))
      << QStringLiteral("GRANT UPDATE ON sportello.outbox TO %1").arg(QLatin1String(kHubRole))
      << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON sportello.leases TO %1").arg(QLatin1String(kHubRole));
    return filledIn(s);
}


} // namespace

const std::vector<TeamMigration> &teamMigrations()
{
    static const std::vector<TeamMigration> migrations{
        {1, version1()},
        {2, filledIn(detail::teamSchemaVersion2())},
        {3, filledIn(detail::teamSchemaVersion3())},
        {4, filledIn(detail::teamSchemaVersion4())},
        {5, filledIn(detail::teamSchemaVersion5())},
        {6, filledIn(detail::teamSchemaVersion6())},
        {7, filledIn(detail::teamSchemaVersion7())},
        {8, filledIn(detail::teamSchemaVersion8())},
        {9, filledIn(detail::teamSchemaVersion9())},
    };
    return migrations;
}

QString takeFeedLockStatement()
{
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(QLatin1String(kFeedLock));
}

int latestTeamVersion()
{
    return teamMigrations().back().version;
}

} // namespace sportello::team
