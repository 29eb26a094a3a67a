package org.fractionball.lms.projections.library;

import org.fractionball.lms.projections.KeptValues;
import org.fractionball.lms.projections.SchoolVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of each school's library (table {@code library_version}), raised by the content and
 * playlist projections whenever they change something a school's library answers show; the query
 * side keys its cached answers by it.
 */
@Component
public class LibraryVersions extends SchoolVersions {
    /** The version table, also the topic its raises are announced under. */
    public static final String TABLE = "library_version";
    private final KeptValues<Owner, VersionAndDrafts> drafts = new KeptValues<>(new ConcurrentHashMap<>());

    public LibraryVersions(JdbcTemplate jdbc) {
        super(jdbc, TABLE);
    }

    /**
     * The school's version and whether the user owns items of the kind there that are not published,
     * read together in one statement, so the pair describes one committed state, and kept like
     * {@link #known}: every change of what a user owns in the library raises the school's version.
     */
    public VersionAndDrafts knownFor(long schoolId, String kind, long userId) {
        return drafts.get(new Owner(schoolId, kind, userId), () -> currentFor(schoolId, kind, userId));
    }

    @Override
    public void invalidate() {
        super.invalidate();
        drafts.invalidate();
    }

    @Override
    public void hearing(boolean hearing) {
        super.hearing(hearing);
        drafts.hearing(hearing);
    }

    private VersionAndDrafts currentFor(long schoolId, String kind, long userId) {
        return jdbc.queryForObject("""
                SELECT coalesce((SELECT version FROM library_version WHERE school_id = ?), 0),
                       EXISTS (SELECT 1 FROM content_view WHERE kind = ? AND owner_id = ? AND school_id = ?
                                                            AND status <> 'PUBLISHED')""",
                (rs, row) -> new VersionAndDrafts(rs.getLong(1), rs.getBoolean(2)), schoolId, kind, userId, schoolId);
    }

    /** A school's library version with one user's "owns unpublished items" as of that version. */
    public record VersionAndDrafts(long version, boolean ownsUnpublished) {
    }

    private record Owner(long schoolId, String kind, long userId) {
    }
}
