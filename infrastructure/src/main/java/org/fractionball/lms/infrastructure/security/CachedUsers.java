package org.fractionball.lms.infrastructure.security;

import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.query.accounts.FindUserByFirebaseUid;
import org.fractionball.lms.query.accounts.UserQueries;
import org.fractionball.lms.query.web.BoundedKeptValues;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The users that requests authenticate as, by Firebase uid, kept on this node between requests (a
 * PostgreSQL round trip saved on every authenticated request) and forgotten as soon as the accounts
 * projection commits any change to its tables: a deactivated, removed or re-roled user is refused or
 * re-roled on the next request that reaches this node after the change is heard. Only users that
 * exist are kept (an unknown uid asks PostgreSQL every time, so a newly provisioned user is found at
 * once); a lookup that raced a change is never served again ({@link KeptValues}).
 */
@Component
public class CachedUsers implements ReadModelSubscriber {
    /** A safety net only: changes are heard, not waited out. */
    private static final Duration KEEP_AT_MOST = Duration.ofMinutes(1);

    private final UserQueries users;
    private final KeptValues<String, UserView> byUid = BoundedKeptValues.of(100_000,
            KEEP_AT_MOST);

    public CachedUsers(UserQueries users) {
        this.users = users;
    }

    public Optional<UserView> find(String firebaseUid) {
        return Optional.ofNullable(byUid.get(firebaseUid,
                () -> users.handle(new FindUserByFirebaseUid(firebaseUid)).orElse(null)));
    }

    @Override
    public boolean concerns(String topic) {
        return ProjectionNames.ACCOUNTS.equals(topic);
    }

    @Override
    public void invalidate() {
        byUid.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        byUid.hearing(hearing);
    }
}
