package org.fractionball.lms.infrastructure.privacy;

import javax.crypto.KeyGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/** Data keys in a map, for the serializer's unit tests. */
class InMemorySubjectKeys implements SubjectKeys {
    private final Map<String, SubjectKey> keys = new HashMap<>();

    @Override
    public SubjectKey find(String subject) {
        return keys.getOrDefault(subject, SubjectKey.NONE);
    }

    @Override
    public SubjectKey reload(String subject) {
        return find(subject);
    }

    @Override
    public SubjectKey forWriting(String subject) {
        return keys.computeIfAbsent(subject, absent -> SubjectKey.of(newKey()));
    }

    @Override
    public boolean erase(String subject) {
        return keys.put(subject, SubjectKey.ERASED) != SubjectKey.ERASED;
    }

    private static javax.crypto.SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }
}
