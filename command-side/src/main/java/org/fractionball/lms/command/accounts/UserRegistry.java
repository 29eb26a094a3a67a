package org.fractionball.lms.command.accounts;

/**
 * Set validation for users, owned by the command side: unique Firebase uid and username, and the
 * school and activity of each user (so commands can answer with user counts without reading a
 * projection).
 */
public interface UserRegistry {

    /** Records a new user; refuses a taken uid or username with a 400 naming the field. */
    void register(long userId, String firebaseUid, String username, long schoolId, boolean active);

    /** The user id linked to a Firebase uid, or null. */
    Long userIdFor(String firebaseUid);

    long countActiveUsers(long schoolId);
}
