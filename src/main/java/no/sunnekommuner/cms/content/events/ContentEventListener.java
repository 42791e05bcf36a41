package no.sunnekommuner.cms.content.events;

/**
 * Told of every successful write of the content service, in the order of the writes of a workspace (it runs while
 * the workspace's write lock is held, so it must be quick: append to a file, queue work, never wait for a network).
 * A failing listener is logged and does not undo or fail the write.
 */
@FunctionalInterface
public interface ContentEventListener {

    void onEvent(ContentEvent event);
}
