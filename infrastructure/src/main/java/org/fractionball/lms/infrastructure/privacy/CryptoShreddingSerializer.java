package org.fractionball.lms.infrastructure.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event serializer: Jackson, with personal values encrypted on the way into the store and
 * decrypted on the way out ({@link PersonalDataProtection}). Types without personal data pass
 * straight through; stored bytes are never rewritten, so erasing a key leaves the hash chain intact.
 */
public class CryptoShreddingSerializer implements Serializer {
    private final JacksonSerializer delegate;
    private final PersonalDataProtection protection;
    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CryptoShreddingSerializer(JacksonSerializer delegate, PersonalDataProtection protection) {
        this.delegate = delegate;
        this.protection = protection;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData metadata) {
            ObjectNode tree = mapper().valueToTree(metadata);
            protection.concealMetadata(tree);
            return serialized(tree, MetaData.class, expectedRepresentation);
        }
        if (object != null && protection.fieldsOf(object.getClass()).isPresent()) {
            ObjectNode tree = mapper().valueToTree(object);
            protection.concealPayload(object.getClass(), tree);
            return serialized(tree, object.getClass(), expectedRepresentation);
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (SerializedType.emptyType().equals(serializedObject.getType())) {
            return delegate.deserialize(serializedObject);
        }
        Class<?> type = classForType(serializedObject.getType());
        boolean metadata = MetaData.class.equals(type);
        if (!metadata && protection.fieldsOf(type).isEmpty()) {
            return read(type, serializedObject);
        }
        JsonNode stored = getConverter().convert(serializedObject, JsonNode.class).getData();
        // a tree handed in by an upcaster may be shared; the stored bytes parse to a fresh one
        JsonNode tree = JsonNode.class.equals(serializedObject.getContentType()) ? stored.deepCopy() : stored;
        if (tree instanceof ObjectNode object) {
            if (metadata) {
                protection.revealMetadata(object);
            } else {
                protection.revealPayload(type, object);
            }
        }
        return read(type, new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    /**
     * What Jackson's serializer does, with the class and a reader per type kept: it looks the class up
     * by name and builds a reader (resolving the type's deserializer) for every payload and every
     * metadata it reads, a quarter of a replay's decoding (docs/benchmarks.md).
     */
    private <T> T read(Class<?> type, SerializedObject<?> serialized) {
        if (UnknownSerializedType.class.isAssignableFrom(type)) {
            return delegate.deserialize(serialized);
        }
        ObjectReader reader = readers.computeIfAbsent(type, mapper()::readerFor);
        try {
            if (JsonNode.class.equals(serialized.getContentType())) {
                return reader.readValue((JsonNode) serialized.getData());
            }
            return reader.readValue(getConverter().convert(serialized, byte[].class).getData());
        } catch (IOException unreadable) {
            throw new SerializationException("Error while deserializing object", unreadable);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    /**
     * Jackson's serializer asks the class loader on every call, and Axon calls this several times per
     * event read (7 % of a replaying audit processor's thread, docs/benchmarks.md); the stored types
     * are the application's own event classes, so the answers are kept.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(type, delegate::classForType);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private ObjectMapper mapper() {
        return delegate.getObjectMapper();
    }

    private <T> SerializedObject<T> serialized(JsonNode tree, Class<?> type, Class<T> expectedRepresentation) {
        try {
            byte[] bytes = mapper().writeValueAsBytes(tree);
            return new SimpleSerializedObject<>(getConverter().convert(bytes, expectedRepresentation),
                    expectedRepresentation, typeForClass(type));
        } catch (JsonProcessingException unwritable) {
            throw new SerializationException("Unable to serialize " + type.getName(), unwritable);
        }
    }
}
