package org.fractionball.lms.query.web;

/**
 * The contract's default pagination (§0.5): 1-based {@code page} or {@code last}, fixed size 20;
 * anything else, or a page past the end, is 404 "Invalid page.".
 */
public record PageRequest(Integer number, boolean last, int size) {
    public static final int DEFAULT_SIZE = 20;

    public static PageRequest parse(String page) {
        if (page == null || page.isEmpty()) {
            return new PageRequest(1, false, DEFAULT_SIZE);
        }
        if (page.equals("last")) {
            return new PageRequest(null, true, DEFAULT_SIZE);
        }
        try {
            int number = Integer.parseInt(page);
            if (number >= 1) {
                return new PageRequest(number, false, DEFAULT_SIZE);
            }
        } catch (NumberFormatException ignored) {
            // an unparsable page is the same 404 as a page out of range
        }
        throw QueryRejected.invalidPage();
    }

    /** The page number to serve once the total is known. */
    public int resolve(long count) {
        int lastPage = (int) Math.max(1, (count + size - 1) / size);
        int page = last ? lastPage : number;
        if (page > lastPage) {
            throw QueryRejected.invalidPage();
        }
        return page;
    }

    public long offset(int page) {
        return (long) (page - 1) * size;
    }
}
