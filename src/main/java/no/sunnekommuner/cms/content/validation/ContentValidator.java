package no.sunnekommuner.cms.content.validation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.FieldDefinition;
import no.sunnekommuner.cms.definition.OptionDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.RuleBinding;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import no.sunnekommuner.cms.definition.ValidatorDefinition;

/**
 * Checks content against its definitions: required values in the default language, value types, multiplicity,
 * options, reference targets, the validators of the type's app forms ({@code emailValidator},
 * {@code regexpValidator}, resolved at load) and the domain rules the module binds to the type. No rule is chosen by
 * a property's name.
 * Reports every violation at once.
 */
public final class ContentValidator {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NODE_NAME = Pattern.compile("^[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]{0,199}$");

    private final DefinitionRegistry definitions;
    private final SiteLocales locales;
    private final ImmutableMap<String, DomainRule> rules;

    public ContentValidator(DefinitionRegistry definitions, SiteLocales locales, List<DomainRule> rules) {
        this.definitions = definitions;
        this.locales = locales;
        this.rules = rules.stream().collect(ImmutableMap.toImmutableMap(DomainRule::name, r -> r));
        // the loader accepts only rule names it knows; a binding without an implementation is a wiring mistake
        definitions.contentTypes().values().forEach(t -> t.rules().forEach(b -> {
            if (!this.rules.containsKey(b.rule())) {
                throw new IllegalStateException("Content type " + t.name() + " binds rule " + b.rule()
                        + ", which is not wired in");
            }
        }));
    }

    /** Applies the derivations of the domain rules (values that follow from others). */
    public ContentNode derive(ContentTypeDefinition type, ContentNode item) {
        ContentNode result = item;
        for (RuleBinding binding : type.rules()) {
            result = rules.get(binding.rule()).derive(type, binding, result);
        }
        return result;
    }

    /** The derivations with what rules may look up (other stored content); {@code path} null for a new item. */
    public ContentNode derive(ContentTypeDefinition type, ContentNode item, String path, ValidationContext context) {
        ContentNode result = item;
        for (RuleBinding binding : type.rules()) {
            result = rules.get(binding.rule()).derive(type, binding, result, path, context);
        }
        return result;
    }

    public static boolean isValidNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches();
    }

    /** Validates a whole item of a content type. */
    public ImmutableList<Violation> validateItem(ContentTypeDefinition type, ContentNode item, String path,
            ValidationContext context) {
        List<Violation> violations = new ArrayList<>();
        if (!isValidNodeName(item.name())) {
            violations.add(Violation.of("@name", "nodeName"));
        }
        validateProperties(type.properties(), item, "", type, context, violations, null);
        for (PropertyDefinition property : type.properties()) {
            if (property.type().kind() == PropertyType.Kind.SUB_MODEL) {
                Optional<SubModelDefinition> subModel = type.subModel(property.type().target());
                if (subModel.isEmpty()) {
                    continue;
                }
                ContentNode child = item.children().get(property.name());
                if (child == null && property.required()) {
                    violations.add(Violation.of(property.name(), "required"));
                } else if (child != null) {
                    validateProperties(subModel.get().properties(), child, property.name() + ".", type, context,
                            violations, subModel.get().name());
                }
            }
        }
        for (RuleBinding binding : type.rules()) {
            rules.get(binding.rule()).validate(type, binding, item, path, context, violations);
        }
        return ImmutableList.copyOf(violations);
    }

    /** The rules' checks before the item is published (the draft passed {@link #validateItem} when saved). */
    public ImmutableList<Violation> validatePublish(ContentTypeDefinition type, ContentNode item,
            ValidationContext context) {
        List<Violation> violations = new ArrayList<>();
        for (RuleBinding binding : type.rules()) {
            rules.get(binding.rule()).validatePublish(type, binding, item, locales, context, violations);
        }
        return ImmutableList.copyOf(violations);
    }

    /** Validates a sub-model node written on its own (as the nodes API does) against its sub-model. */
    public ImmutableList<Violation> validateSubNode(ContentTypeDefinition type, SubModelDefinition subModel,
            ContentNode node, String fieldPrefix, ValidationContext context) {
        List<Violation> violations = new ArrayList<>();
        validateProperties(subModel.properties(), node, fieldPrefix, type, context, violations, subModel.name());
        return ImmutableList.copyOf(violations);
    }

    private void validateProperties(List<PropertyDefinition> properties, ContentNode node, String prefix,
            ContentTypeDefinition type, ValidationContext context, List<Violation> violations, String subModelName) {
        for (PropertyDefinition property : properties) {
            if (property.type().kind() == PropertyType.Kind.SUB_MODEL) {
                continue;
            }
            List<String> storedNames = new ArrayList<>();
            storedNames.add(property.name());
            if (property.i18n()) {
                locales.otherLanguages().forEach(l -> storedNames.add(locales.storedName(property.name(), l)));
            }
            if (property.required() && Values.isEmpty(node.property(property.name()))) {
                violations.add(Violation.of(prefix + property.name(), "required"));
            }
            for (String stored : storedNames) {
                Object value = node.property(stored);
                if (value == null) {
                    continue;
                }
                String field = prefix + stored;
                if (value instanceof List<?> list && !property.multiple()) {
                    violations.add(Violation.of(field, "notMultiple"));
                    continue;
                }
                List<?> values = value instanceof List<?> list ? list : List.of(value);
                boolean typeOk = true;
                for (Object v : values) {
                    if (!hasType(v, property.type())) {
                        violations.add(Violation.of(field, "type", typeDescription(property.type())));
                        typeOk = false;
                        break;
                    }
                }
                if (!typeOk) {
                    continue;
                }
                checkOptions(property, field, values, violations);
                checkReferences(property, field, values, context, violations);
                checkValidators(validators(type, subModelName, property.name()), field, values, violations);
            }
        }
    }

    private static boolean hasType(Object value, PropertyType type) {
        return switch (type.kind()) {
            case BOOLEAN -> value instanceof Boolean;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double || value instanceof Long;
            case DECIMAL -> value instanceof BigDecimal || value instanceof Long;
            case DATE -> value instanceof OffsetDateTime;
            case SUB_MODEL -> false;
            // text kinds (String, richText, asset, references) take text only: a Binary value would reach delivery
            // unchecked and unsanitised
            default -> value instanceof String;
        };
    }

    private static String typeDescription(PropertyType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "true/false";
            case LONG -> "a whole number";
            case DOUBLE, DECIMAL -> "a number";
            case DATE -> "a date";
            default -> "text";
        };
    }

    private static void checkOptions(PropertyDefinition property, String field, List<?> values,
            List<Violation> violations) {
        if (!property.hasOptions()) {
            return;
        }
        List<String> allowed = property.options().stream().map(OptionDefinition::value).toList();
        for (Object v : values) {
            if (!Values.isEmpty(v) && !allowed.contains(Values.asText(v))) {
                violations.add(Violation.of(field, "option", String.join(", ", allowed)));
                return;
            }
        }
    }

    private void checkReferences(PropertyDefinition property, String field, List<?> values,
            ValidationContext context, List<Violation> violations) {
        if (property.type().kind() != PropertyType.Kind.REFERENCE) {
            return;
        }
        ContentTypeDefinition target = definitions.contentTypes().get(property.type().target());
        for (Object v : values) {
            String id = Values.asText(v);
            if (Values.isEmpty(id)) {
                continue;
            }
            if (!UUID.matcher(id).matches()) {
                violations.add(Violation.of(field, "referenceFormat", id));
                continue;
            }
            if (target == null || context.mode() == ValidationMode.IMPORT) {
                continue;
            }
            Optional<ContentItem> referenced = context.byIdentifier(target.workspace(), id);
            if (referenced.isEmpty()) {
                violations.add(Violation.of(field, "referenceMissing", id));
            } else if (!referenced.get().node().nodeType().equals(target.effectiveNodeType())) {
                violations.add(Violation.of(field, "referenceType", referenced.get().path(), target.name()));
            }
        }
    }

    /**
     * The validators the type's app forms give a property (every app of the type counts: an item must satisfy the
     * forms it can be edited in). {@code subModelProperty} is null for a top-level property.
     */
    private List<ValidatorDefinition> validators(ContentTypeDefinition type, String subModelName,
            String propertyName) {
        List<ValidatorDefinition> validators = new ArrayList<>();
        for (AppDefinition app : definitions.apps().values()) {
            if (!type.name().equals(app.contentType())) {
                continue;
            }
            if (subModelName == null) {
                app.field(propertyName).map(FieldDefinition::validators).ifPresent(validators::addAll);
                continue;
            }
            // a sub-model may back several properties (their composite fields each have their own overrides)
            for (PropertyDefinition holder : type.properties()) {
                if (holder.type().kind() == PropertyType.Kind.SUB_MODEL
                        && holder.type().target().equals(subModelName)) {
                    app.field(holder.name()).flatMap(f -> f.field(propertyName))
                            .map(FieldDefinition::validators).ifPresent(validators::addAll);
                }
            }
        }
        return validators;
    }

    private void checkValidators(List<ValidatorDefinition> validators, String field, List<?> values,
            List<Violation> violations) {
        if (validators.isEmpty()) {
            return;
        }
        for (Object v : values) {
            String text = Values.asText(v);
            if (Values.isEmpty(text)) {
                continue;
            }
            for (ValidatorDefinition validator : validators) {
                // the text form of any type: a regexp on a Long checks its digits, as Magnolia's form does
                if (!validator.accepts(text)) {
                    violations.add(new Violation(field, validator.rule(), ImmutableList.of(),
                            validator.errorMessage()));
                }
            }
        }
    }
}
