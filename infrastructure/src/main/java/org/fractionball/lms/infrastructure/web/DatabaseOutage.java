package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * A failure caused by PostgreSQL being unreachable (down, restarting, refusing connections, or no
 * pooled connection within the pool's timeout). Such a request is answered 503 with a message
 * saying so and a {@code Retry-After}, wherever it failed (authentication, handler, command), instead
 * of a 500 or a 401 that would send clients to sign in again.
 */
public final class DatabaseOutage {
    public static final String DETAIL = "The service is temporarily unavailable: the database cannot be reached. "
            + "Try again shortly.";
    public static final String RETRY_AFTER_SECONDS = "5";
    private static final long MAX_BODY_READ = 64 * 1024;
    /** What HikariCP throws (without SQLState) when a connection it closed after a fatal error is used. */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unreachable(sql.getSQLState())
                    || HIKARI_CLOSED_CONNECTION.equals(sql.getMessage()))) {
                return true;
            }
            // a rollback that failed on the lost connection hides the failure that caused it
            if (cause instanceof TransactionSystemException failedRollback
                    && failedRollback.getApplicationException() != null
                    && causedBy(failedRollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08 (connection exception) and 57P01–57P03 (shut down, crashed, starting up). */
    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    public static Map<String, String> body() {
        return Map.of("detail", DETAIL);
    }

    /**
     * Writes the 503 answer from a filter, where no exception handler applies. A small request body
     * still unread is read first: Tomcat closes the connection after a 503, and closing a socket
     * with unread bytes sends a reset that can destroy the answer before the client reads it.
     */
    public static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= MAX_BODY_READ) {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        JsonErrors.detail(response, 503, DETAIL);
    }
}
