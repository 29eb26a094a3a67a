package org.fractionball.lms.command.accounts;

/**
 * Set validation for users, owned by the command side and written in each command's transaction:
 * unique Firebase uid, username and (non-empty, case-insensitive) e-mail, and each user's school
 * and activity, so commands can check scopes and answer with user counts without reading a
 * projection.
 */
public interface UserRegistry {
    String UID_TAKEN = "A user with this Firebase UID already exists.";
    String USERNAME_TAKEN = "A user with that username already exists.";
    String EMAIL_TAKEN = "A user with this email already exists.";

    /** Records a new user; refuses a taken uid, username or e-mail with a 400 naming the field. */
    void register(long userId, String firebaseUid, String username, String email, long schoolId, boolean active);

    /** Changes the username and e-mail of a user; refuses values another user holds. */
    void changeIdentity(long userId, String username, String email);

    void changeSchool(long userId, long schoolId);

    void changeActive(long userId, boolean active);

    /** Frees the uid, username and e-mail of a removed user. */
    void remove(long userId);

    /**
     * Forgets the username, e-mail and name of an erased user (its username becomes
     * {@code erased-<id>}, so it stays unique) and records it as inactive; its uid stays linked.
     */
    void erase(long userId);

    /** The user id linked to a Firebase uid, or null. */
    Long userIdFor(String firebaseUid);

    /** The school of a live user, or null when there is no such user. */
    Long schoolOf(long userId);

    long countActiveUsers(long schoolId);

    /** Records the user's first and last name for {@link #fullNameOf}. */
    void changeNames(long userId, String firstName, String lastName);

    /** The contract's {@code full_name} of a live user ("first last", else the username), or null. */
    String fullNameOf(long userId);
}
