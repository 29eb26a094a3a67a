-- One AES-256 data key per data subject (a user: "user-7"). Personal fields of events are stored
-- encrypted with it (see CryptoShreddingSerializer); erasing a subject destroys its key, which
-- makes every copy of those fields in the event store unreadable without touching the stored
-- bytes, so the hash chain still verifies. An erased subject keeps its row (key NULL), so new
-- personal values for it are stored erased rather than under a fresh key.
CREATE TABLE personal_data_keys (
    subject    VARCHAR(64) PRIMARY KEY,
    data_key   BYTEA,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at  TIMESTAMPTZ,
    CHECK ((data_key IS NULL) = (erased_at IS NOT NULL))
);
