package org.fractionball.lms.command.accounts;

import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.Role;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The writable fields of the contract's User (§3.2, §3.3) read from a request, with its messages. */
record UserFields(String username, String email, String firstName, String lastName, Role role, Long schoolId,
                  String phone, Boolean active) {
    /** Django's username rule: letters (any script), digits and @ . + - _. */
    static final Pattern USERNAME = Pattern.compile("[\\w.@+-]+", Pattern.UNICODE_CHARACTER_CLASS);
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final String INVALID_USERNAME = "Enter a valid username. This value may contain only letters, numbers, "
            + "and @/./+/-/_ characters.";
    static final String INVALID_EMAIL = "Enter a valid email address.";
    static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::name).toList();

    /** Reads the fields; {@code requireSchool} is false only where {@code school} is not a field. */
    static UserFields read(RequestFields fields, boolean requireSchool, SchoolDomains schools) {
        String username = fields.matching("username", true, 150, false, USERNAME, INVALID_USERNAME);
        String email = email(fields);
        String firstName = fields.string("first_name", false, 150, true);
        String lastName = fields.string("last_name", false, 150, true);
        String role = fields.choice("role", false, ROLES);
        Long schoolId = requireSchool ? fields.primaryKey("school", true) : null;
        if (schoolId != null && !schools.isRegistered(schoolId)) {
            fields.error("school", "Invalid pk \"" + schoolId + "\" - object does not exist.");
        }
        String phone = fields.string("phone", false, 20, true);
        Boolean active = fields.bool("is_active");
        return new UserFields(username, email, firstName, lastName, role == null ? null : Role.valueOf(role),
                schoolId, phone, active);
    }

    static String email(RequestFields fields) {
        return fields.matching("email", false, 254, true, EMAIL, INVALID_EMAIL);
    }
}
