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
    DataSource dataSource(EmbeddedMariaDb server, @Value("${tinnhiem.db.name:tinnhiem}") String database,
            @Value("${tinnhiem.db.fresh:false}") boolean fresh) {
        if (fresh) {
            server.dropDatabaseOncePerProcess(database);
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.createDatabase(database));
        // The embedded server listens on loopback only and runs with grant tables skipped.
        dataSource.setUsername("root");
        dataSource.setPoolName("tinnhiem-embedded");
        // Times are stored in UTC; a TIMESTAMP column converts through the session's zone, so pin it.
        dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
