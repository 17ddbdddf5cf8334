package vn.tinnhiem.shared.database;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a {@link RetriedWhenBusy} method that is {@code @Transactional} through {@link DatabaseRetry}, outside its transaction: this advice is
 * ordered before the transaction's, so every attempt begins and ends a transaction of its own. The method's
 * commit happens inside the proxy, out of sight, so a connection lost during a writing call is taken as a
 * commit of unknown outcome and not retried; a read-only call is retried either way.
 */
final class RetriedWhenBusyInterceptor implements MethodInterceptor {

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || !(invocation instanceof ProxyMethodInvocation proxied)) {
            return invocation.proceed();
        }
        Transactional transactional = transactional(invocation.getMethod(), invocation.getThis());
        if (transactional == null) {
            // Not one unit: perhaps several transactions of its own, which a retry of the whole would repeat.
            return invocation.proceed();
        }
        boolean readOnly = transactional.readOnly();
        // A clone per attempt: the same invocation cannot run the chain below this advice twice.
        return DatabaseRetry.run(progress -> proxied.invocableClone().proceed(), null, false, readOnly);
    }

    private static @Nullable Transactional transactional(Method method, @Nullable Object target) {
        Method specific = target == null ? method : AopUtils.getMostSpecificMethod(method, target.getClass());
        Transactional onMethod = AnnotatedElementUtils.findMergedAnnotation(specific, Transactional.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(specific.getDeclaringClass(), Transactional.class);
    }
}
