package org.fractionball.lms.query.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;

/**
 * A JSON value written once and then copied into every answer that shows it, as its UTF-8 bytes:
 * a cached page's items are not walked and escaped again on each request (that was a tenth of a
 * library request's CPU under load). Read back from a cache entry as any JSON value.
 */
public final class PreparedJson implements JsonSerializable {
    private final SerializedString json;

    private PreparedJson(String json) {
        this.json = new SerializedString(json);
        // encoded now, once, rather than by the first request to write it
        this.json.asUnquotedUTF8();
    }

    /** {@code json} must be one well-formed JSON value, as a JSON writer produced it. */
    public static PreparedJson of(String json) {
        return new PreparedJson(json);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PreparedJson of(JsonNode value) {
        return new PreparedJson(value.toString());
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeRawValue(json);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        serialize(generator, serializers);
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return json.getValue();
    }
}
