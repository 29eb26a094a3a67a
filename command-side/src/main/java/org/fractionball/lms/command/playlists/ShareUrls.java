package org.fractionball.lms.command.playlists;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

/**
 * Absolute share URLs (D21): under {@code lms.public-base-url} when set (needed behind a proxy
 * that terminates TLS), else under the scheme, host and port the request came in on (the host is
 * one of ALLOWED_HOSTS, checked before any handler).
 */
@Component
public class ShareUrls {
    private final String configuredBase;

    public ShareUrls(@Value("${lms.public-base-url:}") String configuredBase) {
        this.configuredBase = configuredBase.strip().replaceAll("/+$", "");
    }

    public String of(UUID shareToken) {
        String base = configuredBase.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : configuredBase;
        return base + "/api/shared/" + shareToken + "/";
    }
}
