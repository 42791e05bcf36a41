package no.sunnekommuner.cms.content.model;

import com.google.common.collect.ImmutableList;
import no.sunnekommuner.cms.content.spi.StoredNode;

/** One page of a {@link NodeQuery}: its nodes and the number of all matches. */
public record NodePage(long total, ImmutableList<StoredNode> nodes) {

    public NodePage {
        nodes = nodes == null ? ImmutableList.of() : nodes;
    }
}
