package vn.tinnhiem.shared.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * With no spring.datasource.url the application brings its own MariaDB server; with one, Spring Boot's
 * usual datasource settings take over and this stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "release")
    EmbeddedMariaDb embeddedMariaDb(@Value("${tinnhiem.db.data-dir:data/mariadb}") String dataDir,
            @Value("${tinnhiem.db.port:3307}") int port, @Value("${tinnhiem.keys.dir:keys}") String keysDir) {
        return EmbeddedMariaDb.start(Path.of(dataDir), port, Path.of(keysDir));
    }

    /**
     * The migrations run as the schema's owner (root on the embedded server), on a connection of their
     * own that closes when they are done; the running application's pool has rows only (no DDL), so
     * nothing it is made to run can add a trigger, a column or a table.
     */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource migrationDataSource(EmbeddedMariaDb server, @Value("${tinnhiem.db.name:tinnhiem}") String database) {
        var dataSource = new DriverManagerDataSource(
                // In UTC, like the application's connections: a migration's times must not move with the zone.
                server.createDatabase(database) + "?sessionVariables=time_zone='+00:00'", "root", server.rootPassword());
        return dataSource;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedMariaDb server, @Value("${tinnhiem.db.name:tinnhiem}") String database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.createDatabase(database));
        // The application's own account: rights on its database only, never root.
        dataSource.setUsername(server.appUser());
        dataSource.setPassword(server.appPassword());
        dataSource.setPoolName("tinnhiem-embedded");
        // Times are stored in UTC; pin the session's zone so nothing converts through the machine's.
        dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
