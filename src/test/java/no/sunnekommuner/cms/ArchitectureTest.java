package no.sunnekommuner.cms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.bootstrap.SystemViewImporter;
import org.junit.jupiter.api.Test;

/**
 * The package lines of the runtime, checked on the compiled classes: each rule names the lower packages a package
 * may use (definition → content → repository → security → delivery / editor → server), and the access policy
 * cannot be walked around from the editor or the REST API.
 */
class ArchitectureTest {

    private static final String ROOT = "no.sunnekommuner.cms";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void definitionsDependOnNothingOfTheRuntime() {
        noClasses().that().resideInAPackage(pkg("definition")).should().dependOnClassesThat()
                .resideInAnyPackage(pkg("content"), pkg("repository"), pkg("security"), pkg("delivery"),
                        pkg("editor"), pkg("server"))
                .check(CLASSES);
    }

    @Test
    void contentDependsOnlyOnDefinitions() {
        noClasses().that().resideInAPackage(pkg("content")).should().dependOnClassesThat()
                .resideInAnyPackage(pkg("repository"), pkg("security"), pkg("delivery"), pkg("editor"),
                        pkg("server"))
                .check(CLASSES);
    }

    @Test
    void repositoryKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage(pkg("repository")).should().dependOnClassesThat()
                .resideInAnyPackage(pkg("security"), pkg("delivery"), pkg("editor"), pkg("server"))
                .check(CLASSES);
    }

    @Test
    void securityKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage(pkg("security")).should().dependOnClassesThat()
                .resideInAnyPackage(pkg("delivery"), pkg("editor"), pkg("server"))
                .check(CLASSES);
    }

    @Test
    void layersFromDefinitionsUpToTheCompositionRoot() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("definition").definedBy(pkg("definition"))
                .layer("content").definedBy(pkg("content"))
                .layer("repository").definedBy(pkg("repository"))
                .layer("security").definedBy(pkg("security"))
                .layer("delivery").definedBy(pkg("delivery"))
                .layer("editor").definedBy(pkg("editor"))
                .layer("server").definedBy(pkg("server"))
                .whereLayer("server").mayNotBeAccessedByAnyLayer()
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("server")
                .whereLayer("editor").mayOnlyBeAccessedByLayers("server")
                .whereLayer("security").mayOnlyBeAccessedByLayers("delivery", "editor", "server")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("security", "delivery", "editor", "server")
                .whereLayer("content").mayOnlyBeAccessedByLayers("repository", "security", "delivery", "editor",
                        "server")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void deliveryAndEditorAreIndependent() {
        noClasses().that().resideInAPackage(pkg("delivery")).should().dependOnClassesThat()
                .resideInAPackage(pkg("editor")).check(CLASSES);
        noClasses().that().resideInAPackage(pkg("editor")).should().dependOnClassesThat()
                .resideInAPackage(pkg("delivery")).check(CLASSES);
    }

    /**
     * JCR behind one port: {@code repository} is the only package that uses JCR, Jackrabbit or its Lucene index;
     * the others read and write through the ports of {@code content.spi} (ContentStore, NodeReader, UserStore,
     * TokenStore).
     */
    @Test
    void onlyTheRepositoryTouchesJcr() {
        noClasses().that().resideOutsideOfPackage(pkg("repository"))
                .should().dependOnClassesThat().resideInAnyPackage("javax.jcr..", "org.apache.jackrabbit..",
                        "org.apache.lucene..")
                .check(CLASSES);
    }

    /**
     * The content service's writes named by a plain user name act as the runtime itself (bootstrap, demo, the
     * command-line import): requests of people must pass their actor, or the access policy would not see them.
     */
    @Test
    void theEditorAndTheRestApiWriteOnlyAsTheirActor() {
        DescribedPredicate<JavaMethodCall> systemWrite = new DescribedPredicate<>(
                "a write of the content service or importer that acts as the runtime (String user)") {
            @Override
            public boolean test(JavaMethodCall call) {
                var target = call.getTarget();
                boolean owner = target.getOwner().isEquivalentTo(ContentService.class)
                        || target.getOwner().isEquivalentTo(SystemViewImporter.class);
                return owner && target.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(String.class))
                        && target.getRawParameterTypes().stream().noneMatch(p ->
                                p.getName().equals("no.sunnekommuner.cms.content.Actor"))
                        && isWrite(target.getName());
            }
        };
        noClasses().that().resideInAnyPackage(pkg("editor"), pkg("delivery")).should().callMethodWhere(systemWrite)
                .check(CLASSES);
    }

    private static boolean isWrite(String method) {
        return switch (method) {
            case "create", "update", "patch", "importTree", "move", "delete", "publish", "publishRecursive",
                    "unpublish", "restore", "importXml" -> true;
            default -> false;
        };
    }
}
