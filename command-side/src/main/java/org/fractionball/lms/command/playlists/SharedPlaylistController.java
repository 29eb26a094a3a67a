package org.fractionball.lms.command.playlists;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Contract §5.15. Opening a share link is a command although it is a GET: every view is counted
 * (an event on the link's own stream), and the query side never sends commands; the answer comes
 * from the aggregates, like every command answer, so a revoked link stops working at once.
 */
@RestController
@Tag(name = "Playlists")
public class SharedPlaylistController {
    private final CommandSender commands;
    private final PlaylistResponses responses;
    private final FeatureSwitches switches;

    public SharedPlaylistController(CommandSender commands, PlaylistResponses responses, FeatureSwitches switches) {
        this.commands = commands;
        this.responses = responses;
        this.switches = switches;
    }

    @Operation(summary = "A shared playlist (anonymous)", description = "Only its published videos and no ids; "
            + "counts the view. Unknown token 404, revoked or expired link 410.")
    @GetMapping("/api/shared/{token}/")
    public ResponseEntity<Object> view(@PathVariable("token") String token) {
        UUID shareToken = PathIds.uuid(token);
        SharingSwitch.requireSwitchedOn(switches);
        return commands.send(PlaylistShareLink.aggregateId(shareToken), new ViewSharedPlaylist(shareToken),
                Playlist.MODEL, 200, responses::shared);
    }

    @Operation(summary = "Copy a shared playlist into a new private playlist of the caller",
            description = "Copies the items whose video is published in the caller's school; once per caller while "
                    + "the copy exists.")
    @PostMapping("/api/shared/{token}/duplicate/")
    public ResponseEntity<Object> duplicate(@PathVariable("token") String token, Caller caller) {
        SharingSwitch.require(switches, caller);
        DuplicateSharedPlaylist command = new DuplicateSharedPlaylist(PathIds.uuid(token), UUID.randomUUID(), caller);
        return commands.send(AggregateIds.playlist(command.copyId()), command, Playlist.MODEL, 201,
                responses::playlist);
    }
}
