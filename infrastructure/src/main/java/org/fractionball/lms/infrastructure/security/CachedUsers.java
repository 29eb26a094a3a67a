package org.fractionball.lms.infrastructure.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.query.accounts.FindUserByFirebaseUid;
import org.fractionball.lms.query.accounts.UserQueries;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The users that requests authenticate as, by Firebase uid, kept on this node between requests (a
 * PostgreSQL round trip saved on every authenticated request) and forgotten as soon as the accounts
 * projection commits any change to its tables: a deactivated, removed or re-roled user is refused or
 * re-roled on the next request that reaches this node after the change is heard. Only users that
 * exist are kept (an unknown uid asks PostgreSQL every time, so a newly provisioned user is found at
 * once). An entry is tagged with the generation it was read in, and a change raises the generation
 * before it clears the cache, so a lookup that raced a change is never served again.
 */
@Component
public class CachedUsers implements ReadModelSubscriber {
    /** A safety net only: changes are heard, not waited out. */
    private static final Duration KEEP_AT_MOST = Duration.ofMinutes(1);

    private final UserQueries users;
    private final Cache<String, Entry> byUid = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(KEEP_AT_MOST).build();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean hearing;

    public CachedUsers(UserQueries users) {
        this.users = users;
    }

    public Optional<UserView> find(String firebaseUid) {
        long current = generation.get();
        if (hearing) {
            Entry kept = byUid.getIfPresent(firebaseUid);
            if (kept != null && kept.generation() == current) {
                return Optional.of(kept.user());
            }
        }
        Optional<UserView> found = users.handle(new FindUserByFirebaseUid(firebaseUid));
        if (found.isPresent() && hearing) {
            byUid.put(firebaseUid, new Entry(found.get(), current));
        }
        return found;
    }

    @Override
    public boolean concerns(String topic) {
        return ProjectionNames.ACCOUNTS.equals(topic);
    }

    @Override
    public void invalidate() {
        generation.incrementAndGet();
        byUid.invalidateAll();
    }

    @Override
    public void hearing(boolean hearing) {
        this.hearing = hearing;
    }

    private record Entry(UserView user, long generation) {
    }
}
