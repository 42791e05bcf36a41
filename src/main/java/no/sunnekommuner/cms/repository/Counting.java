package no.sunnekommuner.cms.repository;

import javax.jcr.NodeIterator;
import javax.jcr.RepositoryException;
import javax.jcr.query.QueryResult;
import org.apache.jackrabbit.api.query.JackrabbitQueryResult;

/** The number of matches of an unpaged query, as cheaply as Jackrabbit can tell it. */
public final class Counting {

    private Counting() {
    }

    public static long total(QueryResult result) throws RepositoryException {
        // results are fetched lazily (resultFetchSize): the index knows the number of hits, the iterator may not
        if (result instanceof JackrabbitQueryResult jr && jr.getTotalSize() >= 0) {
            return jr.getTotalSize();
        }
        NodeIterator nodes = result.getNodes();
        if (nodes.getSize() >= 0) {
            return nodes.getSize();
        }
        long n = 0;
        while (nodes.hasNext()) {
            nodes.nextNode();
            n++;
        }
        return n;
    }
}
