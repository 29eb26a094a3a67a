package org.fractionball.lms.infrastructure.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a verification, shared by the HTTP endpoint and the CLI. */
final class VerificationReport {
    private VerificationReport() {
    }

    static Map<String, Object> of(EventStoreVerifier.Verification verification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", verification.valid());
        body.put("from", verification.from());
        body.put("to", verification.to());
        body.put("events_verified", verification.verified());
        body.put("sealed_through", verification.sealedThrough());
        body.put("unsealed_events", verification.unsealed());
        body.put("head_seal_digest", verification.headSealDigest());
        if (verification.firstFailure() == null) {
            body.put("first_failure", null);
        } else {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("position", verification.firstFailure().position());
            failure.put("reason", verification.firstFailure().reason());
            body.put("first_failure", failure);
        }
        return body;
    }
}
