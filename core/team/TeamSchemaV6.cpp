// Team schema version 6: what Facebook and Instagram say of each comment (hidden, may be hidden),
// as the hub's sync read it, for every replica. Without it those flags stayed in the hub's cache:
// a comment hidden directly on the platform did not show hidden on the desktops, and a comment
// the platform does not let anyone hide was refused only by the hub, after the push. docs/team.md,
// "Comment flags", explains the table, the feed kind 'comment_flags' and the rule between a sync's
// flags and a moderation outcome.

#include "team/TeamSchema.h"

namespace sportello::team::detail {

QStringList teamSchemaVersion6()
{
    QStringList s;
    // One row per comment the platform described, by the post's key. read_at: when the hub's sync
    // pass that read the flags began (hub clock, epoch ms); a read is no older than that, which is
    // what the replicas compare with a moderation outcome's settled_at (docs/team.md).
    s << QStringLiteral(R"(CREATE TABLE sportello.comment_flags(
            channel text NOT NULL CHECK (channel IN ('facebook', 'instagram')),
            external_id text NOT NULL,
            is_hidden boolean NOT NULL,
            can_hide boolean,
            read_at bigint NOT NULL,
            stored_by text NOT NULL DEFAULT session_user,
            stored_at bigint NOT NULL DEFAULT @NOW_MS@,
            PRIMARY KEY (channel, external_id),
            FOREIGN KEY (channel, external_id) REFERENCES sportello.posts(channel, external_id)))")
      // The database keeps the newest read of a comment: a hub that uploads late (it paused, and
      // another one took its accounts over) cannot put an older read over a newer one, whatever
      // the client sends. A read that changes nothing is not written either, so the feed carries
      // a comment's flags only when they change.
      << QStringLiteral(R"(CREATE FUNCTION sportello.comment_flags_arrive() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, sportello AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND (NEW.read_at < OLD.read_at
                        OR (NEW.is_hidden = OLD.is_hidden AND NEW.can_hide IS NOT DISTINCT FROM OLD.can_hide)) THEN
                    RETURN NULL;
                END IF;
                NEW.stored_by := session_user;
                NEW.stored_at := @NOW_MS@;
                RETURN NEW;
            END $$)")
      << QStringLiteral("CREATE TRIGGER comment_flags_arrive BEFORE INSERT OR UPDATE ON sportello.comment_flags "
                        "FOR EACH ROW EXECUTE FUNCTION sportello.comment_flags_arrive()")
      << QStringLiteral("CREATE TRIGGER comment_flags_feed AFTER INSERT OR UPDATE OR DELETE ON "
                        "sportello.comment_flags FOR EACH ROW EXECUTE FUNCTION "
                        "sportello.record_change('comment_flags')")
      // Staff read the flags; only hubs write them (they run the syncs). Externals neither read
      // nor see the kind in their feed (external_sees_change() knows it not): the flags serve
      // moderation, which is for the company's own staff (schema 5), and an external's console
      // shows the comment as it would alone, from the post itself.
      << QStringLiteral("GRANT SELECT ON sportello.comment_flags TO @AGENT_ROLE@, @SUPERVISOR_ROLE@, @ADMIN_ROLE@, "
                        "@HUB_ROLE@")
      << QStringLiteral("GRANT INSERT, UPDATE ON sportello.comment_flags TO @HUB_ROLE@");
    return s;
}

} // namespace sportello::team::detail
