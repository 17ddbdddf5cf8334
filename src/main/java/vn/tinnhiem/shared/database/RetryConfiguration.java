package vn.tinnhiem.shared.database;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * Puts {@link RetriedWhenBusyInterceptor} around {@link RetriedWhenBusy} services, outermost: before method
 * security (a retry checks the role again, harmlessly) and before the transaction, which each attempt begins anew.
 */
@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor retriedWhenBusyAdvisor() {
        var pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(RetriedWhenBusy.class, true))
                .union(new AnnotationMatchingPointcut(null, RetriedWhenBusy.class, true));
        var advisor = new DefaultPointcutAdvisor(pointcut, new RetriedWhenBusyInterceptor());
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}
