package no.sunnekommuner.cms.definition;

import java.util.Objects;

/** A column of an app's browser ({@code subApps.browser.workbench.contentViews[].columns[]}). */
public record ColumnDefinition(String name, String columnType, String label, String propertyName) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        propertyName = propertyName == null ? name : propertyName;
    }
}
