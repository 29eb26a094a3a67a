package org.fractionball.lms.command.playlists;

import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.shared.Caller;

/**
 * The feature flag {@code playlist_sharing_enabled} (D25f): while it is off for a caller, sharing
 * and copying shared playlists are refused; while it is off altogether, share links do not open.
 * Revoking a link stays possible, so owners can still withdraw what they shared.
 */
final class SharingSwitch {
    static final String DISABLED = "Playlist sharing is disabled";

    private SharingSwitch() {
    }

    static void require(FeatureSwitches switches, Caller caller) {
        if (!switches.isEnabled(ConfigDefaults.PLAYLIST_SHARING_ENABLED, caller)) {
            throw CommandRejected.error(403, DISABLED);
        }
    }

    /** For the anonymous link: the flag's scope names users, so only its switch itself can apply. */
    static void requireSwitchedOn(FeatureSwitches switches) {
        if (!switches.isSwitchedOn(ConfigDefaults.PLAYLIST_SHARING_ENABLED)) {
            throw CommandRejected.error(403, DISABLED);
        }
    }
}
