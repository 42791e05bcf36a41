package no.sunnekommuner.cms.content.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import no.sunnekommuner.cms.content.events.ContentEvent;
import no.sunnekommuner.cms.content.events.ContentEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhooks: every publish, unpublish and delete of published content that a target wants is written to that
 * target's persistent {@link WebhookOutbox} while the write's lock is held (so the outbox order is the write
 * order), and a worker thread per target POSTs the events one by one, oldest first: a failing target is retried
 * with exponential backoff and holds back its later events (in order), while other targets and the writes go on.
 * Pending events survive a restart and are sent after it.
 */
public final class WebhookDispatcher implements ContentEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT = 200;

    private final List<Worker> workers = new ArrayList<>();
    private final Function<ContentEvent, String> deliveryUrl;
    private final WebhookSettings settings;
    private final com.google.common.base.Supplier<HttpClient> client;
    private final Deque<WebhookDelivery> recent = new ArrayDeque<>();

    /**
     * @param folder      where the outboxes live ({@code <data.dir>/webhooks}), one sub-folder per target
     * @param deliveryUrl the public delivery URL of an event's item (empty when no endpoint serves it)
     */
    public WebhookDispatcher(List<WebhookTarget> targets, Path folder, WebhookSettings settings,
            Function<ContentEvent, String> deliveryUrl) {
        this.settings = settings;
        this.deliveryUrl = deliveryUrl;
        // never follow redirects: a target could otherwise send the server on to an address nobody configured.
        // Made at the first delivery: a client sets up TLS (the trust store), 50-100 ms of a start without webhooks
        this.client = com.google.common.base.Suppliers.memoize(() -> HttpClient.newBuilder()
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build());
        for (WebhookTarget target : targets) {
            workers.add(new Worker(target, new WebhookOutbox(folder.resolve(target.name()), settings.maxOutbox())));
        }
    }

    /** Starts sending, beginning with what is left over from the last run. */
    public void start() {
        workers.forEach(Worker::kick);
        if (!workers.isEmpty()) {
            LOG.info("Webhooks to {}", workers.stream().map(w -> w.target.name() + " " + w.target.url()).toList());
        }
    }

    public List<WebhookTarget> targets() {
        return workers.stream().map(w -> w.target).toList();
    }

    /** Events waiting per target. */
    public Map<String, Integer> pending() {
        Map<String, Integer> out = new LinkedHashMap<>();
        workers.forEach(w -> out.put(w.target.name(), w.outbox.size()));
        return out;
    }

    /** The latest attempts, newest first (bounded). */
    public List<WebhookDelivery> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    @Override
    public void onEvent(ContentEvent event) {
        WebhookTarget.Event kind = WebhookTarget.Event.of(event);
        if (kind == null || workers.stream().noneMatch(w -> w.target.wants(kind, event.workspace()))) {
            return;
        }
        byte[] body = payload(kind, event);
        for (Worker worker : workers) {
            if (worker.target.wants(kind, event.workspace())) {
                worker.add(body, kind, event);
            }
        }
    }

    private byte[] payload(WebhookTarget.Event kind, ContentEvent event) {
        ObjectNode o = JSON.createObjectNode();
        o.put("eventId", UUID.randomUUID().toString());
        o.put("event", kind.wireName());
        o.put("workspace", event.workspace());
        o.put("path", event.path());
        o.put("id", event.id());
        event.languages().forEach(o.putArray("languages")::add);
        if (event.languages().isEmpty()) {
            o.putArray("languages");
        }
        o.put("time", event.time().toString());
        String url = deliveryUrl.apply(event);
        if (url == null || url.isEmpty()) {
            o.putNull("deliveryUrl");
        } else {
            o.put("deliveryUrl", url);
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void remember(WebhookDelivery delivery) {
        synchronized (recent) {
            recent.addFirst(delivery);
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
    }

    @Override
    public void close() {
        workers.forEach(w -> w.executor.shutdownNow());
        for (Worker w : workers) {
            try {
                w.executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One target: its outbox and the single thread that sends its events in order. */
    private final class Worker {

        final WebhookTarget target;
        final WebhookOutbox outbox;
        final ScheduledExecutorService executor;
        private final Object lock = new Object();
        /** a drain is queued, running or waiting for its backoff */
        private boolean busy;
        private boolean again;
        private long headSequence = -1;
        private int headAttempts;

        Worker(WebhookTarget target, WebhookOutbox outbox) {
            this.target = target;
            this.outbox = outbox;
            this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "webhook-" + target.name());
                t.setDaemon(true);
                return t;
            });
        }

        void add(byte[] body, WebhookTarget.Event kind, ContentEvent event) {
            if (!outbox.add(body)) {
                LOG.error("Webhook outbox of '{}' is full ({} events): {} {}:{} is not sent", target.name(),
                        outbox.size(), kind.wireName(), event.workspace(), event.path());
                remember(new WebhookDelivery(Instant.now(), target.name(), -1, kind.wireName(), event.workspace(),
                        event.path(), 0, 0, WebhookDelivery.Outcome.REFUSED, "outbox full"));
                return;
            }
            kick();
        }

        void kick() {
            synchronized (lock) {
                if (busy) {
                    again = true;
                    return;
                }
                busy = true;
            }
            executor.execute(this::drain);
        }

        private void drain() {
            try {
                while (true) {
                    var next = outbox.oldest();
                    if (next.isEmpty()) {
                        synchronized (lock) {
                            if (!again) {
                                busy = false;
                                return;
                            }
                            again = false;
                        }
                        continue;
                    }
                    if (!send(next.get())) {
                        executor.schedule(this::drain, settings.backoff(headAttempts).toMillis(),
                                TimeUnit.MILLISECONDS);
                        return; // still busy: a new event waits behind the one being retried
                    }
                }
            } catch (RuntimeException e) {
                if (executor.isShutdown()) {
                    return; // stopping: what is left waits in the outbox for the next start
                }
                LOG.error("Webhook worker of '{}' failed; retrying in {}", target.name(), settings.maxBackoff(), e);
                executor.schedule(this::drain, settings.maxBackoff().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** One attempt; true when the event is done with (delivered or given up), false to retry it later. */
        private boolean send(WebhookOutbox.Pending event) {
            if (event.sequence() != headSequence) {
                headSequence = event.sequence();
                headAttempts = 0;
            }
            headAttempts++;
            JsonNode summary = summary(event.body());
            int status = 0;
            String message;
            try {
                HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(settings.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "sunne-kommuner-cms-webhook")
                        .header("X-SK-Event", summary.path("event").asText())
                        .header("X-SK-Delivery", summary.path("eventId").asText())
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(target.secret(), event.body()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(event.body())).build();
                HttpResponse<Void> response = client.get().send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                message = "HTTP " + status;
            } catch (IOException e) {
                message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            boolean ok = status >= 200 && status < 300;
            WebhookDelivery.Outcome outcome = ok ? WebhookDelivery.Outcome.DELIVERED
                    : headAttempts >= settings.maxAttempts() ? WebhookDelivery.Outcome.GAVE_UP
                    : WebhookDelivery.Outcome.RETRYING;
            remember(new WebhookDelivery(Instant.now(), target.name(), event.sequence(),
                    summary.path("event").asText(), summary.path("workspace").asText(), summary.path("path").asText(),
                    headAttempts, status, outcome, message));
            switch (outcome) {
                case DELIVERED -> outbox.delivered(event);
                case GAVE_UP -> {
                    LOG.error("Webhook to '{}' gave up after {} attempts ({}): event {}", target.name(),
                            headAttempts, message, event.sequence());
                    outbox.gaveUp(event);
                }
                default -> LOG.warn("Webhook to '{}' failed ({}), attempt {}; next in {}", target.name(), message,
                        headAttempts, settings.backoff(headAttempts));
            }
            return outcome != WebhookDelivery.Outcome.RETRYING;
        }

        private JsonNode summary(byte[] body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    /** The wait of the first retry, for messages. */
    public Duration firstRetry() {
        return settings.initialBackoff();
    }
}
