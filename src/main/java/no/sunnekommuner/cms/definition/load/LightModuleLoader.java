package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import no.sunnekommuner.cms.definition.AppDefinition;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.FeedSettings;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.PropertyDefinition;
import no.sunnekommuner.cms.definition.PropertyType;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Loads every light module below the given folders into a {@link DefinitionRegistry}: content types first, then
 * apps and delivery endpoints (the order Magnolia registers them in at start-up), then the i18n message bundles.
 * A definition with a severe problem is left out of the registry; its problems say why.
 */
public final class LightModuleLoader {

    private static final String CONTENT_TYPES = "contentTypes";
    private static final String APPS = "apps";
    private static final String REST_ENDPOINTS = "restEndpoints";
    private static final String I18N = "i18n";

    /** Loads and returns the definitions with every problem found; never throws for bad definitions. */
    public DefinitionRegistry load(List<Path> lightModuleDirs) {
        ProblemReporter problems = new ProblemReporter();
        List<Module> modules = new ArrayList<>();
        for (Path dir : lightModuleDirs) {
            Path root = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                problems.report(Severity.SEVERE, root, 0, "", "The light-modules folder does not exist "
                        + "(setting lightModules.dirs)");
                continue;
            }
            if (isModule(root)) {
                // a module given where the folder holding modules is expected would load nothing at all
                problems.report(Severity.SEVERE, root, 0, "", "'" + root + "' is a light module, not a folder of "
                        + "light modules (setting lightModules.dirs); did you mean its parent '" + root.getParent()
                        + "'?");
                continue;
            }
            for (Path moduleDir : list(root, problems)) {
                if (isModule(moduleDir)) {
                    modules.add(new Module(moduleDir.getFileName().toString(), moduleDir, new YamlParser(root,
                            problems)));
                }
            }
        }
        Map<String, ContentTypeDefinition> contentTypes = new LinkedHashMap<>();
        Map<String, AppDefinition> apps = new LinkedHashMap<>();
        Map<String, DeliveryEndpointDefinition> endpoints = new LinkedHashMap<>();
        Map<String, Map<String, String>> messages = new TreeMap<>();
        LinkedHashSet<String> moduleNames = new LinkedHashSet<>();
        for (Module module : modules) {
            if (!moduleNames.add(module.name())) {
                problems.report(Severity.SEVERE, module.dir(), 0, "", "Light module '" + module.name()
                        + "' exists in more than one light-modules folder");
                continue;
            }
            Path descriptor = module.dir().resolve("module.yaml");
            if (Files.isRegularFile(descriptor)) {
                module.parser().parse(descriptor);
            }
        }
        ContentTypeReader typeReader = new ContentTypeReader(problems);
        for (Module module : modules) {
            for (Path file : yamlFiles(module.dir().resolve(CONTENT_TYPES), problems)) {
                int mark = problems.mark();
                module.parser().parse(file).flatMap(d -> typeReader.read(d, module.name())).ifPresent(type -> {
                    ContentTypeDefinition existing = contentTypes.get(type.name());
                    if (existing != null) {
                        problems.report(Severity.SEVERE, file, 0, "", "Duplicate content type '" + type.name()
                                + "', already defined in " + existing.source());
                    } else if (contentTypes.values().stream().anyMatch(t -> t.workspace().equals(type.workspace()))) {
                        problems.report(Severity.SEVERE, file, 0, "datasource.workspace", "Workspace '"
                                + type.workspace() + "' already holds another content type; the standalone runtime "
                                + "keeps one content type per workspace");
                    } else if (!problems.severeSince(mark, file)) {
                        contentTypes.put(type.name(), type);
                    }
                });
            }
        }
        checkReferences(contentTypes, problems);
        ContentRulesReader rulesReader = new ContentRulesReader(problems);
        for (Module module : modules) {
            Path rules = module.dir().resolve(ContentRulesReader.FOLDER).resolve(ContentRulesReader.FILE);
            if (Files.isRegularFile(rules)) {
                module.parser().parse(rules).ifPresent(d -> rulesReader.apply(d, contentTypes));
            }
        }
        AppReader appReader = new AppReader(problems);
        int order = 0;
        for (Module module : modules) {
            for (Path file : yamlFiles(module.dir().resolve(APPS), problems)) {
                int mark = problems.mark();
                int position = order++;
                module.parser().parse(file).flatMap(d -> appReader.read(d, module.name(), position, contentTypes))
                        .ifPresent(app -> {
                            if (apps.containsKey(app.name())) {
                                problems.report(Severity.SEVERE, file, 0, "name", "Duplicate app '" + app.name()
                                        + "', already defined in " + apps.get(app.name()).source());
                            } else if (!problems.severeSince(mark, file)) {
                                apps.put(app.name(), app);
                            }
                        });
            }
        }
        DeliveryEndpointReader endpointReader = new DeliveryEndpointReader(problems);
        for (Module module : modules) {
            Path restDir = module.dir().resolve(REST_ENDPOINTS);
            for (Path file : yamlFiles(restDir, problems)) {
                int mark = problems.mark();
                module.parser().parse(file).flatMap(d -> endpointReader.read(d, module.name(), restDir))
                        .ifPresent(endpoint -> {
                            DeliveryEndpointDefinition existing = endpoints.get(endpoint.endpointPath());
                            if (existing != null) {
                                problems.report(Severity.SEVERE, file, 0, "", "Duplicate endpoint path '"
                                        + endpoint.endpointPath() + "', already defined in " + existing.source());
                            } else if (!problems.severeSince(mark, file)) {
                                endpoints.put(endpoint.endpointPath(), endpoint);
                            }
                        });
            }
        }
        checkEndpoints(endpoints, contentTypes, problems);
        Map<String, FeedSettings> feeds = new LinkedHashMap<>();
        Map<String, no.sunnekommuner.cms.definition.EndpointOptions> endpointOptions = new LinkedHashMap<>();
        for (Module module : modules) {
            Path rules = module.dir().resolve(ContentRulesReader.FOLDER).resolve(ContentRulesReader.FILE);
            if (Files.isRegularFile(rules)) {
                module.parser().parse(rules).ifPresent(d -> rulesReader.applyEndpoints(d, endpoints, contentTypes,
                        feeds, endpointOptions));
            }
        }
        java.util.Set<String> reviewApps = new LinkedHashSet<>();
        for (Module module : modules) {
            Path rules = module.dir().resolve(ContentRulesReader.FOLDER).resolve(ContentRulesReader.FILE);
            if (Files.isRegularFile(rules)) {
                module.parser().parse(rules).ifPresent(d -> rulesReader.applyApps(d, apps, reviewApps));
            }
        }
        for (Module module : modules) {
            readMessages(module.dir().resolve(I18N), messages, problems);
        }
        ImmutableMap.Builder<String, ImmutableMap<String, String>> bundles = ImmutableMap.builder();
        messages.forEach((language, bundle) -> bundles.put(language, ImmutableMap.copyOf(bundle)));
        return new DefinitionRegistry(ImmutableSet.copyOf(moduleNames), ImmutableMap.copyOf(contentTypes),
                ImmutableMap.copyOf(apps), ImmutableMap.copyOf(endpoints), bundles.build(), problems.problems(),
                ImmutableMap.copyOf(feeds), ImmutableSet.copyOf(reviewApps), ImmutableMap.copyOf(endpointOptions));
    }

    /** Loads the definitions and throws, listing every problem, if any is severe. */
    public DefinitionRegistry loadOrFail(List<Path> lightModuleDirs) {
        DefinitionRegistry registry = load(lightModuleDirs);
        if (registry.hasSevereProblems()) {
            throw new DefinitionProblemsException(registry.problems());
        }
        return registry;
    }

    /**
     * An endpoint's workspace, node types, reference properties and target workspaces must be those of the loaded
     * content types (Magnolia reports an unknown workspace; a typo in {@code targetWorkspace} would otherwise
     * deliver bare ids). Problems are major: the endpoint still serves what it can.
     */
    /** A reference's propertyName is a regular expression in Magnolia ({@code image|logo|gallery}). */
    private static boolean matchesPattern(String name, String pattern) {
        try {
            return name.matches(pattern);
        } catch (java.util.regex.PatternSyntaxException literal) {
            return false;
        }
    }

    private static void checkEndpoints(Map<String, DeliveryEndpointDefinition> endpoints,
            Map<String, ContentTypeDefinition> contentTypes, ProblemReporter problems) {
        List<String> workspaces = contentTypes.values().stream().map(ContentTypeDefinition::workspace).toList();
        java.util.Set<String> nodeTypes = new java.util.HashSet<>(List.of(NodeTypeNames.CONTENT,
                NodeTypeNames.CONTENT_NODE, "mgnl:folder"));
        contentTypes.values().forEach(t -> {
            nodeTypes.add(t.effectiveNodeType());
            t.subModels().forEach(s -> nodeTypes.add(s.effectiveNodeType()));
        });
        for (DeliveryEndpointDefinition e : endpoints.values()) {
            if (e.workspace().equals("dam")) {
                continue; // Magnolia's DAM module owns the workspace and its node types (mgnl:asset, mgnl:resource)
            }
            if (!workspaces.contains(e.workspace())) {
                problems.report(Severity.MAJOR, e.source(), 0, "workspace", "Workspace '" + e.workspace()
                        + "' holds no content type" + Suggestions.hint(e.workspace(), workspaces));
                continue;
            }
            ContentTypeDefinition type = contentTypes.values().stream()
                    .filter(t -> t.workspace().equals(e.workspace())).findFirst().orElseThrow();
            for (String list : List.of("nodeTypes", "childNodeTypes")) {
                for (String nodeType : list.equals("nodeTypes") ? e.nodeTypes() : e.childNodeTypes()) {
                    if (!nodeTypes.contains(nodeType)) {
                        problems.report(Severity.MAJOR, e.source(), 0, list, "Node type '" + nodeType
                                + "' is not registered" + Suggestions.hint(nodeType, nodeTypes));
                    }
                }
            }
            // with referenceDepth 2 or more a reference may be for a property of the referenced nodes
            List<ContentTypeDefinition> holders = e.referenceDepth() > 1
                    ? List.copyOf(contentTypes.values()) : List.of(type);
            for (int i = 0; i < e.references().size(); i++) {
                ReferenceDefinition r = e.references().get(i);
                String key = "references[" + i + "]";
                if (holders.stream().allMatch(t -> t.property(r.propertyName()).isEmpty() && t.properties()
                        .stream().noneMatch(p -> matchesPattern(p.name(), r.propertyName())))) {
                    problems.report(Severity.MAJOR, e.source(), 0, key + ".propertyName", "Content type '"
                            + type.name() + "' has no property '" + r.propertyName() + "'" + Suggestions.hint(
                                    r.propertyName(), type.properties().stream().map(PropertyDefinition::name)
                                            .toList()));
                }
                if (r.targetWorkspace() != null && !workspaces.contains(r.targetWorkspace())) {
                    problems.report(Severity.MAJOR, e.source(), 0, key + ".referenceResolver.targetWorkspace",
                            "Workspace '" + r.targetWorkspace() + "' holds no content type"
                                    + Suggestions.hint(r.targetWorkspace(), workspaces));
                }
            }
        }
    }

    private static void checkReferences(Map<String, ContentTypeDefinition> contentTypes, ProblemReporter problems) {
        // A type with a dangling reference is left out; repeat, since leaving one out may strand another.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ContentTypeDefinition type : List.copyOf(contentTypes.values())) {
                List<String> missing = new ArrayList<>();
                collectMissing(type.properties(), "model.properties", contentTypes, missing);
                for (SubModelDefinition sub : type.subModels()) {
                    collectMissing(sub.properties(), "model.subModels." + sub.name() + ".properties", contentTypes,
                            missing);
                }
                if (!missing.isEmpty()) {
                    missing.forEach(m -> problems.report(Severity.SEVERE, type.source(), 0, m.split("\t")[0],
                            m.split("\t")[1]));
                    contentTypes.remove(type.name());
                    changed = true;
                }
            }
        }
    }

    private static void collectMissing(List<PropertyDefinition> properties, String path,
            Map<String, ContentTypeDefinition> contentTypes, List<String> missing) {
        for (PropertyDefinition p : properties) {
            if (p.type().kind() == PropertyType.Kind.REFERENCE && !contentTypes.containsKey(p.type().target())) {
                missing.add(path + "." + p.name() + ".type\tProperty '" + p.name() + "' has type "
                        + p.type().yamlName() + ", but content type '" + p.type().target()
                        + "' is not registered or the content type name is misspelled");
            }
        }
    }

    private static void readMessages(Path dir, Map<String, Map<String, String>> messages, ProblemReporter problems) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (Path file : list(dir, problems)) {
            String fileName = file.getFileName().toString();
            if (!fileName.endsWith(".properties")) {
                continue;
            }
            String base = fileName.substring(0, fileName.length() - ".properties".length());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*?_([a-z]{2,3}(?:_[A-Z]{2})?)$").matcher(base);
            String language = m.matches() ? m.group(1) : "";
            Properties bundle = new Properties();
            // Magnolia 6 reads light-module bundles as UTF-8 (not Java's ISO-8859-1 default)
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                bundle.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                problems.report(Severity.MAJOR, file, 0, "", "Cannot read message bundle: " + e.getMessage());
                continue;
            }
            Map<String, String> target = messages.computeIfAbsent(language, l -> new LinkedHashMap<>());
            for (String key : bundle.stringPropertyNames()) {
                String previous = target.put(key, bundle.getProperty(key));
                if (previous != null && !previous.equals(bundle.getProperty(key))) {
                    problems.report(Severity.MINOR, file, 0, key, "Message key '" + key
                            + "' is defined twice for language '" + language + "'; the later bundle wins");
                }
            }
        }
    }

    /** A folder is a light module if it has a descriptor or one of the definition folders we read. */
    private static boolean isModule(Path dir) {
        if (!Files.isDirectory(dir) || dir.getFileName().toString().startsWith(".")) {
            return false;
        }
        return Stream.of("module.yaml", CONTENT_TYPES, APPS, REST_ENDPOINTS, I18N)
                .anyMatch(name -> Files.exists(dir.resolve(name)));
    }

    private static List<Path> yamlFiles(Path dir, ProblemReporter problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.report(Severity.SEVERE, dir, 0, "", "Cannot list folder: " + e);
            return List.of();
        }
    }

    private static List<Path> list(Path dir, ProblemReporter problems) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            problems.report(Severity.SEVERE, dir, 0, "", "Cannot list folder: " + e);
            return List.of();
        }
    }

    /** A light module folder and the parser resolving its includes against its light-modules folder. */
    private record Module(String name, Path dir, YamlParser parser) {
    }

}
