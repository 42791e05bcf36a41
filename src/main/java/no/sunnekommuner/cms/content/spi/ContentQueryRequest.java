package no.sunnekommuner.cms.content.spi;

import no.sunnekommuner.cms.content.model.ContentQuery;

/** A listing request as the store receives it: the editor's query and whether to read the published snapshot. */
public record ContentQueryRequest(ContentQuery query, boolean published) {
}
