package org.fractionball.lms.query.web;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/** The pagination envelope of contract §0.5 with absolute {@code next}/{@code previous} URLs. */
public record PagedResponse<T>(long count, String next, String previous, List<T> results) {

    public static <T> PagedResponse<T> of(long count, int page, int size, List<T> results) {
        boolean hasNext = (long) page * size < count;
        String next = hasNext ? pageUrl(page + 1) : null;
        String previous = page > 1 ? pageUrl(page - 1) : null;
        return new PagedResponse<>(count, next, previous, results);
    }

    private static String pageUrl(int page) {
        UriComponentsBuilder url = ServletUriComponentsBuilder.fromCurrentRequest();
        return page == 1 ? url.replaceQueryParam("page").toUriString()
                : url.replaceQueryParam("page", page).toUriString();
    }
}
