package org.fractionball.lms.command.schools;

import org.fractionball.lms.command.web.CommandRejected;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Map;

/** Matches a {@link CommandRejected} of the given type with exactly this status and JSON body. */
public final class CommandRejectedMatcher<E extends CommandRejected> extends TypeSafeDiagnosingMatcher<E> {
    private final Class<E> type;
    private final int status;
    private final Map<String, ?> body;

    private CommandRejectedMatcher(Class<E> type, int status, Map<String, ?> body) {
        super(type);
        this.type = type;
        this.status = status;
        this.body = body;
    }

    public static Matcher<CommandRejected> rejected(int status, Map<String, ?> body) {
        return new CommandRejectedMatcher<>(CommandRejected.class, status, body);
    }

    public static <E extends CommandRejected> Matcher<E> rejected(Class<E> type, int status, Map<String, ?> body) {
        return new CommandRejectedMatcher<>(type, status, body);
    }

    @Override
    protected boolean matchesSafely(E rejected, Description mismatch) {
        mismatch.appendText(rejected.getClass().getSimpleName()).appendText(" with status ")
                .appendValue(rejected.status()).appendText(" and body ").appendValue(rejected.body());
        return rejected.status() == status && body.equals(rejected.body());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText(type.getSimpleName()).appendText(" with status ").appendValue(status)
                .appendText(" and body ").appendValue(body);
    }
}
