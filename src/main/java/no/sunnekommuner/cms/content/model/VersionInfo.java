package no.sunnekommuner.cms.content.model;

import java.time.OffsetDateTime;

/** One stored version of an item, made by a publish. */
public record VersionInfo(String name, OffsetDateTime created, String createdBy, String comment) {
}
