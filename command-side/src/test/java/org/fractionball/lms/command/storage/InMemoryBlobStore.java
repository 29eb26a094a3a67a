package org.fractionball.lms.command.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test double of {@link BlobStore}: objects in a map (path → bytes, size, content type), signed
 * URLs built deterministically from their arguments and a fixed clock, deletions recorded.
 */
public class InMemoryBlobStore implements BlobStore {
    public static final String BUCKET = "lms-test";

    private record StoredObject(long size, String contentType, byte[] head) {
    }

    private final Instant now;
    private final Map<String, StoredObject> objects = new HashMap<>();
    private final List<String> deletions = new ArrayList<>();

    /** {@code now} is when every URL is signed, so expiry times are known to the test. */
    public InMemoryBlobStore(Instant now) {
        this.now = now;
    }

    /** Stores {@code bytes} at {@code path} as a client's PUT with this {@code Content-Type} would. */
    public void put(String path, String contentType, byte[] bytes) {
        putSized(path, contentType, bytes.length, bytes);
    }

    /** An object of {@code size} bytes that starts with {@code head}, so a 500 MB file need not be held. */
    public void putSized(String path, String contentType, long size, byte[] head) {
        objects.put(path, new StoredObject(size, contentType, head.clone()));
    }

    public boolean contains(String path) {
        return objects.containsKey(path);
    }

    /** Paths passed to {@link #delete}, in call order. */
    public List<String> deletions() {
        return List.copyOf(deletions);
    }

    public static String uploadUrl(String path, String contentType, long maxBytes, Duration validity) {
        return "https://storage.test/" + BUCKET + "/" + path + "?method=PUT&contentType=" + contentType
                + "&maxBytes=" + maxBytes + "&validFor=" + validity.toSeconds();
    }

    public static String downloadUrl(String path, String downloadFilename, Duration validity) {
        return "https://storage.test/" + BUCKET + "/" + path + "?method=GET&filename=" + downloadFilename
                + "&validFor=" + validity.toSeconds();
    }

    public static String publicUrlOf(String path) {
        return "https://firebasestorage.googleapis.com/v0/b/" + BUCKET + "/o/" + path.replace("/", "%2F")
                + "?alt=media";
    }

    @Override
    public SignedUrl signUpload(String path, String contentType, long maxBytes, Duration validity) {
        return new SignedUrl(uploadUrl(path, contentType, maxBytes, validity), now.plus(validity));
    }

    @Override
    public SignedUrl signDownload(String path, String downloadFilename, Duration validity) {
        return new SignedUrl(downloadUrl(path, downloadFilename, validity), now.plus(validity));
    }

    @Override
    public Optional<StoredBlob> find(String path) {
        return Optional.ofNullable(objects.get(path)).map(object -> new StoredBlob(path, object.size(),
                object.contentType(), Arrays.copyOf(object.head(), Math.min(object.head().length,
                        StoredBlob.HEAD_BYTES))));
    }

    @Override
    public void delete(String path) {
        deletions.add(path);
        objects.remove(path);
    }

    @Override
    public String publicUrl(String path) {
        return publicUrlOf(path);
    }
}
