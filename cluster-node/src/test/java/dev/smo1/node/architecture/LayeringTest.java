package dev.smo1.node.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering, held on the compiled main classes of every module: the link domain knows no
 * transport or store, route classes see stores only through interfaces and values, no module
 * depends on the node that wires them, and projections and clicks know each other only through the
 * link domain.
 */
class LayeringTest {
  private static final java.util.regex.Pattern TEST_JAR =
      java.util.regex.Pattern.compile(".*-tests\\.jar.*");
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    // the modules' main classes, from their target/classes or (in a full build) their jars;
    // never test classes, nor the test jars that share test helpers
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages("dev.smo1");
    for (String module :
        new String[] {
          "dev.smo1.link.",
          "dev.smo1.projection.",
          "dev.smo1.clicks.",
          "dev.smo1.http.",
          "dev.smo1.node.",
          "dev.smo1.localstores."
        }) {
      if (classes.stream().noneMatch(type -> type.getName().startsWith(module))) {
        throw new IllegalStateException("no main classes found in " + module + "*");
      }
    }
    if (classes.stream().anyMatch(type -> type.getSimpleName().endsWith("Test"))) {
      throw new IllegalStateException("test classes were imported as main classes");
    }
  }

  private static final String[] STORES_AND_TRANSPORTS = {
    "java.sql..",
    "javax.sql..",
    "com.zaxxer..",
    "org.postgresql..",
    "org.flywaydb..",
    "io.lettuce..",
    "com.clickhouse..",
    "org.apache.pekko.http..",
    "java.net.http.."
  };

  @Test
  void linkDomainUsesNoHttpJdbcRedisOrClickHouse() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.smo1.link..", "dev.smo1.serialization..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(STORES_AND_TRANSPORTS)
        .check(classes);
  }

  @Test
  void noModuleDependsOnTheNode() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.smo1.node..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.smo1.node..")
        .check(classes);
  }

  @Test
  void projectionsAndClicksDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.smo1.projection..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.smo1.clicks..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.smo1.clicks..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.smo1.projection..")
        .check(classes);
  }

  @Test
  void routeClassesImportNoStoreInternals() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Routes")
        .should()
        .dependOnClassesThat(storeInternals())
        .check(classes);
  }

  /**
   * Store clients and the classes that implement stores: a concrete class of the projections or
   * clicks modules that is not a value (record, enum, exception). Interfaces, records and enums of
   * those modules are their API.
   */
  private static DescribedPredicate<JavaClass> storeInternals() {
    return describe(
        "store clients or concrete store classes",
        type ->
            type.getPackageName().startsWith("java.sql")
                || type.getPackageName().startsWith("javax.sql")
                || type.getPackageName().startsWith("io.lettuce")
                || type.getPackageName().startsWith("com.clickhouse")
                || type.getPackageName().startsWith("com.zaxxer")
                || ((type.getPackageName().startsWith("dev.smo1.projection")
                        || type.getPackageName().startsWith("dev.smo1.clicks"))
                    && !type.isInterface()
                    && !type.isRecord()
                    && !type.isEnum()
                    && !type.isAssignableTo(Throwable.class)
                    && !type.getModifiers().contains(JavaModifier.ABSTRACT)));
  }
}
