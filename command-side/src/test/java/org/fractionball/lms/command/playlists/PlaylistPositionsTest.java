package org.fractionball.lms.command.playlists;

import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 1..n invariant (D22) under long random sequences of inserts, removals, reorders (valid and
 * invalid) and video deletions, each command replayed from the event store, checked after every
 * step against a plain list of what a client sees.
 */
class PlaylistPositionsTest {
    private static final long SCHOOL_ID = 7;
    private static final Caller OWNER = new Caller(42, "owner-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller SCHOOL_ADMIN = new Caller(10, "school-admin-uid", Role.SCHOOL_ADMIN, SCHOOL_ID);
    private static final int STEPS = 150;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void positionsAreAlwaysOneToNAndFollowAListModel(long seed) {
        Random random = new Random(seed);
        try (PlaylistWorld world = new PlaylistWorld()) {
            UUID playlistId = UUID.randomUUID();
            world.send(new CreatePlaylist(playlistId, "Random walk", "", false, OWNER));
            List<UUID> model = new ArrayList<>();
            Map<UUID, UUID> videoOf = new HashMap<>();
            Set<UUID> deleted = new HashSet<>();
            for (int step = 0; step < STEPS; step++) {
                Caller by = random.nextBoolean() ? OWNER : SCHOOL_ADMIN;
                int choice = random.nextInt(10);
                boolean applied;
                if (choice < 4) {
                    applied = add(world, random, playlistId, model, videoOf, by);
                } else if (choice < 6) {
                    applied = remove(world, random, playlistId, model, by);
                } else if (choice < 8) {
                    applied = reorder(world, random, playlistId, model, by);
                } else if (choice < 9 && !model.isEmpty()) {
                    UUID item = model.get(random.nextInt(model.size()));
                    world.videos.delete(videoOf.get(item), SCHOOL_ID);
                    deleted.add(videoOf.get(item));
                    model.remove(item);
                    applied = false;
                } else {
                    world.send(new ChangePlaylistDetails(playlistId, new PlaylistEdit("Step " + step, null, null), by));
                    applied = true;
                }
                PlaylistState state = world.state(playlistId);
                assertThat(state.items()).extracting(PlaylistItemState::position)
                        .as("step %d", step).containsExactlyElementsOf(IntStream.rangeClosed(1, state.items().size())
                                .boxed().toList());
                List<UUID> visible = state.items().stream().filter(item -> !deleted.contains(item.videoId()))
                        .map(PlaylistItemState::itemId).toList();
                assertThat(visible).as("step %d", step).isEqualTo(model);
                if (applied) {
                    // a command that reads the items drops those of deleted videos first
                    assertThat(state.items()).extracting(PlaylistItemState::itemId).as("step %d", step)
                            .isEqualTo(model);
                }
            }
        }
    }

    /** Adds at a random position (or refuses one beyond the end); whether a command was applied. */
    private static boolean add(PlaylistWorld world, Random random, UUID playlistId, List<UUID> model,
                            Map<UUID, UUID> videoOf, Caller by) {
        UUID video = world.videos.published(SCHOOL_ID, "Video " + videoOf.size(), random.nextInt(600));
        UUID itemId = UUID.randomUUID();
        int n = model.size();
        if (random.nextInt(8) == 0) {
            int beyond = n + 2 + random.nextInt(3);
            assertThatThrownBy(() -> world.send(new AddPlaylistItem(playlistId, itemId, video, "", beyond, by)))
                    .isInstanceOf(CommandRejected.class);
            return false;
        }
        int order = random.nextInt(n + 2);
        world.send(new AddPlaylistItem(playlistId, itemId, video, "", order, by));
        model.add(order == 0 ? n : order - 1, itemId);
        videoOf.put(itemId, video);
        return true;
    }

    private static boolean remove(PlaylistWorld world, Random random, UUID playlistId, List<UUID> model, Caller by) {
        if (model.isEmpty() || random.nextInt(6) == 0) {
            assertThatThrownBy(() -> world.send(new RemovePlaylistItem(playlistId, UUID.randomUUID(), by)))
                    .isInstanceOf(CommandRejected.class)
                    .satisfies(refusal -> assertThat(((CommandRejected) refusal).status()).isEqualTo(404));
            return false;
        }
        UUID item = model.get(random.nextInt(model.size()));
        world.send(new RemovePlaylistItem(playlistId, item, by));
        model.remove(item);
        return true;
    }

    /** A random permutation, or one spoilt in one of the ways D22 names (refused with a 400). */
    private static boolean reorder(PlaylistWorld world, Random random, UUID playlistId, List<UUID> model, Caller by) {
        List<UUID> shuffled = new ArrayList<>(model);
        Collections.shuffle(shuffled, random);
        List<ItemOrder> orders = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            orders.add(new ItemOrder(shuffled.get(i), i + 1));
        }
        Collections.shuffle(orders, random);
        int spoil = shuffled.isEmpty() ? 0 : random.nextInt(5);
        switch (spoil) {
            case 1 -> orders.remove(orders.size() - 1);
            case 2 -> orders.add(new ItemOrder(orders.get(0).itemId(), orders.size() + 1));
            case 3 -> orders.set(0, new ItemOrder(UUID.randomUUID(), orders.get(0).order()));
            case 4 -> orders.set(0, new ItemOrder(orders.get(0).itemId(), random.nextBoolean() ? 0 : model.size() + 1));
            default -> {
                world.send(new ReorderPlaylist(playlistId, orders, by));
                model.clear();
                model.addAll(shuffled);
                return true;
            }
        }
        assertThatThrownBy(() -> world.send(new ReorderPlaylist(playlistId, orders, by)))
                .isInstanceOf(CommandRejected.class)
                .satisfies(refusal -> assertThat(((CommandRejected) refusal).status()).isEqualTo(400));
        return false;
    }
}
