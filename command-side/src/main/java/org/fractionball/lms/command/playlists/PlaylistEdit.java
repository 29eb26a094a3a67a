package org.fractionball.lms.command.playlists;

/** The fields a PUT or PATCH names; null leaves the field as it is. */
public record PlaylistEdit(String name, String description, Boolean isPublic) {
}
