package org.fractionball.lms.infrastructure.storage;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.command.storage.StoredBlob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Firebase Storage, i.e. a Google Cloud Storage bucket, through Google's client. URLs are V4
 * signed with the service account's key: uploads are bound to their {@code Content-Type}; a
 * download names its file through {@code response-content-disposition}. Cloud Storage cannot
 * check an upload's size while receiving it unless the client sends an extra signed header, which
 * the contract's clients do not, so {@code maxBytes} is left to the completing step.
 */
public final class FirebaseBlobStore implements BlobStore, AutoCloseable {
    private static final String PUBLIC_URL = "https://firebasestorage.googleapis.com/v0/b/%s/o/%s?alt=media";
    private static final String GOOG_DATE_PARAMETER = "X-Goog-Date=";
    private static final DateTimeFormatter GOOG_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Storage storage;
    private final String bucket;

    /** {@code storage} must carry credentials that can sign (a service account). */
    public FirebaseBlobStore(Storage storage, String bucket) {
        this.storage = storage;
        this.bucket = bucket;
    }

    /**
     * A store on the bucket with the service-account key file {@code credentialsFile}; the project
     * is {@code projectId} when given, else the key's.
     */
    public static FirebaseBlobStore fromServiceAccount(Path credentialsFile, String bucket, String projectId)
            throws IOException {
        ServiceAccountCredentials credentials;
        try (InputStream in = Files.newInputStream(credentialsFile)) {
            // only a service account's private key can sign URLs; other credential types fail here
            credentials = ServiceAccountCredentials.fromStream(in);
        }
        // with a project set the client never asks the metadata server for one
        String project = projectId != null ? projectId : credentials.getProjectId();
        StorageOptions.Builder options = StorageOptions.newBuilder().setCredentials(credentials);
        if (project != null) {
            options.setProjectId(project);
        }
        return new FirebaseBlobStore(options.build().getService(), bucket);
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public SignedUrl signUpload(String path, String contentType, long maxBytes, Duration validity) {
        requireValid(path);
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("A signed upload needs a content type");
        }
        BlobInfo object = BlobInfo.newBuilder(BlobId.of(bucket, path)).setContentType(contentType).build();
        // withContentType() binds only V2 signatures; a V4 signature covers the header when it is
        // named as an extension header (then listed in X-Goog-SignedHeaders)
        return sign(object, validity, List.of(Storage.SignUrlOption.httpMethod(HttpMethod.PUT),
                Storage.SignUrlOption.withExtHeaders(Map.of("Content-Type", contentType))));
    }

    @Override
    public SignedUrl signDownload(String path, String downloadFilename, Duration validity) {
        requireValid(path);
        List<Storage.SignUrlOption> options = new ArrayList<>(List.of(Storage.SignUrlOption.httpMethod(HttpMethod.GET)));
        if (downloadFilename != null && !downloadFilename.isEmpty()) {
            options.add(Storage.SignUrlOption.withQueryParams(
                    Map.of("response-content-disposition", ContentDispositions.attachment(downloadFilename))));
        }
        return sign(BlobInfo.newBuilder(BlobId.of(bucket, path)).build(), validity, options);
    }

    @Override
    public Optional<StoredBlob> find(String path) {
        requireValid(path);
        Blob blob = storage.get(BlobId.of(bucket, path));
        if (blob == null) {
            return Optional.empty();
        }
        long size = blob.getSize();
        try {
            // this generation's bytes, even if the object is replaced meanwhile
            byte[] head = head(BlobId.of(bucket, path, blob.getGeneration()), size);
            return Optional.of(new StoredBlob(path, size, blob.getContentType(), head));
        } catch (StorageException failure) {
            if (failure.getCode() == 404) {
                return Optional.empty(); // deleted between the two calls
            }
            throw failure;
        }
    }

    @Override
    public void delete(String path) {
        requireValid(path);
        storage.delete(BlobId.of(bucket, path)); // false when there was nothing to delete
    }

    @Override
    public String publicUrl(String path) {
        requireValid(path);
        return String.format(PUBLIC_URL, bucket, path.replace("/", "%2F"));
    }

    @Override
    public void close() throws Exception {
        storage.close();
    }

    private SignedUrl sign(BlobInfo object, Duration validity, List<Storage.SignUrlOption> options) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        List<Storage.SignUrlOption> all = new ArrayList<>(options);
        all.add(Storage.SignUrlOption.withV4Signature());
        URL url = storage.signUrl(object, validity.toSeconds(), TimeUnit.SECONDS,
                all.toArray(Storage.SignUrlOption[]::new));
        // the URL expires X-Goog-Expires after its X-Goog-Date; a clock read of our own could fall in the next second
        return new SignedUrl(url.toString(), signedAt(url).plusSeconds(validity.toSeconds()));
    }

    private static Instant signedAt(URL url) {
        for (String parameter : url.getQuery().split("&")) {
            if (parameter.startsWith(GOOG_DATE_PARAMETER)) {
                return LocalDateTime.parse(parameter.substring(GOOG_DATE_PARAMETER.length()), GOOG_DATE)
                        .toInstant(ZoneOffset.UTC);
            }
        }
        throw new IllegalStateException("A V4 signed URL without X-Goog-Date: " + url);
    }

    private byte[] head(BlobId id, long size) {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, StoredBlob.HEAD_BYTES));
        if (!head.hasRemaining()) {
            return new byte[0];
        }
        try (ReadChannel reader = storage.reader(id)) {
            reader.limit(StoredBlob.HEAD_BYTES);
            while (head.hasRemaining() && reader.read(head) >= 0) {
                // a read may return fewer bytes than asked
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(head.array(), head.position());
    }

    private static void requireValid(String path) {
        if (!StoragePaths.isValid(path)) {
            throw new IllegalArgumentException("Not a storage path: " + path);
        }
    }
}
