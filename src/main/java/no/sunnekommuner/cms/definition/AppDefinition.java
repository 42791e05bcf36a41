package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An editor app ({@code apps/<name>.yaml}), usually generated from a content type with {@code !content-type:<name>}
 * and refined by overrides in the same file.
 *
 * @param name        {@code name:} in the file, else the file name
 * @param contentType the content type named by {@code !content-type:}
 * @param label       {@code label:}, or null (the message bundle then names the app)
 * @param icon        {@code icon:}, or null
 * @param order       position in the launcher: {@code order:} is ours only via i18n-free ordering by file name;
 *                    kept as the file's position among the module's apps
 * @param roles       {@code permissions.roles}
 */
public record AppDefinition(
        String name,
        String module,
        Path source,
        String contentType,
        String label,
        String icon,
        int order,
        ImmutableList<String> roles,
        ImmutableList<ColumnDefinition> columns,
        ImmutableMap<String, FieldDefinition> fields,
        ImmutableMap<String, Object> raw) {

    public AppDefinition {
        Objects.requireNonNull(name, "name");
        roles = roles == null ? ImmutableList.of() : roles;
        columns = columns == null ? ImmutableList.of() : columns;
        fields = fields == null ? ImmutableMap.of() : fields;
        raw = raw == null ? ImmutableMap.of() : raw;
    }

    public Optional<FieldDefinition> field(String propertyName) {
        return Optional.ofNullable(fields.get(propertyName));
    }
}
