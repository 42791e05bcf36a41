package no.sunnekommuner.cms.content.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persistent queue of one target: one file per event in {@code pending/}, named by a zero-padded sequence
 * number so that the name order is the event order. A file is written to a temporary name and moved into place,
 * so a crash leaves either the whole event or none. Delivered events are deleted; events that used up their
 * attempts move to {@code failed/} (kept for the admin view, bounded). At most {@code maxEvents} wait: beyond
 * that a new event is refused (and reported), so an unreachable target cannot fill the disk.
 */
final class WebhookOutbox {

    private static final int MAX_FAILED_KEPT = 200;

    private final Path pending;
    private final Path failed;
    private final int maxEvents;
    private long nextSequence;
    private int size;

    WebhookOutbox(Path folder, int maxEvents) {
        this.pending = folder.resolve("pending");
        this.failed = folder.resolve("failed");
        this.maxEvents = maxEvents;
        try {
            Files.createDirectories(pending);
            Files.createDirectories(failed);
            List<Path> files = list(pending);
            size = files.size();
            long last = files.isEmpty() ? 0 : sequence(files.get(files.size() - 1));
            List<Path> failedFiles = list(failed);
            if (!failedFiles.isEmpty()) {
                last = Math.max(last, sequence(failedFiles.get(failedFiles.size() - 1)));
            }
            nextSequence = last + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the webhook outbox " + folder, e);
        }
    }

    /** Adds an event; false when the outbox is full. */
    synchronized boolean add(byte[] body) {
        if (size >= maxEvents) {
            return false;
        }
        Path target = pending.resolve(String.format("%019d.json", nextSequence));
        Path temporary = pending.resolve(String.format(".%019d.tmp", nextSequence));
        try {
            Files.write(temporary, body);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the webhook outbox " + pending, e);
        }
        nextSequence++;
        size++;
        return true;
    }

    record Pending(Path file, long sequence, byte[] body) {
    }

    /** The oldest waiting event. */
    synchronized Optional<Pending> oldest() {
        try {
            List<Path> files = list(pending);
            if (files.isEmpty()) {
                return Optional.empty();
            }
            Path first = files.get(0);
            return Optional.of(new Pending(first, sequence(first), Files.readAllBytes(first)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void delivered(Pending event) {
        try {
            Files.deleteIfExists(event.file());
            size--;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void gaveUp(Pending event) {
        try {
            Files.move(event.file(), failed.resolve(event.file().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            size--;
            List<Path> old = list(failed);
            for (int i = 0; i < old.size() - MAX_FAILED_KEPT; i++) {
                Files.deleteIfExists(old.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized int size() {
        return size;
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static long sequence(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }
}
