package no.sunnekommuner.cms.content.spi;

import no.sunnekommuner.cms.content.ContentException;

/**
 * One response would read more nodes than its budget allows (a whole-subtree {@code depth: -1}, a deep nodes-API
 * read, a page of items with deep children): refused as a whole rather than cut short, since a cut tree looks
 * complete to a client.
 */
public final class NodeBudgetExceededException extends ContentException {

    private final int budget;

    public NodeBudgetExceededException(int budget) {
        super("The response would contain more than " + budget + " nodes; ask for a smaller depth or fewer items");
        this.budget = budget;
    }

    public int budget() {
        return budget;
    }
}
