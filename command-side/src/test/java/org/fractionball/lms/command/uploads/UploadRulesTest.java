package org.fractionball.lms.command.uploads;

import org.fractionball.lms.events.content.ContentKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.events.content.ContentKind.RESOURCE;
import static org.fractionball.lms.events.content.ContentKind.VIDEO;

/** Contract §6: size → type → file name, with the extension bound to the declared type. */
class UploadRulesTest {
    private static final long VIDEO_LIMIT = 524_288_000L;
    private static final long RESOURCE_LIMIT = 52_428_800L;

    private static Optional<String> violation(ContentKind kind, long size, String contentType, String filename) {
        return UploadRules.violation(kind, size, contentType, filename, VIDEO_LIMIT);
    }

    // --- size -----------------------------------------------------------------------------------

    @Test
    void theLimitsAre500MiBForVideosAnd50MiBForResources() {
        assertThat(UploadRules.maxBytes(VIDEO, VIDEO_LIMIT)).isEqualTo(VIDEO_LIMIT);
        assertThat(UploadRules.maxBytes(RESOURCE, VIDEO_LIMIT)).isEqualTo(RESOURCE_LIMIT);
    }

    @Test
    void theConfiguredCapLimitsVideosAndCapsResourcesBelowTheirOwnLimit() {
        long tenMiB = 10L * 1_048_576;
        assertThat(UploadRules.maxBytes(VIDEO, tenMiB)).isEqualTo(tenMiB);
        assertThat(UploadRules.maxBytes(RESOURCE, tenMiB)).isEqualTo(tenMiB);
        assertThat(UploadRules.maxBytes(VIDEO, 2000L * 1_048_576)).isEqualTo(2000L * 1_048_576);
        assertThat(UploadRules.maxBytes(RESOURCE, 2000L * 1_048_576)).isEqualTo(RESOURCE_LIMIT);
        assertThat(UploadRules.violation(VIDEO, tenMiB + 1, "video/mp4", "lesson.mp4", tenMiB))
                .contains("File size (10.0MB) exceeds maximum allowed size (10.0MB)");
    }

    @Test
    void aVideoOfExactlyTheLimitIsAllowed() {
        assertThat(violation(VIDEO, VIDEO_LIMIT, "video/mp4", "lesson.mp4")).isEmpty();
    }

    @Test
    void aVideoOneByteOverTheLimitIsRefused() {
        assertThat(violation(VIDEO, VIDEO_LIMIT + 1, "video/mp4", "lesson.mp4"))
                .contains("File size (500.0MB) exceeds maximum allowed size (500.0MB)");
    }

    @Test
    void aResourceOfExactlyTheLimitIsAllowed() {
        assertThat(violation(RESOURCE, RESOURCE_LIMIT, "application/pdf", "worksheet.pdf")).isEmpty();
    }

    @Test
    void aResourceOneByteOverTheLimitIsRefused() {
        assertThat(violation(RESOURCE, RESOURCE_LIMIT + 1, "application/pdf", "worksheet.pdf"))
                .contains("File size (50.0MB) exceeds maximum allowed size (50.0MB)");
    }

    @Test
    void theSizeMessageShowsMebibytesWithOneDecimal() {
        assertThat(violation(RESOURCE, 80_000_000L, "application/pdf", "worksheet.pdf"))
                .contains("File size (76.3MB) exceeds maximum allowed size (50.0MB)");
        assertThat(UploadRules.sizeMessage(629_145_600L, VIDEO_LIMIT))
                .isEqualTo("File size (600.0MB) exceeds maximum allowed size (500.0MB)");
    }

    @Test
    void theVideoLimitDoesNotApplyToResourcesNorTheOtherWayRound() {
        assertThat(violation(RESOURCE, RESOURCE_LIMIT + 1, "application/pdf", "worksheet.pdf")).isPresent();
        assertThat(violation(VIDEO, RESOURCE_LIMIT + 1, "video/mp4", "lesson.mp4")).isEmpty();
    }

    // --- content type ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource({
            "VIDEO, video/mp4, lesson.mp4",
            "VIDEO, video/mp4, lesson.m4v",
            "VIDEO, video/mpeg, lesson.mpeg",
            "VIDEO, video/mpeg, lesson.mpg",
            "VIDEO, video/mpeg, lesson.mpe",
            "VIDEO, video/quicktime, lesson.mov",
            "VIDEO, video/quicktime, lesson.qt",
            "VIDEO, video/x-msvideo, lesson.avi",
            "VIDEO, video/webm, lesson.webm",
            "RESOURCE, application/pdf, worksheet.pdf",
            "RESOURCE, application/msword, worksheet.doc",
            "RESOURCE, application/vnd.openxmlformats-officedocument.wordprocessingml.document, worksheet.docx",
            "RESOURCE, application/vnd.ms-powerpoint, slides.ppt",
            "RESOURCE, application/vnd.openxmlformats-officedocument.presentationml.presentation, slides.pptx",
            "RESOURCE, application/vnd.ms-excel, scores.xls",
            "RESOURCE, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, scores.xlsx",
            "RESOURCE, text/plain, notes.txt",
            "RESOURCE, text/plain, notes.text",
            "RESOURCE, image/jpeg, court.jpg",
            "RESOURCE, image/jpeg, court.jpeg",
            "RESOURCE, image/png, court.png",
            "RESOURCE, image/gif, court.gif"})
    void everyAllowedTypeIsAllowedWithItsExtensions(ContentKind kind, String contentType, String filename) {
        assertThat(violation(kind, 1, contentType, filename)).isEmpty();
    }

    @Test
    void aVideoTypeIsNotAllowedForAResource() {
        assertThat(violation(RESOURCE, 1, "video/mp4", "lesson.mp4"))
                .contains("File type 'video/mp4' is not allowed");
    }

    @Test
    void aResourceTypeIsNotAllowedForAVideo() {
        assertThat(violation(VIDEO, 1, "application/pdf", "worksheet.pdf"))
                .contains("File type 'application/pdf' is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "image/svg+xml", "application/javascript", "application/x-msdownload",
            "application/zip", "application/octet-stream", "image/webp", ""})
    void typesOutsideTheListAreNotAllowed(String contentType) {
        assertThat(violation(RESOURCE, 1, contentType, "file.txt"))
                .contains("File type '" + contentType + "' is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Video/mp4", "VIDEO/MP4", "video/mp4 ", "video/mp4; codecs=avc1"})
    void typesAreMatchedExactlyAndCaseSensitively(String contentType) {
        assertThat(violation(VIDEO, 1, contentType, "lesson.mp4"))
                .contains("File type '" + contentType + "' is not allowed");
    }

    // --- order ----------------------------------------------------------------------------------

    @Test
    void sizeIsCheckedBeforeTypeAndName() {
        assertThat(violation(RESOURCE, RESOURCE_LIMIT + 1, "application/x-msdownload", ""))
                .contains("File size (50.0MB) exceeds maximum allowed size (50.0MB)");
    }

    @Test
    void typeIsCheckedBeforeName() {
        assertThat(violation(RESOURCE, 1, "application/x-msdownload", ""))
                .contains("File type 'application/x-msdownload' is not allowed");
    }

    // --- file name ------------------------------------------------------------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void aMissingOrBlankNameIsInvalid(String filename) {
        assertThat(violation(RESOURCE, 1, "application/pdf", filename)).contains("Invalid filename");
    }

    @Test
    void aNameOf256CharactersIsInvalid() {
        assertThat(violation(RESOURCE, 1, "application/pdf", "a".repeat(252) + ".pdf")).contains("Invalid filename");
    }

    @Test
    void aNameOf255CharactersIsAllowed() {
        assertThat(violation(RESOURCE, 1, "application/pdf", "a".repeat(251) + ".pdf")).isEmpty();
    }

    @Test
    void anExtensionOfAnotherAllowedTypeIsRefused() {
        assertThat(violation(VIDEO, 1, "video/mp4", "lesson.mov"))
                .contains("File extension '.mov' does not match file type 'video/mp4'");
        assertThat(violation(RESOURCE, 1, "application/msword", "worksheet.docx"))
                .contains("File extension '.docx' does not match file type 'application/msword'");
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource({
            "video/mp4, lesson.exe, exe",
            "video/mp4, lesson.mp4.exe, exe",
            "text/plain, notes.html, html",
            "text/plain, notes.htm, htm",
            "image/png, diagram.svg, svg",
            "image/jpeg, photo.js, js",
            "application/pdf, worksheet.js, js",
            "application/pdf, worksheet.bat, bat",
            "application/msword, report.docm, docm"})
    void dangerousExtensionsAreRefusedWhateverTheDeclaredType(String contentType, String filename, String extension) {
        ContentKind kind = contentType.startsWith("video/") ? VIDEO : RESOURCE;
        assertThat(violation(kind, 1, contentType, filename))
                .contains("File extension '." + extension + "' does not match file type '" + contentType + "'");
    }

    @Test
    void aNameWithoutExtensionIsRefusedUnlessTheWholeNameIsTheExtension() {
        assertThat(violation(RESOURCE, 1, "application/pdf", "worksheet"))
                .contains("File extension '.worksheet' does not match file type 'application/pdf'");
        assertThat(violation(RESOURCE, 1, "application/pdf", "PDF")).isEmpty();
    }

    @Test
    void aNameEndingInADotHasAnEmptyExtension() {
        assertThat(violation(RESOURCE, 1, "application/pdf", "worksheet."))
                .contains("File extension '.' does not match file type 'application/pdf'");
    }

    @Test
    void extensionsAreComparedLowerCased() {
        assertThat(violation(VIDEO, 1, "video/mp4", "Lesson.MP4")).isEmpty();
        assertThat(violation(RESOURCE, 1, "image/jpeg", "COURT.JpEg")).isEmpty();
    }

    // --- extension() ----------------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(value = {
            "lesson.mp4|mp4",
            "Lesson.MP4|mp4",
            "archive.tar.gz|gz",
            "README|readme",
            ".hidden|hidden",
            "trailing.|''",
            "'  Notes.TXT  '|txt",
            "my file (1).Docx|docx"}, delimiter = '|')
    void extensionIsTheTextAfterTheLastDotLowerCasedOrTheWholeName(String filename, String extension) {
        assertThat(UploadRules.extension(filename)).isEqualTo(extension);
    }
}
