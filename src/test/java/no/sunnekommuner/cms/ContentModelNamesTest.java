package no.sunnekommuner.cms;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The light module is the whole content model (issue 9): no Java code of {@code src/main/java} names a property of
 * our content types, neither as a string ({@code "publishDate"}, {@code "publishDate desc"}, {@code "featured=…"})
 * nor as an identifier ({@code memberType}). The names are read from the module's {@code contentTypes/*.yaml};
 * resources (templates, {@code website/site-model.properties}, the light module) are where they belong.
 */
class ContentModelNamesTest {

    static final Path MODULE = Path.of("light-modules/sunne-kommuner/contentTypes");
    static final Path MAIN = Path.of("src/main/java");

    /**
     * Property names that are also ordinary words of the formats the runtime speaks itself, so a string or
     * identifier with that name usually means something else; each with what it means there. Code reading these
     * content properties still belongs in a resource (the website reads them through its site model).
     */
    static final Map<String, String> ORDINARY_WORDS = ImmutableMap.<String, String>builder()
            .put("name", "Magnolia's definition key, the nodes API's JSON, token and user names")
            .put("title", "OpenAPI, Atom and HTML elements")
            .put("description", "OpenAPI and Magnolia's definition key")
            .put("summary", "OpenAPI and Atom elements")
            .put("author", "the Atom element")
            .put("link", "Atom, HTML and ARIA")
            .put("role", "ARIA and the roles of users and tokens")
            .put("body", "HTTP request bodies and HTML")
            .put("number", "messages about numbers")
            .put("email", "the e-mail validator")
            .put("image", "HTML")
            .put("members", "the website's section and template names")
            .put("county", "the website's filter parameter and the county code list")
            .put("website", "the website package and its settings")
            .put("active", "ordinary English")
            .put("tags", "ordinary English")
            .put("phone", "ordinary English")
            .put("leader", "ordinary English")
            .put("population", "ordinary English")
            .put("audience", "ordinary English")
            .build();

    static Set<String> propertyNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(MODULE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Map<?, ?> root = new Yaml().load(in);
                    Map<?, ?> model = (Map<?, ?>) root.get("model");
                    collect(model.get("properties"), names);
                    if (model.get("subModels") instanceof List<?> subModels) {
                        for (Object sub : subModels) {
                            collect(((Map<?, ?>) sub).get("properties"), names);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void collect(Object properties, Set<String> names) {
        if (properties instanceof List<?> list) {
            for (Object p : list) {
                names.add(String.valueOf(((Map<?, ?>) p).get("name")));
            }
        }
    }

    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|'(?:[^'\\\\\\n]|\\\\.)+'",
            Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** Where main Java names one of {@code names}: file:line and what, for strings and identifiers outside comments. */
    static List<String> usages(Set<String> names) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                StringBuilder code = new StringBuilder();
                Matcher m = COMMENT_OR_STRING.matcher(source);
                int last = 0;
                while (m.find()) {
                    code.append(source, last, m.start());
                    String literal = m.group(2) != null ? m.group(2) : m.group(1);
                    if (literal != null) {
                        for (String name : names) {
                            if (namesProperty(literal, name)) {
                                found.add(file + ":" + line(source, m.start()) + " string \"" + literal + "\"");
                            }
                        }
                    }
                    // keep line numbers: replace the comment or string by its newlines
                    code.append(m.group().replaceAll("[^\\n]", " "));
                    last = m.end();
                }
                code.append(source.substring(last));
                Matcher id = IDENTIFIER.matcher(code);
                while (id.find()) {
                    if (names.contains(id.group())) {
                        found.add(file + ":" + line(source, id.start()) + " identifier " + id.group());
                    }
                }
            }
        }
        return found;
    }

    /** The literal is the property's name, an order by it, or a filter on it. */
    static boolean namesProperty(String literal, String name) {
        String s = literal.trim();
        return s.equals(name) || s.equals(name + " asc") || s.equals(name + " desc") || s.startsWith(name + "=")
                || s.startsWith(name + "[") || s.contains("&" + name + "=") || s.contains("?" + name + "=");
    }

    private static int line(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Test
    void mainJavaNamesNoPropertyOfOurContentTypes() throws IOException {
        Set<String> names = propertyNames();
        assertThat(names).as("property names read from " + MODULE).contains("publishDate", "memberSince", "lead",
                "featured", "themeGroups", "coordinator");
        names.removeAll(ORDINARY_WORDS.keySet());
        assertThat(usages(names)).isEmpty();
    }

    @Test
    void theScanFindsStringsAndIdentifiersButNotComments() {
        assertThat(namesProperty("publishDate desc", "publishDate")).isTrue();
        assertThat(namesProperty("featured=true", "featured")).isTrue();
        assertThat(namesProperty("news.lead", "lead")).as("a message key").isFalse();
        assertThat(COMMENT_OR_STRING.matcher("// lead").matches()).isTrue();
        assertThat(COMMENT_OR_STRING.matcher("/* {@code lead} */").matches()).isTrue();
    }
}
