package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Where new items of a content type go once a folder is large ({@code dateFolders} in the module's
 * {@code standalone/content-rules.yaml}): into date folders below it, as Magnolia's news conventions keep
 * articles by year and month. Jackrabbit 2 keeps a folder's whole list of children in one record and rewrites it
 * whenever a child is added or removed, so a folder of 100,000 items would make every new item slower; filed
 * this way no folder grows far beyond {@code maxItems}.
 *
 * @param property the item's Date property that dates it; an item without one is filed under the day it is made
 * @param segments one date pattern per folder level, e.g. {@code yyyy} and {@code MM}
 * @param maxItems how many children a folder takes before new items go into date folders below it
 */
public record DateFolders(String property, ImmutableList<String> segments, int maxItems) {

    public DateFolders {
        Objects.requireNonNull(property, "property");
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("dateFolders needs at least one folder level");
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1");
        }
    }

    /** The folder names, outermost first, for an item of this date (e.g. {@code 2024}, {@code 05}). */
    public ImmutableList<String> folderNames(LocalDate date) {
        return segments.stream().map(s -> DateTimeFormatter.ofPattern(s, Locale.ROOT).format(date))
                .collect(ImmutableList.toImmutableList());
    }
}
