package org.fractionball.lms.infrastructure.ops.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a rebuild's processor reads it: per stream, one thread reads the next events
 * from the store and another deserializes their payloads and metadata, while the processor's thread
 * applies and writes the batch before. A tracking processor otherwise does all three one after the
 * other on one thread, so on a replay the store's reads and the decoding (a third of the thread's
 * time) added up with the projection's writes; with reading and decoding on one thread, that thread
 * became the slower stage of the audit rebuild (docs/benchmarks.md). At most {@code capacity}
 * events wait at each stage. The reader, which sees every token in order, marks the events whose
 * position it knows for certain ({@link PositionedEventMessage}).
 */
final class PrefetchingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final int capacity;

    PrefetchingEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, int capacity) {
        this.store = store;
        this.capacity = capacity;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Stream(store.openStream(token), token, capacity);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /**
     * The event with its own position where its token shows it: a gap-aware token's index moves only
     * to the position of the event it comes with, and stays where it is for an event that fills a gap
     * below it. {@code before} is the token of the event read before it, or the stream's start.
     */
    static TrackedEventMessage<?> positioned(TrackedEventMessage<?> event, TrackingToken before) {
        if (event instanceof DomainEventMessage<?> stored
                && event.trackingToken() instanceof GapAwareTrackingToken token
                && (before == null
                || before instanceof GapAwareTrackingToken last && token.getIndex() > last.getIndex())) {
            return withPosition(token, stored, token.getIndex());
        }
        return event;
    }

    private static <T> TrackedEventMessage<T> withPosition(TrackingToken token, DomainEventMessage<T> stored,
                                                            long position) {
        return new PositionedEventMessage<>(token, stored, position);
    }

    private static final class Stream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> source;
        private final BlockingQueue<TrackedEventMessage<?>> read;
        private final BlockingQueue<TrackedEventMessage<?>> ahead;
        private final Thread reader;
        private final Thread decoder;
        /** The token of the last event read: the stream's start until the first. */
        private TrackingToken lastRead;
        private volatile RuntimeException failure;
        private volatile boolean closed;
        /** The next event, taken from the queue by {@link #hasNextAvailable} or {@link #peek}. */
        private TrackedEventMessage<?> next;

        Stream(BlockingStream<TrackedEventMessage<?>> source, TrackingToken start, int capacity) {
            this.source = source;
            this.lastRead = start;
            this.read = new ArrayBlockingQueue<>(capacity);
            this.ahead = new ArrayBlockingQueue<>(capacity);
            this.reader = daemon(this::readAhead, "rebuild-prefetch-read");
            this.decoder = daemon(this::decodeAhead, "rebuild-prefetch-decode");
        }

        private static Thread daemon(Runnable work, String name) {
            Thread thread = ProjectionRebuilds.daemonThreads(name).newThread(work);
            thread.start();
            return thread;
        }

        private void readAhead() {
            try {
                while (!closed) {
                    if (source.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        TrackedEventMessage<?> event = source.nextAvailable();
                        read.put(positioned(event, lastRead));
                        lastRead = event.trackingToken();
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException readFailed) {
                // the processor sees it on its next read, and retries by opening a new stream
                failure = readFailed;
            }
        }

        /** Decoded here, so the processor's thread finds them decoded. */
        private void decodeAhead() {
            try {
                while (!closed) {
                    TrackedEventMessage<?> event = read.take();
                    event.getPayload();
                    event.getMetaData();
                    ahead.put(event);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException decodingFailed) {
                failure = decodingFailed;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (next == null) {
                next = ahead.poll();
            }
            if (next == null) {
                rethrow();
            }
            return Optional.ofNullable(next);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (next == null) {
                next = ahead.poll(timeout, unit);
            }
            if (next == null) {
                rethrow();
            }
            return next != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (next == null) {
                rethrow();
                next = ahead.poll(100, TimeUnit.MILLISECONDS);
            }
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        private void rethrow() {
            RuntimeException failed = failure;
            if (failed != null && ahead.isEmpty()) {
                throw failed;
            }
        }

        @Override
        public void close() {
            closed = true;
            reader.interrupt();
            decoder.interrupt();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(5));
                decoder.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            source.close();
        }
    }
}
