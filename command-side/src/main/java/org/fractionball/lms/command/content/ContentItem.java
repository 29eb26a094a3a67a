package org.fractionball.lms.command.content;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentPublishedWithoutReview;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A video or resource and its review workflow: DRAFT → PENDING → PUBLISHED or REJECTED, back to
 * DRAFT by its owner (contract §2.4, §5.17). Status changes only through the workflow (D15);
 * only the owner or a school admin of its school changes or deletes it (D16); owners of any role
 * submit and return their own content (D14); nobody reviews their own content.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class ContentItem {
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";
    static final String STATUS_READ_ONLY = "Status can only be changed through the review workflow (/api/approval/).";
    static final String UNDER_REVIEW = "Content under review cannot be edited. Return it to draft first.";
    static final String URI_FIXED = "The file of uploaded content cannot be replaced; upload a new item instead.";
    static final String ONLY_OWNER_SUBMITS = "Only the content owner can submit for review";
    static final String ONLY_OWNER_RETURNS = "Only the content owner can return content to draft";
    static final String REASON_REQUIRED = "Rejection reason is required (minimum 10 characters)";
    static final String NO_STORED_FILE = "This resource has no file in storage; open its file_uri instead.";
    static final Duration DOWNLOAD_VALIDITY = Duration.ofHours(24);

    @AggregateIdentifier
    private String id;
    private UUID contentId;
    private ContentKind kind;
    private long ownerId;
    private long schoolId;
    private ContentDetails details;
    private ContentStatus status;
    private String storagePath;
    private Instant submittedAt;
    private Long reviewedBy;
    private Instant reviewedAt;
    private String reviewNotes;
    private Instant createdAt;
    private Instant updatedAt;

    protected ContentItem() {
    }

    /** Called by {@link ContentCreation} and the upload completion, which answer with the new state. */
    ContentItem(ContentCreated created) {
        apply(created);
    }

    @CommandHandler
    public ContentState handle(ChangeContentDetails command) {
        Caller by = command.by();
        requireVisibleInSchool(by);
        if (by.userId() != ownerId && !isSchoolAdminHere(by)) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
        ContentEdit edit = command.edit();
        if (edit.status() != null && edit.status() != status) {
            throw CommandRejected.field(400, "status", STATUS_READ_ONLY);
        }
        if (status == ContentStatus.PENDING) {
            throw error(400, UNDER_REVIEW);
        }
        if (storagePath != null && edit.uri() != null && !edit.uri().equals(details.uri())) {
            throw CommandRejected.field(400, kind == ContentKind.VIDEO ? "storage_uri" : "file_uri", URI_FIXED);
        }
        ContentDetails changed = new ContentDetails(
                given(edit.title(), details.title()),
                given(edit.description(), details.description()),
                given(edit.grade(), details.grade()),
                given(edit.topic(), details.topic()),
                given(edit.tags(), details.tags()),
                edit.durationGiven() ? edit.duration() : details.duration(),
                edit.fileSizeGiven() ? edit.fileSize() : details.fileSize(),
                given(edit.uri(), details.uri()),
                given(edit.thumbnailUri(), details.thumbnailUri()),
                given(edit.fileType(), details.fileType()));
        if (!changed.equals(details)) {
            apply(new ContentDetailsChanged(contentId, kind, changed));
            if (status == ContentStatus.PUBLISHED && !mayReview(by)) {
                // a published item changed by someone who could not approve it goes back through review
                apply(new ContentReturnedToDraft(contentId, kind, changed.title(), ContentStatus.PUBLISHED,
                        ContentReturnedToDraft.EDITED_AFTER_PUBLICATION));
            }
        }
        return state();
    }

    @CommandHandler
    public ContentState handle(SubmitContentForReview command) {
        requireSubmittable(command.by());
        apply(new ContentSubmittedForReview(contentId, kind, details.title(), ownerId));
        return state();
    }

    /** The same checks as a submission, then published without a reviewer (D25f: the approval flag obeyed). */
    @CommandHandler
    public ContentState handle(PublishContentWithoutReview command) {
        requireSubmittable(command.by());
        apply(new ContentPublishedWithoutReview(contentId, kind, details.title(), ownerId, command.flag()));
        return state();
    }

    @CommandHandler
    public ContentState handle(ApproveContent command) {
        Caller by = command.by();
        requireVisibleForReview(by);
        requireReviewer(by);
        if (status != ContentStatus.PENDING) {
            throw error(400, "Content must be PENDING to approve. Current status: " + status);
        }
        if (by.userId() == ownerId) {
            throw error(400, "Cannot approve your own content");
        }
        apply(new ContentApproved(contentId, kind, details.title(), ownerId, by.userId(),
                Objects.requireNonNullElse(command.notes(), "")));
        return state();
    }

    @CommandHandler
    public ContentState handle(RejectContent command) {
        Caller by = command.by();
        requireVisibleForReview(by);
        requireReviewer(by);
        if (status != ContentStatus.PENDING) {
            throw error(400, "Content must be PENDING to reject. Current status: " + status);
        }
        if (by.userId() == ownerId) {
            throw error(400, "Cannot reject your own content");
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() < 10) {
            throw error(400, REASON_REQUIRED);
        }
        apply(new ContentRejected(contentId, kind, details.title(), ownerId, by.userId(), reason));
        return state();
    }

    @CommandHandler
    public ContentState handle(ReturnContentToDraft command) {
        Caller by = command.by();
        requireVisibleForReview(by);
        if (by.userId() != ownerId) {
            throw error(403, ONLY_OWNER_RETURNS);
        }
        if (status != ContentStatus.REJECTED && status != ContentStatus.PENDING) {
            throw error(400, "Content must be REJECTED or PENDING to return to draft. Current status: " + status);
        }
        apply(new ContentReturnedToDraft(contentId, kind, details.title(), status, ContentReturnedToDraft.BY_OWNER));
        return state();
    }

    @CommandHandler
    public void handle(DeleteContent command) {
        Caller by = command.by();
        requireVisibleInSchool(by);
        if (by.userId() != ownerId && !isSchoolAdminHere(by)) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
        apply(new ContentDeleted(contentId, kind, details.title(), ownerId, schoolId, storagePath));
    }

    @CommandHandler
    public ResourceDownload handle(DownloadResource command, BlobStore blobs) {
        Caller by = command.by();
        if (by.schoolId() != schoolId) {
            throw error(404, "Resource not found");
        }
        if (by.userId() != ownerId && status != ContentStatus.PUBLISHED && !by.isSchoolAdminOrAbove()) {
            throw error(403, "Permission denied");
        }
        if (storagePath == null) {
            throw error(409, NO_STORED_FILE);
        }
        SignedUrl url = blobs.signDownload(storagePath, downloadName(), DOWNLOAD_VALIDITY);
        apply(new ResourceDownloaded(contentId, command.downloadId(), by.userId(), schoolId, details.title(),
                details.fileType(), details.fileSize()));
        return new ResourceDownload(url, details.title(), command.downloadId());
    }

    public ContentState state() {
        return new ContentState(contentId, kind, ownerId, schoolId, details, status, storagePath, submittedAt,
                reviewedBy, reviewedAt, reviewNotes, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(ContentCreated event, @Timestamp Instant at) {
        id = AggregateIds.content(event.kind(), event.contentId());
        contentId = event.contentId();
        kind = event.kind();
        ownerId = event.ownerId();
        schoolId = event.schoolId();
        details = event.details();
        status = ContentStatus.DRAFT;
        storagePath = event.storagePath();
        reviewNotes = "";
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentDetailsChanged event, @Timestamp Instant at) {
        details = event.details();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentSubmittedForReview event, @Timestamp Instant at) {
        status = ContentStatus.PENDING;
        submittedAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentApproved event, @Timestamp Instant at) {
        status = ContentStatus.PUBLISHED;
        reviewedBy = event.reviewerId();
        reviewedAt = at;
        reviewNotes = event.notes();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentPublishedWithoutReview event, @Timestamp Instant at) {
        status = ContentStatus.PUBLISHED;
        submittedAt = at;
        reviewedAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentRejected event, @Timestamp Instant at) {
        status = ContentStatus.REJECTED;
        reviewedBy = event.reviewerId();
        reviewedAt = at;
        reviewNotes = event.reason();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentReturnedToDraft event, @Timestamp Instant at) {
        status = ContentStatus.DRAFT;
        submittedAt = null;
        reviewedBy = null;
        reviewedAt = null;
        reviewNotes = "";
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(ContentDeleted event) {
        markDeleted();
    }

    /** §5.9 visibility: the caller's own school only; teachers see their own items and published ones. */
    private void requireVisibleInSchool(Caller by) {
        boolean visible = by.schoolId() == schoolId
                && (by.isSchoolAdminOrAbove() || by.userId() == ownerId || status == ContentStatus.PUBLISHED);
        if (!visible) {
            throw CommandRejected.notFound(modelName());
        }
    }

    /** §5.17 visibility: admins see every school's items, school admins their school's, owners their own. */
    private void requireVisibleForReview(Caller by) {
        boolean visible = by.isAdmin()
                || by.schoolId() == schoolId && (by.role() == Role.SCHOOL_ADMIN || by.userId() == ownerId);
        if (!visible) {
            throw CommandRejected.notFound(modelName());
        }
    }

    /** Only the owner submits, only a draft, only a complete one. */
    private void requireSubmittable(Caller by) {
        requireVisibleForReview(by);
        if (by.userId() != ownerId) {
            throw error(403, ONLY_OWNER_SUBMITS);
        }
        if (status != ContentStatus.DRAFT) {
            throw error(400, "Content must be in DRAFT status to submit for review. Current status: " + status);
        }
        List<String> problems = completenessProblems();
        if (!problems.isEmpty()) {
            throw CommandRejected.error(400, "Content validation failed", "details", problems);
        }
    }

    private void requireReviewer(Caller by) {
        if (!by.isAdmin() && !isSchoolAdminHere(by)) {
            throw error(403, "Insufficient permissions to approve content");
        }
    }

    private boolean isSchoolAdminHere(Caller by) {
        return by.isSchoolAdminOrAbove() && by.schoolId() == schoolId;
    }

    /** Whether {@code by} could approve this item: a reviewer of its school who is not its owner. */
    private boolean mayReview(Caller by) {
        return by.userId() != ownerId && (by.isAdmin() || isSchoolAdminHere(by));
    }

    private List<String> completenessProblems() {
        List<String> problems = new ArrayList<>();
        if (details.title().strip().length() < 3) {
            problems.add("Title must be at least 3 characters");
        }
        if (details.description().strip().length() < 10) {
            problems.add("Description must be at least 10 characters");
        }
        if (details.grade().isBlank()) {
            problems.add("Grade level is required");
        }
        if (details.topic().isBlank()) {
            problems.add("Topic is required");
        }
        return problems;
    }

    /** The file name a browser saves a download as: the title plus the stored object's extension. */
    private String downloadName() {
        String extension = storagePath.substring(storagePath.lastIndexOf('.') + 1);
        String title = details.title().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return title.toLowerCase(Locale.ROOT).endsWith("." + extension) ? title : title + "." + extension;
    }

    private String modelName() {
        return kind == ContentKind.VIDEO ? "VideoAsset" : "Resource";
    }

    /** The edited value when the edit names the field, else the current one (which may be null). */
    private static <T> T given(T edited, T current) {
        return edited != null ? edited : current;
    }

    private static CommandRejected error(int status, String message) {
        return CommandRejected.error(status, message);
    }
}
