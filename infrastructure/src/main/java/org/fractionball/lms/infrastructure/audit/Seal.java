package org.fractionball.lms.infrastructure.audit;

import org.springframework.jdbc.core.RowMapper;

/** One row of {@code event_seal}: positions first..last (inclusive) hold {@code eventCount} events. */
record Seal(long number, long firstPosition, long lastPosition, long eventCount, byte[] digest) {
    static final String COLUMNS = "seal_number, first_position, last_position, event_count, digest";
    static final RowMapper<Seal> ROW = (rs, n) -> new Seal(rs.getLong("seal_number"), rs.getLong("first_position"),
            rs.getLong("last_position"), rs.getLong("event_count"), rs.getBytes("digest"));
    /** The "previous digest" of the first seal. */
    static final byte[] GENESIS = new byte[0];
}
