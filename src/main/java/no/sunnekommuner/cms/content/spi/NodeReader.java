package no.sunnekommuner.cms.content.spi;

/**
 * Read port of the delivery API and the nodes API: nodes and queries of any workspace, as plain values. Each
 * response opens its own {@link NodeReads}, which counts the nodes it hands out against a budget.
 */
public interface NodeReader {

    /**
     * @param maxNodes most nodes this read may hand out (nodes, children, query rows and reference targets
     *                 together); one more is a {@link NodeBudgetExceededException}
     */
    NodeReads open(int maxNodes);
}
