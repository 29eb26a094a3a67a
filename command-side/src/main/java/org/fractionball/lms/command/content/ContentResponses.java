package org.fractionball.lms.command.content;

import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.events.content.ContentKind;
import org.springframework.stereotype.Component;

import java.util.Objects;

/** Builds the contract's Video or Resource from a command's resulting state, with owner and school names. */
@Component
public class ContentResponses {
    private final UserRegistry users;
    private final SchoolDomains schools;

    public ContentResponses(UserRegistry users, SchoolDomains schools) {
        this.users = users;
        this.schools = schools;
    }

    public Object of(ContentState state) {
        String ownerName = Objects.requireNonNullElse(users.fullNameOf(state.ownerId()), "");
        String schoolName = Objects.requireNonNullElse(schools.nameOf(state.schoolId()), "");
        return state.kind() == ContentKind.VIDEO ? VideoResponse.of(state, ownerName, schoolName)
                : ResourceResponse.of(state, ownerName, schoolName);
    }
}
