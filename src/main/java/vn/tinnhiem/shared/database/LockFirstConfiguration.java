package vn.tinnhiem.shared.database;

import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every jOOQ statement is counted per transaction, so that a freezing lock taken late is refused ({@link LockFirst}). */
@Configuration(proxyBeanMethods = false)
class LockFirstConfiguration {

    @Bean
    ExecuteListenerProvider lockFirst() {
        return new DefaultExecuteListenerProvider(new LockFirst());
    }
}
