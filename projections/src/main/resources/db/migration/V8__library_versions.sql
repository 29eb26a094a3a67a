-- One counter per school, raised in the same transaction by every projection that changes what the
-- school's library shows. Cached library answers are keyed by it, so a change is visible on the
-- next request and old entries are never read again (they expire by TTL).
CREATE TABLE library_version (
    school_id BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL
);
