package org.fractionball.lms.infrastructure.storage;

import org.springframework.http.ContentDisposition;

import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} both storage adapters give a download, from its file name. */
final class ContentDispositions {

    private ContentDispositions() {
    }

    /**
     * {@code attachment; filename="<name>"} for a printable ASCII name; otherwise Spring's RFC 6266
     * form with {@code filename*=UTF-8''…}. Control characters become {@code _} so a name can
     * never split the header.
     */
    static String attachment(String filename) {
        StringBuilder clean = new StringBuilder(filename.length());
        boolean ascii = true;
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            clean.append(control ? '_' : c);
            ascii &= control || c < 0x7f;
        }
        ContentDisposition.Builder builder = ContentDisposition.attachment();
        return (ascii ? builder.filename(clean.toString()) : builder.filename(clean.toString(), StandardCharsets.UTF_8))
                .build().toString();
    }
}
