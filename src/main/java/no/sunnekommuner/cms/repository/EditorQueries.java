package no.sunnekommuner.cms.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import org.apache.jackrabbit.util.ISO9075;

/**
 * Builds the XPath statement behind an editor listing. XPath rather than JCR-SQL2 because Jackrabbit 2 sorts SQL2
 * results in memory, while XPath {@code order by} is sorted by Lucene (measured: ~21 ms vs ~270 ms at 10k).
 * User text is reduced to words and escaped; nothing typed is pasted into the statement as is.
 */
final class EditorQueries {

    private EditorQueries() {
    }

    static String xpath(ContentTypeDefinition type, ContentQuery query) {
        StringBuilder x = new StringBuilder("/jcr:root");
        if (!type.rootPath().equals("/")) {
            x.append(ISO9075.encodePath(type.rootPath().replaceAll("/+$", "")));
        }
        x.append("//element(*, ").append(type.effectiveNodeType()).append(')');
        List<String> conditions = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("@" + ContentNodes.STATUS + " = '" + query.status().stored() + "'");
        }
        if (query.text() != null && !query.text().isBlank()) {
            String title = type.titleProperty();
            for (String word : words(query.text())) {
                String contains = "jcr:contains(., '" + word + "*')";
                conditions.add(title == null ? contains
                        : "(" + contains + " or jcr:like(fn:lower-case(@" + ISO9075.encode(title) + "), '%"
                        + word + "%'))");
            }
        }
        if (!conditions.isEmpty()) {
            x.append('[').append(String.join(" and ", conditions)).append(']');
        }
        if (query.orderBy() != null && !query.orderBy().isBlank()) {
            String property = query.orderBy().equals("@name") ? type.titleProperty() : query.orderBy();
            if (property != null && property.matches("[A-Za-z_][A-Za-z0-9_:.-]*")) {
                x.append(" order by @").append(ISO9075.encode(property))
                        .append(query.ascending() ? " ascending" : " descending");
            }
        }
        return x.toString();
    }

    /** Letters and digits only: enough for editors' searches and safe inside both jcr:contains and jcr:like. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.size() < 8) {
                words.add(w);
            }
        }
        return words;
    }
}
