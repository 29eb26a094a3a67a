package org.fractionball.lms.projections;

import org.springframework.stereotype.Component;

/**
 * How the projections' handlers may write new rows. Live, an event that failed is dead-lettered and
 * retried later with every handler of its group, some of which may have written their rows already:
 * inserts must skip what is there. A rebuild's batch commits whole or not at all (its errors
 * propagate, nothing is dead-lettered) into tables that hold only earlier batches, so its new rows
 * can be copied in with {@link BinaryCopy} (rows no insert ever skipped, such as content history
 * versions, are copied live too). The application's instance is the live one; a rebuild's handlers
 * get {@link #rebuild()}.
 */
@Component
public final class WriteMode {
    private final boolean rebuild;

    public WriteMode() {
        this(false);
    }

    private WriteMode(boolean rebuild) {
        this.rebuild = rebuild;
    }

    public static WriteMode rebuild() {
        return new WriteMode(true);
    }

    /** True in a rebuild: new rows cannot be there yet, so they may be copied in without conflict checks. */
    public boolean copiesNewRows() {
        return rebuild;
    }
}
