package org.fractionball.lms.command.uploads;

import org.apache.tika.Tika;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that a stored object's bytes are what its declared content type says, by their magic
 * numbers (Apache Tika). Office formats are containers (OLE2, ZIP), so their family is accepted.
 */
public final class StoredContentTypes {
    private static final Tika TIKA = new Tika();
    private static final Set<String> OLE2 = Set.of("application/x-tika-msoffice", "application/x-ole-storage");
    private static final Set<String> OOXML = Set.of("application/x-tika-ooxml", "application/zip");
    private static final Map<String, Set<String>> ACCEPTED = Map.ofEntries(
            Map.entry("video/mp4", Set.of("video/mp4", "video/quicktime", "application/mp4", "video/x-m4v")),
            Map.entry("video/mpeg", Set.of("video/mpeg")),
            Map.entry("video/quicktime", Set.of("video/quicktime", "video/mp4", "application/mp4")),
            Map.entry("video/x-msvideo", Set.of("video/x-msvideo")),
            Map.entry("video/webm", Set.of("video/webm", "video/x-matroska", "application/x-matroska")),
            Map.entry("application/pdf", Set.of("application/pdf")),
            Map.entry("application/msword", union(OLE2, "application/msword")),
            Map.entry("application/vnd.ms-powerpoint", union(OLE2, "application/vnd.ms-powerpoint")),
            Map.entry("application/vnd.ms-excel", union(OLE2, "application/vnd.ms-excel")),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    union(OOXML, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    union(OOXML, "application/vnd.openxmlformats-officedocument.presentationml.presentation")),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    union(OOXML, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            Map.entry("text/plain", Set.of("text/plain")),
            Map.entry("image/jpeg", Set.of("image/jpeg")),
            Map.entry("image/png", Set.of("image/png")),
            Map.entry("image/gif", Set.of("image/gif")));

    private StoredContentTypes() {
    }

    /** What the leading bytes of a file are, by magic number ({@code application/octet-stream} when unknown). */
    public static String detect(byte[] head) {
        return TIKA.detect(head);
    }

    /** Whether bytes starting with {@code head} may be stored as {@code declaredType}. */
    public static boolean matches(String declaredType, byte[] head) {
        return ACCEPTED.getOrDefault(declaredType, Set.of()).contains(detect(head));
    }

    private static Set<String> union(Set<String> family, String type) {
        return Stream.concat(family.stream(), Stream.of(type)).collect(Collectors.toUnmodifiableSet());
    }
}
