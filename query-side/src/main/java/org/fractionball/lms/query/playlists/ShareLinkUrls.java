package org.fractionball.lms.query.playlists;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

/**
 * Absolute share URLs (D21), built as the command side builds them: under {@code lms.public-base-url}
 * when set, else under the scheme, host and port of the request.
 */
@Component
class ShareLinkUrls {
    private final String configuredBase;

    ShareLinkUrls(@Value("${lms.public-base-url:}") String configuredBase) {
        this.configuredBase = configuredBase.strip().replaceAll("/+$", "");
    }

    String of(UUID shareToken) {
        String base = configuredBase.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : configuredBase;
        return base + "/api/shared/" + shareToken + "/";
    }
}
