package org.fractionball.lms.query.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The processing groups whose read tables a query endpoint reads. Before answering, the endpoint
 * waits (bounded) until each has passed the caller's last write position (read-your-writes).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {
    String[] value();
}
