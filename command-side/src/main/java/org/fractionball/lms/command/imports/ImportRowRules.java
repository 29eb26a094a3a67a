package org.fractionball.lms.command.imports;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.events.imports.ImportProblem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The row rules of contract §5.18, in its order: each row stops at its first error; warnings
 * before it stay. Grade and topic are optional (D20b). Beyond the contract, the limits the item
 * itself has (§3.5/§3.7: title and URI ≤ 200, description ≤ 10,000, ≤ 30 tags of ≤ 50) are
 * checked here rather than failing later, and text cells that a spreadsheet would run as a formula
 * (leading {@code = + - @}) are refused, so an export opened in Excel cannot execute them.
 */
public final class ImportRowRules {
    public static final List<String> VIDEO_REQUIRED = List.of("title", "storage_uri");
    public static final List<String> RESOURCE_REQUIRED = List.of("title", "file_uri", "file_type");
    public static final List<String> VIDEO_OPTIONAL = List.of("description", "grade", "topic", "tags", "duration",
            "owner_email");
    public static final List<String> RESOURCE_OPTIONAL = List.of("description", "grade", "topic", "tags",
            "owner_email");
    static final int MAX_TITLE = 200;
    static final int MAX_URI = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_TAGS = 30;
    static final int MAX_TAG_LENGTH = 50;
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp", "ftps");
    private static final String FORMULA_STARTS = "=+-@";

    private ImportRowRules() {
    }

    /** A valid row: the item's fields and owner; or the row's error. Either way, its warnings. */
    public record Checked(ContentDetails details, ImportOwners.Owner owner, ImportProblem error,
                          List<ImportProblem> warnings) {
    }

    public static List<String> required(ContentKind kind) {
        return kind == ContentKind.VIDEO ? VIDEO_REQUIRED : RESOURCE_REQUIRED;
    }

    /** The columns kept from a file: the required and optional ones (others are ignored). */
    public static List<String> known(ContentKind kind) {
        List<String> known = new ArrayList<>(required(kind));
        known.addAll(kind == ContentKind.VIDEO ? VIDEO_OPTIONAL : RESOURCE_OPTIONAL);
        return known;
    }

    static Checked check(ContentKind kind, Map<String, String> cells, ImportOwners.Owner uploader,
                         ImportOwners owners) {
        boolean video = kind == ContentKind.VIDEO;
        List<ImportProblem> warnings = new ArrayList<>();
        List<String> missing = required(kind).stream().filter(column -> cell(cells, column).isEmpty()).toList();
        if (!missing.isEmpty()) {
            return invalid("Missing required fields: " + String.join(", ", missing), warnings);
        }
        ImportOwners.Owner owner = uploader;
        String ownerEmail = cell(cells, "owner_email");
        if (!ownerEmail.isEmpty()) {
            ImportOwners.Owner found = owners.inSchool(ownerEmail, uploader.schoolId());
            if (found == null) {
                warnings.add(new ImportProblem(ImportProblem.OWNER_NOT_FOUND,
                        "Owner email " + ownerEmail + " not found, using uploader as owner"));
            } else {
                owner = found;
            }
        }
        String title = cell(cells, "title");
        if (title.length() < 3) {
            return invalid("Title must be at least 3 characters", warnings);
        }
        if (title.length() > MAX_TITLE) {
            return invalid("Title must be at most " + MAX_TITLE + " characters", warnings);
        }
        String description = cell(cells, "description");
        if (description.length() > MAX_DESCRIPTION) {
            return invalid("Description must be at most " + MAX_DESCRIPTION + " characters", warnings);
        }
        List<String> tags = Arrays.stream(cell(cells, "tags").split(",")).map(String::strip)
                .filter(tag -> !tag.isEmpty()).toList();
        String formula = formulaField(title, description, tags);
        if (formula != null) {
            return invalid(formula + " must not start with =, +, - or @ (spreadsheet formula)", warnings);
        }
        String uri = cell(cells, video ? "storage_uri" : "file_uri");
        if (!isUrl(uri)) {
            return invalid(video ? "Invalid storage URI format" : "Invalid file URI format", warnings);
        }
        if (uri.length() > MAX_URI) {
            return invalid((video ? "Storage URI" : "File URI") + " must be at most " + MAX_URI + " characters",
                    warnings);
        }
        String fileType = null;
        if (!video) {
            fileType = cell(cells, "file_type").toLowerCase(Locale.ROOT);
            if (ResourceFileType.parse(fileType) == null) {
                warnings.add(new ImportProblem(ImportProblem.FILE_TYPE_WARNING,
                        "Unknown file type: " + fileType + ", setting to 'other'"));
                fileType = ResourceFileType.OTHER.value();
            }
        }
        String grade = cell(cells, "grade");
        if (!grade.isEmpty() && !Grade.isValid(grade)) {
            return invalid("Invalid grade: " + grade + ". Valid choices: " + String.join(", ", Grade.values()),
                    warnings);
        }
        String topic = cell(cells, "topic");
        if (!topic.isEmpty() && !Topic.isValid(topic)) {
            return invalid("Invalid topic: " + topic + ". Valid choices: " + String.join(", ", Topic.values()),
                    warnings);
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(tag -> tag.length() > MAX_TAG_LENGTH)) {
            return invalid("At most " + MAX_TAGS + " tags of at most " + MAX_TAG_LENGTH + " characters each",
                    warnings);
        }
        Integer duration = null;
        String durationCell = video ? cell(cells, "duration") : "";
        if (!durationCell.isEmpty()) {
            try {
                duration = Integer.valueOf(durationCell);
            } catch (NumberFormatException notAnInteger) {
                return invalid("Duration must be a number (seconds)", warnings);
            }
            if (duration < 0) {
                return invalid("Duration must be positive", warnings);
            }
        }
        ContentDetails details = new ContentDetails(title, description, grade, topic, tags, duration, null, uri,
                video ? "" : null, fileType);
        return new Checked(details, owner, null, List.copyOf(warnings));
    }

    private static Checked invalid(String message, List<ImportProblem> warnings) {
        return new Checked(null, null, new ImportProblem(ImportProblem.VALIDATION_ERROR, message),
                List.copyOf(warnings));
    }

    private static String cell(Map<String, String> cells, String column) {
        String value = cells.get(column);
        return value == null ? "" : value.strip();
    }

    private static String formulaField(String title, String description, List<String> tags) {
        if (isFormula(title)) {
            return "Title";
        }
        if (isFormula(description)) {
            return "Description";
        }
        return tags.stream().anyMatch(ImportRowRules::isFormula) ? "Tags" : null;
    }

    private static boolean isFormula(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
    }

    /** An absolute http(s) or ftp(s) URL with a host, as Django's URLValidator with those schemes. */
    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && !value.contains(" ");
        } catch (URISyntaxException malformed) {
            return false;
        }
    }
}
