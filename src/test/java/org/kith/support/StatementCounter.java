package org.kith.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the current thread prepares, on any database, so a test can say "this costs the
 * same number of queries however many tasks there are" without timing anything.
 */
@Component
public class StatementCounter implements BeanPostProcessor {

    private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "createStatement", "prepareCall");
    /** The statements of the innermost count under way on this thread; none outside a count. */
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    /** What the work returned, and the SQL of each statement it prepared, in order. */
    public record Counted<T>(T result, List<String> sql) {

        public long statements() {
            return sql.size();
        }
    }

    public <T> Counted<T> count(Supplier<T> work) {
        List<String> outer = RECORDING.get();
        List<String> mine = new ArrayList<>();
        RECORDING.set(mine);
        try {
            return new Counted<>(work.get(), List.copyOf(mine));
        } finally {
            if (outer == null) {
                RECORDING.remove();
            } else {
                outer.addAll(mine);
                RECORDING.set(outer);
            }
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
            return new Counting(dataSource);
        }
        return bean;
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(super.getConnection(username, password));
        }

        private static Connection counted(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "equals": return proxy == args[0];
                    case "hashCode": return System.identityHashCode(proxy);
                    default: break;
                }
                List<String> recording = RECORDING.get();
                if (recording != null && STATEMENT_FACTORIES.contains(method.getName())) {
                    recording.add(args != null && args.length > 0 && args[0] instanceof String sql
                            ? sql.replaceAll("\\s+", " ").trim() : "(statement)");
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }
}
