package org.fractionball.lms.command.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The view tracker's body (contract §5.16) checked as its serializer declares it (D23): every bad
 * field is a 400 naming it, never a 500. A missing {@code video_id} keeps the original's message.
 */
final class ViewFields {
    static final String VIDEO_ID_REQUIRED = "video_id is required";
    /** A PositiveIntegerField's upper bound. */
    static final long MAX_DURATION = Integer.MAX_VALUE;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private ViewFields() {
    }

    static TrackVideoView read(JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, false);
        JsonNode videoNode = body == null ? null : body.get("video_id");
        if (videoNode == null || videoNode.isNull() || videoNode.isTextual() && videoNode.asText().isBlank()) {
            throw CommandRejected.error(400, VIDEO_ID_REQUIRED);
        }
        UUID videoId = uuid(videoNode, fields);
        String sessionId = fields.string("session_id", false, 50, false);
        Long duration = fields.integer("duration_watched", false, true, 0, MAX_DURATION);
        Double completion = fraction(body.get("completion_percentage"), fields);
        String referrer = fields.string("referrer", false, 200, true);
        fields.validate();
        return new TrackVideoView(videoId, sessionId == null ? UUID.randomUUID().toString() : sessionId,
                duration == null ? null : duration.intValue(), completion, referrer == null ? "" : referrer, caller);
    }

    private static UUID uuid(JsonNode value, RequestFields fields) {
        String text = value.isTextual() ? value.asText().strip() : "";
        if (!UUID_TEXT.matcher(text).matches()) {
            fields.error("video_id", "Must be a valid UUID.");
            return null;
        }
        String hex = text.replace("-", "");
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

    /** A number from 0 to 1 (DRF FloatField messages); null when absent or JSON null. */
    private static Double fraction(JsonNode value, RequestFields fields) {
        if (value == null || value.isNull()) {
            return null;
        }
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual() && value.asText().strip().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            number = Double.parseDouble(value.asText().strip());
        } else {
            fields.error("completion_percentage", "A valid number is required.");
            return null;
        }
        if (!Double.isFinite(number)) {
            fields.error("completion_percentage", "A valid number is required.");
            return null;
        }
        if (number < 0) {
            fields.error("completion_percentage", "Ensure this value is greater than or equal to 0.0.");
            return null;
        }
        if (number > 1) {
            fields.error("completion_percentage", "Ensure this value is less than or equal to 1.0.");
            return null;
        }
        return number;
    }
}
