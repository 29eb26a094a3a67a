package org.fractionball.lms.infrastructure.support;

import com.google.api.client.http.HttpTransport;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Google's certificates for the locally minted tokens ({@link LocalKeys}), for an application the
 * test starts in this JVM: {@code builder.initializers(new LocalCertificates())}. An initializer,
 * not a {@code @Configuration}: component scanning would put one in every test context.
 */
public final class LocalCertificates implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean("firebaseCertificates", HttpTransport.class,
                LocalKeys::certificateTransport);
    }
}
