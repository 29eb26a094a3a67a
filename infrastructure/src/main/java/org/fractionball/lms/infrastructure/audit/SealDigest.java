package org.fractionball.lms.infrastructure.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The digest of one sealed range: HMAC-SHA256 over the previous seal's digest, the range, every
 * (position, chain hash) in it and their count. The key is derived from the server's secret and is
 * never stored in the database, so whoever can rewrite rows cannot re-seal them.
 */
final class SealDigest {
    private final Mac mac;
    private long count;

    private SealDigest(byte[] key, byte[] previous, long firstPosition, long lastPosition) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(unavailable);
        }
        mac.update(previous);
        mac.update(longBytes(firstPosition));
        mac.update(longBytes(lastPosition));
    }

    static SealDigest start(byte[] key, byte[] previous, long firstPosition, long lastPosition) {
        return new SealDigest(key, previous, firstPosition, lastPosition);
    }

    /** The HMAC key for a configured secret. */
    static byte[] key(String secret) {
        return EventChain.sha256().digest(("fraction-ball event seals\0" + secret).getBytes(StandardCharsets.UTF_8));
    }

    void add(long position, byte[] chainHash) {
        mac.update(longBytes(position));
        mac.update(chainHash);
        count++;
    }

    long count() {
        return count;
    }

    byte[] finish() {
        mac.update(longBytes(count));
        return mac.doFinal();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
