package vn.tinnhiem.shared.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
            @Value("${tinnhiem.db.port:3307}") int port) {
        return EmbeddedMariaDb.start(Path.of(dataDir), port);
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
