package org.fractionball.lms.command.uploads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The stored bytes must be what the declared type says. Each sample is the real start of such a
 * file (as encoders and office suites write it); {@link UploadTest} uses the same samples.
 */
class StoredContentTypesTest {
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // --- real file headers ----------------------------------------------------------------------

    /** An MP4 as ffmpeg writes it: ftyp box with major brand isom, then the free box. */
    static byte[] mp4() {
        return concat(box("ftyp", concat(ascii("isom"), bytes(0, 0, 2, 0), ascii("isomiso2avc1mp41"))),
                box("free", new byte[0]), box("mdat", new byte[32]));
    }

    /** An MP4 with major brand mp42 (cameras, HandBrake). */
    static byte[] mp4Mp42() {
        return concat(box("ftyp", concat(ascii("mp42"), bytes(0, 0, 0, 0), ascii("mp42isom"))),
                box("mdat", new byte[32]));
    }

    /** A QuickTime movie: ftyp box with brand "qt  ", then the wide box. */
    static byte[] quickTime() {
        return concat(box("ftyp", concat(ascii("qt  "), bytes(0, 0, 2, 0), ascii("qt  "))), box("wide", new byte[0]),
                box("mdat", new byte[32]));
    }

    /** An MPEG program stream: pack header 00 00 01 BA (MPEG-2 marker bits). */
    static byte[] mpegProgramStream() {
        return pad(bytes(0x00, 0x00, 0x01, 0xBA, 0x44, 0x00, 0x04, 0x00, 0x04, 0x01, 0x01, 0x89, 0xC3, 0xF8), 64);
    }

    /** An MPEG-1 elementary video stream: sequence header 00 00 01 B3. */
    static byte[] mpegSequence() {
        return pad(bytes(0x00, 0x00, 0x01, 0xB3, 0x14, 0x00, 0xF0, 0x13, 0xFF, 0xFF, 0xE0, 0x18), 64);
    }

    /** An AVI: RIFF chunk of form type "AVI " with its hdrl list. */
    static byte[] avi() {
        return concat(ascii("RIFF"), bytes(0x24, 0x00, 0x00, 0x00), ascii("AVI LIST"), bytes(0x04, 0x00, 0x00, 0x00),
                ascii("hdrl"));
    }

    /** A WebM as browsers' MediaRecorder writes it: EBML header with DocType "webm". */
    static byte[] webm() {
        return concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2,
                        0x81, 0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84), ascii("webm"),
                bytes(0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02));
    }

    /** A Matroska file (mkvmerge): EBML header with DocType "matroska". */
    static byte[] matroska() {
        return concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x93, 0x42, 0x82, 0x88), ascii("matroska"),
                bytes(0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02));
    }

    static byte[] pdf() {
        return ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    }

    /** The OLE2 compound-file header shared by .doc, .ppt and .xls. */
    static byte[] ole2() {
        return pad(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0x3E, 0x00, 0x03, 0x00, 0xFE, 0xFF, 0x09, 0x00), 512);
    }

    /** A minimal real .docx: a ZIP whose first entry is [Content_Types].xml, as Word writes it. */
    static byte[] docx() {
        return zip("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                        + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                        + "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                        + "Target=\"word/document.xml\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats."
                        + "org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Halves</w:t></w:r></w:p>"
                        + "</w:body></w:document>");
    }

    static byte[] pptx() {
        return zip("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>",
                "ppt/presentation.xml", "<p:presentation/>");
    }

    static byte[] xlsx() {
        return zip("[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>", "xl/workbook.xml",
                "<workbook/>");
    }

    /** A ZIP whose first entry is not an OOXML part (some tools write docProps first). */
    static byte[] plainZip() {
        return zip("docProps/app.xml", "<Properties/>", "[Content_Types].xml", "<Types/>");
    }

    static byte[] text() {
        return "Fraction Ball warm-up\n1. Split the court into halves.\n2. Quarters: ¼ + ¼ = ½\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A JPEG as cameras write it: SOI, then the JFIF APP0 segment. */
    static byte[] jpeg() {
        return pad(concat(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10), ascii("JFIF"),
                bytes(0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00)), 64);
    }

    /** A 1×1 PNG: signature, then the IHDR chunk. */
    static byte[] png() {
        return pad(concat(bytes(0x89), ascii("PNG\r\n"), bytes(0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D), ascii("IHDR"),
                bytes(0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89)), 64);
    }

    /** A whole 1×1 GIF89a. */
    static byte[] gif() {
        return concat(ascii("GIF89a"), bytes(0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                0xFF, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B));
    }

    /** A Windows executable: the DOS "MZ" stub header. */
    static byte[] windowsExecutable() {
        return pad(concat(ascii("MZ"), bytes(0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF)),
                128);
    }

    static byte[] html() {
        return ascii("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    }

    static byte[] svg() {
        return ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    }

    // --- accepted -------------------------------------------------------------------------------

    static Stream<Arguments> filesOfTheirDeclaredType() {
        return Stream.of(
                arguments("video/mp4", "mp4 (isom)", mp4()),
                arguments("video/mp4", "mp4 (mp42)", mp4Mp42()),
                arguments("video/mp4", "QuickTime-branded ftyp", quickTime()),
                arguments("video/quicktime", "QuickTime", quickTime()),
                arguments("video/quicktime", "mp4 (isom) saved as .mov", mp4()),
                arguments("video/quicktime", "mp4 (mp42) saved as .mov", mp4Mp42()),
                arguments("video/mpeg", "MPEG program stream", mpegProgramStream()),
                arguments("video/mpeg", "MPEG-1 sequence", mpegSequence()),
                arguments("video/x-msvideo", "AVI", avi()),
                arguments("video/webm", "Matroska DocType", matroska()),
                arguments("application/pdf", "PDF", pdf()),
                arguments("application/msword", "OLE2", ole2()),
                arguments("application/vnd.ms-powerpoint", "OLE2", ole2()),
                arguments("application/vnd.ms-excel", "OLE2", ole2()),
                arguments(DOCX, "docx", docx()),
                arguments(PPTX, "pptx", pptx()),
                arguments(XLSX, "xlsx", xlsx()),
                arguments(DOCX, "ZIP with docProps first", plainZip()),
                arguments("text/plain", "UTF-8 text", text()),
                arguments("image/jpeg", "JPEG", jpeg()),
                arguments("image/png", "PNG", png()),
                arguments("image/gif", "GIF89a", gif()));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("filesOfTheirDeclaredType")
    void realBytesOfTheDeclaredTypeAreAccepted(String declaredType, String sample, byte[] head) {
        assertThat(StoredContentTypes.matches(declaredType, head))
                .as("%s detected as %s", sample, StoredContentTypes.detect(head))
                .isTrue();
    }

    @Test
    void aRealWebmIsAcceptedAsVideoWebm() {
        assertThat(StoredContentTypes.matches("video/webm", webm()))
                .as("WebM detected as %s", StoredContentTypes.detect(webm()))
                .isTrue();
    }

    // --- what Tika reports (why the accepted sets hold more than the declared type) --------------

    static Stream<Arguments> detections() {
        return Stream.of(
                arguments("mp4 (isom)", mp4(), "video/quicktime"),
                arguments("mp4 (mp42)", mp4Mp42(), "video/mp4"),
                arguments("QuickTime", quickTime(), "video/quicktime"),
                arguments("MPEG program stream", mpegProgramStream(), "video/mpeg"),
                arguments("AVI", avi(), "video/x-msvideo"),
                arguments("WebM", webm(), "application/x-matroska"),
                arguments("Matroska", matroska(), "video/x-matroska"),
                arguments("OLE2", ole2(), "application/x-tika-msoffice"),
                arguments("docx", docx(), "application/x-tika-ooxml"),
                arguments("ZIP with docProps first", plainZip(), "application/zip"),
                arguments("Windows executable", windowsExecutable(), "application/x-msdownload"),
                arguments("unknown bytes", bytes(0x00, 0x01, 0x02, 0x03, 0xFE, 0xFD, 0x10, 0x11, 0x00, 0x9C),
                        "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("detections")
    void detectNamesWhatTheBytesAre(String sample, byte[] head, String detected) {
        assertThat(StoredContentTypes.detect(head)).isEqualTo(detected);
    }

    // --- refused --------------------------------------------------------------------------------

    static Stream<Arguments> filesOfAnotherType() {
        return Stream.of(
                arguments("video/mp4", "PDF", pdf()),
                arguments("video/mp4", "Windows executable", windowsExecutable()),
                arguments("video/mp4", "AVI", avi()),
                arguments("video/mpeg", "mp4", mp4()),
                arguments("video/quicktime", "WebM", webm()),
                arguments("video/x-msvideo", "mp4", mp4()),
                arguments("video/webm", "mp4", mp4()),
                arguments("application/pdf", "HTML", html()),
                arguments("application/pdf", "docx", docx()),
                arguments("application/msword", "docx", docx()),
                arguments(DOCX, "OLE2 .doc", ole2()),
                arguments(XLSX, "PDF", pdf()),
                arguments("application/vnd.ms-excel", "PDF", pdf()),
                arguments("text/plain", "HTML", html()),
                arguments("text/plain", "SVG", svg()),
                arguments("text/plain", "Windows executable", windowsExecutable()),
                arguments("image/jpeg", "PNG", png()),
                arguments("image/png", "Windows executable", windowsExecutable()),
                arguments("image/png", "SVG", svg()),
                arguments("image/gif", "JPEG", jpeg()));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("filesOfAnotherType")
    void bytesOfAnotherTypeAreRefused(String declaredType, String sample, byte[] head) {
        assertThat(StoredContentTypes.matches(declaredType, head))
                .as("%s detected as %s", sample, StoredContentTypes.detect(head))
                .isFalse();
    }

    @Test
    void aTypeOutsideTheAllowedListMatchesNothing() {
        assertThat(StoredContentTypes.matches("image/svg+xml", svg())).isFalse();
        assertThat(StoredContentTypes.matches("application/zip", plainZip())).isFalse();
        assertThat(StoredContentTypes.matches("application/octet-stream", windowsExecutable())).isFalse();
    }

    @Test
    void declaredTypesAreComparedExactly() {
        assertThat(StoredContentTypes.matches("VIDEO/MP4", mp4())).isFalse();
        assertThat(StoredContentTypes.matches("application/pdf; charset=binary", pdf())).isFalse();
    }

    // --- building blocks ------------------------------------------------------------------------

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code head} followed by zeros up to {@code length}, as the rest of a real file would follow. */
    static byte[] pad(byte[] head, int length) {
        byte[] result = new byte[Math.max(length, head.length)];
        System.arraycopy(head, 0, result, 0, head.length);
        return result;
    }

    /** An ISO base media box: 32-bit big-endian size, four-character type, body. */
    private static byte[] box(String type, byte[] body) {
        int size = 8 + body.length;
        return concat(bytes(size >>> 24, (size >>> 16) & 0xFF, (size >>> 8) & 0xFF, size & 0xFF), ascii(type), body);
    }

    /** A ZIP archive of the given (name, content) pairs, in order. */
    private static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
