package org.fractionball.lms.infrastructure.storage;

import org.fractionball.lms.command.storage.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@link BlobStore} {@code lms.storage.backend} gives, and that there is always exactly one. */
class StorageConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(StorageConfiguration.class, FilesystemStorageController.class)
            .withPropertyValues("lms.secret-key=storage-configuration-test-secret");

    @TempDir
    Path directory;

    @Test
    void withoutConfigurationItIsTheFilesystemUnderDataStorage() {
        context.run(app -> {
            assertThat(app).hasSingleBean(BlobStore.class).hasSingleBean(FilesystemStorageController.class);
            assertThat(app.getBean(FilesystemBlobStore.class).directory())
                    .isEqualTo(Path.of("data/storage").toAbsolutePath().normalize());
        });
    }

    @Test
    void autoChoosesFirebaseWhenBucketAndCredentialsAreSet() throws IOException {
        Path key = ServiceAccountKey.writeTo(directory.resolve("key.json"));

        context.withPropertyValues("lms.firebase.storage-bucket=demo-fractionball.appspot.com",
                "lms.firebase.credentials-path=" + key).run(app -> {
            assertThat(app).hasSingleBean(BlobStore.class).doesNotHaveBean(FilesystemStorageController.class);
            assertThat(app.getBean(FirebaseBlobStore.class).bucket()).isEqualTo("demo-fractionball.appspot.com");
        });
    }

    @Test
    void autoStaysOnTheFilesystemWithOnlyOneOfThem() {
        context.withPropertyValues("lms.firebase.storage-bucket=demo-fractionball.appspot.com",
                "lms.storage.filesystem.directory=" + directory).run(app -> {
            assertThat(app).hasSingleBean(BlobStore.class).hasSingleBean(FilesystemStorageController.class);
            assertThat(app.getBean(FilesystemBlobStore.class).directory()).isEqualTo(directory);
        });
    }

    @Test
    void filesystemCanBeChosenWhenFirebaseIsConfigured() throws IOException {
        Path key = ServiceAccountKey.writeTo(directory.resolve("key.json"));

        context.withPropertyValues("lms.storage.backend=filesystem", "lms.firebase.storage-bucket=b",
                "lms.firebase.credentials-path=" + key).run(app ->
                assertThat(app).hasSingleBean(BlobStore.class).hasSingleBean(FilesystemBlobStore.class));
    }

    @Test
    void firebaseWithoutItsSettingsStopsTheStart() {
        context.withPropertyValues("lms.storage.backend=firebase").run(app ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(app.getStartupFailure()))
                        .isInstanceOf(IllegalStateException.class).hasMessage("lms.storage.backend=firebase needs "
                        + "FIREBASE_STORAGE_BUCKET and FIREBASE_CREDENTIALS_PATH (a service-account key, which signs "
                        + "the upload and download URLs)"));
    }

    @Test
    void anUnknownBackendStopsTheStart() {
        context.withPropertyValues("lms.storage.backend=s3").run(app ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(app.getStartupFailure()))
                        .isInstanceOf(IllegalStateException.class).hasMessage(
                        "lms.storage.backend (STORAGE_BACKEND) must be firebase, filesystem or auto, not 's3'"));
    }
}
