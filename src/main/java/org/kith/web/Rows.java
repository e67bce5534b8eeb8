package org.kith.web;

import java.lang.reflect.Constructor;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Rows into records by column name, {@code snake_case} or {@code camelCase}, as {@code JdbcClient.query(Class)}
 * does, but resolving the columns once per result set from its metadata. Spring's own mapper asks the driver for
 * the camelCase name first and catches the failure: on H2 every miss is an exception written with its stack
 * trace to the trace file under a global lock, several per request (issue 9).
 */
public final class Rows {

    private record Shape(Constructor<?> constructor, String[] names, MethodParameter[] parameters) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

    private Rows() {
    }

    /** A new mapper for one query (it remembers the last result set's columns, so it is not shared). */
    public static <T> RowMapper<T> of(Class<T> type) {
        Shape shape = SHAPES.computeIfAbsent(type, Rows::shape);
        return new RowMapper<>() {
            private ResultSet seen;
            private int[] columns;

            @Override
            @SuppressWarnings("unchecked")
            public T mapRow(ResultSet rs, int rowNum) throws SQLException {
                if (rs != seen) {
                    columns = columns(rs.getMetaData(), shape, type);
                    seen = rs;
                }
                Object[] args = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    MethodParameter parameter = shape.parameters()[i];
                    Object value = JdbcUtils.getResultSetValue(rs, columns[i], parameter.getParameterType());
                    args[i] = CONVERSIONS.convert(value, new TypeDescriptor(parameter));
                }
                return (T) BeanUtils.instantiateClass(shape.constructor(), args);
            }
        };
    }

    private static Shape shape(Class<?> type) {
        Constructor<?> constructor = BeanUtils.getResolvableConstructor(type);
        String[] names = BeanUtils.getParameterNames(constructor);
        MethodParameter[] parameters = new MethodParameter[names.length];
        for (int i = 0; i < names.length; i++) {
            parameters[i] = new MethodParameter(constructor, i);
        }
        return new Shape(constructor, names, parameters);
    }

    private static int[] columns(ResultSetMetaData meta, Shape shape, Class<?> type) throws SQLException {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = meta.getColumnCount(); i >= 1; i--) {
            byName.put(JdbcUtils.lookupColumnName(meta, i).toLowerCase(Locale.ROOT), i);
        }
        int[] columns = new int[shape.names().length];
        for (int i = 0; i < columns.length; i++) {
            String name = shape.names()[i];
            Integer column = byName.get(JdbcUtils.convertPropertyNameToUnderscoreName(name));
            if (column == null) {
                column = byName.get(name.toLowerCase(Locale.ROOT));
            }
            if (column == null) {
                throw new InvalidDataAccessApiUsageException(
                        "No column for " + type.getSimpleName() + "." + name + " in the query's result");
            }
            columns[i] = column;
        }
        return columns;
    }
}
