package org.fractionball.lms.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.DataSubject;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.PersonalData;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypts and decrypts the personal values of events as JSON trees. What is personal: the
 * {@link PersonalData} components of event records, keyed by their {@link DataSubject} user, and
 * the client IP and user agent in the metadata of events a known user caused, keyed by that user.
 * A sealed value is stored as {@code {"@subject": "user-7", "@sealed": "<base64>"}} (no record
 * component can be named {@code @subject}, so stored plain values are never mistaken for one).
 * Reading never fails: a value whose key is gone reads as {@link PersonalData#ERASED}, and so do
 * plain values stored before encryption existed once their subject is erased.
 */
@Component
public class PersonalDataProtection {
    static final String SUBJECT_FIELD = "@subject";
    static final String SEALED_FIELD = "@sealed";
    static final List<String> PERSONAL_METADATA = List.of(MetadataKeys.CLIENT_IP, MetadataKeys.USER_AGENT);

    private final SubjectKeys keys;
    private final Map<Class<?>, Optional<PersonalFields>> fieldsByType = new ConcurrentHashMap<>();
    private final Map<String, Optional<Class<?>>> typesByName = new ConcurrentHashMap<>();

    public PersonalDataProtection(SubjectKeys keys) {
        this.keys = keys;
    }

    /** The personal components of an event record and the component naming their subject. */
    record PersonalFields(String subjectField, List<String> personalFields) {
    }

    /** The personal fields of a type, empty when it has none. */
    Optional<PersonalFields> fieldsOf(Class<?> type) {
        return fieldsByType.computeIfAbsent(type, PersonalDataProtection::inspect);
    }

    /** Replaces the personal values of a serialized event record with sealed ones, in place. */
    void concealPayload(Class<?> type, ObjectNode payload) {
        fieldsOf(type).ifPresent(fields -> {
            String subject = subjectOf(payload.get(fields.subjectField()));
            if (subject != null) {
                conceal(payload, fields.personalFields(), subject);
            }
        });
    }

    /** Replaces the client IP and user agent of a known actor's event with sealed values, in place. */
    void concealMetadata(ObjectNode metadata) {
        String subject = subjectOf(metadata.get(MetadataKeys.ACTOR_USER_ID));
        if (subject != null) {
            conceal(metadata, PERSONAL_METADATA, subject);
        }
    }

    /** Decrypts a stored payload of the given type (null when unknown), in place. */
    void revealPayload(Class<?> type, ObjectNode payload) {
        revealSealed(payload);
        if (type != null) {
            fieldsOf(type).ifPresent(fields -> maskWhenErased(payload, fields.personalFields(),
                    subjectOf(payload.get(fields.subjectField()))));
        }
    }

    /** Decrypts stored metadata, in place. */
    void revealMetadata(ObjectNode metadata) {
        revealSealed(metadata);
        maskWhenErased(metadata, PERSONAL_METADATA, subjectOf(metadata.get(MetadataKeys.ACTOR_USER_ID)));
    }

    /** Decrypts a payload read from the event store by SQL, given its stored payload type. */
    public void revealPayload(String payloadType, JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            revealPayload(typeNamed(payloadType), object);
        }
    }

    /** Decrypts metadata read from the event store by SQL. */
    public void revealMetadata(JsonNode metadata) {
        if (metadata instanceof ObjectNode object) {
            revealMetadata(object);
        }
    }

    private void conceal(ObjectNode node, List<String> fields, String subject) {
        SubjectKey key = null;
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                continue;
            }
            if (key == null) {
                key = keys.forWriting(subject);
            }
            if (key.erased()) {
                node.put(field, PersonalData.ERASED);
            } else {
                ObjectNode sealed = node.objectNode();
                sealed.put(SUBJECT_FIELD, subject);
                sealed.put(SEALED_FIELD, PersonalDataCipher.seal(key.key(), subject, value.asText()));
                node.set(field, sealed);
            }
        }
    }

    /** Every sealed value anywhere in the tree becomes its plaintext, or the erased marker. */
    private void revealSealed(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (isSealed(value)) {
                replaced.add(Map.entry(field.getKey(), TextNode.valueOf(open(value))));
            } else if (value instanceof ObjectNode object) {
                revealSealed(object);
            } else if (value.isArray()) {
                value.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        revealSealed(object);
                    }
                });
            }
        }
        replaced.forEach(entry -> node.set(entry.getKey(), entry.getValue()));
    }

    private String open(JsonNode sealed) {
        String subject = sealed.get(SUBJECT_FIELD).asText();
        SubjectKey key = keys.find(subject);
        if (key == SubjectKey.NONE) {
            // a key was created after this node cached that there was none
            key = keys.reload(subject);
        }
        if (key.key() == null) {
            return PersonalData.ERASED;
        }
        return PersonalDataCipher.open(key.key(), subject, sealed.get(SEALED_FIELD).asText())
                .orElse(PersonalData.ERASED);
    }

    /** Plain values (stored before encryption) of an erased subject read as erased too. */
    private void maskWhenErased(ObjectNode node, List<String> fields, String subject) {
        if (subject == null || fields.stream().noneMatch(field -> plainText(node.get(field)))) {
            return;
        }
        if (keys.find(subject).erased()) {
            fields.stream().filter(field -> plainText(node.get(field)))
                    .forEach(field -> node.put(field, PersonalData.ERASED));
        }
    }

    private static boolean plainText(JsonNode value) {
        return value != null && value.isTextual() && !PersonalData.ERASED.equals(value.asText());
    }

    static boolean isSealed(JsonNode value) {
        return value instanceof ObjectNode object && object.size() == 2 && object.path(SUBJECT_FIELD).isTextual()
                && object.path(SEALED_FIELD).isTextual();
    }

    /** A user id, as a number or as text (metadata holds it as text), names subject {@code user-<id>}. */
    private static String subjectOf(JsonNode userId) {
        if (userId == null || userId.isNull()) {
            return null;
        }
        if (userId.isIntegralNumber()) {
            return AggregateIds.user(userId.asLong());
        }
        try {
            return userId.isTextual() ? AggregateIds.user(Long.parseLong(userId.asText())) : null;
        } catch (NumberFormatException notAUser) {
            return null;
        }
    }

    private Class<?> typeNamed(String payloadType) {
        return typesByName.computeIfAbsent(payloadType, name -> {
            try {
                return Optional.of(Class.forName(name, false, PersonalDataProtection.class.getClassLoader()));
            } catch (ClassNotFoundException unknown) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static Optional<PersonalFields> inspect(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                personal.add(component.getName());
            }
        }
        if (personal.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " has personal data but no @DataSubject");
        }
        return Optional.of(new PersonalFields(subject, List.copyOf(personal)));
    }
}
