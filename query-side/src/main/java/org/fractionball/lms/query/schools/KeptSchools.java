package org.fractionball.lms.query.schools;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.fractionball.lms.projections.schools.SchoolView;
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
    private final KeptValues<Long, SchoolView> byId = new KeptValues<>(Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(KEEP_AT_MOST).<Long, KeptValues.Kept<SchoolView>>build().asMap());

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
