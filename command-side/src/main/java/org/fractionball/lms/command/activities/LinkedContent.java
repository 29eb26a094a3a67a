package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.content.ContentKind;

import java.util.UUID;

/** The videos and resources an activity may link to, as the command side knows them (their aggregates). */
public interface LinkedContent {

    /** The item when it exists and is not deleted, else null. */
    LinkedItem find(ContentKind kind, UUID contentId);
}
