package org.fractionball.lms.infrastructure.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.query.web.QueryRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Map;
import java.util.concurrent.CompletionException;

/** Maps failures to the contract's JSON error families (§0.4); nothing here ever answers HTML. */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandRejected.class)
    ResponseEntity<Map<String, ?>> rejectedCommand(CommandRejected rejected) {
        return ResponseEntity.status(rejected.status()).body(rejected.body());
    }

    @ExceptionHandler(QueryRejected.class)
    ResponseEntity<Map<String, ?>> rejectedQuery(QueryRejected rejected) {
        return ResponseEntity.status(rejected.status()).body(rejected.body());
    }

    /** Query handlers run behind a future; their refusals arrive wrapped. */
    @ExceptionHandler({CompletionException.class, CommandExecutionException.class})
    ResponseEntity<Map<String, ?>> wrapped(RuntimeException wrapper) {
        Throwable cause = wrapper.getCause();
        if (cause instanceof QueryRejected rejected) {
            return rejectedQuery(rejected);
        }
        if (cause instanceof CommandRejected rejected) {
            return rejectedCommand(rejected);
        }
        return unexpected(wrapper);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, ?>> unreadable(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return ResponseEntity.badRequest().body(Map.of("detail", "JSON parse error - " + message));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, ?>> mediaType(HttpMediaTypeNotSupportedException unsupported) {
        var type = unsupported.getContentType();
        String name = type == null ? "" : type.getType() + "/" + type.getSubtype();
        return ResponseEntity.status(415).body(Map.of("detail", "Unsupported media type \"" + name + "\" in request."));
    }

    /** A multipart body that cannot be parsed (DRF's wording). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, ?>> multipart(MultipartException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        return ResponseEntity.badRequest().body(Map.of("detail", "Multipart form parse error - " + cause.getMessage()));
    }

    /** Spring Security's firewall checks parameter names lazily, so its refusals can surface here. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Map<String, ?>> rejectedRequest(RequestRejectedException rejected) {
        return ResponseEntity.badRequest().body(Map.of("detail", "Bad request: " + rejected.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, ?>> method(HttpRequestMethodNotSupportedException unsupported) {
        return ResponseEntity.status(405).body(Map.of("detail",
                "Method \"" + unsupported.getMethod() + "\" not allowed."));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Map<String, ?>> notFound(Exception missing) {
        return ResponseEntity.status(404).body(Map.of("detail", "Not found."));
    }

    /** The client went away while the answer was written: nobody to answer, nothing went wrong here. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException gone) {
        log.debug("Client disconnected before the answer was written: {}", gone.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, ?>> unexpected(Exception failure) {
        if (DatabaseOutage.causedBy(failure)) {
            log.warn("Answered 503, the database cannot be reached: {}", failure.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS).body(DatabaseOutage.body());
        }
        log.error("Unhandled failure", failure);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("detail", "A server error occurred."));
    }
}
