package org.fractionball.lms.infrastructure.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Duration;
import java.time.Instant;

/**
 * Routes each token to the verifier that issued it and keeps verified tokens until they expire,
 * so verification costs one cache lookup on repeat requests. Rejections are not cached.
 */
class CachingIdentityVerifier implements IdentityVerifier {
    private final IdentityVerifier firebase;
    private final DevelopmentTokens development;
    private final Cache<String, VerifiedIdentity> verified;

    CachingIdentityVerifier(IdentityVerifier firebase, DevelopmentTokens development, long maximumSize) {
        this.firebase = firebase;
        this.development = development;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new UntilExpiry()).build();
    }

    @Override
    public VerifiedIdentity verify(String token) {
        VerifiedIdentity cached = verified.getIfPresent(token);
        if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
            return cached;
        }
        VerifiedIdentity identity = verifierFor(token).verify(token);
        verified.put(token, identity);
        return identity;
    }

    private IdentityVerifier verifierFor(String token) {
        if (development != null && DevelopmentTokens.looksLikeOurs(token)) {
            return development;
        }
        if (firebase != null) {
            return firebase;
        }
        throw new TokenRejected(TokenRejected.INVALID, null);
    }

    private static final class UntilExpiry implements Expiry<String, VerifiedIdentity> {
        @Override
        public long expireAfterCreate(String token, VerifiedIdentity identity, long currentTime) {
            return Math.max(0, Duration.between(Instant.now(), identity.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, VerifiedIdentity identity, long currentTime, long currentDuration) {
            return expireAfterCreate(token, identity, currentTime);
        }

        @Override
        public long expireAfterRead(String token, VerifiedIdentity identity, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
