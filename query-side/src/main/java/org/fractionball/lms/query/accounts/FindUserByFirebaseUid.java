package org.fractionball.lms.query.accounts;

public record FindUserByFirebaseUid(String firebaseUid) {
}
