package org.fractionball.lms.command.activities;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs as Django makes and checks them ({@code slugify}, {@code SlugField}), at most 200 characters. */
final class Slugs {
    static final int MAX_LENGTH = 200;
    static final Pattern VALID = Pattern.compile("[-a-zA-Z0-9_]+");
    static final String INVALID = "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.";
    /** What a title with no letter or digit in ASCII becomes. */
    static final String FALLBACK = "activity";

    private static final Pattern NON_ASCII = Pattern.compile("[^\\x00-\\x7F]");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9_\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");
    private static final Pattern EDGES = Pattern.compile("^[-_]+|[-_]+$");

    private Slugs() {
    }

    /** Django's {@code slugify}: ASCII-folded, lower case, words joined by hyphens. */
    static String slugify(String title) {
        String ascii = NON_ASCII.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String words = NOT_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("");
        String slug = EDGES.matcher(SEPARATORS.matcher(words).replaceAll("-")).replaceAll("");
        return slug.isEmpty() ? FALLBACK : trim(slug, MAX_LENGTH);
    }

    /** {@code base} for n = 1, else {@code base-n}, shortening base so the whole fits. */
    static String withSuffix(String base, int n) {
        if (n == 1) {
            return base;
        }
        String suffix = "-" + n;
        return trim(base, MAX_LENGTH - suffix.length()) + suffix;
    }

    private static String trim(String slug, int length) {
        String cut = slug.length() <= length ? slug : slug.substring(0, length);
        String trimmed = EDGES.matcher(cut).replaceAll("");
        return trimmed.isEmpty() ? FALLBACK : trimmed;
    }
}
