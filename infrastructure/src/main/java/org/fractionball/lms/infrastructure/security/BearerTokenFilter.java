package org.fractionball.lms.infrastructure.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.infrastructure.web.DatabaseOutage;
import org.fractionball.lms.infrastructure.web.JsonErrors;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.accounts.UserView;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Contract §1: {@code Authorization: Bearer <ID token>}. No header, or a header not of that form,
 * leaves the request anonymous; a token that fails is answered 401 at once, on every endpoint
 * (anonymous ones included), with the reason. The token's uid must belong to an active user:
 * users are provisioned by admins, never created here. Failures are audited ({@link FailedLogins});
 * successful sign-ins are recorded once per session window ({@link SignIns}).
 */
public class BearerTokenFilter extends OncePerRequestFilter {
    static final String UNKNOWN_USER = "User not found. Please contact your administrator to create your account.";
    static final String INACTIVE_USER = "User account is disabled.";

    private final IdentityVerifier verifier;
    private final CachedUsers users;
    private final SignIns signIns;
    private final FailedLogins failedLogins;

    public BearerTokenFilter(IdentityVerifier verifier, CachedUsers users, SignIns signIns,
                             FailedLogins failedLogins) {
        this.verifier = verifier;
        this.users = users;
        this.signIns = signIns;
        this.failedLogins = failedLogins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearerToken(request.getHeader("Authorization"));
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        UserView user;
        String uid = null;
        try {
            VerifiedIdentity identity = verifier.verify(token);
            uid = identity.uid();
            user = userFor(identity);
        } catch (TokenRejected rejected) {
            failedLogins.record(rejected.detail(), uid);
            unauthorized(response, rejected.detail());
            return;
        } catch (RuntimeException failure) {
            if (DatabaseOutage.causedBy(failure)) {
                // the caller's identity is unknown, not wrong: no failed login, no 401
                logger.warn("Authentication not possible, the database cannot be reached: " + failure);
                DatabaseOutage.answer(request, response);
                return;
            }
            logger.warn("Authentication failed", failure);
            failedLogins.record(TokenRejected.FAILED, uid);
            unauthorized(response, TokenRejected.FAILED);
            return;
        }
        Caller caller = new Caller(user.id(), user.firebaseUid(), user.role(), user.schoolId());
        var authentication = new UsernamePasswordAuthenticationToken(caller, token,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        RequestContext context = RequestContext.current();
        if (context != null) {
            context.caller(caller);
        }
        signIns.recordIfDue(user);
        chain.doFilter(request, response);
    }

    private UserView userFor(VerifiedIdentity identity) {
        Optional<UserView> user = users.find(identity.uid());
        UserView found = user.orElseThrow(() -> new TokenRejected(UNKNOWN_USER, null));
        if (!found.isActive()) {
            throw new TokenRejected(INACTIVE_USER, null);
        }
        return found;
    }

    /**
     * The token of a {@code Bearer <token>} header (scheme in any case, words separated by
     * spaces, tabs or line breaks), else null. Scanned by hand: a regular-expression split of the ~900-character
     * token was a sixth of a library request's CPU under load.
     */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        int end = header.length();
        while (end > 0 && blank(header.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && blank(header.charAt(start))) {
            start++;
        }
        int schemeEnd = start;
        while (schemeEnd < end && !blank(header.charAt(schemeEnd))) {
            schemeEnd++;
        }
        int tokenStart = schemeEnd;
        while (tokenStart < end && blank(header.charAt(tokenStart))) {
            tokenStart++;
        }
        if (tokenStart == end || !header.regionMatches(true, start, "bearer", 0, 6) || schemeEnd - start != 6) {
            return null;
        }
        for (int i = tokenStart; i < end; i++) {
            if (blank(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(tokenStart, end);
    }

    /** Java's {@code \\s}: what separated the words when this was a {@code split("\\s+")}. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        JsonErrors.detail(response, 401, detail);
    }
}
