-- Tamper evidence for the event store (docs/architecture.md, "Tamper evidence").
--
-- 1. Per-aggregate hash chain, computed at append time by a trigger: chain_hash is SHA-256 over the
--    previous event's chain_hash (same aggregate, sequence - 1; none for sequence 0) and every stored
--    column of the row, each length-prefixed so no two rows encode alike. The trigger reads only the
--    aggregate's previous row, which the (aggregate, sequence) unique key already serialises: no lock
--    beyond what an append takes anyway. EventChain (Java) recomputes the same bytes to verify.
-- 2. Sealed ranges (event_seal), written by a background sealer once a range of global positions
--    can no longer change: HMAC-SHA256 with a key the database does not hold, over the previous
--    seal's digest and every (position, chain_hash) in the range.

-- One SQL function with every field written out (a NULL is the length -1): measured ~5-10 % faster
-- per append than composing per-field helper functions (docs/benchmarks.md).
CREATE FUNCTION event_chain_hash(previous BYTEA, global_index BIGINT, aggregate_identifier VARCHAR,
                                 sequence_number BIGINT, aggregate_type VARCHAR, event_identifier VARCHAR,
                                 meta_data BYTEA, payload BYTEA, payload_revision VARCHAR, payload_type VARCHAR,
                                 time_stamp VARCHAR) RETURNS BYTEA
    LANGUAGE sql IMMUTABLE AS
$$ SELECT sha256(
       CASE WHEN previous IS NULL THEN '\xffffffff'::bytea ELSE int4send(length(previous)) || previous END
       || int8send(global_index)
       || int4send(length(convert_to(aggregate_identifier, 'UTF8'))) || convert_to(aggregate_identifier, 'UTF8')
       || int8send(sequence_number)
       || CASE WHEN aggregate_type IS NULL THEN '\xffffffff'::bytea
               ELSE int4send(length(convert_to(aggregate_type, 'UTF8'))) || convert_to(aggregate_type, 'UTF8') END
       || int4send(length(convert_to(event_identifier, 'UTF8'))) || convert_to(event_identifier, 'UTF8')
       || CASE WHEN meta_data IS NULL THEN '\xffffffff'::bytea ELSE int4send(length(meta_data)) || meta_data END
       || int4send(length(payload)) || payload
       || CASE WHEN payload_revision IS NULL THEN '\xffffffff'::bytea
               ELSE int4send(length(convert_to(payload_revision, 'UTF8'))) || convert_to(payload_revision, 'UTF8') END
       || int4send(length(convert_to(payload_type, 'UTF8'))) || convert_to(payload_type, 'UTF8')
       || int4send(length(convert_to(time_stamp, 'UTF8'))) || convert_to(time_stamp, 'UTF8')) $$;

ALTER TABLE domain_event_entry ADD COLUMN chain_hash BYTEA;

-- Events stored before this migration are chained in (aggregate, sequence) order.
DO $$
DECLARE
    r              domain_event_entry%ROWTYPE;
    previous       BYTEA;
    last_aggregate VARCHAR;
BEGIN
    FOR r IN SELECT * FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number LOOP
        IF last_aggregate IS DISTINCT FROM r.aggregate_identifier THEN
            previous := NULL;
        END IF;
        previous := event_chain_hash(previous, r.global_index, r.aggregate_identifier, r.sequence_number, r.type,
                                     r.event_identifier, r.meta_data, r.payload, r.payload_revision, r.payload_type,
                                     r.time_stamp);
        UPDATE domain_event_entry SET chain_hash = previous WHERE global_index = r.global_index;
        last_aggregate := r.aggregate_identifier;
    END LOOP;
END
$$;

ALTER TABLE domain_event_entry ALTER COLUMN chain_hash SET NOT NULL;

CREATE FUNCTION domain_event_entry_chain() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequence_number > 0 THEN
        SELECT chain_hash INTO previous FROM domain_event_entry
        WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
    END IF;
    NEW.chain_hash := event_chain_hash(previous, NEW.global_index, NEW.aggregate_identifier, NEW.sequence_number,
                                       NEW.type, NEW.event_identifier, NEW.meta_data, NEW.payload,
                                       NEW.payload_revision, NEW.payload_type, NEW.time_stamp);
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_chain BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_chain();

CREATE TABLE event_seal (
    seal_number    BIGINT      PRIMARY KEY,
    first_position BIGINT      NOT NULL,
    last_position  BIGINT      NOT NULL,
    event_count    BIGINT      NOT NULL,
    digest         BYTEA       NOT NULL,
    sealed_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (last_position)
);
