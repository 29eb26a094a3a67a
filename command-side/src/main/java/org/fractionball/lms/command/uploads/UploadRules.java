package org.fractionball.lms.command.uploads;

import org.fractionball.lms.events.content.ContentKind;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What may be uploaded (contract §6): size limits, the allowed content types per category with
 * the file extensions each may carry, checked in the order size → type → file name. Names whose
 * extension does not belong to the declared type are refused, so an executable cannot travel
 * as a "video".
 */
public final class UploadRules {
    public static final long MAX_VIDEO_BYTES = 524_288_000L;
    public static final long MAX_RESOURCE_BYTES = 52_428_800L;

    private static final Map<String, Set<String>> VIDEO_TYPES = new LinkedHashMap<>();
    private static final Map<String, Set<String>> RESOURCE_TYPES = new LinkedHashMap<>();

    static {
        VIDEO_TYPES.put("video/mp4", Set.of("mp4", "m4v"));
        VIDEO_TYPES.put("video/mpeg", Set.of("mpeg", "mpg", "mpe"));
        VIDEO_TYPES.put("video/quicktime", Set.of("mov", "qt"));
        VIDEO_TYPES.put("video/x-msvideo", Set.of("avi"));
        VIDEO_TYPES.put("video/webm", Set.of("webm"));
        RESOURCE_TYPES.put("application/pdf", Set.of("pdf"));
        RESOURCE_TYPES.put("application/msword", Set.of("doc"));
        RESOURCE_TYPES.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx"));
        RESOURCE_TYPES.put("application/vnd.ms-powerpoint", Set.of("ppt"));
        RESOURCE_TYPES.put("application/vnd.openxmlformats-officedocument.presentationml.presentation", Set.of("pptx"));
        RESOURCE_TYPES.put("application/vnd.ms-excel", Set.of("xls"));
        RESOURCE_TYPES.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Set.of("xlsx"));
        RESOURCE_TYPES.put("text/plain", Set.of("txt", "text"));
        RESOURCE_TYPES.put("image/jpeg", Set.of("jpg", "jpeg"));
        RESOURCE_TYPES.put("image/png", Set.of("png"));
        RESOURCE_TYPES.put("image/gif", Set.of("gif"));
    }

    private UploadRules() {
    }

    /**
     * The limit of one kind under the configured cap ({@code system.max_upload_size_mb}, D25f): videos
     * up to the cap (500 MiB by default, the contract's limit), resources up to 50 MiB and never above
     * the cap.
     */
    public static long maxBytes(ContentKind kind, long capBytes) {
        return kind == ContentKind.VIDEO ? capBytes : Math.min(MAX_RESOURCE_BYTES, capBytes);
    }

    /** The first rule {@code size}, {@code contentType} and {@code filename} break, as the contract words it. */
    public static Optional<String> violation(ContentKind kind, long size, String contentType, String filename,
                                             long capBytes) {
        long max = maxBytes(kind, capBytes);
        if (size > max) {
            return Optional.of(sizeMessage(size, max));
        }
        Set<String> extensions = types(kind).get(contentType);
        if (extensions == null) {
            return Optional.of("File type '" + contentType + "' is not allowed");
        }
        if (filename == null || filename.isBlank() || filename.length() > 255) {
            return Optional.of("Invalid filename");
        }
        String extension = extension(filename);
        if (!extensions.contains(extension)) {
            return Optional.of("File extension '." + extension + "' does not match file type '" + contentType + "'");
        }
        return Optional.empty();
    }

    public static String sizeMessage(long size, long max) {
        return String.format(Locale.ROOT, "File size (%.1fMB) exceeds maximum allowed size (%.1fMB)",
                size / 1048576.0, max / 1048576.0);
    }

    /** The extension of the stored object: after the last dot, lower-cased (the whole name without a dot). */
    public static String extension(String filename) {
        String name = filename.strip();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Set<String>> types(ContentKind kind) {
        return kind == ContentKind.VIDEO ? VIDEO_TYPES : RESOURCE_TYPES;
    }
}
