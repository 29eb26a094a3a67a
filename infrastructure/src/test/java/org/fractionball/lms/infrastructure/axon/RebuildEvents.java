package org.fractionball.lms.infrastructure.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A deterministic stream of events as the application stores them, for {@link RebuildSpeedBenchmarkIT}:
 * 100 schools with 20 users each (the first of each school its administrator, who reviews), then, interleaved at random (seeded), the lifecycles of videos and
 * resources (created, edited once or twice, submitted, approved — or rejected, returned to draft,
 * resubmitted and approved —, one in twenty deleted afterwards; about 300 in progress at a time),
 * renamed and new users, sign-ins and video views. Payloads are the event records serialized with
 * the application's Jackson settings; metadata carries the request keys every event has
 * ({@link MetadataKeys}). Rows are written in PostgreSQL's COPY text format.
 */
final class RebuildEvents {
    private static final int SCHOOLS = 100;
    private static final int USERS_PER_SCHOOL = 20;
    private static final int OPEN_ITEMS = 300;
    private static final Instant FIRST_EVENT_AT = Instant.parse("2026-01-05T08:00:00Z");
    private static final DateTimeFormatter AXON_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> GRADES = List.of("K", "1", "2", "3", "4", "5");
    private static final List<String> TOPICS = List.of("fractions_basics", "equivalent_fractions",
            "comparing_ordering", "number_line");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final class Item {
        final ContentKind kind;
        final UUID id;
        final long owner;
        final long school;
        long sequence;
        int step;
        boolean rejected;
        String title;

        Item(ContentKind kind, UUID id, long owner, long school, String title) {
            this.kind = kind;
            this.id = id;
            this.owner = owner;
            this.school = school;
            this.title = title;
        }
    }

    private final Random random;
    private final List<Item> open = new ArrayList<>();
    private final Map<Long, Long> userSequences = new LinkedHashMap<>();
    private final Map<Long, Long> userSchools = new LinkedHashMap<>();
    private final Map<String, Long> mix = new TreeMap<>();
    private long position;
    private long nextUserId = 1;
    private long nextSchoolId = 1;

    /** @param lastPosition the global position of the last event already stored; the generated ones follow it */
    RebuildEvents(long seed, long lastPosition) {
        this.random = new Random(seed);
        this.position = lastPosition;
    }

    /** The global position of the last generated event. */
    long position() {
        return position;
    }

    /** Events generated so far per type. */
    String mix() {
        return mix.toString();
    }

    /** Appends the next event as one COPY row. */
    void next(StringBuilder rows) {
        if (nextSchoolId <= SCHOOLS) {
            long school = nextSchoolId++;
            append(rows, AggregateIds.school(school), 0, "School", new SchoolRegistered(school, "School " + school,
                    "school" + school + ".example.edu", school + " Main Street", "555-01" + school, true), 1, school);
            return;
        }
        if (nextUserId <= (long) SCHOOLS * USERS_PER_SCHOOL) {
            provision((nextUserId - 1) % SCHOOLS + 1, rows);
            return;
        }
        int dice = random.nextInt(100);
        if (dice < 62) {
            advanceItem(rows);
        } else if (dice < 78) {
            long user = randomUser();
            append(rows, AggregateIds.user(user), nextSequence(user), "UserAccount", new UserSignedIn(user), user,
                    userSchools.get(user));
        } else if (dice < 95) {
            long user = randomUser();
            UUID view = UUID.randomUUID();
            append(rows, AggregateIds.viewSession(view), 0, "VideoViewSession", new VideoViewStarted(view,
                    UUID.randomUUID(), user, userSchools.get(user), "session-" + random.nextInt(1_000_000),
                    "https://lms.example.edu/library", random.nextInt(600), random.nextDouble() * 100,
                    "Video " + random.nextInt(10_000)), user, userSchools.get(user));
        } else if (dice < 98) {
            long user = randomUser();
            append(rows, AggregateIds.user(user), nextSequence(user), "UserAccount", new UserDetailsChanged(user,
                    "user" + user, "user" + user + "@example.edu", "First" + random.nextInt(1000),
                    "Last" + user, "555-02" + user), 1, userSchools.get(user));
        } else {
            provision(1 + random.nextInt(SCHOOLS), rows);
        }
    }

    private void provision(long school, StringBuilder rows) {
        long user = nextUserId++;
        userSchools.put(user, school);
        userSequences.put(user, 0L);
        append(rows, AggregateIds.user(user), 0, "UserAccount", new UserProvisioned(user, "firebase-uid-" + user,
                "user" + user, "user" + user + "@example.edu", "First" + user, "Last" + user,
                isSchoolAdmin(user) ? Role.SCHOOL_ADMIN : Role.TEACHER, school, "555-03" + user, true), 1, school);
    }

    private void advanceItem(StringBuilder rows) {
        if (open.size() < OPEN_ITEMS || random.nextInt(10) == 0) {
            long owner = randomUser();
            ContentKind kind = random.nextInt(4) == 0 ? ContentKind.RESOURCE : ContentKind.VIDEO;
            Item item = new Item(kind, UUID.randomUUID(), owner, userSchools.get(owner),
                    "Fractions on the court " + random.nextInt(100_000));
            open.add(item);
            appendItem(rows, item, new ContentCreated(item.id, kind, owner, item.school, details(item),
                    kind.category() + "s/" + item.school + "/" + item.id + ".mp4"), owner);
            return;
        }
        int index = random.nextInt(open.size());
        Item item = open.get(index);
        long reviewer = reviewer(item.school);
        item.step++;
        switch (item.step) {
            case 1, 2 -> {
                item.title = item.title + (item.step == 1 ? " (edited)" : "!");
                appendItem(rows, item, new ContentDetailsChanged(item.id, item.kind, details(item)), item.owner);
            }
            case 3 -> appendItem(rows, item, new ContentSubmittedForReview(item.id, item.kind, item.title, item.owner),
                    item.owner);
            case 4 -> {
                if (random.nextInt(5) == 0 && !item.rejected) {
                    item.rejected = true;
                    item.step = 5;
                    appendItem(rows, item, new ContentRejected(item.id, item.kind, item.title, item.owner, reviewer,
                            "Please add a description of the drill."), reviewer);
                } else {
                    appendItem(rows, item, new ContentApproved(item.id, item.kind, item.title, item.owner, reviewer,
                            "Looks good."), reviewer);
                    item.step = 7;
                }
            }
            case 6 -> {
                appendItem(rows, item, new ContentReturnedToDraft(item.id, item.kind, item.title,
                        ContentStatus.REJECTED, ContentReturnedToDraft.BY_OWNER), item.owner);
                item.step = 2;
            }
            default -> {
                open.remove(index);
                if (random.nextInt(20) == 0) {
                    appendItem(rows, item, new ContentDeleted(item.id, item.kind, item.title, item.owner, item.school,
                            null), item.owner);
                } else {
                    advanceItem(rows);
                }
            }
        }
    }

    private ContentDetails details(Item item) {
        boolean video = item.kind == ContentKind.VIDEO;
        return new ContentDetails(item.title, "Students place fractions on a number line drawn on the court, then "
                + "compare their positions in teams.", GRADES.get(random.nextInt(GRADES.size())),
                TOPICS.get(random.nextInt(TOPICS.size())), List.of("court", "teams", "grade-" + random.nextInt(6)),
                video ? 60 + random.nextInt(900) : null, 1_000_000L + random.nextInt(50_000_000),
                "https://storage.example.edu/" + item.id, video ? "https://storage.example.edu/" + item.id + ".jpg" : "",
                video ? "" : "pdf");
    }

    private void appendItem(StringBuilder rows, Item item, Object payload, long actor) {
        append(rows, AggregateIds.content(item.kind, item.id), item.sequence++, "ContentItem", payload, actor,
                item.school);
    }

    private long randomUser() {
        return 1 + random.nextInt((int) (nextUserId - 1));
    }

    /** The school's administrator: the first user provisioned for it, whose id is the school's. */
    private static long reviewer(long school) {
        return school;
    }

    private static boolean isSchoolAdmin(long user) {
        return user <= SCHOOLS;
    }

    private long nextSequence(long user) {
        return userSequences.merge(user, 1L, Long::sum);
    }

    private void append(StringBuilder rows, String aggregate, long sequence, String type, Object payload, long actor,
                        long school) {
        position++;
        mix.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MetadataKeys.ACTOR_UID, "firebase-uid-" + actor);
        metadata.put(MetadataKeys.ACTOR_USER_ID, Long.toString(actor));
        metadata.put(MetadataKeys.ACTOR_ROLE, isSchoolAdmin(actor) ? "SCHOOL_ADMIN" : "TEACHER");
        metadata.put(MetadataKeys.ACTOR_SCHOOL, Long.toString(school));
        metadata.put(MetadataKeys.CLIENT_IP, "10.0." + (actor % 250) + "." + (school % 250));
        metadata.put(MetadataKeys.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0");
        String request = UUID.randomUUID().toString();
        metadata.put(MetadataKeys.REQUEST_ID, request);
        metadata.put(MetadataKeys.CORRELATION_ID, request);
        metadata.put(MetadataKeys.CAUSATION_ID, UUID.randomUUID().toString());
        rows.append(position).append('\t')
                .append(UUID.randomUUID()).append('\t')
                .append(aggregate).append('\t')
                .append(sequence).append('\t')
                .append(type).append('\t')
                .append(AXON_TIMESTAMP.format(FIRST_EVENT_AT.plusMillis(position * 50))).append('\t')
                .append(payload.getClass().getName()).append('\t')
                .append("\\N").append('\t')
                .append(copyText(json(payload))).append('\t')
                .append(copyText(json(metadata))).append('\n');
    }

    /** JSON as a COPY text field of a bytea column: taken literally when it holds no backslash, tab or newline. */
    private static String copyText(String json) {
        if (json.indexOf('\\') >= 0 || json.indexOf('\t') >= 0 || json.indexOf('\n') >= 0) {
            throw new IllegalStateException("needs escaping in COPY: " + json);
        }
        return json;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
