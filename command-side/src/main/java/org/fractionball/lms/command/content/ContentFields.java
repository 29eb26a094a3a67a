package org.fractionball.lms.command.content;

import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a video's (§3.5/§3.6) or a resource's (§3.7/§3.8) writable fields from a request body
 * with the contract's rules, plus what the original left open: grade and topic must be known
 * values (D24), tags a list of short strings (D24), status only the current one (D15).
 */
final class ContentFields {
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_TAGS = 30;
    static final int MAX_TAG_LENGTH = 50;
    static final List<String> FILE_TYPES = Arrays.stream(ResourceFileType.values()).map(ResourceFileType::value)
            .toList();
    static final List<String> STATUSES = Arrays.stream(ContentStatus.values()).map(Enum::name).toList();

    private ContentFields() {
    }

    /** The fields of a new item; {@code status} may only be DRAFT, the state every item starts in. */
    static ContentDetails forCreate(ContentKind kind, RequestFields fields) {
        ContentEdit edit = read(kind, fields);
        if (edit.status() != null && edit.status() != ContentStatus.DRAFT) {
            fields.error("status", ContentItem.STATUS_READ_ONLY);
        }
        fields.validate();
        return new ContentDetails(edit.title(), orEmpty(edit.description()), orEmpty(edit.grade()),
                orEmpty(edit.topic()), edit.tags(), edit.duration(), edit.fileSize(), edit.uri(),
                kind == ContentKind.VIDEO ? orEmpty(edit.thumbnailUri()) : null,
                kind == ContentKind.RESOURCE ? edit.fileType() : null);
    }

    /** The fields a PUT (all required ones present) or PATCH (any subset) names. */
    static ContentEdit forEdit(ContentKind kind, RequestFields fields) {
        ContentEdit edit = read(kind, fields);
        fields.validate();
        return edit;
    }

    private static ContentEdit read(ContentKind kind, RequestFields fields) {
        boolean video = kind == ContentKind.VIDEO;
        String title = fields.string("title", true, 200, false);
        String description = fields.string("description", false, MAX_DESCRIPTION, true);
        String grade = enumerated(fields, "grade", video, Grade.values());
        String topic = enumerated(fields, "topic", video, Topic.values());
        List<String> tags = fields.stringList("tags", MAX_TAGS, MAX_TAG_LENGTH);
        boolean durationGiven = video && fields.has("duration");
        Long duration = video ? fields.integer("duration", false, true, 0, Integer.MAX_VALUE) : null;
        boolean fileSizeGiven = fields.has("file_size");
        Long fileSize = fields.integer("file_size", false, true, 0, Long.MAX_VALUE);
        String uri = fields.url(video ? "storage_uri" : "file_uri", true, 200, false);
        String thumbnail = video ? fields.url("thumbnail_uri", false, 200, true) : null;
        String fileType = video ? null : fields.choice("file_type", true, FILE_TYPES);
        String status = fields.choice("status", false, STATUSES);
        return new ContentEdit(title, description, grade, topic, tags, durationGiven,
                duration == null ? null : duration.intValue(), fileSizeGiven, fileSize, uri, thumbnail, fileType,
                status == null ? null : ContentStatus.valueOf(status));
    }

    /** A grade or topic: one of {@code values}; blank allowed where the field is optional. */
    private static String enumerated(RequestFields fields, String field, boolean required, List<String> values) {
        String value = fields.string(field, required, field.equals("grade") ? 2 : 50, !required);
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!values.contains(value)) {
            fields.error(field, "\"" + value + "\" is not a valid choice.");
            return null;
        }
        return value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
