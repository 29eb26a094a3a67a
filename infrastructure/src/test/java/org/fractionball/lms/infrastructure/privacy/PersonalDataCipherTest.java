package org.fractionball.lms.infrastructure.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataCipherTest {
    private static final SecretKey KEY = key((byte) 1);
    private static final SecretKey OTHER_KEY = key((byte) 2);

    @Test
    void opensWhatItSealedForTheSameSubject() {
        String sealed = PersonalDataCipher.seal(KEY, "user-7", "Ada Lovelace <ada@example.edu>");

        assertThat(PersonalDataCipher.open(KEY, "user-7", sealed)).contains("Ada Lovelace <ada@example.edu>");
        assertThat(sealed).doesNotContain("Ada");
    }

    @Test
    void sealsTheSameValueDifferentlyEachTime() {
        assertThat(PersonalDataCipher.seal(KEY, "user-7", "ada")).isNotEqualTo(PersonalDataCipher.seal(KEY, "user-7", "ada"));
    }

    @Test
    void sealsEmptyValues() {
        assertThat(PersonalDataCipher.open(KEY, "user-7", PersonalDataCipher.seal(KEY, "user-7", ""))).contains("");
    }

    @Test
    void doesNotOpenWithAnotherKey() {
        String sealed = PersonalDataCipher.seal(KEY, "user-7", "ada");

        assertThat(PersonalDataCipher.open(OTHER_KEY, "user-7", sealed)).isEqualTo(Optional.empty());
    }

    @Test
    void doesNotOpenAValueMovedToAnotherSubject() {
        String sealed = PersonalDataCipher.seal(KEY, "user-7", "ada");

        assertThat(PersonalDataCipher.open(KEY, "user-8", sealed)).isEqualTo(Optional.empty());
    }

    @Test
    void doesNotOpenAlteredOrMalformedValues() {
        byte[] bytes = Base64.getDecoder().decode(PersonalDataCipher.seal(KEY, "user-7", "ada"));
        bytes[bytes.length - 1] ^= 1;

        assertThat(PersonalDataCipher.open(KEY, "user-7", Base64.getEncoder().encodeToString(bytes)))
                .isEqualTo(Optional.empty());
        assertThat(PersonalDataCipher.open(KEY, "user-7", "not base64!")).isEqualTo(Optional.empty());
        assertThat(PersonalDataCipher.open(KEY, "user-7", "AAAA")).isEqualTo(Optional.empty());
    }

    private static SecretKey key(byte fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, fill);
        return new SecretKeySpec(bytes, "AES");
    }
}
