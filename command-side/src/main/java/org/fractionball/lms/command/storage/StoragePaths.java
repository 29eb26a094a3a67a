package org.fractionball.lms.command.storage;

import org.fractionball.lms.events.content.ContentKind;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Storage object names: {@code <videos|resources>/YYYY/MM/DD/<uuid>.<ext>} (contract §6). Only
 * names of exactly this shape are accepted anywhere, which rules out path traversal.
 */
public final class StoragePaths {
    private static final Pattern SHAPE = Pattern.compile(
            "(videos|resources)/\\d{4}/\\d{2}/\\d{2}/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.[a-z0-9]{1,16}");

    private StoragePaths() {
    }

    public static String of(ContentKind kind, LocalDate day, UUID id, String extension) {
        return String.format("%s/%04d/%02d/%02d/%s.%s", kind.folder(), day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), id, extension);
    }

    public static boolean isValid(String path) {
        return path != null && SHAPE.matcher(path).matches();
    }

    /** The uuid part of a valid path (the upload's id). */
    public static Optional<UUID> idOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(path);
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(2))) : Optional.empty();
    }

    /**
     * The storage path inside a stored URI, as contract §5.10.3 step 3 reads it: the part after the
     * last {@code /o/}, cut at {@code ?}, with {@code %2F} as {@code /}.
     */
    public static Optional<String> fromUri(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int marker = uri.lastIndexOf("/o/");
        if (marker < 0) {
            return Optional.empty();
        }
        String rest = uri.substring(marker + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        String path = rest.replace("%2F", "/").replace("%2f", "/");
        return isValid(path) ? Optional.of(path) : Optional.empty();
    }
}
