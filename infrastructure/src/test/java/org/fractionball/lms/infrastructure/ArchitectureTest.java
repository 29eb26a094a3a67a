package org.fractionball.lms.infrastructure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of the CQRS split, checked on the production classes of every module (the
 * infrastructure module sees them all on its classpath). Each rule fails when the classes it is about
 * cannot be found, so a renamed package cannot make a rule pass vacuously.
 */
class ArchitectureTest {
    private static final String EVENTS = "org.fractionball.lms.events..";
    private static final String COMMAND = "..lms.command..";
    private static final String QUERY = "..lms.query..";
    private static final String PROJECTIONS = "..lms.projections..";
    private static final String INFRASTRUCTURE = "..lms.infrastructure..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fractionball.lms");
    }

    @Test
    void eventsDependOnNothingOfOursOutsideEvents() {
        noClasses().that().resideInAPackage(EVENTS)
                .should().dependOnClassesThat(resideInAPackage("org.fractionball.lms..")
                        .and(resideOutsideOfPackage(EVENTS)))
                .because("events are the published language shared by every module and stored forever; "
                        + "they must not change when a command, query, projection or adapter does")
                .check(classes);
    }

    @Test
    void eventsDependOnNoFrameworkOrInfrastructureApi() {
        noClasses().that().resideInAPackage(EVENTS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "jakarta.servlet..", "java.sql..")
                .because("events are plain serialized data: they must deserialize in any reader without "
                        + "Spring, Axon, a servlet container or a database driver")
                .check(classes);
    }

    @Test
    void commandSideNeverReadsProjectionsOrQueries() {
        noClasses().that().resideInAPackage(COMMAND)
                .should().dependOnClassesThat().resideInAnyPackage(PROJECTIONS, QUERY)
                .because("the command side decides from its aggregates and its own set-validation tables; "
                        + "projection tables are eventually consistent and must never back a decision")
                .check(classes);
    }

    @Test
    void querySideNeverSendsCommands() {
        noClasses().that().resideInAPackage(QUERY)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, "org.axonframework.commandhandling..")
                .because("the query side only reads projections; a read must never change state")
                .check(classes);
    }

    @Test
    void projectionsDependOnlyOnEvents() {
        noClasses().that().resideInAPackage(PROJECTIONS)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, QUERY, INFRASTRUCTURE)
                .because("projections are built from events alone, so they can be replayed from the event "
                        + "store without the command side, the query side or the application wiring")
                .check(classes);
    }

    @Test
    void onlyInfrastructureDependsOnInfrastructure() {
        noClasses().that().resideOutsideOfPackage(INFRASTRUCTURE)
                .should().dependOnClassesThat().resideInAPackage(INFRASTRUCTURE)
                .because("infrastructure is the outermost layer (wiring, adapters, security); the domain "
                        + "modules are plugged into it, never the other way round")
                .check(classes);
    }
}
