package org.fractionball.lms.query.library;

import java.util.List;

/**
 * Contract §5.12.6: the school's published content by grade, topic and file type (ascending
 * codes), its most active teachers, and totals. Each teacher carries its user {@code id}, the value
 * the {@code owner} filter takes (D31).
 */
public record LibraryStatsResponse(List<GradeCount> videosByGrade, List<TopicCount> videosByTopic,
                                   List<FileTypeCount> resourcesByType, List<ActiveTeacher> activeTeachers,
                                   long totalPublishedVideos, long totalPublishedResources,
                                   long totalPublicPlaylists) {

    public record GradeCount(String grade, long count) {
    }

    public record TopicCount(String topic, long count) {
    }

    public record FileTypeCount(String fileType, long count) {
    }

    /** A TEACHER or SCHOOL_ADMIN of the school with published content there, each kind counted on its own (D13). */
    public record ActiveTeacher(long id, String name, long videoCount, long resourceCount, long totalContent) {
    }
}
