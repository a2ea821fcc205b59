package dev.smo1.accounts.testing;

import dev.smo1.localstores.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database with the accounts module's own migrations applied, as the node
 * applies them (its history table, no other module's tables): one per test class.
 */
public final class AccountsDatabase {
  private AccountsDatabase() {}

  public static PGSimpleDataSource migrated() {
    var dataSource = new PGSimpleDataSource();
    dataSource.setURL(TestPostgres.newDatabase());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/accounts")
        .table("flyway_schema_history_accounts")
        .load()
        .migrate();
    return dataSource;
  }
}
