-- Nodes keep the registries' user and school names in memory for command answers (KeptNames) and
-- must hear every change to them. Every statement that updates, deletes or truncates a registry
-- row (cascades included) announces it on the channel of the read-model listener (ReadModelChanges.CHANNEL)
-- with the topic 'registry'; a NOTIFY is delivered when, and only if, its transaction commits, and
-- identical ones of one transaction are delivered once. New rows need no announcement: a name that
-- was not there was never kept.
CREATE FUNCTION announce_registry_change() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('lms_read_model_changes', 'registry');
    RETURN NULL;
END
$$;

CREATE TRIGGER user_registry_changed AFTER UPDATE OR DELETE OR TRUNCATE ON user_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_registry_change();

CREATE TRIGGER school_domain_lookup_changed AFTER UPDATE OR DELETE OR TRUNCATE ON school_domain_lookup
    FOR EACH STATEMENT EXECUTE FUNCTION announce_registry_change();
