package org.fractionball.lms.infrastructure.ops.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.fractionball.lms.projections.WriteMode;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One rebuild running on this node: a tracking processor {@code <group>@v<N+1>} from the start of
 * the store over new instances of the group's handlers, whose SQL lands in the copies because their
 * connections (a small pool of their own) search {@code rebuild_<group>} before {@code public}.
 * Tables the group does not own (version counters, other groups' tables it reads) resolve to
 * {@code public}; the handlers write in {@link WriteMode#rebuild()}. The processor's token, in
 * {@code token_entry} like every other, commits with its rows, so a restart resumes where the last
 * batch ended.
 */
final class RebuildRun implements AutoCloseable {
    private static final String PROJECTIONS_PACKAGE = "org.fractionball.lms.projections";

    final String group;
    final int targetVersion;
    final String processorName;
    private final HikariDataSource pool;
    private final TrackingEventProcessor processor;

    private RebuildRun(String group, int targetVersion, HikariDataSource pool, TrackingEventProcessor processor) {
        this.group = group;
        this.targetVersion = targetVersion;
        this.processorName = processorName(group, targetVersion);
        this.pool = pool;
        this.processor = processor;
    }

    static String processorName(String group, int targetVersion) {
        return group + "@v" + targetVersion;
    }

    /** Builds the processor (not started) for the group's next version. */
    static RebuildRun prepare(ApplicationContext context, String group, int targetVersion, int segments,
                              int batchSize, String nodeId) throws SQLException {
        HikariDataSource live = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("rebuild-" + group);
        pool.setJdbcUrl(live.getJdbcUrl());
        pool.setUsername(live.getUsername());
        pool.setPassword(live.getPassword());
        pool.setDataSourceProperties(live.getDataSourceProperties());
        pool.setMaximumPoolSize(segments + 1);
        pool.setMinimumIdle(0);
        pool.setConnectionInitSql("SET search_path TO " + RebuildSchema.building(group) + ", public");
        try {
            DefaultListableBeanFactory handlers = new DefaultListableBeanFactory(
                    context.getAutowireCapableBeanFactory());
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            for (String name : context.getBeanNamesForType(JdbcTemplate.class)) {
                handlers.registerSingleton(name, jdbc);
            }
            for (String name : context.getBeanNamesForType(WriteMode.class)) {
                handlers.registerSingleton(name, WriteMode.rebuild());
            }
            Configuration axon = context.getBean(Configuration.class);
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
            for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = ClassUtils.getUserClass(bean);
                ProcessingGroup annotation = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
                if (annotation != null && annotation.value().equals(group)) {
                    adapters.add(new AnnotationEventHandlerAdapter(renew(handlers, context, type),
                            axon.parameterResolverFactory(), axon.handlerDefinition(type)));
                }
            }
            JdbcTokenStore tokens = JdbcTokenStore.builder()
                    .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                            new SpringDataSourceConnectionProvider(pool)))
                    .schema(context.getBean(TokenSchema.class))
                    .serializer(context.getBean(Serializer.class))
                    .nodeId(nodeId)
                    .contentType(byte[].class)
                    .build();
            // errors propagate: a rebuild that cannot apply an event must say so, not skip it
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name(processorName(group, targetVersion))
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(adapters)
                            .sequencingPolicy(processing.sequencingPolicy(group))
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build())
                    // one batch read and decoded ahead while the processor writes the one before
                    .messageSource(new PrefetchingEventSource(context.getBean(EventStore.class), batchSize))
                    .tokenStore(tokens)
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(pool)))
                    .trackingEventProcessorConfiguration((segments == 1
                            ? TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            : TrackingEventProcessorConfiguration.forParallelProcessing(segments))
                            .andInitialSegmentsCount(segments)
                            .andBatchSize(batchSize)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
            for (MessageHandlerInterceptor<? super EventMessage<?>> interceptor : processing.interceptorsFor(group)) {
                if (isProjectionCode(interceptor.getClass())) {
                    processor.registerHandlerInterceptor(renew(handlers, context, interceptor.getClass()));
                }
            }
            return new RebuildRun(group, targetVersion, pool, processor);
        } catch (RuntimeException failure) {
            pool.close();
            throw failure;
        }
    }

    /**
     * A new instance of a projection class wired to the rebuild's connections: its collaborators from
     * the projections module (version counters) are created anew as well, so their writes join the
     * rebuild's transaction; anything else comes from the application.
     */
    @SuppressWarnings("unchecked")
    private static <T> T renew(DefaultListableBeanFactory factory, ApplicationContext context, Class<?> type) {
        for (Class<?> dependency : BeanUtils.getResolvableConstructor(type).getParameterTypes()) {
            if (isProjectionCode(dependency) && !dependency.isInterface()
                    && factory.getBeanNamesForType(dependency, true, false).length == 0) {
                Object instance = renew(factory, context, dependency);
                for (String name : context.getBeanNamesForType(dependency)) {
                    factory.registerSingleton(name, instance);
                }
            }
        }
        return (T) factory.autowire(type, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
    }

    private static boolean isProjectionCode(Class<?> type) {
        return type.getName().startsWith(PROJECTIONS_PACKAGE + ".");
    }

    void start() {
        processor.start();
    }

    /** Stops the processor once its current batch is committed. */
    void stop() {
        processor.shutDown();
    }

    /** The error that stopped a segment, null while it processes normally. */
    String error() {
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            if (status.isErrorState()) {
                return status.getError() == null ? "error" : status.getError().toString();
            }
        }
        return null;
    }

    @Override
    public void close() {
        processor.shutDown();
        pool.close();
    }
}
