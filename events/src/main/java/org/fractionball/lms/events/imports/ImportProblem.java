package org.fractionball.lms.events.imports;

/**
 * An error ({@code VALIDATION_ERROR}) or warning ({@code OWNER_NOT_FOUND},
 * {@code FILE_TYPE_WARNING}) of a row, with the contract's message.
 */
public record ImportProblem(String type, String message) {
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String OWNER_NOT_FOUND = "OWNER_NOT_FOUND";
    public static final String FILE_TYPE_WARNING = "FILE_TYPE_WARNING";
}
