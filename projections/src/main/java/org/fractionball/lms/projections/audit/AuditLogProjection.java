package org.fractionball.lms.projections.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.fractionball.lms.events.activities.ActivityChanged;
import org.fractionball.lms.events.activities.ActivityCreated;
import org.fractionball.lms.events.activities.ActivityDeleted;
import org.fractionball.lms.events.activities.ActivityPublished;
import org.fractionball.lms.events.activities.ActivityUnpublished;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.config.FeatureFlagChanged;
import org.fractionball.lms.events.config.FeatureFlagCreated;
import org.fractionball.lms.events.config.FeatureFlagDeleted;
import org.fractionball.lms.events.config.FeatureFlagToggled;
import org.fractionball.lms.events.config.SystemConfigChanged;
import org.fractionball.lms.events.config.SystemConfigCreated;
import org.fractionball.lms.events.config.SystemConfigDeleted;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentPublishedWithoutReview;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.content.ContentUploaded;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.content.UploadAbandoned;
import org.fractionball.lms.events.content.UploadSigned;
import org.fractionball.lms.events.courses.CourseArchived;
import org.fractionball.lms.events.courses.CourseChanged;
import org.fractionball.lms.events.courses.CourseCreated;
import org.fractionball.lms.events.courses.CourseDeleted;
import org.fractionball.lms.events.courses.CoursePublished;
import org.fractionball.lms.events.courses.EnrolmentCompleted;
import org.fractionball.lms.events.courses.EnrolmentReopened;
import org.fractionball.lms.events.courses.EnrolmentWithdrawn;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.imports.ImportCompleted;
import org.fractionball.lms.events.imports.ImportFailed;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.imports.ImportRowsProcessed;
import org.fractionball.lms.events.imports.ImportStarted;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.playlists.PlaylistDetailsChanged;
import org.fractionball.lms.events.playlists.PlaylistDuplicated;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.events.playlists.PlaylistItemRemoved;
import org.fractionball.lms.events.playlists.PlaylistReordered;
import org.fractionball.lms.events.playlists.PlaylistShareRevoked;
import org.fractionball.lms.events.playlists.PlaylistShared;
import org.fractionball.lms.events.reports.ReportExported;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.fractionball.lms.events.security.LoginFailed;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.projections.BatchedWrites;
import org.fractionball.lms.projections.BinaryCopy;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.WriteMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fractionball.lms.projections.BatchArrays.bigints;
import static org.fractionball.lms.projections.BatchArrays.texts;

/**
 * One row per audited event with the contract's action codes (§2.7, §8.1) and new ones for what
 * the original never audited (USER_LOGIN, LOGIN_FAILED, USER_CREATED, CONTENT_CREATED …). The event
 * store stays the audit trail; this table only makes "the newest N" cheap. Users are named by id
 * ({@code content_owner}, like {@code target_user_id}): a name read from another processor's table
 * would make a rebuild depend on when it runs. The rows of a processor batch are inserted together
 * when it commits ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(ProjectionNames.AUDIT)
public class AuditLogProjection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final WriteMode mode;
    private final BatchedWrites<Row> rows = new BatchedWrites<>("audit-log", this::insert);

    public AuditLogProjection(JdbcTemplate jdbc, WriteMode mode) {
        this.jdbc = jdbc;
        this.mode = mode;
    }

    @EventHandler
    void on(UserProvisioned event, EventMessage<?> message) {
        record(message, "USER_CREATED", details("target_user_id", Long.toString(event.userId()),
                "target_username", event.username(), "role", event.role().name(), "school", event.schoolId()));
    }

    @EventHandler
    void on(UserRoleChanged event, EventMessage<?> message) {
        record(message, "USER_ROLE_CHANGED", details("target_user_id", Long.toString(event.userId()),
                "old_role", event.oldRole().name(), "new_role", event.newRole().name()));
    }

    @EventHandler
    void on(UserDeactivated event, EventMessage<?> message) {
        record(message, "USER_DEACTIVATED", details("target_user_id", Long.toString(event.userId()),
                "reason", event.reason()));
    }

    @EventHandler
    void on(UserReactivated event, EventMessage<?> message) {
        record(message, "USER_ACTIVATED", details("target_user_id", Long.toString(event.userId())));
    }

    @EventHandler
    void on(UserRemoved event, EventMessage<?> message) {
        record(message, "USER_REMOVED", details("target_user_id", Long.toString(event.userId())));
    }

    /**
     * The rows hold copies of the user's personal values: they read as erased, as a rebuild (which
     * decrypts nothing of this user) would write them.
     */
    @EventHandler
    void on(PersonalDataErased event, EventMessage<?> message) {
        // the rows of this batch's earlier events must be there for the updates to reach them
        rows.flush();
        jdbc.update("""
                UPDATE audit_log_view
                SET ip_address = CASE WHEN ip_address = '' THEN '' ELSE ? END,
                    user_agent = CASE WHEN user_agent = '' THEN '' ELSE ? END
                WHERE actor_id = ?""", PersonalData.ERASED, PersonalData.ERASED, event.userId());
        jdbc.update("""
                UPDATE audit_log_view SET metadata = jsonb_set(metadata, '{target_username}', to_jsonb(?::text))
                WHERE action = 'USER_CREATED' AND metadata ->> 'target_user_id' = ?""",
                PersonalData.ERASED, Long.toString(event.userId()));
        record(message, "PERSONAL_DATA_ERASED", details("target_user_id", Long.toString(event.userId())));
    }

    @EventHandler
    void on(UserSignedIn event, EventMessage<?> message) {
        record(message, "USER_LOGIN", details("user_id", Long.toString(event.userId())));
    }

    @EventHandler
    void on(LoginFailed event, EventMessage<?> message) {
        record(message, "LOGIN_FAILED", details("reason", event.reason(), "firebase_uid", event.firebaseUid()));
    }

    @EventHandler
    void on(SchoolRegistered event, EventMessage<?> message) {
        record(message, "SCHOOL_CREATED", details("school_id", event.schoolId(), "domain", event.domain()));
    }

    @EventHandler
    void on(SchoolDeleted event, EventMessage<?> message) {
        record(message, "SCHOOL_DELETED", details("school_id", event.schoolId(), "domain", event.domain()));
    }

    @EventHandler
    void on(ContentCreated event, EventMessage<?> message) {
        record(message, "CONTENT_CREATED", details("content_id", event.contentId().toString(),
                "content_title", event.details().title(), "content_type", event.kind().category(),
                "content_owner", Long.toString(event.ownerId()), "school", event.schoolId(),
                "new_status", ContentStatus.DRAFT.name()));
    }

    @EventHandler
    void on(ContentDetailsChanged event, EventMessage<?> message) {
        record(message, "CONTENT_UPDATED", details("content_id", event.contentId().toString(),
                "content_title", event.details().title(), "content_type", event.kind().category()));
    }

    @EventHandler
    void on(ContentSubmittedForReview event, EventMessage<?> message) {
        record(message, "CONTENT_SUBMITTED", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "previous_status", ContentStatus.DRAFT.name(), "new_status", ContentStatus.PENDING.name()));
    }

    @EventHandler
    void on(ContentApproved event, EventMessage<?> message) {
        record(message, "CONTENT_APPROVED", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "content_owner", Long.toString(event.ownerId()), "previous_status", ContentStatus.PENDING.name(),
                "new_status", ContentStatus.PUBLISHED.name(), "approval_notes", orEmpty(event.notes())));
    }

    @EventHandler
    void on(SystemConfigCreated event, EventMessage<?> message) {
        record(message, "CONFIG_CREATED", details("config_id", event.configId().toString(), "key", event.key(),
                "new_value", event.definition().value()));
    }

    @EventHandler
    void on(SystemConfigChanged event, EventMessage<?> message) {
        record(message, "CONFIG_CHANGED", details("config_id", event.configId().toString(), "key", event.key(),
                "old_value", event.previousValue(), "new_value", event.definition().value(),
                "change_reason", event.reason()));
    }

    @EventHandler
    void on(SystemConfigDeleted event, EventMessage<?> message) {
        record(message, "CONFIG_DELETED", details("config_id", event.configId().toString(), "key", event.key(),
                "old_value", event.lastValue()));
    }

    @EventHandler
    void on(FeatureFlagCreated event, EventMessage<?> message) {
        record(message, "FEATURE_FLAG_CREATED", details("flag_id", event.flagId().toString(), "flag_name",
                event.name(), "is_enabled", event.definition().enabled()));
    }

    @EventHandler
    void on(FeatureFlagChanged event, EventMessage<?> message) {
        record(message, "FEATURE_FLAG_CHANGED", details("flag_id", event.flagId().toString(), "flag_name",
                event.name(), "is_enabled", event.definition().enabled(), "is_permanent",
                event.definition().permanent()));
    }

    @EventHandler
    void on(FeatureFlagToggled event, EventMessage<?> message) {
        record(message, "FEATURE_FLAG_TOGGLED", details("flag_id", event.flagId().toString(), "flag_name",
                event.name(), "new_state", event.enabled()));
    }

    @EventHandler
    void on(FeatureFlagDeleted event, EventMessage<?> message) {
        record(message, "FEATURE_FLAG_DELETED", details("flag_id", event.flagId().toString(), "flag_name",
                event.name()));
    }

    @EventHandler
    void on(ContentPublishedWithoutReview event, EventMessage<?> message) {
        record(message, "CONTENT_PUBLISHED_WITHOUT_REVIEW", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "previous_status", ContentStatus.DRAFT.name(), "new_status", ContentStatus.PUBLISHED.name(),
                "flag", event.flag()));
    }

    @EventHandler
    void on(ContentRejected event, EventMessage<?> message) {
        record(message, "CONTENT_REJECTED", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "content_owner", Long.toString(event.ownerId()), "previous_status", ContentStatus.PENDING.name(),
                "new_status", ContentStatus.REJECTED.name(), "rejection_reason", orEmpty(event.reason())));
    }

    @EventHandler
    void on(ContentReturnedToDraft event, EventMessage<?> message) {
        record(message, "CONTENT_RETURNED_TO_DRAFT", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "previous_status", event.previousStatus().name(), "new_status", ContentStatus.DRAFT.name()));
    }

    @EventHandler
    void on(ContentDeleted event, EventMessage<?> message) {
        record(message, "CONTENT_DELETED", details("content_id", event.contentId().toString(),
                "content_title", event.title(), "content_type", event.kind().category(),
                "content_owner", Long.toString(event.ownerId()), "school", event.schoolId()));
    }

    @EventHandler
    void on(UploadSigned event, EventMessage<?> message) {
        record(message, "UPLOAD_SIGNED", details("upload_id", event.uploadId().toString(),
                "content_type", event.kind().category(), "storage_path", event.storagePath(),
                "mime_type", event.contentType(), "file_size", event.declaredSize(),
                "file_name", event.originalFilename(), "expires_at", text(event.expiresAt())));
    }

    @EventHandler
    void on(ContentUploaded event, EventMessage<?> message) {
        record(message, "CONTENT_UPLOADED", details("upload_id", event.uploadId().toString(),
                "content_id", event.contentId().toString(), "content_title", event.title(),
                "content_type", event.kind().category(), "storage_path", event.storagePath(),
                "mime_type", event.contentType(), "file_size", event.fileSize(),
                "file_name", event.originalFilename()));
    }

    @EventHandler
    void on(ResourceDownloaded event, EventMessage<?> message) {
        record(message, "RESOURCE_DOWNLOADED", details("resource_id", event.resourceId().toString(),
                "resource_title", event.title(), "resource_type", event.fileType(), "file_size", event.fileSize(),
                "download_id", event.downloadId().toString()));
    }

    /** Once per view session, not per heartbeat (D23); the values are those of the first call. */
    @EventHandler
    void on(VideoViewStarted event, EventMessage<?> message) {
        record(message, "VIDEO_VIEWED", details("video_id", event.videoId().toString(), "video_title",
                event.videoTitle(), "duration_watched", event.durationWatched(), "completion_percentage",
                event.completionPercentage(), "session_id", event.sessionId()));
    }

    /** Every report export, the analytics summary included (D29); {@code filename} last as in §8.1. */
    @EventHandler
    void on(ReportExported event, EventMessage<?> message) {
        Map<String, Object> details = details("report_type", event.report());
        event.filters().forEach((key, value) -> {
            if (!key.equals("filename")) {
                details.put(key, value);
            }
        });
        details.put("school_id", text(event.schoolId()));
        details.put("filename", event.filters().get("filename"));
        record(message, "REPORT_EXPORTED", details);
    }

    @EventHandler
    void on(PlaylistCreated event, EventMessage<?> message) {
        record(message, "PLAYLIST_CREATED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.name(), "is_public", event.isPublic(), "school", event.schoolId(),
                "copied_from", text(event.copiedFrom())));
    }

    @EventHandler
    void on(PlaylistDetailsChanged event, EventMessage<?> message) {
        record(message, "PLAYLIST_UPDATED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.name(), "is_public", event.isPublic()));
    }

    @EventHandler
    void on(PlaylistDeleted event, EventMessage<?> message) {
        record(message, "PLAYLIST_DELETED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.name(), "playlist_owner", Long.toString(event.ownerId()),
                "school", event.schoolId()));
    }

    @EventHandler
    void on(PlaylistItemAdded event, EventMessage<?> message) {
        record(message, "PLAYLIST_ITEM_ADDED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.playlistName(), "video_id", event.videoId().toString(),
                "video_title", event.videoTitle(), "order", event.position()));
    }

    @EventHandler
    void on(PlaylistItemRemoved event, EventMessage<?> message) {
        record(message, "PLAYLIST_ITEM_REMOVED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.playlistName(), "item_id", event.itemId().toString(),
                "video_id", event.videoId().toString(), "video_title", event.videoTitle(),
                "order", event.position()));
    }

    @EventHandler
    void on(PlaylistReordered event, EventMessage<?> message) {
        record(message, "PLAYLIST_REORDERED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.playlistName(), "item_count", event.itemIds().size()));
    }

    @EventHandler
    void on(PlaylistShared event, EventMessage<?> message) {
        record(message, "PLAYLIST_SHARED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.playlistName(), "share_token", event.shareToken().toString(),
                "expires_at", text(event.expiresAt())));
    }

    @EventHandler
    void on(PlaylistShareRevoked event, EventMessage<?> message) {
        record(message, "PLAYLIST_SHARE_REVOKED", details("playlist_id", event.playlistId().toString(),
                "playlist_name", event.playlistName(), "share_id", event.shareId().toString(),
                "share_token", event.shareToken().toString()));
    }

    /** {@code original_owner} is the owner's user id, as {@code content_owner} is (see the class comment). */
    @EventHandler
    void on(PlaylistDuplicated event, EventMessage<?> message) {
        record(message, "PLAYLIST_DUPLICATED", details("original_playlist_id", event.playlistId().toString(),
                "original_playlist_name", event.playlistName(), "original_owner", Long.toString(event.ownerId()),
                "new_playlist_id", event.copyId().toString(), "new_playlist_name", event.copyName(),
                "items_copied", event.itemsCopied(), "share_token", event.shareToken().toString()));
    }

    @EventHandler
    void on(UploadAbandoned event, EventMessage<?> message) {
        record(message, "UPLOAD_ABANDONED", details("upload_id", event.uploadId().toString(), "storage_path",
                event.storagePath()));
    }

    @EventHandler
    void on(ActivityCreated event, EventMessage<?> message) {
        record(message, "ACTIVITY_CREATED", details("activity_id", event.activityId().toString(), "activity_title",
                event.details().title(), "slug", event.details().slug(), "grade", event.details().grade(),
                "is_published", event.published()));
    }

    @EventHandler
    void on(ActivityChanged event, EventMessage<?> message) {
        record(message, "ACTIVITY_UPDATED", details("activity_id", event.activityId().toString(), "activity_title",
                event.details().title(), "slug", event.details().slug(), "changed_fields", event.changedFields()));
    }

    @EventHandler
    void on(ActivityPublished event, EventMessage<?> message) {
        record(message, "ACTIVITY_PUBLISHED", activity(event.activityId(), event.title(), event.slug()));
    }

    @EventHandler
    void on(ActivityUnpublished event, EventMessage<?> message) {
        record(message, "ACTIVITY_UNPUBLISHED", activity(event.activityId(), event.title(), event.slug()));
    }

    @EventHandler
    void on(ActivityDeleted event, EventMessage<?> message) {
        record(message, "ACTIVITY_DELETED", activity(event.activityId(), event.title(), event.slug()));
    }

    @EventHandler
    void on(ImportStarted event, EventMessage<?> message) {
        record(message, "BULK_UPLOAD_STARTED", details("job_id", event.jobId().toString(), "file_name",
                event.fileName(), "file_size", event.fileSize(), "content_type", event.kind().category(),
                "row_count", event.rows().size(), "headers", event.headers()));
    }

    /** One row per created item (§8.1), keyed by the batch event and the row so a batch stays one unit. */
    @EventHandler
    void on(ImportRowsProcessed event, EventMessage<?> message) {
        for (ImportRowOutcome outcome : event.outcomes()) {
            if (outcome.imported()) {
                record(message, message.getIdentifier() + "#" + outcome.row(), "CONTENT_BULK_IMPORTED",
                        details("job_id", event.jobId().toString(), "content_type", event.kind().category(),
                                "content_id", outcome.contentId().toString(), "content_title", outcome.title(),
                                "row_number", outcome.row(), "actual_owner", outcome.actualOwner()));
            }
        }
    }

    @EventHandler
    void on(ImportCompleted event, EventMessage<?> message) {
        record(message, "BULK_UPLOAD_COMPLETED", details("job_id", event.jobId().toString(), "total_rows",
                event.totalRows(), "successful_imports", event.importedRows(), "failed_imports", event.failedRows()));
    }

    @EventHandler
    void on(ImportFailed event, EventMessage<?> message) {
        record(message, "BULK_UPLOAD_FAILED", details("job_id", event.jobId().toString(), "processed_rows",
                event.processedRows(), "reason", event.reason()));
    }

    private static Map<String, Object> activity(UUID activityId, String title, String slug) {
        return details("activity_id", activityId.toString(), "activity_title", title, "slug", slug);
    }

    @EventHandler
    void on(CourseCreated event, EventMessage<?> message) {
        record(message, "COURSE_CREATED", details("course_id", event.courseId().toString(), "course_title",
                event.details().title(), "school", event.schoolId(), "item_count", event.items().size()));
    }

    @EventHandler
    void on(CourseChanged event, EventMessage<?> message) {
        record(message, "COURSE_UPDATED", details("course_id", event.courseId().toString(), "course_title",
                event.details().title(), "school", event.schoolId(), "changed_fields", event.changedFields()));
    }

    @EventHandler
    void on(CoursePublished event, EventMessage<?> message) {
        record(message, "COURSE_PUBLISHED", course(event.courseId(), event.title(), event.schoolId()));
    }

    @EventHandler
    void on(CourseArchived event, EventMessage<?> message) {
        record(message, "COURSE_ARCHIVED", course(event.courseId(), event.title(), event.schoolId()));
    }

    @EventHandler
    void on(CourseDeleted event, EventMessage<?> message) {
        record(message, "COURSE_DELETED", course(event.courseId(), event.title(), event.schoolId()));
    }

    @EventHandler
    void on(UserEnrolled event, EventMessage<?> message) {
        record(message, "ENROLLED", enrolment(event.enrolmentId(), event.courseId(), event.userId()));
    }

    @EventHandler
    void on(EnrolmentReopened event, EventMessage<?> message) {
        record(message, "ENROLMENT_REOPENED", enrolment(event.enrolmentId(), event.courseId(), event.userId()));
    }

    @EventHandler
    void on(EnrolmentCompleted event, EventMessage<?> message) {
        record(message, "ENROLMENT_COMPLETED", enrolment(event.enrolmentId(), event.courseId(), event.userId()));
    }

    @EventHandler
    void on(EnrolmentWithdrawn event, EventMessage<?> message) {
        record(message, "ENROLMENT_WITHDRAWN", enrolment(event.enrolmentId(), event.courseId(), event.userId()));
    }

    private static Map<String, Object> course(UUID courseId, String title, Long schoolId) {
        return details("course_id", courseId.toString(), "course_title", title, "school", schoolId);
    }

    private static Map<String, Object> enrolment(UUID enrolmentId, UUID courseId, long userId) {
        return details("enrolment_id", enrolmentId.toString(), "course_id", courseId.toString(), "target_user_id",
                Long.toString(userId));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_log_view");
    }

    private void record(EventMessage<?> message, String action, Map<String, Object> details) {
        record(message, message.getIdentifier(), action, details);
    }

    private void record(EventMessage<?> message, String rowId, String action, Map<String, Object> details) {
        AuditActions.note(message, action);
        Map<String, ?> metadata = message.getMetaData();
        rows.add(new Row(rowId, action, number(metadata.get(MetadataKeys.ACTOR_USER_ID)),
                text(metadata.get(MetadataKeys.ACTOR_UID)), number(metadata.get(MetadataKeys.ACTOR_SCHOOL)),
                json(details), orEmpty(metadata.get(MetadataKeys.CLIENT_IP)),
                orEmpty(metadata.get(MetadataKeys.USER_AGENT)), message.getTimestamp()));
    }

    /** One statement per batch, rows in the order their events were handled. */
    private void insert(List<Row> batch) {
        if (mode.copiesNewRows()) {
            copy(batch);
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit_log_view (event_id, action, actor_id, actor_uid, school_id, metadata, ip_address,
                                                user_agent, created_at)
                    SELECT event_id, action, actor_id, actor_uid, school_id, metadata::jsonb, ip_address, user_agent,
                           created_at::timestamptz
                    FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::bigint[], ?::text[],
                                ?::varchar[], ?::text[], ?::text[])
                             WITH ORDINALITY AS r(event_id, action, actor_id, actor_uid, school_id, metadata, ip_address,
                                                  user_agent, created_at, n)
                    ORDER BY n
                    ON CONFLICT (event_id) DO NOTHING""");
            statement.setArray(1, texts(connection, "varchar", batch, Row::rowId));
            statement.setArray(2, texts(connection, "varchar", batch, Row::action));
            statement.setArray(3, bigints(connection, batch, Row::actorId));
            statement.setArray(4, texts(connection, "varchar", batch, Row::actorUid));
            statement.setArray(5, bigints(connection, batch, Row::schoolId));
            statement.setArray(6, texts(connection, "text", batch, Row::metadata));
            statement.setArray(7, texts(connection, "varchar", batch, Row::ipAddress));
            statement.setArray(8, texts(connection, "text", batch, Row::userAgent));
            statement.setArray(9, texts(connection, "text", batch, row -> row.createdAt().toString()));
            return statement;
        });
    }

    private void copy(List<Row> batch) {
        BinaryCopy copy = new BinaryCopy("audit_log_view (event_id, action, actor_id, actor_uid, school_id, metadata,"
                + " ip_address, user_agent, created_at)");
        for (Row row : batch) {
            copy.row(9).text(row.rowId()).text(row.action()).bigint(row.actorId()).text(row.actorUid())
                    .bigint(row.schoolId()).jsonb(row.metadata()).text(row.ipAddress()).text(row.userAgent())
                    .timestamptz(row.createdAt());
        }
        copy.copyInto(jdbc);
    }

    private record Row(String rowId, String action, Long actorId, String actorUid, Long schoolId, String metadata,
                       String ipAddress, String userAgent, Instant createdAt) {
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    private static Long number(Object value) {
        try {
            return value == null ? null : Long.valueOf(value.toString());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String json(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
