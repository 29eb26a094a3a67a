package org.fractionball.lms.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoShreddingSerializerTest {
    private static final String ERASED = PersonalData.ERASED;
    private static final UserProvisioned ADA = new UserProvisioned(7, "uid-ada", "ada", "ada@example.edu", "Ada",
            "Lovelace", Role.TEACHER, 3, "+44 20 7946 0000", true);
    private static final MetaData ADA_REQUEST = MetaData.from(Map.of("actorUserId", "7", "actorUid", "uid-ada",
            "clientIp", "203.0.113.9", "userAgent", "Firefox/140", "requestId", "r-1"));

    private final JacksonSerializer plain = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    private final InMemorySubjectKeys keys = new InMemorySubjectKeys();
    private final CryptoShreddingSerializer serializer =
            new CryptoShreddingSerializer(plain, new PersonalDataProtection(keys));

    @Test
    void storesPersonalFieldsEncryptedAndReadsThemBack() {
        SerializedObject<byte[]> stored = serializer.serialize(ADA, byte[].class);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("ada@example.edu", "Lovelace", "\"Ada\"", "7946", "\"ada\"")
                .contains("\"firebaseUid\":\"uid-ada\"", "\"role\":\"TEACHER\"", "\"@subject\":\"user-7\"");
        assertThat(stored.getType().getName()).isEqualTo(UserProvisioned.class.getName());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(ADA);
    }

    @Test
    void readsPersonalFieldsAsErasedOnceTheKeyIsGoneAndKeepsTheRest() {
        SerializedObject<byte[]> stored = serializer.serialize(ADA, byte[].class);
        SerializedObject<byte[]> other = serializer.serialize(new UserDetailsChanged(8, "bob", "bob@example.edu",
                "Bob", "Builder", ""), byte[].class);

        assertThat(keys.erase("user-7")).isTrue();

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new UserProvisioned(7, "uid-ada", ERASED,
                ERASED, ERASED, ERASED, Role.TEACHER, 3, ERASED, true));
        assertThat((Object) serializer.deserialize(other)).isEqualTo(new UserDetailsChanged(8, "bob",
                "bob@example.edu", "Bob", "Builder", ""));
        assertThat(keys.erase("user-7")).isFalse();
    }

    @Test
    void storesNewPersonalValuesOfAnErasedSubjectAsErased() {
        keys.erase("user-7");

        SerializedObject<byte[]> stored = serializer.serialize(new UserDetailsChanged(7, "ada2", "ada2@example.edu",
                "Ada", "King", "1"), byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"userId\":7,\"username\":"
                + "\"[erased]\",\"email\":\"[erased]\",\"firstName\":\"[erased]\",\"lastName\":\"[erased]\","
                + "\"phone\":\"[erased]\"}");
    }

    @Test
    void readsEventsStoredBeforeEncryptionAndMasksThemOnceTheSubjectIsErased() {
        SerializedObject<byte[]> legacy = plain.serialize(ADA, byte[].class);

        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(ADA);

        keys.erase("user-7");

        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(new UserProvisioned(7, "uid-ada", ERASED,
                ERASED, ERASED, ERASED, Role.TEACHER, 3, ERASED, true));
    }

    @Test
    void encryptsTheClientAddressAndUserAgentOfAKnownActor() {
        SerializedObject<byte[]> stored = serializer.serialize(ADA_REQUEST, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .doesNotContain("203.0.113.9", "Firefox").contains("\"requestId\":\"r-1\"");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(ADA_REQUEST);

        keys.erase("user-7");

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(MetaData.from(Map.of("actorUserId", "7",
                "actorUid", "uid-ada", "clientIp", ERASED, "userAgent", ERASED, "requestId", "r-1")));
    }

    @Test
    void leavesMetadataWithoutAKnownActorAndEventsWithoutPersonalDataAsTheyAre() {
        MetaData anonymous = MetaData.from(Map.of("clientIp", "198.51.100.4", "userAgent", "curl/8"));
        UserRoleChanged roleChanged = new UserRoleChanged(7, Role.TEACHER, Role.SCHOOL_ADMIN);

        assertThat(serializer.serialize(anonymous, byte[].class).getData())
                .isEqualTo(plain.serialize(anonymous, byte[].class).getData());
        assertThat(serializer.serialize(roleChanged, byte[].class).getData())
                .isEqualTo(plain.serialize(roleChanged, byte[].class).getData());
        assertThat((Object) serializer.deserialize(serializer.serialize(roleChanged, byte[].class)))
                .isEqualTo(roleChanged);
    }

    @Test
    void readsEveryStoredFormAsJacksonsSerializerDoesAndUnknownTypesAsUnknown() {
        UserRoleChanged roleChanged = new UserRoleChanged(7, Role.TEACHER, Role.SCHOOL_ADMIN);
        for (Class<?> form : new Class<?>[]{byte[].class, String.class, JsonNode.class}) {
            for (int read = 0; read < 2; read++) {
                assertThat((Object) serializer.deserialize(serializer.serialize(roleChanged, form)))
                        .isEqualTo(roleChanged);
                assertThat((Object) serializer.deserialize(serializer.serialize(ADA, form))).isEqualTo(ADA);
                assertThat((Object) serializer.deserialize(serializer.serialize(ADA_REQUEST, form)))
                        .isEqualTo(ADA_REQUEST);
            }
        }
        SerializedObject<byte[]> gone = new SimpleSerializedObject<>(
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8), byte[].class, "org.example.RemovedEvent", null);
        Object unknown = serializer.deserialize(gone);
        assertThat(unknown).isInstanceOf(UnknownSerializedType.class);
        assertThat(((UnknownSerializedType) unknown).serializedType().getName()).isEqualTo("org.example.RemovedEvent");
    }
}
