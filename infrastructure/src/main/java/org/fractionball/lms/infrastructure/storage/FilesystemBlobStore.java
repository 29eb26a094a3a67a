package org.fractionball.lms.infrastructure.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.command.storage.StoredBlob;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The embedded default store: objects are files under one directory, each with a sidecar
 * {@code <object>.meta} (JSON: content type, size), served by {@link FilesystemStorageController}
 * at {@code <base URL>/storage/o/<path>} through URLs this class signs with HMAC-SHA256.
 *
 * <p>A signature covers the method, the path, the expiry (epoch seconds) and, for uploads, the
 * content type and the maximum size, for downloads the offered file name. Its key is derived from
 * {@code lms.secret-key} with a fixed label, so neither the secret itself nor a key used elsewhere
 * signs URLs.
 */
public final class FilesystemBlobStore implements BlobStore {
    /** Path prefix of the objects' URLs; {@link StoragePaths#fromUri} reads the path after its {@code /o/}. */
    public static final String URL_PREFIX = "/storage/o/";
    public static final String EXPIRES = "expires";
    public static final String CONTENT_TYPE = "content_type";
    public static final String MAX_BYTES = "max_bytes";
    public static final String FILENAME = "filename";
    public static final String SIGNATURE = "signature";

    static final String META_SUFFIX = ".meta";
    private static final String KEY_LABEL = "fraction-ball-lms/filesystem-storage/signed-urls/v1";
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@link #verifyUpload} and {@link #verifyDownload} conclude about a request. */
    public enum Verdict { VALID, MISSING, INVALID, EXPIRED }

    /** A stored object as the controller serves it. */
    public record StoredFile(Path file, String contentType, long size) {
    }

    /** The upload was longer than its signed maximum; nothing was stored. */
    public static final class TooLarge extends Exception {
        TooLarge(long maxBytes) {
            super("more than " + maxBytes + " bytes");
        }
    }

    /** The client's body could not be read to its end (aborted upload); nothing was stored. */
    public static final class BodyNotReceived extends IOException {
        BodyNotReceived(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    record Meta(String contentType, long size) {
    }

    private final Path directory;
    private final byte[] signingKey;
    private final Supplier<String> baseUrl;
    private final Clock clock;

    /**
     * @param baseUrl scheme, host, port and context path the URLs start with (no trailing slash needed)
     */
    public FilesystemBlobStore(Path directory, String secretKey, Supplier<String> baseUrl, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.signingKey = hmac(secretKey.getBytes(StandardCharsets.UTF_8), KEY_LABEL);
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public SignedUrl signUpload(String path, String contentType, long maxBytes, Duration validity) {
        requireValid(path);
        if (contentType == null || !concrete(contentType)) {
            throw new IllegalArgumentException("Not a concrete content type: " + contentType);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        long expires = expiry(validity);
        String signature = signature("PUT", path, expires, contentType, maxBytes, null);
        String url = objectUrl(path) + "?" + EXPIRES + "=" + expires + "&" + CONTENT_TYPE + "=" + encode(contentType)
                + "&" + MAX_BYTES + "=" + maxBytes + "&" + SIGNATURE + "=" + signature;
        return new SignedUrl(url, Instant.ofEpochSecond(expires));
    }

    @Override
    public SignedUrl signDownload(String path, String downloadFilename, Duration validity) {
        requireValid(path);
        String filename = downloadFilename == null || downloadFilename.isEmpty() ? null : downloadFilename;
        long expires = expiry(validity);
        String signature = signature("GET", path, expires, null, null, filename);
        String url = objectUrl(path) + "?" + EXPIRES + "=" + expires
                + (filename == null ? "" : "&" + FILENAME + "=" + encode(filename)) + "&" + SIGNATURE + "=" + signature;
        return new SignedUrl(url, Instant.ofEpochSecond(expires));
    }

    @Override
    public Optional<StoredBlob> find(String path) {
        Path file = resolve(path);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, StoredBlob.HEAD_BYTES));
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // a read may return fewer bytes than asked
            }
            return Optional.of(new StoredBlob(path, size, readMeta(file).contentType(),
                    Arrays.copyOf(head.array(), head.position())));
        } catch (NoSuchFileException missing) {
            // no object, or one being deleted (its data goes first, then its sidecar)
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String path) {
        Path file = resolve(path);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(metaOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String publicUrl(String path) {
        requireValid(path);
        return objectUrl(path);
    }

    /** Checks an upload's signature parameters (null when absent) for a {@code PUT} of {@code path}. */
    public Verdict verifyUpload(String path, String expires, String contentType, String maxBytes, String signature) {
        if (expires == null || contentType == null || maxBytes == null || signature == null) {
            return Verdict.MISSING;
        }
        if (!DIGITS.matcher(expires).matches() || !DIGITS.matcher(maxBytes).matches()) {
            return Verdict.INVALID;
        }
        long expiry = Long.parseLong(expires);
        return verdict(signature("PUT", path, expiry, contentType, Long.parseLong(maxBytes), null), signature, expiry);
    }

    /** Checks a download's signature parameters (null when absent) for a {@code GET} or {@code HEAD} of {@code path}. */
    public Verdict verifyDownload(String path, String expires, String filename, String signature) {
        if (expires == null || signature == null) {
            return Verdict.MISSING;
        }
        if (!DIGITS.matcher(expires).matches()) {
            return Verdict.INVALID;
        }
        long expiry = Long.parseLong(expires);
        String name = filename == null || filename.isEmpty() ? null : filename;
        return verdict(signature("GET", path, expiry, null, null, name), signature, expiry);
    }

    /** How long a URL that expires at {@code expires} (epoch seconds, already verified) stays valid. */
    public Duration validityLeft(String expires) {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(expires) - clock.instant().getEpochSecond()));
    }

    /**
     * Streams {@code body} into a temporary file next to the object, then moves it into place
     * atomically (the sidecar first, so an object never lacks its metadata). When the body cannot
     * be read to its end or passes {@code maxBytes}, the temporary file is removed and whatever
     * was stored at {@code path} stays as it was.
     */
    public long receive(String path, String contentType, long maxBytes, InputStream body) throws IOException, TooLarge {
        Path file = resolve(path);
        Files.createDirectories(file.getParent());
        Path data = Files.createTempFile(file.getParent(), ".upload-", ".part");
        Path meta = null;
        boolean stored = false;
        try {
            long size = copy(body, data, maxBytes);
            meta = Files.createTempFile(file.getParent(), ".upload-", ".meta.part");
            JSON.writeValue(meta.toFile(), new Meta(contentType, size));
            Files.move(meta, metaOf(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            meta = null;
            Files.move(data, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            stored = true;
            return size;
        } finally {
            if (!stored) {
                Files.deleteIfExists(data);
            }
            if (meta != null) {
                Files.deleteIfExists(meta);
            }
        }
    }

    /** The object's file and metadata, or empty when nothing is stored at {@code path}. */
    public Optional<StoredFile> open(String path) {
        Path file = resolve(path);
        try {
            Meta meta = readMeta(file);
            return Optional.of(new StoredFile(file, meta.contentType(), Files.size(file)));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long copy(InputStream body, Path target, long maxBytes) throws IOException, TooLarge {
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            while (true) {
                int read;
                try {
                    read = body.read(buffer);
                } catch (IOException unreadable) {
                    throw new BodyNotReceived(unreadable);
                }
                if (read < 0) {
                    break;
                }
                size += read;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true); // answered 200 only once the bytes are on disk, as Cloud Storage does
        }
        return size;
    }

    private Verdict verdict(String expected, String given, long expiry) {
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8))) {
            return Verdict.INVALID;
        }
        return clock.instant().getEpochSecond() >= expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String method, String path, long expires, String contentType, Long maxBytes,
                             String filename) {
        // each field URL-encoded, so no value can contain the separator
        String canonical = String.join("\n", method, encode(path), Long.toString(expires),
                contentType == null ? "" : encode(contentType), maxBytes == null ? "" : maxBytes.toString(),
                filename == null ? "" : encode(filename));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(signingKey, canonical));
    }

    private long expiry(Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        return clock.instant().plus(validity).getEpochSecond();
    }

    private String objectUrl(String path) {
        String base = baseUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + URL_PREFIX + path;
    }

    /** The file of a valid object name; any other name is refused, which rules out path traversal. */
    private Path resolve(String path) {
        requireValid(path);
        return directory.resolve(path);
    }

    private static void requireValid(String path) {
        if (!StoragePaths.isValid(path)) {
            throw new IllegalArgumentException("Not a storage path: " + path);
        }
    }

    private static Path metaOf(Path file) {
        return file.resolveSibling(file.getFileName() + META_SUFFIX);
    }

    private static Meta readMeta(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(metaOf(file)), Meta.class);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete() && contentType.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
