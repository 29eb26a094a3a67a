package org.fractionball.lms.infrastructure.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The per-aggregate hash chain of V46 recomputed in Java, byte for byte as the append trigger
 * computes it, so verification does not trust a database function an intruder could replace.
 */
final class EventChain {
    private static final byte[] NULL_FIELD = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    private EventChain() {
    }

    /** What the stored row's chain hash must be, given the chain hash of its predecessor (null for the first). */
    static byte[] hash(StoredEvent event, byte[] previous) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + event.payload().length
                + (event.metadata() == null ? 0 : event.metadata().length));
        field(bytes, previous);
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(event.position()).array());
        field(bytes, utf8(event.aggregateId()));
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(event.sequence()).array());
        field(bytes, utf8(event.aggregateType()));
        field(bytes, utf8(event.eventId()));
        field(bytes, event.metadata());
        field(bytes, event.payload());
        field(bytes, utf8(event.payloadRevision()));
        field(bytes, utf8(event.payloadType()));
        field(bytes, utf8(event.timestamp()));
        return sha256().digest(bytes.toByteArray());
    }

    /** Why the stored row breaks its aggregate's chain, or null when it is intact. */
    static String defect(StoredEvent event) {
        if (event.sequence() > 0 && event.previousHash() == null) {
            return "event " + (event.sequence() - 1) + " of aggregate " + event.aggregateId()
                    + " is missing (deleted or renumbered)";
        }
        if (event.previousPosition() != null && event.previousPosition() >= event.position()) {
            return "stored after its successor in aggregate " + event.aggregateId() + " (reordered)";
        }
        if (event.chainHash() == null || !Arrays.equals(hash(event, event.previousHash()), event.chainHash())) {
            return "content does not match its chain hash (payload, metadata, timestamp, type, identity or "
                    + "position changed)";
        }
        return null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }

    private static void field(ByteArrayOutputStream bytes, byte[] value) {
        if (value == null) {
            bytes.writeBytes(NULL_FIELD);
            return;
        }
        bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
        bytes.writeBytes(value);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
