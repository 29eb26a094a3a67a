package org.fractionball.lms.infrastructure.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.fractionball.lms.infrastructure.web.RequestContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axon's append statement, made to return the global positions PostgreSQL gives the rows, so a
 * request learns the position of its write from the append itself instead of reading it back
 * (architecture "Read-your-writes"). The positions reach the request's {@link RequestContext}
 * only once the unit of work has committed: a rolled-back append reports nothing.
 */
public final class PositionReportingAppend implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        RequestContext context = RequestContext.current();
        if (context == null || !CurrentUnitOfWork.isStarted()) {
            return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                    timestampWriter);
        }
        Connection returningKeys = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        PreparedStatement statement = connection.prepareStatement((String) args[0], new String[]{
                                schema.globalIndexColumn(), schema.aggregateIdentifierColumn()});
                        return reporting(statement, context);
                    }
                    return invoke(method, connection, args);
                });
        return JdbcEventStorageEngineStatements.appendEvents(returningKeys, schema, dataType, events, serializer,
                timestampWriter);
    }

    /** The statement, which on close reads the positions of a batch that went through, by aggregate. */
    private static PreparedStatement reporting(PreparedStatement statement, RequestContext context) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean executed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("executeBatch")) {
                    Object counts = PositionReportingAppend.invoke(method, statement, args);
                    executed = true;
                    return counts;
                }
                if (method.getName().equals("close") && executed) {
                    executed = false;
                    Map<String, Long> positions = new HashMap<>();
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        while (keys.next()) {
                            positions.merge(keys.getString(2), keys.getLong(1), Math::max);
                        }
                    }
                    CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> positions.forEach(context::appended));
                }
                return PositionReportingAppend.invoke(method, statement, args);
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
