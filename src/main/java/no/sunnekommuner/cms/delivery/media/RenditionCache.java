package no.sunnekommuner.cms.delivery.media;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import no.sunnekommuner.cms.content.media.MediaFormat;
import no.sunnekommuner.cms.content.media.RenditionGenerator;
import no.sunnekommuner.cms.definition.ImagingVariation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renditions generated on first request and kept on disk: {@code <dir>/<asset id>/<version>/<variation>.<ext>}.
 * The version changes with every publish of the asset, so a new file gets new renditions and the old ones are
 * deleted when the first new one is made. Generation runs on a small bounded pool of its own (never on the
 * request threads: the servlet waits asynchronously), one generation per file at a time; when the queue is full
 * the request is refused (503) rather than piling up decoded images in memory.
 */
final class RenditionCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenditionCache.class);

    /** A rendition on disk. */
    record Cached(Path file, MediaFormat format) {
    }

    private final Path dir;
    private final RenditionGenerator generator = new RenditionGenerator();
    private final ThreadPoolExecutor executor;
    private final ConcurrentMap<Path, CompletableFuture<Cached>> inFlight = new ConcurrentHashMap<>();

    RenditionCache(Path dir, int threads, int queue) {
        this.dir = dir;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "rendition-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the rendition cache folder " + dir, e);
        }
    }

    /** The rendition when it is on disk already (served without leaving the request thread). */
    java.util.Optional<Cached> cached(ServedAsset asset, ImagingVariation variation) {
        MediaFormat format = RenditionGenerator.outputFormat(asset.format(), variation);
        Path file = file(asset, variation, format);
        return Files.isRegularFile(file) ? java.util.Optional.of(new Cached(file, format)) : java.util.Optional.empty();
    }

    private Path file(ServedAsset asset, ImagingVariation variation, MediaFormat format) {
        String spec = Hashing.sha256().hashString(variation.toString() + asset.focalX() + "," + asset.focalY(),
                StandardCharsets.UTF_8).toString().substring(0, 12);
        return dir.resolve(asset.id()).resolve(asset.version())
                .resolve(safe(variation.name()) + "-" + spec + "." + format.extension());
    }

    /** The rendition of an asset for a variation, generated if needed (the future fails when refused). */
    CompletableFuture<Cached> get(ServedAsset asset, ImagingVariation variation) {
        MediaFormat format = RenditionGenerator.outputFormat(asset.format(), variation);
        Path file = file(asset, variation, format);
        if (Files.isRegularFile(file)) {
            return CompletableFuture.completedFuture(new Cached(file, format));
        }
        return inFlight.computeIfAbsent(file, f -> {
            CompletableFuture<Cached> future = new CompletableFuture<>();
            try {
                executor.execute(() -> {
                    try {
                        future.complete(generate(asset, variation, file, format));
                    } catch (Throwable e) {
                        future.completeExceptionally(e);
                    } finally {
                        inFlight.remove(file);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException full) {
                inFlight.remove(file);
                future.completeExceptionally(full);
            }
            return future;
        });
    }

    private Cached generate(ServedAsset asset, ImagingVariation variation, Path file, MediaFormat format)
            throws IOException {
        if (Files.isRegularFile(file)) {
            return new Cached(file, format);
        }
        long started = System.nanoTime();
        RenditionGenerator.Rendition rendition;
        try (InputStream in = asset.data().openStream()) {
            rendition = generator.render(in, asset.format(), variation, asset.focalX(), asset.focalY());
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".rendition", ".tmp");
        Files.write(tmp, rendition.bytes());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        removeOtherVersions(file.getParent());
        LOG.debug("Rendition {} of {} ({} × {}) in {} ms", variation.name(), asset.path(), rendition.width(),
                rendition.height(), (System.nanoTime() - started) / 1_000_000);
        return new Cached(file, format);
    }

    /** Renditions of earlier versions of the asset are never asked for again. */
    private static void removeOtherVersions(Path versionDir) {
        try (Stream<Path> siblings = Files.list(versionDir.getParent())) {
            for (Path old : siblings.filter(p -> !p.equals(versionDir)).toList()) {
                try (Stream<Path> files = Files.walk(old)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove old renditions below {}: {}", versionDir.getParent(), e.getMessage());
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Renditions waiting or being generated (metrics, tests). */
    int pending() {
        return executor.getQueue().size() + executor.getActiveCount();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
