package no.sunnekommuner.cms.content.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The resource mappings of applications name properties the light module's types really have: a property renamed
 * in YAML without its mapping fails here, not in a visitor's form.
 */
class ApplicationModelTest {

    static final Path TYPES = Path.of("light-modules/sunne-kommuner/contentTypes");

    static Set<String> propertiesOf(String type) throws IOException {
        try (InputStream in = Files.newInputStream(TYPES.resolve(type + ".yaml"))) {
            Map<?, ?> model = (Map<?, ?>) ((Map<?, ?>) new Yaml().load(in)).get("model");
            Set<String> names = new TreeSet<>();
            for (Object p : (List<?>) model.get("properties")) {
                names.add(String.valueOf(((Map<?, ?>) p).get("name")));
            }
            return names;
        }
    }

    static Properties resource(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ApplicationModelTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyMappedPropertyExistsInItsContentType() throws IOException {
        ApplicationModel model = ApplicationModel.load();
        Set<String> application = propertiesOf(model.applicationType());
        Set<String> member = propertiesOf(model.createdType());
        Properties file = resource(ApplicationModel.RESOURCE);
        assertThat(file.stringPropertyNames()).filteredOn(k -> k.startsWith("application.")).hasSize(17)
                .allSatisfy(k -> assertThat(application).as(k).contains(file.getProperty(k)));
        assertThat(file.stringPropertyNames()).filteredOn(k -> k.startsWith("member.")).hasSize(6)
                .allSatisfy(k -> assertThat(member).as(k).contains(file.getProperty(k)));
        for (String role : ApplicationModel.SUBMITTED_TEXTS) {
            assertThat(application).contains(model.application(role));
        }
    }

    @Test
    void theWebsiteFormSendsTheApplicationsProperties() throws IOException {
        Set<String> application = propertiesOf(ApplicationModel.load().applicationType());
        Properties site = resource("/website/site-model.properties");
        for (String key : List.of("apply.decisionDate", "apply.consent", "apply.consentText",
                "apply.declarationFileName")) {
            assertThat(application).as(key).contains(site.getProperty(key).trim());
        }
        for (String field : site.getProperty("apply.texts").split(",")) {
            assertThat(application).contains(field.trim());
        }
    }
}
