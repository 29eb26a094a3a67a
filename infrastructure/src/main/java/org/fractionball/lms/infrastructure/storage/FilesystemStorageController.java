package org.fractionball.lms.infrastructure.storage;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.StoredFile;
import org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.CONTENT_TYPE;
import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.EXPIRES;
import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.FILENAME;
import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.MAX_BYTES;
import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.SIGNATURE;
import static org.fractionball.lms.infrastructure.storage.FilesystemBlobStore.URL_PREFIX;

/**
 * Serves {@link FilesystemBlobStore}'s signed URLs, as Cloud Storage serves its own: {@code PUT}
 * stores the body (200, empty), {@code GET}/{@code HEAD} return the bytes with HTTP range support
 * so a video player can seek. Outside {@code /api/}, so neither authentication nor throttling
 * applies: the signature is the access check. Every refusal is JSON {@code {"detail": …}} with its
 * content type fixed, whatever the client accepts. Not part of the API, so not in its OpenAPI document.
 */
@Hidden
@RestController
@Conditional(StorageConfiguration.FilesystemSelected.class)
public class FilesystemStorageController {
    static final String MISSING_SIGNATURE = "Missing signature.";
    static final String INVALID_SIGNATURE = "Invalid signature.";
    static final String EXPIRED = "Signed URL has expired.";
    static final String WRONG_CONTENT_TYPE = "Content-Type does not match the signed upload.";
    static final String NOT_FOUND = "Not found.";
    static final String UNSATISFIABLE = "Requested range not satisfiable.";
    static final String INTERRUPTED = "Upload interrupted.";
    static final String STORAGE_FULL = "Storage is full: the file was not stored. Try again later.";
    static final String STORAGE_UNAVAILABLE = "Storage is unavailable: the file was not stored. Try again later.";

    private static final Logger log = LoggerFactory.getLogger(FilesystemStorageController.class);

    private final FilesystemBlobStore store;

    public FilesystemStorageController(FilesystemBlobStore store) {
        this.store = store;
    }

    @PutMapping(URL_PREFIX + "{*path}")
    public ResponseEntity<?> upload(@PathVariable String path,
                                    @RequestParam(name = EXPIRES, required = false) String expires,
                                    @RequestParam(name = CONTENT_TYPE, required = false) String contentType,
                                    @RequestParam(name = MAX_BYTES, required = false) String maxBytes,
                                    @RequestParam(name = SIGNATURE, required = false) String signature,
                                    HttpServletRequest request) throws IOException {
        String name = objectName(path);
        if (name == null) {
            return error(404, NOT_FOUND);
        }
        Verdict verdict = store.verifyUpload(name, expires, contentType, maxBytes, signature);
        if (verdict != Verdict.VALID) {
            return refused(verdict);
        }
        if (!contentType.equals(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            return error(403, WRONG_CONTENT_TYPE);
        }
        long max = Long.parseLong(maxBytes);
        if (request.getContentLengthLong() > max) {
            return tooLarge(max);
        }
        try {
            store.receive(name, contentType, max, request.getInputStream());
        } catch (FilesystemBlobStore.TooLarge tooLarge) {
            return tooLarge(max);
        } catch (FilesystemBlobStore.BodyNotReceived aborted) {
            log.info("Upload of {} interrupted, nothing stored: {}", name, aborted.getMessage());
            return error(400, INTERRUPTED);
        } catch (IOException unwritable) {
            // the store removed its temporary file: nothing half-written remains to be completed
            log.error("Upload of {} not stored: {}", name, unwritable.toString());
            boolean full = unwritable.getMessage() != null && unwritable.getMessage().contains("No space left");
            return full ? error(507, STORAGE_FULL) : error(503, STORAGE_UNAVAILABLE);
        }
        return ResponseEntity.ok().build();
    }

    /** Also answers {@code HEAD}, which Spring MVC maps to GET handlers. */
    @GetMapping(URL_PREFIX + "{*path}")
    public ResponseEntity<?> download(HttpMethod method, @PathVariable String path,
                                      @RequestParam(name = EXPIRES, required = false) String expires,
                                      @RequestParam(name = FILENAME, required = false) String filename,
                                      @RequestParam(name = SIGNATURE, required = false) String signature,
                                      @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        String name = objectName(path);
        if (name == null) {
            return error(404, NOT_FOUND);
        }
        Verdict verdict = store.verifyDownload(name, expires, filename, signature);
        if (verdict != Verdict.VALID) {
            return refused(verdict);
        }
        Optional<StoredFile> stored = store.open(name);
        if (stored.isEmpty()) {
            return error(404, NOT_FOUND);
        }
        FileSystemResource body = new FileSystemResource(stored.get().file());
        if (range != null && !satisfiable(range, body)) {
            // Spring would answer 416 too, but with the whole object as its body
            return ResponseEntity.status(416).header(HttpHeaders.CONTENT_RANGE, "bytes */" + stored.get().size())
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", UNSATISFIABLE));
        }
        // the browser may keep the bytes (a player re-reads ranges while seeking) as long as the URL is valid
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.get().contentType()))
                .cacheControl(CacheControl.maxAge(store.validityLeft(expires)).cachePrivate());
        if (filename != null && !filename.isEmpty()) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(filename));
        }
        if (method == HttpMethod.HEAD) {
            // with a body Spring MVC would read the whole file only for the container to drop it
            return answer.header(HttpHeaders.ACCEPT_RANGES, "bytes").contentLength(stored.get().size()).build();
        }
        // Spring MVC adds Accept-Ranges and answers a Range header with 206 and the requested parts
        return answer.body(body);
    }

    /** The object name in the URL's path, or null when it is not of {@link StoragePaths}' shape. */
    private static String objectName(String pathVariable) {
        String name = pathVariable.startsWith("/") ? pathVariable.substring(1) : pathVariable;
        return StoragePaths.isValid(name) ? name : null;
    }

    private static boolean satisfiable(String range, FileSystemResource body) {
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), body);
            return true;
        } catch (IllegalArgumentException unsatisfiable) {
            return false;
        }
    }

    private static ResponseEntity<?> refused(Verdict verdict) {
        return error(403, switch (verdict) {
            case MISSING -> MISSING_SIGNATURE;
            case EXPIRED -> EXPIRED;
            default -> INVALID_SIGNATURE;
        });
    }

    private static ResponseEntity<?> tooLarge(long max) {
        return error(413, "Upload exceeds the signed maximum of " + max + " bytes.");
    }

    private static ResponseEntity<?> error(int status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", detail));
    }
}
