package org.fractionball.lms.command.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.config.FeatureSwitches;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/**
 * Contract §5.14 writes. Visibility as for reads (own school; teachers see their own and public
 * playlists); changing or deleting a playlist is for its owner and its school's admins (D16);
 * items keep positions 1..n (D22); shares can be listed and revoked (D21).
 */
@RestController
@Tag(name = "Playlists")
public class PlaylistCommandController {
    private final CommandSender commands;
    private final PlaylistResponses responses;
    private final FeatureSwitches switches;

    public PlaylistCommandController(CommandSender commands, PlaylistResponses responses, FeatureSwitches switches) {
        this.commands = commands;
        this.responses = responses;
        this.switches = switches;
    }

    @Operation(summary = "Create a playlist", description = "Owned by the caller, in the caller's school, empty.")
    @PostMapping("/api/playlists/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        PlaylistEdit fields = PlaylistFields.forCreate(body);
        CreatePlaylist command = new CreatePlaylist(UUID.randomUUID(), fields.name(), fields.description(),
                fields.isPublic(), caller);
        return commands.send(AggregateIds.playlist(command.playlistId()), command, Playlist.MODEL, 201,
                responses::playlist);
    }

    @Operation(summary = "Replace a playlist's fields (owner or school admin)")
    @PutMapping("/api/playlists/{id}/")
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        return edit(id, PlaylistFields.forEdit(body, false), caller);
    }

    @Operation(summary = "Change some of a playlist's fields (owner or school admin)")
    @PatchMapping("/api/playlists/{id}/")
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        return edit(id, PlaylistFields.forEdit(body, true), caller);
    }

    @Operation(summary = "Delete a playlist with its items and share links (owner or school admin)")
    @DeleteMapping("/api/playlists/{id}/")
    public ResponseEntity<Object> delete(@PathVariable("id") String id, Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        return commands.send(AggregateIds.playlist(playlistId), new DeletePlaylist(playlistId, caller),
                Playlist.MODEL, 204, (Object ignored) -> null);
    }

    @Operation(summary = "Add a published video of the school (owner or school admin)",
            description = "Body {video_id, notes?, order?}: order 1..n+1 inserts there and moves the later items "
                    + "down; absent or 0 appends.")
    @PostMapping("/api/playlists/{id}/add_item/")
    public ResponseEntity<Object> addItem(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        AddPlaylistItem command = PlaylistFields.forAddItem(playlistId, body, caller);
        return commands.send(command.aggregateId(), command, Playlist.MODEL, 201, responses::item);
    }

    @Operation(summary = "Remove an item (owner or school admin); the later items move up",
            description = "Body {item_id}.")
    @DeleteMapping("/api/playlists/{id}/remove_item/")
    public ResponseEntity<Object> removeItem(@PathVariable("id") String id,
                                             @RequestBody(required = false) JsonNode body, Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        RemovePlaylistItem command = new RemovePlaylistItem(playlistId, PlaylistFields.itemId(body), caller);
        return commands.send(command.aggregateId(), command, Playlist.MODEL, 204, (Object ignored) -> null);
    }

    @Operation(summary = "Reorder the items (owner or school admin)",
            description = "Body {item_orders: [{id, order}]}: every item exactly once, orders a permutation of 1..n.")
    @PutMapping("/api/playlists/{id}/reorder/")
    public ResponseEntity<Object> reorder(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        ReorderPlaylist command = new ReorderPlaylist(playlistId, PlaylistFields.itemOrders(body), caller);
        return commands.send(command.aggregateId(), command, Playlist.MODEL, 200,
                (Integer ignored) -> Map.of("message", "Playlist reordered successfully"));
    }

    @Operation(summary = "Create a share link (owner or school admin)",
            description = "Body {expires_in_days?}: a whole number 1..3650; absent or null for a link without expiry.")
    @PostMapping("/api/playlists/{id}/share/")
    public ResponseEntity<Object> share(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        SharingSwitch.require(switches, caller);
        SharePlaylist command = new SharePlaylist(playlistId, UUID.randomUUID(), UUID.randomUUID(),
                PlaylistFields.expiresInDays(body), caller);
        return commands.send(AggregateIds.playlist(playlistId), command, Playlist.MODEL, 201, responses::share);
    }

    @Operation(summary = "Revoke a share link (owner or school admin)", description = "New (D21); answers the share.")
    @PostMapping("/api/playlists/{id}/shares/{shareId}/revoke/")
    public ResponseEntity<Object> revoke(@PathVariable("id") String id, @PathVariable("shareId") String shareId,
                                         Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        RevokePlaylistShare command = new RevokePlaylistShare(playlistId, PathIds.uuid(shareId), caller);
        return commands.send(AggregateIds.playlist(playlistId), command, Playlist.MODEL, 200, responses::share);
    }

    private ResponseEntity<Object> edit(String id, PlaylistEdit edit, Caller caller) {
        UUID playlistId = PathIds.uuid(id);
        ChangePlaylistDetails command = new ChangePlaylistDetails(playlistId, edit, caller);
        return commands.send(command.aggregateId(), command, Playlist.MODEL, 200, responses::playlist);
    }
}
