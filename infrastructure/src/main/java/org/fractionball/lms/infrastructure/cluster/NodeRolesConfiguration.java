package org.fractionball.lms.infrastructure.cluster;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The node's roles applied: event processors run only on projection nodes, and API routes a node
 * does not serve are refused before authentication.
 */
@Configuration(proxyBeanMethods = false)
public class NodeRolesConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NodeRolesConfiguration.class);

    @Bean
    public NodeRoles nodeRoles(Environment environment) {
        NodeRoles roles = NodeRoles.of(environment);
        log.info("Node roles: {}", roles);
        return roles;
    }

    /**
     * Replaces Axon's auto-configured module (same class otherwise). Without the projections role
     * the tracking processors are built but never started, so they claim no segment, while the
     * operations API and health checks still find them by name and read their tokens.
     */
    @Bean
    public EventProcessingModule eventProcessingModule(Environment environment) {
        return NodeRoles.of(environment).has(NodeRoles.Role.PROJECTIONS) ? new EventProcessingModule()
                : new DormantProcessors();
    }

    @Bean
    public FilterRegistrationBean<NodeRoleFilter> nodeRoleFilter(NodeRoles roles) {
        FilterRegistrationBean<NodeRoleFilter> registration = new FilterRegistrationBean<>(new NodeRoleFilter(roles));
        // after the request id and the host check, before Spring Security: a refused route costs no token check
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setEnabled(!roles.all());
        return registration;
    }

    static final class DormantProcessors extends EventProcessingModule {
        @Override
        protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                        TrackingEventProcessorConfiguration configuration,
                                                        StreamableMessageSource<TrackedEventMessage<?>> source) {
            return super.trackingEventProcessor(name, invoker, configuration.andAutoStart(false), source);
        }
    }
}
