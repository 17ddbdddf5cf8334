package vn.tinnhiem.shared.database;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Instances that start together on one database migrate it one after the other ({@link OneMigrationAtATime}). */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    @Bean
    FlywayMigrationStrategy oneMigrationAtATime() {
        return OneMigrationAtATime::migrate;
    }
}
