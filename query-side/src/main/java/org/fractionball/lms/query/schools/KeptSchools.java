package org.fractionball.lms.query.schools;

import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.projections.schools.SchoolView;
import org.fractionball.lms.query.web.BoundedKeptValues;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Schools by id, kept on this node between requests (a PostgreSQL round trip saved on each school
 * read) and forgotten when the accounts projection commits any change to its tables: a school's row
 * and its active-user count both come from them. Only schools that exist are kept.
 */
@Component
public class KeptSchools implements ReadModelSubscriber {
    /** A safety net only: changes are heard, not waited out. */
    private static final Duration KEEP_AT_MOST = Duration.ofMinutes(5);

    private final SchoolQueries schools;
    private final KeptValues<Long, SchoolView> byId = BoundedKeptValues.of(10_000, KEEP_AT_MOST);

    public KeptSchools(SchoolQueries schools) {
        this.schools = schools;
    }

    /** {@link FindSchool}. */
    public Optional<SchoolView> find(long schoolId) {
        return Optional.ofNullable(byId.get(schoolId, () -> schools.handle(new FindSchool(schoolId)).orElse(null)));
    }

    @Override
    public boolean concerns(String topic) {
        return ProjectionNames.ACCOUNTS.equals(topic);
    }

    @Override
    public void invalidate() {
        byId.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        byId.hearing(hearing);
    }
}
