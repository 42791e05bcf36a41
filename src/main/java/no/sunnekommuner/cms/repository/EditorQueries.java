package no.sunnekommuner.cms.repository;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.NodeQuery;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;

/**
 * An editor listing ({@link ContentQuery}) as the planner's {@link NodeQuery}: items of the content type's node
 * type below its root, the search as the editor's word search over full text and title, the status as a filter
 * on the stored publication state, the order by the property as stored (index order, case kept).
 */
final class EditorQueries {

    private EditorQueries() {
    }

    static NodeQuery of(ContentTypeDefinition type, ContentQuery query, String workspace) {
        ImmutableList.Builder<NodeQuery.Filter> filters = ImmutableList.builder();
        if (query.status() != null) {
            filters.add(new NodeQuery.Filter(ContentNodes.STATUS, NodeQuery.Operator.EQ, query.status().stored()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            filters.add(new NodeQuery.Filter(type.titleProperty(), NodeQuery.Operator.WORDS, query.text()));
        }
        ImmutableList<NodeQuery.Order> order = ImmutableList.of();
        if (query.orderBy() != null && !query.orderBy().isBlank()) {
            String property = query.orderBy().equals("@name") ? type.titleProperty() : query.orderBy();
            if (property != null && property.matches("[A-Za-z_][A-Za-z0-9_:.-]*")) {
                order = ImmutableList.of(new NodeQuery.Order(property, !query.ascending(), false));
            }
        }
        return new NodeQuery(workspace, type.rootPath(), ImmutableList.of(type.effectiveNodeType()), filters.build(),
                ImmutableList.of(), null, order, ImmutableMap.of(ContentNodes.STATUS, ValueKind.STRING),
                query.offset(), query.limit());
    }
}
