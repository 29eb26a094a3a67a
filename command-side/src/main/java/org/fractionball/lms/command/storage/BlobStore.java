package org.fractionball.lms.command.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded files live. Paths are relative object names such as
 * {@code videos/2026/11/29/<uuid>.mp4}; adapters refuse any other shape (no {@code ..}, no
 * absolute paths). Adapters: Firebase (Google Cloud) Storage, and the filesystem for the
 * embedded default.
 */
public interface BlobStore {

    /**
     * A URL the client sends the bytes to with {@code PUT} and exactly this {@code Content-Type},
     * valid for {@code validity}. Objects larger than {@code maxBytes} are refused where the
     * adapter can enforce it while receiving, and always when the upload is completed.
     */
    SignedUrl signUpload(String path, String contentType, long maxBytes, Duration validity);

    /**
     * A URL that {@code GET}s the object (with {@code Range} support) for {@code validity};
     * {@code downloadFilename}, when not null, is offered to the browser as the file's name.
     */
    SignedUrl signDownload(String path, String downloadFilename, Duration validity);

    /** What is stored at {@code path}, or empty when nothing is. */
    Optional<StoredBlob> find(String path);

    /** Removes the object; removing a missing object succeeds. Throws when storage cannot be reached. */
    void delete(String path);

    /**
     * The object's permanent URL as the contract stores it in {@code storage_uri}/{@code file_uri}
     * ({@code https://firebasestorage.googleapis.com/v0/b/<bucket>/o/<path with %2F>?alt=media}
     * for Firebase); {@link StoragePaths#fromUri} reads the path back from it.
     */
    String publicUrl(String path);
}
