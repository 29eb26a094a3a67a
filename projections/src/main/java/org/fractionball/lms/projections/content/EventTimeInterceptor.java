package org.fractionball.lms.projections.content;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands each content event's timestamp to the database before its handler runs (transaction-local
 * setting {@code lms.event_time}), so the history trigger on {@code content_view} dates every row
 * version by the event that made it — also when the projection is rebuilt long afterwards.
 */
@Configuration(proxyBeanMethods = false)
public class EventTimeInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {
    private final JdbcTemplate jdbc;

    public EventTimeInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Autowired
    void register(EventProcessingConfigurer processing) {
        processing.registerHandlerInterceptor(ProjectionNames.CONTENT, configuration -> this);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        jdbc.queryForObject("SELECT set_config('lms.event_time', ?, true)", String.class,
                unitOfWork.getMessage().getTimestamp().toString());
        return chain.proceed();
    }
}
