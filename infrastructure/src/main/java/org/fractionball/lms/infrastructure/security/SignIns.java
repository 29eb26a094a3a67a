package org.fractionball.lms.infrastructure.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.fractionball.lms.command.accounts.RecordSignIn;
import org.fractionball.lms.projections.accounts.UserView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Records successful sign-ins ({@code UserSignedIn}, the contract's {@code last_login} and
 * {@code USER_LOGIN}) at most once per session window per user: a request whose user signed in
 * within the window sends nothing, and the aggregate ignores repeats that race.
 */
@Component
public class SignIns {
    private static final Logger log = LoggerFactory.getLogger(SignIns.class);

    private final CommandGateway commands;
    private final Duration window;
    private final Cache<Long, Instant> recentlyRecorded;

    public SignIns(CommandGateway commands, @Value("${lms.auth.sign-in-window:30m}") Duration window) {
        this.commands = commands;
        this.window = window;
        this.recentlyRecorded = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
    }

    public void recordIfDue(UserView user) {
        Instant now = Instant.now();
        if ((user.lastLogin() != null && user.lastLogin().plus(window).isAfter(now))
                || recentlyRecorded.getIfPresent(user.id()) != null) {
            return;
        }
        recentlyRecorded.put(user.id(), now);
        try {
            commands.sendAndWait(new RecordSignIn(user.id(), window));
        } catch (RuntimeException failure) {
            // the request itself is authenticated; a lost sign-in record is retried next window
            recentlyRecorded.invalidate(user.id());
            log.warn("Could not record the sign-in of user {}", user.id(), failure);
        }
    }
}
