package dev.keelson.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Keelson API server on the memory store: test methods (and
 * {@code @BeforeAll}/{@code @BeforeEach} methods) may take a {@link dev.keelson.client.KubeClient},
 * the {@link dev.keelson.apiserver.ApiServer}, or a {@link dev.keelson.controller.time.FakeClock}
 * (a fresh one per test) as parameters. See {@link KeelsonExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KeelsonExtension.class)
public @interface KeelsonTest {
  /** A fresh server for every test method (isolated, slower) instead of one per test class. */
  boolean perTest() default false;
}
