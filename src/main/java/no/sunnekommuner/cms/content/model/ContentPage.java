package no.sunnekommuner.cms.content.model;

import com.google.common.collect.ImmutableList;

/** One page of a listing and the number of all matches. */
public record ContentPage(long total, ImmutableList<ContentItem> items) {
}
