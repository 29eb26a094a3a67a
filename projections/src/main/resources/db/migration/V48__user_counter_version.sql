-- One counter per school raised when its user counters change (a user provisioned, moved, removed,
-- deactivated or reactivated, or signed in for the first time on a day): the cached school stats are
-- keyed by it with analytics_version. Kept apart from analytics_version so that a sign-in does not
-- invalidate every teacher dashboard of the school. Never reset, so a rebuild keeps it rising.
CREATE TABLE user_counter_version (
    school_id BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL
);
