package org.fractionball.lms.query.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.projections.analytics.AnalyticsVersions;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.fractionball.lms.query.content.ResourceResponse;
import org.fractionball.lms.query.content.VideoResponse;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PreparedJson;
import org.fractionball.lms.query.web.VersionedAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The library's answers, cached by version. Each request takes its school's library version as
 * this node knows it ({@link LibraryVersions#knownFor}: kept until the node hears a raise, which
 * the projection announces as it commits; read-your-writes has waited until the caller's own
 * writes were heard), so the key of every answer changes as soon as a change the school's library
 * shows is committed and heard; outdated entries are never read again and expire. Key: {@code <lms.redis.key-prefix>library:
 * <school>:v<version>:<scope>:<answer>:<hash of the normalised parameters>}; scope is
 * {@code u<user id>} for the view of a teacher who owns unpublished items, {@code staff} for the
 * school's staff and for the published-only view the other teachers share, {@code all} where
 * the answer is the same for everyone. A miss is computed in one read-only REPEATABLE READ
 * transaction that also reads the version it is stored under, so an entry always holds exactly
 * the state of its version. Errors (400, 404) are never cached.
 */
@Component
public class LibraryReads {
    private static final Logger log = LoggerFactory.getLogger(LibraryReads.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private final QueryGateway queries;
    private final LibraryVersions versions;
    private final AnalyticsVersions analyticsVersions;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final String keyPrefix;
    private final VersionedAnswers<Object> answers;

    public LibraryReads(QueryGateway queries, LibraryVersions versions, AnalyticsVersions analyticsVersions,
                        LibraryCache cache, ObjectMapper json, PlatformTransactionManager transactions,
                        @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                        @Value("${lms.library.near-cache-megabytes:64}") long nearCacheMegabytes,
                        MeterRegistry meters) {
        this.queries = queries;
        this.versions = versions;
        this.analyticsVersions = analyticsVersions;
        this.json = json;
        this.snapshot = VersionedAnswers.snapshot(transactions);
        this.keyPrefix = keyPrefix + "library:";
        this.answers = new VersionedAnswers<>(cache, nearCacheMegabytes, meters);
    }

    /**
     * One page of a filtered set; an invalid page is the contract's 404 (never cached). A teacher
     * who owns no unpublished items of the kind gets the school's published-only answer, shared
     * by all such teachers; read-your-writes has waited for the caller's own writes, so a draft it
     * just created is already counted here.
     */
    public LibraryPageData page(LibraryFilter requested, PageRequest page) {
        LibraryFilter filter = requested;
        Long version = null;
        if (requested.visibleTo() != null) {
            LibraryVersions.VersionAndDrafts state = versions.knownFor(requested.schoolId(),
                    requested.kind().category(), requested.visibleTo());
            LibraryFilter shared = state.ownsUnpublished() ? null : requested.publishedOnly();
            filter = shared == null ? requested : shared;
            version = state.version();
        }
        LibraryFilter rows = filter;
        List<Object> parameters = List.of(rows.canonical(), page.last() ? "last" : page.number(), page.size());
        return cached(rows.schoolId(), version, rows.scope(), rows.kind().category() + "s", parameters,
                LibraryPageData.class, () -> {
                    LibraryTotals totals = queries.query(new CountLibraryItems(rows), LibraryTotals.class).join();
                    int number = page.resolve(totals.count());
                    List<ContentView> found = queries.query(new FindLibraryItems(rows, page.offset(number),
                            page.size()), ResponseTypes.multipleInstancesOf(ContentView.class)).join();
                    List<?> answers = found.stream().map(LibraryReads::answer).toList();
                    return new LibraryPageData(totals.count(), number, totals.grades(), totals.topics(),
                            PreparedJson.of(write(answers)));
                });
    }

    /** One item of the school's library, whoever asks (visibility is the caller's to check). */
    public Optional<LibraryItem> item(ContentKind kind, long schoolId, UUID id) {
        return Optional.ofNullable(cached(schoolId, null, "all", kind.category(), List.of(id.toString()), LibraryItem.class,
                () -> queries.query(new FindLibraryItem(kind, schoolId, id),
                                ResponseTypes.optionalInstanceOf(ContentView.class)).join()
                        .map(view -> new LibraryItem(view.ownerId(), view.status(), json.valueToTree(answer(view))))
                        .orElse(null)));
    }

    /**
     * The school's published-content figures, the same for everyone in it. They come from the analytics
     * projection's counters, so the key also holds the school's analytics version (read before the
     * figures: an entry is never older than its key).
     */
    public LibraryStatsResponse stats(long schoolId) {
        return cached(schoolId, null, "all", "stats", List.of(analyticsVersions.known(schoolId)),
                LibraryStatsResponse.class,
                () -> queries.query(new FindLibraryStats(schoolId), LibraryStatsResponse.class).join());
    }

    /** {@code version}: the school's version if the caller has just read it, else null (read here). */
    private <T> T cached(long schoolId, Long version, String scope, String answer, List<Object> parameters,
                         Class<T> type, Supplier<T> compute) {
        if (!answers.enabled()) {
            return snapshot.execute(status -> compute.get());
        }
        String current = key(schoolId, version != null ? version : versions.known(schoolId), scope, answer,
                parameters);
        return type.cast(answers.get(current, entry -> read(entry, type, answer), () -> {
            Versioned<T> computed = snapshot.execute(status -> new Versioned<>(versions.current(schoolId),
                    compute.get()));
            String stored = key(schoolId, computed.version(), scope, answer, parameters);
            return new VersionedAnswers.Computed<>(stored, computed.value(), write(computed.value()));
        }));
    }

    private <T> Optional<Object> read(String entry, Class<T> type, String answer) {
        try {
            return Optional.of(json.readValue(entry, type));
        } catch (JsonProcessingException unreadable) {
            log.warn("Library cache: unreadable {} entry ({}); recomputing", answer, unreadable.getOriginalMessage());
            return Optional.empty();
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String key(long schoolId, long version, String scope, String answer, List<Object> parameters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    CANONICAL.writeValueAsString(parameters).getBytes(StandardCharsets.UTF_8));
            return keyPrefix + schoolId + ":v" + version + ":" + scope + ":" + answer + ":"
                    + HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Object answer(ContentView view) {
        return view.kind() == ContentKind.VIDEO ? VideoResponse.of(view) : ResourceResponse.of(view);
    }

    private record Versioned<T>(long version, T value) {
    }
}
