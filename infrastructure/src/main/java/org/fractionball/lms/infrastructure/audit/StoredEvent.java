package org.fractionball.lms.infrastructure.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of {@code domain_event_entry} exactly as stored, with the chain hash of its aggregate predecessor. */
record StoredEvent(long position, String aggregateId, long sequence, String aggregateType, String eventId,
                   byte[] metadata, byte[] payload, String payloadRevision, String payloadType, String timestamp,
                   byte[] chainHash, byte[] previousHash, Long previousPosition) {

    /** The columns {@link #of(ResultSet)} reads, for {@code e} the event and {@code p} its predecessor. */
    static final String COLUMNS = """
            e.global_index, e.aggregate_identifier, e.sequence_number, e.type, e.event_identifier, e.meta_data,
            e.payload, e.payload_revision, e.payload_type, e.time_stamp, e.chain_hash,
            p.chain_hash AS previous_hash, p.global_index AS previous_position""";
    static final String PREDECESSOR_JOIN = """
            LEFT JOIN domain_event_entry p
                   ON p.aggregate_identifier = e.aggregate_identifier AND p.sequence_number = e.sequence_number - 1""";

    static StoredEvent of(ResultSet rs) throws SQLException {
        long previousPosition = rs.getLong("previous_position");
        return new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("type"), rs.getString("event_identifier"),
                rs.getBytes("meta_data"), rs.getBytes("payload"), rs.getString("payload_revision"),
                rs.getString("payload_type"), rs.getString("time_stamp"), rs.getBytes("chain_hash"),
                rs.getBytes("previous_hash"), rs.wasNull() ? null : previousPosition);
    }
}
