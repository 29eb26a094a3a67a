package org.fractionball.lms.infrastructure.content;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.query.content.FindContentItem;
import org.fractionball.lms.query.web.Filters;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Playback of a video the caller may see (§5.9 visibility): a redirect to a signed GET URL of its
 * stored file, which serves Range requests so players stream and seek. Videos are never offered
 * as downloads (contract §6); a video whose {@code storage_uri} is an external link is
 * redirected to that link. With {@code ?format=json} the same URL comes as
 * {@code {"url": …, "expires_in": seconds}}: a page's player cannot send the bearer token itself,
 * so the page asks for the URL and gives it to the player.
 */
@RestController
@Tag(name = "Content")
@ReadsFrom(ProjectionNames.CONTENT)
public class VideoStreamController {
    static final Duration STREAM_VALIDITY = Duration.ofHours(6);

    static final String DOWNLOADS_DISABLED = "Video downloads are disabled";

    private final QueryGateway queries;
    private final BlobStore blobs;
    private final FeatureSwitches switches;

    public VideoStreamController(QueryGateway queries, BlobStore blobs, FeatureSwitches switches) {
        this.queries = queries;
        this.blobs = blobs;
        this.switches = switches;
    }

    @Operation(summary = "Stream a video: 302 to a signed URL (valid 6 hours) that serves Range requests",
            description = "With download=true the URL saves the file instead (attachment), only while the feature "
                    + "flag video_downloads_disabled is off for the caller; otherwise 403.")
    @GetMapping("/api/videos/{id}/stream/")
    public ResponseEntity<?> stream(@PathVariable("id") String id,
                                    @RequestParam(name = "download", required = false) String download,
                                    @RequestParam(name = "format", required = false) String format, Caller caller) {
        ContentView video = queries.query(new FindContentItem(ContentKind.VIDEO, PathIds.uuid(id)),
                        ResponseTypes.optionalInstanceOf(ContentView.class)).join()
                .filter(found -> visible(found, caller))
                .orElseThrow(() -> QueryRejected.notFound("VideoAsset"));
        boolean asFile = Boolean.TRUE.equals(Filters.lenientBoolean(download));
        if (asFile && switches.isEnabled(ConfigDefaults.VIDEO_DOWNLOADS_DISABLED, caller)) {
            throw new QueryRejected(403, Map.of("error", DOWNLOADS_DISABLED));
        }
        String location = video.storagePath() != null
                ? blobs.signDownload(video.storagePath(), asFile ? downloadName(video) : null, STREAM_VALIDITY).url()
                : video.uri();
        if ("json".equals(format)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", location);
            body.put("expires_in", video.storagePath() != null ? STREAM_VALIDITY.toSeconds() : null);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
        }
        return ResponseEntity.status(302).header(HttpHeaders.LOCATION, location)
                .cacheControl(CacheControl.noStore()).build();
    }

    /** The title with the stored file's extension, as a browser saves it. */
    private static String downloadName(ContentView video) {
        String path = video.storagePath();
        String title = video.title().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return title + path.substring(path.lastIndexOf('.'));
    }

    /** §5.9: the caller's own school; teachers see their own videos and published ones. */
    private static boolean visible(ContentView video, Caller caller) {
        return video.schoolId() == caller.schoolId() && (caller.isSchoolAdminOrAbove()
                || video.ownerId() == caller.userId() || video.status() == ContentStatus.PUBLISHED);
    }
}
