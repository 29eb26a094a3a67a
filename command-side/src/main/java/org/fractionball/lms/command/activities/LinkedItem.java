package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.content.ContentKind;

import java.util.UUID;

/** What an activity's answer shows of a linked video ({@code duration}) or resource ({@code fileType}). */
public record LinkedItem(ContentKind kind, UUID id, String title, Integer duration, String fileType) {
}
